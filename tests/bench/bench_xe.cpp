// bench_xe: how fast XenRescue reads `xe vm-list params=all` for a large pool.
//
// The listing is printed by the lab simulator (whose output shapes are checked against real
// samples) for a pool of 5,000 VMs, written to a temporary file, then read by
// XeRecords::parse (median of 5). The reference, measured on the same file in the same
// run, is awk splitting every line into its fields: a floor for any tool that looks at
// each field once. Prints figures; asserts nothing.
#include "SimDispatcher.h"
#include "SimModel.h"
#include "XeRecords.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace xr;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int vmCount = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    std::optional<sim::SimPool> pool = sim::SimPool::fromScenario(QStringLiteral("demo"));
    if (!pool || pool->vms.isEmpty()) {
        std::fprintf(stderr, "bench_xe: the demo scenario is missing\n");
        return 2;
    }
    // Grow the pool to vmCount guests, copies of its ordinary VMs with their own identity.
    QList<sim::SimVm> templates;
    for (const sim::SimVm& vm : pool->vms) {
        if (!vm.isControlDomain)
            templates << vm;
    }
    for (int i = 0; pool->vms.size() < vmCount + pool->hosts.size(); ++i) {
        sim::SimVm vm = templates.at(i % templates.size());
        vm.uuid = pool->newUuid();
        vm.ref = pool->newRef();
        vm.nameLabel = QStringLiteral("vm-%1 (%2)").arg(i, 5, 10, QLatin1Char('0')).arg(vm.nameLabel);
        vm.currentOperationTasks.clear();
        vm.vifUuids.clear();
        pool->vms << vm;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const sim::SimCommandOutput listing =
        sim::SimDispatcher::run(*pool, pool->hosts.first().name,
                                {QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("params=all")}, now);
    if (listing.exitCode != 0 || listing.out.isEmpty()) {
        std::fprintf(stderr, "bench_xe: the simulator printed no listing: %s\n", listing.err.constData());
        return 2;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vm-list.txt"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(listing.out) != listing.out.size()) {
        std::fprintf(stderr, "bench_xe: cannot write %s\n", qPrintable(path));
        return 2;
    }
    f.close();

    const double mb = listing.out.size() / 1e6;
    std::vector<double> ours;
    qsizetype records = 0;
    qsizetype fields = 0;
    for (int run = 0; run < 6; ++run) {
        QElapsedTimer t;
        t.start();
        const Result<XeRecordList> r = XeRecords::parse(listing.out);
        const double s = t.nsecsElapsed() / 1e9;
        if (!r.ok()) {
            std::fprintf(stderr, "bench_xe: parse failed: %s\n", qPrintable(r.errorMessage()));
            return 1;
        }
        records = r->records.size();
        fields = 0;
        for (const XeRecord& rec : r->records)
            fields += rec.fields.size();
        if (run > 0) // the first run warms caches
            ours.push_back(s);
    }

    std::vector<double> reference;
    QByteArray awkCount;
    for (int run = 0; run < 6; ++run) {
        QProcess awk;
        QElapsedTimer t;
        t.start();
        awk.start(QStringLiteral("awk"),
                  {QStringLiteral("-F"), QStringLiteral(": "), QStringLiteral("{ n += NF } END { print n }"), path});
        if (!awk.waitForFinished(120000) || awk.exitCode() != 0) {
            std::fprintf(stderr, "bench_xe: awk failed\n");
            return 1;
        }
        const double s = t.nsecsElapsed() / 1e9;
        awkCount = awk.readAllStandardOutput().trimmed();
        if (run > 0)
            reference.push_back(s);
    }

    const double o = median(ours);
    const double a = median(reference);
    std::printf("bench_xe: xe vm-list params=all, %d VMs (+%lld control domains): %.1f MB, %lld records, %lld fields\n",
                vmCount, static_cast<long long>(pool->hosts.size()), mb, static_cast<long long>(records),
                static_cast<long long>(fields));
    std::printf("| figure                      | XenRescue            | reference (awk -F': ')   | ratio |\n");
    std::printf("| --------------------------- | -------------------- | ------------------------ | ----- |\n");
    std::printf("| parse, median of 5          | %6.3f s %7.1f MB/s | %6.3f s %7.1f MB/s     | %.2fx |\n", o, mb / o, a,
                mb / a, a / o);
    std::printf("(awk counted %s fields; the parser also decodes UTF-8, strips markers and keeps maps/sets)\n",
                awkCount.constData());
    return 0;
}
