#include "HostKeyText.h"

#include <QDir>

namespace xr {

QString HostKeyText::hostKeyFile(const QString& keyType)
{
    QString kind = QStringLiteral("ed25519");
    if (keyType.contains(QLatin1String("ecdsa")))
        kind = QStringLiteral("ecdsa");
    else if (keyType.contains(QLatin1String("rsa")))
        kind = QStringLiteral("rsa");
    else if (keyType.contains(QLatin1String("dss")))
        kind = QStringLiteral("dsa");
    return QStringLiteral("/etc/ssh/ssh_host_%1_key.pub").arg(kind);
}

QString HostKeyText::verifyCommand(const QString& keyType)
{
    return QStringLiteral("ssh-keygen -lf %1").arg(hostKeyFile(keyType));
}

QString HostKeyText::knownHostsName(const QString& hostPort)
{
    QString host = hostPort;
    QString port;
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    const bool bracketed = hostPort.startsWith(QLatin1Char('['));
    if (colon > 0 && (bracketed || hostPort.count(QLatin1Char(':')) == 1)) {
        host = hostPort.left(colon);
        port = hostPort.mid(colon + 1);
    }
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (port.isEmpty() || port == QLatin1String("22"))
        return host;
    return QStringLiteral("[%1]:%2").arg(host, port);
}

QString HostKeyText::removeCommand(const QString& hostPort, const QString& knownHostsFile)
{
    const auto quote = [](QString s) {
        s.replace(QLatin1Char('\''), QLatin1String("'\\''"));
        return QLatin1Char('\'') + s + QLatin1Char('\'');
    };
    return QStringLiteral("ssh-keygen -R %1 -f %2")
        .arg(quote(knownHostsName(hostPort)), quote(QDir::toNativeSeparators(knownHostsFile)));
}

} // namespace xr
