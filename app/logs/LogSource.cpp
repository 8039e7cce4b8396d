#include "LogSource.h"

#include "GzipReader.h"
#include "OffThread.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <thread>

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

// Inflates the gzip file `from` into `to`, streaming (a few MiB in memory whatever the
// size). Returns an error message, empty on success; data before a corrupt or truncated
// part is kept and the message says what is wrong (the caller shows what there is).
QString inflateToFile(const QString& from, const QString& to, bool* wroteAny)
{
    *wroteAny = false;
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return out.errorString();
    GzipReader reader(in, GzipReader::Format::Auto);
    for (;;) {
        const QByteArray part = reader.read(4 << 20);
        if (part.isEmpty())
            break;
        if (out.write(part) != part.size())
            return QCoreApplication::translate("xr::LogSource", "Cannot write the inflated log to %1: %2")
                .arg(QDir::toNativeSeparators(to), out.errorString());
        *wroteAny = true;
    }
    if (!out.flush())
        return out.errorString();
    return reader.hasError() ? reader.errorString() : QString();
}

// Drops the partial line a read from the middle of a file starts with.
qint64 firstLineStart(const QByteArray& data)
{
    const qsizetype nl = data.indexOf('\n');
    return nl < 0 ? 0 : nl + 1;
}

constexpr qsizetype kReadPiece = 1 << 20;    // streaming reads: fits the cache, costs no memory
constexpr qint64 kMaxPageBytes = 4 << 20;    // a page ends there (a longer line is cut)
constexpr qint64 kPageCacheBytes = 32 << 20; // pages kept, in all
constexpr qint64 kSplitBytes = 8 << 20;      // a whole file from this size on: two halves at once

qsizetype lastNewline(const char* p, qsizetype n)
{
    for (qsizetype i = n; i > 0; --i)
        if (p[i - 1] == '\n')
            return i - 1;
    return -1;
}

} // namespace

// A local file (or its end) indexed in one streaming pass: the lines' offsets, the syslog
// year walk over them, the format, and the last bytes (to see a rotation later).
struct LogSource::Indexed
{
    LineIndex index;
    SyslogYears::Builder years;
    LogFormatKind kind = LogFormatKind::Unknown;
    QByteArray tail;
    qint64 size = 0;
    QDateTime modified;
    QString error;
};

// Reads `path` from `from` (its end, the last `tailBytes`, when `tail`) to `to` (-1: its
// size) in pieces of 1 MiB and indexes the lines; a read from the middle of the file starts
// at its next line. `kind`: the format, or Unknown to detect it from the first lines read.
void LogSource::indexWhole(const QString& path, qint64 end, LogFormatKind kind, const QString& name, Indexed& out)
{
    // Two halves at once (the machine's second core reads and scans the second half), cut
    // after the first line break past the middle, then joined. Small files: one pass.
    qint64 cut = -1;
    if (end >= kSplitBytes && QThread::idealThreadCount() > 1) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.seek(end / 2)) {
            const QByteArray probe = f.read(64 * 1024);
            const qsizetype nl = probe.indexOf('\n');
            if (nl >= 0 && end / 2 + nl + 1 < end)
                cut = end / 2 + nl + 1;
        }
    }
    if (cut < 0)
        return indexStream(path, 0, end, false, 0, kind, name, out);
    Indexed second;
    std::thread worker([&] { indexStream(path, cut, end, false, 0, kind, name, second, true); });
    indexStream(path, 0, cut, false, 0, kind, name, out);
    worker.join();
    if (out.error.isEmpty() && !second.error.isEmpty())
        out.error = second.error;
    if (!out.error.isEmpty())
        return;
    const quint64 firstLine = out.index.lineCount();
    if (!out.index.appendIndex(std::move(second.index))) {
        out.error = QCoreApplication::translate("xr::LogSource", "%1 changed while it was read.").arg(path);
        return;
    }
    out.years.append(second.years, firstLine);
    out.tail = second.tail;
    out.size = qMax(out.size, second.size);
}

