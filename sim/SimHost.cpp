#include "SimHost.h"

#include "SimRunner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRunnable>
#include <QSaveFile>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace xr::sim {

// --- SimLab --------------------------------------------------------------------------------

SimLab::SimLab(const QString& statePath, std::unique_ptr<QTemporaryDir> dir)
    : m_dir(std::move(dir))
    , m_store(statePath)
    , m_recordPath(QFileInfo(statePath).absolutePath() + QStringLiteral("/record.jsonl"))
{
    // Blocked commands hold a thread while they poll; leave room for many.
    m_threads.setMaxThreadCount(32);
}

SimLab::~SimLab()
{
    m_threads.waitForDone();
}

std::shared_ptr<SimLab> SimLab::create(const SimPool& pool, QString* error)
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) {
        if (error)
            *error = dir->errorString();
        return nullptr;
    }
    const QString state = dir->path() + QStringLiteral("/state.json");
    std::shared_ptr<SimLab> lab(new SimLab(state, std::move(dir)));
    if (!lab->m_store.initialise(pool, error))
        return nullptr;
    return lab;
}

std::shared_ptr<SimLab> SimLab::fromScenario(const QString& name, QString* error)
{
    const std::optional<SimPool> pool = SimPool::fromScenario(name);
    if (!pool) {
        if (error)
            *error = QStringLiteral("unknown lab scenario: %1").arg(name);
        return nullptr;
    }
    return create(*pool, error);
}

std::shared_ptr<SimLab> SimLab::open(const QString& statePath, QString* error)
{
    std::shared_ptr<SimLab> lab(new SimLab(statePath, nullptr));
    if (!lab->m_store.load(error))
        return nullptr;
    return lab;
}

QStringList SimLab::hostNames() const
{
    QStringList out;
    if (const std::optional<SimPool> p = m_store.load())
        for (const SimHostModel& h : p->hosts)
            out << h.name;
    return out;
}

// --- SimHost -------------------------------------------------------------------------------

/// What worker threads share with the host object: they post results only while it lives.
struct SimHost::Shared
{
    QMutex mutex;
    SimHost* host = nullptr;
};

SimHost::SimHost(std::shared_ptr<SimLab> lab, QString hostName, QObject* parent)
    : RemoteHost(parent)
    , m_lab(std::move(lab))
    , m_hostName(std::move(hostName))
    , m_shared(std::make_shared<Shared>())
{
    m_shared->host = this;
}

SimHost::~SimHost()
{
    for (const auto& stop : std::as_const(m_detached))
        stop->store(2);
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->host = nullptr;
    }
    // The callers own their commands and learn how they ended: a state-changing one is
    // reported left running (as a real host's would be), a read stopped. The lab's simulated
    // work ends with its lab host either way (the lab waits for its threads).
    const QHash<quint64, Pending> pending = std::exchange(m_pending, {});
    for (const Pending& p : pending) {
        const bool detach = p.command && p.command->request().survivesDetach;
        // The lab host itself goes: its simulated work ends too (the lab waits for it).
        p.stop->store(2);
        if (!p.command)
            continue;
        CommandResult r;
        r.outcome = detach ? CommandOutcome::Detached : CommandOutcome::ConnectionLost;
        r.error = tr("The connection to the lab host was closed.");
        p.command->deliverResult(r);
    }
}

QString SimHost::displayName() const
{
    return QStringLiteral("root@%1:22").arg(m_hostName);
}

void SimHost::connectToHost()
{
    if (state() == HostState::Connected || state() == HostState::Connecting)
        return;
    const int generation = ++m_connectGeneration;
    setState(HostState::Connecting, tr("Connecting to lab host %1 (simulated, nothing is real)").arg(m_hostName));
    QTimer::singleShot(ConnectDelayMs, this, [this, generation]() {
        if (generation != m_connectGeneration || state() != HostState::Connecting)
            return;
        const std::optional<SimPool> pool = m_lab->pool();
        const SimHostModel* h = pool ? pool->host(m_hostName) : nullptr;
        if (!h) {
            setState(HostState::Failed, tr("No lab host named %1").arg(m_hostName));
            return;
        }
        if (!h->isLive()) {
            setState(HostState::Failed, tr("Connection to %1 timed out: the host does not answer").arg(h->address));
            return;
        }
        m_commandsRun = 0;
        setState(HostState::Connected);
    });
}

void SimHost::disconnectFromHost()
{
    ++m_connectGeneration;
    // A state-changing command is never killed by a disconnect: it is left running (as on a
    // real host); a read is stopped. The state goes first, so that a command sent by a slot
    // while these results are delivered is refused rather than caught up in this disconnect.
    const QList<quint64> ids = m_pending.keys();
    setState(HostState::Disconnected);
    for (quint64 id : ids) {
        const Pending p = m_pending.value(id);
        if (!m_pending.contains(id))
            continue;
        if (p.command && p.command->request().survivesDetach) {
            detachOperation(id);
        } else {
            CommandResult r;
            r.outcome = CommandOutcome::ConnectionLost;
            r.error = tr("Disconnected");
            finishCommand(id, r);
        }
    }
}

