#pragma once

#include "HostFlavour.h"
#include "PoolTypes.h"
#include "ShellCommand.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

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
    /// Why no action may be sent to this VM as the tree shows it (empty: nothing against
    /// it): its records cannot be told apart, so what the row says may be forged.
    static QString refusal(const VmState& vm);
};

/// The VM a typed confirmation names, as the admin must recognise it.
struct ConfirmationTarget
{
    QString name;
    QString uuid;
    /// No other VM of the pool looks the same by name (TypedConfirmation::nameIsUnique()).
    bool nameUnique = true;
    /// xapi's records for the VM cannot be told apart (Disagreement::AmbiguousRecords).
    bool ambiguous = false;
};

/// What a person must type to confirm a dangerous step on a VM. A name is only good enough
/// when it names one VM and every character of it can be seen and typed; otherwise the full
/// UUID, checked as ASCII hex so that look-alike digits cannot stand in for it.
class TypedConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(TypedConfirmation)

public:
    enum class Ask {
        NameOrUuid, ///< the VM's name exactly, or its UUID
        Uuid,       ///< only the full UUID
    };

    /// C0 and C1 controls (line breaks among them), bidi controls (U+061C, U+200E, U+200F,
    /// U+202A-U+202E, U+2066-U+2069), zero-width and invisible characters (U+200B-U+200F,
    /// U+2060-U+2064, U+FEFF), line and paragraph separators.
    static bool isHiddenCharacter(char32_t c);
    static bool hasHiddenCharacters(QStringView text);
    /// Whether a name can be told apart from every other VM's name by a person: compared
    /// without hidden characters, compatibility-normalised (NFKC) and case-folded.
    static bool nameIsUnique(const QList<VmState>& poolVms, const VmState& vm);
    static Ask ask(const ConfirmationTarget& target);
    /// Why only the UUID will do (empty when the name is enough).
    static QString whyUuid(const ConfirmationTarget& target);
    /// `typed` is the UUID: ASCII hex digits and hyphens only, compared case-insensitively,
    /// spaces around it ignored.
    static bool matchesUuid(QStringView typed, QStringView uuid);
    /// `typed` confirms the target (its exact name when the name is allowed, or its UUID).
    static bool matches(QStringView typed, const ConfirmationTarget& target);
};

} // namespace xr
