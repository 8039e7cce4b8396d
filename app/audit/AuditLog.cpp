#include "AuditLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMutex>
#include <QStorageInfo>

#include <system_error>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <io.h>
#include <windows.h>
#else
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace xr {

AuditLog::AuditLog(QString filePath)
    : m_path(std::move(filePath))
{}

AuditLog::~AuditLog() = default;

void AuditLog::setRotation(qint64 maxBytes, int keepFiles)
{
    m_maxBytes = maxBytes;
    m_keepFiles = qMax(0, keepFiles);
}

QString AuditLog::rotatedPath(const QString& path, int index)
{
    return path + QLatin1Char('.') + QString::number(index);
}

QString AuditLog::lockPath(const QString& path)
{
    return path + QStringLiteral(".lock");
}

AuditOutcome AuditLog::outcomeOf(CommandOutcome outcome)
{
    switch (outcome) {
    case CommandOutcome::Finished:
        return AuditOutcome::Finished;
    case CommandOutcome::TimedOut:
        return AuditOutcome::TimedOut;
    case CommandOutcome::Cancelled:
        return AuditOutcome::Cancelled;
    case CommandOutcome::ConnectionLost:
        return AuditOutcome::ConnectionLost;
    case CommandOutcome::Failed:
        return AuditOutcome::Failed;
    case CommandOutcome::Detached:
        return AuditOutcome::Abandoned;
    }
    return AuditOutcome::Failed;
}

namespace {
struct OutcomeKey
{
    AuditOutcome outcome;
    const char16_t* key;
};
constexpr OutcomeKey kOutcomeKeys[] = {
    {AuditOutcome::Sent, u"sent"},
    {AuditOutcome::Finished, u"finished"},
    {AuditOutcome::TimedOut, u"timed-out"},
    {AuditOutcome::Cancelled, u"cancelled"},
    {AuditOutcome::ConnectionLost, u"connection-lost"},
    {AuditOutcome::Failed, u"failed"},
    {AuditOutcome::NotSent, u"not-sent"},
    {AuditOutcome::Abandoned, u"abandoned"},
};
} // namespace

QString AuditLog::outcomeKey(AuditOutcome outcome)
{
    for (const OutcomeKey& k : kOutcomeKeys) {
        if (k.outcome == outcome)
            return QString::fromUtf16(k.key);
    }
    return QStringLiteral("unknown");
}

AuditOutcome AuditLog::outcomeFromKey(QStringView key)
{
    for (const OutcomeKey& k : kOutcomeKeys) {
        if (key == QStringView(k.key))
            return k.outcome;
    }
    // Written by the dom0 memory change of earlier versions before its step went out.
    if (key == u"sending")
        return AuditOutcome::Sent;
    return AuditOutcome::Unknown;
}

QByteArray AuditLog::toJsonLine(const AuditEntry& entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("host"), entry.host);
    o.insert(QStringLiteral("user"), entry.user);
    o.insert(QStringLiteral("command"), entry.command);
    o.insert(QStringLiteral("outcome"), outcomeKey(entry.outcome));
    o.insert(QStringLiteral("exitStatus"), entry.exitStatus);
    o.insert(QStringLiteral("durationMs"), entry.durationMs);
    o.insert(QStringLiteral("runId"), entry.runId.isEmpty() ? QJsonValue() : QJsonValue(entry.runId));
    if (!entry.vmUuid.isEmpty())
        o.insert(QStringLiteral("vm"), entry.vmUuid);
    if (!entry.vmName.isEmpty())
        o.insert(QStringLiteral("vmName"), entry.vmName);
    if (!entry.action.isEmpty())
        o.insert(QStringLiteral("action"), entry.action);
    // Compact JSON escapes newlines, so one entry is always one line.
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

namespace {

// The one place that talks to the operating system about durability and about why a write
// failed. QFile has neither an fsync nor the error's cause (ENOSPC, EFBIG, EROFS).
namespace durable {

enum class Failure { DiskFull, TooLarge, ReadOnly, Other };

struct IoError
{
    Failure kind = Failure::Other;
    QString detail;
};

#ifdef Q_OS_WIN
IoError fromLastError(DWORD code)
{
    IoError e;
    e.detail = QString::fromStdString(std::system_category().message(int(code)));
    switch (code) {
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        e.kind = Failure::DiskFull;
        break;
    case ERROR_FILE_TOO_LARGE:
        e.kind = Failure::TooLarge;
        break;
    case ERROR_WRITE_PROTECT:
        e.kind = Failure::ReadOnly;
        break;
    default:
        break;
    }
    return e;
}

HANDLE nativeHandle(const QFile& file)
{
    return reinterpret_cast<HANDLE>(_get_osfhandle(file.handle()));
}
#else
IoError fromErrno(int code)
{
    IoError e;
    e.detail = QString::fromStdString(std::generic_category().message(code));
    switch (code) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
        e.kind = Failure::DiskFull;
        break;
    case EFBIG:
        e.kind = Failure::TooLarge;
        break;
    case EROFS:
        e.kind = Failure::ReadOnly;
        break;
    default:
        break;
    }
    return e;
}
#endif

/// What the last failed call on this thread said (errno / GetLastError), read right after
/// the call that failed.
IoError lastError()
{
#ifdef Q_OS_WIN
    return fromLastError(GetLastError());
#else
    return fromErrno(errno);
#endif
}

/// Writes all of `data` at the end of `file` (opened for append, unbuffered): on POSIX one
/// write(2) in O_APPEND mode, repeated only for what a short write left.
std::optional<IoError> writeAtEnd(QFile& file, const QByteArray& data)
{
    const char* p = data.constData();
    qint64 left = data.size();
#ifdef Q_OS_WIN
    const HANDLE h = nativeHandle(file);
    LARGE_INTEGER zero{};
    if (h == INVALID_HANDLE_VALUE || !SetFilePointerEx(h, zero, nullptr, FILE_END))
        return lastError();
    while (left > 0) {
        DWORD written = 0;
        if (!WriteFile(h, p, DWORD(qMin<qint64>(left, 1 << 30)), &written, nullptr))
            return lastError();
        if (written == 0)
            return IoError{Failure::Other, QStringLiteral("WriteFile wrote nothing")};
        p += written;
        left -= written;
    }
#else
    const int fd = file.handle();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return lastError();
        }
        if (n == 0)
            return IoError{Failure::Other, QStringLiteral("write() wrote nothing")};
        p += n;
        left -= n;
    }
#endif
    return std::nullopt;
}

