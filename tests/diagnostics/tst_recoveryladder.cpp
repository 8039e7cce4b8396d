#include "DomainGuard.h"
#include "HostOutputJson.h"
#include "LadderJson.h"
#include "RecoveryLadder.h"
#include "SampleData.h"

#include <QJsonArray>
#include <QTest>

#include <algorithm>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

namespace {

const QString kVm = u"0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22"_s;
const QString kTask = u"5d17a0b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b"_s;

HostFlavour flavour(FlavourKind kind)
{
    HostFlavour f;
    f.kind = kind;
    return f;
}

// A running VM on a live pool member: xapi and the hypervisor agree, nothing pending.
VmSituation runningVm()
{
    VmSituation s;
    s.vmUuid = kVm;
    s.vmName = u"web01"_s;
    s.xapiPowerState = XapiPowerState::Running;
    s.domain.presence = DomainPresence::Present;
    s.domain.domid = 7;
    s.domain.state.blocked = true;
    s.residentHost = HostRef{u"h2"_s, u"xcp-02"_s, u"10.0.0.12"_s, true, false};
    s.poolMaster = HostRef{u"h1"_s, u"xcp-01"_s, u"10.0.0.11"_s, true, true};
    return s;
}

VmSituation withStuckTask()
{
    VmSituation s = runningVm();
    s.currentOperations = {u"clean_shutdown"_s};
    s.pendingTasks = {PendingTask{kTask, u"Async.VM.clean_shutdown"_s, 5400, 0.0, true}};
    return s;
}

int recommendedCount(const Ladder& l)
{
    int n = 0;
    for (const Rung& r : l.rungs)
        n += r.recommended ? 1 : 0;
    return n;
}

RungId recommendedId(const Ladder& l)
{
    const Rung* r = l.recommended();
    return r ? r->id : RungId::Diagnose;
}

const Rung& rungOf(const Ladder& l, RungId id)
{
    static const Rung none;
    const Rung* r = l.rung(id);
    return r ? *r : none;
}

/// The actions inside a rung's commands (DomainGuard unwrapped); empty when one is unguarded
/// but addresses a domain by id.
QList<ShellCommand> actionsOf(const Rung& r)
{
    QList<ShellCommand> out;
    for (const ShellCommand& c : r.commands)
        out.append(DomainGuard::action(c));
    return out;
}

bool allGuarded(const Rung& r)
{
    return !r.commands.isEmpty() && std::all_of(r.commands.begin(), r.commands.end(),
                                                [](const ShellCommand& c) { return DomainGuard::isGuarded(c); });
}

QList<FlavourKind> xapiKinds()
{
    return {FlavourKind::XapiLegacy, FlavourKind::XapiModern};
}

QList<FlavourKind> allKinds()
{
    return {FlavourKind::XapiLegacy, FlavourKind::XapiModern, FlavourKind::Xl, FlavourKind::Xm};
}

} // namespace

