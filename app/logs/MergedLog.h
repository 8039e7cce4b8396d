#pragma once

#include "LogDocument.h"
#include "LogMerge.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <vector>

class QTimer;

namespace xr {

class LogSource;

/// Several logs interleaved by time (lnav's merged view): a k-way merge of their lines'
/// time keys, built on the thread pool with progress. Syslog years come from each
/// source's SyslogYears map, so files spanning New Year merge right. The sources are pinned
/// while the merge runs and must outlive the merged log; a rebuild takes in lines they
/// received since. Lines a followed source gets are added at the end (in time order among
/// themselves) without a rebuild.
class MergedLog final : public QObject, public LogDocument
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergedLog)

public:
    explicit MergedLog(QList<LogSource*> sources, QObject* parent = nullptr);
    ~MergedLog() override;

    const QList<LogSource*>& sources() const { return m_sources; }
    void build();
    void cancel();
    bool isBuilding() const { return m_building; }
    bool isReady() const { return m_ready; }

    /// How many lines of source `source` the merge holds (its first ones; lines it got
    /// since are added a moment later).
    quint64 linesMergedOf(int source) const;
    /// The merged line showing line `line` of source `source`.
    quint64 mergedIndexOf(int source, quint64 line) const;
    const MergedLine& at(quint64 i) const { return m_lines[i]; }

    // LogDocument
    quint64 lineCount() const override { return m_lines.size(); }
    QByteArrayView lineBytes(quint64 i) const override;
    const LogParser& parserFor(quint64 i) const override;
    quint64 sourceLine(quint64 i) const override { return m_lines[i].line(); }
    int sourceOf(quint64 i) const override { return int(m_lines[i].source()); }
    int sourceCount() const override { return int(m_sources.size()); }
    QString sourceName(int source) const override;

Q_SIGNALS:
    void progress(int perMille);
    void built();
    /// A source was read again or got older lines: the merge is empty until built() again.
    void cleared();
    /// Lines from `firstNew` on are new: the followed sources' new lines.
    void linesAppended(quint64 firstNew);

private:
    QList<LogSource*> m_sources;
    std::vector<MergedLine> m_lines;
    std::vector<std::vector<quint64>> m_inverse; // per source: line -> merged index
    std::vector<qint64> m_lastKeys;              // per source: the key its last merged line took
    QTimer* m_extendTimer;
    void extend();
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_running; // true while the worker runs
    bool m_building = false;
    bool m_ready = false;
    bool m_rebuild = false;
};

} // namespace xr
