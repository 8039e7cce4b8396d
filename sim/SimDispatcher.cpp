#include "SimDispatcher.h"

#include "SimInternal.h"
#include "SimNetwork.h"

#include <QFileInfo>
#include <QLocale>

namespace xr::sim {

using namespace detail;

namespace {

struct Program
{
    const char* path;
    bool legacy62;
    bool xcpng;
    bool xl;
    bool xm;
};

// Where each tool lives on the real hosts.
constexpr Program Programs[] = {
    {"/opt/xensource/bin/xe", true, true, false, false},
    {"/opt/xensource/bin/xe-toolstack-restart", true, true, false, false},
    {"/opt/xensource/bin/list_domains", true, true, false, false},
    {"/opt/xensource/libexec/xen-cmdline", true, true, false, false},
    {"/opt/xensource/debug/xenops", true, false, false, false},
    {"/usr/lib/xen/bin/crash_guest", true, false, false, false},
    {"/usr/sbin/xl", false, true, true, false},
    {"/usr/bin/xenops-cli", false, true, false, false},
    {"/usr/sbin/xm", false, false, false, true},
    {"/usr/sbin/tap-ctl", true, true, false, false},
    {"/usr/bin/ovs-vsctl", true, true, false, false},
    {"/usr/sbin/brctl", true, false, true, true},
    {"/sbin/ip", true, true, true, true},
    {"/usr/bin/logger", true, true, true, true},
    // Network checks and the dom0 memory change (SimNetwork.cpp).
    {"/sbin/sysctl", true, true, true, true},
    {"/sbin/iptables", true, true, true, true},
    {"/usr/sbin/update-grub", false, false, true, true},
};

bool programOn(const Program& p, Flavour f)
{
    switch (f) {
    case Flavour::XenServer62:
        return p.legacy62;
    case Flavour::XcpNg82:
        return p.xcpng;
    case Flavour::XenXl:
        return p.xl;
    case Flavour::XenXm:
        return p.xm;
    }
    return false;
}

const Program* findProgram(Flavour f, const QString& program)
{
    const bool isPath = program.contains(u'/');
    const QString base = QFileInfo(program).fileName();
    for (const Program& p : Programs) {
        const QString path = QString::fromLatin1(p.path);
        if (!programOn(p, f))
            continue;
        if (isPath ? path == program : QFileInfo(path).fileName() == base)
            return &p;
    }
    // Full paths the product may use for tools that also sit elsewhere on PATH.
    if (isPath && (program == u"/usr/bin/xe" || program == u"/usr/sbin/list_domains"))
        return findProgram(f, base);
    return nullptr;
}

QString commandNotFound(Flavour f, const QString& program)
{
    // Debian 12's bash names the line for `bash -c`; CentOS 5/7 dom0s and Debian 7 do not.
    if (f == Flavour::XenXl)
        return QStringLiteral("bash: line 1: %1: command not found\n").arg(program);
    if (program.contains(u'/'))
        return QStringLiteral("bash: %1: No such file or directory\n").arg(program);
    return QStringLiteral("bash: %1: command not found\n").arg(program);
}

void tick(Ctx& c)
{
    ++c.host.commandCount;
    c.out.changed = true;
    // Lingering domains the host eventually reaps (tapdisk finally lets go).
    for (qsizetype i = c.host.domains.size() - 1; i >= 0; --i) {
        SimDomain& d = c.host.domains[i];
        if (d.dying && d.lingerCommandsLeft > 0 && --d.lingerCommandsLeft == 0) {
            c.log(QStringLiteral("daemon.log"),
                  syslogLine(c.now, c.host.name, QStringLiteral("tapdisk[%1]").arg(d.tapdiskPid),
                             QStringLiteral("tapdisk-control: closing vbd-%1-51712").arg(d.domid)));
            c.host.domains.removeAt(i);
        }
    }
}

} // namespace

namespace detail {

QString syslogStamp(const QDateTime& t)
{
    const QDateTime l = t.toUTC();
    const QLocale cl = QLocale::c();
    return cl.toString(l, QStringLiteral("MMM")) + u' ' + QStringLiteral("%1").arg(l.date().day(), 2) + u' ' +
           l.toString(QStringLiteral("HH:mm:ss"));
}

QString syslogLine(const QDateTime& t, const QString& host, const QString& proc, const QString& text)
{
    return syslogStamp(t) + u' ' + host + u' ' + proc + QStringLiteral(": ") + text;
}

QString xapiLogLine(const Ctx& c, const QString& proc, const QString& level, const QString& thread, const QString& task,
                    const QString& module, const QString& text)
{
    const QString hostField = c.host.flavour == Flavour::XenServer62 ? c.host.name : QString();
    const QString lvl = level.size() < 5 ? QString(u' ' + level) : level;
    return syslogLine(c.now, c.host.name, proc,
                      QStringLiteral("[%1|%2|%3|%4|%5] %6").arg(lvl, hostField, thread, task, module, text));
}

QString ocamlFloat(double v)
{
    QString s = QString::number(v, 'g', 12);
    if (!s.contains(u'.') && !s.contains(u'e'))
        s += u'.';
    return s;
}

QString xapiDate(const QDateTime& t)
{
    if (!t.isValid())
        return QStringLiteral("19700101T00:00:00Z");
    return t.toUTC().toString(QStringLiteral("yyyyMMdd'T'HH:mm:ss'Z'"));
}

SimVm* vmOfDomain(Ctx& c, const SimDomain& d)
{
    return c.pool.vm(d.vmUuid);
}

SimDomain& createDomain(Ctx& c, SimVm& vm)
{
    SimDomain d;
    d.domid = c.host.nextDomid++;
    d.vmUuid = vm.uuid;
    d.name = vm.nameLabel;
    d.blocked = true;
    d.hvm = vm.hvm;
    d.memoryKiB = vm.memoryDynamicMax / 1024 + (vm.hvm ? 2048 : 0);
    d.maxMemoryKiB = vm.memoryStaticMax / 1024 + 1024;
    d.vcpus = vm.vcpusAtStartup;
    d.created = c.now;
    if (hasXapi(c.host.flavour)) {
        d.tapdiskPid = 20000 + int((c.host.commandCount * 7919 + d.domid * 131) % 9000);
        d.tapdiskMinor = d.domid;
    }
    c.host.domains.append(d);
    return c.host.domains.last();
}

DestroyResult destroyDomain(Ctx& c, SimDomain& domain, bool syncXapi)
{
    SimVm* vm = vmOfDomain(c, domain);
    if (vm && vm->faults.diesOnlyAfterCrash && !domain.crashed)
        return DestroyResult::Refused;
    const int domid = domain.domid;
    if (vm && vm->faults.lingersAfterDestroy && !domain.dying) {
        domain.dying = true;
        domain.name = QStringLiteral("(null)");
        domain.running = domain.blocked = domain.shutdown = domain.crashed = false;
        domain.paused = true;
        domain.memoryKiB = 0;
        domain.vcpus = 0;
        domain.lingerCommandsLeft = vm->faults.lingerClearsAfter;
        if (domain.tapdiskPid == 0) {
            domain.tapdiskPid = 31000 + domid;
            domain.tapdiskMinor = domid;
        }
        c.log(QStringLiteral("daemon.log"),
              syslogLine(c.now, c.host.name, QStringLiteral("tapdisk[%1]").arg(domain.tapdiskPid),
                         QStringLiteral("tap-err:tap_ctl_close: device busy, vbd-%1-51712 still has an active ring")
                             .arg(domid)));
    } else {
        c.host.domains.removeIf([domid](const SimDomain& d) { return d.domid == domid; });
    }
    if (vm && syncXapi && hasXapi(c.host.flavour)) {
        vm->powerState = PowerState::Halted;
        vm->residentOn.clear();
        vm->startTime = QDateTime();
    }
    return vm && vm->faults.lingersAfterDestroy ? DestroyResult::Lingering : DestroyResult::Gone;
}

void crashDomain(Ctx& c, SimDomain& domain)
{
    domain.running = domain.blocked = domain.paused = false;
    domain.shutdown = true;
    domain.crashed = true;
    c.log(c.host.flavour == Flavour::XenXm ? QStringLiteral("xen/xend.log") : QStringLiteral("kern.log"),
          c.host.flavour == Flavour::XenXm
              ? QStringLiteral("[%1 2211] WARNING (XendDomainInfo:2078) Domain has crashed: name=%2 id=%3.")
                    .arg(c.now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), domain.name)
                    .arg(domain.domid)
              : syslogLine(c.now, c.host.name, QStringLiteral("kernel"),
                           QStringLiteral("[%1] (XEN) d%2v0 NMI received, guest crashed")
                               .arg(double(c.host.bootTime.secsTo(c.now)), 12, 'f', 6)
                               .arg(domain.domid)));
}

// --- list_domains ----------------------------------------------------------------------

SimCommandOutput runListDomains(Ctx& c, const QStringList& args)
{
    bool minimal = false, memory = false, bytes = false, pages = false, all = false;
    std::optional<int> domid;
    QString warnings;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == u"-minimal")
            minimal = true;
        else if (a == u"-memory")
            memory = true;
        else if (a == u"-bytes")
            bytes = true;
        else if (a == u"-pages")
            pages = true;
        else if (a == u"-all")
            memory = all = true;
        else if (a == u"-domid" && i + 1 < args.size()) {
            bool ok = false;
            const int d = args[++i].toInt(&ok);
            if (!ok)
                return c.fail(2,
                              QStringLiteral("list_domains: wrong argument `%1'; option `-domid' expects an integer.\n")
                                  .arg(args[i]));
            domid = d;
        } else
            warnings += QStringLiteral("Warning, ignoring unknown argument: %1").arg(a);
    }
    c.print(warnings);
    if (bytes && pages)
        return c.fail(2, QStringLiteral("Fatal error: exception Failure(\"Too many units specified.\")\n"));
    QStringList cols{QStringLiteral("id"), QStringLiteral("uuid"), QStringLiteral("state")};
    if (minimal)
        cols = {QStringLiteral("uuid")};
    else {
        if (memory) {
            const QString unit = pages   ? QStringLiteral("pages")
                                 : bytes ? QStringLiteral("bytes")
                                         : QStringLiteral("MiB");
            cols << QStringLiteral("tot ") + unit << QStringLiteral("max ") + unit << QStringLiteral("shadow ") + unit;
        }
        if (all)
            cols << QStringLiteral("shutdown code") << QStringLiteral("sif") << QStringLiteral("cpu time")
                 << QStringLiteral("vcpus online") << QStringLiteral("max vcpu id") << QStringLiteral("ssidref");
    }
    QList<SimDomain> doms = c.host.domains;
    std::sort(doms.begin(), doms.end(), [](const SimDomain& a, const SimDomain& b) { return a.domid < b.domid; });
    if (domid) {
        const auto it = std::find_if(doms.begin(), doms.end(), [&](const SimDomain& d) { return d.domid == *domid; });
        if (it == doms.end())
            return c.fail(2, QStringLiteral("Fatal error: exception Xenctrl.Error(\"getinfo failed: domain %1: "
                                            "getinfo got domain %2: hypercall 36 fail: 3: No such process "
                                            "(ret -1)\")\n")
                                 .arg(*domid)
                                 .arg(*domid + 1));
        doms = {*it};
    }
    QList<QStringList> rows;
    if (!minimal)
        rows.append(cols);
    for (const SimDomain& d : doms) {
        const qint64 totPages = d.memoryKiB / 4;
        const qint64 maxPages = d.maxMemoryKiB / 4;
        const qint64 shadowMiB = d.hvm ? (d.maxMemoryKiB / 1024 / 256 + 1) * d.vcpus : 0;
        auto mem = [&](qint64 p, bool isMax) -> QString {
            if (isMax && d.domid == 0)
                return QStringLiteral("N/A");
            if (pages)
                return QString::number(p);
            if (bytes)
                return QString::number(p * 4096);
            return QString::number((p * 4096 + 1048575) / 1048576);
        };
        auto shadow = [&]() -> QString {
            if (pages)
                return QString::number(shadowMiB * 256);
            if (bytes)
                return QString::number(shadowMiB * 1048576);
            return QString::number(shadowMiB);
        };
        QString state;
        state += d.dying ? u'D' : u' ';
        state += d.shutdown ? u'S' : u' ';
        state += d.paused ? u'P' : u' ';
        state += d.blocked ? u'B' : u' ';
        state += d.running ? u'R' : u' ';
        state += d.hvm ? u'H' : u' ';
        QStringList row;
        for (const QString& col : cols) {
            if (col == u"id")
                row << QString::number(d.domid);
            else if (col == u"uuid")
                row << d.vmUuid;
            else if (col == u"state")
                row << state;
            else if (col == u"max vcpu id")
                row << QString::number(qMax(0, d.vcpus - 1));
            else if (col.startsWith(u"tot "))
                row << mem(totPages, false);
            else if (col.startsWith(u"max "))
                row << mem(maxPages, true);
            else if (col.startsWith(u"shadow "))
                row << shadow();
            else if (col == u"shutdown code")
                row << QString::number(d.crashed ? 3 : 0);
            else if (col == u"sif")
                row << QString::number(d.dying ? 0 : 0x83f00 + d.domid * 0x1d7);
            else if (col == u"cpu time")
                row << QString::number(qint64(d.cpuSeconds(c.now) * 1e9));
            else if (col == u"vcpus online")
                row << QString::number(d.dying ? 0 : d.vcpus);
            else if (col == u"max vcpu id")
                row << QString::number(qMax(0, d.vcpus - 1));
            else
                row << QStringLiteral("0");
        }
        rows.append(row);
    }
    QList<qsizetype> widths(cols.size(), 0);
    for (const QStringList& r : rows)
        for (qsizetype i = 0; i < r.size(); ++i)
            widths[i] = qMax(widths[i], r[i].size());
    for (const QStringList& r : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < r.size(); ++i)
            cells << r[i].rightJustified(widths[i], u' ');
        c.print(cells.join(QStringLiteral(" | ")) + u'\n');
    }
    return c.out;
}

