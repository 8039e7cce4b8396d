#include "RungVerifications.h"

#include "XeMinimal.h"

namespace xr::ladder {

namespace {

void addDomainProbe(const RungContext& c, Verification& v)
{
    if (const auto list = domainListCommand(c))
        v.probes.append(Probe{*list, HostRole::ResidentHost});
    if (c.tools.has(HostTool::TapCtl))
        v.lingeringProbes.append(
            Probe{cmd(QStringLiteral("tap-ctl"), {QStringLiteral("list")}), HostRole::ResidentHost});
    v.lingeringHint = App::translate("RecoveryLadder",
                                     "If the domain stays listed as (null) with the dying flag, a backend (tapdisk "
                                     "or qemu) still holds it: \"tap-ctl list\" shows which. That is not a success.");
}

Verification verifyHaltedAndNoDomain(const RungContext& c, int timeout)
{
    Verification v;
    v.description =
        App::translate("RecoveryLadder", "Poll until xapi records the VM as halted and %1 lists no domain for it.")
            .arg(c.residentLabel());
    v.probes.append(Probe{xePowerStateCommand(c), HostRole::PoolMaster});
    addDomainProbe(c, v);
    v.success = SuccessCondition::HaltedAndNoDomain;
    v.timeoutSeconds = timeout;
    return v;
}

Verification verifyNoDomain(const RungContext& c, int timeout)
{
    Verification v;
    v.description =
        App::translate("RecoveryLadder", "Poll until %1 lists no domain for the VM.").arg(c.residentLabel());
    if (c.flavour.isXapi())
        v.description += u' ' + App::translate("RecoveryLadder",
                                               "xapi may still record the VM as running afterwards: then reset the "
                                               "power state (rung 2) or restart the toolstack on that host (rung 3).");
    addDomainProbe(c, v);
    v.success = SuccessCondition::NoDomain;
    v.timeoutSeconds = timeout;
    v.domidBefore = c.s.domain.domid;
    return v;
}

} // namespace

Verification verifyNone(const RungContext&)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Nothing to check: the diagnosis changes nothing.");
    return v;
}

Verification verifyXapiCleanShutdown(const RungContext& c)
{
    return verifyHaltedAndNoDomain(c, 300);
}

Verification verifyXapiForceShutdown(const RungContext& c)
{
    return verifyHaltedAndNoDomain(c, 120);
}

Verification verifyShutdownNoDomain(const RungContext& c)
{
    return verifyNoDomain(c, 300);
}

Verification verifyDestroyed(const RungContext& c)
{
    return verifyNoDomain(c, 60);
}

Verification verifyTasksGone(const RungContext& c)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Poll until the cancelled tasks are no longer pending.");
    v.probes.append(
        Probe{cmd(QStringLiteral("xe"), {QStringLiteral("task-list"), QStringLiteral("params=uuid,name-label,status")}),
              HostRole::PoolMaster});
    for (const PendingTask& t : c.s.pendingTasks) {
        if (t.cancellable && XeMinimal::isUuid(t.uuid))
            v.taskUuids.append(t.uuid.toLower());
    }
    v.success = SuccessCondition::TasksGone;
    v.timeoutSeconds = 60;
    return v;
}

Verification verifyRebooted(const RungContext& c)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Poll until the VM runs again in a new domain.");
    v.probes.append(Probe{xePowerStateCommand(c), HostRole::PoolMaster});
    addDomainProbe(c, v);
    v.success = SuccessCondition::RunningWithNewDomain;
    v.timeoutSeconds = 300;
    v.domidBefore = c.s.domain.domid;
    return v;
}

Verification verifyXapiHalted(const RungContext& c)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Check that xapi now records the VM as halted.");
    v.probes.append(Probe{xePowerStateCommand(c), HostRole::PoolMaster});
    v.success = SuccessCondition::XapiHalted;
    v.timeoutSeconds = 30;
    return v;
}

Verification verifyXapiRestarted(const RungContext& c)
{
    Verification v;
    v.description = App::translate("RecoveryLadder",
                                   "Poll until xapi answers again and has re-read the VM's power state; then run the "
                                   "diagnosis again before going further.");
    v.probes.append(Probe{c.uuidOk()
                              ? xePowerStateCommand(c)
                              : cmd(QStringLiteral("xe"), {QStringLiteral("host-list"), QStringLiteral("--minimal")}),
                          HostRole::PoolMaster});
    v.success = SuccessCondition::ToolstackAnswers;
    v.timeoutSeconds = 300;
    v.pollIntervalSeconds = 10;
    return v;
}

Verification verifyXendRestarted(const RungContext&)
{
    Verification v;
    v.description = App::translate("RecoveryLadder",
                                   "Poll until xm answers again; then run the diagnosis again before going further.");
    v.probes.append(Probe{cmd(QStringLiteral("xm"), {QStringLiteral("list")}), HostRole::ResidentHost});
    v.success = SuccessCondition::ToolstackAnswers;
    v.timeoutSeconds = 120;
    return v;
}

Verification verifyCrashed(const RungContext& c)
{
    Verification v;
    v.description =
        App::translate("RecoveryLadder", "Poll until the domain shows as crashed or shut down (or is gone); then try a "
                                         "forced shutdown or the destroy again.");
    addDomainProbe(c, v);
    v.success = SuccessCondition::DomainCrashedOrGone;
    v.timeoutSeconds = 120;
    v.domidBefore = c.s.domain.domid;
    return v;
}

Verification verifyManual(const RungContext&)
{
    Verification v;
    v.description = App::translate(
        "RecoveryLadder", "After the host is back, check that it rejoined the pool and diagnose the VM again.");
    v.success = SuccessCondition::Manual;
    return v;
}

} // namespace xr::ladder
