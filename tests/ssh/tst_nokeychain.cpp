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

// The case of no keychain at all (ctest runs this with no reachable D-Bus session): no
// plaintext fallback, and the user is told why they are asked each time.
class TestNoKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void noKeychainIsReportedNotFakedAway()
    {
        CredentialStore store;
        const ReadOutcome r = readNow(store, QStringLiteral("password:nobody@nowhere:22"));
        QVERIFY(r.done);
        QVERIFY(!r.ok);
        QVERIFY2(r.code == CredentialStore::ErrorCode::NoKeychain, qPrintable(r.error));
        QVERIFY(!r.error.isEmpty());
        const Result<void> w = writeNow(store, QStringLiteral("password:nobody@nowhere:22"), QStringLiteral("x"));
        QVERIFY(!w.ok()); // no plaintext fallback

        // SshHost tells the user why it asks.
        SshdOptions so;
        so.passwordAuth = true;
        SshdHarness sshd(so);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        QTemporaryDir tmp;
        SshEndpoint e;
        e.host = sshd.host();
        e.port = sshd.port();
        e.user = sshd.user();
        e.auth = AuthMethod::Password;
        e.sshConfigFile = QStringLiteral("none");
        SshOptions o;
        o.appKnownHostsFile = tmp.filePath(QStringLiteral("known_hosts"));
        o.userKnownHostsFile = sshd.knownHostsPath();
        SshHost host(e, o);
        QList<CredentialRequest> requests;
        QSignalSpy problem(&host, &SshHost::keychainProblem);
        connect(&host, &SshHost::credentialsRequested, &host, [&](const CredentialRequest& req) {
            requests << req;
            host.provideCredentials({sshd.password()}, true);
        });
        host.connectToHost();
        QVERIFY(waitConnected(host, 30000));
        QCOMPARE(requests.size(), 1);
        QVERIFY(!requests.first().keychainNote.isEmpty());
        QVERIFY(problem.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
