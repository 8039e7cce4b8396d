#pragma once

// One lab host of the in-process lab (SimHost), connected and identified, with its live
// session kept (the panes follow it) and registered in a ConnectionManager, so that changes go
// through the command gateway as in the app. Header only: include it from a test that links
// xr_app and xr_sim.
#include "AppPaths.h"
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "HostSession.h"
#include "Inventory.h"
#include "SimHost.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

namespace xr::test {

struct InProcessLabHost
{
    std::shared_ptr<sim::SimLab> lab;
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Inventory inventory{paths.settingsFile()};
    ConnectionManager connections{paths, &inventory};
    CommandGateway gateway{&connections, paths.auditLogFile()};
    std::unique_ptr<sim::SimHost> host; // destroyed before the manager, which then forgets it
    QString hostId;
    std::unique_ptr<HostSession> session; // destroyed before its host
    HostIdentity identity;
    QString root; // the host's simulated file tree

    /// Lays out `scenario`, connects `hostName` (empty: the pool's master) and waits until it
    /// is identified.
    bool start(const QString& scenario, const QString& hostName = {})
    {
        lab = sim::SimLab::fromScenario(scenario);
        if (!lab)
            return false;
        const QString name = hostName.isEmpty() ? lab->pool()->master()->name : hostName;
        host = std::make_unique<sim::SimHost>(lab, name);
        hostId = connections.addUnsavedHost(name, name, host.get());
        root = lab->store()->hostRoot(name);
        session = std::make_unique<HostSession>(host.get(), nullptr);
        HostSession::Options o;
        o.autoPoll = false;
        session->setOptions(o);
        QSignalSpy identified(session.get(), &HostSession::identified);
        session->start();
        host->connectToHost();
        if (!identified.wait(10000))
            return false;
        identity = session->identity();
        return true;
    }

    /// Actions on this (lab) host are recorded in `path`.
    void setAuditLog(const QString& path) { gateway.setLabAuditLog(path); }
};

} // namespace xr::test
