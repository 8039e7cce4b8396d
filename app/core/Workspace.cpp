#include "Workspace.h"

#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "DemoSession.h"
#include "HostSession.h"
#include "MemberAddress.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "RemoteOperation.h"
#include "RescueDiagnosis.h"
#include "RescueRun.h"
#include "VmActions.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>

namespace xr {

namespace {

Q_LOGGING_CATEGORY(lcPoolMembers, "xr.pool.members")

// A member's address comes from the pool (`xe host-list`), which XenRescue does not trust: it
// becomes an SSH target only as an IP address or a host name (issue 14). A refused one is
// reported once per process (the pool is polled again and again).
bool isSafeMemberAddress(const XapiHost& member)
{
    const Result<MemberAddress::Kind> checked = MemberAddress::check(member.address);
    if (checked)
        return true;
    static QSet<QString> reported;
    if (!reported.contains(member.uuid + u'\n' + member.address)) {
        reported.insert(member.uuid + u'\n' + member.address);
        qCWarning(lcPoolMembers).noquote()
            << QStringLiteral("Pool member %1 (%2) is not offered for connecting: %3")
                   .arg(member.uuid, MemberAddress::displayable(member.name), checked.errorMessage());
    }
    return false;
}

} // namespace

Workspace::Workspace(AppPaths paths, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
    , m_inventory(std::make_unique<Inventory>(m_paths.settingsFile()))
    , m_connections(std::make_unique<ConnectionManager>(m_paths, m_inventory.get()))
    , m_gateway(std::make_unique<CommandGateway>(m_connections.get(), m_paths.auditLogFile()))
    , m_poolModel(std::make_unique<PoolTreeModel>())
    , m_monitor(std::make_unique<PoolMonitor>(m_poolModel.get(), &m_gateway->auditLog()))
    , m_demo(std::make_unique<DemoSession>(m_connections.get()))
{
    // Every transport gets a session: flavour, pool, both views of the VMs, polled. Lab hosts'
    // reads are not audited (nothing real runs).
    ConnectionManager* connections = m_connections.get();
    PoolMonitor* monitor = m_monitor.get();
    connect(connections, &ConnectionManager::hostCreated, this,
            [connections, monitor](const QString& id, RemoteHost* h) {
                monitor->addHost(id, h, !connections->isUnsaved(id));
                monitor->setHostLabel(id, connections->hostLabel(id));
            });
    connect(connections, &ConnectionManager::hostChanged, this,
            [connections, monitor](const QString& id) { monitor->setHostLabel(id, connections->hostLabel(id)); });
    connect(connections, &ConnectionManager::hostRemoved, monitor, &PoolMonitor::removeHost);

    // Lab hosts record their actions in a lab audit log of their own, never in the real one.
    connect(m_demo.get(), &DemoSession::activeChanged, this, [this](bool active) {
        m_gateway->setLabAuditLog(
            active ? QFileInfo(m_paths.auditLogFile()).dir().filePath(QStringLiteral("lab-audit.jsonl")) : QString());
    });

    // Pool membership outlives the session: remembered in the settings (never the lab's).
    for (const QString& pool : m_inventory->pools()) {
        QList<XapiHost> members;
        for (const SavedPoolMember& m : m_inventory->poolMembers(pool))
            members.append(XapiHost{m.uuid, m.name, m.address, true, true});
        m_monitor->rememberMembers(pool, members);
    }
    connect(monitor, &PoolMonitor::membershipChanged, this,
            [this](const QString& pool, const QString& name, const QList<XapiHost>& members) {
                if (isLabActive())
                    return;
                QList<SavedPoolMember> saved;
                for (const XapiHost& h : members)
                    saved.append(SavedPoolMember{h.uuid, h.name, h.address});
                m_inventory->setPoolMembers(pool, name, saved);
            });
    connect(monitor, &PoolMonitor::membersDiscovered, this,
            [this](const QString& pool, const QList<XapiHost>& unconnected) {
                if (isLabActive())
                    return;
                const QList<XapiHost> offer = membersToOffer(pool, unconnected);
                if (!offer.isEmpty())
                    Q_EMIT membersOffered(pool, offer);
            });
}

Workspace::~Workspace()
{
    // Sessions and runs first, then the transports they use (members go in reverse order).
    m_demo.reset();
    m_monitor.reset();
}

QList<InFlightAction> Workspace::actionsInFlight(const QStringList& hostIds) const
{
    QList<InFlightAction> out;
    for (const InFlightAction& a : m_gateway->inFlight()) {
        if (hostIds.isEmpty() || hostIds.contains(a.hostId))
            out.append(a);
    }
    return out;
}

void Workspace::whenNoActions(const QStringList& hostIds, QObject* context, std::function<void()> then)
{
    if (actionsInFlight(hostIds).isEmpty()) {
        then();
        return;
    }
    // One shot. Queued: an action's own finished handler may send its next step (a rung's next
    // command, the dom0 change's next write) right after the gateway saw the last one end, so
    // "none in flight" is only believed at the next turn of the event loop.
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto done = std::make_shared<bool>(false);
    *connection = connect(
        m_gateway.get(), &CommandGateway::inFlightChanged, context,
        [this, hostIds, connection, done, then = std::move(then)](const QString&) {
            if (*done || !actionsInFlight(hostIds).isEmpty())
                return;
            *done = true;
            QObject::disconnect(*connection);
            then();
        },
        Qt::QueuedConnection);
}

QStringList Workspace::hostsTornDownByLab(bool starting) const
{
    if (isLabActive())
        return m_demo->hostIds(); // a restart or a stop replaces the lab's hosts
    if (!starting)
        return {};
    return m_connections->hostIds(); // the saved hosts leave while the lab is shown
}

bool Workspace::isLabActive() const
{
    return m_demo && m_demo->isActive();
}

void Workspace::start(const std::optional<QString>& demoScenario, bool connectMarked)
{
    if (demoScenario) {
        const Result<void> started = m_demo->start(*demoScenario);
        if (started)
            return; // lab hosts and real hosts never mix: the saved ones stay unloaded
        qWarning("%s", qPrintable(started.errorMessage()));
    }
    m_connections->loadInventory(connectMarked);
}

QString Workspace::saveHost(const SavedHost& host)
{
    return m_connections->saveHost(host);
}

void Workspace::connectHost(const QString& id)
{
    m_connections->connectHost(id);
}

void Workspace::disconnectHost(const QString& id)
{
    m_connections->disconnectHost(id);
}

void Workspace::removeHost(const QString& id)
{
    m_connections->removeHost(id);
}

void Workspace::refresh(const QString& modelId)
{
    if (!m_monitor)
        return; // the workspace is going: nothing to poll
    QString only;
    if (!modelId.isEmpty()) {
        only = m_monitor->sessionIdForModelId(modelId);
        if (only.isEmpty()) {
            if (const std::optional<std::pair<QString, VmState>> vm = m_monitor->findVm(modelId))
                only = m_monitor->sessionIdForModelId(vm->second.hostId);
        }
    }
    for (const QString& id : m_monitor->sessionIds()) {
        if (only.isEmpty() || id == only) {
            if (HostSession* s = m_monitor->session(id))
                s->pollNow();
        }
    }
}

std::optional<SavedHost> Workspace::poolTemplateHost(const QString& poolUuid) const
{
    // The credentials of a saved host of that pool: members are usually reached the same way.
    for (const QString& id : m_monitor->sessionIds()) {
        const HostSession* s = m_monitor->session(id);
        if (s && s->pool().uuid == poolUuid && !m_connections->isUnsaved(id)) {
            if (std::optional<SavedHost> saved = m_connections->savedHost(id))
                return saved;
        }
    }
    return std::nullopt;
}

QList<XapiHost> Workspace::membersToOffer(const QString& poolUuid, const QList<XapiHost>& unconnected) const
{
    const std::optional<SavedHost> model = poolTemplateHost(poolUuid);
    if (!model)
        return {};
    QList<XapiHost> offer;
    for (const XapiHost& h : unconnected) {
        if (h.address.isEmpty() || !h.live || !isSafeMemberAddress(h))
            continue;
        SshEndpoint e;
        e.host = h.address;
        e.port = model->endpoint.port;
        e.user = model->endpoint.user;
        if (m_inventory->find(e))
            continue; // saved already: the user chose how it connects
        offer.append(h);
    }
    return offer;
}

void Workspace::connectPoolMembers(const QString& poolUuid, const QList<XapiHost>& members)
{
    const std::optional<SavedHost> model = poolTemplateHost(poolUuid);
    if (!model)
        return;
    for (const XapiHost& h : members) {
        if (!isSafeMemberAddress(h))
            continue; // never saved nor connected, whoever asked
        SavedHost member = *model;
        member.id.clear();
        member.label = h.name;
        member.endpoint.host = h.address;
        const QString id = m_connections->saveHost(member);
        m_connections->connectHost(id);
    }
}

void Workspace::connectPoolMemberOf(const QString& vmId, const QString& hostUuid)
{
    const std::optional<std::pair<QString, VmState>> found = m_monitor->findVm(vmId);
    if (!found || !found->first.startsWith(QStringLiteral("pool:")))
        return;
    const QString pool = found->first.mid(5);
    for (const XapiHost& h : m_monitor->poolMembers(pool)) {
        if (h.uuid == hostUuid && !h.address.isEmpty() && isSafeMemberAddress(h))
            connectPoolMembers(pool, {h});
    }
}

Result<void> Workspace::runVmAction(VmAction action, const VmState& vm, const QString& runId)
{
    // What the row says may have been printed by another VM's name: nothing is sent until
    // the VM is read by uuid= (a rescue's diagnosis does), whatever the caller's copy says.
    if (const QString why = VmActions::refusal(vm); !why.isEmpty())
        return Result<void>::failure(why);
    const QString hostSessionId = m_monitor->sessionIdForModelId(vm.hostId);
    QString scope;
    if (const std::optional<std::pair<QString, VmState>> found = m_monitor->findVm(vm.id)) {
        scope = found->first;
        if (const QString why = VmActions::refusal(found->second); !why.isEmpty())
            return Result<void>::failure(why);
    }
    const QString sourceId = m_monitor->xapiSourceId(scope);
    const HostSession* source = m_monitor->session(sourceId);
    const HostSession* any = source ? source : m_monitor->session(hostSessionId);
    if (!any || !any->isIdentified())
        return Result<void>::failure(tr("The VM's host is not connected."));
    const FlavourKind kind = any->identity().flavour.kind;
    const QString sessionId = isXapiFlavour(kind) ? sourceId : hostSessionId;
    const QString name = vm.name.isEmpty() ? vm.uuid : vm.name;
    const AuditContext audit{runId, vm.uuid, vm.name, QStringLiteral("vm ") + VmActions::key(action)};
    auto target = [kind](const VmState& v) {
        return VmActionTarget{kind, v.uuid, v.domain.isPresent() ? v.domain.domid : -1};
    };
    QString whyNot;
    if (!VmActions::commandToSend(action, target(vm), vm.domain.name, &whyNot))
        return Result<void>::failure(whyNot);

    // Sends the action for the VM as `now` shows it.
    auto send = [this, action, sessionId, audit, name, target](const VmState& now) -> Result<void> {
        QString why;
        const std::optional<ShellCommand> cmd = VmActions::commandToSend(action, target(now), now.domain.name, &why);
        if (!cmd)
            return Result<void>::failure(why);
        CommandRequest request;
        request.command = cmd->toShell();
        request.timeoutMs = 120000;
        const Result<RemoteCommand*> sent = m_gateway->runAction(sessionId, request, audit);
        if (!sent)
            return Result<void>(sent.error());
        RemoteCommand* c = *sent;
        connect(c, &RemoteOperation::finished, this, [this, c, action, name] {
            c->deleteLater();
            Q_EMIT vmActionFinished(action, name, c->result());
            refresh();
        });
        return Result<void>::success();
    };

    // Forced actions, and every action by domain id, act on what the host says now, not on
    // what the tree showed when the menu opened: the VM's state is read again first, and the
    // action is refused when its power state or its domain changed meanwhile.
    const bool byDomid = !isXapiFlavour(kind);
    if (!VmActions::isForced(action) && !byDomid)
        return send(vm);
    if (scope.isEmpty() || sourceId.isEmpty())
        return Result<void>::failure(tr("The VM is no longer in the tree: nothing was sent."));
    auto refuse = [this, action, name](const QString& why) {
        CommandResult r;
        r.outcome = CommandOutcome::Failed;
        r.error = why;
        Q_EMIT vmActionFinished(action, name, r);
    };
    CommandGateway* gateway = m_gateway.get();
    const AuditContext readAudit{runId, vm.uuid, vm.name, QStringLiteral("vm check")};
    auto reader = [gateway, readAudit](const ReadCommand& command, const CommandRequest& request) {
        return gateway->runRead(command.sessionId, request, readAudit);
    };
    auto* read = new RescueDiagnosis(m_monitor.get(), reader, RescueDiagnosis::Target{vm.id, vm, scope, sourceId, true},
                                     m_monitor->thresholds(), this);
    const VmState before = vm;
    connect(read, &RescueDiagnosis::finished, this, [read, before, byDomid, send, refuse] {
        read->deleteLater();
        const DiagnosisFinding& f = read->finding();
        if (f.lost || f.failed) {
            refuse(tr("The VM's state could not be read again before sending (%1): nothing was sent.")
                       .arg(f.lost ? tr("the connection to %1 was lost").arg(f.lostHost) : f.error));
            return;
        }
        const VmState& now = f.vm;
        QStringList changed;
        if (!byDomid && now.powerState != before.powerState)
            changed << tr("its power state is now %1 (it was %2)")
                           .arg(PoolState::powerStateText(now.powerState),
                                PoolState::powerStateText(before.powerState));
        const bool domainSame = now.domain.presence == before.domain.presence &&
                                (!now.domain.isPresent() || now.domain.domid == before.domain.domid);
        if (!domainSame)
            changed << tr("its domain is now %1 (it was %2)")
                           .arg(PoolState::domainText(now.domain), PoolState::domainText(before.domain));
        if (!changed.isEmpty()) {
            refuse(tr("The VM changed since it was shown: %1. Nothing was sent; look at its state again and choose "
                      "again.")
                       .arg(changed.join(QStringLiteral("; "))));
            return;
        }
        if (const Result<void> sent = send(now); !sent)
            refuse(sent.errorMessage());
    });
    read->start();
    return Result<void>::success();
}

RescueRun* Workspace::createRescue(const QString& vmId, QObject* parent)
{
    CommandGateway* gateway = m_gateway.get();
    auto sender = [gateway](const QString& sessionId, const CommandRequest& request, const AuditContext& context,
                            RescueRun::CommandKind kind) {
        // The rescue's diagnosis and checks are reads: recorded when they end, never counted as
        // actions in flight, stopped (not left running) when the connection goes.
        return kind == RescueRun::CommandKind::Read ? gateway->runRead(sessionId, request, context)
                                                    : gateway->runAction(sessionId, request, context);
    };
    auto* run = new RescueRun(m_monitor.get(), sender, vmId, parent);
    if (isLabActive()) {
        // Practice: the lab's checks wait a tenth of a real host's time.
        RescueRun::Options options;
        options.verificationTimeScale = 0.1;
        options.minCommandTimeoutMs = 15000;
        run->setOptions(options);
    }
    return run;
}

} // namespace xr
