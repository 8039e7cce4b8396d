#include "LogOrigin.h"

namespace xr {

QString LogOrigin::displayName() const
{
    switch (kind) {
    case Kind::LocalFile:
        return path;
    case Kind::Command:
        return QStringLiteral("%1: %2").arg(hostName, path);
    case Kind::RemoteFile:
        break;
    }
    return QStringLiteral("%1:%2").arg(hostName, path);
}

bool LogOrigin::isCompressed() const
{
    return kind != Kind::Command && path.endsWith(QStringLiteral(".gz"), Qt::CaseInsensitive);
}

} // namespace xr
