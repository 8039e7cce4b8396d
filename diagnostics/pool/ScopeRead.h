#pragma once

#include "DiagnosisThresholds.h"
#include "HostProbe.h"
#include "PoolTypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace xr {

/// What one read command of a scope reads.
enum class ReadKind {
    Hypervisor, ///< list_domains / xl list / xm list on one host
    VmList,     ///< xe vm-list (the whole pool, or one VM)
    TaskList,   ///< xe task-list status=pending
    PoolList,   ///< xe pool-list (discovery)
    HostList,   ///< xe host-list (discovery)
    Health,     ///< a cheap xe question: does xapi answer on this host?
    Ha,         ///< xe pool-param-get ha-enabled
};

/// A host the read asks something: its session (the app's id for the connection) and who it is.
struct ReadHost
{
    QString sessionId;
    HostIdentity identity;
};

/// What to read for one scope: a VM (a rescue's diagnosis and checks), a host or a pool (a poll).
struct ScopeRequest
{
    /// The host that answers for xapi (the pool's master, or a member standing in); its
    /// identity empty (sessionId empty) on xl/xm scopes.
    ReadHost xapiSource;
    /// Read xapi's VMs and pending tasks from the source.
    bool readVms = false;
    /// Only this VM's record (a rescue); empty: every VM.
    QString vmUuid;
    /// Read the pool and its hosts (discovery).
    bool discoverPool = false;
    /// Ask the source whether xapi answers (when nothing else asks xapi).
    bool askHealth = false;
    /// Read whether HA is on (needs poolUuid).
    bool readHa = false;
    QString poolUuid;
    /// The hosts whose hypervisor lists its domains.
    QList<ReadHost> hypervisorHosts;
};

/// One command of a read's plan.
struct ReadCommand
{
    QString sessionId;
    ReadKind kind = ReadKind::Hypervisor;
    FlavourKind flavour = FlavourKind::XapiModern;
    ShellCommand command;
    int timeoutMs = 0;
};

/// One answer, parsed (pure: may run on any thread).
struct ReadPiece
{
    QString sessionId;
    ReadKind kind = ReadKind::Hypervisor;
    ReadOutcome outcome = ReadOutcome::NotSent;
    bool succeeded = false;
    qint64 elapsedMs = 0;
    /// The management daemon's health as this answer shows it.
    std::optional<XapiHealth> health;
    std::optional<QList<XapiVm>> vms;
    std::optional<QList<XapiTask>> tasks;
    std::optional<XapiPool> pool;
    std::optional<QList<XapiHost>> hosts;
    std::optional<bool> haEnabled;
    /// Hypervisor: the listing, or why it could not be read.
    std::optional<DomainList> domains;
    QString error;
};

/// The parsed views of one read of a scope, filled piece by piece.
struct ScopeSnapshot
{
    /// Valid when `xe vm-list` answered and parsed.
    XapiView xapi;
    /// `xe task-list` answered and parsed (xapi.tasks is its answer).
    bool tasksRead = false;
    /// The worst health any xe (or xm) answer showed; nullopt when none said.
    std::optional<XapiHealth> health;
    /// The longest finished xe answer.
    qint64 xapiMs = 0;
    /// An xe command got an answer from xapi (an error from xapi counts).
    bool xapiAnswered = false;
    /// Why the VM list could not be read (for the transcript); empty when it was.
    QString xapiNote;
    std::optional<XapiPool> pool;
    std::optional<QList<XapiHost>> poolHosts;
    std::optional<bool> haEnabled;
    /// Session id -> its hypervisor's view (valid, or with the error).
    QHash<QString, HypervisorView> hypervisors;
    /// Session ids whose connection dropped during the read.
    QStringList lostSessions;
};

/// One host of a scope as the merge sees it.
struct ScopeMember
{
    QString hostId;
    QString xapiUuid;
    FlavourKind flavour = FlavourKind::XapiModern;
    std::optional<HypervisorView> hypervisor;
    bool stale = false;
    bool live = true;
};

/// Everything one scope's merge reads, by value (implicitly shared, cheap): runs on any thread.
struct ScopeState
{
    QString scopeId;
    /// nullopt on xl/xm scopes (no xapi).
    std::optional<XapiView> xapi;
    XapiHealth xapiHealth = XapiHealth::Answering;
    bool xapiStale = false;
    QList<ScopeMember> hosts;
    /// "vmUuid/operation" -> first seen pending, kept by the caller between merges.
    QHash<QString, QDateTime> operationFirstSeen;
    QDateTime now;
    int stuckThresholdSeconds = DiagnosisThresholds{}.operationStuckSeconds;
};

struct ScopeMerge
{
    QString scopeId;
    QList<VmState> vms;
    /// The operations' first-seen times after this merge (to keep for the next one).
    QHash<QString, QDateTime> operationFirstSeen;
};

/// The one reader of a scope: which commands to send where (plan), what each answer says
/// (parse, add), and the merge of both views per VM (merge). A poll and a rescue's
/// diagnosis and checks go through it with the same thresholds. No I/O: the app sends.
class ScopeRead final
{
public:
    static QList<ReadCommand> plan(const ScopeRequest& request, const DiagnosisThresholds& thresholds);
    static ReadPiece parse(const ReadCommand& command, const ReadAnswer& answer, const DiagnosisThresholds& thresholds);
    static void add(ScopeSnapshot& snapshot, ReadPiece piece, const QDateTime& now);
    /// Hosts of a pool the read did not list (no session): their VMs' domains are unknown,
    /// not absent.
    static void addUnlistedMembers(QList<ScopeMember>& hosts, const QList<XapiHost>& members, FlavourKind flavour);
    /// Merges the scope's views per VM and tracks how long operations have been pending.
    static ScopeMerge merge(const ScopeState& state);
};

} // namespace xr
