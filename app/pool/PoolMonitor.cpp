#include "PoolMonitor.h"

#include "OffThread.h"
#include "RemoteHost.h"

#include <QCoreApplication>

namespace xr {

QString XapiProblem::bannerText(const QDateTime& now) const
{
    const qint64 seconds = since.isValid() ? std::max<qint64>(0, since.secsTo(now)) : 0;
    if (health == XapiHealth::Refused)
        return QCoreApplication::translate("xr::PoolMonitor",
                                           "xapi refuses connections on %1 (%2 s): showing what the hypervisor runs")
            .arg(hostName)
            .arg(seconds);
    return QCoreApplication::translate("xr::PoolMonitor",
                                       "xapi is not answering on %1 (%2 s): showing what the hypervisor runs")
        .arg(hostName)
        .arg(seconds);
}

PoolMonitor::PoolMonitor(PoolTreeModel* model, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_audit(audit)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &PoolMonitor::refreshAsync);
}

PoolMonitor::~PoolMonitor() = default;

void PoolMonitor::setSessionOptions(const HostSession::Options& options)
{
    m_options = options;
    for (auto& [id, s] : m_sessions)
        s->setOptions(options);
}

HostSession* PoolMonitor::addHost(const QString& id, RemoteHost* host, bool audited)
{
    removeHost(id);
    auto session = std::make_unique<HostSession>(host, audited ? m_audit : nullptr);
    HostSession* s = session.get();
    s->setOptions(m_options);
    for (auto signal : {&HostSession::identified, &HostSession::poolChanged, &HostSession::xapiViewChanged,
                        &HostSession::hypervisorViewChanged})
        connect(s, signal, this, &PoolMonitor::scheduleRefresh);
    connect(s, &HostSession::stateChanged, this, &PoolMonitor::scheduleRefresh);
    connect(s, &HostSession::xapiHealthChanged, this, &PoolMonitor::scheduleRefresh);
    connect(s, &HostSession::auditFailed, this, &PoolMonitor::auditFailed);
    if (host) {
        // The connection state of the host's row now (the filter and status bar follow it);
        // the VMs at the coalesced refresh.
        connect(host, &RemoteHost::stateChanged, this, [this, id] {
            if (const HostSession* s = this->session(id)) {
                const QString modelId = hostModelId(id);
                const PoolTreeModel::HostRow* current = m_model->hostRow(modelId);
                if (current && m_modelHosts.contains(modelId)) {
                    PoolTreeModel::HostRow row = rowFor(modelId, s);
                    row.isMaster = current->isMaster;
                    row.live = current->live;
                    row.name = current->name;
                    const QModelIndex parent = m_model->indexOf(modelId).parent();
                    m_model->setHost(parent.data(PoolTreeModel::IdRole).toString(), row);
                }
            }
            scheduleRefresh();
        });
    }
    m_sessions[id] = std::move(session);
    s->start();
    // Its row now (a cheap one, not a merge): the UI can select the host it just added.
    const QString modelId = hostModelId(id);
    if (!m_modelHosts.contains(modelId)) {
        m_model->setHost(QString(), rowFor(modelId, s));
        m_modelHosts.insert(modelId);
    }
    scheduleRefresh();
    return s;
}

void PoolMonitor::rememberMembers(const QString& poolUuid, const QList<XapiHost>& members)
{
    if (!m_members.contains(poolUuid) && !members.isEmpty())
        m_members.insert(poolUuid, members);
}

QString PoolMonitor::sessionIdForModelId(const QString& modelId) const
{
    for (const auto& [id, s] : m_sessions) {
        if (hostModelId(id) == modelId)
            return id;
    }
    return {};
}

QString PoolMonitor::xapiSourceId(const QString& scopeId) const
{
    const QString source = m_xapiSource.value(scopeId);
    if (!source.isEmpty() && m_sessions.count(source))
        return source;
    return sessionIdForModelId(scopeId);
}

std::optional<std::pair<QString, VmState>> PoolMonitor::findVm(const QString& vmId) const
{
    for (auto it = m_merged.cbegin(); it != m_merged.cend(); ++it) {
        for (const VmState& vm : it.value()) {
            if (vm.id == vmId)
                return std::make_pair(it.key(), vm);
        }
    }
    return std::nullopt;
}

