#include "LocalLogIndex.h"

#include "GzipReader.h"
#include "LogFollower.h"
#include "LogSource.h"
#include "OffThread.h"
#include "RemoteHost.h"
#include "RemoteLogPager.h"
#include "RemoteOperation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <cstring>
#include <thread>

namespace xr {

namespace {

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

LocalLogIndex::LocalLogIndex(LogSource& source)
    : m_source(source)
{}

LocalLogIndex::~LocalLogIndex() = default;

void LocalLogIndex::reset(bool active, const QString& path)
{
    m_active = active;
    m_path = path;
    m_pages.clear();
    m_pageFile.reset();
}

void LocalLogIndex::closeFile()
{
    m_pageFile.reset();
}

void LocalLogIndex::indexWhole(const QString& path, qint64 end, LogFormatKind kind, const QString& name, Indexed& out)
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

void LocalLogIndex::indexStream(const QString& path, qint64 from, qint64 to, bool tail, qint64 tailBytes,
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
    bool feedYears = !detect && LogSource::hasSyslogStamps(kind);
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
                feedYears = LogSource::hasSyslogStamps(out.kind);
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
    const qint64 keep = qMin<qint64>(covered, TailKeep);
    if (keep > 0 && f.seek(qint64(out.index.indexedSize()) - keep))
        out.tail = f.read(keep);
}

void LocalLogIndex::indexFile(bool whole)
{
    LogSource& s = m_source;
    const int generation = s.m_generation;
    const QString path = m_path;
    const QString name = QFileInfo(path).fileName();
    const qint64 tailBytes = s.m_tailBytes;
    const qint64 end = qint64(s.m_index->indexedSize());
    const LogFormatKind kind = s.m_parser.kind();
    const quint64 oldCount = s.m_index->lineCount();
    runOffThread(
        &s,
        [path, name, whole, tailBytes, end, kind] {
            Indexed in;
            if (whole)
                indexWhole(path, end, kind, name, in);
            else
                indexStream(path, 0, -1, true, tailBytes, LogFormatKind::Unknown, name, in);
            return in;
        },
        [this, &s, generation, whole, oldCount](Indexed in) {
            // Applied first when the last pin goes (a search running meanwhile keeps the
            // index until it is done), before follow lines that came meanwhile: they go on
            // top of the whole index.
            s.firstWhenUnpinned([this, &s, generation, whole, oldCount, in = std::move(in)]() mutable {
                if (whole) {
                    s.m_loadingOlder = false;
                    s.setBusy(false);
                }
                if (generation != s.m_generation)
                    return;
                if (!in.error.isEmpty()) {
                    if (whole)
                        s.m_error = in.error;
                    else
                        s.fail(in.error);
                    return;
                }
                if (whole && !s.endMatches(in.tail)) // rotated or rewritten meanwhile
                    return s.reopenAfter(LogSource::tr("%1 was rotated or rewritten; showing it again from its end.")
                                             .arg(s.m_origin.displayName()));
                apply(std::move(in), whole, oldCount);
            });
            if (whole)
                s.unpin(); // ours
        });
}

void LocalLogIndex::openCompressed()
{
    // Inflated into a file of our own, then read through its index like any local file: a
    // rotated log of any size costs its index, not its size. A remote one is copied first.
    LogSource& s = m_source;
    const int generation = s.m_generation;
    QString why;
    const QString inflated = s.cachePath(QStringLiteral("inflated.log"), &why);
    if (inflated.isEmpty())
        return s.fail(LogSource::tr("No room for the inflated log: %1").arg(why));
    const QString name = QFileInfo(s.m_origin.path).fileName();
    const auto inflateAndIndex = [this, &s, generation, inflated, name](const QString& compressed) {
        runOffThread(
            &s,
            [compressed, inflated, name] {
                Indexed in;
                const InflateResult inflatedResult = GzipReader::inflateFile(compressed, inflated);
                const bool wroteAny = inflatedResult.written > 0;
                const QString error = inflatedResult.message;
                if (!wroteAny && !error.isEmpty()) {
                    in.error = error;
                    return in;
                }
                indexStream(inflated, 0, -1, false, 0, LogFormatKind::Unknown, name, in);
                if (in.error.isEmpty())
                    in.error = error; // kept as a warning: what was inflated is shown
                return in;
            },
            [this, &s, generation, inflated](Indexed in) {
                if (generation != s.m_generation)
                    return;
                const bool partial = in.index.lineCount() > 0 && !in.error.isEmpty();
                if (!in.error.isEmpty() && !partial)
                    return s.fail(LogSource::tr("%1: %2").arg(s.m_origin.displayName(), in.error));
                const QString warning = in.error;
                in.error.clear();
                m_path = inflated;
                m_active = true;
                if (s.m_modified.isValid())
                    in.modified = s.m_modified; // the compressed file's time (syslog years), not the copy's
                apply(std::move(in), false, 0);
                if (partial)
                    s.m_error = LogSource::tr("%1: %2").arg(s.m_origin.displayName(), warning);
            });
    };
    if (s.m_origin.kind == LogOrigin::Kind::LocalFile) {
        s.m_modified = QFileInfo(s.m_origin.path).lastModified();
        inflateAndIndex(s.m_origin.path);
        return;
    }
    if (!s.m_hostGuard)
        return s.fail(LogSource::tr("The host's connection is gone."));
    const QString copy = s.cachePath(QStringLiteral("compressed.gz"), &why);
    if (copy.isEmpty())
        return s.fail(LogSource::tr("No room for the inflated log: %1").arg(why));
    RemoteFileOperation* op = s.m_host->download(s.m_origin.path, copy);
    s.track(op);
    QObject::connect(op, &RemoteOperation::finished, &s, [&s, op, generation, copy, inflateAndIndex] {
        const FileResult r = op->result();
        op->deleteLater();
        if (generation != s.m_generation)
            return;
        if (!r.ok)
            return s.fail(r.error.isEmpty() ? LogSource::tr("%1 could not be read.").arg(s.m_origin.displayName())
                                            : r.error);
        s.m_modified = r.info.modified;
        inflateAndIndex(copy);
    });
}

void LocalLogIndex::adoptCopy(const QString& copy, int generation)
{
    LogSource& s = m_source;
    const qint64 end = qint64(s.m_index->indexedSize()) + s.m_base; // the file offset of what is held's end
    const LogFormatKind kind = s.m_parser.kind();
    const QString name = QFileInfo(s.m_origin.path).fileName();
    const quint64 oldCount = s.m_index->lineCount();
    runOffThread(
        &s,
        [copy, end, kind, name] {
            Indexed in;
            indexWhole(copy, end, kind, name, in);
            return in;
        },
        [this, &s, generation, copy, oldCount](Indexed in) {
            s.firstWhenUnpinned([this, &s, generation, copy, oldCount, in = std::move(in)]() mutable {
                s.m_loadingOlder = false;
                s.setBusy(false);
                if (generation != s.m_generation)
                    return;
                if (!in.error.isEmpty()) {
                    s.m_error = in.error;
                    return;
                }
                if (!s.endMatches(in.tail)) // rotated or rewritten meanwhile
                    return s.reopenAfter(LogSource::tr("%1 was rotated or rewritten; showing it again from its end.")
                                             .arg(s.m_origin.displayName()));
                m_path = copy;
                m_active = true;
                apply(std::move(in), true, oldCount);
            });
            s.unpin(); // ours
        });
}

void LocalLogIndex::apply(Indexed in, bool whole, quint64 oldCount)
{
    LogSource& s = m_source;
    ++s.m_yearsJob; // a year map being made of the lines before is not for these
    m_pages.clear();
    m_pageFile.reset(); // the file is opened again by name: the one just indexed
    s.m_pager->clear();
    s.m_index = std::make_shared<LineIndex>(std::move(in.index));
    s.m_base = qint64(s.m_index->origin());
    m_years = std::move(in.years);
    m_tail = std::move(in.tail);
    if (whole) {
        s.m_fileSize = qMax(s.m_fileSize, in.size);
        s.m_parser.setYears(m_years.result(s.yearsReference()));
        Q_EMIT s.linesPrepended(s.m_index->lineCount() - qMin(oldCount, s.m_index->lineCount()));
        return;
    }
    s.m_fileSize = in.size;
    s.m_modified = in.modified.isValid() ? in.modified : QDateTime::currentDateTimeUtc();
    s.m_parser = s.makeParser(in.kind);
    s.m_parser.setYears(m_years.result(s.yearsReference()));
    s.m_yearsReady = true;
    s.m_state = LogSource::State::Ready;
    s.setBusy(false);
    Q_EMIT s.stateChanged(s.m_state);
    Q_EMIT s.reloaded();
    Q_EMIT s.yearsReady();
    s.m_follower->resume();
}

QByteArrayView LocalLogIndex::line(const LineIndex& index, quint64 i) const
{
    Page* page = nullptr;
    for (Page& p : m_pages)
        if (p.first <= i && i < p.end)
            page = &p;
    if (!page) {
        // The page of PageLines lines holding line i, as far as kMaxPageBytes reach: long
        // lines make shorter pages (one starts at line i when the page before it is full),
        // and only a line longer than kMaxPageBytes itself is cut.
        const quint64 grid = i / PageLines * PageLines;
        const quint64 gridEnd = qMin(index.lineCount(), grid + PageLines);
        quint64 first = grid;
        if (index.nextLineStart(i) - index.lineStart(grid) > quint64(kMaxPageBytes))
            first = i;
        const quint64 from = index.lineStart(first);
        const quint64 limit = from + quint64(kMaxPageBytes);
        quint64 end = gridEnd;
        if (index.nextLineStart(gridEnd - 1) > limit) {
            const quint64 l = index.lineAt(limit - 1, first);
            end = qBound(first + 1, index.nextLineStart(l) <= limit ? l + 1 : l, gridEnd);
        }
        Page fresh;
        fresh.first = first;
        fresh.end = end;
        fresh.offset = from;
        if (!m_pageFile) {
            m_pageFile = std::make_unique<QFile>(m_path);
            if (!m_pageFile->open(QIODevice::ReadOnly))
                m_pageFile.reset();
        }
        // A file that shrank or went away reads short: its lines show what is left (a
        // follow poll soon reads it again).
        const quint64 to = qMin(index.nextLineStart(end - 1), limit);
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
    return index.line(QByteArrayView(page->bytes), i, page->offset);
}

void LocalLogIndex::dropPagesFrom(quint64 line) const
{
    std::erase_if(m_pages, [line](const Page& p) { return p.end > line; });
}

QByteArrayView LocalLogIndex::tailBytes(qint64 n) const
{
    return QByteArrayView(m_tail).last(qMin<qsizetype>(n, m_tail.size()));
}

bool LocalLogIndex::readBlocks(const LineIndex& index, quint64 firstLine, quint64 endLine,
                               const std::function<bool(const LogBlock&)>& f, QString* error, qint64 blockBytes) const
{
    const QString name = m_source.m_origin.displayName();
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = LogSource::tr("%1 could not be read: %2").arg(name, file.errorString());
        return false;
    }
    // Still the file indexed? Rotated away and created again, it would be read at the old
    // offsets: its last indexed bytes must be where they were.
    if (!m_tail.isEmpty() &&
        (!file.seek(qint64(index.indexedSize()) - m_tail.size()) || file.read(m_tail.size()) != m_tail)) {
        if (error)
            *error = LogSource::tr("%1 changed since it was read (rotated or rewritten); open it again.").arg(name);
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
                *error = LogSource::tr("%1 changed while it was read.").arg(name);
            return false;
        }
        if (!f(LogBlock{QByteArrayView(buffer), from, l, end}))
            return false;
        l = end;
    }
    return true;
}

Result<void> LocalLogIndex::append(LineIndex& index, const QByteArray& more, quint64 firstNew, bool feedYears)
{
    const quint64 at = index.indexedSize();
    if (m_path != m_source.m_origin.path) {
        // A copy of a remote log: the new bytes go into it first (where the host has them).
        QFile copy(m_path);
        if (!copy.open(QIODevice::ReadWrite) || !copy.seek(qint64(at)) || copy.write(more) != more.size())
            return Result<void>::failure(copy.errorString());
    }
    index.appendBytes(QByteArrayView(more), at);
    m_tail = (m_tail + more).right(TailKeep);
    dropPagesFrom(firstNew);
    if (!feedYears)
        return Result<void>::success();
    const quint64 count = index.lineCount();
    for (quint64 l = firstNew; l < count; ++l) {
        const quint64 start = index.lineStart(l);
        if (start < at) {
            // The line that grew. Seen with fewer than 64 bytes (being written), its
            // stamp may have been cut: walked again, whole now (the same line twice
            // changes nothing).
            if (start + 64 > at)
                m_years.add(line(index, l), l);
            continue;
        }
        const quint64 stop = qMin(index.lineEnd(QByteArrayView(more), l, at), start + 64);
        m_years.add(QByteArrayView(more).sliced(qsizetype(start - at), qsizetype(stop - start)), l);
    }
    return Result<void>::success();
}

} // namespace xr
