#include "LineIndex.h"
#include "LogFormat.h"
#include "LogMerge.h"
#include "SampleData.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace xr;

namespace {

// One log with its index, parser (with its year map) and time keys.
struct Source
{
    QByteArray data;
    LineIndex index;
    std::vector<qint64> keys;

    Source(QByteArray bytes, const QDateTime& mtime, QStringView name = {})
        : data(std::move(bytes))
    {
        index.build(data);
        LogParser parser(LogFormat::detect(data, name), mtime);
        parser.setYears(SyslogYears::infer(data, index, mtime));
        std::atomic<bool> cancel{false};
        keys = logTimeKeys(data, index, parser, cancel);
    }
    QByteArray line(quint64 i) const { return index.line(data, i).toByteArray(); }
};

MergeResult merge(const std::vector<const Source*>& sources)
{
    std::vector<std::span<const qint64>> keys;
    for (const Source* s : sources)
        keys.emplace_back(s->keys);
    std::atomic<bool> cancel{false};
    return mergeByTime(keys, cancel);
}

QByteArrayList mergedText(const MergeResult& r, const std::vector<const Source*>& sources)
{
    QByteArrayList out;
    for (const MergedLine m : r.lines)
        out.append(sources[m.source()]->line(m.line()));
    return out;
}

QDateTime at(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

} // namespace

// Time keys per line and the k-way merge: order across New Year, continuation lines,
// stability, agreement with a sort, cancellation.
class TestLogMerge final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void packedLine()
    {
        const MergedLine m(254, MergedLine::MaxLine);
        QCOMPARE(m.source(), quint32(254));
        QCOMPARE(m.line(), MergedLine::MaxLine);
        QCOMPARE(MergedLine(3, 7).line(), quint64(7));
        QCOMPARE(sizeof(MergedLine), sizeof(quint64));
    }

    void timeKeysCarryContinuations()
    {
        const Source s("  orphan before any stamp\n"
                       "[2013-09-04 20:01:26 6254] ERROR (XendDomainInfo:496) VM start failed\n"
                       "Traceback (most recent call last):\n"
                       "  File \"x.py\", line 1, in start\n"
                       "[2013-09-04 20:01:27 6254] INFO (XendDomain:1) next\n",
                       at(2014, 1, 1, 0, 0));
        QCOMPARE(s.keys.size(), std::size_t(5));
        QCOMPARE(s.keys[0], NoTimeKey);
        QCOMPARE(s.keys[1], at(2013, 9, 4, 20, 1).addSecs(26).toMSecsSinceEpoch());
        QCOMPARE(s.keys[2], s.keys[1]);
        QCOMPARE(s.keys[3], s.keys[1]);
        QCOMPARE(s.keys[4], s.keys[1] + 1000);
    }

    void mergeAcrossNewYear()
    {
        // Two hosts' syslogs spanning New Year, with a traceback-like continuation: the
        // year map puts December before January in both.
        const Source a("Dec 31 23:59:50 host1 xapi: [debug|host1|1 ||m] a1\n"
                       " continuation of a1\n"
                       "Jan  1 00:00:10 host1 xapi: [debug|host1|1 ||m] a2\n"
                       "Jan  1 00:00:30 host1 xapi: [debug|host1|1 ||m] a3\n",
                       at(2024, 1, 1, 1, 0));
        const Source b("Dec 31 23:59:40 host2 SM: [12] b1\n"
                       "Dec 31 23:59:55 host2 SM: [12] b2\n"
                       "Jan  1 00:00:10 host2 SM: [12] b3\n"
                       "Jan  1 00:00:20 host2 SM: [12] b4\n",
                       at(2024, 1, 1, 1, 0));
        const std::vector<const Source*> both{&a, &b};
        const MergeResult r = merge(both);
        QVERIFY(!r.cancelled);
        const QByteArrayList text = mergedText(r, both);
        QByteArrayList tails;
        for (const QByteArray& t : text)
            tails.append(t.mid(t.lastIndexOf(' ') + 1));
        // a2 and b3 share a second: source order (a first) decides.
        QCOMPARE(tails, (QByteArrayList{"b1", "a1", "a1", "b2", "a2", "b3", "b4", "a3"}));
        QCOMPARE(text[2], QByteArray(" continuation of a1"));

        // Without the year map (every line guessed against the reference) December would
        // land after January; the map is what makes this right.
        const qint64 dec = a.keys[0];
        const qint64 jan = a.keys[2];
        QVERIFY(dec < jan);
    }

