#include "PowerCycleChecklist.h"

#include "XeMinimal.h"

namespace xr::ladder {

QStringList powerCycleChecklist(const RungContext& c)
{
    const VmSituation& s = c.s;
    QStringList out;
    out.append(App::translate("RecoveryLadder",
                              "Power-cycle %1 out of band (BMC, IPMI, iLO, iDRAC) yourself: XenRescue never does it.")
                   .arg(c.residentLabel()));
    if (c.flavour.isXapi()) {
        out.append(
            s.haEnabled
                ? App::translate("RecoveryLadder", "HA is on: the pool restarts protected VMs on other hosts by itself "
                                                   "once it sees this host as dead. Make sure the host is really off "
                                                   "before they start elsewhere.")
                : App::translate("RecoveryLadder", "HA is off: no VM of this host restarts elsewhere by itself; start "
                                                   "them again once the host is back."));
    }
    QList<HostRef> targets;
    for (const HostRef& h : s.otherHosts) {
        if (h.alive)
            targets.append(h);
    }
    if (targets.isEmpty()) {
        out.append(App::translate("RecoveryLadder",
                                  "No other live host is known: every VM on this host stops with it. Shut down "
                                  "cleanly the ones that still answer."));
    } else {
        QStringList names;
        for (const HostRef& h : targets)
            names.append(h.label());
        out.append(
            App::translate("RecoveryLadder", "Hosts that can take VMs: %1.").arg(names.join(QStringLiteral(", "))));
        if (c.flavour.isXapi() && XeMinimal::isUuid(s.residentHost.uuid)) {
            const ShellCommand evacuate{
                QStringLiteral("xe"), {QStringLiteral("host-evacuate"), QStringLiteral("uuid=") + s.residentHost.uuid}};
            out.append(App::translate("RecoveryLadder",
                                      "If xapi still answers, move every VM that can move first: %1 (or xe "
                                      "vm-migrate per VM).")
                           .arg(evacuate.toShell()));
        } else if (c.flavour.kind == FlavourKind::Xl) {
            out.append(App::translate("RecoveryLadder", "Move what can move first with \"xl migrate DOMID HOST\"."));
        } else if (c.flavour.kind == FlavourKind::Xm) {
            out.append(
                App::translate("RecoveryLadder", "Move what can move first with \"xm migrate --live DOMID HOST\"."));
        }
    }
    bool anyVm = false;
    for (const ResidentVm& vm : s.residentVms) {
        if (vm.isControlDomain)
            continue;
        anyVm = true;
        const QString who = vm.uuid.isEmpty() ? vm.name : QStringLiteral("%1 (%2)").arg(vm.name, vm.uuid);
        QString fate;
        if (vm.powerState == XapiPowerState::Halted || vm.powerState == XapiPowerState::Suspended)
            fate = App::translate("RecoveryLadder", "not running, not affected");
        else if (vm.haProtected && s.haEnabled)
            fate = App::translate("RecoveryLadder", "protected by HA: restarts on another host");
        else if (vm.canMigrate && !targets.isEmpty())
            fate = App::translate("RecoveryLadder", "can be migrated away first");
        else
            fate = App::translate("RecoveryLadder", "stops with the host: shut it down cleanly first if it answers");
        out.append(App::translate("RecoveryLadder", "VM %1 [%2]: %3.").arg(who, powerStateWord(vm.powerState), fate));
    }
    if (!anyVm)
        out.append(App::translate("RecoveryLadder",
                                  "The list of VMs on this host was not read: read it before switching the host off."));
    out.append(App::translate("RecoveryLadder",
                              "When the host is back, check that it rejoined (xe host-list, or xl list), then "
                              "diagnose the VM again."));
    return out;
}

} // namespace xr::ladder
