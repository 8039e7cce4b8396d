#pragma once

// The main window over a lab pool behind real sshd (tests/support LabPool): hosts saved and
// connected like real ones, with the pool's own keys and known_hosts.
#include "AppPaths.h"
#include "ConnectionManager.h"
#include "HostSession.h"
#include "Inventory.h"
#include "LabPool.h"
#include "LabSsh.h"
#include "MainWindow.h"
#include "PoolMonitor.h"
#include "SshHost.h"
#include "Workspace.h"

#include <QTemporaryDir>

#include <memory>

namespace xr::test {

using namespace Qt::StringLiterals;

/// The window over a lab pool behind real sshd.
struct LabWindow
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Workspace workspace{paths};
    Inventory& inventory = *workspace.inventory();
    ConnectionManager& connections = *workspace.connections();
    LabPool pool{QStringLiteral(XR_LABHOST)};
    std::unique_ptr<MainWindow> window;
    QHash<int, LabPoolHost> byPort;
    QHash<QString, QString> ids; // lab host name -> saved host id

    bool start(const QString& scenario, int pollMs = 500, bool onlyMaster = false)
    {
        if (!pool.start(scenario)) {
            qWarning() << pool.errorString();
            return false;
        }
        for (const LabPoolHost& h : pool.hosts())
            byPort.insert(h.port, h);
        connections.setHostFactory([this](const SavedHost& saved, const SshOptions&) -> RemoteHost* {
            const LabPoolHost h = byPort.value(saved.endpoint.port);
            SshOptions o = xr::test::labOptions(h, paths.appKnownHostsFile());
            o.connectTimeoutMs = 10000;
            o.keepaliveIntervalMs = 1000;
            o.keepaliveMaxMissed = 2;
            return new SshHost(saved.endpoint, o);
        });
        window = std::make_unique<MainWindow>(&workspace);
        HostSession::Options options;
        options.intervalMs = pollMs;
        options.xapiTimeoutMs = 4000;
        options.hypervisorTimeoutMs = 4000;
        window->poolMonitor()->setSessionOptions(options);
        window->resize(1200, 800);
        window->show();
        for (const LabPoolHost& h : pool.hosts()) {
            if (!h.reachable || (onlyMaster && !h.master))
                continue;
            SavedHost saved;
            saved.label = h.name;
            saved.endpoint = xr::test::labEndpoint(h);
            const QString id = connections.saveHost(saved);
            ids.insert(h.name, id);
            connections.connectHost(id);
        }
        return true;
    }

    std::optional<VmState> vm(const QString& name) const
    {
        for (const QString& scope : window->poolMonitor()->scopes())
            for (const VmState& v : window->poolMonitor()->vms(scope))
                if ((v.name == name || name == u"*") && !v.isControlDomain)
                    return v;
        return std::nullopt;
    }

    /// The argv of every command the lab hosts received that changes something.
    QList<QStringList> changes() const { return LabPool::changesIn(pool.record()); }
};

} // namespace xr::test
