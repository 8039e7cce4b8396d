// Log sources against lab hosts behind real OpenSSH sshd (tests/support/LabPool), reached over
// SFTP with SshHost exactly as real hosts: tail-first open, scroll-back, follow with rotation
// and truncation, .gz inflated, command output, the host's log list, "go to time" / sync by
// time across two hosts, and a merge across a syslog year boundary.

#include "LabPool.h"
#include "LabSsh.h"
#include "LogDocument.h"
#include "LogFileModel.h"
#include "LogFilterJob.h"
#include "LogSource.h"
#include "MergedLog.h"
#include "SshHost.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace xr;
using xr::test::LabPool;
using xr::test::LabPoolHost;

namespace {

// A xensource.log line in the syslog form, `seconds` after 10:00:00 on Nov 21.
QByteArray xapiLine(const QString& host, int seconds, int n)
{
    const QTime t = QTime(10, 0).addSecs(seconds);
    return QStringLiteral("Nov 21 %1 %2 xapi: [debug|%2|%3 |dispatch:VM.start D:1234|xapi] line %4 of the test log\n")
        .arg(t.toString(QStringLiteral("HH:mm:ss")), host)
        .arg(100 + n % 50)
        .arg(n, 8, 10, QLatin1Char('0'))
        .toUtf8();
}

bool writeFile(const QString& path, const QByteArray& data, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile f(path);
    return f.open(mode) && f.write(data) == data.size();
}

bool waitReady(LogSource& s, int ms = 20000)
{
    return QTest::qWaitFor(
               [&] { return s.state() == LogSource::State::Ready || s.state() == LogSource::State::Failed; }, ms) &&
           s.state() == LogSource::State::Ready;
}

QByteArray joinLines(const LogDocument& doc)
{
    QByteArray out;
    for (quint64 i = 0; i < doc.lineCount(); ++i)
        out += doc.lineBytes(i).toByteArray() + '\n';
    return out;
}

} // namespace

