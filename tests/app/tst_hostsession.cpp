#include "AuditLog.h"
#include "HostSession.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "SimHost.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace xr;

namespace {

// A lab pool with one SimHost per named host, watched by a PoolMonitor feeding a model.
struct Rig
{
    explicit Rig(const QString& scenario, const QStringList& hosts = {}, bool autoPoll = false)
        : lab(sim::SimLab::fromScenario(scenario))
        , tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
        , monitor(&model, nullptr)
    {
        HostSession::Options o;
        o.autoPoll = autoPoll;
        o.intervalMs = 200;
        o.maxIntervalMs = 2000;
        o.xapiTimeoutMs = 1000;
        o.hypervisorTimeoutMs = 3000;
        monitor.setSessionOptions(o);
        const QStringList names = hosts.isEmpty() ? QStringList{lab->hostNames().first()} : hosts;
        for (const QString& n : names) {
            auto* h = new sim::SimHost(lab, n);
            transports.append(h);
            monitor.addHost(n, h, false);
            h->connectToHost();
        }
    }
    ~Rig()
    {
        for (const QString& id : monitor.sessionIds())
            monitor.removeHost(id);
        qDeleteAll(transports);
    }
    HostSession* session(const QString& name) const { return monitor.session(name); }
    // Polls every session once and waits for all of them.
    bool cycle(int timeoutMs = 15000)
    {
        QList<std::shared_ptr<QSignalSpy>> spies;
        for (const QString& id : monitor.sessionIds()) {
            HostSession* s = monitor.session(id);
            if (s->state() != HostSession::State::Ready)
                continue;
            spies.append(std::make_shared<QSignalSpy>(s, &HostSession::cycleFinished));
            s->pollNow();
        }
        for (auto& spy : spies)
            if (spy->isEmpty() && !spy->wait(timeoutMs))
                return false;
        monitor.refresh();
        return true;
    }
    bool ready(int timeoutMs = 15000)
    {
        const bool all = QTest::qWaitFor(
            [&] {
                for (const QString& id : monitor.sessionIds()) {
                    HostSession* s = monitor.session(id);
                    if (s->state() != HostSession::State::Ready || !s->hypervisorView().valid ||
                        (s->isXapi() && s->pollsXapi() && !s->xapiView().valid &&
                         s->xapiHealth() == XapiHealth::Answering))
                        return false;
                }
                return true;
            },
            timeoutMs);
        monitor.refresh();
        return all;
    }
    CommandResult run(const QString& host, const QString& command)
    {
        sim::SimHost* h = nullptr;
        for (auto* t : transports)
            if (t->hostName() == host)
                h = t;
        CommandRequest r;
        r.command = command;
        r.timeoutMs = 20000;
        RemoteCommand* c = h->run(r);
        QSignalSpy done(c, &RemoteOperation::finished);
        if (!c->isFinished())
            done.wait(25000);
        CommandResult result = c->result();
        delete c;
        return result;
    }
    const VmState* vm(const QString& name) const
    {
        found = false;
        for (const QString& scope : monitor.scopes())
            for (const VmState& v : monitor.vms(scope))
                if (v.name == name)
                    cache = v, found = true;
        return found ? &cache : nullptr;
    }

    std::shared_ptr<sim::SimLab> lab;
    PoolTreeModel model;
    QAbstractItemModelTester tester;
    PoolMonitor monitor;
    QList<sim::SimHost*> transports;
    mutable VmState cache;
    mutable bool found = false;
};

} // namespace

