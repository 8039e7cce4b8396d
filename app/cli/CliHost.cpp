// Connecting the CLI to one host (network, memory): the same trust and prompts as `status`.
#include "CliHost.h"
#include "HostText.h"

#include "AppPaths.h"
#include "HostSession.h"
#include "SshHost.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <cstdio>
#include <termios.h>
#include <unistd.h>
#endif

namespace xr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

} // namespace

namespace cli {

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

QString readSecret(const QString& prompt, QTextStream& err)
{
#ifdef Q_OS_UNIX
    err << prompt << ' ';
    err.flush();
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    QTextStream in(stdin);
    const QString line = in.readLine();
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    err << '\n';
    err.flush();
    return line;
#else
    Q_UNUSED(prompt);
    Q_UNUSED(err);
    return {};
#endif
}

std::optional<SshEndpoint> parseEndpoint(const QString& text)
{
    SshEndpoint e;
    QString rest = text;
    const qsizetype at = rest.lastIndexOf(u'@');
    if (at >= 0) {
        e.user = rest.left(at);
        rest = rest.mid(at + 1);
    }
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        e.host = rest.mid(1, close - 1);
        rest = rest.mid(close + 1);
        if (rest.startsWith(u':'))
            rest = rest.mid(1);
        else if (!rest.isEmpty())
            return std::nullopt;
    } else {
        const qsizetype colon = rest.lastIndexOf(u':');
        if (colon >= 0 && rest.indexOf(u':') == colon) {
            e.host = rest.left(colon);
            rest = rest.mid(colon + 1);
        } else {
            e.host = rest;
            rest.clear();
        }
    }
    if (!rest.isEmpty()) {
        bool ok = false;
        e.port = rest.toInt(&ok);
        if (!ok || e.port <= 0 || e.port > 65535)
            return std::nullopt;
    }
    if (e.host.isEmpty() || e.host.contains(u' ') || e.host.contains(u'\n'))
        return std::nullopt;
    return e;
}

void answerSshPrompts(SshHost* ssh, QObject* receiver, CliDispatcher::Context& context,
                      const std::function<void(int)>& finish)
{
    QObject::connect(ssh, &SshHost::hostKeyPrompt, receiver, [ssh, &context, finish](const HostKeyInfo& info) {
        if (info.status == HostKeyInfo::Status::Changed)
            context.err << tr("The host key of %1 has CHANGED (%2 %3). XenRescue refuses to connect: verify the "
                              "key with the host's administrator, then remove the old entry from %4.")
                               .arg(info.hostPort, info.keyType, info.sha256Fingerprint, info.knownHostsFile)
                        << '\n';
        else
            context.err << tr("The host key of %1 is not known: %2 %3. xenrescue-cli never accepts a key on its "
                              "own: connect once from the XenRescue window and accept it there, or add it to "
                              "~/.ssh/known_hosts after checking the fingerprint.")
                               .arg(info.hostPort, info.keyType, info.sha256Fingerprint)
                        << '\n';
        ssh->rejectHostKey();
        finish(3);
    });
    QObject::connect(ssh, &SshHost::credentialsRequested, receiver,
                     [ssh, &context, finish](const CredentialRequest& request) {
                         if (!stdinIsTerminal()) {
                             context.err << tr("%1 needs a password or passphrase and standard input is not a "
                                               "terminal: store it in the keychain from the XenRescue window, or use "
                                               "ssh-agent or a key.")
                                                .arg(request.endpointKey)
                                         << '\n';
                             ssh->cancelCredentials();
                             finish(4);
                             return;
                         }
                         QStringList answers;
                         if (request.kind == CredentialRequest::Kind::KeyboardInteractive) {
                             for (const QString& prompt : request.prompts)
                                 answers << readSecret(visibleText(prompt), context.err);
                         } else if (request.kind == CredentialRequest::Kind::KeyPassphrase) {
                             answers << readSecret(tr("Passphrase for %1:").arg(request.keyFile), context.err);
                         } else {
                             answers << readSecret(tr("Password for %1:").arg(request.endpointKey), context.err);
                         }
                         ssh->provideCredentials(answers, false);
                     });
}

} // namespace cli

using cli::parseEndpoint;
using cli::readSecret;
using cli::stdinIsTerminal;

