#include "SshWorker.h"

#include "LibsshSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <mutex>

#include <libssh/server.h> // ssh_send_keepalive (a global request any OpenSSH server answers)

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace xr {

Q_LOGGING_CATEGORY(lcSsh, "xr.ssh")

namespace {

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

} // namespace

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

void SshWorker::setState(HostState state, const QString& message, FailureKind kind)
{
    m_state = state;
    Q_EMIT stateChanged(state, message, kind);
}

QString SshWorker::sessionError() const
{
    return m_session ? QString::fromUtf8(ssh_get_error(m_session)) : QString();
}

void SshWorker::fail(const QString& message, FailureKind kind)
{
    qCInfo(lcSsh) << "connection to" << m_endpoint.host << "failed:" << message;
    releaseSession(false);
    setState(HostState::Failed, message, kind);
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
    configureSession();

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
    checkHostKey(port);
}

void SshWorker::configureSession()
{
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
}

void SshWorker::checkHostKey(unsigned int port)
{
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
        const QByteArray needle =
            port == 22 ? m_endpoint.host.toUtf8() : QStringLiteral("[%1]:%2").arg(m_endpoint.host).arg(port).toUtf8();
        const bool inApp = app.open(QIODevice::ReadOnly) && app.readAll().contains(needle);
        m_hostKey.knownHostsFile = inApp || m_options.userKnownHostsFile.isEmpty() ? m_options.appKnownHostsFile
                                                                                   : m_options.userKnownHostsFile;
        Q_EMIT hostKeyPrompt(m_hostKey);
        fail(QCoreApplication::translate(
                 "SshHost",
                 "The host key of %1 has changed. XenRescue refused to connect: this can mean someone is "
                 "intercepting the connection. Verify the new key on the host before replacing the old one in %2.")
                 .arg(m_hostKey.hostPort, m_hostKey.knownHostsFile),
             FailureKind::HostKeyChanged);
        return;
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        m_hostKey.status = HostKeyInfo::Status::Unknown;
        m_hostKey.knownHostsFile = m_options.appKnownHostsFile;
        m_awaitingHostKey = true;
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
    if (!m_awaitingHostKey || !m_session)
        return;
    m_awaitingHostKey = false;
    if (!accept) {
        fail(QCoreApplication::translate("SshHost", "The host key was not accepted."), FailureKind::HostKeyRejected);
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
    m_auth.start(m_endpoint, m_endpointKey);
}

void SshWorker::authenticationNeedsCredentials(const CredentialRequest& request)
{
    setState(HostState::AwaitingCredentials, QCoreApplication::translate("SshHost", "Waiting for credentials…"));
    Q_EMIT credentialsNeeded(request);
}

void SshWorker::credentials(const QStringList& answers, bool cancelled)
{
    if (!m_auth.waitingForAnswers() || !m_session)
        return;
    if (cancelled) {
        fail(QCoreApplication::translate("SshHost", "Authentication was cancelled."), FailureKind::LoginCancelled);
        return;
    }
    setState(HostState::Authenticating, QCoreApplication::translate("SshHost", "Authenticating…"));
    m_auth.answer(answers);
}

void SshWorker::authenticationSucceeded()
{
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
    m_channels.forgetChannelLimit();
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
    m_channels.cancelAll(QCoreApplication::translate("SshHost", "Disconnected."));
    FileResult cancelled;
    cancelled.cancelled = true;
    cancelled.error = QCoreApplication::translate("SshHost", "Disconnected.");
    m_files.endAll(cancelled);
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
    m_channels.release();
    m_files.release();
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
    m_auth.reset();
    m_awaitingHostKey = false;
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
    m_channels.abandonAll(message);
    FileResult lost;
    lost.connectionLost = true;
    lost.error = message;
    m_files.endAll(lost);
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
        if (!SshChannels::isInternal(id))
            Q_EMIT commandFinished(id, r);
        return;
    }
    m_channels.start(id, request);
}

void SshWorker::startFile(quint64 id, const FileRequest& request)
{
    if (m_state != HostState::Connected) {
        FileResult r;
        r.error = QCoreApplication::translate("SshHost", "Not connected to %1.").arg(m_endpoint.host);
        Q_EMIT fileFinished(id, r);
        return;
    }
    m_files.start(id, request);
}

void SshWorker::cancel(quint64 id)
{
    if (!m_channels.cancel(id))
        m_files.cancel(id);
}

void SshWorker::detach(quint64 id)
{
    if (!m_channels.detach(id))
        m_files.cancel(id);
}

void SshWorker::service()
{
    if (!m_session || m_state != HostState::Connected)
        return;
    if (m_event)
        ssh_event_dopoll(m_event, 0);
    if (!checkAlive())
        return;

    // Commands first, then one bounded step of each file operation; either may find the
    // connection gone.
    bool busy = m_channels.step();
    if (m_state != HostState::Connected)
        return;
    if (m_files.step())
        busy = true;
    if (m_state != HostState::Connected)
        return;
    if (!checkAlive())
        return;

    if (busy)
        scheduleService();
    if (!m_channels.isEmpty() || !m_files.isEmpty()) {
        if (!m_serviceTimer->isActive())
            m_serviceTimer->start();
    } else {
        m_serviceTimer->stop();
    }
}

void SshWorker::reportCommandOutput(quint64 id, int stream, const QByteArray& chunk)
{
    Q_EMIT commandOutput(id, stream, chunk);
}

void SshWorker::reportCommandResult(quint64 id, const CommandResult& result)
{
    Q_EMIT commandFinished(id, result);
}

void SshWorker::reportFileProgress(quint64 id, qint64 done, qint64 total)
{
    Q_EMIT fileProgress(id, done, total);
}

void SshWorker::reportFileResult(quint64 id, const FileResult& result)
{
    Q_EMIT fileFinished(id, result);
}

} // namespace xr