void LogSource::indexStream(const QString& path, qint64 from, qint64 to, bool tail, qint64 tailBytes,
                            LogFormatKind kind, const QString& name, Indexed& out, bool atLineStart)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.error = f.errorString();
        return;
    }
    out.size = f.size();
    out.modified = QFileInfo(path).lastModified();
    const qint64 begin = tail ? qMax<qint64>(0, out.size - tailBytes) : from;
    const qint64 end = tail || to < 0 ? out.size : to;
    if (end > out.size) {
        out.error = QCoreApplication::translate("xr::LogSource", "%1 shrank while it was read.").arg(path);
        return;
    }
    if (!f.seek(begin)) {
        out.error = f.errorString();
        return;
    }
    out.kind = kind;
    const bool detect = kind == LogFormatKind::Unknown;
    QByteArray buffer(kReadPiece, Qt::Uninitialized);
    char* const buf = buffer.data();
    qsizetype filled = 0;
    qint64 bufOffset = begin;                  // file offset of buf[0]
    qint64 pos = begin;                        // next byte to read
    bool skipping = begin > 0 && !atLineStart; // to the first line start
    bool started = false;
    bool feedYears = !detect && hasSyslogStamps(kind);
    while (pos < end || filled > 0) {
        if (pos < end && filled < kReadPiece) {
            const qint64 n = f.read(buf + filled, qMin<qint64>(kReadPiece - filled, end - pos));
            if (n <= 0) {
                out.error =
                    n < 0 ? f.errorString()
                          : QCoreApplication::translate("xr::LogSource", "%1 shrank while it was read.").arg(path);
                return;
            }
            filled += qsizetype(n);
            pos += n;
        }
        const bool last = pos >= end;
        if (skipping) {
            const void* nl = std::memchr(buf, '\n', size_t(filled));
            if (!nl && !last && filled < kReadPiece)
                continue;
            // A tail without a line break at all is shown as it is.
            const qsizetype skip = nl ? qsizetype(static_cast<const char*>(nl) - buf) + 1 : (last ? 0 : filled);
            std::memmove(buf, buf + skip, size_t(filled - skip));
            filled -= skip;
            bufOffset += skip;
            skipping = nl == nullptr && !last;
            if (skipping)
                continue;
        }
        // Whole lines only (the last piece: everything; a line longer than the buffer: all
        // of it so far, the rest follows as it grows).
        const qsizetype nl = lastNewline(buf, filled);
        qsizetype upto = last ? filled : (nl >= 0 ? nl + 1 : (filled == kReadPiece ? filled : 0));
        if (upto == 0) {
            if (last)
                break;
            continue;
        }
        const QByteArrayView region(buf, upto);
        if (!started) {
            out.index.clear(quint64(bufOffset));
            started = true;
            if (detect) {
                out.kind = LogFormat::detect(region.first(qMin<qsizetype>(upto, 16384)), name);
                feedYears = hasSyslogStamps(out.kind);
            }
        }
        const quint64 lineBefore = out.index.lineCount() == 0 ? 0 : out.index.lineAt(quint64(bufOffset));
        out.index.appendBytes(region, quint64(bufOffset));
        if (feedYears) {
            const quint64 lines = out.index.lineCount();
            const quint64 regionEnd = quint64(bufOffset) + quint64(upto);
            for (quint64 l = lineBefore; l < lines; ++l) {
                const quint64 start = out.index.lineStart(l);
                if (start >= regionEnd)
                    break;
                if (start < quint64(bufOffset))
                    continue; // a long line whose head was seen before
                const quint64 stop = qMin(out.index.nextLineStart(l), start + 64);
                out.years.add(region.sliced(qsizetype(start - quint64(bufOffset)), qsizetype(stop - start)), l);
            }
        }
        std::memmove(buf, buf + upto, size_t(filled - upto));
        filled -= upto;
        bufOffset += upto;
        if (last && filled == 0)
            break;
    }
    if (!started)
        out.index.clear(quint64(bufOffset));
    // The last bytes covered: a follow poll compares them with what the file holds there.
    const qint64 covered = qint64(out.index.indexedSize() - out.index.origin());
    const qint64 keep = qMin<qint64>(covered, 64);
    if (keep > 0 && f.seek(qint64(out.index.indexedSize()) - keep))
        out.tail = f.read(keep);
}

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
    m_fileBacked = m_origin.kind == LogOrigin::Kind::LocalFile && !m_origin.isCompressed();
    if (m_fileBacked)
        m_readPath = m_origin.path;
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
    const QByteArrayView held = tailBytes(kOverlap);
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
    m_followTimer->stop();
    m_polling = false;
    m_loadingOlder = false;
    m_error.clear();
    m_state = State::Opening;
    setBusy(true);
    Q_EMIT stateChanged(m_state);
    m_pages.clear();
    m_pageFile.reset(); // the file may be another one now (rotated)
    // Back to how this kind of log is read (a remote log read whole, or a .gz, had a copy).
    m_fileBacked = m_origin.kind == LogOrigin::Kind::LocalFile && !m_origin.isCompressed();
    m_readPath = m_fileBacked ? m_origin.path : QString();
    if (m_origin.kind == LogOrigin::Kind::Command)
        openCommand();
    else if (m_fileBacked)
        indexLocalFile(false);
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
    // Inflated into a file of our own, then read through its index like any local file: a
    // rotated log of any size costs its index, not its size. A remote one is copied first.
    const int generation = m_generation;
    QString why;
    const QString inflated = cachePath(QStringLiteral("inflated.log"), &why);
    if (inflated.isEmpty())
        return fail(tr("No room for the inflated log: %1").arg(why));
    const QString name = QFileInfo(m_origin.path).fileName();
    const auto inflateAndIndex = [this, generation, inflated, name](const QString& compressed) {
        runOffThread(
            this,
            [compressed, inflated, name] {
                Indexed in;
                bool wroteAny = false;
                const QString error = inflateToFile(compressed, inflated, &wroteAny);
                if (!wroteAny && !error.isEmpty()) {
                    in.error = error;
                    return in;
                }
                indexStream(inflated, 0, -1, false, 0, LogFormatKind::Unknown, name, in);
                if (in.error.isEmpty())
                    in.error = error; // kept as a warning: what was inflated is shown
                return in;
            },
            [this, generation, inflated](Indexed in) {
                if (generation != m_generation)
                    return;
                const bool partial = in.index.lineCount() > 0 && !in.error.isEmpty();
                if (!in.error.isEmpty() && !partial)
                    return fail(tr("%1: %2").arg(m_origin.displayName(), in.error));
                const QString warning = in.error;
                in.error.clear();
                m_readPath = inflated;
                m_fileBacked = true;
                if (m_modified.isValid())
                    in.modified = m_modified; // the compressed file's time (syslog years), not the copy's
                applyIndexed(std::move(in), false, 0);
                if (partial)
                    m_error = tr("%1: %2").arg(m_origin.displayName(), warning);
            });
    };
    if (m_origin.kind == LogOrigin::Kind::LocalFile) {
        m_modified = QFileInfo(m_origin.path).lastModified();
        inflateAndIndex(m_origin.path);
        return;
    }
    if (!m_hostGuard)
        return fail(tr("The host's connection is gone."));
    const QString copy = cachePath(QStringLiteral("compressed.gz"), &why);
    if (copy.isEmpty())
        return fail(tr("No room for the inflated log: %1").arg(why));
    RemoteFileOperation* op = m_host->download(m_origin.path, copy);
    track(op);
    connect(op, &RemoteOperation::finished, this, [this, op, generation, copy, inflateAndIndex] {
        const FileResult r = op->result();
        op->deleteLater();
        if (generation != m_generation)
            return;
        if (!r.ok)
            return fail(r.error.isEmpty() ? tr("%1 could not be read.").arg(m_origin.displayName()) : r.error);
        m_modified = r.info.modified;
        inflateAndIndex(copy);
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

void LogSource::indexLocalFile(bool whole)
{
    const int generation = m_generation;
    const QString path = m_readPath;
    const QString name = QFileInfo(path).fileName();
    const qint64 tailBytes = m_tailBytes;
    const qint64 end = qint64(m_index->indexedSize());
    const LogFormatKind kind = m_parser.kind();
    const quint64 oldCount = m_index->lineCount();
    runOffThread(
        this,
        [path, name, whole, tailBytes, end, kind] {
            Indexed in;
            if (whole)
                indexWhole(path, end, kind, name, in);
            else
                indexStream(path, 0, -1, true, tailBytes, LogFormatKind::Unknown, name, in);
            return in;
        },
        [this, generation, whole, oldCount](Indexed in) {
            // Applied first when the last pin goes (a search running meanwhile keeps the
            // index until it is done), before follow lines that came meanwhile: they go on
            // top of the whole index.
            firstWhenUnpinned([this, generation, whole, oldCount, in = std::move(in)]() mutable {
                if (whole) {
                    m_loadingOlder = false;
                    setBusy(false);
                }
                if (generation != m_generation)
                    return;
                if (!in.error.isEmpty()) {
                    if (whole)
                        m_error = in.error;
                    else
                        fail(in.error);
                    return;
                }
                if (whole && !endMatches(in.tail)) // rotated or rewritten meanwhile
                    return reopenAfter(
                        tr("%1 was rotated or rewritten; showing it again from its end.").arg(m_origin.displayName()));
                applyIndexed(std::move(in), whole, oldCount);
            });
            if (whole)
                unpin(); // ours
        });
}

void LogSource::applyIndexed(Indexed in, bool whole, quint64 oldCount)
{
    ++m_yearsJob; // a year map being made of the lines before is not for these
    m_pages.clear();
    m_pageFile.reset(); // the file is opened again by name: the one just indexed
    m_data.clear();
    m_index = std::make_shared<LineIndex>(std::move(in.index));
    m_base = qint64(m_index->origin());
    m_yearsBuilder = std::move(in.years);
    m_tail = std::move(in.tail);
    if (whole) {
        m_fileSize = qMax(m_fileSize, in.size);
        m_parser.setYears(m_yearsBuilder.result(yearsReference()));
        Q_EMIT linesPrepended(m_index->lineCount() - qMin(oldCount, m_index->lineCount()));
        return;
    }
    m_fileSize = in.size;
    m_modified = in.modified.isValid() ? in.modified : QDateTime::currentDateTimeUtc();
    m_parser = makeParser(in.kind);
    m_parser.setYears(m_yearsBuilder.result(yearsReference()));
    m_yearsReady = true;
    m_state = State::Ready;
    setBusy(false);
    Q_EMIT stateChanged(m_state);
    Q_EMIT reloaded();
    Q_EMIT yearsReady();
    if (m_following)
        m_followTimer->start();
}

QByteArrayView LogSource::lineBytes(quint64 i) const
{
    if (!m_fileBacked)
        return m_index->line(QByteArrayView(m_data), i);
    Page* page = nullptr;
    for (Page& p : m_pages)
        if (p.first <= i && i < p.end)
            page = &p;
    if (!page) {
        // The page of PageLines lines holding line i, as far as kMaxPageBytes reach: long
        // lines make shorter pages (one starts at line i when the page before it is full),
        // and only a line longer than kMaxPageBytes itself is cut.
        const quint64 grid = i / PageLines * PageLines;
        const quint64 gridEnd = qMin(m_index->lineCount(), grid + PageLines);
        quint64 first = grid;
        if (m_index->nextLineStart(i) - m_index->lineStart(grid) > quint64(kMaxPageBytes))
            first = i;
        const quint64 from = m_index->lineStart(first);
        const quint64 limit = from + quint64(kMaxPageBytes);
        quint64 end = gridEnd;
        if (m_index->nextLineStart(gridEnd - 1) > limit) {
            const quint64 l = m_index->lineAt(limit - 1, first);
            end = qBound(first + 1, m_index->nextLineStart(l) <= limit ? l + 1 : l, gridEnd);
        }
        Page fresh;
        fresh.first = first;
        fresh.end = end;
        fresh.offset = from;
        if (!m_pageFile) {
            m_pageFile = std::make_unique<QFile>(m_readPath);
            if (!m_pageFile->open(QIODevice::ReadOnly))
                m_pageFile.reset();
        }
        // A file that shrank or went away reads short: its lines show what is left (a
        // follow poll soon reads it again).
        const quint64 to = qMin(m_index->nextLineStart(end - 1), limit);
        if (m_pageFile && m_pageFile->seek(qint64(from)))
            fresh.bytes = m_pageFile->read(qint64(to - from));
        // Room: at most PageCacheSize pages and kPageCacheBytes, the least recently used go.
        qint64 bytes = fresh.bytes.size();
        for (const Page& p : m_pages)
            bytes += p.bytes.size();
        while (!m_pages.empty() && (int(m_pages.size()) >= PageCacheSize || bytes > kPageCacheBytes)) {
            const auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                                 [](const Page& a, const Page& b) { return a.used < b.used; });
            bytes -= oldest->bytes.size();
            m_pages.erase(oldest);
        }
        m_pages.push_back(std::move(fresh));
        page = &m_pages.back();
    }
    page->used = ++m_pageClock;
    return m_index->line(QByteArrayView(page->bytes), i, page->offset);
}

void LogSource::dropPagesFrom(quint64 line) const
{
    std::erase_if(m_pages, [line](const Page& p) { return p.end > line; });
}

QByteArrayView LogSource::tailBytes(qint64 n) const
{
    if (!m_fileBacked)
        return QByteArrayView(m_data).last(qMin<qsizetype>(n, m_data.size()));
    return QByteArrayView(m_tail).last(qMin<qsizetype>(n, m_tail.size()));
}

bool LogSource::readBlocks(quint64 firstLine, quint64 endLine, const std::function<bool(const LogBlock&)>& f,
                           QString* error, qint64 blockBytes) const
{
    const LineIndex& index = *m_index;
    endLine = qMin(endLine, index.lineCount());
    if (firstLine >= endLine)
        return true;
    if (!m_fileBacked)
        return f(LogBlock{QByteArrayView(m_data), 0, firstLine, endLine});
    QFile file(m_readPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1 could not be read: %2").arg(m_origin.displayName(), file.errorString());
        return false;
    }
    // Still the file indexed? Rotated away and created again, it would be read at the old
    // offsets: its last indexed bytes must be where they were.
    if (!m_tail.isEmpty() &&
        (!file.seek(qint64(index.indexedSize()) - m_tail.size()) || file.read(m_tail.size()) != m_tail)) {
        if (error)
            *error =
                tr("%1 changed since it was read (rotated or rewritten); open it again.").arg(m_origin.displayName());
        return false;
    }
    QByteArray buffer;
    for (quint64 l = firstLine; l < endLine;) {
        const quint64 from = index.lineStart(l);
        const quint64 target = qMin(from + quint64(qMax<qint64>(blockBytes, 1)), index.indexedSize() - 1);
        const quint64 end = qBound(l + 1, index.lineAt(target, l), endLine);
        const quint64 to = index.nextLineStart(end - 1);
        buffer.resize(qsizetype(to - from));
        if (!file.seek(qint64(from)) || file.read(buffer.data(), buffer.size()) != buffer.size()) {
            if (error)
                *error = tr("%1 changed while it was read.").arg(m_origin.displayName());
            return false;
        }
        if (!f(LogBlock{QByteArrayView(buffer), from, l, end}))
            return false;
        l = end;
    }
    return true;
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
    m_error.clear(); // of an earlier try
    if (m_fileBacked) {
        // Indexing a local file costs 8 bytes per line and reads at disk speed: scrolling
        // back indexes all of it at once.
        m_loadingOlder = true;
        setBusy(true);
        pin(); // the file's end stays as it is until the older part is in
        indexLocalFile(true);
        return;
    }
    if (m_origin.kind == LogOrigin::Kind::RemoteFile &&
        (all || qint64(heldBytes()) + qMin(m_chunkBytes, m_base) > m_memoryLimit))
        return copyRemoteWhole();
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
                // Applied first when the last pin goes (a search running meanwhile keeps the
                // data until it is done), before follow lines that came meanwhile: they are
                // appended to the grown data.
                firstWhenUnpinned([this, generation, oldCount, b = std::move(b)]() mutable {
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
                unpin(); // ours
            });
    });
}

