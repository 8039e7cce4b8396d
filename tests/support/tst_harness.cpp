// Self-test of the SSH test harness: every claim other SSH tests rely on, checked with the real
// OpenSSH client against the real sshd the harness starts.
#include "ProcessResult.h"
#include "ProcessTable.h"
#include "SshAgent.h"
#include "SshdHarness.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace xr::test;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// ssh [leading options] <harness options> root@127.0.0.1 command
ProcessResult runSsh(const SshdHarness& harness, const QStringList& leading, bool withClientKey, const QString& command,
                     const QProcessEnvironment& env = sshClientEnvironment())
{
    const QStringList args = leading + harness.sshOptions(withClientKey) + QStringList{harness.destination(), command};
    return runProcess(QStringLiteral("ssh"), args, 30000, env);
}

bool portAcceptsConnections(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    const bool connected = socket.waitForConnected(3000);
    socket.abort();
    return connected;
}

} // namespace

class HarnessTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freeLocalPortIsBindable();
    void startAndStop();
    void keyLoginWithStrictKnownHosts();
    void fingerprintIsSha256OfHostKey();
    void passwordLoginInOwnNamespace();
    void setupScriptRunsInNamespace();
    void extraConfigSetEnvIsMerged();
    void restartChangesHostKey();
    void killConnectionsEndsRunningCommand();
    void serverProcessesAndStop_data();
    void serverProcessesAndStop();
    void agentLogin();
    void passphraseKey();
    void writeFile();
};

void HarnessTest::freeLocalPortIsBindable()
{
    const int port = freeLocalPort();
    QVERIFY(port > 1024);
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, static_cast<quint16>(port)), qPrintable(server.errorString()));
}

void HarnessTest::startAndStop()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    QVERIFY(harness.isRunning());
    QVERIFY(harness.port() > 0);
    QCOMPARE(harness.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(harness.user(), QStringLiteral("root"));
    QVERIFY(QFileInfo(harness.dir()).isDir());
    QVERIFY(harness.errorString().isEmpty());
    QVERIFY(harness.hostKeyFingerprint().startsWith(QLatin1String("SHA256:")));
    QVERIFY2(harness.knownHostsLine().startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 AAAA").arg(harness.port())),
             qPrintable(harness.knownHostsLine()));
    QVERIFY(portAcceptsConnections(harness.port()));
    QVERIFY(harness.sshdLog().contains(QLatin1String("Server listening on 127.0.0.1 port")));
    const QString config = QString::fromUtf8(readFile(harness.configPath()));
    QVERIFY(config.contains(QLatin1String("\nSubsystem sftp internal-sftp\n")));
    QVERIFY(config.contains(QLatin1String("\nPasswordAuthentication no\n")));

    // A second harness at the same time gets its own port and host key.
    SshdHarness other;
    QVERIFY2(other.start(), qPrintable(other.errorString()));
    QVERIFY(other.port() != harness.port());
    QVERIFY(other.hostKeyFingerprint() != harness.hostKeyFingerprint());

    const qint64 pid = harness.sshdPid();
    QVERIFY(ProcessTable::isAlive(pid));
    harness.stop();
    QVERIFY(!harness.isRunning());
    QVERIFY(!ProcessTable::isAlive(pid));
    QVERIFY(!portAcceptsConnections(harness.port()));
    QVERIFY(portAcceptsConnections(other.port()));

    // The destructor alone stops sshd and removes the temp dir.
    auto scoped = std::make_unique<SshdHarness>();
    QVERIFY2(scoped->start(), qPrintable(scoped->errorString()));
    const qint64 scopedPid = scoped->sshdPid();
    const QString scopedDir = scoped->dir();
    QVERIFY(ProcessTable::isAlive(scopedPid));
    scoped.reset();
    QVERIFY(!ProcessTable::isAlive(scopedPid));
    QVERIFY(!QFileInfo::exists(scopedDir));
}

