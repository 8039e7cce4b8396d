#pragma once

#include "LabPool.h"
#include "SshTypes.h"

// How tests and benchmarks reach a lab host over SSH, as a real host: header only, for the
// targets that link the SSH transport (xr_testsupport itself does not).

namespace xr::test {

/// The host's address, port, user and key; no ~/.ssh/config.
inline SshEndpoint labEndpoint(const LabPoolHost& h)
{
    SshEndpoint e;
    e.host = h.address;
    e.port = h.port;
    e.user = h.user;
    e.auth = AuthMethod::KeyFile;
    e.identityFile = h.clientKeyPath;
    e.sshConfigFile = QStringLiteral("none");
    return e;
}

/// The options that go with it: the host's own known_hosts line, no keychain, accepted
/// keys recorded in `appKnownHostsFile` (empty: the app's default).
inline SshOptions labOptions(const LabPoolHost& h, const QString& appKnownHostsFile = {})
{
    SshOptions o;
    o.appKnownHostsFile = appKnownHostsFile;
    o.userKnownHostsFile = h.knownHostsPath;
    o.useKeychain = false;
    return o;
}

} // namespace xr::test
