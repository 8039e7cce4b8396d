#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class QProcess;

namespace xr::test {

struct SshdOptions
{
    /// PasswordAuthentication yes + KbdInteractiveAuthentication yes. Forces ownMountNamespace:
    /// root's password is set only in the namespace's view of /etc/shadow, and sshd uses a private
    /// minimal PAM stack there (keyboard-interactive needs PAM).
    bool passwordAuth = false;
    /// root's password inside the namespace; a random one is chosen when empty (see password()).
    QString password;
    /// Run sshd under `unshare --mount --propagation private` (forced on by passwordAuth and setupScript).
    bool ownMountNamespace = false;
    /// Host key type for ssh-keygen -t (ed25519, ecdsa, rsa).
    QString keyType = QStringLiteral("ed25519");
    /// Extra sshd_config lines. Lines before any Match go first, so they override the harness's
    /// defaults (a default whose keyword appears here is left out); SetEnv lines are merged into
    /// the harness's own SetEnv (sshd honours only the first one); Match blocks go last.
    QStringList extraConfig;
    /// Shell code run by `sh -e` inside the namespace before sshd starts (bind/overlay mounts).
    /// $XR_SSHD_DIR is the harness's dir(). Forces ownMountNamespace.
    QString setupScript;
};

/// A real OpenSSH sshd on 127.0.0.1:port() serving from a temp dir: own host key, authorized_keys
/// with two client keys (plain and passphrase-protected), config and log. Linux only; needs root.
/// The destructor stops sshd and every process started under it.
class SshdHarness final
{
public:
    explicit SshdHarness(SshdOptions options = {});
    ~SshdHarness();
    SshdHarness(const SshdHarness&) = delete;
    SshdHarness& operator=(const SshdHarness&) = delete;

    /// Generates keys (first time), picks a free port, writes the config, checks it with
    /// `sshd -t`, runs `sshd -D -e` and waits until it listens and accepts a connection (bounded).
    /// Retries on "Address already in use". false + errorString() (with sshd's log) on failure.
    bool start();
    QString errorString() const;
    /// Kills the listener and every process under it (descendants, processes in its mount
    /// namespace, session processes carrying this harness's environment marker) and waits.
    void stop();
    /// stop() + start on the same port; newHostKey generates a different host key first.
    bool restart(bool newHostKey);
    /// Kills the per-connection sshd processes and everything under them; the listener stays.
    void killConnections();
    bool isRunning() const;

    QString host() const;
    int port() const;
    QString user() const;
    QString dir() const;
    QString clientKeyPath() const;
    QString passphraseKeyPath() const;
    QString passphrase() const;
    /// root's password in namespace mode (empty without passwordAuth).
    QString password() const;
    QString hostKeyPath() const;
    /// "SHA256:..." as `ssh-keygen -l -E sha256` prints it.
    QString hostKeyFingerprint() const;
    /// "[127.0.0.1]:PORT ssh-ed25519 AAAA..."
    QString knownHostsLine() const;
    /// A known_hosts file in dir() holding knownHostsLine(), rewritten by start()/restart().
    QString knownHostsPath() const;
    /// OpenSSH client options that reach this sshd strictly: -F /dev/null, -p, BatchMode,
    /// StrictHostKeyChecking=yes against knownHostsPath(), and (withClientKey) -i clientKeyPath()
    /// with IdentitiesOnly. ssh keeps the first value of an option, so put overrides before these.
    QStringList sshOptions(bool withClientKey = true) const;
    /// "root@127.0.0.1"
    QString destination() const;
    QString configPath() const;
    /// $HOME of every session (an empty folder in dir()), so the machine's root dotfiles never run.
    QString homePath() const;
    /// sshd's stderr so far, across restarts.
    QString sshdLog() const;
    /// The listening sshd's pid (0 when stopped).
    qint64 sshdPid() const;
    /// The value of XR_SSHD_HARNESS that every session of this sshd carries in its environment.
    QString instanceId() const;

    /// Every live process that belongs to this sshd (the listener included).
    QList<qint64> serverProcesses() const;
    /// Those whose command line contains marker.
    QList<qint64> serverProcessesMatching(const QString& marker) const;

    /// Writes data to dir()/relPath (creating folders); returns the absolute path, empty on failure.
    QString writeFile(const QString& relPath, const QByteArray& data) const;

private:
    enum class Launch { Ok, PortBusy, Failed };

    bool prepareFiles();
    bool generateHostKey();
    bool readHostKey();
    bool launchWithRetries(bool samePort);
    Launch launch(int port);
    bool writeConfig(int port);
    QString launchScript() const;
    QString logTail(qint64 fromOffset) const;
    bool fail(const QString& message);
    QList<qint64> collectServerProcesses() const;
    void freezeAndKill(const std::function<QList<qint64>()>& collect) const;
    bool useNamespace() const;

    QTemporaryDir m_dir;
    SshdOptions m_options;
    std::unique_ptr<QProcess> m_process;
    QString m_sshd;
    QString m_error;
    QString m_id;
    QString m_passphrase;
    QString m_password;
    QString m_fingerprint;
    QString m_hostKeyLine; // "ssh-ed25519 AAAA..."
    QString m_mountNamespace;
    qint64 m_pid = 0;
    int m_port = 0;
    bool m_filesReady = false;
};

/// Binds port 0 on 127.0.0.1 and returns the port the kernel chose (0 on failure).
int freeLocalPort();

} // namespace xr::test