void HarnessTest::keyLoginWithStrictKnownHosts()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));

    // The exact command line of the brief, with known_hosts holding knownHostsLine() only.
    const QString knownHosts =
        harness.writeFile(QStringLiteral("client/known_hosts"), harness.knownHostsLine().toUtf8() + '\n');
    QVERIFY(!knownHosts.isEmpty());
    const QStringList args{QStringLiteral("-F"),
                           QStringLiteral("/dev/null"),
                           QStringLiteral("-i"),
                           harness.clientKeyPath(),
                           QStringLiteral("-p"),
                           QString::number(harness.port()),
                           QStringLiteral("-o"),
                           QStringLiteral("BatchMode=yes"),
                           QStringLiteral("-o"),
                           QStringLiteral("IdentitiesOnly=yes"),
                           QStringLiteral("-o"),
                           QStringLiteral("StrictHostKeyChecking=yes"),
                           QStringLiteral("-o"),
                           QStringLiteral("GlobalKnownHostsFile=/dev/null"),
                           QStringLiteral("-o"),
                           QStringLiteral("UserKnownHostsFile=") + knownHosts,
                           QStringLiteral("root@127.0.0.1"),
                           QStringLiteral("echo hi")};
    const ProcessResult ok = runProcess(QStringLiteral("ssh"), args, 30000, sshClientEnvironment());
    QVERIFY2(ok.ok(), qPrintable(ok.describe() + harness.sshdLog()));
    QCOMPARE(ok.standardOutput, QByteArray("hi\n"));
    QVERIFY(harness.sshdLog().contains(QLatin1String("Accepted publickey for root")));

    // The convenience options say the same.
    const ProcessResult viaOptions = runSsh(harness, {}, true, QStringLiteral("echo hi; echo err >&2; exit 3"));
    QCOMPARE(viaOptions.exitCode, 3);
    QCOMPARE(viaOptions.standardOutput, QByteArray("hi\n"));
    QCOMPARE(viaOptions.standardError, QByteArray("err\n"));

    // The check is real: a known_hosts with another key for this port is refused.
    QTemporaryDir other;
    QVERIFY(other.isValid());
    QVERIFY(runProcess(QStringLiteral("ssh-keygen"),
                       {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                        QString(), QStringLiteral("-f"), other.path() + QStringLiteral("/k")})
                .ok());
    const QStringList otherKey =
        QString::fromUtf8(readFile(other.path() + QStringLiteral("/k.pub"))).split(QLatin1Char(' '));
    QVERIFY(otherKey.size() >= 2);
    harness.writeFile(
        QStringLiteral("client/known_hosts"),
        QStringLiteral("[127.0.0.1]:%1 %2 %3\n").arg(harness.port()).arg(otherKey.at(0), otherKey.at(1)).toUtf8());
    const ProcessResult refused = runProcess(QStringLiteral("ssh"), args, 30000, sshClientEnvironment());
    QCOMPARE(refused.exitCode, 255);
    QVERIFY2(refused.standardError.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"),
             refused.standardError.constData());
    QVERIFY(refused.standardOutput.isEmpty());

    // And an unknown host is refused under StrictHostKeyChecking=yes.
    harness.writeFile(QStringLiteral("client/known_hosts"), QByteArray());
    const ProcessResult unknown = runProcess(QStringLiteral("ssh"), args, 30000, sshClientEnvironment());
    QCOMPARE(unknown.exitCode, 255);
    QVERIFY(unknown.standardError.contains("Host key verification failed"));
}

void HarnessTest::fingerprintIsSha256OfHostKey()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const QStringList fields = harness.knownHostsLine().split(QLatin1Char(' '));
    QCOMPARE(fields.size(), 3);
    const QByteArray blob = QByteArray::fromBase64(fields.at(2).toLatin1());
    QVERIFY(!blob.isEmpty());
    const QByteArray digest = QCryptographicHash::hash(blob, QCryptographicHash::Sha256)
                                  .toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(harness.hostKeyFingerprint(), QStringLiteral("SHA256:") + QString::fromLatin1(digest));

    // What the server presents is that key (ssh-keyscan asks the running sshd).
    const ProcessResult scan =
        runProcess(QStringLiteral("ssh-keyscan"), {QStringLiteral("-p"), QString::number(harness.port()),
                                                   QStringLiteral("-t"), QStringLiteral("ed25519"), harness.host()});
    QVERIFY2(scan.ok(), qPrintable(scan.describe()));
    QVERIFY2(QString::fromUtf8(scan.standardOutput).trimmed() == harness.knownHostsLine(),
             qPrintable(QString::fromUtf8(scan.standardOutput)));
}

