#pragma once

#include <QString>

namespace xr {

/// Where a log comes from: a file on a host, a local file, or a command's output on a host.
struct LogOrigin
{
    enum class Kind { RemoteFile, LocalFile, Command };
    Kind kind = Kind::RemoteFile;
    /// The host's name as the user knows it (empty for a local file).
    QString hostName;
    /// The file's path; for a command, what it is called ("xl dmesg").
    QString path;
    /// Command: the shell string sent (built with ShellCommand::toShell()).
    QString command;

    /// "xs-01:/var/log/SMlog", "/home/me/SMlog", "xs-01: xl dmesg".
    QString displayName() const;
    /// The file is gzip-compressed (read whole and inflated, never followed).
    bool isCompressed() const;
};

} // namespace xr
