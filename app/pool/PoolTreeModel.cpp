#include "PoolTreeModel.h"

#include <algorithm>
#include <unordered_map>

namespace xr {

struct PoolTreeModel::Node
{
    Kind kind = Kind::Pool;
    QString id;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    PoolRow pool;
    HostRow host;
    VmState vm;
    QString scope; // VMs: the scope that placed them
    QDateTime changedAt;
    int problemVms = 0; // containers: VMs under them with a problem
};

namespace {

bool vmHasProblem(const VmState& vm)
{
    return vm.problems != Disagreements();
}

} // namespace

PoolTreeModel::PoolTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

PoolTreeModel::~PoolTreeModel() = default;

PoolTreeModel::Node* PoolTreeModel::nodeFor(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex PoolTreeModel::indexFor(const Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node*>(node));
}

PoolTreeModel::Node* PoolTreeModel::container(const QString& id) const
{
    return m_containers.value(id);
}

int PoolTreeModel::hostCount(const Node* parent) const
{
    int n = 0;
    for (const auto& c : parent->children)
        if (c->kind != Kind::Vm)
            ++n;
    return n;
}

void PoolTreeModel::renumber(Node* parent, int from)
{
    for (size_t i = size_t(std::max(0, from)); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
}

void PoolTreeModel::insertChild(Node* parent, std::unique_ptr<Node> node, int row)
{
    beginInsertRows(indexFor(parent), row, row);
    node->parent = parent;
    parent->children.insert(parent->children.begin() + row, std::move(node));
    renumber(parent, row);
    endInsertRows();
}

std::unique_ptr<PoolTreeModel::Node> PoolTreeModel::takeChild(Node* node)
{
    Node* parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexFor(parent), row, row);
    std::unique_ptr<Node> owned = std::move(parent->children[size_t(row)]);
    parent->children.erase(parent->children.begin() + row);
    renumber(parent, row);
    endRemoveRows();
    owned->parent = nullptr;
    return owned;
}

void PoolTreeModel::forgetSubtree(Node* node)
{
    for (const auto& c : node->children)
        forgetSubtree(c.get());
    if (node->kind == Kind::Vm) {
        m_vms.remove(node->id);
        auto it = m_scopeVms.find(node->scope);
        if (it != m_scopeVms.end())
            it->remove(node->id);
    } else {
        m_containers.remove(node->id);
    }
}

void PoolTreeModel::setPool(const PoolRow& pool)
{
    if (Node* n = container(pool.id)) {
        if (n->kind != Kind::Pool || n->pool == pool)
            return;
        n->pool = pool;
        Q_EMIT dataChanged(indexFor(n, 0), indexFor(n, ColumnCount - 1));
        return;
    }
    auto node = std::make_unique<Node>();
    node->kind = Kind::Pool;
    node->id = pool.id;
    node->pool = pool;
    Node* raw = node.get();
    insertChild(m_root.get(), std::move(node), int(m_root->children.size()));
    m_containers.insert(pool.id, raw);
    ++m_structure;
}

void PoolTreeModel::removePool(const QString& id)
{
    Node* n = container(id);
    if (!n || n->kind != Kind::Pool)
        return;
    forgetSubtree(n);
    m_scopeVms.remove(id);
    m_lastVms.remove(id);
    takeChild(n);
    ++m_structure;
}

void PoolTreeModel::setHost(const QString& poolId, const HostRow& host)
{
    Node* parent = poolId.isEmpty() ? m_root.get() : container(poolId);
    if (!parent)
        parent = m_root.get();
    if (Node* n = container(host.id)) {
        if (n->kind != Kind::Host)
            return;
        if (n->parent != parent) {
            const int dest = hostCount(parent);
            beginMoveRows(indexFor(n->parent), n->row, n->row, indexFor(parent), dest);
            Node* old = n->parent;
            const int oldRow = n->row;
            std::unique_ptr<Node> owned = std::move(old->children[size_t(oldRow)]);
            old->children.erase(old->children.begin() + oldRow);
            renumber(old, oldRow);
            owned->parent = parent;
            parent->children.insert(parent->children.begin() + dest, std::move(owned));
            renumber(parent, dest);
            endMoveRows();
            ++m_structure;
        }
        if (!(n->host == host)) {
            n->host = host;
            Q_EMIT dataChanged(indexFor(n, 0), indexFor(n, ColumnCount - 1));
            if (n->parent != m_root.get())
                Q_EMIT dataChanged(indexFor(n->parent, 0), indexFor(n->parent, ColumnCount - 1));
        }
        return;
    }
    auto node = std::make_unique<Node>();
    node->kind = Kind::Host;
    node->id = host.id;
    node->host = host;
    Node* raw = node.get();
    insertChild(parent, std::move(node), hostCount(parent));
    m_containers.insert(host.id, raw);
    ++m_structure; // VMs waiting for this host go under it
}

void PoolTreeModel::removeHost(const QString& id)
{
    Node* n = container(id);
    if (!n || n->kind != Kind::Host)
        return;
    forgetSubtree(n);
    m_scopeVms.remove(id);
    m_lastVms.remove(id);
    takeChild(n);
    ++m_structure;
}

void PoolTreeModel::setShowControlDomains(bool show)
{
    if (m_showControlDomains == show)
        return;
    m_showControlDomains = show;
    ++m_structure; // which rows are shown changes: every scope takes the full path once
    const QStringList scopes = m_lastVms.keys();
    for (const QString& scope : scopes)
        updateVms(scope, m_lastVms.value(scope));
}

void PoolTreeModel::emitRowsChanged(const QList<Node*>& nodes)
{
    QHash<Node*, QList<int>> rows;
    for (Node* n : nodes)
        rows[n->parent].append(n->row);
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        QList<int>& list = it.value();
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        const QModelIndex parentIndex = indexFor(it.key());
        qsizetype i = 0;
        while (i < list.size()) {
            qsizetype j = i;
            while (j + 1 < list.size() && list[j + 1] == list[j] + 1)
                ++j;
            Q_EMIT dataChanged(index(list[i], 0, parentIndex), index(list[j], ColumnCount - 1, parentIndex));
            i = j + 1;
        }
    }
}

