// bench_logs: the log layer on a 1 GiB xensource.log built from real line shapes, measured
// in one run next to the reference tools (wc -l, grep -c -F, grep -c -E). Prints a table;
// not a test (tests never assert wall-clock times). Usage: bench_logs [size in MiB] [dir].

#include "BenchLogCorpus.h"
#include "LineIndex.h"
#include "LogFormat.h"
#include "LogMerge.h"
#include "LogSearch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace xr;
using namespace xr::bench;

namespace {

double seconds(const std::function<void()>& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Median of three runs (after one warm-up run for the tools, which also fills the cache).
double median3(const std::function<void()>& f)
{
    double t[3];
    for (double& x : t)
        x = seconds(f);
    std::sort(t, t + 3);
    return t[1];
}

struct ToolRun
{
    double secs = 0;
    QByteArray output;
};

ToolRun tool(const QString& program, const QStringList& args)
{
    ToolRun r;
    auto once = [&]() {
        QProcess p;
        // The C locale is grep's fastest mode: the strictest reference.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        p.setProcessEnvironment(env);
        p.start(program, args);
        p.waitForFinished(-1);
        r.output = p.readAllStandardOutput().trimmed();
    };
    once(); // warm: page cache, binary
    r.secs = median3(once);
    return r;
}

void row(const char* what, double ours, const char* ref, double theirs, double bytes, double goal)
{
    const double mb = bytes / 1e6;
    const double ratio = theirs / ours; // our speed as a share of the reference's
    const QByteArray goalText = goal > 0 ? ">=" + QByteArray::number(goal, 'f', 2) + "x" : QByteArray("-");
    std::printf("| %-36s | %7.3f s | %8.0f MB/s | %-34s | %7.3f s | %8.0f MB/s | %5.2fx | %-7s | %-4s |\n", what, ours,
                mb / ours, ref, theirs, mb / theirs, ratio, goalText.constData(),
                goal <= 0 ? "-" : (ratio >= goal ? "yes" : "NO"));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 sizeMiB = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1024;
    QTemporaryDir tmp(argc > 2 ? QString::fromLocal8Bit(argv[2]) + QStringLiteral("/bench_logs-XXXXXX")
                               : QDir::tempPath() + QStringLiteral("/bench_logs-XXXXXX"));
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 2;
    }
    const QString path = tmp.filePath(QStringLiteral("xensource.log"));
    std::printf("building a %lld MiB xensource.log from real line shapes in %s ...\n", sizeMiB, qPrintable(path));
    const double buildSecs = seconds([&] {
        if (!buildLog(path, sizeMiB << 20))
            std::exit(2);
    });
    std::printf("built in %.1f s\n", buildSecs);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
        return 2;
    }
    uchar* mapped = file.map(0, file.size());
    if (!mapped) {
        std::fprintf(stderr, "cannot map %s\n", qPrintable(path));
        return 2;
    }
    const QByteArrayView data(reinterpret_cast<const char*>(mapped), qsizetype(file.size()));
    const double bytes = double(data.size());
    // Fault the mapping in before timing (a page-cache-resident file, like the tools get).
    {
        quint64 sum = 0;
        for (qsizetype i = 0; i < data.size(); i += 4096)
            sum += quint8(data[i]);
        std::printf("mapped %.0f MB (touch sum %llu)\n", bytes / 1e6, static_cast<unsigned long long>(sum));
    }

    std::atomic<bool> cancel{false};
    LineIndex index;
    const double tIndex = median3([&] { index.build(data); });
    const ToolRun wc = tool(QStringLiteral("wc"), {QStringLiteral("-l"), path});