void HarnessTest::passwordLoginInOwnNamespace()
{
    const QByteArray shadowBefore = readFile(QStringLiteral("/etc/shadow"));
    QVERIFY(!shadowBefore.isEmpty());

    SshdOptions options;
    options.passwordAuth = true;
    options.password = QStringLiteral("pw with 'quotes' $and spaces");
    SshdHarness harness(options);
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    QCOMPARE(harness.password(), options.password);
    QVERIFY(!ProcessTable::mountNamespace(harness.sshdPid()).isEmpty());
    QVERIFY(ProcessTable::mountNamespace(harness.sshdPid()) != ProcessTable::mountNamespace(ProcessTable::selfPid()));

    const QString goodAskpass = writeAskpassScript(harness.dir(), harness.password(), false);
    const QString badAskpass = writeAskpassScript(harness.dir(), QStringLiteral("wrong"), false);
    QVERIFY(!goodAskpass.isEmpty());
    const QStringList interactive{QStringLiteral("-o"), QStringLiteral("BatchMode=no"),
                                  QStringLiteral("-o"), QStringLiteral("PubkeyAuthentication=no"),
                                  QStringLiteral("-o"), QStringLiteral("NumberOfPasswordPrompts=1")};
    for (const QString& method : {QStringLiteral("password"), QStringLiteral("keyboard-interactive")}) {
        const QStringList leading =
            interactive + QStringList{QStringLiteral("-o"), QStringLiteral("PreferredAuthentications=") + method};
        const ProcessResult good = runSsh(harness, leading, false, QStringLiteral("echo hi"),
                                          withAskpass(sshClientEnvironment(), goodAskpass));
        QVERIFY2(good.ok(), qPrintable(method + QLatin1Char(' ') + good.describe() + harness.sshdLog()));
        QCOMPARE(good.standardOutput, QByteArray("hi\n"));
        const ProcessResult bad =
            runSsh(harness, leading, false, QStringLiteral("echo hi"), withAskpass(sshClientEnvironment(), badAskpass));
        QCOMPARE(bad.exitCode, 255);
        QVERIFY(bad.standardOutput.isEmpty());
    }
    QVERIFY(harness.sshdLog().contains(QLatin1String("Accepted password for root")));
    QVERIFY(harness.sshdLog().contains(QLatin1String("Accepted keyboard-interactive/pam for root")));
    // Keys still work in password mode (PAM account stack included).
    const ProcessResult key = runSsh(harness, {}, true, QStringLiteral("echo key"));
    QVERIFY2(key.ok(), qPrintable(key.describe()));

    // The password lives only in the namespace's view: the machine's /etc/shadow is untouched.
    QCOMPARE(readFile(QStringLiteral("/etc/shadow")), shadowBefore);
    const QByteArray hash = readFile(harness.dir() + QStringLiteral("/root.hash")).trimmed();
    QVERIFY(hash.startsWith("$6$"));
    QVERIFY(!shadowBefore.contains(hash));
    harness.stop();
    QCOMPARE(readFile(QStringLiteral("/etc/shadow")), shadowBefore);
}

void HarnessTest::setupScriptRunsInNamespace()
{
    QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/xr-lab-marker")));
    SshdOptions options;
    options.passwordAuth = true; // its /etc/shadow bind mount must survive the overlay below
    options.setupScript =
        QStringLiteral("mkdir -p \"$XR_SSHD_DIR/etc-upper\" \"$XR_SSHD_DIR/etc-work\"\n"
                       "echo lab > \"$XR_SSHD_DIR/etc-upper/xr-lab-marker\"\n"
                       "mount -t overlay overlay -o "
                       "lowerdir=/etc,upperdir=\"$XR_SSHD_DIR/etc-upper\",workdir=\"$XR_SSHD_DIR/etc-work\" "
                       "/etc\n");
    SshdHarness harness(options);
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const ProcessResult cat = runSsh(harness, {}, true, QStringLiteral("cat /etc/xr-lab-marker"));
    QVERIFY2(cat.ok(), qPrintable(cat.describe()));
    QCOMPARE(cat.standardOutput, QByteArray("lab\n"));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/xr-lab-marker")));

    const QString askpass = writeAskpassScript(harness.dir(), harness.password(), false);
    const ProcessResult pw = runSsh(harness,
                                    {QStringLiteral("-o"), QStringLiteral("BatchMode=no"), QStringLiteral("-o"),
                                     QStringLiteral("PubkeyAuthentication=no"), QStringLiteral("-o"),
                                     QStringLiteral("PreferredAuthentications=password")},
                                    false, QStringLiteral("echo pw"), withAskpass(sshClientEnvironment(), askpass));
    QVERIFY2(pw.ok(), qPrintable(pw.describe() + harness.sshdLog()));

    // A failing setup script fails start() with the reason.
    SshdOptions broken;
    broken.setupScript = QStringLiteral("echo setup-went-wrong >&2\nfalse\n");
    SshdHarness failing(broken);
    QVERIFY(!failing.start());
    QVERIFY2(failing.errorString().contains(QLatin1String("setup-went-wrong")), qPrintable(failing.errorString()));
}

