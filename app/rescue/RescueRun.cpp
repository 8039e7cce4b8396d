#include "RescueRun.h"

#include "DomainList.h"
#include "HostSession.h"
#include "PoolMonitor.h"
#include "RemoteHost.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace xr {

namespace {

QString escapeHtml(const QString& s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

/// Control characters shown as visible escapes: a transcript line is one line.
QString printable(QString s)
{
    for (QChar& c : s) {
        if (c.unicode() < 0x20 && c != u'\t')
            c = QChar(0xFFFD);
    }
    return s;
}

} // namespace

// --- Transcript ------------------------------------------------------------------------------

QString RescueTranscript::kindName(TranscriptEntry::Kind kind)
{
    switch (kind) {
    case TranscriptEntry::Kind::Info:
        return tr("info");
    case TranscriptEntry::Kind::Diagnosis:
        return tr("diagnosis");
    case TranscriptEntry::Kind::Command:
        return tr("command");
    case TranscriptEntry::Kind::StdOut:
        return tr("stdout");
    case TranscriptEntry::Kind::StdErr:
        return tr("stderr");
    case TranscriptEntry::Kind::Result:
        return tr("result");
    case TranscriptEntry::Kind::Check:
        return tr("check");
    case TranscriptEntry::Kind::Warning:
        return tr("warning");
    case TranscriptEntry::Kind::Error:
        return tr("error");
    case TranscriptEntry::Kind::Success:
        return tr("success");
    }
    return {};
}

QString RescueTranscript::toText(const QString& title, const QList<TranscriptEntry>& entries)
{
    QString out = title + QLatin1Char('\n') + QString(title.size(), QLatin1Char('=')) + QLatin1Char('\n');
    for (const TranscriptEntry& e : entries) {
        const QString head = e.time.toUTC().toString(Qt::ISODate) + QLatin1Char(' ') +
                             kindName(e.kind).leftJustified(9, QLatin1Char(' '));
        const QString host = e.host.isEmpty() ? QString() : QLatin1Char('[') + e.host + QStringLiteral("] ");
        const QStringList lines = e.text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            out += (i == 0 ? head : QString(head.size(), QLatin1Char(' '))) + QLatin1Char(' ') + host +
                   printable(lines[i]) + QLatin1Char('\n');
        }
    }
    return out;
}

QString RescueTranscript::toHtml(const QString& title, const QList<TranscriptEntry>& entries)
{
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                                 "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                                 "td{vertical-align:top;padding:2px 8px;border-bottom:1px solid #ddd}"
                                 "td.t{white-space:pre-wrap;font-family:monospace}"
                                 ".warning{color:#8a5a00}.error{color:#b00020}.success{color:#1b5e20}"
                                 ".command{font-weight:bold}.stderr{color:#8a3a00}</style></head><body>\n"
                                 "<h1>%1</h1>\n<table>\n")
                      .arg(title.toHtmlEscaped());
    for (const TranscriptEntry& e : entries) {
        QString cls;
        switch (e.kind) {
        case TranscriptEntry::Kind::Warning:
            cls = QStringLiteral("warning");
            break;
        case TranscriptEntry::Kind::Error:
            cls = QStringLiteral("error");
            break;
        case TranscriptEntry::Kind::Success:
            cls = QStringLiteral("success");
            break;
        case TranscriptEntry::Kind::Command:
            cls = QStringLiteral("command");
            break;
        case TranscriptEntry::Kind::StdErr:
            cls = QStringLiteral("stderr");
            break;
        default:
            break;
        }
        out += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td class=\"t\">%5</td></tr>\n")
                   .arg(cls, e.time.toUTC().toString(Qt::ISODate).toHtmlEscaped(), kindName(e.kind).toHtmlEscaped(),
                        e.host.toHtmlEscaped(), escapeHtml(printable(e.text).replace(QChar(0xFFFD), QChar(u'?'))));
    }
    out += QStringLiteral("</table>\n</body></html>\n");
    return out;
}

