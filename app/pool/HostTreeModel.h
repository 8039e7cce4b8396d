#pragma once

#include "RemoteTypes.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace xr {

/// The tree on the left of the main window: pools, their hosts, and hosts that belong to no
/// known pool at the top level. QtCore only: the view adds icons and colours from the roles.
/// VMs will join as a third level.
class HostTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostTreeModel)

public:
    enum class Kind { Pool, Host };
    enum Column { NameColumn = 0, StateColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        IdRole,                      // host id (Inventory) or pool id
        StateRole,                   // hosts: int(HostState)
        StateMessageRole,            // hosts: the transport's explanation, may be empty
        EndpointRole,                // hosts: user@host:port
        ProblemRole                  // bool: the row (or a host under it) needs attention
    };

    explicit HostTreeModel(QObject* parent = nullptr);
    ~HostTreeModel() override;

    /// Adds a host at the top level, or updates its name and endpoint if it is there.
    void addHost(const QString& id, const QString& name, const QString& endpoint);
    void removeHost(const QString& id);
    void setHostState(const QString& id, HostState state, const QString& message = {});
    /// Files a host under a pool (created on demand); an empty poolId moves it back to the
    /// top level. A pool that loses its last host disappears.
    void setHostPool(const QString& id, const QString& poolId, const QString& poolName);

    QModelIndex hostIndex(const QString& id, int column = NameColumn) const;
    bool hasHost(const QString& id) const;
    QStringList hostIds() const;
    HostState hostState(const QString& id) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static bool isProblem(HostState state);

private:
    struct Node;

    Node* nodeFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Node* node, int column = NameColumn) const;
    Node* findHost(const QString& id) const;
    Node* findPool(const QString& id) const;
    std::unique_ptr<Node> takeNode(Node* node);
    void insertNode(Node* parent, std::unique_ptr<Node> node);
    void emitRowChanged(const Node* node);
    QString toolTip(const Node* node) const;
    QString stateText(const Node* node) const;

    std::unique_ptr<Node> m_root;
};

} // namespace xr
