#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace xr::test {

/// Outcome of a child process run to completion (or killed at its timeout) by runProcess().
struct ProcessResult
{
    bool started = false;
    bool finished = false; // ended on its own before the timeout; false when it had to be killed
    bool crashed = false;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QString errorString;

    bool ok() const { return started && finished && !crashed && exitCode == 0; }
    /// One paragraph for a failure message: exit status, stdout and stderr.
    QString describe() const;
};

/// Runs program to completion; kills it after timeoutMs. An empty environment means "inherit".
/// input is written to its stdin, which is then closed (stdin is the null device when empty).
ProcessResult runProcess(const QString& program, const QStringList& arguments, int timeoutMs = 30000,
                         const QProcessEnvironment& environment = QProcessEnvironment(),
                         const QByteArray& input = QByteArray());

/// The system environment without the variables that would let an OpenSSH client reach the
/// developer's own agent or pop up a prompt (SSH_AUTH_SOCK, SSH_AGENT_PID, SSH_ASKPASS*, DISPLAY).
QProcessEnvironment sshClientEnvironment();

/// Writes an SSH_ASKPASS program into dir that prints secret (kept in a 0600 file next to it).
/// singleUse: a second call prints nothing and fails, so a rejected secret is not retried forever
/// (ssh-add asks again on a bad passphrase).
QString writeAskpassScript(const QString& dir, const QString& secret, bool singleUse = true);

/// env plus SSH_ASKPASS=script and SSH_ASKPASS_REQUIRE=force (no terminal, no DISPLAY needed).
QProcessEnvironment withAskpass(QProcessEnvironment env, const QString& script);

/// POSIX shell single-quoting.
QString shellQuote(const QString& argument);

} // namespace xr::test
