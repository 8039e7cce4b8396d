#include "RungTables.h"

#include "RungChecks.h"
#include "RungCommands.h"
#include "RungVerifications.h"

namespace xr::ladder {

namespace {

// clang-format off
const RungText kRungTexts[] = {
    {RungId::Diagnose, u"diagnose", u"0", RiskLevel::None,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Diagnose"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Compare what the toolstack records for the VM with what the hypervisor really runs, and look for tasks and operations that hold the VM. Changes nothing."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Nothing.")},
    {RungId::CleanShutdown, u"clean-shutdown", u"1a", RiskLevel::Safe,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Ask the guest to shut down"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Sends the guest an orderly shutdown request, as if someone pressed its power button. A guest that still works shuts down on its own and saves its data."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Nothing: the guest closes its programs itself.")},
    {RungId::CancelTasks, u"cancel-tasks", u"1b", RiskLevel::Low,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Cancel the stuck tasks"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Cancels the xapi tasks that keep the VM busy, so that other operations on it are accepted again."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "The cancelled operations (for example a shutdown or migration in progress).")},
    {RungId::ForceShutdown, u"force-shutdown", u"1c", RiskLevel::Medium,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Force shutdown"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Turns the VM off without asking the guest, like pulling its power cord. xapi first cancels the pending clean shutdown, reboot or migration tasks it can cancel."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Everything the guest had not written to disk yet.")},
    {RungId::ForceReboot, u"force-reboot", u"1c", RiskLevel::Medium,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Force reboot"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Resets the VM without asking the guest and starts it again in a new domain."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Everything the guest had not written to disk yet.")},
    {RungId::ResetPowerState, u"reset-power-state", u"2", RiskLevel::Medium,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Reset the power state"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Tells xapi to record the VM as halted without touching the hypervisor. Only right when no domain runs for the VM any more: xapi's record is then simply out of date."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "If a domain still runs, the VM can be started a second time on the same disks: the disks get corrupted.")},
    {RungId::RestartToolstack, u"restart-toolstack", u"3", RiskLevel::Medium,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Restart the toolstack"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Restarts the management services of the host. Running VMs keep running; when the toolstack is back it reads the real state of every VM again."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Management operations in flight on that host (migrations, imports, exports) fail and must be started again.")},
    {RungId::DestroyDomain, u"destroy-domain", u"4", RiskLevel::High,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Destroy the domain"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Removes the VM's domain from the hypervisor at once, on the host where it runs. The guest gets no chance to react."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Everything unsaved in the guest, and possibly the consistency of its file systems.")},
    {RungId::CrashGuest, u"crash-guest", u"5", RiskLevel::High,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Force a guest crash"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Makes the guest crash (a blue screen or kernel panic, with a crash dump when the guest is set up for it); then a shutdown is tried again."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "The guest crashes: everything unsaved in it.")},
    {RungId::PowerCycleHost, u"power-cycle-host", u"6", RiskLevel::Critical,
     QT_TRANSLATE_NOOP("RecoveryLadder", "Power-cycle the host"),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Switches the whole host off and on again through its management board (BMC, IPMI, iLO, iDRAC). XenRescue never does this itself: it gives you a checklist."),
     QT_TRANSLATE_NOOP("RecoveryLadder", "Every VM on that host stops at once, with everything unsaved in each of them.")},
};
// clang-format on

// ---------------------------------------------------------------------------------------
// The per-flavour tables: one place per flavour.
// ---------------------------------------------------------------------------------------

// clang-format off
const RungSpec kXapiLegacy[] = {
    {RungId::Diagnose, nullptr, std::nullopt, onResidentIfAlive, false, false, diagnoseXapi, nullptr, verifyNone},
    {RungId::CleanShutdown, nullptr, HostTool::Xe, onMaster, true, true, xeCleanShutdown, checkXapiCleanShutdown, verifyXapiCleanShutdown},
    {RungId::CancelTasks, nullptr, HostTool::Xe, onMaster, true, false, cancellableTaskCommands, checkCancelTasks, verifyTasksGone},
    {RungId::ForceShutdown, nullptr, HostTool::Xe, onMaster, true, true, xeForceShutdown, checkXapiForce, verifyXapiForceShutdown},
    {RungId::ForceReboot, nullptr, HostTool::Xe, onMaster, true, true, xeForceReboot, checkXapiForce, verifyRebooted},
    {RungId::ResetPowerState, nullptr, HostTool::Xe, onMaster, true, true, xeResetPowerState, checkResetPowerState, verifyXapiHalted},
    {RungId::RestartToolstack, nullptr, HostTool::ToolstackRestart, onWedgedToolstack, false, false, xapiToolstackRestart, nullptr, verifyXapiRestarted},
    {RungId::DestroyDomain, nullptr, HostTool::XenopsLegacy, onResident, false, false, legacyXenopsDestroy, checkDomainTarget, verifyDestroyed},
    {RungId::CrashGuest, nullptr, HostTool::CrashGuest, onResident, false, false, legacyCrashGuest, checkDomainTarget, verifyCrashed},
    {RungId::PowerCycleHost, nullptr, std::nullopt, outOfBand, false, false, nullptr, nullptr, verifyManual},
};

const RungSpec kXapiModern[] = {
    {RungId::Diagnose, nullptr, std::nullopt, onResidentIfAlive, false, false, diagnoseXapi, nullptr, verifyNone},
    {RungId::CleanShutdown, nullptr, HostTool::Xe, onMaster, true, true, xeCleanShutdown, checkXapiCleanShutdown, verifyXapiCleanShutdown},
    {RungId::CancelTasks, nullptr, HostTool::Xe, onMaster, true, false, cancellableTaskCommands, checkCancelTasks, verifyTasksGone},
    {RungId::ForceShutdown, nullptr, HostTool::Xe, onMaster, true, true, xeForceShutdown, checkXapiForce, verifyXapiForceShutdown},
    {RungId::ForceReboot, nullptr, HostTool::Xe, onMaster, true, true, xeForceReboot, checkXapiForce, verifyRebooted},
    {RungId::ResetPowerState, nullptr, HostTool::Xe, onMaster, true, true, xeResetPowerState, checkResetPowerState, verifyXapiHalted},
    {RungId::RestartToolstack, nullptr, HostTool::ToolstackRestart, onWedgedToolstack, false, false, xapiToolstackRestart, nullptr, verifyXapiRestarted},
    {RungId::DestroyDomain, nullptr, HostTool::Xl, onResident, false, false, xlDestroy, checkDomainTarget, verifyDestroyed},
    {RungId::CrashGuest, nullptr, HostTool::Xl, onResident, false, false, xlTriggerNmi, checkNmi, verifyCrashed},
    {RungId::PowerCycleHost, nullptr, std::nullopt, outOfBand, false, false, nullptr, nullptr, verifyManual},
};

const RungSpec kXl[] = {
    {RungId::Diagnose, nullptr, std::nullopt, onResident, false, false, diagnoseToolstack, nullptr, verifyNone},
    {RungId::CleanShutdown, nullptr, HostTool::Xl, onResident, false, false, xlShutdown, checkXlShutdown, verifyShutdownNoDomain},
    {RungId::CancelTasks, QT_TRANSLATE_NOOP("RecoveryLadder", "xl keeps no task list: there is nothing to cancel."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ForceShutdown, QT_TRANSLATE_NOOP("RecoveryLadder", "xl has no separate forced shutdown: its force path is destroying the domain (rung 4)."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ForceReboot, QT_TRANSLATE_NOOP("RecoveryLadder", "xl has no forced reboot: destroy the domain (rung 4) and start the VM again."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ResetPowerState, QT_TRANSLATE_NOOP("RecoveryLadder", "xl keeps no separate power-state record: the domain list is the only truth."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::RestartToolstack, QT_TRANSLATE_NOOP("RecoveryLadder", "Not on xl hosts: xl has no management daemon to restart, and xenstored cannot be restarted."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::DestroyDomain, nullptr, HostTool::Xl, onResident, false, false, xlDestroy, checkDomainTarget, verifyDestroyed},
    {RungId::CrashGuest, nullptr, HostTool::Xl, onResident, false, false, xlTriggerNmi, checkNmi, verifyCrashed},
    {RungId::PowerCycleHost, nullptr, std::nullopt, outOfBand, false, false, nullptr, nullptr, verifyManual},
};

const RungSpec kXm[] = {
    {RungId::Diagnose, nullptr, std::nullopt, onResident, false, false, diagnoseToolstack, nullptr, verifyNone},
    {RungId::CleanShutdown, nullptr, HostTool::Xm, onResident, true, false, xmShutdown, checkXlShutdown, verifyShutdownNoDomain},
    {RungId::CancelTasks, QT_TRANSLATE_NOOP("RecoveryLadder", "xm keeps no task list: there is nothing to cancel."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ForceShutdown, QT_TRANSLATE_NOOP("RecoveryLadder", "xm has no separate forced shutdown: its force path is destroying the domain (rung 4)."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ForceReboot, QT_TRANSLATE_NOOP("RecoveryLadder", "xm has no forced reboot: destroy the domain (rung 4) and start the VM again."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::ResetPowerState, QT_TRANSLATE_NOOP("RecoveryLadder", "xm keeps no separate power-state record: the domain list is the only truth."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::RestartToolstack, nullptr, HostTool::Xend, onResident, false, false, xendRestart, nullptr, verifyXendRestarted},
    {RungId::DestroyDomain, nullptr, HostTool::Xm, onResident, true, false, xmDestroy, checkDomainTarget, verifyDestroyed},
    {RungId::CrashGuest, QT_TRANSLATE_NOOP("RecoveryLadder", "xm offers no way to crash a guest: destroy the domain (rung 4) instead."), std::nullopt, onResident, false, false, nullptr, nullptr, verifyNone},
    {RungId::PowerCycleHost, nullptr, std::nullopt, outOfBand, false, false, nullptr, nullptr, verifyManual},
};
// clang-format on

template <std::size_t N>
QList<const RungSpec*> specList(const RungSpec (&table)[N])
{
    QList<const RungSpec*> out;
    for (const RungSpec& s : table)
        out.append(&s);
    return out;
}

} // namespace

std::span<const RungText> rungTexts()
{
    return kRungTexts;
}

const RungText& textOf(RungId id)
{
    for (const RungText& t : kRungTexts) {
        if (t.id == id)
            return t;
    }
    return kRungTexts[0];
}

QList<const RungSpec*> tableFor(FlavourKind kind)
{
    switch (kind) {
    case FlavourKind::XapiLegacy:
        return specList(kXapiLegacy);
    case FlavourKind::XapiModern:
        return specList(kXapiModern);
    case FlavourKind::Xl:
        return specList(kXl);
    case FlavourKind::Xm:
        return specList(kXm);
    }
    return {};
}

} // namespace xr::ladder
