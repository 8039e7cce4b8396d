#pragma once

#include "LogFormat.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace xr {

/// What a log view shows: numbered lines from one log (LogSource) or from several
/// interleaved by time (MergedLog). Lines are read from memory the document owns; a view
/// asks only for the lines it paints.
class LogDocument
{
public:
    virtual ~LogDocument() = default;

    virtual quint64 lineCount() const = 0;
    /// The bytes of line `i` (no line break); valid until the document changes.
    virtual QByteArrayView lineBytes(quint64 i) const = 0;
    /// The parser for line `i` (its log's format and syslog years).
    virtual const LogParser& parserFor(quint64 i) const = 0;
    /// The line number of line `i` in its own log (for parseAt / timeKey).
    virtual quint64 sourceLine(quint64 i) const { return i; }
    /// Which log line `i` comes from (0 for a single log) and how many logs there are.
    virtual int sourceOf(quint64 i) const
    {
        Q_UNUSED(i);
        return 0;
    }
    virtual int sourceCount() const { return 1; }
    virtual QString sourceName(int source) const = 0;

    /// Line `i` parsed.
    LogLine parsedLine(quint64 i) const { return parserFor(i).parseAt(lineBytes(i), sourceLine(i)); }
    /// Line `i`'s time key (LogParser::timeKey), nullopt without a timestamp.
    std::optional<qint64> timeKey(quint64 i) const { return parserFor(i).timeKey(lineBytes(i), sourceLine(i)); }
    /// The first line whose time is at or after `key`: a binary search over the lines (logs
    /// are in time order), looking a few lines on from a line without a timestamp. Returns
    /// lineCount() - 1 when every line is earlier, 0 for an empty document.
    quint64 lineAtTime(qint64 key) const;
    /// The timestamp of the nearest stamped line at or after `i` (up to 64 lines on), or of one before.
    std::optional<qint64> nearestTimeKey(quint64 i) const;
};

} // namespace xr
