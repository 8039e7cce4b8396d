// bench_pool: one refresh cycle of a 4-host x 1,250-VM pool: parse `xe vm-list` (5,000
// records with HostSession's params) + `xe task-list` + four `list_domains`, merge per VM
// (ScopeRead::merge, fingerprints included) and update PoolTreeModel incrementally (a few VMs
// change state each cycle). Parse and merge run on the thread pool in the app (HostSession,
// PoolMonitor::refreshAsync); only the model update runs on the GUI thread.
// Part 1 times each part in sequence (worker part vs GUI-thread part). Part 2 runs the same
// cycles as the app does (parse + merge on the thread pool, result applied in the event loop)
// under an event-loop latency probe (a 10 ms timer measuring how late it fires).
// Goal (issue 5): a cycle under 20 ms of GUI-thread time, under 150 MB RSS.
#include "DomainList.h"
#include "OffThread.h"
#include "PoolState.h"
#include "PoolTreeModel.h"
#include "ScopeRead.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace xr;

namespace {

constexpr int kHosts = 4;
constexpr int kVmsPerHost = 1250;
constexpr int kCycles = 40;
constexpr int kInputs = 4;

QString uuidFor(int host, int vm)
{
    return QStringLiteral("%1-%2-4%3-8%4-%5")
        .arg(0x1000000 + host * 65536 + vm, 8, 16, QLatin1Char('0'))
        .arg(host + 0x1000, 4, 16, QLatin1Char('0'))
        .arg(vm % 4096, 3, 16, QLatin1Char('0'))
        .arg(host, 3, 16, QLatin1Char('0'))
        .arg(qint64(0x100000000000LL) + host * 100000 + vm, 12, 16, QLatin1Char('0'));
}

QString hostUuid(int host)
{
    return QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-%1").arg(host, 12, 10, QLatin1Char('0'));
}

QString field(const char* name, const char* marker, const QString& value)
{
    return QStringLiteral("%1 (%2): %3\n").arg(QString::fromLatin1(name), 30).arg(QLatin1String(marker), value);
}

// `xe vm-list params=...` as xe prints it; `halted` VMs every 10th, one changing per cycle.
QByteArray vmList(int cycle)
{
    QString out;
    out.reserve(kHosts * kVmsPerHost * 900);
    for (int h = 0; h < kHosts; ++h) {
        for (int v = 0; v < kVmsPerHost; ++v) {
            const bool halted = v % 10 == 0 || (v == (cycle * 7) % kVmsPerHost);
            out += field("uuid", " RO", uuidFor(h, v));
            out += field("name-label", " RW", QStringLiteral("app-%1-%2.example.org").arg(h).arg(v));
            out += field("power-state", " RO", halted ? QStringLiteral("halted") : QStringLiteral("running"));
            out += field("resident-on", " RO", halted ? QStringLiteral("<not in database>") : hostUuid(h));
            out += field("is-control-domain", " RO", QStringLiteral("false"));
            out += field("is-a-template", " RW", QStringLiteral("false"));
            out += field("is-a-snapshot", " RO", QStringLiteral("false"));
            out += field("current-operations", "SRO", v == 5 ? QStringLiteral("clean_shutdown") : QString());
            out += field("allowed-operations", "SRO",
                         halted ? QStringLiteral("start; start_on; export; copy; clone; destroy; snapshot")
                                : QStringLiteral("changing_dynamic_range; migrate_send; pool_migrate; suspend; "
                                                 "hard_reboot; hard_shutdown; clean_reboot; clean_shutdown; pause; "
                                                 "checkpoint; snapshot"));
            out += field("dom-id", " RO", halted ? QStringLiteral("-1") : QString::number(v + 1));
            out += field("memory-static-max", " RW", QStringLiteral("4294967296"));
            out += field("VCPUs-number", " RO", halted ? QStringLiteral("0") : QStringLiteral("2"));
            out += field("HVM-boot-policy", " RW", v % 3 ? QString() : QStringLiteral("BIOS order"));
            out += u'\n';
        }
    }
    return out.toUtf8();
}

QByteArray listDomains(int host, int cycle)
{
    QString out = QStringLiteral("  id |                                 uuid |  state\n");
    out += QStringLiteral("   0 | %1 |     R \n").arg(hostUuid(host));
    for (int v = 0; v < kVmsPerHost; ++v) {
        const bool halted = v % 10 == 0 || (v == (cycle * 7) % kVmsPerHost);
        if (halted)
            continue;
        out += QStringLiteral("%1 | %2 |    B%3\n")
                   .arg(v + 1, 4)
                   .arg(uuidFor(host, v))
                   .arg(v % 3 ? QStringLiteral("  ") : QStringLiteral(" H"));
    }
    return out.toUtf8();
}

QByteArray taskList()
{
    return QByteArrayLiteral("uuid ( RO)                : 5d17a0b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b\n"
                             "          name-label ( RO): Async.VM.clean_shutdown\n"
                             "              status ( RO): pending\n"
                             "            progress ( RO): 0.000\n"
                             "             created ( RO): 20240611T09:12:01Z\n"
                             "  allowed_operations ( RO): cancel\n"
                             "         resident-on ( RO): aaaaaaaa-bbbb-4ccc-8ddd-000000000000\n\n");
}

qint64 rssKiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong();
    return -1;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double maximum(const QList<double>& v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

struct Parsed
{
    XapiView xapi;
    QList<HypervisorView> views;
};

Parsed parse(const QByteArray& vmText, const QByteArray& tasks, const QList<QByteArray>& domainTexts)
{
    Parsed p;
    p.xapi.valid = true;
    p.xapi.vms = *PoolState::parseVmList(vmText);
    p.xapi.tasks = *PoolState::parseTaskList(tasks);
    for (const QByteArray& text : domainTexts) {
        Result<DomainList> d = DomainListParser::parseListDomains(text);
        HypervisorView v;
        v.valid = d.ok();
        v.format = DomainListFormat::ListDomains;
        v.domains = std::move(d.value().domains);
        p.views << v;
    }
    return p;
}

// The app's merge of one scope (ScopeRead::merge, as PoolMonitor and RescueRun call it).
QList<VmState> merge(const Parsed& p, QHash<QString, QDateTime>& firstSeen)
{
    ScopeState scope;
    scope.scopeId = QStringLiteral("pool:p");
    scope.xapi = p.xapi;
    scope.now = QDateTime::currentDateTimeUtc();
    scope.operationFirstSeen = firstSeen;
    for (int h = 0; h < kHosts; ++h) {
        ScopeMember m;
        m.hostId = m.xapiUuid = hostUuid(h);
        m.hypervisor = p.views[h];
        scope.hosts.append(m);
    }
    ScopeMerge merged = ScopeRead::merge(scope);
    firstSeen = std::move(merged.operationFirstSeen);
    return std::move(merged.vms);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    PoolTreeModel model;
    model.setPool({QStringLiteral("pool:p"), QStringLiteral("p"), QStringLiteral("bench pool"), QStringLiteral("h0")});
    for (int h = 0; h < kHosts; ++h) {
        PoolTreeModel::HostRow row;
        row.id = hostUuid(h);
        row.name = QStringLiteral("host-%1").arg(h);
        row.connection = HostState::Connected;
        model.setHost(QStringLiteral("pool:p"), row);
    }
    // Inputs are made before timing: the host's text arrives from the transport.
    QList<QByteArray> vmTexts, domainTexts;
    // Four input sets in rotation: holding 40 cycles of text would dominate the RSS figure.
    for (int c = 0; c < kInputs; ++c) {
        vmTexts << vmList(c);
        for (int h = 0; h < kHosts; ++h)
            domainTexts << listDomains(h, c);
    }
    const QByteArray tasks = taskList();
    QHash<QString, QDateTime> firstSeen;
    QList<double> parseMs, mergeMs, modelMs, totalMs;
    for (int c = 0; c < kCycles; ++c) {
        QElapsedTimer t;
        t.start();
        const Parsed parsed = parse(vmTexts[c % kInputs], tasks, domainTexts.mid((c % kInputs) * kHosts, kHosts));
        const qint64 afterParse = t.nsecsElapsed();
        const QList<VmState> vms = merge(parsed, firstSeen);
        const qint64 afterMerge = t.nsecsElapsed();
        model.updateVms(QStringLiteral("pool:p"), vms);
        const qint64 end = t.nsecsElapsed();
        if (c == 0)
            continue; // the first fill inserts 5,000 rows: reported separately below
        parseMs << afterParse / 1e6;
        mergeMs << (afterMerge - afterParse) / 1e6;
        modelMs << (end - afterMerge) / 1e6;
        totalMs << end / 1e6;
    }

    // Part 2: the app's pipeline in the event loop, under a latency probe.
    QList<double> lateMs, applyMs;
    int probes = 0;
    {
        QElapsedTimer clock;
        clock.start();
        qint64 expected = 10;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(10);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            lateMs << double(std::max<qint64>(0, now - expected));
            expected = now + 10;
            ++probes;
        });
        probe.start();
        int cycle = kCycles;
        const int lastCycle = kCycles * 2;
        std::function<void()> next = [&] {
            if (cycle == lastCycle) {
                app.quit();
                return;
            }
            const int c = cycle++;
            runOffThread(
                &app,
                [vmText = vmTexts[c % kInputs], tasks, domains = domainTexts.mid((c % kInputs) * kHosts, kHosts),
                 firstSeen]() mutable { return merge(parse(vmText, tasks, domains), firstSeen); },
                [&](QList<VmState> vms) {
                    QElapsedTimer t;
                    t.start();
                    model.updateVms(QStringLiteral("pool:p"), vms);
                    applyMs << t.nsecsElapsed() / 1e6;
                    QTimer::singleShot(20, &app, next); // polls are seconds apart in the app
                });
        };
        QTimer::singleShot(0, &app, next);
        app.exec();
    }

