#include "PoolTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace xr;

namespace {

VmState vm(const QString& id, const QString& parent, XapiPowerState power, qint64 domid = -1)
{
    VmState v;
    v.id = v.uuid = id;
    v.name = u"vm-"_s + id;
    v.parentId = parent;
    v.hostId = parent;
    v.hasXapi = true;
    v.powerState = power;
    if (domid >= 0) {
        v.domain.presence = DomainPresence::Present;
        v.domain.domid = domid;
        v.domain.state.blocked = true;
    } else {
        v.domain.presence = DomainPresence::Absent;
    }
    return v;
}

PoolTreeModel::HostRow host(const QString& id)
{
    PoolTreeModel::HostRow h;
    h.id = id;
    h.name = id;
    h.connection = HostState::Connected;
    return h;
}

} // namespace

// PoolTreeModel under QAbstractItemModelTester through refreshes with adds, removes, moves
// and changes: never a reset, persistent indexes follow their VM.
class TestPoolTreeModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshesAreIncremental()
    {
        PoolTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setPool({u"pool:p"_s, u"p"_s, u"Pool"_s, u"h1"_s});
        model.setHost(u"pool:p"_s, host(u"h1"_s));
        model.setHost(u"pool:p"_s, host(u"h2"_s));
        QList<VmState> vms;
        for (int i = 0; i < 50; ++i)
            vms << vm(QString::number(i), i % 2 ? u"h2"_s : u"h1"_s, XapiPowerState::Running, i + 1);
        vms << vm(u"halted"_s, u"pool:p"_s, XapiPowerState::Halted);
        model.updateVms(u"pool:p"_s, vms);
        QCOMPARE(model.vmCount(), 51);
        const QModelIndex pool = model.indexOf(u"pool:p"_s);
        QCOMPARE(model.rowCount(pool), 3); // two hosts, then the halted VM
        QCOMPARE(model.index(2, 0, pool).data(PoolTreeModel::IdRole).toString(), u"halted"_s);
        QCOMPARE(model.rowCount(model.indexOf(u"h1"_s)), 25);
        // First fill: nothing flashes.
        QVERIFY(!model.indexOf(u"4"_s).data(PoolTreeModel::ChangedAtRole).toDateTime().isValid());

        const QPersistentModelIndex keep(model.indexOf(u"11"_s, PoolTreeModel::DomainColumn));
        const QPersistentModelIndex starts(model.indexOf(u"halted"_s));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        // Refresh 2: remove 0-9, change 11's domain, add three, start the halted VM on h2.
        vms.remove(0, 10);
        for (VmState& v : vms) {
            if (v.id == u"11")
                v.domain.domid = 99;
            if (v.id == u"halted") {
                v = vm(u"halted"_s, u"h2"_s, XapiPowerState::Running, 120);
            }
        }
        vms << vm(u"new1"_s, u"h1"_s, XapiPowerState::Running, 200)
            << vm(u"new2"_s, u"h1"_s, XapiPowerState::Running, 201)
            << vm(u"new3"_s, u"h2"_s, XapiPowerState::Running, 202);
        model.updateVms(u"pool:p"_s, vms);
        QCOMPARE(model.vmCount(), 44);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(moved.size(), 1);
        QVERIFY(keep.isValid());
        QCOMPARE(keep.data(PoolTreeModel::IdRole).toString(), u"11"_s);
        QCOMPARE(keep.data().toString(), u"99 -b----"_s);
        QVERIFY(keep.sibling(keep.row(), 0).data(PoolTreeModel::ChangedAtRole).toDateTime().isValid());
        QVERIFY(starts.isValid());
        QCOMPARE(starts.parent(), model.indexOf(u"h2"_s));
        QVERIFY(model.indexOf(u"new2"_s).data(PoolTreeModel::ChangedAtRole).toDateTime().isValid());
        // Unchanged rows are not signalled.
        for (const QList<QVariant>& args : std::as_const(changed)) {
            const QModelIndex from = args.at(0).toModelIndex();
            if (from.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm))
                QVERIFY(from.data(PoolTreeModel::IdRole).toString() == u"11" ||
                        from.data(PoolTreeModel::IdRole).toString() == u"halted");
        }

        // Refresh 3: identical input, no signal at all.
        changed.clear();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.updateVms(u"pool:p"_s, vms);
        QVERIFY(changed.isEmpty());
        QVERIFY(inserted.isEmpty());

        // Refresh 4: a problem shows on the VM and on its host.
        for (VmState& v : vms)
            if (v.id == u"13")
                v.problems = Disagreement::RunningButNoDomain;
        model.updateVms(u"pool:p"_s, vms);
        QVERIFY(model.indexOf(u"13"_s).data(PoolTreeModel::ProblemRole).toBool());
        QCOMPARE(model.indexOf(u"13"_s).data(PoolTreeModel::DisagreementRole).toInt(),
                 int(Disagreement::RunningButNoDomain));
        QVERIFY(model.indexOf(u"h2"_s).data(PoolTreeModel::ProblemRole).toBool());
        QVERIFY(!model.indexOf(u"h1"_s).data(PoolTreeModel::ProblemRole).toBool());

        // Stale: kept, flagged.
        for (VmState& v : vms)
            if (v.parentId == u"h2")
                v.stale = true;
        model.updateVms(u"pool:p"_s, vms);
        QVERIFY(model.indexOf(u"13"_s).data(PoolTreeModel::StaleRole).toBool());
        QCOMPARE(model.vmCount(), 44);

        // A host leaves with its VMs; the pool goes with the rest.
        model.removeHost(u"h2"_s);
        QVERIFY(!starts.isValid());
        model.removePool(u"pool:p"_s);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.vmCount(), 0);
        QCOMPARE(resets.size(), 0);
    }

    void oneRowPerUuid()
    {
        // Should two VMs still share an id (the merge already prevents it), one row stands for
        // both and says that they cannot be told apart; the forged row's word is not shown.
        PoolTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPool({u"pool:p"_s, u"p"_s, u"Pool"_s, u"h1"_s});
        model.setHost(u"pool:p"_s, host(u"h1"_s));
        VmState forged = vm(u"v1"_s, u"h1"_s, XapiPowerState::Halted);
        forged.name = u"db-01"_s;
        VmState real = vm(u"v1"_s, u"h1"_s, XapiPowerState::Running, 3);
        real.name = u"db-01 "_s;
        model.updateVms(u"pool:p"_s, {forged, real, vm(u"v2"_s, u"h1"_s, XapiPowerState::Running, 4)});
        QCOMPARE(model.vmCount(), 2);
        const QModelIndex hostIndex = model.index(0, 0, model.index(0, 0));
        int rows = 0;
        for (int i = 0; i < model.rowCount(hostIndex); ++i) {
            const QModelIndex row = model.index(i, 0, hostIndex);
            if (row.data(PoolTreeModel::UuidRole).toString() != u"v1"_s)
                continue;
            ++rows;
            QVERIFY(Disagreements(row.data(PoolTreeModel::DisagreementRole).toInt())
                        .testFlag(Disagreement::AmbiguousRecords));
            QVERIFY(row.data(Qt::ToolTipRole).toString().contains(u"read it by uuid="_s));
            QCOMPARE(row.data(Qt::DisplayRole).toString(), u"v1"_s); // the names disagree: the uuid is shown
        }
        QCOMPARE(rows, 1);
        QVERIFY(!PoolTreeModel::oneRowPerId({real}));
    }

    void standaloneHostsAndControlDomains()
    {
        PoolTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHost(QString(), host(u"session:xl"_s));
        VmState dom0 = vm(u"session:xl/Domain-0"_s, u"session:xl"_s, XapiPowerState::Unknown, 0);
        dom0.hasXapi = false;
        dom0.isControlDomain = true;
        VmState web = vm(u"session:xl/web"_s, u"session:xl"_s, XapiPowerState::Unknown, 3);
        web.hasXapi = false;
        web.domain.state.dying = true;
        web.problems = Disagreement::DyingDomain;
        model.updateVms(u"session:xl"_s, {dom0, web});
        QCOMPARE(model.rowCount(model.indexOf(u"session:xl"_s)), 1);
        model.setShowControlDomains(true);
        QCOMPARE(model.rowCount(model.indexOf(u"session:xl"_s)), 2);
        const QModelIndex w = model.indexOf(u"session:xl/web"_s);
        QCOMPARE(w.siblingAtColumn(PoolTreeModel::StateColumn).data().toString(), u"n/a"_s);
        QCOMPARE(w.siblingAtColumn(PoolTreeModel::DomainColumn).data().toString(), u"3 -b---d"_s);
        QVERIFY(w.siblingAtColumn(PoolTreeModel::ProblemColumn).data().toString().contains(u"dying"_s));
        QVERIFY(w.data(Qt::ToolTipRole).toString().contains(u"tap-ctl"_s));
        model.setShowControlDomains(false);
        QCOMPARE(model.rowCount(model.indexOf(u"session:xl"_s)), 1);
        // The host joins a pool: it moves, its VMs with it.
        model.setPool({u"pool:q"_s, u"q"_s, u"Q"_s, {}});
        const QPersistentModelIndex keep(w);
        model.setHost(u"pool:q"_s, host(u"session:xl"_s));
        QVERIFY(keep.isValid());
        QCOMPARE(keep.parent().parent(), model.indexOf(u"pool:q"_s));
    }
};

QTEST_GUILESS_MAIN(TestPoolTreeModel)
#include "tst_pooltreemodel.moc"
