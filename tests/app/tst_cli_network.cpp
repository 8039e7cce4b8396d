// xenrescue-cli network / memory (issue 8) against lab hosts behind real OpenSSH sshd, one per
// lab flavour: the JSON topology's nodes and edges match the host's configuration, the checks
// fire only on the host made to trip them, memory values match, --dot prints a graph; and
// --demo in process for the text output and usage errors.
#include "LabPool.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

bool hasEdge(const QJsonObject& o, const QString& from, const QString& to)
{
    for (const QJsonValue& e : o.value(u"edges"_s).toArray())
        if (e.toObject().value(u"from"_s).toString() == from && e.toObject().value(u"to"_s).toString() == to)
            return true;
    return false;
}

QJsonObject nodeById(const QJsonObject& o, const QString& id)
{
    for (const QJsonValue& n : o.value(u"nodes"_s).toArray())
        if (n.toObject().value(u"id"_s).toString() == id)
            return n.toObject();
    return {};
}

QString vmNode(const QJsonObject& o, const QString& name)
{
    for (const QJsonValue& n : o.value(u"nodes"_s).toArray())
        if (n.toObject().value(u"kind"_s).toString() == u"vm"_s && n.toObject().value(u"name"_s).toString() == name)
            return n.toObject().value(u"id"_s).toString();
    return {};
}

QStringList checks(const QJsonObject& o)
{
    QStringList out;
    for (const QJsonValue& f : o.value(u"findings"_s).toArray())
        out << f.toObject().value(u"check"_s).toString();
    out.sort();
    return out;
}

} // namespace

