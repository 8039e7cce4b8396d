#pragma once

#include "RemoteHost.h"
#include "SshTypes.h"

#include <QHash>
#include <QPointer>
#include <QThread>

#include <memory>

namespace xr {

class SshWorker;
class CredentialStore;

/// A dom0 reached over SSH with libssh. The libssh session lives on its own named thread
/// (libssh sessions must stay on one thread); this object lives in the caller's thread and
/// never blocks it. Many commands and file reads can be in flight at once: each command
/// has its own channel and deadline.
///
/// Connect flow: connectToHost() -> (hostKeyPrompt -> acceptHostKey/rejectHostKey) ->
/// (credentialsRequested -> provideCredentials/cancelCredentials, possibly several times)
/// -> stateChanged(Connected). A changed host key is refused: hostKeyPrompt reports it
/// with status Changed and the state goes to Failed.
class SshHost final : public RemoteHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshHost)

public:
    SshHost(SshEndpoint endpoint, SshOptions options, QObject* parent = nullptr);
    ~SshHost() override;

    QString displayName() const override;
    const SshEndpoint& endpoint() const { return m_endpoint; }
    const SshOptions& options() const { return m_options; }
    /// Set once connected: the values really used after ~/.ssh/config.
    QString resolvedKey() const { return m_resolvedKey; }
    HostKeyInfo hostKey() const { return m_hostKey; }

    void connectToHost() override;
    void disconnectFromHost() override;
    RemoteCommand* run(const CommandRequest& request) override;
    RemoteFileOperation* fileOperation(const FileRequest& request) override;
    void cancelOperation(quint64 id) override;
    void detachOperation(quint64 id) override;

    /// Answers to hostKeyPrompt. acceptHostKey(true) stores the key in the app's known_hosts.
    void acceptHostKey(bool remember);
    void rejectHostKey();
    /// Answers to credentialsRequested, one per prompt. remember: keep it in the keychain
    /// once it has been accepted by the server.
    void provideCredentials(const QStringList& answers, bool remember);
    void cancelCredentials();

    /// Test hook: drop the TCP connection without an SSH goodbye, as a network failure does.
    void simulateNetworkFailure();

Q_SIGNALS:
    void hostKeyPrompt(const xr::HostKeyInfo& info);
    void credentialsRequested(const xr::CredentialRequest& request);
    /// Remembering a secret failed, or the keychain could not be read (the user was asked).
    void keychainProblem(const QString& message);

private:
    void onWorkerCredentialsNeeded(const xr::CredentialRequest& request);
    void onWorkerAuthenticated();
    void onCommandOutput(quint64 id, int stream, const QByteArray& chunk);
    void onCommandFinished(quint64 id, const xr::CommandResult& result);
    void onFileProgress(quint64 id, qint64 done, qint64 total);
    void onFileFinished(quint64 id, const xr::FileResult& result);

    SshEndpoint m_endpoint;
    SshOptions m_options;
    QString m_resolvedKey;
    HostKeyInfo m_hostKey;
    QThread m_thread;
    SshWorker* m_worker = nullptr; // lives on m_thread, deleted when it finishes
    std::unique_ptr<CredentialStore> m_credentials;
    QHash<quint64, QPointer<RemoteCommand>> m_commands;
    QHash<quint64, QPointer<RemoteFileOperation>> m_files;

    // Keychain bookkeeping for the credential being tried.
    QString m_pendingSecretKey;
    QString m_pendingSecret;
    bool m_rememberPending = false;
    bool m_triedKeychainFor = false;
};

} // namespace xr
