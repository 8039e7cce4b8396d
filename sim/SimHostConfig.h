#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace xr::sim {

/// A lab host's network and dom0-memory configuration beyond its NICs and VIFs (issue 8): what
/// the network checks and the memory advice look at. The defaults are a well-configured host;
/// scenarios change them to trip a check.
struct SimHostConfig
{
    /// net.bridge.bridge-nf-call-iptables (`sysctl`).
    bool bridgeNfCallIptables = true;
    /// vif-bridge's antispoof=yes: `iptables -S FORWARD` holds --physdev-in rules per vif.
    bool antispoof = false;
    /// Bridges with nothing on them (brctl shows them without interfaces).
    QStringList emptyBridges;
    /// xl/xm guest configuration: `vifname=` per VM name (may be longer than 15 characters).
    QJsonObject customVifNames;
    /// xl/xm guests whose vif line has no mac=.
    QStringList guestsWithoutMac;
    /// dom0_mem=NM,max:NM on the Xen command line (false: not set at all).
    bool dom0MemOnCmdline = true;
    /// What `xen-cmdline --set-xen` wrote for the next boot (0: unchanged, dom0MemMiB).
    qint64 nextBootDom0MemMiB = 0;
    /// xl.conf autoballoon value ("off", "on", "auto"; empty: no such line).
    QString xlAutoballoon = QStringLiteral("off");
    /// xend-config.sxp: enable-dom0-ballooning and dom0-min-mem (-1: the same as dom0_mem).
    bool xendBallooning = false;
    qint64 xendMinMemMiB = -1;
    /// `xe host-disable` was run (maintenance mode).
    bool hostDisabled = false;

    QJsonObject toJson() const;
    static SimHostConfig fromJson(const QJsonObject& o);
};

} // namespace xr::sim
