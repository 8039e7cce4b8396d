#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

class QProcess;

namespace xr::test {

/// A real ssh-agent (`ssh-agent -D -a SOCKET`) on a socket in its own temp dir; the destructor kills it.
class SshAgent final
{
public:
    SshAgent();
    ~SshAgent();
    SshAgent(const SshAgent&) = delete;
    SshAgent& operator=(const SshAgent&) = delete;

    /// Starts the agent and waits (bounded) until its socket exists.
    bool start();
    void stop();
    /// ssh-add keyPath; a passphrase is given through SSH_ASKPASS (forced, single use).
    bool addKey(const QString& keyPath, const QString& passphrase = {});
    /// `ssh-add -l` output (one line per key; fingerprints in SHA256 form).
    QString listKeys();
    QString socketPath() const;
    QString errorString() const;
    qint64 pid() const;

private:
    bool fail(const QString& message);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_error;
};

} // namespace xr::test
