// xenrescue-cli plan, run as a process on the lab pool: the live diagnosis and the ladder of
// one VM, text and JSON; a dry run that sends no change.
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
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

} // namespace

class TestCliPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLadderOfAStuckVm()
    {
        const Run r = runCli({u"plan"_s, u"--demo"_s, u"hung-vm-stuck-task"_s, u"app-server"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonObject ladder = o.value(u"ladder").toObject();
        QCOMPARE(ladder.value(u"recommended").toString(), u"cancel-tasks"_s);
        QVERIFY(ladder.value(u"rungs").toArray().size() >= 9);
        const QJsonObject situation = o.value(u"situation").toObject();
        QVERIFY(!situation.isEmpty());
        QVERIFY(QJsonDocument(situation).toJson().contains("app-server"));
    }

    void textLadderByUuidAndDomid()
    {
        const Run byName = runCli({u"plan"_s, u"--demo"_s, u"domain-gone"_s, u"ghost-vm"_s});
        QVERIFY2(byName.exitCode == 0, byName.err.constData());
        QVERIFY(byName.out.contains("==> 2"));
        QVERIFY(byName.out.contains("xe vm-reset-powerstate force=true uuid="));
        // The xl host: by domain id.
        const Run byDomid = runCli({u"plan"_s, u"--demo"_s, u"xl-host"_s, u"1"_s});
        QVERIFY2(byDomid.exitCode == 0, byDomid.err.constData());
        QVERIFY(byDomid.out.contains("xl destroy 1"));
    }

    void unknownVmAndUsage()
    {
        const Run none = runCli({u"plan"_s, u"--demo"_s, u"demo"_s, u"no-such-vm"_s});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains("no VM"));
        // A name with shell syntax is only ever looked up, never run.
        const Run hostile = runCli({u"plan"_s, u"--demo"_s, u"hostile-names"_s, u"$(touch /tmp/xr-pwned); rm -rf x"_s});
        QVERIFY2(hostile.exitCode == 0, hostile.err.constData());
        QVERIFY(!hostile.out.contains("rm -rf x'"));
        QCOMPARE(runCli({u"plan"_s}).exitCode, 2);
        QCOMPARE(runCli({u"plan"_s, u"root@host"_s}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliPlan)
#include "tst_cli_plan.moc"
