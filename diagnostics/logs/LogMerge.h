#pragma once

#include "LineIndex.h"
#include "LogFormat.h"

#include <QByteArrayView>

#include <atomic>
#include <limits>
#include <span>
#include <vector>

namespace xr {

/// One line of a merged view: the source it comes from and its line number there,
/// packed in 8 bytes (a merged view of 10 million lines costs 80 MB, not 160).
class MergedLine final
{
public:
    static constexpr quint32 MaxSources = 255;
    static constexpr quint64 MaxLine = (quint64(1) << 56) - 1;

    MergedLine() = default;
    MergedLine(quint32 source, quint64 line)
        : m_packed((quint64(source) << 56) | line)
    {}
    quint32 source() const { return quint32(m_packed >> 56); }
    quint64 line() const { return m_packed & MaxLine; }
    friend bool operator==(MergedLine a, MergedLine b) { return a.m_packed == b.m_packed; }

private:
    quint64 m_packed = 0;
};

/// Key of a line without a timestamp before the first stamped line of its source: it
/// sorts before everything.
constexpr qint64 NoTimeKey = std::numeric_limits<qint64>::min();

/// The time key (LogParser::timeKey) of every line of one log. A line without a timestamp
/// takes the key of the line before it, so it stays with that line in a merge; lines
/// before the first timestamp get NoTimeKey. Returns an empty vector when cancelled.
std::vector<qint64> logTimeKeys(QByteArrayView data, const LineIndex& index, const LogParser& parser,
                                const std::atomic<bool>& cancel, const LogProgress& progress = {});
/// The same for a log read in pieces: appends the keys of lines keys.size() .. endLine - 1,
/// whose bytes `data` holds (the log from offset `dataOffset` of the index on).
void appendTimeKeys(std::vector<qint64>& keys, QByteArrayView data, quint64 dataOffset, const LineIndex& index,
                    quint64 endLine, const LogParser& parser);

/// The result of mergeByTime().
struct MergeResult
{
    std::vector<MergedLine> lines;
    bool cancelled = false;
};

/// Interleaves several logs by time (a k-way merge of their time keys, one span per source,
/// source i = keys[i]). Stable: each source keeps its own line order, and equal keys come
/// in source order. Use keys from logTimeKeys() with a SyslogYears map set on each parser
/// so that syslog files across New Year merge right. At most MergedLine::MaxSources sources.
MergeResult mergeByTime(const std::vector<std::span<const qint64>>& keys, const std::atomic<bool>& cancel,
                        const LogProgress& progress = {});

} // namespace xr
