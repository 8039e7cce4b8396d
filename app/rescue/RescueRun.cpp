#include "RescueRun.h"

#include "HostSession.h"
#include "PoolMonitor.h"
#include "RemoteHost.h"
#include "RescueDiagnosis.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace xr {

// --- The run -------------------------------------------------------------------------------------

RescueRun::RescueRun(PoolMonitor* monitor, Sender sender, QString vmId, QObject* parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_sender(std::move(sender))
    , m_vmId(std::move(vmId))
    , m_runId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_checkTimer.setSingleShot(true);
    connect(&m_checkTimer, &QTimer::timeout, this, [this] { startDiagnosis(true); });
    if (std::optional<std::pair<QString, VmState>> found = m_monitor->findVm(m_vmId)) {
        m_scopeId = found->first;
        m_vm = found->second;
    }
}

RescueRun::~RescueRun()
{
    for (const QMetaObject::Connection& c : std::as_const(m_hostWatch))
        disconnect(c);
    // Reads still in flight are stopped; a rung's command is never left without an owner
    // that could report it: the caller must not delete a running rescue (the wizard asks).
    // The diagnosis' reads in flight stop with it (a child).
    if (m_command) {
        m_command->disconnect(this);
        m_command->cancel();
        m_command->deleteLater();
    }
}

QString RescueRun::title() const
{
    const QString name = m_vm.name.isEmpty() ? m_vm.uuid : m_vm.name;
    if (m_titleHost.isEmpty() && m_situation.residentHost.isKnown())
        m_titleHost = m_situation.residentHost.label();
    const QString host = m_titleHost.isEmpty() ? hostLabel(HostRole::ResidentHost) : m_titleHost;
    if (host.isEmpty())
        return tr("Rescue %1").arg(RescueTranscript::printable(name));
    return tr("Rescue %1 on %2").arg(RescueTranscript::printable(name), host);
}

void RescueRun::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void RescueRun::add(TranscriptEntry::Kind kind, const QString& text, const QString& host)
{
    if (auto kept = m_transcript.append(TranscriptEntry{QDateTime::currentDateTimeUtc(), kind, host, text}))
        Q_EMIT transcriptAdded(*kept);
}

AuditContext RescueRun::context(const QString& action) const
{
    return AuditContext{m_runId, m_vm.uuid, m_vm.name, action};
}

QString RescueRun::sessionFor(HostRole role) const
{
    switch (role) {
    case HostRole::PoolMaster:
        if (isXapiFlavour(m_flavour))
            return m_monitor->xapiSourceId(m_scopeId);
        [[fallthrough]];
    case HostRole::ResidentHost:
        if (!m_vm.hostId.isEmpty())
            return m_monitor->sessionIdForModelId(m_vm.hostId);
        // A halted VM with no domain: xe commands still go to the pool's xapi source.
        return isXapiFlavour(m_flavour) ? m_monitor->xapiSourceId(m_scopeId) : QString();
    case HostRole::OutOfBand:
        return {};
    }
    return {};
}

QString RescueRun::hostKeyOf(const QString& sessionId) const
{
    HostSession* s = m_monitor->session(sessionId);
    return s && s->host() ? s->host()->displayName() : QString();
}

QString RescueRun::hostLabel(HostRole role) const
{
    if (role == HostRole::ResidentHost && m_situation.residentHost.isKnown())
        return m_situation.residentHost.label();
    const QString id = sessionFor(role);
    HostSession* s = m_monitor->session(id);
    if (!s)
        return {};
    if (s->isIdentified() && !s->identity().hostname.isEmpty())
        return s->identity().hostname;
    return s->host() ? s->host()->displayName() : QString();
}

bool RescueRun::canReach(HostRole role) const
{
    if (role == HostRole::OutOfBand)
        return false;
    HostSession* s = m_monitor->session(sessionFor(role));
    return s && s->host() && s->host()->isConnected() && s->isIdentified();
}

std::optional<XapiHealth> RescueRun::residentXapiHealth() const
{
    if (!isXapiFlavour(m_flavour) || m_vm.hostId.isEmpty())
        return std::nullopt;
    const QString id = m_monitor->sessionIdForModelId(m_vm.hostId);
    if (id.isEmpty() || id == m_monitor->xapiSourceId(m_scopeId))
        return std::nullopt;
    HostSession* s = m_monitor->session(id);
    if (!s || !s->isIdentified())
        return std::nullopt;
    return s->xapiHealth();
}

