// The domain life cycle as the hypervisor runs it: create, destroy (honouring the VM's
// faults), crash; shared by xe, xl, xm and the legacy tools.

#include "SimDomains.h"

#include <algorithm>

namespace xr::sim::detail {

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

QList<SimDomain*> sortedDomains(SimHostModel& h)
{
    QList<SimDomain*> out;
    for (SimDomain& d : h.domains)
        out.append(&d);
    std::sort(out.begin(), out.end(), [](SimDomain* a, SimDomain* b) { return a->domid < b->domid; });
    return out;
}

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

} // namespace xr::sim::detail
