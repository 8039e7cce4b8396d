#pragma once

#include "DiagnosisThresholds.h"
#include "HostSession.h"
#include "PoolState.h"
#include "PoolTreeModel.h"
#include "ScopeRead.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>

namespace xr {

class AuditLog;
class RemoteHost;

/// A host whose xapi does not answer: the data of the main window's banner.
struct XapiProblem
{
    /// The model id of the host.
    QString hostId;
    QString hostName;
    XapiHealth health = XapiHealth::NotAnswering;
    /// When it stopped answering.
    QDateTime since;

    /// "xapi is not answering on HOST (N s): showing what the hypervisor runs".
    QString bannerText(const QDateTime& now) const;
    bool operator==(const XapiProblem&) const = default;
};

/// Owns one HostSession per connected transport, groups them into pools, picks which
/// session reads xapi for each pool (the master when it is connected, else a member, since
/// `xe` on a member forwards to the master), merges every pool's views and feeds
/// PoolTreeModel. Remembers each pool's membership so members stay known (and reachable)
/// when the master's xapi is wedged. Lives in the GUI thread; never blocks.
///
/// Model ids: pools "pool:<uuid>"; hosts their xapi uuid, or "session:<id>" for xl/xm hosts
/// and hosts not identified yet.
class PoolMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolMonitor)

public:
    /// `audit` may be nullptr. The monitor does not own the model.
    PoolMonitor(PoolTreeModel* model, AuditLog* audit, QObject* parent = nullptr);
    ~PoolMonitor() override;

    /// Applies to sessions created afterwards and to the existing ones.
    void setSessionOptions(const HostSession::Options& options);
    void setStuckThresholdSeconds(int seconds) { m_stuckThreshold = seconds; }
    /// The thresholds a poll judges by (the sessions' options and the stuck threshold): a
    /// rescue's diagnosis takes the same.
    DiagnosisThresholds thresholds() const;

    /// Starts watching a transport (owned by the caller, e.g. ConnectionManager): the
    /// session probes and polls whenever it is connected. `audited` false: commands are not
    /// written to the audit log (demo hosts).
    HostSession* addHost(const QString& id, RemoteHost* host, bool audited = true);
    void removeHost(const QString& id);
    /// The name shown for the host until it says its own (the saved label).
    void setHostLabel(const QString& id, const QString& label);
    HostSession* session(const QString& id) const;
    QStringList sessionIds() const;

    /// Hosts whose xapi does not answer right now.
    QList<XapiProblem> xapiProblems() const { return m_problems; }
    /// The pool's members as last discovered (pool uuid), connected or not.
    QList<XapiHost> poolMembers(const QString& poolUuid) const { return m_members.value(poolUuid); }
    /// Seeds a pool's membership remembered from an earlier run (used until a discovery
    /// answers): members stay known when the master's xapi is wedged at start.
    void rememberMembers(const QString& poolUuid, const QList<XapiHost>& members);
    /// The merged VMs of a scope (pool model id or standalone host id) at the last refresh.
    QList<VmState> vms(const QString& scopeId) const { return m_merged.value(scopeId); }
    QStringList scopes() const { return m_merged.keys(); }
    /// The model id the session's host has now.
    QString hostModelId(const QString& sessionId) const;
    /// The session whose host has model id `modelId`; empty when none.
    QString sessionIdForModelId(const QString& modelId) const;
    /// The session that reads xapi for a scope (pool model id): the master when it is
    /// connected, else a member; for a standalone host its own session. Empty when none.
    QString xapiSourceId(const QString& scopeId) const;
    /// The scope (pool or standalone host id) and state of VM `vmId` at the last refresh.
    std::optional<std::pair<QString, VmState>> findVm(const QString& vmId) const;

    /// Rebuilds the model now, preparing and merging on this thread (CLI, tests). Session
    /// changes are coalesced into refreshes that prepare and merge on the thread pool instead
    /// (see refreshAsync).
    void refresh();
    /// Copies what the sessions know, then prepares (pools, members, rows, xapi sources,
    /// problems) and merges every scope on the thread pool; apply() then writes the pool,
    /// host and VM rows in one step and emits refreshed() once (never waits). One refresh
    /// runs at a time; changes meanwhile start another one after it. A result older than the
    /// last applied one (a synchronous refresh() came in between) is dropped.
    void refreshAsync();
    /// A merge is running on the thread pool.
    bool isMerging() const { return m_merging; }

    static QString poolModelId(const QString& poolUuid) { return QStringLiteral("pool:") + poolUuid; }

