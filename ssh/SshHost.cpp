#include "SshHost.h"

#include "CredentialStore.h"
#include "SshWorker.h"

#include <QCoreApplication>

namespace xr {

SshHost::SshHost(SshEndpoint endpoint, SshOptions options, QObject* parent)
    : RemoteHost(parent)
    , m_endpoint(std::move(endpoint))
    , m_options(std::move(options))
    , m_resolvedKey(m_endpoint.key())
{
    qRegisterMetaType<xr::HostKeyInfo>();
    qRegisterMetaType<xr::CredentialRequest>();
    if (m_options.useKeychain)
        m_credentials = std::make_unique<CredentialStore>();

    m_worker = new SshWorker(m_endpoint, m_options);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("ssh:") + m_endpoint.host);

    connect(m_worker, &SshWorker::stateChanged, this,
            [this](HostState s, const QString& msg, FailureKind kind) { setState(s, msg, kind); });
    connect(m_worker, &SshWorker::resolved, this, [this](const QString& key) { m_resolvedKey = key; });
    connect(m_worker, &SshWorker::hostKeyPrompt, this, [this](const HostKeyInfo& info) {
        m_hostKey = info;
        Q_EMIT hostKeyPrompt(info);
    });
    connect(m_worker, &SshWorker::credentialsNeeded, this, &SshHost::onWorkerCredentialsNeeded);
    connect(m_worker, &SshWorker::authenticated, this, &SshHost::onWorkerAuthenticated);
    connect(m_worker, &SshWorker::commandOutput, this, &SshHost::onCommandOutput);
    connect(m_worker, &SshWorker::commandFinished, this, &SshHost::onCommandFinished);
    connect(m_worker, &SshWorker::fileProgress, this, &SshHost::onFileProgress);
    connect(m_worker, &SshWorker::fileFinished, this, &SshHost::onFileFinished);
    m_thread.start();
}

SshHost::~SshHost()
{
    // Operations still held by callers get their final result here (they belong to their
    // callers, who must learn how they ended): the connection is closed under them.
    const QString closed = tr("The connection was closed (the host was removed, or XenRescue is closing).");
    // A state-changing command (survivesDetach) is never killed silently: it is left
    // running; a read is stopped on the host, as a cancel does.
    const auto commands = std::exchange(m_commands, {});
    for (auto it = commands.begin(); it != commands.end(); ++it) {
        const quint64 id = it.key();
        RemoteCommand* c = it.value();
        if (!c)
            continue;
        const bool detach = c->request().survivesDetach;
        QMetaObject::invokeMethod(m_worker, [w = m_worker, id, detach] { detach ? w->detach(id) : w->cancel(id); });
        CommandResult r;
        r.outcome = detach ? CommandOutcome::Detached : CommandOutcome::ConnectionLost;
        r.error = detach ? tr("Left running on the host: the connection was closed (the host was removed, or "
                              "XenRescue is closing).")
                         : closed;
        c->deliverResult(r);
    }
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        const quint64 id = it.key();
        QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->cancel(id); });
    }
    const auto files = std::exchange(m_files, {});
    for (const auto& f : files) {
        if (!f)
            continue;
        FileResult r;
        r.connectionLost = true;
        r.error = closed;
        f->deliverResult(r);
    }
    SshWorker* worker = std::exchange(m_worker, nullptr);
    QThread* thread = &m_thread;
    QMetaObject::invokeMethod(worker, [worker, thread] {
        delete worker; // frees the libssh session on its own thread
        thread->quit();
    });
    m_thread.wait();
}

QString SshHost::displayName() const
{
    return m_resolvedKey;
}

void SshHost::connectToHost()
{
    m_triedKeychainFor = false;
    QMetaObject::invokeMethod(m_worker, &SshWorker::connectToHost);
}

void SshHost::disconnectFromHost()
{
    QMetaObject::invokeMethod(m_worker, &SshWorker::disconnectFromHost);
}

void SshHost::simulateNetworkFailure()
{
    QMetaObject::invokeMethod(m_worker, &SshWorker::dropConnection);
}

RemoteCommand* SshHost::run(const CommandRequest& request)
{
    const quint64 id = nextOperationId();
    auto* cmd = new RemoteCommand(this, id, request);
    m_commands.insert(id, cmd);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id, request] { w->startCommand(id, request); });
    return cmd;
}

