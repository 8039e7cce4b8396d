#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the built xenrescue-cli (XR_CLI_PATH) with `args`, feeding `input` on stdin.
Run runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(XR_CLI_PATH), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

QString sample(const char* name)
{
    return QStringLiteral(XR_TEST_DATA_DIR "/") + QString::fromUtf8(name);
}

QByteArray readSample(const char* name)
{
    QFile f(sample(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One gzip member of `data`, as gzip(1) writes it.
QByteArray gzip(const QByteArray& data)
{
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
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

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QList<QByteArray> outputLines(const QByteArray& out)
{
    QList<QByteArray> lines = out.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

// xenrescue-cli scan, run as a separate process on the real samples (plain, gzip, stdin).
class TestCliScan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textHitsInPlainFiles()
    {
        const QString xl = sample("xl-create-error__halvm-issue-47.txt");
        const QString xe = sample("xe-error-vm-bad-power-state__xcpng-issue-500.txt");
        const Run r = runCli({u"scan"_s, xl, xe});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QList<QByteArray> lines = outputLines(r.out);
        QCOMPARE(lines.size(), 3);
        // FILE:LINE: ID: TITLE, in file order then line order.
        QVERIFY(lines[0].startsWith(xl.toUtf8() + ":4: xl-domain-vanished: "));
        QVERIFY(lines[1].startsWith(xl.toUtf8() + ":5: xl-console-attach-failed: "));
        QVERIFY(lines[2].startsWith(xe.toUtf8() + ":1: xapi-vm-bad-power-state: "));
        QVERIFY(lines[2].size() > xe.size() + 30); // the title is there
    }

    void noHits()
    {
        Run r = runCli({u"scan"_s, sample("xl-info__intel-vmsifter-test.txt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        r = runCli({u"scan"_s, u"--json"_s, sample("xl-info__intel-vmsifter-test.txt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(r.out).isArray());
        QVERIFY(QJsonDocument::fromJson(r.out).array().isEmpty());
    }

    void jsonShape()
    {
        const QString log = sample("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt");
        const Run r = runCli({u"scan"_s, u"--json"_s, log, sample("xm-error__xen-commit-e5d1731c-destroy.txt")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray hits = doc.array();
        QCOMPARE(hits.size(), 3);
        for (const QJsonValue& v : hits) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.keys(), (QStringList{u"file"_s, u"id"_s, u"line"_s, u"risk"_s, u"text"_s, u"title"_s}));
            QVERIFY(!o.value(u"title").toString().isEmpty());
            QVERIFY(!o.value(u"text").toString().isEmpty());
            QVERIFY(QStringList({u"safe"_s, u"low"_s, u"medium"_s, u"high"_s, u"critical"_s})
                        .contains(o.value(u"risk").toString()));
        }
        QCOMPARE(hits.at(0).toObject().value(u"file").toString(), log);
        QCOMPARE(hits.at(0).toObject().value(u"line").toInt(), 1);
        QCOMPARE(hits.at(0).toObject().value(u"id").toString(), u"xapi-authentication-failed"_s);
        QCOMPARE(hits.at(1).toObject().value(u"line").toInt(), 3);
        const QJsonObject xm = hits.at(2).toObject();
        QCOMPARE(xm.value(u"id").toString(), u"xm-integer-required"_s);
        QCOMPARE(xm.value(u"text").toString(),
                 QString::fromUtf8(readSample("xm-error__xen-commit-e5d1731c-destroy.txt").split('\n').at(0)));
    }

    void gzipAndStdin()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray squeezed = readSample("squeezed-log__xcpng-issue-292-poweredge1.txt");
        QVERIFY(!squeezed.isEmpty());
        const QString gz = dir.filePath(u"squeezed.log.1.gz"_s);
        QVERIFY(writeFile(gz, gzip(squeezed)));
        const Run plain = runCli({u"scan"_s, sample("squeezed-log__xcpng-issue-292-poweredge1.txt")});
        const Run compressed = runCli({u"scan"_s, gz});
        QCOMPARE(compressed.exitCode, 0);
        QVERIFY(compressed.err.isEmpty());
        const QList<QByteArray> lines = outputLines(compressed.out);
        QCOMPARE(lines.size(), 8);
        QVERIFY(lines[0].startsWith(gz.toUtf8() + ":1: squeezed-xenstore-write-failed: "));
        QVERIFY(lines[7].startsWith(gz.toUtf8() + ":10: squeezed-xenstore-write-failed: "));
        // Same hits as the plain file, line for line.
        const QList<QByteArray> plainLines = outputLines(plain.out);
        QCOMPARE(plainLines.size(), lines.size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lines[i].mid(gz.size()), plainLines[i].mid(plainLines[i].indexOf(':')));

        // Standard input, plain and gzip-compressed (detected from its first bytes).
        for (const QByteArray& input : {squeezed, gzip(squeezed)}) {
            const Run r = runCli({u"scan"_s, u"--json"_s, u"-"_s}, input);
            QCOMPARE(r.exitCode, 0);
            const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
            QCOMPARE(hits.size(), 8);
            QCOMPARE(hits.at(4).toObject().value(u"line").toInt(), 7);
        }
    }

    void largeInputAcrossChunks()
    {
        // Larger than the command's read chunk: hits right at the chunk edges keep their
        // line numbers, and a last line without "\n" is scanned. Compressed too.
        const QByteArray hit = "Jun  5 10:11:12 xs01 xapi: [error||1 ||cli] Lost connection to the server.";
        QByteArray text;
        QList<qint64> expected;
        qint64 line = 0;
        while (text.size() < 9 * 1024 * 1024) {
            ++line;
            if (line % 40000 == 0 || (text.size() % (4 * 1024 * 1024)) > 4 * 1024 * 1024 - 200) {
                text += hit + '\n';
                expected.append(line);
            } else {
                text += "Jun  5 10:11:12 xs01 xapi: [debug||1 ||x] nothing to see here, line " +
                        QByteArray::number(line) + '\n';
            }
        }
        text += hit; // unterminated last line
        expected.append(++line);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString plain = dir.filePath(u"xensource.log"_s);
        const QString gz = dir.filePath(u"xensource.log.2.gz"_s);
        QVERIFY(writeFile(plain, text));
        QVERIFY(writeFile(gz, gzip(text)));
        for (const QString& file : {plain, gz}) {
            const Run r = runCli({u"scan"_s, u"--json"_s, file});
            QCOMPARE(r.exitCode, 0);
            const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
            QList<qint64> lines;
            for (const QJsonValue& v : hits) {
                QCOMPARE(v.toObject().value(u"id").toString(), u"xapi-lost-connection"_s);
                lines.append(v.toObject().value(u"line").toInteger());
            }
            QCOMPARE(lines, expected);
        }
    }

    void veryLongLine()
    {
        // A line longer than the command carries over (64 MiB) is scanned in pieces under one
        // line number, and an entry found in two pieces is reported once.
        const QByteArray hit = "Lost connection to the server.";
        QByteArray text = hit + '\n';
        text += hit + QByteArray(70 * 1024 * 1024, 'x') + hit + '\n';
        text += hit + '\n';
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString gz = dir.filePath(u"long.log.gz"_s);
        QVERIFY(writeFile(gz, gzip(text)));
        text = QByteArray();
        const Run r = runCli({u"scan"_s, u"--json"_s, gz});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(hits.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(hits.at(i).toObject().value(u"line").toInt(), i + 1);
        // The long line's text is cut to CatalogueHit::kMaxHitTextBytes, and the hit says by how much.
        const QJsonObject longHit = hits.at(1).toObject();
        qInfo() << "text kept:" << longHit.value(u"text").toString().size()
                << "text_cut_bytes:" << longHit.value(u"text_cut_bytes").toDouble();
        QVERIFY(longHit.value(u"text_cut_bytes").toDouble() > 60 * 1024 * 1024); // of the piece scanned
        QVERIFY(!hits.at(0).toObject().contains(u"text_cut_bytes"));
    }

    // The CLI turns core dumps off before it can read a secret: its limit is 0 while it runs.
    void cliCannotDumpCore()
    {
#ifndef Q_OS_LINUX
        QSKIP("Core dump settings are only changed on Linux.");
#else
        QProcess p;
        p.start(QStringLiteral(XR_CLI_PATH), {u"scan"_s, u"-"_s}); // waits on stdin
        QVERIFY(p.waitForStarted(10000));
        const QString limits = QStringLiteral("/proc/%1/limits").arg(p.processId());
        const auto coreLine = [&] {
            QFile f(limits);
            const QByteArray text = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            return text.mid(text.indexOf("Max core file size")).split('\n').value(0).simplified();
        };
        QTRY_COMPARE_WITH_TIMEOUT(coreLine(), QByteArray("Max core file size 0 0 bytes"), 5000);
        qInfo() << "xenrescue-cli:" << coreLine();
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
#endif
    }

    void unreadableFilesKeepGoing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray xm = readSample("xm-error__xen-commit-e5d1731c-destroy.txt");
        // Truncated gzip: the hits before the cut are printed, the file is reported.
        const QByteArray gz = gzip(xm + QByteArray(200000, 'x'));
        const QString truncated = dir.filePath(u"cut.log.gz"_s);
        QVERIFY(writeFile(truncated, gz.first(gz.size() - 20)));
        const QString notGzip = dir.filePath(u"plain.gz"_s);
        QVERIFY(writeFile(notGzip, xm));
        const QString good = sample("xm-error__xen-commit-e5d1731c-destroy.txt");

        const Run r = runCli({u"scan"_s, u"/nonexistent/xenrescue.log"_s, truncated, notGzip, good});
        QCOMPARE(r.exitCode, 1);
        const QList<QByteArray> errors = outputLines(r.err);
        QCOMPARE(errors.size(), 3);
        QVERIFY(errors[0].startsWith("xenrescue-cli scan: ") && errors[0].contains("/nonexistent/xenrescue.log"));
        QVERIFY(errors[1].contains("cut.log.gz") && errors[1].contains("truncated"));
        QVERIFY(errors[2].contains("plain.gz"));
        const QList<QByteArray> lines = outputLines(r.out);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(truncated.toUtf8() + ":1: xm-integer-required: "));
        QVERIFY(lines[1].startsWith(good.toUtf8() + ":1: xm-integer-required: "));

        // JSON stays a valid document when a file fails.
        const Run j = runCli({u"scan"_s, u"--json"_s, u"/nonexistent/xenrescue.log"_s, good});
        QCOMPARE(j.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(j.out).array().size(), 1);
    }

    void usageErrors()
    {
        Run r = runCli({u"scan"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.startsWith("xenrescue-cli scan: "));
        r = runCli({u"scan"_s, u"--no-such-option"_s, sample("xm-error__xen-commit-e5d1731c-destroy.txt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        r = runCli({u"scan"_s, u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--json"));
    }
};

QTEST_GUILESS_MAIN(TestCliScan)
#include "tst_cli_scan.moc"
