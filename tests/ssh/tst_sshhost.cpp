#include "HostWait.h"
#include "SshAgent.h"
#include "SshChannels.h"
#include "SshHost.h"
#include "SshdHarness.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace xr;
using xr::test::SshAgent;
using xr::test::SshdHarness;
using xr::test::SshdOptions;
using xr::test::waitConnected;

// SshHost against a real OpenSSH sshd on loopback (tests/support), never a mock.
class TestSshHost final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<SshdHarness> m_sshd; // shared by the tests that need a plain key login

    SshEndpoint endpointFor(const SshdHarness& sshd, AuthMethod auth = AuthMethod::KeyFile) const
    {
        SshEndpoint e;
        e.host = sshd.host();
        e.port = sshd.port();
        e.user = sshd.user();
        e.auth = auth;
        if (auth == AuthMethod::KeyFile)
            e.identityFile = sshd.clientKeyPath();
        e.sshConfigFile = QStringLiteral("none");
        return e;
    }

    SshOptions trustedOptions(const SshdHarness& sshd) const
    {
        SshOptions o;
        o.appKnownHostsFile = m_tmp.filePath(QStringLiteral("app_known_hosts"));
        o.userKnownHostsFile = sshd.knownHostsPath(); // pre-trusted, read-only
        o.useKeychain = false;
        o.connectTimeoutMs = 10000;
        return o;
    }

    std::unique_ptr<SshHost> connected(const SshdHarness& sshd)
    {
        auto host = std::make_unique<SshHost>(endpointFor(sshd), trustedOptions(sshd));
        host->connectToHost();
        if (!waitConnected(*host))
            return nullptr;
        return host;
    }

    static CommandResult runAndWait(RemoteHost& host, const QString& command, int timeoutMs = 20000)
    {
        CommandRequest req;
        req.command = command;
        req.timeoutMs = timeoutMs;
        std::unique_ptr<RemoteCommand> cmd(host.run(req));
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        if (!cmd->isFinished() && !done.wait(timeoutMs + 10000)) {
            CommandResult r;
            r.error = QStringLiteral("test: no finished() signal");
            return r;
        }
        return cmd->result();
    }

    static FileResult waitFile(RemoteFileOperation* raw, int ms = 60000)
    {
        std::unique_ptr<RemoteFileOperation> op(raw);
        QSignalSpy done(op.get(), &RemoteOperation::finished);
        if (!op->isFinished() && !done.wait(ms)) {
            FileResult r;
            r.error = QStringLiteral("test: no finished() signal");
            return r;
        }
        return op->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_sshd = std::make_unique<SshdHarness>();
        QVERIFY2(m_sshd->start(), qPrintable(m_sshd->errorString()));
    }

    void keyAuthRunsCommandWithSeparateStreams()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QCOMPARE(host->displayName(), QStringLiteral("root@127.0.0.1:%1").arg(m_sshd->port()));
        const CommandResult r = runAndWait(*host, QStringLiteral("echo out; echo err >&2; exit 3"));
        QCOMPARE(r.outcome, CommandOutcome::Finished);
        QCOMPARE(r.stdOut, QByteArray("out\n"));
        QCOMPARE(r.stdErr, QByteArray("err\n"));
        QCOMPARE(r.exitStatus, 3);
        QVERIFY(!r.truncated);
        QVERIFY(!r.succeeded());
        const CommandResult ok = runAndWait(*host, QStringLiteral("true"));
        QVERIFY(ok.succeeded());
    }

    void unknownHostKeyIsAskedThenRemembered()
    {
        SshOptions o = trustedOptions(*m_sshd);
        o.userKnownHostsFile.clear();
        o.appKnownHostsFile = m_tmp.filePath(QStringLiteral("fresh/known_hosts"));
        {
            SshHost host(endpointFor(*m_sshd), o);
            QSignalSpy prompt(&host, &SshHost::hostKeyPrompt);
            host.connectToHost();
            QVERIFY(prompt.wait(15000));
            const auto info = prompt.first().first().value<HostKeyInfo>();
            QCOMPARE(info.status, HostKeyInfo::Status::Unknown);
            QCOMPARE(info.sha256Fingerprint, m_sshd->hostKeyFingerprint());
            QCOMPARE(info.keyType, QStringLiteral("ssh-ed25519"));
            QCOMPARE(host.state(), HostState::AwaitingHostKey);
            host.acceptHostKey(true);
            QVERIFY(waitConnected(host));
        }
        QFile kh(o.appKnownHostsFile);
        QVERIFY(kh.open(QIODevice::ReadOnly));
        const QByteArray stored = kh.readAll();
        QVERIFY2(stored.contains(QStringLiteral("[127.0.0.1]:%1").arg(m_sshd->port()).toUtf8()), stored.constData());
        // Second time: known, no prompt.
        SshHost again(endpointFor(*m_sshd), o);
        QSignalSpy prompt2(&again, &SshHost::hostKeyPrompt);
        again.connectToHost();
        QVERIFY(waitConnected(again));
        QCOMPARE(prompt2.count(), 0);
    }

    void rejectedHostKeyIsNotStored()
    {
        SshOptions o = trustedOptions(*m_sshd);
        o.userKnownHostsFile.clear();
        o.appKnownHostsFile = m_tmp.filePath(QStringLiteral("rejected/known_hosts"));
        SshHost host(endpointFor(*m_sshd), o);
        QSignalSpy prompt(&host, &SshHost::hostKeyPrompt);
        host.connectToHost();
        QVERIFY(prompt.wait(15000));
        host.rejectHostKey();
        QTRY_COMPARE(host.state(), HostState::Failed);
        QCOMPARE(host.failureKind(), FailureKind::HostKeyRejected);
        QVERIFY(!QFile::exists(o.appKnownHostsFile) || QFile(o.appKnownHostsFile).size() == 0);
    }

    void changedHostKeyIsRefused()
    {
        SshdHarness sshd;
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        SshOptions o = trustedOptions(sshd);
        o.userKnownHostsFile.clear();
        o.appKnownHostsFile = m_tmp.filePath(QStringLiteral("changed/known_hosts"));
        {
            SshHost host(endpointFor(sshd), o);
            connect(&host, &SshHost::hostKeyPrompt, &host, [&host] { host.acceptHostKey(true); });
            host.connectToHost();
            QVERIFY(waitConnected(host));
        }
        const QString oldFingerprint = sshd.hostKeyFingerprint();
        QVERIFY(sshd.restart(true));
        QVERIFY(sshd.hostKeyFingerprint() != oldFingerprint);
        QFile before(o.appKnownHostsFile);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray storedBefore = before.readAll();

        SshHost host(endpointFor(sshd), o);
        QSignalSpy prompt(&host, &SshHost::hostKeyPrompt);
        host.connectToHost();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostState::Failed, 15000);
        QCOMPARE(prompt.count(), 1);
        const auto info = prompt.first().first().value<HostKeyInfo>();
        QCOMPARE(info.status, HostKeyInfo::Status::Changed);
        QCOMPARE(info.sha256Fingerprint, sshd.hostKeyFingerprint());
        QCOMPARE(info.knownHostsFile, o.appKnownHostsFile);
        QVERIFY(host.stateMessage().contains(QStringLiteral("changed")));
        QCOMPARE(host.failureKind(), FailureKind::HostKeyChanged); // the ConnectionManager stops retrying on it
        // Accepting now must do nothing: the key is never taken silently. The decision is
        // queued to the connection's worker; a command queued after it comes back only once
        // the worker has handled the decision (and any state change it made has arrived).
        QSignalSpy stateChanges(&host, &RemoteHost::stateChanged);
        host.acceptHostKey(true);
        QCOMPARE(runAndWait(host, QStringLiteral("true")).outcome, CommandOutcome::Failed);
        QCOMPARE(host.state(), HostState::Failed);
        for (const QList<QVariant>& change : std::as_const(stateChanges))
            QCOMPARE(change.first().value<HostState>(), HostState::Failed); // never on to authenticating
        QFile after(o.appKnownHostsFile);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), storedBefore);
    }

    void agentAuthentication()
    {
        SshAgent agent;
        QVERIFY2(agent.start(), qPrintable(agent.errorString()));
        QVERIFY2(agent.addKey(m_sshd->clientKeyPath()), qPrintable(agent.errorString()));
        const QByteArray oldSock = qgetenv("SSH_AUTH_SOCK");
        qputenv("SSH_AUTH_SOCK", agent.socketPath().toLocal8Bit());
        SshHost host(endpointFor(*m_sshd, AuthMethod::Agent), trustedOptions(*m_sshd));
        host.connectToHost();
        const bool ok = waitConnected(host);
        qputenv("SSH_AUTH_SOCK", oldSock);
        QVERIFY(ok);
        QVERIFY(runAndWait(host, QStringLiteral("true")).succeeded());
    }

    void passphraseKeyAsksForPassphrase()
    {
        SshEndpoint e = endpointFor(*m_sshd);
        e.identityFile = m_sshd->passphraseKeyPath();
        SshHost host(e, trustedOptions(*m_sshd));
        QSignalSpy asked(&host, &SshHost::credentialsRequested);
        int round = 0;
        connect(&host, &SshHost::credentialsRequested, &host, [&](const CredentialRequest& req) {
            ++round;
            QCOMPARE(req.kind, CredentialRequest::Kind::KeyPassphrase);
            QCOMPARE(req.keyFile, m_sshd->passphraseKeyPath());
            if (round == 1) {
                QVERIFY(!req.previousFailed);
                host.provideCredentials({QStringLiteral("wrong passphrase")}, false);
            } else {
                QVERIFY(req.previousFailed);
                host.provideCredentials({m_sshd->passphrase()}, false);
            }
        });
        host.connectToHost();
        QVERIFY(waitConnected(host));
        QCOMPARE(round, 2);
        QVERIFY(runAndWait(host, QStringLiteral("true")).succeeded());
    }

    void passwordAndKeyboardInteractive_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("password") << int(AuthMethod::Password);
        QTest::newRow("keyboard-interactive") << int(AuthMethod::KeyboardInteractive);
    }

    void passwordAndKeyboardInteractive()
    {
        QFETCH(int, method);
        SshdOptions so;
        so.passwordAuth = true;
        SshdHarness sshd(so);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        SshHost host(endpointFor(sshd, AuthMethod(method)), trustedOptions(sshd));
        int asked = 0;
        connect(&host, &SshHost::credentialsRequested, &host, [&](const CredentialRequest& req) {
            ++asked;
            QVERIFY(!req.prompts.isEmpty());
            if (AuthMethod(method) == AuthMethod::Password)
                QCOMPARE(req.kind, CredentialRequest::Kind::Password);
            else
                QCOMPARE(req.kind, CredentialRequest::Kind::KeyboardInteractive);
            QStringList answers;
            for (int i = 0; i < req.prompts.size(); ++i)
                answers << (asked == 1 ? QStringLiteral("not-the-password") : sshd.password());
            host.provideCredentials(answers, false);
        });
        host.connectToHost();
        QVERIFY(waitConnected(host, 30000));
        QCOMPARE(asked, 2); // one wrong answer, then the right one
        QCOMPARE(runAndWait(host, QStringLiteral("echo $USER")).stdOut, QByteArray("root\n"));
    }

    void tenMebibytesOfOutputIntact()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QByteArray data(10 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator gen(42);
        gen.fillRange(reinterpret_cast<quint32*>(data.data()), data.size() / 4);
        const QString path = m_sshd->writeFile(QStringLiteral("ten.bin"), data);
        CommandRequest req;
        req.command = QStringLiteral("cat ") + path;
        req.timeoutMs = 30000;
        std::unique_ptr<RemoteCommand> cmd(host->run(req));
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        QVERIFY(done.wait(40000));
        QCOMPARE(cmd->result().outcome, CommandOutcome::Finished);
        QCOMPARE(cmd->result().exitStatus, 0);
        QCOMPARE(cmd->result().stdOut.size(), data.size());
        QVERIFY(cmd->result().stdOut == data);
    }

    void outputBoundSetsTruncated()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        CommandRequest req;
        req.command = QStringLiteral("head -c 100000 /dev/zero; echo done >&2");
        req.maxOutputBytes = 1000;
        std::unique_ptr<RemoteCommand> cmd(host->run(req));
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(cmd->result().outcome, CommandOutcome::Finished);
        QVERIFY(cmd->result().truncated);
        QCOMPARE(cmd->result().stdOut.size(), 1000);
        QCOMPARE(cmd->result().stdOutBytes, 100000);
        QCOMPARE(cmd->result().stdErr, QByteArray("done\n"));
    }

    void streamingDeliversLinesAsTheyCome()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        // The command cannot end before the test removes the gate: the first line must come
        // while it still runs, however slow the machine.
        const QString gate = m_sshd->writeFile(QStringLiteral("stream.gate"), QByteArray());
        CommandRequest req;
        req.command =
            QStringLiteral("echo line1; while [ -e '%1' ]; do sleep 0.05; done; echo line2; echo line3; printf tail")
                .arg(gate);
        req.streaming = true;
        req.timeoutMs = 30000;
        std::unique_ptr<RemoteCommand> cmd(host->run(req));
        QList<QByteArray> lines;
        bool finishedBeforeFirstLine = false;
        connect(cmd.get(), &RemoteCommand::outputLine, this, [&](OutputStream s, const QByteArray& line) {
            if (s == OutputStream::StdOut) {
                if (lines.isEmpty() && cmd->isFinished())
                    finishedBeforeFirstLine = true;
                lines << line;
            }
        });
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 1, 10000);
        QVERIFY(!cmd->isFinished()); // the first line came while the command still ran
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        QVERIFY(QFile::remove(gate));
        QVERIFY(cmd->isFinished() || done.wait(10000));
        QVERIFY(!finishedBeforeFirstLine);
        QCOMPARE(lines, (QList<QByteArray>{"line1", "line2", "line3", "tail"}));
    }

    void deadlineStopsCommandAndRemoteProcess()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QElapsedTimer t;
        t.start();
        const CommandResult r = runAndWait(*host, QStringLiteral("sleep 300"), 2000);
        const qint64 elapsed = t.elapsed();
        QCOMPARE(r.outcome, CommandOutcome::TimedOut);
        QVERIFY2(elapsed < 4000, qPrintable(QString::number(elapsed)));
        QVERIFY(!r.error.isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(m_sshd->serverProcessesMatching(QStringLiteral("sleep 300")).isEmpty(),
                                  qPrintable(m_sshd->sshdLog().right(3000)), 5000);
        // The connection is still usable.
        QVERIFY(runAndWait(*host, QStringLiteral("true")).succeeded());
    }

    void cancelStopsRemoteProcessGroup()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        CommandRequest req;
        // A shell with a child: the whole process group must go, not only the shell.
        req.command = QStringLiteral("sh -c 'sleep 301; echo never'; echo never");
        std::unique_ptr<RemoteCommand> cmd(host->run(req));
        QTRY_VERIFY_WITH_TIMEOUT(!m_sshd->serverProcessesMatching(QStringLiteral("sleep 301")).isEmpty(), 5000);
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        cmd->cancel();
        QVERIFY(cmd->isFinished() || done.wait(5000));
        QCOMPARE(cmd->result().outcome, CommandOutcome::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(m_sshd->serverProcessesMatching(QStringLiteral("sleep 301")).isEmpty(), 5000);
    }

    // "Keep it running on the host": a state-changing command sent with survivesDetach goes on
    // after XenRescue stops watching it and after the connection is closed, and finishes its
    // work; the same command without it, cancelled, is stopped before it writes anything.
    void detachedCommandKeepsRunningOnTheHost()
    {
        QTemporaryDir dir;
        const QString kept = dir.filePath(QStringLiteral("kept"));
        const QString stopped = dir.filePath(QStringLiteral("stopped"));
        {
            auto host = connected(*m_sshd);
            QVERIFY(host);
            CommandRequest req;
            req.command = QStringLiteral("sleep 1.5; echo kept > '%1'; echo after-the-channel-closed").arg(kept);
            req.survivesDetach = true;
            std::unique_ptr<RemoteCommand> cmd(host->run(req));
            QTRY_VERIFY_WITH_TIMEOUT(!m_sshd->serverProcessesMatching(QStringLiteral("sleep 1.5")).isEmpty(), 5000);
            QSignalSpy done(cmd.get(), &RemoteOperation::finished);
            cmd->detach();
            QVERIFY(cmd->isFinished() || done.wait(5000));
            QCOMPARE(cmd->result().outcome, CommandOutcome::Detached);
            host->disconnectFromHost(); // the connection closes under the process
        }
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(kept), 10000);
        {
            auto host = connected(*m_sshd);
            QVERIFY(host);
            CommandRequest req;
            req.command = QStringLiteral("sleep 1.2; echo stopped > '%1'").arg(stopped);
            std::unique_ptr<RemoteCommand> cmd(host->run(req));
            QTRY_VERIFY_WITH_TIMEOUT(!m_sshd->serverProcessesMatching(QStringLiteral("sleep 1.2")).isEmpty(), 5000);
            QSignalSpy done(cmd.get(), &RemoteOperation::finished);
            cmd->cancel();
            QVERIFY(cmd->isFinished() || done.wait(5000));
            QTRY_VERIFY_WITH_TIMEOUT(m_sshd->serverProcessesMatching(QStringLiteral("sleep 1.2")).isEmpty(), 5000);
        }
        QVERIFY(!QFile::exists(stopped));
    }

    void twentyConcurrentCommandsOnOneHost()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        std::vector<std::unique_ptr<RemoteCommand>> cmds;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 20; ++i) {
            CommandRequest req;
            req.command = QStringLiteral("sleep 1; echo %1").arg(i);
            cmds.emplace_back(host->run(req));
        }
        for (auto& c : cmds) {
            if (!c->isFinished()) {
                QSignalSpy done(c.get(), &RemoteOperation::finished);
                QVERIFY(done.wait(20000));
            }
        }
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(cmds[i]->result().outcome, CommandOutcome::Finished);
            QCOMPARE(cmds[i]->result().stdOut, QByteArray::number(i) + '\n');
        }
        // Twenty one-second commands in parallel, not one after another.
        QVERIFY2(t.elapsed() < 15000, qPrintable(QString::number(t.elapsed())));
    }

    void serverWithFewSessionsQueuesInsteadOfFailing_data()
    {
        QTest::addColumn<int>("maxSessions");
        QTest::newRow("OpenSSH default (10)") << 10;
        QTest::newRow("stricter than ours (3)") << 3;
    }

    void serverWithFewSessionsQueuesInsteadOfFailing()
    {
        // Real dom0s run sshd with MaxSessions 10 or less: twenty commands at once must all
        // run, in turns, none refused.
        QFETCH(int, maxSessions);
        SshdOptions so;
        so.extraConfig << QStringLiteral("MaxSessions %1").arg(maxSessions);
        SshdHarness sshd(so);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        auto host = connected(sshd);
        QVERIFY(host);
        std::vector<std::unique_ptr<RemoteCommand>> cmds;
        for (int i = 0; i < 20; ++i) {
            CommandRequest req;
            req.command = QStringLiteral("sleep 0.3; echo %1").arg(i);
            cmds.emplace_back(host->run(req));
        }
        for (int i = 0; i < 20; ++i) {
            if (!cmds[i]->isFinished()) {
                QSignalSpy done(cmds[i].get(), &RemoteOperation::finished);
                QVERIFY(done.wait(30000));
            }
            QCOMPARE(cmds[i]->result().outcome, CommandOutcome::Finished);
            QCOMPARE(cmds[i]->result().stdOut, QByteArray::number(i) + '\n');
        }
        // A stuck command can still be stopped while the host is full.
        CommandRequest stuck;
        stuck.command = QStringLiteral("sleep 302");
        stuck.timeoutMs = 1500;
        std::vector<std::unique_ptr<RemoteCommand>> stuckOnes;
        for (int i = 0; i < maxSessions; ++i)
            stuckOnes.emplace_back(host->run(stuck));
        for (auto& c : stuckOnes) {
            if (!c->isFinished()) {
                QSignalSpy done(c.get(), &RemoteOperation::finished);
                QVERIFY(done.wait(30000));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(sshd.serverProcessesMatching(QStringLiteral("sleep 302")).isEmpty(), 20000);
        QVERIFY(runAndWait(*host, QStringLiteral("true")).succeeded());
    }

    void eightHostsAtOnceAndSlowHostDoesNotHoldOthers()
    {
        std::vector<std::unique_ptr<SshdHarness>> servers;
        std::vector<std::unique_ptr<SshHost>> hosts;
        for (int i = 0; i < 8; ++i) {
            servers.push_back(std::make_unique<SshdHarness>());
            QVERIFY2(servers.back()->start(), qPrintable(servers.back()->errorString()));
            hosts.push_back(std::make_unique<SshHost>(endpointFor(*servers.back()), trustedOptions(*servers.back())));
            hosts.back()->connectToHost();
        }
        for (auto& h : hosts)
            QVERIFY(waitConnected(*h));
        // Host 0 runs something slow (held until the test removes the gate, so it cannot end
        // early on a loaded machine); the others must answer meanwhile.
        const QString gate = servers[0]->writeFile(QStringLiteral("slow.gate"), QByteArray());
        CommandRequest slowReq;
        slowReq.command = QStringLiteral("while [ -e '%1' ]; do sleep 0.05; done; echo slow").arg(gate);
        slowReq.timeoutMs = 60000;
        std::unique_ptr<RemoteCommand> slow(hosts[0]->run(slowReq));
        std::vector<std::unique_ptr<RemoteCommand>> quick;
        for (int i = 1; i < 8; ++i) {
            CommandRequest req;
            req.command = QStringLiteral("echo host%1").arg(i);
            quick.emplace_back(hosts[i]->run(req));
        }
        for (int i = 0; i < 7; ++i) {
            if (!quick[i]->isFinished()) {
                QSignalSpy done(quick[i].get(), &RemoteOperation::finished);
                QVERIFY(done.wait(10000));
            }
            QCOMPARE(quick[i]->result().stdOut, QStringLiteral("host%1\n").arg(i + 1).toUtf8());
        }
        QVERIFY(!slow->isFinished());
        QSignalSpy slowDone(slow.get(), &RemoteOperation::finished);
        QVERIFY(QFile::remove(gate));
        QVERIFY(slow->isFinished() || slowDone.wait(15000));
        QCOMPARE(slow->result().stdOut, QByteArray("slow\n"));
    }

    void killedServerIsReportedLostThenReconnects()
    {
        SshdHarness sshd;
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        auto host = connected(sshd);
        QVERIFY(host);
        CommandRequest req;
        req.command = QStringLiteral("sleep 60");
        std::unique_ptr<RemoteCommand> cmd(host->run(req));
        QTRY_VERIFY_WITH_TIMEOUT(!sshd.serverProcessesMatching(QStringLiteral("sleep 60")).isEmpty(), 5000);
        QElapsedTimer t;
        t.start();
        sshd.killConnections();
        QSignalSpy done(cmd.get(), &RemoteOperation::finished);
        QVERIFY(cmd->isFinished() || done.wait(10000));
        QCOMPARE(cmd->result().outcome, CommandOutcome::ConnectionLost);
        QTRY_COMPARE_WITH_TIMEOUT(host->state(), HostState::Lost, 10000);
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        // New commands fail at once rather than hang.
        const CommandResult r = runAndWait(*host, QStringLiteral("true"));
        QCOMPARE(r.outcome, CommandOutcome::Failed);
        // Reconnect on request.
        host->connectToHost();
        QVERIFY(waitConnected(*host));
        QVERIFY(runAndWait(*host, QStringLiteral("true")).succeeded());
    }

    void silentNetworkFailureIsDetectedByKeepalive()
    {
        SshOptions o = trustedOptions(*m_sshd);
        o.keepaliveIntervalMs = 500;
        o.keepaliveMaxMissed = 2;
        SshHost host(endpointFor(*m_sshd), o);
        host.connectToHost();
        QVERIFY(waitConnected(host));
        // Idle for a few keepalive intervals: answered probes keep it connected. A bounded wait,
        // since time passing is the point; no state change at all is allowed meanwhile.
        QSignalSpy stateChanges(&host, &RemoteHost::stateChanged);
        QVERIFY2(!stateChanges.wait(2000), qPrintable(host.stateMessage()));
        QCOMPARE(host.state(), HostState::Connected);
        host.simulateNetworkFailure();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostState::Lost, 5000);
    }

    void sftpOnHundredMebibyteFile()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        const qint64 size = 100 * 1024 * 1024 + 12345;
        QByteArray data(size, Qt::Uninitialized);
        QRandomGenerator gen(7);
        gen.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
        const QString path = m_sshd->writeFile(QStringLiteral("logs/big.log"), data);

        const FileResult st = waitFile(host->stat(path));
        QVERIFY2(st.ok, qPrintable(st.error));
        QCOMPARE(st.info.size, size);
        QVERIFY(!st.info.isDir);

        const FileResult ls = waitFile(host->list(QFileInfo(path).absolutePath()));
        QVERIFY2(ls.ok, qPrintable(ls.error));
        QCOMPARE(ls.entries.size(), 1);
        QCOMPARE(ls.entries.first().name, QStringLiteral("big.log"));
        QCOMPARE(ls.entries.first().size, size);

        auto sha = [](const QByteArray& b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256); };
        const qint64 off = 33 * 1024 * 1024 + 17;
        const qint64 len = 20 * 1024 * 1024 + 3;
        RemoteFileOperation* rangeOp = host->readRange(path, off, len);
        QSignalSpy progress(rangeOp, &RemoteOperation::progress);
        const FileResult range = waitFile(rangeOp);
        QVERIFY2(range.ok, qPrintable(range.error));
        QCOMPARE(range.offset, off);
        QCOMPARE(range.data.size(), len);
        QCOMPARE(sha(range.data), sha(data.mid(off, len)));
        QVERIFY(progress.count() >= 1);

        const FileResult tail = waitFile(host->readTail(path, 65536 + 5));
        QVERIFY2(tail.ok, qPrintable(tail.error));
        QCOMPARE(tail.offset, size - 65536 - 5);
        QCOMPARE(tail.data, data.right(65536 + 5));

        const QString local = m_tmp.filePath(QStringLiteral("big.copy"));
        const FileResult dl = waitFile(host->download(path, local), 120000);
        QVERIFY2(dl.ok, qPrintable(dl.error));
        QCOMPARE(dl.bytesTransferred, size);
        QFile f(local);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCryptographicHash h(QCryptographicHash::Sha256);
        QVERIFY(h.addData(&f));
        QCOMPARE(h.result(), sha(data));

        const FileResult missing = waitFile(host->stat(path + QStringLiteral(".nope")));
        QVERIFY(!missing.ok);
        QVERIFY(!missing.error.isEmpty());
    }

    void commandsKeepMovingDuringLargeRead()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QByteArray data(64 * 1024 * 1024, 'x');
        const QString path = m_sshd->writeFile(QStringLiteral("logs/filler.log"), data);
        std::unique_ptr<RemoteFileOperation> read(host->readRange(path, 0, data.size()));
        const CommandResult r = runAndWait(*host, QStringLiteral("echo quick"));
        QCOMPARE(r.stdOut, QByteArray("quick\n"));
        QSignalSpy done(read.get(), &RemoteOperation::finished);
        QVERIFY(read->isFinished() || done.wait(60000));
        QVERIFY(read->result().ok);
        QCOMPARE(read->result().data.size(), data.size());
    }

    void sshConfigIsHonoured()
    {
        // An alias resolved through an OpenSSH config file: HostName, Port, User, IdentityFile.
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("config"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("Host dom0-alias\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n")
                    .arg(m_sshd->host())
                    .arg(m_sshd->port())
                    .arg(m_sshd->user(), m_sshd->clientKeyPath())
                    .toUtf8());
        f.close();
        SshEndpoint e;
        e.host = QStringLiteral("dom0-alias");
        e.sshConfigFile = config;
        e.auth = AuthMethod::KeyFile;
        SshOptions o = trustedOptions(*m_sshd);
        // known_hosts entries are per real address; trust it for the alias's address.
        SshHost host(e, o);
        connect(&host, &SshHost::hostKeyPrompt, &host, [&host](const HostKeyInfo&) { host.acceptHostKey(false); });
        host.connectToHost();
        QVERIFY(waitConnected(host));
        QCOMPARE(host.displayName(), QStringLiteral("root@dom0-alias:%1").arg(m_sshd->port()));
        QCOMPARE(runAndWait(host, QStringLiteral("echo via-config")).stdOut, QByteArray("via-config\n"));
    }

    void commandsFailCleanlyWhenNotConnected()
    {
        SshHost host(endpointFor(*m_sshd), trustedOptions(*m_sshd));
        const CommandResult r = runAndWait(host, QStringLiteral("true"));
        QCOMPARE(r.outcome, CommandOutcome::Failed);
        QVERIFY(!r.error.isEmpty());
    }

    void unreachableHostFailsWithinDeadline()
    {
        SshEndpoint e = endpointFor(*m_sshd);
        e.port = xr::test::freeLocalPort(); // nothing listens there
        SshHost host(e, trustedOptions(*m_sshd));
        QElapsedTimer t;
        t.start();
        host.connectToHost();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostState::Failed, 15000);
        QVERIFY(!host.stateMessage().isEmpty());
        QCOMPARE(host.failureKind(), FailureKind::Network); // may heal: retried
    }

    // A download goes to a temporary file beside the target and is renamed over it when
    // whole, owner-only (0600) whatever the umask; a failed one leaves the old target as it was.
    void downloadIsOwnerOnlyAndReplacesTheTargetWhole()
    {
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QTemporaryDir dir;
        const QString remote = dir.filePath(QStringLiteral("remote.log"));
        QVERIFY(runAndWait(*host, QStringLiteral("printf 'secret line\\n' > '%1'").arg(remote)).succeeded());
        const QString target = dir.filePath(QStringLiteral("copy.log"));
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old copy\n");
        }
        // A failed download (no such file) leaves the old copy whole.
        const FileResult missing = waitFile(host->download(dir.filePath(QStringLiteral("no-such.log")), target));
        QVERIFY(!missing.ok);
        QFile kept(target);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("old copy\n"));
        kept.close();
        QFile::remove(target);

        const FileResult r = waitFile(host->download(remote, target));
        QVERIFY2(r.ok, qPrintable(r.error));
        QFile copy(target);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), QByteArray("secret line\n"));
        qInfo() << "permissions of the copy:" << Qt::hex << int(copy.permissions());
        QCOMPARE(copy.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                                       QFileDevice::WriteOther | QFileDevice::ExeGroup | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
        QVERIFY(copy.permissions().testFlag(QFileDevice::ReadOwner));
        // Nothing else was left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{QStringLiteral("copy.log"), QStringLiteral("remote.log")}));
    }

    // A login every method of which is refused fails as LoginRefused (never retried by the
    // ConnectionManager); an unknown key file offers nothing the server accepts.
    void refusedLoginIsReportedAsSuch()
    {
        SshEndpoint e = endpointFor(*m_sshd, AuthMethod::KeyFile);
        e.identityFile = m_tmp.filePath(QStringLiteral("no-such-key"));
        SshHost host(e, trustedOptions(*m_sshd));
        host.connectToHost();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostState::Failed, 15000);
        qInfo().noquote() << "state message:" << host.stateMessage();
        QCOMPARE(host.failureKind(), FailureKind::LoginRefused);
    }

    // The group stop sends KILL only to a group still there after TERM: one that obeyed TERM
    // is gone, and its id may already name another group. Run on the real sshd with `kill`
    // wrapped by a shell function that logs each call.
    void groupStopKillsOnlyAGroupStillThere_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("killExpected");
        QTest::newRow("obeys TERM") << QStringLiteral("exec sleep 30") << false;
        QTest::newRow("ignores TERM") << QStringLiteral("trap \"\" TERM; exec sleep 30") << true;
    }
    void groupStopKillsOnlyAGroupStillThere()
    {
        QFETCH(QString, body);
        QFETCH(bool, killExpected);
        auto host = connected(*m_sshd);
        QVERIFY(host);
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("kills"));
        // The group is started here, on the same machine as the sshd, so that this process is
        // its parent and reaps it (a zombie left to a container's init would still count as a
        // member; so one process, no child). QProcess's child is no group leader: setsid execs,
        // so its pid is the group.
        QProcess group;
        group.start(QStringLiteral("setsid"), {QStringLiteral("sh"), QStringLiteral("-c"), body});
        QVERIFY(group.waitForStarted(5000));
        const qint64 pgid = group.processId();
        QVERIFY(pgid > 1);
        QTest::qWait(300); // the trap is set
        const QString wrapped = QStringLiteral("kill() { echo \"kill $*\" >> '%1'; command kill \"$@\"; }; ").arg(log) +
                                SshChannels::groupStopScript(pgid);
        const CommandResult stopped = runAndWait(*host, wrapped);
        QCOMPARE(stopped.exitStatus, 0);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray calls = f.readAll();
        qInfo().noquote() << QString::fromUtf8(calls).trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | "));
        QVERIFY(calls.startsWith("kill -TERM -- -" + QByteArray::number(pgid) + '\n'));
        QCOMPARE(calls.contains("kill -KILL"), killExpected);
        // Either way the group is gone (reaped here).
        QVERIFY(group.state() == QProcess::NotRunning || group.waitForFinished(5000));
        QCOMPARE(
            runAndWait(*host, QStringLiteral("kill -0 -- -%1 2>/dev/null && echo alive || echo gone").arg(pgid)).stdOut,
            QByteArray("gone\n"));
    }

    void cleanupTestCase() { m_sshd.reset(); }
};

QTEST_GUILESS_MAIN(TestSshHost)
#include "tst_sshhost.moc"
