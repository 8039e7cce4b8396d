// bench_logbrowse: log browsing as the app does it (LogSource, LogFilterJob, MergedLog from
// app/), on a 1 GiB xensource.log built from real line shapes, measured in one run next to
// Debian's lnav, `wc -l` and `grep -c`: time to first screen (tail first), time to the full
// index, plain and regex search, the merged view of 2 x 512 MiB, peak RSS; and the last page
// of a 1 GiB log on a lab host behind real sshd over loopback. Prints a table; asserts nothing
// about time (CONVENTIONS.md "Tests"). Exit status 0 report printed, 2 setup failed.
//
// Usage: bench_logbrowse [--log-mib N] [--no-remote]   (other arguments are ignored: scripts/bench
// passes its own to every benchmark)

#include "BenchLogCorpus.h"
#include "LabPool.h"
#include "LabSsh.h"
#include "LogFilterJob.h"
#include "LogSource.h"
#include "MergedLog.h"
#include "SshHost.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace xr;
using namespace xr::bench;

namespace {

double median3(const std::function<double()>& f)
{
    double t[3];
    for (double& x : t)
        x = f();
    std::sort(t, t + 3);
    return t[1];
}

// Runs the event loop until `done` is true (or 10 minutes pass).
void spin(const std::function<bool()>& done)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
}

double toolSeconds(const QString& program, const QStringList& args, QByteArray* output = nullptr, bool warm = true)
{
    const auto once = [&] {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        env.insert(QStringLiteral("HOME"), QDir::tempPath()); // lnav keeps its state there
        p.setProcessEnvironment(env);
        if (!output)
            p.setStandardOutputFile(QProcess::nullDevice()); // never buffer `cat` of 2 GiB here
        QElapsedTimer t;
        t.start();
        p.start(program, args);
        p.waitForFinished(-1);
        const double s = double(t.nsecsElapsed()) / 1e9;
        if (output)
            *output = p.readAllStandardOutput().trimmed();
        return s;
    };
    if (warm)
        once();
    return median3(once);
}

// Peak RSS of a tool run (VmHWM read from /proc while it runs: getrusage(RUSAGE_CHILDREN)
// would count this process's pages the child had between fork and exec).
long toolPeakKiB(const QString& program, const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), QDir::tempPath());
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted())
        return 0;
    const QString status = QStringLiteral("/proc/%1/status").arg(p.processId());
    long peak = 0;
    while (!p.waitForFinished(10)) {
        QFile f(status);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                peak = qMax(peak, line.mid(6).trimmed().split(' ').first().toLong());
    }
    return peak;
}

long selfPeakKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

LogOrigin localOrigin(const QString& path)
{
    LogOrigin o;
    o.kind = LogOrigin::Kind::LocalFile;
    o.path = path;
    return o;
}

// Opens a log and parses the lines of one screen (what the view does to paint it).
double firstScreen(RemoteHost* host, const LogOrigin& origin)
{
    QElapsedTimer t;
    t.start();
    LogSource s(host, origin);
    s.open();
    spin([&] { return s.state() == LogSource::State::Ready || s.state() == LogSource::State::Failed; });
    if (!s.isReady())
        return -1;
    int parsed = 0;
    for (quint64 i = s.lineCount() > 60 ? s.lineCount() - 60 : 0; i < s.lineCount(); ++i)
        parsed += s.parsedLine(i).hasTimestamp ? 1 : 0;
    return parsed > 0 ? double(t.nsecsElapsed()) / 1e9 : -1;
}

std::unique_ptr<LogSource> loadWhole(const QString& path, double* secs)
{
    QElapsedTimer t;
    t.start();
    auto s = std::make_unique<LogSource>(nullptr, localOrigin(path));
    s->open();
    spin([&] { return s->state() != LogSource::State::Opening; });
    s->loadAll();
    spin([&] { return !s->canLoadOlder() || s->state() == LogSource::State::Failed; });
    *secs = double(t.nsecsElapsed()) / 1e9;
    return s;
}

double search(LogDocument& doc, const QString& pattern, bool regex, quint64* count)
{
    LogFilterRequest r;
    r.query.pattern = pattern;
    r.query.regex = regex;
    LogFilterJob job(doc, r);
    bool done = false;
    QObject::connect(
        &job, &LogFilterJob::finished, &job, [&] { done = true; }, Qt::QueuedConnection);
    QElapsedTimer t;
    t.start();
    QThreadPool::globalInstance()->start(&job);
    spin([&] { return done; });
    const double s = double(t.nsecsElapsed()) / 1e9;
    while (!job.isDone())
        QThread::yieldCurrentThread();
    *count = job.lines().size();
    return s;
}