void HarnessTest::extraConfigSetEnvIsMerged()
{
    SshdOptions options;
    options.extraConfig = {QStringLiteral("SetEnv XR_A=one"), QStringLiteral("SetEnv XR_B=two"),
                           QStringLiteral("MaxSessions 7"), QStringLiteral("Match User nobody"),
                           QStringLiteral("    PermitTTY no")};
    SshdHarness harness(options);
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const ProcessResult env = runSsh(harness, {}, true, QStringLiteral("echo $XR_A-$XR_B-$XR_SSHD_HARNESS-$HOME"));
    QVERIFY2(env.ok(), qPrintable(env.describe()));
    QCOMPARE(QString::fromUtf8(env.standardOutput),
             QStringLiteral("one-two-%1-%2\n").arg(harness.instanceId(), harness.homePath()));
    const QString config = QString::fromUtf8(readFile(harness.configPath()));
    QVERIFY(config.contains(QLatin1String("\nMaxSessions 7\n")));
    QVERIFY(!config.contains(QLatin1String("MaxSessions 100")));

    SshdOptions bad;
    bad.extraConfig = {QStringLiteral("NoSuchKeyword yes")};
    SshdHarness rejected(bad);
    QVERIFY(!rejected.start());
    QVERIFY2(rejected.errorString().contains(QLatin1String("NoSuchKeyword")), qPrintable(rejected.errorString()));
}

void HarnessTest::restartChangesHostKey()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const int port = harness.port();
    const QString firstFingerprint = harness.hostKeyFingerprint();
    const QString firstLine = harness.knownHostsLine();

    QVERIFY2(harness.restart(false), qPrintable(harness.errorString()));
    QCOMPARE(harness.port(), port);
    QCOMPARE(harness.hostKeyFingerprint(), firstFingerprint);
    QVERIFY(runSsh(harness, {}, true, QStringLiteral("true")).ok());

    QVERIFY2(harness.restart(true), qPrintable(harness.errorString()));
    QCOMPARE(harness.port(), port);
    QVERIFY(harness.hostKeyFingerprint().startsWith(QLatin1String("SHA256:")));
    QVERIFY(harness.hostKeyFingerprint() != firstFingerprint);
    QVERIFY(harness.knownHostsLine() != firstLine);

    // knownHostsPath() follows the new key; the old line is now refused as a changed key.
    const ProcessResult fresh = runSsh(harness, {}, true, QStringLiteral("echo new"));
    QVERIFY2(fresh.ok(), qPrintable(fresh.describe()));
    harness.writeFile(QStringLiteral("old_known_hosts"), firstLine.toUtf8() + '\n');
    const ProcessResult stale = runSsh(harness,
                                       {QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + harness.dir() +
                                                                  QStringLiteral("/old_known_hosts")},
                                       true, QStringLiteral("echo stale"));
    QCOMPARE(stale.exitCode, 255);
    QVERIFY(stale.standardError.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"));
}

