#pragma once

#include "HostFlavour.h"
#include "ShellCommand.h"
#include "VmSituation.h"
#include "XeError.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// How dangerous a rung is (XEN-FIELD-GUIDE section 3). The wizard's confirmation grows
/// with it: a button, a checkbox naming the consequence, typing the VM's name.
enum class RiskLevel {
    None, ///< diagnosis only
    Safe,
    Low,
    Medium,
    High,
    Critical,
};

/// Which host a command runs on.
enum class HostRole {
    PoolMaster,   ///< xe commands (a member would forward them anyway)
    ResidentHost, ///< the host the VM runs on: rungs 4-5, xl and xm, list_domains
    OutOfBand,    ///< nothing runs over SSH: BMC/IPMI/iLO/iDRAC by hand (rung 6)
};

/// One command of a verification poll, with the host it runs on.
struct Probe
{
    ShellCommand command;
    HostRole host = HostRole::ResidentHost;
    bool operator==(const Probe&) const = default;
};

/// What a rung promises once it has worked.
enum class SuccessCondition {
    None,                 ///< diagnosis: nothing to wait for
    HaltedAndNoDomain,    ///< xapi says halted and the hypervisor has no domain for the VM
    NoDomain,             ///< the hypervisor has no domain for the VM
    XapiHalted,           ///< xapi's record says halted
    TasksGone,            ///< the cancelled tasks are no longer pending
    RunningWithNewDomain, ///< the VM runs again, in a new domain
    ToolstackAnswers,     ///< xapi (xend) answers again; then diagnose afresh
    DomainCrashedOrGone,  ///< the guest crashed (or shut down, or its domain is gone)
    Manual,               ///< checked by the admin (rung 6)
};

/// How to tell that a rung worked: what to poll, where, what state counts, how long.
struct Verification
{
    QString description;
    QList<Probe> probes;
    SuccessCondition success = SuccessCondition::None;
    int timeoutSeconds = 0;
    int pollIntervalSeconds = 5;
    /// The domid before the rung (force reboot must end in a different one).
    qint64 domidBefore = -1;
    /// The tasks the rung cancels (TasksGone).
    QStringList taskUuids;
    /// Shown when the domain lingers as `(null)`/dying: a backend still holds it.
    QString lingeringHint;
    /// Commands that show what holds a lingering domain (`tap-ctl list`).
    QList<Probe> lingeringProbes;
};

/// A known way a rung is refused, how to read it, and what to try next.
struct Refusal
{
    /// xapi code (DOMAIN_EXISTS...), a XenRescue client code (CLI_LOST_CONNECTION,
    /// TIMEOUT) or a text pattern for xl/xm ("domain-not-found").
    QString code;
    QString explanation;
    std::optional<RungId> nextRung;
};

/// One rung of the ladder as it stands for one VM on one host.
struct Rung
{
    RungId id = RungId::Diagnose;
    /// "0", "1a", "1b", "1c", "2" ... "6".
    QString number;
    RiskLevel risk = RiskLevel::None;
    QString title;
    QString explanation;
    QString whatCanBeLost;
    bool applies = false;
    /// Why it does not apply now, in plain words; empty when it applies.
    QString whyNot;
    bool recommended = false;
    /// Commands in order; VMs by UUID, domains by domid, never by name. The exact string
    /// to send is ShellCommand::toShell().
    QList<ShellCommand> commands;
    HostRole runsOn = HostRole::PoolMaster;
    /// The host's name/address for runsOn, when the situation names it.
    QString runsOnHost;
    /// The tool the rung needs on runsOn; nullopt when it needs none.
    std::optional<HostTool> needsTool;
    /// Needs xapi (xend on xm) to answer.
    bool needsXapi = false;
    Verification verification;
    QList<Refusal> refusals;
    /// Never run by XenRescue: the admin works through `checklist` (rung 6).
    bool checklistOnly = false;
    QStringList checklist;
    /// Notes that do not stop the rung (e.g. a task that cannot be cancelled).
    QStringList notes;
};

/// The whole ladder for one situation.
struct Ladder
{
    HostFlavour flavour;
    QString vmUuid;
    QString vmName;
    /// One sentence on what looks wrong.
    QString summary;
    QList<Rung> rungs;

    /// The recommended rung (there is always exactly one).
    const Rung* recommended() const;
    const Rung* rung(RungId id) const;
};

/// How a refusal or error output reads, and what fits next.
struct RefusalReading
{
    /// The code found (xapi's, a CLI_* code, TIMEOUT, or an xl/xm pattern name); empty
    /// when nothing known matched.
    QString code;
    QString explanation;
    std::optional<RungId> nextRung;
    /// The management daemon did not answer: xe rungs cannot work until rung 3.
    bool toolstackWedged = false;
    bool known = false;
    /// The host's DomainGuard refused before acting: nothing was done to any domain.
    bool guardRefused = false;
};

/// The result of checking a fresh situation against a rung's verification.
enum class VerificationVerdict {
    Succeeded,
    Pending,   ///< not yet: keep polling until the timeout
    Lingering, ///< the domain is dying but held (tapdisk/qemu): not a success
};

/// The hang-recovery ladder (XEN-FIELD-GUIDE section 3): for a flavour and a situation,
/// every rung with risk, applicability, commands, host, verification and refusals. The
/// rung definitions are one table per flavour in RungTables.cpp, the refusals one table in
/// RefusalTable.cpp.
class RecoveryLadder final
{
public:
    static Ladder build(const HostFlavour& flavour, const VmSituation& situation);

    /// Reads a refused xe call for `rung`. With the situation the next rung takes the
    /// domain's presence into account (HOST_IS_LIVE: destroy first, or resync).
    static RefusalReading interpretRefusal(RungId rung, const XeError& error, const VmSituation* situation = nullptr);
    /// Reads a command's error output: DomainGuard's refusals by `exitStatus` and its line,
    /// xe errors through XeError, xl/xm messages by pattern. `timedOut` marks a command that
    /// never returned (a wedged daemon).
    static RefusalReading interpretRefusal(RungId rung, FlavourKind flavour, QByteArrayView stderrOutput,
                                           bool timedOut = false, const VmSituation* situation = nullptr,
                                           int exitStatus = -1);

    /// Checks `after` (a fresh diagnosis) against what `rung` promises.
    static VerificationVerdict verify(const Rung& rung, const VmSituation& after);

    /// "0", "1a"...; "1c" for both forced rungs.
    static QString number(RungId id);
    /// "diagnose", "clean-shutdown"... (JSON and CLI).
    static QString idName(RungId id);
    static std::optional<RungId> idFromName(QStringView name);
    static QString riskName(RiskLevel risk);
    static QString riskDisplayName(RiskLevel risk);
    static QString hostRoleName(HostRole role);
    static QString successName(SuccessCondition condition);
    /// Every rung id in ladder order.
    static QList<RungId> allRungs();
};

} // namespace xr