void PoolMonitor::setHostLabel(const QString& id, const QString& label)
{
    if (HostSession* s = session(id)) {
        m_labels.insert(s, label);
        const QString modelId = hostModelId(id);
        if (m_modelHosts.contains(modelId) && !s->isIdentified())
            m_model->setHost(QString(), rowFor(modelId, s));
        scheduleRefresh();
    }
}

void PoolMonitor::removeHost(const QString& id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    if (RemoteHost* h = it->second->host())
        h->disconnect(this);
    m_labels.remove(it->second.get());
    m_sessions.erase(it);
    scheduleRefresh();
}

HostSession* PoolMonitor::session(const QString& id) const
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : it->second.get();
}

QStringList PoolMonitor::sessionIds() const
{
    QStringList ids;
    for (const auto& [id, s] : m_sessions)
        ids << id;
    return ids;
}

QString PoolMonitor::hostModelId(const QString& sessionId) const
{
    const HostSession* s = session(sessionId);
    if (!s)
        return {};
    if (s->isXapi() && !s->identity().uuid.isEmpty())
        return s->identity().uuid;
    return QStringLiteral("session:") + sessionId;
}

void PoolMonitor::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

PoolTreeModel::HostRow PoolMonitor::rowFor(const QString& modelId, const HostSession* s) const
{
    PoolTreeModel::HostRow row;
    row.id = modelId;
    if (!s)
        return row;
    const RemoteHost* h = s->host();
    row.uuid = s->identity().uuid;
    row.name = !s->identity().hostname.isEmpty() ? s->identity().hostname
               : m_labels.contains(s)            ? m_labels.value(s)
               : h                               ? h->displayName()
                                                 : modelId;
    row.address = h ? h->displayName() : QString();
    row.flavourText = s->isIdentified() ? s->identity().flavour.displayName() : QString();
    row.connection = h ? h->state() : HostState::Disconnected;
    row.message = s->state() == HostSession::State::Failed ? s->errorMessage() : (h ? h->stateMessage() : QString());
    row.xapiHealth = s->xapiHealth();
    row.xapiTroubleSince = s->xapiTroubleSince();
    row.isMaster = s->isPoolMaster();
    return row;
}

DiagnosisThresholds PoolMonitor::thresholds() const
{
    DiagnosisThresholds t;
    t.xapiSlowMs = m_options.slowThresholdMs;
    t.xapiTimeoutMs = m_options.xapiTimeoutMs;
    t.hypervisorTimeoutMs = m_options.hypervisorTimeoutMs;
    t.operationStuckSeconds = m_stuckThreshold;
    return t;
}

void PoolMonitor::refresh()
{
    m_refreshTimer.stop();
    const quint64 sequence = ++m_sequence;
    apply(sequence, compute(collect(QDateTime::currentDateTimeUtc())));
}

void PoolMonitor::refreshAsync()
{
    m_refreshTimer.stop();
    if (m_merging) {
        m_refreshAgain = true;
        return;
    }
    const quint64 sequence = ++m_sequence;
    m_merging = true;
    runOffThread(
        this, [input = collect(QDateTime::currentDateTimeUtc())] { return compute(input); },
        [this, sequence](Refresh refresh) {
            m_merging = false;
            apply(sequence, std::move(refresh));
            if (std::exchange(m_refreshAgain, false))
                scheduleRefresh();
        });
}

PoolMonitor::RefreshInput PoolMonitor::collect(const QDateTime& now) const
{
    RefreshInput in;
    in.now = now;
    in.members = m_members;
    in.firstSeen = m_firstSeen;
    in.stuckThreshold = m_stuckThreshold;
    in.sessions.reserve(qsizetype(m_sessions.size()));
    for (const auto& [id, s] : m_sessions) {
        SessionInput si;
        si.id = id;
        si.modelId = hostModelId(id);
        si.state = s->state();
        si.identified = s->isIdentified();
        si.xapi = s->isXapi();
        si.poolMaster = s->isPoolMaster();
        si.identity = s->identity();
        si.pool = s->pool();
        si.poolHosts = s->poolHosts();
        si.xapiView = s->xapiView();
        si.hypervisorView = s->hypervisorView();
        si.health = s->xapiHealth();
        si.troubleSince = s->xapiTroubleSince();
        si.row = rowFor(si.modelId, s.get());
        in.sessions.append(std::move(si));
    }
    return in;
}