// --- shared xl/xm listing --------------------------------------------------------------

namespace {

QString xlFlags(const SimDomain& d)
{
    QString s;
    s += d.running ? u'r' : u'-';
    s += d.blocked ? u'b' : u'-';
    s += d.paused ? u'p' : u'-';
    s += d.shutdown ? u's' : u'-';
    s += d.crashed ? u'c' : u'-';
    s += d.dying ? u'd' : u'-';
    return s;
}

QList<SimDomain*> sortedDomains(SimHostModel& h)
{
    QList<SimDomain*> out;
    for (SimDomain& d : h.domains)
        out.append(&d);
    std::sort(out.begin(), out.end(), [](SimDomain* a, SimDomain* b) { return a->domid < b->domid; });
    return out;
}

SimDomain* findDomain(Ctx& c, const QString& spec)
{
    bool ok = false;
    const int id = spec.toInt(&ok);
    if (ok)
        return c.host.domain(id);
    for (SimDomain& d : c.host.domains)
        if (!d.dying && d.name == spec)
            return &d;
    return nullptr;
}

QString xlListLine(const SimDomain& d, const QDateTime& now, bool xm)
{
    if (xm)
        return QStringLiteral("%1 %2 %3 %4 %5 %6\n")
            .arg(d.name, -40)
            .arg(d.domid, 5)
            .arg(d.memoryKiB / 1024, 5)
            .arg(d.vcpus, 5)
            .arg(xlFlags(d), 10)
            .arg(d.cpuSeconds(now), 8, 'f', 1);
    return QStringLiteral("%1 %2 %3 %4     %5  %6\n")
        .arg(d.name, -40)
        .arg(d.domid, 5)
        .arg(d.memoryKiB / 1024, 5)
        .arg(d.vcpus, 5)
        .arg(xlFlags(d))
        .arg(d.cpuSeconds(now), 8, 'f', 1);
}

QString infoLine(const QString& key, const QString& value)
{
    return QStringLiteral("%1: %2\n").arg(key, -23).arg(value);
}

QString xlInfo(Ctx& c, bool xm)
{
    const SimHostModel& h = c.host;
    const QStringList ver = h.xenVersion.split(u'.');
    const QString major = ver.value(0);
    const QString minor = ver.value(1);
    QString extra = h.xenVersion.mid(major.size() + 1 + minor.size());
    if (extra.isEmpty())
        extra = QStringLiteral(".0");
    QString s;
    s += infoLine(QStringLiteral("host"), h.name);
    s += infoLine(QStringLiteral("release"), h.kernelRelease);
    s +=
        infoLine(QStringLiteral("version"), xm ? QStringLiteral("#1 SMP Debian 3.2.54-2")
                                               : QStringLiteral("#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"));
    s += infoLine(QStringLiteral("machine"), QStringLiteral("x86_64"));
    s += infoLine(QStringLiteral("nr_cpus"), QString::number(h.cpus));
    if (!xm)
        s += infoLine(QStringLiteral("max_cpu_id"), QString::number(h.cpus - 1));
    s += infoLine(QStringLiteral("nr_nodes"), QStringLiteral("1"));
    s += infoLine(QStringLiteral("cores_per_socket"), QString::number(h.cpus / 2));
    s += infoLine(QStringLiteral("threads_per_core"), QStringLiteral("2"));
    s += infoLine(QStringLiteral("cpu_mhz"), xm ? QStringLiteral("2394") : QStringLiteral("2394.470"));
    s +=
        infoLine(QStringLiteral("hw_caps"), xm ? QStringLiteral("bfebfbff:2c100800:00000000:00003f40:77fefbff:00000000:"
                                                                "00000001:00000281")
                                               : QStringLiteral("bfebfbff:77fef3ff:2c100800:00000121:0000000f:d19ffffb:"
                                                                "00000008:00000100"));
    s += infoLine(QStringLiteral("virt_caps"), xm ? QStringLiteral("hvm hvm_directio")
                                                  : QStringLiteral("pv hvm hvm_directio pv_directio hap shadow "
                                                                   "iommu_hap_pt_share vmtrace gnttab-v1 gnttab-v2"));
    s += infoLine(QStringLiteral("total_memory"), QString::number(h.memoryTotalMiB));
    s += infoLine(QStringLiteral("free_memory"), QString::number(h.freeMemoryMiB()));
    if (!xm) {
        s += infoLine(QStringLiteral("sharing_freed_memory"), QStringLiteral("0"));
        s += infoLine(QStringLiteral("sharing_used_memory"), QStringLiteral("0"));
        s += infoLine(QStringLiteral("outstanding_claims"), QStringLiteral("0"));
    }
    s += infoLine(QStringLiteral("free_cpus"), QStringLiteral("0"));
    s += infoLine(QStringLiteral("xen_major"), major);
    s += infoLine(QStringLiteral("xen_minor"), minor);
    s += infoLine(QStringLiteral("xen_extra"), extra);
    if (!xm)
        s += infoLine(QStringLiteral("xen_version"), major + u'.' + minor + extra);
    s += infoLine(QStringLiteral("xen_caps"),
                  QStringLiteral("xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64"));
    s += infoLine(QStringLiteral("xen_scheduler"), QStringLiteral("credit"));
    s += infoLine(QStringLiteral("xen_pagesize"), QStringLiteral("4096"));
    s += infoLine(QStringLiteral("platform_params"), QStringLiteral("virt_start=0xffff800000000000"));
    s += infoLine(QStringLiteral("xen_changeset"), QString());
    s += infoLine(QStringLiteral("xen_commandline"),
                  QStringLiteral("placeholder %1 dom0_max_vcpus=1-4 no-real-mode edd=off")
                      .arg(dom0MemArgumentRunning(h))
                      .simplified());
    s += infoLine(QStringLiteral("cc_compiler"), xm ? QStringLiteral("gcc version 4.7.2 (Debian 4.7.2-5)")
                                                    : QStringLiteral("x86_64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0"));
    s += infoLine(QStringLiteral("cc_compile_by"), QStringLiteral("pkg-xen-devel"));
    s += infoLine(QStringLiteral("cc_compile_domain"), QStringLiteral("lists.alioth.debian.org"));
    s += infoLine(QStringLiteral("cc_compile_date"),
                  xm ? QStringLiteral("Sun Dec  8 20:41:17 UTC 2013") : QStringLiteral("Tue Feb 20 09:46:00 UTC 2024"));
    if (!xm)
        s += infoLine(QStringLiteral("build_id"), QStringLiteral("3f6f8e7a5b0c4e8f9a1d2c3b4a5968778695a4b3"));
    s += infoLine(QStringLiteral("xend_config_format"), QStringLiteral("4"));
    return s;
}

void xlShutdownLog(Ctx& c, const SimDomain& d, const QString& what)
{
    if (c.host.flavour == Flavour::XenXm) {
        c.log(QStringLiteral("xen/xend.log"), QStringLiteral("[%1 2211] INFO (XendDomainInfo:%2) %3")
                                                  .arg(c.now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                                                  .arg(what.startsWith(u"Domain destroyed") ? 3140 : 543)
                                                  .arg(what));
    } else {
        c.log(QStringLiteral("xen/xl-%1.log").arg(d.name), what);
    }
}

// xl/xm have no xapi, but on XCP-ng the hypervisor change reaches xapi through xenopsd.
void syncAfterHypervisorChange(Ctx& c)
{
    if (!hasXapi(c.host.flavour))
        return;
    for (SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain || vm.residentOn != c.host.uuid || vm.faults.domainGone)
            continue;
        const SimDomain* d = c.host.domainOfVm(vm.uuid);
        if ((!d || d->dying) && vm.powerState != PowerState::Halted) {
            vm.powerState = PowerState::Halted;
            vm.residentOn.clear();
            c.log(QStringLiteral("xensource.log"),
                  xapiLogLine(c, QStringLiteral("xenopsd-xc"), QStringLiteral("debug"), QStringLiteral("39 "),
                              QStringLiteral("events"), QStringLiteral("xenops_server"),
                              QStringLiteral("VM %1 is not requesting any attention").arg(vm.uuid)));
        }
    }
}

} // namespace

