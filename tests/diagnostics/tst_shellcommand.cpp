#include "ShellCommand.h"

#include <QProcess>
#include <QTest>

using namespace xr;

// Runs the quoted command through a real /bin/sh and checks that every argument arrives
// as exactly one argv element, byte for byte.
class TestShellCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainWordsStayReadable()
    {
        QCOMPARE(shellQuote(QStringLiteral("vm-shutdown")), QStringLiteral("vm-shutdown"));
        QCOMPARE(shellQuote(QStringLiteral("uuid=4bf1a94f-0c1e-4a9b-8f1c-0123456789ab")),
                 QStringLiteral("uuid=4bf1a94f-0c1e-4a9b-8f1c-0123456789ab"));
        QCOMPARE(shellQuote(QString()), QStringLiteral("''"));
        QCOMPARE(
            ShellCommand({QStringLiteral("xe"), {QStringLiteral("vm-list"), QStringLiteral("params=all")}}).toShell(),
            QStringLiteral("xe vm-list params=all"));
    }

    void hostileArguments_data()
    {
        QTest::addColumn<QString>("arg");
        QTest::newRow("single quote") << QStringLiteral("it's");
        QTest::newRow("double quotes") << QStringLiteral("say \"hi\"");
        QTest::newRow("command substitution") << QStringLiteral("$(touch /tmp/xr-pwned)");
        QTest::newRow("backticks") << QStringLiteral("`reboot`");
        QTest::newRow("semicolon") << QStringLiteral("a; rm -rf /");
        QTest::newRow("newline") << QStringLiteral("line1\nline2");
        QTest::newRow("leading dash") << QStringLiteral("-rf");
        QTest::newRow("glob") << QStringLiteral("*");
        QTest::newRow("variable") << QStringLiteral("$HOME ${PATH}");
        QTest::newRow("non-ascii") << QStringLiteral("虚拟机-ü\u00e9");
        QTest::newRow("quotes only") << QStringLiteral("'''");
        QTest::newRow("backslash") << QStringLiteral("a\\b\\'c");
        QTest::newRow("tab and space") << QStringLiteral(" \t ");
    }

    void hostileArguments()
    {
        QFETCH(QString, arg);
        const ShellCommand cmd{QStringLiteral("printf"), {QStringLiteral("[%s]\\n"), arg, QStringLiteral("end")}};
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), cmd.toShell()});
        QVERIFY(sh.waitForFinished(10000));
        QCOMPARE(sh.exitCode(), 0);
        const QString expected = QLatin1Char('[') + arg + QStringLiteral("]\n[end]\n");
        QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), expected);
    }
};

QTEST_GUILESS_MAIN(TestShellCommand)
#include "tst_shellcommand.moc"
