#include "RecoveryLadder.h"

#include "HostText.h"
#include "XeMinimal.h"

#include <QCoreApplication>

#include <algorithm>

namespace xr {

namespace {

using App = QCoreApplication;

QString trNoop(const char* text)
{
    return App::translate("RecoveryLadder", text);
}

// ---------------------------------------------------------------------------------------
// What every flavour shares: number, risk and the words for each rung.
// ---------------------------------------------------------------------------------------

struct RungText
{
    RungId id;
    const char16_t* idName;
    const char16_t* number;
    RiskLevel risk;
    const char* title;
    const char* explanation;
    const char* lost;
};

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

const RungText& textOf(RungId id)
{
    for (const RungText& t : kRungTexts) {
        if (t.id == id)
            return t;
    }
    return kRungTexts[0];
}

// ---------------------------------------------------------------------------------------
// The context every builder and check reads.
// ---------------------------------------------------------------------------------------

struct Ctx
{
    const HostFlavour& flavour;
    const VmSituation& s;
    HostTools tools;

    bool uuidOk() const { return XeMinimal::isUuid(s.vmUuid); }
    QString uuidArg() const { return QStringLiteral("uuid=") + s.vmUuid.toLower(); }
    QString domid() const { return QString::number(s.domain.domid); }
    QString residentLabel() const
    {
        return s.residentHost.isKnown() ? s.residentHost.label() : App::translate("RecoveryLadder", "the VM's host");
    }
    bool residentDead() const { return s.residentHost.isKnown() && !s.residentHost.alive; }
};

ShellCommand cmd(const QString& program, QStringList args = {})
{
    return ShellCommand{program, std::move(args)};
}

QString powerStateWord(XapiPowerState p)
{
    switch (p) {
    case XapiPowerState::Running:
        return App::translate("RecoveryLadder", "running");
    case XapiPowerState::Halted:
        return App::translate("RecoveryLadder", "halted");
    case XapiPowerState::Paused:
        return App::translate("RecoveryLadder", "paused");
    case XapiPowerState::Suspended:
        return App::translate("RecoveryLadder", "suspended");
    case XapiPowerState::Unknown:
        break;
    }
    return App::translate("RecoveryLadder", "unknown");
}

/// The hypervisor's domain list on the resident host, by the best tool it has.
std::optional<ShellCommand> domainListCommand(const Ctx& c)
{
    switch (c.flavour.kind) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        if (c.tools.has(HostTool::ListDomains))
            return cmd(QStringLiteral("list_domains"));
        if (c.tools.has(HostTool::Xl))
            return cmd(QStringLiteral("xl"), {QStringLiteral("list")});
        return std::nullopt;
    case FlavourKind::Xl:
        return cmd(QStringLiteral("xl"), {QStringLiteral("list")});
    case FlavourKind::Xm:
        return cmd(QStringLiteral("xm"), {QStringLiteral("list")});
    }
    return std::nullopt;
}

ShellCommand xePowerStateCommand(const Ctx& c)
{
    return cmd(QStringLiteral("xe"),
               {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=power-state")});
}

QList<ShellCommand> cancellableTaskCommands(const Ctx& c)
{
    QList<ShellCommand> out;
    for (const PendingTask& t : c.s.pendingTasks) {
        if (t.cancellable && XeMinimal::isUuid(t.uuid))
            out.append(
                cmd(QStringLiteral("xe"), {QStringLiteral("task-cancel"), QStringLiteral("uuid=") + t.uuid.toLower()}));
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Command builders.
// ---------------------------------------------------------------------------------------

QList<ShellCommand> diagnoseXapi(const Ctx& c)
{
    QList<ShellCommand> out;
    if (c.s.xapiAnswers() && c.uuidOk()) {
        out.append(xePowerStateCommand(c));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=current-operations")}));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=resident-on")}));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("task-list"), QStringLiteral("params=uuid,name-label,status,progress,created,"
                                                                    "allowed-operations")}));
    }
    if (!c.residentDead()) {
        if (const auto list = domainListCommand(c))
            out.append(*list);
        if (c.s.domain.isDying() && c.tools.has(HostTool::TapCtl))
            out.append(cmd(QStringLiteral("tap-ctl"), {QStringLiteral("list")}));
    }
    return out;
}

QList<ShellCommand> diagnoseToolstack(const Ctx& c)
{
    QList<ShellCommand> out;
    if (const auto list = domainListCommand(c))
        out.append(*list);
    if (c.s.domain.isDying() && c.tools.has(HostTool::TapCtl))
        out.append(cmd(QStringLiteral("tap-ctl"), {QStringLiteral("list")}));
    return out;
}

QList<ShellCommand> xeCleanShutdown(const Ctx& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-shutdown"), c.uuidArg()})};
}

QList<ShellCommand> xeForceShutdown(const Ctx& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-shutdown"), QStringLiteral("--force"), c.uuidArg()})};
}

QList<ShellCommand> xeForceReboot(const Ctx& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-reboot"), QStringLiteral("--force"), c.uuidArg()})};
}

QList<ShellCommand> xeResetPowerState(const Ctx& c)
{
    return {
        cmd(QStringLiteral("xe"), {QStringLiteral("vm-reset-powerstate"), QStringLiteral("force=true"), c.uuidArg()})};
}

QList<ShellCommand> xapiToolstackRestart(const Ctx&)
{
    return {cmd(QStringLiteral("xe-toolstack-restart"))};
}

QList<ShellCommand> xendRestart(const Ctx&)
{
    return {cmd(QStringLiteral("service"), {QStringLiteral("xend"), QStringLiteral("restart")})};
}

