#include "LogSearchJob.h"

namespace xr {

LogSearchJob::LogSearchJob(QByteArrayView data, const LineIndex& index, LogSearchQuery query, QObject* parent)
    : QObject(parent)
    , m_data(data)
    , m_index(index)
    , m_query(std::move(query))
{
    setAutoDelete(false);
    qRegisterMetaType<xr::LogSearchResult>();
}

void LogSearchJob::run()
{
    int last = -1;
    const LogProgress onProgress = [this, &last](quint64 done, quint64 total) {
        const int perMille = total ? int(done * 1000 / total) : 1000;
        if (perMille != last) {
            last = perMille;
            Q_EMIT progress(perMille);
        }
    };
    Result<LogSearchResult> result = searchLog(m_data, m_index, m_query, m_cancel, onProgress);
    if (!result) {
        Q_EMIT failed(result.errorMessage());
        return;
    }
    Q_EMIT finished(result.value());
}

} // namespace xr
