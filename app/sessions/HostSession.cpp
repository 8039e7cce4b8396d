#include "HostSession.h"

#include "AuditLog.h"
#include "OffThread.h"
#include "RemoteOperation.h"
#include "XeError.h"
#include "XenInfo.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace xr {

namespace {

const QString kToolsMarker = QStringLiteral("@@xr-tools");
const QString kHostMarker = QStringLiteral("@@xr-host");

// Tools looked up on PATH, then the full paths where they live when PATH (a non-interactive
// SSH session's) does not reach them.
const char* const kPathTools[] = {"xe", "xl", "xm", "list_domains", "xe-toolstack-restart", "tap-ctl", "xenops-cli"};
const char* const kFixedPaths[] = {"/opt/xensource/bin/xe", "/opt/xensource/bin/list_domains",
                                   "/opt/xensource/bin/xe-toolstack-restart", "/opt/xensource/debug/xenops",
                                   "/usr/lib/xen/bin/crash_guest"};
const char* const kXendPidFile = "/var/run/xend.pid";

QString inventoryValue(QStringView text, QStringView key)
{
    for (QStringView line : text.split(u'\n')) {
        line = line.trimmed();
        if (!line.startsWith(key) || line.size() <= key.size() || line[key.size()] != u'=')
            continue;
        QStringView v = line.mid(key.size() + 1).trimmed();
        if (v.size() >= 2 && (v.front() == u'\'' || v.front() == u'"') && v.back() == v.front())
            v = v.mid(1, v.size() - 2);
        return v.toString();
    }
    return {};
}

QString toolPath(const HostIdentity& id, const QString& name)
{
    return id.toolPaths.value(name, name);
}

ShellCommand xe(const HostIdentity& id, QStringList args)
{
    return ShellCommand{toolPath(id, QStringLiteral("xe")), std::move(args)};
}

int rank(XapiHealth h)
{
    switch (h) {
    case XapiHealth::Answering:
        return 0;
    case XapiHealth::Slow:
        return 1;
    case XapiHealth::Refused:
        return 2;
    case XapiHealth::NotAnswering:
        return 3;
    }
    return 0;
}

} // namespace

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
    m_hv.pending = m_xapi.pending = 0;
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

QString HostSession::probeCommand()
{
    QStringList parts;
    parts << ShellCommand{QStringLiteral("cat"), {QStringLiteral("/etc/xensource-inventory")}}.toShell() +
                 QStringLiteral(" 2>/dev/null");
    parts << ShellCommand{QStringLiteral("echo"), {kToolsMarker}}.toShell();
    QStringList tools;
    for (const char* t : kPathTools)
        tools << QLatin1String(t);
    parts << ShellCommand{QStringLiteral("command"), QStringList{QStringLiteral("-v")} + tools}.toShell() +
                 QStringLiteral(" 2>/dev/null");
    QStringList fixed;
    for (const char* p : kFixedPaths)
        fixed << QLatin1String(p);
    for (const QString& p : fixed)
        parts << ShellCommand{QStringLiteral("test"), {QStringLiteral("-x"), p}}.toShell() + QStringLiteral(" && ") +
                     ShellCommand{QStringLiteral("echo"), {p}}.toShell();
    parts << ShellCommand{QStringLiteral("test"), {QStringLiteral("-e"), QLatin1String(kXendPidFile)}}.toShell() +
                 QStringLiteral(" && ") + ShellCommand{QStringLiteral("echo"), {QStringLiteral("xend")}}.toShell();
    parts << ShellCommand{QStringLiteral("echo"), {kHostMarker}}.toShell();
    parts << ShellCommand{QStringLiteral("hostname"), {}}.toShell();
    return parts.join(QStringLiteral("; "));
}