    auto search = [&](const QString& pattern, bool regex, bool cs) {
        LogSearchQuery q;
        q.pattern = pattern;
        q.regex = regex;
        q.caseSensitive = cs;
        LogSearchResult r;
        const double t = median3([&] { r = searchLog(data, index, q, cancel).value(); });
        return std::make_pair(t, r);
    };
    const auto [tPlain, plain] = search(QStringLiteral("Failed to find SR"), false, true);
    const ToolRun grepF = tool(QStringLiteral("grep"),
                               {QStringLiteral("-c"), QStringLiteral("-F"), QStringLiteral("Failed to find SR"), path});
    const auto [tRegex, regex] = search(QStringLiteral("error|.*backtrace"), true, true);
    const ToolRun grepE = tool(QStringLiteral("grep"),
                               {QStringLiteral("-c"), QStringLiteral("-E"), QStringLiteral("error|.*backtrace"), path});
    // Extra rows without goals: case folding, and a regex the prefilter narrows but
    // cannot answer alone (the engine runs on each candidate line).
    const auto [tFold, fold] = search(QStringLiteral("failed to find sr"), false, false);
    const ToolRun grepI =
        tool(QStringLiteral("grep"), {QStringLiteral("-c"), QStringLiteral("-i"), QStringLiteral("-F"),
                                      QStringLiteral("failed to find sr"), path});
    const auto [tVerify, verify] = search(QStringLiteral("Raised at [a-z_]+\\.ml:[0-9]+"), true, true);
    const ToolRun grepV = tool(QStringLiteral("grep"), {QStringLiteral("-c"), QStringLiteral("-E"),
                                                        QStringLiteral("Raised at [a-z_]+\\.ml:[0-9]+"), path});

    std::printf("\n%lld lines (wc -l: %s), index %.1f MB\n", static_cast<long long>(index.lineCount()),
                wc.output.constData(), double(index.memoryUsage()) / 1e6);
    std::printf("| %-36s | %-9s | %-13s | %-34s | %-9s | %-13s | %-6s | %-7s | %-4s |\n", "step (median of 3)", "ours",
                "ours rate", "reference", "ref", "ref rate", "ratio", "goal", "met");
    std::printf("|%s|\n", QByteArray(169, '-').constData());
    row("line index", tIndex, "wc -l", wc.secs, bytes, 0.3);
    row("plain search 'Failed to find SR'", tPlain, "grep -c -F 'Failed to find SR'", grepF.secs, bytes, 0.5);
    row("regex 'error|.*backtrace'", tRegex, "grep -c -E 'error|.*backtrace'", grepE.secs, bytes, 0.5);
    row("plain, case-insensitive", tFold, "grep -c -i -F", grepI.secs, bytes, 0);
    row("regex 'Raised at [a-z_]+\\.ml:[0-9]+'", tVerify, "grep -c -E (same)", grepV.secs, bytes, 0);

    std::printf("\nmatch counts (ours / grep): plain %llu / %s, regex %llu / %s, folded %llu / %s, verified %llu / %s "
                "(regex lines run through the engine: %llu)\n",
                static_cast<unsigned long long>(plain.count()), grepF.output.constData(),
                static_cast<unsigned long long>(regex.count()), grepE.output.constData(),
                static_cast<unsigned long long>(fold.count()), grepI.output.constData(),
                static_cast<unsigned long long>(verify.count()), grepV.output.constData(),
                static_cast<unsigned long long>(verify.regexLinesChecked));
    const bool countsAgree =
        QByteArray::number(plain.count()) == grepF.output && QByteArray::number(regex.count()) == grepE.output &&
        QByteArray::number(fold.count()) == grepI.output && QByteArray::number(verify.count()) == grepV.output &&
        QByteArray::number(index.lineCount()) == wc.output.split(' ').first();

    // Merge-related figures (no reference tool): time keys for every line, then a merge of
    // the two halves of the file as if they were two logs.
    LogParser parser(LogFormatKind::XapiSyslog, QDateTime(QDate(2030, 1, 1), QTime(), Qt::UTC));
    SyslogYears years;
    const double tYears =
        seconds([&] { years = SyslogYears::infer(data, index, QDateTime(QDate(2030, 1, 1), QTime(), Qt::UTC)); });
    parser.setYears(years);
    std::vector<qint64> keys;
    const double tKeys = seconds([&] { keys = logTimeKeys(data, index, parser, cancel); });
    const std::size_t half = keys.size() / 2;
    MergeResult merged;
    const double tMerge = seconds([&] {
        merged = mergeByTime({std::span<const qint64>(keys.data(), half),
                              std::span<const qint64>(keys.data() + half, keys.size() - half)},
                             cancel);
    });
    std::printf("\nyear map %.3f s; time keys for %zu lines %.3f s (%.0f MB/s); merge of two halves %.3f s "
                "(%zu lines)\n",
                tYears, keys.size(), tKeys, bytes / 1e6 / tKeys, tMerge, merged.lines.size());
    std::printf("counts agree with the tools: %s\n", countsAgree ? "yes" : "NO");
    file.unmap(mapped);
    return countsAgree ? 0 : 1;
}
