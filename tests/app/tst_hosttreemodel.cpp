#include "HostTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace xr;

class TestHostTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostsAndStates()
    {
        HostTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 2);
        model.addHost(QStringLiteral("a"), QStringLiteral("xs-01"), QStringLiteral("root@xs-01"));
        model.addHost(QStringLiteral("b"), QStringLiteral("xs-02"), QStringLiteral("root@xs-02:2222"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.hostIds(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));

        const QModelIndex a = model.hostIndex(QStringLiteral("a"));
        QCOMPARE(a.data().toString(), QStringLiteral("xs-01"));
        QCOMPARE(a.data(HostTreeModel::KindRole).toInt(), int(HostTreeModel::Kind::Host));
        QCOMPARE(a.data(HostTreeModel::StateRole).toInt(), int(HostState::Disconnected));
        QCOMPARE(model.hostIndex(QStringLiteral("a"), HostTreeModel::StateColumn).data().toString(),
                 hostStateName(HostState::Disconnected));
        QVERIFY(!a.data(HostTreeModel::ProblemRole).toBool());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setHostState(QStringLiteral("a"), HostState::Failed, QStringLiteral("Connection refused"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.hostState(QStringLiteral("a")), HostState::Failed);
        QVERIFY(a.data(HostTreeModel::ProblemRole).toBool());
        const QString tip = a.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("root@xs-01")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Connection refused")), qPrintable(tip));
        QVERIFY2(tip.contains(hostStateName(HostState::Failed)), qPrintable(tip));

        // Same state again: no signal.
        model.setHostState(QStringLiteral("a"), HostState::Failed, QStringLiteral("Connection refused"));
        QCOMPARE(changed.count(), 1);
        // Unknown host: ignored.
        model.setHostState(QStringLiteral("zz"), HostState::Connected);
        QCOMPARE(changed.count(), 1);

        // Re-adding updates the row in place.
        model.addHost(QStringLiteral("a"), QStringLiteral("xs-01 (master)"), QStringLiteral("root@xs-01"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.hostIndex(QStringLiteral("a")).data().toString(), QStringLiteral("xs-01 (master)"));

        model.removeHost(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.hasHost(QStringLiteral("a")));
        QVERIFY(!model.hostIndex(QStringLiteral("a")).isValid());
    }

    void pools()
    {
        HostTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char* id : {"m", "s1", "s2", "lone"})
            model.addHost(QString::fromLatin1(id), QString::fromLatin1(id), QString());

        model.setHostPool(QStringLiteral("m"), QStringLiteral("pool-1"), QStringLiteral("prod"));
        model.setHostPool(QStringLiteral("s1"), QStringLiteral("pool-1"), QStringLiteral("prod"));
        // Two standalone hosts plus one pool at the top.
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex pool = model.hostIndex(QStringLiteral("m")).parent();
        QVERIFY(pool.isValid());
        QCOMPARE(pool.data().toString(), QStringLiteral("prod"));
        QCOMPARE(pool.data(HostTreeModel::KindRole).toInt(), int(HostTreeModel::Kind::Pool));
        QCOMPARE(model.rowCount(pool), 2);
        QCOMPARE(model.hostIds().size(), 4);

        model.setHostState(QStringLiteral("s1"), HostState::Connected);
        const QString summary = model.index(pool.row(), HostTreeModel::StateColumn).data().toString();
        QVERIFY2(summary.contains(QLatin1Char('1')) && summary.contains(QLatin1Char('2')), qPrintable(summary));
        QVERIFY(!pool.data(HostTreeModel::ProblemRole).toBool());
        model.setHostState(QStringLiteral("m"), HostState::Lost, QStringLiteral("timeout"));
        QVERIFY(model.hostIndex(QStringLiteral("m")).parent().data(HostTreeModel::ProblemRole).toBool());

        // Renaming the pool through a member.
        model.setHostPool(QStringLiteral("s2"), QStringLiteral("pool-1"), QStringLiteral("production"));
        QCOMPARE(model.hostIndex(QStringLiteral("s2")).parent().data().toString(), QStringLiteral("production"));
        QCOMPARE(model.rowCount(), 2);

        // Leaving the pool; the pool goes away with its last host.
        model.setHostPool(QStringLiteral("m"), QString(), QString());
        QVERIFY(!model.hostIndex(QStringLiteral("m")).parent().isValid());
        model.removeHost(QStringLiteral("s1"));
        model.setHostPool(QStringLiteral("s2"), QString(), QString());
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(HostTreeModel::KindRole).toInt(), int(HostTreeModel::Kind::Host));
        // A host's state survives the moves.
        QCOMPARE(model.hostState(QStringLiteral("m")), HostState::Lost);
    }

    void headers()
    {
        HostTreeModel model;
        QCOMPARE(model.headerData(HostTreeModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model.headerData(HostTreeModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
        QVERIFY(model.roleNames().contains(HostTreeModel::StateRole));
    }
};

QTEST_GUILESS_MAIN(TestHostTreeModel)
#include "tst_hosttreemodel.moc"