/// Waits until what was written to `file` is on the disk (fsync; F_FULLFSYNC on macOS,
/// where fsync stops at the drive's cache; FlushFileBuffers on Windows).
std::optional<IoError> syncFile(QFile& file)
{
#ifdef Q_OS_WIN
    if (!FlushFileBuffers(nativeHandle(file)))
        return lastError();
#else
    const int fd = file.handle();
#ifdef F_FULLFSYNC
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return std::nullopt;
#endif
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0)
        return lastError();
#endif
    return std::nullopt;
}

/// Makes a file's creation or renaming in `dir` durable. POSIX needs the folder itself
/// synced; a file system that cannot sync folders (EINVAL) has nothing to do. On Windows
/// NTFS journals the names: nothing to do.
std::optional<IoError> syncDirectory(const QString& dir)
{
#ifdef Q_OS_WIN
    Q_UNUSED(dir);
#else
    int flags = O_RDONLY;
#ifdef O_DIRECTORY
    flags |= O_DIRECTORY;
#endif
#ifdef O_CLOEXEC
    flags |= O_CLOEXEC;
#endif
    const int fd = ::open(QFile::encodeName(dir).constData(), flags);
    if (fd < 0)
        return lastError();
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    const int code = rc != 0 ? errno : 0;
    ::close(fd);
    if (code != 0 && code != EINVAL)
        return fromErrno(code);
#endif
    return std::nullopt;
}

/// A failure whose cause the call did not say (opening, locking): the file system may.
IoError refine(IoError error, const QString& dir)
{
    if (error.kind != Failure::Other)
        return error;
    const QStorageInfo storage(dir);
    if (storage.isValid() && storage.isReady()) {
        if (storage.isReadOnly())
            error.kind = Failure::ReadOnly;
        else if (storage.bytesAvailable() == 0)
            error.kind = Failure::DiskFull;
    }
    return error;
}

} // namespace durable

