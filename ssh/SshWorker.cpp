#include "SshWorker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <fcntl.h>
#include <mutex>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcSsh, "xr.ssh")

namespace xr {

namespace {

constexpr int kReadChunk = 64 * 1024;
constexpr int kSftpChunk = 64 * 1024;
constexpr int kSftpDepth = 32;
constexpr qint64 kSftpBatchBytes = 8 * 1024 * 1024; // then let commands run
constexpr int kDyingMaxMs = 5000;                   // how long a stopped command's channel is drained
constexpr quint64 kInternalBit = quint64(1) << 63;
// The transport's first line on stderr: the remote shell's pid, which is its process group
// (sshd makes every session a session leader). Stripped before anyone sees the output.
constexpr char kPgidMarker[] = "XR-PGID:";
constexpr int kMarkerScanLimit = 16 * 1024;
constexpr int kRefusalRetryMs = 150;     // after a refused channel
constexpr int kRefusalPatienceMs = 5000; // refusals with no channel of ours open, then fail
constexpr int kMaxAttempts = 3;

void initLibssh()
{
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
}

// libssh 0.10's default cipher list with the AES-GCM modes moved to the front.
constexpr char kAesFirstCiphers[] = "aes256-gcm@openssh.com,aes128-gcm@openssh.com,chacha20-poly1305@openssh.com,"
                                    "aes256-ctr,aes192-ctr,aes128-ctr";

bool cpuHasAes()
{
#if defined(Q_PROCESSOR_X86) && (defined(Q_CC_GNU) || defined(Q_CC_CLANG))
    return __builtin_cpu_supports("aes");
#else
    return false; // unknown: keep libssh's order
#endif
}

QString takeLibsshString(char* s)
{
    QString out = s ? QString::fromUtf8(s) : QString();
    if (s)
        ssh_string_free_char(s);
    return out;
}

void wipe(QString& secret)
{
    secret.fill(QChar(u'\0'));
    secret.clear();
}

void wipe(QStringList& secrets)
{
    for (QString& s : secrets)
        wipe(s);
    secrets.clear();
}

RemoteFileInfo infoFrom(sftp_attributes a, const QString& name)
{
    RemoteFileInfo info;
    info.name = name;
    if (!a)
        return info;
    info.size = qint64(a->size);
    info.modified = QDateTime::fromSecsSinceEpoch(qint64(a->mtime64 ? a->mtime64 : a->mtime));
    info.isDir = a->type == SSH_FILEXFER_TYPE_DIRECTORY;
    info.isSymlink = a->type == SSH_FILEXFER_TYPE_SYMLINK;
    info.permissions = a->permissions;
    return info;
}

QString sftpErrorText(sftp_session sftp, ssh_session session)
{
    if (!sftp)
        return QString::fromUtf8(ssh_get_error(session));
    switch (sftp_get_error(sftp)) {
    case SSH_FX_NO_SUCH_FILE:
        return QCoreApplication::translate("SshHost", "No such file or folder.");
    case SSH_FX_PERMISSION_DENIED:
        return QCoreApplication::translate("SshHost", "Permission denied.");
    case SSH_FX_EOF:
        return QCoreApplication::translate("SshHost", "End of file.");
    default: {
        const QString e = QString::fromUtf8(ssh_get_error(session));
        return e.isEmpty() ? QCoreApplication::translate("SshHost", "The file server reported an error.") : e;
    }
    }
}

} // namespace

struct SshWorker::Command
{
    quint64 id = 0;
    CommandRequest request;
    ssh_channel channel = nullptr;
    enum class Phase { Opening, Executing, Running } phase = Phase::Opening;
    QElapsedTimer started;
    QDeadlineTimer deadline;
    CommandResult result;
    qint64 pgid = 0;       // remote process group, from the marker line
    QByteArray markerScan; // stderr held back until the marker line was seen
    bool markerDone = false;
    bool delivered = false; // the result went out; the channel is only being wound down
    bool internal = false;  // the transport's own command (a remote kill): no result
    bool killIssued = false;
    QElapsedTimer dyingSince;
    QElapsedTimer refusedSince; // first time the server refused a channel for it
    QDeadlineTimer retryAt{0};  // not before this, after a refusal
};

struct SshWorker::FileOp
{
    quint64 id = 0;
    FileRequest request;
    sftp_file file = nullptr;
    QFile out;
    qint64 start = 0; // first byte wanted
    qint64 end = 0;   // one past the last byte wanted
    qint64 nextRequest = 0;
    qint64 received = 0;                       // bytes taken so far, from start
    QList<QPair<uint32_t, uint32_t>> inFlight; // request id, length
    FileResult result;
    QElapsedTimer lastProgress;
    QElapsedTimer lastEmit;
    bool opened = false;
};

SshWorker::SshWorker(SshEndpoint endpoint, SshOptions options)
    : m_endpoint(std::move(endpoint))
    , m_options(std::move(options))
{
    initLibssh();
    m_serviceTimer = new QTimer(this);
    m_serviceTimer->setInterval(50);
    connect(m_serviceTimer, &QTimer::timeout, this, &SshWorker::service);
    m_keepaliveTimer = new QTimer(this);
    connect(m_keepaliveTimer, &QTimer::timeout, this, &SshWorker::onKeepalive);
}

SshWorker::~SshWorker()
{
    releaseSession(true);
}

void SshWorker::setState(HostState state, const QString& message)
{
    m_state = state;
    Q_EMIT stateChanged(state, message);
}

QString SshWorker::sessionError() const
{
    return m_session ? QString::fromUtf8(ssh_get_error(m_session)) : QString();
}

void SshWorker::fail(const QString& message)
{
    qCInfo(lcSsh) << "connection to" << m_endpoint.host << "failed:" << message;
    releaseSession(false);
    setState(HostState::Failed, message);
}

void SshWorker::connectToHost()
{
    if (m_state == HostState::Connected || m_state == HostState::Connecting || m_state == HostState::Authenticating)
        return;
    releaseSession(false);
    setState(HostState::Connecting, QCoreApplication::translate("SshHost", "Connecting to %1…").arg(m_endpoint.host));

    m_session = ssh_new();
    if (!m_session) {
        fail(QCoreApplication::translate("SshHost", "Could not create an SSH session."));
        return;
    }
    const QByteArray host = m_endpoint.host.toUtf8();
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    int no = 0;
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    // Prefer AES-GCM over chacha20-poly1305 (libssh's and OpenSSH's first choice) when this
    // CPU has AES instructions: on such machines the server's side of a bulk SFTP read costs
    // markedly less CPU with AES-GCM (OpenSSH does poly1305 in portable C), and dom0 CPU is
    // what a rescue is short of. Same algorithms, only the order changes; set before the
    // config file so a "Ciphers" line there still wins.
    if (cpuHasAes()) {
        ssh_options_set(m_session, SSH_OPTIONS_CIPHERS_C_S, kAesFirstCiphers);
        ssh_options_set(m_session, SSH_OPTIONS_CIPHERS_S_C, kAesFirstCiphers);
    }
    if (m_endpoint.sshConfigFile != QLatin1String("none")) {
        const QByteArray cfg = QFile::encodeName(m_endpoint.sshConfigFile);
        if (ssh_options_parse_config(m_session, cfg.isEmpty() ? nullptr : cfg.constData()) != 0)
            qCWarning(lcSsh) << "could not read ssh config:" << sessionError();
    }
    if (m_endpoint.port > 0) {
        unsigned int port = unsigned(m_endpoint.port);
        ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    }
    if (!m_endpoint.user.isEmpty())
        ssh_options_set(m_session, SSH_OPTIONS_USER, m_endpoint.user.toUtf8().constData());
    if (!m_endpoint.identityFile.isEmpty())
        ssh_options_set(m_session, SSH_OPTIONS_ADD_IDENTITY, QFile::encodeName(m_endpoint.identityFile).constData());
    long timeoutSec = qMax(1, (m_options.connectTimeoutMs + 999) / 1000);
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT, &timeoutSec);
    int yes = 1;
    ssh_options_set(m_session, SSH_OPTIONS_NODELAY, &yes);
    // Known hosts: the app's own file (read-write) and the user's (read-only). Set after
    // the config so a UserKnownHostsFile there cannot redirect where keys are written.
    if (!m_options.appKnownHostsFile.isEmpty()) {
        QDir().mkpath(QFileInfo(m_options.appKnownHostsFile).absolutePath());
        ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, QFile::encodeName(m_options.appKnownHostsFile).constData());
    }
    const QString global =
        m_options.userKnownHostsFile.isEmpty() ? m_options.appKnownHostsFile : m_options.userKnownHostsFile;
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, QFile::encodeName(global).constData());

    unsigned int port = 22;
    ssh_options_get_port(m_session, &port);
    char* userRaw = nullptr;
    ssh_options_get(m_session, SSH_OPTIONS_USER, &userRaw);
    const QString user = takeLibsshString(userRaw);
    m_endpointKey = QStringLiteral("%1@%2:%3").arg(user, m_endpoint.host).arg(port);
    Q_EMIT resolved(m_endpointKey);

    if (ssh_connect(m_session) != SSH_OK) {
        fail(
            QCoreApplication::translate("SshHost", "Could not connect to %1: %2").arg(m_endpoint.host, sessionError()));
        return;
    }

    // Host key.
    ssh_key serverKey = nullptr;
    if (ssh_get_server_publickey(m_session, &serverKey) != SSH_OK) {
        fail(QCoreApplication::translate("SshHost", "The server sent no usable host key."));
        return;
    }
    unsigned char* hash = nullptr;
    size_t hashLen = 0;
    m_hostKey = HostKeyInfo();
    m_hostKey.hostPort = QStringLiteral("%1:%2").arg(m_endpoint.host).arg(port);
    m_hostKey.keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(serverKey)));
    if (ssh_get_publickey_hash(serverKey, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLen) == 0) {
        char* fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLen);
        m_hostKey.sha256Fingerprint = takeLibsshString(fp);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(serverKey);

    const enum ssh_known_hosts_e known = ssh_session_is_known_server(m_session);
    switch (known) {
    case SSH_KNOWN_HOSTS_OK:
        m_hostKey.status = HostKeyInfo::Status::Trusted;
        startAuthentication();
        return;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
        m_hostKey.status = HostKeyInfo::Status::Changed;
        QFile app(m_options.appKnownHostsFile);
        const QByteArray needle = port == 22 ? host : QStringLiteral("[%1]:%2").arg(m_endpoint.host).arg(port).toUtf8();
        const bool inApp = app.open(QIODevice::ReadOnly) && app.readAll().contains(needle);
        m_hostKey.knownHostsFile = inApp || m_options.userKnownHostsFile.isEmpty() ? m_options.appKnownHostsFile
                                                                                   : m_options.userKnownHostsFile;
        Q_EMIT hostKeyPrompt(m_hostKey);
        fail(QCoreApplication::translate(
                 "SshHost",
                 "The host key of %1 has changed. XenRescue refused to connect: this can mean someone is "
                 "intercepting the connection. Verify the new key on the host before replacing the old one in %2.")
                 .arg(m_hostKey.hostPort, m_hostKey.knownHostsFile));
        return;
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        m_hostKey.status = HostKeyInfo::Status::Unknown;
        m_hostKey.knownHostsFile = m_options.appKnownHostsFile;
        m_waiting = Waiting::HostKey;
        setState(
            HostState::AwaitingHostKey,
            QCoreApplication::translate("SshHost", "The host key of %1 is not known yet.").arg(m_hostKey.hostPort));
        Q_EMIT hostKeyPrompt(m_hostKey);
        return;
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    fail(QCoreApplication::translate("SshHost", "Could not check the host key: %1").arg(sessionError()));
}

