#include "CredentialStore.h"
#include "HostWait.h"
#include "KeychainTestSupport.h"
#include "SshHost.h"
#include "SshdHarness.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace xr;
using namespace xr::test;
using xr::test::SshdHarness;
using xr::test::SshdOptions;

// The credential store against a real Secret Service (gnome-keyring in a private D-Bus
// session, started by scripts/test), and the password flow of SshHost on top of it.
class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        CredentialStore store;
        const QString key = QStringLiteral("password:test-%1@host:22").arg(QUuid::createUuid().toString(QUuid::Id128));
        const QString secret = QStringLiteral("s3cr3t-%1").arg(QUuid::createUuid().toString(QUuid::Id128));

        ReadOutcome before = readNow(store, key);
        QVERIFY(before.done);
        QVERIFY(!before.ok);
        QVERIFY2(before.code == CredentialStore::ErrorCode::NotFound,
                 qPrintable(QStringLiteral("Expected 'not found' from a running Secret Service, got: ") + before.error +
                            QStringLiteral(" (scripts/test starts gnome-keyring in a private D-Bus session)")));

        const Result<void> written = writeNow(store, key, secret);
        QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
        const ReadOutcome after = readNow(store, key);
        QVERIFY2(after.ok, qPrintable(after.error));
        QCOMPARE(after.value, secret);

        QVERIFY(removeNow(store, key).ok());
        const ReadOutcome gone = readNow(store, key);
        QVERIFY(!gone.ok);
        QCOMPARE(gone.code, CredentialStore::ErrorCode::NotFound);
    }

    void rememberedPasswordIsUsedAndNeverWrittenInPlainText()
    {
        QTemporaryDir tmp;
        SshdOptions so;
        so.passwordAuth = true;
        so.password = QStringLiteral("pw-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        SshdHarness sshd(so);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));

        SshEndpoint e;
        e.host = sshd.host();
        e.port = sshd.port();
        e.user = sshd.user();
        e.auth = AuthMethod::Password;
        e.sshConfigFile = QStringLiteral("none");
        SshOptions o;
        o.appKnownHostsFile = tmp.filePath(QStringLiteral("known_hosts"));
        o.userKnownHostsFile = sshd.knownHostsPath();
        o.useKeychain = true;

        // Make sure nothing is left from an earlier run.
        CredentialStore store;
        QVERIFY(removeNow(store, CredentialStore::passwordKey(e.key())).ok());

        {
            SshHost host(e, o);
            int asked = 0;
            connect(&host, &SshHost::credentialsRequested, &host, [&](const CredentialRequest& req) {
                ++asked;
                QCOMPARE(req.kind, CredentialRequest::Kind::Password);
                QVERIFY(req.keychainNote.isEmpty());
                host.provideCredentials({sshd.password()}, true);
            });
            host.connectToHost();
            QVERIFY(waitConnected(host, 30000));
            QCOMPARE(asked, 1);
        }
        // The keychain now holds it (written after the server accepted it). qWaitFor, not
        // QTRY_*: its deadline is real time, however long each read takes.
        QVERIFY(QTest::qWaitFor([&] { return readNow(store, CredentialStore::passwordKey(e.key())).ok; }, 10000));

        {
            SshHost host(e, o);
            QSignalSpy asked(&host, &SshHost::credentialsRequested);
            host.connectToHost();
            QVERIFY(waitConnected(host, 30000));
            QCOMPARE(asked.count(), 0); // answered from the keychain
        }

        // A stale keychain entry is not retried forever: the user is asked, told it failed.
        QVERIFY(writeNow(store, CredentialStore::passwordKey(e.key()), QStringLiteral("stale-password")).ok());
        {
            SshHost host(e, o);
            QList<CredentialRequest> requests;
            connect(&host, &SshHost::credentialsRequested, &host, [&](const CredentialRequest& req) {
                requests << req;
                host.provideCredentials({sshd.password()}, false);
            });
            host.connectToHost();
            QVERIFY(waitConnected(host, 30000));
            QCOMPARE(requests.size(), 1);
            QVERIFY(requests.first().previousFailed);
        }
        QVERIFY(removeNow(store, CredentialStore::passwordKey(e.key())).ok());

        // No secret in any file this test process could have written: settings, app data,
        // known_hosts, logs, the temporary HOME.
        QStringList dirs{tmp.path(), QDir::homePath(),
                         QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                         QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                         QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)};
        for (const QString& d : std::as_const(dirs)) {
            if (d.isEmpty() || !QDir(d).exists())
                continue;
            const QStringList hits = filesContaining(d, sshd.password());
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