int RescueRun::checkElapsedSeconds() const
{
    return m_checking ? int(m_checkStarted.secsTo(QDateTime::currentDateTimeUtc())) : 0;
}

void RescueRun::diagnose()
{
    if (m_phase == Phase::Running || m_phase == Phase::Verifying)
        return;
    startDiagnosis(false);
}

void RescueRun::startDiagnosis(bool forCheck)
{
    dropDiagnosis();
    if (std::optional<std::pair<QString, VmState>> found = m_monitor->findVm(m_vmId)) {
        m_scopeId = found->first;
        // The last diagnosis knows the VM better than the tree while a rescue runs; the tree
        // tells where it lives now.
        const VmState previous = m_vm;
        m_vm = found->second;
        if (m_vm.name.isEmpty())
            m_vm.name = previous.name;
    }
    if (m_scopeId.isEmpty()) {
        m_error = tr("This VM is no longer in the tree: connect to its host again.");
        add(TranscriptEntry::Kind::Error, m_error);
        setPhase(Phase::Failed);
        return;
    }
    const QString sourceId = m_monitor->xapiSourceId(m_scopeId);
    HostSession* source = m_monitor->session(sourceId);
    if (!source || !source->isIdentified()) {
        m_error = tr("No connected host of this VM's pool has been identified yet.");
        add(TranscriptEntry::Kind::Error, m_error);
        setPhase(Phase::Failed);
        return;
    }
    m_flavour = source->identity().flavour.kind;
    m_error.clear();
    if (!forCheck) {
        // Every diagnosis says so, also the one after a rung (finishRung() has already moved
        // the phase on, so that the outcome is announced first).
        m_phase = Phase::Diagnosing;
        Q_EMIT phaseChanged(m_phase);
        add(TranscriptEntry::Kind::Info, tr("Diagnosing: reading both views of the VM afresh."));
    }

    // Every diagnosis, and every check of a rung, reads the VM's scope through the one reader
    // with the poll's thresholds (RescueDiagnosis); only the deadline is the rescue's own.
    dropDiagnosis();
    DiagnosisThresholds thresholds = m_monitor->thresholds();
    thresholds.xapiTimeoutMs = thresholds.hypervisorTimeoutMs = thresholds.diagnosisTimeoutMs =
        m_options.diagnosisTimeoutMs;
    const QString action = forCheck ? QStringLiteral("check") : QStringLiteral("diagnose");
    auto sender = [this, action](const ReadCommand& command, const CommandRequest& request) {
        return m_sender(command.sessionId, request, context(action), CommandKind::Read);
    };
    m_diagnosis = new RescueDiagnosis(
        m_monitor, sender, RescueDiagnosis::Target{m_vmId, m_vm, m_scopeId, sourceId, forCheck}, thresholds, this);
    RescueDiagnosis* d = m_diagnosis;
    connect(d, &RescueDiagnosis::finished, this, [this, d, forCheck] {
        if (d == m_diagnosis)
            finishDiagnosis(forCheck);
    });
    d->start();
}

void RescueRun::dropDiagnosis()
{
    // Later, not now: this may run inside the diagnosis' own finished().
    if (RescueDiagnosis* d = std::exchange(m_diagnosis, nullptr)) {
        d->disconnect(this);
        d->deleteLater();
    }
}

qint64 RescueRun::diagnosisAgeMs() const
{
    return m_hasLadder && m_diagnosedAt.isValid() ? m_diagnosedAt.elapsed() : -1;
}

