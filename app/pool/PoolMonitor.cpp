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

void PoolMonitor::refresh()
{
    m_refreshTimer.stop();
    const quint64 sequence = ++m_sequence;
    apply(sequence, runMerges(prepare(QDateTime::currentDateTimeUtc())));
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
        this, [jobs = prepare(QDateTime::currentDateTimeUtc())] { return runMerges(jobs); },
        [this, sequence](QList<MergeResult> results) {
            m_merging = false;
            apply(sequence, std::move(results));
            if (std::exchange(m_refreshAgain, false))
                scheduleRefresh();
        });
}

QList<PoolMonitor::MergeResult> PoolMonitor::runMerges(QList<MergeJob> jobs)
{
    QList<MergeResult> results;
    results.reserve(jobs.size());
    for (MergeJob& job : jobs) {
        job.input.xapi = job.hasXapi ? &job.xapi : nullptr;
        job.input.operationFirstSeen = &job.firstSeen;
        for (qsizetype i = 0; i < job.input.hosts.size(); ++i)
            job.input.hosts[i].hypervisor = job.views[i] ? &*job.views[i] : nullptr;
        MergeResult r;
        r.scopeId = job.scopeId;
        r.vms = PoolState::merge(job.input);
        PoolState::trackOperations(r.vms, job.input.now, job.firstSeen);
        r.firstSeen = std::move(job.firstSeen);
        results.append(std::move(r));
    }
    return results;
}

void PoolMonitor::apply(quint64 sequence, QList<MergeResult> results)
{
    if (sequence < m_applied)
        return; // a newer refresh was applied first
    m_applied = sequence;
    QHash<QString, QList<VmState>> merged;
    for (MergeResult& r : results) {
        // The scope may have gone while merging (its rows are gone: nothing to update).
        if (m_modelPools.contains(r.scopeId) || m_modelHosts.contains(r.scopeId))
            m_model->updateVms(r.scopeId, r.vms);
        m_firstSeen.insert(r.scopeId, std::move(r.firstSeen));
        merged.insert(r.scopeId, std::move(r.vms));
    }
    m_merged = std::move(merged);
    Q_EMIT refreshed();
}

