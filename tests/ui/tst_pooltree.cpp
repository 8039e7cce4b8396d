// The live pool tree in the main window, against the demo mode's in-process lab pool
// (SimHost) polled every few hundred milliseconds: problem badges and tooltips, the xapi
// banner, selection and expansion across refreshes, a change on the host reaching the tree,
// the event loop while xapi is wedged, the host Overview; and the model's fast path under
// QAbstractItemModelTester.

#include "ConnectionManager.h"
#include "DemoSession.h"
#include "HostSession.h"
#include "HostSummaryWidget.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "RemoteOperation.h"
#include "SimModel.h"
#include "Workspace.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>
#include <memory>

using namespace xr;

namespace {

/// Poll interval of the tests' sessions: short, so that a few cycles pass in a second.
constexpr int kPollMs = 250;
/// Generous: the machine running the tests may be busy. Never a measure of speed.
constexpr int kWaitMs = 20000;

/// The app's objects as main.cpp builds them, on temp folders, in demo mode, polling fast.
struct Fixture
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Workspace workspace{paths};
    Inventory& inventory = *workspace.inventory();
    ConnectionManager& connections = *workspace.connections();
    DemoSession* demo = workspace.demo();
    std::unique_ptr<MainWindow> window;
    QTreeView* tree = nullptr;

    ~Fixture() { window.reset(); }

    /// `xapiTimeoutMs`: how long a wedged xe waits before it counts as not answering.
    void start(const QString& scenario, int xapiTimeoutMs = 3000)
    {
        window = std::make_unique<MainWindow>(&workspace);
        HostSession::Options options;
        options.intervalMs = kPollMs;
        options.maxIntervalMs = 4 * kPollMs;
        options.xapiTimeoutMs = xapiTimeoutMs;
        options.hypervisorTimeoutMs = 5000;
        window->poolMonitor()->setSessionOptions(options); // before the lab's sessions exist
        QVERIFY(demo->start(scenario));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        tree = window->findChild<QTreeView*>(QStringLiteral("hostTree"));
        QVERIFY(tree);
    }

    HostSession* masterSession() const { return window->poolMonitor()->session(demo->hostIds().constFirst()); }

    /// The tree's (proxy) row whose column-0 index satisfies `match`; invalid when none.
    QModelIndex find(const std::function<bool(const QModelIndex&)>& match, const QModelIndex& parent = {}) const
    {
        const QAbstractItemModel* m = tree->model();
        for (int r = 0; r < m->rowCount(parent); ++r) {
            const QModelIndex i = m->index(r, 0, parent);
            if (match(i))
                return i;
            if (const QModelIndex below = find(match, i); below.isValid())
                return below;
        }
        return {};
    }
    QModelIndex vmRow(const QString& name) const
    {
        return find([&name](const QModelIndex& i) {
            return i.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm) &&
                   i.data().toString() == name;
        });
    }
    QModelIndex vmRowByUuid(const QString& uuid) const
    {
        return find([&uuid](const QModelIndex& i) {
            return i.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm) &&
                   i.data(PoolTreeModel::UuidRole) == uuid;
        });
    }
    QModelIndex hostRow(const QString& name) const
    {
        return find([&name](const QModelIndex& i) {
            return i.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Host) &&
                   i.data().toString().startsWith(name);
        });
    }

    void waitForDemoVms() const
    {
        for (const QString& name : {QStringLiteral("web-01"), QStringLiteral("build-agent"), QStringLiteral("db-01"),
                                    QStringLiteral("monitoring")})
            QTRY_VERIFY2_WITH_TIMEOUT(vmRow(name).isValid(), qPrintable(name), kWaitMs);
    }

    void click(const QModelIndex& index)
    {
        tree->scrollTo(index);
        const QRect rect = tree->visualRect(index);
        QVERIFY(rect.isValid());
        QCOMPARE(tree->indexAt(rect.center()).siblingAtColumn(0), index.siblingAtColumn(0));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    }
};

QString uuidOf(const QString& scenario, const QString& vmName)
{
    const std::optional<sim::SimPool> pool = sim::SimPool::fromScenario(scenario);
    if (pool) {
        for (const sim::SimVm& vm : pool->vms)
            if (vm.nameLabel == vmName)
                return vm.uuid;
    }
    return {};
}

