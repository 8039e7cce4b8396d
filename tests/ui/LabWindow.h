#pragma once

// The main window over a lab pool behind real sshd (tests/support LabPool): hosts saved and
// connected like real ones, with the pool's own keys and known_hosts.
#include "AppPaths.h"
#include "ConnectionManager.h"
#include "HostSession.h"
#include "HostTreeModel.h"
#include "Inventory.h"
#include "LabPool.h"
#include "MainWindow.h"
#include "PoolMonitor.h"
#include "SshHost.h"

#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace xr::test {

using namespace Qt::StringLiterals;

/// The window over a lab pool behind real sshd.
struct LabWindow
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Inventory inventory{paths.settingsFile()};
    HostTreeModel model;
    ConnectionManager connections{paths, &inventory, &model};
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
            SshOptions o;
            o.appKnownHostsFile = paths.appKnownHostsFile();
            o.userKnownHostsFile = h.knownHostsPath;
            o.useKeychain = false;
            o.connectTimeoutMs = 10000;
            o.keepaliveIntervalMs = 1000;
            o.keepaliveMaxMissed = 2;
            return new SshHost(saved.endpoint, o);
        });
        window = std::make_unique<MainWindow>(&connections);
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
            saved.endpoint.host = h.address;
            saved.endpoint.port = h.port;
            saved.endpoint.user = h.user;
            saved.endpoint.auth = AuthMethod::KeyFile;
            saved.endpoint.identityFile = h.clientKeyPath;
            saved.endpoint.sshConfigFile = QStringLiteral("none");
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

    /// Whether a command the lab hosts received only reads (the polls, the panes' readers).
    static bool isRead(const QStringList& argv)
    {
        const QString tool = argv.value(0).section(u'/', -1);
        const QString sub = argv.value(1);
        static const QStringList readTools{u"list_domains"_s, u"cat"_s,  u"hostname"_s, u"echo"_s,  u"command"_s,
                                           u"test"_s,         u"ip"_s,   u"grep"_s,     u"zgrep"_s, u"head"_s,
                                           u"tail"_s,         u"ls"_s,   u"stat"_s,     u"uname"_s, u"dmesg"_s,
                                           u"wc"_s,           u"true"_s, u"printf"_s};
        if (readTools.contains(tool))
            return true;
        if (tool == u"xe")
            return sub.endsWith(u"-list"_s) || sub.endsWith(u"-param-get"_s) || sub.endsWith(u"-param-list"_s);
        if (tool == u"xl" || tool == u"xm") {
            static const QStringList reads{u"list"_s,      u"info"_s,         u"uptime"_s, u"dmesg"_s,
                                           u"vcpu-list"_s, u"network-list"_s, u"vm-list"_s};
            return reads.contains(sub);
        }
        if (tool == u"tap-ctl")
            return sub == u"list";
        if (tool == u"brctl")
            return sub == u"show";
        if (tool == u"ovs-vsctl")
            return sub == u"show" || sub == u"list-br" || sub == u"list-ports";
        if (tool == u"sysctl")
            return !argv.contains(u"-w"_s) &&
                   !std::any_of(argv.begin() + 1, argv.end(), [](const QString& a) { return a.contains(u'='); });
        if (tool == u"iptables" || tool == u"ebtables")
            return sub == u"-S" || sub == u"-L" || sub == u"-nL";
        if (tool == u"xen-cmdline")
            return sub.startsWith(u"--get"_s);
        return false;
    }

    /// The argv of every command the lab hosts received that changes something.
    QList<QStringList> changes() const
    {
        QList<QStringList> out;
        for (const LabRecord& r : pool.record()) {
            if (r.argv.isEmpty() || isRead(r.argv))
                continue;
            QStringList argv = r.argv;
            argv[0] = argv[0].section(u'/', -1);
            out << argv;
        }
        return out;
    }
};

} // namespace xr::test
