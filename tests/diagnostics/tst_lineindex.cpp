#include "LineIndex.h"
#include "SampleData.h"

#include <QRandomGenerator>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#endif

using namespace xr;

namespace {

// The obvious split: what the index must agree with.
QList<QByteArray> naiveLines(const QByteArray& data)
{
    QList<QByteArray> out;
    if (data.isEmpty())
        return out;
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype nl = data.indexOf('\n', start);
        const qsizetype end = nl < 0 ? data.size() : nl;
        QByteArray line = data.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        out.append(line);
        if (nl < 0)
            break;
        start = nl + 1;
    }
    return out;
}

QByteArray randomText(QRandomGenerator& rng, qsizetype size)
{
    static constexpr char alphabet[] = {'a', 'b', ' ', '\n', '\r', '\0', 'x', '\n'};
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = alphabet[rng.bounded(8)];
    return out;
}

void compareWithNaive(const LineIndex& index, const QByteArray& data)
{
    const QList<QByteArray> expected = naiveLines(data);
    QCOMPARE(index.lineCount(), quint64(expected.size()));
    QCOMPARE(index.indexedSize(), quint64(data.size()));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(index.line(data, quint64(i)).toByteArray(), expected[i]);
        const quint64 start = index.lineStart(quint64(i));
        QCOMPARE(index.lineAt(start), quint64(i));
        if (index.nextLineStart(quint64(i)) > start + 1)
            QCOMPARE(index.lineAt(index.nextLineStart(quint64(i)) - 1), quint64(i));
    }
    QCOMPARE(index.lastLineUnterminated(), !data.isEmpty() && !data.endsWith('\n'));
}

} // namespace