void HarnessTest::killConnectionsEndsRunningCommand()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const qint64 listener = harness.sshdPid();

    QProcess client;
    client.setProcessEnvironment(sshClientEnvironment());
    client.start(QStringLiteral("ssh"),
                 harness.sshOptions() + QStringList{harness.destination(), QStringLiteral("sleep 30")});
    QVERIFY(client.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!harness.serverProcessesMatching(QStringLiteral("sleep 30")).isEmpty(), 15000);
    const QList<qint64> sleeps = harness.serverProcessesMatching(QStringLiteral("sleep 30"));

    harness.killConnections();
    QVERIFY(client.waitForFinished(10000)); // well before the 30 s the command would take
    QCOMPARE(client.exitCode(), 255);
    for (const qint64 pid : sleeps) {
        QVERIFY(!ProcessTable::isAlive(pid));
    }
    QVERIFY(harness.serverProcessesMatching(QStringLiteral("sleep 30")).isEmpty());

    // The listener stays and takes new connections.
    QVERIFY(harness.isRunning());
    QCOMPARE(harness.sshdPid(), listener);
    QVERIFY(ProcessTable::isAlive(listener));
    const ProcessResult again = runSsh(harness, {}, true, QStringLiteral("echo again"));
    QVERIFY2(again.ok(), qPrintable(again.describe()));
}

void HarnessTest::serverProcessesAndStop_data()
{
    QTest::addColumn<bool>("ownNamespace");
    QTest::newRow("plain") << false;
    QTest::newRow("mount namespace") << true;
}

void HarnessTest::serverProcessesAndStop()
{
    QFETCH(bool, ownNamespace);
    SshdOptions options;
    options.ownMountNamespace = ownNamespace;
    SshdHarness harness(options);
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    const qint64 listener = harness.sshdPid();
    QStringList found;
    for (const qint64 pid : harness.serverProcesses()) {
        found.append(QStringLiteral("%1 %2").arg(pid).arg(ProcessTable::commandLine(pid)));
    }
    QVERIFY2(harness.serverProcesses() == QList<qint64>{listener}, qPrintable(found.join(QLatin1String("; "))));

    // sleep 1235 leaves the process tree (its parent exits, it gets a new session): only the
    // environment marker (or the namespace) ties it to this sshd.
    QProcess client;
    client.setProcessEnvironment(sshClientEnvironment());
    client.start(QStringLiteral("ssh"),
                 harness.sshOptions() +
                     QStringList{harness.destination(),
                                 QStringLiteral("(setsid sleep 1235 </dev/null >/dev/null 2>&1 &); sleep 1234")});
    QVERIFY(client.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!harness.serverProcessesMatching(QStringLiteral("sleep 1234")).isEmpty(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!harness.serverProcessesMatching(QStringLiteral("sleep 1235")).isEmpty(), 15000);
    // The command's shell line matches too; the sleep itself is among the matches.
    const QList<qint64> sleeps = harness.serverProcessesMatching(QStringLiteral("sleep 1234"));
    const QList<qint64> escaped = harness.serverProcessesMatching(QStringLiteral("sleep 1235"));
    const auto isExactly = [](const QList<qint64>& pids, const QString& commandLine) {
        return std::find_if(pids.cbegin(), pids.cend(),
                            [&](qint64 pid) { return ProcessTable::commandLine(pid) == commandLine; });
    };
    const auto sleep1234 = isExactly(sleeps, QStringLiteral("sleep 1234"));
    const auto sleep1235 = isExactly(escaped, QStringLiteral("sleep 1235"));
    QVERIFY(sleep1234 != sleeps.cend());
    QVERIFY(sleep1235 != escaped.cend());
    QVERIFY(!ProcessTable::snapshot().descendantsOf(listener).contains(*sleep1235));
    QVERIFY(harness.serverProcessesMatching(QStringLiteral("sleep 99999")).isEmpty());
    const QList<qint64> all = harness.serverProcesses();
    QVERIFY(all.contains(listener));
    QVERIFY(all.contains(*sleep1234));
    QVERIFY(all.contains(*sleep1235));
    QVERIFY(all.size() >= 4); // listener, connection sshd(s), sleep 1234, sleep 1235
    QVERIFY(!all.contains(ProcessTable::selfPid()));

    harness.stop();
    QVERIFY(!harness.isRunning());
    for (const qint64 pid : all) {
        QVERIFY2(!ProcessTable::isAlive(pid), qPrintable(ProcessTable::commandLine(pid)));
    }
    QVERIFY(client.waitForFinished(10000));
    QCOMPARE(client.exitCode(), 255);
    // Nothing on the machine carries this harness's marker any more.
    const QByteArray marker = "XR_SSHD_HARNESS=" + harness.instanceId().toLatin1();
    const ProcessTable table = ProcessTable::snapshot();
    for (const qint64 pid : table.pids()) {
        if (ProcessTable::isAlive(pid)) {
            QVERIFY2(!ProcessTable::environment(pid).contains(marker), qPrintable(ProcessTable::commandLine(pid)));
        }
    }
}

void HarnessTest::agentLogin()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    SshAgent agent;
    QVERIFY2(agent.start(), qPrintable(agent.errorString()));
    QVERIFY(QFileInfo::exists(agent.socketPath()));

    QProcessEnvironment withAgent = sshClientEnvironment();
    withAgent.insert(QStringLiteral("SSH_AUTH_SOCK"), agent.socketPath());
    // Without a key in the agent (and no -i), login fails: the agent is what makes it work below.
    const ProcessResult empty = runSsh(harness, {}, false, QStringLiteral("echo agent"), withAgent);
    QCOMPARE(empty.exitCode, 255);

    QVERIFY2(agent.addKey(harness.clientKeyPath()), qPrintable(agent.errorString()));
    QVERIFY(agent.listKeys().contains(QLatin1String("xr-harness-client")));
    const ProcessResult viaAgent = runSsh(harness, {}, false, QStringLiteral("echo agent"), withAgent);
    QVERIFY2(viaAgent.ok(), qPrintable(viaAgent.describe() + harness.sshdLog()));
    QCOMPARE(viaAgent.standardOutput, QByteArray("agent\n"));

    const qint64 agentPid = agent.pid();
    QVERIFY(ProcessTable::isAlive(agentPid));
    agent.stop();
    QVERIFY(!ProcessTable::isAlive(agentPid));
}

