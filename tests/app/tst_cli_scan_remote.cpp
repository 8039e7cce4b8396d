// xenrescue-cli scan [user@]host:/path against a lab host behind real OpenSSH sshd: the host's
// grep keeps the candidate lines, the output is the same as the local scan of the same file;
// .gz through zgrep; a missing file fails with exit 1; unknown host key refused; --demo
// (no grep on the in-process lab host) copies the file and scans it here.

#include "LabPool.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using xr::test::LabPool;
using xr::test::LabPoolHost;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const char* const kKnown = "Boot loader didn't return any data";

} // namespace

class TestCliScanRemote final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<LabPool> m_pool;
    LabPoolHost m_host;

    Run runCli(const QStringList& args, bool knownHost = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home.path());
        env.remove(u"XDG_CONFIG_HOME"_s);
        env.remove(u"XDG_DATA_HOME"_s);
        env.remove(u"SSH_AUTH_SOCK"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        QFile kh(m_home.filePath(u".ssh/known_hosts"_s));
        kh.open(QIODevice::WriteOnly);
        if (knownHost)
            kh.write(m_host.knownHostsLine.toUtf8() + '\n');
        kh.close();
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(XR_CLI_PATH), args);
        if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                   p.readAllStandardError()};
    }

    QString hostLog(const QString& name) const { return m_host.hostRoot + u"/var/log/"_s + name; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QString reason;
        QVERIFY2(LabPool::checkNamespaces(&reason), qPrintable(reason));
        m_pool = std::make_unique<LabPool>(QStringLiteral(XR_LABHOST));
        QVERIFY2(m_pool->start(u"demo"_s), qPrintable(m_pool->errorString()));
        m_host = m_pool->hosts().constFirst();
        // ~/.ssh/config names the lab host "lab" with its port and key, as a user would.
        QVERIFY(QDir(m_home.path()).mkpath(u".ssh"_s));
        QFile config(m_home.filePath(u".ssh/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("Host lab\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n")
                         .arg(m_host.address)
                         .arg(m_host.port)
                         .arg(m_host.user, m_host.clientKeyPath)
                         .toUtf8());
        config.close();
        // A log with two known problems among many ordinary lines, and its .gz.
        QByteArray log;
        for (int i = 0; i < 20000; ++i) {
            log += "Nov 21 10:00:00 xcp-lab-01 xapi: [debug|xcp-lab-01|1 |x|y|z] ordinary line " +
                   QByteArray::number(i) + '\n';
            if (i == 1234 || i == 17777)
                log += QByteArray("Nov 21 10:00:01 xcp-lab-01 xenopsd: [error|x|2 |a|b|c] ") + kKnown + '\n';
        }
        QFile f(hostLog(u"scanme.log"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(log);
        f.close();
        QProcess gz;
        gz.start(u"gzip"_s, {u"-k"_s, u"-f"_s, hostLog(u"scanme.log"_s)});
        QVERIFY(gz.waitForFinished(20000) && gz.exitCode() == 0);
    }

    void cleanupTestCase()
    {
        if (m_pool)
            m_pool->stop();
    }

    void sameOutputAsLocal()
    {
        const Run local = runCli({u"scan"_s, hostLog(u"scanme.log"_s)});
        QCOMPARE(local.exitCode, 0);
        QCOMPARE(local.out.count('\n'), 2);
        const Run remote = runCli({u"scan"_s, u"lab:/var/log/scanme.log"_s});
        QVERIFY2(remote.exitCode == 0, remote.err.constData());
        QVERIFY2(remote.err.isEmpty(), remote.err.constData()); // grep ran: nothing copied
        QByteArray expected = local.out;
        expected.replace(hostLog(u"scanme.log"_s).toUtf8(), "lab:/var/log/scanme.log");
        QCOMPARE(remote.out, expected);
        QVERIFY(remote.out.contains(":1236:")); // line numbers of the file (1234 + 2: 1-based, one hit line before)

        // JSON too, and a user in the target.
        const Run json = runCli({u"scan"_s, u"--json"_s, u"root@lab:/var/log/scanme.log"_s});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.out.contains("\"root@lab:/var/log/scanme.log\""));
        QVERIFY(json.out.contains(kKnown));

        // The .gz through zgrep: the same hits.
        const Run gz = runCli({u"scan"_s, u"lab:/var/log/scanme.log.gz"_s});
        QVERIFY2(gz.exitCode == 0, gz.err.constData());
        QByteArray expectedGz = local.out;
        expectedGz.replace(hostLog(u"scanme.log"_s).toUtf8(), "lab:/var/log/scanme.log.gz");
        QCOMPARE(gz.out, expectedGz);
    }

    void failures()
    {
        const Run missing = runCli({u"scan"_s, u"lab:/var/log/no-such.log"_s});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no-such.log"), missing.err.constData());
        // An unknown host key is refused, never accepted by the CLI.
        const Run unknownKey = runCli({u"scan"_s, u"lab:/var/log/scanme.log"_s}, false);
        QCOMPARE(unknownKey.exitCode, 1);
        QVERIFY2(unknownKey.err.contains("not known"), unknownKey.err.constData());
        QVERIFY(unknownKey.out.isEmpty());
    }

    void demoLabCopiesTheFile()
    {
        const Run r = runCli({u"scan"_s, u"--demo"_s, u"demo"_s, u"xcp-lab-01:/var/log/xensource.log"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("copying"), r.err.constData());
        const Run bad = runCli({u"scan"_s, u"--demo"_s, u"demo"_s, u"no-such-host:/var/log/xensource.log"_s});
        QCOMPARE(bad.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliScanRemote)
#include "tst_cli_scan_remote.moc"
