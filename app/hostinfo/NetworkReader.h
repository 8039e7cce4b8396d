#pragma once

#include "NetworkTopology.h"
#include "PoolState.h"
#include "ShellCommand.h"

#include <QObject>
#include <QPointer>

namespace xr {

class AuditLog;
class HostReadBatch;
class RemoteHost;

/// Reads one host's network (issue 8): `ip -o link`, `brctl show`, `ovs-vsctl show`, on xapi
/// hosts `xe network-list / pif-list / vif-list / vm-list`, on xl/xm hosts the domain list and
/// the guest configuration files in /etc/xen, and what the anti-spoofing check needs
/// (`sysctl -n net.bridge.bridge-nf-call-iptables`, `iptables -S FORWARD`). The topology is
/// built on the thread pool; finished() delivers it in this object's thread.
class NetworkReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkReader)

public:
    NetworkReader(RemoteHost* host, const HostIdentity& identity, AuditLog* audit, QObject* parent = nullptr);
    ~NetworkReader() override;

    void start();

    /// The first round of commands, by key (tests and the README list them).
    static QList<std::pair<QString, ShellCommand>> commands(const HostIdentity& identity);

Q_SIGNALS:
    void finished(const xr::NetworkTopology& topology);

private:
    void readGuestConfigs();
    void build();

    QPointer<RemoteHost> m_host;
    HostIdentity m_identity;
    AuditLog* m_audit;
    HostReadBatch* m_batch = nullptr;
    HostReadBatch* m_configs = nullptr;
};

} // namespace xr
