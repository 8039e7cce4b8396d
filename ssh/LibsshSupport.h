#pragma once

#include <QLoggingCategory>
#include <QString>

#include <libssh/libssh.h>

namespace xr {

Q_DECLARE_LOGGING_CATEGORY(lcSsh) // "xr.ssh", defined in SshWorker.cpp

/// A string libssh allocated for us, copied and freed; null stays null.
inline QString takeLibsshString(char* s)
{
    QString out = s ? QString::fromUtf8(s) : QString();
    if (s)
        ssh_string_free_char(s);
    return out;
}

} // namespace xr