VmState vm(const QString& id, const QString& parent, XapiPowerState power, qint64 domid = -1)
{
    VmState v;
    v.id = id;
    v.uuid = id;
    v.name = QStringLiteral("vm-") + id;
    v.parentId = parent;
    v.hostId = parent.startsWith(u"pool:") ? QString() : parent;
    v.hasXapi = true;
    v.powerState = power;
    if (domid >= 0) {
        v.domain.presence = DomainPresence::Present;
        v.domain.domid = domid;
        v.domain.state.blocked = true;
    } else {
        v.domain.presence = DomainPresence::Absent;
    }
    v.fingerprint = PoolState::fingerprint(v);
    return v;
}

} // namespace

class TestPoolTree final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // (a) The demo pool's VMs are in the tree; db-01's stuck clean shutdown carries the
    // badge, and its tooltip says what the badge means.
    void demoPoolShowsVmsAndTheStuckOne()
    {
        Fixture f;
        f.start(QStringLiteral("demo"));
        f.waitForDemoVms();

        QTRY_VERIFY_WITH_TIMEOUT(f.vmRow(QStringLiteral("db-01")).data(PoolTreeModel::DisagreementRole).toInt() != 0,
                                 kWaitMs);
        const QModelIndex db = f.vmRow(QStringLiteral("db-01"));
        const auto problems = Disagreements::fromInt(db.data(PoolTreeModel::DisagreementRole).toInt());
        QVERIFY(problems.testFlag(Disagreement::OperationStuck));
        QVERIFY(db.data(PoolTreeModel::ProblemRole).toBool());
        QVERIFY(db.data(PoolTreeModel::OperationAgeRole).toLongLong() > 40 * 60);
        const QModelIndex problemCell = db.siblingAtColumn(PoolTreeModel::ProblemColumn);
        QVERIFY2(problemCell.data().toString().contains(PoolState::disagreementText(Disagreement::OperationStuck)),
                 qPrintable(problemCell.data().toString()));
        // The badge: a warning icon in the Problem column, and the VM's icon differs from a
        // healthy running VM's.
        QVERIFY(!problemCell.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QModelIndex web = f.vmRow(QStringLiteral("web-01"));
        QVERIFY(web.siblingAtColumn(PoolTreeModel::ProblemColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(web.data(PoolTreeModel::DisagreementRole).toInt(), 0);
        // The tooltip explains, on every column of the row.
        const QString explanation = PoolState::disagreementExplanation(Disagreement::OperationStuck);
        QVERIFY2(db.data(Qt::ToolTipRole).toString().contains(explanation),
                 qPrintable(db.data(Qt::ToolTipRole).toString()));
        QVERIFY(problemCell.data(Qt::ToolTipRole).toString().contains(explanation));
        // The host above it counts it, with a plural-aware text.
        const QModelIndex host = f.hostRow(QStringLiteral("xcp-lab-02"));
        QVERIFY(host.isValid());
        QVERIFY(host.data(PoolTreeModel::ProblemRole).toBool());
        QVERIFY(!host.siblingAtColumn(PoolTreeModel::ProblemColumn).data().toString().isEmpty());
        QVERIFY(!f.window->xapiBanner()->isVisible());
    }

    // (b) xapi wedged: the banner names the host, and the hypervisor's domains stay in the
    // tree while xapi cannot say anything.
    void wedgedXapiShowsTheBannerAndTheDomains()
    {
        Fixture f;
        f.start(QStringLiteral("xapi-wedged"), 1500);
        const QString erp = uuidOf(QStringLiteral("xapi-wedged"), QStringLiteral("erp"));
        QVERIFY(!erp.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(f.window->xapiBanner()->isVisible(), kWaitMs);
        QVERIFY2(f.window->xapiBanner()->text().contains(QStringLiteral("xcp-wedged")),
                 qPrintable(f.window->xapiBanner()->text()));
        QVERIFY(f.window->xapiBanner()->text().contains(QStringLiteral("not answering")));
        QCOMPARE(f.window->poolMonitor()->xapiProblems().size(), 1);
        QCOMPARE(f.window->poolMonitor()->xapiProblems().constFirst().hostName, QStringLiteral("xcp-wedged"));

        // erp's domain, from list_domains, with xapi's view marked unknown.
        QTRY_VERIFY_WITH_TIMEOUT(f.vmRowByUuid(erp).isValid(), kWaitMs);
        QModelIndex row = f.vmRowByUuid(erp);
        QCOMPARE(DomainPresence(row.data(PoolTreeModel::DomainPresenceRole).toInt()), DomainPresence::Present);
        QVERIFY(row.data(PoolTreeModel::DomainIdRole).toLongLong() > 0);
        QVERIFY(Disagreements::fromInt(row.data(PoolTreeModel::DisagreementRole).toInt())
                    .testFlag(Disagreement::XapiUnknown));
        const QModelIndex host = f.hostRow(QStringLiteral("xcp-wedged"));
        QVERIFY(host.isValid());
        QVERIFY(host.siblingAtColumn(PoolTreeModel::ProblemColumn)
                    .data()
                    .toString()
                    .contains(PoolState::healthText(XapiHealth::NotAnswering)));

        // It stays through more polls: the domain is not dropped when xe times out again.
        QSignalSpy refreshed(f.window->poolMonitor(), &PoolMonitor::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 2, kWaitMs);
        row = f.vmRowByUuid(erp);
        QVERIFY(row.isValid());
        QCOMPARE(DomainPresence(row.data(PoolTreeModel::DomainPresenceRole).toInt()), DomainPresence::Present);
        QVERIFY(f.window->xapiBanner()->isVisible());
    }

    // (c) Selection and expansion survive refreshes.
    void selectionAndExpansionSurviveRefreshes()
    {
        Fixture f;
        f.start(QStringLiteral("demo"));
        f.waitForDemoVms();
        const QModelIndex lab1 = f.hostRow(QStringLiteral("xcp-lab-01"));
        const QModelIndex lab2 = f.hostRow(QStringLiteral("xcp-lab-02"));
        QVERIFY(lab1.isValid() && lab2.isValid());
        QTRY_VERIFY(f.tree->isExpanded(lab1) && f.tree->isExpanded(lab2) && f.tree->isExpanded(lab1.parent()));
        // One host collapsed by the user: it stays collapsed too.
        f.tree->collapse(lab1);
        QVERIFY(!f.tree->isExpanded(lab1));

        const QModelIndex db = f.vmRow(QStringLiteral("db-01"));
        const QString dbId = db.data(PoolTreeModel::IdRole).toString();
        f.click(db);
        QCOMPARE(f.window->currentItemId(), dbId);
        QVERIFY(f.tree->selectionModel()->isSelected(db));

        // Two poll cycles of the master and two refreshes of the tree.
        QSignalSpy cycles(f.masterSession(), &HostSession::cycleFinished);
        QSignalSpy refreshed(f.window->poolMonitor(), &PoolMonitor::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2 && refreshed.count() >= 2, kWaitMs);

        QCOMPARE(f.window->currentItemId(), dbId);
        const QModelIndex dbAfter = f.vmRow(QStringLiteral("db-01"));
        QVERIFY(f.tree->selectionModel()->isSelected(dbAfter));
        QCOMPARE(f.tree->selectionModel()->selectedRows().size(), 1);
        QVERIFY(f.tree->isExpanded(f.hostRow(QStringLiteral("xcp-lab-02"))));
        QVERIFY(f.tree->isExpanded(f.hostRow(QStringLiteral("xcp-lab-02")).parent()));
        QVERIFY(!f.tree->isExpanded(f.hostRow(QStringLiteral("xcp-lab-01"))));
        // Keyboard navigation still starts from it.
        QTest::keyClick(f.tree, Qt::Key_Down);
        QVERIFY(f.window->currentItemId() != dbId);
        QTest::keyClick(f.tree, Qt::Key_Up);
        QCOMPARE(f.window->currentItemId(), dbId);
    }

    // (d) A change made on the host reaches the tree within two poll cycles.
    void changeOnTheHostReachesTheTree()
    {
        Fixture f;
        f.start(QStringLiteral("demo"));
        QTRY_VERIFY_WITH_TIMEOUT(f.vmRow(QStringLiteral("web-01")).data(PoolTreeModel::PowerStateRole).toInt() ==
                                     int(XapiPowerState::Running),
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(f.masterSession() && f.masterSession()->isPoolMaster(), kWaitMs);
        const QModelIndex web = f.vmRow(QStringLiteral("web-01"));
        const QString uuid = web.data(PoolTreeModel::UuidRole).toString();
        QVERIFY(!uuid.isEmpty());
        QVERIFY(web.data(PoolTreeModel::DomainIdRole).toLongLong() > 0);

        // Count the master's xapi polls from the moment the command has finished to the
        // refresh that shows the VM halted.
        HostSession* master = f.masterSession();
        int xapiPolls = 0;
        bool counting = false;
        int pollsWhenShown = -1;
        QObject context; // goes before the counters it writes
        connect(master, &HostSession::xapiViewChanged, &context, [&] { xapiPolls += counting ? 1 : 0; });
        connect(f.window->poolMonitor(), &PoolMonitor::refreshed, &context, [&] {
            const QModelIndex row = f.vmRowByUuid(uuid);
            if (counting && pollsWhenShown < 0 &&
                row.data(PoolTreeModel::PowerStateRole).toInt() == int(XapiPowerState::Halted))
                pollsWhenShown = xapiPolls;
        });

        const CommandRequest request{QStringLiteral("xe vm-shutdown --force uuid=") + uuid};
        std::unique_ptr<RemoteCommand> cmd(f.connections.host(f.demo->hostIds().constFirst())->run(request));
        QVERIFY(cmd);
        connect(cmd.get(), &RemoteOperation::finished, &context, [&counting] { counting = true; });
        QTRY_VERIFY_WITH_TIMEOUT(cmd->isFinished(), kWaitMs);
        QVERIFY(counting);
        QVERIFY2(cmd->result().succeeded(), cmd->result().stdErr.constData());

        QTRY_VERIFY_WITH_TIMEOUT(pollsWhenShown >= 0, kWaitMs);
        // The poll that was running when the command ended may have read the old state; the
        // next one reads the new.
        QVERIFY2(pollsWhenShown <= 2, qPrintable(QString::number(pollsWhenShown)));
        const QModelIndex halted = f.vmRowByUuid(uuid);
        QCOMPARE(halted.data(PoolTreeModel::PowerStateRole).toInt(), int(XapiPowerState::Halted));
        // Its domain went with it, and a halted VM sits under the pool, not a host.
        QTRY_COMPARE_WITH_TIMEOUT(DomainPresence(f.vmRowByUuid(uuid).data(PoolTreeModel::DomainPresenceRole).toInt()),
                                  DomainPresence::Absent, kWaitMs);
        QCOMPARE(f.vmRowByUuid(uuid).parent().data(PoolTreeModel::KindRole).toInt(), int(PoolTreeModel::Kind::Pool));
        QCOMPARE(f.vmRowByUuid(uuid).data(PoolTreeModel::DisagreementRole).toInt(), 0);
    }

    // (e) Polling a wedged xapi never blocks the GUI thread: a 10 ms timer keeps firing
    // while the xe commands hang until their timeout.
    void wedgedHostDoesNotBlockTheEventLoop()
    {
        Fixture f;
        const int timeoutMs = 2000;
        f.start(QStringLiteral("xapi-wedged"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(f.masterSession() && f.masterSession()->state() == HostSession::State::Ready, kWaitMs);
        HostSession* s = f.masterSession();
        // The first xapi poll is under way and has no answer yet.
        QCOMPARE(s->xapiHealth(), XapiHealth::Answering);
        QVERIFY(!s->lastXapiAnswer().isValid());

        int ticks = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(10);
        connect(&probe, &QTimer::timeout, this, [&ticks] { ++ticks; });
        probe.start();
        QSignalSpy health(s, &HostSession::xapiHealthChanged);
        QTRY_VERIFY_WITH_TIMEOUT(s->xapiHealth() == XapiHealth::NotAnswering, kWaitMs);
        probe.stop();
        QVERIFY(!health.isEmpty());
        QVERIFY(!s->lastXapiAnswer().isValid());
        // The xe commands were pending for timeoutMs: a timer every 10 ms fires ~timeoutMs/10
        // times when the loop runs freely, once or twice if something blocked it. A fifth
        // leaves room for a busy machine.
        QVERIFY2(ticks >= timeoutMs / 10 / 5, qPrintable(QString::number(ticks)));
        // And the hypervisor's view kept coming meanwhile.
        QVERIFY(s->hypervisorView().valid);
    }

    // (f) The model's fast path: VMs change state and one moves between hosts; persistent
    // indexes follow their VM, and the model passes QAbstractItemModelTester throughout.
    void fastPathKeepsPersistentIndexes()
    {
        PoolTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString pool = QStringLiteral("pool:p1");
        model.setPool(PoolTreeModel::PoolRow{pool, QStringLiteral("p1"), QStringLiteral("Pool"), QStringLiteral("h1")});
        for (const QString& h : {QStringLiteral("h1"), QStringLiteral("h2")}) {
            PoolTreeModel::HostRow row;
            row.id = h;
            row.uuid = h;
            row.name = h;
            row.connection = HostState::Connected;
            row.isMaster = h == u"h1";
            model.setHost(pool, row);
        }
        using P = XapiPowerState;
        const QList<VmState> first{vm(QStringLiteral("a"), QStringLiteral("h1"), P::Running, 1),
                                   vm(QStringLiteral("b"), QStringLiteral("h1"), P::Running, 2),
                                   vm(QStringLiteral("c"), QStringLiteral("h2"), P::Running, 1),
                                   vm(QStringLiteral("d"), pool, P::Halted)};
        model.updateVms(pool, first);
        QCOMPARE(model.vmCount(), 4);
        QHash<QString, QPersistentModelIndex> kept;
        for (const QString& id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")})
            kept.insert(id, QPersistentModelIndex(model.indexOf(id)));
        const QPersistentModelIndex keptState(model.indexOf(QStringLiteral("c"), PoolTreeModel::StateColumn));
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutAboutToBeChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        const auto follows = [&](const QString& id, const QString& parentId) {
            const QPersistentModelIndex& i = kept.value(id);
            return i.isValid() && i.data(PoolTreeModel::IdRole).toString() == id &&
                   i.parent().data(PoolTreeModel::IdRole).toString() == parentId && i == model.indexOf(id);
        };

        // Refresh 1: states change in place (a rebooted into a new domain, c paused).
        QList<VmState> second{vm(QStringLiteral("a"), QStringLiteral("h1"), P::Running, 7),
                              vm(QStringLiteral("b"), QStringLiteral("h1"), P::Running, 2),
                              vm(QStringLiteral("c"), QStringLiteral("h2"), P::Paused, 1),
                              vm(QStringLiteral("d"), pool, P::Halted)};
        model.updateVms(pool, second);
        QVERIFY(!changed.isEmpty());
        QVERIFY(follows(QStringLiteral("a"), QStringLiteral("h1")));
        QVERIFY(follows(QStringLiteral("b"), QStringLiteral("h1")));
        QVERIFY(follows(QStringLiteral("c"), QStringLiteral("h2")));
        QVERIFY(follows(QStringLiteral("d"), pool));
        QCOMPARE(kept.value(QStringLiteral("a")).data(PoolTreeModel::DomainIdRole).toLongLong(), 7);
        QCOMPARE(kept.value(QStringLiteral("c")).data(PoolTreeModel::PowerStateRole).toInt(), int(P::Paused));
        QCOMPARE(moved.count(), 0);

        // Refresh 2: b migrates from h1 to h2, c resumes, d starts on h1.
        QList<VmState> third{vm(QStringLiteral("a"), QStringLiteral("h1"), P::Running, 7),
                             vm(QStringLiteral("b"), QStringLiteral("h2"), P::Running, 3),
                             vm(QStringLiteral("c"), QStringLiteral("h2"), P::Running, 1),
                             vm(QStringLiteral("d"), QStringLiteral("h1"), P::Running, 8)};
        model.updateVms(pool, third);
        QVERIFY(follows(QStringLiteral("a"), QStringLiteral("h1")));
        QVERIFY(follows(QStringLiteral("b"), QStringLiteral("h2")));
        QVERIFY(follows(QStringLiteral("c"), QStringLiteral("h2")));
        QVERIFY(follows(QStringLiteral("d"), QStringLiteral("h1")));
        QCOMPARE(kept.value(QStringLiteral("b")).data(PoolTreeModel::DomainIdRole).toLongLong(), 3);
        QCOMPARE(kept.value(QStringLiteral("c")).data(PoolTreeModel::PowerStateRole).toInt(), int(P::Running));
        QVERIFY(keptState.isValid());
        QCOMPARE(keptState.data(PoolTreeModel::IdRole).toString(), QStringLiteral("c"));
        QCOMPARE(keptState.column(), int(PoolTreeModel::StateColumn));
        QVERIFY(moved.count() >= 2);
        QCOMPARE(model.rowCount(model.indexOf(QStringLiteral("h1"))), 2);
        QCOMPARE(model.rowCount(model.indexOf(QStringLiteral("h2"))), 2);
        // Moves and changes, never a reset or a layout change: views keep their state.
        QCOMPARE(resets.count(), 0);
        QCOMPARE(layouts.count(), 0);

        // The same list again: nothing is signalled.
        changed.clear();
        moved.clear();
        model.updateVms(pool, third);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(moved.count(), 0);
    }

    // The host Overview: flavour and version, Xen version, xapi health, pool role; and no
    // memory figure, since the session does not read one on xapi hosts.
    void hostOverviewShowsWhatTheSessionRead()
    {
        Fixture f;
        f.start(QStringLiteral("demo"));
        QTRY_VERIFY_WITH_TIMEOUT(f.masterSession() && f.masterSession()->isPoolMaster(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(f.masterSession()->lastXapiAnswer().isValid(), kWaitMs);
        // Every row in place: a row that appears between finding a row and clicking it would
        // move it under the mouse.
        f.waitForDemoVms();
        auto* summary = f.window->findChild<HostSummaryWidget*>(QStringLiteral("hostSummary"));
        auto* stack = f.window->findChild<QStackedWidget*>(QStringLiteral("overviewStack"));
        QVERIFY(summary && stack);

        f.click(f.hostRow(QStringLiteral("xcp-lab-01")));
        QCOMPARE(f.window->currentHostId(), f.demo->hostIds().constFirst());
        QVERIFY(stack->currentWidget() == summary);
        QTRY_VERIFY_WITH_TIMEOUT(!summary->factText(QStringLiteral("role")).isEmpty(), kWaitMs);
        QVERIFY2(summary->factText(QStringLiteral("flavour")).contains(QStringLiteral("XCP-ng 8.2")),
                 qPrintable(summary->factText(QStringLiteral("flavour"))));
        QVERIFY(!summary->factText(QStringLiteral("xen")).isEmpty());
        QCOMPARE(summary->factText(QStringLiteral("xen")), f.masterSession()->identity().xenVersion);
        QVERIFY2(summary->factText(QStringLiteral("health")).startsWith(QStringLiteral("xapi is answering")),
                 qPrintable(summary->factText(QStringLiteral("health"))));
        QVERIFY(summary->factText(QStringLiteral("health")).contains(QStringLiteral("last answer")));
        QCOMPARE(summary->factText(QStringLiteral("role")), QStringLiteral("master of pool Lab pool"));
        QVERIFY(summary->factText(QStringLiteral("memory")).isEmpty());
        QVERIFY(!summary->findChild<QLabel*>(QStringLiteral("hostMemory"))->isVisible());
        QVERIFY(summary->findChild<QLabel*>(QStringLiteral("hostPoolRole"))->isVisible());

        // The member names its master.
        f.click(f.hostRow(QStringLiteral("xcp-lab-02")));
        QCOMPARE(f.window->currentHostId(), f.demo->hostIds().at(1));
        QTRY_COMPARE_WITH_TIMEOUT(summary->factText(QStringLiteral("role")),
                                  QStringLiteral("member of pool Lab pool (master: xcp-lab-01)"), kWaitMs);
    }

    void hostOverviewOfAWedgedAndAnXlHost()
    {
        {
            Fixture f;
            f.start(QStringLiteral("xapi-wedged"), 1500);
            auto* summary = f.window->findChild<HostSummaryWidget*>(QStringLiteral("hostSummary"));
            QTRY_COMPARE_WITH_TIMEOUT(f.window->currentHostId(), f.demo->hostIds().constFirst(), kWaitMs);
            QTRY_VERIFY_WITH_TIMEOUT(
                summary->factText(QStringLiteral("health")).startsWith(QStringLiteral("xapi is not answering")),
                kWaitMs);
            const QString health = summary->factText(QStringLiteral("health"));
            QVERIFY2(health.contains(QStringLiteral("no answer since XenRescue connected")), qPrintable(health));
            QVERIFY(summary->factText(QStringLiteral("flavour")).contains(QStringLiteral("XCP-ng")));
            // Which pool it is in is xapi's to say: not shown rather than guessed.
            QVERIFY(summary->factText(QStringLiteral("role")).isEmpty());
        }
        {
            Fixture f;
            f.start(QStringLiteral("xl-host"));
            auto* summary = f.window->findChild<HostSummaryWidget*>(QStringLiteral("hostSummary"));
            QTRY_COMPARE_WITH_TIMEOUT(f.window->currentHostId(), f.demo->hostIds().constFirst(), kWaitMs);
            QTRY_VERIFY_WITH_TIMEOUT(!summary->factText(QStringLiteral("flavour")).isEmpty(), kWaitMs);
            QVERIFY(summary->factText(QStringLiteral("flavour")).contains(QStringLiteral("xl")));
            QVERIFY(!summary->factText(QStringLiteral("xen")).isEmpty());
            // No management daemon to ask on an xl host.
            QVERIFY(summary->factText(QStringLiteral("health")).isEmpty());
            QCOMPARE(summary->factText(QStringLiteral("role")), QStringLiteral("standalone host (no pool)"));
            // `xl info` told the total memory.
            const qint64 mib = f.masterSession()->identity().totalMemoryMiB;
            QVERIFY(mib > 0);
            QVERIFY2(summary->factText(QStringLiteral("memory")).endsWith(QStringLiteral("total")),
                     qPrintable(summary->factText(QStringLiteral("memory"))));
        }
    }

    void problemCountIsPlural()
    {
        PoolTreeModel model;
        const QString pool = QStringLiteral("pool:p");
        model.setPool(PoolTreeModel::PoolRow{pool, QStringLiteral("p"), QStringLiteral("P"), {}});
        PoolTreeModel::HostRow h;
        h.id = QStringLiteral("h");
        h.name = QStringLiteral("h");
        h.connection = HostState::Connected;
        model.setHost(pool, h);
        VmState ghost = vm(QStringLiteral("g"), QStringLiteral("h"), XapiPowerState::Running);
        ghost.problems = Disagreement::RunningButNoDomain;
        ghost.fingerprint = PoolState::fingerprint(ghost);
        model.updateVms(pool, {ghost});
        const QString one = model.indexOf(QStringLiteral("h"), PoolTreeModel::ProblemColumn).data().toString();
        QVERIFY2(one.startsWith(QStringLiteral("1 VM")), qPrintable(one));
        VmState ghost2 = ghost;
        ghost2.id = ghost2.uuid = QStringLiteral("g2");
        ghost2.fingerprint = PoolState::fingerprint(ghost2);
        model.updateVms(pool, {ghost, ghost2});
        const QString two = model.indexOf(QStringLiteral("h"), PoolTreeModel::ProblemColumn).data().toString();
        QVERIFY2(two.startsWith(QStringLiteral("2 VM")), qPrintable(two));
        QVERIFY(model.indexOf(pool, PoolTreeModel::ProblemColumn).data().toString().startsWith(QStringLiteral("2 VM")));
    }
};

QTEST_MAIN(TestPoolTree)
#include "tst_pooltree.moc"