// The line index: against a naive split on random data, incremental growth, CRLF,
// cancellation and a 1 GiB buffer.
class TestLineIndex final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallCases()
    {
        LineIndex index;
        QVERIFY(index.build(QByteArrayView()));
        QCOMPARE(index.lineCount(), quint64(0));
        QVERIFY(index.isEmpty());
        QVERIFY(!index.lastLineUnterminated());

        for (const QByteArray& data :
             {QByteArray("\n"), QByteArray("a"), QByteArray("a\nb"), QByteArray("a\r\nb\r\n"), QByteArray("\r\n\r\n"),
              QByteArray("a\r"), QByteArray("\n\n\nlast"), QByteArray("only\r\n")}) {
            index.build(data);
            compareWithNaive(index, data);
        }
        index.build("a\r\nb\r\n");
        QCOMPARE(index.lineCount(), quint64(2));
        QCOMPARE(index.line("a\r\nb\r\n", 1).toByteArray(), QByteArray("b"));
        QCOMPARE(index.lineEnd("a\r\nb\r\n", 0), quint64(1));
        QCOMPARE(index.nextLineStart(0), quint64(3));
    }

    void randomAgainstNaive()
    {
        QRandomGenerator rng(7);
        LineIndex index;
        for (int round = 0; round < 300; ++round) {
            const QByteArray data = randomText(rng, rng.bounded(2000));
            QVERIFY(index.build(data));
            compareWithNaive(index, data);
        }
    }

    void appendGrowsLikeAFile()
    {
        QRandomGenerator rng(11);
        for (int round = 0; round < 100; ++round) {
            const QByteArray all = randomText(rng, 1 + rng.bounded(5000));
            LineIndex index;
            qsizetype have = 0;
            while (have < all.size()) {
                have = std::min(all.size(), have + qsizetype(rng.bounded(300)));
                // The caller's buffer grows (a re-mapped, longer file).
                const QByteArray grown = all.first(have);
                QVERIFY(index.append(grown));
                compareWithNaive(index, grown);
            }
        }
        // A last line without "\n" keeps growing, then ends.
        LineIndex index;
        index.append("first\nsec");
        QCOMPARE(index.lineCount(), quint64(2));
        QVERIFY(index.lastLineUnterminated());
        index.append("first\nsecond\r");
        QCOMPARE(index.line("first\nsecond\r", 1).toByteArray(), QByteArray("second"));
        index.append("first\nsecond\r\nthird\n");
        QCOMPARE(index.lineCount(), quint64(3));
        QVERIFY(!index.lastLineUnterminated());
        // Appending nothing new changes nothing; clear() forgets a rotated file.
        QVERIFY(index.append("first\nsecond\r\nthird\n"));
        QCOMPARE(index.lineCount(), quint64(3));
        index.clear();
        QCOMPARE(index.lineCount(), quint64(0));
        QCOMPARE(index.indexedSize(), quint64(0));
    }

    void cancelAndResume()
    {
        const QByteArray data = xrtest::repeatTo("Jun  5 09:15:50 host xapi: [debug|h|1 ||m] text\n", 40 << 20);
        std::atomic<bool> cancel{false};
        quint64 lastDone = 0;
        int calls = 0;
        LineIndex index;
        const bool complete = index.build(
            data,
            [&](quint64 done, quint64 total) {
                QCOMPARE(total, quint64(data.size()));
                QVERIFY(done >= lastDone);
                lastDone = done;
                ++calls;
                cancel = true;
            },
            &cancel);
        QVERIFY(!complete);
        QCOMPARE(calls, 1);
        QVERIFY(index.indexedSize() < quint64(data.size()));
        // Resuming reads the rest only, and ends where a full build ends.
        QVERIFY(index.append(data));
        LineIndex full;
        full.build(data);
        QCOMPARE(index.lineCount(), full.lineCount());
        QCOMPARE(index.lineCount(), quint64(data.count('\n')));
        for (quint64 i : {quint64(0), full.lineCount() / 2, full.lineCount() - 1})
            QCOMPARE(index.line(data, i), full.line(data, i));
    }

    void hostileInput()
    {
        LineIndex index;
        const QByteArray noise = xrtest::binaryNoise(3 << 20);
        QVERIFY(index.build(noise));
        compareWithNaive(index, noise);
        const QByteArray oneLine(10 << 20, 'x');
        index.build(oneLine);
        QCOMPARE(index.lineCount(), quint64(1));
        QCOMPARE(index.line(oneLine, 0).size(), oneLine.size());
        const QByteArray newlines(1 << 20, '\n');
        index.build(newlines);
        QCOMPARE(index.lineCount(), quint64(1 << 20));
        QCOMPARE(index.line(newlines, 12345).size(), 0);
    }

    void piecesFromAnOrigin()
    {
        // A file read in pieces from the middle (offset 5000 on): the index must equal one
        // built on those bytes whole, every offset moved by 5000; more lines than one block
        // of offsets (65536) so that blocks fill up inside a 64-byte step.
        QRandomGenerator rng(5);
        QByteArray bytes;
        while (bytes.size() < 400000)
            bytes += randomText(rng, 1000);
        LineIndex whole;
        whole.build(bytes);
        QVERIFY(whole.lineCount() > 100000);
        const quint64 origin = 5000;
        LineIndex pieces(origin);
        QCOMPARE(pieces.origin(), origin);
        QCOMPARE(pieces.lineCount(), quint64(0));
        for (qsizetype at = 0; at < bytes.size();) {
            const qsizetype n = std::min<qsizetype>(bytes.size() - at, 1 + rng.bounded(9000));
            pieces.appendBytes(QByteArrayView(bytes).sliced(at, n), origin + quint64(at));
            at += n;
        }
        QCOMPARE(pieces.lineCount(), whole.lineCount());
        QCOMPARE(pieces.indexedSize(), origin + quint64(bytes.size()));
        QCOMPARE(pieces.lastLineUnterminated(), whole.lastLineUnterminated());
        for (quint64 i = 0; i < whole.lineCount(); ++i) {
            QCOMPARE(pieces.lineStart(i), whole.lineStart(i) + origin);
            QCOMPARE(pieces.nextLineStart(i), whole.nextLineStart(i) + origin);
            QCOMPARE(pieces.line(bytes, i, origin), whole.line(bytes, i));
        }
        for (int k = 0; k < 2000; ++k) {
            const quint64 at = rng.bounded(quint32(bytes.size()));
            QCOMPARE(pieces.lineAt(at + origin), whole.lineAt(at));
            QCOMPARE(pieces.lineAt(at + origin, pieces.lineAt(at + origin) / 2), whole.lineAt(at));
        }
        // A piece of the log (bytes from offset 200000 on) reads the lines it holds; a line
        // outside it reads as the part that is there, never past the buffer.
        const QByteArrayView tail = QByteArrayView(bytes).sliced(200000);
        const quint64 l = whole.lineAt(250000);
        QCOMPARE(whole.line(tail, l, 200000), whole.line(bytes, l));
        QCOMPARE(whole.line(tail, 0, 200000).size(), 0);
        // 8 bytes per line, plus at most one block not yet full.
        QVERIFY(pieces.memoryUsage() <= (pieces.lineCount() + 1) * 8 + 65536 * 8);
        // Copies are deep: growing one leaves the other as it was.
        LineIndex copy = pieces;
        copy.appendBytes("more\n", copy.indexedSize());
        QCOMPARE(copy.lineCount(), pieces.lineCount() + (pieces.lastLineUnterminated() ? 0 : 1));
        QCOMPARE(pieces.indexedSize(), origin + quint64(bytes.size()));
        LineIndex moved = std::move(copy);
        QCOMPARE(moved.indexedSize(), origin + quint64(bytes.size()) + 5);

        // Two halves indexed apart and joined at a line start are the whole index.
        const quint64 cutLine = whole.lineCount() / 2 + 3;
        const quint64 cut = whole.lineStart(cutLine);
        LineIndex front;
        front.build(QByteArrayView(bytes).first(qsizetype(cut)));
        LineIndex back(cut);
        back.appendBytes(QByteArrayView(bytes).sliced(qsizetype(cut)), cut);
        LineIndex frontCopy = front;
        LineIndex backCopy = back;
        QVERIFY(front.appendIndex(back));
        QVERIFY(frontCopy.appendIndex(std::move(backCopy))); // gives its blocks back as it goes
        QCOMPARE(backCopy.lineCount(), quint64(0));
        QCOMPARE(frontCopy.lineCount(), whole.lineCount());
        for (quint64 i = 0; i < whole.lineCount(); i += 5)
            QCOMPARE(frontCopy.lineStart(i), whole.lineStart(i));
        QCOMPARE(front.lineCount(), whole.lineCount());
        QCOMPARE(front.indexedSize(), whole.indexedSize());
        for (quint64 i = 0; i < whole.lineCount(); i += 3)
            QCOMPARE(front.lineStart(i), whole.lineStart(i));
        // Not where the first one ends, or not at a line start: refused, unchanged.
        LineIndex gap(cut + 1);
        gap.appendBytes("x\n", cut + 1);
        LineIndex half;
        half.build(QByteArrayView(bytes).first(qsizetype(cut)));
        QVERIFY(!half.appendIndex(gap));
        QCOMPARE(half.indexedSize(), cut);
        LineIndex midLine;
        midLine.build(QByteArrayView(bytes).first(qsizetype(cut + 1)));
        LineIndex rest(cut + 1);
        rest.appendBytes(QByteArrayView(bytes).sliced(qsizetype(cut + 1)), cut + 1);
        QVERIFY(midLine.lastLineUnterminated() && !midLine.appendIndex(rest));
    }

    void oneGibibyte()
    {
#ifdef Q_OS_UNIX
        // 1 GiB of zero pages (no memory used) with a few lines written into it.
        const quint64 size = quint64(1) << 30;
        void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        QVERIFY(mem != MAP_FAILED);
        char* p = static_cast<char*>(mem);
        const quint64 cuts[] = {10, quint64(512) << 20, (quint64(1) << 30) - 2};
        for (const quint64 c : cuts)
            p[c] = '\n';
        p[(quint64(512) << 20) - 1] = '\r';
        LineIndex index;
        const QByteArrayView data(p, qsizetype(size));
        QVERIFY(index.build(data));
        QCOMPARE(index.lineCount(), quint64(4));
        QCOMPARE(index.line(data, 0).size(), 10);
        QCOMPARE(quint64(index.line(data, 1).size()), (quint64(512) << 20) - 11 - 1); // "\r" dropped
        QCOMPARE(index.lineStart(3), size - 1);
        QCOMPARE(index.line(data, 3).size(), 1);
        QVERIFY(index.lastLineUnterminated());
        QCOMPARE(index.lineAt(size - 1), quint64(3));
        QCOMPARE(index.lineAt(quint64(700) << 20), quint64(2));
        munmap(mem, size);
#else
        QSKIP("needs an anonymous mapping (POSIX)");
#endif
    }
};

QTEST_GUILESS_MAIN(TestLineIndex)
#include "tst_lineindex.moc"