SimCommandOutput runXl(Ctx& c, const QStringList& args)
{
    const QString sub = args.value(0);
    auto badDomain = [&c](const QString& spec) {
        return c.fail(1, QStringLiteral("%1 is an invalid domain identifier (rc=-6)\n").arg(spec));
    };
    if (sub.isEmpty())
        return c.fail(1, QStringLiteral("Usage xl [-vfNtT] <subcommand> [args]\n"));
    if (sub == u"list") {
        QStringList rest = args.mid(1);
        const bool longFmt = rest.removeAll(QStringLiteral("-l")) + rest.removeAll(QStringLiteral("--long")) > 0;
        QList<SimDomain*> doms = sortedDomains(c.host);
        if (!rest.isEmpty()) {
            SimDomain* d = findDomain(c, rest.first());
            if (!d)
                return badDomain(rest.first());
            doms = {d};
        }
        if (longFmt) {
            QStringList items;
            for (SimDomain* d : doms) {
                items << QStringLiteral(
                             "    {\n        \"domid\": %1,\n        \"config\": {\n            \"c_info\": {\n"
                             "                \"type\": \"%2\",\n                \"name\": \"%3\",\n"
                             "                \"uuid\": \"%4\"\n            },\n            \"b_info\": {\n"
                             "                \"max_vcpus\": %5,\n                \"max_memkb\": %6,\n"
                             "                \"target_memkb\": %7\n            }\n        }\n    }")
                             .arg(d->domid)
                             .arg(d->hvm ? QStringLiteral("hvm") : QStringLiteral("pv"))
                             .arg(QString(d->name)
                                      .replace(u'\\', QStringLiteral("\\\\"))
                                      .replace(u'"', QStringLiteral("\\\""))
                                      .replace(u'\n', QStringLiteral("\\n")))
                             .arg(d->vmUuid)
                             .arg(d->vcpus)
                             .arg(d->maxMemoryKiB)
                             .arg(d->memoryKiB);
            }
            c.print(QStringLiteral("[\n") + items.join(QStringLiteral(",\n")) + QStringLiteral("\n]\n"));
            return c.out;
        }
        c.print(QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                    .arg(QStringLiteral("Name"), -40)
                    .arg(QStringLiteral("ID"), 5)
                    .arg(QStringLiteral("Mem"), 5)
                    .arg(QStringLiteral("VCPUs"), 5)
                    .arg(QStringLiteral("State"), 10)
                    .arg(QStringLiteral("Time(s)"), 9));
        for (SimDomain* d : doms)
            c.print(xlListLine(*d, c.now, false));
        return c.out;
    }
    if (sub == u"info") {
        c.print(xlInfo(c, false));
        return c.out;
    }
    if (sub == u"dmesg") {
        c.print(c.host.xenDmesg);
        return c.out;
    }
    if (sub == u"destroy") {
        const QString spec = args.value(1);
        if (spec.isEmpty())
            return c.fail(
                1, QStringLiteral(
                       "'xl destroy' requires at least 1 argument.\n\nUsage: xl [-v] destroy [options] <Domain>\n"));
        SimDomain* d = findDomain(c, spec);
        if (!d || d->domid == 0)
            return d ? c.fail(1, QStringLiteral("Cannot destroy privileged domain 0.\n\n")) : badDomain(spec);
        const int domid = d->domid;
        const QString name = d->name;
        switch (destroyDomain(c, *d, false)) {
        case DestroyResult::Refused:
            return c.fail(
                1, QStringLiteral(
                       "libxl: error: libxl_domain.c:1183:devices_destroy_cb: Domain %1:libxl__devices_destroy failed\n"
                       "libxl: error: libxl_domain.c:1111:domain_destroy_callback: Domain %1:Unable to destroy guest\n"
                       "libxl: error: libxl_domain.c:1038:domain_destroy_cb: Domain %1:Destruction of domain failed\n"
                       "destroy failed (rc=-3)\n")
                       .arg(domid));
        case DestroyResult::Lingering:
        case DestroyResult::Gone:
            break;
        }
        c.log(QStringLiteral("xen/xl-%1.log").arg(name), QStringLiteral("Domain %1 has been destroyed.").arg(domid));
        syncAfterHypervisorChange(c);
        return c.out;
    }
    if (sub == u"shutdown" || sub == u"reboot") {
        QStringList rest = args.mid(1);
        const bool wait = rest.removeAll(QStringLiteral("-w")) > 0;
        rest.removeAll(QStringLiteral("-F"));
        if (rest.isEmpty())
            return c.fail(1, QStringLiteral("'xl %1' requires at least 1 argument.\n").arg(sub));
        SimDomain* d = findDomain(c, rest.first());
        if (!d || d->dying)
            return badDomain(rest.first());
        SimVm* vm = vmOfDomain(c, *d);
        c.printErr(QStringLiteral("%1 domain %2\n")
                       .arg(sub == u"shutdown" ? QStringLiteral("Shutting down") : QStringLiteral("Rebooting"))
                       .arg(d->domid));
        const bool ignores = vm && (vm->faults.ignoresCleanShutdown || vm->faults.diesOnlyAfterCrash) && !d->crashed;
        if (ignores) {
            xlShutdownLog(c, *d, QStringLiteral("Domain %1 ignored the %2 request").arg(d->domid).arg(sub));
        } else if (sub == u"shutdown") {
            const int domid = d->domid;
            xlShutdownLog(c, *d, QStringLiteral("Domain %1 has shut down, reason code 0 0x0").arg(domid));
            c.host.domains.removeIf([domid](const SimDomain& x) { return x.domid == domid; });
            syncAfterHypervisorChange(c);
        } else {
            SimDomain copy = *d;
            const int domid = d->domid;
            c.host.domains.removeIf([domid](const SimDomain& x) { return x.domid == domid; });
            copy.domid = c.host.nextDomid++;
            copy.created = c.now;
            c.host.domains.append(copy);
        }
        if (wait && sub == u"shutdown") {
            c.printErr(QStringLiteral("Waiting for 1 domains\n"));
            if (ignores) {
                c.out.wait = SimWait{SimWait::Kind::DomainAlive, {}, {}, d->domid, d->vmUuid};
                return c.out;
            }
            c.printErr(QStringLiteral("Domain %1 has been shut down, reason code 0\n").arg(rest.first()));
        }
        return c.out;
    }
    if (sub == u"trigger") {
        const QString spec = args.value(1);
        const QString what = args.value(2);
        if (spec.isEmpty() || what.isEmpty())
            return c.fail(
                1, QStringLiteral("'xl trigger' requires at least 2 arguments.\n\n"
                                  "Usage: xl [-v] trigger <Domain> <nmi|reset|init|power|sleep|s3resume> [<VCPU>]\n"));
        SimDomain* d = findDomain(c, spec);
        if (!d)
            return badDomain(spec);
        if (what != u"nmi" && what != u"reset" && what != u"power" && what != u"init" && what != u"sleep" &&
            what != u"s3resume")
            return c.fail(
                1, QStringLiteral("Invalid trigger, valid triggers are <nmi|reset|init|power|sleep|s3resume>\n"));
        SimVm* vm = vmOfDomain(c, *d);
        if (what == u"nmi" && vm && vm->faults.diesOnlyAfterCrash)
            crashDomain(c, *d);
        return c.out;
    }
    if (sub == u"uptime") {
        c.print(QStringLiteral("%1 %2 Uptime\n").arg(QStringLiteral("Name"), -32).arg(QStringLiteral("ID"), 5));
        for (SimDomain* d : sortedDomains(c.host)) {
            const qint64 up = d->created.secsTo(c.now);
            c.print(QStringLiteral("%1 %2 %3 days, %4:%5:%6\n")
                        .arg(d->name, -32)
                        .arg(d->domid, 5)
                        .arg(up / 86400)
                        .arg((up / 3600) % 24, 2, 10, QLatin1Char('0'))
                        .arg((up / 60) % 60, 2, 10, QLatin1Char('0'))
                        .arg(up % 60, 2, 10, QLatin1Char('0')));
        }
        return c.out;
    }
    return c.fail(1, QStringLiteral("command not implemented\n"));
}

