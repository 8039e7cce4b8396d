#include "LogSource.h"

#include "LocalLogIndex.h"
#include "LogFollower.h"
#include "OffThread.h"
#include "RemoteHost.h"
#include "RemoteLogPager.h"
#include "RemoteOperation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>

namespace xr {

namespace {

FileResult readLocal(const QString& path, qint64 offset, qint64 length, bool tail)
{
    FileResult r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = f.errorString();
        return r;
    }
    const QFileInfo fi(path);
    r.info.name = path;
    r.info.size = f.size();
    r.info.modified = fi.lastModified();
    qint64 from = tail ? qMax<qint64>(0, r.info.size - length) : offset;
    from = qBound<qint64>(0, from, r.info.size);
    if (!f.seek(from)) {
        r.error = f.errorString();
        return r;
    }
    r.data = f.read(qMin(length, r.info.size - from));
    r.offset = from;
    r.ok = true;
    return r;
}

} // namespace

LogSource::LogSource(RemoteHost* host, LogOrigin origin, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_hostGuard(host)
    , m_origin(std::move(origin))
    , m_local(std::make_unique<LocalLogIndex>(*this))
    , m_pager(std::make_unique<RemoteLogPager>(*this))
    , m_follower(std::make_unique<LogFollower>(*this))
{
    const bool fileBacked = m_origin.kind == LogOrigin::Kind::LocalFile && !m_origin.isCompressed();
    m_local->reset(fileBacked, fileBacked ? m_origin.path : QString());
}

LogSource::~LogSource()
{
    for (const QPointer<RemoteOperation>& op : std::as_const(m_ops))
        delete op.data();
    delete m_download.data();
}

void LogSource::track(RemoteOperation* op)
{
    m_ops.removeIf([](const QPointer<RemoteOperation>& p) { return p.isNull(); });
    m_ops.append(op);
}

void LogSource::fail(const QString& message)
{
    m_error = message;
    m_state = State::Failed;
    setBusy(false);
    Q_EMIT stateChanged(m_state);
}

void LogSource::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

LogParser LogSource::makeParser(LogFormatKind kind) const
{
    return LogParser(kind, yearsReference());
}

void LogSource::reopenAfter(const QString& message)
{
    open();
    connect(
        this, &LogSource::reloaded, this, [this, message] { Q_EMIT rotated(message); }, Qt::SingleShotConnection);
}

bool LogSource::endMatches(QByteArrayView tail) const
{
    const QByteArrayView held = tailBytes(LocalLogIndex::TailKeep);
    const qsizetype n = qMin(tail.size(), held.size());
    return tail.last(n) == held.last(n);
}

QString LogSource::cachePath(const QString& name, QString* error)
{
    if (!m_cacheDir)
        m_cacheDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/xenrescue-log-XXXXXX"));
    if (!m_cacheDir->isValid()) {
        *error = m_cacheDir->errorString();
        m_cacheDir.reset();
        return {};
    }
    return m_cacheDir->filePath(name);
}

void LogSource::readRange(qint64 offset, qint64 length, bool tail, ReadDone done)
{
    if (m_origin.kind == LogOrigin::Kind::LocalFile) {
        const QString path = m_origin.path;
        runOffThread(
            this, [path, offset, length, tail] { return readLocal(path, offset, length, tail); },
            [done](FileResult r) { done(r); });
        return;
    }
    if (!m_hostGuard) {
        FileResult r;
        r.error = tr("The host's connection is gone.");
        QTimer::singleShot(0, this, [done, r] { done(r); });
        return;
    }
    RemoteFileOperation* op =
        tail ? m_host->readTail(m_origin.path, length) : m_host->readRange(m_origin.path, offset, length);
    track(op);
    connect(op, &RemoteOperation::finished, this, [op, done] {
        const FileResult r = op->result();
        op->deleteLater();
        done(r);
    });
}

void LogSource::open()
{
    ++m_generation;
    m_follower->suspend();
    m_loadingOlder = false;
    m_error.clear();
    m_state = State::Opening;
    setBusy(true);
    Q_EMIT stateChanged(m_state);
    // Back to how this kind of log is read (a remote log read whole, or a .gz, had a copy);
    // the page cache goes, the file may be another one now (rotated).
    const bool fileBacked = m_origin.kind == LogOrigin::Kind::LocalFile && !m_origin.isCompressed();
    m_local->reset(fileBacked, fileBacked ? m_origin.path : QString());
    if (m_origin.kind == LogOrigin::Kind::Command)
        m_pager->openCommand();
    else if (fileBacked)
        m_local->indexFile(false);
    else if (m_origin.isCompressed())
        m_local->openCompressed();
    else
        m_pager->openTail();
}

void LogSource::loadOlder()
{
    loadBefore(false);
}

void LogSource::loadAll()
{
    loadBefore(true);
}

void LogSource::loadBefore(bool all)
{
    if (m_state != State::Ready || m_loadingOlder || m_base <= 0)
        return;
    m_error.clear(); // of an earlier try
    if (!m_local->isActive())
        return m_pager->loadOlder(all);
    // Indexing a local file costs 8 bytes per line and reads at disk speed: scrolling back
    // indexes all of it at once.
    m_loadingOlder = true;
    setBusy(true);
    pin(); // the file's end stays as it is until the older part is in
    m_local->indexFile(true);
}

bool LogSource::canFollow() const
{
    return m_origin.kind != LogOrigin::Kind::Command && !m_origin.isCompressed();
}

bool LogSource::isFollowing() const
{
    return m_follower->isFollowing();
}

void LogSource::setFollowing(bool on)
{
    m_follower->setFollowing(on);
}

void LogSource::setFollowInterval(int ms)
{
    m_follower->setInterval(ms);
}

void LogSource::poll()
{
    m_follower->poll();
}

bool LogSource::isFileBacked() const
{
    return m_local->isActive();
}

void LogSource::unpin()
{
    if (m_pins > 0)
        --m_pins;
    while (m_pins == 0 && !m_afterUnpin.isEmpty())
        m_afterUnpin.takeFirst()();
}

void LogSource::whenUnpinned(std::function<void()> action)
{
    if (m_pins == 0)
        action();
    else
        m_afterUnpin.append(std::move(action));
}

void LogSource::firstWhenUnpinned(std::function<void()> action)
{
    if (m_pins == 0)
        action();
    else
        m_afterUnpin.prepend(std::move(action));
}

void LogSource::download(const QString& localPath)
{
    if (!canDownload() || isDownloading() || !m_hostGuard)
        return;
    RemoteFileOperation* op = m_host->download(m_origin.path, localPath);
    m_download = op;
    connect(op, &RemoteOperation::progress, this, &LogSource::downloadProgress);
    connect(op, &RemoteOperation::finished, this, [this, op] {
        const FileResult r = op->result();
        op->deleteLater();
        m_download.clear();
        if (r.ok)
            Q_EMIT downloadFinished(
                true, tr("%1 downloaded (%2 bytes).").arg(m_origin.displayName()).arg(r.bytesTransferred));
        else
            Q_EMIT downloadFinished(false, r.cancelled ? tr("Download cancelled.")
                                                       : (r.error.isEmpty() ? tr("The download failed.") : r.error));
    });
}

void LogSource::cancelDownload()
{
    if (m_download)
        m_download->cancel();
}

QByteArrayView LogSource::lineBytes(quint64 i) const
{
    if (!m_local->isActive())
        return m_index->line(QByteArrayView(m_pager->data()), i);
    return m_local->line(*m_index, i);
}

QByteArrayView LogSource::tailBytes(qint64 n) const
{
    if (!m_local->isActive()) {
        const QByteArray& data = m_pager->data();
        return QByteArrayView(data).last(qMin<qsizetype>(n, data.size()));
    }
    return m_local->tailBytes(n);
}

bool LogSource::readBlocks(quint64 firstLine, quint64 endLine, const std::function<bool(const LogBlock&)>& f,
                           QString* error, qint64 blockBytes) const
{
    const LineIndex& index = *m_index;
    endLine = qMin(endLine, index.lineCount());
    if (firstLine >= endLine)
        return true;
    if (!m_local->isActive())
        return f(LogBlock{QByteArrayView(m_pager->data()), 0, firstLine, endLine});
    return m_local->readBlocks(index, firstLine, endLine, f, error, blockBytes);
}

QDateTime LogSource::yearsReference() const
{
    // The reference must lie at or after the last line in the host's local time, which is
    // unknown here: the mtime plus the largest zone offset.
    const QDateTime ref =
        (m_modified.isValid() ? m_modified : QDateTime::currentDateTimeUtc()).toUTC().addSecs(14 * 3600);
    return QDateTime(ref.date(), ref.time(), Qt::UTC);
}

bool LogSource::hasSyslogStamps(LogFormatKind kind)
{
    return kind == LogFormatKind::XapiSyslog || kind == LogFormatKind::SmLog || kind == LogFormatKind::Syslog;
}

} // namespace xr
