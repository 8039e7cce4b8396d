#pragma once

#include "HostFlavour.h"
#include "MemorySettings.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// One domain's memory as xapi or the hypervisor reports it, in MiB (-1: not reported).
struct VmMemory
{
    QString name;
    QString uuid;
    int domid = -1;
    bool controlDomain = false;
    qint64 staticMinMiB = -1;
    qint64 staticMaxMiB = -1;
    qint64 dynamicMinMiB = -1;
    qint64 dynamicMaxMiB = -1;
    /// What the domain holds now (xe memory-actual, xl list Mem).
    qint64 actualMiB = -1;
};

/// One piece of advice about dom0's memory, with its reason.
struct MemoryAdvice
{
    enum class Level {
        Good,
        Suggestion,
        Warning,
    };
    /// "dom0-mem-unset", "dom0-mem-not-pinned", "dom0-below-recommended", "dom0-as-recommended",
    /// "autoballoon-on", "autoballoon-off-unpinned", "xend-ballooning-on", "xend-min-mem-differs",
    /// "fixed-and-not-ballooning".
    QString id;
    Level level = Level::Suggestion;
    QString title;
    QString reason;

    static QString levelKey(Level level);
};

/// Raw output the memory report is built from (each optional: missing inputs become notes).
struct MemoryInputs
{
    FlavourKind flavour = FlavourKind::XapiModern;
    /// PRODUCT_BRAND: decides whose sizing advice applies (XCP-ng or XenServer).
    QString productBrand;
    QString hostUuid;
    /// `xl info` / `xm info`.
    std::optional<QByteArray> xenInfo;
    /// `xe host-param-list uuid=H` (memory-total, memory-free, memory-overhead in bytes).
    std::optional<QByteArray> xeHost;
    /// `xe vm-list resident-on=H params=...` with the memory fields.
    std::optional<QByteArray> xeVms;
    /// `xl list` / `xm list` / `list_domains` (dom0's size on xl/xm hosts).
    std::optional<QByteArray> domainList;
    /// `xen-cmdline --get-xen dom0_mem` (xapi hosts).
    std::optional<QByteArray> xenCmdline;
    /// A boot configuration file (/etc/default/grub, grub.cfg, menu.lst) and its path.
    std::optional<QByteArray> bootConfig;
    QString bootConfigPath;
    std::optional<QByteArray> xlConf;
    std::optional<QByteArray> xendConfig;
};

/// dom0 and the host's memory (XEN-FIELD-GUIDE section 7): the figures for the bars, the
/// settings with where each was read, and advice.
struct MemoryReport
{
    FlavourKind flavour = FlavourKind::XapiModern;
    qint64 totalMiB = -1;
    qint64 freeMiB = -1;
    /// Memory Xen keeps for itself (xapi's memory-overhead, else total - free - domains).
    qint64 xenMiB = -1;
    /// dom0's current size.
    qint64 dom0MiB = -1;
    /// The boot-time dom0_mem and where it was read ("xen-cmdline", "xl info", a path).
    std::optional<Dom0Mem> dom0Mem;
    QString dom0MemSource;
    /// xl.conf's autoballoon (xl hosts).
    std::optional<Autoballoon> autoballoon;
    /// xend-config.sxp (xm hosts).
    std::optional<qint64> xendMinMemMiB;
    std::optional<bool> xendBallooning;
    /// dom0 first, then the guests by name.
    QList<VmMemory> vms;
    /// What the vendor or the chapter suggests for dom0, and on what basis (translated).
    qint64 recommendedDom0MiB = -1;
    QString recommendationBasis;
    QList<MemoryAdvice> advice;
    QStringList notes;

    const MemoryAdvice* adviceById(const QString& id) const;
    QJsonObject toJson() const;

    static MemoryReport build(const MemoryInputs& inputs);
    /// XCP-ng: 4 GiB below 128 GiB of RAM, 8 GiB from 128 GiB (never below 2 GiB);
    /// XenServer / Citrix Hypervisor: 1 GiB + 5 % of RAM, at most 8 GiB. -1 for xl/xm
    /// (no vendor figure: the chapter only asks for a fixed size).
    static qint64 recommendedDom0(FlavourKind flavour, const QString& productBrand, qint64 totalMiB,
                                  QString* basis = nullptr);
    static QString autoballoonKey(Autoballoon a);
};

} // namespace xr
