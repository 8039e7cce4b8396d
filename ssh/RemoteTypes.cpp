#include "RemoteTypes.h"

#include <QCoreApplication>

namespace xr {

QString hostStateName(HostState state)
{
    switch (state) {
    case HostState::Disconnected:
        return QCoreApplication::translate("HostState", "disconnected");
    case HostState::Connecting:
        return QCoreApplication::translate("HostState", "connecting");
    case HostState::AwaitingHostKey:
        return QCoreApplication::translate("HostState", "waiting for host key approval");
    case HostState::Authenticating:
        return QCoreApplication::translate("HostState", "authenticating");
    case HostState::AwaitingCredentials:
        return QCoreApplication::translate("HostState", "waiting for credentials");
    case HostState::Connected:
        return QCoreApplication::translate("HostState", "connected");
    case HostState::Lost:
        return QCoreApplication::translate("HostState", "connection lost");
    case HostState::Failed:
        return QCoreApplication::translate("HostState", "connection failed");
    }
    return {};
}

} // namespace xr