void PoolTreeModel::refreshProblemCounts(const QSet<Node*>& containers)
{
    // A container's ProblemRole follows the VMs under it (and under its hosts).
    QSet<Node*> touched;
    for (Node* c : containers) {
        for (Node* n = c; n && n != m_root.get(); n = n->parent)
            touched.insert(n);
    }
    for (Node* n : std::as_const(touched)) {
        int count = 0;
        for (const auto& c : n->children) {
            if (c->kind == Kind::Vm)
                count += vmHasProblem(c->vm) ? 1 : 0;
            else
                for (const auto& g : c->children)
                    count += (g->kind == Kind::Vm && vmHasProblem(g->vm)) ? 1 : 0;
        }
        if ((count > 0) != (n->problemVms > 0)) {
            n->problemVms = count;
            Q_EMIT dataChanged(indexFor(n, 0), indexFor(n, ColumnCount - 1));
        } else {
            n->problemVms = count;
        }
    }
}

void PoolTreeModel::updateNode(Node* n, const VmState& vm, const QDateTime& now, QList<Node*>& changed,
                               QSet<Node*>& touchedContainers)
{
    if (n->vm.fingerprint && vm.fingerprint ? n->vm.fingerprint == vm.fingerprint : n->vm == vm)
        return;
    if (!n->vm.sameAtAGlance(vm))
        n->changedAt = now;
    const bool problemChanged = vmHasProblem(n->vm) != vmHasProblem(vm);
    n->vm = vm;
    changed.append(n);
    if (problemChanged)
        touchedContainers.insert(n->parent);
}

void PoolTreeModel::moveVm(Node* n, Node* target)
{
    Node* old = n->parent;
    const int oldRow = n->row;
    const int dest = int(target->children.size());
    beginMoveRows(indexFor(old), oldRow, oldRow, indexFor(target), dest);
    std::unique_ptr<Node> owned = std::move(old->children[size_t(oldRow)]);
    old->children.erase(old->children.begin() + oldRow);
    renumber(old, oldRow);
    owned->parent = target;
    target->children.push_back(std::move(owned));
    renumber(target, dest);
    endMoveRows();
}

