#include "GzipReader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using xr::GzipReader;

namespace {

// One gzip member of `data`, as gzip(1) writes it.
QByteArray gzip(const QByteArray& data, int level = Z_DEFAULT_COMPRESSION)
{
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// Log-like text: compressible, but not trivially, and different on every line.
QByteArray logText(qsizetype lines)
{
    QByteArray out;
    for (qsizetype i = 0; i < lines; ++i)
        out += "Jun  5 10:11:12 xs01 xapi: [debug||" + QByteArray::number(i * 7919 % 100003) + " ||xenops] line " +
               QByteArray::number(i) + '\n';
    return out;
}

struct ReadAll
{
    QByteArray data;
    bool error = false;
    QString message;
    qsizetype largestChunk = 0;
    int chunks = 0;
};

ReadAll readAll(QIODevice& device, GzipReader::Format format, qsizetype chunk)
{
    GzipReader reader(device, format);
    ReadAll r;
    for (int guard = 0; guard < 10'000'000; ++guard) {
        const QByteArray part = reader.read(chunk);
        r.largestChunk = std::max(r.largestChunk, part.size());
        r.data += part;
        ++r.chunks;
        if (reader.hasError() || (part.isEmpty() && reader.atEnd()))
            break;
    }
    r.error = reader.hasError();
    r.message = reader.errorString();
    return r;
}

ReadAll readAll(const QByteArray& bytes, GzipReader::Format format, qsizetype chunk)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAll(buffer, format, chunk);
}

// A pipe that hands out at most `step` bytes per read (stdin from a slow producer).
class TrickleDevice final : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qsizetype step)
        : m_data(std::move(data))
        , m_step(step)
    {}
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        const qint64 n = std::min<qint64>({max, m_step, m_data.size() - m_pos});
        memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qsizetype m_step;
    qsizetype m_pos = 0;
};

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestGzipReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainPassesThrough()
    {
        const QByteArray text = logText(1000);
        const ReadAll r = readAll(text, GzipReader::Format::Auto, 333);
        QVERIFY(!r.error);
        QCOMPARE(r.data, text);
        QVERIFY(r.largestChunk <= 333);
    }

    void emptyInput()
    {
        QVERIFY(!readAll(QByteArray(), GzipReader::Format::Auto, 100).error);
        QVERIFY(readAll(QByteArray(), GzipReader::Format::Gzip, 100).error);
    }

    void gzipRequiredButPlain()
    {
        const ReadAll r = readAll("just text\n", GzipReader::Format::Gzip, 100);
        QVERIFY(r.error);
        QVERIFY(r.data.isEmpty());
        QVERIFY(r.message.contains(u"gzip"_s));
    }

    void singleMemberAnyChunkSize_data()
    {
        QTest::addColumn<qsizetype>("chunk");
        QTest::newRow("1") << qsizetype(1);
        QTest::newRow("7") << qsizetype(7);
        QTest::newRow("4096") << qsizetype(4096);
        QTest::newRow("1 MiB") << qsizetype(1 << 20);
    }

    void singleMemberAnyChunkSize()
    {
        QFETCH(qsizetype, chunk);
        const QByteArray text = logText(chunk == 1 ? 300 : 5000);
        const ReadAll r = readAll(gzip(text), GzipReader::Format::Auto, chunk);
        QVERIFY2(!r.error, qPrintable(r.message));
        QCOMPARE(r.data, text);
        QVERIFY(r.largestChunk <= chunk);
    }

    void multiMember()
    {
        const QByteArray a = logText(100);
        const QByteArray b = "second member\n";
        const QByteArray c = logText(3000);
        // An empty member in the middle too (gzip < /dev/null).
        const QByteArray joined = gzip(a) + gzip(QByteArray()) + gzip(b) + gzip(c, 1);
        for (qsizetype chunk : {qsizetype(5), qsizetype(64 * 1024)}) {
            const ReadAll r = readAll(joined, GzipReader::Format::Gzip, chunk);
            QVERIFY2(!r.error, qPrintable(r.message));
            QCOMPARE(r.data, a + b + c);
        }
    }

    void trickledStdin()
    {
        // Magic bytes split over two reads, members split everywhere.
        const QByteArray text = logText(200);
        TrickleDevice pipe(gzip(text) + gzip(text), 1);
        QVERIFY(pipe.open(QIODevice::ReadOnly));
        const ReadAll r = readAll(pipe, GzipReader::Format::Auto, 1000);
        QVERIFY2(!r.error, qPrintable(r.message));
        QCOMPARE(r.data, text + text);

        TrickleDevice plainPipe("x\nyz", 1);
        QVERIFY(plainPipe.open(QIODevice::ReadOnly));
        QCOMPARE(readAll(plainPipe, GzipReader::Format::Auto, 1000).data, QByteArray("x\nyz"));
    }

    void zeroPaddingIgnored()
    {
        const QByteArray text = logText(50);
        const ReadAll r = readAll(gzip(text) + QByteArray(1000, '\0'), GzipReader::Format::Gzip, 4096);
        QVERIFY2(!r.error, qPrintable(r.message));
        QCOMPARE(r.data, text);
    }

    void trailingGarbage()
    {
        const QByteArray text = logText(50);
        const ReadAll r = readAll(gzip(text) + "garbage", GzipReader::Format::Gzip, 4096);
        QVERIFY(r.error);
        QCOMPARE(r.data, text);
    }

    void truncated_data()
    {
        QTest::addColumn<qsizetype>("keep");
        const QByteArray gz = gzip(logText(20000));
        QTest::newRow("header only") << qsizetype(10);
        QTest::newRow("half") << gz.size() / 2;
        QTest::newRow("no trailer") << gz.size() - 8;
        QTest::newRow("one byte short") << gz.size() - 1;
    }

    void truncated()
    {
        QFETCH(qsizetype, keep);
        const QByteArray text = logText(20000);
        const QByteArray gz = gzip(text);
        const ReadAll r = readAll(gz.first(keep), GzipReader::Format::Gzip, 64 * 1024);
        QVERIFY(r.error);
        QVERIFY2(r.message.contains(u"truncated"_s), qPrintable(r.message));
        // What was decoded before the cut is handed out, and is a prefix of the text.
        QVERIFY(text.startsWith(r.data));
        if (keep == gz.size() - 8 || keep == gz.size() - 1)
            QVERIFY(r.data.size() > text.size() / 2);
    }

    void corrupt()
    {
        QByteArray gz = gzip(logText(5000));
        for (qsizetype i = gz.size() / 2; i < gz.size() / 2 + 64; ++i)
            gz[i] = char(~gz[i]);
        const ReadAll r = readAll(gz, GzipReader::Format::Gzip, 64 * 1024);
        QVERIFY(r.error);
        QVERIFY(!r.message.isEmpty());
    }

    void bigFileInBoundedChunks()
    {
        // 96 MiB of text through 1 MiB reads: never more than a chunk at a time comes out,
        // and every byte arrives in order.
        const QByteArray block = logText(20000);
        QByteArray text;
        QCryptographicHash expected(QCryptographicHash::Sha256);
        while (text.size() < 96 * 1024 * 1024) {
            text += block;
            expected.addData(block);
        }
        const QByteArray gz = gzip(text, 1);
        text = QByteArray();
        QBuffer buffer;
        buffer.setData(gz);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        GzipReader reader(buffer, GzipReader::Format::Gzip);
        QCryptographicHash got(QCryptographicHash::Sha256);
        qint64 total = 0;
        int chunks = 0;
        while (true) {
            const QByteArray part = reader.read(1 << 20);
            QVERIFY(part.size() <= (1 << 20));
            if (part.isEmpty())
                break;
            got.addData(part);
            total += part.size();
            ++chunks;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY(reader.atEnd());
        QVERIFY(reader.isCompressed());
        QVERIFY(total >= 96 * 1024 * 1024);
        QVERIFY(chunks >= 96);
        QCOMPARE(got.result(), expected.result());
    }

    // inflateFile: the log-to-file inflation (a rotated log opened in the Logs tab) stops at
    // its bounds and says what was cut.
    void inflateFileWholeWhenSmall()
    {
        QTemporaryDir dir;
        const QByteArray text = logText(50000);
        QVERIFY(writeFile(dir.filePath(u"a.gz"_s), gzip(text)));
        const xr::InflateResult r = GzipReader::inflateFile(dir.filePath(u"a.gz"_s), dir.filePath(u"a.log"_s));
        QVERIFY2(r.message.isEmpty(), qPrintable(r.message));
        QVERIFY(!r.cut);
        QCOMPARE(r.written, text.size());
        QCOMPARE(readFile(dir.filePath(u"a.log"_s)), text);
    }

    void inflateFileStopsBeforeTheDiskIsFull()
    {
        QTemporaryDir dir;
        QByteArray text;
        while (text.size() < 40 * 1024 * 1024)
            text += logText(20000);
        QVERIFY(writeFile(dir.filePath(u"big.gz"_s), gzip(text, 1)));
        xr::InflateLimits limits;
        limits.reserveBytes = 0;
        QString askedFor;
        limits.freeBytes = [&](const QString& path) {
            askedFor = path;
            return qint64(10) << 20; // a disk with 10 MiB free
        };
        const xr::InflateResult r =
            GzipReader::inflateFile(dir.filePath(u"big.gz"_s), dir.filePath(u"big.log"_s), limits);
        qInfo().noquote() << r.message;
        QVERIFY(r.cut);
        QCOMPARE(askedFor, dir.path());
        QVERIFY(r.written <= (qint64(10) << 20));
        QCOMPARE(QFileInfo(dir.filePath(u"big.log"_s)).size(), r.written);
        QVERIFY(r.message.contains(u"MiB free"_s));
        QVERIFY(r.message.contains(u"was not inflated"_s));
    }

    void inflateFileStopsAtTheSizeLimit()
    {
        QTemporaryDir dir;
        QByteArray text;
        while (text.size() < 20 * 1024 * 1024)
            text += logText(20000);
        QVERIFY(writeFile(dir.filePath(u"big.gz"_s), gzip(text, 1)));
        xr::InflateLimits limits;
        limits.maxBytes = qint64(8) << 20;
        const xr::InflateResult r =
            GzipReader::inflateFile(dir.filePath(u"big.gz"_s), dir.filePath(u"big.log"_s), limits);
        qInfo().noquote() << r.message;
        QVERIFY(r.cut);
        QVERIFY(r.written > 0 && r.written <= limits.maxBytes);
        QCOMPARE(readFile(dir.filePath(u"big.log"_s)), text.left(r.written)); // what is there is whole
        QVERIFY(r.message.contains(u"limit of 8.0 MiB"_s));
    }

    void inflateFileRefusesABomb()
    {
        // 256 MiB of zeros compress to about 250 KiB: no log expands a thousand times.
        QByteArray zeros(256 * 1024 * 1024, '\0');
        const QByteArray gz = gzip(zeros, 9);
        zeros = QByteArray();
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"bomb.gz"_s), gz));
        const xr::InflateResult r = GzipReader::inflateFile(dir.filePath(u"bomb.gz"_s), dir.filePath(u"bomb.log"_s));
        qInfo().noquote() << "compressed" << gz.size() << "bytes; inflated" << r.written << "bytes:" << r.message;
        QVERIFY(r.cut);
        QVERIFY(r.written <= (qint64(64) << 20) + (4 << 20));
        QVERIFY(r.message.contains(u"expands more than 200 times"_s));
    }
};

QTEST_GUILESS_MAIN(TestGzipReader)
#include "tst_gzipreader.moc"
