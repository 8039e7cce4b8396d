// Catalogue scan benchmark: a 1 GiB log built in memory from real line shapes (the samples
// in tests/data) with catalogue hits sprinkled in, scanned with every pattern; the
// reference is `grep -c -F -f <all literals and prefilters>` on the same bytes written to a
// temporary file, measured in the same run. Goal (issue 3): >= 500 MB/s.
#include "ErrorCatalogue.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace xr;

namespace {

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qsizetype targetSize = argc > 1 ? QByteArray(argv[1]).toLongLong() << 20 : qsizetype(1) << 30;

    const auto loaded = ErrorCatalogue::fromJson(readFile(QStringLiteral(XR_CATALOGUE_JSON)));
    if (!loaded.ok()) {
        std::fprintf(stderr, "catalogue: %s\n", qPrintable(loaded.errorMessage()));
        return 2;
    }
    const CatalogueMatcher matcher(loaded.value());

    // Ordinary lines: every line of the log-like samples, minus those the catalogue flags.
    const char* logs[] = {"xensource-log__xcpng-issue-561-ng02.txt",
                          "xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt",
                          "xensource-log__lnav-xenserver-logs-samples.txt",
                          "smlog__xcpng-issue-561-ng02.txt",
                          "smlog-smgc__xcpng-sm-pr-87-sigterm.txt",
                          "squeezed-log__xcpng-issue-292-poweredge1.txt",
                          "syslog-xapi__mirage-xen-arm-builder-issue-53-cubietruck.txt",
                          "dom0-syslog-xenguest__xcpng-issue-269-domainbuilder.txt",
                          "xl-dmesg__qubes-issue-9501-xen-4.17.txt",
                          "xend-log__xen-commit-5816c3e4-traceback.txt"};
    QList<QByteArray> plain, flagged;
    for (const char* name : logs) {
        const QByteArray data = readFile(QStringLiteral(XR_TEST_DATA_DIR "/") + QString::fromLatin1(name));
        for (const QByteArray& line : data.split('\n')) {
            if (line.isEmpty())
                continue;
            (matcher.matchesLine(line) ? flagged : plain) << line;
        }
    }
    if (plain.isEmpty() || flagged.isEmpty()) {
        std::fprintf(stderr, "samples not found under %s\n", XR_TEST_DATA_DIR);
        return 2;
    }

    // About one flagged line in 5,000, like an unhappy but not burning host.
    QByteArray log;
    log.reserve(targetSize + 4096);
    quint32 x = 2463534242u;
    qint64 lines = 0, sprinkled = 0;
    while (log.size() < targetSize) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        if (x % 5000 == 0) {
            log += flagged.at(qsizetype(x / 5000 % quint32(flagged.size())));
            ++sprinkled;
        } else {
            log += plain.at(qsizetype(x % quint32(plain.size())));
        }
        log += '\n';
        ++lines;
    }
    const double mb = double(log.size()) / 1e6;
    std::printf("log: %.0f MB, %lld lines, %lld sprinkled matching lines; catalogue: %lld entries, %lld needles\n", mb,
                static_cast<long long>(lines), static_cast<long long>(sprinkled),
                static_cast<long long>(loaded->size()), static_cast<long long>(matcher.needleCount()));

    std::vector<double> scanTimes;
    qsizetype hits = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        hits = matcher.scan(log).size();
        scanTimes.push_back(double(t.nsecsElapsed()) / 1e9);
    }
    const double scanS = median(scanTimes);
    std::printf("catalogue scan:   %.3f s  %7.0f MB/s  (%lld hits, median of 3)\n", scanS, mb / scanS,
                static_cast<long long>(hits));

    // Reference: grep with every literal and prefilter, on the same bytes from the page cache.
    QTemporaryDir dir;
    const QString logPath = dir.filePath(QStringLiteral("bench.log"));
    const QString patPath = dir.filePath(QStringLiteral("literals.txt"));
    {
        QFile f(logPath);
        if (!f.open(QIODevice::WriteOnly) || f.write(log) != log.size())
            return 2;
        QFile p(patPath);
        if (!p.open(QIODevice::WriteOnly))
            return 2;
        for (const CatalogueEntry& e : loaded->entries()) {
            for (const CataloguePattern& pat : e.patterns)
                p.write((pat.kind == CataloguePattern::Kind::Literal ? pat.literal : pat.prefilter) + '\n');
        }
    }
    log = QByteArray(); // leave the memory to the page cache
    std::vector<double> grepTimes;
    QByteArray grepCount;
    for (int run = 0; run < 3; ++run) {
        QProcess grep;
        QElapsedTimer t;
        t.start();
        grep.start(QStringLiteral("grep"),
                   {QStringLiteral("-c"), QStringLiteral("-F"), QStringLiteral("-f"), patPath, logPath});
        if (!grep.waitForFinished(600000)) {
            std::fprintf(stderr, "grep did not finish\n");
            return 2;
        }
        grepTimes.push_back(double(t.nsecsElapsed()) / 1e9);
        grepCount = grep.readAllStandardOutput().trimmed();
    }
    const double grepS = median(grepTimes);
    std::printf("grep -c -F -f:    %.3f s  %7.0f MB/s  (%s lines, median of 3)\n", grepS, mb / grepS,
                grepCount.constData());
    std::printf("ratio to grep: %.2fx; goal >= 500 MB/s: %s\n", grepS / scanS, mb / scanS >= 500 ? "met" : "NOT MET");
    return 0;
}