int connectCliHost(CliDispatcher::Context& context, const QString& command, const QString& hostArg,
                   const QString& demoScenario, double timeoutSeconds, CliHost& out)
{
    SshHost* ssh = nullptr;
    if (!demoScenario.isEmpty()) {
        QString error;
        out.lab = sim::SimLab::fromScenario(demoScenario, &error);
        if (!out.lab) {
            context.err << tr("xenrescue-cli %1: unknown scenario \"%2\" (%3).")
                               .arg(command, visibleText(demoScenario),
                                    sim::SimPool::scenarioNames().join(QStringLiteral(", ")))
                        << '\n';
            return 2;
        }
        QString hostName = hostArg;
        if (hostName.isEmpty()) {
            std::optional<sim::SimPool> pool = out.lab->pool();
            hostName = pool && pool->master() ? pool->master()->name : out.lab->hostNames().value(0);
        }
        if (!out.lab->hostNames().contains(hostName)) {
            context.err << tr("xenrescue-cli %1: the scenario has no host \"%2\" (%3).")
                               .arg(command, visibleText(hostName), out.lab->hostNames().join(QStringLiteral(", ")))
                        << '\n';
            return 2;
        }
        out.transport = std::make_unique<sim::SimHost>(out.lab, hostName);
    } else {
        const std::optional<SshEndpoint> endpoint = parseEndpoint(hostArg);
        if (!endpoint) {
            context.err << tr("xenrescue-cli %1: \"%2\" is not [user@]host[:port].").arg(command, visibleText(hostArg))
                        << '\n';
            return 2;
        }
        const AppPaths paths = AppPaths::standard();
        paths.ensureDirectories();
        SshEndpoint e = *endpoint;
        e.sshConfigFile = paths.userSshConfigFile();
        auto host = std::make_unique<SshHost>(e, paths.sshOptions());
        ssh = host.get();
        out.transport = std::move(host);
        out.audit = std::make_unique<AuditLog>(paths.auditLogFile());
    }

    QEventLoop loop;
    int exitCode = -1;
    auto finish = [&](int code) {
        if (exitCode < 0) {
            exitCode = code;
            loop.quit();
        }
    };
    if (ssh) {
        cli::answerSshPrompts(ssh, &loop, context, finish);
    }
    QObject::connect(
        out.transport.get(), &RemoteHost::stateChanged, &loop, [&](HostState state, const QString& message) {
            if (state == HostState::Failed || state == HostState::Lost) {
                context.err << tr("xenrescue-cli %1: %2: %3").arg(command, out.transport->displayName(), message)
                            << '\n';
                finish(1);
            }
        });
    // Identify the host with the session's probe only (no polling to stop afterwards).
    RemoteCommand* probe = nullptr;
    QDateTime probeStarted;
    CommandRequest probeRequest;
    probeRequest.command = HostSession::probeCommand();
    probeRequest.timeoutMs = int(timeoutSeconds * 1000);
    QObject::connect(out.transport.get(), &RemoteHost::stateChanged, &loop, [&](HostState state, const QString&) {
        if (state != HostState::Connected || probe)
            return;
        probeStarted = QDateTime::currentDateTimeUtc();
        probe = out.transport->run(probeRequest);
        QObject::connect(probe, &RemoteOperation::finished, &loop, [&] {
            const CommandResult& r = probe->result();
            if (out.audit) {
                const QString hostKey = out.transport->displayName();
                const Result<void> written =
                    out.audit->record(hostKey, hostKey.contains(u'@') ? hostKey.section(u'@', 0, 0) : QString(),
                                      probeRequest, r, QString(), probeStarted);
                if (!written)
                    context.err << tr("Warning: the audit log could not be written: %1").arg(written.errorMessage())
                                << '\n';
            }
            QString error;
            const std::optional<HostIdentity> id =
                r.outcome == CommandOutcome::Finished ? HostSession::parseProbe(r.stdOut, &error) : std::nullopt;
            if (!id) {
                context.err << tr("xenrescue-cli %1: %2").arg(command, error.isEmpty() ? r.error : error) << '\n';
                finish(1);
                return;
            }
            out.identity = *id;
            finish(0);
        });
    });
    QTimer::singleShot(int(timeoutSeconds * 1000) * 2 + 30000, &loop, [&] {
        context.err << tr("xenrescue-cli %1: no answer in time.").arg(command) << '\n';
        finish(1);
    });
    out.transport->connectToHost();
    loop.exec();
    delete probe;
    return exitCode;
}

} // namespace xr
