#pragma once

#include "SshTypes.h"

#include <QString>

namespace xr {

/// Where XenRescue keeps its files. Built once from QStandardPaths (or from explicit folders
/// in tests) and passed down; nothing else in the app computes a path.
class AppPaths final
{
public:
    /// dataDir: the app's own files (known_hosts, audit log); configDir: settings;
    /// sshDir: the user's OpenSSH folder, read only.
    AppPaths(QString dataDir, QString configDir, QString sshDir);

    /// The standard locations: AppDataLocation, AppConfigLocation and ~/.ssh (also the
    /// folder OpenSSH for Windows uses, %USERPROFILE%\.ssh).
    static AppPaths standard();

    QString dataDir() const { return m_dataDir; }
    QString configDir() const { return m_configDir; }
    QString sshDir() const { return m_sshDir; }

    QString settingsFile() const;
    QString appKnownHostsFile() const;
    QString auditLogFile() const;
    QString userKnownHostsFile() const;
    QString userSshConfigFile() const;

    /// Creates the data and config folders (owner-only on Unix). False if that failed.
    bool ensureDirectories() const;

    /// Transport settings that follow from these paths.
    SshOptions sshOptions() const;

private:
    QString m_dataDir;
    QString m_configDir;
    QString m_sshDir;
};

} // namespace xr
