#include "LineIndex.h"
#include "LogSearch.h"
#include "LogSearchJob.h"
#include "SampleData.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <string_view>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {

// Real line shapes from the samples, plus case variants and non-ASCII text.
QByteArray realisticLog(QRandomGenerator& rng, qsizetype size, bool crlf)
{
    const QList<QByteArray> shapes = {
        xrtest::readSample("xensource-log__lnav-xenserver-logs-samples.txt"),
        xrtest::readSample("xensource-log__xcpng-issue-561-ng02.txt"),
        xrtest::readSample("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt"),
        xrtest::readSample("smlog-smgc__xcpng-sm-pr-87-sigterm.txt"),
        QByteArray("Jun  5 09:15:50 h xapi: [error|h|1 ||m] FAILED TO FIND sr: ÉCHEC échec\n"
                   "Jun  5 09:15:50 h xapi: [ info|h|1 ||backtrace] Raised at file.ml:1\n"),
    };
    QList<QByteArray> lines;
    for (const QByteArray& s : shapes)
        lines += s.split('\n');
    lines.removeAll(QByteArray());
    QByteArray out;
    out.reserve(size + 1024);
    while (out.size() < size) {
        out += lines[rng.bounded(qsizetype(lines.size()))];
        out += crlf && rng.bounded(2) ? "\r\n" : "\n";
    }
    return out;
}

std::vector<quint64> naivePlain(const QByteArray& data, const LineIndex& index, const QByteArray& needle, bool cs)
{
    std::vector<quint64> out;
    for (quint64 i = 0; i < index.lineCount(); ++i) {
        const QByteArray line = index.line(data, i).toByteArray();
        if (cs ? line.contains(needle) : line.toLower().contains(needle.toLower()))
            out.push_back(i);
    }
    return out;
}

std::vector<quint64> naiveRegex(const QByteArray& data, const LineIndex& index, const QString& pattern, bool cs)
{
    // Decoded once per buffer: the naive side must not dominate the suite's time.
    // Holding a shared copy keeps the buffer alive, so an equal pointer means the same data.
    static QByteArray decodedFor;
    static QStringList decoded;
    if (decodedFor.constData() != data.constData() || decodedFor.size() != data.size()) {
        decoded.clear();
        for (quint64 i = 0; i < index.lineCount(); ++i)
            decoded.append(QString::fromUtf8(index.line(data, i)));
        decodedFor = data;
    }
    const QRegularExpression re(pattern,
                                cs ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
    std::vector<quint64> out;
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        if (re.match(decoded[i]).hasMatch())
            out.push_back(quint64(i));
    }
    return out;
}

LogSearchResult run(const QByteArray& data, const LineIndex& index, const QString& pattern, bool regex, bool cs)
{
    std::atomic<bool> cancel{false};
    LogSearchQuery q;
    q.pattern = pattern;
    q.regex = regex;
    q.caseSensitive = cs;
    auto r = searchLog(data, index, q, cancel);
    if (!r)
        qWarning("search failed: %s", qPrintable(r.errorMessage()));
    return r ? r.value() : LogSearchResult{};
}

} // namespace