bool PoolTreeModel::updateVmsInPlace(const QString& scopeId, const QList<VmState>& all)
{
    // A refresh where the same VMs come in the same order and no container came or went
    // since (the common case: a few VMs change state, some move between host and pool): one
    // pass comparing fingerprints, hash lookups and moves only for the VMs that changed.
    const auto last = m_lastVms.constFind(scopeId);
    if (last == m_lastVms.constEnd() || last->size() != all.size() || m_scopeStructure.value(scopeId) != m_structure ||
        !m_scopeStructure.contains(scopeId))
        return false;
    const QList<VmState>& previous = *last;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const VmState& a = all[i];
        const VmState& b = previous[i];
        if (a.isControlDomain != b.isControlDomain || a.id != b.id)
            return false;
    }
    Node* scopeNode = container(scopeId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Node*> changed;
    QSet<Node*> touchedContainers;
    for (qsizetype i = 0; i < all.size(); ++i) {
        const VmState& vm = all[i];
        const quint64 before = previous[i].fingerprint;
        if (before && before == vm.fingerprint)
            continue;
        Node* n = m_vms.value(vm.id);
        if (!n || n->scope != scopeId) // hidden (control domain), or not placed by this scope
            continue;
        if (vm.parentId != previous[i].parentId) {
            Node* target = container(vm.parentId);
            if (!target)
                target = scopeNode;
            if (target && target != n->parent) {
                touchedContainers.insert(n->parent);
                touchedContainers.insert(target);
                moveVm(n, target);
            }
        }
        updateNode(n, vm, now, changed, touchedContainers);
    }
    m_lastVms.insert(scopeId, all);
    emitRowsChanged(changed);
    refreshProblemCounts(touchedContainers);
    return true;
}

