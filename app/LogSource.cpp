#include "LogSource.h"

#include "GzipReader.h"
#include "OffThread.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace xr {

namespace {

constexpr qint64 kOverlap = 64; // bytes re-read by each follow poll to see a rotation
constexpr qint64 kMaxCommandOutput = 64 << 20;

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

struct Inflated
{
    QByteArray data;
    QString error;
};

Inflated inflate(QByteArray compressed)
{
    Inflated out;
    QBuffer buffer(&compressed);
    buffer.open(QIODevice::ReadOnly);
    GzipReader reader(buffer);
    for (;;) {
        const QByteArray part = reader.read(4 << 20);
        if (part.isEmpty())
            break;
        out.data += part;
    }
    if (reader.hasError())
        out.error = reader.errorString();
    return out;
}

// Drops the partial line a read from the middle of a file starts with.
qint64 firstLineStart(const QByteArray& data)
{
    const qsizetype nl = data.indexOf('\n');
    return nl < 0 ? 0 : nl + 1;
}

} // namespace

QString LogOrigin::displayName() const
{
    switch (kind) {
    case Kind::LocalFile:
        return path;
    case Kind::Command:
        return QStringLiteral("%1: %2").arg(hostName, path);
    case Kind::RemoteFile:
        break;
    }
    return QStringLiteral("%1:%2").arg(hostName, path);
}

bool LogOrigin::isCompressed() const
{
    return kind != Kind::Command && path.endsWith(QStringLiteral(".gz"), Qt::CaseInsensitive);
}

struct LogSource::Built
{
    QByteArray data;
    LineIndex index;
    LogFormatKind kind = LogFormatKind::Unknown;
    qint64 base = 0;
};