Result<void> writeFailure(const QString& path, const durable::IoError& error)
{
    const QString file = QDir::toNativeSeparators(path);
    switch (error.kind) {
    case durable::Failure::DiskFull:
        return Result<void>::failure(
            QCoreApplication::translate(
                "AuditLog", "Cannot write the audit log %1: the disk is full (%2). Nothing was added to the log.")
                .arg(file, error.detail),
            QStringLiteral("audit-disk-full"));
    case durable::Failure::TooLarge:
        return Result<void>::failure(
            QCoreApplication::translate(
                "AuditLog", "Cannot write the audit log %1: the file cannot grow (%2). Nothing was added to the log.")
                .arg(file, error.detail),
            QStringLiteral("audit-file-too-large"));
    case durable::Failure::ReadOnly:
        return Result<void>::failure(
            QCoreApplication::translate(
                "AuditLog",
                "Cannot write the audit log %1: its folder is read-only (%2). Nothing was added to the log.")
                .arg(file, error.detail),
            QStringLiteral("audit-read-only"));
    case durable::Failure::Other:
        break;
    }
    return Result<void>::failure(
        QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2").arg(file, error.detail),
        QStringLiteral("audit-write"));
}

// Every AuditLog of this process appends through one mutex: QLockFile serialises processes,
// not the threads of one process (it is not recursive and names a process, not a thread).
QMutex& appendMutex()
{
    static QMutex mutex;
    return mutex;
}

// Rotation and reads wait at most this long for a writer.
constexpr int kReadLockTimeoutMs = 1000;

} // namespace

Result<void> AuditLog::append(const AuditEntry& entry)
{
    const QByteArray line = toJsonLine(entry);
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return writeFailure(
            m_path,
            durable::refine(durable::IoError{durable::Failure::Other,
                                             QCoreApplication::translate("AuditLog", "cannot create the folder %1")
                                                 .arg(QDir::toNativeSeparators(dir))},
                            dir));
    }

    const QMutexLocker locker(&appendMutex());
    QLockFile lock(lockPath(m_path));
    if (!lock.tryLock(m_lockTimeoutMs)) {
        if (lock.error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host;
            QString app;
            if (!lock.getLockInfo(&pid, &host, &app))
                pid = 0;
            return Result<void>::failure(
                QCoreApplication::translate(
                    "AuditLog", "Cannot write the audit log %1: another program (%2, process %3) holds its lock %4. "
                                "Nothing was added to the log.")
                    .arg(QDir::toNativeSeparators(m_path),
                         app.isEmpty() ? QCoreApplication::translate("AuditLog", "unknown") : app)
                    .arg(pid)
                    .arg(QDir::toNativeSeparators(lockPath(m_path))),
                QStringLiteral("audit-locked"));
        }
        // The lock file itself could not be written: the folder's state says why.
        return writeFailure(
            m_path,
            durable::refine(durable::IoError{durable::Failure::Other,
                                             QCoreApplication::translate("AuditLog", "cannot create the lock file %1")
                                                 .arg(QDir::toNativeSeparators(lockPath(m_path)))},
                            dir));
    }
    return appendLocked(line);
}