void SshWorker::hostKeyDecision(bool accept, bool remember)
{
    if (m_waiting != Waiting::HostKey || !m_session)
        return;
    m_waiting = Waiting::Nothing;
    if (!accept) {
        fail(QCoreApplication::translate("SshHost", "The host key was not accepted."));
        return;
    }
    if (remember && ssh_session_update_known_hosts(m_session) != SSH_OK) {
        fail(QCoreApplication::translate("SshHost", "Could not store the host key in %1: %2")
                 .arg(m_options.appKnownHostsFile, sessionError()));
        return;
    }
    m_hostKey.status = HostKeyInfo::Status::Trusted;
    startAuthentication();
}

void SshWorker::startAuthentication()
{
    setState(HostState::Authenticating, QCoreApplication::translate("SshHost", "Authenticating…"));
    m_authSteps.clear();
    m_keyFiles.clear();
    m_attempts = 0;
    m_previousFailed = false;

    const int rc = ssh_userauth_none(m_session, nullptr);
    if (rc == SSH_AUTH_SUCCESS) {
        onAuthenticated();
        return;
    }
    if (rc == SSH_AUTH_ERROR) {
        fail(QCoreApplication::translate("SshHost", "Authentication failed: %1").arg(sessionError()));
        return;
    }
    m_authMethods = ssh_userauth_list(m_session, nullptr);

    if (!m_endpoint.identityFile.isEmpty()) {
        m_keyFiles << m_endpoint.identityFile;
    } else {
        const QString home = QDir::homePath();
        // The IdentityFile of ~/.ssh/config comes first in libssh's list (it is prepended);
        // without one this is the first default key.
        char* first = nullptr;
        if (ssh_options_get(m_session, SSH_OPTIONS_IDENTITY, &first) == SSH_OK) {
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
    switch (m_endpoint.auth) {
    case AuthMethod::Auto:
        m_authSteps = {AuthStep::Agent, AuthStep::KeyFile, AuthStep::Password, AuthStep::KeyboardInteractive};
        break;
    case AuthMethod::Agent:
        m_authSteps = {AuthStep::Agent};
        break;
    case AuthMethod::KeyFile:
        m_authSteps = {AuthStep::KeyFile};
        break;
    case AuthMethod::Password:
        m_authSteps = {AuthStep::Password};
        break;
    case AuthMethod::KeyboardInteractive:
        m_authSteps = {AuthStep::KeyboardInteractive};
        break;
    }
    continueAuthentication();
}

void SshWorker::requestCredentials(CredentialRequest request, Waiting waiting)
{
    request.endpointKey = m_endpointKey;
    request.previousFailed = m_previousFailed;
    m_waiting = waiting;
    setState(HostState::AwaitingCredentials, QCoreApplication::translate("SshHost", "Waiting for credentials…"));
    Q_EMIT credentialsNeeded(request);
}

void SshWorker::requestPassphrase()
{
    CredentialRequest req;
    req.kind = CredentialRequest::Kind::KeyPassphrase;
    req.keyFile = m_keyFiles.first();
    req.prompts
        << QCoreApplication::translate("SshHost", "Passphrase for %1:").arg(QDir::toNativeSeparators(req.keyFile));
    req.echo << false;
    requestCredentials(req, Waiting::Passphrase);
}

bool SshWorker::settleAttempt(int rc)
{
    if (rc == SSH_AUTH_SUCCESS) {
        onAuthenticated();
        return true;
    }
    if (rc == SSH_AUTH_ERROR) {
        fail(QCoreApplication::translate("SshHost", "Authentication failed: %1").arg(sessionError()));
        return true;
    }
    // Refused: ask again (told it failed) up to kMaxAttempts, then try the next method.
    m_previousFailed = true;
    if (++m_attempts >= kMaxAttempts) {
        m_authSteps.removeFirst();
        m_attempts = 0;
    }
    return false;
}

void SshWorker::credentials(const QStringList& answers, bool cancelled)
{
    if (m_waiting == Waiting::Nothing || m_waiting == Waiting::HostKey || !m_session)
        return;
    if (cancelled) {
        m_waiting = Waiting::Nothing;
        fail(QCoreApplication::translate("SshHost", "Authentication was cancelled."));
        return;
    }
    m_answers = answers;
    setState(HostState::Authenticating, QCoreApplication::translate("SshHost", "Authenticating…"));
    continueAuthentication();
}

bool SshWorker::tryKeyFile(const QString& passphrase)
{
    const QString path = m_keyFiles.first();
    ssh_key key = nullptr;
    const QByteArray pass = passphrase.toUtf8();
    const int rc = ssh_pki_import_privkey_file(
        QFile::encodeName(path).constData(), passphrase.isNull() ? nullptr : pass.constData(), nullptr, nullptr, &key);
    if (rc != SSH_OK)
        return false;
    const int auth = ssh_userauth_publickey(m_session, nullptr, key);
    ssh_key_free(key);
    if (auth == SSH_AUTH_SUCCESS)
        onAuthenticated();
    else
        m_keyFiles.removeFirst(); // refused by the server: a passphrase would not help
    return true;
}

void SshWorker::continueAuthentication()
{
    while (!m_authSteps.isEmpty() && m_session && m_state != HostState::Connected) {
        const AuthStep step = m_authSteps.first();
        switch (step) {
        case AuthStep::Agent: {
            m_authSteps.removeFirst();
            if (!(m_authMethods & SSH_AUTH_METHOD_PUBLICKEY) || qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
                continue;
            if (ssh_userauth_agent(m_session, nullptr) == SSH_AUTH_SUCCESS) {
                onAuthenticated();
                return;
            }
            continue;
        }
        case AuthStep::KeyFile: {
            if (!(m_authMethods & SSH_AUTH_METHOD_PUBLICKEY) || m_keyFiles.isEmpty()) {
                m_authSteps.removeFirst();
                continue;
            }
            if (m_waiting == Waiting::Passphrase) {
                m_waiting = Waiting::Nothing;
                QString pass = m_answers.value(0);
                wipe(m_answers);
                const bool imported = tryKeyFile(pass);
                wipe(pass);
                if (m_state == HostState::Connected)
                    return;
                if (!imported) {
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
            if (tryKeyFile(QString())) {
                if (m_state == HostState::Connected)
                    return;
                continue;
            }
            // The key did not load without a passphrase: it is encrypted (or unreadable,
            // which the passphrase prompt reveals when no answer works).
            if (!QFileInfo(m_keyFiles.first()).isReadable()) {
                m_keyFiles.removeFirst();
                continue;
            }
            requestPassphrase();
            return;
        }
        case AuthStep::Password: {
            if (!(m_authMethods & SSH_AUTH_METHOD_PASSWORD)) {
                m_authSteps.removeFirst();
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
            wipe(m_answers);
            const int rc = ssh_userauth_password(m_session, nullptr, pass.toUtf8().constData());
            wipe(pass);
            if (settleAttempt(rc))
                return;
            continue;
        }
        case AuthStep::KeyboardInteractive: {
            if (!(m_authMethods & SSH_AUTH_METHOD_INTERACTIVE)) {
                m_authSteps.removeFirst();
                continue;
            }
            int rc;
            if (m_waiting == Waiting::KeyboardInteractive) {
                m_waiting = Waiting::Nothing;
                const int n = ssh_userauth_kbdint_getnprompts(m_session);
                for (int i = 0; i < n; ++i)
                    ssh_userauth_kbdint_setanswer(m_session, unsigned(i), m_answers.value(i).toUtf8().constData());
                wipe(m_answers);
                rc = ssh_userauth_kbdint(m_session, nullptr, nullptr);
            } else {
                rc = ssh_userauth_kbdint(m_session, nullptr, nullptr);
            }
            // Servers may send info requests with no prompts; answer them empty.
            while (rc == SSH_AUTH_INFO && ssh_userauth_kbdint_getnprompts(m_session) == 0)
                rc = ssh_userauth_kbdint(m_session, nullptr, nullptr);
            if (rc == SSH_AUTH_INFO) {
                CredentialRequest req;
                req.kind = CredentialRequest::Kind::KeyboardInteractive;
                req.name = QString::fromUtf8(ssh_userauth_kbdint_getname(m_session));
                req.instruction = QString::fromUtf8(ssh_userauth_kbdint_getinstruction(m_session));
                const int n = ssh_userauth_kbdint_getnprompts(m_session);
                for (int i = 0; i < n; ++i) {
                    char echo = 0;
                    req.prompts << QString::fromUtf8(ssh_userauth_kbdint_getprompt(m_session, unsigned(i), &echo));
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
    if (m_session && m_state != HostState::Connected) {
        QStringList offered;
        if (m_authMethods & SSH_AUTH_METHOD_PUBLICKEY)
            offered << QStringLiteral("publickey");
        if (m_authMethods & SSH_AUTH_METHOD_PASSWORD)
            offered << QStringLiteral("password");
        if (m_authMethods & SSH_AUTH_METHOD_INTERACTIVE)
            offered << QStringLiteral("keyboard-interactive");
        fail(QCoreApplication::translate("SshHost",
                                         "Authentication failed: no method was accepted (the server offers: %1).")
                 .arg(offered.isEmpty() ? QCoreApplication::translate("SshHost", "none")
                                        : offered.join(QStringLiteral(", "))));
    }
}

void SshWorker::onAuthenticated()
{
    m_authSteps.clear();
    m_waiting = Waiting::Nothing;
    m_previousFailed = false;
    Q_EMIT authenticated();

    ssh_set_blocking(m_session, 0);
    m_event = ssh_event_new();
    if (!m_event || ssh_event_add_session(m_event, m_session) != SSH_OK) {
        fail(QCoreApplication::translate("SshHost", "Could not start the SSH event loop."));
        return;
    }
    const socket_t fd = ssh_get_fd(m_session);
    m_notifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        noteActivity();
        service();
    });
    m_lastActivity.start();
    m_probesWithoutAnswer = 0;
    m_learnedChannelLimit = INT_MAX;
    m_keepaliveTimer->start(qMax(200, m_options.keepaliveIntervalMs / 2));
    setState(HostState::Connected, QCoreApplication::translate("SshHost", "Connected to %1").arg(m_endpointKey));
}

void SshWorker::noteActivity()
{
    m_lastActivity.restart();
    m_probesWithoutAnswer = 0;
}

void SshWorker::onKeepalive()
{
    if (m_state != HostState::Connected || !m_session)
        return;
    if (!checkAlive())
        return;
    if (m_lastActivity.elapsed() < m_options.keepaliveIntervalMs)
        return;
    if (m_probesWithoutAnswer >= m_options.keepaliveMaxMissed) {
        connectionLost(
            QCoreApplication::translate("SshHost", "%1 stopped answering (no reply to %2 keepalive probes in %3 s).")
                .arg(m_endpoint.host)
                .arg(m_probesWithoutAnswer)
                .arg(m_lastActivity.elapsed() / 1000));
        return;
    }
    ++m_probesWithoutAnswer;
    m_lastActivity.restart(); // the next probe waits a full interval for an answer
    ssh_send_keepalive(m_session);
    scheduleService();
}

void SshWorker::disconnectFromHost()
{
    const auto commands = m_commands.values();
    for (const auto& cmd : commands) {
        if (!cmd->delivered && !cmd->internal)
            finishCommand(cmd->id, CommandOutcome::Cancelled, QCoreApplication::translate("SshHost", "Disconnected."));
    }
    const auto fids = m_files.keys();
    for (quint64 id : fids) {
        FileResult r;
        r.cancelled = true;
        r.error = QCoreApplication::translate("SshHost", "Disconnected.");
        finishFile(id, r);
    }
    // Give the remote kills a moment to be sent before the goodbye.
    if (m_session && m_event)
        ssh_event_dopoll(m_event, 100);
    releaseSession(true);
    setState(HostState::Disconnected, QCoreApplication::translate("SshHost", "Disconnected."));
}

void SshWorker::dropConnection()
{
    if (!m_session)
        return;
    const socket_t fd = ssh_get_fd(m_session);
#ifdef Q_OS_WIN
    ::shutdown(fd, SD_BOTH);
#else
    ::shutdown(fd, SHUT_RDWR);
#endif
    scheduleService();
}

void SshWorker::releaseSession(bool graceful)
{
    m_serviceTimer->stop();
    m_keepaliveTimer->stop();
    delete m_notifier;
    m_notifier = nullptr;
    for (auto& cmd : m_commands) {
        if (cmd->channel)
            ssh_channel_free(std::exchange(cmd->channel, nullptr));
    }
    m_commands.clear();
    for (auto& op : m_files) {
        if (op->file)
            sftp_close(std::exchange(op->file, nullptr));
    }
    if (m_sftp) {
        sftp_free(m_sftp);
        m_sftp = nullptr;
    }
    if (m_event) {
        if (m_session)
            ssh_event_remove_session(m_event, m_session);
        ssh_event_free(m_event);
        m_event = nullptr;
    }
    if (m_session) {
        if (graceful && ssh_is_connected(m_session))
            ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
    wipe(m_answers);
    m_waiting = Waiting::Nothing;
}

bool SshWorker::checkAlive()
{
    if (!m_session)
        return false;
    const int status = ssh_get_status(m_session);
    if (!ssh_is_connected(m_session) || (status & (SSH_CLOSED | SSH_CLOSED_ERROR))) {
        connectionLost(QCoreApplication::translate("SshHost", "The connection to %1 was lost.").arg(m_endpoint.host));
        return false;
    }
    return true;
}

void SshWorker::connectionLost(const QString& why)
{
    qCInfo(lcSsh) << why;
    const QString message = QCoreApplication::translate("SshHost", "Connection lost.");
    // Channels of a dead session must not be used again: free them without a goodbye.
    const auto commands = m_commands.values();
    m_commands.clear();
    for (const auto& cmd : commands) {
        if (cmd->channel)
            ssh_channel_free(std::exchange(cmd->channel, nullptr));
        if (!cmd->delivered && !cmd->internal) {
            cmd->result.outcome = CommandOutcome::ConnectionLost;
            cmd->result.error = message;
            cmd->result.elapsedMs = cmd->started.elapsed();
            Q_EMIT commandFinished(cmd->id, cmd->result);
        }
    }
    const auto fids = m_files.keys();
    for (quint64 id : fids) {
        FileResult r;
        r.connectionLost = true;
        r.error = message;
        finishFile(id, r);
    }
    releaseSession(false);
    setState(HostState::Lost, why);
}

void SshWorker::scheduleService()
{
    if (m_serviceQueued)
        return;
    m_serviceQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_serviceQueued = false;
            service();
        },
        Qt::QueuedConnection);
}

void SshWorker::startCommand(quint64 id, const CommandRequest& request)
{
    if (m_state != HostState::Connected) {
        CommandResult r;
        r.outcome = CommandOutcome::Failed;
        r.error = QCoreApplication::translate("SshHost", "Not connected to %1.").arg(m_endpoint.host);
        if (!(id & kInternalBit))
            Q_EMIT commandFinished(id, r);
        return;
    }
    auto cmd = std::make_shared<Command>();
    cmd->id = id;
    cmd->internal = (id & kInternalBit) != 0;
    cmd->request = request;
    cmd->started.start();
    cmd->deadline = QDeadlineTimer(qMax(1, request.timeoutMs));
    m_commands.insert(id, cmd);
    scheduleService();
}

void SshWorker::startInternal(const QString& command)
{
    CommandRequest req;
    req.command = command;
    req.timeoutMs = 15000;
    req.maxOutputBytes = 4096;
    startCommand(kInternalBit | ++m_lastInternalId, req);
}

void SshWorker::startFile(quint64 id, const FileRequest& request)
{
    if (m_state != HostState::Connected) {
        FileResult r;
        r.error = QCoreApplication::translate("SshHost", "Not connected to %1.").arg(m_endpoint.host);
        Q_EMIT fileFinished(id, r);
        return;
    }
    auto op = std::make_shared<FileOp>();
    op->id = id;
    op->request = request;
    op->lastProgress.start();
    op->lastEmit.start();
    m_files.insert(id, op);
    scheduleService();
}

void SshWorker::cancel(quint64 id)
{
    if (auto it = m_commands.find(id); it != m_commands.end()) {
        if (!(*it)->delivered)
            finishCommand(id, CommandOutcome::Cancelled, QCoreApplication::translate("SshHost", "Cancelled."));
        return;
    }
    if (m_files.contains(id)) {
        FileResult r;
        r.cancelled = true;
        r.error = QCoreApplication::translate("SshHost", "Cancelled.");
        finishFile(id, r);
    }
}

int SshWorker::channelsInUse() const
{
    int n = 0;
    for (const auto& cmd : m_commands) {
        if (cmd->channel)
            ++n;
    }
    return n;
}

void SshWorker::freeChannel(Command& cmd)
{
    if (!cmd.channel)
        return;
    ssh_channel_close(cmd.channel);
    ssh_channel_free(std::exchange(cmd.channel, nullptr));
}

void SshWorker::stopRemote(Command& cmd)
{
    if (!cmd.channel || cmd.killIssued)
        return;
    // A signal request works where sshd allows it (not for root sessions, the usual case
    // on dom0); killing the process group from a second channel works everywhere. Either
    // way a wedged `xe` under a shell dies with its shell.
    ssh_channel_request_send_signal(cmd.channel, "TERM");
    if (cmd.pgid > 1) {
        cmd.killIssued = true;
        const QString g = QString::number(cmd.pgid);
        startInternal(
            QStringLiteral("kill -TERM -- -%1 2>/dev/null; sleep 1; kill -KILL -- -%1 2>/dev/null; exit 0").arg(g));
    }
}

void SshWorker::service()
{
    if (!m_session || m_state != HostState::Connected)
        return;
    if (m_event)
        ssh_event_dopoll(m_event, 0);
    if (!checkAlive())
        return;

    bool busy = false;
    const auto commands = m_commands.values();
    for (const auto& cmd : commands) {
        if (m_commands.contains(cmd->id) && stepCommand(*cmd))
            busy = true;
        if (m_state != HostState::Connected)
            return;
    }
    const auto files = m_files.values();
    for (const auto& op : files) {
        if (m_files.contains(op->id) && stepFile(*op))
            busy = true;
        if (m_state != HostState::Connected)
            return;
    }
    if (!checkAlive())
        return;

    if (busy)
        scheduleService();
    if (!m_commands.isEmpty() || !m_files.isEmpty()) {
        if (!m_serviceTimer->isActive())
            m_serviceTimer->start();
    } else {
        m_serviceTimer->stop();
    }
}

bool SshWorker::drain(Command& cmd, int stream)
{
    char buf[kReadChunk];
    bool any = false;
    for (;;) {
        const int n = ssh_channel_read_nonblocking(cmd.channel, buf, sizeof buf, stream);
        if (n <= 0)
            return any;
        any = true;
        QByteArray chunk(buf, n);
        if (stream == 1 && !cmd.markerDone) {
            cmd.markerScan += chunk;
            chunk.clear();
            const qsizetype at = cmd.markerScan.indexOf(kPgidMarker);
            const qsizetype nl = at < 0 ? -1 : cmd.markerScan.indexOf('\n', at);
            if (nl >= 0) {
                const qsizetype start = at + qsizetype(sizeof kPgidMarker) - 1;
                cmd.pgid = cmd.markerScan.mid(start, nl - start).trimmed().toLongLong();
                chunk = cmd.markerScan.left(at) + cmd.markerScan.mid(nl + 1);
                cmd.markerScan.clear();
                cmd.markerDone = true;
                if (cmd.delivered)
                    stopRemote(cmd); // stopped before we knew whom to stop
            } else if (cmd.markerScan.size() > kMarkerScanLimit) {
                chunk = std::exchange(cmd.markerScan, {});
                cmd.markerDone = true;
            } else {
                continue;
            }
        }
        if (cmd.delivered || chunk.isEmpty())
            continue;
        QByteArray& keep = stream == 0 ? cmd.result.stdOut : cmd.result.stdErr;
        qint64& count = stream == 0 ? cmd.result.stdOutBytes : cmd.result.stdErrBytes;
        count += chunk.size();
        const qint64 room = cmd.request.maxOutputBytes - keep.size();
        const qsizetype take = qsizetype(qBound<qint64>(0, room, qint64(chunk.size())));
        if (take < chunk.size()) {
            cmd.result.truncated = true;
            chunk.truncate(take);
        }
        if (!chunk.isEmpty()) {
            keep.append(chunk);
            if (cmd.request.streaming)
                Q_EMIT commandOutput(cmd.id, stream, chunk);
        }
    }
}

bool SshWorker::stepCommand(Command& cmd)
{
    if (cmd.delivered) {
        // Stopped by deadline or cancel: drain until the remote side is gone.
        const bool got = cmd.channel && (drain(cmd, 0) | drain(cmd, 1));
        const bool gone = !cmd.channel || ssh_channel_is_closed(cmd.channel) ||
                          (ssh_channel_poll(cmd.channel, 0) == SSH_EOF && ssh_channel_poll(cmd.channel, 1) == SSH_EOF);
        if (gone || cmd.dyingSince.elapsed() > kDyingMaxMs) {
            freeChannel(cmd);
            m_commands.remove(cmd.id);
        }
        return got;
    }
    if (cmd.deadline.hasExpired()) {
        finishCommand(cmd.id, CommandOutcome::TimedOut,
                      QCoreApplication::translate("SshHost", "No answer within %1 s; the command was stopped.")
                          .arg(cmd.request.timeoutMs / 1000.0));
        return false;
    }
    switch (cmd.phase) {
    case Command::Phase::Opening: {
        if (!cmd.retryAt.hasExpired())
            return false;
        if (!cmd.channel) {
            // Wait for a free channel. The transport's own kill commands may use two more,
            // so a host full of stuck commands can still be cleaned up.
            if (m_learnedChannelLimit != INT_MAX && m_learnedAt.elapsed() > 30000)
                m_learnedChannelLimit = INT_MAX; // a refusal can be passing (sessions being torn down)
            const int limit = qMin(m_options.maxChannels, m_learnedChannelLimit) + (cmd.internal ? 2 : 0);
            if (channelsInUse() >= qMax(1, limit))
                return false;
            cmd.channel = ssh_channel_new(m_session);
        }
        if (!cmd.channel) {
            finishCommand(cmd.id, CommandOutcome::Failed,
                          QCoreApplication::translate("SshHost", "Could not open a channel: %1").arg(sessionError()));
            return false;
        }
        const int rc = ssh_channel_open_session(cmd.channel);
        if (rc == SSH_AGAIN)
            return false;
        if (rc != SSH_OK) {
            ssh_channel_free(std::exchange(cmd.channel, nullptr));
            // A server with a lower MaxSessions refuses the extra channel. sshd also keeps a
            // finished session's slot for a moment after its channel closed, so a refusal
            // can come even when this side holds no channel. Either way: remember the limit
            // and retry shortly; fail only when refusals go on with nothing of ours open.
            const int others = channelsInUse();
            if (others > 0) {
                m_learnedChannelLimit = others;
                m_learnedAt.start();
            }
            if (!cmd.refusedSince.isValid())
                cmd.refusedSince.start();
            if (others == 0 && cmd.refusedSince.elapsed() > kRefusalPatienceMs) {
                finishCommand(
                    cmd.id, CommandOutcome::Failed,
                    QCoreApplication::translate("SshHost", "The server refused a channel: %1").arg(sessionError()));
                return false;
            }
            qCInfo(lcSsh) << "server refused channel" << others + 1 << "; trying again shortly";
            cmd.retryAt = QDeadlineTimer(kRefusalRetryMs);
            return false;
        }
        cmd.phase = Command::Phase::Executing;
        [[fallthrough]];
    }
    case Command::Phase::Executing: {
        // The marker line goes first, on its own line, so the command text after it is
        // exactly what the caller built.
        const QByteArray wire =
            QByteArray("printf '") + kPgidMarker + "%s\\n' \"$$\" >&2\n" + cmd.request.command.toUtf8();
        const int rc = ssh_channel_request_exec(cmd.channel, wire.constData());
        if (rc == SSH_AGAIN)
            return false;
        if (rc != SSH_OK) {
            freeChannel(cmd);
            finishCommand(cmd.id, CommandOutcome::Failed,
                          QCoreApplication::translate("SshHost", "The server refused to run the command: %1")
                              .arg(sessionError()));
            return false;
        }
        cmd.phase = Command::Phase::Running;
        [[fallthrough]];
    }
    case Command::Phase::Running: {
        const bool got = drain(cmd, 0) | drain(cmd, 1);
        if (got)
            noteActivity();
        const bool eof = ssh_channel_poll(cmd.channel, 0) == SSH_EOF && ssh_channel_poll(cmd.channel, 1) == SSH_EOF;
        if (eof) {
            const int status = ssh_channel_get_exit_status(cmd.channel);
            if (status >= 0 || ssh_channel_is_closed(cmd.channel)) {
                if (!cmd.markerScan.isEmpty()) { // stderr that never carried a marker
                    cmd.result.stdErr.prepend(std::exchange(cmd.markerScan, {}));
                    cmd.result.stdErrBytes = cmd.result.stdErr.size();
                }
                cmd.result.exitStatus = status;
                freeChannel(cmd);
                finishCommand(cmd.id, CommandOutcome::Finished,
                              status < 0
                                  ? QCoreApplication::translate(
                                        "SshHost", "The command ended without an exit status (killed by a signal?).")
                                  : QString());
                return false;
            }
        }
        return got;
    }
    }
    return false;
}

void SshWorker::finishCommand(quint64 id, CommandOutcome outcome, const QString& error)
{
    auto it = m_commands.find(id);
    if (it == m_commands.end() || (*it)->delivered)
        return;
    std::shared_ptr<Command> cmd = *it;
    cmd->delivered = true;
    cmd->result.outcome = outcome;
    cmd->result.error = error;
    cmd->result.elapsedMs = cmd->started.elapsed();
    if (!cmd->internal)
        Q_EMIT commandFinished(id, cmd->result);
    if (cmd->channel && outcome != CommandOutcome::Finished && cmd->phase == Command::Phase::Running) {
        // Keep the channel until the remote process is gone; stop it now if we know its
        // process group, or as soon as the marker line arrives.
        cmd->dyingSince.start();
        stopRemote(*cmd);
        scheduleService();
        return;
    }
    freeChannel(*cmd);
    m_commands.erase(it);
}

bool SshWorker::ensureSftp(QString* error)
{
    if (m_sftp)
        return true;
    m_sftp = sftp_new(m_session);
    if (!m_sftp) {
        *error = QCoreApplication::translate("SshHost", "Could not start SFTP: %1").arg(sessionError());
        return false;
    }
    if (sftp_init(m_sftp) != SSH_OK) {
        *error = QCoreApplication::translate("SshHost", "The host does not offer SFTP: %1").arg(sessionError());
        sftp_free(m_sftp);
        m_sftp = nullptr;
        return false;
    }
    return true;
}

void SshWorker::writeFileBlocking(const FileRequest& request, FileResult& r)
{
    // Called from stepFile() in blocking mode. Small files only (configuration files).
    const QByteArray path = request.path.toUtf8();
    mode_t mode = 0644;
    if (sftp_attributes a = sftp_stat(m_sftp, path.constData())) {
        if (request.exclusive) {
            sftp_attributes_free(a);
            r.error = QCoreApplication::translate("SshHost", "%1 already exists").arg(request.path);
            return;
        }
        mode = mode_t(a->permissions & 07777);
        sftp_attributes_free(a);
    }
    const QByteArray target = request.exclusive ? path : path + ".xenrescue-tmp";
    const int flags = O_WRONLY | O_CREAT | (request.exclusive ? O_EXCL : O_TRUNC);
    sftp_file f = sftp_open(m_sftp, target.constData(), flags, mode);
    if (!f) {
        r.error = sftpErrorText(m_sftp, m_session);
        return;
    }
    qint64 written = 0;
    while (written < request.data.size()) {
        const size_t chunk = size_t(std::min<qint64>(request.data.size() - written, 32768));
        const ssize_t n = sftp_write(f, request.data.constData() + written, chunk);
        if (n <= 0) {
            r.error = sftpErrorText(m_sftp, m_session);
            sftp_close(f);
            sftp_unlink(m_sftp, target.constData());
            return;
        }
        written += n;
    }
    if (sftp_close(f) != SSH_OK) {
        r.error = sftpErrorText(m_sftp, m_session);
        sftp_unlink(m_sftp, target.constData());
        return;
    }
    if (!request.exclusive) {
        // SFTP v3 rename never replaces a file (and libssh 0.10 has no posix-rename): move the
        // original aside, move the new file in, then drop the original; put it back on failure.
        const QByteArray aside = path + ".xenrescue-old";
        sftp_unlink(m_sftp, aside.constData());
        const bool hadOriginal = sftp_rename(m_sftp, path.constData(), aside.constData()) == SSH_OK;
        if (sftp_rename(m_sftp, target.constData(), path.constData()) != SSH_OK) {
            r.error = sftpErrorText(m_sftp, m_session);
            if (hadOriginal)
                sftp_rename(m_sftp, aside.constData(), path.constData());
            sftp_unlink(m_sftp, target.constData());
            return;
        }
        if (hadOriginal)
            sftp_unlink(m_sftp, aside.constData());
    }
    r.ok = true;
    r.bytesTransferred = written;
}

bool SshWorker::stepFile(FileOp& op)
{
    // SFTP calls in libssh are blocking; run them in blocking mode, bounded by the session
    // timeout, in batches so other channels are serviced in between.
    struct BlockingScope
    {
        SshWorker* w;
        explicit BlockingScope(SshWorker* worker)
            : w(worker)
        {
            ssh_set_blocking(w->m_session, 1);
        }
        ~BlockingScope()
        {
            if (w->m_session) // the session is gone if the connection was lost meanwhile
                ssh_set_blocking(w->m_session, 0);
        }
    } blocking(this);

    FileResult& r = op.result;
    QString error;
    if (!ensureSftp(&error)) {
        r.error = error;
        finishFile(op.id, r);
        return false;
    }
    const QByteArray path = op.request.path.toUtf8();

    switch (op.request.kind) {
    case FileOperationKind::Stat: {
        sftp_attributes a = sftp_stat(m_sftp, path.constData());
        if (!a) {
            r.error = sftpErrorText(m_sftp, m_session);
        } else {
            r.ok = true;
            r.info = infoFrom(a, op.request.path);
            sftp_attributes_free(a);
        }
        finishFile(op.id, r);
        return false;
    }
    case FileOperationKind::List: {
        sftp_dir dir = sftp_opendir(m_sftp, path.constData());
        if (!dir) {
            r.error = sftpErrorText(m_sftp, m_session);
            finishFile(op.id, r);
            return false;
        }
        while (sftp_attributes a = sftp_readdir(m_sftp, dir)) {
            const QString name = QString::fromUtf8(a->name);
            if (name != QLatin1String(".") && name != QLatin1String(".."))
                r.entries.append(infoFrom(a, name));
            sftp_attributes_free(a);
        }
        r.ok = sftp_dir_eof(dir) != 0;
        if (!r.ok)
            r.error = sftpErrorText(m_sftp, m_session);
        sftp_closedir(dir);
        finishFile(op.id, r);
        return false;
    }
    case FileOperationKind::Write: {
        writeFileBlocking(op.request, r);
        finishFile(op.id, r);
        return false;
    }
    case FileOperationKind::ReadRange:
    case FileOperationKind::ReadTail:
    case FileOperationKind::Download:
        break;
    }

    if (!op.opened) {
        op.opened = true;
        sftp_attributes a = sftp_stat(m_sftp, path.constData());
        if (!a) {
            r.error = sftpErrorText(m_sftp, m_session);
            finishFile(op.id, r);
            return false;
        }
        r.info = infoFrom(a, op.request.path);
        sftp_attributes_free(a);
        const qint64 size = r.info.size;
        switch (op.request.kind) {
        case FileOperationKind::ReadRange:
            op.start = qBound<qint64>(0, op.request.offset, size);
            op.end = op.request.length > 0 ? qMin(size, op.start + op.request.length) : size;
            break;
        case FileOperationKind::ReadTail:
            op.end = size;
            op.start = qMax<qint64>(0, size - qMax<qint64>(0, op.request.length));
            break;
        default:
            op.start = 0;
            op.end = size;
            break;
        }
        r.offset = op.start;
        if (op.request.kind == FileOperationKind::Download) {
            op.out.setFileName(op.request.localPath);
            if (!op.out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                r.error = QCoreApplication::translate("SshHost", "Cannot write %1: %2")
                              .arg(op.request.localPath, op.out.errorString());
                finishFile(op.id, r);
                return false;
            }
        } else {
            r.data.reserve(op.end - op.start);
        }
        op.file = sftp_open(m_sftp, path.constData(), O_RDONLY, 0);
        if (!op.file) {
            r.error = sftpErrorText(m_sftp, m_session);
            finishFile(op.id, r);
            return false;
        }
        sftp_seek64(op.file, quint64(op.start));
        op.nextRequest = op.start;
    }

    QByteArray buf(kSftpChunk, Qt::Uninitialized);
    qint64 batch = 0;
    while (batch < kSftpBatchBytes) {
        while (op.inFlight.size() < kSftpDepth && op.nextRequest < op.end) {
            const uint32_t len = uint32_t(qMin<qint64>(kSftpChunk, op.end - op.nextRequest));
            const int reqId = sftp_async_read_begin(op.file, len);
            if (reqId < 0) {
                r.error = sftpErrorText(m_sftp, m_session);
                finishFile(op.id, r);
                return false;
            }
            op.inFlight.append({uint32_t(reqId), len});
            op.nextRequest += len;
        }
        if (op.inFlight.isEmpty())
            break;
        const auto [reqId, len] = op.inFlight.takeFirst();
        const int n = sftp_async_read(op.file, buf.data(), len, reqId);
        if (n < 0) {
            if (!checkAlive())
                return false;
            r.error = sftpErrorText(m_sftp, m_session);
            finishFile(op.id, r);
            return false;
        }
        if (n > 0) {
            if (op.request.kind == FileOperationKind::Download) {
                if (op.out.write(buf.constData(), n) != n) {
                    r.error = QCoreApplication::translate("SshHost", "Cannot write %1: %2")
                                  .arg(op.request.localPath, op.out.errorString());
                    finishFile(op.id, r);
                    return false;
                }
            } else {
                r.data.append(buf.constData(), n);
            }
            op.received += n;
            batch += n;
            op.lastProgress.restart();
        }
        if (uint32_t(n) < len) {
            // A short read before the end (the file shrank, or a server that returns less):
            // drop the pipelined requests and continue from where the data stopped.
            for (const auto& f : std::as_const(op.inFlight))
                sftp_async_read(op.file, buf.data(), f.second, f.first);
            op.inFlight.clear();
            if (n == 0) {
                op.end = op.start + op.received; // end of file reached early
                break;
            }
            op.nextRequest = op.start + op.received;
            sftp_seek64(op.file, quint64(op.nextRequest));
        }
    }
    if (batch > 0)
        noteActivity();

    const qint64 total = op.end - op.start;
    if (op.lastEmit.elapsed() > 100 || op.received >= total) {
        op.lastEmit.restart();
        Q_EMIT fileProgress(op.id, op.received, total);
    }
    if (op.inFlight.isEmpty() && op.nextRequest >= op.end) {
        r.ok = true;
        r.bytesTransferred = op.received;
        finishFile(op.id, r);
        return false;
    }
    if (op.lastProgress.elapsed() > op.request.timeoutMs) {
        r.error = QCoreApplication::translate("SshHost", "The file read made no progress for %1 s.")
                      .arg(op.request.timeoutMs / 1000);
        finishFile(op.id, r);
        return false;
    }
    return true;
}

void SshWorker::finishFile(quint64 id, FileResult result)
{
    auto it = m_files.find(id);
    if (it == m_files.end())
        return;
    std::shared_ptr<FileOp> op = *it;
    m_files.erase(it);
    if (op->file) {
        if (m_session && ssh_is_connected(m_session)) {
            // Collect answers still in flight so the SFTP stream stays in step.
            QByteArray buf(kSftpChunk, Qt::Uninitialized);
            ssh_set_blocking(m_session, 1);
            for (const auto& f : std::as_const(op->inFlight))
                sftp_async_read(op->file, buf.data(), f.second, f.first);
            ssh_set_blocking(m_session, 0);
        }
        sftp_close(std::exchange(op->file, nullptr));
    }
    if (op->out.isOpen()) {
        op->out.close();
        if (!result.ok)
            op->out.remove();
    }
    Q_EMIT fileFinished(id, result);
}

} // namespace xr