std::optional<HostIdentity> HostSession::parseProbe(QByteArrayView output, QString* error)
{
    const QString text = QString::fromUtf8(output);
    const qsizetype tools = text.indexOf(kToolsMarker);
    const qsizetype hostAt = text.indexOf(kHostMarker);
    if (tools < 0 || hostAt < tools) {
        if (error)
            *error = tr("The host's answer to the probe is not readable: is it a Unix shell?");
        return std::nullopt;
    }
    HostIdentity id;
    const QString inventory = text.left(tools);
    std::optional<HostFlavour> fromInventory;
    if (Result<HostFlavour> f = HostFlavour::fromInventory(inventory.toUtf8()))
        fromInventory = f.value();
    id.uuid = inventoryValue(inventory, u"INSTALLATION_UUID");
    id.controlDomainUuid = inventoryValue(inventory, u"CONTROL_DOMAIN_UUID");
    id.xenVersion = inventoryValue(inventory, u"XEN_VERSION");

    const QString toolText = text.mid(tools + kToolsMarker.size(), hostAt - tools - kToolsMarker.size());
    for (QStringView line : QStringView(toolText).split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const QString path = line.toString();
        const QString base = QFileInfo(path).fileName();
        // `command -v` prints a bare name for builtins/functions; only real programs count.
        const std::optional<HostTool> tool = HostTools::fromName(base);
        if (!tool)
            continue;
        if (*tool != HostTool::Xend && !path.contains(u'/'))
            continue;
        id.tools.set(*tool);
        if (*tool != HostTool::Xend && !id.toolPaths.contains(base))
            id.toolPaths.insert(base, path);
    }
    const QString hostText = text.mid(hostAt + kHostMarker.size()).trimmed();
    id.hostname = hostText.section(u'\n', 0, 0).trimmed();

    const std::optional<HostFlavour> flavour = HostFlavour::fromTools(id.tools, fromInventory);
    if (!flavour) {
        if (error)
            *error = tr("No Xen toolstack found on this host: neither xe, xl nor xm is installed.");
        return std::nullopt;
    }
    id.flavour = *flavour;
    return id;
}

ShellCommand HostSession::hypervisorCommand(const HostIdentity& id)
{
    switch (id.flavour.kind) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        return ShellCommand{toolPath(id, QStringLiteral("list_domains")), {}};
    case FlavourKind::Xl:
        return ShellCommand{toolPath(id, QStringLiteral("xl")), {QStringLiteral("list")}};
    case FlavourKind::Xm:
        return ShellCommand{toolPath(id, QStringLiteral("xm")), {QStringLiteral("list")}};
    }
    return {};
}

ShellCommand HostSession::vmListCommand(const HostIdentity& id)
{
    // dom-id is the CLI's name of VM.domid; VCPUs-number comes from VM_metrics; both
    // xapi generations print every one of these fields.
    return xe(id, {QStringLiteral("vm-list"),
                   QStringLiteral("params=uuid,name-label,power-state,resident-on,is-control-domain,is-a-template,"
                                  "is-a-snapshot,current-operations,allowed-operations,dom-id,memory-static-max,"
                                  "VCPUs-number,HVM-boot-policy")});
}

ShellCommand HostSession::taskListCommand(const HostIdentity& id)
{
    return xe(id, {QStringLiteral("task-list"), QStringLiteral("status=pending"),
                   QStringLiteral("params=uuid,name-label,status,progress,created,allowed_operations,resident-on")});
}

ShellCommand HostSession::hostListCommand(const HostIdentity& id)
{
    return xe(
        id, {QStringLiteral("host-list"), QStringLiteral("params=uuid,name-label,address,enabled,host-metrics-live")});
}

ShellCommand HostSession::poolListCommand(const HostIdentity& id)
{
    return xe(id, {QStringLiteral("pool-list"), QStringLiteral("params=uuid,name-label,master")});
}

ShellCommand HostSession::healthCommand(const HostIdentity& id)
{
    if (id.uuid.isEmpty())
        return xe(id, {QStringLiteral("pool-list"), QStringLiteral("params=uuid"), QStringLiteral("--minimal")});
    return xe(id, {QStringLiteral("host-param-get"), QStringLiteral("uuid=") + id.uuid,
                   QStringLiteral("param-name=enabled")});
}

int HostSession::nextInterval(int baseMs, qint64 lastCycleMs, int capMs)
{
    const qint64 next = std::max<qint64>(baseMs, 2 * lastCycleMs);
    return int(std::min<qint64>(next, std::max(baseMs, capMs)));
}

Result<DomainList> HostSession::parseHypervisorListing(FlavourKind flavour, QByteArrayView output)
{
    return isXapiFlavour(flavour)       ? DomainListParser::parseListDomains(output)
           : flavour == FlavourKind::Xl ? DomainListParser::parseXlList(output)
                                        : DomainListParser::parseXmList(output);
}

