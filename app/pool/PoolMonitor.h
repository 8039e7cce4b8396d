#pragma once

#include "HostSession.h"
#include "PoolState.h"
#include "PoolTreeModel.h"

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

    /// Rebuilds the model now, merging on this thread (CLI, tests). Session changes are
    /// coalesced into refreshes that merge on the thread pool instead (see refreshAsync).
    void refresh();
    /// Sets the pool and host rows now and merges the views on the thread pool; the VMs are
    /// applied when the merge is done (never waits). One merge runs at a time; changes
    /// meanwhile start another one after it. A result older than the last applied one
    /// (a synchronous refresh() came in between) is dropped.
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
    /// One scope's merge, with copies of everything it reads (implicitly shared, cheap):
    /// runs on any thread.
    struct MergeJob
    {
        QString scopeId;
        MergeInput input;
        XapiView xapi;
        bool hasXapi = false;
        QList<std::optional<HypervisorView>> views; // per input.hosts entry
        QHash<QString, QDateTime> firstSeen;
    };
    struct MergeResult
    {
        QString scopeId;
        QList<VmState> vms;
        QHash<QString, QDateTime> firstSeen;
    };
    static QList<MergeResult> runMerges(QList<MergeJob> jobs);
    /// Everything of a refresh but the merges: pool and host rows, problems, members.
    QList<MergeJob> prepare(const QDateTime& now);
    void apply(quint64 sequence, QList<MergeResult> results);
    void scheduleRefresh();
    PoolTreeModel::HostRow rowFor(const QString& modelId, const HostSession* s) const;

    PoolTreeModel* m_model;
    AuditLog* m_audit;
    HostSession::Options m_options;
    int m_stuckThreshold = 120;
    std::map<QString, std::unique_ptr<HostSession>> m_sessions;
    QTimer m_refreshTimer;
    QHash<QString, QList<XapiHost>> m_members;
    QHash<QString, QString> m_xapiSource; // scope id -> session id
    QHash<QString, QList<VmState>> m_merged;
    QHash<QString, QHash<QString, QDateTime>> m_firstSeen; // scope -> operation first seen
    QHash<QString, QString> m_poolNames;
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
