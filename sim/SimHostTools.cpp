// The smaller tools of a lab host: the legacy xapi debug tools (xenops destroy_domain,
// crash_guest), xenops-cli, tap-ctl, logger and xenstore-read. Networking is in SimNetwork.cpp.

#include "SimDomains.h"

namespace xr::sim::detail {

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

// --- tap-ctl and logger ----------------------------------------------------------------

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

// --- xenstore-read -------------------------------------------------------------------------

namespace {

// What xenstored holds for a live domain, as the toolstacks write it: `vm` is "/vm/<uuid>"
// (libxl__domain_make, xenopsd Domain.make, xend's XS_VMROOT + uuid), `name` the domain's
// name, `domid` its id. A dying domain's tree is already gone (its name shows as "(null)").
std::optional<QString> xenstoreValue(Ctx& c, const QString& path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() != 4 || parts[0] != u"local" || parts[1] != u"domain")
        return std::nullopt;
    bool ok = false;
    const int domid = parts[2].toInt(&ok);
    SimDomain* d = ok ? c.host.domain(domid) : nullptr;
    if (!d || d->dying || d->name == u"(null)")
        return std::nullopt;
    if (parts[3] == u"vm" && !d->vmUuid.isEmpty())
        return QStringLiteral("/vm/") + d->vmUuid.toLower();
    if (parts[3] == u"name")
        return d->name;
    if (parts[3] == u"domid")
        return QString::number(d->domid);
    return std::nullopt;
}

} // namespace

SimCommandOutput runXenstoreRead(Ctx& c, const QStringList& args)
{
    QStringList paths;
    for (const QString& a : args) {
        if (!a.startsWith(u'-'))
            paths << a;
    }
    if (paths.isEmpty())
        return c.fail(2, QStringLiteral("Usage: xenstore-read [-h] [-p] [-s] [-R] key [...]\n"));
    if (c.host.faults.xenstoredHung) {
        SimWait w;
        w.kind = SimWait::Kind::XenstoredHung;
        w.argv = QStringList{QStringLiteral("xenstore-read")} + args;
        c.out.wait = w;
        return c.out;
    }
    for (const QString& p : paths) {
        const std::optional<QString> v = xenstoreValue(c, p);
        if (!v)
            return c.fail(1, QStringLiteral("xenstore-read: couldn't read path %1\n").arg(p));
        c.print(*v + u'\n');
    }
    return c.out;
}

SimCommandOutput resumeXenstoreRead(Ctx& c, const SimWait& wait)
{
    if (c.host.faults.xenstoredHung) {
        c.out.wait = wait;
        return c.out;
    }
    return runXenstoreRead(c, wait.argv.mid(1));
}

} // namespace xr::sim::detail
