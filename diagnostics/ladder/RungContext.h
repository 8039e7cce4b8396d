#pragma once

#include "DomainGuard.h"
#include "RecoveryLadder.h"
#include "XeMinimal.h"

#include <QCoreApplication>

#include <optional>

// The pieces of the recovery ladder behind RecoveryLadder (RungTables, RungCommands,
// RungChecks, RungVerifications, RefusalTable, PowerCycleChecklist) share this context.
// Internal to diagnostics/ladder.
namespace xr::ladder {

using App = QCoreApplication;

/// A QT_TRANSLATE_NOOP("RecoveryLadder", ...) text, translated.
inline QString trNoop(const char* text)
{
    return App::translate("RecoveryLadder", text);
}

/// What every command builder, applicability check and verification reads: the host's
/// flavour, the VM's situation and the tools the host has.
struct RungContext
{
    const HostFlavour& flavour;
    const VmSituation& s;
    HostTools tools;

    bool uuidOk() const { return XeMinimal::isUuid(s.vmUuid); }
    QString uuidArg() const { return QStringLiteral("uuid=") + s.vmUuid.toLower(); }
    QString domid() const { return QString::number(s.domain.domid); }
    QString residentLabel() const
    {
        return s.residentHost.isKnown() ? s.residentHost.label() : App::translate("RecoveryLadder", "the VM's host");
    }
    bool residentDead() const { return s.residentHost.isKnown() && !s.residentHost.alive; }
    /// Who the domain is: the VM's UUID, else the domain's name (xl/xm hosts list no UUID).
    DomainGuard::Identity domainIdentity() const;
    /// `action` on the domain by id, wrapped in the on-host check that the id is still the
    /// VM's (DomainGuard); empty when that cannot be checked.
    QList<ShellCommand> guarded(const ShellCommand& action) const;
};

inline ShellCommand cmd(const QString& program, QStringList args = {})
{
    return ShellCommand{program, std::move(args)};
}

/// "running", "halted"... in the words of the ladder's texts.
QString powerStateWord(XapiPowerState p);
/// The hypervisor's domain list on the resident host, by the best tool it has.
std::optional<ShellCommand> domainListCommand(const RungContext& c);
/// `xe vm-param-get ... param-name=power-state` for the VM.
ShellCommand xePowerStateCommand(const RungContext& c);
/// `xe task-cancel` for each pending task that can be cancelled.
QList<ShellCommand> cancellableTaskCommands(const RungContext& c);

} // namespace xr::ladder