Q_SIGNALS:
    void xapiProblemsChanged();
    /// Members of a pool XapiRescue has no session for: the UI offers to connect to them
    /// with the same credentials.
    void membersDiscovered(const QString& poolUuid, const QList<xr::XapiHost>& unconnected);
    void refreshed();
    /// A pool's known membership changed (to persist it).
    void membershipChanged(const QString& poolUuid, const QString& poolName, const QList<xr::XapiHost>& members);
    void auditFailed(const QString& message);

private:
    /// What a refresh reads of one session: copies (implicitly shared, cheap).
    struct SessionInput
    {
        QString id;
        QString modelId;
        HostSession::State state = HostSession::State::Idle;
        bool identified = false;
        bool xapi = false;
        bool poolMaster = false;
        HostIdentity identity;
        XapiPool pool;
        QList<XapiHost> poolHosts;
        XapiView xapiView;
        HypervisorView hypervisorView;
        XapiHealth health = XapiHealth::Answering;
        QDateTime troubleSince;
        /// Its host row as the session alone shows it (rowFor()).
        PoolTreeModel::HostRow row;
    };
    /// Everything prepare() reads: runs on any thread.
    struct RefreshInput
    {
        QList<SessionInput> sessions;
        QHash<QString, QList<XapiHost>> members;
        QHash<QString, QHash<QString, QDateTime>> firstSeen;
        int stuckThreshold = 0;
        QDateTime now;
    };
    /// What a refresh computed, to be applied in one step.
    struct Refresh
    {
        QList<PoolTreeModel::PoolRow> pools;
        /// Parent id (pool id, or empty) and row.
        QList<std::pair<QString, PoolTreeModel::HostRow>> hosts;
        /// Scope (pool id) -> the session that reads xapi for it.
        QHash<QString, QString> xapiSource;
        /// Pool uuid -> membership and the pool's name.
        QHash<QString, QList<XapiHost>> members;
        QHash<QString, QString> poolNames;
        /// Pool uuid -> members with no session.
        QHash<QString, QList<XapiHost>> unconnected;
        QList<XapiProblem> problems;
        QList<ScopeState> scopes;
        QList<ScopeMerge> merged;
    };
    RefreshInput collect(const QDateTime& now) const;
    /// Pools, members, rows, xapi sources, problems and the scopes to merge: computes only.
    static Refresh prepare(const RefreshInput& input);
    /// prepare() and every scope's merge (ScopeRead::merge).
    static Refresh compute(const RefreshInput& input);
    /// Writes the pool, host and VM rows, the members and problems; one refreshed().
    void apply(quint64 sequence, Refresh refresh);
    void scheduleRefresh();
    PoolTreeModel::HostRow rowFor(const QString& modelId, const HostSession* s) const;

    PoolTreeModel* m_model;
    AuditLog* m_audit;
    HostSession::Options m_options;
    int m_stuckThreshold = DiagnosisThresholds{}.operationStuckSeconds;
    std::map<QString, std::unique_ptr<HostSession>> m_sessions;
    QTimer m_refreshTimer;
    QHash<QString, QList<XapiHost>> m_members;
    QHash<QString, QString> m_xapiSource; // scope id -> session id
    QHash<QString, QList<VmState>> m_merged;
    QHash<QString, QHash<QString, QDateTime>> m_firstSeen; // scope -> operation first seen
    QSet<QString> m_modelPools;
    QSet<QString> m_modelHosts;
    QList<XapiProblem> m_problems;
    QHash<QString, QStringList> m_announced; // pool uuid -> unconnected member uuids last emitted
    QHash<const HostSession*, QString> m_labels;
    quint64 m_sequence = 0;
    quint64 m_applied = 0;
    bool m_merging = false;
    bool m_refreshAgain = false;
};

} // namespace xr
