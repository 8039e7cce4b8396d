#include "RemoteLogPager.h"

#include "LocalLogIndex.h"
#include "LogFollower.h"
#include "LogSource.h"
#include "OffThread.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"

#include <QFileInfo>

namespace xr {

namespace {

constexpr qint64 kMaxCommandOutput = 64 << 20;

// Drops the partial line a read from the middle of a file starts with.
qint64 firstLineStart(const QByteArray& data)
{
    const qsizetype nl = data.indexOf('\n');
    return nl < 0 ? 0 : nl + 1;
}

} // namespace

struct RemoteLogPager::Built
{
    QByteArray data;
    LineIndex index;
    LogFormatKind kind = LogFormatKind::Unknown;
    qint64 base = 0;
};

RemoteLogPager::RemoteLogPager(LogSource& source)
    : m_source(source)
{}

void RemoteLogPager::openTail()
{
    LogSource& s = m_source;
    const int generation = s.m_generation;
    s.readRange(0, s.m_tailBytes, true, [this, &s, generation](const FileResult& r) {
        if (generation != s.m_generation)
            return;
        if (!r.ok)
            return s.fail(r.error.isEmpty() ? LogSource::tr("%1 could not be read.").arg(s.m_origin.displayName())
                                            : r.error);
        applyWhole(r.data, r.offset, r.info.size, r.info.modified, r.offset > 0);
    });
}

void RemoteLogPager::openCommand()
{
    LogSource& s = m_source;
    if (!s.m_hostGuard)
        return s.fail(LogSource::tr("The host's connection is gone."));
    const int generation = s.m_generation;
    CommandRequest request;
    request.command = s.m_origin.command;
    request.timeoutMs = 60000;
    request.maxOutputBytes = kMaxCommandOutput;
    RemoteCommand* cmd = s.m_host->run(request);
    s.track(cmd);
    QObject::connect(cmd, &RemoteOperation::finished, &s, [this, &s, cmd, generation] {
        const CommandResult r = cmd->result();
        cmd->deleteLater();
        if (generation != s.m_generation)
            return;
        const QString name = s.m_origin.displayName();
        if (r.outcome != CommandOutcome::Finished)
            return s.fail(r.error.isEmpty() ? LogSource::tr("%1 did not run.").arg(name) : r.error);
        if (r.exitStatus != 0 && r.stdOut.isEmpty()) {
            const QString why = QString::fromUtf8(r.stdErr).trimmed();
            return s.fail(why.isEmpty() ? LogSource::tr("%1 failed (exit status %2).").arg(name).arg(r.exitStatus)
                                        : LogSource::tr("%1 failed: %2").arg(name, why));
        }
        applyWhole(r.stdOut, 0, r.stdOut.size(), QDateTime::currentDateTimeUtc(), false);
    });
}

void RemoteLogPager::applyWhole(QByteArray data, qint64 base, qint64 fileSize, const QDateTime& modified, bool trimHead)
{
    LogSource& s = m_source;
    const int generation = s.m_generation;
    s.m_modified = modified.isValid() ? modified : QDateTime::currentDateTimeUtc();
    s.m_fileSize = fileSize;
    const QString name = QFileInfo(s.m_origin.path).fileName();
    runOffThread(
        &s,
        [data = std::move(data), base, trimHead, name]() mutable {
            Built b;
            const qint64 skip = trimHead ? firstLineStart(data) : 0;
            b.data = skip > 0 ? data.mid(skip) : std::move(data);
            b.base = base + skip;
            b.index.build(QByteArrayView(b.data));
            b.kind = LogFormat::detect(QByteArrayView(b.data).first(qMin<qsizetype>(b.data.size(), 16384)), name);
            return b;
        },
        [this, &s, generation](Built b) {
            if (generation != s.m_generation)
                return;
            s.whenUnpinned([this, &s, generation, b = std::move(b)]() mutable {
                if (generation != s.m_generation)
                    return;
                m_data = std::move(b.data);
                s.m_index = std::make_shared<LineIndex>(std::move(b.index));
                s.m_base = b.base;
                s.m_parser = s.makeParser(b.kind);
                s.m_state = LogSource::State::Ready;
                s.setBusy(false);
                inferYears();
                Q_EMIT s.stateChanged(s.m_state);
                Q_EMIT s.reloaded();
                s.m_follower->resume();
            });
        });
}

void RemoteLogPager::loadOlder(bool all)
{
    LogSource& s = m_source;
    if (s.m_origin.kind == LogOrigin::Kind::RemoteFile &&
        (all || qint64(s.heldBytes()) + qMin(s.m_chunkBytes, s.m_base) > s.m_memoryLimit))
        return copyWhole();
    // Everything: the whole file up to what is held is read again in one piece (no copy of
    // the held part); older lines only: the chunk before them, put in front.
    const qint64 from = all ? 0 : qMax<qint64>(0, s.m_base - s.m_chunkBytes);
    const qint64 length = all ? s.m_base + m_data.size() : s.m_base - from;
    const int generation = s.m_generation;
    s.m_loadingOlder = true;
    s.setBusy(true);
    s.pin(); // the file's end stays as it is until the older part is in
    s.readRange(from, length, false, [this, &s, generation, from, length, all](const FileResult& r) {
        const auto stop = [&s](const QString& error) {
            s.m_loadingOlder = false;
            s.setBusy(false);
            s.unpin();
            s.m_error = error;
        };
        if (generation != s.m_generation)
            return s.unpin();
        if (!r.ok || r.offset != from || (all && r.data.size() < length))
            return stop(r.ok ? LogSource::tr("%1 changed while it was read.").arg(s.m_origin.displayName()) : r.error);
        QByteArray older = r.data.left(length);
        qint64 newBase = from;
        if (!all) {
            const qint64 skip = from > 0 ? firstLineStart(older) : 0;
            if (skip > 0)
                older.remove(0, skip);
            newBase = from + skip;
            if (older.isEmpty() && newBase >= s.m_base) {
                // One line longer than the chunk: read more next time.
                s.m_chunkBytes *= 2;
                return stop({});
            }
        }
        const QByteArray current = all ? QByteArray() : m_data;
        const quint64 oldCount = s.m_index->lineCount();
        runOffThread(
            &s,
            [older = std::move(older), current, newBase]() mutable {
                Built b;
                b.data = std::move(older);
                if (!current.isEmpty())
                    b.data += current;
                b.base = newBase;
                b.index.build(QByteArrayView(b.data));
                return b;
            },
            [this, &s, generation, oldCount](Built b) {
                // Applied first when the last pin goes (a search running meanwhile keeps the
                // data until it is done), before follow lines that came meanwhile: they are
                // appended to the grown data.
                s.firstWhenUnpinned([this, &s, generation, oldCount, b = std::move(b)]() mutable {
                    s.m_loadingOlder = false;
                    s.setBusy(false);
                    if (generation != s.m_generation)
                        return;
                    m_data = std::move(b.data);
                    s.m_index = std::make_shared<LineIndex>(std::move(b.index));
                    s.m_base = b.base;
                    inferYears();
                    Q_EMIT s.linesPrepended(s.m_index->lineCount() - qMin(oldCount, s.m_index->lineCount()));
                });
                s.unpin(); // ours
            });
    });
}

void RemoteLogPager::copyWhole()
{
    // Copied to a file of our own with progress, then read through its index like a local
    // file: what is held stops growing with every chunk (and is not copied again each time).
    LogSource& s = m_source;
    if (!s.m_hostGuard) {
        s.m_error = LogSource::tr("The host's connection is gone.");
        return;
    }
    QString why;
    const QString copy = s.cachePath(QStringLiteral("remote-copy.log"), &why);
    if (copy.isEmpty()) {
        s.m_error = LogSource::tr("No room for a copy of the log: %1").arg(why);
        return;
    }
    const int generation = s.m_generation;
    s.m_local->closeFile();
    s.m_loadingOlder = true;
    s.setBusy(true);
    s.pin(); // the end stays as it is until the whole file is in
    RemoteFileOperation* op = s.m_host->download(s.m_origin.path, copy);
    s.track(op);
    s.m_download = op;
    QObject::connect(op, &RemoteOperation::progress, &s, &LogSource::downloadProgress);
    QObject::connect(op, &RemoteOperation::finished, &s, [&s, op, generation, copy] {
        const FileResult r = op->result();
        op->deleteLater();
        s.m_download.clear();
        const auto stop = [&s](const QString& error) {
            s.m_loadingOlder = false;
            s.setBusy(false);
            s.m_error = error;
            Q_EMIT s.downloadFinished(false, error);
            s.unpin();
        };
        if (generation != s.m_generation)
            return s.unpin();
        const QString name = s.m_origin.displayName();
        if (!r.ok)
            return stop(r.cancelled
                            ? LogSource::tr("Download cancelled.")
                            : (r.error.isEmpty() ? LogSource::tr("%1 could not be copied.").arg(name) : r.error));
        Q_EMIT s.downloadFinished(true, LogSource::tr("%1 copied whole (%2 bytes).").arg(name).arg(r.bytesTransferred));
        s.m_local->adoptCopy(copy, generation);
    });
}

void RemoteLogPager::inferYears()
{
    // The year map is a pass over every line: the lines are shown (and searchable) before it
    // is done; until then a syslog stamp takes the reference's year.
    LogSource& s = m_source;
    s.m_yearsReady = !LogSource::hasSyslogStamps(s.m_parser.kind());
    if (s.m_yearsReady)
        return;
    const int job = ++s.m_yearsJob;
    runOffThread(
        &s,
        [data = m_data, index = std::shared_ptr<const LineIndex>(s.m_index), ref = s.yearsReference()] {
            return SyslogYears::infer(QByteArrayView(data), *index, ref);
        },
        [&s, job](SyslogYears years) {
            // Lines appended meanwhile keep the last year; new data started another map.
            if (job != s.m_yearsJob)
                return;
            s.m_parser.setYears(std::move(years));
            s.m_yearsReady = true;
            Q_EMIT s.yearsReady();
        });
}

void RemoteLogPager::append(LineIndex& index, const QByteArray& more)
{
    m_data += more;
    index.append(QByteArrayView(m_data));
}

} // namespace xr