Result<void> AuditLog::appendLocked(const QByteArray& line)
{
    const QString dir = QFileInfo(m_path).absolutePath();
    const QFileInfo before(m_path);
    if (before.exists() && before.size() > 0 && m_maxBytes > 0 && before.size() + line.size() > m_maxBytes) {
        // A failed rotation must not lose the entry: it goes to the current file, which grows.
        if (!rotateLocked())
            qWarning("AuditLog: cannot rotate %s; appending to it", qPrintable(QDir::toNativeSeparators(m_path)));
    }

    const bool created = !QFileInfo::exists(m_path);
    QFile file(m_path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        durable::IoError error = durable::lastError();
        if (error.kind == durable::Failure::Other)
            error.detail = file.errorString();
        return writeFailure(m_path, durable::refine(error, dir));
    }
    // A file from an older version may be readable by others: an audit log is the owner's.
    if (!created && (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) &&
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        qWarning("AuditLog: cannot restrict the permissions of %s", qPrintable(QDir::toNativeSeparators(m_path)));

    const qint64 size = file.size();
    QByteArray data;
    data.reserve(line.size() + 1);
    // A line torn by a crash must not swallow this entry: start a fresh line, in the same write.
    if (size > 0 && file.seek(size - 1) && file.read(1) != "\n")
        data.append('\n');
    data.append(line);

    std::optional<durable::IoError> failed = durable::writeAtEnd(file, data);
    if (!failed)
        failed = durable::syncFile(file);
    if (!failed && created)
        failed = durable::syncDirectory(dir);
    if (failed) {
        // Nothing half: cut off what a short write or an unsynced line left, so the file
        // holds no record that says "sent" for a command that will not be sent.
        // (A device such as /dev/full has nothing to cut.)
        if (!file.isSequential()) {
            if (!file.resize(size))
                qWarning("AuditLog: cannot cut %s back after a failed write",
                         qPrintable(QDir::toNativeSeparators(m_path)));
            else if (durable::syncFile(file))
                qWarning("AuditLog: cannot sync %s after cutting it back",
                         qPrintable(QDir::toNativeSeparators(m_path)));
        }
        return writeFailure(m_path, durable::refine(*failed, dir));
    }
    return Result<void>::success();
}

bool AuditLog::rotateLocked()
{
    if (m_keepFiles <= 0)
        return QFile::remove(m_path);
    const QString oldest = rotatedPath(m_path, m_keepFiles);
    if (QFileInfo::exists(oldest) && !QFile::remove(oldest))
        return false;
    for (int i = m_keepFiles - 1; i >= 1; --i) {
        const QString from = rotatedPath(m_path, i);
        if (QFileInfo::exists(from) && !QFile::rename(from, rotatedPath(m_path, i + 1)))
            return false;
    }
    if (!QFile::rename(m_path, rotatedPath(m_path, 1)))
        return false;
    if (const std::optional<durable::IoError> e = durable::syncDirectory(QFileInfo(m_path).absolutePath()))
        qWarning("AuditLog: cannot sync the folder of %s: %s", qPrintable(QDir::toNativeSeparators(m_path)),
                 qPrintable(e->detail));
    return true;
}

namespace {

// What every line says: when, where, as whom, what, and for which run and VM.
AuditEntry entryFor(const QString& hostKey, const QString& user, const CommandRequest& request,
                    const AuditContext& context, const QDateTime& time)
{
    AuditEntry e;
    e.time = time;
    e.host = hostKey;
    e.user = user;
    e.command = request.command;
    e.runId = context.runId;
    e.vmUuid = context.vmUuid;
    e.vmName = context.vmName;
    e.action = context.action;
    return e;
}

} // namespace

Result<void> AuditLog::record(const QString& hostKey, const QString& user, const CommandRequest& request,
                              const CommandResult& result, const QString& runId, const QDateTime& started)
{
    AuditContext context;
    context.runId = runId;
    return recordResult(hostKey, user, request, result, context, started);
}

Result<void> AuditLog::recordSent(const QString& hostKey, const QString& user, const CommandRequest& request,
                                  const AuditContext& context, const QDateTime& sent)
{
    AuditEntry e = entryFor(hostKey, user, request, context, sent);
    e.outcome = AuditOutcome::Sent;
    return append(e);
}

Result<void> AuditLog::recordResult(const QString& hostKey, const QString& user, const CommandRequest& request,
                                    const CommandResult& result, const AuditContext& context, const QDateTime& started)
{
    AuditEntry e = entryFor(hostKey, user, request, context, started);
    e.outcome = outcomeOf(result.outcome);
    e.exitStatus = result.exitStatus;
    e.durationMs = result.elapsedMs;
    return append(e);
}

Result<void> AuditLog::recordOutcome(const QString& hostKey, const QString& user, const CommandRequest& request,
                                     AuditOutcome outcome, const AuditContext& context, const QDateTime& started,
                                     qint64 durationMs)
{
    AuditEntry e = entryFor(hostKey, user, request, context, started);
    e.outcome = outcome;
    e.durationMs = durationMs;
    return append(e);
}

std::optional<AuditEntry> AuditLog::fromJsonLine(QByteArrayView line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    AuditEntry e;
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    e.host = o.value(QStringLiteral("host")).toString();
    e.command = o.value(QStringLiteral("command")).toString();
    const QString outcome = o.value(QStringLiteral("outcome")).toString();
    if (!e.time.isValid() || e.host.isEmpty() || outcome.isEmpty())
        return std::nullopt;
    e.outcome = outcomeFromKey(outcome);
    e.user = o.value(QStringLiteral("user")).toString();
    e.exitStatus = o.value(QStringLiteral("exitStatus")).toInt(-1);
    e.durationMs = qint64(o.value(QStringLiteral("durationMs")).toDouble(0));
    e.runId = o.value(QStringLiteral("runId")).toString();
    e.vmUuid = o.value(QStringLiteral("vm")).toString();
    e.vmName = o.value(QStringLiteral("vmName")).toString();
    e.action = o.value(QStringLiteral("action")).toString();
    return e;
}

namespace {

// Reads the entries in the last `budget` bytes of `file`; false when it cannot be read.
bool readEntries(QFile& file, qint64 budget, QList<AuditEntry>& entries, qint64& used)
{
    const qint64 size = file.size();
    const qint64 start = size > budget ? size - budget : 0;
    if (!file.seek(start))
        return false;
    const QByteArray data = file.read(size - start);
    used = data.size();
    qsizetype pos = 0;
    if (start > 0) { // the first line is probably cut
        const qsizetype nl = data.indexOf('\n');
        pos = nl < 0 ? data.size() : nl + 1;
    }
    while (pos < data.size()) {
        qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            nl = data.size();
        if (std::optional<AuditEntry> e = AuditLog::fromJsonLine(QByteArrayView(data).sliced(pos, nl - pos)))
            entries.append(std::move(*e));
        pos = nl + 1;
    }
    return true;
}

} // namespace

Result<QList<AuditEntry>> AuditLog::readTail(const QString& path, int maxEntries)
{
    constexpr qint64 kMaxBytes = 32 * 1024 * 1024;
    // Far more than anyone keeps; only bounds the walk over path.1, path.2, ...
    constexpr int kMaxRotated = 1000;

    // Hold writers off so a rotation cannot move lines between two files while they are read.
    // A log that cannot be locked (a read-only copy) is read all the same.
    const QMutexLocker locker(&appendMutex());
    QLockFile lock(lockPath(path));
    if (QFileInfo(path).absoluteDir().exists() && !lock.tryLock(kReadLockTimeoutMs) &&
        lock.error() == QLockFile::LockFailedError)
        qWarning("AuditLog: %s is busy; reading it without its lock", qPrintable(QDir::toNativeSeparators(path)));

    QList<QList<AuditEntry>> files; // newest file first
    qint64 budget = kMaxBytes;
    qsizetype count = 0;
    for (int i = 0; i <= kMaxRotated && budget > 0 && (maxEntries <= 0 || count < maxEntries); ++i) {
        const QString name = i == 0 ? path : rotatedPath(path, i);
        QFile file(name);
        if (!file.exists()) {
            if (i == 0) // rotated away and no line since: the older files still count
                continue;
            break;
        }
        QList<AuditEntry> entries;
        qint64 used = 0;
        if (!file.open(QIODevice::ReadOnly) || !readEntries(file, budget, entries, used)) {
            if (i > 0) // an old file that cannot be read does not hide the current one
                break;
            return Result<QList<AuditEntry>>::failure(
                QCoreApplication::translate("AuditLog", "Cannot read the audit log %1: %2")
                    .arg(QDir::toNativeSeparators(name), file.errorString()));
        }
        budget -= used;
        count += entries.size();
        files.append(std::move(entries));
    }
    QList<AuditEntry> all;
    all.reserve(count);
    for (auto it = files.rbegin(); it != files.rend(); ++it)
        all.append(std::move(*it));
    if (maxEntries > 0 && all.size() > maxEntries)
        all.remove(0, all.size() - maxEntries);
    return all;
}

} // namespace xr
