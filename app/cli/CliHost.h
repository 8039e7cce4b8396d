#pragma once

#include "AuditLog.h"
#include "CliDispatcher.h"
#include "PoolState.h"
#include "RemoteHost.h"
#include "SimHost.h"
#include "SshTypes.h"

#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace xr {

class SshHost;

/// A host the CLI connected to and identified: over SSH with the window's known_hosts and
/// keychain (an unknown host key is never accepted here), or a lab host with --demo.
struct CliHost
{
    std::shared_ptr<sim::SimLab> lab;
    std::unique_ptr<AuditLog> audit; // real hosts only
    std::unique_ptr<RemoteHost> transport;
    HostIdentity identity;
};

/// Connects to `hostArg` ([user@]host[:port], or a lab host name with `demoScenario`; empty:
/// the scenario's master) and reads its flavour and identity. Returns 0 on success, else the
/// exit code after a message on `context.err` prefixed with `command` (2 usage, 1 failure,
/// 3 host key, 4 credentials).
int connectCliHost(CliDispatcher::Context& context, const QString& command, const QString& hostArg,
                   const QString& demoScenario, double timeoutSeconds, CliHost& out);

namespace cli {

bool stdinIsTerminal();
/// Reads one line from the terminal without echo (POSIX termios; elsewhere a plain line).
QString readSecret(const QString& prompt, QTextStream& err);
/// [user@]host[:port], [v6]:port; nullopt for anything else (spaces, newlines, empty host).
std::optional<SshEndpoint> parseEndpoint(const QString& text);

/// The host-key and credential prompts of a CLI connection: an unknown or changed key is
/// refused with its fingerprint (finish(3)); passwords and passphrases are read from the
/// terminal without echo, refused when stdin is not one (finish(4)).
void answerSshPrompts(SshHost* ssh, QObject* receiver, CliDispatcher::Context& context,
                      const std::function<void(int)>& finish);

} // namespace cli

} // namespace xr
