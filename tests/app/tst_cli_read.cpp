#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the built xenrescue-cli (XR_CLI_PATH) with `args`, feeding `input` on stdin.
Run runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(XR_CLI_PATH), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

QString sample(const char* name)
{
    return QStringLiteral(XR_TEST_DATA_DIR "/") + QString::fromUtf8(name);
}

QJsonObject json(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).object();
}

const QByteArray kStuckState = R"({
  "vmUuid": "0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22",
  "vmName": "web01 $(reboot); 'x'",
  "xapiPowerState": "running",
  "domain": {"presence": "present", "domid": 7, "state": "-b----"},
  "currentOperations": ["clean_shutdown"],
  "pendingTasks": [{"uuid": "5d17a0b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "nameLabel": "Async.VM.clean_shutdown",
                    "ageSeconds": 5400, "cancellable": true}],
  "residentHost": {"name": "xcp-02", "alive": true, "isMaster": false},
  "poolMaster": {"name": "xcp-01", "alive": true, "isMaster": true}
})";

} // namespace

// xenrescue-cli read and ladder, run as a separate process on the real samples.
class TestCliRead final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readXlListWithNullDomains()
    {
        const Run r = runCli({u"read"_s, u"xl-list"_s, sample("xl-list__xen-commit-93e52d52-null-domains.txt")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r.out);
        QCOMPARE(o.value(u"kind").toString(), u"xl-list"_s);
        QCOMPARE(o.value(u"partial").toBool(), false);
        const QJsonArray d = o.value(u"domains").toArray();
        QCOMPARE(d.size(), 5);
        QCOMPARE(d.at(0).toObject().value(u"name").toString(), u"Domain-0"_s);
        QCOMPARE(d.at(0).toObject().value(u"memoryMiB").toInt(), 752);
        QCOMPARE(d.at(0).toObject().value(u"vcpus").toInt(), 4);
        QCOMPARE(d.at(1).toObject().value(u"name").toString(), u"(null)"_s);
        QCOMPARE(d.at(1).toObject().value(u"state").toString(), u"--p---"_s);
    }

    void readXeRecordsFromStdin()
    {
        QFile f(sample("xe-vm-list-params__ralph-test-xen.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Run r = runCli({u"read"_s, u"auto"_s, u"-"_s}, f.readAll());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r.out);
        QCOMPARE(o.value(u"kind").toString(), u"xe"_s);
        const QJsonArray recs = o.value(u"records").toArray();
        QCOMPARE(recs.size(), 3);
        QCOMPARE(recs.at(1).toObject().value(u"name-label").toString(), u"win2k8"_s);
        QCOMPARE(recs.at(1).toObject().value(u"power-state").toString(), u"running"_s);
    }

    void readXeMapsAndSets()
    {
        const Run r =
            runCli({u"read"_s, u"xe"_s, u"-"_s}, "uuid ( RO)                  : 3f38a1b2-0000-4000-8000-000000000001\n"
                                                 "     other-config (MRW): a: 1; b: two\n"
                                                 "     tags (SRW): x; y\n"
                                                 "     affinity ( RW): <not in database>\n");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject rec = json(r.out).value(u"records").toArray().at(0).toObject();
        QCOMPARE(rec.value(u"other-config").toObject().value(u"b").toString(), u"two"_s);
        QCOMPARE(rec.value(u"tags").toArray().size(), 2);
        QVERIFY(rec.value(u"affinity").isNull());
    }

    void readXeError()
    {
        const Run r = runCli({u"read"_s, u"xe-error"_s, sample("xe-error-vm-bad-power-state__xcpng-issue-500.txt")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r.out);
        QCOMPARE(o.value(u"code").toString(), u"VM_BAD_POWER_STATE"_s);
        QCOMPARE(o.value(u"params").toArray().at(2).toObject().value(u"value").toString(), u"running"_s);
    }

    void readDom0MemAndBridges()
    {
        Run r = runCli({u"read"_s, u"auto"_s, sample("xen-cmdline-get-xen__rbdsr-readme-dom0-mem.txt")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject o = json(r.out);
        QCOMPARE(o.value(u"kind").toString(), u"dom0-mem"_s);
        QCOMPARE(o.value(u"dom0Mem").toObject().value(u"initialMiB").toInt(), 4096);
        QCOMPARE(o.value(u"dom0Mem").toObject().value(u"maxMiB").toInt(), 4096);

        r = runCli({u"read"_s, u"ovs-vsctl"_s, sample("ovs-vsctl-list-br__xcpng-docs.txt")});
        QCOMPARE(r.exitCode, 0);
        o = json(r.out);
        QCOMPARE(o.value(u"bridges").toArray().size(), 2);
        QCOMPARE(o.value(u"bridges").toArray().at(1).toObject().value(u"name").toString(), u"xenbr0"_s);
    }

    void unreadableInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("kind");
        QTest::newRow("empty") << QByteArray() << u"xe"_s;
        QTest::newRow("blank, auto") << QByteArray("\n\n") << u"auto"_s;
        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char((i * 131) & 0xff);
        QTest::newRow("binary") << binary << u"xl-list"_s;
        QTest::newRow("binary, auto") << binary << u"auto"_s;
        QTest::newRow("not a listing") << QByteArray("hello world\n") << u"xl-list"_s;
        QTest::newRow("unknown kind") << QByteArray("x\n") << u"nope"_s;
    }

    void unreadableInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, kind);
        const Run r = runCli({u"read"_s, kind, u"-"_s}, input);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.startsWith("xenrescue-cli read: "));
    }

    void missingFile()
    {
        const Run r = runCli({u"read"_s, u"xe"_s, u"/nonexistent/xenrescue-input"_s});
        QCOMPARE(r.exitCode, 2);
    }

    void ladderJson()
    {
        const Run r = runCli(
            {u"ladder"_s, u"--flavour"_s, u"xenserver"_s, u"--version"_s, u"6.2"_s, u"--state"_s, u"-"_s, u"--json"_s},
            kStuckState);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r.out);
        QCOMPARE(o.value(u"flavour").toObject().value(u"kind").toString(), u"xapi-legacy"_s);
        QCOMPARE(o.value(u"recommended").toString(), u"cancel-tasks"_s);
        const QJsonArray rungs = o.value(u"rungs").toArray();
        const QJsonObject destroy = rungs.at(7).toObject();
        // By domain id: sent inside the domain guard (the host checks the id is still the VM's).
        QCOMPARE(destroy.value(u"commands").toArray().at(0).toObject().value(u"action").toString(),
                 u"/opt/xensource/debug/xenops destroy_domain -domid 7"_s);
        QVERIFY(destroy.value(u"commands")
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"shell")
                    .toString()
                    .contains(u" xenrescue-guard 7 vm /vm/"_s));
        QCOMPARE(destroy.value(u"runsOn").toString(), u"resident-host"_s);
        QVERIFY(!r.out.contains("$(reboot)\""));
    }

    void ladderTextFromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(u"state.json"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kStuckState);
        f.close();
        const Run r =
            runCli({u"ladder"_s, u"--flavour"_s, u"xcp-ng"_s, u"--version"_s, u"8.2"_s, u"--state"_s, f.fileName()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("==> 1b"));
        QVERIFY(r.out.contains("$ xe task-cancel uuid=5d17a0b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
        // By domain id: inside the domain guard, which checks the id is still the VM's first.
        QVERIFY(r.out.contains(" xenrescue-guard 7 vm /vm/"));
        QVERIFY(r.out.contains(" xl destroy 7\n"));
        QVERIFY(r.out.contains("destroy the domain first"));
    }

    void ladderErrors()
    {
        QCOMPARE(runCli({u"ladder"_s, u"--flavour"_s, u"hyper-v"_s, u"--state"_s, u"-"_s}, kStuckState).exitCode, 2);
        QCOMPARE(
            runCli({u"ladder"_s, u"--flavour"_s, u"xl"_s, u"--state"_s, u"-"_s}, "{\"xapiPowerState\": 1}").exitCode,
            2);
        QCOMPARE(runCli({u"ladder"_s, u"--state"_s, u"-"_s}, kStuckState).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliRead)
#include "tst_cli_read.moc"
