#pragma once

#include "AppPaths.h"
#include "Inventory.h"
#include "PoolState.h"
#include "RemoteTypes.h"
#include "Result.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace xr {

class CommandGateway;
struct InFlightAction;
class ConnectionManager;
class DemoSession;
class PoolMonitor;
class PoolTreeModel;
class RemoteCommand;
class RescueRun;
enum class VmAction;

/// The app core: the one object that owns the saved hosts (Inventory), the host registry
/// and transports (ConnectionManager), the pool monitor with its sessions and tree model,
/// the command gateway with the audit log, and the demo lab. The desktop window and the CLI
/// observe it and call it; they hold no state of their own about hosts, pools or VMs.
///
/// Lifetimes: destroyed in reverse order of construction, so sessions and runs go before the
/// transports they use.
class Workspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workspace)

public:
    explicit Workspace(AppPaths paths, QObject* parent = nullptr);
    ~Workspace() override;

    const AppPaths& paths() const { return m_paths; }
    Inventory* inventory() const { return m_inventory.get(); }
    ConnectionManager* connections() const { return m_connections.get(); }
    CommandGateway* gateway() const { return m_gateway.get(); }
    PoolTreeModel* poolModel() const { return m_poolModel.get(); }
    PoolMonitor* monitor() const { return m_monitor.get(); }
    DemoSession* demo() const { return m_demo.get(); }
    /// The demo's lab pool is shown (in place of the saved hosts).
    bool isLabActive() const;

    /// What the desktop app does at start: the demo scenario when one is given, else the
    /// saved hosts (connecting those marked "connect on start" when `connectMarked`).
    void start(const std::optional<QString>& demoScenario, bool connectMarked);

    // Hosts (one registry: ConnectionManager).
    QString saveHost(const SavedHost& host);
    void connectHost(const QString& id);
    void disconnectHost(const QString& id);
    void removeHost(const QString& id);
    /// Polls the hosts of a tree scope now (a pool, host or VM row's id; empty: every host).
    void refresh(const QString& modelId = {});

    // Pool members.
    /// A saved host of that pool whose way of connecting the members share (user, port, key).
    std::optional<SavedHost> poolTemplateHost(const QString& poolUuid) const;
    /// The members worth offering for connecting: live, with an address, not saved already.
    QList<XapiHost> membersToOffer(const QString& poolUuid, const QList<XapiHost>& unconnected) const;
    /// Saves and connects members with the template host's user, port and key.
    void connectPoolMembers(const QString& poolUuid, const QList<XapiHost>& members);
    /// Connects the pool member `hostUuid` of the pool VM `vmId` lives in (a rescue's rung
    /// runs on the VM's own host).
    void connectPoolMemberOf(const QString& vmId, const QString& hostUuid);

    // Teardown: closing the window, removing or disconnecting a host, entering or leaving the
    // lab pool ask first while a state-changing command runs on a host they would tear down.
    /// The actions in flight on these hosts (empty: every host), oldest first.
    QList<InFlightAction> actionsInFlight(const QStringList& hostIds = {}) const;
    /// Calls `then` (in `context`'s thread, unless `context` is gone) once no action is in
    /// flight on these hosts (empty: every host); at once when none is.
    void whenNoActions(const QStringList& hostIds, QObject* context, std::function<void()> then);
    /// The hosts a start or a stop of the lab pool would tear down: the real ones when it
    /// starts (they are unloaded), the lab's when it stops or restarts.
    QStringList hostsTornDownByLab(bool starting) const;

    // Actions (through the command gateway).
    /// Sends an everyday VM action (start, shutdown, forced ones) to the right host: the
    /// pool's xapi source on xapi hosts, the VM's own host on xl/xm. `runId` ties it to a
    /// rescue. vmActionFinished() follows; the hosts are polled again after it.
    [[nodiscard]] Result<void> runVmAction(VmAction action, const VmState& vm, const QString& runId = {});
    /// A rescue of one VM (model id), its commands sent through the gateway. The caller owns
    /// it. Lab runs check at a tenth of a real host's time.
    [[nodiscard]] RescueRun* createRescue(const QString& vmId, QObject* parent = nullptr);

Q_SIGNALS:
    /// Members of a pool that XenRescue could connect to (see membersToOffer()).
    void membersOffered(const QString& poolUuid, const QList<xr::XapiHost>& offer);
    void vmActionFinished(xr::VmAction action, const QString& vmName, const xr::CommandResult& result);

private:
    AppPaths m_paths;
    std::unique_ptr<Inventory> m_inventory;
    std::unique_ptr<ConnectionManager> m_connections;
    std::unique_ptr<CommandGateway> m_gateway;
    std::unique_ptr<PoolTreeModel> m_poolModel;
    std::unique_ptr<PoolMonitor> m_monitor;
    std::unique_ptr<DemoSession> m_demo;
};

} // namespace xr