SimCommandOutput resumeDomainWait(Ctx& c, const SimWait& wait, bool xm)
{
    SimDomain* d = c.host.domain(wait.domid);
    if (d && !d->dying && d->vmUuid == wait.vmUuid) {
        c.out.wait = wait;
        return c.out;
    }
    if (xm)
        c.print(QStringLiteral("Domain %1 terminated\nAll domains terminated\n").arg(wait.domid));
    else
        c.printErr(QStringLiteral("Domain %1 has been shut down, reason code 0\n").arg(wait.domid));
    return c.out;
}

SimCommandOutput runXm(Ctx& c, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub.isEmpty())
        return c.fail(1, QStringLiteral("Usage: xm <subcommand> [args]\n"));
    auto noDomain = [&c](const QString& spec) {
        return c.fail(1, QStringLiteral("Error: Domain '%1' does not exist.\n").arg(spec));
    };
    if (sub == u"list") {
        QList<SimDomain*> doms = sortedDomains(c.host);
        const QStringList rest = args.mid(1);
        if (!rest.isEmpty()) {
            SimDomain* d = findDomain(c, rest.first());
            if (!d)
                return noDomain(rest.first());
            doms = {d};
        }
        c.print(QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                    .arg(QStringLiteral("Name"), -40)
                    .arg(QStringLiteral("ID"), 5)
                    .arg(QStringLiteral("Mem"), 5)
                    .arg(QStringLiteral("VCPUs"), 5)
                    .arg(QStringLiteral("State"), 10)
                    .arg(QStringLiteral("Time(s)"), 9));
        for (SimDomain* d : doms)
            c.print(xlListLine(*d, c.now, true));
        return c.out;
    }
    if (sub == u"info") {
        c.print(xlInfo(c, true));
        return c.out;
    }
    if (sub == u"dmesg") {
        c.print(c.host.xenDmesg);
        return c.out;
    }
    if (sub == u"destroy") {
        const QString spec = args.value(1);
        if (spec.isEmpty())
            return c.fail(1, QStringLiteral("Error: 'xm destroy' requires 1 argument.\n\nUsage: xm destroy <Domain>\n\n"
                                            "Terminate a domain immediately.\n"));
        SimDomain* d = findDomain(c, spec);
        if (!d)
            return noDomain(spec);
        if (d->domid == 0)
            return c.fail(1, QStringLiteral("Error: Cannot destroy privileged domain 0\n"));
        const QString name = d->name;
        const int domid = d->domid;
        if (destroyDomain(c, *d, false) == DestroyResult::Refused)
            return c.fail(1, QStringLiteral("Error: (16, 'Device or resource busy')\nUsage: xm destroy <Domain>\n\n"
                                            "Terminate a domain immediately.\n"));
        c.log(QStringLiteral("xen/xend.log"),
              QStringLiteral("[%1 2211] INFO (XendDomainInfo:3140) Domain destroyed: name=%2 id=%3.")
                  .arg(c.now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), name)
                  .arg(domid));
        return c.out;
    }
    if (sub == u"shutdown") {
        QStringList rest = args.mid(1);
        const bool wait = rest.removeAll(QStringLiteral("-w")) > 0;
        if (rest.isEmpty())
            return c.fail(1, QStringLiteral("Error: 'xm shutdown' requires 1 argument.\n"));
        SimDomain* d = findDomain(c, rest.first());
        if (!d)
            return noDomain(rest.first());
        SimVm* vm = vmOfDomain(c, *d);
        const bool ignores = vm && (vm->faults.ignoresCleanShutdown || vm->faults.diesOnlyAfterCrash) && !d->crashed;
        xlShutdownLog(c, *d, QStringLiteral("Domain %1 (%2) requested to shut down.").arg(d->name).arg(d->domid));
        if (ignores) {
            if (wait) {
                c.out.wait = SimWait{SimWait::Kind::DomainAlive, {}, {}, d->domid, d->vmUuid};
            }
            return c.out;
        }
        const int domid = d->domid;
        c.host.domains.removeIf([domid](const SimDomain& x) { return x.domid == domid; });
        if (wait)
            c.print(QStringLiteral("Domain %1 terminated\nAll domains terminated\n").arg(rest.first()));
        return c.out;
    }
    return c.fail(1, QStringLiteral("Error: Subcommand %1 not found!\n").arg(sub));
}