class TestCliNetwork final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    Run runCli(const QStringList& args, const LabPoolHost* host = nullptr)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home.path());
        env.remove(u"XDG_CONFIG_HOME"_s);
        env.remove(u"XDG_DATA_HOME"_s);
        env.remove(u"SSH_AUTH_SOCK"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        if (host) {
            QDir(m_home.path()).mkpath(u".ssh"_s);
            QFile kh(m_home.filePath(u".ssh/known_hosts"_s));
            kh.open(QIODevice::WriteOnly);
            kh.write(host->knownHostsLine.toUtf8() + '\n');
            kh.close();
            QFile config(m_home.filePath(u".ssh/config"_s));
            config.open(QIODevice::WriteOnly);
            config.write(QStringLiteral("Host lab\n  HostName %1\n  Port %2\n  User %3\n  IdentityFile %4\n")
                             .arg(host->address)
                             .arg(host->port)
                             .arg(host->user, host->clientKeyPath)
                             .toUtf8());
        }
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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QString reason;
        QVERIFY2(LabPool::checkNamespaces(&reason), qPrintable(reason));
    }

    void overSsh_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("flavour");
        QTest::addColumn<QString>("nic");
        QTest::addColumn<QString>("bridge");
        QTest::addColumn<QString>("vm");
        QTest::addColumn<QStringList>("findings");
        QTest::addColumn<int>("totalMiB");
        QTest::addColumn<int>("dom0MiB");
        QTest::newRow("xapi-modern") << u"demo"_s << u"xapi-modern"_s << u"eth0"_s << u"xenbr0"_s << u"web-01"_s
                                     << QStringList() << 131037 << 8192;
        QTest::newRow("xapi-legacy") << u"legacy-62"_s << u"xapi-legacy"_s << u"eth0"_s << u"xenbr0"_s << u"intranet"_s
                                     << QStringList() << 32767 << 752;
        QTest::newRow("xl") << u"xl-host"_s << u"xl"_s << u"eth0"_s << u"xenbr0"_s << u"web"_s << QStringList() << 65405
                            << 4096;
        QTest::newRow("xm") << u"xm-host"_s << u"xm"_s << u"peth0"_s << u"eth0"_s << u"dns"_s << QStringList() << 16375
                            << 1024;
        QTest::newRow("xl-faults") << u"network-faults"_s << u"xl"_s << u"eth0"_s << u"xenbr0"_s << u"web"_s
                                   << QStringList{u"bridge-nf-off"_s, u"empty-bridge"_s, u"long-vif-name"_s,
                                                  u"no-fixed-mac"_s, u"no-uplink"_s}
                                   << 65405 << 4096;
    }

    void overSsh()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, flavour);
        QFETCH(QString, nic);
        QFETCH(QString, bridge);
        QFETCH(QString, vm);
        QFETCH(QStringList, findings);
        QFETCH(int, totalMiB);
        QFETCH(int, dom0MiB);
        LabPool pool{QStringLiteral(XR_LABHOST)};
        QVERIFY2(pool.start(scenario), qPrintable(pool.errorString()));
        const LabPoolHost host = pool.hosts().constFirst();

        const Run net = runCli({u"network"_s, u"lab"_s, u"--json"_s}, &host);
        QVERIFY2(net.exitCode == 0, net.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(net.out).object();
        QCOMPARE(o.value(u"flavour"_s).toString(), flavour);
        QVERIFY2(hasEdge(o, u"nic:"_s + nic, u"bridge:"_s + bridge), net.out.constData());
        const QString vmId = vmNode(o, vm);
        QVERIFY2(!vmId.isEmpty(), net.out.constData());
        bool vmOnBridge = false;
        for (const QJsonValue& e : o.value(u"edges"_s).toArray())
            if (e.toObject().value(u"to"_s).toString() == vmId)
                vmOnBridge = hasEdge(o, u"bridge:"_s + bridge, e.toObject().value(u"from"_s).toString());
        QVERIFY(vmOnBridge);
        QVERIFY(!nodeById(o, u"nic:"_s + nic).value(u"mac"_s).toString().isEmpty());
        QCOMPARE(checks(o), findings);

        const Run mem = runCli({u"memory"_s, u"lab"_s, u"--json"_s}, &host);
        QVERIFY2(mem.exitCode == 0, mem.err.constData());
        const QJsonObject m = QJsonDocument::fromJson(mem.out).object();
        QCOMPARE(m.value(u"totalMiB"_s).toInt(), totalMiB);
        QCOMPARE(m.value(u"dom0MiB"_s).toInt(), dom0MiB);
        const QJsonObject d = m.value(u"settings"_s).toObject().value(u"dom0_mem"_s).toObject();
        QCOMPARE(d.value(u"initialMiB"_s).toInt(), dom0MiB);
        QCOMPARE(d.value(u"pinned"_s).toBool(), true);
        QVERIFY(!m.value(u"advice"_s).toArray().isEmpty());

        if (scenario == u"network-faults") {
            const Run dot = runCli({u"network"_s, u"lab"_s, u"--dot"_s}, &host);
            QCOMPARE(dot.exitCode, 0);
            QVERIFY(dot.out.startsWith("digraph network {"));
            QVERIFY(dot.out.contains("\"bridge:xenbr9\""));
        }
    }

    void demoText()
    {
        const Run r = runCli({u"network"_s, u"--demo"_s, u"network-faults"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Bridge xenbr-int") && r.out.contains("[5]"), r.out.constData());
        const Run m = runCli({u"memory"_s, u"--demo"_s, u"memory-faults"_s});
        QCOMPARE(m.exitCode, 0);
        QVERIFY2(m.out.contains("dom0_mem: not set") && m.out.contains("[warning]"), m.out.constData());
    }

    void usageErrors()
    {
        QCOMPARE(runCli({u"network"_s}).exitCode, 2);
        QCOMPARE(runCli({u"network"_s, u"--demo"_s, u"demo"_s, u"--json"_s, u"--dot"_s}).exitCode, 2);
        QCOMPARE(runCli({u"memory"_s, u"--demo"_s, u"no-such"_s}).exitCode, 2);
        QCOMPARE(runCli({u"memory"_s, u"--demo"_s, u"demo"_s, u"no-host"_s}).exitCode, 2);
        const Run hostile = runCli({u"network"_s, u"root@$(reboot)\nx"_s});
        QCOMPARE(hostile.exitCode, 2);
        QVERIFY(!hostile.err.contains('\n' + QByteArray("x\"")));
        QCOMPARE(runCli({u"network"_s, u"--help"_s}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliNetwork)
#include "tst_cli_network.moc"
