#pragma once

#include <QCoreApplication>
#include <QString>

namespace xr {

/// Text shared by the host key dialogs: how to check a fingerprint on dom0 and how to
/// forget an old key.
class HostKeyText final
{
    Q_DECLARE_TR_FUNCTIONS(HostKeyText)

public:
    HostKeyText() = delete;

    /// The host key file on dom0 for a key type (ssh-ed25519 -> ssh_host_ed25519_key.pub).
    static QString hostKeyFile(const QString& keyType);
    /// "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"
    static QString verifyCommand(const QString& keyType);
    /// "ssh-keygen -R '[host]:port' -f 'file'" (plain host for port 22), ready to paste.
    static QString removeCommand(const QString& hostPort, const QString& knownHostsFile);
    /// "host:port" -> "host" and port, accepting "[v6]:port".
    static QString knownHostsName(const QString& hostPort);
};

} // namespace xr