QList<ShellCommand> legacyXenopsDestroy(const Ctx& c)
{
    return {cmd(HostTools::path(HostTool::XenopsLegacy),
                {QStringLiteral("destroy_domain"), QStringLiteral("-domid"), c.domid()})};
}

QList<ShellCommand> legacyCrashGuest(const Ctx& c)
{
    return {cmd(HostTools::path(HostTool::CrashGuest), {c.domid()})};
}

QList<ShellCommand> xlShutdown(const Ctx& c)
{
    return {cmd(QStringLiteral("xl"), {QStringLiteral("shutdown"), QStringLiteral("-w"), c.domid()})};
}

QList<ShellCommand> xlDestroy(const Ctx& c)
{
    return {cmd(QStringLiteral("xl"), {QStringLiteral("destroy"), c.domid()})};
}

QList<ShellCommand> xlTriggerNmi(const Ctx& c)
{
    return {cmd(QStringLiteral("xl"), {QStringLiteral("trigger"), c.domid(), QStringLiteral("nmi")})};
}

QList<ShellCommand> xmShutdown(const Ctx& c)
{
    return {cmd(QStringLiteral("xm"), {QStringLiteral("shutdown"), QStringLiteral("-w"), c.domid()})};
}

QList<ShellCommand> xmDestroy(const Ctx& c)
{
    return {cmd(QStringLiteral("xm"), {QStringLiteral("destroy"), c.domid()})};
}

// ---------------------------------------------------------------------------------------
// Applicability checks. Each returns why the rung does not fit now, or an empty string.
// ---------------------------------------------------------------------------------------

QString dyingText(const Ctx& c)
{
    QString text = App::translate("RecoveryLadder",
                                  "Domain %1 was already destroyed but lingers as a dying (null) domain: a backend "
                                  "such as tapdisk or qemu still holds it. Run \"tap-ctl list\" on %2 to see what "
                                  "holds it; destroying it again does not help.")
                       .arg(c.domid(), c.residentLabel());
    if (c.s.tapdiskHolding)
        text += u' ' + App::translate("RecoveryLadder", "tap-ctl list shows a tapdisk still attached to it.");
    return text;
}

QString domainUnknownText(const Ctx& c)
{
    return App::translate("RecoveryLadder",
                          "The domain list of %1 has not been read yet, so the VM's domain id is not known: run "
                          "the diagnosis (rung 0) first.")
        .arg(c.residentLabel());
}

QString haltedText(const Ctx& c)
{
    if (c.s.domain.isPresent()) {
        return App::translate("RecoveryLadder",
                              "xapi already records the VM as halted, yet domain %1 still exists for it: restart "
                              "the toolstack (rung 3) so xapi looks again, or destroy the domain (rung 4).")
            .arg(c.domid());
    }
    return App::translate("RecoveryLadder", "The VM is already halted: there is nothing to stop.");
}

QString staleText(const Ctx& c)
{
    return App::translate("RecoveryLadder",
                          "No domain runs for this VM although xapi says it is %1: there is no guest left to stop. "
                          "xapi's record is out of date: reset the power state (rung 2) or let xapi re-read it "
                          "(rung 3).")
        .arg(powerStateWord(c.s.xapiPowerState));
}

QString busyText(const Ctx& c)
{
    QStringList what = c.s.currentOperations;
    for (const PendingTask& t : c.s.pendingTasks)
        what.append(t.nameLabel.isEmpty() ? t.uuid : t.nameLabel);
    what.removeDuplicates();
    const bool canCancel = !cancellableTaskCommands(c).isEmpty();
    return (canCancel ? App::translate("RecoveryLadder",
                                       "xapi is still busy with another operation on this VM (%1) and would refuse "
                                       "with OTHER_OPERATION_IN_PROGRESS: cancel the stuck task first (rung 1b).")
                      : App::translate("RecoveryLadder",
                                       "xapi is still busy with another operation on this VM (%1) and would refuse "
                                       "with OTHER_OPERATION_IN_PROGRESS; nothing there can be cancelled: force the "
                                       "shutdown (rung 1c)."))
        .arg(elide(what.join(QStringLiteral(", ")), 120));
}

