#include "SimXeVmOps.h"

#include "SimXeRecords.h"

namespace xr::sim::detail::xe {

namespace {

// select_vms: vm= (uuid or name-label) plus field filters; never control domains or templates.
QList<SimVm*> selectVms(Ctx& c, const Params& p, const QStringList& ignore)
{
    QList<SimVm*> out;
    for (SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain)
            continue;
        if (p.has(QStringLiteral("vm")) && vm.uuid != p.get(QStringLiteral("vm")) &&
            vm.nameLabel != p.get(QStringLiteral("vm")))
            continue;
        const Rec r = vmRecord(c, vm);
        bool match = true;
        for (const auto& [k, v] : p.kv) {
            if (isStdParam(k) || k == u"vm" || ignore.contains(k))
                continue;
            const F* f = field(r, k);
            if (!f || f->value != v)
                match = false;
        }
        if (match)
            out << &vm;
    }
    return out;
}

SimTask& newTask(Ctx& c, SimVm& vm, const QString& op)
{
    SimTask t;
    t.uuid = c.pool.newUuid();
    t.ref = c.pool.newRef();
    t.nameLabel = QStringLiteral("Async.VM.") + op;
    t.created = c.now;
    t.vmUuid = vm.uuid;
    t.operation = op;
    t.residentOn = c.pool.master() ? c.pool.master()->uuid : c.host.uuid;
    c.pool.tasks.append(t);
    return c.pool.tasks.last();
}

void logXapi(Ctx& c, const QString& task, const QString& module, const QString& text,
             const QString& level = QStringLiteral("debug"))
{
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), level,
                      QStringLiteral("%1 UNIX /var/lib/xcp/xapi").arg(1000 + c.host.commandCount), task, module, text));
}

void logXenops(Ctx& c, const QString& text)
{
    c.log(QStringLiteral("xensource.log"), xapiLogLine(c, QStringLiteral("xenopsd-xc"), QStringLiteral("debug"),
                                                       QStringLiteral("%1 ").arg(20 + c.host.commandCount % 17),
                                                       QStringLiteral("queue"), QStringLiteral("xenops_server"), text));
}

void finishTask(Ctx& c, const QString& uuid, const QString& status)
{
    if (SimTask* t = c.pool.task(uuid)) {
        t->status = status;
        t->finished = c.now;
        t->progress = 1.0;
        for (SimVm& vm : c.pool.vms)
            vm.currentOperationTasks.removeAll(uuid);
    }
}

SimHostModel* residentHost(Ctx& c, const SimVm& vm)
{
    return c.pool.host(vm.residentOn);
}

// VM.hard_shutdown: cancel what can be cancelled, then destroy the domain.
SimCommandOutput hardShutdown(Ctx& c, SimVm& vm, bool reboot)
{
    if (!isLive(vm) && vm.powerState != PowerState::Suspended)
        return badPowerState(c, vm, QStringLiteral("running"));
    for (const QString& tid : vm.currentOperationTasks)
        if (SimTask* t = c.pool.task(tid); t && t->blocksForce)
            return otherOperation(c, vm, *t);
    SimHostModel* h = residentHost(c, vm);
    if (h && !h->isLive())
        return hostOffline(c, *h);
    const QString taskName = reboot ? QStringLiteral("VM.hard_reboot") : QStringLiteral("VM.hard_shutdown");
    logXapi(c, taskName + QStringLiteral(" R:") + vm.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("%1: VM = '%2 (%3)'").arg(taskName, vm.uuid, vm.nameLabel), QStringLiteral("info"));
    for (const QString& tid : QStringList(vm.currentOperationTasks)) {
        logXapi(c, taskName, QStringLiteral("xapi_vm_lifecycle"),
                QStringLiteral("Cancelling task %1 before %2").arg(tid, taskName));
        finishTask(c, tid, QStringLiteral("cancelled"));
    }
    if (h) {
        Ctx hc{c.pool, *h, c.now, {}};
        if (SimDomain* d = h->domainOfVm(vm.uuid); d && !d->dying) {
            if (destroyDomain(hc, *d, !reboot) == DestroyResult::Refused) {
                c.out.logs += hc.out.logs;
                return internalError(
                    c, QStringLiteral("xenopsd internal error: Xenctrl.Error(\"16: Device or resource busy\")"));
            }
        }
        c.out.logs += hc.out.logs;
        logXenops(c, QStringLiteral("VM.shutdown %1").arg(vm.uuid));
        if (reboot) {
            Ctx rc{c.pool, *h, c.now, {}};
            createDomain(rc, vm);
            vm.powerState = PowerState::Running;
            vm.startTime = c.now;
            return c.out;
        }
    }
    vm.powerState = PowerState::Halted;
    vm.residentOn.clear();
    vm.startTime = QDateTime();
    return c.out;
}