PoolMonitor::Refresh PoolMonitor::compute(const RefreshInput& input)
{
    Refresh r = prepare(input);
    r.merged.reserve(r.scopes.size());
    for (const ScopeState& scope : std::as_const(r.scopes))
        r.merged.append(ScopeRead::merge(scope));
    return r;
}

PoolMonitor::Refresh PoolMonitor::prepare(const RefreshInput& input)
{
    using Ready = HostSession::State;
    Refresh out;
    QHash<QString, QList<const SessionInput*>> byPool;
    QList<const SessionInput*> standalone;
    for (const SessionInput& s : input.sessions) {
        if (s.xapi && s.pool.isKnown())
            byPool[s.pool.uuid].append(&s);
        else
            standalone.append(&s);
    }
    auto troubled = [](const SessionInput& s) {
        return s.state == Ready::Ready && (s.health == XapiHealth::NotAnswering || s.health == XapiHealth::Refused);
    };

    for (auto it = byPool.cbegin(); it != byPool.cend(); ++it) {
        const QString& poolUuid = it.key();
        const QList<const SessionInput*>& members = it.value();
        const QString poolId = poolModelId(poolUuid);
        // The xapi source: a ready master, else a ready member, else the master's last view.
        const SessionInput* master = nullptr;
        for (const SessionInput* s : members)
            if (s->poolMaster)
                master = s;
        const SessionInput* source = master && master->state == Ready::Ready ? master : nullptr;
        for (const SessionInput* s : members)
            if (!source && s->state == Ready::Ready)
                source = s;
        if (!source)
            source = master ? master : members.first();
        out.xapiSource.insert(poolId, source->id);

        // Membership: the freshest discovery, remembered when xapi stops answering.
        QList<XapiHost> known = input.members.value(poolUuid);
        for (const SessionInput* s : members)
            if (!s->poolHosts.isEmpty() && (s == source || known.isEmpty()))
                known = s->poolHosts;
        QHash<QString, const SessionInput*> byHostUuid;
        for (const SessionInput* s : members) {
            byHostUuid.insert(s->identity.uuid, s);
            const bool listed =
                std::any_of(known.begin(), known.end(), [&](const XapiHost& h) { return h.uuid == s->identity.uuid; });
            if (!listed) {
                XapiHost h;
                h.uuid = s->identity.uuid;
                h.name = s->identity.hostname;
                known.append(h);
            }
        }
        out.members.insert(poolUuid, known);
        out.poolNames.insert(poolUuid, source->pool.name);

        const XapiPool& pool = source->pool;
        QString masterName;
        for (const XapiHost& h : known)
            if (h.uuid == pool.masterUuid)
                masterName = h.name;
        out.pools.append(PoolTreeModel::PoolRow{poolId, poolUuid, pool.name, masterName});

        ScopeState scope;
        scope.scopeId = poolId;
        scope.xapi = source->xapiView;
        scope.xapiHealth = source->health;
        scope.xapiStale = source->state != Ready::Ready;
        scope.operationFirstSeen = input.firstSeen.value(poolId);
        scope.now = input.now;
        scope.stuckThresholdSeconds = input.stuckThreshold;
        QList<XapiHost>& unconnected = out.unconnected[poolUuid];
        for (const XapiHost& h : known) {
            const SessionInput* s = byHostUuid.value(h.uuid);
            PoolTreeModel::HostRow row;
            if (s) {
                row = s->row;
                row.id = h.uuid;
                if (troubled(*s))
                    out.problems.append(XapiProblem{h.uuid, row.name, s->health, s->troubleSince});
            } else {
                row.id = h.uuid;
                row.uuid = h.uuid;
                row.name = h.name;
                row.address = h.address;
                row.hasSession = false;
                unconnected << h;
            }
            row.isMaster = h.uuid == pool.masterUuid;
            row.live = h.live;
            out.hosts.append({poolId, row});
            ScopeMember m;
            m.hostId = h.uuid;
            m.xapiUuid = h.uuid;
            m.flavour = s && s->identified ? s->identity.flavour.kind : source->identity.flavour.kind;
            if (s && s->hypervisorView.valid)
                m.hypervisor = s->hypervisorView;
            m.stale = s && s->state != Ready::Ready;
            m.live = h.live;
            scope.hosts.append(m);
        }
        out.scopes.append(std::move(scope));
    }

    for (const SessionInput* s : standalone) {
        out.hosts.append({QString(), s->row});
        if (troubled(*s) && s->identity.flavour.kind != FlavourKind::Xl)
            out.problems.append(XapiProblem{s->modelId, s->row.name, s->health, s->troubleSince});
        if (!s->identified)
            continue;
        ScopeState scope;
        scope.scopeId = s->modelId;
        if (s->xapi)
            scope.xapi = s->xapiView;
        scope.xapiHealth = s->health;
        scope.xapiStale = s->state != Ready::Ready;
        scope.operationFirstSeen = input.firstSeen.value(s->modelId);
        scope.now = input.now;
        scope.stuckThresholdSeconds = input.stuckThreshold;
        ScopeMember m;
        m.hostId = s->modelId;
        m.xapiUuid = s->identity.uuid;
        m.flavour = s->identity.flavour.kind;
        if (s->hypervisorView.valid)
            m.hypervisor = s->hypervisorView;
        m.stale = s->state != Ready::Ready;
        scope.hosts.append(m);
        out.scopes.append(std::move(scope));
    }
    return out;
}

