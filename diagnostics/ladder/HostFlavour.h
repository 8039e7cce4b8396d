#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace xr {

/// Which toolstack manages a host, as far as the recovery ladder cares (XEN-FIELD-GUIDE
/// sections 1 and 3): the two xapi generations differ in the tools rungs 4 and 5 use.
enum class FlavourKind {
    XapiLegacy, ///< XenServer <= 6.2 and XCP 1.x: /opt/xensource/debug/xenops, crash_guest
    XapiModern, ///< XenServer 6.5+/7.x/8.x, Citrix Hypervisor, XCP-ng: xl, xenopsd
    Xl,         ///< plain Xen with the xl toolstack
    Xm,         ///< legacy Xen with xm/xend
};

/// A program the ladder may need on a host. Checked with `command -v` / `test -x` by the
/// caller; a rung whose tool is missing does not apply and says so.
enum class HostTool {
    Xe,               ///< xe (talks to xapi)
    Xl,               ///< xl
    Xm,               ///< xm (talks to xend)
    ListDomains,      ///< list_domains (/opt/xensource/bin, hypercalls only)
    XenopsLegacy,     ///< /opt/xensource/debug/xenops (XenServer <= 6.2)
    CrashGuest,       ///< /usr/lib/xen/bin/crash_guest (XenServer <= 6.2)
    XenopsCli,        ///< xenops-cli (needs xenopsd)
    TapCtl,           ///< tap-ctl (blktap)
    ToolstackRestart, ///< xe-toolstack-restart
    Xend,             ///< the xend daemon (service xend restart)
};

/// The set of tools present on one host.
struct HostTools
{
    quint32 bits = 0;

    bool has(HostTool tool) const { return bits & (1u << unsigned(tool)); }
    void set(HostTool tool, bool present = true)
    {
        if (present)
            bits |= (1u << unsigned(tool));
        else
            bits &= ~(1u << unsigned(tool));
    }
    bool operator==(const HostTools&) const = default;

    /// What a standard install of that flavour has: used when the tools were not probed.
    static HostTools defaultsFor(FlavourKind kind);
    /// Every tool, in enum order.
    static QList<HostTool> all();
    /// The name used in JSON and messages: "xe", "list_domains", "xenops", "crash_guest"...
    static QString name(HostTool tool);
    static std::optional<HostTool> fromName(QStringView name);
    /// Where the tool lives when it is not on PATH ("/opt/xensource/debug/xenops"), else
    /// the name: what the admin would type after `command -v`.
    static QString path(HostTool tool);
};

/// A xapi host (xe), legacy or modern.
inline bool isXapiFlavour(FlavourKind kind)
{
    return kind == FlavourKind::XapiLegacy || kind == FlavourKind::XapiModern;
}

/// A host's toolstack flavour and version, read from /etc/xensource-inventory or from the
/// tools it has.
struct HostFlavour
{
    FlavourKind kind = FlavourKind::XapiModern;
    /// PRODUCT_BRAND ("XenServer", "XCP-ng", "Citrix Hypervisor"); empty for xl/xm.
    QString productBrand;
    /// PRODUCT_VERSION ("6.2.0", "8.2.1"); for xl/xm the Xen version when known.
    QString productVersion;
    /// PLATFORM_VERSION ("1.8.0" on XenServer 6.2, "3.2.1" on XCP-ng 8.2).
    QString platformVersion;

    bool isXapi() const { return isXapiFlavour(kind); }
    /// e.g. "XenServer 6.2.0 (legacy xapi)", "xl toolstack".
    QString displayName() const;

    /// Classifies from inventory fields. XenServer/XCP <= 6.2 (platform < 1.9) is legacy;
    /// XCP-ng and everything newer is modern. An unknown brand goes by the versions.
    static HostFlavour fromInventoryFields(const QString& productBrand, const QString& productVersion,
                                           const QString& platformVersion);
    /// Reads /etc/xensource-inventory (`KEY='value'` lines). Fails when the text holds
    /// none of PRODUCT_BRAND, PRODUCT_VERSION, PLATFORM_VERSION.
    static Result<HostFlavour> fromInventory(QByteArrayView inventoryText);
    /// From tool presence, with the inventory when the host has one: xe or an inventory
    /// means xapi; else xm with xend running means xm; else xl means xl. nullopt when
    /// none of them is there.
    static std::optional<HostFlavour> fromTools(const HostTools& tools, const std::optional<HostFlavour>& inventory);
    /// The CLI's `--flavour F --version V`: F is xenserver, xcp-ng, xcp, citrix, xapi,
    /// xapi-legacy, xapi-modern, xl or xm; V decides the xapi generation when F names a
    /// product. Fails with a translated message for an unknown F.
    static Result<HostFlavour> fromName(QStringView flavour, const QString& version);

    /// "xapi-legacy", "xapi-modern", "xl", "xm".
    static QString kindName(FlavourKind kind);
    static std::optional<FlavourKind> kindFromName(QStringView name);
};

/// Compares dotted version strings numerically ("6.2.0" < "6.10"); missing parts are 0.
int compareVersions(QStringView a, QStringView b);

} // namespace xr
