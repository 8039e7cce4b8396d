#pragma once

#include "SshTypes.h"

#include <QList>
#include <QStringList>

#include <libssh/libssh.h>

namespace xr {

/// Authenticates a connected SSH session whose host key is trusted. Tries what the endpoint
/// allows, in order: ssh-agent, key files (asking for a passphrase when one is encrypted),
/// password, keyboard-interactive; each refused answer is asked again a few times before the
/// next method. Runs in blocking mode on the worker's thread and keeps answers only as long
/// as it needs them. The session belongs to the Host, which hears how it ended.
class SshAuthenticator final
{
    Q_DISABLE_COPY_MOVE(SshAuthenticator)

public:
    /// What authentication needs from the worker that owns the session.
    class Host
    {
    public:
        virtual ssh_session session() const = 0; // null once released
        virtual QString sessionError() const = 0;
        /// The user must answer; the answers come back through answer().
        virtual void authenticationNeedsCredentials(const CredentialRequest& request) = 0;
        virtual void authenticationSucceeded() = 0;
        /// Authentication is over without success; the Host releases the session, which
        /// calls reset().
        virtual void authenticationFailed(const QString& message) = 0;
        /// As authenticationFailed(), but the host refused every credential: trying again
        /// with the same ones cannot succeed.
        virtual void authenticationRefused(const QString& message) = 0;

    protected:
        ~Host() = default;
    };

    explicit SshAuthenticator(Host& host);

    /// Begins with the methods @p endpoint allows; @p endpointKey (user@host:port) is shown
    /// in the prompts.
    void start(const SshEndpoint& endpoint, const QString& endpointKey);
    /// A credential request is out and not answered yet.
    bool waitingForAnswers() const { return m_waiting != Waiting::Nothing; }
    /// Goes on with the answers to the pending request.
    void answer(const QStringList& answers);
    /// Forgets the attempt in progress and any answer held.
    void reset();

private:
    enum class Step { Agent, KeyFile, Password, KeyboardInteractive };
    enum class Waiting { Nothing, Passphrase, Password, KeyboardInteractive };
    enum class KeyOutcome { Accepted, Refused, NotLoaded };

    void proceed();
    void succeeded();
    void findKeyFiles(const QString& identityFile);
    KeyOutcome tryKeyFile(const QString& passphrase);
    void requestCredentials(CredentialRequest request, Waiting waiting);
    void requestPassphrase();
    /// Handles the result of one attempt; true when authentication is over (succeeded, or
    /// failed for good).
    bool settleAttempt(int rc);
    void failNoMethod();

    Host& m_host;
    QString m_endpointKey;
    QList<Step> m_steps;
    QStringList m_keyFiles;
    int m_methods = 0; // SSH_AUTH_METHOD_* the server offers
    int m_attempts = 0;
    Waiting m_waiting = Waiting::Nothing;
    QStringList m_answers;
    bool m_previousFailed = false;
};

} // namespace xr
