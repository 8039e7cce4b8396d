#include "ConnectionManager.h"
#include "FakeRemoteHost.h"
#include "SshHost.h"

#include <QFile>
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
        ConnectionManager manager(paths, &inventory);
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
        QVERIFY(manager.hasHost(id));
        QCOMPARE(manager.hostLabel(id), QStringLiteral("xs-01"));
        QCOMPARE(manager.endpointText(id), QStringLiteral("root@xs-01"));
        QCOMPARE(inventory.hosts().size(), 1);

        // Saving the same endpoint again updates, it does not duplicate.
        h.label = QStringLiteral("master");
        QCOMPARE(manager.saveHost(h), id);
        QCOMPARE(inventory.hosts().size(), 1);
        QCOMPARE(created.count(), 1); // same transport settings: same transport
        QCOMPARE(manager.hostLabel(id), QStringLiteral("master"));

        manager.connectHost(id);
        QCOMPARE(made.value(QStringLiteral("xs-01"))->connectCalls, 1);
        QCOMPARE(manager.hostState(id), HostState::Connecting);
        made.value(QStringLiteral("xs-01"))->force(HostState::Connected);
        QCOMPARE(manager.hostState(id), HostState::Connected);
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
        QVERIFY(!manager.hasHost(id));
        QCOMPARE(manager.hostIds(), QStringList{other});
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

        ConnectionManager manager(paths, &inventory);
        QHash<QString, FakeRemoteHost*> made;
        manager.setHostFactory([&](const SavedHost& saved, const SshOptions&) {
            auto* host = new FakeRemoteHost(saved.endpoint.host);
            made.insert(saved.endpoint.host, host);
            return host;
        });
        manager.loadInventory(true);
        QCOMPARE(manager.hostIds().size(), 2);
        QCOMPARE(made.value(QStringLiteral("a"))->connectCalls, 1);
        QCOMPARE(made.value(QStringLiteral("b"))->connectCalls, 0);
    }

    void defaultTransportIsSshHost()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        ConnectionManager manager(paths, &inventory);
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
        QCOMPARE(manager.hostState(id), HostState::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestConnectionManager)
#include "tst_connectionmanager.moc"
