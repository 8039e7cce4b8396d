#include "SshAgent.h"

#include "ProcessResult.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

namespace xr::test {

namespace {
constexpr int kStartTimeoutMs = 10000;
constexpr int kToolTimeoutMs = 20000;
} // namespace

SshAgent::SshAgent()
    : m_dir(QDir::tempPath() + QStringLiteral("/xr-agent-XXXXXX"))
{}

SshAgent::~SshAgent()
{
    stop();
}

bool SshAgent::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool SshAgent::start()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        return true;
    }
    m_error.clear();
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString()));
    }
    QFile::remove(socketPath());
    const QString logPath = m_dir.path() + QStringLiteral("/agent.log");
    m_process = std::make_unique<QProcess>();
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(logPath, QIODevice::Append);
    m_process->setStandardErrorFile(logPath, QIODevice::Append);
    m_process->setProcessEnvironment(sshClientEnvironment());
    m_process->start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), socketPath()});
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        const QString error = m_process->errorString();
        m_process.reset();
        return fail(QStringLiteral("cannot run ssh-agent: %1").arg(error));
    }
    QDeadlineTimer deadline(kStartTimeoutMs);
    while (!QFileInfo::exists(socketPath())) {
        if (m_process->state() == QProcess::NotRunning || deadline.hasExpired()) {
            QFile log(logPath);
            log.open(QIODevice::ReadOnly);
            const QString output = QString::fromLocal8Bit(log.readAll());
            stop();
            return fail(QStringLiteral("ssh-agent did not create %1: %2").arg(socketPath(), output));
        }
        m_process->waitForFinished(20);
    }
    return true;
}

void SshAgent::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

bool SshAgent::addKey(const QString& keyPath, const QString& passphrase)
{
    if (!m_process) {
        return fail(QStringLiteral("ssh-agent is not running"));
    }
    QProcessEnvironment env = sshClientEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), socketPath());
    if (passphrase.isEmpty()) {
        // Never prompt: an encrypted key without a passphrase fails at once instead of hanging.
        env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("never"));
    } else {
        const QString askpass = writeAskpassScript(m_dir.path(), passphrase);
        if (askpass.isEmpty()) {
            return fail(QStringLiteral("cannot write an askpass script in %1").arg(m_dir.path()));
        }
        env = withAskpass(env, askpass);
    }
    const ProcessResult add = runProcess(QStringLiteral("ssh-add"), {keyPath}, kToolTimeoutMs, env);
    if (!add.ok()) {
        return fail(QStringLiteral("ssh-add %1 failed: %2").arg(keyPath, add.describe()));
    }
    return true;
}

QString SshAgent::listKeys()
{
    QProcessEnvironment env = sshClientEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), socketPath());
    const ProcessResult list =
        runProcess(QStringLiteral("ssh-add"), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256")},
                   kToolTimeoutMs, env);
    return QString::fromUtf8(list.standardOutput);
}

QString SshAgent::socketPath() const
{
    return m_dir.path() + QStringLiteral("/agent.sock");
}

QString SshAgent::errorString() const
{
    return m_error;
}

qint64 SshAgent::pid() const
{
    return m_process ? m_process->processId() : 0;
}

} // namespace xr::test