    void mergeSamplesFromTwoHosts()
    {
        // xha stamps carry their own year and zone; xensource lines need the map.
        const Source xha(xrtest::readSample("xha-log__lnav-xenserver-logs-samples.txt"), at(2022, 6, 2, 0, 0));
        const Source sm(xrtest::readSample("smlog-smgc__xcpng-sm-pr-87-sigterm.txt"), at(2022, 6, 2, 0, 0));
        QCOMPARE(xha.keys.size(), std::size_t(4));
        QCOMPARE(sm.keys.size(), std::size_t(6));
        const MergeResult r = merge({&xha, &sm});
        QCOMPARE(r.lines.size(), std::size_t(10));
        // SMlog lines are from Jun 5 of the year before the Jun 2, 2022 reference:
        // 2021, before every xha line.
        for (int i = 0; i < 6; ++i)
            QCOMPARE(r.lines[std::size_t(i)].source(), quint32(1));
        QCOMPARE(r.lines[6], MergedLine(0, 0));
    }

    void agreesWithStableSort()
    {
        QRandomGenerator rng(1);
        for (int round = 0; round < 100; ++round) {
            const int k = 1 + int(rng.bounded(6));
            std::vector<std::vector<qint64>> keys(static_cast<std::size_t>(k));
            for (auto& v : keys) {
                qint64 t = rng.bounded(50);
                const int n = int(rng.bounded(300));
                for (int i = 0; i < n; ++i) {
                    t += rng.bounded(3); // many equal keys
                    v.push_back(t);
                }
            }
            std::vector<std::tuple<qint64, quint32, quint64>> all;
            for (int s = 0; s < k; ++s) {
                for (std::size_t i = 0; i < keys[std::size_t(s)].size(); ++i)
                    all.emplace_back(keys[std::size_t(s)][i], quint32(s), quint64(i));
            }
            std::sort(all.begin(), all.end());
            std::vector<std::span<const qint64>> spans(keys.begin(), keys.end());
            std::atomic<bool> cancel{false};
            const MergeResult r = mergeByTime(spans, cancel);
            QCOMPARE(r.lines.size(), all.size());
            for (std::size_t i = 0; i < all.size(); ++i) {
                QCOMPARE(r.lines[i].source(), std::get<1>(all[i]));
                QCOMPARE(r.lines[i].line(), std::get<2>(all[i]));
            }
        }
    }

    void unsortedSourcesKeepTheirOrder()
    {
        const std::vector<qint64> a{5, 1, 9};
        const std::vector<qint64> b{3, 4};
        std::atomic<bool> cancel{false};
        const MergeResult r = mergeByTime({std::span<const qint64>(a), std::span<const qint64>(b)}, cancel);
        QCOMPARE(r.lines.size(), std::size_t(5));
        quint64 nextA = 0, nextB = 0;
        for (const MergedLine m : r.lines)
            QCOMPARE(m.line(), m.source() == 0 ? nextA++ : nextB++);
        QCOMPARE(r.lines[0], MergedLine(1, 0));
    }

    void cancellationAndEdges()
    {
        std::atomic<bool> cancel{true};
        const std::vector<qint64> a(1000, 1);
        const MergeResult r = mergeByTime({std::span<const qint64>(a)}, cancel);
        QVERIFY(r.cancelled);
        QVERIFY(r.lines.empty());
        cancel = false;
        QVERIFY(mergeByTime({}, cancel).lines.empty());
        QVERIFY(mergeByTime({std::span<const qint64>()}, cancel).lines.empty());

        LineIndex index;
        const QByteArray data = "Jun  5 09:15:50 h p: x\n";
        index.build(data);
        cancel = true;
        QVERIFY(logTimeKeys(data, index, LogParser(LogFormatKind::Syslog), cancel).empty());
    }
};

QTEST_GUILESS_MAIN(TestLogMerge)
#include "tst_logmerge.moc"