// --- The run -------------------------------------------------------------------------------------

/// The results of one diagnosis, collected as the commands come back.
struct RescueRun::Gathered
{
    int generation = 0;
    bool forCheck = false;
    int pending = 0;
    QString sourceId;
    std::optional<CommandResult> vmList;
    std::optional<CommandResult> taskList;
    std::optional<CommandResult> ha;
    QHash<QString, CommandResult> hypervisor; // session id -> listing
    QStringList sessionsListed;
    bool lost = false;
    QString lostHost;
};

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
    for (RemoteCommand* c : std::as_const(m_reads)) {
        c->disconnect(this);
        c->cancel();
        c->deleteLater();
    }
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
        return tr("Rescue %1").arg(printable(name));
    return tr("Rescue %1 on %2").arg(printable(name), host);
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
    TranscriptEntry e{QDateTime::currentDateTimeUtc(), kind, host, text};
    m_transcript.append(e);
    Q_EMIT transcriptAdded(e);
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
    ++m_generation;
    for (RemoteCommand* c : std::as_const(m_reads)) {
        c->disconnect(this);
        c->cancel();
        c->deleteLater();
    }
    m_reads.clear();
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
        setPhase(Phase::Diagnosing);
        add(TranscriptEntry::Kind::Info, tr("Diagnosing: reading both views of the VM afresh."));
    }

    auto g = std::make_shared<Gathered>();
    g->generation = m_generation;
    g->forCheck = forCheck;
    g->sourceId = sourceId;
    const QString action = forCheck ? QStringLiteral("check") : QStringLiteral("diagnose");

    auto send = [this, g, action](const QString& sessionId, const ShellCommand& cmd,
                                  std::function<void(const CommandResult&)> store) {
        CommandRequest request;
        request.command = cmd.toShell();
        request.timeoutMs = m_options.diagnosisTimeoutMs;
        ++g->pending;
        QString error;
        RemoteCommand* c = m_sender(sessionId, request, context(action), &error);
        if (!c) {
            CommandResult r;
            r.outcome = CommandOutcome::Failed;
            r.error = error;
            store(r);
            --g->pending;
            return;
        }
        m_reads.insert(c);
        connect(c, &RemoteOperation::finished, this, [this, c, g, store, sessionId] {
            m_reads.remove(c);
            c->deleteLater();
            if (g->generation != m_generation)
                return;
            const CommandResult r = c->result();
            if (r.outcome == CommandOutcome::ConnectionLost) {
                g->lost = true;
                g->lostHost = hostKeyOf(sessionId);
            }
            store(r);
            if (--g->pending == 0)
                finishDiagnosis(g);
        });
    };

    const HostIdentity& sid = source->identity();
    if (isXapiFlavour(m_flavour) && !m_vm.uuid.isEmpty()) {
        ShellCommand vmList = HostSession::vmListCommand(sid);
        vmList.args.append(QStringLiteral("uuid=") + m_vm.uuid);
        send(sourceId, vmList, [g](const CommandResult& r) { g->vmList = r; });
        send(sourceId, HostSession::taskListCommand(sid), [g](const CommandResult& r) { g->taskList = r; });
        if (!forCheck && source->pool().isKnown()) {
            ShellCommand ha = HostSession::poolListCommand(sid);
            ha.args = QStringList{QStringLiteral("pool-param-get"), QStringLiteral("uuid=") + source->pool().uuid,
                                  QStringLiteral("param-name=ha-enabled")};
            send(sourceId, ha, [g](const CommandResult& r) { g->ha = r; });
        }
    }
    // Every connected host of the scope lists its domains: the VM may have moved, and a
    // domain left behind on another host matters.
    for (const QString& id : m_monitor->sessionIds()) {
        HostSession* s = m_monitor->session(id);
        if (!s || !s->isIdentified() || !s->host() || !s->host()->isConnected())
            continue;
        const bool inScope = isXapiFlavour(m_flavour)
                                 ? (s->isXapi() && s->pool().uuid == source->pool().uuid && source->pool().isKnown())
                                 : id == sourceId;
        if (!inScope && id != sourceId)
            continue;
        g->sessionsListed.append(id);
        send(id, HostSession::hypervisorCommand(s->identity()),
             [g, id](const CommandResult& r) { g->hypervisor.insert(id, r); });
    }
    if (g->pending == 0)
        finishDiagnosis(g);
}