void RescueRun::finishDiagnosis(bool forCheck)
{
    const DiagnosisFinding f = m_diagnosis->finding();
    dropDiagnosis();
    if (f.lost || f.failed)
        m_pending.reset(); // nothing runs on a diagnosis that did not finish
    if (f.lost) {
        onConnectionLost(tr("The connection to %1 was lost while reading the VM's state.").arg(f.lostHost));
        return;
    }
    if (f.failed) {
        m_error = f.error;
        setPhase(Phase::Failed);
        return;
    }
    for (const QString& w : f.warnings)
        add(TranscriptEntry::Kind::Warning, w);
    m_vm = f.vm;
    VmSituation s = f.situation;
    s.previousAttempts = m_attempts;
    const HostFlavour& flavour = f.flavour;
    const QString& xapiNote = f.xapiNote;

    m_situation = s;
    m_ladder = RecoveryLadder::build(flavour, s);
    m_hasLadder = true;
    m_diagnosedAt.start();

    if (forCheck && m_checking) {
        judgeCheck(s);
        return;
    }

    QString text = describeSituation(s);
    if (!xapiNote.isEmpty())
        text += QLatin1Char('\n') + xapiNote;
    if (!m_ladder.summary.isEmpty())
        text += QLatin1Char('\n') + m_ladder.summary;
    if (const Rung* r = m_ladder.recommended())
        text += QLatin1Char('\n') + tr("Recommended next: rung %1, %2.").arg(r->number, r->title);
    add(TranscriptEntry::Kind::Diagnosis, text);
    setPhase(Phase::Ready);
    Q_EMIT diagnosed();
    if (m_pending)
        resolvePendingRung();
}

QString RescueRun::describeSituation(const VmSituation& s) const
{
    QStringList parts;
    if (isXapiFlavour(m_flavour)) {
        if (!s.xapiAnswers())
            parts << tr("xapi: %1").arg(PoolState::healthText(s.xapiHealth));
        else
            parts << tr("xapi says %1").arg(PoolState::powerStateText(s.xapiPowerState));
    }
    parts << tr("domain: %1").arg(PoolState::domainText(s.domain));
    if (!s.currentOperations.isEmpty())
        parts << tr("operations: %1").arg(s.currentOperations.join(QStringLiteral(", ")));
    if (!s.pendingTasks.isEmpty())
        parts << tr("%n pending task(s)", nullptr, int(s.pendingTasks.size()));
    return parts.join(QStringLiteral("; "));
}

void RescueRun::onConnectionLost(const QString& what)
{
    m_pending.reset();
    dropDiagnosis();
    m_checkTimer.stop();
    if (m_phase == Phase::Running || m_phase == Phase::Verifying) {
        finishRung(Outcome::ConnectionLost, what);
    } else {
        add(TranscriptEntry::Kind::Error, what);
        setPhase(Phase::ConnectionLost);
    }
    m_waitingForHost = true;
    watchHosts();
    // The transport may already be back (or may not have noticed yet): try again shortly.
    QTimer::singleShot(3000, this, [this] {
        if (m_phase == Phase::ConnectionLost && canReach(HostRole::PoolMaster) && canReach(HostRole::ResidentHost)) {
            add(TranscriptEntry::Kind::Info, tr("The host answers again: diagnosing afresh."));
            startDiagnosis(false);
        }
    });
}

void RescueRun::watchHosts()
{
    for (const QMetaObject::Connection& c : std::as_const(m_hostWatch))
        disconnect(c);
    m_hostWatch.clear();
    for (const QString& id : m_monitor->sessionIds()) {
        HostSession* s = m_monitor->session(id);
        if (!s)
            continue;
        m_hostWatch.append(connect(s, &HostSession::stateChanged, this, [this](HostSession::State state) {
            if (state == HostSession::State::Ready && m_phase == Phase::ConnectionLost) {
                add(TranscriptEntry::Kind::Info, tr("The host is connected again: diagnosing afresh."));
                startDiagnosis(false);
            }
        }));
    }
}

QString RescueRun::outcomeText(Outcome outcome)
{
    switch (outcome) {
    case Outcome::None:
        return QString();
    case Outcome::Succeeded:
        return tr("Worked");
    case Outcome::Failed:
        return tr("Failed");
    case Outcome::Refused:
        return tr("Refused");
    case Outcome::TimedOut:
        return tr("No effect in time");
    case Outcome::Cancelled:
        return tr("Cancelled");
    case Outcome::ConnectionLost:
        return tr("Connection lost");
    case Outcome::Lingering:
        return tr("Domain still held");
    case Outcome::ShownOnly:
        return tr("Worked (run by hand)");
    case Outcome::Checklist:
        return tr("Checklist");
    case Outcome::Detached:
        return tr("Left running on the host");
    }
    return {};
}

} // namespace xr
