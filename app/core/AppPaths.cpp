#include "AppPaths.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace xr {

AppPaths::AppPaths(QString dataDir, QString configDir, QString sshDir)
    : m_dataDir(std::move(dataDir))
    , m_configDir(std::move(configDir))
    , m_sshDir(std::move(sshDir))
{}

AppPaths AppPaths::standard()
{
    return AppPaths(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                    QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                    QDir(QDir::homePath()).filePath(QStringLiteral(".ssh")));
}

QString AppPaths::settingsFile() const
{
    return QDir(m_configDir).filePath(QStringLiteral("xenrescue.ini"));
}

QString AppPaths::appKnownHostsFile() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("known_hosts"));
}

QString AppPaths::auditLogFile() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("audit.jsonl"));
}

QString AppPaths::userKnownHostsFile() const
{
    return QDir(m_sshDir).filePath(QStringLiteral("known_hosts"));
}

QString AppPaths::userSshConfigFile() const
{
    return QDir(m_sshDir).filePath(QStringLiteral("config"));
}

bool AppPaths::ensureDirectories() const
{
    bool ok = true;
    for (const QString& dir : {m_dataDir, m_configDir}) {
        if (!QDir().mkpath(dir)) {
            ok = false;
            continue;
        }
        // The audit log and known_hosts are nobody else's business.
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return ok;
}

SshOptions AppPaths::sshOptions() const
{
    SshOptions options;
    options.appKnownHostsFile = appKnownHostsFile();
    options.userKnownHostsFile = userKnownHostsFile();
    return options;
}

} // namespace xr
