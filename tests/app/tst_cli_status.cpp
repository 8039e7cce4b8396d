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

    // A VM name holding terminal escapes (a title change, a screen clear, a C1 CSI), a
    // right-to-left override and a zero-width space is printed as visible escapes: no byte of
    // it can drive the terminal or reorder what is shown.
    void hostileNamesCannotDriveTheTerminal()
    {
        const Run r = runCli({u"status"_s, u"--demo"_s, u"hostile-names"_s});
        QCOMPARE(r.exitCode, 0);
        const QByteArray all = r.out + r.err;
        QVERIFY2(!all.contains('\x1b'), "a raw ESC reached the terminal");
        QVERIFY(!all.contains('\x07'));
        QVERIFY(!all.contains("\xc2\x9b"));     // U+009B, CSI in one character
        QVERIFY(!all.contains("\xe2\x80\xae")); // U+202E RIGHT-TO-LEFT OVERRIDE
        QVERIFY(!all.contains("\xe2\x80\x8b")); // U+200B ZERO WIDTH SPACE
        const QString out = QString::fromUtf8(r.out);
        const QString shown = u"esc\\x1b]0;pwned\\x07\\x1b[2J\\u{202e}evil\\u{200b}name\\x9b"_s;
        const QString line = out.section(u"esc"_s, 1).section(u'\n', 0, 0);
        qInfo().noquote() << "printed:" << u"esc"_s + line;
        QVERIFY2(out.contains(shown), qPrintable(out));
        // The other hostile names are still shown as they are.
        QVERIFY(out.contains(u"$(touch /tmp/xr-pwned); rm -rf x"_s));
        QVERIFY(out.contains(u"数据库-ünïcode, with comma\\"_s));
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
