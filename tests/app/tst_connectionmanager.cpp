#include "ConnectionManager.h"
#include "FakeRemoteHost.h"
#include "HostTreeModel.h"
#include "SshHost.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;

class TestConnectionManager : public QObject
{
    Q_OBJECT

private:
    AppPaths pathsIn(const QTemporaryDir& dir)
    {
        return AppPaths(dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                        dir.filePath(QStringLiteral("ssh")));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void savesHostsAndForwardsState()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        HostTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionManager manager(paths, &inventory, &model);
        QHash<QString, FakeRemoteHost*> made;
        manager.setHostFactory([&](const SavedHost& saved, const SshOptions& options) {
            auto* host = new FakeRemoteHost(saved.endpoint.host);
            made.insert(saved.endpoint.host, host);
            [&] { QCOMPARE(options.appKnownHostsFile, paths.appKnownHostsFile()); }();
            return host;
        });
        QSignalSpy created(&manager, &ConnectionManager::hostCreated);
        QSignalSpy stateSpy(&manager, &ConnectionManager::hostStateChanged);

        SavedHost h;
        h.endpoint.host = QStringLiteral("xs-01");
        h.endpoint.user = QStringLiteral("root");
        const QString id = manager.saveHost(h);
        QCOMPARE(created.count(), 1);
        QCOMPARE(manager.hostIds(), QStringList{id});
        QVERIFY(model.hasHost(id));
        QCOMPARE(inventory.hosts().size(), 1);

        // Saving the same endpoint again updates, it does not duplicate.
        h.label = QStringLiteral("master");
        QCOMPARE(manager.saveHost(h), id);
        QCOMPARE(inventory.hosts().size(), 1);
        QCOMPARE(created.count(), 1); // same transport settings: same transport
        QCOMPARE(model.hostIndex(id).data().toString(), QStringLiteral("master"));

        manager.connectHost(id);
        QCOMPARE(made.value(QStringLiteral("xs-01"))->connectCalls, 1);
        QCOMPARE(model.hostState(id), HostState::Connecting);
        made.value(QStringLiteral("xs-01"))->force(HostState::Connected);
        QCOMPARE(model.hostState(id), HostState::Connected);
        QCOMPARE(stateSpy.count(), 2);
        QCOMPARE(manager.count(HostState::Connected), 1);

        // A different port is a different transport.
        h.endpoint.port = 2222;
        const QString other = manager.saveHost(h);
        QVERIFY(other != id);
        QCOMPARE(manager.hostIds().size(), 2);

        QSignalSpy removed(&manager, &ConnectionManager::hostRemoved);
        manager.removeHost(id);
        QCOMPARE(removed.count(), 1);
        QVERIFY(!model.hasHost(id));
        QVERIFY(!manager.host(id));
        QCOMPARE(inventory.hosts().size(), 1);
    }

    void loadsInventoryAndConnectsMarked()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        SavedHost a;
        a.endpoint.host = QStringLiteral("a");
        a.connectOnStart = true;
        SavedHost b;
        b.endpoint.host = QStringLiteral("b");
        inventory.add(a);
        inventory.add(b);

        HostTreeModel model;
        ConnectionManager manager(paths, &inventory, &model);
        QHash<QString, FakeRemoteHost*> made;
        manager.setHostFactory([&](const SavedHost& saved, const SshOptions&) {
            auto* host = new FakeRemoteHost(saved.endpoint.host);
            made.insert(saved.endpoint.host, host);
            return host;
        });
        manager.loadInventory(true);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(made.value(QStringLiteral("a"))->connectCalls, 1);
        QCOMPARE(made.value(QStringLiteral("b"))->connectCalls, 0);
    }

    void runIsAudited()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        HostTreeModel model;
        ConnectionManager manager(paths, &inventory, &model);
        FakeRemoteHost* fake = nullptr;
        manager.setHostFactory([&](const SavedHost&, const SshOptions&) {
            fake = new FakeRemoteHost(QStringLiteral("root@xs-03:22"));
            return fake;
        });
        SavedHost h;
        h.endpoint.host = QStringLiteral("xs-03");
        h.endpoint.user = QStringLiteral("root");
        const QString id = manager.saveHost(h);
        fake->nextResult.outcome = CommandOutcome::Finished;
        fake->nextResult.exitStatus = 3;
        fake->nextResult.elapsedMs = 17;

        CommandRequest request;
        request.command = QStringLiteral("xe vm-list power-state=running --minimal");
        std::unique_ptr<RemoteCommand> command(manager.run(id, request, QStringLiteral("run-1")));
        QVERIFY(command);
        QSignalSpy finished(command.get(), &RemoteOperation::finished);
        QVERIFY(finished.wait(2000));
        QVERIFY(!manager.run(QStringLiteral("unknown"), request));

        QFile f(paths.auditLogFile());
        QTRY_VERIFY(QFileInfo(f).size() > 0);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject o = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(o.value(QStringLiteral("command")).toString(), request.command);
        QCOMPARE(o.value(QStringLiteral("host")).toString(), QStringLiteral("root@xs-03:22"));
        QCOMPARE(o.value(QStringLiteral("user")).toString(), QStringLiteral("root"));
        QCOMPARE(o.value(QStringLiteral("exitStatus")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("durationMs")).toInt(), 17);
        QCOMPARE(o.value(QStringLiteral("runId")).toString(), QStringLiteral("run-1"));
    }

    void defaultTransportIsSshHost()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        HostTreeModel model;
        ConnectionManager manager(paths, &inventory, &model);
        SavedHost h;
        h.endpoint.host = QStringLiteral("127.0.0.1");
        h.endpoint.port = 1;
        const QString id = manager.saveHost(h);
        SshHost* ssh = manager.sshHost(id);
        QVERIFY(ssh);
        QCOMPARE(ssh->options().appKnownHostsFile, paths.appKnownHostsFile());
        QCOMPARE(ssh->options().userKnownHostsFile, paths.userKnownHostsFile());
        // Tests and the app never read a config file other than the one AppPaths names.
        QCOMPARE(ssh->endpoint().sshConfigFile, paths.userSshConfigFile());
        QCOMPARE(model.hostState(id), HostState::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestConnectionManager)
#include "tst_connectionmanager.moc"
