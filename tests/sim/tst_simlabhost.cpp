// xenrescue-labhost as the lab-pool harness will use it: one process per command, state in
// a file, concurrent processes, the record file, logs that grow.

#include "SimTestSupport.h"

#include "SimStateStore.h"
#include "XeError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace xr;
using namespace xr::sim;
using namespace xrtest;

namespace {

const QString Labhost = QStringLiteral(XR_LABHOST_PATH);

std::unique_ptr<QProcess> start(const QString& dir, const QString& host, const QStringList& argv)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XR_LAB_STATE"), dir + QStringLiteral("/state.json"));
    env.insert(QStringLiteral("XR_LAB_HOST"), host);
    p->setProcessEnvironment(env);
    p->start(Labhost, argv);
    return p;
}

struct Done
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
};

Done finish(QProcess& p)
{
    p.waitForFinished(60000);
    return Done{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
}

Done runOnce(const QString& dir, const QString& host, const QStringList& argv)
{
    auto p = start(dir, host, argv);
    return finish(*p);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSimLabhost final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initAndRecord()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess init;
        init.start(Labhost, {QStringLiteral("--init"), dir.path(), QStringLiteral("demo")});
        QVERIFY(init.waitForFinished(30000));
        QCOMPARE(init.exitCode(), 0);
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/hosts/xcp-lab-01/etc/xensource-inventory")));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/hosts/xcp-lab-02/var/log/xensource.log.2.gz")));
        QVERIFY(readFile(dir.path() + QStringLiteral("/hosts/xcp-lab-02/var/log/xensource.log.2.gz"))
                    .startsWith("\x1f\x8b"));

        const QString hostile = QStringLiteral("name-label=$(rm -rf /) 'q' \"d\" ;\nx");
        const Done list = runOnce(dir.path(), QStringLiteral("xcp-lab-02"),
                                  {QStringLiteral("xe"), QStringLiteral("vm-list"), hostile});
        QCOMPARE(list.exit, 0);
        QCOMPARE(list.out, QByteArray());
        const QList<QByteArray> lines = readFile(dir.path() + QStringLiteral("/record.jsonl")).split('\n');
        QCOMPARE(lines.size(), 2); // one line and the final newline
        const QJsonObject rec = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(rec.value(QStringLiteral("host")).toString(), QStringLiteral("xcp-lab-02"));
        QCOMPARE(rec.value(QStringLiteral("argv")).toArray(),
                 QJsonArray::fromStringList({QStringLiteral("xe"), QStringLiteral("vm-list"), hostile}));
        QVERIFY(!rec.value(QStringLiteral("time")).toString().isEmpty());

        // Without the environment it says what is missing.
        QProcess bare;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("XR_LAB_STATE"));
        bare.setProcessEnvironment(env);
        bare.start(Labhost, {QStringLiteral("xe"), QStringLiteral("vm-list")});
        QVERIFY(bare.waitForFinished(30000));
        QCOMPARE(bare.exitCode(), 127);
        QVERIFY(bare.readAllStandardError().contains("XR_LAB_STATE"));
    }

    void twentyParallelCommandsStayConsistent()
    {
        QTemporaryDir dir;
        SimStateStore store(dir.path() + QStringLiteral("/state.json"));
        QVERIFY(store.initialise(scenario("hung-vm-stuck-task")));
        const QString vm = uuidOf(*store.load(), "healthy-vm");
        const int before = store.load()->host(QStringLiteral("xcp-hung"))->commandCount;

        // 20 force shutdowns of one VM at once: exactly one wins, the others see it halted.
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < 20; ++i)
            procs.push_back(start(dir.path(), QStringLiteral("xcp-hung"),
                                  {QStringLiteral("xe"), QStringLiteral("vm-shutdown"), QStringLiteral("uuid=") + vm,
                                   QStringLiteral("--force")}));
        int won = 0, refused = 0;
        for (auto& p : procs) {
            const Done d = finish(*p);
            if (d.exit == 0)
                ++won;
            else if (XeError::parse(d.err)->code == u"VM_BAD_POWER_STATE")
                ++refused;
            else
                QFAIL(d.err.constData());
        }
        QCOMPARE(won, 1);
        QCOMPARE(refused, 19);
        const std::optional<SimPool> after = store.load();
        QVERIFY(after);
        QCOMPARE(after->host(QStringLiteral("xcp-hung"))->commandCount, before + 20);
        QCOMPARE(after->vm(vm)->powerState, PowerState::Halted);

        // 20 parallel loggers: 20 syslog lines, 40 record lines in all, every one valid JSON.
        procs.clear();
        for (int i = 0; i < 20; ++i)
            procs.push_back(start(dir.path(), QStringLiteral("xcp-hung"),
                                  {QStringLiteral("logger"), QStringLiteral("-t"), QStringLiteral("xenrescue"),
                                   QStringLiteral("line %1").arg(i)}));
        for (auto& p : procs)
            QCOMPARE(finish(*p).exit, 0);
        const QByteArray syslog =
            readFile(store.hostRoot(QStringLiteral("xcp-hung")) + QStringLiteral("/var/log/messages"));
        for (int i = 0; i < 20; ++i)
            QVERIFY(syslog.contains(QStringLiteral(" xcp-hung xenrescue: line %1\n").arg(i).toUtf8()));
        QList<QByteArray> records = readFile(dir.path() + QStringLiteral("/record.jsonl")).split('\n');
        records.removeAll(QByteArray());
        QCOMPARE(records.size(), 40);
        for (const QByteArray& r : records)
            QVERIFY(QJsonDocument::fromJson(r).isObject());
        QCOMPARE(store.load()->host(QStringLiteral("xcp-hung"))->commandCount, before + 40);
    }

    void blockedXeWaitsForToolstackRestart()
    {
        QTemporaryDir dir;
        SimStateStore store(dir.path() + QStringLiteral("/state.json"));
        QVERIFY(store.initialise(scenario("xapi-wedged")));
        auto hung = start(dir.path(), QStringLiteral("xcp-wedged"),
                          {QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("--minimal")});
        QVERIFY(hung->waitForStarted());
        QVERIFY(!hung->waitForFinished(800)); // still blocked
        const Done ld = runOnce(dir.path(), QStringLiteral("xcp-wedged"), {QStringLiteral("list_domains")});
        QCOMPARE(ld.exit, 0);
        const Done restart =
            runOnce(dir.path(), QStringLiteral("xcp-wedged"), {QStringLiteral("xe-toolstack-restart")});
        QCOMPARE(restart.exit, 0);
        const Done listed = finish(*hung);
        QCOMPARE(listed.exit, 0);
        QCOMPARE(listed.out.count(','), 1);
        QVERIFY(readFile(store.hostRoot(QStringLiteral("xcp-wedged")) + QStringLiteral("/var/log/xensource.log"))
                    .contains("(Re)starting xapi"));
    }

    void shellModeAndLinks()
    {
        QTemporaryDir dir;
        SimStateStore store(dir.path() + QStringLiteral("/state.json"));
        QVERIFY(store.initialise(scenario("xl-host")));
        const Done sh =
            runOnce(dir.path(), QStringLiteral("xen-xl"),
                    {QStringLiteral("--sh"), QStringLiteral("command -v xl && xl list 'web' 2>&1; xe vm-list")});
        QCOMPARE(sh.exit, 127);
        QVERIFY(sh.out.startsWith("/usr/sbin/xl\nName "));
        QVERIFY(sh.err.contains("xe: command not found"));
        // Invoked through a link named after the tool.
        const QString link = dir.path() + QStringLiteral("/xl");
        QVERIFY(QFile::link(Labhost, link));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XR_LAB_STATE"), store.statePath());
        env.insert(QStringLiteral("XR_LAB_HOST"), QStringLiteral("xen-xl"));
        p.setProcessEnvironment(env);
        p.start(link, {QStringLiteral("info")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("host                   : xen-xl\n"));
        QProcess programs;
        programs.start(Labhost, {QStringLiteral("--programs"), QStringLiteral("xenserver-6.2")});
        QVERIFY(programs.waitForFinished(30000));
        const QByteArray list = programs.readAllStandardOutput();
        QVERIFY(list.contains("/usr/lib/xen/bin/crash_guest\n"));
        QVERIFY(!list.contains("/usr/sbin/xl\n"));
    }
};

QTEST_GUILESS_MAIN(TestSimLabhost)
#include "tst_simlabhost.moc"
