#pragma once

#include "Domain.h"
#include "HostFlavour.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// The power state xapi records for a VM (`power-state`), Unknown when xapi did not say.
enum class XapiPowerState {
    Unknown,
    Running,
    Halted,
    Paused,
    Suspended,
};

/// Whether the management daemon answered: xapi on xapi hosts, xend on xm hosts (xl has
/// none and stays Answering).
enum class XapiHealth {
    Answering,    ///< answered in time
    Slow,         ///< answered, but only after a long wait
    NotAnswering, ///< commands timed out, or "Lost connection to the server."
    Refused,      ///< "Connection refused": the daemon is not running
};

/// Whether the hypervisor still has a domain for the VM (list_domains, xl list, xm list).
enum class DomainPresence {
    Unknown, ///< not listed yet (or the host cannot be reached)
    Present,
    Absent,
};

/// The hypervisor's view of the VM: present or not, and if present its domid and flags.
struct DomainView
{
    DomainPresence presence = DomainPresence::Unknown;
    qint64 domid = -1;
    DomainState state;
    /// The name the listing showed; "(null)" for a domain whose xenstore entries are gone.
    QString name;

    bool isPresent() const { return presence == DomainPresence::Present; }
    bool isAbsent() const { return presence == DomainPresence::Absent; }
    /// Present but on its way out: dying flag, or the `(null)` name of a destroyed domain.
    bool isDying() const { return isPresent() && (state.dying || name == u"(null)"); }
    bool operator==(const DomainView&) const = default;
};

/// A pending xapi task that concerns the VM (`xe task-list`).
struct PendingTask
{
    QString uuid;
    QString nameLabel;
    qint64 ageSeconds = 0;
    /// 0.0 - 1.0; negative when unknown.
    double progress = -1.0;
    /// `cancel` is in the task's allowed operations.
    bool cancellable = false;
    bool operator==(const PendingTask&) const = default;
};

/// A host of the pool (or the only host of an xl/xm setup).
struct HostRef
{
    QString uuid;
    QString name;
    QString address;
    /// xapi's liveness (host_metrics.live); a dead host's domains are gone with it.
    bool alive = true;
    bool isMaster = false;

    bool isKnown() const { return !uuid.isEmpty() || !name.isEmpty() || !address.isEmpty(); }
    /// Name, else address, else UUID.
    QString label() const;
    bool operator==(const HostRef&) const = default;
};

/// A VM resident on the VM's host: the power-cycle checklist lists every one of them.
struct ResidentVm
{
    QString uuid;
    QString name;
    XapiPowerState powerState = XapiPowerState::Unknown;
    /// Can be moved away before the power-cycle (shared storage, tools, not pinned).
    bool canMigrate = false;
    /// HA restarts it elsewhere on its own.
    bool haProtected = false;
    bool isControlDomain = false;
    bool operator==(const ResidentVm&) const = default;
};

/// What a rung did when it was tried before in this rescue.
enum class AttemptOutcome {
    Succeeded, ///< the command worked and the verification passed
    Failed,    ///< the command failed or the verification did not pass
    Refused,   ///< xapi/xl/xm refused it (the code says why)
    TimedOut,  ///< no answer, or the verification timed out
    Cancelled, ///< the admin stopped it
};

/// The rungs of the recovery ladder (XEN-FIELD-GUIDE section 3), in ladder order.
enum class RungId {
    Diagnose,         ///< 0
    CleanShutdown,    ///< 1a
    CancelTasks,      ///< 1b
    ForceShutdown,    ///< 1c
    ForceReboot,      ///< 1c
    ResetPowerState,  ///< 2
    RestartToolstack, ///< 3
    DestroyDomain,    ///< 4
    CrashGuest,       ///< 5
    PowerCycleHost,   ///< 6
};

/// One earlier try of a rung.
struct RungAttempt
{
    RungId rung = RungId::Diagnose;
    AttemptOutcome outcome = AttemptOutcome::Failed;
    /// The refusal's code when there was one (DOMAIN_EXISTS, CLI_LOST_CONNECTION...).
    QString code;
    bool operator==(const RungAttempt&) const = default;
};

/// Everything the ladder needs to know about a hung VM: both views of its state (xapi's
/// record and the hypervisor's domain), what keeps it busy, where it runs and what that
/// host has. Filled by the live diagnosis, or read from JSON for an offline "what if".
struct VmSituation
{
    QString vmUuid;
    /// Shown to the admin, never put into a command.
    QString vmName;
    bool isControlDomain = false;
    bool isHvm = false;

    XapiHealth xapiHealth = XapiHealth::Answering;
    XapiPowerState xapiPowerState = XapiPowerState::Unknown;
    DomainView domain;

    /// xapi's current-operations of the VM (e.g. "clean_shutdown").
    QStringList currentOperations;
    /// xapi's allowed-operations; empty when not read.
    QStringList allowedOperations;
    QList<PendingTask> pendingTasks;

    HostRef residentHost;
    /// The pool master where it is not the resident host; empty otherwise.
    HostRef poolMaster;
    /// Other hosts of the pool, the targets for evacuating before a power-cycle.
    QList<HostRef> otherHosts;
    bool haEnabled = false;

    /// The tools found on the resident host; nullopt when not probed (the flavour's
    /// standard set is assumed).
    std::optional<HostTools> toolsPresent;
    /// `tap-ctl list` shows a tapdisk still attached to the VM's domain.
    bool tapdiskHolding = false;
    QList<RungAttempt> previousAttempts;
    /// Every VM resident on the VM's host, for the power-cycle checklist.
    QList<ResidentVm> residentVms;

    /// The tools to assume: toolsPresent, or the flavour's standard set.
    HostTools tools(FlavourKind kind) const { return toolsPresent ? *toolsPresent : HostTools::defaultsFor(kind); }
    bool xapiAnswers() const { return xapiHealth == XapiHealth::Answering || xapiHealth == XapiHealth::Slow; }
    /// The last attempt of `rung`, or nullptr.
    const RungAttempt* lastAttempt(RungId rung) const;
    bool operator==(const VmSituation&) const = default;
};

} // namespace xr