RemoteFileOperation* SshHost::fileOperation(const FileRequest& request)
{
    const quint64 id = nextOperationId();
    auto* op = new RemoteFileOperation(this, id, request);
    m_files.insert(id, op);
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id, request] { w->startFile(id, request); });
    return op;
}

void SshHost::cancelOperation(quint64 id)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->cancel(id); });
}

void SshHost::detachOperation(quint64 id)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->detach(id); });
}

void SshHost::acceptHostKey(bool remember)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, remember] { w->hostKeyDecision(true, remember); });
}

void SshHost::rejectHostKey()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->hostKeyDecision(false, false); });
}

void SshHost::onWorkerCredentialsNeeded(const CredentialRequest& incoming)
{
    CredentialRequest request = incoming;
    m_rememberPending = false;
    // A single hidden keyboard-interactive prompt is a password prompt in practice (PAM).
    const bool passwordLike = request.kind == CredentialRequest::Kind::Password ||
                              (request.kind == CredentialRequest::Kind::KeyboardInteractive &&
                               request.prompts.size() == 1 && !request.echo.value(0, true));
    m_pendingSecretKey = request.kind == CredentialRequest::Kind::KeyPassphrase
                             ? CredentialStore::passphraseKey(request.keyFile)
                             : (passwordLike ? CredentialStore::passwordKey(request.endpointKey) : QString());

    if (!m_credentials) {
        request.keychainNote = QCoreApplication::translate(
            "SshHost", "The keychain is switched off for this host: you will be asked each time.");
        Q_EMIT credentialsRequested(request);
        return;
    }
    if (m_pendingSecretKey.isEmpty() || request.previousFailed || m_triedKeychainFor) {
        Q_EMIT credentialsRequested(request);
        return;
    }
    m_triedKeychainFor = true;
    m_credentials->read(m_pendingSecretKey, [this, request](const Result<QString>& secret,
                                                            CredentialStore::ErrorCode code) mutable {
        if (secret.ok()) {
            QMetaObject::invokeMethod(m_worker,
                                      [w = m_worker, value = secret.value()] { w->credentials({value}, false); });
            return;
        }
        if (code == CredentialStore::ErrorCode::NoKeychain) {
            request.keychainNote = QCoreApplication::translate(
                                       "SshHost", "%1 Passwords cannot be remembered, so you will be asked each time.")
                                       .arg(secret.errorMessage());
            Q_EMIT keychainProblem(request.keychainNote);
        }
        Q_EMIT credentialsRequested(request);
    });
}

void SshHost::provideCredentials(const QStringList& answers, bool remember)
{
    if (remember && m_credentials && !m_pendingSecretKey.isEmpty() && answers.size() == 1) {
        m_pendingSecret = answers.first();
        m_rememberPending = true;
    }
    QMetaObject::invokeMethod(m_worker, [w = m_worker, answers] { w->credentials(answers, false); });
}

void SshHost::cancelCredentials()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->credentials({}, true); });
}

void SshHost::onWorkerAuthenticated()
{
    if (m_rememberPending && m_credentials) {
        m_credentials->write(m_pendingSecretKey, m_pendingSecret, [this](const Result<void>& done) {
            if (!done.ok())
                Q_EMIT keychainProblem(done.errorMessage());
        });
    }
    m_rememberPending = false;
    m_pendingSecret.clear(); // our reference only: see ProcessHardening for what keeps secrets off disk
}

void SshHost::onCommandOutput(quint64 id, int stream, const QByteArray& chunk)
{
    if (RemoteCommand* cmd = m_commands.value(id))
        cmd->deliverOutput(stream == 0 ? OutputStream::StdOut : OutputStream::StdErr, chunk);
}

void SshHost::onCommandFinished(quint64 id, const CommandResult& result)
{
    QPointer<RemoteCommand> cmd = m_commands.take(id);
    if (cmd)
        cmd->deliverResult(result);
}

void SshHost::onFileProgress(quint64 id, qint64 done, qint64 total)
{
    if (RemoteFileOperation* op = m_files.value(id))
        Q_EMIT op->progress(done, total);
}

void SshHost::onFileFinished(quint64 id, const FileResult& result)
{
    QPointer<RemoteFileOperation> op = m_files.take(id);
    if (op)
        op->deliverResult(result);
}

} // namespace xr