void PoolMonitor::apply(quint64 sequence, Refresh r)
{
    if (sequence < m_applied)
        return; // a newer refresh was applied first
    m_applied = sequence;

    // Which session reads xapi for each pool.
    for (auto it = r.xapiSource.cbegin(); it != r.xapiSource.cend(); ++it) {
        m_xapiSource.insert(it.key(), it.value());
        for (const auto& [id, s] : m_sessions) {
            if (s->isXapi() && poolModelId(s->pool().uuid) == it.key())
                s->setPollsXapi(id == it.value());
        }
    }

    // Rows: pools, hosts (removing the ones gone), then every scope's VMs.
    QSet<QString> pools;
    QSet<QString> hostIds;
    for (const PoolTreeModel::PoolRow& row : std::as_const(r.pools)) {
        m_model->setPool(row);
        pools.insert(row.id);
    }
    for (const auto& [parent, row] : std::as_const(r.hosts)) {
        m_model->setHost(parent, row);
        hostIds.insert(row.id);
    }
    for (const QString& id : std::as_const(m_modelHosts))
        if (!hostIds.contains(id))
            m_model->removeHost(id);
    for (const QString& id : std::as_const(m_modelPools))
        if (!pools.contains(id))
            m_model->removePool(id);
    m_modelHosts = hostIds;
    m_modelPools = pools;
    QHash<QString, QList<VmState>> merged;
    for (ScopeMerge& m : r.merged) {
        if (m_modelPools.contains(m.scopeId) || m_modelHosts.contains(m.scopeId))
            m_model->updateVms(m.scopeId, m.vms);
        m_firstSeen.insert(m.scopeId, std::move(m.operationFirstSeen));
        merged.insert(m.scopeId, std::move(m.vms));
    }
    m_merged = std::move(merged);

    // Then what the UI is told: membership, members to offer, xapi problems, one refreshed().
    for (auto it = r.members.cbegin(); it != r.members.cend(); ++it) {
        if (m_members.value(it.key()) != it.value()) {
            m_members.insert(it.key(), it.value());
            Q_EMIT membershipChanged(it.key(), r.poolNames.value(it.key()), it.value());
        }
    }
    for (auto it = r.unconnected.cbegin(); it != r.unconnected.cend(); ++it) {
        QStringList uuids;
        for (const XapiHost& h : it.value())
            uuids << h.uuid;
        if (m_announced.value(it.key()) != uuids) {
            m_announced.insert(it.key(), uuids);
            if (!it.value().isEmpty())
                Q_EMIT membersDiscovered(it.key(), it.value());
        }
    }
    if (r.problems != m_problems) {
        m_problems = r.problems;
        Q_EMIT xapiProblemsChanged();
    }
    Q_EMIT refreshed();
}

} // namespace xr
