#include "HostOutputJson.h"
#include "ToolstackRestart.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QFile>
#include <QTest>

using namespace xr;

class TestToolstackRestart final : public QObject
{
    Q_OBJECT

private:
    static QByteArray sample(const char* name)
    {
        QFile f(QStringLiteral(XR_TEST_DATA_DIR "/") + QLatin1String(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void sysvSampleWithAFailedService()
    {
        const QByteArray text = sample("xe-toolstack-restart__blog-xen-server-cluster-xs6-collapsed.txt");
        QVERIFY(!text.isEmpty());
        const auto r = ToolstackRestart::parse(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->steps.size(), 10);
        QVERIFY(r->done);
        QVERIFY(!r->executingLine);
        QVERIFY(r->report.isClean());

        QCOMPARE(r->steps.first().action, ToolstackStep::Action::Stop);
        QCOMPARE(r->steps.first().service, QStringLiteral("xapi"));
        QCOMPARE(r->steps.first().status, ToolstackStep::Status::Ok);
        QCOMPARE(r->steps.at(1).service, QStringLiteral("the v6 licensing daemon"));

        const auto failed = r->failedSteps();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().service, QStringLiteral("perfmon"));
        QCOMPARE(failed.first().action, ToolstackStep::Action::Stop);
        QCOMPARE(failed.first().line, 4);
        QVERIFY(!r->succeeded()); // a service failed to stop

        const ToolstackStep last = r->steps.last();
        QCOMPARE(last.action, ToolstackStep::Action::Start);
        QCOMPARE(last.service, QStringLiteral("xapi"));
        QCOMPARE(last.detail, QStringLiteral("start-of-day complete."));
        QCOMPARE(last.status, ToolstackStep::Status::Ok);
        QVERIFY(r->xapiStarted());
    }

    void readAsJsonForTheCli()
    {
        const QByteArray text = sample("xe-toolstack-restart__blog-xen-server-cluster-xs6-collapsed.txt");
        QCOMPARE(HostOutputJson::detect(text), std::optional(HostOutputKind::ToolstackRestart));
        QCOMPARE(HostOutputJson::detect("Executing xe-toolstack-restart\ndone.\n"),
                 std::optional(HostOutputKind::ToolstackRestart));
        const auto json = HostOutputJson::read(HostOutputKind::ToolstackRestart, text);
        QVERIFY(json.ok());
        QCOMPARE(json->value(u"kind").toString(), QStringLiteral("toolstack-restart"));
        QCOMPARE(json->value(u"succeeded").toBool(), false);
        QCOMPARE(json->value(u"xapiStarted").toBool(), true);
        const QJsonArray steps = json->value(u"steps").toArray();
        QCOMPARE(steps.size(), 10);
        QCOMPARE(steps.at(3).toObject().value(u"service").toString(), QStringLiteral("perfmon"));
        QCOMPARE(steps.at(3).toObject().value(u"status").toString(), QStringLiteral("failed"));
    }

    void paddedStatusesAsThe62ScriptPrintsThem()
    {
        const auto r = ToolstackRestart::parse("Stopping xapi: ....[  OK  ]\n"
                                               "Starting the memory ballooning daemon: .[  OK  ]\n"
                                               "Starting xapi: ..start-of-day complete.[  OK  ]\n"
                                               "done.\n");
        QVERIFY(r.ok());
        QCOMPARE(r->steps.size(), 3);
        QVERIFY(r->succeeded());
        QVERIFY(r->xapiStarted());
        QCOMPARE(r->steps.at(1).service, QStringLiteral("the memory ballooning daemon"));
        QCOMPARE(r->steps.at(1).detail, QString());
    }

    void systemdEra()
    {
        const auto r = ToolstackRestart::parse("Executing xe-toolstack-restart\ndone.\n");
        QVERIFY(r.ok());
        QVERIFY(r->executingLine);
        QVERIFY(r->steps.isEmpty());
        QVERIFY(r->succeeded());
        QVERIFY(r->xapiStarted());
    }

    void xapiThatDidNotComeBack()
    {
        const auto r = ToolstackRestart::parse("Stopping xapi: ..[  OK  ]\nStarting xapi: ......[FAILED]\ndone.\n");
        QVERIFY(r.ok());
        QVERIFY(!r->succeeded());
        QVERIFY(!r->xapiStarted());
    }

    void cutOffIsPartial()
    {
        // The connection dropped while xapi was starting: no status, no "done.".
        const auto r = ToolstackRestart::parse("Stopping xapi: ..[  OK  ]\nStarting xapi: ...");
        QVERIFY(r.ok());
        QVERIFY(r->report.partial);
        QVERIFY(!r->done);
        QCOMPARE(r->steps.last().status, ToolstackStep::Status::Unknown);
        QVERIFY(!r->succeeded());
        QVERIFY(!r->xapiStarted());
    }

    void unusableInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("blank") << QByteArray("\n  \n");
        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char((i * 7919) % 256);
        QTest::newRow("binary") << binary;
        QTest::newRow("other command") << QByteArray("bash: xe-toolstack-restart: command not found\n");
    }

    void unusableInput()
    {
        QFETCH(QByteArray, input);
        const auto r = ToolstackRestart::parse(input);
        QVERIFY(!r.ok());
        QVERIFY(!r.errorMessage().isEmpty());
    }

    void hostileAndHugeInputNeverCrashes()
    {
        const auto r = ToolstackRestart::parse("Stopping $(reboot); `x` 'y': [ OK ]\n\xff\xfe invalid\ndone.\n");
        QVERIFY(r.ok());
        QCOMPARE(r->steps.first().service, QStringLiteral("$(reboot); `x` 'y'"));
        QVERIFY(r->report.invalidUtf8);

        QByteArray huge;
        for (int i = 0; i < 200000; ++i)
            huge += "Starting perfmon: [  OK  ]\n";
        const auto big = ToolstackRestart::parse(huge);
        QVERIFY(big.ok());
        QCOMPARE(big->steps.size(), 1000); // capped, and said so
        QVERIFY(big->report.partial);
    }
};

QTEST_GUILESS_MAIN(TestToolstackRestart)
#include "tst_toolstackrestart.moc"
