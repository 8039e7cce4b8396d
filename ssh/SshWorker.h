#pragma once

#include "RemoteTypes.h"
#include "SshTypes.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <climits>

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive (a global request any OpenSSH server answers)
#include <libssh/sftp.h>

#include <memory>

class QSocketNotifier;

namespace xr {

/// The libssh side of SshHost. Lives on the host's own thread and is the only code that
/// touches the libssh session. Connect and authentication run in blocking mode bounded by
/// the connect timeout; once connected the session is non-blocking and commands are
/// multiplexed on channels, driven by socket readiness and a short service timer. SFTP
/// work runs in bounded batches so commands keep moving while a large file is read.
class SshWorker final : public QObject
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

Q_SIGNALS:
    void stateChanged(xr::HostState state, const QString& message);
    void resolved(const QString& endpointKey);
    void hostKeyPrompt(const xr::HostKeyInfo& info);
    void credentialsNeeded(const xr::CredentialRequest& request);
    void authenticated();
    void commandOutput(quint64 id, int stream, const QByteArray& chunk);
    void commandFinished(quint64 id, const xr::CommandResult& result);
    void fileProgress(quint64 id, qint64 done, qint64 total);
    void fileFinished(quint64 id, const xr::FileResult& result);

private:
    enum class AuthStep { Agent, KeyFile, Password, KeyboardInteractive };
    enum class Waiting { Nothing, HostKey, Passphrase, Password, KeyboardInteractive };

    struct Command;
    struct FileOp;
    void setState(HostState state, const QString& message = {});
    void fail(const QString& message);
    void startAuthentication();
    void continueAuthentication();
    bool tryKeyFile(const QString& passphrase);
    void requestCredentials(CredentialRequest request, Waiting waiting);
    void requestPassphrase();
    /// Handles the result of one authentication attempt; true when authentication is over
    /// (succeeded, or failed for good).
    bool settleAttempt(int rc);
    void onAuthenticated();
    QString sessionError() const;
    bool checkAlive();
    void connectionLost(const QString& why);
    void releaseSession(bool graceful);
    void service();
    void scheduleService();
    bool stepCommand(Command& cmd);
    bool drain(Command& cmd, int stream);
    void finishCommand(quint64 id, CommandOutcome outcome, const QString& error);
    bool stepFile(FileOp& op);
    void writeFileBlocking(const FileRequest& request, FileResult& r);
    bool ensureSftp(QString* error);
    void finishFile(quint64 id, FileResult result);
    void stopRemote(Command& cmd);
    void freeChannel(Command& cmd);
    int channelsInUse() const;
    void startInternal(const QString& command);
    void onKeepalive();
    void noteActivity();

    SshEndpoint m_endpoint;
    SshOptions m_options;
    QString m_endpointKey;
    HostState m_state = HostState::Disconnected;

    ssh_session m_session = nullptr;
    ssh_event m_event = nullptr;
    sftp_session m_sftp = nullptr;
    QSocketNotifier* m_notifier = nullptr;
    QTimer* m_serviceTimer = nullptr; // children, so they move to the worker's thread with it
    QTimer* m_keepaliveTimer = nullptr;
    QElapsedTimer m_lastActivity;
    int m_probesWithoutAnswer = 0;
    bool m_serviceQueued = false;

    // Authentication in progress.
    QList<AuthStep> m_authSteps;
    QStringList m_keyFiles;
    int m_authMethods = 0;
    int m_attempts = 0;
    Waiting m_waiting = Waiting::Nothing;
    QStringList m_answers;
    bool m_previousFailed = false;
    HostKeyInfo m_hostKey;

    QHash<quint64, std::shared_ptr<Command>> m_commands;
    QHash<quint64, std::shared_ptr<FileOp>> m_files;
    quint64 m_lastInternalId = 0;
    int m_learnedChannelLimit = INT_MAX; // lowered when the server refuses a channel
    QElapsedTimer m_learnedAt;
};

} // namespace xr
