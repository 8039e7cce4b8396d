#include "SshFiles.h"

#include "ShellCommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSaveFile>

#include <fcntl.h>

namespace xr {

namespace {

constexpr int kSftpChunk = 64 * 1024;
constexpr int kSftpDepth = 32;
constexpr qint64 kSftpBatchBytes = 8 * 1024 * 1024; // then let commands run

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

QString cannotWrite(const QFileDevice& file, const QString& path)
{
    return QCoreApplication::translate("SshHost", "Cannot write %1: %2").arg(path, file.errorString());
}

// Removes a temporary file if the connection still allows it; errors do not
// matter here.
void removeQuietly(sftp_session sftp, ssh_session session, const QByteArray& path)
{
    if (sftp && session && ssh_is_connected(session))
        sftp_unlink(sftp, path.constData());
}

QMutex g_hookMutex;
SshFiles::WriteStepHook g_writeStepHook;

void writeStep(SshFiles::WriteStep step)
{
    SshFiles::WriteStepHook hook;
    {
        const QMutexLocker lock(&g_hookMutex);
        hook = g_writeStepHook;
    }
    if (hook)
        hook(step);
}

// SFTP calls in libssh are blocking: they run in blocking mode, bounded by the
// session timeout, and the session goes back to non-blocking for the channels
// afterwards.
class BlockingScope final
{
    Q_DISABLE_COPY_MOVE(BlockingScope)

public:
    explicit BlockingScope(const SshFiles::Host& host)
        : m_host(host)
    {
        ssh_set_blocking(m_host.session(), 1);
    }
    ~BlockingScope()
    {
        if (const ssh_session session = m_host.session()) // gone if the connection was lost meanwhile
            ssh_set_blocking(session, 0);
    }

private:
    const SshFiles::Host& m_host;
};

} // namespace

struct SshFiles::FileOp
{
    quint64 id = 0;
    FileRequest request;
    sftp_file file = nullptr;
    // Download: a temporary file beside the target, renamed over it once complete.
    QSaveFile out;
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

void SshFiles::setWriteStepHookForTests(WriteStepHook hook)
{
    const QMutexLocker lock(&g_hookMutex);
    g_writeStepHook = std::move(hook);
}

SshFiles::SshFiles(Host& host)
    : m_host(host)
{}

SshFiles::~SshFiles() = default;

void SshFiles::start(quint64 id, const FileRequest& request)
{
    auto op = std::make_shared<FileOp>();
    op->id = id;
    op->request = request;
    op->lastProgress.start();
    op->lastEmit.start();
    m_files.insert(id, op);
    m_host.scheduleService();
}

void SshFiles::cancel(quint64 id)
{
    if (!m_files.contains(id))
        return;
    FileResult r;
    r.cancelled = true;
    r.error = QCoreApplication::translate("SshHost", "Cancelled.");
    finishFile(id, r);
}

void SshFiles::endAll(const FileResult& result)
{
    const auto ids = m_files.keys();
    for (quint64 id : ids)
        finishFile(id, result);
}

void SshFiles::release()
{
    for (auto& op : m_files) {
        if (op->file)
            sftp_close(std::exchange(op->file, nullptr));
    }
    if (m_sftp) {
        sftp_free(m_sftp);
        m_sftp = nullptr;
    }
}

bool SshFiles::step()
{
    bool busy = false;
    const auto files = m_files.values();
    for (const auto& op : files) {
        if (m_files.contains(op->id) && stepFile(*op))
            busy = true;
        if (!m_host.isConnected())
            break;
    }
    return busy;
}

QString SshFiles::sftpError() const
{
    return sftpErrorText(m_sftp, m_host.session());
}

Result<void> SshFiles::ensureSftp()
{
    if (m_sftp)
        return Result<void>::success();
    m_sftp = sftp_new(m_host.session());
    if (!m_sftp)
        return Result<void>::failure(
            QCoreApplication::translate("SshHost", "Could not start SFTP: %1").arg(m_host.sessionError()));
    if (sftp_init(m_sftp) != SSH_OK) {
        const QString error =
            QCoreApplication::translate("SshHost", "The host does not offer SFTP: %1").arg(m_host.sessionError());
        sftp_free(m_sftp);
        m_sftp = nullptr;
        return Result<void>::failure(error);
    }
    return Result<void>::success();
}

Result<void> SshFiles::writeNewFile(const QByteArray& path, const QByteArray& data, mode_t mode, QString* note)
{
    sftp_file f = sftp_open(m_sftp, path.constData(), O_WRONLY | O_CREAT | O_EXCL, mode);
    if (!f)
        return Result<void>::failure(sftpError());
    writeStep(WriteStep::TempOpened);
    auto failed = [&](const QString& error) {
        if (f)
            sftp_close(f);
        removeQuietly(m_sftp, m_host.session(), path);
        return Result<void>::failure(error);
    };
    qint64 written = 0;
    while (written < data.size()) {
        const size_t chunk = size_t(std::min<qint64>(data.size() - written, 32768));
        const ssize_t n = sftp_write(f, data.constData() + written, chunk);
        if (n <= 0)
            return failed(sftpError());
        written += n;
    }
    writeStep(WriteStep::DataWritten);
    // The umask of the server's sftp-server may have narrowed the mode given to
    // open.
    if (sftp_chmod(m_sftp, path.constData(), mode) != SSH_OK)
        return failed(sftpError());
    if (sftp_extension_supported(m_sftp, "fsync@openssh.com", "1") == 1) {
        if (sftp_fsync(f) != SSH_OK)
            return failed(QCoreApplication::translate("SshHost", "Could not flush %1 to disk: %2")
                              .arg(QString::fromUtf8(path), sftpError()));
    } else if (note) {
        *note =
            QCoreApplication::translate("SshHost", "The host's SFTP server does not offer fsync@openssh.com: %1 was "
                                                   "not "
                                                   "flushed to disk before it was renamed (the kernel writes it back "
                                                   "within about 30 s).")
                .arg(QString::fromUtf8(path));
    }
    writeStep(WriteStep::Synced);
    const int closed = sftp_close(std::exchange(f, nullptr));
    if (closed != SSH_OK)
        return failed(sftpError());
    writeStep(WriteStep::Closed);
    return Result<void>::success();
}

Result<void> SshFiles::runOnHost(const QByteArray& command)
{
    const ssh_session session = m_host.session();
    ssh_channel channel = session ? ssh_channel_new(session) : nullptr;
    if (!channel)
        return Result<void>::failure(m_host.sessionError());
    auto done = [&channel](Result<void> result) {
        if (ssh_channel_is_open(channel)) {
            ssh_channel_send_eof(channel);
            ssh_channel_close(channel);
        }
        ssh_channel_free(channel);
        return result;
    };
    if (ssh_channel_open_session(channel) != SSH_OK || ssh_channel_request_exec(channel, command.constData()) != SSH_OK)
        return done(Result<void>::failure(m_host.sessionError()));
    // Waits for the exit status (or the channel's close), bounded by the session
    // timeout.
    const int status = ssh_channel_get_exit_status(channel);
    QByteArray err(4096, Qt::Uninitialized);
    const int n = ssh_channel_read_nonblocking(channel, err.data(), uint32_t(err.size()), 1);
    err.resize(qMax(0, n));
    if (status != 0) {
        const QString why = status < 0 ? m_host.sessionError() : QString::fromUtf8(err).trimmed();
        return done(Result<void>::failure(QCoreApplication::translate("SshHost", "%1 failed (exit status %2): %3")
                                              .arg(QString::fromUtf8(command))
                                              .arg(status)
                                              .arg(why)));
    }
    return done(Result<void>::success());
}

bool SshFiles::syncFolder(const QByteArray& folder)
{
    // OpenSSH's sftp-server opens a folder read-only like a file, and
    // fsync@openssh.com then flushes its entries: the rename survives a power
    // cut.
    if (sftp_extension_supported(m_sftp, "fsync@openssh.com", "1") != 1)
        return false;
    sftp_file dir = sftp_open(m_sftp, folder.constData(), O_RDONLY, 0);
    if (!dir)
        return false;
    const bool ok = sftp_fsync(dir) == SSH_OK;
    sftp_close(dir);
    return ok;
}

Result<qint64> SshFiles::writeFile(const FileRequest& request, QString* note)
{
    const QByteArray path = request.path.toUtf8();
    mode_t mode = 0644;
    if (sftp_attributes a = sftp_stat(m_sftp, path.constData())) {
        const bool regular = a->type == SSH_FILEXFER_TYPE_REGULAR;
        mode = mode_t(a->permissions & 07777);
        sftp_attributes_free(a);
        if (request.exclusive)
            return Result<qint64>::failure(
                QCoreApplication::translate("SshHost", "%1 already exists").arg(request.path));
        if (!regular)
            return Result<qint64>::failure(
                QCoreApplication::translate("SshHost", "%1 is not a regular file; XenRescue does not replace it.")
                    .arg(request.path));
    }
    if (request.exclusive) {
        if (const Result<void> w = writeNewFile(path, request.data, mode, note); !w)
            return Result<qint64>::failure(w.errorMessage());
        return qint64(request.data.size());
    }
    // The target must hold the old or the new content at every moment, whatever
    // breaks when. SFTP v3's rename never replaces a file (OpenSSH's sftp-server
    // links, then unlinks), and libssh 0.10 has no posix-rename@openssh.com nor a
    // way to send a raw extended request, so the file is written and flushed
    // beside the target, then moved over it by `mv -f` on the host: one rename(2)
    // in the same folder, atomic. A drop before it leaves the old file and a
    // stray PATH.xenrescue-tmp; a drop after it, the new file.
    const QByteArray temp = path + ".xenrescue-tmp";
    removeQuietly(m_sftp, m_host.session(),
                  temp); // left by an earlier write cut short
    if (const Result<void> w = writeNewFile(temp, request.data, mode, note); !w)
        return Result<qint64>::failure(w.errorMessage());
    const QByteArray mv =
        ShellCommand{QStringLiteral("mv"),
                     {QStringLiteral("-f"), QStringLiteral("--"), QString::fromUtf8(temp), QString::fromUtf8(path)}}
            .toShell()
            .toUtf8();
    if (const Result<void> moved = runOnHost(mv); !moved) {
        removeQuietly(m_sftp, m_host.session(), temp);
        return Result<qint64>::failure(moved.errorMessage());
    }
    writeStep(WriteStep::Renamed);
    const qsizetype slash = path.lastIndexOf('/');
    const QByteArray folder = slash > 0 ? path.left(slash) : slash == 0 ? QByteArray("/") : QByteArray(".");
    if (!syncFolder(folder) && note && note->isEmpty())
        *note = QCoreApplication::translate("SshHost", "The folder of %1 could not be flushed to disk after the "
                                                       "rename (the kernel writes it back within about 30 s).")
                    .arg(request.path);
    writeStep(WriteStep::FolderSynced);
    return qint64(request.data.size());
}

bool SshFiles::stepFile(FileOp& op)
{
    const BlockingScope blocking(m_host);

    FileResult& r = op.result;
    if (const Result<void> sftp = ensureSftp(); !sftp) {
        r.error = sftp.errorMessage();
        finishFile(op.id, r);
        return false;
    }
    const QByteArray path = op.request.path.toUtf8();

    switch (op.request.kind) {
    case FileOperationKind::Stat: {
        sftp_attributes a = sftp_stat(m_sftp, path.constData());
        if (!a) {
            r.error = sftpError();
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
            r.error = sftpError();
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
            r.error = sftpError();
        sftp_closedir(dir);
        finishFile(op.id, r);
        return false;
    }
    case FileOperationKind::Write: {
        const Result<qint64> written = writeFile(op.request, &r.note);
        if (written) {
            r.ok = true;
            r.bytesTransferred = *written;
        } else {
            r.error = written.errorMessage();
        }
        const ssh_session session = m_host.session();
        r.connectionLost = !r.ok && (!session || !ssh_is_connected(session));
        if (r.connectionLost)
            r.error = QCoreApplication::translate("SshHost",
                                                  "The connection was lost during the write (%1); the file keeps its "
                                                  "old content unless the rename had run.")
                          .arg(r.error);
        finishFile(op.id, r);
        if (r.connectionLost)
            m_host.checkAlive(); // declares the connection lost; the SFTP session
                                 // goes with it
        return false;
    }
    case FileOperationKind::ReadRange:
    case FileOperationKind::ReadTail:
    case FileOperationKind::Download:
        break;
    }

    if (!op.opened) {
        op.opened = true;
        if (const Result<void> opened = openRead(op, path); !opened) {
            r.error = opened.errorMessage();
            finishFile(op.id, r);
            return false;
        }
    }
    return readBatch(op);
}

Result<void> SshFiles::openRead(FileOp& op, const QByteArray& path)
{
    FileResult& r = op.result;
    sftp_attributes a = sftp_stat(m_sftp, path.constData());
    if (!a)
        return Result<void>::failure(sftpError());
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
        // Written beside the target and renamed over it when complete: a reader never sees half
        // a copy. A host's log can hold secrets: owner-only from before its first byte.
        op.out.setFileName(op.request.localPath);
        if (!op.out.open(QIODevice::WriteOnly) ||
            !op.out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return Result<void>::failure(cannotWrite(op.out, op.request.localPath));
    } else {
        r.data.reserve(op.end - op.start);
    }
    op.file = sftp_open(m_sftp, path.constData(), O_RDONLY, 0);
    if (!op.file)
        return Result<void>::failure(sftpError());
    sftp_seek64(op.file, quint64(op.start));
    op.nextRequest = op.start;
    return Result<void>::success();
}

bool SshFiles::readBatch(FileOp& op)
{
    FileResult& r = op.result;
    QByteArray buf(kSftpChunk, Qt::Uninitialized);
    qint64 batch = 0;
    while (batch < kSftpBatchBytes) {
        while (op.inFlight.size() < kSftpDepth && op.nextRequest < op.end) {
            const uint32_t len = uint32_t(qMin<qint64>(kSftpChunk, op.end - op.nextRequest));
            const int reqId = sftp_async_read_begin(op.file, len);
            if (reqId < 0) {
                r.error = sftpError();
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
            if (!m_host.checkAlive())
                return false;
            r.error = sftpError();
            finishFile(op.id, r);
            return false;
        }
        if (n > 0) {
            if (op.request.kind == FileOperationKind::Download) {
                if (op.out.write(buf.constData(), n) != n) {
                    r.error = cannotWrite(op.out, op.request.localPath);
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
            // A short read before the end (the file shrank, or a server that returns
            // less): drop the pipelined requests and continue from where the data
            // stopped.
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
        m_host.noteActivity();

    const qint64 total = op.end - op.start;
    if (op.lastEmit.elapsed() > 100 || op.received >= total) {
        op.lastEmit.restart();
        m_host.reportFileProgress(op.id, op.received, total);
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

void SshFiles::finishFile(quint64 id, FileResult result)
{
    auto it = m_files.find(id);
    if (it == m_files.end())
        return;
    std::shared_ptr<FileOp> op = *it;
    m_files.erase(it);
    if (op->file) {
        const ssh_session session = m_host.session();
        if (session && ssh_is_connected(session)) {
            // Collect answers still in flight so the SFTP stream stays in step.
            QByteArray buf(kSftpChunk, Qt::Uninitialized);
            ssh_set_blocking(session, 1);
            for (const auto& f : std::as_const(op->inFlight))
                sftp_async_read(op->file, buf.data(), f.second, f.first);
            ssh_set_blocking(session, 0);
        }
        sftp_close(std::exchange(op->file, nullptr));
    }
    if (op->out.isOpen()) {
        if (!result.ok) {
            op->out.cancelWriting(); // the temporary file goes with `out`; the target is untouched
        } else if (!op->out.commit()) {
            result.ok = false;
            result.error = cannotWrite(op->out, op->request.localPath);
        }
    }
    m_host.reportFileResult(id, result);
}

} // namespace xr