// The recovery ladder (XEN-FIELD-GUIDE section 3) for every flavour and the situations of
// the field guide and the wizard issue; refusal reading on real xe error texts; JSON.
class TestRecoveryLadder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFlavourHasAllRungsInOrder()
    {
        for (FlavourKind k : allKinds()) {
            const Ladder l = RecoveryLadder::build(flavour(k), runningVm());
            QCOMPARE(l.rungs.size(), 10);
            QStringList numbers;
            for (const Rung& r : l.rungs)
                numbers.append(r.number);
            QCOMPARE(numbers,
                     (QStringList{u"0"_s, u"1a"_s, u"1b"_s, u"1c"_s, u"1c"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s}));
            QCOMPARE(rungOf(l, RungId::Diagnose).risk, RiskLevel::None);
            QCOMPARE(rungOf(l, RungId::CleanShutdown).risk, RiskLevel::Safe);
            QCOMPARE(rungOf(l, RungId::CancelTasks).risk, RiskLevel::Low);
            QCOMPARE(rungOf(l, RungId::ForceShutdown).risk, RiskLevel::Medium);
            QCOMPARE(rungOf(l, RungId::ResetPowerState).risk, RiskLevel::Medium);
            QCOMPARE(rungOf(l, RungId::DestroyDomain).risk, RiskLevel::High);
            QCOMPARE(rungOf(l, RungId::PowerCycleHost).risk, RiskLevel::Critical);
            QVERIFY(rungOf(l, RungId::PowerCycleHost).checklistOnly);
            QVERIFY(rungOf(l, RungId::PowerCycleHost).commands.isEmpty());
            for (const Rung& r : l.rungs) {
                QVERIFY(!r.title.isEmpty());
                QVERIFY(!r.explanation.isEmpty());
                QVERIFY(!r.whatCanBeLost.isEmpty());
                QCOMPARE(r.applies, r.whyNot.isEmpty());
            }
        }
    }

    void stuckTaskRecommendsCancel()
    {
        for (FlavourKind k : xapiKinds()) {
            const Ladder l = RecoveryLadder::build(flavour(k), withStuckTask());
            QCOMPARE(recommendedCount(l), 1);
            QCOMPARE(recommendedId(l), RungId::CancelTasks);
            const Rung& cancel = rungOf(l, RungId::CancelTasks);
            QCOMPARE(cancel.runsOn, HostRole::PoolMaster);
            QCOMPARE(cancel.runsOnHost, u"xcp-01"_s);
            QCOMPARE(cancel.commands.size(), 1);
            QCOMPARE(cancel.commands[0], (ShellCommand{u"xe"_s, {u"task-cancel"_s, u"uuid="_s + kTask}}));
            QCOMPARE(cancel.verification.success, SuccessCondition::TasksGone);
            QCOMPARE(cancel.verification.taskUuids, QStringList{kTask});
            const Rung& clean = rungOf(l, RungId::CleanShutdown);
            QVERIFY(!clean.applies);
            QVERIFY(clean.whyNot.contains(u"OTHER_OPERATION_IN_PROGRESS"));
            QVERIFY(rungOf(l, RungId::ForceShutdown).applies);
            QVERIFY(l.summary.contains(u"5400"));
        }
        // A task xapi will not cancel: 1b does not apply, the forced shutdown is next.
        VmSituation s = withStuckTask();
        s.pendingTasks[0].cancellable = false;
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        QVERIFY(!rungOf(l, RungId::CancelTasks).applies);
        QCOMPARE(recommendedId(l), RungId::ForceShutdown);
        QVERIFY(!rungOf(l, RungId::ForceShutdown).notes.isEmpty());
    }

    void noTasksCleanThenForce()
    {
        for (FlavourKind k : xapiKinds()) {
            VmSituation s = runningVm();
            Ladder l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedId(l), RungId::CleanShutdown);
            QCOMPARE(rungOf(l, RungId::CleanShutdown).commands,
                     (QList<ShellCommand>{{u"xe"_s, {u"vm-shutdown"_s, u"uuid="_s + kVm}}}));
            QCOMPARE(rungOf(l, RungId::CleanShutdown).verification.success, SuccessCondition::HaltedAndNoDomain);
            QVERIFY(!rungOf(l, RungId::CancelTasks).applies);

            s.previousAttempts = {RungAttempt{RungId::CleanShutdown, AttemptOutcome::TimedOut, {}}};
            l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedCount(l), 1);
            QCOMPARE(recommendedId(l), RungId::ForceShutdown);
            QCOMPARE(rungOf(l, RungId::ForceShutdown).commands,
                     (QList<ShellCommand>{{u"xe"_s, {u"vm-shutdown"_s, u"--force"_s, u"uuid="_s + kVm}}}));
            QCOMPARE(rungOf(l, RungId::ForceReboot).commands,
                     (QList<ShellCommand>{{u"xe"_s, {u"vm-reboot"_s, u"--force"_s, u"uuid="_s + kVm}}}));
            QVERIFY(!rungOf(l, RungId::ForceReboot).recommended);

            // 1c failed too: the toolstack restart on the resident host, then the destroy.
            s.previousAttempts.append(RungAttempt{RungId::ForceShutdown, AttemptOutcome::Failed, {}});
            l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedId(l), RungId::RestartToolstack);
            QCOMPARE(rungOf(l, RungId::RestartToolstack).runsOn, HostRole::ResidentHost);
            QCOMPARE(rungOf(l, RungId::RestartToolstack).commands,
                     (QList<ShellCommand>{{u"xe-toolstack-restart"_s, {}}}));
            s.previousAttempts.append(RungAttempt{RungId::RestartToolstack, AttemptOutcome::Succeeded, {}});
            l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedId(l), RungId::DestroyDomain);
            QCOMPARE(rungOf(l, RungId::DestroyDomain).runsOn, HostRole::ResidentHost);
            QCOMPARE(rungOf(l, RungId::DestroyDomain).runsOnHost, u"xcp-02"_s);
        }
    }

    void resetRefusedWhileDomainExists()
    {
        for (FlavourKind k : xapiKinds()) {
            const Ladder l = RecoveryLadder::build(flavour(k), runningVm());
            const Rung& reset = rungOf(l, RungId::ResetPowerState);
            QVERIFY(!reset.applies);
            QVERIFY2(reset.whyNot.contains(u"refused while the domain still runs: destroy the domain first"),
                     qPrintable(reset.whyNot));
            // The command is still shown (copyable), with force=true and the UUID.
            QCOMPARE(reset.commands,
                     (QList<ShellCommand>{{u"xe"_s, {u"vm-reset-powerstate"_s, u"force=true"_s, u"uuid="_s + kVm}}}));
            bool hasDomainExists = false;
            for (const Refusal& f : reset.refusals)
                hasDomainExists |= f.code == u"DOMAIN_EXISTS" && f.nextRung == RungId::DestroyDomain;
            QVERIFY(hasDomainExists);
        }
    }

    void resetAppliesWhenResidentHostIsDead()
    {
        for (FlavourKind k : xapiKinds()) {
            VmSituation s = runningVm();
            s.residentHost.alive = false;
            s.domain = DomainView{}; // the dead host cannot be asked
            const Ladder l = RecoveryLadder::build(flavour(k), s);
            const Rung& reset = rungOf(l, RungId::ResetPowerState);
            QVERIFY2(reset.applies, qPrintable(reset.whyNot));
            QCOMPARE(reset.runsOn, HostRole::PoolMaster);
            QCOMPARE(reset.verification.success, SuccessCondition::XapiHalted);
            QVERIFY(!rungOf(l, RungId::DestroyDomain).applies);
            QVERIFY(rungOf(l, RungId::DestroyDomain).whyNot.contains(u"down"));
            QCOMPARE(rungOf(l, RungId::Diagnose).runsOn, HostRole::PoolMaster);
        }
    }

    void resetOnLiveMemberIsHostIsLive()
    {
        VmSituation s = runningVm();
        s.domain = DomainView{DomainPresence::Absent, -1, {}, {}};
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        const Rung& reset = rungOf(l, RungId::ResetPowerState);
        QVERIFY(!reset.applies);
        QVERIFY(reset.whyNot.contains(u"HOST_IS_LIVE"));
        QVERIFY(!rungOf(l, RungId::CleanShutdown).applies);
        QVERIFY(!rungOf(l, RungId::ForceShutdown).applies);
        QCOMPARE(recommendedId(l), RungId::RestartToolstack);
        QCOMPARE(rungOf(l, RungId::RestartToolstack).runsOnHost, u"xcp-02"_s);
        QVERIFY(l.summary.contains(u"out of date"));

        // Resident on the master with no domain: the reset is what fits.
        s.residentHost.isMaster = true;
        const Ladder m = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        QVERIFY(rungOf(m, RungId::ResetPowerState).applies);
        QCOMPARE(recommendedId(m), RungId::ResetPowerState);
    }

    void xapiNotAnswering()
    {
        for (FlavourKind k : xapiKinds()) {
            VmSituation s = runningVm();
            s.xapiHealth = XapiHealth::NotAnswering;
            const Ladder l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedId(l), RungId::RestartToolstack);
            QCOMPARE(rungOf(l, RungId::RestartToolstack).runsOn, HostRole::PoolMaster);
            for (RungId id : {RungId::CleanShutdown, RungId::CancelTasks, RungId::ForceShutdown, RungId::ForceReboot,
                              RungId::ResetPowerState}) {
                QVERIFY(rungOf(l, id).needsXapi);
                QVERIFY(!rungOf(l, id).applies);
            }
            QVERIFY(rungOf(l, RungId::CleanShutdown).whyNot.contains(u"xapi does not answer"));
            QVERIFY(!rungOf(l, RungId::DestroyDomain).needsXapi);
            QVERIFY(rungOf(l, RungId::DestroyDomain).applies);
            // The diagnosis leaves xe out and still lists the domains.
            const QList<ShellCommand>& diag = rungOf(l, RungId::Diagnose).commands;
            QCOMPARE(diag.size(), 1);
            QCOMPARE(diag[0].program, u"list_domains"_s);
        }
    }

    void lingeringNullDomain()
    {
        VmSituation s = runningVm();
        s.domain.name = u"(null)"_s;
        s.domain.state = DomainState{};
        s.domain.state.dying = true;
        s.domain.state.paused = true;
        s.tapdiskHolding = true;
        for (FlavourKind k : {FlavourKind::XapiLegacy, FlavourKind::XapiModern, FlavourKind::Xl}) {
            const Ladder l = RecoveryLadder::build(flavour(k), s);
            QCOMPARE(recommendedId(l), RungId::Diagnose);
            QVERIFY(l.summary.contains(u"tap-ctl list"));
            const Rung& destroy = rungOf(l, RungId::DestroyDomain);
            QVERIFY(!destroy.applies);
            QVERIFY(destroy.whyNot.contains(u"tap-ctl list"));
            QVERIFY(!rungOf(l, RungId::ResetPowerState).applies);
            if (k != FlavourKind::Xl) {
                QVERIFY(rungOf(l, RungId::Diagnose).commands.contains(ShellCommand{u"tap-ctl"_s, {u"list"_s}}));
            }
        }
        // After a destroy, a dying domain is not a success.
        const Ladder before = RecoveryLadder::build(flavour(FlavourKind::XapiModern), runningVm());
        const Rung& destroy = rungOf(before, RungId::DestroyDomain);
        QCOMPARE(destroy.verification.success, SuccessCondition::NoDomain);
        QVERIFY(!destroy.verification.lingeringHint.isEmpty());
        QCOMPARE(destroy.verification.lingeringProbes.size(), 1);
        QCOMPARE(RecoveryLadder::verify(destroy, s), VerificationVerdict::Lingering);
        VmSituation gone = runningVm();
        gone.domain = DomainView{DomainPresence::Absent, -1, {}, {}};
        QCOMPARE(RecoveryLadder::verify(destroy, gone), VerificationVerdict::Succeeded);
        QCOMPARE(RecoveryLadder::verify(destroy, runningVm()), VerificationVerdict::Pending);
        // 1a/1c need xapi halted AND no domain.
        const Rung& force = rungOf(before, RungId::ForceShutdown);
        QCOMPARE(RecoveryLadder::verify(force, gone), VerificationVerdict::Pending);
        gone.xapiPowerState = XapiPowerState::Halted;
        QCOMPARE(RecoveryLadder::verify(force, gone), VerificationVerdict::Succeeded);
        QCOMPARE(RecoveryLadder::verify(force, s), VerificationVerdict::Lingering);
    }

    void controlDomain()
    {
        VmSituation s = runningVm();
        s.isControlDomain = true;
        s.domain.domid = 0;
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        for (RungId id : {RungId::CleanShutdown, RungId::CancelTasks, RungId::ForceShutdown, RungId::ForceReboot,
                          RungId::ResetPowerState, RungId::DestroyDomain, RungId::CrashGuest})
            QVERIFY(!rungOf(l, id).applies);
        QVERIFY(rungOf(l, RungId::ResetPowerState).whyNot.contains(u"CANNOT_RESET_CONTROL_DOMAIN"));
        QVERIFY(rungOf(l, RungId::DestroyDomain).commands.isEmpty());
        QCOMPARE(recommendedCount(l), 1);
        QVERIFY(rungOf(l, RungId::RestartToolstack).applies);
    }

    void legacyCommands()
    {
        HostFlavour f = HostFlavour::fromInventoryFields(u"XenServer"_s, u"6.2.0"_s, u"1.8.0"_s);
        QCOMPARE(f.kind, FlavourKind::XapiLegacy);
        const Ladder l = RecoveryLadder::build(f, runningVm());
        QCOMPARE(actionsOf(rungOf(l, RungId::DestroyDomain)),
                 (QList<ShellCommand>{{u"/opt/xensource/debug/xenops"_s, {u"destroy_domain"_s, u"-domid"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::DestroyDomain)));
        QVERIFY(rungOf(l, RungId::DestroyDomain)
                    .commands[0]
                    .toShell()
                    .endsWith(u" xenrescue-guard 7 vm /vm/"_s + kVm +
                              u" /opt/xensource/debug/xenops destroy_domain -domid 7"_s));
        QCOMPARE(rungOf(l, RungId::DestroyDomain).needsTool, HostTool::XenopsLegacy);
        // crash_guest works for PV guests too.
        QVERIFY(rungOf(l, RungId::CrashGuest).applies);
        QCOMPARE(actionsOf(rungOf(l, RungId::CrashGuest)),
                 (QList<ShellCommand>{{u"/usr/lib/xen/bin/crash_guest"_s, {u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::CrashGuest)));
        QCOMPARE(rungOf(l, RungId::Diagnose).commands.last(), (ShellCommand{u"list_domains"_s, {}}));
        // The tool is missing on this host: the rung says so.
        VmSituation s = runningVm();
        HostTools tools = HostTools::defaultsFor(FlavourKind::XapiLegacy);
        tools.set(HostTool::CrashGuest, false);
        s.toolsPresent = tools;
        const Ladder m = RecoveryLadder::build(f, s);
        QVERIFY(!rungOf(m, RungId::CrashGuest).applies);
        QVERIFY(rungOf(m, RungId::CrashGuest).whyNot.contains(u"/usr/lib/xen/bin/crash_guest"));
    }

    void modernCommands()
    {
        HostFlavour f = HostFlavour::fromInventoryFields(u"XCP-ng"_s, u"8.2.1"_s, u"3.2.1"_s);
        QCOMPARE(f.kind, FlavourKind::XapiModern);
        VmSituation s = runningVm();
        s.isHvm = true;
        const Ladder l = RecoveryLadder::build(f, s);
        QCOMPARE(actionsOf(rungOf(l, RungId::DestroyDomain)), (QList<ShellCommand>{{u"xl"_s, {u"destroy"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::DestroyDomain)));
        QCOMPARE(actionsOf(rungOf(l, RungId::CrashGuest)),
                 (QList<ShellCommand>{{u"xl"_s, {u"trigger"_s, u"7"_s, u"nmi"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::CrashGuest)));
        QVERIFY(rungOf(l, RungId::CrashGuest).applies);
        s.isHvm = false;
        const Ladder pv = RecoveryLadder::build(f, s);
        QVERIFY(!rungOf(pv, RungId::CrashGuest).applies);
        QVERIFY(rungOf(pv, RungId::CrashGuest).whyNot.contains(u"HVM"));
        // No xl on this host (tools probed): no destroy here.
        HostTools tools = HostTools::defaultsFor(FlavourKind::XapiModern);
        tools.set(HostTool::Xl, false);
        s.toolsPresent = tools;
        const Ladder noXl = RecoveryLadder::build(f, s);
        QVERIFY(!rungOf(noXl, RungId::DestroyDomain).applies);
        QVERIFY(rungOf(noXl, RungId::DestroyDomain).whyNot.contains(u"has no xl"));
    }

    void xlHost()
    {
        VmSituation s = runningVm();
        s.residentHost = HostRef{{}, u"xen-lab"_s, {}, true, false};
        s.poolMaster = HostRef{};
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::Xl), s);
        QCOMPARE(recommendedId(l), RungId::CleanShutdown);
        QCOMPARE(actionsOf(rungOf(l, RungId::CleanShutdown)),
                 (QList<ShellCommand>{{u"xl"_s, {u"shutdown"_s, u"-w"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::CleanShutdown)));
        QCOMPARE(rungOf(l, RungId::CleanShutdown).runsOn, HostRole::ResidentHost);
        const Rung& restart = rungOf(l, RungId::RestartToolstack);
        QVERIFY(!restart.applies);
        QVERIFY(restart.whyNot.contains(u"no management daemon"));
        QVERIFY(restart.commands.isEmpty());
        for (RungId id : {RungId::CancelTasks, RungId::ForceShutdown, RungId::ResetPowerState})
            QVERIFY(!rungOf(l, id).applies);
        QCOMPARE(rungOf(l, RungId::Diagnose).commands, (QList<ShellCommand>{{u"xl"_s, {u"list"_s}}}));
        s.previousAttempts = {RungAttempt{RungId::CleanShutdown, AttemptOutcome::TimedOut, {}}};
        const Ladder next = RecoveryLadder::build(flavour(FlavourKind::Xl), s);
        QCOMPARE(recommendedId(next), RungId::DestroyDomain);
        QCOMPARE(actionsOf(rungOf(next, RungId::DestroyDomain)),
                 (QList<ShellCommand>{{u"xl"_s, {u"destroy"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(next, RungId::DestroyDomain)));
    }

    void xmHost()
    {
        VmSituation s = runningVm();
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::Xm), s);
        QCOMPARE(actionsOf(rungOf(l, RungId::CleanShutdown)),
                 (QList<ShellCommand>{{u"xm"_s, {u"shutdown"_s, u"-w"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::CleanShutdown)));
        QCOMPARE(rungOf(l, RungId::RestartToolstack).commands,
                 (QList<ShellCommand>{{u"service"_s, {u"xend"_s, u"restart"_s}}}));
        QCOMPARE(actionsOf(rungOf(l, RungId::DestroyDomain)), (QList<ShellCommand>{{u"xm"_s, {u"destroy"_s, u"7"_s}}}));
        QVERIFY(allGuarded(rungOf(l, RungId::DestroyDomain)));
        QVERIFY(!rungOf(l, RungId::CrashGuest).applies);
        QCOMPARE(recommendedId(l), RungId::CleanShutdown);
        s.xapiHealth = XapiHealth::NotAnswering; // xend
        const Ladder wedged = RecoveryLadder::build(flavour(FlavourKind::Xm), s);
        QCOMPARE(recommendedId(wedged), RungId::RestartToolstack);
        QVERIFY(rungOf(wedged, RungId::DestroyDomain).whyNot.contains(u"xend"));
    }

    void hostileNameNeverReachesACommand_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("quotes") << u"it's \"PWNED\""_s;
        QTest::newRow("command substitution") << u"$(PWNED)`halt`"_s;
        QTest::newRow("semicolon") << u"a; PWNED vm-destroy --multiple"_s;
        QTest::newRow("newline") << u"PWNED\nuuid=ffffffff-ffff-ffff-ffff-ffffffffffff"_s;
        QTest::newRow("leading dash") << u"--force-PWNED"_s;
    }

    void hostileNameNeverReachesACommand()
    {
        QFETCH(QString, name);
        for (FlavourKind k : allKinds()) {
            for (bool tasks : {false, true}) {
                VmSituation s = tasks ? withStuckTask() : runningVm();
                s.vmName = name;
                s.pendingTasks.append(PendingTask{u"not-a-uuid; PWNED"_s, name, 10, 0.5, true});
                s.residentVms = {ResidentVm{kVm, name, XapiPowerState::Running, true, false, false}};
                const Ladder l = RecoveryLadder::build(flavour(k), s);
                QCOMPARE(recommendedCount(l), 1);
                for (const Rung& r : l.rungs) {
                    QList<ShellCommand> all = r.commands;
                    for (const Probe& p : r.verification.probes)
                        all.append(p.command);
                    for (const ShellCommand& guarded : all) {
                        // The guard's script is constant text; what varies are its arguments.
                        ShellCommand c = guarded;
                        if (DomainGuard::isGuarded(c)) {
                            QCOMPARE(c.args.at(1), DomainGuard::script());
                            c.args.removeAt(1);
                        }
                        QVERIFY(!c.args.contains(name));
                        for (const QString& a : c.args) {
                            QVERIFY2(!a.contains(u"PWNED") && !a.contains(u'\n') && !a.contains(u';'),
                                     qPrintable(c.toShell()));
                        }
                        QVERIFY(!c.toShell().contains(name));
                    }
                }
                if (k == FlavourKind::XapiModern && tasks) {
                    // The task without a UUID is left out, and said so.
                    QCOMPARE(rungOf(l, RungId::CancelTasks).commands.size(), 1);
                    QVERIFY(!rungOf(l, RungId::CancelTasks).notes.isEmpty());
                }
            }
        }
    }

    void domainRungsCarryTheGuard()
    {
        // Every command that addresses a domain by id checks on the host, in the same command,
        // that the id is still the VM's: by UUID when known, by the domain's name otherwise.
        for (FlavourKind k : allKinds()) {
            VmSituation s = runningVm();
            s.isHvm = true;
            s.previousAttempts = {RungAttempt{RungId::CleanShutdown, AttemptOutcome::TimedOut, {}}};
            const Ladder l = RecoveryLadder::build(flavour(k), s);
            for (const Rung& r : l.rungs) {
                for (const ShellCommand& c : r.commands) {
                    const ShellCommand action = DomainGuard::action(c);
                    const bool byDomid = action.args.contains(u"7"_s);
                    QCOMPARE(DomainGuard::isGuarded(c), byDomid);
                    if (!byDomid)
                        continue;
                    QCOMPARE(c.program, u"/bin/sh"_s);
                    QCOMPARE(c.args.mid(2, 4), (QStringList{u"xenrescue-guard"_s, u"7"_s, u"vm"_s, u"/vm/"_s + kVm}));
                }
            }
        }
        // The exact text sent for `xl destroy 7`.
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), runningVm());
        const QString script = DomainGuard::script();
        QCOMPARE(rungOf(l, RungId::DestroyDomain).commands.value(0).toShell(),
                 u"/bin/sh -c '"_s + script + u"' xenrescue-guard 7 vm /vm/"_s + kVm + u" xl destroy 7"_s);
        QVERIFY(!script.contains(u'\''));
        QVERIFY(script.contains(u"timeout -s KILL 5 xenstore-read \"/local/domain/$d/$k\""_s));
        QVERIFY(script.contains(u"if [ \"$v\" = \"$e\" ]; then exec \"$@\"; fi"_s));
        for (const char* code : {"exit 96", "exit 97", "exit 98"})
            QVERIFY(script.contains(QLatin1String(code)));

        // xl host read with plain `xl list`: no UUID, the domain's name is what xenstore keeps.
        VmSituation xl = runningVm();
        xl.vmUuid.clear();
        xl.domain.name = u"web01"_s;
        const Ladder byName = RecoveryLadder::build(flavour(FlavourKind::Xl), xl);
        QCOMPARE(rungOf(byName, RungId::CleanShutdown).commands.value(0).args.mid(2, 4),
                 (QStringList{u"xenrescue-guard"_s, u"7"_s, u"name"_s, u"web01"_s}));
        // Neither: never a bare domain id.
        xl.domain.name.clear();
        xl.vmName.clear();
        const Ladder blind = RecoveryLadder::build(flavour(FlavourKind::Xl), xl);
        for (RungId id : {RungId::CleanShutdown, RungId::DestroyDomain}) {
            QVERIFY(!rungOf(blind, id).applies);
            QVERIFY(rungOf(blind, id).commands.isEmpty());
            QVERIFY(rungOf(blind, id).whyNot.contains(u"bare domain id"));
        }
    }

    void guardRefusalsAreRead()
    {
        const QByteArray reused = "xenrescue-guard: domain 7 is no longer /vm/" + kVm.toUtf8() +
                                  " (its vm is now /vm/2b9d8f00-1c2e-4e55-8a61-5d7c9e0f1a22): it was not touched\n";
        for (FlavourKind k : allKinds()) {
            const RefusalReading r = RecoveryLadder::interpretRefusal(RungId::DestroyDomain, k, reused, false, nullptr,
                                                                      DomainGuard::ExitReused);
            QCOMPARE(r.code, u"domain-reused"_s);
            QVERIFY(r.known);
            QVERIFY(r.guardRefused);
            QCOMPARE(r.nextRung, std::optional<RungId>(RungId::Diagnose));
            QVERIFY(r.explanation.contains(u"belongs to another VM"));
            QVERIFY(r.explanation.contains(u"nothing was done"));
        }
        const RefusalReading gone = RecoveryLadder::interpretRefusal(
            RungId::CrashGuest, FlavourKind::XapiLegacy,
            "xenrescue-guard: domain 7 has no vm in xenstore (gone or going): it cannot be confirmed\n", false, nullptr,
            DomainGuard::ExitUnconfirmed);
        QCOMPARE(gone.code, u"domain-unconfirmed"_s);
        QVERIFY(gone.guardRefused);
        const RefusalReading hung = RecoveryLadder::interpretRefusal(
            RungId::CleanShutdown, FlavourKind::Xl, "xenrescue-guard: xenstore did not answer within 5 s\n", false,
            nullptr, DomainGuard::ExitXenstoreTimeout);
        QCOMPARE(hung.code, u"xenstore-timeout"_s);
        QVERIFY(hung.explanation.contains(u"xenstore"));
        // The exit status alone, or the line alone, is not the guard.
        QVERIFY(!RecoveryLadder::interpretRefusal(RungId::DestroyDomain, FlavourKind::Xl, "libxl: error\n", false,
                                                  nullptr, DomainGuard::ExitReused)
                     .guardRefused);
        QVERIFY(!RecoveryLadder::interpretRefusal(RungId::DestroyDomain, FlavourKind::Xl, reused, false, nullptr, 1)
                     .guardRefused);
        // The refusals are listed with the rungs that carry the guard.
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::Xl), runningVm());
        const QList<Refusal> listed = rungOf(l, RungId::DestroyDomain).refusals;
        QVERIFY(std::any_of(listed.begin(), listed.end(), [](const Refusal& r) { return r.code == u"domain-reused"; }));
    }

    void noUuidNoXeCommand()
    {
        VmSituation s = runningVm();
        s.vmUuid = u"web01; reboot"_s;
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        for (RungId id : {RungId::CleanShutdown, RungId::ForceShutdown, RungId::ResetPowerState}) {
            QVERIFY(!rungOf(l, id).applies);
            QVERIFY(rungOf(l, id).commands.isEmpty());
            QVERIFY(rungOf(l, id).whyNot.contains(u"UUID"));
        }
    }

    void exactlyOneRecommendedEverywhere()
    {
        const QList<XapiHealth> healths{XapiHealth::Answering, XapiHealth::NotAnswering};
        const QList<XapiPowerState> states{XapiPowerState::Unknown, XapiPowerState::Running, XapiPowerState::Halted,
                                           XapiPowerState::Paused, XapiPowerState::Suspended};
        const QList<DomainPresence> presences{DomainPresence::Unknown, DomainPresence::Present, DomainPresence::Absent};
        for (FlavourKind k : allKinds()) {
            for (XapiHealth h : healths) {
                for (XapiPowerState p : states) {
                    for (DomainPresence d : presences) {
                        for (bool alive : {true, false}) {
                            for (bool control : {false, true}) {
                                VmSituation s = runningVm();
                                s.xapiHealth = h;
                                s.xapiPowerState = p;
                                s.domain.presence = d;
                                s.residentHost.alive = alive;
                                s.isControlDomain = control;
                                const Ladder l = RecoveryLadder::build(flavour(k), s);
                                QCOMPARE(recommendedCount(l), 1);
                                QVERIFY(l.recommended()->applies);
                                QVERIFY(!l.summary.isEmpty());
                            }
                        }
                    }
                }
            }
        }
    }

    void powerCycleChecklist()
    {
        VmSituation s = runningVm();
        s.residentHost.uuid = u"4e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001"_s;
        s.haEnabled = true;
        s.otherHosts = {HostRef{{}, u"xcp-03"_s, {}, true, false}};
        s.residentVms = {ResidentVm{kVm, u"web01"_s, XapiPowerState::Running, false, true, false},
                         ResidentVm{u"1b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22"_s, u"db01"_s, XapiPowerState::Running, true,
                                    false, false},
                         ResidentVm{{}, u"Control domain"_s, XapiPowerState::Running, false, false, true}};
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), s);
        const QString list = rungOf(l, RungId::PowerCycleHost).checklist.join(u'\n');
        QVERIFY(list.contains(u"HA is on"));
        QVERIFY(list.contains(u"web01"));
        QVERIFY(list.contains(u"db01"));
        QVERIFY(!list.contains(u"Control domain"));
        QVERIFY(list.contains(u"xcp-03"));
        QVERIFY(list.contains(u"xe host-evacuate uuid=4e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001"));
        QCOMPARE(rungOf(l, RungId::PowerCycleHost).runsOn, HostRole::OutOfBand);
    }

    void refusalsFromRealTexts()
    {
        // VM_BAD_POWER_STATE, real sample (XCP-ng 8.1).
        const auto bad = XeError::parse(readSample("xe-error-vm-bad-power-state__xcpng-issue-500.txt"));
        QVERIFY(bad.ok());
        RefusalReading r = RecoveryLadder::interpretRefusal(RungId::ForceShutdown, *bad);
        QCOMPARE(r.code, u"VM_BAD_POWER_STATE"_s);
        QVERIFY(r.known);
        QCOMPARE(r.nextRung, RungId::Diagnose);
        QVERIFY(r.explanation.contains(u"Expected halted, found running"));

        // Lost connection, real sample.
        r = RecoveryLadder::interpretRefusal(RungId::CleanShutdown, FlavourKind::XapiModern,
                                             readSample("xe-error-lost-connection__xcpng-issue-228.txt"));
        QCOMPARE(r.code, u"CLI_LOST_CONNECTION"_s);
        QVERIFY(r.toolstackWedged);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);

        // OTHER_OPERATION_IN_PROGRESS, real log rendering.
        r = RecoveryLadder::interpretRefusal(
            RungId::CleanShutdown, FlavourKind::XapiModern,
            readSample("xapi-error-other-operation-in-progress__xenapi-pr-6588-before.txt"));
        QCOMPARE(r.code, u"OTHER_OPERATION_IN_PROGRESS"_s);
        QCOMPARE(r.nextRung, RungId::CancelTasks);
        QVERIFY(r.explanation.contains(u"VDI.clone"));
        const VmSituation noCancel = runningVm();
        r = RecoveryLadder::interpretRefusal(
            RungId::ForceShutdown, FlavourKind::XapiModern,
            readSample("xapi-error-other-operation-in-progress__xenapi-pr-6588-before.txt"), false, &noCancel);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);

        // Texts of xen-api's datamodel as the CLI prints them.
        r = RecoveryLadder::interpretRefusal(
            RungId::ResetPowerState, FlavourKind::XapiModern,
            "The operation could not be performed because a domain still exists for the specified VM.\n"
            "vm: 0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22 (web01)\ndomid: <unknown>\n");
        QCOMPARE(r.code, u"DOMAIN_EXISTS"_s);
        QCOMPARE(r.nextRung, RungId::DestroyDomain);

        const QByteArray hostIsLive = "This operation cannot be completed because the server is still live.\n"
                                      "host: 4e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001 (xcp-02)\n";
        r = RecoveryLadder::interpretRefusal(RungId::ResetPowerState, FlavourKind::XapiModern, hostIsLive);
        QCOMPARE(r.code, u"HOST_IS_LIVE"_s);
        QVERIFY(r.explanation.contains(u"xcp-02"));
        QCOMPARE(r.nextRung, RungId::DestroyDomain); // the domain may still run: unknown
        VmSituation noDomain = runningVm();
        noDomain.domain = DomainView{DomainPresence::Absent, -1, {}, {}};
        r = RecoveryLadder::interpretRefusal(RungId::ResetPowerState, FlavourKind::XapiModern, hostIsLive, false,
                                             &noDomain);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);

        r = RecoveryLadder::interpretRefusal(RungId::ResetPowerState, FlavourKind::XapiLegacy,
                                             "The power-state of a control domain cannot be reset.\n"
                                             "vm: 3f38 (Control domain on host: a)\n");
        QCOMPARE(r.code, u"CANNOT_RESET_CONTROL_DOMAIN"_s);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);

        r = RecoveryLadder::interpretRefusal(RungId::CleanShutdown, FlavourKind::XapiModern,
                                             "Error: Connection refused (calling connect )\n");
        QCOMPARE(r.code, u"CLI_CONNECTION_FAILED"_s);
        QVERIFY(r.toolstackWedged);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);

        r = RecoveryLadder::interpretRefusal(RungId::ForceShutdown, FlavourKind::XapiModern, {}, true);
        QCOMPARE(r.code, u"TIMEOUT"_s);
        QVERIFY(r.toolstackWedged);
        QCOMPARE(r.nextRung, RungId::RestartToolstack);
        r = RecoveryLadder::interpretRefusal(RungId::DestroyDomain, FlavourKind::Xl, {}, true);
        QVERIFY(!r.toolstackWedged);

        r = RecoveryLadder::interpretRefusal(RungId::DestroyDomain, FlavourKind::Xl,
                                             "libxl: error: libxl_domain.c:1234: invalid domain identifier\n");
        QCOMPARE(r.code, u"domain-not-found"_s);
        QCOMPARE(r.nextRung, RungId::Diagnose);
        r = RecoveryLadder::interpretRefusal(RungId::DestroyDomain, FlavourKind::Xm,
                                             "Error: Domain '7' does not exist.\n");
        QCOMPARE(r.code, u"domain-not-found"_s);

        r = RecoveryLadder::interpretRefusal(RungId::CleanShutdown, FlavourKind::XapiModern, "something odd\n");
        QVERIFY(!r.known);
        QCOMPARE(r.nextRung, RungId::Diagnose);
    }

    void situationJsonRoundTrip()
    {
        VmSituation s = withStuckTask();
        s.vmName = u"it's $(x);\nweb"_s;
        s.isHvm = true;
        s.domain.state.dying = true;
        s.domain.name = u"(null)"_s;
        s.allowedOperations = {u"hard_shutdown"_s};
        s.haEnabled = true;
        s.tapdiskHolding = true;
        HostTools tools;
        tools.set(HostTool::Xe);
        tools.set(HostTool::TapCtl);
        s.toolsPresent = tools;
        s.previousAttempts = {RungAttempt{RungId::ResetPowerState, AttemptOutcome::Refused, u"DOMAIN_EXISTS"_s}};
        s.otherHosts = {HostRef{u"h3"_s, u"xcp-03"_s, u"10.0.0.13"_s, false, false}};
        s.residentVms = {ResidentVm{kVm, u"web"_s, XapiPowerState::Paused, true, true, false}};
        const QJsonObject o = LadderJson::toJson(s);
        const auto back = LadderJson::situationFromJson(o);
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(*back, s);
        QCOMPARE(o.value(u"xapiPowerState").toString(), u"running"_s);
        QCOMPARE(o.value(u"domain").toObject().value(u"state").toString(), u"-b---d"_s);

        // Absent toolsPresent means "not probed".
        VmSituation plain = runningVm();
        const auto plainBack = LadderJson::situationFromJson(LadderJson::toJson(plain));
        QVERIFY(plainBack.ok());
        QVERIFY(!plainBack->toolsPresent.has_value());
        QCOMPARE(*plainBack, plain);
    }

    void situationJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("bad power state") << QByteArray(R"({"xapiPowerState":"runing"})");
        QTest::newRow("bad type") << QByteArray(R"({"haEnabled":"yes"})");
        QTest::newRow("bad flags") << QByteArray(R"({"domain":{"state":"xyz"}})");
        QTest::newRow("bad tool") << QByteArray(R"({"toolsPresent":["rm"]})");
        QTest::newRow("bad rung") << QByteArray(R"({"previousAttempts":[{"rung":"9","outcome":"failed"}]})");
        QTest::newRow("bad domid") << QByteArray(R"({"domain":{"domid":1.5}})");
        // Found by fuzz_ladder_json: numbers beyond qint64 were converted before the range
        // check (undefined behaviour).
        QTest::newRow("huge domid") << QByteArray(R"({"domain":{"domid":)" + QByteArray(113, '4') + "}}");
        QTest::newRow("domid 1e300") << QByteArray(R"({"domain":{"domid":1e300}})");
        QTest::newRow("task age -1e300") << QByteArray(R"({"pendingTasks":[{"uuid":"a","ageSeconds":-1e300}]})");
        QTest::newRow("domid 1e16") << QByteArray(R"({"domain":{"domid":1e16}})");
    }

    void situationJsonErrors()
    {
        QFETCH(QByteArray, json);
        const auto r = LadderJson::situationFromJson(json);
        QVERIFY(!r.ok());
        QVERIFY(!r.errorMessage().isEmpty());
    }

    void ladderJson()
    {
        const Ladder l = RecoveryLadder::build(flavour(FlavourKind::XapiModern), withStuckTask());
        const QJsonObject o = LadderJson::toJson(l);
        QCOMPARE(o.value(u"recommended").toString(), u"cancel-tasks"_s);
        const QJsonArray rungs = o.value(u"rungs").toArray();
        QCOMPARE(rungs.size(), 10);
        const QJsonObject cancel = rungs.at(2).toObject();
        QCOMPARE(cancel.value(u"number").toString(), u"1b"_s);
        QCOMPARE(cancel.value(u"risk").toString(), u"low"_s);
        QCOMPARE(cancel.value(u"commands").toArray().at(0).toObject().value(u"shell").toString(),
                 u"xe task-cancel uuid="_s + kTask);
        QCOMPARE(rungs.at(5).toObject().value(u"applies").toBool(), false);
        QVERIFY(rungs.at(5).toObject().contains(u"whyNot"));
    }

    void flavourClassification()
    {
        auto inv = [](const char* text) { return HostFlavour::fromInventory(QByteArrayView(text, qstrlen(text))); };
        auto legacy = inv("PRODUCT_BRAND='XenServer'\nPRODUCT_VERSION='6.2.0'\nPLATFORM_VERSION='1.8.0'\n"
                          "INSTALLATION_UUID='x'\n");
        QVERIFY(legacy.ok());
        QCOMPARE(legacy->kind, FlavourKind::XapiLegacy);
        QCOMPARE(legacy->productVersion, u"6.2.0"_s);
        QCOMPARE(inv("PRODUCT_BRAND='XenServer'\nPRODUCT_VERSION='6.5.0'\nPLATFORM_VERSION='1.9.0'\n")->kind,
                 FlavourKind::XapiModern);
        QCOMPARE(inv("PRODUCT_BRAND='XCP-ng'\nPRODUCT_VERSION='8.2.1'\n")->kind, FlavourKind::XapiModern);
        QCOMPARE(inv("PRODUCT_BRAND='XCP'\nPRODUCT_VERSION='1.6.10'\n")->kind, FlavourKind::XapiLegacy);
        QVERIFY(!inv("").ok());
        QCOMPARE(HostFlavour::fromName(u"xenserver", u"6.2"_s)->kind, FlavourKind::XapiLegacy);
        QCOMPARE(HostFlavour::fromName(u"xenserver", u"7.1"_s)->kind, FlavourKind::XapiModern);
        QCOMPARE(HostFlavour::fromName(u"xcp-ng", u"8.2"_s)->kind, FlavourKind::XapiModern);
        QCOMPARE(HostFlavour::fromName(u"xl", {})->kind, FlavourKind::Xl);
        QVERIFY(!HostFlavour::fromName(u"hyper-v", {}).ok());

        HostTools t;
        t.set(HostTool::Xl);
        QCOMPARE(HostFlavour::fromTools(t, std::nullopt)->kind, FlavourKind::Xl);
        t.set(HostTool::Xm);
        t.set(HostTool::Xend);
        QCOMPARE(HostFlavour::fromTools(t, std::nullopt)->kind, FlavourKind::Xm);
        t.set(HostTool::Xe);
        t.set(HostTool::XenopsLegacy);
        QCOMPARE(HostFlavour::fromTools(t, std::nullopt)->kind, FlavourKind::XapiLegacy);
        QVERIFY(!HostFlavour::fromTools(HostTools{}, std::nullopt).has_value());
        QVERIFY(compareVersions(u"6.2.0", u"6.10") < 0);
    }

    void hostOutputJsonOnSamples()
    {
        const QByteArray xl = readSample("xl-list__xen-commit-93e52d52-null-domains.txt");
        QVERIFY(!xl.isEmpty());
        QCOMPARE(HostOutputJson::detect(xl), HostOutputKind::XlList);
        const auto o = HostOutputJson::read(HostOutputKind::XlList, xl);
        QVERIFY(o.ok());
        const QJsonArray d = o->value(u"domains").toArray();
        QCOMPARE(d.size(), 5);
        QCOMPARE(d.at(1).toObject().value(u"name").toString(), u"(null)"_s);
        QCOMPARE(d.at(1).toObject().value(u"dying").toBool(), true);
        QCOMPARE(d.at(0).toObject().value(u"memoryMiB").toInt(), 752);
        QCOMPARE(d.at(4).toObject().value(u"id").toInt(), 25);

        const QByteArray minimal = readSample("xe-vm-list-minimal__xcpng-docs-cli-reference.txt");
        QCOMPARE(HostOutputJson::detect(minimal), HostOutputKind::XeMinimal);
        QCOMPARE(HostOutputJson::read(HostOutputKind::XeMinimal, minimal)->value(u"values").toArray().size(), 3);

        const QByteArray info = readSample("xl-info__intel-vmsifter-test.txt");
        QCOMPARE(HostOutputJson::detect(info), HostOutputKind::XlInfo);
        const auto io = HostOutputJson::read(HostOutputKind::XlInfo, info);
        QCOMPARE(io->value(u"values").toObject().value(u"host").toString(), u"abc.intel.com"_s);

        QVERIFY(!HostOutputJson::read(HostOutputKind::Xe, "").ok());
        QCOMPARE(HostOutputJson::read(HostOutputKind::Xe, "  \n").error().code, u"empty"_s);
        QCOMPARE(HostOutputJson::read(HostOutputKind::XlList, xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QVERIFY(!HostOutputJson::detect(xrtest::binaryNoise(4096)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRecoveryLadder)
#include "tst_recoveryladder.moc"