void SimHost::simulateConnectionLoss()
{
    failAllPending(CommandOutcome::ConnectionLost, tr("The connection to %1 was lost").arg(m_hostName));
    setState(HostState::Lost, tr("Connection lost"));
}

void SimHost::failAllPending(CommandOutcome outcome, const QString& message)
{
    const QList<quint64> ids = m_pending.keys();
    for (quint64 id : ids) {
        CommandResult r;
        r.outcome = outcome;
        r.error = message;
        finishCommand(id, r);
    }
}

void SimHost::finishCommand(quint64 id, const CommandResult& result)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending p = it.value();
    m_pending.erase(it);
    // A detached command goes on in the lab, as on a real host (until the lab host goes).
    if (result.outcome == CommandOutcome::Detached)
        m_detached.append(p.stop);
    else if (result.outcome != CommandOutcome::Finished)
        p.stop->store(result.outcome == CommandOutcome::Cancelled ? 1 : 2);
    if (!p.command)
        return;
    if (!result.stdOut.isEmpty())
        p.command->deliverOutput(OutputStream::StdOut, result.stdOut);
    if (!result.stdErr.isEmpty())
        p.command->deliverOutput(OutputStream::StdErr, result.stdErr);
    p.command->deliverResult(result);
}

void SimHost::detachOperation(quint64 id)
{
    if (!m_pending.contains(id))
        return;
    CommandResult r;
    r.outcome = CommandOutcome::Detached;
    r.error = tr("Left running on the lab host: XenRescue stopped watching it.");
    finishCommand(id, r);
}

void SimHost::cancelOperation(quint64 id)
{
    if (!m_pending.contains(id))
        return;
    CommandResult r;
    r.outcome = CommandOutcome::Cancelled;
    r.error = tr("Cancelled");
    finishCommand(id, r);
}

RemoteCommand* SimHost::run(const CommandRequest& request)
{
    const quint64 id = nextOperationId();
    auto* command = new RemoteCommand(this, id, request);
    Pending pending{command, std::make_shared<std::atomic<int>>(0)};
    m_pending.insert(id, pending);

    auto failSoon = [this, id](CommandOutcome outcome, const QString& message) {
        QTimer::singleShot(0, this, [this, id, outcome, message]() {
            CommandResult r;
            r.outcome = outcome;
            r.error = message;
            finishCommand(id, r);
        });
    };
    if (state() != HostState::Connected) {
        failSoon(CommandOutcome::Failed, tr("Not connected to %1").arg(m_hostName));
        return command;
    }
    ++m_commandsRun;
    if (const std::optional<SimPool> pool = m_lab->pool()) {
        const SimHostModel* h = pool->host(m_hostName);
        if (h && h->faults.dropConnectionAfter > 0 && m_commandsRun > h->faults.dropConnectionAfter) {
            QTimer::singleShot(0, this, &SimHost::simulateConnectionLoss);
            return command;
        }
    }

    std::shared_ptr<Shared> shared = m_shared;
    std::shared_ptr<std::atomic<int>> stop = pending.stop;
    // Not the SimLab itself: its destructor waits for these threads.
    SimStateStore* store = m_lab->store();
    const QString recordPath = m_lab->recordPath();
    const QString host = m_hostName;
    const int timeoutMs = request.timeoutMs;
    const qint64 maxBytes = request.maxOutputBytes;
    const QString line = request.command;
    m_lab->threads()->start([shared, stop, store, recordPath, host, timeoutMs, maxBytes, line, id]() {
        QElapsedTimer clock;
        clock.start();
        const QDeadlineTimer deadline(timeoutMs > 0 ? timeoutMs : -1);
        bool timedOut = false;
        SimRunner runner(store, host, recordPath);
        const SimRunner::Result r = runner.runShell(line, [&]() {
            if (stop->load() != 0)
                return true;
            if (deadline.hasExpired()) {
                timedOut = true;
                return true;
            }
            return false;
        });
        CommandResult result;
        result.elapsedMs = clock.elapsed();
        result.stdOutBytes = r.out.size();
        result.stdErrBytes = r.err.size();
        result.stdOut = r.out.left(maxBytes);
        result.stdErr = r.err.left(maxBytes);
        result.truncated = r.out.size() > maxBytes || r.err.size() > maxBytes;
        if (r.stopped && timedOut) {
            result.outcome = CommandOutcome::TimedOut;
            result.exitStatus = -1;
            result.error =
                SimHost::tr("The command did not finish within %1 s and was stopped").arg(timeoutMs / 1000.0);
        } else if (r.stopped) {
            result.outcome = CommandOutcome::Cancelled;
            result.exitStatus = -1;
        } else {
            result.outcome = CommandOutcome::Finished;
            result.exitStatus = r.exitCode;
        }
        QMutexLocker lock(&shared->mutex);
        if (shared->host)
            QMetaObject::invokeMethod(
                shared->host, [h = shared->host, id, result]() { h->finishCommand(id, result); }, Qt::QueuedConnection);
    });
    return command;
}

