#pragma once

#include "AppPaths.h"
#include "Inventory.h"
#include "RemoteHost.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace xr {

class SshHost;

/// The one registry of hosts and their connection state: one transport per saved host (an
/// SshHost unless a factory says otherwise) plus the demo's unsaved lab hosts, each with its
/// label, endpoint, state and automatic reconnection. It runs no command itself: actions go
/// through the CommandGateway, polls through the PoolMonitor's sessions. Lives in the GUI
/// thread; never blocks.
class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    /// Creates the transport for a saved host. The default builds an SshHost.
    using HostFactory = std::function<RemoteHost*(const SavedHost& host, const SshOptions& options)>;

    ConnectionManager(AppPaths paths, Inventory* inventory, QObject* parent = nullptr);
    ~ConnectionManager() override;

    /// Replaces how transports are made (tests, demo mode). Call before loadInventory().
    void setHostFactory(HostFactory factory);

    /// Creates a transport for every saved host; connects those marked "connect on start"
    /// when connectMarked is true.
    void loadInventory(bool connectMarked);

    const AppPaths& paths() const { return m_paths; }
    Inventory* inventory() const { return m_inventory; }
    SshOptions sshOptions() const;

    /// Every host, in the order they were added.
    QStringList hostIds() const;
    bool hasHost(const QString& id) const { return m_hosts.contains(id); }
    /// The name shown for a host (its saved label, or the host name).
    QString hostLabel(const QString& id) const { return m_records.value(id).label; }
    /// user@host[:port] as typed, for tooltips and the host Overview.
    QString endpointText(const QString& id) const { return m_records.value(id).endpoint; }
    /// The user of the host's endpoint (empty for lab hosts).
    QString endpointUser(const QString& id) const { return m_endpoints.value(id).user; }
    HostState hostState(const QString& id) const;
    QString hostStateMessage(const QString& id) const;
    /// A state that needs the admin's attention (failed, lost, a key or a login refused).
    static bool isProblem(HostState state);
    RemoteHost* host(const QString& id) const;
    /// The same transport as an SshHost, or nullptr when it is not one.
    SshHost* sshHost(const QString& id) const;
    std::optional<SavedHost> savedHost(const QString& id) const;

    /// Saves the host (or updates the saved host with the same host, port and user) and
    /// returns its id. Its transport is created (or re-created when the endpoint changed).
    QString saveHost(const SavedHost& host);
    void removeHost(const QString& id);

    /// Connects, and keeps the host connected: a lost connection is retried with a growing
    /// delay (first, 2 x first, ... up to max, each within ±20 % so a pool's hosts do not
    /// reconnect in lockstep) until disconnectHost(). A changed or rejected host key and a
    /// refused or cancelled login stop the retries: the state message says so.
    void connectHost(const QString& id);
    void disconnectHost(const QString& id);
    void setReconnectDelays(int firstMs, int maxMs);
    /// The delay before the next automatic reconnect of a host; 0 when none is scheduled.
    int reconnectDelayMs(const QString& id) const
    {
        return m_reconnectScheduled.contains(id) ? m_scheduledDelay.value(id) : 0;
    }

    /// Adds a host that is never saved (the demo's lab hosts): the manager owns `transport`,
    /// the inventory is untouched and its commands are not audited (nothing real runs).
    /// Returns its id.
    QString addUnsavedHost(const QString& label, const QString& endpointText, RemoteHost* transport);
    /// Adds a real host that is not saved (the CLI's one host for one command): the manager
    /// owns `transport`; its commands are audited like a saved host's. Returns its id.
    QString addTransientHost(const QString& label, const QString& endpointText, RemoteHost* transport);
    /// True for a host added with addUnsavedHost() (a lab host: never in the real audit log).
    bool isUnsaved(const QString& id) const { return m_unsaved.contains(id); }
    /// Removes every host from the manager and the tree without touching the inventory;
    /// loadInventory() brings the saved ones back.
    void unloadHosts();

    /// user@host:port of a host, as the audit log names it.
    QString auditHostKey(const QString& id) const;

    int count(HostState state) const;

Q_SIGNALS:
    /// A transport was created; the UI connects to its prompts here.
    void hostCreated(const QString& id, xr::RemoteHost* host);
    void hostRemoved(const QString& id);
    void hostStateChanged(const QString& id, xr::HostState state, const QString& message);
    /// A host's label or endpoint changed (saved again with another label).
    void hostChanged(const QString& id);
    /// A lost host will be connected again in `delayMs`.
    void reconnectScheduled(const QString& id, int delayMs);

private:
    void createHost(const SavedHost& saved);
    void addTransport(const QString& id, RemoteHost* host, const QString& label, const QString& endpoint);
    void destroyHost(const QString& id);
    RemoteHost* makeDefaultHost(const SavedHost& saved, const SshOptions& options);

    struct Record
    {
        QString label;
        QString endpoint;
    };

    AppPaths m_paths;
    Inventory* m_inventory;
    QStringList m_order;
    QHash<QString, Record> m_records;
    void scheduleReconnect(const QString& id);
    QSet<QString> m_wanted;               // hosts the user wants connected
    QHash<QString, int> m_backoff;        // the last reconnect delay per host
    QSet<QString> m_reconnectScheduled;   // a timer is pending
    QHash<QString, int> m_scheduledDelay; // the pending timer's delay (the back-off with jitter)
    QHash<QString, QString> m_stopReason; // why automatic reconnection stopped, while Failed
    int m_firstReconnectMs = 2000;
    int m_maxReconnectMs = 60000;
    HostFactory m_factory;
    QHash<QString, QPointer<RemoteHost>> m_hosts;
    QHash<QString, SshEndpoint> m_endpoints; // what each transport was built with
    QSet<QString> m_unsaved;
    QSet<QString> m_transient;
    int m_unsavedCounter = 0;
};

} // namespace xr
