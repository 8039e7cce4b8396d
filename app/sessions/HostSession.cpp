#include "HostSession.h"

#include "AuditLog.h"
#include "RemoteOperation.h"
#include "XenInfo.h"

#include <QCoreApplication>

#include <algorithm>

namespace xr {

HostSession::HostSession(RemoteHost* host, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_audit(audit)
{
    m_hv.timer.setSingleShot(true);
    m_xapi.timer.setSingleShot(true);
    connect(&m_hv.timer, &QTimer::timeout, this, &HostSession::startHypervisorGroup);
    connect(&m_xapi.timer, &QTimer::timeout, this, &HostSession::startXapiGroup);
    if (m_host)
        connect(m_host, &RemoteHost::stateChanged, this, [this](HostState s, const QString&) { onHostState(s); });
}

HostSession::~HostSession()
{
    stop();
}

bool HostSession::isPoolMaster() const
{
    return m_pool.isKnown() && !m_identity.uuid.isEmpty() && m_pool.masterUuid == m_identity.uuid;
}

void HostSession::setPollsXapi(bool polls)
{
    if (m_pollsXapi == polls)
        return;
    m_pollsXapi = polls;
    if (polls && m_state == State::Ready && !m_xapi.running) {
        m_xapi.timer.stop();
        startXapiGroup();
    }
}

void HostSession::start()
{
    m_started = true;
    if (m_host && m_host->isConnected() && (m_state == State::Idle || m_state == State::Lost))
        probe();
}

void HostSession::stop()
{
    m_started = false;
    ++m_generation;
    m_hv.timer.stop();
    m_xapi.timer.stop();
    m_hv.running = m_xapi.running = false;
    dropRead(m_hv);
    dropRead(m_xapi);
    const QSet<RemoteCommand*> inFlight = std::exchange(m_inFlight, {});
    for (RemoteCommand* c : inFlight) {
        c->disconnect(this);
        c->deleteLater(); // deleting an unfinished command cancels it
    }
}

void HostSession::pollNow()
{
    if (m_state != State::Ready)
        return;
    if (!m_hv.running) {
        m_hv.timer.stop();
        startHypervisorGroup();
    }
    if (hasXapiGroup() && !m_xapi.running) {
        m_xapi.timer.stop();
        startXapiGroup();
    }
}

void HostSession::onHostState(HostState state)
{
    if (state == HostState::Connected) {
        if (m_started && (m_state == State::Idle || m_state == State::Lost || m_state == State::Failed))
            probe();
        return;
    }
    if (state == HostState::Lost || state == HostState::Disconnected || state == HostState::Failed) {
        const bool wasActive = m_state == State::Ready || m_state == State::Probing;
        const bool started = m_started;
        stop();
        m_started = started;
        if (wasActive)
            setState(State::Lost, m_host ? m_host->stateMessage() : QString());
    }
}

void HostSession::setState(State state, const QString& error)
{
    m_error = error;
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

int HostSession::nextInterval(int baseMs, qint64 lastCycleMs, int capMs)
{
    const qint64 next = std::max<qint64>(baseMs, 2 * lastCycleMs);
    return int(std::min<qint64>(next, std::max(baseMs, capMs)));
}

void HostSession::send(const QString& command, int timeoutMs, bool setup, Done done)
{
    if (!m_host || !m_host->isConnected()) {
        CommandResult r;
        r.outcome = CommandOutcome::Failed;
        r.error = tr("The host is not connected.");
        done(r);
        return;
    }
    CommandRequest request;
    request.command = command;
    request.timeoutMs = timeoutMs;
    const QDateTime started = QDateTime::currentDateTimeUtc();
    RemoteCommand* c = m_host->run(request);
    if (!c) {
        CommandResult r;
        done(r);
        return;
    }
    m_inFlight.insert(c);
    const int generation = m_generation;
    connect(c, &RemoteOperation::finished, this, [this, c, request, setup, started, generation, done] {
        m_inFlight.remove(c);
        c->deleteLater();
        const CommandResult result = c->result();
        audit(request, result, setup, started);
        if (generation != m_generation)
            return;
        done(result);
    });
}

void HostSession::audit(const CommandRequest& request, const CommandResult& result, bool setup,
                        const QDateTime& started)
{
    if (!m_audit || !m_host)
        return;
    if (!setup) {
        const QString key =
            AuditLog::outcomeKey(result.outcome) + QLatin1Char('/') + QString::number(result.exitStatus);
        const auto it = m_audited.constFind(request.command);
        if (it != m_audited.constEnd() && *it == key)
            return;
        m_audited.insert(request.command, key);
    }
    const QString hostKey = m_host->displayName();
    const QString user = hostKey.contains(u'@') ? hostKey.section(u'@', 0, 0) : QString();
    const Result<void> written = m_audit->record(hostKey, user, request, result, QString(), started);
    if (!written)
        Q_EMIT auditFailed(written.errorMessage());
}

void HostSession::probe()
{
    ++m_generation;
    setState(State::Probing);
    send(probeCommand(), m_options.hypervisorTimeoutMs, true, [this](const CommandResult& r) {
        if (r.outcome != CommandOutcome::Finished) {
            setState(State::Failed, r.error.isEmpty() ? tr("The probe command did not finish.") : r.error);
            return;
        }
        QString error;
        std::optional<HostIdentity> id = HostProbe::parseProbe(r.stdOut, &error);
        if (!id) {
            setState(State::Failed, error);
            return;
        }
        m_identity = *id;
        if (m_identity.flavour.isXapi()) {
            finishIdentify();
            return;
        }
        // xl/xm: the Xen version is in `xl info` / `xm info`.
        send(HostProbe::infoCommand(m_identity).toShell(), m_options.hypervisorTimeoutMs, true,
             [this](const CommandResult& r) {
                 if (r.succeeded()) {
                     if (const Result<XenInfo> info = XenInfo::parse(r.stdOut)) {
                         m_identity.xenVersion = info->xenVersion();
                         m_identity.totalMemoryMiB = info->totalMemoryMiB().value_or(-1);
                         if (m_identity.flavour.productVersion.isEmpty())
                             m_identity.flavour.productVersion = m_identity.xenVersion;
                     }
                 }
                 if (m_identity.flavour.kind == FlavourKind::Xm)
                     applyHealth(HostProbe::healthOf(answerOf(r), m_options.slowThresholdMs, FlavourKind::Xm));
                 finishIdentify();
             });
    });
}

void HostSession::finishIdentify()
{
    m_identified = true;
    m_xapi.cycles = 0;
    m_hv.doneSinceCycle = m_xapi.doneSinceCycle = false;
    setState(State::Ready);
    Q_EMIT identified();
    startHypervisorGroup();
    if (hasXapiGroup())
        startXapiGroup();
}

bool HostSession::hasXapiGroup() const
{
    return isXapi();
}

DiagnosisThresholds HostSession::thresholds() const
{
    DiagnosisThresholds t;
    t.xapiSlowMs = m_options.slowThresholdMs;
    t.xapiTimeoutMs = m_options.xapiTimeoutMs;
    t.hypervisorTimeoutMs = m_options.hypervisorTimeoutMs;
    return t;
}

void HostSession::dropRead(Group& group)
{
    // Later, not now: stop() may be called from a slot of the reader's own finished().
    if (group.read) {
        group.read->cancel();
        group.read.release()->deleteLater();
    }
}

ScopeReader* HostSession::startRead(const ScopeRequest& request, Group& group, bool setup)
{
    // The poll's reads are the one reader's: the same plan, parsers and thresholds as a
    // rescue's diagnosis. Large listings are parsed off the GUI thread; a group does not start
    // again before its read is applied, so results arrive in poll order.
    auto sender = [this](const ReadCommand&, const CommandRequest& request) -> Result<RemoteCommand*> {
        if (!m_host || !m_host->isConnected())
            return Result<RemoteCommand*>::failure(tr("The host is not connected."));
        return m_host->run(request);
    };
    auto reader = std::make_unique<ScopeReader>(ScopeRead::plan(request, thresholds()), thresholds(), sender);
    reader->setParseOffThread(true);
    ScopeReader* r = reader.get();
    connect(r, &ScopeReader::answered, this,
            [this, setup](const ReadCommand&, const CommandRequest& request, const CommandResult& result,
                          const QDateTime& started) { audit(request, result, setup, started); });
    group.read = std::move(reader);
    group.running = true;
    group.clock.start();
    return r;
}

void HostSession::startHypervisorGroup()
{
    if (m_state != State::Ready || m_hv.running)
        return;
    ScopeRequest request;
    request.hypervisorHosts.append(ReadHost{QStringLiteral("self"), m_identity});
    ScopeReader* r = startRead(request, m_hv, false);
    const int generation = m_generation;
    connect(r, &ScopeReader::finished, this, [this, r, generation] {
        const ScopeSnapshot s = r->snapshot();
        if (m_identity.flavour.kind == FlavourKind::Xm)
            applyHealth(s.health);
        const HypervisorView view = s.hypervisors.value(QStringLiteral("self"));
        if (view.valid)
            m_hypervisorView = view;
        else
            m_hypervisorView.error = view.error;
        Q_EMIT hypervisorViewChanged();
        if (generation == m_generation)
            groupDone(m_hv);
    });
    r->start();
}

void HostSession::startXapiGroup()
{
    if (m_state != State::Ready || m_xapi.running || !hasXapiGroup())
        return;
    const bool discover = m_xapi.cycles % std::max(1, m_options.poolRefreshEvery) == 0 || !m_pool.isKnown();
    ScopeRequest request;
    request.xapiSource = ReadHost{QStringLiteral("self"), m_identity};
    request.discoverPool = discover;
    request.readVms = m_pollsXapi;
    request.askHealth = true;
    ScopeReader* r = startRead(request, m_xapi, discover && m_xapi.cycles == 0);
    const int generation = m_generation;
    connect(r, &ScopeReader::finished, this, [this, r, generation] {
        const ScopeSnapshot s = r->snapshot();
        if (s.pool && *s.pool != m_pool) {
            m_pool = *s.pool;
            Q_EMIT poolChanged();
        }
        if (s.poolHosts && *s.poolHosts != m_poolHosts) {
            m_poolHosts = *s.poolHosts;
            Q_EMIT poolChanged();
        }
        m_lastXapiMs = std::max(m_lastXapiMs, s.xapiMs);
        if (s.xapiAnswered)
            m_lastXapiAnswer = QDateTime::currentDateTimeUtc();
        applyHealth(s.health);
        if (s.xapi.valid) {
            const QList<XapiTask> previousTasks = m_xapiView.tasks;
            m_xapiView = s.xapi;
            if (!s.tasksRead)
                m_xapiView.tasks = previousTasks;
            Q_EMIT xapiViewChanged();
        } else if (m_pollsXapi) {
            Q_EMIT xapiViewChanged(); // unchanged records, but their health is news
        }
        if (generation == m_generation)
            groupDone(m_xapi);
    });
    r->start();
}

void HostSession::groupDone(Group& group)
{
    // The reader is done; it goes once this signal has been handled.
    if (group.read)
        group.read.release()->deleteLater();
    group.running = false;
    ++group.cycles;
    group.nextMs = nextInterval(m_options.intervalMs, group.clock.elapsed(), m_options.maxIntervalMs);
    group.doneSinceCycle = true;
    if (m_options.autoPoll && m_state == State::Ready)
        group.timer.start(group.nextMs);
    maybeFinishCycle();
}

void HostSession::applyHealth(std::optional<XapiHealth> health)
{
    if (!health)
        return;
    const bool trouble = *health == XapiHealth::NotAnswering || *health == XapiHealth::Refused;
    if (!trouble && m_identity.flavour.kind == FlavourKind::Xm)
        m_lastXapiAnswer = QDateTime::currentDateTimeUtc(); // xend answered `xm list` / `xm info`
    if (trouble && !m_troubleSince.isValid())
        m_troubleSince = QDateTime::currentDateTimeUtc();
    if (!trouble)
        m_troubleSince = QDateTime();
    if (*health == m_health)
        return;
    m_health = *health;
    Q_EMIT xapiHealthChanged(m_health);
}

void HostSession::maybeFinishCycle()
{
    if (!m_hv.doneSinceCycle)
        return;
    if (hasXapiGroup() && !m_xapi.doneSinceCycle)
        return;
    m_hv.doneSinceCycle = m_xapi.doneSinceCycle = false;
    Q_EMIT cycleFinished();
}

} // namespace xr
