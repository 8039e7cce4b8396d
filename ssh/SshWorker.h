#pragma once

#include "RemoteTypes.h"
#include "SshAuthenticator.h"
#include "SshChannels.h"
#include "SshFiles.h"
#include "SshTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <libssh/libssh.h>

class QSocketNotifier;

namespace xr {

/// The libssh side of SshHost. Lives on the host's own thread and owns the libssh session,
/// which only it and its parts touch: it connects, checks the host key, hands the session
/// to SshAuthenticator, then runs it non-blocking, driven by socket readiness and a short
/// service timer, stepping the commands (SshChannels) and the SFTP operations (SshFiles) in
/// turn. Keepalive probes of an idle connection find a host that stopped answering.
class SshWorker final : public QObject,
                        private SshAuthenticator::Host,
                        private SshChannels::Host,
                        private SshFiles::Host
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshWorker)

public:
    SshWorker(SshEndpoint endpoint, SshOptions options);
    ~SshWorker() override;

public Q_SLOTS:
    void connectToHost();
    void disconnectFromHost();
    void dropConnection();
    void hostKeyDecision(bool accept, bool remember);
    void credentials(const QStringList& answers, bool cancelled);
    void startCommand(quint64 id, const xr::CommandRequest& request);
    void startFile(quint64 id, const xr::FileRequest& request);
    void cancel(quint64 id);
    void detach(quint64 id);

Q_SIGNALS:
    void stateChanged(xr::HostState state, const QString& message, xr::FailureKind kind);
    void resolved(const QString& endpointKey);
    void hostKeyPrompt(const xr::HostKeyInfo& info);
    void credentialsNeeded(const xr::CredentialRequest& request);
    void authenticated();
    void commandOutput(quint64 id, int stream, const QByteArray& chunk);
    void commandFinished(quint64 id, const xr::CommandResult& result);
    void fileProgress(quint64 id, qint64 done, qint64 total);
    void fileFinished(quint64 id, const xr::FileResult& result);

private:
    void setState(HostState state, const QString& message = {}, FailureKind kind = FailureKind::Network);
    void fail(const QString& message, FailureKind kind = FailureKind::Network);
    void configureSession();
    void checkHostKey(unsigned int port);
    void startAuthentication();
    void connectionLost(const QString& why);
    void releaseSession(bool graceful);
    void service();
    void onKeepalive();

    // The parts' view of the worker (SshAuthenticator::Host, SshChannels::Host, SshFiles::Host).
    ssh_session session() const override { return m_session; }
    QString sessionError() const override;
    bool isConnected() const override { return m_state == HostState::Connected; }
    bool checkAlive() override;
    void noteActivity() override;
    void scheduleService() override;
    void authenticationNeedsCredentials(const CredentialRequest& request) override;
    void authenticationSucceeded() override;
    void authenticationFailed(const QString& message) override { fail(message); }
    void authenticationRefused(const QString& message) override { fail(message, FailureKind::LoginRefused); }
    void reportCommandOutput(quint64 id, int stream, const QByteArray& chunk) override;
    void reportCommandResult(quint64 id, const CommandResult& result) override;
    void reportFileProgress(quint64 id, qint64 done, qint64 total) override;
    void reportFileResult(quint64 id, const FileResult& result) override;

    SshEndpoint m_endpoint;
    SshOptions m_options;
    QString m_endpointKey;
    HostState m_state = HostState::Disconnected;

    ssh_session m_session = nullptr;
    ssh_event m_event = nullptr;
    QSocketNotifier* m_notifier = nullptr;
    QTimer* m_serviceTimer = nullptr; // children, so they move to the worker's thread with it
    QTimer* m_keepaliveTimer = nullptr;
    QElapsedTimer m_lastActivity;
    int m_probesWithoutAnswer = 0;
    bool m_serviceQueued = false;

    HostKeyInfo m_hostKey;
    bool m_awaitingHostKey = false;
    SshAuthenticator m_auth{*this};
    SshChannels m_channels{*this, m_options.maxChannels};
    SshFiles m_files{*this};
};

} // namespace xr
