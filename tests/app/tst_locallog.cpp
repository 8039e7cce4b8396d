// A local log is file-backed (LogSource reads it through its line index, never holding it
// in memory): the tail first, the whole file indexed on scroll-back, the lines read back
// through the page cache, and every job (search, severity filter, catalogue scan, merge)
// reading it in pieces. Each is compared with the same work done on the whole file in
// memory; then follow, a file cut short under the viewer, and hostile bytes.

#include "ErrorCatalogue.h"
#include "LogFilterJob.h"
#include "LogSearch.h"
#include "LogSource.h"
#include "MergedLog.h"
#include "SampleData.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <memory>

using namespace xr;

namespace {

bool writeFile(const QString& path, const QByteArray& data, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile f(path);
    return f.open(mode) && f.write(data) == data.size();
}

bool setMtime(const QString& path, const QDateTime& when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

bool waitReady(LogSource& s)
{
    return QTest::qWaitFor(
               [&] { return s.state() == LogSource::State::Ready || s.state() == LogSource::State::Failed; }, 20000) &&
           s.state() == LogSource::State::Ready;
}

LogOrigin localOrigin(const QString& path)
{
    LogOrigin o;
    o.kind = LogOrigin::Kind::LocalFile;
    o.path = path;
    return o;
}

// A xensource.log of `bytes` from the lines of real samples, restamped to run in time order
// from Dec 30 to Jan 2 (a New Year inside), with CRLF endings on some lines and continuation
// lines without a stamp.
QByteArray buildLog(qsizetype bytes)
{
    QList<QByteArray> lines;
    for (const char* name :
         {"xensource-log__lnav-xenserver-logs-samples.txt", "xensource-log__xcpng-issue-561-ng02.txt",
          "xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt", "smlog__xcpng-issue-561-ng02.txt",
          "smlog-smgc__xcpng-sm-pr-87-sigterm.txt"}) {
        for (const QByteArray& l : xrtest::readSample(name).split('\n')) {
            // "Mmm dd hh:mm:ss " and the rest.
            if (l.size() > 16 && l[3] == ' ' && l[9] == ':' && l[12] == ':' && l[15] == ' ')
                lines.append(l.mid(15));
        }
    }
    // A known problem now and then, for the catalogue scan.
    lines.append(" xs-01 xapi: [error|xs-01|77 |VM.start R:1|xapi] Raised BOOTLOADER_FAILED: The bootloader returned "
                 "an error");
    if (lines.size() < 20)
        return {}; // the samples are missing: initTestCase fails
    QByteArray out;
    out.reserve(bytes + 4096);
    static const char* const days[] = {"Dec 30", "Dec 31", "Jan  1", "Jan  2"};
    for (qsizetype n = 0; out.size() < bytes; ++n) {
        const qint64 share = qint64(out.size()) * 4;
        const int day = int(share / bytes);
        const int second = int((share % bytes) * 86399 / bytes);
        out += QByteArray(days[day]) + QTime(0, 0).addSecs(second).toString(QStringLiteral(" HH:mm:ss")).toLatin1();
        out += lines.at(n % lines.size());
        out += (n % 97 == 0) ? "\r\n" : "\n";
        if (n % 1000 == 999)
            out += "   continuation line without a stamp\n";
    }
    return out;
}

std::unique_ptr<LogSource> openWhole(const QString& path)
{
    auto s = std::make_unique<LogSource>(nullptr, localOrigin(path));
    s->setTailBytes(64 * 1024);
    s->open();
    if (!waitReady(*s))
        return nullptr;
    if (!s->canLoadOlder())
        return s;
    QSignalSpy prepended(s.get(), &LogSource::linesPrepended);
    s->loadAll();
    if (!prepended.wait(20000))
        return nullptr;
    return s;
}

// Runs a filter job to its end on the thread pool.
std::vector<quint64> runJob(const LogDocument& doc, const LogFilterRequest& request,
                            std::vector<LogCatalogueHit>* hits = nullptr, QString* failure = nullptr)
{
    LogFilterJob job(doc, request);
    QSignalSpy failed(&job, &LogFilterJob::failed);
    QThreadPool::globalInstance()->start(&job);
    (void)QTest::qWaitFor([&] { return job.isDone(); }, 60000);
    if (hits)
        *hits = job.hits();
    if (failure && !failed.isEmpty())
        *failure = failed.first().first().toString();
    return job.lines();
}

} // namespace

class TestLocalLog final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QByteArray m_data; // 12 MiB: three pieces for the jobs
    LineIndex m_index; // of m_data in memory: what the file-backed source must agree with
    QString m_path;
    const QDateTime m_mtime{QDate(2026, 1, 2), QTime(23, 0), Qt::UTC};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_data = buildLog(12 << 20);
        QVERIFY(m_data.size() > 12 << 20);
        m_index.build(m_data);
        m_path = m_tmp.filePath(QStringLiteral("xensource.log"));
        QVERIFY(writeFile(m_path, m_data));
        QVERIFY(setMtime(m_path, m_mtime));
    }

    void tailFirstThenWholeIndex()
    {
        LogSource s(nullptr, localOrigin(m_path));
        s.setTailBytes(64 * 1024);
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(s.isFileBacked());
        QVERIFY(s.heldBytes() <= 64 * 1024);
        QVERIFY(s.canLoadOlder());
        QVERIFY(LogSource::hasSyslogStamps(s.format()));
        // The tail's lines are the file's last lines, from a line start on.
        const quint64 n = s.lineCount();
        const quint64 total = m_index.lineCount();
        QVERIFY(n > 100);
        for (quint64 i = 0; i < n; ++i)
            QCOMPARE(s.lineBytes(i).toByteArray(), m_index.line(m_data, total - n + i).toByteArray());

        QSignalSpy prepended(&s, &LogSource::linesPrepended);
        s.loadOlder(); // a local file: all of it at once
        QVERIFY(prepended.wait(20000));
        QCOMPARE(prepended.first().first().toULongLong(), total - n);
        QVERIFY(!s.canLoadOlder());
        QCOMPARE(s.lineCount(), total);
        QCOMPARE(s.heldBytes(), quint64(m_data.size()));
        // Every line through the page cache, in an order that evicts pages, then backwards.
        for (quint64 i = 0; i < total; i += 7)
            QCOMPARE(s.lineBytes(i), m_index.line(m_data, i));
        for (quint64 i = total; i-- > 0;)
            if (i % 1013 == 0)
                QCOMPARE(s.lineBytes(i), m_index.line(m_data, i));
        // 8 bytes per line, not the file.
        QVERIFY2(s.index().memoryUsage() < total * 8 + (1 << 20), qPrintable(QString::number(s.index().memoryUsage())));
    }

    void yearsFromTheStreamingPass()
    {
        auto s = openWhole(m_path);
        QVERIFY(s);
        QVERIFY(s->hasYears());
        LogParser reference(s->format(), s->yearsReference());
        reference.setYears(SyslogYears::infer(m_data, m_index, s->yearsReference()));
        for (quint64 i = 0; i < m_index.lineCount(); i += 11)
            QCOMPARE(s->timeKey(i), reference.timeKey(m_index.line(m_data, i), i));
        QCOMPARE(s->parsedLine(0).timestamp.date(), QDate(2025, 12, 30));
        QCOMPARE(s->parsedLine(s->lineCount() - 1).timestamp.date(), QDate(2026, 1, 2));
        // Go to time is a binary search over the index.
        const qint64 newYear = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const quint64 at = s->lineAtTime(newYear);
        QVERIFY(s->lineBytes(at).startsWith("Jan  1"));
        QVERIFY(!s->lineBytes(at - 1).startsWith("Jan"));
    }

    void jobsReadInPieces()
    {
        auto s = openWhole(m_path);
        QVERIFY(s);
        std::atomic<bool> never{false};
        for (const auto& [pattern, regex, cs] :
             {std::tuple{QStringLiteral("xenops_server"), false, true}, std::tuple{QStringLiteral("vdi"), false, false},
              std::tuple{QStringLiteral("error|.*backtrace"), true, true},
              std::tuple{QStringLiteral("D:[0-9a-f]+\\|"), true, false}}) {
            LogFilterRequest r;
            r.query.pattern = pattern;
            r.query.regex = regex;
            r.query.caseSensitive = cs;
            const auto expected = searchLog(m_data, m_index, r.query, never);
            QVERIFY(expected.ok());
            QVERIFY2(!expected->lines.empty(), qPrintable(pattern));
            QCOMPARE(runJob(*s, r), expected->lines);
        }

        LogFilterRequest severity;
        severity.kind = LogFilterRequest::Kind::Severity;
        std::vector<quint64> warnings;
        {
            const LogParser parser(s->format(), s->yearsReference());
            bool keep = false;
            for (quint64 i = 0; i < m_index.lineCount(); ++i) {
                const LogLine l = parser.parseAt(m_index.line(m_data, i), i);
                if (!l.continuation)
                    keep = l.severity != LogSeverity::Unknown && l.severity >= LogSeverity::Warning;
                if (keep)
                    warnings.push_back(i);
            }
        }
        QVERIFY(!warnings.empty());
        QCOMPARE(runJob(*s, severity), warnings);

        LogFilterRequest catalogue;
        catalogue.kind = LogFilterRequest::Kind::Catalogue;
        {
            QFile json(QStringLiteral(XR_TESTS_SOURCE_DIR "/../resources/knowledge/catalogue.json"));
            QVERIFY(json.open(QIODevice::ReadOnly));
            QList<CatalogueProblem> problems;
            catalogue.matcher = CatalogueMatcher(ErrorCatalogue::fromJson(json.readAll(), problems));
        }
        std::vector<LogCatalogueHit> hits;
        runJob(*s, catalogue, &hits);
        const QList<CatalogueHit> expectedHits = catalogue.matcher.scan(m_data);
        QVERIFY(!expectedHits.isEmpty());
        QCOMPARE(hits.size(), std::size_t(expectedHits.size()));
        for (std::size_t k = 0; k < hits.size(); ++k) {
            QCOMPARE(hits[k].line, quint64(expectedHits[qsizetype(k)].lineNumber - 1));
            QCOMPARE(hits[k].entryIndex, expectedHits[qsizetype(k)].entryIndex);
        }

        // A bad regular expression fails with its reason.
        LogFilterRequest bad;
        bad.query.pattern = QStringLiteral("(unclosed");
        bad.query.regex = true;
        QString failure;
        runJob(*s, bad, nullptr, &failure);
        QVERIFY(failure.contains(QStringLiteral("not valid")));
    }

    void mergeTwoLocalFiles()
    {
        // The first half and the second half of the log as two files: merged by time they
        // are the log again.
        const quint64 half = m_index.lineCount() / 2;
        const quint64 cut = m_index.lineStart(half);
        const QString a = m_tmp.filePath(QStringLiteral("a.log"));
        const QString b = m_tmp.filePath(QStringLiteral("b.log"));
        QVERIFY(writeFile(b, m_data.first(qsizetype(cut))));
        QVERIFY(writeFile(a, m_data.sliced(qsizetype(cut))));
        QVERIFY(setMtime(a, m_mtime) && setMtime(b, m_mtime));
        auto sa = openWhole(a);
        auto sb = openWhole(b);
        QVERIFY(sa && sb);
        MergedLog merged({sa.get(), sb.get()});
        QSignalSpy built(&merged, &MergedLog::built);
        merged.build();
        QVERIFY(built.wait(30000));
        QCOMPARE(merged.lineCount(), m_index.lineCount());
        // Order by time: the keys never go back.
        qint64 previous = std::numeric_limits<qint64>::min();
        for (quint64 i = 0; i < merged.lineCount(); i += 5) {
            if (const auto k = merged.timeKey(i)) {
                QVERIFY(*k >= previous);
                previous = *k;
            }
        }
    }

    void mergedViewTakesFollowedLines()
    {
        // Two followed logs merged: lines written to them later are added at the end of the
        // merged view, in time order among themselves, without a rebuild.
        const QString a = m_tmp.filePath(QStringLiteral("fa.log"));
        const QString b = m_tmp.filePath(QStringLiteral("fb.log"));
        QVERIFY(writeFile(a, "Jan  2 10:00:00 xa xapi: [debug|xa|1 ||xapi] a1\n"
                             "Jan  2 10:00:02 xa xapi: [debug|xa|1 ||xapi] a2\n"));
        QVERIFY(writeFile(b, "Jan  2 10:00:01 xb xapi: [debug|xb|1 ||xapi] b1\n"));
        LogSource sa(nullptr, localOrigin(a));
        LogSource sb(nullptr, localOrigin(b));
        for (LogSource* s : {&sa, &sb}) {
            s->open();
            QVERIFY(waitReady(*s));
        }
        MergedLog merged({&sa, &sb});
        QSignalSpy built(&merged, &MergedLog::built);
        QSignalSpy appended(&merged, &MergedLog::linesAppended);
        merged.build();
        QVERIFY(built.wait(10000));
        QCOMPARE(merged.lineCount(), quint64(3));
        QVERIFY(writeFile(b, "Jan  2 10:00:05 xb xapi: [debug|xb|1 ||xapi] b2\n", QIODevice::Append));
        QVERIFY(writeFile(a,
                          "Jan  2 10:00:04 xa xapi: [debug|xa|1 ||xapi] a3\n"
                          "   a continuation\n",
                          QIODevice::Append));
        // A job reading the merge (its sources pinned) holds the new lines back. The job starts
        // the moment the last new line is in: before the merge's extend timer, started by the
        // same signal, can fire (no event is handled in between), however slow the machine.
        bool pinned = false;
        const auto pinOnceAllIn = [&] {
            if (!pinned && sa.lineCount() + sb.lineCount() == 6) {
                sa.pin();
                sb.pin();
                pinned = true;
            }
        };
        connect(&sa, &LogSource::linesAppended, &merged, pinOnceAllIn);
        connect(&sb, &LogSource::linesAppended, &merged, pinOnceAllIn);
        // What a follow timer does, for both at once (their lines come in one burst).
        sb.poll();
        sa.poll();
        QTRY_VERIFY_WITH_TIMEOUT(pinned, 10000);
        // The extend timer firing while pinned proves the merge looked and held the lines back.
        auto* extendTimer = merged.findChild<QTimer*>(QString(), Qt::FindDirectChildrenOnly);
        QVERIFY(extendTimer && extendTimer->isActive());
        QSignalSpy extendTried(extendTimer, &QTimer::timeout);
        QVERIFY(extendTried.wait(5000));
        QCOMPARE(merged.lineCount(), quint64(3));
        QCOMPARE(merged.linesMergedOf(0), quint64(2));
        sa.unpin();
        sb.unpin();
        QTRY_COMPARE_WITH_TIMEOUT(merged.lineCount(), quint64(6), 10000);
        QCOMPARE(built.count(), 1); // no rebuild
        QVERIFY(!appended.isEmpty());
        QCOMPARE(appended.first().first().toULongLong(), quint64(3));
        QStringList order;
        for (quint64 i = 0; i < merged.lineCount(); ++i)
            order << QString::fromUtf8(merged.lineBytes(i)).section(QLatin1Char(' '), -1);
        QCOMPARE(order, (QStringList{QStringLiteral("a1"), QStringLiteral("b1"), QStringLiteral("a2"),
                                     QStringLiteral("a3"), QStringLiteral("continuation"), QStringLiteral("b2")}));
        QCOMPARE(merged.mergedIndexOf(1, 1), quint64(5));
        QCOMPARE(merged.mergedIndexOf(0, 3), quint64(4));
    }

    void followAppendsAndSeesTruncation()
    {
        const QString path = m_tmp.filePath(QStringLiteral("live.log"));
        const QByteArray start = m_data.first(qsizetype(m_index.lineStart(2000)));
        QVERIFY(writeFile(path, start));
        LogSource s(nullptr, localOrigin(path));
        s.setFollowInterval(50);
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(s.isFileBacked());
        QSignalSpy appended(&s, &LogSource::linesAppended);
        s.setFollowing(true);
        // A line written in two parts: it grows, then it is complete.
        QVERIFY(writeFile(path, "Jan  2 10:00:00 xs xapi: [error|xs|1 ||xapi] new line, fir", QIODevice::Append));
        QVERIFY(appended.wait(5000));
        QVERIFY(writeFile(path, "st part\nJan  2 10:00:01 xs xapi: [debug|xs|1 ||xapi] another\n", QIODevice::Append));
        QVERIFY(QTest::qWaitFor([&] { return s.lineBytes(s.lineCount() - 1).endsWith("another"); }, 5000));
        QCOMPARE(s.lineBytes(s.lineCount() - 2), QByteArrayView("Jan  2 10:00:00 xs xapi: [error|xs|1 ||xapi] new "
                                                                "line, first part"));
        QCOMPARE(s.parsedLine(s.lineCount() - 1).timestamp.date().month(), 1);

        // A stamp written in two parts at New Year: the year steps on once it is whole.
        QVERIFY(
            writeFile(path, "Dec 31 23:59:59 xs xapi: [debug|xs|1 ||xapi] last of the year\nJa", QIODevice::Append));
        QTRY_VERIFY_WITH_TIMEOUT(s.lineBytes(s.lineCount() - 1) == QByteArrayView("Ja"), 5000);
        QVERIFY(writeFile(path, "n  1 00:00:01 xs xapi: [debug|xs|1 ||xapi] first of the next\n", QIODevice::Append));
        QTRY_VERIFY_WITH_TIMEOUT(s.lineBytes(s.lineCount() - 1).endsWith("first of the next"), 5000);
        QCOMPARE(s.parsedLine(s.lineCount() - 1).timestamp.date().year(),
                 s.parsedLine(s.lineCount() - 2).timestamp.date().year() + 1);

        // Cut short under the viewer: reading a line past the new end shows what is left
        // (nothing), never crashes; the next poll reads it again from its end.
        QSignalSpy rotated(&s, &LogSource::rotated);
        QVERIFY(writeFile(path, "Jan  2 11:00:00 xs xapi: [info|xs|1 ||xapi] after truncation\n"));
        for (quint64 i = 0; i < s.lineCount(); i += 50)
            (void)s.lineBytes(i);
        QVERIFY(rotated.wait(5000));
        QVERIFY(waitReady(s));
        QCOMPARE(s.lineCount(), quint64(1));
        QVERIFY(s.lineBytes(0).endsWith("after truncation"));
    }

    void gzipInflatedToAFileOfItsOwn()
    {
        // A rotated .gz is inflated (streaming) into a temporary file and read through its
        // index like any local file: the same lines, searched in pieces, never followed.
        QProcess gzip;
        gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c"), m_path});
        QVERIFY(gzip.waitForFinished(60000));
        const QByteArray compressed = gzip.readAllStandardOutput();
        QVERIFY(compressed.size() > 1000 && compressed.size() < m_data.size() / 2);
        const QString gz = m_tmp.filePath(QStringLiteral("xensource.log.2.gz"));
        QVERIFY(writeFile(gz, compressed));
        QVERIFY(setMtime(gz, m_mtime));
        LogSource s(nullptr, localOrigin(gz));
        QVERIFY(!s.canFollow());
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(s.isFileBacked());
        QVERIFY(!s.canLoadOlder());
        QCOMPARE(s.lineCount(), m_index.lineCount());
        QCOMPARE(s.heldBytes(), quint64(m_data.size()));
        for (quint64 i = 0; i < m_index.lineCount(); i += 97)
            QCOMPARE(s.lineBytes(i), m_index.line(m_data, i));
        // Years from the compressed file's time, not the copy's.
        QCOMPARE(s.parsedLine(0).timestamp.date(), QDate(2025, 12, 30));
        LogFilterRequest r;
        r.query.pattern = QStringLiteral("BOOTLOADER_FAILED");
        std::atomic<bool> never{false};
        QCOMPARE(runJob(s, r), searchLog(m_data, m_index, r.query, never)->lines);

        // Cut short: what could be inflated is shown, and the source says what is wrong;
        // not gzip at all (the Auto reader takes plain bytes as they are); missing: fails.
        const QString cut = m_tmp.filePath(QStringLiteral("cut.log.gz"));
        QVERIFY(writeFile(cut, compressed.first(compressed.size() / 2)));
        LogSource c(nullptr, localOrigin(cut));
        c.open();
        QVERIFY(waitReady(c));
        QVERIFY(c.lineCount() > 0 && c.lineCount() < m_index.lineCount());
        QVERIFY(!c.errorString().isEmpty());
        for (quint64 i = 0; i + 1 < c.lineCount(); i += 501)
            QCOMPARE(c.lineBytes(i), m_index.line(m_data, i));
        const QString missing = m_tmp.filePath(QStringLiteral("missing.log.gz"));
        LogSource m(nullptr, localOrigin(missing));
        m.open();
        QVERIFY(!waitReady(m));
        QCOMPARE(m.state(), LogSource::State::Failed);
        QVERIFY(!m.errorString().isEmpty());
    }

    void replacedWhileNotFollowed()
    {
        // Rotated away and created again while nobody follows it: a job refuses to read the
        // new file at the old offsets, and scrolling back reads the new file afresh.
        const QString path = m_tmp.filePath(QStringLiteral("replaced.log"));
        QVERIFY(writeFile(path, m_data.first(2 << 20)));
        LogSource s(nullptr, localOrigin(path));
        s.setTailBytes(64 * 1024);
        s.open();
        QVERIFY(waitReady(s));
        QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
        QVERIFY(writeFile(path, m_data.sliced(1000, 3 << 20))); // ends in the middle of a line
        QString error;
        QVERIFY(!s.readBlocks(
            0, s.lineCount(), [](const LogBlock&) { return true; }, &error));
        QVERIFY2(error.contains(QStringLiteral("rotated")), qPrintable(error));
        QSignalSpy rotated(&s, &LogSource::rotated);
        s.loadOlder();
        QVERIFY(rotated.wait(10000));
        QVERIFY(waitReady(s));
        const QByteArray fresh = m_data.sliced(1000, 3 << 20);
        QCOMPARE(s.lineBytes(s.lineCount() - 1).toByteArray(), fresh.mid(fresh.lastIndexOf('\n') + 1));
        QVERIFY(s.readBlocks(
            0, s.lineCount(), [](const LogBlock&) { return true; }, &error));
    }

    void readBlocksReportsAFileThatShrank()
    {
        const QString path = m_tmp.filePath(QStringLiteral("shrinks.log"));
        QVERIFY(writeFile(path, m_data.first(1 << 20)));
        auto s = openWhole(path);
        QVERIFY(s);
        QVERIFY(writeFile(path, m_data.first(1000)));
        QString error;
        QVERIFY(!s->readBlocks(
            0, s->lineCount(), [](const LogBlock&) { return true; }, &error));
        QVERIFY(error.contains(QStringLiteral("changed")));
        LogFilterRequest r;
        r.query.pattern = QStringLiteral("xapi");
        QString failure;
        runJob(*s, r, nullptr, &failure);
        QVERIFY(failure.contains(QStringLiteral("changed")));
    }

    void hostileBytes()
    {
        // Binary noise, a file with no line break, an empty file, NULs and invalid UTF-8:
        // indexed and read back without a crash, lines as the bytes say.
        // A giant line between ordinary ones: the lines after it are whole.
        QByteArray giant = "before\n" + QByteArray(5 << 20, 'g') + '\n';
        for (int i = 0; i < 1500; ++i)
            giant += "after " + QByteArray::number(i) + (i % 3 ? "\n" : "\r\n");
        const QList<QByteArray> inputs = {QByteArray(), xrtest::binaryNoise(3 << 20), QByteArray(3 << 20, 'x'),
                                          QByteArray("a\0b\r\n\xff\xfe\n$(rm -rf /)\n", 18), giant};
        int k = 0;
        for (const QByteArray& data : inputs) {
            const QString path = m_tmp.filePath(QStringLiteral("hostile-%1.log").arg(k++));
            QVERIFY(writeFile(path, data));
            auto s = openWhole(path);
            QVERIFY(s);
            LineIndex expected;
            expected.build(data);
            QCOMPARE(s->lineCount(), expected.lineCount());
            for (quint64 i = 0; i < s->lineCount(); ++i) {
                const QByteArrayView want = expected.line(data, i);
                const QByteArrayView got = s->lineBytes(i);
                // Only a line longer than 4 MiB is shown cut, at 4 MiB.
                QCOMPARE(got, want.first(qMin<qsizetype>(want.size(), 4 << 20)));
                (void)s->parsedLine(i);
            }
            LogFilterRequest r;
            r.query.pattern = QStringLiteral("x");
            const auto found = runJob(*s, r);
            std::atomic<bool> never{false};
            QCOMPARE(found, searchLog(data, expected, r.query, never)->lines);
        }
    }
};

QTEST_GUILESS_MAIN(TestLocalLog)
#include "tst_locallog.moc"