FileResult SimHost::writeLocalFile(const FileRequest& request, const QString& local) const
{
    // As SshFiles does over SFTP: exclusive create, or a temporary file beside the target,
    // flushed to disk, then renamed over it in one rename(2): the path always holds the old or
    // the new content.
    FileResult r;
    r.info.name = request.path;
    if (request.exclusive && QFileInfo::exists(local)) {
        r.error = tr("%1 already exists").arg(request.path);
        return r;
    }
    if (!QFileInfo(local).absoluteDir().exists()) {
        r.error = tr("%1: No such file or directory").arg(request.path);
        return r;
    }
    if (!request.exclusive && QFileInfo::exists(local) && !QFileInfo(local).isFile()) {
        r.error = tr("%1 is not a regular file").arg(request.path);
        return r;
    }
    const QString target = request.exclusive ? local : local + QStringLiteral(".xenrescue-tmp");
    if (!request.exclusive)
        QFile::remove(target); // left by an earlier write cut short
    QFile f(target);
    if (!f.open(QIODevice::NewOnly) || f.write(request.data) != request.data.size() || !f.flush() ||
        ::fsync(f.handle()) != 0) {
        r.error = f.errorString();
        f.close();
        f.remove();
        return r;
    }
    if (QFileInfo::exists(local) && !request.exclusive)
        f.setPermissions(QFileInfo(local).permissions());
    f.close();
    if (!request.exclusive &&
        ::rename(QFile::encodeName(target).constData(), QFile::encodeName(local).constData()) != 0) {
        r.error =
            tr("Cannot rename %1 over %2: %3").arg(target, request.path, QString::fromLocal8Bit(std::strerror(errno)));
        QFile::remove(target);
        return r;
    }
    r.ok = true;
    r.bytesTransferred = request.data.size();
    return r;
}

FileResult SimHost::doFileOperation(const FileRequest& request) const
{
    FileResult r;
    const QString root = m_lab->store()->hostRoot(m_hostName);
    const QString local = SimRunner::localPath(root, request.path);
    const QFileInfo fi(local);
    auto info = [](const QFileInfo& f, const QString& name) {
        RemoteFileInfo i;
        i.name = name;
        i.size = f.isDir() ? 4096 : f.size();
        i.modified = f.lastModified();
        i.isDir = f.isDir();
        i.isSymlink = f.isSymLink();
        i.permissions = f.isDir() ? 0755 : 0644;
        return i;
    };
    if (request.kind == FileOperationKind::Write)
        return writeLocalFile(request, local);
    if (!fi.exists()) {
        r.error = tr("%1: No such file or directory").arg(request.path);
        return r;
    }
    r.info = info(fi, request.path);
    switch (request.kind) {
    case FileOperationKind::Stat:
        r.ok = true;
        return r;
    case FileOperationKind::List: {
        QDir dir(local);
        for (const QFileInfo& e : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name))
            r.entries.append(info(e, e.fileName()));
        r.ok = true;
        return r;
    }
    case FileOperationKind::ReadRange:
    case FileOperationKind::ReadTail: {
        QFile f(local);
        if (!f.open(QIODevice::ReadOnly)) {
            r.error = f.errorString();
            return r;
        }
        const qint64 size = f.size();
        qint64 offset =
            request.kind == FileOperationKind::ReadTail ? qMax<qint64>(0, size - request.length) : request.offset;
        offset = qBound<qint64>(0, offset, size);
        f.seek(offset);
        r.data = f.read(request.length);
        r.offset = offset;
        r.ok = true;
        return r;
    }
    case FileOperationKind::Download: {
        // As SshHost does: beside the target, owner-only before any byte, renamed in when whole.
        QFile in(local);
        QSaveFile out(request.localPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) ||
            !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            r.error = tr("Cannot write %1").arg(request.localPath);
            return r;
        }
        while (!in.atEnd()) {
            const QByteArray part = in.read(1 << 20);
            if (part.isEmpty() || out.write(part) != part.size()) {
                r.error = tr("Cannot write %1").arg(request.localPath);
                return r;
            }
        }
        if (!out.commit()) {
            r.error = tr("Cannot write %1").arg(request.localPath);
            return r;
        }
        r.bytesTransferred = fi.size();
        r.ok = true;
        return r;
    }
    case FileOperationKind::Write:
        break;
    }
    return r;
}

RemoteFileOperation* SimHost::fileOperation(const FileRequest& request)
{
    const quint64 id = nextOperationId();
    auto* op = new RemoteFileOperation(this, id, request);
    QPointer<RemoteFileOperation> guard(op);
    const bool connected = state() == HostState::Connected;
    QTimer::singleShot(0, this, [this, guard, request, connected]() {
        if (!guard)
            return;
        if (!connected) {
            FileResult r;
            r.error = tr("Not connected to %1").arg(m_hostName);
            guard->deliverResult(r);
            return;
        }
        guard->deliverResult(doFileOperation(request));
    });
    return op;
}

} // namespace xr::sim