void PoolTreeModel::updateVms(const QString& scopeId, const QList<VmState>& all)
{
    // One row per VM id. The merge already gives one VM per uuid; should two still share
    // an id, one row stands for both and says that they cannot be told apart.
    if (const std::optional<QList<VmState>> single = oneRowPerId(all)) {
        updateVms(scopeId, *single);
        return;
    }
    if (updateVmsInPlace(scopeId, all))
        return;
    m_lastVms.insert(scopeId, all);
    Node* scopeNode = container(scopeId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<QString>& shown = m_scopeVms[scopeId];
    const bool firstFill = shown.isEmpty();

    QHash<QString, const VmState*> wanted;
    wanted.reserve(all.size());
    QList<const VmState*> order;
    order.reserve(all.size());
    for (const VmState& vm : all) {
        if (vm.isControlDomain && !m_showControlDomains)
            continue;
        if (wanted.contains(vm.id))
            continue;
        Node* target = container(vm.parentId);
        if (!target)
            target = scopeNode;
        if (!target)
            continue;
        wanted.insert(vm.id, &vm);
        order.append(&vm);
    }

    QSet<Node*> touchedContainers;
    // Removals, one contiguous range at a time per parent.
    QHash<Node*, QList<int>> removals;
    for (const QString& id : std::as_const(shown)) {
        if (wanted.contains(id))
            continue;
        if (Node* n = m_vms.value(id))
            removals[n->parent].append(n->row);
    }
    for (auto it = removals.begin(); it != removals.end(); ++it) {
        Node* parent = it.key();
        QList<int>& rows = it.value();
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        touchedContainers.insert(parent);
        qsizetype i = 0;
        while (i < rows.size()) {
            qsizetype j = i;
            while (j + 1 < rows.size() && rows[j + 1] == rows[j] - 1)
                ++j;
            const int first = rows[j];
            const int last = rows[i];
            beginRemoveRows(indexFor(parent), first, last);
            for (int r = first; r <= last; ++r) {
                Node* n = parent->children[size_t(r)].get();
                m_vms.remove(n->id);
                shown.remove(n->id);
            }
            parent->children.erase(parent->children.begin() + first, parent->children.begin() + last + 1);
            renumber(parent, first);
            endRemoveRows();
            i = j + 1;
        }
    }

    // Moves and updates in place; new VMs are collected per parent and appended at once.
    QList<Node*> changed;
    std::unordered_map<Node*, std::vector<std::unique_ptr<Node>>> inserts;
    QList<Node*> insertOrder;
    for (const VmState* vm : std::as_const(order)) {
        Node* target = container(vm->parentId);
        if (!target)
            target = scopeNode;
        Node* n = m_vms.value(vm->id);
        if (n && n->scope != scopeId) {
            // Claimed by another scope (a VM that moved between pools): take it over.
            m_scopeVms[n->scope].remove(n->id);
            n->scope = scopeId;
            ++m_structure; // the other scope must not take its fast path over this row
        }
        if (n) {
            if (n->parent != target) {
                touchedContainers.insert(n->parent);
                touchedContainers.insert(target);
                moveVm(n, target);
            }
            updateNode(n, *vm, now, changed, touchedContainers);
            shown.insert(vm->id);
            continue;
        }
        auto node = std::make_unique<Node>();
        node->kind = Kind::Vm;
        node->id = vm->id;
        node->vm = *vm;
        node->scope = scopeId;
        if (!firstFill)
            node->changedAt = now;
        auto& list = inserts[target];
        if (list.empty())
            insertOrder.append(target);
        list.push_back(std::move(node));
    }
    for (Node* parent : std::as_const(insertOrder)) {
        auto& list = inserts[parent];
        const int first = int(parent->children.size());
        beginInsertRows(indexFor(parent), first, first + int(list.size()) - 1);
        for (auto& node : list) {
            node->parent = parent;
            node->row = int(parent->children.size());
            m_vms.insert(node->id, node.get());
            shown.insert(node->id);
            parent->children.push_back(std::move(node));
        }
        endInsertRows();
        touchedContainers.insert(parent);
    }
    emitRowsChanged(changed);
    refreshProblemCounts(touchedContainers);
    m_scopeStructure.insert(scopeId, m_structure);
}

QModelIndex PoolTreeModel::indexOf(const QString& id, int column) const
{
    if (Node* n = m_vms.value(id))
        return indexFor(n, column);
    return indexFor(container(id), column);
}

PoolTreeModel::Kind PoolTreeModel::kind(const QModelIndex& index) const
{
    return nodeFor(index)->kind;
}

const VmState* PoolTreeModel::vmState(const QModelIndex& index) const
{
    const Node* n = nodeFor(index);
    return n->kind == Kind::Vm && index.isValid() ? &n->vm : nullptr;
}

const PoolTreeModel::HostRow* PoolTreeModel::hostRow(const QString& id) const
{
    const Node* n = container(id);
    return n && n->kind == Kind::Host ? &n->host : nullptr;
}

QModelIndex PoolTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node* p = nodeFor(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex PoolTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node* n = nodeFor(child);
    return indexFor(n->parent);
}

int PoolTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int PoolTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant PoolTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State (xapi)");
    case DomainColumn:
        return tr("Domain");
    case ProblemColumn:
        return tr("Problem");
    default:
        return {};
    }
}

QHash<int, QByteArray> PoolTreeModel::roleNames() const
{
    QHash<int, QByteArray> r = QAbstractItemModel::roleNames();
    r.insert(KindRole, "kind");
    r.insert(IdRole, "id");
    r.insert(UuidRole, "uuid");
    r.insert(PowerStateRole, "powerState");
    r.insert(DomainStateRole, "domainState");
    r.insert(DomainIdRole, "domainId");
    r.insert(DomainPresenceRole, "domainPresence");
    r.insert(DisagreementRole, "disagreements");
    r.insert(XapiHealthRole, "xapiHealth");
    r.insert(StaleRole, "stale");
    r.insert(ChangedAtRole, "changedAt");
    r.insert(ProblemRole, "problem");
    r.insert(HostStateRole, "hostState");
    r.insert(ControlDomainRole, "controlDomain");
    r.insert(OperationAgeRole, "operationAge");
    r.insert(VmStateRole, "vmState");
    return r;
}

