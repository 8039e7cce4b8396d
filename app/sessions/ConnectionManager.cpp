#include "ConnectionManager.h"

#include "SshHost.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace xr {

namespace {
bool sameTransport(const SshEndpoint& a, const SshEndpoint& b)
{
    return a.host == b.host && a.port == b.port && a.user == b.user && a.auth == b.auth &&
           a.identityFile == b.identityFile && a.sshConfigFile == b.sshConfigFile;
}

QString describeEndpoint(const SshEndpoint& e)
{
    const int port = e.port == 0 ? 22 : e.port;
    const QString hostPort = port == 22 ? e.host : QStringLiteral("%1:%2").arg(e.host).arg(port);
    return e.user.isEmpty() ? hostPort : QStringLiteral("%1@%2").arg(e.user, hostPort);
}

// Why a failure of this kind is not retried; empty when it may heal by itself.
QString noRetryReason(FailureKind kind)
{
    switch (kind) {
    case FailureKind::Network:
        return {};
    case FailureKind::HostKeyChanged:
        return QCoreApplication::translate("ConnectionManager",
                                           "XenRescue stopped reconnecting because the host's key changed.");
    case FailureKind::HostKeyRejected:
        return QCoreApplication::translate("ConnectionManager",
                                           "XenRescue stopped reconnecting because the host's key was not accepted.");
    case FailureKind::LoginRefused:
        return QCoreApplication::translate("ConnectionManager",
                                           "XenRescue stopped reconnecting because the login was refused.");
    case FailureKind::LoginCancelled:
        return QCoreApplication::translate("ConnectionManager",
                                           "XenRescue stopped reconnecting because the login was cancelled.");
    }
    return {};
}

QString withReason(const QString& message, const QString& reason)
{
    return reason.isEmpty() ? message : message.isEmpty() ? reason : message + QLatin1Char(' ') + reason;
}
} // namespace

