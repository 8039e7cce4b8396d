#include "RescueDiagnosis.h"

#include "HostSession.h"
#include "PoolMonitor.h"
#include "RemoteHost.h"

#include <QCoreApplication>

#include <algorithm>

namespace xr {

namespace {

QString trRun(const char* text)
{
    // The strings are the run's: the translations know them under its context.
    return QCoreApplication::translate("xr::RescueRun", text);
}

} // namespace

RescueDiagnosis::RescueDiagnosis(PoolMonitor* monitor, ScopeReader::Sender sender, Target target,
                                 const DiagnosisThresholds& thresholds, QObject* parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_sender(std::move(sender))
    , m_target(std::move(target))
    , m_thresholds(thresholds)
{}

RescueDiagnosis::~RescueDiagnosis() = default;

ScopeRequest RescueDiagnosis::requestFor(const PoolMonitor& monitor, const Target& target)
{
    ScopeRequest request;
    const HostSession* source = monitor.session(target.sourceId);
    if (!source)
        return request;
    const bool xapi = isXapiFlavour(source->identity().flavour.kind);
    if (xapi && !target.vm.uuid.isEmpty()) {
        request.xapiSource = ReadHost{target.sourceId, source->identity()};
        request.readVms = true;
        request.vmUuid = target.vm.uuid;
        request.readHa = !target.forCheck && source->pool().isKnown();
        request.poolUuid = source->pool().uuid;
    }
    // Every connected host of the scope lists its domains: the VM may have moved, and a
    // domain left behind on another host matters.
    for (const QString& id : monitor.sessionIds()) {
        const HostSession* s = monitor.session(id);
        if (!s || !s->isIdentified() || !s->host() || !s->host()->isConnected())
            continue;
        const bool inScope = xapi ? (s->isXapi() && s->pool().uuid == source->pool().uuid && source->pool().isKnown())
                                  : id == target.sourceId;
        if (!inScope && id != target.sourceId)
            continue;
        request.hypervisorHosts.append(ReadHost{id, s->identity()});
    }
    return request;
}

void RescueDiagnosis::start()
{
    m_reader =
        new ScopeReader(ScopeRead::plan(requestFor(*m_monitor, m_target), m_thresholds), m_thresholds, m_sender, this);
    connect(m_reader, &ScopeReader::finished, this, &RescueDiagnosis::finish);
    m_reader->start();
}

QString RescueDiagnosis::hostKeyOf(const QString& sessionId) const
{
    HostSession* s = m_monitor->session(sessionId);
    return s && s->host() ? s->host()->displayName() : QString();
}

void RescueDiagnosis::finish()
{
    const ScopeSnapshot& snap = m_reader->snapshot();
    DiagnosisFinding& f = m_finding;
    if (!snap.lostSessions.isEmpty()) {
        f.lost = true;
        f.lostHost = hostKeyOf(snap.lostSessions.first());
        Q_EMIT finished();
        return;
    }
    HostSession* source = m_monitor->session(m_target.sourceId);
    if (!source) {
        f.failed = true;
        f.error = trRun("The host that answered for this pool is gone.");
        Q_EMIT finished();
        return;
    }
    f.flavour = source->identity().flavour;
    const bool xapi = isXapiFlavour(f.flavour.kind);
    const VmState& before = m_target.vm;
    bool readXapi = false;
    for (const ReadCommand& c : m_reader->plan())
        readXapi = readXapi || c.kind == ReadKind::VmList;

    // xapi's health as this read saw it (the VM list and tasks, or xend's `xm list`).
    XapiHealth health = XapiHealth::Answering;
    if (xapi && readXapi)
        health = snap.health.value_or(source->xapiHealth());
    else if (f.flavour.kind == FlavourKind::Xm)
        health = snap.health.value_or(health);
    const XapiView& view = snap.xapi;
    if (xapi && readXapi && !view.valid)
        f.xapiNote = snap.xapiNote;
    const XapiVm* record = nullptr;
    for (const XapiVm& v : view.vms)
        if (v.uuid.compare(before.uuid, Qt::CaseInsensitive) == 0)
            record = &v;

    // The merge: the same one as the poll's, over the hosts this read listed.
    ScopeState scope;
    scope.scopeId = m_target.scopeId;
    if (view.valid)
        scope.xapi = view;
    scope.xapiHealth = health;
    scope.now = QDateTime::currentDateTimeUtc();
    scope.stuckThresholdSeconds = m_thresholds.operationStuckSeconds;
    for (const ReadCommand& c : m_reader->plan()) {
        if (c.kind != ReadKind::Hypervisor)
            continue;
        HostSession* hs = m_monitor->session(c.sessionId);
        if (!hs)
            continue;
        ScopeMember m;
        m.hostId = m_monitor->hostModelId(c.sessionId);
        m.xapiUuid = hs->identity().uuid;
        m.flavour = f.flavour.kind;
        const HypervisorView hv = snap.hypervisors.value(c.sessionId);
        if (hv.valid) {
            m.hypervisor = hv;
        } else {
            const QString why = hv.error.isEmpty() ? trRun("no answer") : hv.error;
            f.warnings << trRun("The domain list of %1 could not be read: %2").arg(hostKeyOf(c.sessionId), why);
        }
        scope.hosts.append(m);
    }
    // Members with no session still count: their VMs' domains are unknown, not absent.
    const QList<XapiHost> members = xapi ? m_monitor->poolMembers(source->pool().uuid) : QList<XapiHost>{};
    ScopeRead::addUnlistedMembers(scope.hosts, members, f.flavour.kind);
    const ScopeMerge merged = ScopeRead::merge(scope);

    const VmState* vm = nullptr;
    for (const VmState& v : merged.vms) {
        if (v.id == m_target.vmId || (!before.uuid.isEmpty() && v.uuid.compare(before.uuid, Qt::CaseInsensitive) == 0))
            vm = &v;
    }
    VmState now = vm ? *vm : before;
    if (!vm) {
        // Neither xapi (if it answered) nor any listed host has it any more.
        const bool residentListed = std::any_of(scope.hosts.begin(), scope.hosts.end(), [&](const ScopeMember& h) {
            return h.hypervisor && (h.hostId == before.hostId || before.hostId.isEmpty());
        });
        now.domain = DomainView{};
        now.domain.presence = residentListed ? DomainPresence::Absent : DomainPresence::Unknown;
        now.powerState = view.valid && xapi ? XapiPowerState::Unknown : before.powerState;
        if (!view.valid)
            now.powerState = XapiPowerState::Unknown;
    } else if (xapi && !view.valid) {
        // xapi did not answer: its belief is unknown, whatever the tree showed before.
        now.powerState = XapiPowerState::Unknown;
    }
    if (now.name.isEmpty())
        now.name = before.name;
    f.vm = now;

    VmSituation& s = f.situation;
    s.vmUuid = now.uuid;
    s.vmName = now.name;
    s.isControlDomain = now.isControlDomain;
    s.isHvm = now.hvm;
    s.xapiHealth = health;
    s.xapiPowerState = now.powerState;
    s.domain = now.domain;
    s.currentOperations = now.currentOperations;
    s.allowedOperations = now.allowedOperations;
    s.pendingTasks = now.tasks;

    // Hosts: the resident one (where the domain is, else where xapi says it is), the master.
    auto refOf = [&](const QString& hostUuid, const QString& sessionId) {
        HostRef ref;
        for (const XapiHost& h : members) {
            if (!hostUuid.isEmpty() && h.uuid == hostUuid) {
                ref.uuid = h.uuid;
                ref.name = h.name;
                ref.address = h.address;
                ref.alive = h.live;
            }
        }
        if (HostSession* hs = m_monitor->session(sessionId)) {
            if (ref.name.isEmpty())
                ref.name = hs->identity().hostname;
            if (ref.uuid.isEmpty())
                ref.uuid = hs->identity().uuid;
            if (ref.address.isEmpty() && hs->host())
                ref.address = hs->host()->displayName();
        }
        ref.isMaster = xapi && !ref.uuid.isEmpty() && ref.uuid == source->pool().masterUuid;
        return ref;
    };
    const QString residentSession = now.hostId.isEmpty() ? QString() : m_monitor->sessionIdForModelId(now.hostId);
    QString residentUuid = record ? record->residentOn : QString();
    if (residentUuid.isEmpty() && !residentSession.isEmpty())
        residentUuid =
            m_monitor->session(residentSession) ? m_monitor->session(residentSession)->identity().uuid : QString();
    if (!residentSession.isEmpty() || !residentUuid.isEmpty())
        s.residentHost = refOf(residentUuid, residentSession);
    if (!xapi && residentSession.isEmpty())
        s.residentHost = refOf(QString(), m_target.sourceId);
    if (xapi) {
        for (const XapiHost& h : members) {
            HostRef ref = refOf(h.uuid, QString());
            if (h.uuid == source->pool().masterUuid && h.uuid != s.residentHost.uuid)
                s.poolMaster = ref;
            else if (h.uuid != s.residentHost.uuid)
                s.otherHosts.append(ref);
        }
        if (snap.haEnabled)
            s.haEnabled = *snap.haEnabled;
    }
    if (HostSession* rs = m_monitor->session(residentSession.isEmpty() ? m_target.sourceId : residentSession))
        s.toolsPresent = rs->identity().tools;
    for (const VmState& other : m_monitor->vms(m_target.scopeId)) {
        if (other.hostId.isEmpty() || other.hostId != now.hostId)
            continue;
        if (other.powerState != XapiPowerState::Running && other.powerState != XapiPowerState::Paused &&
            !other.domain.isPresent())
            continue;
        ResidentVm r;
        r.uuid = other.uuid;
        r.name = other.name;
        r.powerState = other.powerState;
        r.isControlDomain = other.isControlDomain;
        s.residentVms.append(r);
    }
    Q_EMIT finished();
}

} // namespace xr