// --- legacy xapi debug tools -----------------------------------------------------------

SimCommandOutput runXenopsLegacy(Ctx& c, const QStringList& args)
{
    if (args.value(0) != u"destroy_domain")
        return c.fail(1, QStringLiteral("usage: xenops <command> [args]\n"));
    const int i = int(args.indexOf(QStringLiteral("-domid")));
    bool ok = false;
    const int domid = i >= 0 ? args.value(i + 1).toInt(&ok) : -1;
    if (!ok)
        return c.fail(1, QStringLiteral("xenops: option '-domid' needs an argument.\n"));
    SimDomain* d = c.host.domain(domid);
    if (!d)
        return c.fail(2, QStringLiteral("Fatal error: exception Xenctrl.Error(\"3: No such process\")\n"));
    if (destroyDomain(c, *d, false) == DestroyResult::Refused)
        return c.fail(2, QStringLiteral("Fatal error: exception Xenctrl.Error(\"16: Device or resource busy\")\n"));
    syncAfterHypervisorChange(c);
    return c.out;
}

SimCommandOutput runCrashGuest(Ctx& c, const QStringList& args)
{
    bool ok = false;
    const int domid = args.value(0).toInt(&ok);
    if (!ok)
        return c.fail(1, QStringLiteral("usage: crash_guest <domid>\n"));
    SimDomain* d = c.host.domain(domid);
    if (!d)
        return c.fail(1, QStringLiteral("xc_domain_shutdown: No such process\n"));
    crashDomain(c, *d);
    return c.out;
}

