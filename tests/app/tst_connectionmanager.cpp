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

    // A network failure is retried with back-off; a changed host key or a refused login is
    // not (the same key or credentials would be refused again), and the message says why.
    void stopsRetryingOnKeyOrLoginRefusal_data()
    {
        QTest::addColumn<FailureKind>("kind");
        QTest::addColumn<QString>("why");
        QTest::newRow("key changed") << FailureKind::HostKeyChanged << QStringLiteral("host's key changed");
        QTest::newRow("key rejected") << FailureKind::HostKeyRejected << QStringLiteral("key was not accepted");
        QTest::newRow("login refused") << FailureKind::LoginRefused << QStringLiteral("login was refused");
        QTest::newRow("login cancelled") << FailureKind::LoginCancelled << QStringLiteral("login was cancelled");
    }
    void stopsRetryingOnKeyOrLoginRefusal()
    {
        QFETCH(FailureKind, kind);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        ConnectionManager manager(paths, &inventory);
        FakeRemoteHost* fake = nullptr;
        manager.setHostFactory([&](const SavedHost& saved, const SshOptions&) {
            fake = new FakeRemoteHost(saved.endpoint.host);
            return fake;
        });
        manager.setReconnectDelays(20, 40);
        SavedHost h;
        h.endpoint.host = QStringLiteral("xs-01");
        const QString id = manager.saveHost(h);
        QVERIFY(fake);
        QSignalSpy scheduled(&manager, &ConnectionManager::reconnectScheduled);
        QSignalSpy stateSpy(&manager, &ConnectionManager::hostStateChanged);

        manager.connectHost(id);
        fake->force(HostState::Connected);
        fake->force(HostState::Lost, QStringLiteral("Connection lost"));
        QCOMPARE(scheduled.count(), 1);
        QTRY_COMPARE(fake->connectCalls, 2);
        // The retry fails on the network: retried again.
        fake->force(HostState::Failed, QStringLiteral("No route to host"));
        QCOMPARE(scheduled.count(), 2);
        QTRY_COMPARE(fake->connectCalls, 3);

        // The retry meets a refusal: no further retry, and the message says why.
        fake->force(HostState::Failed, QStringLiteral("Refused."), kind);
        QCOMPARE(scheduled.count(), 2);
        QCOMPARE(manager.reconnectDelayMs(id), 0);
        const QString message = stateSpy.last().at(2).toString();
        qInfo().noquote() << "state message:" << message;
        QVERIFY2(message.startsWith(QStringLiteral("Refused. ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("stopped reconnecting")), qPrintable(message));
        QVERIFY2(message.contains(why), qPrintable(message));
        QCOMPARE(manager.hostStateMessage(id), message);
        QTest::qWait(150); // several times the longest back-off
        QCOMPARE(fake->connectCalls, 3);
        QCOMPARE(scheduled.count(), 2);

        // The admin tries again: a later network loss is retried as before.
        manager.connectHost(id);
        fake->force(HostState::Connected);
        QVERIFY(!manager.hostStateMessage(id).contains(QStringLiteral("stopped reconnecting")));
        fake->force(HostState::Lost, QStringLiteral("Connection lost"));
        QCOMPARE(scheduled.count(), 3);
        QTRY_COMPARE(fake->connectCalls, 5);
    }

    // Hosts that drop together do not come back in lockstep: each delay is the back-off ±20 %.
    void reconnectDelaysAreJittered()
    {
        QTemporaryDir dir;
        const AppPaths paths = pathsIn(dir);
        Inventory inventory(paths.settingsFile());
        ConnectionManager manager(paths, &inventory);
        QList<FakeRemoteHost*> made;
        manager.setHostFactory([&](const SavedHost& saved, const SshOptions&) {
            made.append(new FakeRemoteHost(saved.endpoint.host));
            return made.last();
        });
        manager.setReconnectDelays(10000, 60000);
        QSet<int> delays;
        for (int i = 0; i < 20; ++i) {
            SavedHost h;
            h.endpoint.host = QStringLiteral("xs-%1").arg(i);
            const QString id = manager.saveHost(h);
            manager.connectHost(id);
            made.last()->force(HostState::Connected);
            made.last()->force(HostState::Lost, QStringLiteral("Connection lost"));
            const int delay = manager.reconnectDelayMs(id);
            QVERIFY2(delay >= 8000 && delay <= 12000, qPrintable(QString::number(delay)));
            delays.insert(delay);
        }
        qInfo() << "20 hosts lost at once reconnect after" << delays.size() << "different delays";
        QVERIFY(delays.size() > 1);
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
