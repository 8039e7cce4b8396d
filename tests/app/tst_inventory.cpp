#include "AppPaths.h"
#include "Inventory.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;

class TestInventory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("xenrescue.ini"));

        SavedHost a;
        a.label = QStringLiteral("pool master");
        a.endpoint.host = QStringLiteral("xs-01.example.com");
        a.endpoint.port = 2222;
        a.endpoint.user = QStringLiteral("root");
        a.endpoint.auth = AuthMethod::KeyFile;
        a.endpoint.identityFile = QStringLiteral("/home/admin/.ssh/id_ed25519");
        a.connectOnStart = true;
        a.rememberSecrets = true;
        SavedHost b;
        b.endpoint.host = QStringLiteral("old-xen");
        b.endpoint.auth = AuthMethod::KeyboardInteractive;

        QString idA;
        QString idB;
        {
            Inventory inventory(file);
            QSignalSpy added(&inventory, &Inventory::hostAdded);
            idA = inventory.add(a);
            idB = inventory.add(b);
            QCOMPARE(added.count(), 2);
            QVERIFY(!idA.isEmpty());
            QVERIFY(idA != idB);
        }

        Inventory reread(file);
        const QList<SavedHost> hosts = reread.hosts();
        QCOMPARE(hosts.size(), 2);
        // Sorted by what the tree shows: "old-xen" < "pool master".
        QCOMPARE(hosts.at(0).id, idB);
        QCOMPARE(hosts.at(1).id, idA);

        SavedHost expectedA = a;
        expectedA.id = idA;
        QCOMPARE(hosts.at(1), expectedA);
        QCOMPARE(hosts.at(0).endpoint.port, 22); // defaulted
        QCOMPARE(hosts.at(0).endpoint.auth, AuthMethod::KeyboardInteractive);
        QCOMPARE(hosts.at(0).displayLabel(), QStringLiteral("old-xen"));

        // find() matches host (case-insensitively), port and user.
        SshEndpoint probe = a.endpoint;
        probe.host = QStringLiteral("XS-01.example.com");
        QCOMPARE(reread.find(probe)->id, idA);
        probe.port = 22;
        QVERIFY(!reread.find(probe));

        // update and remove
        SavedHost changed = *reread.host(idA);
        changed.endpoint.user = QStringLiteral("admin");
        QSignalSpy changedSpy(&reread, &Inventory::hostChanged);
        QVERIFY(reread.update(changed));
        QCOMPARE(changedSpy.count(), 1);
        QCOMPARE(Inventory(file).host(idA)->endpoint.user, QStringLiteral("admin"));

        SavedHost unknown = changed;
        unknown.id = QStringLiteral("nope");
        QVERIFY(!reread.update(unknown));

        QSignalSpy removed(&reread, &Inventory::hostRemoved);
        QVERIFY(reread.remove(idB));
        QVERIFY(!reread.remove(idB));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(Inventory(file).hosts().size(), 1);
    }

    void authMethodKeys()
    {
        for (AuthMethod m : {AuthMethod::Auto, AuthMethod::Agent, AuthMethod::KeyFile, AuthMethod::Password,
                             AuthMethod::KeyboardInteractive})
            QCOMPARE(Inventory::authMethodFromKey(Inventory::authMethodKey(m)), m);
        QCOMPARE(Inventory::authMethodFromKey(QStringLiteral("garbage")), AuthMethod::Auto);
    }

    void noSecretInSettings()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("xenrescue.ini"));
        Inventory inventory(file);
        SavedHost h;
        h.endpoint.host = QStringLiteral("xs-02");
        h.endpoint.user = QStringLiteral("root");
        h.endpoint.auth = AuthMethod::Password;
        h.rememberSecrets = true;
        inventory.add(h);

        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        // Only these keys may ever be written; none of them can hold a secret.
        const QSet<QByteArray> allowed = {"label", "host",         "port",           "user",
                                          "auth",  "identityFile", "connectOnStart", "rememberInKeychain"};
        int keys = 0;
        for (const QByteArray& line : lines) {
            if (line.isEmpty() || line.startsWith('['))
                continue;
            const QByteArray key = line.left(line.indexOf('=')).split('\\').last();
            QVERIFY2(allowed.contains(key), line.constData());
            QVERIFY2(!line.toLower().contains("pass") || key == "auth", line.constData());
            ++keys;
        }
        QCOMPARE(keys, int(allowed.size()));
    }

    void paths()
    {
        const AppPaths standard = AppPaths::standard();
        QVERIFY(standard.appKnownHostsFile().endsWith(QStringLiteral("/known_hosts")));
        QVERIFY(standard.auditLogFile().endsWith(QStringLiteral("/audit.jsonl")));
        QVERIFY(standard.userKnownHostsFile().endsWith(QStringLiteral(".ssh/known_hosts")));
        QVERIFY(standard.userSshConfigFile().endsWith(QStringLiteral(".ssh/config")));
        // Test mode keeps us out of the user's real folders.
        QVERIFY2(standard.dataDir().contains(QStringLiteral("qttest")), qPrintable(standard.dataDir()));

        QTemporaryDir dir;
        const AppPaths paths(dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                             dir.filePath(QStringLiteral("ssh")));
        QVERIFY(paths.ensureDirectories());
        QVERIFY(QFileInfo(paths.dataDir()).isDir());
        const SshOptions options = paths.sshOptions();
        QCOMPARE(options.appKnownHostsFile, dir.filePath(QStringLiteral("data/known_hosts")));
        QCOMPARE(options.userKnownHostsFile, dir.filePath(QStringLiteral("ssh/known_hosts")));
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
