#include "ProcessResult.h"

#include <QAtomicInt>
#include <QFile>
#include <QProcess>

namespace xr::test {

QString ProcessResult::describe() const
{
    QString status;
    if (!started) {
        status = QStringLiteral("did not start: %1").arg(errorString);
    } else if (!finished) {
        status = QStringLiteral("timed out and was killed");
    } else if (crashed) {
        status = QStringLiteral("crashed");
    } else {
        status = QStringLiteral("exit code %1").arg(exitCode);
    }
    return QStringLiteral("%1\n--- stdout ---\n%2\n--- stderr ---\n%3")
        .arg(status, QString::fromLocal8Bit(standardOutput), QString::fromLocal8Bit(standardError));
}

ProcessResult runProcess(const QString& program, const QStringList& arguments, int timeoutMs,
                         const QProcessEnvironment& environment, const QByteArray& input)
{
    ProcessResult result;
    QProcess process;
    if (!environment.isEmpty()) {
        process.setProcessEnvironment(environment);
    }
    if (input.isEmpty()) {
        process.setStandardInputFile(QProcess::nullDevice());
    }
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        result.errorString = process.errorString();
        return result;
    }
    result.started = true;
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.finished = false;
    } else {
        result.finished = true;
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    result.errorString = process.errorString();
    return result;
}

QProcessEnvironment sshClientEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto* name : {"SSH_AUTH_SOCK", "SSH_AGENT_PID", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE", "DISPLAY"}) {
        env.remove(QString::fromLatin1(name));
    }
    return env;
}

QString shellQuote(const QString& argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString writeAskpassScript(const QString& dir, const QString& secret, bool singleUse)
{
    static QAtomicInt counter;
    const int n = counter.fetchAndAddRelaxed(1);
    const QString base = QStringLiteral("%1/askpass-%2").arg(dir).arg(n);
    const QString secretPath = base + QStringLiteral(".secret");
    const QString flagPath = base + QStringLiteral(".used");
    const QString scriptPath = base + QStringLiteral(".sh");

    QFile secretFile(secretPath);
    if (!secretFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    secretFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    secretFile.write(secret.toUtf8());
    secretFile.close();

    QString script = QStringLiteral("#!/bin/sh\n");
    if (singleUse) {
        // A second prompt means the secret was rejected: fail instead of looping.
        script += QStringLiteral("[ -e %1 ] && exit 1\n: > %1\n").arg(shellQuote(flagPath));
    }
    script += QStringLiteral("exec cat %1\n").arg(shellQuote(secretPath));
    QFile scriptFile(scriptPath);
    if (!scriptFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    scriptFile.write(script.toUtf8());
    scriptFile.close();
    scriptFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return scriptPath;
}

QProcessEnvironment withAskpass(QProcessEnvironment env, const QString& script)
{
    env.insert(QStringLiteral("SSH_ASKPASS"), script);
    env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
    return env;
}

} // namespace xr::test