std::optional<QList<VmState>> PoolTreeModel::oneRowPerId(const QList<VmState>& all)
{
    QHash<QString, qsizetype> seen;
    seen.reserve(all.size());
    bool repeated = false;
    for (const VmState& vm : all) {
        if (seen.contains(vm.id)) {
            repeated = true;
            break;
        }
        seen.insert(vm.id, 0);
    }
    if (!repeated)
        return std::nullopt;
    seen.clear();
    QList<VmState> out;
    out.reserve(all.size());
    for (const VmState& vm : all) {
        const auto it = seen.constFind(vm.id);
        if (it == seen.cend()) {
            seen.insert(vm.id, out.size());
            out.append(vm);
            continue;
        }
        VmState& kept = out[*it];
        kept.problems |= Disagreement::AmbiguousRecords;
        if (kept.name != vm.name)
            kept.name.clear();
        kept.fingerprint = PoolState::fingerprint(kept);
    }
    return out;
}

QString PoolTreeModel::vmDisplayName(const VmState& vm)
{
    if (!vm.name.isEmpty())
        return vm.name;
    if (!vm.uuid.isEmpty())
        return vm.uuid;
    return tr("domain %1").arg(vm.domain.domid);
}

QString PoolTreeModel::vmStateText(const VmState& vm)
{
    if (!vm.hasXapi)
        return vm.problems.testFlag(Disagreement::XapiUnknown) ? tr("unknown") : tr("n/a");
    if (vm.problems.testFlag(Disagreement::XapiUnknown))
        return tr("unknown (was %1)").arg(PoolState::powerStateText(vm.powerState));
    QString text = PoolState::powerStateText(vm.powerState);
    if (!vm.currentOperations.isEmpty())
        text = tr("%1, %2").arg(text, vm.currentOperations.join(QStringLiteral(", ")));
    return text;
}

QString PoolTreeModel::problemText(const VmState& vm)
{
    QStringList parts;
    for (Disagreement d : PoolState::allDisagreements()) {
        if (!vm.problems.testFlag(d))
            continue;
        if (d == Disagreement::OperationStuck && vm.operationAgeSeconds >= 0)
            parts << tr("%1 (%2)").arg(PoolState::disagreementText(d), PoolState::durationText(vm.operationAgeSeconds));
        else
            parts << PoolState::disagreementText(d);
    }
    if (vm.stale)
        parts << tr("stale");
    return parts.join(QStringLiteral(", "));
}

QString PoolTreeModel::vmToolTip(const VmState& vm)
{
    QStringList lines;
    lines << tr("xapi: %1").arg(vm.hasXapi ? vmStateText(vm) : tr("no record"));
    switch (vm.domain.presence) {
    case DomainPresence::Present:
        lines << tr("Hypervisor: domain %1, flags %2").arg(vm.domain.domid).arg(vm.domain.state.toXlString());
        break;
    case DomainPresence::Absent:
        lines << tr("Hypervisor: no domain");
        break;
    case DomainPresence::Unknown:
        lines << tr("Hypervisor: not known (the host is not connected)");
        break;
    }
    for (Disagreement d : PoolState::allDisagreements())
        if (vm.problems.testFlag(d))
            lines << PoolState::disagreementExplanation(d);
    if (vm.stale)
        lines << tr("The connection to its host was lost: this is the last state seen.");
    return lines.join(u'\n');
}

bool PoolTreeModel::hostHasProblem(const HostRow& host)
{
    return host.connection == HostState::Lost || host.connection == HostState::Failed || !host.live ||
           host.xapiHealth == XapiHealth::NotAnswering || host.xapiHealth == XapiHealth::Refused;
}

QString PoolTreeModel::hostStateText(const HostRow& host)
{
    if (!host.hasSession)
        return host.live ? tr("not connected") : tr("not connected, dead in xapi");
    if (host.connection != HostState::Connected)
        return hostStateName(host.connection);
    QString text = host.flavourText;
    const QString health = tr("xapi %1").arg(PoolState::healthText(host.xapiHealth));
    return text.isEmpty() ? health : tr("%1, %2").arg(text, health);
}

