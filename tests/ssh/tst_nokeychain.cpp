#include "CredentialStore.h"
#include "SshHost.h"
#include "SshdHarness.h"

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace xr;
using xr::test::SshdHarness;
using xr::test::SshdOptions;

// The case of no keychain at all (ctest runs this with no reachable D-Bus session): no
// plaintext fallback, and the user is told why they are asked each time.
class TestNoKeychain final : public QObject
{
    Q_OBJECT

private:
    struct ReadOutcome
    {
        bool done = false;
        bool ok = false;
        QString value;
        QString error;
        CredentialStore::ErrorCode code = CredentialStore::ErrorCode::NotFound;
    };

    static ReadOutcome readNow(CredentialStore& store, const QString& key)
    {
        ReadOutcome out;
        store.read(key, [&out](const Result<QString>& r, CredentialStore::ErrorCode code) {
            out.done = true;
            out.ok = r.ok();
            out.value = r.ok() ? r.value() : QString();
            out.error = r.errorMessage();
            out.code = code;
        });
        QDeadlineTimer deadline(20000);
        while (!out.done && !deadline.hasExpired())
            QTest::qWait(10);
        return out;
    }

    static Result<bool> writeNow(CredentialStore& store, const QString& key, const QString& value)
    {
        std::optional<Result<bool>> out;
        store.write(key, value, [&out](const Result<bool>& r) { out = r; });
        QDeadlineTimer deadline(20000);
        while (!out && !deadline.hasExpired())
            QTest::qWait(10);
        return out.value_or(Result<bool>::failure(QStringLiteral("test: no answer from the keychain")));
    }

    static Result<bool> removeNow(CredentialStore& store, const QString& key)
    {
        std::optional<Result<bool>> out;
        store.remove(key, [&out](const Result<bool>& r) { out = r; });
        QDeadlineTimer deadline(20000);
        while (!out && !deadline.hasExpired())
            QTest::qWait(10);
        return out.value_or(Result<bool>::failure(QStringLiteral("test: no answer from the keychain")));
    }

    static bool waitFor(const std::function<bool()>& cond, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!cond() && !deadline.hasExpired())
            QTest::qWait(20);
        return cond();
    }

    // Every file under dir whose bytes contain secret.
    static QStringList filesContaining(const QString& dir, const QString& secret)
    {
        QStringList hits;
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/keyrings/")))
                continue; // the keychain's own encrypted store
            QFile f(path);
            if (f.size() > 64 * 1024 * 1024 || !f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray data = f.readAll();
            if (data.contains(secret.toUtf8()) || data.contains(secret.toUtf8().toBase64()))
                hits << path;
        }
        return hits;
    }

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
        const Result<bool> w = writeNow(store, QStringLiteral("password:nobody@nowhere:22"), QStringLiteral("x"));
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
        QVERIFY(
            waitFor([&] { return host.state() == HostState::Connected || host.state() == HostState::Failed; }, 30000));
        QCOMPARE(host.state(), HostState::Connected);
        QCOMPARE(requests.size(), 1);
        QVERIFY(!requests.first().keychainNote.isEmpty());
        QVERIFY(problem.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