SimCommandOutput runXenopsCli(Ctx& c, const QStringList& args)
{
    if (args.value(0) != u"list")
        return c.fail(1, QStringLiteral("Usage: xenops-cli list\n"));
    c.print(QStringLiteral("%1 %2 %3 %4 %5\n")
                .arg(QStringLiteral("Name"), -45)
                .arg(QStringLiteral("ID"), -5)
                .arg(QStringLiteral("Mem"), -6)
                .arg(QStringLiteral("VCPUs"), -5)
                .arg(QStringLiteral("State")));
    for (const SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain || vm.residentOn != c.host.uuid)
            continue;
        const SimDomain* d = c.host.domainOfVm(vm.uuid);
        c.print(QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(vm.uuid, -45)
                    .arg(d ? QString::number(d->domid) : QStringLiteral("-"), -5)
                    .arg(vm.memoryDynamicMax / 1048576, -6)
                    .arg(vm.vcpusAtStartup, -5)
                    .arg(d && !d->dying ? (d->paused ? QStringLiteral("Paused") : QStringLiteral("Running"))
                                        : QStringLiteral("Halted")));
    }
    return c.out;
}

// --- networking (SimNetwork.cpp) and misc ----------------------------------------------

SimCommandOutput runTapCtl(Ctx& c, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == u"list") {
        for (SimDomain* d : sortedDomains(c.host)) {
            if (d->tapdiskPid == 0)
                continue;
            const SimVm* vm = vmOfDomain(c, *d);
            const QString sr = c.pool.defaultSrUuid;
            c.print(QStringLiteral("pid=%1 minor=%2 state=0 args=vhd:/var/run/sr-mount/%3/%4.vhd\n")
                        .arg(d->tapdiskPid)
                        .arg(d->tapdiskMinor)
                        .arg(sr, vm ? vm->vifUuids.value(0, vm->uuid) : d->vmUuid));
        }
        return c.out;
    }
    if (sub == u"destroy" || sub == u"close") {
        const int pi = int(args.indexOf(QStringLiteral("-p")));
        const int pid = pi >= 0 ? args.value(pi + 1).toInt() : 0;
        for (qsizetype i = 0; i < c.host.domains.size(); ++i) {
            SimDomain& d = c.host.domains[i];
            if (d.tapdiskPid != pid || pid == 0)
                continue;
            d.tapdiskPid = 0;
            if (d.dying)
                c.host.domains.removeAt(i);
            return c.out;
        }
        return c.fail(1, QStringLiteral("failed to %1 tapdisk: -2\n").arg(sub));
    }
    return c.fail(1, QStringLiteral("usage: tap-ctl COMMAND [OPTIONS]\n"));
}

