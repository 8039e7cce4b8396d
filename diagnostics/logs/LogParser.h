#pragma once

#include "LogLine.h"
#include "SyslogYears.h"

#include <QByteArrayView>
#include <QDateTime>

#include <optional>

namespace xr {

/// Parses the lines of one log into LogLine values.
///
/// `reference` is a date at or after the last line, in the log host's local time (the
/// file's mtime; for a live log, now): it gives syslog stamps their year. Two ways to
/// use it: parse() for reading a file from its first line (the year walks forward over
/// Dec -> Jan, and is pulled back when it would lie after the reference), or
/// parseAt()/timeKey() for random access with a SyslogYears map set by setYears().
class LogParser final
{
public:
    explicit LogParser(LogFormatKind kind, const QDateTime& reference = {});

    LogFormatKind kind() const { return m_kind; }
    void setYears(SyslogYears years) { m_years = std::move(years); }
    /// When the host's boot time is known, hypervisor and kernel lines stamped with
    /// seconds since boot get a timestamp too (boot + uptime).
    void setBootTime(const QDateTime& boot) { m_bootTime = boot; }

    /// Parses the next line of a file read from its start (sequential year walk).
    LogLine parse(QByteArrayView line);
    /// Parses line number `lineNumber` (0-based) of the file; the year comes from the
    /// SyslogYears map, or, without one, from the reference alone (no wrap handling).
    LogLine parseAt(QByteArrayView line, quint64 lineNumber) const;
    /// The timestamp of a line as milliseconds since 1970 of its naive wall-clock time
    /// (see LogLine), without building a LogLine: for merging and "go to time".
    std::optional<qint64> timeKey(QByteArrayView line, quint64 lineNumber) const;

private:
    LogLine parseWithYear(QByteArrayView line, int year) const;
    int guessYear(int month, int day, int msecOfDay) const;

    LogFormatKind m_kind;
    int m_refYear = 1970;
    int m_refMonth = 1;
    int m_refDay = 1;
    int m_refMsec = 0;
    SyslogYears m_years;
    QDateTime m_bootTime;
    // parse(): the year walk.
    int m_walkYear = 0;
    int m_walkMonth = 0;
};

} // namespace xr