    QTextStream out(stdout);
    out << QStringLiteral("bench_pool: %1 hosts x %2 VMs, %3 refresh cycles (after the first fill)\n")
               .arg(kHosts)
               .arg(kVmsPerHost)
               .arg(totalMs.size());
    out << QStringLiteral("  VMs in the model: %1; xe vm-list text: %2 KiB per cycle\n")
               .arg(model.vmCount())
               .arg(vmTexts.first().size() / 1024);
    auto line = [&out](const char* what, const QList<double>& v) {
        out << QStringLiteral("  %1 median %2 ms   max %3 ms\n")
                   .arg(QLatin1String(what), -50)
                   .arg(median(v), 7, 'f', 2)
                   .arg(maximum(v), 7, 'f', 2);
    };
    out << QStringLiteral("  part 1, each part in sequence:\n");
    line("worker: parse (vm-list, task-list, 4 x list_domains)", parseMs);
    line("worker: merge (ScopeRead::merge)", mergeMs);
    line("GUI thread: model update (PoolTreeModel)", modelMs);
    line("all parts (the GUI thread's before issue 5)", totalMs);
    out << QStringLiteral("  part 2, parse + merge on the thread pool, applied in the event loop (%1 cycles):\n")
               .arg(applyMs.size());
    line("GUI thread: apply (model update)", applyMs);
    line("event-loop lateness (10 ms probe)", lateMs);
    out << QStringLiteral("  probe fired %1 times\n").arg(probes);
    out << QStringLiteral("  RSS now %1 MiB, peak %2 MiB (goal: cycle < 20 ms, RSS < 150 MB)\n")
               .arg(rssKiB("VmRSS:") / 1024.0, 0, 'f', 1)
               .arg(rssKiB("VmHWM:") / 1024.0, 0, 'f', 1);
    return 0;
}