LogSource::LogSource(RemoteHost* host, LogOrigin origin, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_hostGuard(host)
    , m_origin(std::move(origin))
    , m_followTimer(new QTimer(this))
{
    m_followTimer->setInterval(1000);
    connect(m_followTimer, &QTimer::timeout, this, &LogSource::poll);
}

LogSource::~LogSource()
{
    *m_alive = false;
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
    // The reference must lie at or after the last line in the host's local time, which is
    // unknown here: the mtime plus the largest zone offset.
    const QDateTime ref =
        (m_modified.isValid() ? m_modified : QDateTime::currentDateTimeUtc()).toUTC().addSecs(14 * 3600);
    return LogParser(kind, QDateTime(ref.date(), ref.time(), Qt::UTC));
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
    m_followTimer->stop();
    m_polling = false;
    m_loadingOlder = false;
    m_error.clear();
    m_state = State::Opening;
    setBusy(true);
    Q_EMIT stateChanged(m_state);
    if (m_origin.kind == LogOrigin::Kind::Command)
        openCommand();
    else if (m_origin.isCompressed())
        openCompressed();
    else
        openFile();
}

void LogSource::openFile()
{
    const int generation = m_generation;
    readRange(0, m_tailBytes, true, [this, generation](const FileResult& r) {
        if (generation != m_generation)
            return;
        if (!r.ok)
            return fail(r.error.isEmpty() ? tr("%1 could not be read.").arg(m_origin.displayName()) : r.error);
        applyWhole(r.data, r.offset, r.info.size, r.info.modified, r.offset > 0);
    });
}

void LogSource::openCompressed()
{
    const int generation = m_generation;
    const auto inflateAndApply = [this, generation](const FileResult& r) {
        if (generation != m_generation)
            return;
        if (!r.ok)
            return fail(r.error.isEmpty() ? tr("%1 could not be read.").arg(m_origin.displayName()) : r.error);
        const QDateTime modified = r.info.modified;
        runOffThread(
            this, [data = r.data] { return inflate(data); },
            [this, generation, modified](Inflated in) {
                if (generation != m_generation)
                    return;
                if (!in.error.isEmpty() && in.data.isEmpty())
                    return fail(tr("%1: %2").arg(m_origin.displayName(), in.error));
                const qint64 size = in.data.size();
                applyWhole(std::move(in.data), 0, size, modified, false);
            });
    };
    if (m_origin.kind == LogOrigin::Kind::LocalFile) {
        readRange(0, std::numeric_limits<qint64>::max() / 2, false, inflateAndApply);
        return;
    }
    if (!m_hostGuard)
        return fail(tr("The host's connection is gone."));
    // The size first: a compressed file is read whole (its end cannot be inflated alone).
    RemoteFileOperation* st = m_host->stat(m_origin.path);
    track(st);
    connect(st, &RemoteOperation::finished, this, [this, st, generation, inflateAndApply] {
        const FileResult r = st->result();
        st->deleteLater();
        if (generation != m_generation)
            return;
        if (!r.ok)
            return fail(r.error.isEmpty() ? tr("%1 could not be read.").arg(m_origin.displayName()) : r.error);
        readRange(0, qMax<qint64>(r.info.size, 1), false, inflateAndApply);
    });
}

void LogSource::openCommand()
{
    if (!m_hostGuard)
        return fail(tr("The host's connection is gone."));
    const int generation = m_generation;
    CommandRequest request;
    request.command = m_origin.command;
    request.timeoutMs = 60000;
    request.maxOutputBytes = kMaxCommandOutput;
    RemoteCommand* cmd = m_host->run(request);
    track(cmd);
    connect(cmd, &RemoteOperation::finished, this, [this, cmd, generation] {
        const CommandResult r = cmd->result();
        cmd->deleteLater();
        if (generation != m_generation)
            return;
        if (r.outcome != CommandOutcome::Finished)
            return fail(r.error.isEmpty() ? tr("%1 did not run.").arg(m_origin.displayName()) : r.error);
        if (r.exitStatus != 0 && r.stdOut.isEmpty()) {
            const QString why = QString::fromUtf8(r.stdErr).trimmed();
            return fail(why.isEmpty() ? tr("%1 failed (exit status %2).").arg(m_origin.displayName()).arg(r.exitStatus)
                                      : tr("%1 failed: %2").arg(m_origin.displayName(), why));
        }
        applyWhole(r.stdOut, 0, r.stdOut.size(), QDateTime::currentDateTimeUtc(), false);
    });
}

void LogSource::applyWhole(QByteArray data, qint64 base, qint64 fileSize, const QDateTime& modified, bool trimHead)
{
    const int generation = m_generation;
    m_modified = modified.isValid() ? modified : QDateTime::currentDateTimeUtc();
    m_fileSize = fileSize;
    const QString name = QFileInfo(m_origin.path).fileName();
    runOffThread(
        this,
        [data = std::move(data), base, trimHead, name]() mutable {
            Built b;
            const qint64 skip = trimHead ? firstLineStart(data) : 0;
            b.data = skip > 0 ? data.mid(skip) : std::move(data);
            b.base = base + skip;
            b.index.build(QByteArrayView(b.data));
            b.kind = LogFormat::detect(QByteArrayView(b.data).first(qMin<qsizetype>(b.data.size(), 16384)), name);
            return b;
        },
        [this, generation](Built b) {
            if (generation != m_generation)
                return;
            whenUnpinned([this, generation, b = std::move(b)]() mutable {
                if (generation != m_generation)
                    return;
                m_data = std::move(b.data);
                m_index = std::make_shared<LineIndex>(std::move(b.index));
                m_base = b.base;
                m_parser = makeParser(b.kind);
                m_state = State::Ready;
                setBusy(false);
                inferYears();
                Q_EMIT stateChanged(m_state);
                Q_EMIT reloaded();
                if (m_following)
                    m_followTimer->start();
            });
        });
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

void LogSource::inferYears()
{
    // The year map is a pass over every line: the lines are shown (and searchable) before it
    // is done; until then a syslog stamp takes the reference's year.
    m_yearsReady = !hasSyslogStamps(m_parser.kind());
    if (m_yearsReady)
        return;
    const int job = ++m_yearsJob;
    runOffThread(
        this,
        [data = m_data, index = std::shared_ptr<const LineIndex>(m_index), ref = yearsReference()] {
            return SyslogYears::infer(QByteArrayView(data), *index, ref);
        },
        [this, job](SyslogYears years) {
            // Lines appended meanwhile keep the last year; new data started another map.
            if (job != m_yearsJob)
                return;
            m_parser.setYears(std::move(years));
            m_yearsReady = true;
            Q_EMIT yearsReady();
        });
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
    // Everything: the whole file up to what is held is read again in one piece (no copy of
    // the held part); older lines only: the chunk before them, put in front.
    const qint64 from = all ? 0 : qMax<qint64>(0, m_base - m_chunkBytes);
    const qint64 length = all ? m_base + m_data.size() : m_base - from;
    const int generation = m_generation;
    m_loadingOlder = true;
    setBusy(true);
    pin(); // the file's end stays as it is until the older part is in
    readRange(from, length, false, [this, generation, from, length, all](const FileResult& r) {
        const auto stop = [this](const QString& error) {
            m_loadingOlder = false;
            setBusy(false);
            unpin();
            m_error = error;
        };
        if (generation != m_generation)
            return unpin();
        if (!r.ok || r.offset != from || (all && r.data.size() < length))
            return stop(r.ok ? tr("%1 changed while it was read.").arg(m_origin.displayName()) : r.error);
        QByteArray older = r.data.left(length);
        qint64 newBase = from;
        if (!all) {
            const qint64 skip = from > 0 ? firstLineStart(older) : 0;
            if (skip > 0)
                older.remove(0, skip);
            newBase = from + skip;
            if (older.isEmpty() && newBase >= m_base) {
                // One line longer than the chunk: read more next time.
                m_chunkBytes *= 2;
                return stop({});
            }
        }
        const QByteArray current = all ? QByteArray() : m_data;
        const quint64 oldCount = m_index->lineCount();
        runOffThread(
            this,
            [older = std::move(older), current, newBase]() mutable {
                Built b;
                b.data = std::move(older);
                if (!current.isEmpty())
                    b.data += current;
                b.base = newBase;
                b.index.build(QByteArrayView(b.data));
                return b;
            },
            [this, generation, oldCount](Built b) {
                unpin(); // ours; a search running meanwhile keeps the data until it is done
                whenUnpinned([this, generation, oldCount, b = std::move(b)]() mutable {
                    m_loadingOlder = false;
                    setBusy(false);
                    if (generation != m_generation)
                        return;
                    m_data = std::move(b.data);
                    m_index = std::make_shared<LineIndex>(std::move(b.index));
                    m_base = b.base;
                    inferYears();
                    Q_EMIT linesPrepended(m_index->lineCount() - qMin(oldCount, m_index->lineCount()));
                });
            });
    });
}

bool LogSource::canFollow() const
{
    return m_origin.kind != LogOrigin::Kind::Command && !m_origin.isCompressed();
}

void LogSource::setFollowing(bool on)
{
    on = on && canFollow();
    if (m_following == on)
        return;
    m_following = on;
    if (on && m_state == State::Ready) {
        m_followTimer->start();
        poll();
    } else if (!on) {
        m_followTimer->stop();
    }
}

void LogSource::setFollowInterval(int ms)
{
    m_followTimer->setInterval(ms);
}

void LogSource::poll()
{
    if (!canFollow() || m_polling || m_pins > 0 || m_state != State::Ready)
        return;
    const qint64 held = m_data.size();
    const qint64 overlap = qMin(kOverlap, held);
    const qint64 end = m_base + held;
    const int generation = m_generation;
    m_polling = true;
    readRange(end - overlap, m_chunkBytes, false, [this, generation, overlap, end](const FileResult& r) {
        m_polling = false;
        if (generation != m_generation || m_state != State::Ready)
            return;
        if (!r.ok)
            return; // rotated away and not created again yet, or a hiccup: the next poll tries again
        const bool same = r.offset == end - overlap && r.data.size() >= overlap &&
                          QByteArrayView(r.data).first(overlap) == QByteArrayView(m_data).last(overlap);
        if (!same) {
            const QString message =
                r.info.size < end
                    ? tr("%1 was truncated or rotated; showing it again from its end.").arg(m_origin.displayName())
                    : tr("%1 was rotated; showing the new file from its end.").arg(m_origin.displayName());
            open();
            connect(
                this, &LogSource::reloaded, this, [this, message] { Q_EMIT rotated(message); },
                Qt::SingleShotConnection);
            return;
        }
        m_fileSize = qMax(m_fileSize, r.info.size);
        if (r.info.modified.isValid())
            m_modified = r.info.modified;
        if (r.data.size() > overlap) {
            const bool more = r.data.size() >= m_chunkBytes;
            whenUnpinned([this, generation, more, data = r.data.mid(overlap)] {
                if (generation != m_generation)
                    return;
                append(data);
                if (more)
                    QTimer::singleShot(0, this, &LogSource::poll);
            });
        }
    });
}

void LogSource::append(const QByteArray& more)
{
    const quint64 oldCount = m_index->lineCount();
    const quint64 firstNew = m_index->lastLineUnterminated() ? oldCount - 1 : oldCount;
    m_data += more;
    if (m_index.use_count() > 1) // a year map is being built on it
        m_index = std::make_shared<LineIndex>(*m_index);
    m_index->append(QByteArrayView(m_data));
    Q_EMIT linesAppended(firstNew);
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

} // namespace xr
