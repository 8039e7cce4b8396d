#pragma once

#include "LineIndex.h"
#include "LogSearch.h"

#include <QByteArrayView>
#include <QObject>
#include <QRunnable>
#include <QString>

#include <atomic>

namespace xr {

/// A search of an indexed log as a thread-pool job (QThreadPool::start(job)).
///
/// The job does not own the log bytes nor the index: both must stay alive and unchanged
/// until finished() or failed() arrived. It is not auto-deleted: the owner deletes it
/// (deleteLater() from a slot on finished/failed). requestInterruption() from any thread
/// stops it within a few MiB of work; finished() then carries the partial result with
/// `cancelled` set. Signals are emitted from the pool thread: connect them queued.
class LogSearchJob final : public QObject, public QRunnable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSearchJob)

public:
    LogSearchJob(QByteArrayView data, const LineIndex& index, LogSearchQuery query, QObject* parent = nullptr);

    void run() override;
    void requestInterruption() { m_cancel.store(true, std::memory_order_relaxed); }
    bool isInterruptionRequested() const { return m_cancel.load(std::memory_order_relaxed); }

Q_SIGNALS:
    /// Per-mille done (0..1000), emitted when it changes.
    void progress(int perMille);
    void finished(const xr::LogSearchResult& result);
    void failed(const QString& message);

private:
    QByteArrayView m_data;
    const LineIndex& m_index;
    LogSearchQuery m_query;
    std::atomic<bool> m_cancel{false};
};

} // namespace xr