QString checkXapiCleanShutdown(const Ctx& c)
{
    const VmSituation& s = c.s;
    if (s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (s.domain.isDying())
        return dyingText(c);
    if (s.domain.isAbsent())
        return staleText(c);
    if (!s.currentOperations.isEmpty() || !s.pendingTasks.isEmpty())
        return busyText(c);
    if (s.xapiPowerState == XapiPowerState::Paused || (s.domain.isPresent() && s.domain.state.paused))
        return App::translate("RecoveryLadder",
                              "The VM is paused: a paused guest cannot act on a shutdown request. Unpause it "
                              "(xe vm-unpause) or force the shutdown (rung 1c).");
    if (!s.allowedOperations.isEmpty() && !s.allowedOperations.contains(QStringLiteral("clean_shutdown")))
        return App::translate("RecoveryLadder", "xapi does not offer a clean shutdown for this VM now (allowed: %1).")
            .arg(elide(s.allowedOperations.join(QStringLiteral(", ")), 120));
    return {};
}

QString checkCancelTasks(const Ctx& c)
{
    if (c.s.pendingTasks.isEmpty())
        return App::translate("RecoveryLadder", "No pending task holds this VM.");
    if (cancellableTaskCommands(c).isEmpty())
        return App::translate("RecoveryLadder",
                              "The pending tasks cannot be cancelled (xapi does not offer it for them). A forced "
                              "shutdown (rung 1c) cancels what it can by itself.");
    return {};
}

QString checkXapiForce(const Ctx& c)
{
    if (c.s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (c.s.domain.isDying())
        return dyingText(c);
    if (c.s.domain.isAbsent())
        return staleText(c);
    return {};
}

QString checkResetPowerState(const Ctx& c)
{
    const VmSituation& s = c.s;
    if (s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (s.xapiPowerState == XapiPowerState::Unknown)
        return App::translate("RecoveryLadder", "xapi's power state for the VM is not known: run the diagnosis "
                                                "(rung 0) first.");
    if (s.domain.isDying())
        return dyingText(c);
    if (s.domain.isPresent()) {
        return App::translate("RecoveryLadder",
                              "The power-state reset is refused while the domain still runs: destroy the domain "
                              "first (rung 4). xapi would answer DOMAIN_EXISTS, and a reset now could let the VM "
                              "start a second time on the same disks.");
    }
    if (c.residentDead())
        return {}; // the domain died with its host: exactly what the reset is for
    if (!s.residentHost.isKnown())
        return App::translate("RecoveryLadder", "The VM's resident host is not known: run the diagnosis (rung 0) "
                                                "first.");
    if (!s.residentHost.isMaster) {
        return App::translate("RecoveryLadder",
                              "Host %1 is alive and is not the pool master: xapi refuses the reset there "
                              "(HOST_IS_LIVE). Once no domain runs, restart the toolstack on %1 (rung 3) so xapi "
                              "reads the VM's real state.")
            .arg(s.residentHost.label());
    }
    if (!s.domain.isAbsent())
        return domainUnknownText(c);
    return {};
}

QString checkDomainTarget(const Ctx& c)
{
    const VmSituation& s = c.s;
    if (c.flavour.isXapi() && c.residentDead())
        return App::translate("RecoveryLadder",
                              "Host %1 is down: its domains went with it. Reset the power state (rung 2) instead.")
            .arg(s.residentHost.label());
    if (s.domain.isAbsent())
        return App::translate("RecoveryLadder", "No domain exists for this VM: there is nothing to destroy or crash.");
    if (s.domain.presence == DomainPresence::Unknown || s.domain.domid < 0)
        return domainUnknownText(c);
    if (s.domain.domid == 0)
        return App::translate("RecoveryLadder", "Domain 0 is the control domain: it is never touched from here.");
    if (s.domain.isDying())
        return dyingText(c);
    return {};
}

QString checkXlShutdown(const Ctx& c)
{
    if (const QString why = checkDomainTarget(c); !why.isEmpty())
        return why;
    if (c.s.domain.state.paused)
        return App::translate("RecoveryLadder",
                              "The domain is paused: a paused guest cannot act on a shutdown request. Unpause it "
                              "first, or destroy the domain (rung 4).");
    return {};
}

QString checkNmi(const Ctx& c)
{
    if (const QString why = checkDomainTarget(c); !why.isEmpty())
        return why;
    if (!c.s.isHvm)
        return App::translate("RecoveryLadder",
                              "An NMI only reaches HVM guests, and this VM is paravirtualised (PV): there is no way "
                              "to crash it from outside on this host.");
    return {};
}

// ---------------------------------------------------------------------------------------
// Verifications.
// ---------------------------------------------------------------------------------------

void addDomainProbe(const Ctx& c, Verification& v)
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

Verification verifyNone(const Ctx&)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Nothing to check: the diagnosis changes nothing.");
    return v;
}

Verification verifyHaltedAndNoDomain(const Ctx& c, int timeout)
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

Verification verifyXapiCleanShutdown(const Ctx& c)
{
    return verifyHaltedAndNoDomain(c, 300);
}

Verification verifyXapiForceShutdown(const Ctx& c)
{
    return verifyHaltedAndNoDomain(c, 120);
}

Verification verifyNoDomain(const Ctx& c, int timeout)
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

Verification verifyShutdownNoDomain(const Ctx& c)
{
    return verifyNoDomain(c, 300);
}

Verification verifyDestroyed(const Ctx& c)
{
    return verifyNoDomain(c, 60);
}

Verification verifyTasksGone(const Ctx& c)
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

Verification verifyRebooted(const Ctx& c)
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

Verification verifyXapiHalted(const Ctx& c)
{
    Verification v;
    v.description = App::translate("RecoveryLadder", "Check that xapi now records the VM as halted.");
    v.probes.append(Probe{xePowerStateCommand(c), HostRole::PoolMaster});
    v.success = SuccessCondition::XapiHalted;
    v.timeoutSeconds = 30;
    return v;
}

Verification verifyXapiRestarted(const Ctx& c)
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

Verification verifyXendRestarted(const Ctx&)
{
    Verification v;
    v.description = App::translate("RecoveryLadder",
                                   "Poll until xm answers again; then run the diagnosis again before going further.");
    v.probes.append(Probe{cmd(QStringLiteral("xm"), {QStringLiteral("list")}), HostRole::ResidentHost});
    v.success = SuccessCondition::ToolstackAnswers;
    v.timeoutSeconds = 120;
    return v;
}

Verification verifyCrashed(const Ctx& c)
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

Verification verifyManual(const Ctx&)
{
    Verification v;
    v.description = App::translate(
        "RecoveryLadder", "After the host is back, check that it rejoined the pool and diagnose the VM again.");
    v.success = SuccessCondition::Manual;
    return v;
}

// ---------------------------------------------------------------------------------------
// Which host a rung's commands run on.
// ---------------------------------------------------------------------------------------

HostRole onMaster(const Ctx&)
{
    return HostRole::PoolMaster;
}

HostRole onResident(const Ctx&)
{
    return HostRole::ResidentHost;
}

HostRole onResidentIfAlive(const Ctx& c)
{
    return c.residentDead() ? HostRole::PoolMaster : HostRole::ResidentHost;
}

/// xe talks to the master: when xapi there does not answer, that is the toolstack to
/// restart; otherwise the resident host's, so that its xapi re-reads its domains.
HostRole onWedgedToolstack(const Ctx& c)
{
    if (!c.s.xapiAnswers() || c.residentDead())
        return HostRole::PoolMaster;
    return HostRole::ResidentHost;
}

HostRole outOfBand(const Ctx&)
{
    return HostRole::OutOfBand;
}

// ---------------------------------------------------------------------------------------
// The per-flavour tables: one place per flavour.
// ---------------------------------------------------------------------------------------

using Builder = QList<ShellCommand> (*)(const Ctx&);
using Check = QString (*)(const Ctx&);
using VerifyFn = Verification (*)(const Ctx&);
using RoleFn = HostRole (*)(const Ctx&);

struct RungSpec
{
    RungId id;
    /// Non-null: the rung does not exist on this flavour, and this says why.
    const char* unavailable;
    std::optional<HostTool> tool;
    RoleFn role;
    bool needsXapi;
    bool needsVmUuid;
    Builder commands;
    Check check;
    VerifyFn verify;
};

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

// ---------------------------------------------------------------------------------------
// Refusals: one table, each entry with the rungs and flavours it concerns.
// ---------------------------------------------------------------------------------------

constexpr quint32 bit(RungId id)
{
    return 1u << unsigned(id);
}
constexpr quint32 kXeRungs = bit(RungId::CleanShutdown) | bit(RungId::CancelTasks) | bit(RungId::ForceShutdown) |
                             bit(RungId::ForceReboot) | bit(RungId::ResetPowerState);
constexpr quint32 kDomainRungs = bit(RungId::CleanShutdown) | bit(RungId::DestroyDomain) | bit(RungId::CrashGuest);
constexpr quint32 kXapiFlavours = (1u << unsigned(FlavourKind::XapiLegacy)) | (1u << unsigned(FlavourKind::XapiModern));
constexpr quint32 kXlFlavour = 1u << unsigned(FlavourKind::Xl);
constexpr quint32 kXmFlavour = 1u << unsigned(FlavourKind::Xm);
constexpr quint32 kAllFlavours = kXapiFlavours | kXlFlavour | kXmFlavour;

struct RefusalSpec
{
    const char16_t* code;
    /// Lower-case fragments of xl/xm/shell output that mean this (no xe code there).
    const char* patterns[4];
    const char* text;
    RungId next;
    bool hasNext;
    bool wedged;
    quint32 rungs;
    quint32 flavours;
};

// clang-format off
const RefusalSpec kRefusals[] = {
    {u"OTHER_OPERATION_IN_PROGRESS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xapi is already busy with another operation on this VM. Cancel the stuck task (rung 1b), or force the shutdown (rung 1c), which cancels what it can first."),
     RungId::CancelTasks, true, false, kXeRungs, kXapiFlavours},
    {u"VM_BAD_POWER_STATE", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The VM was not in the power state this command needs: its state changed meanwhile or xapi's record is off. Run the diagnosis again before going further."),
     RungId::Diagnose, true, false, kXeRungs, kXapiFlavours},
    {u"DOMAIN_EXISTS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xapi refuses to reset the power state while a domain still exists for the VM. Destroy the domain on its host first (rung 4), then reset."),
     RungId::DestroyDomain, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"HOST_IS_LIVE", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The VM's host is alive, so xapi will not reset the power state it keeps for it. If a domain still runs there, destroy it (rung 4); once none is left, restart the toolstack on that host (rung 3) so that xapi re-reads the VM's state."),
     RungId::RestartToolstack, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"CANNOT_RESET_CONTROL_DOMAIN", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "This VM is a control domain (a host's dom0): its power state can never be reset. Restart that host's toolstack (rung 3), or power-cycle the host if it does not answer."),
     RungId::RestartToolstack, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"VM_MISSING_PV_DRIVERS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The guest has no PV drivers running, so it cannot be asked to shut down. Force the shutdown (rung 1c)."),
     RungId::ForceShutdown, true, false, bit(RungId::CleanShutdown), kXapiFlavours},
    {u"CLI_LOST_CONNECTION", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe lost its connection to xapi: xapi is wedged or restarting. No xe command can work until the toolstack is restarted (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"CLI_CONNECTION_FAILED", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe could not connect to xapi: xapi is not running. Restart the toolstack (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"CLI_CANNOT_CONTACT", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe could not reach a management agent. Restart the toolstack (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"TIMEOUT", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The command did not return in time: the toolstack is wedged. Restart it (rung 3); commands that avoid it (list_domains, xl) still work."),
     RungId::RestartToolstack, true, true, kXeRungs | bit(RungId::CleanShutdown) | bit(RungId::DestroyDomain), kXapiFlavours | kXmFlavour},
    {u"domain-not-found", {"invalid domain identifier", "does not exist", "domain not found", "no such domain"},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The domain no longer exists: it went away meanwhile. Run the diagnosis again before going further."),
     RungId::Diagnose, true, false, kDomainRungs, kAllFlavours},
    {u"permission-denied", {"permission denied", "must be run as root", "operation not permitted", nullptr},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The command needs root rights in dom0: connect as root (or a user allowed to use sudo) and try again."),
     RungId::Diagnose, false, false, ~0u, kAllFlavours},
    {u"command-not-found", {"command not found", "no such file or directory", nullptr, nullptr},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The program is not installed on this host, so this rung cannot run here. Choose another applicable rung."),
     RungId::Diagnose, false, false, ~0u, kAllFlavours},
};
// clang-format on

const RefusalSpec* refusalByCode(QStringView code)
{
    for (const RefusalSpec& r : kRefusals) {
        if (code == QStringView(r.code))
            return &r;
    }
    return nullptr;
}

QList<Refusal> refusalsFor(RungId rung, FlavourKind flavour)
{
    QList<Refusal> out;
    for (const RefusalSpec& r : kRefusals) {
        if (!(r.rungs & bit(rung)) || !(r.flavours & (1u << unsigned(flavour))))
            continue;
        const QString text = trNoop(r.text);
        out.append(Refusal{QString::fromUtf16(r.code), text, r.hasNext ? std::optional<RungId>(r.next) : std::nullopt});
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Rung 6: the checklist.
// ---------------------------------------------------------------------------------------

QStringList powerCycleChecklist(const Ctx& c)
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

// ---------------------------------------------------------------------------------------
// Summary and recommendation.
// ---------------------------------------------------------------------------------------

QString summaryOf(const Ctx& c)
{
    const VmSituation& s = c.s;
    const bool xapi = c.flavour.isXapi();
    if (xapi && !s.xapiAnswers())
        return App::translate("RecoveryLadder",
                              "xapi does not answer: every xe command would hang. Only rungs that avoid xapi can "
                              "run until the toolstack is restarted.");
    if (c.flavour.kind == FlavourKind::Xm && !s.xapiAnswers())
        return App::translate("RecoveryLadder", "xend does not answer: every xm command would hang until it is "
                                                "restarted.");
    if (s.domain.isDying())
        return dyingText(c);
    if (s.isControlDomain)
        return App::translate("RecoveryLadder", "This VM is a control domain: the host's own dom0.");
    const bool gone = s.domain.isAbsent();
    if (xapi) {
        if (s.xapiPowerState == XapiPowerState::Unknown && s.domain.presence == DomainPresence::Unknown)
            return App::translate("RecoveryLadder", "The VM's state is not known yet: run the diagnosis.");
        if (gone && (s.xapiPowerState == XapiPowerState::Halted || s.xapiPowerState == XapiPowerState::Suspended))
            return App::translate("RecoveryLadder", "The VM is %1 and has no domain: nothing is hung.")
                .arg(powerStateWord(s.xapiPowerState));
        if (gone)
            return App::translate("RecoveryLadder",
                                  "xapi says the VM is %1, but no domain exists for it: xapi's record is out of date.")
                .arg(powerStateWord(s.xapiPowerState));
        if (s.xapiPowerState == XapiPowerState::Halted && s.domain.isPresent())
            return App::translate("RecoveryLadder", "xapi records the VM as halted, yet domain %1 still exists for it.")
                .arg(c.domid());
        if (!s.pendingTasks.isEmpty() || !s.currentOperations.isEmpty()) {
            qint64 oldest = 0;
            for (const PendingTask& t : s.pendingTasks)
                oldest = std::max(oldest, t.ageSeconds);
            QStringList what = s.currentOperations;
            for (const PendingTask& t : s.pendingTasks)
                what.append(t.nameLabel);
            what.removeAll(QString());
            what.removeDuplicates();
            return App::translate("RecoveryLadder",
                                  "The VM is held by operations that do not finish (%1; the oldest pending for %2 s).")
                .arg(elide(what.join(QStringLiteral(", ")), 120))
                .arg(oldest);
        }
    } else {
        if (s.domain.presence == DomainPresence::Unknown)
            return App::translate("RecoveryLadder", "The VM's domain has not been looked up yet: run the diagnosis.");
        if (gone)
            return App::translate("RecoveryLadder", "No domain exists for the VM: nothing is hung.");
    }
    if (!s.previousAttempts.isEmpty())
        return App::translate("RecoveryLadder", "The VM still runs (domain %1) after the rungs tried so far.")
            .arg(c.domid());
    return App::translate("RecoveryLadder", "The VM runs (domain %1) and has not stopped when asked to.")
        .arg(c.domid());
}

bool needsDiagnosisFirst(const Ctx& c)
{
    const VmSituation& s = c.s;
    if (s.domain.isDying())
        return true; // what holds the domain is a question for tap-ctl, not a stronger rung
    if (c.flavour.isXapi()) {
        if (!s.xapiAnswers())
            return false;
        if (s.xapiPowerState == XapiPowerState::Unknown && s.domain.presence == DomainPresence::Unknown)
            return true;
        const bool gone = s.domain.isAbsent();
        return gone && (s.xapiPowerState == XapiPowerState::Halted || s.xapiPowerState == XapiPowerState::Suspended);
    }
    if (c.flavour.kind == FlavourKind::Xm && !s.xapiAnswers())
        return false;
    return !s.domain.isPresent();
}

void recommend(const Ctx& c, QList<Rung>& rungs)
{
    auto find = [&](RungId id) -> Rung* {
        for (Rung& r : rungs) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    };
    RungId pick = RungId::Diagnose;
    if (!needsDiagnosisFirst(c)) {
        // Least dangerous first; a rung already tried without success is passed over.
        // ForceReboot is never the rescue's goal, so it is never recommended.
        for (RungId id :
             {RungId::CleanShutdown, RungId::CancelTasks, RungId::ForceShutdown, RungId::ResetPowerState,
              RungId::RestartToolstack, RungId::DestroyDomain, RungId::CrashGuest, RungId::PowerCycleHost}) {
            const Rung* r = find(id);
            if (!r || !r->applies)
                continue;
            const RungAttempt* tried = c.s.lastAttempt(id);
            if (tried && tried->outcome != AttemptOutcome::Cancelled && id != RungId::CancelTasks &&
                id != RungId::PowerCycleHost)
                continue;
            pick = id;
            break;
        }
    }
    if (Rung* r = find(pick))
        r->recommended = true;
}

} // namespace

// ---------------------------------------------------------------------------------------

const Rung* Ladder::recommended() const
{
    for (const Rung& r : rungs) {
        if (r.recommended)
            return &r;
    }
    return nullptr;
}

const Rung* Ladder::rung(RungId id) const
{
    for (const Rung& r : rungs) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

Ladder RecoveryLadder::build(const HostFlavour& flavour, const VmSituation& situation)
{
    const Ctx c{flavour, situation, situation.tools(flavour.kind)};
    Ladder ladder;
    ladder.flavour = flavour;
    ladder.vmUuid = situation.vmUuid;
    ladder.vmName = situation.vmName;
    ladder.summary = summaryOf(c);

    for (const RungSpec* spec : tableFor(flavour.kind)) {
        const RungText& t = textOf(spec->id);
        Rung r;
        r.id = spec->id;
        r.number = QString::fromUtf16(t.number);
        r.risk = t.risk;
        r.title = trNoop(t.title);
        r.explanation = trNoop(t.explanation);
        r.whatCanBeLost = trNoop(t.lost);
        r.needsTool = spec->tool;
        r.needsXapi = spec->needsXapi;
        r.runsOn = spec->role(c);
        if (r.runsOn == HostRole::PoolMaster)
            r.runsOnHost =
                situation.residentHost.isMaster ? situation.residentHost.label() : situation.poolMaster.label();
        else if (r.runsOn == HostRole::ResidentHost)
            r.runsOnHost = situation.residentHost.label();
        r.checklistOnly = spec->id == RungId::PowerCycleHost;
        r.refusals = refusalsFor(spec->id, flavour.kind);

        // Why not, in a fixed order: absent on this flavour, the control domain, no UUID,
        // a silent daemon, a missing tool, a suspended VM, then the rung's own conditions.
        QString why;
        const bool alwaysOpen = spec->id == RungId::Diagnose || spec->id == RungId::PowerCycleHost;
        if (spec->unavailable) {
            why = trNoop(spec->unavailable);
        } else if (!alwaysOpen && situation.isControlDomain && spec->id != RungId::RestartToolstack) {
            why = spec->id == RungId::ResetPowerState
                      ? App::translate("RecoveryLadder",
                                       "The power state of a control domain cannot be reset (xapi refuses with "
                                       "CANNOT_RESET_CONTROL_DOMAIN).")
                      : App::translate("RecoveryLadder",
                                       "This VM is a control domain, the host's own dom0: it is never shut down or "
                                       "destroyed from here. Restart the toolstack (rung 3) or power-cycle the "
                                       "host (rung 6).");
        } else if (spec->needsVmUuid && !c.uuidOk()) {
            why = App::translate("RecoveryLadder",
                                 "The VM's UUID is not known (or is not a UUID): XenRescue addresses VMs only by "
                                 "UUID, never by name.");
        } else if (spec->needsXapi && !situation.xapiAnswers()) {
            why = flavour.kind == FlavourKind::Xm
                      ? App::translate("RecoveryLadder",
                                       "xend does not answer, and this xm command goes through it: restart xend "
                                       "(rung 3) first.")
                      : App::translate("RecoveryLadder",
                                       "xapi does not answer, and this rung needs it: the command would hang. "
                                       "Restart the toolstack (rung 3) first.");
        } else if (spec->tool && !c.tools.has(*spec->tool)) {
            why = App::translate("RecoveryLadder", "This host has no %1, which this rung needs: it cannot run here.")
                      .arg(HostTools::path(*spec->tool));
        } else if (flavour.isXapi() && !alwaysOpen && spec->id != RungId::RestartToolstack &&
                   situation.xapiPowerState == XapiPowerState::Suspended && !situation.domain.isPresent()) {
            why = App::translate("RecoveryLadder",
                                 "The VM is suspended: it has no running domain by design and nothing is hung. "
                                 "Resume it, or shut it down from xapi.");
        } else if (spec->check) {
            why = spec->check(c);
        }
        r.applies = why.isEmpty();
        r.whyNot = why;

        if (!spec->unavailable) {
            if (spec->commands && (r.applies || !spec->needsVmUuid || c.uuidOk()))
                r.commands = spec->commands(c);
            r.verification = spec->verify(c);
        } else {
            r.verification = verifyNone(c);
            r.verification.description.clear();
        }
        // A rung that acts on a domain has no command without a domid to act on.
        if ((spec->id == RungId::DestroyDomain || spec->id == RungId::CrashGuest ||
             (spec->id == RungId::CleanShutdown && !flavour.isXapi())) &&
            situation.domain.domid < 1)
            r.commands.clear();
        if (r.checklistOnly)
            r.checklist = powerCycleChecklist(c);
        if (spec->id == RungId::CancelTasks && !spec->unavailable) {
            for (const PendingTask& task : situation.pendingTasks) {
                if (!task.cancellable)
                    r.notes.append(App::translate("RecoveryLadder", "Task %1 (%2) cannot be cancelled.")
                                       .arg(task.uuid, elide(task.nameLabel, 60)));
                else if (!XeMinimal::isUuid(task.uuid))
                    r.notes.append(App::translate("RecoveryLadder", "A task without a valid UUID was left out."));
            }
        }
        if (spec->id == RungId::ForceShutdown && r.applies) {
            for (const PendingTask& task : situation.pendingTasks) {
                if (!task.cancellable)
                    r.notes.append(App::translate("RecoveryLadder",
                                                  "Task %1 cannot be cancelled; the forced shutdown may wait for it.")
                                       .arg(task.uuid));
            }
        }
        ladder.rungs.append(r);
    }
    recommend(c, ladder.rungs);
    return ladder;
}

RefusalReading RecoveryLadder::interpretRefusal(RungId rung, const XeError& error, const VmSituation* situation)
{
    RefusalReading out;
    out.code = error.code;
    const RefusalSpec* spec = refusalByCode(error.code);
    if (!spec) {
        out.known = false;
        out.explanation =
            App::translate("RecoveryLadder", "The command was refused (%1): %2. Run the diagnosis again before going "
                                             "further.")
                .arg(error.code.isEmpty() ? App::translate("RecoveryLadder", "no error code") : error.code,
                     elide(error.message, 200));
        out.nextRung = RungId::Diagnose;
        out.toolstackWedged = error.isTransportFailure();
        if (out.toolstackWedged)
            out.nextRung = RungId::RestartToolstack;
        return out;
    }
    out.known = true;
    out.toolstackWedged = spec->wedged;
    QString text = trNoop(spec->text);
    const QString code = error.code;
    QString detail;
    if (code == u"OTHER_OPERATION_IN_PROGRESS") {
        if (const auto op = error.knownParam(u"operation_type"))
            detail = App::translate("RecoveryLadder", "Operation in progress: %1.").arg(elide(*op, 80));
    } else if (code == u"VM_BAD_POWER_STATE") {
        detail = App::translate("RecoveryLadder", "Expected %1, found %2.")
                     .arg(elide(error.knownParam(u"expected").value_or(QStringLiteral("?")), 40),
                          elide(error.knownParam(u"actual").value_or(QStringLiteral("?")), 40));
    } else if (code == u"HOST_IS_LIVE") {
        const XeObjectRef host = XeError::parseObjectRef(error.param(u"host"));
        const QString who = host.name.isEmpty() ? host.uuid : host.name;
        if (!who.isEmpty())
            detail = App::translate("RecoveryLadder", "Host: %1.").arg(elide(who, 80));
    } else if (spec->wedged && !error.message.isEmpty()) {
        detail = App::translate("RecoveryLadder", "xe said: %1").arg(elide(error.message.trimmed(), 120));
    }
    if (!detail.isEmpty())
        text += u' ' + detail;
    out.explanation = text;
    out.nextRung = spec->hasNext ? std::optional<RungId>(spec->next) : std::nullopt;

    // Adjustments that need the rung or the situation.
    if (code == u"OTHER_OPERATION_IN_PROGRESS") {
        const bool cancellable =
            situation && std::any_of(situation->pendingTasks.begin(), situation->pendingTasks.end(),
                                     [](const PendingTask& t) { return t.cancellable; });
        if (rung == RungId::CancelTasks || (situation && !cancellable))
            out.nextRung = RungId::ForceShutdown;
        if (rung == RungId::ForceShutdown || rung == RungId::ForceReboot)
            out.nextRung = RungId::RestartToolstack;
    } else if (code == u"HOST_IS_LIVE") {
        if (!situation || !situation->domain.isAbsent())
            out.nextRung = RungId::DestroyDomain;
    } else if (spec->wedged && rung == RungId::RestartToolstack) {
        out.nextRung = RungId::Diagnose;
    }
    return out;
}

RefusalReading RecoveryLadder::interpretRefusal(RungId rung, FlavourKind flavour, QByteArrayView stderrOutput,
                                                bool timedOut, const VmSituation* situation)
{
    if (timedOut) {
        RefusalReading out;
        out.code = QStringLiteral("TIMEOUT");
        out.known = true;
        if (flavour == FlavourKind::Xl || rung == RungId::DestroyDomain || rung == RungId::CrashGuest) {
            // xl and the destroy tools need no daemon: a hang there is the hypervisor's or
            // a backend's, which no restart of a management daemon cures.
            out.explanation =
                App::translate("RecoveryLadder", "The command did not return in time. It does not go through a "
                                                 "management daemon, so xenstored, a backend or the hypervisor itself "
                                                 "is stuck. Run the diagnosis again; if the domain stays, the host "
                                                 "needs a power-cycle.");
            out.nextRung = RungId::Diagnose;
        } else if (rung == RungId::RestartToolstack) {
            out.explanation =
                App::translate("RecoveryLadder", "The toolstack restart did not finish in time. Run the diagnosis "
                                                 "again: it may still be coming up.");
            out.nextRung = RungId::Diagnose;
        } else {
            out.toolstackWedged = true;
            out.explanation = flavour == FlavourKind::Xm
                                  ? App::translate("RecoveryLadder",
                                                   "xm did not return in time: xend is wedged. Restart xend (rung 3).")
                                  : trNoop(refusalByCode(u"TIMEOUT")->text);
            out.nextRung = RungId::RestartToolstack;
        }
        return out;
    }

    ParseReport scratch;
    const HostText text(stderrOutput, scratch);
    const QString lower = text.text().toLower();
    const bool xeText = flavour == FlavourKind::XapiLegacy || flavour == FlavourKind::XapiModern;
    if (xeText && !text.isBlank()) {
        const Result<XeError> parsed = XeError::parse(stderrOutput);
        if (parsed.ok() && parsed->kind != XeErrorKind::Unrecognised && parsed->kind != XeErrorKind::Client &&
            parsed->kind != XeErrorKind::Usage)
            return interpretRefusal(rung, *parsed, situation);
    }
    for (const RefusalSpec& r : kRefusals) {
        for (const char* p : r.patterns) {
            if (p && lower.contains(QLatin1String(p))) {
                RefusalReading out;
                out.code = QString::fromUtf16(r.code);
                out.known = true;
                out.explanation = trNoop(r.text);
                out.nextRung = r.hasNext ? std::optional<RungId>(r.next) : std::nullopt;
                return out;
            }
        }
    }
    RefusalReading out;
    out.explanation =
        App::translate("RecoveryLadder", "The command failed with a message XenRescue does not know: %1. Run the "
                                         "diagnosis again before going further.")
            .arg(elide(text.text().trimmed(), 200));
    out.nextRung = RungId::Diagnose;
    return out;
}

VerificationVerdict RecoveryLadder::verify(const Rung& rung, const VmSituation& after)
{
    const Verification& v = rung.verification;
    const DomainView& d = after.domain;
    switch (v.success) {
    case SuccessCondition::None:
        return VerificationVerdict::Succeeded;
    case SuccessCondition::HaltedAndNoDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        return after.xapiPowerState == XapiPowerState::Halted && d.isAbsent() ? VerificationVerdict::Succeeded
                                                                              : VerificationVerdict::Pending;
    case SuccessCondition::NoDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        // A new domain with another domid is the VM started again, not the old one.
        if (d.isPresent() && v.domidBefore >= 0 && d.domid != v.domidBefore)
            return VerificationVerdict::Succeeded;
        return d.isAbsent() ? VerificationVerdict::Succeeded : VerificationVerdict::Pending;
    case SuccessCondition::XapiHalted:
        return after.xapiPowerState == XapiPowerState::Halted ? VerificationVerdict::Succeeded
                                                              : VerificationVerdict::Pending;
    case SuccessCondition::TasksGone:
        for (const PendingTask& t : after.pendingTasks) {
            if (v.taskUuids.contains(t.uuid.toLower()))
                return VerificationVerdict::Pending;
        }
        return VerificationVerdict::Succeeded;
    case SuccessCondition::RunningWithNewDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        return d.isPresent() && d.domid > 0 && d.domid != v.domidBefore ? VerificationVerdict::Succeeded
                                                                        : VerificationVerdict::Pending;
    case SuccessCondition::ToolstackAnswers:
        return after.xapiAnswers() ? VerificationVerdict::Succeeded : VerificationVerdict::Pending;
    case SuccessCondition::DomainCrashedOrGone:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        if (d.isAbsent() || (d.isPresent() && (d.state.crashed || d.state.shutdown || d.domid != v.domidBefore)))
            return VerificationVerdict::Succeeded;
        return VerificationVerdict::Pending;
    case SuccessCondition::Manual:
        return VerificationVerdict::Pending;
    }
    return VerificationVerdict::Pending;
}

QString RecoveryLadder::number(RungId id)
{
    return QString::fromUtf16(textOf(id).number);
}

QString RecoveryLadder::idName(RungId id)
{
    return QString::fromUtf16(textOf(id).idName);
}

std::optional<RungId> RecoveryLadder::idFromName(QStringView name)
{
    for (const RungText& t : kRungTexts) {
        if (name == QStringView(t.idName))
            return t.id;
    }
    return std::nullopt;
}

QString RecoveryLadder::riskName(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::None:
        return QStringLiteral("none");
    case RiskLevel::Safe:
        return QStringLiteral("safe");
    case RiskLevel::Low:
        return QStringLiteral("low");
    case RiskLevel::Medium:
        return QStringLiteral("medium");
    case RiskLevel::High:
        return QStringLiteral("high");
    case RiskLevel::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

QString RecoveryLadder::riskDisplayName(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::None:
        return App::translate("RecoveryLadder", "none");
    case RiskLevel::Safe:
        return App::translate("RecoveryLadder", "safe");
    case RiskLevel::Low:
        return App::translate("RecoveryLadder", "low");
    case RiskLevel::Medium:
        return App::translate("RecoveryLadder", "medium");
    case RiskLevel::High:
        return App::translate("RecoveryLadder", "high");
    case RiskLevel::Critical:
        return App::translate("RecoveryLadder", "critical");
    }
    return {};
}

QString RecoveryLadder::hostRoleName(HostRole role)
{
    switch (role) {
    case HostRole::PoolMaster:
        return QStringLiteral("pool-master");
    case HostRole::ResidentHost:
        return QStringLiteral("resident-host");
    case HostRole::OutOfBand:
        return QStringLiteral("out-of-band");
    }
    return {};
}

QString RecoveryLadder::successName(SuccessCondition condition)
{
    switch (condition) {
    case SuccessCondition::None:
        return QStringLiteral("none");
    case SuccessCondition::HaltedAndNoDomain:
        return QStringLiteral("halted-and-no-domain");
    case SuccessCondition::NoDomain:
        return QStringLiteral("no-domain");
    case SuccessCondition::XapiHalted:
        return QStringLiteral("xapi-halted");
    case SuccessCondition::TasksGone:
        return QStringLiteral("tasks-gone");
    case SuccessCondition::RunningWithNewDomain:
        return QStringLiteral("running-with-new-domain");
    case SuccessCondition::ToolstackAnswers:
        return QStringLiteral("toolstack-answers");
    case SuccessCondition::DomainCrashedOrGone:
        return QStringLiteral("domain-crashed-or-gone");
    case SuccessCondition::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

QList<RungId> RecoveryLadder::allRungs()
{
    QList<RungId> out;
    for (const RungText& t : kRungTexts)
        out.append(t.id);
    return out;
}

QString HostRef::label() const
{
    if (!name.isEmpty())
        return name;
    if (!address.isEmpty())
        return address;
    return uuid;
}

const RungAttempt* VmSituation::lastAttempt(RungId rung) const
{
    for (auto it = previousAttempts.crbegin(); it != previousAttempts.crend(); ++it) {
        if (it->rung == rung)
            return &*it;
    }
    return nullptr;
}

} // namespace xr