namespace {

std::optional<HypervisorView> parseHypervisor(FlavourKind kind, const CommandResult& r)
{
    if (!r.succeeded())
        return std::nullopt;
    const Result<DomainList> list = HostSession::parseHypervisorListing(kind, r.stdOut);
    if (!list)
        return std::nullopt;
    HypervisorView v;
    v.valid = true;
    v.time = QDateTime::currentDateTimeUtc();
    v.format = list->format;
    v.domains = list->domains;
    return v;
}

QString resultText(const CommandResult& r)
{
    switch (r.outcome) {
    case CommandOutcome::Finished:
        return r.exitStatus == 0
                   ? QCoreApplication::translate("RescueRun", "exit 0 after %1 ms").arg(r.elapsedMs)
                   : QCoreApplication::translate("RescueRun", "exit %1 after %2 ms").arg(r.exitStatus).arg(r.elapsedMs);
    case CommandOutcome::TimedOut:
        return QCoreApplication::translate("RescueRun", "no answer within the deadline (%1 ms): stopped")
            .arg(r.elapsedMs);
    case CommandOutcome::Cancelled:
        return QCoreApplication::translate("RescueRun", "cancelled after %1 ms").arg(r.elapsedMs);
    case CommandOutcome::ConnectionLost:
        return QCoreApplication::translate("RescueRun", "the connection was lost");
    case CommandOutcome::Failed:
        return QCoreApplication::translate("RescueRun", "not started: %1").arg(r.error);
    }
    return {};
}

} // namespace

