#include "HostTreeModel.h"

#include <algorithm>

namespace xr {

struct HostTreeModel::Node
{
    Kind kind = Kind::Host;
    QString id;
    QString name;
    QString endpoint;
    HostState state = HostState::Disconnected;
    QString message;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        const auto& siblings = parent->children;
        auto it = std::find_if(siblings.begin(), siblings.end(), [this](const auto& n) { return n.get() == this; });
        return int(it - siblings.begin());
    }
};

HostTreeModel::HostTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

HostTreeModel::~HostTreeModel() = default;

bool HostTreeModel::isProblem(HostState state)
{
    return state == HostState::Lost || state == HostState::Failed;
}

HostTreeModel::Node* HostTreeModel::nodeFor(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex HostTreeModel::indexFor(const Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node*>(node));
}

HostTreeModel::Node* HostTreeModel::findHost(const QString& id) const
{
    for (const auto& top : m_root->children) {
        if (top->kind == Kind::Host && top->id == id)
            return top.get();
        for (const auto& child : top->children) {
            if (child->kind == Kind::Host && child->id == id)
                return child.get();
        }
    }
    return nullptr;
}

HostTreeModel::Node* HostTreeModel::findPool(const QString& id) const
{
    for (const auto& top : m_root->children) {
        if (top->kind == Kind::Pool && top->id == id)
            return top.get();
    }
    return nullptr;
}

std::unique_ptr<HostTreeModel::Node> HostTreeModel::takeNode(Node* node)
{
    Node* parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexFor(parent), row, row);
    std::unique_ptr<Node> taken = std::move(parent->children[size_t(row)]);
    parent->children.erase(parent->children.begin() + row);
    taken->parent = nullptr;
    endRemoveRows();
    return taken;
}

void HostTreeModel::insertNode(Node* parent, std::unique_ptr<Node> node)
{
    const int row = int(parent->children.size());
    beginInsertRows(indexFor(parent), row, row);
    node->parent = parent;
    parent->children.push_back(std::move(node));
    endInsertRows();
}

void HostTreeModel::emitRowChanged(const Node* node)
{
    Q_EMIT dataChanged(indexFor(node, NameColumn), indexFor(node, ColumnCount - 1));
    // A pool summarises its hosts.
    if (node->parent && node->parent != m_root.get())
        emitRowChanged(node->parent);
}

void HostTreeModel::addHost(const QString& id, const QString& name, const QString& endpoint)
{
    if (Node* existing = findHost(id)) {
        existing->name = name;
        existing->endpoint = endpoint;
        emitRowChanged(existing);
        return;
    }
    auto node = std::make_unique<Node>();
    node->kind = Kind::Host;
    node->id = id;
    node->name = name;
    node->endpoint = endpoint;
    insertNode(m_root.get(), std::move(node));
}

void HostTreeModel::removeHost(const QString& id)
{
    Node* node = findHost(id);
    if (!node)
        return;
    Node* parent = node->parent;
    takeNode(node);
    if (parent != m_root.get() && parent->children.empty())
        takeNode(parent);
    else if (parent != m_root.get())
        emitRowChanged(parent);
}

void HostTreeModel::setHostState(const QString& id, HostState state, const QString& message)
{
    Node* node = findHost(id);
    if (!node || (node->state == state && node->message == message))
        return;
    node->state = state;
    node->message = message;
    emitRowChanged(node);
}

void HostTreeModel::setHostPool(const QString& id, const QString& poolId, const QString& poolName)
{
    Node* node = findHost(id);
    if (!node)
        return;
    Node* oldParent = node->parent;
    Node* newParent = m_root.get();
    if (!poolId.isEmpty()) {
        newParent = findPool(poolId);
        if (!newParent) {
            auto pool = std::make_unique<Node>();
            pool->kind = Kind::Pool;
            pool->id = poolId;
            pool->name = poolName;
            Node* raw = pool.get();
            insertNode(m_root.get(), std::move(pool));
            newParent = raw;
        } else if (newParent->name != poolName && !poolName.isEmpty()) {
            newParent->name = poolName;
            emitRowChanged(newParent);
        }
    }
    if (newParent == oldParent)
        return;
    insertNode(newParent, takeNode(node));
    if (oldParent != m_root.get()) {
        if (oldParent->children.empty())
            takeNode(oldParent);
        else
            emitRowChanged(oldParent);
    }
    if (newParent != m_root.get())
        emitRowChanged(newParent);
}

QModelIndex HostTreeModel::hostIndex(const QString& id, int column) const
{
    return indexFor(findHost(id), column);
}

bool HostTreeModel::hasHost(const QString& id) const
{
    return findHost(id) != nullptr;
}

QStringList HostTreeModel::hostIds() const
{
    QStringList ids;
    for (const auto& top : m_root->children) {
        if (top->kind == Kind::Host)
            ids.append(top->id);
        for (const auto& child : top->children)
            ids.append(child->id);
    }
    return ids;
}

HostState HostTreeModel::hostState(const QString& id) const
{
    const Node* node = findHost(id);
    return node ? node->state : HostState::Disconnected;
}

QModelIndex HostTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != NameColumn)
        return {};
    const Node* p = nodeFor(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex HostTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node* node = nodeFor(child);
    return indexFor(node->parent);
}

int HostTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != NameColumn)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int HostTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString HostTreeModel::stateText(const Node* node) const
{
    if (node->kind == Kind::Host)
        return hostStateName(node->state);
    const auto connected = std::count_if(node->children.begin(), node->children.end(),
                                         [](const auto& c) { return c->state == HostState::Connected; });
    return tr("connected: %1/%2").arg(connected).arg(node->children.size());
}

QString HostTreeModel::toolTip(const Node* node) const
{
    if (node->kind == Kind::Pool)
        return tr("Pool %1: %2").arg(node->name, stateText(node));
    QString tip = tr("%1 (%2)\nState: %3").arg(node->name, node->endpoint, hostStateName(node->state));
    if (!node->message.isEmpty())
        tip += QLatin1Char('\n') + node->message;
    return tip;
}

QVariant HostTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeFor(index);
    const bool isHost = node->kind == Kind::Host;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? node->name : stateText(node);
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::AccessibleDescriptionRole:
        return index.column() == NameColumn ? stateText(node) : QVariant();
    case KindRole:
        return int(node->kind);
    case IdRole:
        return node->id;
    case StateRole:
        return isHost ? QVariant(int(node->state)) : QVariant();
    case StateMessageRole:
        return isHost ? QVariant(node->message) : QVariant();
    case EndpointRole:
        return isHost ? QVariant(node->endpoint) : QVariant();
    case ProblemRole:
        if (isHost)
            return isProblem(node->state);
        return std::any_of(node->children.begin(), node->children.end(),
                           [](const auto& c) { return isProblem(c->state); });
    default:
        return {};
    }
}

QVariant HostTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QHash<int, QByteArray> HostTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IdRole, "id");
    names.insert(StateRole, "state");
    names.insert(StateMessageRole, "stateMessage");
    names.insert(EndpointRole, "endpoint");
    names.insert(ProblemRole, "problem");
    return names;
}

} // namespace xr
