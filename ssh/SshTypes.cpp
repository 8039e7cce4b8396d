#include "SshTypes.h"

namespace xr {

QString SshEndpoint::key() const
{
    QString k;
    if (!user.isEmpty())
        k = user + QLatin1Char('@');
    k += host;
    if (port > 0)
        k += QLatin1Char(':') + QString::number(port);
    return k;
}

} // namespace xr