SimCommandOutput cleanOp(Ctx& c, SimVm& vm, bool reboot)
{
    if (vm.powerState != PowerState::Running)
        return badPowerState(c, vm, QStringLiteral("running"));
    if (!vm.currentOperationTasks.isEmpty())
        if (SimTask* t = c.pool.task(vm.currentOperationTasks.first()))
            return otherOperation(c, vm, *t);
    SimHostModel* h = residentHost(c, vm);
    if (h && !h->isLive())
        return hostOffline(c, *h);
    const QString op = reboot ? QStringLiteral("clean_reboot") : QStringLiteral("clean_shutdown");
    SimTask& task = newTask(c, vm, op);
    logXapi(c, task.nameLabel + QStringLiteral(" R:") + task.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("VM.%1: VM = '%2 (%3)'").arg(op, vm.uuid, vm.nameLabel), QStringLiteral("info"));
    SimDomain* d = h ? h->domainOfVm(vm.uuid) : nullptr;
    const bool ignores = (vm.faults.ignoresCleanShutdown || vm.faults.diesOnlyAfterCrash) && !(d && d->crashed);
    if (ignores && d && !vm.faults.domainGone) {
        // The request sits in xenstore (control/shutdown); the guest never acknowledges it.
        vm.currentOperationTasks.append(task.uuid);
        logXenops(c, QStringLiteral("VM.%1 %2: control/shutdown = %3; waiting for the guest")
                         .arg(reboot ? QStringLiteral("reboot") : QStringLiteral("shutdown"), vm.uuid,
                              reboot ? QStringLiteral("reboot") : QStringLiteral("poweroff")));
        c.out.wait = SimWait{SimWait::Kind::TaskPending, {}, task.uuid, -1, vm.uuid};
        return c.out;
    }
    const QString taskUuid = task.uuid;
    if (h && d && !d->dying) {
        const int domid = d->domid;
        h->domains.removeIf([domid](const SimDomain& x) { return x.domid == domid; });
        logXenops(c, QStringLiteral("VM %1 has shut down, domid %2").arg(vm.uuid).arg(domid));
    }
    if (reboot && h) {
        Ctx rc{c.pool, *h, c.now, {}};
        createDomain(rc, vm);
        vm.startTime = c.now;
    } else {
        vm.powerState = PowerState::Halted;
        vm.residentOn.clear();
        vm.startTime = QDateTime();
    }
    // The CLI's waiter destroys the finished task.
    c.pool.tasks.removeIf([&taskUuid](const SimTask& t) { return t.uuid == taskUuid; });
    return c.out;
}

SimCommandOutput startVm(Ctx& c, SimVm& vm, const Params& p)
{
    if (vm.powerState != PowerState::Halted)
        return badPowerState(c, vm, QStringLiteral("halted"));
    if (!vm.currentOperationTasks.isEmpty())
        if (SimTask* t = c.pool.task(vm.currentOperationTasks.first()))
            return otherOperation(c, vm, *t);
    SimHostModel* target = nullptr;
    if (p.has(QStringLiteral("on")))
        target = c.pool.host(p.get(QStringLiteral("on")));
    if (!target && !vm.affinity.isEmpty())
        target = c.pool.host(vm.affinity);
    if (!target)
        target = c.pool.master();
    if (!target || !target->isLive())
        return serverError(c, QStringLiteral("There are no servers available to complete the specified operation."),
                           {});
    const qint64 needed = vm.memoryStaticMax + vm.memoryStaticMax / 128;
    const qint64 available = target->freeMemoryMiB() * 1048576;
    if (needed > available)
        return serverError(c, QStringLiteral("Not enough server memory is available to perform this operation."),
                           {{QStringLiteral("needed"), QString::number(needed)},
                            {QStringLiteral("available"), QString::number(available)}});
    Ctx hc{c.pool, *target, c.now, {}};
    SimDomain& d = createDomain(hc, vm);
    vm.powerState = p.flag(QStringLiteral("paused")) ? PowerState::Paused : PowerState::Running;
    d.paused = vm.powerState == PowerState::Paused;
    vm.residentOn = target->uuid;
    vm.startTime = c.now;
    vm.faults.domainGone = false;
    logXapi(c, QStringLiteral("VM.start R:") + vm.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("VM.start: VM = '%1 (%2)'").arg(vm.uuid, vm.nameLabel), QStringLiteral("info"));
    return c.out;
}

