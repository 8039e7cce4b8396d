#pragma once

#include "AppPaths.h"
#include "AuditLog.h"
#include "Inventory.h"
#include "RemoteHost.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace xr {

class HostTreeModel;
class SshHost;

/// Owns one transport per saved host (an SshHost unless a factory says otherwise), keeps
/// the tree model's host rows and states in step with the inventory and the transports, and
/// audits every command it runs. Lives in the GUI thread; never blocks.
class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    /// Creates the transport for a saved host. The default builds an SshHost.
    using HostFactory = std::function<RemoteHost*(const SavedHost& host, const SshOptions& options)>;

    ConnectionManager(AppPaths paths, Inventory* inventory, HostTreeModel* model, QObject* parent = nullptr);
    ~ConnectionManager() override;

    /// Replaces how transports are made (tests, demo mode). Call before loadInventory().
    void setHostFactory(HostFactory factory);

    /// Creates a transport for every saved host; connects those marked "connect on start"
    /// when connectMarked is true.
    void loadInventory(bool connectMarked);

    const AppPaths& paths() const { return m_paths; }
    Inventory* inventory() const { return m_inventory; }
    HostTreeModel* model() const { return m_model; }
    AuditLog& auditLog() { return m_audit; }
    SshOptions sshOptions() const;

    QStringList hostIds() const;
    RemoteHost* host(const QString& id) const;
    /// The same transport as an SshHost, or nullptr when it is not one.
    SshHost* sshHost(const QString& id) const;
    std::optional<SavedHost> savedHost(const QString& id) const;

    /// Saves the host (or updates the saved host with the same host, port and user) and
    /// returns its id. Its transport is created (or re-created when the endpoint changed).
    QString saveHost(const SavedHost& host);
    void removeHost(const QString& id);

    /// Connects, and keeps the host connected: a lost connection is retried with a growing
    /// delay (first, 2 x first, ... up to max) until disconnectHost().
    void connectHost(const QString& id);
    void disconnectHost(const QString& id);
    void setReconnectDelays(int firstMs, int maxMs);
    /// The delay before the next automatic reconnect of a host; 0 when none is scheduled.
    int reconnectDelayMs(const QString& id) const
    {
        return m_reconnectScheduled.contains(id) ? m_backoff.value(id) : 0;
    }

    /// Adds a host that is never saved (the demo's lab hosts): the manager owns `transport`,
    /// the inventory is untouched and its commands are not audited (nothing real runs).
    /// Returns its id. `poolName` groups it under a pool row when not empty.
    QString addUnsavedHost(const QString& label, const QString& endpointText, RemoteHost* transport,
                           const QString& poolId = {}, const QString& poolName = {});
    /// True for a host added with addUnsavedHost().
    bool isUnsaved(const QString& id) const { return m_unsaved.contains(id); }
    /// Removes every host from the manager and the tree without touching the inventory;
    /// loadInventory() brings the saved ones back.
    void unloadHosts();

    /// Runs a command on a host and writes one audit line when it ends. The caller owns the
    /// returned command; nullptr when the id is unknown.
    [[nodiscard]] RemoteCommand* run(const QString& id, const CommandRequest& request, const QString& runId = {});

    /// Runs a command of an action (a VM action, a rung of a rescue): a "sent" line goes to
    /// the audit log before the command is sent and its result after. When the "sent" line
    /// cannot be written nothing is sent: returns nullptr with `error` set. Lab hosts write to
    /// the lab audit log (setLabAuditLog), never to the real one.
    [[nodiscard]] RemoteCommand* runAction(const QString& id, const CommandRequest& request,
                                           const AuditContext& context, QString* error = nullptr);
    /// Where the actions on lab hosts are recorded (the demo's own audit log); empty: they
    /// are not recorded.
    void setLabAuditLog(const QString& path);
    /// The audit log the History tab shows: the lab's while lab hosts are loaded.
    QString historyLogFile() const;
    /// user@host:port of a host, as the audit log names it.
    QString auditHostKey(const QString& id) const;

    int count(HostState state) const;

Q_SIGNALS:
    /// A transport was created; the UI connects to its prompts here.
    void hostCreated(const QString& id, xr::RemoteHost* host);
    void hostRemoved(const QString& id);
    void hostStateChanged(const QString& id, xr::HostState state, const QString& message);
    /// The audit log could not be written: the UI must say so, loudly.
    void auditFailed(const QString& message);
    /// A line was added to the audit log the History tab shows.
    void auditWritten();
    /// A lost host will be connected again in `delayMs`.
    void reconnectScheduled(const QString& id, int delayMs);

private:
    void createHost(const SavedHost& saved);
    void addTransport(const QString& id, RemoteHost* host, const QString& label, const QString& endpoint);
    void destroyHost(const QString& id);
    RemoteHost* makeDefaultHost(const SavedHost& saved, const SshOptions& options);

    AppPaths m_paths;
    Inventory* m_inventory;
    HostTreeModel* m_model;
    AuditLog m_audit;
    std::unique_ptr<AuditLog> m_labAudit;
    void scheduleReconnect(const QString& id);
    QSet<QString> m_wanted;             // hosts the user wants connected
    QHash<QString, int> m_backoff;      // the last reconnect delay per host
    QSet<QString> m_reconnectScheduled; // a timer is pending
    int m_firstReconnectMs = 2000;
    int m_maxReconnectMs = 60000;
    HostFactory m_factory;
    QHash<QString, QPointer<RemoteHost>> m_hosts;
    QHash<QString, SshEndpoint> m_endpoints; // what each transport was built with
    QSet<QString> m_unsaved;
    int m_unsavedCounter = 0;
};

} // namespace xr
