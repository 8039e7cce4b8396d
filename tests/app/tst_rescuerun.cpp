// RescueRun against the in-process lab pool: diagnosis, rungs with their confirmations,
// checks, refusals, cancel, a connection lost mid-rung, the audit log and the transcript.
#include "AppPaths.h"
#include "AuditLog.h"
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "FakeRemoteHost.h"
#include "Inventory.h"
#include "LabPool.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "RescueRun.h"
#include "SimHost.h"
#include "VmActions.h"
#include "Workspace.h"

#include <QMetaEnum>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {

/// The app's objects over an in-process lab pool: the Workspace (lab audit log on), its
/// PoolMonitor polling quickly, and a RescueRun sender that goes through the command gateway.
/// Runs a rung; the reason it was refused goes to `error`.
bool tryRung(RescueRun& run, RungId id, const RescueRun::Confirmation& confirmation, QString* error)
{
    const Result<void> started = run.runRung(id, confirmation);
    if (!started && error)
        *error = started.errorMessage();
    return bool(started);
}

struct Lab
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(u"data"_s), dir.filePath(u"config"_s), dir.filePath(u"ssh"_s)};
    Workspace workspace{paths};
    Inventory& inventory = *workspace.inventory();
    ConnectionManager& connections = *workspace.connections();
    PoolMonitor& monitor = *workspace.monitor();
    std::shared_ptr<sim::SimLab> lab;
    QHash<QString, QString> ids; // lab host name -> id
    QString auditPath;

    bool start(const QString& scenario)
    {
        QString error;
        lab = sim::SimLab::fromScenario(scenario, &error);
        if (!lab) {
            qWarning() << error;
            return false;
        }
        auditPath = dir.filePath(u"lab-audit.jsonl"_s);
        workspace.gateway()->setLabAuditLog(auditPath);
        HostSession::Options options;
        options.intervalMs = 300;
        options.xapiTimeoutMs = 3000;
        options.hypervisorTimeoutMs = 3000;
        monitor.setSessionOptions(options);
        for (const QString& name : lab->hostNames()) {
            auto* host = new sim::SimHost(lab, name);
            const QString id = connections.addUnsavedHost(name, name, host);
            ids.insert(name, id);
            connections.connectHost(id);
        }
        return true;
    }

    RescueRun::Sender sender()
    {
        CommandGateway* gateway = workspace.gateway();
        // Everything as an action: the tests check that every command has its "sent" line.
        return [gateway](const QString& sessionId, const CommandRequest& request, const AuditContext& context,
                         RescueRun::CommandKind) { return gateway->runAction(sessionId, request, context); };
    }

    /// The VM named `name` once the tree has it with both views read.
    std::optional<VmState> waitForVm(const QString& name, int timeoutMs = 15000)
    {
        std::optional<VmState> found;
        (void)QTest::qWaitFor(
            [&] {
                for (const QString& scope : monitor.scopes()) {
                    for (const VmState& vm : monitor.vms(scope)) {
                        if (vm.name == name && vm.domain.presence != DomainPresence::Unknown &&
                            (vm.hasXapi || vm.uuid.isEmpty() || vm.powerState == XapiPowerState::Unknown)) {
                            found = vm;
                            return true;
                        }
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }

    /// The lab's UUID of the VM named `name`.
    QString uuidOf(const QString& name) const
    {
        const std::optional<sim::SimPool> pool = lab->pool();
        for (const sim::SimVm& v : pool ? pool->vms : QList<sim::SimVm>()) {
            if (v.nameLabel == name)
                return v.uuid;
        }
        return {};
    }

    /// The VM `name` restarts in a new domain on `host` and the halted VM `other` starts in its
    /// old domain id (the lab's test hook); returns that id, -1 when it could not.
    int reuseDomid(const QString& host, const QString& name, const QString& other)
    {
        int reused = -1;
        const QString first = uuidOf(name);
        const QString second = uuidOf(other);
        const bool ok = lab->store()->update([&](sim::SimPool& p) {
            reused = p.reuseDomid(host, first, second);
            return reused >= 0;
        });
        return ok ? reused : -1;
    }

    /// The domain `domid` on `host` as the lab has it now, or nullopt.
    std::optional<sim::SimDomain> domainOn(const QString& host, int domid) const
    {
        std::optional<sim::SimPool> p = lab->pool();
        if (!p)
            return std::nullopt;
        sim::SimHostModel* h = p->host(host);
        sim::SimDomain* d = h ? h->domain(domid) : nullptr;
        return d ? std::optional<sim::SimDomain>(*d) : std::nullopt;
    }

    /// The argv of commands that change something (not reads): what the rungs sent.
    QList<QStringList> changes() const
    {
        return test::LabPool::changesIn(test::LabPool::readRecord(lab->recordPath()));
    }
};

/// With XR_TEST_VERBOSE set, the run's transcript goes to the test log as it grows.
void trace(RescueRun& run)
{
    if (qEnvironmentVariableIsEmpty("XR_TEST_VERBOSE"))
        return;
    QObject::connect(&run, &RescueRun::transcriptAdded, &run, [](const TranscriptEntry& e) {
        qInfo().noquote() << RescueTranscript::kindName(e.kind) << e.host << e.text;
    });
    QObject::connect(&run, &RescueRun::phaseChanged, &run, [](RescueRun::Phase p) { qInfo() << "phase" << p; });
}

bool waitPhase(RescueRun& run, RescueRun::Phase phase, int timeoutMs = 20000)
{
    return QTest::qWaitFor([&] { return run.phase() == phase; }, timeoutMs);
}

/// The transcript has a command line containing `text` (the command was sent).
bool waitCommandSent(RescueRun& run, const QString& text, int timeoutMs = 20000)
{
    return QTest::qWaitFor(
        [&] {
            return std::any_of(run.transcript().begin(), run.transcript().end(), [&](const TranscriptEntry& e) {
                return e.kind == TranscriptEntry::Kind::Command && e.text.contains(text);
            });
        },
        timeoutMs);
}

} // namespace

class TestRescueRun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void confirmationGrowsWithRisk()
    {
        Rung r;
        r.id = RungId::ForceShutdown;
        const QString name = u"db \"01\"; $(rm -rf /)"_s;
        const QString uuid = u"1f2e3d4c-0000-4000-8000-123456789abc"_s;
        r.risk = RiskLevel::Safe;
        QVERIFY(RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, {}}, {name, uuid}).isEmpty());
        // A confirmation for another rung never counts.
        QVERIFY(!RescueRun::confirmationProblem(r, {RungId::CleanShutdown, true, name}, {name, uuid}).isEmpty());
        r.risk = RiskLevel::Medium;
        QVERIFY(!RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, {}}, {name, uuid}).isEmpty());
        QVERIFY(RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, {}}, {name, uuid}).isEmpty());
        for (RiskLevel risk : {RiskLevel::High, RiskLevel::Critical}) {
            r.risk = risk;
            // The acknowledgement alone is not enough: the name must be typed.
            QVERIFY(!RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, {}}, {name, uuid}).isEmpty());
            QVERIFY(!RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, u"db"_s}, {name, uuid}).isEmpty());
            QVERIFY(
                !RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, name + u' '}, {name, uuid}).isEmpty());
            QVERIFY(RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, name}, {name, uuid}).isEmpty());
            QVERIFY(RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, uuid.toUpper()}, {name, uuid})
                        .isEmpty());
            // An empty name is never matched by an empty answer.
            QVERIFY(!RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, {}}, {{}, uuid}).isEmpty());
        }
    }

    void confirmationAsksForTheUuid()
    {
        Rung r;
        r.id = RungId::ForceShutdown;
        r.risk = RiskLevel::High;
        const QString uuid = u"1f2e3d4c-0000-4000-8000-123456789abc"_s;
        auto problem = [&](const QString& typed, const ConfirmationTarget& vm) {
            return RescueRun::confirmationProblem(r, {RungId::ForceShutdown, false, typed}, vm);
        };
        // A unique, plain name: the name or the UUID.
        QVERIFY(problem(u"db-01"_s, {u"db-01"_s, uuid}).isEmpty());
        QVERIFY(problem(uuid, {u"db-01"_s, uuid}).isEmpty());

        // Two VMs of the pool with the same name: only the UUID, and the prompt says why.
        const ConfirmationTarget twin{u"app"_s, uuid, false};
        QVERIFY(!problem(u"app"_s, twin).isEmpty());
        QVERIFY(problem(u"app"_s, twin).contains(u"UUID"_s));
        QVERIFY(problem(uuid.toUpper(), twin).isEmpty());
        QVERIFY(!TypedConfirmation::whyUuid(twin).isEmpty());
        VmState a;
        a.id = a.uuid = uuid;
        a.name = u"app"_s;
        VmState b;
        b.id = b.uuid = u"2f2e3d4c-0000-4000-8000-123456789abc"_s;
        b.name = u"APP\u200b"_s; // looks the same to a person
        VmState c;
        c.id = c.uuid = u"3f2e3d4c-0000-4000-8000-123456789abc"_s;
        c.name = u"web"_s;
        QVERIFY(!TypedConfirmation::nameIsUnique({a, b, c}, a));
        QVERIFY(TypedConfirmation::nameIsUnique({a, b, c}, c));
        QVERIFY(TypedConfirmation::nameIsUnique({a}, a)); // itself does not count

        // Names a person cannot see or type exactly: newline, bidi, zero-width, C1.
        const QStringList hidden{u"db\n01"_s,      u"db\u202e10-bd"_s, u"db\u2066x\u2069"_s, u"db\u200b01"_s,
                                 u"\ufeffdb-01"_s, u"db\u008501"_s,    u"db\u001b[31m"_s,    u"db\u200f01"_s};
        for (const QString& name : hidden) {
            const ConfirmationTarget vm{name, uuid};
            QVERIFY2(!problem(name, vm).isEmpty(), name.toUtf8().toHex().constData());
            QVERIFY(problem(uuid, vm).isEmpty());
        }

        // The UUID itself only in ASCII hex: no full-width or Arabic-Indic digits, no look-alikes.
        const ConfirmationTarget vm{u"db-01"_s, uuid};
        QString fullWidth = uuid;
        fullWidth[0] = QChar(0xff11); // FULLWIDTH DIGIT ONE
        QString arabicIndic = uuid;
        arabicIndic[3] = QChar(0x0663); // ARABIC-INDIC DIGIT THREE for '3'
        QString cyrillic = uuid;
        cyrillic[4] = QChar(0x0441); // CYRILLIC SMALL ES for 'c'
        for (const QString& typed : {fullWidth, arabicIndic, cyrillic, QString(uuid).replace(u'-', QChar(0x2010))}) {
            QVERIFY(!TypedConfirmation::matchesUuid(typed, uuid));
            QVERIFY(!problem(typed, vm).isEmpty());
            QVERIFY(!problem(typed, twin).isEmpty());
        }
        QVERIFY(TypedConfirmation::matchesUuid(u"  "_s + uuid.toUpper() + u" "_s, uuid));

        // A VM whose records cannot be told apart gets no rung at all, whatever is typed.
        const ConfirmationTarget ambiguous{u"db-01"_s, uuid, true, true};
        QVERIFY(!problem(uuid, ambiguous).isEmpty());
        r.risk = RiskLevel::Low;
        QVERIFY(!RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, uuid}, ambiguous).isEmpty());
        QVERIFY(RescueRun::confirmationProblem(r, {RungId::ForceShutdown, true, uuid}, ambiguous).contains(u"uuid="_s));
    }

    void forgedNameGetsNoAction()
    {
        // The lab's helper VM has a name-label that prints a halted record with db-01's UUID.
        Lab lab;
        QVERIFY(lab.start(u"forged-records"_s));
        PoolTreeModel& model = *lab.workspace.poolModel();
        const std::optional<VmState> db = lab.waitForVm(u"db-01"_s);
        QVERIFY(db);
        QVERIFY(db->problems.testFlag(Disagreement::AmbiguousRecords));
        QVERIFY(db->powerState != XapiPowerState::Halted); // the forged row's word is not taken
        QString scope;
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const QString& s : lab.monitor.scopes())
                    if (lab.monitor.findVm(db->id))
                        scope = s;
                return !scope.isEmpty() && lab.monitor.vms(scope).size() >= 5;
            },
            10000));
        // One VM and one tree row per UUID.
        QSet<QString> uuids;
        for (const VmState& vm : lab.monitor.vms(scope)) {
            QVERIFY2(!uuids.contains(vm.uuid), qPrintable(vm.uuid));
            uuids.insert(vm.uuid);
        }
        int rows = 0;
        std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
            for (int i = 0; i < model.rowCount(parent); ++i) {
                const QModelIndex index = model.index(i, 0, parent);
                if (index.data(PoolTreeModel::UuidRole).toString() == db->uuid) {
                    ++rows;
                    QVERIFY(index.data(Qt::ToolTipRole).toString().contains(u"cannot be told apart"_s));
                }
                walk(index);
            }
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                rows = 0;
                walk({});
                return rows > 0;
            },
            10000));
        QCOMPARE(rows, 1);
        // The VM that printed the forgery is flagged too; the twins named app are not.
        const std::optional<VmState> helper = [&]() -> std::optional<VmState> {
            for (const VmState& vm : lab.monitor.vms(scope))
                if (vm.name.startsWith(u"helper"_s))
                    return vm;
            return std::nullopt;
        }();
        QVERIFY(helper && helper->problems.testFlag(Disagreement::AmbiguousRecords));

        // No everyday action is sent for either of them.
        const qsizetype before = lab.changes().size();
        for (VmAction action :
             {VmAction::Start, VmAction::Shutdown, VmAction::ForceShutdown, VmAction::Reboot, VmAction::ForceReboot}) {
            for (const VmState& vm : {*db, *helper}) {
                const Result<void> sent = lab.workspace.runVmAction(action, vm);
                QVERIFY(!sent);
                QVERIFY2(sent.errorMessage().contains(u"read it by uuid="_s), qPrintable(sent.errorMessage()));
                QVERIFY(!VmActions::refusal(vm).isEmpty());
            }
        }
        // A copy of the row with the flag removed is refused too: the monitor's word counts.
        VmState cleaned = *db;
        cleaned.problems = {};
        QVERIFY(!lab.workspace.runVmAction(VmAction::ForceShutdown, cleaned));
        QTest::qWait(200);
        QCOMPARE(lab.changes().size(), before);

        // A rescue of helper reads it by uuid=: its own record still prints another VM's, so no
        // rung runs; db-01 read by uuid= alone is told apart and gets its ladder.
        RescueRun forgerRun(&lab.monitor, lab.sender(), helper->id);
        forgerRun.diagnose();
        QVERIFY(waitPhase(forgerRun, RescueRun::Phase::Ready));
        QVERIFY(forgerRun.confirmationTarget().ambiguous);
        QString error;
        QVERIFY(!tryRung(forgerRun, RungId::CleanShutdown, {RungId::CleanShutdown, true, helper->uuid}, &error));
        QVERIFY2(error.contains(u"uuid="_s), qPrintable(error));

        RescueRun dbRun(&lab.monitor, lab.sender(), db->id);
        dbRun.diagnose();
        QVERIFY(waitPhase(dbRun, RescueRun::Phase::Ready));
        QVERIFY(!dbRun.confirmationTarget().ambiguous);
        QCOMPARE(dbRun.situation().xapiPowerState, XapiPowerState::Running);
        QCOMPARE(lab.changes().size(), before);
    }

    void twinNamesAskForTheUuid()
    {
        Lab lab;
        QVERIFY(lab.start(u"forged-records"_s));
        const std::optional<VmState> app = lab.waitForVm(u"app"_s);
        QVERIFY(app);
        RescueRun run(&lab.monitor, lab.sender(), app->id);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        const ConfirmationTarget target = run.confirmationTarget();
        QVERIFY(!target.nameUnique);
        QCOMPARE(TypedConfirmation::ask(target), TypedConfirmation::Ask::Uuid);
        const Rung* high = nullptr;
        for (const Rung& r : run.ladder().rungs)
            if (r.risk >= RiskLevel::High && !high)
                high = &r;
        QVERIFY(high);
        QVERIFY(!RescueRun::confirmationProblem(*high, {high->id, true, u"app"_s}, target).isEmpty());
        QVERIFY(RescueRun::confirmationProblem(*high, {high->id, true, app->uuid}, target).isEmpty());
    }

    void stuckTaskIsCancelledThenForced()
    {
        Lab lab;
        QVERIFY(lab.start(u"hung-vm-stuck-task"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"app-server"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        RescueRun::Options options;
        options.verificationTimeScale = 0.02; // 1a's 300 s become 6 s
        options.minCommandTimeoutMs = 2500;
        run.setOptions(options);
        QSignalSpy diagnosed(&run, &RescueRun::diagnosed);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QCOMPARE(diagnosed.size(), 1);
        QCOMPARE(run.situation().xapiPowerState, XapiPowerState::Running);
        QVERIFY(run.situation().domain.isPresent());
        QVERIFY(!run.situation().pendingTasks.isEmpty());
        const Rung* recommended = run.ladder().recommended();
        QVERIFY(recommended);
        QCOMPARE(recommended->id, RungId::CancelTasks);

        // A medium rung without its acknowledgement is refused, and nothing is sent.
        const qsizetype before = lab.changes().size();
        QString error;
        QVERIFY(!tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, false, {}}, &error));
        QVERIFY(!error.isEmpty());
        // A rung that does not apply is refused whatever the confirmation.
        for (const Rung& r : run.ladder().rungs) {
            if (!r.applies && !r.checklistOnly && r.id != RungId::Diagnose) {
                QVERIFY(!tryRung(run, r.id, {r.id, true, vm->name}, &error));
                QCOMPARE(error, r.whyNot);
            }
        }
        QCOMPARE(lab.changes().size(), before);

        // Follow the recommendations the way the wizard does: 1b, then 1a (the guest ignores
        // it: no effect in time, and its request stays pending), 1b again, then 1c.
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        QStringList taken;
        for (int step = 0; step < 6 && !(run.situation().xapiPowerState == XapiPowerState::Halted &&
                                         run.situation().domain.isAbsent());
             ++step) {
            const Rung* r = run.ladder().recommended();
            QVERIFY(r);
            taken << RecoveryLadder::idName(r->id);
            const qsizetype done = finished.size();
            QVERIFY2(tryRung(run, r->id, {r->id, true, vm->name}, &error), qPrintable(error));
            QCOMPARE(run.phase(), RescueRun::Phase::Running);
            QVERIFY(QTest::qWaitFor([&] { return finished.size() > done; }, 30000));
            QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        }
        QCOMPARE(taken, (QStringList{u"cancel-tasks"_s, u"clean-shutdown"_s, u"cancel-tasks"_s, u"force-shutdown"_s}));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Succeeded);
        QCOMPARE(run.situation().xapiPowerState, XapiPowerState::Halted);
        QVERIFY(run.situation().domain.isAbsent());
        QVERIFY(run.situation().lastAttempt(RungId::CleanShutdown));
        QCOMPARE(run.situation().lastAttempt(RungId::CleanShutdown)->outcome, AttemptOutcome::TimedOut);

        // Exactly the rungs' commands changed anything; the medium one was announced in the
        // host's system log first. The VM is addressed by UUID only.
        const QList<QStringList> changes = lab.changes().mid(before);
        QCOMPARE(changes.size(), 5);
        QCOMPARE(changes[0].value(1), u"task-cancel"_s);
        QCOMPARE(changes[1], (QStringList{u"xe"_s, u"vm-shutdown"_s, u"uuid="_s + vm->uuid}));
        QCOMPARE(changes[2].value(1), u"task-cancel"_s);
        QCOMPARE(changes[3].value(0), u"logger"_s);
        QCOMPARE(changes[3].mid(1, 2), (QStringList{u"-t"_s, u"xenrescue"_s}));
        QCOMPARE(changes[4], (QStringList{u"xe"_s, u"vm-shutdown"_s, u"--force"_s, u"uuid="_s + vm->uuid}));

        // Audit: each command of the run was written before it was sent, and its result after.
        const Result<QList<AuditEntry>> audit = AuditLog::readTail(lab.auditPath);
        QVERIFY(audit);
        QStringList sent;
        for (const AuditEntry& e : *audit) {
            QCOMPARE(e.runId, run.runId());
            QCOMPARE(e.vmUuid, vm->uuid);
            if (e.outcome == AuditOutcome::Sent) {
                sent << e.command;
            } else {
                QVERIFY2(sent.removeOne(e.command), qPrintable(e.command)); // a result only after its "sent"
            }
        }
        QVERIFY(sent.isEmpty());
        const bool forcedOnRecord = std::any_of(audit->begin(), audit->end(), [&](const AuditEntry& e) {
            return e.command.contains(u"vm-shutdown"_s) && e.action == u"rung 1c force-shutdown"_s &&
                   e.outcome == AuditOutcome::Finished && e.exitStatus == 0;
        });
        QVERIFY(forcedOnRecord);

        // The transcript tells the story, also as HTML.
        const QString text = RescueTranscript::toText(run.title(), run.transcript());
        QVERIFY(text.contains(u"xe vm-shutdown --force uuid="_s + vm->uuid));
        QVERIFY(text.contains(u"task-cancel"_s));
        const QString html = RescueTranscript::toHtml(run.title(), run.transcript());
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"vm-shutdown"_s));
    }

    void cancelMidRungReportsHonestly()
    {
        Lab lab;
        QVERIFY(lab.start(u"crash-only"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"win-app"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        // The clean shutdown of a VM that ignores it waits on xapi: stop it mid-way.
        QString error;
        QVERIFY2(tryRung(run, RungId::CleanShutdown, {RungId::CleanShutdown, false, {}}, &error), qPrintable(error));
        // Sent, and waiting on a guest that ignores it.
        QVERIFY(waitCommandSent(run, u"vm-shutdown"_s));
        QCOMPARE(run.phase(), RescueRun::Phase::Running);
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        run.cancel();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 20000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Cancelled);
        QVERIFY(run.lastExplanation().contains(u"stays done"_s));
        // Diagnosed afresh: the VM still runs, and the attempt is remembered.
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QVERIFY(run.situation().domain.isPresent());
        const RungAttempt* attempt = run.situation().lastAttempt(RungId::CleanShutdown);
        QVERIFY(attempt);
        QCOMPARE(attempt->outcome, AttemptOutcome::Cancelled);
    }

    void diagnosisAfterRungIsAnnounced()
    {
        // The wizard greys its buttons on phaseChanged(Diagnosing): the diagnosis that follows
        // every rung must say so, after the rung's outcome.
        Lab lab;
        QVERIFY(lab.start(u"crash-only"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"win-app"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QList<QString> events;
        connect(&run, &RescueRun::phaseChanged, this, [&](RescueRun::Phase p) {
            events << QString::fromLatin1(QMetaEnum::fromType<RescueRun::Phase>().valueToKey(int(p)));
        });
        connect(&run, &RescueRun::rungFinished, this, [&] { events << u"rungFinished"_s; });
        QString error;
        QVERIFY2(tryRung(run, RungId::CleanShutdown, {RungId::CleanShutdown, false, {}}, &error), qPrintable(error));
        QVERIFY(waitCommandSent(run, u"vm-shutdown"_s));
        run.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(events.contains(u"rungFinished"_s), 20000);
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        const QList<QString> expected{u"Running"_s, u"rungFinished"_s, u"Diagnosing"_s, u"Ready"_s};
        QCOMPARE(events, expected);

        // And a diagnosis asked for again while one runs is announced as well.
        events.clear();
        run.diagnose();
        QCOMPARE(events, QList<QString>{u"Diagnosing"_s});
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
    }

    void lostConnectionNeverRepeats()
    {
        Lab lab;
        QVERIFY(lab.start(u"crash-only"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"win-app"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QString error;
        const qsizetype changesAtStart = lab.changes().size();
        QVERIFY(tryRung(run, RungId::CleanShutdown, {RungId::CleanShutdown, false, {}}, &error));
        // The shutdown has reached the host (and waits on a guest that ignores it).
        QVERIFY(QTest::qWaitFor([&] { return lab.changes().size() > changesAtStart; }, 10000));
        const qsizetype changesBefore = lab.changes().size();
        RemoteHost* host = lab.connections.host(lab.ids.value(lab.lab->hostNames().constFirst()));
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        qobject_cast<sim::SimHost*>(host)->simulateConnectionLoss();
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 10000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::ConnectionLost);
        QCOMPARE(run.phase(), RescueRun::Phase::ConnectionLost);
        // While the host is away no rung can run, whatever the confirmation.
        QVERIFY(!tryRung(run, RungId::CleanShutdown, {RungId::CleanShutdown, true, vm->name}, &error));
        QVERIFY(error.contains(u"diagnosis"_s));
        // Back: the run diagnoses again by itself and waits for a fresh confirmation.
        QSignalSpy diagnosed(&run, &RescueRun::diagnosed);
        host->connectToHost();
        QVERIFY(QTest::qWaitFor([&] { return !diagnosed.isEmpty(); }, 20000));
        QCOMPARE(run.phase(), RescueRun::Phase::Ready);
        QTest::qWait(1000);
        QCOMPARE(lab.changes().size(), changesBefore); // nothing was sent again
        const RungAttempt* attempt = run.situation().lastAttempt(RungId::CleanShutdown);
        QVERIFY(attempt);
        QCOMPARE(attempt->code, u"CLI_LOST_CONNECTION"_s);
    }

    // A host removed while a rung's command runs (the transport goes under it): the run gets a
    // final outcome instead of staying "Running" on a command deleted under it, the command is
    // left running on the host (never killed silently), and the audit log says "abandoned".
    void hostRemovedMidRungEndsTheRungHonestly()
    {
        Lab lab;
        QVERIFY(lab.start(u"crash-only"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"win-app"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QString error;
        const qsizetype changesAtStart = lab.changes().size();
        QVERIFY(tryRung(run, RungId::CleanShutdown, {RungId::CleanShutdown, false, {}}, &error));
        QVERIFY(QTest::qWaitFor([&] { return lab.changes().size() > changesAtStart; }, 10000));
        QCOMPARE(run.phase(), RescueRun::Phase::Running);
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        lab.connections.removeHost(lab.ids.value(lab.lab->hostNames().constFirst()));
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Detached);
        QVERIFY(run.phase() != RescueRun::Phase::Running);
        const Result<QList<AuditEntry>> audit = AuditLog::readTail(lab.auditPath);
        QVERIFY(audit);
        const bool abandoned = std::any_of(audit->begin(), audit->end(), [](const AuditEntry& e) {
            return e.outcome == AuditOutcome::Abandoned && e.command.contains(u"vm-shutdown"_s);
        });
        QVERIFY(abandoned);
        // Nothing was sent again after the host went.
        run.cancel();
        QVERIFY(!lab.workspace.gateway()->hasActionInFlight(lab.ids.value(lab.lab->hostNames().constFirst())));
    }

    // Stopping a rung while its note for the host's system log (logger) is still running ends
    // the rung there: the rung's real command is never sent after a stopped note.
    void stoppedLogNoteSendsNothingMore()
    {
        Lab lab;
        QVERIFY(lab.start(u"demo"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"db-01"_s);
        QVERIFY(vm);
        FakeRemoteHost holder(u"root@hold:22"_s);
        holder.force(HostState::Connected);
        holder.holdCommands = true;
        QStringList actions;
        const RescueRun::Sender base = lab.sender();
        RescueRun run(
            &lab.monitor,
            [&](const QString& sessionId, const CommandRequest& request, const AuditContext& context,
                RescueRun::CommandKind kind) -> Result<RemoteCommand*> {
                if (kind == RescueRun::CommandKind::Read)
                    return base(sessionId, request, context, kind);
                actions << request.command;
                if (request.command.startsWith(u"logger"_s))
                    return holder.run(request); // the note hangs
                return base(sessionId, request, context, kind);
            },
            vm->id);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        const Rung* force = run.ladder().rung(RungId::ForceShutdown);
        QVERIFY(force && force->applies && force->risk >= RiskLevel::Medium);
        QString error;
        QVERIFY2(tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, true, vm->name}, &error),
                 qPrintable(error));
        QTRY_COMPARE(actions.size(), 1);
        QVERIFY(actions.first().startsWith(u"logger"_s));
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        run.cancel();
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Cancelled);
        QTest::qWait(200);
        QCOMPARE(actions.size(), 1); // no vm-shutdown after the stopped note
    }

    void hostileNameIsOneArgvElement()
    {
        Lab lab;
        QVERIFY(lab.start(u"hostile-names"_s));
        // Wait for the tree, then rescue every VM whose name holds shell syntax.
        QVERIFY(QTest::qWaitFor([&] { return !lab.monitor.scopes().isEmpty(); }, 10000));
        std::optional<VmState> target;
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const QString& scope : lab.monitor.scopes())
                    for (const VmState& vm : lab.monitor.vms(scope))
                        if (vm.hasXapi && !vm.isControlDomain && vm.name.contains(u"$("_s) && vm.domain.isPresent())
                            target = vm;
                return target.has_value();
            },
            15000));
        RescueRun run(&lab.monitor, lab.sender(), target->id);
        RescueRun::Options options;
        options.verificationTimeScale = 0.2;
        run.setOptions(options);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QCOMPARE(run.vmName(), target->name);
        const qsizetype before = lab.changes().size();
        // The typed name must match exactly, hostile characters and all.
        QString error;
        QVERIFY(!tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, true, u"rm -rf"_s}, &error) ||
                run.ladder().rung(RungId::ForceShutdown)->risk < RiskLevel::High);
        if (run.phase() == RescueRun::Phase::Ready)
            QVERIFY2(tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, true, target->name}, &error),
                     qPrintable(error));
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Succeeded);
        for (const QStringList& argv : lab.changes().mid(before)) {
            for (const QString& a : argv)
                QVERIFY2(!a.contains(target->name) && !a.contains(u"$("_s), qPrintable(a));
            if (argv.value(0) == u"xe")
                QCOMPARE(argv.last(), u"uuid="_s + target->uuid);
        }
    }

    void reusedDomidIsRefusedNothingDestroyed_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("vm");
        QTest::addColumn<QString>("other");
        // xapi: the guard checks /vm/<uuid>; xl: plain `xl list` has no UUID, it checks the name.
        QTest::newRow("xcp-ng") << u"demo"_s << u"xcp-lab-01"_s << u"web-01"_s << u"build-agent"_s;
        QTest::newRow("xl") << u"xl-host"_s << u"xen-xl"_s << u"web"_s << u"spare"_s;
    }

    void reusedDomidIsRefusedNothingDestroyed()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, host);
        QFETCH(QString, vm);
        QFETCH(QString, other);
        Lab lab;
        QVERIFY(lab.start(scenario));
        const std::optional<VmState> target = lab.waitForVm(vm);
        QVERIFY(target);
        RescueRun run(&lab.monitor, lab.sender(), target->id);
        trace(run);
        RescueRun::Options options;
        options.verificationTimeScale = 0.05;
        options.minCommandTimeoutMs = 10000;
        run.setOptions(options);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        const qint64 domid = run.situation().domain.domid;
        QVERIFY(domid > 0);
        const Rung* destroy = run.ladder().rung(RungId::DestroyDomain);
        QVERIFY(destroy && destroy->applies);

        // Between the diagnosis and the rung the VM restarts and another VM gets its old id.
        QCOMPARE(lab.reuseDomid(host, vm, other), int(domid));
        const qsizetype before = lab.changes().size();
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        QString error;
        QVERIFY2(tryRung(run, RungId::DestroyDomain, {RungId::DestroyDomain, true, vm}, &error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));

        // Refused on the host, before acting: nothing was destroyed.
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Refused);
        QVERIFY2(run.lastExplanation().contains(u"belongs to another VM"_s), qPrintable(run.lastExplanation()));
        QVERIFY(run.lastExplanation().contains(u"nothing was done"_s));
        for (const QStringList& argv : lab.changes().mid(before))
            QVERIFY2(!argv.contains(u"destroy"_s), qPrintable(argv.join(u' ')));
        const std::optional<sim::SimDomain> taken = lab.domainOn(host, int(domid));
        QVERIFY(taken);
        QCOMPARE(taken->vmUuid, lab.uuidOf(other));
        QVERIFY(!taken->dying);
        // The host's own words are in the transcript.
        QVERIFY(std::any_of(run.transcript().begin(), run.transcript().end(), [&](const TranscriptEntry& e) {
            return e.kind == TranscriptEntry::Kind::StdErr &&
                   e.text.startsWith(u"xenrescue-guard: domain %1 is no longer"_s.arg(domid));
        }));
        // It was no attempt on this VM: the fresh diagnosis sees its new domain, and the
        // ladder does not count the rung as tried.
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QVERIFY(run.situation().domain.domid != domid);
        QVERIFY(!run.situation().lastAttempt(RungId::DestroyDomain));
    }

    void staleDiagnosisIsReadAgainBeforeAMediumRung()
    {
        Lab lab;
        QVERIFY(lab.start(u"demo"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"web-01"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        RescueRun::Options options;
        options.verificationTimeScale = 0.05;
        options.maxDiagnosisAgeMs = 300; // the 30 s of a real rescue, shortened
        run.setOptions(options);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        QVERIFY(run.ladder().rung(RungId::ForceShutdown)->applies);
        QTest::qWait(600);
        QVERIFY(run.diagnosisAgeMs() > options.maxDiagnosisAgeMs);
        const qsizetype mark = run.transcript().size();
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        QString error;
        QVERIFY2(tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, true, {}}, &error), qPrintable(error));
        QCOMPARE(run.phase(), RescueRun::Phase::Diagnosing);
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Succeeded);

        // In order: the rung waits, the VM is read again, then the command goes out.
        const QList<TranscriptEntry> t = run.transcript().mid(mark);
        auto indexOf = [&](auto pred) {
            const auto it = std::find_if(t.begin(), t.end(), pred);
            return it == t.end() ? qsizetype(-1) : qsizetype(it - t.begin());
        };
        const qsizetype waits = indexOf([](const TranscriptEntry& e) {
            return e.kind == TranscriptEntry::Kind::Info && e.text.contains(u"reading the VM's state again"_s);
        });
        const qsizetype reread =
            indexOf([](const TranscriptEntry& e) { return e.kind == TranscriptEntry::Kind::Diagnosis; });
        const qsizetype sent = indexOf([](const TranscriptEntry& e) {
            return e.kind == TranscriptEntry::Kind::Command && e.text.contains(u"vm-shutdown --force"_s);
        });
        QVERIFY(waits >= 0);
        QVERIFY(reread > waits);
        QVERIFY(sent > reread);

        // A fresh diagnosis is not read again.
        RescueRun fresh(&lab.monitor, lab.sender(), lab.waitForVm(u"monitoring"_s)->id);
        fresh.setOptions(RescueRun::Options{});
        fresh.diagnose();
        QVERIFY(waitPhase(fresh, RescueRun::Phase::Ready));
        QVERIFY(tryRung(fresh, RungId::ForceShutdown, {RungId::ForceShutdown, true, {}}, &error));
        QCOMPARE(fresh.phase(), RescueRun::Phase::Running);
    }

    void staleDiagnosisAfterARestartRunsNothing()
    {
        Lab lab;
        QVERIFY(lab.start(u"demo"_s));
        const std::optional<VmState> vm = lab.waitForVm(u"web-01"_s);
        QVERIFY(vm);
        RescueRun run(&lab.monitor, lab.sender(), vm->id);
        trace(run);
        RescueRun::Options options;
        options.maxDiagnosisAgeMs = 300;
        run.setOptions(options);
        run.diagnose();
        QVERIFY(waitPhase(run, RescueRun::Phase::Ready));
        const qint64 domid = run.situation().domain.domid;
        QCOMPARE(lab.reuseDomid(u"xcp-lab-01"_s, u"web-01"_s, u"build-agent"_s), int(domid));
        QTest::qWait(600);
        const qsizetype before = lab.changes().size();
        QSignalSpy finished(&run, &RescueRun::rungFinished);
        QString error;
        QVERIFY2(tryRung(run, RungId::DestroyDomain, {RungId::DestroyDomain, true, u"web-01"_s}, &error),
                 qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));
        // The fresh diagnosis shows another domain: the confirmation no longer holds, and
        // nothing at all was sent (not even the syslog note).
        QCOMPARE(run.lastOutcome(), RescueRun::Outcome::Refused);
        QVERIFY2(run.lastExplanation().contains(u"domain changed"_s), qPrintable(run.lastExplanation()));
        QVERIFY(run.lastExplanation().contains(u"Nothing was sent"_s));
        QCOMPARE(lab.changes().size(), before);
        QCOMPARE(run.phase(), RescueRun::Phase::Ready);
        QVERIFY(run.situation().domain.domid != domid);
        QVERIFY(!run.situation().lastAttempt(RungId::DestroyDomain));
    }

    void forcedVmActionReadsAgainFirst()
    {
        Lab lab;
        QVERIFY(lab.start(u"demo"_s));
        const std::optional<VmState> shown = lab.waitForVm(u"web-01"_s);
        QVERIFY(shown && shown->domain.isPresent());
        QList<CommandResult> done;
        QObject::connect(&lab.workspace, &Workspace::vmActionFinished, &lab.workspace,
                         [&done](VmAction, const QString&, const CommandResult& r) { done.append(r); });

        // The menu showed domain N; meanwhile the VM restarted and another VM took N.
        QCOMPARE(lab.reuseDomid(u"xcp-lab-01"_s, u"web-01"_s, u"build-agent"_s), int(shown->domain.domid));
        const qsizetype before = lab.changes().size();
        const Result<void> started = lab.workspace.runVmAction(VmAction::ForceShutdown, *shown);
        QVERIFY2(started, qPrintable(started.errorMessage()));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 20000));
        const CommandResult refused = done.takeFirst();
        QVERIFY(!refused.succeeded());
        QVERIFY2(refused.error.contains(u"changed since it was shown"_s), qPrintable(refused.error));
        QVERIFY(refused.error.contains(u"Nothing was sent"_s));
        for (const QStringList& argv : lab.changes().mid(before))
            QVERIFY2(!argv.contains(u"vm-shutdown"_s), qPrintable(argv.join(u' ')));

        // Shown as it is now, the same action goes out (after its read).
        std::optional<VmState> now;
        QVERIFY(QTest::qWaitFor(
            [&] {
                now = lab.waitForVm(u"web-01"_s, 1000);
                return now && now->domain.isPresent() && now->domain.domid != shown->domain.domid;
            },
            15000));
        QVERIFY(lab.workspace.runVmAction(VmAction::ForceShutdown, *now));
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 20000));
        const CommandResult sent = done.takeFirst();
        QVERIFY2(sent.succeeded(), qPrintable(sent.error + QString::fromUtf8(sent.stdErr)));
        const QList<QStringList> changes = lab.changes().mid(before);
        QVERIFY(std::any_of(changes.begin(), changes.end(), [&](const QStringList& argv) {
            return argv == QStringList{u"xe"_s, u"vm-shutdown"_s, u"--force"_s, u"uuid="_s + now->uuid};
        }));
    }

    void transcriptEscapesEverything()
    {
        QList<TranscriptEntry> entries;
        entries << TranscriptEntry{QDateTime::fromSecsSinceEpoch(0, Qt::UTC), TranscriptEntry::Kind::Command,
                                   u"root@h:22"_s, u"xe vm-list name-label='<script>alert(1)</script>'"_s};
        entries << TranscriptEntry{QDateTime::fromSecsSinceEpoch(1, Qt::UTC),
                                   TranscriptEntry::Kind::StdOut,
                                   {},
                                   u"line one\nline\x1b[31m two"_s};
        const QString html = RescueTranscript::toHtml(u"Rescue <b>x</b>"_s, entries);
        QVERIFY(!html.contains(u"<script>"_s));
        QVERIFY(!html.contains(u"<b>x</b>"_s));
        QVERIFY(html.contains(u"&lt;script&gt;"_s));
        QVERIFY(!html.contains(QChar(0x1b)));
        const QString text = RescueTranscript::toText(u"Rescue x"_s, entries);
        QVERIFY(!text.contains(QChar(0x1b)));
        QVERIFY(text.contains(u"line one\n"_s));
        QVERIFY(text.contains(u"1970-01-01T00:00:00Z command"_s));
    }

    void goneVmFailsClearly()
    {
        Lab lab;
        QVERIFY(lab.start(u"demo"_s));
        QVERIFY(lab.waitForVm(u"db-01"_s));
        RescueRun run(&lab.monitor, lab.sender(), u"no-such-vm"_s);
        run.diagnose();
        QCOMPARE(run.phase(), RescueRun::Phase::Failed);
        QVERIFY(!run.errorMessage().isEmpty());
        QString error;
        QVERIFY(!tryRung(run, RungId::ForceShutdown, {RungId::ForceShutdown, true, {}}, &error));
    }
};

QTEST_GUILESS_MAIN(TestRescueRun)
#include "tst_rescuerun.moc"
