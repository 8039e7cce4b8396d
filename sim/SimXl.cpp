// `xl` (Xen 4.17, XCP-ng 8.2) and `xm` (Xen 4.1): the domain list, info, shutdown,
// destroy, trigger, with their texts and log lines.

#include "SimDomains.h"
#include "SimNetwork.h"

namespace xr::sim::detail {

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

} // namespace xr::sim::detail