void LogSource::copyRemoteWhole()
{
    // Copied to a file of our own with progress, then read through its index like a local
    // file: what is held stops growing with every chunk (and is not copied again each time).
    if (!m_hostGuard) {
        m_error = tr("The host's connection is gone.");
        return;
    }
    QString why;
    const QString copy = cachePath(QStringLiteral("remote-copy.log"), &why);
    if (copy.isEmpty()) {
        m_error = tr("No room for a copy of the log: %1").arg(why);
        return;
    }
    const int generation = m_generation;
    m_pageFile.reset();
    m_loadingOlder = true;
    setBusy(true);
    pin(); // the end stays as it is until the whole file is in
    RemoteFileOperation* op = m_host->download(m_origin.path, copy);
    track(op);
    m_download = op;
    connect(op, &RemoteOperation::progress, this, &LogSource::downloadProgress);
    connect(op, &RemoteOperation::finished, this, [this, op, generation, copy] {
        const FileResult r = op->result();
        op->deleteLater();
        m_download.clear();
        const auto stop = [this](const QString& error) {
            m_loadingOlder = false;
            setBusy(false);
            m_error = error;
            Q_EMIT downloadFinished(false, error);
            unpin();
        };
        if (generation != m_generation)
            return unpin();
        if (!r.ok)
            return stop(r.cancelled ? tr("Download cancelled.")
                                    : (r.error.isEmpty() ? tr("%1 could not be copied.").arg(m_origin.displayName())
                                                         : r.error));
        Q_EMIT downloadFinished(true,
                                tr("%1 copied whole (%2 bytes).").arg(m_origin.displayName()).arg(r.bytesTransferred));
        const qint64 end = qint64(m_index->indexedSize()) + m_base; // the file offset of what is held's end
        const LogFormatKind kind = m_parser.kind();
        const QString name = QFileInfo(m_origin.path).fileName();
        const quint64 oldCount = m_index->lineCount();
        runOffThread(
            this,
            [copy, end, kind, name] {
                Indexed in;
                indexWhole(copy, end, kind, name, in);
                return in;
            },
            [this, generation, copy, oldCount](Indexed in) {
                firstWhenUnpinned([this, generation, copy, oldCount, in = std::move(in)]() mutable {
                    m_loadingOlder = false;
                    setBusy(false);
                    if (generation != m_generation)
                        return;
                    if (!in.error.isEmpty()) {
                        m_error = in.error;
                        return;
                    }
                    if (!endMatches(in.tail)) // rotated or rewritten meanwhile
                        return reopenAfter(tr("%1 was rotated or rewritten; showing it again from its end.")
                                               .arg(m_origin.displayName()));
                    m_readPath = copy;
                    m_fileBacked = true;
                    applyIndexed(std::move(in), true, oldCount);
                });
                unpin(); // ours
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
    const qint64 held = qint64(heldBytes());
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
                          QByteArrayView(r.data).first(overlap) == tailBytes(overlap);
        if (!same) {
            return reopenAfter(
                r.info.size < end
                    ? tr("%1 was truncated or rotated; showing it again from its end.").arg(m_origin.displayName())
                    : tr("%1 was rotated; showing the new file from its end.").arg(m_origin.displayName()));
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
    if (m_index.use_count() > 1) // a year map is being built on it
        m_index = std::make_shared<LineIndex>(*m_index);
    if (!m_fileBacked) {
        m_data += more;
        m_index->append(QByteArrayView(m_data));
        Q_EMIT linesAppended(firstNew);
        return;
    }
    const quint64 at = m_index->indexedSize();
    if (m_readPath != m_origin.path) {
        // A copy of a remote log: the new bytes go into it first (where the host has them).
        QFile copy(m_readPath);
        if (!copy.open(QIODevice::ReadWrite) || !copy.seek(qint64(at)) || copy.write(more) != more.size()) {
            m_error =
                tr("Cannot add the new lines to the copy of %1: %2").arg(m_origin.displayName(), copy.errorString());
            return;
        }
    }
    m_index->appendBytes(QByteArrayView(more), at);
    m_tail = (m_tail + more).right(kOverlap);
    dropPagesFrom(firstNew);
    if (hasSyslogStamps(m_parser.kind())) {
        const quint64 count = m_index->lineCount();
        for (quint64 l = firstNew; l < count; ++l) {
            const quint64 start = m_index->lineStart(l);
            if (start < at) {
                // The line that grew. Seen with fewer than 64 bytes (being written), its
                // stamp may have been cut: walked again, whole now (the same line twice
                // changes nothing).
                if (start + 64 > at)
                    m_yearsBuilder.add(lineBytes(l), l);
                continue;
            }
            const quint64 stop = qMin(m_index->lineEnd(QByteArrayView(more), l, at), start + 64);
            m_yearsBuilder.add(QByteArrayView(more).sliced(qsizetype(start - at), qsizetype(stop - start)), l);
        }
        m_parser.setYears(m_yearsBuilder.result(yearsReference()));
    }
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

} // namespace xr