SimCommandOutput runLogger(Ctx& c, const QStringList& args)
{
    QString tag = QStringLiteral("root");
    QStringList words;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == u"-t" && i + 1 < args.size())
            tag = args[++i];
        else if ((args[i] == u"-p" || args[i] == u"--priority") && i + 1 < args.size())
            ++i;
        else
            words << args[i];
    }
    // syslog escapes control characters: a newline in a message becomes #012.
    QString msg = words.join(u' ');
    msg.replace(u'\n', QStringLiteral("#012"));
    c.log(SimDispatcher::syslogFile(c.host.flavour), syslogLine(c.now, c.host.name, tag, msg));
    return c.out;
}

} // namespace detail

QStringList SimDispatcher::programPaths(Flavour flavour)
{
    QStringList out;
    for (const Program& p : Programs)
        if (programOn(p, flavour))
            out << QString::fromLatin1(p.path);
    return out;
}

bool SimDispatcher::hasProgram(Flavour flavour, const QString& program)
{
    return findProgram(flavour, program) != nullptr;
}

QString SimDispatcher::syslogFile(Flavour flavour)
{
    switch (flavour) {
    case Flavour::XenServer62:
    case Flavour::XcpNg82:
        return QStringLiteral("messages");
    case Flavour::XenXl:
    case Flavour::XenXm:
        return QStringLiteral("syslog");
    }
    return QStringLiteral("messages");
}

