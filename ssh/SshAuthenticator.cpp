#include "SshAuthenticator.h"

#include "LibsshSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace xr {

namespace {

constexpr int kMaxAttempts = 3;

// Drops our reference to a secret. Not a wipe: a QString is shared with every copy (the
// dialog's, the queued call's, the keychain's), and fill() would only detach and overwrite a
// fresh copy. What guards secrets in memory is that the process makes no core dump
// (ProcessHardening).
void forget(QString& secret)
{
    secret.clear();
}

void forget(QStringList& secrets)
{
    secrets.clear();
}

} // namespace

SshAuthenticator::SshAuthenticator(Host& host)
    : m_host(host)
{}

void SshAuthenticator::start(const SshEndpoint& endpoint, const QString& endpointKey)
{
    m_endpointKey = endpointKey;
    m_steps.clear();
    m_keyFiles.clear();
    m_attempts = 0;
    m_previousFailed = false;

    const int rc = ssh_userauth_none(m_host.session(), nullptr);
    if (rc == SSH_AUTH_SUCCESS) {
        succeeded();
        return;
    }
    if (rc == SSH_AUTH_ERROR) {
        m_host.authenticationFailed(
            QCoreApplication::translate("SshHost", "Authentication failed: %1").arg(m_host.sessionError()));
        return;
    }
    m_methods = ssh_userauth_list(m_host.session(), nullptr);

    findKeyFiles(endpoint.identityFile);
    switch (endpoint.auth) {
    case AuthMethod::Auto:
        m_steps = {Step::Agent, Step::KeyFile, Step::Password, Step::KeyboardInteractive};
        break;
    case AuthMethod::Agent:
        m_steps = {Step::Agent};
        break;
    case AuthMethod::KeyFile:
        m_steps = {Step::KeyFile};
        break;
    case AuthMethod::Password:
        m_steps = {Step::Password};
        break;
    case AuthMethod::KeyboardInteractive:
        m_steps = {Step::KeyboardInteractive};
        break;
    }
    proceed();
}

void SshAuthenticator::answer(const QStringList& answers)
{
    m_answers = answers;
    proceed();
}

void SshAuthenticator::reset()
{
    forget(m_answers);
    m_waiting = Waiting::Nothing;
}

void SshAuthenticator::findKeyFiles(const QString& identityFile)
{
    if (!identityFile.isEmpty()) {
        m_keyFiles << identityFile;
        return;
    }
    const QString home = QDir::homePath();
    // The IdentityFile of ~/.ssh/config comes first in libssh's list (it is prepended);
    // without one this is the first default key.
    char* first = nullptr;
    if (ssh_options_get(m_host.session(), SSH_OPTIONS_IDENTITY, &first) == SSH_OK) {
        QString path = takeLibsshString(first);
        path.replace(QLatin1String("%d"), home + QStringLiteral("/.ssh"));
        if (path.startsWith(QLatin1String("~/")))
            path = home + path.mid(1);
        if (QFileInfo::exists(path))
            m_keyFiles << path;
    }
    for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
        const QString path = home + QStringLiteral("/.ssh/") + QLatin1String(name);
        if (QFileInfo::exists(path) && !m_keyFiles.contains(path))
            m_keyFiles << path;
    }
}

void SshAuthenticator::succeeded()
{
    m_steps.clear();
    m_waiting = Waiting::Nothing;
    m_previousFailed = false;
    m_host.authenticationSucceeded();
}

void SshAuthenticator::requestCredentials(CredentialRequest request, Waiting waiting)
{
    request.endpointKey = m_endpointKey;
    request.previousFailed = m_previousFailed;
    m_waiting = waiting;
    m_host.authenticationNeedsCredentials(request);
}

void SshAuthenticator::requestPassphrase()
{
    CredentialRequest req;
    req.kind = CredentialRequest::Kind::KeyPassphrase;
    req.keyFile = m_keyFiles.first();
    req.prompts
        << QCoreApplication::translate("SshHost", "Passphrase for %1:").arg(QDir::toNativeSeparators(req.keyFile));
    req.echo << false;
    requestCredentials(req, Waiting::Passphrase);
}

bool SshAuthenticator::settleAttempt(int rc)
{
    if (rc == SSH_AUTH_SUCCESS) {
        succeeded();
        return true;
    }
    if (rc == SSH_AUTH_ERROR) {
        m_host.authenticationFailed(
            QCoreApplication::translate("SshHost", "Authentication failed: %1").arg(m_host.sessionError()));
        return true;
    }
    // Refused: ask again (told it failed) up to kMaxAttempts, then try the next method.
    m_previousFailed = true;
    if (++m_attempts >= kMaxAttempts) {
        m_steps.removeFirst();
        m_attempts = 0;
    }
    return false;
}

SshAuthenticator::KeyOutcome SshAuthenticator::tryKeyFile(const QString& passphrase)
{
    const QString path = m_keyFiles.first();
    ssh_key key = nullptr;
    const QByteArray pass = passphrase.toUtf8();
    const int rc = ssh_pki_import_privkey_file(
        QFile::encodeName(path).constData(), passphrase.isNull() ? nullptr : pass.constData(), nullptr, nullptr, &key);
    if (rc != SSH_OK)
        return KeyOutcome::NotLoaded;
    const int auth = ssh_userauth_publickey(m_host.session(), nullptr, key);
    ssh_key_free(key);
    if (auth == SSH_AUTH_SUCCESS) {
        succeeded();
        return KeyOutcome::Accepted;
    }
    m_keyFiles.removeFirst(); // refused by the server: a passphrase would not help
    return KeyOutcome::Refused;
}