// HostSession and PoolMonitor against the in-process lab pool (SimHost): flavour detection,
// pool discovery, both views merged with their disagreements, xapi health, lost hosts.
class TestHostSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void probeCommandIsQuotedPieces()
    {
        const QString c = HostSession::probeCommand();
        QVERIFY(c.startsWith(u"cat /etc/xensource-inventory 2>/dev/null; "_s));
        QVERIFY(c.contains(u"command -v xe xl xm list_domains"_s));
        QVERIFY(c.endsWith(u"; hostname"_s));
        QVERIFY(!c.contains(u'|'));
        QVERIFY(!c.contains(u'$'));
    }

    void parseProbeWithoutToolstack()
    {
        QString error;
        QVERIFY(!HostSession::parseProbe("@@xr-tools\n@@xr-host\nbox\n", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!HostSession::parseProbe("garbage", &error));
    }

    void backoff()
    {
        QCOMPARE(HostSession::nextInterval(5000, 100, 60000), 5000);
        QCOMPARE(HostSession::nextInterval(5000, 4000, 60000), 8000);
        QCOMPARE(HostSession::nextInterval(5000, 100000, 60000), 60000);
    }

    void refreshAppliesRowsInOneStep()
    {
        // Preparing a refresh only computes: the rows reach the model in apply(), all at once,
        // and the UI hears one refreshed() for it. The stuck threshold is the poll's (the
        // lab's task has been pending for 47 min).
        Rig rig(u"hung-vm-stuck-task"_s);
        QVERIFY(rig.ready());
        QCOMPARE(rig.monitor.thresholds().operationStuckSeconds, DiagnosisThresholds{}.operationStuckSeconds);
        const QString scope = rig.monitor.scopes().value(0);
        auto stuckInModel = [&] {
            int n = 0;
            for (const VmState& v : rig.monitor.vms(scope)) {
                const QModelIndex row = rig.model.indexOf(v.id);
                if (row.isValid() &&
                    (row.data(PoolTreeModel::DisagreementRole).toInt() & int(Disagreement::OperationStuck)))
                    ++n;
            }
            return n;
        };
        QCOMPARE(stuckInModel(), 1);

        rig.monitor.setStuckThresholdSeconds(24 * 3600);
        QSignalSpy refreshed(&rig.monitor, &PoolMonitor::refreshed);
        QSignalSpy changed(&rig.model, &QAbstractItemModel::dataChanged);
        int stuckAtRefreshed = -1;
        connect(&rig.monitor, &PoolMonitor::refreshed, this, [&] { stuckAtRefreshed = stuckInModel(); });
        rig.monitor.refreshAsync();
        // Nothing is written while the refresh is prepared and merged on the thread pool.
        QVERIFY(changed.isEmpty());
        QTRY_COMPARE(refreshed.size(), 1);
        QCOMPARE(stuckAtRefreshed, 0);
        QVERIFY(!changed.isEmpty());

        // Changes meanwhile are coalesced: many session signals, one more refresh.
        refreshed.clear();
        HostSession* s = rig.session(rig.lab->hostNames().first());
        for (int i = 0; i < 5; ++i)
            Q_EMIT s->xapiViewChanged();
        QTRY_COMPARE(refreshed.size(), 1);
        QVERIFY(!rig.monitor.isMerging());
        QCOMPARE(refreshed.size(), 1);
    }

    void flavours_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("hypervisorTool");
        QTest::newRow("xcp-ng 8.2") << u"hung-vm-stuck-task"_s << int(FlavourKind::XapiModern) << u"8.2.1"_s
                                    << u"list_domains"_s;
        QTest::newRow("xenserver 6.2") << u"legacy-62"_s << int(FlavourKind::XapiLegacy) << u"6.2.0"_s
                                       << u"list_domains"_s;
        QTest::newRow("xl") << u"xl-host"_s << int(FlavourKind::Xl) << u"4.17"_s << u"xl"_s;
        QTest::newRow("xm") << u"xm-host"_s << int(FlavourKind::Xm) << u"4.1"_s << u"xm"_s;
    }
    void flavours()
    {
        QFETCH(QString, scenario);
        QFETCH(int, kind);
        QFETCH(QString, version);
        QFETCH(QString, hypervisorTool);
        Rig rig(scenario);
        QVERIFY(rig.ready());
        HostSession* s = rig.session(rig.lab->hostNames().first());
        QCOMPARE(int(s->identity().flavour.kind), kind);
        QVERIFY2(s->identity().flavour.productVersion.startsWith(version),
                 qPrintable(s->identity().flavour.productVersion));
        QCOMPARE(s->identity().hostname, rig.lab->hostNames().first());
        QVERIFY(!s->identity().xenVersion.isEmpty());
        QVERIFY(HostSession::hypervisorCommand(s->identity()).program.endsWith(hypervisorTool));
        QVERIFY(s->hypervisorView().valid);
        QVERIFY(s->hypervisorView().domains.size() >= 2);
        if (s->identity().flavour.isXapi()) {
            QVERIFY(!s->identity().uuid.isEmpty());
            QVERIFY(s->xapiView().valid);
            QVERIFY(s->isPoolMaster());
            QCOMPARE(s->xapiHealth(), XapiHealth::Answering);
        } else {
            // No xapi: the VMs are the domains, each with a name and no xapi record.
            const QList<VmState> vms = rig.monitor.vms(rig.monitor.hostModelId(rig.lab->hostNames().first()));
            QVERIFY(vms.size() >= 2);
            for (const VmState& v : vms) {
                QVERIFY(!v.hasXapi);
                QVERIFY(v.domain.isPresent());
                QVERIFY(!v.name.isEmpty());
                QCOMPARE(v.problems, Disagreements());
            }
        }
    }

    void poolDiscovery()
    {
        Rig rig(u"demo"_s, {u"xcp-lab-01"_s, u"xcp-lab-02"_s});
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        HostSession* master = rig.session(u"xcp-lab-01"_s);
        HostSession* member = rig.session(u"xcp-lab-02"_s);
        QVERIFY(master->isPoolMaster());
        QVERIFY(!member->isPoolMaster());
        QCOMPARE(master->pool().uuid, member->pool().uuid);
        QCOMPARE(master->pool().masterUuid, master->identity().uuid);
        // Only the master reads xapi's VM list; the member checks its own xapi.
        QVERIFY(master->pollsXapi());
        QVERIFY(!member->pollsXapi());
        const QList<XapiHost> members = rig.monitor.poolMembers(master->pool().uuid);
        QCOMPARE(members.size(), 2);
        for (const XapiHost& h : members) {
            QVERIFY(!h.address.isEmpty());
            QVERIFY(h.live);
        }
        // Pools > Hosts > VMs: db-01 runs on the member, its domain comes from the member.
        const QModelIndex pool = rig.model.indexOf(PoolMonitor::poolModelId(master->pool().uuid));
        QVERIFY(pool.isValid());
        QCOMPARE(pool.data().toString(), u"Lab pool"_s);
        const QModelIndex memberRow = rig.model.indexOf(member->identity().uuid);
        QCOMPARE(memberRow.parent(), pool);
        const VmState* db = rig.vm(u"db-01"_s);
        QVERIFY(db);
        QCOMPARE(db->parentId, member->identity().uuid);
        QVERIFY(db->domain.isPresent());
        QVERIFY(db->problems.testFlag(Disagreement::OperationStuck));
        QVERIFY(db->operationAgeSeconds > 120);
        QCOMPARE(db->tasks.size(), 1);
        QVERIFY(db->tasks.first().cancellable);
        // The halted VM sits under the pool, with no domain anywhere.
        const VmState* halted = rig.vm(u"build-agent"_s);
        QVERIFY(halted);
        QCOMPARE(halted->parentId, PoolMonitor::poolModelId(master->pool().uuid));
        QVERIFY(halted->domain.isAbsent());
        QCOMPARE(halted->problems, Disagreements());
        QCOMPARE(rig.model.indexOf(halted->id).parent(), pool);
        // Control domains are hidden unless asked for.
        QVERIFY(!rig.model.indexOf(master->identity().controlDomainUuid).isValid());
        rig.model.setShowControlDomains(true);
        QVERIFY(rig.model.indexOf(master->identity().controlDomainUuid).isValid());
    }

    void memberOnlyReadsXapiThroughForwarding()
    {
        Rig rig(u"demo"_s, {u"xcp-lab-02"_s});
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        HostSession* member = rig.session(u"xcp-lab-02"_s);
        QVERIFY(!member->isPoolMaster());
        QVERIFY(member->pollsXapi()); // stands in for the master it has no session to
        QVERIFY(rig.vm(u"db-01"_s));
        const VmState* web = rig.vm(u"web-01"_s);
        QVERIFY(web);
        QCOMPARE(web->domain.presence, DomainPresence::Unknown); // its host is not connected
        QCOMPARE(web->problems, Disagreements());
    }

    void domainGone()
    {
        Rig rig(u"domain-gone"_s);
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        const VmState* ghost = rig.vm(u"ghost-vm"_s);
        QVERIFY(ghost);
        QCOMPARE(ghost->powerState, XapiPowerState::Running);
        QVERIFY(ghost->domain.isAbsent());
        QCOMPARE(ghost->problems, Disagreements(Disagreement::RunningButNoDomain));
        const QModelIndex row = rig.model.indexOf(ghost->id, PoolTreeModel::ProblemColumn);
        QVERIFY(row.data().toString().contains(u"no domain"_s));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(u"no domain"_s));
        QVERIFY(rig.model.indexOf(ghost->id).parent().data(PoolTreeModel::ProblemRole).toBool());
    }

    void lingeringDomainAfterDestroy()
    {
        Rig rig(u"lingering-domain"_s);
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        const VmState* vm = rig.vm(u"file-server"_s);
        QVERIFY(vm);
        QCOMPARE(vm->problems, Disagreements());
        const qint64 domid = vm->domain.domid;
        QVERIFY(domid > 0);
        const CommandResult r =
            rig.run(u"xcp-linger"_s, ShellCommand{u"xl"_s, {u"destroy"_s, QString::number(domid)}}.toShell());
        QVERIFY2(r.outcome == CommandOutcome::Finished, qPrintable(r.error));
        QVERIFY(rig.cycle());
        vm = rig.vm(u"file-server"_s);
        QVERIFY(vm);
        QVERIFY(vm->domain.isPresent());
        QVERIFY(vm->domain.isDying());
        QVERIFY(vm->problems.testFlag(Disagreement::DyingDomain));
        QVERIFY(!vm->problems.testFlag(Disagreement::HaltedButDomainExists));
    }

    void stuckTask()
    {
        Rig rig(u"hung-vm-stuck-task"_s);
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        const VmState* vm = rig.vm(u"app-server"_s);
        QVERIFY(vm);
        QVERIFY(vm->problems.testFlag(Disagreement::OperationStuck));
        QCOMPARE(vm->currentOperations, QStringList{u"clean_shutdown"_s});
        QVERIFY(vm->operationAgeSeconds >= 47 * 60);
        QCOMPARE(vm->tasks.first().nameLabel, u"Async.VM.clean_shutdown"_s);
        const VmState* healthy = rig.vm(u"healthy-vm"_s);
        QVERIFY(healthy);
        QCOMPARE(healthy->problems, Disagreements());
        // Under the threshold it is not stuck (yet).
        rig.monitor.setStuckThresholdSeconds(4 * 3600);
        rig.monitor.refresh();
        QVERIFY(!rig.vm(u"app-server"_s)->problems.testFlag(Disagreement::OperationStuck));
    }

    void xapiWedgedThenToolstackRestart()
    {
        Rig rig(u"xapi-wedged"_s, {}, true);
        QSignalSpy problems(&rig.monitor, &PoolMonitor::xapiProblemsChanged);
        HostSession* s = rig.session(u"xcp-wedged"_s);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), HostSession::State::Ready, 10000);
        // Not answering within the xe timeout (1 s), while the hypervisor's view is shown.
        QTRY_COMPARE_WITH_TIMEOUT(s->xapiHealth(), XapiHealth::NotAnswering, 5000);
        QVERIFY(s->hypervisorView().valid);
        rig.monitor.refresh();
        QCOMPARE(rig.monitor.xapiProblems().size(), 1);
        const XapiProblem p = rig.monitor.xapiProblems().first();
        QVERIFY(p.bannerText(QDateTime::currentDateTimeUtc()).contains(u"xcp-wedged"_s));
        QVERIFY(p.bannerText(QDateTime::currentDateTimeUtc()).contains(u"hypervisor"_s));
        const QList<VmState> vms = rig.monitor.vms(rig.monitor.hostModelId(u"xcp-wedged"_s));
        QCOMPARE(vms.size(), 2); // dom0 and erp, from list_domains
        for (const VmState& v : vms) {
            QVERIFY(v.domain.isPresent());
            QVERIFY(v.problems.testFlag(Disagreement::XapiUnknown));
        }
        // The backoff keeps the wedged xapi from being asked every 200 ms.
        QVERIFY(s->nextXapiIntervalMs() >= 2000);
        QVERIFY(s->nextHypervisorIntervalMs() < 2000);

        const CommandResult restart = rig.run(u"xcp-wedged"_s, ShellCommand{u"xe-toolstack-restart"_s, {}}.toShell());
        QCOMPARE(restart.exitStatus, 0);
        QTRY_COMPARE_WITH_TIMEOUT(s->xapiHealth(), XapiHealth::Answering, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(s->xapiView().valid, 10000);
        rig.monitor.refresh();
        QVERIFY(rig.monitor.xapiProblems().isEmpty());
        QVERIFY(problems.size() >= 2);
        const VmState* erp = rig.vm(u"erp"_s);
        QVERIFY(erp);
        QCOMPARE(erp->powerState, XapiPowerState::Running);
        QCOMPARE(erp->problems, Disagreements());
    }

    void lostHostMarksVmsStale()
    {
        Rig rig(u"demo"_s, {u"xcp-lab-01"_s, u"xcp-lab-02"_s});
        QVERIFY(rig.ready());
        QVERIFY(rig.cycle());
        const VmState* before = rig.vm(u"monitoring"_s);
        QVERIFY(before);
        QVERIFY(!before->stale);
        const QPersistentModelIndex row = rig.model.indexOf(before->id);
        QVERIFY(row.isValid());
        const int total = rig.model.vmCount();
        rig.transports.at(1)->disconnectFromHost(); // the member goes away
        QTRY_COMPARE_WITH_TIMEOUT(rig.session(u"xcp-lab-02"_s)->state(), HostSession::State::Lost, 5000);
        QVERIFY(rig.cycle());
        QCOMPARE(rig.model.vmCount(), total); // not removed
        QVERIFY(row.isValid());
        QVERIFY(row.data(PoolTreeModel::StaleRole).toBool());
        QVERIFY(rig.vm(u"monitoring"_s)->stale);
        QVERIFY(!rig.vm(u"web-01"_s)->stale);
    }

    void pollReadsAreAuditedOnceUnlessTheOutcomeChanges()
    {
        QTemporaryDir dir;
        AuditLog audit(dir.filePath(u"audit.jsonl"_s));
        auto lab = sim::SimLab::fromScenario(u"hung-vm-stuck-task"_s);
        sim::SimHost host(lab, u"xcp-hung"_s);
        HostSession session(&host, &audit);
        HostSession::Options o;
        o.autoPoll = false;
        session.setOptions(o);
        QSignalSpy cycles(&session, &HostSession::cycleFinished);
        session.start();
        host.connectToHost();
        QVERIFY(cycles.wait(15000));
        for (int i = 0; i < 3; ++i) {
            session.pollNow();
            QVERIFY(cycles.wait(15000));
        }
        QFile f(audit.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        int listDomains = 0, probes = 0;
        for (const QByteArray& l : lines) {
            listDomains += l.contains("list_domains\"") ? 1 : 0;
            probes += l.contains("xensource-inventory") ? 1 : 0;
        }
        QCOMPARE(probes, 1);
        QCOMPARE(listDomains, 1); // four polls, one line
    }
};

QTEST_GUILESS_MAIN(TestHostSession)
#include "tst_hostsession.moc"
