#include "AuditLog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void linesAreJsonAndFlushed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/audit.jsonl"));
        AuditLog log(path);

        AuditEntry e;
        e.time = QDateTime(QDate(2024, 3, 1), QTime(10, 41, 2, 5), Qt::UTC);
        e.host = QStringLiteral("root@xs-01:22");
        e.user = QStringLiteral("root");
        // Hostile: quotes, a newline and a $(...) must stay inside one JSON string.
        e.command = QStringLiteral("xe vm-shutdown uuid='4bf1' force=true\necho \"$(id)\" \\ done");
        e.outcome = AuditOutcome::Finished;
        e.exitStatus = 0;
        e.durationMs = 1234;
        e.runId = QStringLiteral("run-7");
        QVERIFY(log.append(e).ok());

        // Read while the log object is alive and its file open: the line must already be on disk.
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QByteArray content = reader.readAll();
        QCOMPARE(content.count('\n'), 1);
        QVERIFY(content.endsWith('\n'));

        AuditEntry second = e;
        second.command = QStringLiteral("xl list");
        second.outcome = AuditOutcome::TimedOut;
        second.exitStatus = -1;
        second.runId.clear();
        QVERIFY(log.append(second).ok());
        content += reader.readAll();
        const QList<QByteArray> lines = content.split('\n');
        QCOMPARE(lines.size(), 3); // two lines and the empty tail
        QVERIFY(lines.last().isEmpty());

        QJsonParseError error{};
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(first.value(QStringLiteral("time")).toString(), QStringLiteral("2024-03-01T10:41:02.005Z"));
        QCOMPARE(first.value(QStringLiteral("host")).toString(), e.host);
        QCOMPARE(first.value(QStringLiteral("user")).toString(), e.user);
        QCOMPARE(first.value(QStringLiteral("command")).toString(), e.command);
        QCOMPARE(first.value(QStringLiteral("outcome")).toString(), QStringLiteral("finished"));
        QCOMPARE(first.value(QStringLiteral("exitStatus")).toInt(), 0);
        QCOMPARE(first.value(QStringLiteral("durationMs")).toInt(), 1234);
        QCOMPARE(first.value(QStringLiteral("runId")).toString(), QStringLiteral("run-7"));

        const QJsonObject other = QJsonDocument::fromJson(lines.at(1), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(other.value(QStringLiteral("exitStatus")).toInt(), -1);
        QVERIFY(other.value(QStringLiteral("runId")).isNull());

#ifdef Q_OS_UNIX
        QVERIFY(!(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
#endif
    }

    void recordFromResult()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.jsonl"));
        {
            AuditLog log(path);
            CommandRequest request;
            request.command = QStringLiteral("xe vm-list --minimal");
            CommandResult result;
            result.outcome = CommandOutcome::ConnectionLost;
            result.elapsedMs = 42;
            result.stdOut = "secret-looking output must not be logged";
            QVERIFY(log.record(QStringLiteral("root@xs-02:22"), QStringLiteral("root"), request, result, QString(),
                               QDateTime::currentDateTimeUtc())
                        .ok());
        }
        // A second log object appends to the same file.
        AuditLog again(path);
        AuditEntry e;
        e.time = QDateTime::currentDateTimeUtc();
        e.command = QStringLiteral("true");
        QVERIFY(again.append(e).ok());

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(!lines.at(0).contains("secret-looking"));
        const QJsonObject o = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("connection-lost"));
        QCOMPARE(o.value(QStringLiteral("durationMs")).toInt(), 42);
    }

    void unwritableIsAnError()
    {
        QTemporaryDir dir;
        // A folder where the file should be: opening it for append fails.
        const QString path = dir.filePath(QStringLiteral("audit.jsonl"));
        QVERIFY(QDir().mkpath(path));
        AuditLog log(path);
        const Result<void> written = log.append(AuditEntry{});
        QVERIFY(!written.ok());
        QVERIFY(written.errorMessage().contains(QStringLiteral("audit.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