SimCommandOutput resetPowerState(Ctx& c, SimVm& vm)
{
    if (isLive(vm)) {
        SimHostModel* master = c.pool.master();
        SimHostModel* resident = residentHost(c, vm);
        if (resident && master && resident->uuid == master->uuid) {
            const SimDomain* d = resident->domainOfVm(vm.uuid);
            if (d && !d->dying)
                return serverError(
                    c,
                    QStringLiteral("The operation could not be performed because a domain still "
                                   "exists for the specified VM."),
                    {{QStringLiteral("vm"), vmRef(vm)}, {QStringLiteral("domid"), QStringLiteral("<unknown>")}});
        } else if (resident && resident->isLive()) {
            logXapi(c, QStringLiteral("VM.power_state_reset"), QStringLiteral("xapi_vm"),
                    QStringLiteral("VM.power_state_reset vm=%1 resident_on=%2; host is alive so refusing to reset "
                                   "power-state")
                        .arg(vm.ref, resident->ref),
                    QStringLiteral("error"));
            return serverError(c,
                               QStringLiteral("This operation cannot be completed because the server is still live."),
                               {{QStringLiteral("host"), hostRef(*resident)}});
        }
    }
    for (const QString& tid : QStringList(vm.currentOperationTasks))
        finishTask(c, tid, QStringLiteral("cancelled"));
    vm.powerState = PowerState::Halted;
    vm.residentOn.clear();
    vm.startTime = QDateTime();
    vm.faults.domainGone = false;
    logXapi(c, QStringLiteral("VM.power_state_reset"), QStringLiteral("xapi_vm"),
            QStringLiteral("VM.power_state_reset vm=%1: setting power state to Halted").arg(vm.ref),
            QStringLiteral("info"));
    return c.out;
}

} // namespace

SimCommandOutput vmOp(Ctx& c, const QString& op, const Params& p)
{
    const bool force = p.flag(QStringLiteral("force"));
    if (op == u"vm-reset-powerstate" && !force)
        return cliError(c, QStringLiteral("This operation is dangerous and may cause data loss. This operation must be "
                                          "forced (use --force)."));
    const QList<SimVm*> vms = selectVms(c, p, {});
    if (vms.isEmpty())
        return cliError(c, QStringLiteral("No matching VMs found"));
    if (vms.size() > 1 && !p.flag(QStringLiteral("multiple")))
        return cliError(c, QStringLiteral("Multiple matches VMs found. --multiple required to complete the operation"));
    SimCommandOutput last;
    for (SimVm* vm : vms) {
        if (op == u"vm-shutdown")
            last = force ? hardShutdown(c, *vm, false) : cleanOp(c, *vm, false);
        else if (op == u"vm-reboot")
            last = force ? hardShutdown(c, *vm, true) : cleanOp(c, *vm, true);
        else if (op == u"vm-start")
            last = startVm(c, *vm, p);
        else
            last = resetPowerState(c, *vm);
        if (last.exitCode != 0 || last.wait)
            return last;
    }
    return c.out;
}

SimCommandOutput taskCancel(Ctx& c, const Params& p)
{
    if (!p.has(QStringLiteral("uuid")))
        return c.fail(1, QStringLiteral("Required parameter not found: uuid\n"));
    SimTask* t = c.pool.task(p.get(QStringLiteral("uuid")));
    if (!t)
        return uuidInvalid(c, QStringLiteral("task"), p.get(QStringLiteral("uuid")));
    if (t->status != u"pending")
        return c.out;
    if (!t->cancellable)
        return serverError(c, QStringLiteral("You attempted an operation that was not allowed."),
                           {{QStringLiteral("reason"), QStringLiteral("Task cannot be cancelled")}});
    logXapi(c, QStringLiteral("task.cancel"), QStringLiteral("taskhelper"),
            QStringLiteral("Task.cancel %1 (%2)").arg(t->uuid, t->nameLabel), QStringLiteral("info"));
    finishTask(c, t->uuid, QStringLiteral("cancelled"));
    return c.out;
}

} // namespace xr::sim::detail::xe
