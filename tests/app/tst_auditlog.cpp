#include "AuditLog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {
AuditEntry numbered(int i)
{
    AuditEntry e;
    e.time = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
    e.host = u"root@xs-01:22"_s;
    e.user = u"root"_s;
    e.command = u"xl destroy %1"_s.arg(i);
    e.outcome = AuditOutcome::Sent;
    e.exitStatus = i;
    return e;
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

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

    void rotatesBySizeAndKeepsFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        const qint64 lineSize = AuditLog::toJsonLine(numbered(10)).size();
        const qint64 maxBytes = 10 * lineSize; // ten lines of this size per file
        AuditLog log(path);
        QCOMPARE(log.maxBytes(), AuditLog::kDefaultMaxBytes);
        QCOMPARE(log.keepFiles(), AuditLog::kDefaultKeepFiles);
        log.setRotation(maxBytes, 3);
        for (int i = 10; i < 65; ++i) // 55 lines: 5 full files and 5 lines; only 3 old ones are kept
            QVERIFY(log.append(numbered(i)));

        QCOMPARE(contents(path).count('\n'), 5);
        for (int i = 1; i <= 3; ++i) {
            const QByteArray old = contents(AuditLog::rotatedPath(path, i));
            QCOMPARE(old.count('\n'), 10);
            QVERIFY(old.size() <= maxBytes);
            // audit.jsonl.1 is the newest old file: it ends right before the current one.
            QVERIFY(old.endsWith(AuditLog::toJsonLine(numbered(64 - 5 - 10 * (i - 1)))));
        }
        QVERIFY(!QFile::exists(AuditLog::rotatedPath(path, 4)));
        QVERIFY(QFileInfo(AuditLog::rotatedPath(path, 1)).fileName() == u"audit.jsonl.1"_s);

        // Read across the files, newest last; a limit takes the newest.
        Result<QList<AuditEntry>> all = AuditLog::readTail(path, 0);
        QVERIFY(all);
        QCOMPARE(all->size(), 35);
        for (int i = 0; i < all->size(); ++i)
            QCOMPARE(all->at(i).exitStatus, 30 + i);
        const Result<QList<AuditEntry>> last = AuditLog::readTail(path, 8);
        QVERIFY(last);
        QCOMPARE(last->size(), 8);
        QCOMPARE(last->constFirst().exitStatus, 57); // across the rotation: 57..59 in .1, 60..64 current
        QCOMPARE(last->constLast().exitStatus, 64);

        // A second writer with the defaults finds the current file and goes on in it.
        AuditLog other(path);
        QVERIFY(other.append(numbered(65)));
        QCOMPARE(contents(path).count('\n'), 6);

        // Rotated away with no line since: the old files still read.
        QVERIFY(QFile::rename(path, dir.filePath(u"moved"_s)));
        all = AuditLog::readTail(path, 0);
        QVERIFY(all);
        QCOMPARE(all->size(), 30);
    }

    void lineLargerThanTheLimitStandsAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path);
        log.setRotation(16, 2);
        QVERIFY(log.append(numbered(1)));
        QVERIFY(log.append(numbered(2)));
        QCOMPARE(contents(path), AuditLog::toJsonLine(numbered(2)));
        QCOMPARE(contents(AuditLog::rotatedPath(path, 1)), AuditLog::toJsonLine(numbered(1)));
        // Keeping none: the old file goes.
        log.setRotation(16, 0);
        QVERIFY(log.append(numbered(3)));
        QCOMPARE(contents(path), AuditLog::toJsonLine(numbered(3)));
    }

    void tornLastLineIsClosedInTheSameWrite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(AuditLog::toJsonLine(numbered(1)) + "{\"time\":\"2024-01-01T00:00:00Z\",\"ho");
        }
        AuditLog log(path);
        QVERIFY(log.append(numbered(2)));
        const QList<QByteArray> lines = contents(path).split('\n');
        QCOMPARE(lines.size(), 4); // whole, torn, whole, empty tail
        QVERIFY(AuditLog::fromJsonLine(lines.at(0)));
        QVERIFY(!AuditLog::fromJsonLine(lines.at(1)));
        QCOMPARE(AuditLog::fromJsonLine(lines.at(2))->exitStatus, 2);
        const Result<QList<AuditEntry>> read = AuditLog::readTail(path);
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
    }

    void heldLockIsABoundedWait()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path);
        QVERIFY(log.append(numbered(1)));
        // Another live process holds the lock (this process stands for it: QLockFile names a
        // process, and this one is alive, so the lock is not stale).
        QLockFile other(AuditLog::lockPath(path));
        QVERIFY(other.tryLock(0));
        log.setLockTimeout(300);
        const Result<void> written = log.append(numbered(2));
        QVERIFY(!written);
        QVERIFY2(written.errorMessage().contains(u"holds its lock"_s), qPrintable(written.errorMessage()));
        QCOMPARE(written.error().code, u"audit-locked"_s);
        QCOMPARE(contents(path).count('\n'), 1);
        other.unlock();
        QVERIFY(log.append(numbered(2)));
        QCOMPARE(contents(path).count('\n'), 2);
        QVERIFY(!QFile::exists(AuditLog::lockPath(path)));
    }

    void olderFileGetsOwnerOnlyPermissions()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                     QFileDevice::ReadOther));
        }
        AuditLog log(path);
        QVERIFY(log.append(numbered(1)));
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
#else
        QSKIP("POSIX permissions");
#endif
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