QList<PoolMonitor::MergeJob> PoolMonitor::prepare(const QDateTime& now)
{
    QList<MergeJob> jobs;
    QSet<QString> pools;
    QSet<QString> hostIds;
    QHash<QString, QList<std::pair<QString, HostSession*>>> byPool;
    QList<std::pair<QString, HostSession*>> standalone;
    for (const auto& [id, s] : m_sessions) {
        if (s->isXapi() && s->pool().isKnown())
            byPool[s->pool().uuid].append({id, s.get()});
        else
            standalone.append({id, s.get()});
    }
    QList<XapiProblem> problems;

    for (auto it = byPool.cbegin(); it != byPool.cend(); ++it) {
        const QString& poolUuid = it.key();
        const auto& members = it.value();
        const QString poolId = poolModelId(poolUuid);
        // The xapi source: a ready master, else a ready member, else the master's last view.
        HostSession* source = nullptr;
        HostSession* master = nullptr;
        for (const auto& [id, s] : members) {
            if (s->isPoolMaster())
                master = s;
        }
        if (master && master->state() == HostSession::State::Ready)
            source = master;
        for (const auto& [id, s] : members)
            if (!source && s->state() == HostSession::State::Ready)
                source = s;
        if (!source)
            source = master ? master : members.first().second;
        for (const auto& [id, s] : members) {
            s->setPollsXapi(s == source);
            if (s == source)
                m_xapiSource.insert(poolId, id);
        }

        // Membership: the freshest discovery, remembered when xapi stops answering.
        QList<XapiHost> known = m_members.value(poolUuid);
        for (const auto& [id, s] : members) {
            if (!s->poolHosts().isEmpty() && (s == source || known.isEmpty()))
                known = s->poolHosts();
        }
        QHash<QString, HostSession*> byHostUuid;
        for (const auto& [id, s] : members) {
            byHostUuid.insert(s->identity().uuid, s);
            const bool listed = std::any_of(known.begin(), known.end(),
                                            [&](const XapiHost& h) { return h.uuid == s->identity().uuid; });
            if (!listed) {
                XapiHost h;
                h.uuid = s->identity().uuid;
                h.name = s->identity().hostname;
                known.append(h);
            }
        }
        if (m_members.value(poolUuid) != known) {
            m_members.insert(poolUuid, known);
            Q_EMIT membershipChanged(poolUuid, source->pool().name, known);
        }

        const XapiPool& pool = source->pool();
        QString masterName;
        for (const XapiHost& h : known)
            if (h.uuid == pool.masterUuid)
                masterName = h.name;
        m_model->setPool(PoolTreeModel::PoolRow{poolId, poolUuid, pool.name, masterName});
        pools.insert(poolId);

        MergeJob job;
        job.scopeId = poolId;
        job.xapi = source->xapiView();
        job.hasXapi = true;
        job.firstSeen = m_firstSeen.value(poolId);
        MergeInput& input = job.input;
        input.scopeId = poolId;
        input.xapiHealth = source->xapiHealth();
        input.xapiStale = source->state() != HostSession::State::Ready;
        input.now = now;
        input.stuckThresholdSeconds = m_stuckThreshold;
        QStringList unconnected;
        QList<XapiHost> unconnectedHosts;
        for (const XapiHost& h : known) {
            HostSession* s = byHostUuid.value(h.uuid);
            PoolTreeModel::HostRow row = rowFor(h.uuid, s);
            if (!s) {
                row.uuid = h.uuid;
                row.name = h.name;
                row.address = h.address;
                row.hasSession = false;
                unconnected << h.uuid;
                unconnectedHosts << h;
            } else if (s->state() == HostSession::State::Ready &&
                       (s->xapiHealth() == XapiHealth::NotAnswering || s->xapiHealth() == XapiHealth::Refused)) {
                problems.append(XapiProblem{h.uuid, row.name, s->xapiHealth(), s->xapiTroubleSince()});
            }
            row.isMaster = h.uuid == pool.masterUuid;
            row.live = h.live;
            m_model->setHost(poolId, row);
            hostIds.insert(h.uuid);
            MergeHost mh;
            mh.hostId = h.uuid;
            mh.xapiUuid = h.uuid;
            mh.flavour = s && s->isIdentified() ? s->identity().flavour.kind : source->identity().flavour.kind;
            if (s && s->hypervisorView().valid)
                job.views.append(s->hypervisorView());
            else
                job.views.append(std::nullopt);
            mh.stale = s && s->state() != HostSession::State::Ready;
            mh.live = h.live;
            input.hosts.append(mh);
        }
        jobs.append(std::move(job));
        if (m_announced.value(poolUuid) != unconnected) {
            m_announced.insert(poolUuid, unconnected);
            if (!unconnectedHosts.isEmpty())
                Q_EMIT membersDiscovered(poolUuid, unconnectedHosts);
        }
    }

    for (const auto& [id, s] : standalone) {
        const QString hostId = hostModelId(id);
        PoolTreeModel::HostRow row = rowFor(hostId, s);
        m_model->setHost(QString(), row);
        hostIds.insert(hostId);
        if (s->state() == HostSession::State::Ready && s->identity().flavour.kind != FlavourKind::Xl &&
            (s->xapiHealth() == XapiHealth::NotAnswering || s->xapiHealth() == XapiHealth::Refused))
            problems.append(XapiProblem{hostId, row.name, s->xapiHealth(), s->xapiTroubleSince()});
        if (!s->isIdentified())
            continue;
        MergeJob job;
        job.scopeId = hostId;
        job.hasXapi = s->isXapi();
        if (job.hasXapi)
            job.xapi = s->xapiView();
        job.firstSeen = m_firstSeen.value(hostId);
        MergeInput& input = job.input;
        input.scopeId = hostId;
        input.xapiHealth = s->xapiHealth();
        input.xapiStale = s->state() != HostSession::State::Ready;
        input.now = now;
        input.stuckThresholdSeconds = m_stuckThreshold;
        MergeHost mh;
        mh.hostId = hostId;
        mh.xapiUuid = s->identity().uuid;
        mh.flavour = s->identity().flavour.kind;
        if (s->hypervisorView().valid)
            job.views.append(s->hypervisorView());
        else
            job.views.append(std::nullopt);
        mh.stale = s->state() != HostSession::State::Ready;
        input.hosts.append(mh);
        jobs.append(std::move(job));
    }

    for (const QString& id : std::as_const(m_modelHosts))
        if (!hostIds.contains(id))
            m_model->removeHost(id);
    for (const QString& id : std::as_const(m_modelPools))
        if (!pools.contains(id))
            m_model->removePool(id);
    m_modelHosts = hostIds;
    m_modelPools = pools;
    if (problems != m_problems) {
        m_problems = problems;
        Q_EMIT xapiProblemsChanged();
    }
    return jobs;
}

} // namespace xr