void SshAuthenticator::proceed()
{
    // Every success returns at once: the session is then the event loop's, or released.
    while (!m_steps.isEmpty() && m_host.session()) {
        const Step step = m_steps.first();
        switch (step) {
        case Step::Agent: {
            m_steps.removeFirst();
            if (!(m_methods & SSH_AUTH_METHOD_PUBLICKEY) || qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
                continue;
            if (ssh_userauth_agent(m_host.session(), nullptr) == SSH_AUTH_SUCCESS) {
                succeeded();
                return;
            }
            continue;
        }
        case Step::KeyFile: {
            if (!(m_methods & SSH_AUTH_METHOD_PUBLICKEY) || m_keyFiles.isEmpty()) {
                m_steps.removeFirst();
                continue;
            }
            if (m_waiting == Waiting::Passphrase) {
                m_waiting = Waiting::Nothing;
                QString pass = m_answers.value(0);
                forget(m_answers);
                const KeyOutcome outcome = tryKeyFile(pass);
                forget(pass);
                if (outcome == KeyOutcome::Accepted)
                    return;
                if (outcome == KeyOutcome::NotLoaded) {
                    m_previousFailed = true;
                    if (++m_attempts < kMaxAttempts) {
                        requestPassphrase();
                        return;
                    }
                    m_keyFiles.removeFirst();
                }
                m_attempts = 0;
                m_previousFailed = false;
                continue;
            }
            const KeyOutcome outcome = tryKeyFile(QString());
            if (outcome == KeyOutcome::Accepted)
                return;
            if (outcome == KeyOutcome::Refused)
                continue;
            // The key did not load without a passphrase: it is encrypted (or unreadable,
            // which the passphrase prompt reveals when no answer works).
            if (!QFileInfo(m_keyFiles.first()).isReadable()) {
                m_keyFiles.removeFirst();
                continue;
            }
            requestPassphrase();
            return;
        }
        case Step::Password: {
            if (!(m_methods & SSH_AUTH_METHOD_PASSWORD)) {
                m_steps.removeFirst();
                continue;
            }
            if (m_waiting != Waiting::Password) {
                CredentialRequest req;
                req.kind = CredentialRequest::Kind::Password;
                req.prompts << QCoreApplication::translate("SshHost", "Password for %1:").arg(m_endpointKey);
                req.echo << false;
                requestCredentials(req, Waiting::Password);
                return;
            }
            m_waiting = Waiting::Nothing;
            QString pass = m_answers.value(0);
            forget(m_answers);
            const int rc = ssh_userauth_password(m_host.session(), nullptr, pass.toUtf8().constData());
            forget(pass);
            if (settleAttempt(rc))
                return;
            continue;
        }
        case Step::KeyboardInteractive: {
            if (!(m_methods & SSH_AUTH_METHOD_INTERACTIVE)) {
                m_steps.removeFirst();
                continue;
            }
            const ssh_session session = m_host.session();
            if (m_waiting == Waiting::KeyboardInteractive) {
                m_waiting = Waiting::Nothing;
                const int n = ssh_userauth_kbdint_getnprompts(session);
                for (int i = 0; i < n; ++i)
                    ssh_userauth_kbdint_setanswer(session, unsigned(i), m_answers.value(i).toUtf8().constData());
                forget(m_answers);
            }
            int rc = ssh_userauth_kbdint(session, nullptr, nullptr);
            // Servers may send info requests with no prompts; answer them empty.
            while (rc == SSH_AUTH_INFO && ssh_userauth_kbdint_getnprompts(session) == 0)
                rc = ssh_userauth_kbdint(session, nullptr, nullptr);
            if (rc == SSH_AUTH_INFO) {
                CredentialRequest req;
                req.kind = CredentialRequest::Kind::KeyboardInteractive;
                req.name = QString::fromUtf8(ssh_userauth_kbdint_getname(session));
                req.instruction = QString::fromUtf8(ssh_userauth_kbdint_getinstruction(session));
                const int n = ssh_userauth_kbdint_getnprompts(session);
                for (int i = 0; i < n; ++i) {
                    char echo = 0;
                    req.prompts << QString::fromUtf8(ssh_userauth_kbdint_getprompt(session, unsigned(i), &echo));
                    req.echo << (echo != 0);
                }
                requestCredentials(req, Waiting::KeyboardInteractive);
                return;
            }
            if (settleAttempt(rc))
                return;
            continue;
        }
        }
    }
    if (m_host.session())
        failNoMethod();
}

void SshAuthenticator::failNoMethod()
{
    QStringList offered;
    if (m_methods & SSH_AUTH_METHOD_PUBLICKEY)
        offered << QStringLiteral("publickey");
    if (m_methods & SSH_AUTH_METHOD_PASSWORD)
        offered << QStringLiteral("password");
    if (m_methods & SSH_AUTH_METHOD_INTERACTIVE)
        offered << QStringLiteral("keyboard-interactive");
    m_host.authenticationRefused(
        QCoreApplication::translate("SshHost", "Authentication failed: no method was accepted (the server offers: %1).")
            .arg(offered.isEmpty() ? QCoreApplication::translate("SshHost", "none")
                                   : offered.join(QStringLiteral(", "))));
}

} // namespace xr
