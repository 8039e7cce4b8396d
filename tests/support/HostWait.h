#pragma once

// The one wait the SSH tests share that must hand a bool back: a helper returning a connected
// host (or nullptr) cannot use QTRY_* (those end the test function they are written in). A
// test body waiting for anything else uses QTRY_VERIFY_WITH_TIMEOUT / QTRY_COMPARE_WITH_TIMEOUT
// or a QSignalSpy wait directly.

#include "RemoteHost.h"

#include <QDebug>
#include <QTest>

namespace xr::test {

/// Runs the event loop until `host` is connected or has failed (at most `ms`); true when it
/// is connected. Says why in the test log when it is not.
inline bool waitConnected(RemoteHost& host, int ms = 15000)
{
    const bool settled = QTest::qWaitFor(
        [&host] { return host.state() == HostState::Connected || host.state() == HostState::Failed; }, ms);
    if (host.state() == HostState::Connected)
        return true;
    if (settled)
        qWarning().noquote() << "connect failed:" << host.stateMessage();
    else
        qWarning().noquote() << "not connected after" << ms << "ms:" << host.stateMessage();
    return false;
}

} // namespace xr::test
