#include "LogFilterJob.h"

#include "LogSource.h"
#include "MergedLog.h"

#include <algorithm>

namespace xr {

LogFilterJob::LogFilterJob(const LogDocument& document, LogFilterRequest request, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_request(std::move(request))
{
    setAutoDelete(false);
}

void LogFilterJob::report(quint64 done, quint64 total)
{
    const int pm = total ? int(qMin<quint64>(1000, done * 1000 / total)) : 1000;
    if (pm != m_lastPerMille) {
        m_lastPerMille = pm;
        Q_EMIT progress(pm);
    }
}

void LogFilterJob::run()
{
    std::vector<const LogSource*> parts;
    const auto* merged = dynamic_cast<const MergedLog*>(&m_document);
    if (merged) {
        for (const LogSource* src : merged->sources())
            parts.push_back(src);
    } else if (const auto* one = dynamic_cast<const LogSource*>(&m_document)) {
        parts.push_back(one);
    }
    quint64 total = 0;
    for (const LogSource* p : parts)
        total += p->heldBytes();
    quint64 base = 0;
    const auto fail = [this](const QString& message) {
        Q_EMIT failed(message);
        m_done.store(true, std::memory_order_release);
    };

    for (int source = 0; source < int(parts.size()); ++source) {
        const LogSource* const p = parts[std::size_t(source)];
        const LineIndex& index = p->index();
        const quint64 origin = index.origin();
        const auto mapLine = [&](quint64 line) { return merged ? merged->mergedIndexOf(source, line) : line; };
        // Progress in bytes of the whole job; `at` is an offset of this source's index.
        const auto progressAt = [&](quint64 at) { report(base + (at - origin), total); };
        QString failure;
        QString readError;
        bool keep = false; // severity: continuation lines go with their line, across pieces
        const quint64 from = merged ? 0 : m_request.firstLine;
        const quint64 lookBack = m_request.kind == LogFilterRequest::Kind::Severity ? qMin<quint64>(from, 256) : 0;
        // A file-backed source comes in pieces of a few MiB, one held in memory comes whole.
        // A merged view: the lines it holds (a followed log's newest may not be in yet).
        const quint64 end = merged ? qMin(index.lineCount(), merged->linesMergedOf(source)) : index.lineCount();
        p->readBlocks(
            from - lookBack, end,
            [&](const LogBlock& b) {
                switch (m_request.kind) {
                case LogFilterRequest::Kind::Search: {
                    LogSearchQuery q = m_request.query;
                    q.firstLine = qMax(qMax(q.firstLine, from), b.firstLine);
                    q.lastLine = qMin(q.lastLine, b.endLine);
                    if (q.firstLine >= q.lastLine)
                        break;
                    const quint64 from = index.lineStart(q.firstLine);
                    const Result<LogSearchResult> r = searchLog(
                        b.bytes, index, q, m_cancel, [&](quint64 d, quint64) { progressAt(from + d); }, b.offset);
                    if (!r.ok()) {
                        failure = r.errorMessage();
                        return false;
                    }
                    for (quint64 line : r->lines)
                        m_lines.push_back(mapLine(line));
                    break;
                }
                case LogFilterRequest::Kind::Severity: {
                    for (quint64 i = b.firstLine; i < b.endLine; ++i) {
                        if ((i & 0xfff) == 0) {
                            if (m_cancel.load(std::memory_order_relaxed))
                                return false;
                            progressAt(index.lineStart(i));
                        }
                        const LogLine l = p->parserFor(0).parseAt(index.line(b.bytes, i, b.offset), i);
                        if (!l.continuation)
                            keep = l.severity != LogSeverity::Unknown && l.severity >= m_request.minSeverity;
                        if (keep && i >= from)
                            m_lines.push_back(mapLine(i));
                    }
                    break;
                }
                case LogFilterRequest::Kind::Catalogue: {
                    // In line-aligned pieces of a few MiB: progress, and a cancel that does
                    // not wait for the whole log when nothing matches.
                    quint64 first = b.firstLine;
                    while (first < b.endLine && !m_cancel.load(std::memory_order_relaxed)) {
                        const quint64 start = index.lineStart(first);
                        const quint64 lastByte =
                            qMin<quint64>(start + (4 << 20), index.nextLineStart(b.endLine - 1) - 1);
                        const quint64 last = qBound(first, index.lineAt(lastByte, first), b.endLine - 1);
                        const quint64 end = index.nextLineStart(last);
                        m_request.matcher.scan(
                            b.bytes.sliced(qsizetype(start - b.offset), qsizetype(end - start)),
                            [&](const CatalogueHit& hit) {
                                const quint64 line = mapLine(quint64(hit.lineNumber - 1));
                                m_hits.push_back({line, hit.entryIndex});
                                if (m_lines.empty() || m_lines.back() != line)
                                    m_lines.push_back(line);
                                return !m_cancel.load(std::memory_order_relaxed);
                            },
                            qint64(first) + 1, qint64(start));
                        progressAt(end);
                        first = last + 1;
                    }
                    break;
                }
                }
                return !m_cancel.load(std::memory_order_relaxed);
            },
            &readError);
        if (!failure.isEmpty())
            return fail(failure);
        if (!readError.isEmpty())
            return fail(readError);
        base += p->heldBytes();
        if (m_cancel.load(std::memory_order_relaxed))
            break;
    }
    if (merged) {
        std::sort(m_lines.begin(), m_lines.end());
        m_lines.erase(std::unique(m_lines.begin(), m_lines.end()), m_lines.end());
        std::stable_sort(m_hits.begin(), m_hits.end(),
                         [](const LogCatalogueHit& a, const LogCatalogueHit& b) { return a.line < b.line; });
    }
    m_cancelled = m_cancel.load(std::memory_order_relaxed);
    report(total, total);
    Q_EMIT finished();
    m_done.store(true, std::memory_order_release);
}

} // namespace xr
