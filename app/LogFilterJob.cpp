#include "LogFilterJob.h"

#include "LogSource.h"
#include "MergedLog.h"

#include <algorithm>

namespace xr {

namespace {

struct Part
{
    QByteArrayView data;
    const LineIndex* index;
    const LogDocument* doc; // for parsing (severity)
    int source;
};

} // namespace

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
    std::vector<Part> parts;
    const auto* merged = dynamic_cast<const MergedLog*>(&m_document);
    if (merged) {
        for (int s = 0; s < merged->sources().size(); ++s) {
            const LogSource* src = merged->sources().at(s);
            parts.push_back({src->data(), &src->index(), src, s});
        }
    } else if (const auto* one = dynamic_cast<const LogSource*>(&m_document)) {
        parts.push_back({one->data(), &one->index(), one, 0});
    }
    quint64 total = 0;
    for (const Part& p : parts)
        total += quint64(p.data.size());
    quint64 base = 0;
    const auto mapLine = [&](const Part& p, quint64 line) {
        return merged ? merged->mergedIndexOf(p.source, line) : line;
    };

    for (const Part& p : parts) {
        const auto partProgress = [&](quint64 d, quint64) { report(base + d, total); };
        switch (m_request.kind) {
        case LogFilterRequest::Kind::Search: {
            const Result<LogSearchResult> r = searchLog(p.data, *p.index, m_request.query, m_cancel, partProgress);
            if (!r.ok()) {
                Q_EMIT failed(r.errorMessage());
                m_done.store(true, std::memory_order_release);
                return;
            }
            for (quint64 line : r->lines)
                m_lines.push_back(mapLine(p, line));
            break;
        }
        case LogFilterRequest::Kind::Severity: {
            const quint64 n = p.index->lineCount();
            bool keep = false;
            for (quint64 i = 0; i < n; ++i) {
                if ((i & 0xfff) == 0) {
                    if (m_cancel.load(std::memory_order_relaxed))
                        break;
                    partProgress(p.index->lineStart(i), 0);
                }
                const LogLine l = p.doc->parserFor(0).parseAt(p.index->line(p.data, i), i);
                if (!l.continuation)
                    keep = l.severity != LogSeverity::Unknown && l.severity >= m_request.minSeverity;
                if (keep)
                    m_lines.push_back(mapLine(p, i));
            }
            break;
        }
        case LogFilterRequest::Kind::Catalogue: {
            // In line-aligned pieces of a few MiB: progress, and a cancel that does not wait for
            // the whole log when nothing matches.
            const quint64 n = p.index->lineCount();
            quint64 first = 0;
            while (first < n && !m_cancel.load(std::memory_order_relaxed)) {
                const quint64 start = p.index->lineStart(first);
                quint64 last = p.index->lineAt(qMin<quint64>(start + (4 << 20), p.index->indexedSize() - 1), first);
                last = qMax(last, first);
                const quint64 end = p.index->nextLineStart(last);
                m_request.matcher.scan(
                    p.data.sliced(qsizetype(start), qsizetype(end - start)),
                    [&](const CatalogueHit& hit) {
                        const quint64 line = mapLine(p, quint64(hit.lineNumber - 1));
                        m_hits.push_back({line, hit.entryIndex});
                        if (m_lines.empty() || m_lines.back() != line)
                            m_lines.push_back(line);
                        return !m_cancel.load(std::memory_order_relaxed);
                    },
                    qint64(first) + 1, qint64(start));
                partProgress(end, 0);
                first = last + 1;
            }
            break;
        }
        }
        base += quint64(p.data.size());
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