void HarnessTest::passphraseKey()
{
    SshdHarness harness;
    QVERIFY2(harness.start(), qPrintable(harness.errorString()));
    QVERIFY(!harness.passphrase().isEmpty());

    // The key really is encrypted: without its passphrase it cannot be used.
    const ProcessResult locked =
        runSsh(harness, {QStringLiteral("-i"), harness.passphraseKeyPath()}, false, QStringLiteral("echo locked"));
    QCOMPARE(locked.exitCode, 255);

    // With the passphrase through askpass, ssh uses it directly: it is in authorized_keys.
    const QString askpass = writeAskpassScript(harness.dir(), harness.passphrase());
    const ProcessResult direct =
        runSsh(harness,
               {QStringLiteral("-o"), QStringLiteral("BatchMode=no"), QStringLiteral("-o"),
                QStringLiteral("IdentitiesOnly=yes"), QStringLiteral("-i"), harness.passphraseKeyPath()},
               false, QStringLiteral("echo direct"), withAskpass(sshClientEnvironment(), askpass));
    QVERIFY2(direct.ok(), qPrintable(direct.describe() + harness.sshdLog()));
    QCOMPARE(direct.standardOutput, QByteArray("direct\n"));

    SshAgent agent;
    QVERIFY2(agent.start(), qPrintable(agent.errorString()));
    QVERIFY(!agent.addKey(harness.passphraseKeyPath()));
    QVERIFY(!agent.addKey(harness.passphraseKeyPath(), QStringLiteral("not-the-passphrase")));
    QVERIFY(!agent.errorString().isEmpty());
    QVERIFY2(agent.addKey(harness.passphraseKeyPath(), harness.passphrase()), qPrintable(agent.errorString()));
    QVERIFY(agent.listKeys().contains(QLatin1String("xr-harness-passphrase")));
    QProcessEnvironment withAgent = sshClientEnvironment();
    withAgent.insert(QStringLiteral("SSH_AUTH_SOCK"), agent.socketPath());
    const ProcessResult viaAgent = runSsh(harness, {}, false, QStringLiteral("echo unlocked"), withAgent);
    QVERIFY2(viaAgent.ok(), qPrintable(viaAgent.describe()));
    QCOMPARE(viaAgent.standardOutput, QByteArray("unlocked\n"));
}

void HarnessTest::writeFile()
{
    SshdHarness harness;
    const QString path = harness.writeFile(QStringLiteral("a/b/c.txt"), QByteArray("data\0x", 6));
    QCOMPARE(path, harness.dir() + QStringLiteral("/a/b/c.txt"));
    QCOMPARE(readFile(path), QByteArray("data\0x", 6));
}

QTEST_GUILESS_MAIN(HarnessTest)
#include "tst_harness.moc"