QVariant PoolTreeModel::vmData(const Node* node, int column, int role) const
{
    const VmState& vm = node->vm;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return vmDisplayName(vm);
        case StateColumn:
            return vmStateText(vm);
        case DomainColumn:
            return PoolState::domainText(vm.domain);
        case ProblemColumn:
            return problemText(vm);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return vmToolTip(vm);
    case UuidRole:
        return vm.uuid;
    case PowerStateRole:
        return int(vm.powerState);
    case DomainStateRole:
        return vm.domain.isPresent() ? vm.domain.state.toXlString() : QString();
    case DomainIdRole:
        return vm.domain.isPresent() ? vm.domain.domid : qint64(-1);
    case DomainPresenceRole:
        return int(vm.domain.presence);
    case DisagreementRole:
        return int(vm.problems.toInt());
    case XapiHealthRole:
        return int(vm.xapiHealth);
    case StaleRole:
        return vm.stale;
    case ProblemRole:
        return vmHasProblem(vm);
    case ControlDomainRole:
        return vm.isControlDomain;
    case OperationAgeRole:
        return vm.operationAgeSeconds;
    case VmStateRole:
        return QVariant::fromValue(vm);
    default:
        return {};
    }
}

QVariant PoolTreeModel::hostData(const Node* node, int column, int role) const
{
    const HostRow& h = node->host;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return h.isMaster ? tr("%1 (master)").arg(h.name) : h.name;
        case StateColumn:
            return hostStateText(h);
        case ProblemColumn:
            if (h.xapiHealth == XapiHealth::NotAnswering || h.xapiHealth == XapiHealth::Refused)
                return tr("xapi %1").arg(PoolState::healthText(h.xapiHealth));
            if (!h.live)
                return tr("dead in xapi");
            return node->problemVms > 0 ? tr("%n VM(s) need attention", nullptr, node->problemVms) : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QStringList lines;
        if (!h.address.isEmpty())
            lines << tr("Address: %1").arg(h.address);
        lines << hostStateText(h);
        if (h.xapiHealth == XapiHealth::NotAnswering)
            lines << tr("xapi does not answer: xe commands time out. The VMs show what the hypervisor runs.");
        else if (h.xapiHealth == XapiHealth::Refused)
            lines << tr("xapi refuses connections: it is not running. The VMs show what the hypervisor runs.");
        else if (h.xapiHealth == XapiHealth::Slow)
            lines << tr("xapi answers, but slowly.");
        if (!h.message.isEmpty())
            lines << h.message;
        return lines.join(u'\n');
    }
    case UuidRole:
        return h.uuid;
    case XapiHealthRole:
        return int(h.xapiHealth);
    case StaleRole:
        return h.hasSession && h.connection == HostState::Lost;
    case ProblemRole:
        return hostHasProblem(h) || node->problemVms > 0;
    case HostStateRole:
        return int(h.connection);
    default:
        return {};
    }
}

QVariant PoolTreeModel::poolData(const Node* node, int column, int role) const
{
    const PoolRow& p = node->pool;
    bool hostProblem = false;
    for (const auto& c : node->children)
        if (c->kind == Kind::Host && hostHasProblem(c->host))
            hostProblem = true;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return p.name;
        case StateColumn:
            return p.masterName.isEmpty() ? QString() : tr("master: %1").arg(p.masterName);
        case ProblemColumn:
            return node->problemVms > 0 ? tr("%n VM(s) need attention", nullptr, node->problemVms) : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return p.masterName.isEmpty() ? p.name : tr("Pool %1, master %2").arg(p.name, p.masterName);
    case UuidRole:
        return p.uuid;
    case ProblemRole:
        return hostProblem || node->problemVms > 0;
    default:
        return {};
    }
}

QVariant PoolTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* n = nodeFor(index);
    switch (role) {
    case KindRole:
        return int(n->kind);
    case IdRole:
        return n->id;
    case ChangedAtRole:
        return n->changedAt;
    default:
        break;
    }
    switch (n->kind) {
    case Kind::Vm:
        return vmData(n, index.column(), role);
    case Kind::Host:
        return hostData(n, index.column(), role);
    case Kind::Pool:
        return poolData(n, index.column(), role);
    }
    return {};
}

} // namespace xr
