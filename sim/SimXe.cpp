// The `xe` CLI of a simulated xapi host. Shapes follow xen-api's CLI server
// (cli_printer.ml: records, --minimal; cli_operations.ml: list/param-list/param-get,
// selection of VMs, no_force_msg; cli_util.ml: server_error; newcli.ml: client errors) and
// the texts of datamodel_errors.ml.
//
// The parts: SimXeCommon (fields, parameters, errors), SimXeRecords (the records of each
// class), SimXeLists (list, param-list, param-get), SimXeVmOps (VM operations); this file
// dispatches the command line and models the path to a working xapi.

#include "SimInternal.h"
#include "SimNetwork.h"
#include "SimXeCommon.h"
#include "SimXeLists.h"
#include "SimXeVmOps.h"

namespace xr::sim::detail {

using namespace xe;

namespace {

SimCommandOutput dispatchXe(Ctx& c, const QStringList& args)
{
    if (args.isEmpty()) {
        c.print(
            QStringLiteral("Usage: xe <cmd> [-s server] [-p port] ([-u username] [-pw password] or [-pwf <password "
                           "file>]) [--traceparent traceparent] <other arguments>\n\nA full list of commands can be "
                           "obtained by running \n\txe help -s <server> -p <port>\n"));
        return c.out;
    }
    const QString cmd = args.first();
    const Params p = parseParams(args.mid(1));
    for (const XeClass& cls : classes()) {
        if (cmd == cls.cls + QStringLiteral("-list"))
            return listCmd(c, cls, p);
        if (cmd == cls.cls + QStringLiteral("-param-list"))
            return paramListCmd(c, cls, p);
        if (cmd == cls.cls + QStringLiteral("-param-get"))
            return paramGetCmd(c, cls, p);
    }
    if (cmd == u"vm-shutdown" || cmd == u"vm-reboot" || cmd == u"vm-start" || cmd == u"vm-reset-powerstate")
        return vmOp(c, cmd, p);
    if (cmd == u"task-cancel")
        return taskCancel(c, p);
    return c.fail(1, QStringLiteral("Unknown command: %1\nFor usage run: 'xe help'\n").arg(cmd));
}

// What stands between this host's `xe` and a working xapi (the member forwards to the master).
enum class XapiPath { Ok, Wedged, Lost, Refused };

XapiPath xapiPath(Ctx& c)
{
    QList<SimHostModel*> hops{&c.host};
    if (SimHostModel* m = c.pool.master(); m && m != &c.host)
        hops << m;
    for (SimHostModel* h : hops) {
        if (h->faults.xapiDown || !h->isLive())
            return XapiPath::Refused;
        if (h->faults.xapiLostConnection)
            return XapiPath::Lost;
        if (h->faults.xapiWedged)
            return XapiPath::Wedged;
    }
    return XapiPath::Ok;
}

} // namespace

SimCommandOutput runXe(Ctx& c, const QStringList& args)
{
    switch (xapiPath(c)) {
    case XapiPath::Wedged:
        c.out.wait = SimWait{SimWait::Kind::XapiWedged, args, {}, -1, {}};
        return c.out;
    case XapiPath::Lost:
        return c.fail(1, QStringLiteral("Lost connection to the server.\n"));
    case XapiPath::Refused:
        return c.fail(1, QStringLiteral("Error: Connection refused (calling connect )\n"));
    case XapiPath::Ok:
        break;
    }
    if (std::optional<SimCommandOutput> o = runXeHostMaintenance(c, args))
        return *o;
    return dispatchXe(c, args);
}

SimCommandOutput resumeXe(Ctx& c, const SimWait& wait)
{
    if (wait.kind == SimWait::Kind::XapiWedged) {
        if (xapiPath(c) == XapiPath::Wedged) {
            c.out.wait = wait;
            return c.out;
        }
        c.out.changed = true;
        return runXe(c, wait.argv);
    }
    const SimTask* t = c.pool.task(wait.taskUuid);
    if (t && t->status == u"pending") {
        c.out.wait = wait;
        return c.out;
    }
    c.out.changed = true;
    const QString status = t ? t->status : QStringLiteral("cancelled");
    const QString uuid = wait.taskUuid;
    c.pool.tasks.removeIf([&uuid](const SimTask& x) { return x.uuid == uuid; });
    if (status == u"success")
        return c.out;
    return serverError(c, QStringLiteral("The request was asynchronously canceled."), {{QStringLiteral("task"), uuid}});
}

SimCommandOutput runToolstackRestart(Ctx& c)
{
    SimHostModel& h = c.host;
    const bool wasWedged = h.faults.xapiWedged;
    h.faults.xapiWedged = h.faults.xapiLostConnection = h.faults.xapiDown = false;
    ++h.toolstackRestarts;
    // In-flight tasks die with xapi; on its way up xapi resyncs power states from xenopsd.
    QStringList dropped;
    for (const SimTask& t : c.pool.tasks)
        if (t.residentOn == h.uuid || (t.residentOn.isEmpty() && c.pool.master() == &h))
            dropped << t.uuid;
    for (SimVm& vm : c.pool.vms)
        for (const QString& t : dropped)
            vm.currentOperationTasks.removeAll(t);
    c.pool.tasks.removeIf([&dropped](const SimTask& t) { return dropped.contains(t.uuid); });
    for (SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain || vm.residentOn != h.uuid)
            continue;
        const SimDomain* d = h.domainOfVm(vm.uuid);
        if (!d || d->dying) {
            vm.powerState = PowerState::Halted;
            vm.residentOn.clear();
            vm.faults.domainGone = false;
        }
    }
    const int pid = 4000 + h.toolstackRestarts * 37 + h.commandCount % 31;
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), QStringLiteral("info"), QStringLiteral("0 "), QString(),
                      QStringLiteral("xapi"), QStringLiteral("(Re)starting xapi, pid: %1").arg(pid)));
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), QStringLiteral("debug"), QStringLiteral("0 "), QString(),
                      QStringLiteral("xapi"), QStringLiteral("Resynchronising VM state with xenopsd")));
    c.log(QStringLiteral("daemon.log"),
          syslogLine(c.now, h.name, QStringLiteral("systemd[1]"), QStringLiteral("Stopping XAPI Toolstack...")));
    c.log(QStringLiteral("daemon.log"),
          syslogLine(c.now, h.name, QStringLiteral("systemd[1]"), QStringLiteral("Started XAPI Toolstack.")));
    if (h.flavour == Flavour::XenServer62) {
        c.print(QStringLiteral("Stopping xapi: %1[  OK  ]\n")
                    .arg(wasWedged ? QStringLiteral("....") : QStringLiteral("..")));
        c.print(QStringLiteral("Stopping the v6 licensing daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping the memory ballooning daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping perfmon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping the fork/exec daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting the fork/exec daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting perfmon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting the memory ballooning daemon: .[  OK  ]\n"));
        c.print(QStringLiteral("Starting the v6 licensing daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting xapi: ..start-of-day complete.[  OK  ]\n"));
        c.print(QStringLiteral("done.\n"));
    } else {
        c.print(QStringLiteral("Executing xe-toolstack-restart\ndone.\n"));
    }
    return c.out;
}

} // namespace xr::sim::detail