SimCommandOutput SimDispatcher::run(SimPool& pool, const QString& hostName, const QStringList& argv,
                                    const QDateTime& now)
{
    SimHostModel* host = pool.host(hostName);
    if (!host || argv.isEmpty()) {
        SimCommandOutput o;
        o.exitCode = 127;
        o.err = QByteArrayLiteral("xenrescue-labhost: unknown lab host or empty command\n");
        return o;
    }
    Ctx c{pool, *host, now, {}};
    tick(c);
    const QString program = argv.first();
    const Program* p = findProgram(host->flavour, program);
    if (!p)
        return c.fail(127, commandNotFound(host->flavour, program));
    const QString base = QFileInfo(QString::fromLatin1(p->path)).fileName();
    const QStringList args = argv.mid(1);
    if (base == u"xe")
        return runXe(c, args);
    if (base == u"xe-toolstack-restart")
        return runToolstackRestart(c);
    if (base == u"list_domains")
        return runListDomains(c, args);
    if (base == u"xl")
        return runXl(c, args);
    if (base == u"xm")
        return runXm(c, args);
    if (base == u"xenops")
        return runXenopsLegacy(c, args);
    if (base == u"xenops-cli")
        return runXenopsCli(c, args);
    if (base == u"crash_guest")
        return runCrashGuest(c, args);
    if (base == u"brctl")
        return runBrctl(c, args);
    if (base == u"ovs-vsctl")
        return runOvsVsctl(c, args);
    if (base == u"ip")
        return runIp(c, args);
    if (base == u"tap-ctl")
        return runTapCtl(c, args);
    if (base == u"xen-cmdline")
        return runXenCmdline(c, args);
    if (base == u"logger")
        return runLogger(c, args);
    if (base == u"sysctl")
        return runSysctl(c, args);
    if (base == u"iptables")
        return runIptables(c, args);
    if (base == u"update-grub")
        return runUpdateGrub(c, args);
    return c.fail(127, commandNotFound(host->flavour, program));
}

SimCommandOutput SimDispatcher::resume(SimPool& pool, const QString& hostName, const SimWait& wait,
                                       const QDateTime& now)
{
    SimHostModel* host = pool.host(hostName);
    if (!host) {
        SimCommandOutput o;
        o.exitCode = 127;
        return o;
    }
    Ctx c{pool, *host, now, {}};
    switch (wait.kind) {
    case SimWait::Kind::XapiWedged:
    case SimWait::Kind::TaskPending:
        return resumeXe(c, wait);
    case SimWait::Kind::DomainAlive:
        return resumeDomainWait(c, wait, host->flavour == Flavour::XenXm);
    }
    return c.out;
}

} // namespace xr::sim
