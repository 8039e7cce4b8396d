#include "RungCommands.h"

namespace xr::ladder {

QList<ShellCommand> diagnoseXapi(const RungContext& c)
{
    QList<ShellCommand> out;
    if (c.s.xapiAnswers() && c.uuidOk()) {
        out.append(xePowerStateCommand(c));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=current-operations")}));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=resident-on")}));
        out.append(cmd(QStringLiteral("xe"),
                       {QStringLiteral("task-list"), QStringLiteral("params=uuid,name-label,status,progress,created,"
                                                                    "allowed-operations")}));
    }
    if (!c.residentDead()) {
        if (const auto list = domainListCommand(c))
            out.append(*list);
        if (c.s.domain.isDying() && c.tools.has(HostTool::TapCtl))
            out.append(cmd(QStringLiteral("tap-ctl"), {QStringLiteral("list")}));
    }
    return out;
}

QList<ShellCommand> diagnoseToolstack(const RungContext& c)
{
    QList<ShellCommand> out;
    if (const auto list = domainListCommand(c))
        out.append(*list);
    if (c.s.domain.isDying() && c.tools.has(HostTool::TapCtl))
        out.append(cmd(QStringLiteral("tap-ctl"), {QStringLiteral("list")}));
    return out;
}

QList<ShellCommand> xeCleanShutdown(const RungContext& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-shutdown"), c.uuidArg()})};
}

QList<ShellCommand> xeForceShutdown(const RungContext& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-shutdown"), QStringLiteral("--force"), c.uuidArg()})};
}

QList<ShellCommand> xeForceReboot(const RungContext& c)
{
    return {cmd(QStringLiteral("xe"), {QStringLiteral("vm-reboot"), QStringLiteral("--force"), c.uuidArg()})};
}

QList<ShellCommand> xeResetPowerState(const RungContext& c)
{
    return {
        cmd(QStringLiteral("xe"), {QStringLiteral("vm-reset-powerstate"), QStringLiteral("force=true"), c.uuidArg()})};
}

QList<ShellCommand> xapiToolstackRestart(const RungContext&)
{
    return {cmd(QStringLiteral("xe-toolstack-restart"))};
}

QList<ShellCommand> xendRestart(const RungContext&)
{
    return {cmd(QStringLiteral("service"), {QStringLiteral("xend"), QStringLiteral("restart")})};
}

QList<ShellCommand> legacyXenopsDestroy(const RungContext& c)
{
    return c.guarded(cmd(HostTools::path(HostTool::XenopsLegacy),
                         {QStringLiteral("destroy_domain"), QStringLiteral("-domid"), c.domid()}));
}

QList<ShellCommand> legacyCrashGuest(const RungContext& c)
{
    return c.guarded(cmd(HostTools::path(HostTool::CrashGuest), {c.domid()}));
}

QList<ShellCommand> xlShutdown(const RungContext& c)
{
    return c.guarded(cmd(QStringLiteral("xl"), {QStringLiteral("shutdown"), QStringLiteral("-w"), c.domid()}));
}

QList<ShellCommand> xlDestroy(const RungContext& c)
{
    return c.guarded(cmd(QStringLiteral("xl"), {QStringLiteral("destroy"), c.domid()}));
}

QList<ShellCommand> xlTriggerNmi(const RungContext& c)
{
    return c.guarded(cmd(QStringLiteral("xl"), {QStringLiteral("trigger"), c.domid(), QStringLiteral("nmi")}));
}

QList<ShellCommand> xmShutdown(const RungContext& c)
{
    return c.guarded(cmd(QStringLiteral("xm"), {QStringLiteral("shutdown"), QStringLiteral("-w"), c.domid()}));
}

QList<ShellCommand> xmDestroy(const RungContext& c)
{
    return c.guarded(cmd(QStringLiteral("xm"), {QStringLiteral("destroy"), c.domid()}));
}

// ---------------------------------------------------------------------------------------
// Which host a rung's commands run on.
// ---------------------------------------------------------------------------------------

HostRole onMaster(const RungContext&)
{
    return HostRole::PoolMaster;
}

HostRole onResident(const RungContext&)
{
    return HostRole::ResidentHost;
}

HostRole onResidentIfAlive(const RungContext& c)
{
    return c.residentDead() ? HostRole::PoolMaster : HostRole::ResidentHost;
}

HostRole onWedgedToolstack(const RungContext& c)
{
    if (!c.s.xapiAnswers() || c.residentDead())
        return HostRole::PoolMaster;
    return HostRole::ResidentHost;
}

HostRole outOfBand(const RungContext&)
{
    return HostRole::OutOfBand;
}

} // namespace xr::ladder
