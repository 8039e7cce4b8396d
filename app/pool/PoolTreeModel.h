#pragma once

#include "PoolState.h"
#include "RemoteTypes.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace xr {

/// Pools > Hosts > VMs with live state: each VM shows xapi's power state next to the
/// hypervisor's domain, and what disagrees. A host that is in no pool (xl/xm hosts) sits at
/// the top level; VMs resident nowhere (halted) sit under their pool, as in XenCenter.
/// QtCore only: the view adds icons and colours from the roles.
///
/// Updates are incremental (row inserts, removes, moves and dataChanged; never a reset), and
/// identities are stable (VM uuid, host id, pool id), so selection, expansion and persistent
/// indexes survive refreshes. Templates and snapshots never get here (PoolState::merge
/// leaves them out); control domains are hidden unless setShowControlDomains(true).
class PoolTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolTreeModel)

public:
    enum class Kind { Pool, Host, Vm };
    enum Column { NameColumn = 0, StateColumn, DomainColumn, ProblemColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< int(Kind)
        IdRole,                      ///< the stable id (VM: uuid or host-scoped name)
        UuidRole,                    ///< xapi uuid (VM, host, pool); empty when none
        PowerStateRole,              ///< VMs: int(XapiPowerState)
        DomainStateRole,             ///< VMs: xl-style flags ("-b----"), empty without a domain
        DomainIdRole,                ///< VMs: domid, -1 without a domain
        DomainPresenceRole,          ///< VMs: int(DomainPresence)
        DisagreementRole,            ///< VMs: int(Disagreements)
        XapiHealthRole,              ///< hosts and VMs: int(XapiHealth)
        StaleRole,                   ///< bool: the host was lost, this is the last known state
        ChangedAtRole,               ///< QDateTime of the last visible change (invalid: none yet)
        ProblemRole,                 ///< bool: the row, or one under it, needs attention
        HostStateRole,               ///< hosts: int(HostState) of the connection
        ControlDomainRole,           ///< VMs: bool
        OperationAgeRole,            ///< VMs: seconds the oldest operation has been pending, -1
        VmStateRole,                 ///< VMs: the whole VmState
    };

    struct PoolRow
    {
        QString id;
        QString uuid;
        QString name;
        QString masterName;
        bool operator==(const PoolRow&) const = default;
    };

    struct HostRow
    {
        QString id;
        QString uuid;
        QString name;
        QString address;
        /// "XCP-ng 8.2.1 (modern xapi)", empty until identified.
        QString flavourText;
        HostState connection = HostState::Disconnected;
        /// A member known from the pool's host list that XenRescue has no connection to.
        bool hasSession = true;
        XapiHealth xapiHealth = XapiHealth::Answering;
        /// When xapi stopped answering; invalid while it answers.
        QDateTime xapiTroubleSince;
        bool isMaster = false;
        /// xapi's host-metrics-live.
        bool live = true;
        QString message;
        bool operator==(const HostRow&) const = default;
    };

    explicit PoolTreeModel(QObject* parent = nullptr);
    ~PoolTreeModel() override;

    void setPool(const PoolRow& pool);
    /// Removes the pool with everything under it.
    void removePool(const QString& id);
    /// Adds or updates a host under `poolId` (top level when empty), moving it when its pool
    /// changed. The pool must have been set.
    void setHost(const QString& poolId, const HostRow& host);
    void removeHost(const QString& id);
    /// Replaces the VMs of one scope (a pool id, or a standalone host's id) with `vms`, each
    /// placed under its parentId (falls back to the scope). Only differences are signalled.
    void updateVms(const QString& scopeId, const QList<VmState>& vms);

    void setShowControlDomains(bool show);
    bool showControlDomains() const { return m_showControlDomains; }

    /// The row of a pool, host or VM by id.
    QModelIndex indexOf(const QString& id, int column = NameColumn) const;
    Kind kind(const QModelIndex& index) const;
    /// The VM of a row, or nullptr for pool and host rows.
    const VmState* vmState(const QModelIndex& index) const;
    const HostRow* hostRow(const QString& id) const;
    int vmCount() const { return int(m_vms.size()); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The Problem column's text for a VM ("no domain, stuck 47 min").
    static QString problemText(const VmState& vm);
    /// The tooltip of a VM row: both views and every badge in words.
    static QString vmToolTip(const VmState& vm);
    static QString vmDisplayName(const VmState& vm);
    /// `all` with one VM per id, those that shared an id flagged AmbiguousRecords; nullopt
    /// when every id is already unique.
    static std::optional<QList<VmState>> oneRowPerId(const QList<VmState>& all);
    static QString vmStateText(const VmState& vm);
    static QString hostStateText(const HostRow& host);
    static bool hostHasProblem(const HostRow& host);

private:
    struct Node;

    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Node* node, int column = NameColumn) const;
    Node* container(const QString& id) const;
    void insertChild(Node* parent, std::unique_ptr<Node> node, int row);
    std::unique_ptr<Node> takeChild(Node* node);
    void renumber(Node* parent, int from);
    void forgetSubtree(Node* node);
    void emitRowsChanged(const QList<Node*>& nodes);
    int hostCount(const Node* parent) const;
    void refreshProblemCounts(const QSet<Node*>& containers);
    bool updateVmsInPlace(const QString& scopeId, const QList<VmState>& vms);
    void moveVm(Node* n, Node* target);
    void updateNode(Node* n, const VmState& vm, const QDateTime& now, QList<Node*>& changed,
                    QSet<Node*>& touchedContainers);
    QVariant vmData(const Node* node, int column, int role) const;
    QVariant hostData(const Node* node, int column, int role) const;
    QVariant poolData(const Node* node, int column, int role) const;

    std::unique_ptr<Node> m_root;
    QHash<QString, Node*> m_containers; // pools and hosts
    QHash<QString, Node*> m_vms;
    QHash<QString, QSet<QString>> m_scopeVms; // scope id -> VM ids shown for it
    QHash<QString, QList<VmState>> m_lastVms; // scope id -> last full list (control domain toggle)
    // Bumped when containers come, go or move, a VM changes scope, or control domains are
    // shown or hidden: a scope takes the fast path only when it did not change since its last
    // full update.
    quint64 m_structure = 0;
    QHash<QString, quint64> m_scopeStructure;
    bool m_showControlDomains = false;
};

} // namespace xr