// Plain and regular-expression search over the line index, against a naive per-line
// scan; the literal prefilter; cancellation; the thread-pool job; hostile input.
class TestLogSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byteSearcherAgainstStdFind()
    {
        QRandomGenerator rng(3);
        for (int round = 0; round < 2000; ++round) {
            QByteArray hay(rng.bounded(200), Qt::Uninitialized);
            for (char& c : hay)
                c = "abAB \n\0x"[rng.bounded(8)];
            const qsizetype n = 1 + rng.bounded(6);
            QByteArray needle(n, Qt::Uninitialized);
            for (char& c : needle)
                c = "abAB x"[rng.bounded(6)];
            const bool cs = rng.bounded(2);
            const ByteSearcher searcher(needle, cs, rng.bounded(2) ? QByteArrayView(hay) : QByteArrayView());
            const QByteArray h = cs ? hay : hay.toLower();
            const QByteArray nd = cs ? needle : needle.toLower();
            const std::string_view hv(h.constData(), size_t(h.size()));
            const std::string_view nv(nd.constData(), size_t(nd.size()));
            std::size_t from = 0;
            while (true) {
                const std::size_t want = hv.find(nv, from);
                const char* got = searcher.find(hay.constData() + from, hay.constData() + hay.size());
                if (want == std::string_view::npos) {
                    QVERIFY(!got);
                    break;
                }
                QVERIFY(got);
                QCOMPARE(std::size_t(got - hay.constData()), want);
                from = want + 1;
            }
        }
    }

    void plainAndRegexAgainstNaive()
    {
        QRandomGenerator rng(5);
        // Over 8 MiB so that hits land on both sides of the search's chunk boundaries.
        const QByteArray data = realisticLog(rng, 9 << 20, true) + "Jun  5 09:15:50 h p: tail Failed to find SR";
        LineIndex index;
        index.build(data);

        for (const char* needle : {"Failed to find SR", "failed to find sr", "xenops_server", "ÉCHEC", "é", "D:", "]",
                                   "Jun  5", "no such text anywhere", "SR"}) {
            for (const bool cs : {true, false}) {
                const QString pattern = QString::fromUtf8(needle);
                const LogSearchResult r = run(data, index, pattern, false, cs);
                if (!cs && QByteArray(needle).contains("\xc3")) {
                    // Unicode folding (through the regex engine): É matches é.
                    QCOMPARE(r.lines, naiveRegex(data, index, QRegularExpression::escape(pattern), false));
                    continue;
                }
                QCOMPARE(r.lines, naivePlain(data, index, needle, cs));
            }
        }
        QCOMPARE(run(data, index, u"tail Failed to find SR"_s, false, true).lines,
                 std::vector<quint64>{index.lineCount() - 1});

        for (const char16_t* pattern :
             {u"error|.*backtrace", u"Raised at [a-z_]+\\.ml:\\d+", u"^Jun  5", u"SR$", u"fo+und|xenops", u"(?i)failed",
              u"[0-9a-f]{8}-[0-9a-f]{4}", u"\\[ ?info\\|", u"d85ea3e9.*content-type", u"x?"}) {
            // Case folding of the engine is the engine's: checked on the first patterns only.
            const bool foldToo =
                QStringView(pattern).startsWith(u"error") || QStringView(pattern).startsWith(u"Raised");
            for (const bool cs : {true, false}) {
                if (!cs && !foldToo)
                    continue;
                const LogSearchResult r = run(data, index, QString::fromUtf16(pattern), true, cs);
                QCOMPARE(r.lines, naiveRegex(data, index, QString::fromUtf16(pattern), cs));
            }
        }
        // The prefilter did its job: few lines went through the engine.
        const LogSearchResult pre = run(data, index, u"Raised at [a-z_]+\\.ml:\\d+"_s, true, true);
        QVERIFY(pre.regexLinesChecked > 0);
        QVERIFY(pre.regexLinesChecked < index.lineCount() / 2);
        QCOMPARE(run(data, index, u"error|.*backtrace"_s, true, true).regexLinesChecked, quint64(0));
    }

    void lineRangeAndEdges()
    {
        const QByteArray data = "one SR\ntwo\r\nthree SR\r\nfour SR";
        LineIndex index;
        index.build(data);
        std::atomic<bool> cancel{false};
        LogSearchQuery q;
        q.pattern = u"SR"_s;
        QCOMPARE(searchLog(data, index, q, cancel)->lines, (std::vector<quint64>{0, 2, 3}));
        q.firstLine = 1;
        q.lastLine = 3;
        QCOMPARE(searchLog(data, index, q, cancel)->lines, std::vector<quint64>{2});
        q.firstLine = 5;
        QVERIFY(searchLog(data, index, q, cancel)->lines.empty());
        // Empty text matches every line; a line break matches none.
        q = {};
        QCOMPARE(searchLog(data, index, q, cancel)->count(), quint64(4));
        q.pattern = u"SR\r"_s;
        QVERIFY(searchLog(data, index, q, cancel)->lines.empty());
        q.pattern = u"two\nthree"_s;
        QVERIFY(searchLog(data, index, q, cancel)->lines.empty());
        // Empty log.
        LineIndex empty;
        empty.build(QByteArrayView());
        q.pattern = u"x"_s;
        QVERIFY(searchLog(QByteArrayView(), empty, q, cancel)->lines.empty());
    }

    void searchInPieces()
    {
        // A file read in pieces: each piece searched with its own lines and its offset gives
        // what one search over the whole buffer gives, plain (cased and not) and regex.
        QRandomGenerator rng(9);
        const QByteArray data = realisticLog(rng, 3 << 20, true);
        LineIndex index;
        index.build(data);
        std::atomic<bool> cancel{false};
        for (const auto& [pattern, regex, cs] :
             {std::tuple{u"Failed to find SR"_s, false, true}, std::tuple{u"failed to find sr"_s, false, false},
              std::tuple{u"error|.*backtrace"_s, true, true}, std::tuple{u"Raised at [a-z_]+\\.ml"_s, true, true},
              std::tuple{u"\\[ ?info\\|"_s, true, true}}) {
            LogSearchQuery q;
            q.pattern = pattern;
            q.regex = regex;
            q.caseSensitive = cs;
            const std::vector<quint64> whole = searchLog(data, index, q, cancel)->lines;
            QVERIFY2(!whole.empty(), qPrintable(pattern));
            std::vector<quint64> pieces;
            for (quint64 first = 0; first < index.lineCount();) {
                const quint64 end = std::min(index.lineCount(), first + 1 + rng.bounded(5000));
                const quint64 from = index.lineStart(first);
                const QByteArray piece = data.sliced(qsizetype(from), qsizetype(index.nextLineStart(end - 1) - from));
                LogSearchQuery pq = q;
                pq.firstLine = first;
                pq.lastLine = end;
                const auto r = searchLog(piece, index, pq, cancel, {}, from);
                QVERIFY(r.ok());
                pieces.insert(pieces.end(), r->lines.begin(), r->lines.end());
                first = end;
            }
            QCOMPARE(pieces, whole);
        }
        // A piece that does not hold the lines asked for is refused, not misread.
        LogSearchQuery q;
        q.pattern = u"SR"_s;
        const auto stale = searchLog(data.first(1000), index, q, cancel, {}, 0);
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().code, u"stale-index"_s);
    }

    void requiredLiterals_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("literals");
        QTest::addColumn<bool>("exact");
        QTest::newRow("alternation") << u"error|.*backtrace"_s << QStringList{u"error"_s, u"backtrace"_s} << true;
        QTest::newRow("plain") << u"Failed to find SR"_s << QStringList{u"Failed to find SR"_s} << true;
        QTest::newRow("escaped") << u"err\\.or.*"_s << QStringList{u"err.or"_s} << true;
        QTest::newRow("plus") << u"fo+bar"_s << QStringList{u"bar"_s} << false;
        QTest::newRow("group") << u"(foo|bar)bazz"_s << QStringList{u"bazz"_s} << false;
        QTest::newRow("class") << u"\\d+ error"_s << QStringList{u" error"_s} << false;
        QTest::newRow("anchor") << u"^Jun"_s << QStringList{u"Jun"_s} << false;
        QTest::newRow("optional") << u"x?"_s << QStringList{} << false;
        QTest::newRow("star") << u"a*"_s << QStringList{} << false;
        QTest::newRow("empty branch") << u"a|"_s << QStringList{} << false;
        QTest::newRow("inline option") << u"(?i)error"_s << QStringList{} << false;
        QTest::newRow("hex escape") << u"\\x41BC"_s << QStringList{} << false;
        QTest::newRow("class only") << u"[abc]"_s << QStringList{} << false;
    }
    void requiredLiterals()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, literals);
        QFETCH(bool, exact);
        const RegexLiterals r = xr::requiredLiterals(pattern, true);
        QStringList got;
        for (const QByteArray& l : r.anyOf)
            got.append(QString::fromUtf8(l));
        QCOMPARE(got, literals);
        if (!literals.isEmpty())
            QCOMPARE(r.exact, exact);
    }

    void caselessPrefilterKeepsUnicodeFolding()
    {
        // PCRE folds "k" with KELVIN SIGN and "s" with LONG S in caseless UTF mode.
        const RegexLiterals r = xr::requiredLiterals(u"error|.*backtrace"_s, false);
        QCOMPARE(r.anyOf.size(), std::size_t(2));
        QCOMPARE(r.anyOf[1], QByteArray("trace"));
        QVERIFY(!r.exact);
        const QByteArray data = "bac\xe2\x84\xaatrace here\nnothing\n";
        LineIndex index;
        index.build(data);
        QCOMPARE(run(data, index, u"error|.*backtrace"_s, true, false).lines,
                 naiveRegex(data, index, u"error|.*backtrace"_s, false));
        QCOMPARE(run(data, index, u"error|.*backtrace"_s, true, false).lines, std::vector<quint64>{0});
    }

    void invalidRegex()
    {
        LineIndex index;
        index.build("x\n");
        std::atomic<bool> cancel{false};
        LogSearchQuery q;
        q.pattern = u"(unclosed"_s;
        q.regex = true;
        const auto r = searchLog("x\n", index, q, cancel);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, u"bad-regex"_s);
        QVERIFY(!r.errorMessage().isEmpty());
    }

    void cancellation()
    {
        const QByteArray data =
            xrtest::repeatTo("Jun  5 09:15:50 h xapi: [error|h|1 ||m] Failed to find SR x\n", 64 << 20);
        LineIndex index;
        index.build(data);
        for (const bool regex : {false, true}) {
            std::atomic<bool> cancel{false};
            LogSearchQuery q;
            q.pattern = regex ? u"F.iled to find SR"_s : u"Failed to find SR"_s;
            q.regex = regex;
            int calls = 0;
            const auto r = searchLog(data, index, q, cancel, [&](quint64 done, quint64 total) {
                QVERIFY(done <= total);
                ++calls;
                cancel = true;
            });
            QVERIFY(r.ok());
            QVERIFY(r->cancelled);
            QVERIFY(calls >= 1);
            QVERIFY(r->count() < index.lineCount());
            for (std::size_t i = 0; i < r->lines.size(); ++i)
                QCOMPARE(r->lines[i], quint64(i)); // a true prefix of the full answer
        }
    }

    void jobOnThreadPool()
    {
        QRandomGenerator rng(9);
        const QByteArray data = realisticLog(rng, 4 << 20, false);
        LineIndex index;
        index.build(data);
        LogSearchQuery q;
        q.pattern = u"xenops_server"_s;

        LogSearchJob job(data, index, q);
        QSignalSpy finished(&job, &LogSearchJob::finished);
        QSignalSpy progress(&job, &LogSearchJob::progress);
        QSignalSpy failed(&job, &LogSearchJob::failed);
        QThreadPool::globalInstance()->start(&job);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(failed.isEmpty());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), 1000);
        const auto result = finished.first().at(0).value<LogSearchResult>();
        QVERIFY(!result.cancelled);
        QCOMPARE(result.lines, naivePlain(data, index, "xenops_server", true));

        LogSearchJob stopped(data, index, q);
        QSignalSpy stoppedFinished(&stopped, &LogSearchJob::finished);
        stopped.requestInterruption();
        QVERIFY(stopped.isInterruptionRequested());
        QThreadPool::globalInstance()->start(&stopped);
        QTRY_COMPARE(stoppedFinished.size(), 1);
        QVERIFY(stoppedFinished.first().at(0).value<LogSearchResult>().cancelled);

        q.pattern = u"(bad"_s;
        q.regex = true;
        LogSearchJob bad(data, index, q);
        QSignalSpy badFailed(&bad, &LogSearchJob::failed);
        QThreadPool::globalInstance()->start(&bad);
        QTRY_COMPARE(badFailed.size(), 1);
        QThreadPool::globalInstance()->waitForDone();
    }

    void hostileInput()
    {
        std::atomic<bool> cancel{false};
        const QByteArray noise = xrtest::binaryNoise(2 << 20);
        LineIndex index;
        index.build(noise);
        for (const char* p : {"\x01\x02", "ab", "\xff"}) {
            const LogSearchResult r = run(noise, index, QString::fromLatin1(p), false, true);
            QCOMPARE(r.lines, naivePlain(noise, index, QString::fromLatin1(p).toUtf8(), true));
        }
        QCOMPARE(run(noise, index, u"a.c|zz"_s, true, false).lines, naiveRegex(noise, index, u"a.c|zz"_s, false));

        // One 10 MB line with invalid UTF-8 and NUL bytes in it.
        QByteArray huge(10 << 20, 'y');
        huge[5] = '\0';
        huge[6] = char(0xff);
        huge.append("needle");
        index.build(huge);
        QCOMPARE(run(huge, index, u"needle"_s, false, true).lines, std::vector<quint64>{0});
        QCOMPARE(run(huge, index, u"NEEDLE$"_s, true, false).lines, std::vector<quint64>{0});
        QCOMPARE(run(huge, index, u"y{3}z"_s, true, true).lines, std::vector<quint64>{});
    }
};

QTEST_GUILESS_MAIN(TestLogSearch)
#include "tst_logsearch.moc"
