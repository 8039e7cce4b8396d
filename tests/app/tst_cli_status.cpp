#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(XR_CLI_PATH), args);
    if (!p.waitForStarted(10000))
        return {};
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

QJsonObject vmNamed(const QJsonArray& vms, const QString& name)
{
    for (const QJsonValue& v : vms)
        if (v.toObject().value(u"name").toString() == name)
            return v.toObject();
    return {};
}

} // namespace

// xenrescue-cli status --demo, run as a process against the in-process lab pool.
class TestCliStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textTable()
    {
        const Run r = runCli({u"status"_s, u"--demo"_s, u"domain-gone"_s});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(u"XCP-ng 8.2"_s), r.out.constData());
        QVERIFY(out.contains(u"xapi:     answering"_s));
        QVERIFY(out.contains(u"NAME"_s) && out.contains(u"DOMAIN"_s) && out.contains(u"PROBLEMS"_s));
        const QString ghost = out.section(u"ghost-vm"_s, 1).section(u'\n', 0, 0);
        QVERIFY2(ghost.contains(u"running"_s) && ghost.contains(u"none"_s) && ghost.contains(u"no domain"_s),
                 qPrintable(ghost));
    }

    void jsonStuckTask()
    {
        const Run r = runCli({u"status"_s, u"--demo"_s, u"hung-vm-stuck-task"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"flavour").toString(), u"xapi-modern"_s);
        QCOMPARE(o.value(u"xapiHealth").toString(), u"answering"_s);
        QCOMPARE(o.value(u"pool").toObject().value(u"isMaster").toBool(), true);
        const QJsonObject vm = vmNamed(o.value(u"vms").toArray(), u"app-server"_s);
        QCOMPARE(vm.value(u"powerState").toString(), u"running"_s);
        QCOMPARE(vm.value(u"domain").toObject().value(u"presence").toString(), u"present"_s);
        QVERIFY(vm.value(u"problems").toArray().contains(u"operation-stuck"_s));
        QCOMPARE(vm.value(u"pendingTasks").toArray().size(), 1);
    }

    void jsonWedgedXapi()
    {
        const Run r = runCli({u"status"_s, u"--demo"_s, u"xapi-wedged"_s, u"--json"_s, u"--timeout"_s, u"1"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"xapiHealth").toString(), u"not-answering"_s);
        const QJsonArray vms = o.value(u"vms").toArray();
        QCOMPARE(vms.size(), 2);
        for (const QJsonValue& v : vms) {
            QCOMPARE(v.toObject().value(u"domain").toObject().value(u"presence").toString(), u"present"_s);
            QVERIFY(v.toObject().value(u"problems").toArray().contains(u"xapi-unknown"_s));
        }
    }

    void xlHost()
    {
        const Run r = runCli({u"status"_s, u"--demo"_s, u"xl-host"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"flavour").toString(), u"xl"_s);
        QVERIFY(!o.contains(u"xapiHealth"));
        QCOMPARE(vmNamed(o.value(u"vms").toArray(), u"web"_s).value(u"xapiRecord").toBool(), false);
    }

    void errors()
    {
        QCOMPARE(runCli({u"status"_s}).exitCode, 2);
        QCOMPARE(runCli({u"status"_s, u"--demo"_s, u"no-such-scenario"_s}).exitCode, 2);
        QCOMPARE(runCli({u"status"_s, u"root@host:notaport"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliStatus)
#include "tst_cli_status.moc"