std::optional<XapiHealth> HostSession::healthOf(const CommandResult& r, int slowThresholdMs, FlavourKind flavour)
{
    switch (r.outcome) {
    case CommandOutcome::TimedOut:
        return XapiHealth::NotAnswering;
    case CommandOutcome::Cancelled:
    case CommandOutcome::ConnectionLost:
    case CommandOutcome::Failed:
        return std::nullopt;
    case CommandOutcome::Finished:
        break;
    }
    const XapiHealth answered = r.elapsedMs > slowThresholdMs ? XapiHealth::Slow : XapiHealth::Answering;
    if (r.exitStatus == 0)
        return answered;
    const QByteArray text = r.stdErr.trimmed().isEmpty() ? r.stdOut : r.stdErr;
    if (flavour == FlavourKind::Xm) {
        // xm's own words when xend is not there (xm/main.py).
        if (text.contains("Unable to connect to xend") || text.contains("Connection refused"))
            return XapiHealth::Refused;
        return answered;
    }
    const Result<XeError> e = XeError::parse(text);
    if (!e)
        return answered;
    switch (e->kind) {
    case XeErrorKind::LostConnection:
        return XapiHealth::NotAnswering;
    case XeErrorKind::ConnectionFailed:
    case XeErrorKind::CannotContact:
        return XapiHealth::Refused;
    default:
        break;
    }
    return answered;
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
        std::optional<HostIdentity> id = parseProbe(r.stdOut, &error);
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
        const QString tool = m_identity.flavour.kind == FlavourKind::Xl ? QStringLiteral("xl") : QStringLiteral("xm");
        const ShellCommand info{toolPath(m_identity, tool), {QStringLiteral("info")}};
        send(info.toShell(), m_options.hypervisorTimeoutMs, true, [this](const CommandResult& r) {
            if (r.succeeded()) {
                if (const Result<XenInfo> info = XenInfo::parse(r.stdOut)) {
                    m_identity.xenVersion = info->xenVersion();
                    m_identity.totalMemoryMiB = info->totalMemoryMiB().value_or(-1);
                    if (m_identity.flavour.productVersion.isEmpty())
                        m_identity.flavour.productVersion = m_identity.xenVersion;
                }
            }
            if (m_identity.flavour.kind == FlavourKind::Xm)
                applyHealth(healthOf(r, m_options.slowThresholdMs, FlavourKind::Xm));
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

template <typename Work, typename Apply>
void HostSession::offThread(Work work, Apply apply)
{
    // Results of a poll that stop() (or a reconnect) made obsolete are dropped.
    const int generation = m_generation;
    runOffThread(this, std::move(work), [this, generation, apply = std::move(apply)](auto result) mutable {
        if (generation == m_generation)
            apply(std::move(result));
    });
}

void HostSession::startHypervisorGroup()
{
    if (m_state != State::Ready || m_hv.running)
        return;
    m_hv.running = true;
    m_hv.pending = 1;
    m_hv.clock.start();
    const ShellCommand cmd = hypervisorCommand(m_identity);
    send(cmd.toShell(), m_options.hypervisorTimeoutMs, false, [this](const CommandResult& r) {
        if (m_identity.flavour.kind == FlavourKind::Xm)
            applyHealth(healthOf(r, m_options.slowThresholdMs, FlavourKind::Xm));
        if (!r.succeeded()) {
            m_hypervisorView.error = r.error.isEmpty() ? QString::fromUtf8(r.stdErr.trimmed()) : r.error;
            Q_EMIT hypervisorViewChanged();
            groupStep(m_hv, true);
            return;
        }
        // Parsing a large listing takes milliseconds: off the GUI thread. The group does not
        // start again before the result is applied, so results arrive in poll order.
        const FlavourKind kind = m_identity.flavour.kind;
        offThread([out = r.stdOut, kind] { return parseHypervisorListing(kind, out); },
                  [this](Result<DomainList> list) {
                      if (list) {
                          m_hypervisorView.valid = true;
                          m_hypervisorView.time = QDateTime::currentDateTimeUtc();
                          m_hypervisorView.format = list->format;
                          m_hypervisorView.domains = std::move(list.value().domains);
                          m_hypervisorView.error.clear();
                      } else {
                          m_hypervisorView.error = list.errorMessage();
                      }
                      Q_EMIT hypervisorViewChanged();
                      groupStep(m_hv, true);
                  });
    });
}

void HostSession::startXapiGroup()
{
    if (m_state != State::Ready || m_xapi.running || !hasXapiGroup())
        return;
    m_xapi.running = true;
    m_xapi.clock.start();
    m_pendingVms.reset();
    m_pendingTasks.reset();
    m_groupHealth.reset();
    const bool discover = m_xapi.cycles % std::max(1, m_options.poolRefreshEvery) == 0 || !m_pool.isKnown();
    // Each handler calls `step` once it is done with the result (possibly after parsing it
    // off the GUI thread); the group ends when every command's step has run.
    using Step = std::function<void()>;
    QList<std::pair<ShellCommand, std::function<void(const CommandResult&, const Step&)>>> commands;
    if (discover) {
        // A few lines each: parsed here.
        commands.append({poolListCommand(m_identity), [this](const CommandResult& r, const Step& step) {
                             if (r.succeeded()) {
                                 if (std::optional<XapiPool> p = PoolState::parsePoolList(r.stdOut);
                                     p && *p != m_pool) {
                                     m_pool = *p;
                                     Q_EMIT poolChanged();
                                 }
                             }
                             step();
                         }});
        commands.append({hostListCommand(m_identity), [this](const CommandResult& r, const Step& step) {
                             if (r.succeeded()) {
                                 if (std::optional<QList<XapiHost>> h = PoolState::parseHostList(r.stdOut);
                                     h && *h != m_poolHosts) {
                                     m_poolHosts = *h;
                                     Q_EMIT poolChanged();
                                 }
                             }
                             step();
                         }});
    }
    if (m_pollsXapi) {
        // Thousands of records on a large pool: parsed off the GUI thread.
        commands.append({vmListCommand(m_identity), [this](const CommandResult& r, const Step& step) {
                             if (!r.succeeded())
                                 return step();
                             offThread([out = r.stdOut] { return PoolState::parseVmList(out); },
                                       [this, step](std::optional<QList<XapiVm>> vms) {
                                           m_pendingVms = std::move(vms);
                                           step();
                                       });
                         }});
        commands.append({taskListCommand(m_identity), [this](const CommandResult& r, const Step& step) {
                             if (!r.succeeded())
                                 return step();
                             offThread([out = r.stdOut] { return PoolState::parseTaskList(out); },
                                       [this, step](std::optional<QList<XapiTask>> tasks) {
                                           m_pendingTasks = std::move(tasks);
                                           step();
                                       });
                         }});
    } else if (!discover) {
        commands.append({healthCommand(m_identity), [](const CommandResult&, const Step& step) { step(); }});
    }
    m_xapi.pending = int(commands.size());
    for (const auto& [cmd, handler] : commands) {
        send(cmd.toShell(), m_options.xapiTimeoutMs, discover && m_xapi.cycles == 0,
             [this, handler](const CommandResult& r) {
                 const std::optional<XapiHealth> h = healthOf(r, m_options.slowThresholdMs, m_identity.flavour.kind);
                 if (h && (!m_groupHealth || rank(*h) > rank(*m_groupHealth)))
                     m_groupHealth = h;
                 if (r.outcome == CommandOutcome::Finished)
                     m_lastXapiMs = std::max(m_lastXapiMs, r.elapsedMs);
                 if (h && (*h == XapiHealth::Answering || *h == XapiHealth::Slow))
                     m_lastXapiAnswer = QDateTime::currentDateTimeUtc();
                 handler(r, [this] { groupStep(m_xapi, false); });
             });
    }
}

void HostSession::groupStep(Group& group, bool hypervisor)
{
    if (--group.pending > 0)
        return;
    group.running = false;
    ++group.cycles;
    const qint64 elapsed = group.clock.elapsed();
    group.nextMs = nextInterval(m_options.intervalMs, elapsed, m_options.maxIntervalMs);
    if (!hypervisor) {
        applyHealth(m_groupHealth);
        if (m_pendingVms) {
            m_xapiView.valid = true;
            m_xapiView.time = QDateTime::currentDateTimeUtc();
            m_xapiView.vms = std::move(*m_pendingVms);
            if (m_pendingTasks)
                m_xapiView.tasks = std::move(*m_pendingTasks);
            m_pendingVms.reset();
            m_pendingTasks.reset();
            Q_EMIT xapiViewChanged();
        } else if (m_pollsXapi) {
            Q_EMIT xapiViewChanged(); // unchanged records, but their health is news
        }
    }
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