ConnectionManager::ConnectionManager(AppPaths paths, Inventory* inventory, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
    , m_inventory(inventory)
{
    m_factory = [this](const SavedHost& saved, const SshOptions& options) { return makeDefaultHost(saved, options); };
}

ConnectionManager::~ConnectionManager()
{
    const QStringList ids = m_hosts.keys();
    for (const QString& id : ids) {
        if (RemoteHost* h = m_hosts.value(id)) {
            h->disconnect(this);
            delete h;
        }
    }
}

void ConnectionManager::setHostFactory(HostFactory factory)
{
    m_factory = std::move(factory);
}

SshOptions ConnectionManager::sshOptions() const
{
    return m_paths.sshOptions();
}

RemoteHost* ConnectionManager::makeDefaultHost(const SavedHost& saved, const SshOptions& options)
{
    SshEndpoint endpoint = saved.endpoint;
    if (endpoint.sshConfigFile.isEmpty())
        endpoint.sshConfigFile = m_paths.userSshConfigFile();
    return new SshHost(endpoint, options);
}

void ConnectionManager::loadInventory(bool connectMarked)
{
    const QList<SavedHost> saved = m_inventory->hosts();
    for (const SavedHost& h : saved) {
        if (!m_hosts.contains(h.id))
            createHost(h);
    }
    if (!connectMarked)
        return;
    for (const SavedHost& h : saved) {
        if (h.connectOnStart)
            connectHost(h.id);
    }
}

void ConnectionManager::createHost(const SavedHost& saved)
{
    RemoteHost* host = m_factory(saved, sshOptions());
    if (!host)
        return;
    m_endpoints.insert(saved.id, saved.endpoint);
    addTransport(saved.id, host, saved.displayLabel(), describeEndpoint(saved.endpoint));
}

void ConnectionManager::addTransport(const QString& id, RemoteHost* host, const QString& label, const QString& endpoint)
{
    host->setParent(this);
    m_hosts.insert(id, host);
    if (!m_order.contains(id))
        m_order.append(id);
    m_records.insert(id, Record{label, endpoint});
    connect(host, &RemoteHost::stateChanged, this, [this, id, host](HostState state, const QString& message) {
        m_stopReason.remove(id);
        const QString reason = isProblem(state) ? noRetryReason(host->failureKind()) : QString();
        if (state == HostState::Connected) {
            m_backoff.remove(id);
        } else if (!reason.isEmpty()) {
            // The same key or credentials will be refused again: retrying would only hammer
            // the host (and its lockout). The admin decides (Try Again).
            if (m_wanted.contains(id) && m_backoff.contains(id))
                m_stopReason.insert(id, reason);
            m_backoff.remove(id);
        } else if (m_wanted.contains(id) &&
                   (state == HostState::Lost || (state == HostState::Failed && m_backoff.contains(id)))) {
            // Lost: the network or the host went away. Failed after an automatic retry: still away.
            scheduleReconnect(id);
        }
        Q_EMIT hostStateChanged(id, state, withReason(message, m_stopReason.value(id)));
    });
    Q_EMIT hostCreated(id, host);
}

QString ConnectionManager::addUnsavedHost(const QString& label, const QString& endpointText, RemoteHost* transport)
{
    const QString id = QStringLiteral("unsaved-%1").arg(++m_unsavedCounter);
    m_unsaved.insert(id);
    addTransport(id, transport, label, endpointText);
    return id;
}

QString ConnectionManager::addTransientHost(const QString& label, const QString& endpointText, RemoteHost* transport)
{
    const QString id = QStringLiteral("transient-%1").arg(++m_unsavedCounter);
    m_transient.insert(id);
    addTransport(id, transport, label, endpointText);
    return id;
}

void ConnectionManager::unloadHosts()
{
    const QStringList ids = m_order;
    for (const QString& id : ids) {
        destroyHost(id);
        Q_EMIT hostRemoved(id);
    }
}

void ConnectionManager::destroyHost(const QString& id)
{
    m_wanted.remove(id);
    m_backoff.remove(id);
    m_stopReason.remove(id);
    RemoteHost* host = m_hosts.take(id);
    m_endpoints.remove(id);
    m_unsaved.remove(id);
    m_transient.remove(id);
    m_order.removeAll(id);
    m_records.remove(id);
    if (host) {
        host->disconnect(this);
        host->disconnectFromHost();
        host->deleteLater();
    }
}

QStringList ConnectionManager::hostIds() const
{
    return m_order;
}

HostState ConnectionManager::hostState(const QString& id) const
{
    const RemoteHost* h = host(id);
    return h ? h->state() : HostState::Disconnected;
}

QString ConnectionManager::hostStateMessage(const QString& id) const
{
    const RemoteHost* h = host(id);
    return h ? withReason(h->stateMessage(), m_stopReason.value(id)) : QString();
}

bool ConnectionManager::isProblem(HostState state)
{
    return state == HostState::Lost || state == HostState::Failed;
}

RemoteHost* ConnectionManager::host(const QString& id) const
{
    return m_hosts.value(id);
}

SshHost* ConnectionManager::sshHost(const QString& id) const
{
    return qobject_cast<SshHost*>(host(id));
}

std::optional<SavedHost> ConnectionManager::savedHost(const QString& id) const
{
    return m_inventory->host(id);
}

QString ConnectionManager::saveHost(const SavedHost& input)
{
    SavedHost host = input;
    if (host.endpoint.port == 0)
        host.endpoint.port = 22; // as the inventory stores it
    std::optional<SavedHost> existing =
        host.id.isEmpty() ? m_inventory->find(host.endpoint) : m_inventory->host(host.id);
    if (!existing) {
        const QString id = m_inventory->add(host);
        if (auto added = m_inventory->host(id))
            createHost(*added);
        return id;
    }
    SavedHost updated = host;
    updated.id = existing->id;
    m_inventory->update(updated);
    if (!m_hosts.contains(updated.id) || !sameTransport(m_endpoints.value(updated.id), updated.endpoint)) {
        destroyHost(updated.id);
        createHost(updated);
    } else {
        m_records.insert(updated.id, Record{updated.displayLabel(), describeEndpoint(updated.endpoint)});
        Q_EMIT hostChanged(updated.id);
    }
    return updated.id;
}

void ConnectionManager::removeHost(const QString& id)
{
    const bool saved = !m_unsaved.contains(id) && !m_transient.contains(id);
    destroyHost(id);
    if (saved)
        m_inventory->remove(id);
    Q_EMIT hostRemoved(id);
}

void ConnectionManager::connectHost(const QString& id)
{
    if (RemoteHost* h = host(id)) {
        m_wanted.insert(id);
        h->connectToHost();
    }
}

void ConnectionManager::disconnectHost(const QString& id)
{
    m_wanted.remove(id);
    m_backoff.remove(id);
    m_stopReason.remove(id);
    if (RemoteHost* h = host(id))
        h->disconnectFromHost();
}

void ConnectionManager::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstReconnectMs = std::max(1, firstMs);
    m_maxReconnectMs = std::max(m_firstReconnectMs, maxMs);
}

void ConnectionManager::scheduleReconnect(const QString& id)
{
    if (m_reconnectScheduled.contains(id))
        return;
    const int delay = m_backoff.contains(id) ? std::min(m_backoff.value(id) * 2, m_maxReconnectMs) : m_firstReconnectMs;
    m_backoff.insert(id, delay);
    // ±20 %, so the hosts of a pool that dropped together do not all come back at once.
    const int spread = delay / 5;
    const int jittered =
        std::max(1, delay + (spread > 0 ? QRandomGenerator::global()->bounded(-spread, spread + 1) : 0));
    m_reconnectScheduled.insert(id);
    m_scheduledDelay.insert(id, jittered);
    Q_EMIT reconnectScheduled(id, jittered);
    QTimer::singleShot(jittered, this, [this, id] {
        m_reconnectScheduled.remove(id);
        m_scheduledDelay.remove(id);
        RemoteHost* h = host(id);
        if (!h || !m_wanted.contains(id) || !noRetryReason(h->failureKind()).isEmpty())
            return;
        if (h->state() == HostState::Lost || h->state() == HostState::Failed || h->state() == HostState::Disconnected)
            h->connectToHost();
    });
}

QString ConnectionManager::auditHostKey(const QString& id) const
{
    RemoteHost* h = host(id);
    return h ? h->displayName() : QString();
}

int ConnectionManager::count(HostState state) const
{
    int n = 0;
    for (const auto& h : m_hosts) {
        if (h && h->state() == state)
            ++n;
    }
    return n;
}

} // namespace xr
