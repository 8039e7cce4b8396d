#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace xr {

/// The kinds of host output `xenrescue-cli read` understands.
enum class HostOutputKind {
    Xe,               ///< xe records (any listing or *-param-list)
    XeMinimal,        ///< xe ... --minimal
    XeError,          ///< what xe printed on failure
    ListDomains,      ///< list_domains (any column set)
    XlList,           ///< xl list
    XmList,           ///< xm list, xm list --long
    XlInfo,           ///< xl info
    XmInfo,           ///< xm info
    Brctl,            ///< brctl show
    OvsVsctl,         ///< ovs-vsctl show, ovs-vsctl list-br
    IpLink,           ///< ip link / ip addr (with or without -o)
    Dom0Mem,          ///< xen-cmdline --get-xen, grub.cfg, menu.lst, extlinux, xl info
    XendConfig,       ///< /etc/xen/xend-config.sxp
    XlConf,           ///< /etc/xen/xl.conf
    ToolstackRestart, ///< what xe-toolstack-restart printed
};

/// Host output as normalised JSON, through the diagnostics parsers: what the CLI prints
/// and what admins' scripts read. Every object has "kind" and "partial" (true when the
/// parser could read only part of the input; "issues" then says what and where).
class HostOutputJson final
{
public:
    /// "xe", "xe-minimal", "xe-error", "list_domains", "xl-list", "xm-list", "xl-info",
    /// "xm-info", "brctl", "ovs-vsctl", "ip-link", "dom0-mem", "xend-config", "xl-conf",
    /// "toolstack-restart".
    static QString kindName(HostOutputKind kind);
    static std::optional<HostOutputKind> kindFromName(QStringView name);
    static QStringList kindNames();
    /// Guesses the kind from the content; nullopt when nothing fits.
    static std::optional<HostOutputKind> detect(QByteArrayView output);
    /// Parses `output` as `kind`. Fails (code "empty", "binary" or the parser's code) only
    /// when nothing usable came out.
    static Result<QJsonObject> read(HostOutputKind kind, QByteArrayView output);
};

} // namespace xr