void RescueRun::finishDiagnosis(const std::shared_ptr<Gathered>& g)
{
    if (g->generation != m_generation)
        return;
    if (g->lost) {
        onConnectionLost(tr("The connection to %1 was lost while reading the VM's state.").arg(g->lostHost));
        return;
    }
    HostSession* source = m_monitor->session(g->sourceId);
    if (!source) {
        m_error = tr("The host that answered for this pool is gone.");
        setPhase(Phase::Failed);
        return;
    }
    const HostFlavour flavour = source->identity().flavour;
    const bool xapi = isXapiFlavour(flavour.kind);

    VmSituation s;
    XapiView view;
    XapiHealth health = XapiHealth::Answering;
    QString xapiNote;
    const XapiVm* record = nullptr;
    if (xapi && g->vmList) {
        health = HostSession::healthOf(*g->vmList, 3000, flavour.kind).value_or(source->xapiHealth());
        if (g->vmList->succeeded()) {
            if (std::optional<QList<XapiVm>> vms = PoolState::parseVmList(g->vmList->stdOut)) {
                view.valid = true;
                view.time = QDateTime::currentDateTimeUtc();
                view.vms = *vms;
                if (g->taskList && g->taskList->succeeded()) {
                    if (std::optional<QList<XapiTask>> tasks = PoolState::parseTaskList(g->taskList->stdOut))
                        view.tasks = *tasks;
                }
            }
        } else if (g->vmList->outcome == CommandOutcome::TimedOut) {
            xapiNote = tr("xe vm-list did not answer within %1 s.").arg(m_options.diagnosisTimeoutMs / 1000);
        } else {
            xapiNote = QString::fromUtf8(g->vmList->stdErr.trimmed());
        }
    } else if (flavour.kind == FlavourKind::Xm) {
        for (const CommandResult& r : std::as_const(g->hypervisor))
            health = HostSession::healthOf(r, 3000, FlavourKind::Xm).value_or(health);
    }
    for (const XapiVm& v : std::as_const(view.vms)) {
        if (v.uuid.compare(m_vm.uuid, Qt::CaseInsensitive) == 0)
            record = &v;
    }

    std::vector<HypervisorView> views;
    views.reserve(size_t(g->sessionsListed.size()));
    MergeInput input;
    input.scopeId = m_scopeId;
    input.xapi = view.valid ? &view : nullptr;
    input.xapiHealth = health;
    input.now = QDateTime::currentDateTimeUtc();
    input.stuckThresholdSeconds = 120;
    QHash<QString, QString> modelIdOf; // session -> model id
    for (const QString& id : std::as_const(g->sessionsListed)) {
        HostSession* hs = m_monitor->session(id);
        if (!hs)
            continue;
        const std::optional<HypervisorView> hv = parseHypervisor(flavour.kind, g->hypervisor.value(id));
        MergeHost mh;
        mh.hostId = m_monitor->hostModelId(id);
        modelIdOf.insert(id, mh.hostId);
        mh.xapiUuid = hs->identity().uuid;
        mh.flavour = flavour.kind;
        if (hv) {
            views.push_back(*hv);
            mh.hypervisor = &views.back();
        } else {
            const CommandResult r = g->hypervisor.value(id);
            add(TranscriptEntry::Kind::Warning,
                tr("The domain list of %1 could not be read: %2").arg(hostKeyOf(id), resultText(r)));
        }
        input.hosts.append(mh);
    }
    // Members with no session still count: their VMs' domains are unknown, not absent.
    const QList<XapiHost> members = xapi ? m_monitor->poolMembers(source->pool().uuid) : QList<XapiHost>{};
    for (const XapiHost& h : members) {
        const bool covered = std::any_of(input.hosts.begin(), input.hosts.end(),
                                         [&](const MergeHost& m) { return m.xapiUuid == h.uuid; });
        if (covered || h.uuid.isEmpty())
            continue;
        MergeHost mh;
        mh.hostId = h.uuid;
        mh.xapiUuid = h.uuid;
        mh.flavour = flavour.kind;
        mh.live = h.live;
        input.hosts.append(mh);
    }
    const QList<VmState> merged = PoolState::merge(input);
    const VmState* vm = nullptr;
    for (const VmState& v : merged) {
        if (v.id == m_vmId || (!m_vm.uuid.isEmpty() && v.uuid.compare(m_vm.uuid, Qt::CaseInsensitive) == 0))
            vm = &v;
    }
    VmState now = vm ? *vm : m_vm;
    if (!vm) {
        // Neither xapi (if it answered) nor any listed host has it any more.
        const bool residentListed = std::any_of(input.hosts.begin(), input.hosts.end(), [&](const MergeHost& h) {
            return h.hypervisor && (h.hostId == m_vm.hostId || m_vm.hostId.isEmpty());
        });
        now.domain = DomainView{};
        now.domain.presence = residentListed ? DomainPresence::Absent : DomainPresence::Unknown;
        now.powerState = view.valid && xapi ? XapiPowerState::Unknown : m_vm.powerState;
        if (!view.valid)
            now.powerState = XapiPowerState::Unknown;
    } else if (xapi && !view.valid) {
        // xapi did not answer: its belief is unknown, whatever the tree showed before.
        now.powerState = XapiPowerState::Unknown;
    }
    if (now.name.isEmpty())
        now.name = m_vm.name;
    m_vm = now;

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
    s.previousAttempts = m_attempts;

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
    QString residentSession = now.hostId.isEmpty() ? QString() : m_monitor->sessionIdForModelId(now.hostId);
    QString residentUuid = record ? record->residentOn : QString();
    if (residentUuid.isEmpty() && !residentSession.isEmpty())
        residentUuid =
            m_monitor->session(residentSession) ? m_monitor->session(residentSession)->identity().uuid : QString();
    if (!residentSession.isEmpty() || !residentUuid.isEmpty())
        s.residentHost = refOf(residentUuid, residentSession);
    if (!xapi && residentSession.isEmpty()) {
        s.residentHost = refOf(QString(), g->sourceId);
    }
    if (xapi) {
        for (const XapiHost& h : members) {
            HostRef ref = refOf(h.uuid, QString());
            if (h.uuid == source->pool().masterUuid && h.uuid != s.residentHost.uuid)
                s.poolMaster = ref;
            else if (h.uuid != s.residentHost.uuid)
                s.otherHosts.append(ref);
        }
        if (g->ha && g->ha->succeeded())
            s.haEnabled = g->ha->stdOut.trimmed() == "true";
    }
    if (HostSession* rs = m_monitor->session(residentSession.isEmpty() ? g->sourceId : residentSession))
        s.toolsPresent = rs->identity().tools;
    for (const VmState& other : m_monitor->vms(m_scopeId)) {
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

    m_situation = s;
    m_ladder = RecoveryLadder::build(flavour, s);
    m_hasLadder = true;

    if (g->forCheck && m_checking) {
        ++m_checkPolls;
        const VerificationVerdict verdict = RecoveryLadder::verify(m_rung, s);
        const QString seen = describeSituation(s);
        const int elapsed = checkElapsedSeconds();
        add(TranscriptEntry::Kind::Check, tr("Check %1 (%2 s): %3").arg(m_checkPolls).arg(elapsed).arg(seen));
        Q_EMIT checkProgress(elapsed, m_checkTimeoutS, seen);
        if (verdict == VerificationVerdict::Succeeded) {
            finishRung(m_checkOnly ? Outcome::ShownOnly : Outcome::Succeeded,
                       tr("Confirmed: %1").arg(m_rung.verification.description));
            return;
        }
        // A dying domain is normal for a moment while its backends let go; only one that is
        // still held when the time is up is reported as lingering.
        if (verdict == VerificationVerdict::Lingering && elapsed >= m_checkTimeoutS) {
            const QString hint = m_rung.verification.lingeringHint.isEmpty()
                                     ? tr("The domain is dying but something still holds it.")
                                     : m_rung.verification.lingeringHint;
            for (const Probe& p : std::as_const(m_rung.verification.lingeringProbes)) {
                CommandRequest request;
                request.command = p.command.toShell();
                request.timeoutMs = m_options.diagnosisTimeoutMs;
                const QString session = sessionFor(p.host);
                add(TranscriptEntry::Kind::Command, request.command, hostKeyOf(session));
                QString error;
                if (RemoteCommand* c = m_sender(session, request, context(QStringLiteral("check")), &error)) {
                    connect(c, &RemoteOperation::finished, this, [this, c, session] {
                        c->deleteLater();
                        const QString out = QString::fromUtf8(c->result().stdOut.trimmed());
                        add(TranscriptEntry::Kind::StdOut, out.isEmpty() ? tr("(no output)") : out, hostKeyOf(session));
                    });
                }
            }
            finishRung(Outcome::Lingering, hint, RungId::PowerCycleHost);
            return;
        }
        if (elapsed >= m_checkTimeoutS) {
            finishRung(Outcome::TimedOut,
                       tr("The rung's effect did not show within %1 s. Last seen: %2").arg(m_checkTimeoutS).arg(seen));
            return;
        }
        const int interval = std::max(1, m_rung.verification.pollIntervalSeconds);
        m_checkTimer.start(std::max(200, int(interval * 1000 * m_options.verificationTimeScale)));
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

QString RescueRun::confirmationProblem(const Rung& rung, const Confirmation& c, const QString& vmName,
                                       const QString& vmUuid)
{
    if (c.rung != rung.id)
        return tr("The confirmation was given for another rung.");
    switch (rung.risk) {
    case RiskLevel::None:
    case RiskLevel::Safe:
    case RiskLevel::Low:
        return {};
    case RiskLevel::Medium:
        return c.acknowledged ? QString() : tr("Tick the box that names the consequence first.");
    case RiskLevel::High:
    case RiskLevel::Critical:
        if (!c.typedName.isEmpty() &&
            (c.typedName == vmName ||
             (!vmUuid.isEmpty() && c.typedName.trimmed().compare(vmUuid, Qt::CaseInsensitive) == 0)))
            return {};
        return tr("Type the VM's name (or its UUID) exactly to confirm.");
    }
    return tr("Unknown risk.");
}

bool RescueRun::checkCanStart(const Rung** out, RungId id, QString* error) const
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_phase == Phase::ConnectionLost)
        return fail(tr("The connection was lost: the diagnosis must run again before any rung."));
    if (m_phase != Phase::Ready || !m_hasLadder)
        return fail(tr("Wait for the diagnosis to finish."));
    const Rung* rung = m_ladder.rung(id);
    if (!rung)
        return fail(tr("This rung does not exist for this host."));
    if (rung->checklistOnly)
        return fail(tr("This rung is never run by XenRescue: work through its checklist."));
    if (!rung->applies)
        return fail(rung->whyNot.isEmpty() ? tr("This rung does not apply now.") : rung->whyNot);
    if (rung->commands.isEmpty())
        return fail(tr("This rung has no command to run."));
    if (!canReach(rung->runsOn))
        return fail(tr("XenRescue is not connected to %1, where this rung runs: connect to it first.")
                        .arg(rung->runsOnHost.isEmpty() ? hostLabel(rung->runsOn) : rung->runsOnHost));
    *out = rung;
    return true;
}

bool RescueRun::runRung(RungId id, const Confirmation& confirmation, QString* error)
{
    const Rung* rung = nullptr;
    if (!checkCanStart(&rung, id, error))
        return false;
    const QString problem = confirmationProblem(*rung, confirmation, m_vm.name, m_vm.uuid);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_rung = *rung;
    m_lastRung = id;
    m_checkOnly = false;
    m_outcome = Outcome::None;
    m_explanation.clear();
    m_suggestedNext.reset();
    m_steps.clear();
    m_stepIndex = 0;
    const QString session = sessionFor(rung->runsOn);
    if (rung->risk >= RiskLevel::Medium) {
        const QString message = QStringLiteral("XenRescue run %1: rung %2 (%3) on VM %4")
                                    .arg(m_runId, rung->number, RecoveryLadder::idName(id), m_vm.uuid);
        m_steps.append(
            Step{ShellCommand{QStringLiteral("logger"), {QStringLiteral("-t"), QStringLiteral("xenrescue"), message}},
                 session, false});
    }
    for (const ShellCommand& c : rung->commands)
        m_steps.append(Step{c, session, true});
    add(TranscriptEntry::Kind::Info,
        tr("Rung %1 (%2, risk %3) confirmed; running on %4.")
            .arg(rung->number, rung->title, RecoveryLadder::riskDisplayName(rung->risk), hostKeyOf(session)));
    setPhase(Phase::Running);
    watchHosts();
    runNextStep();
    return true;
}

bool RescueRun::checkOnly(RungId id, QString* error)
{
    const Rung* rung = nullptr;
    if (!checkCanStart(&rung, id, error))
        return false;
    m_rung = *rung;
    m_lastRung = id;
    m_checkOnly = true;
    m_outcome = Outcome::None;
    m_explanation.clear();
    m_suggestedNext.reset();
    add(TranscriptEntry::Kind::Info,
        tr("Rung %1 (%2): the commands were run by hand; checking the result.").arg(rung->number, rung->title));
    watchHosts();
    startCheck();
    return true;
}

void RescueRun::runNextStep()
{
    if (m_stepIndex >= m_steps.size()) {
        startCheck();
        return;
    }
    const Step& step = m_steps[m_stepIndex];
    CommandRequest request;
    request.command = step.command.toShell();
    request.streaming = true;
    request.timeoutMs = std::max(m_options.minCommandTimeoutMs,
                                 int(m_rung.verification.timeoutSeconds * 1000 * m_options.verificationTimeScale));
    if (!step.essential)
        request.timeoutMs = std::min(request.timeoutMs, 15000);
    m_commandTimeoutMs = request.timeoutMs;
    const QString action = QStringLiteral("rung %1 %2").arg(m_rung.number, RecoveryLadder::idName(m_rung.id));
    const QString host = hostKeyOf(step.sessionId);
    add(TranscriptEntry::Kind::Command, request.command, host);
    QString error;
    RemoteCommand* c = m_sender(step.sessionId, request, context(action), &error);
    if (!c) {
        if (!step.essential) {
            add(TranscriptEntry::Kind::Warning, error);
            ++m_stepIndex;
            runNextStep();
            return;
        }
        finishRung(Outcome::Failed, tr("Nothing was sent: %1").arg(error));
        return;
    }
    m_command = c;
    connect(c, &RemoteCommand::outputLine, this, [this, host](OutputStream stream, const QByteArray& line) {
        add(stream == OutputStream::StdOut ? TranscriptEntry::Kind::StdOut : TranscriptEntry::Kind::StdErr,
            QString::fromUtf8(line).trimmed(), host);
    });
    connect(c, &RemoteOperation::finished, this, [this, c] { onStepFinished(c); });
}

void RescueRun::onStepFinished(RemoteCommand* command)
{
    command->deleteLater();
    if (command != m_command)
        return;
    m_command = nullptr;
    const CommandResult r = command->result();
    const Step step = m_steps.value(m_stepIndex);
    const QString host = hostKeyOf(step.sessionId);
    add(r.succeeded() ? TranscriptEntry::Kind::Result : TranscriptEntry::Kind::Warning, resultText(r), host);
    if (r.outcome == CommandOutcome::ConnectionLost) {
        onConnectionLost(tr("The connection to %1 was lost during rung %2. Whether the command reached the host "
                            "is not known, so nothing will be repeated: XenRescue diagnoses again once the host is "
                            "back, and any rung then needs a new confirmation.")
                             .arg(host, m_rung.number));
        return;
    }
    if (!step.essential && !r.succeeded()) {
        add(TranscriptEntry::Kind::Warning, tr("The note in the host's system log could not be written; going on."));
        ++m_stepIndex;
        runNextStep();
        return;
    }
    if (r.succeeded()) {
        ++m_stepIndex;
        runNextStep();
        return;
    }
    const QByteArray output = r.stdErr.trimmed().isEmpty() ? r.stdOut : r.stdErr;
    switch (r.outcome) {
    case CommandOutcome::Cancelled:
        finishRung(Outcome::Cancelled, tr("Stopped on the host. Whatever the command did before it was stopped "
                                          "stays done: the diagnosis below shows the state now."));
        return;
    case CommandOutcome::TimedOut: {
        if (m_rung.id == RungId::CleanShutdown) {
            // Waiting for a guest that ignores the request is what a hung VM does: not a
            // sign of a wedged toolstack (the diagnosis that follows says if it is).
            finishRung(Outcome::TimedOut,
                       tr("The guest did not shut down within %1 s: a guest that ignores the request, or is hung, "
                          "never does. The request may stay pending as a task; the ladder below shows what fits "
                          "next.")
                           .arg(r.elapsedMs / 1000));
            return;
        }
        const RefusalReading reading =
            RecoveryLadder::interpretRefusal(m_rung.id, m_flavour, output, true, &m_situation);
        finishRung(Outcome::TimedOut,
                   reading.explanation.isEmpty()
                       ? tr("The command did not finish within %1 s and was stopped.").arg(r.elapsedMs / 1000)
                       : reading.explanation,
                   reading.nextRung);
        return;
    }
    case CommandOutcome::Failed:
        finishRung(Outcome::Failed, tr("The command could not be started: %1").arg(r.error));
        return;
    default:
        break;
    }
    const RefusalReading reading = RecoveryLadder::interpretRefusal(m_rung.id, m_flavour, output, false, &m_situation);
    if (reading.known) {
        finishRung(Outcome::Refused, reading.explanation, reading.nextRung);
        return;
    }
    finishRung(
        Outcome::Failed,
        tr("The command failed (exit %1): %2").arg(r.exitStatus).arg(QString::fromUtf8(output.trimmed().left(2000))));
}

void RescueRun::startCheck()
{
    const Verification& v = m_rung.verification;
    if (v.success == SuccessCondition::None || v.success == SuccessCondition::Manual || v.timeoutSeconds <= 0) {
        finishRung(Outcome::Succeeded, tr("The commands finished."));
        return;
    }
    m_checking = true;
    m_checkPolls = 0;
    m_checkStarted = QDateTime::currentDateTimeUtc();
    m_checkTimeoutS = std::max(1, int(v.timeoutSeconds * m_options.verificationTimeScale));
    add(TranscriptEntry::Kind::Info, tr("Checking for up to %1 s: %2").arg(m_checkTimeoutS).arg(v.description));
    setPhase(Phase::Verifying);
    startDiagnosis(true);
}

void RescueRun::finishRung(Outcome outcome, const QString& explanation, std::optional<RungId> next)
{
    m_checking = false;
    m_checkTimer.stop();
    m_outcome = outcome;
    m_explanation = explanation;
    m_suggestedNext = next;
    if (m_lastRung && outcome != Outcome::None) {
        RungAttempt a;
        a.rung = *m_lastRung;
        switch (outcome) {
        case Outcome::Succeeded:
        case Outcome::ShownOnly:
            a.outcome = AttemptOutcome::Succeeded;
            break;
        case Outcome::Refused:
            a.outcome = AttemptOutcome::Refused;
            break;
        case Outcome::TimedOut:
            a.outcome = AttemptOutcome::TimedOut;
            a.code = QStringLiteral("TIMEOUT");
            break;
        case Outcome::Cancelled:
            a.outcome = AttemptOutcome::Cancelled;
            break;
        case Outcome::ConnectionLost:
            a.outcome = AttemptOutcome::Failed;
            a.code = QStringLiteral("CLI_LOST_CONNECTION");
            break;
        default:
            a.outcome = AttemptOutcome::Failed;
            break;
        }
        // A crashed guest is a new situation: the forced rungs that failed on the hung
        // domain may work on the crashed one, so they are no longer "tried".
        if (a.rung == RungId::CrashGuest && a.outcome == AttemptOutcome::Succeeded)
            m_attempts.removeIf([](const RungAttempt& x) { return x.outcome != AttemptOutcome::Succeeded; });
        m_attempts.append(a);
    }
    const TranscriptEntry::Kind kind = outcome == Outcome::Succeeded || outcome == Outcome::ShownOnly
                                           ? TranscriptEntry::Kind::Success
                                       : outcome == Outcome::Cancelled ? TranscriptEntry::Kind::Warning
                                                                       : TranscriptEntry::Kind::Error;
    add(kind, outcomeText(outcome) + QStringLiteral(": ") + explanation);
    if (outcome == Outcome::ConnectionLost) {
        setPhase(Phase::ConnectionLost);
        Q_EMIT rungFinished(outcome);
        return;
    }
    // Diagnose afresh, so that the ladder shows what fits now; the outcome is announced first.
    m_phase = Phase::Diagnosing;
    Q_EMIT rungFinished(outcome);
    startDiagnosis(false);
}

void RescueRun::cancel()
{
    if (m_phase == Phase::Running && m_command) {
        add(TranscriptEntry::Kind::Warning, tr("Cancel requested: stopping the command on the host."));
        m_command->cancel();
        return;
    }
    if (m_phase == Phase::Verifying) {
        ++m_generation;
        finishRung(Outcome::Cancelled, tr("The check was stopped. The rung's commands had finished; the diagnosis "
                                          "below shows the state now."));
        return;
    }
    if (m_phase == Phase::Diagnosing) {
        ++m_generation;
        setPhase(m_hasLadder ? Phase::Ready : Phase::Idle);
    }
}

void RescueRun::onConnectionLost(const QString& what)
{
    ++m_generation;
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
    }
    return {};
}

} // namespace xr
