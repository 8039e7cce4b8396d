#include "RungContext.h"

#include "XeMinimal.h"

namespace xr::ladder {

DomainGuard::Identity RungContext::domainIdentity() const
{
    DomainGuard::Identity id;
    id.domid = s.domain.domid;
    if (uuidOk())
        id.vmUuid = s.vmUuid.toLower();
    id.name = s.domain.name;
    if ((id.name.isEmpty() || id.name == u"(null)") && !flavour.isXapi())
        id.name = s.vmName;
    return id;
}

QList<ShellCommand> RungContext::guarded(const ShellCommand& action) const
{
    if (const std::optional<ShellCommand> g = DomainGuard::wrap(action, domainIdentity()))
        return {*g};
    return {};
}

QString powerStateWord(XapiPowerState p)
{
    switch (p) {
    case XapiPowerState::Running:
        return App::translate("RecoveryLadder", "running");
    case XapiPowerState::Halted:
        return App::translate("RecoveryLadder", "halted");
    case XapiPowerState::Paused:
        return App::translate("RecoveryLadder", "paused");
    case XapiPowerState::Suspended:
        return App::translate("RecoveryLadder", "suspended");
    case XapiPowerState::Unknown:
        break;
    }
    return App::translate("RecoveryLadder", "unknown");
}

std::optional<ShellCommand> domainListCommand(const RungContext& c)
{
    switch (c.flavour.kind) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        if (c.tools.has(HostTool::ListDomains))
            return cmd(QStringLiteral("list_domains"));
        if (c.tools.has(HostTool::Xl))
            return cmd(QStringLiteral("xl"), {QStringLiteral("list")});
        return std::nullopt;
    case FlavourKind::Xl:
        return cmd(QStringLiteral("xl"), {QStringLiteral("list")});
    case FlavourKind::Xm:
        return cmd(QStringLiteral("xm"), {QStringLiteral("list")});
    }
    return std::nullopt;
}

ShellCommand xePowerStateCommand(const RungContext& c)
{
    return cmd(QStringLiteral("xe"),
               {QStringLiteral("vm-param-get"), c.uuidArg(), QStringLiteral("param-name=power-state")});
}

QList<ShellCommand> cancellableTaskCommands(const RungContext& c)
{
    QList<ShellCommand> out;
    for (const PendingTask& t : c.s.pendingTasks) {
        if (t.cancellable && XeMinimal::isUuid(t.uuid))
            out.append(
                cmd(QStringLiteral("xe"), {QStringLiteral("task-cancel"), QStringLiteral("uuid=") + t.uuid.toLower()}));
    }
    return out;
}

} // namespace xr::ladder
