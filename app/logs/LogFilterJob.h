#pragma once

#include "ErrorCatalogue.h"
#include "LogFormat.h"
#include "LogSearch.h"

#include <QObject>
#include <QRunnable>
#include <QString>

#include <atomic>
#include <vector>

namespace xr {

class LogDocument;

/// What LogFilterJob looks for.
struct LogFilterRequest
{
    enum class Kind {
        Search,    ///< lines matching `query`
        Severity,  ///< lines at `minSeverity` or worse (continuation lines follow their line)
        Catalogue, ///< lines matching an entry of the error catalogue
    };
    Kind kind = Kind::Search;
    LogSearchQuery query;
    LogSeverity minSeverity = LogSeverity::Warning;
    CatalogueMatcher matcher;
    /// One log only: lines before this one are left out (the new lines of a followed log;
    /// a severity filter looks a few lines back for the line a continuation belongs to).
    quint64 firstLine = 0;
};

/// One catalogue hit in a document: the document's line and the entry.
struct LogCatalogueHit
{
    quint64 line = 0;
    qsizetype entryIndex = -1;
};

/// A search, a severity filter or a catalogue scan over a LogDocument (one log or a merged
/// view) on the thread pool, with progress and interruption. One log is searched with
/// searchLog() over its whole buffer; a merged view searches each of its logs and maps
/// the hits. The caller keeps the document unchanged until finished() (LogSource::pin()).
/// Not auto-deleted; signals come from the pool thread (connect queued).
class LogFilterJob final : public QObject, public QRunnable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterJob)

public:
    LogFilterJob(const LogDocument& document, LogFilterRequest request, QObject* parent = nullptr);

    void run() override;
    void requestInterruption() { m_cancel.store(true, std::memory_order_relaxed); }
    bool isInterruptionRequested() const { return m_cancel.load(std::memory_order_relaxed); }

    const LogFilterRequest& request() const { return m_request; }
    /// After finished(): the matching lines of the document, ascending.
    const std::vector<quint64>& lines() const { return m_lines; }
    /// After finished() of a Catalogue job: every hit, in line order.
    const std::vector<LogCatalogueHit>& hits() const { return m_hits; }
    bool wasCancelled() const { return m_cancelled; }
    /// True once run() returned (safe to delete the job from any thread that saw it).
    bool isDone() const { return m_done.load(std::memory_order_acquire); }

Q_SIGNALS:
    void progress(int perMille);
    void finished();
    void failed(const QString& message);

private:
    void report(quint64 done, quint64 total);

    const LogDocument& m_document;
    LogFilterRequest m_request;
    std::atomic<bool> m_cancel{false};
    std::vector<quint64> m_lines;
    std::vector<LogCatalogueHit> m_hits;
    bool m_cancelled = false;
    int m_lastPerMille = -1;
    std::atomic<bool> m_done{false};
};

} // namespace xr
