#pragma once

#include "HostFlavour.h"
#include "ShellCommand.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace xr {

/// The everyday VM actions of the toolbar and context menu (not rungs of the ladder).
enum class VmAction {
    Start,
    Shutdown,
    ForceShutdown,
    Reboot,
    ForceReboot,
};

/// What an action needs to know about the VM.
struct VmActionTarget
{
    FlavourKind flavour = FlavourKind::XapiModern;
    QString uuid;
    /// The running domain's id (xl/xm); -1 when there is none.
    qint64 domid = -1;
};

/// Builds the command of a VM action: xapi hosts address the VM by UUID (`xe vm-shutdown
/// uuid=...`), xl/xm hosts the running domain by id. Never by name. What is sent is
/// commandToSend(): an action by domain id is wrapped in DomainGuard, so that the host checks
/// right before acting that the id is still this VM's.
class VmActions final
{
    Q_DECLARE_TR_FUNCTIONS(VmActions)

public:
    /// The command, or nullopt with `whyNot` set when the action is not possible here.
    static std::optional<ShellCommand> command(VmAction action, const VmActionTarget& target,
                                               QString* whyNot = nullptr);
    /// The command as sent: command(), with an action by domain id wrapped in DomainGuard
    /// (checked by the VM's UUID, else by `domainName`); nullopt with `whyNot` when the action
    /// is not possible or the domain cannot be checked (never a bare domain id).
    static std::optional<ShellCommand> commandToSend(VmAction action, const VmActionTarget& target,
                                                     const QString& domainName, QString* whyNot = nullptr);
    /// Force shutdown and force reboot: they ask for confirmation and are audited as such.
    static bool isForced(VmAction action)
    {
        return action == VmAction::ForceShutdown || action == VmAction::ForceReboot;
    }
    /// "start", "shutdown", "force-shutdown"... (audit log).
    static QString key(VmAction action);
    /// Translated, for menus and messages ("Force shutdown").
    static QString displayName(VmAction action);
    /// What a forced action can lose, for its confirmation.
    static QString consequence(VmAction action);
};

} // namespace xr