class TestLogSource final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<LabPool> m_pool;
    std::unique_ptr<SshHost> m_a;
    std::unique_ptr<SshHost> m_b;
    LabPoolHost m_hostA;
    LabPoolHost m_hostB;

    std::unique_ptr<SshHost> connect(const LabPoolHost& h)
    {
        auto host = std::make_unique<SshHost>(
            xr::test::labEndpoint(h), xr::test::labOptions(h, m_tmp.filePath(QStringLiteral("app_known_hosts"))));
        host->connectToHost();
        if (!QTest::qWaitFor(
                [&] { return host->state() == HostState::Connected || host->state() == HostState::Failed; }, 20000) ||
            host->state() != HostState::Connected)
            return nullptr;
        return host;
    }

    QString logPath(const LabPoolHost& h, const QString& name) const
    {
        return h.hostRoot + QStringLiteral("/var/log/") + name;
    }

    LogOrigin origin(const LabPoolHost& h, const QString& name) const
    {
        LogOrigin o;
        o.hostName = h.name;
        o.path = QStringLiteral("/var/log/") + name;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QString reason;
        QVERIFY2(LabPool::checkNamespaces(&reason), qPrintable(reason));
        m_pool = std::make_unique<LabPool>(QStringLiteral(XR_LABHOST));
        QVERIFY2(m_pool->start(QStringLiteral("demo")), qPrintable(m_pool->errorString()));
        const QList<LabPoolHost> hosts = m_pool->hosts();
        QVERIFY(hosts.size() >= 2);
        m_hostA = hosts.at(0);
        m_hostB = hosts.at(1);
        m_a = connect(m_hostA);
        m_b = connect(m_hostB);
        QVERIFY(m_a && m_b);
    }

    void cleanupTestCase()
    {
        m_a.reset();
        m_b.reset();
        if (m_pool)
            m_pool->stop();
    }

    void tailFirstThenScrollBack()
    {
        // 4 MiB of lines; the first read takes only the last 64 KiB.
        QByteArray whole;
        for (int i = 0; whole.size() < 4 << 20; ++i)
            whole += xapiLine(m_hostA.name, i, i);
        QVERIFY(writeFile(logPath(m_hostA, QStringLiteral("big.log")), whole));

        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("big.log")));
        s.setTailBytes(64 * 1024);
        s.setChunkBytes(1 << 20);
        QSignalSpy reloaded(&s, &LogSource::reloaded);
        s.open();
        QVERIFY(waitReady(s));
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(s.fileSize(), qint64(whole.size()));
        QCOMPARE(s.format(), LogFormatKind::XapiSyslog);
        QVERIFY(s.canLoadOlder());
        QVERIFY(s.heldBytes() <= 64 * 1024);
        QVERIFY(s.lineCount() > 100);
        // Held bytes start on a line boundary and end with the file.
        QVERIFY(s.baseOffset() > 0);
        QCOMPARE(whole.at(s.baseOffset() - 1), '\n');
        QCOMPARE(joinLines(s), whole.mid(s.baseOffset()));
        QVERIFY(s.lineBytes(s.lineCount() - 1).startsWith(QByteArrayView("Nov 21")));

        // Scroll back chunk by chunk until the whole file is there.
        QSignalSpy prepended(&s, &LogSource::linesPrepended);
        const quint64 before = s.lineCount();
        s.loadOlder();
        QVERIFY(prepended.wait(20000));
        const quint64 added = prepended.takeFirst().at(0).toULongLong();
        QVERIFY(added > 0);
        QCOMPARE(s.lineCount(), before + added);
        QCOMPARE(whole.at(s.baseOffset() - 1), '\n');
        while (s.canLoadOlder()) {
            s.loadOlder();
            QVERIFY(prepended.wait(20000));
        }
        QCOMPARE(s.baseOffset(), qint64(0));
        QCOMPARE(s.heldBytes(), quint64(whole.size()));
        QCOMPARE(joinLines(s), whole);
    }

    void copiedWholePastTheMemoryLimit()
    {
        // Scrolled back past the memory limit, a remote log is copied whole (with progress)
        // and read from the copy: the same lines, nothing held in memory, and followed
        // lines go into the copy; rotated, it is read from its end again, in memory.
        QByteArray whole;
        for (int i = 0; whole.size() < 6 << 20; ++i)
            whole += xapiLine(m_hostA.name, i, i);
        const QString path = logPath(m_hostA, QStringLiteral("copied.log"));
        QVERIFY(writeFile(path, whole));
        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("copied.log")));
        s.setTailBytes(64 * 1024);
        s.setChunkBytes(1 << 20);
        s.setMemoryLimit(2 << 20);
        s.setFollowInterval(100);
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(!s.isFileBacked());
        QSignalSpy prepended(&s, &LogSource::linesPrepended);
        QSignalSpy progress(&s, &LogSource::downloadProgress);
        QSignalSpy finished(&s, &LogSource::downloadFinished);
        s.loadOlder(); // 64 KiB + 1 MiB: still in memory
        QVERIFY(prepended.wait(20000));
        QVERIFY(!s.isFileBacked());
        QVERIFY(progress.isEmpty());
        s.loadOlder(); // past 2 MiB: copied whole
        QVERIFY(prepended.wait(30000));
        QVERIFY(s.isFileBacked());
        QVERIFY(!s.canLoadOlder());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.first().first().toBool());
        QCOMPARE(s.heldBytes(), quint64(whole.size()));
        QCOMPARE(joinLines(s), whole);

        // Followed: new lines reach the copy and the view.
        s.setFollowing(true);
        QByteArray more;
        for (int i = 0; i < 50; ++i)
            more += xapiLine(QStringLiteral("later"), 90000 + i, i);
        QVERIFY(writeFile(path, more, QIODevice::Append));
        QTRY_COMPARE_WITH_TIMEOUT(s.heldBytes(), quint64(whole.size() + more.size()), 10000);
        QCOMPARE(joinLines(s), whole + more);
        LogFilterRequest r;
        r.query.pattern = QStringLiteral("later");
        s.pin();
        LogFilterJob job(s, r);
        QThreadPool::globalInstance()->start(&job);
        QTRY_VERIFY_WITH_TIMEOUT(job.isDone(), 10000);
        s.unpin();
        QCOMPARE(job.lines().size(), std::size_t(50));

        // Rotated: read from its end again, in memory.
        QSignalSpy rotated(&s, &LogSource::rotated);
        QVERIFY(writeFile(path, xapiLine(QStringLiteral("fresh"), 1, 1)));
        QVERIFY(rotated.wait(10000));
        QVERIFY(waitReady(s));
        QVERIFY(!s.isFileBacked());
        QCOMPARE(joinLines(s), xapiLine(QStringLiteral("fresh"), 1, 1));
    }

    void followWithRotationAndTruncation()
    {
        const QString path = logPath(m_hostA, QStringLiteral("follow.log"));
        QByteArray first;
        for (int i = 0; i < 200; ++i)
            first += xapiLine(m_hostA.name, i, i);
        QVERIFY(writeFile(path, first));
        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("follow.log")));
        s.setFollowInterval(100);
        s.open();
        QVERIFY(waitReady(s));
        QCOMPARE(s.lineCount(), quint64(200));
        QVERIFY(s.canFollow());
        s.setFollowing(true);

        // New lines appear.
        QSignalSpy appended(&s, &LogSource::linesAppended);
        QByteArray more;
        for (int i = 200; i < 205; ++i)
            more += xapiLine(m_hostA.name, i, i);
        QVERIFY(writeFile(path, more, QIODevice::Append));
        QTRY_COMPARE_WITH_TIMEOUT(s.lineCount(), quint64(205), 10000);
        QVERIFY(appended.count() >= 1);
        QCOMPARE(appended.first().at(0).toULongLong(), quint64(200));
        QVERIFY(s.lineBytes(204).endsWith(QByteArrayView("line 00000204 of the test log")));

        // A half-written line grows when its end arrives.
        QVERIFY(writeFile(path, QByteArray("Nov 21 10:10:00 host xapi: [debug|h|1 |x|y|z] half"), QIODevice::Append));
        QTRY_COMPARE_WITH_TIMEOUT(s.lineCount(), quint64(206), 10000);
        QVERIFY(writeFile(path, QByteArray(" and the rest\n"), QIODevice::Append));
        QTRY_VERIFY_WITH_TIMEOUT(s.lineBytes(205).endsWith(QByteArrayView("half and the rest")), 10000);
        QCOMPARE(s.lineCount(), quint64(206));

        // Rotation: the file is renamed away and a new one started.
        QSignalSpy rotated(&s, &LogSource::rotated);
        QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
        QByteArray fresh;
        for (int i = 0; i < 3; ++i)
            fresh += "Nov 21 11:00:0" + QByteArray::number(i) + " host xapi: [info|h|1 |x|y|z] after rotation\n";
        // Bigger than what was followed, so the size alone cannot tell.
        for (int i = 0; fresh.size() < first.size() + 4096; ++i)
            fresh += xapiLine(QStringLiteral("rotated"), 3600 + i, i);
        QVERIFY(writeFile(path, fresh));
        QVERIFY(rotated.wait(10000));
        QVERIFY(rotated.first().at(0).toString().contains(QStringLiteral("follow.log")));
        QTRY_COMPARE_WITH_TIMEOUT(joinLines(s), fresh.mid(s.baseOffset()), 10000);
        QVERIFY(s.isFollowing());

        // Truncation (copytruncate): the file shrinks to nothing and gets new lines.
        rotated.clear();
        QVERIFY(writeFile(path, QByteArray("Nov 21 12:00:00 host xapi: [info|h|1 |x|y|z] after truncation\n")));
        QVERIFY(rotated.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(s.lineCount(), quint64(1), 10000);
        QVERIFY(s.lineBytes(0).endsWith(QByteArrayView("after truncation")));
        QVERIFY(rotated.first().at(0).toString().contains(QStringLiteral("truncated")));
    }

    void gzipIsInflated()
    {
        // The lab host's own rotated log, written gzip-compressed by the simulator.
        const QString gz = logPath(m_hostA, QStringLiteral("xensource.log.2.gz"));
        QVERIFY(QFile::exists(gz));
        QProcess gunzip;
        gunzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), gz});
        QVERIFY(gunzip.waitForFinished(10000));
        const QByteArray expected = gunzip.readAllStandardOutput();
        QVERIFY(!expected.isEmpty());

        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("xensource.log.2.gz")));
        QVERIFY(s.origin().isCompressed());
        QVERIFY(!s.canFollow());
        s.open();
        QVERIFY(waitReady(s));
        QCOMPARE(s.heldBytes(), quint64(expected.size()));
        QCOMPARE(joinLines(s), expected);
        QVERIFY(!s.canLoadOlder());
        QCOMPARE(s.format(), LogFormatKind::XapiSyslog);

        // A corrupt .gz is an error, said in words.
        QVERIFY(
            writeFile(logPath(m_hostA, QStringLiteral("broken.log.gz")), QByteArray("\x1f\x8b\x08\x00garbage", 12)));
        LogSource broken(m_a.get(), origin(m_hostA, QStringLiteral("broken.log.gz")));
        broken.open();
        QTRY_VERIFY_WITH_TIMEOUT(broken.state() == LogSource::State::Failed, 20000);
        QVERIFY(!broken.errorString().isEmpty());
    }

    void missingFileFails()
    {
        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("no-such.log")));
        s.open();
        QTRY_VERIFY_WITH_TIMEOUT(s.state() == LogSource::State::Failed, 20000);
        QVERIFY(!s.errorString().isEmpty());
    }

    void commandOutput()
    {
        LogOrigin o;
        o.kind = LogOrigin::Kind::Command;
        o.hostName = m_hostA.name;
        const auto commands = LogFileModel::commandsOf(FlavourKind::XapiModern);
        QCOMPARE(commands.first().first, QStringLiteral("xl dmesg"));
        o.path = commands.first().first;
        o.command = commands.first().second;
        LogSource s(m_a.get(), o);
        s.open();
        QVERIFY2(waitReady(s), qPrintable(s.errorString()));
        QVERIFY(s.lineCount() > 3);
        QCOMPARE(s.format(), LogFormatKind::XenConsole);
        QVERIFY(!s.canFollow());
    }

    void hostLogList()
    {
        QVERIFY(writeFile(logPath(m_hostA, QStringLiteral("SMlog.2.gz")), QByteArray()));
        LogFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy listed(&model, &LogFileModel::listed);
        model.refresh(m_a.get(), FlavourKind::XapiModern);
        QVERIFY(listed.wait(20000));
        QStringList paths;
        for (const LogFileModel::Entry& e : model.entries())
            paths << e.path;
        // Each log, then its rotated siblings in order; command outputs last.
        const qsizetype x = paths.indexOf(QStringLiteral("/var/log/xensource.log"));
        QVERIFY2(x >= 0, qPrintable(paths.join(u' ')));
        QCOMPARE(paths.value(x + 1), QStringLiteral("/var/log/xensource.log.1"));
        QCOMPARE(paths.value(x + 2), QStringLiteral("/var/log/xensource.log.2.gz"));
        const qsizetype sm = paths.indexOf(QStringLiteral("/var/log/SMlog"));
        QVERIFY(sm >= 0);
        QCOMPARE(paths.value(sm + 1), QStringLiteral("/var/log/SMlog.1.gz"));
        QCOMPARE(paths.value(sm + 2), QStringLiteral("/var/log/SMlog.2.gz"));
        QVERIFY(!paths.contains(QStringLiteral("/var/log/big.log"))); // not a log of the flavour
        QCOMPARE(paths.constLast(), QStringLiteral("dmesg"));
        QVERIFY(paths.contains(QStringLiteral("xl dmesg")));
        const LogFileModel::Entry& e = model.entries().at(x);
        QVERIFY(e.size > 0);
        QVERIFY(e.modified.isValid());
        QVERIFY(model.index(int(x + 2), LogFileModel::NameColumn).data(LogFileModel::IsRotatedRole).toBool());
        QCOMPARE(model.index(int(x), LogFileModel::SizeColumn).data().toString(), QLocale().formattedDataSize(e.size));
    }

    void syncByTimeAcrossTwoHosts()
    {
        // Host A logs every second, host B every 7 seconds, over the same hour.
        QByteArray a, b;
        for (int i = 0; i < 3600; ++i)
            a += xapiLine(m_hostA.name, i, i);
        for (int i = 0; i < 3600 / 7; ++i)
            b += xapiLine(m_hostB.name, i * 7, i);
        QVERIFY(writeFile(logPath(m_hostA, QStringLiteral("sync.log")), a));
        QVERIFY(writeFile(logPath(m_hostB, QStringLiteral("sync.log")), b));
        LogSource sa(m_a.get(), origin(m_hostA, QStringLiteral("sync.log")));
        LogSource sb(m_b.get(), origin(m_hostB, QStringLiteral("sync.log")));
        sa.setTailBytes(1 << 20);
        sb.setTailBytes(1 << 20);
        sa.open();
        sb.open();
        QVERIFY(waitReady(sa));
        QVERIFY(waitReady(sb));
        QCOMPARE(sa.lineCount(), quint64(3600));
        // Line 1000 of A is at 10:16:40; B's nearest line at or after it is 1001 s = 143 * 7.
        const auto key = sa.timeKey(1000);
        QVERIFY(key);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(*key, Qt::UTC).time(), QTime(10, 16, 40));
        QCOMPARE(sb.lineAtTime(*key), quint64(143));
        QCOMPARE(sa.lineAtTime(*sb.timeKey(143)), quint64(1001));
        // Before everything and after everything.
        QCOMPARE(sb.lineAtTime(*key - 3600 * 1000), quint64(0));
        QCOMPARE(sb.lineAtTime(*key + 10 * 3600 * 1000), sb.lineCount() - 1);

        // Merged: every line once, in time order, A before B on equal stamps.
        MergedLog merged({&sa, &sb});
        QSignalSpy built(&merged, &MergedLog::built);
        merged.build();
        QVERIFY(built.wait(20000));
        QCOMPARE(merged.lineCount(), sa.lineCount() + sb.lineCount());
        qint64 last = std::numeric_limits<qint64>::min();
        for (quint64 i = 0; i < merged.lineCount(); ++i) {
            const qint64 k = *merged.timeKey(i);
            QVERIFY(k >= last);
            last = k;
        }
        QCOMPARE(merged.sourceOf(0), 0);
        QCOMPARE(merged.sourceOf(1), 1);
        QCOMPARE(merged.mergedIndexOf(1, 143), merged.lineAtTime(*sb.timeKey(143)) + 1);

        // A search over the merged view finds the lines of both logs.
        LogFilterRequest request;
        request.query.pattern = QStringLiteral("line 00000143 of");
        LogFilterJob job(merged, request);
        sa.pin();
        sb.pin();
        QThreadPool::globalInstance()->start(&job);
        QTRY_VERIFY_WITH_TIMEOUT(job.isDone(), 20000);
        sa.unpin();
        sb.unpin();
        QCOMPARE(job.lines().size(), size_t(2));
        QCOMPARE(merged.sourceOf(job.lines()[0]), 0);
        QCOMPARE(merged.sourceOf(job.lines()[1]), 1);
    }

    void mergeAcrossSyslogYearBoundary()
    {
        // Syslog stamps have no year: both files end on New Year's Day (their mtime), so the
        // December lines belong to the year before.
        const QByteArray a = "Dec 31 23:59:50 hostA SM: [1] a1 december\n"
                             "Jan  1 00:00:10 hostA SM: [1] a2 january\n";
        const QByteArray b = "Dec 31 23:58:00 hostB SM: [2] b1 december\n"
                             "Dec 31 23:59:55 hostB SM: [2] b2 december\n"
                             "Jan  1 00:00:05 hostB SM: [2] b3 january\n";
        const QDateTime mtime(QDate(2026, 1, 1), QTime(0, 1), Qt::UTC);
        for (const auto& [host, data] : {std::pair{m_hostA, a}, std::pair{m_hostB, b}}) {
            QFile f(logPath(host, QStringLiteral("newyear.log")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
            f.close();
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(mtime, QFileDevice::FileModificationTime));
        }
        LogSource sa(m_a.get(), origin(m_hostA, QStringLiteral("newyear.log")));
        LogSource sb(m_b.get(), origin(m_hostB, QStringLiteral("newyear.log")));
        sa.open();
        sb.open();
        QVERIFY(waitReady(sa));
        QVERIFY(waitReady(sb));
        QCOMPARE(sa.parsedLine(0).timestamp.date(), QDate(2025, 12, 31));
        QCOMPARE(sa.parsedLine(1).timestamp.date(), QDate(2026, 1, 1));
        MergedLog merged({&sa, &sb});
        QSignalSpy built(&merged, &MergedLog::built);
        merged.build();
        QVERIFY(built.wait(20000));
        QStringList order;
        for (quint64 i = 0; i < merged.lineCount(); ++i)
            order << QString::fromUtf8(merged.lineBytes(i)).section(QLatin1Char(' '), -2, -2);
        QCOMPARE(order, (QStringList{QStringLiteral("b1"), QStringLiteral("a1"), QStringLiteral("b2"),
                                     QStringLiteral("b3"), QStringLiteral("a2")}));

        // A merge dropped while it is built lets go of its sources.
        auto dropped = std::make_unique<MergedLog>(QList<LogSource*>{&sa, &sb});
        dropped->build();
        QVERIFY(sa.isPinned() && sb.isPinned());
        dropped.reset();
        QVERIFY(!sa.isPinned() && !sb.isPinned());
    }

    void downloadWithProgress()
    {
        QByteArray whole;
        for (int i = 0; whole.size() < 3 << 20; ++i)
            whole += xapiLine(m_hostA.name, i, i);
        QVERIFY(writeFile(logPath(m_hostA, QStringLiteral("download.log")), whole));
        LogSource s(m_a.get(), origin(m_hostA, QStringLiteral("download.log")));
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(s.canDownload());
        QSignalSpy progress(&s, &LogSource::downloadProgress);
        QSignalSpy finished(&s, &LogSource::downloadFinished);
        const QString local = m_tmp.filePath(QStringLiteral("download.log"));
        s.download(local);
        QVERIFY(s.isDownloading());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(!progress.isEmpty());
        QFile f(local);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), whole);
    }
};

QTEST_GUILESS_MAIN(TestLogSource)
#include "tst_logsource.moc"