void row(const char* what, double ours, const char* ref, double theirs, const char* goalText, bool met)
{
    std::printf("| %-34s | %8.4f s | %-40s | %8.3f s | %9.2fx | %-22s | %-4s |\n", what, ours, ref, theirs,
                theirs > 0 ? theirs / ours : 0.0, goalText, met ? "yes" : "NO");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qint64 mib = 1024;
    bool remote = true;
    for (int i = 1; i < argc; ++i) {
        if (QByteArray(argv[i]) == "--log-mib" && i + 1 < argc)
            mib = QByteArray(argv[++i]).toLongLong();
        else if (QByteArray(argv[i]) == "--no-remote")
            remote = false;
    }
    QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/bench_logbrowse-XXXXXX"));
    const QString big = tmp.filePath(QStringLiteral("xensource.log"));
    const QString halfA = tmp.filePath(QStringLiteral("a/xensource.log"));
    const QString halfB = tmp.filePath(QStringLiteral("b/xensource.log"));
    QDir(tmp.path()).mkpath(QStringLiteral("a"));
    QDir(tmp.path()).mkpath(QStringLiteral("b"));
    std::printf("building %lld MiB and 2 x %lld MiB of xensource.log from real line shapes in %s ...\n", mib, mib / 2,
                qPrintable(tmp.path()));
    if (!buildLog(big, mib << 20) || !buildLog(halfA, (mib / 2) << 20) || !buildLog(halfB, (mib / 2) << 20)) {
        std::fprintf(stderr, "cannot build the logs\n");
        return 2;
    }
    const QString lnav = QStandardPaths::findExecutable(QStringLiteral("lnav"));
    if (lnav.isEmpty())
        std::printf("lnav is not installed (scripts/deps bench installs it): its columns stay empty\n");
    QByteArray out;
    toolSeconds(QStringLiteral("cat"), {big, halfA, halfB}, nullptr, false); // page cache

    // 1. First screen: tail first, whatever the size.
    const double tFirst = median3([&] { return firstScreen(nullptr, localOrigin(big)); });
    const double tLnavLoad = lnav.isEmpty()
                                 ? 0
                                 : toolSeconds(lnav, {QStringLiteral("-n"), QStringLiteral("-q"), QStringLiteral("-c"),
                                                      QStringLiteral(":goto 100%"), big});
    const long lnavRss = lnav.isEmpty() ? 0
                                        : toolPeakKiB(lnav, {QStringLiteral("-n"), QStringLiteral("-q"),
                                                             QStringLiteral("-c"), QStringLiteral(":goto 100%"), big});

    // 2. Full index (read + line index + year map), 3. searches on it.
    double tIndex = 0;
    quint64 lines = 0;
    quint64 plainCount = 0, regexCount = 0;
    double tPlain = 0, tRegex = 0;
    long ourRss = 0;
    {
        tIndex = median3([&] {
            double s = 0;
            auto src = loadWhole(big, &s);
            lines = src->lineCount();
            return s;
        });
        double s = 0;
        auto src = loadWhole(big, &s);
        tPlain = median3([&] { return search(*src, QStringLiteral("Failed to find SR"), false, &plainCount); });
        tRegex = median3([&] { return search(*src, QStringLiteral("error|.*backtrace"), true, &regexCount); });
        ourRss = selfPeakKiB();
    }
    const double tWc = toolSeconds(QStringLiteral("wc"), {QStringLiteral("-l"), big}, &out);
    const QByteArray wcOut = out.split(' ').first();
    const double tGrepF =
        toolSeconds(QStringLiteral("grep"),
                    {QStringLiteral("-c"), QStringLiteral("-F"), QStringLiteral("Failed to find SR"), big}, &out);
    const QByteArray grepFOut = out;
    const double tGrepE =
        toolSeconds(QStringLiteral("grep"),
                    {QStringLiteral("-c"), QStringLiteral("-E"), QStringLiteral("error|.*backtrace"), big}, &out);
    const QByteArray grepEOut = out;
    // lnav's search in headless mode: its SQL view over the same lines, load included.
    const double tLnavSearch =
        lnav.isEmpty()
            ? 0
            : toolSeconds(lnav,
                          {QStringLiteral("-n"), QStringLiteral("-c"),
                           QStringLiteral(";SELECT count(*) FROM all_logs WHERE log_text LIKE '%Failed to find SR%'"),
                           big},
                          &out);

    // 4. Merged view of 2 x 512 MiB: both loaded whole, then interleaved by time.
    double tMergeLoad = 0, tMerge = 0;
    quint64 mergedLines = 0;
    {
        double a = 0, b = 0;
        auto sa = loadWhole(halfA, &a);
        auto sb = loadWhole(halfB, &b);
        tMergeLoad = a + b;
        tMerge = median3([&] {
            MergedLog merged({sa.get(), sb.get()});
            bool built = false;
            QObject::connect(&merged, &MergedLog::built, &merged, [&] { built = true; });
            QElapsedTimer t;
            t.start();
            merged.build();
            spin([&] { return built; });
            mergedLines = merged.lineCount();
            return double(t.nsecsElapsed()) / 1e9;
        });
    }
    const double tLnavMerge = lnav.isEmpty()
                                  ? 0
                                  : toolSeconds(lnav, {QStringLiteral("-n"), QStringLiteral("-q"), QStringLiteral("-c"),
                                                       QStringLiteral(":goto 100%"), halfA, halfB});

    // 5. Remote: the last page of the 1 GiB log on a lab host behind sshd.
    double tRemote = -1;
    if (remote) {
        QString why;
        if (!xr::test::LabPool::checkNamespaces(&why)) {
            std::printf("remote step skipped: %s\n", qPrintable(why));
        } else {
            xr::test::LabPool pool(QStringLiteral(XR_LABHOST));
            if (!pool.start(QStringLiteral("demo"))) {
                std::printf("remote step skipped: %s\n", qPrintable(pool.errorString()));
            } else {
                const xr::test::LabPoolHost h = pool.hosts().constFirst();
                const QString target = h.hostRoot + QStringLiteral("/var/log/big.log");
                if (::link(QFile::encodeName(big).constData(), QFile::encodeName(target).constData()) != 0)
                    QFile::copy(big, target);
                SshHost host(xr::test::labEndpoint(h),
                             xr::test::labOptions(h, tmp.filePath(QStringLiteral("known_hosts"))));
                host.connectToHost();
                spin([&] { return host.state() == HostState::Connected || host.state() == HostState::Failed; });
                if (host.isConnected()) {
                    LogOrigin origin;
                    origin.hostName = h.name;
                    origin.path = QStringLiteral("/var/log/big.log");
                    tRemote = median3([&] { return firstScreen(&host, origin); });
                }
                host.disconnectFromHost();
                pool.stop();
            }
        }
    }

    const double gb = double(mib) / 1024.0;
    std::printf("\n%.2f GiB log, %llu lines (wc -l: %s); counts ours/grep: plain %llu/%s, regex %llu/%s; merged %llu "
                "lines\n",
                gb, static_cast<unsigned long long>(lines), wcOut.constData(),
                static_cast<unsigned long long>(plainCount), grepFOut.constData(),
                static_cast<unsigned long long>(regexCount), grepEOut.constData(),
                static_cast<unsigned long long>(mergedLines));
    std::printf("| %-34s | %-10s | %-40s | %-10s | %-10s | %-22s | %-4s |\n", "figure (median of 3)", "ours",
                "reference", "ref", "ref/ours", "goal", "met");
    std::printf("|%s|\n", QByteArray(153, '-').constData());
    row("first screen (tail first)", tFirst, "lnav load to last line", tLnavLoad, "< 0.3 s, < lnav",
        tFirst < 0.3 && (lnav.isEmpty() || tFirst < tLnavLoad));
    row("full index (read+index+years)", tIndex, "wc -l", tWc, ">= 0.3x wc -l", tWc / tIndex >= 0.3);
    row("full index (read+index+years)", tIndex, "lnav load to last line", tLnavLoad, ">= 10x lnav",
        !lnav.isEmpty() && tLnavLoad / tIndex >= 10);
    row("plain search", tPlain, "grep -c -F 'Failed to find SR'", tGrepF, ">= 0.5x grep", tGrepF / tPlain >= 0.5);
    row("regex search 'error|.*backtrace'", tRegex, "grep -c -E", tGrepE, ">= 0.5x grep", tGrepE / tRegex >= 0.5);
    row("plain search", tPlain, "lnav SQL count (load included)", tLnavSearch, "< lnav",
        !lnav.isEmpty() && tPlain < tLnavSearch);
    row("merge 2 x half (after load)", tMerge, "lnav 2 files to last line", tLnavMerge, "< lnav",
        !lnav.isEmpty() && tMerge < tLnavMerge);
    row("merge 2 x half (load + merge)", tMergeLoad + tMerge, "lnav 2 files to last line", tLnavMerge, "< lnav",
        !lnav.isEmpty() && tMergeLoad + tMerge < tLnavMerge);
    if (tRemote >= 0)
        row("remote last page (sshd loopback)", tRemote, "-", 0, "< 1 s", tRemote < 1.0);
    const double rssGoalMb = 64 + 8.0 * double(lines) / 1e6;
    std::printf("peak RSS with the whole log loaded: ours %.0f MB (goal 64 MB + 8 B/line = %.0f MB: %s), lnav %.0f MB "
                "(%s)\n",
                ourRss / 1024.0, rssGoalMb, ourRss / 1024.0 < rssGoalMb ? "yes" : "NO", lnavRss / 1024.0,
                ourRss < lnavRss ? "ours lower" : "lnav lower");
    return 0;
}
