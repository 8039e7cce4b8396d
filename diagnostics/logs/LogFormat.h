#pragma once

#include "LineIndex.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringView>

#include <atomic>
#include <optional>
#include <vector>

namespace xr {

/// How bad a log line is, on one scale for every log flavour (xapi's `warn`, xend's
/// `WARNING`, xha's `[warn]` are all Warning).
enum class LogSeverity { Debug, Info, Notice, Warning, Error, Critical, Unknown };

/// The line shapes XenRescue reads (XEN-FIELD-GUIDE section 4).
enum class LogFormatKind {
    Unknown,
    /// xensource.log / daemon.log with xapi, xenopsd, xcp-rrdd, squeezed lines:
    /// `Mon dd HH:MM:SS host proc: [level|host|thread|task|module] text`.
    XapiSyslog,
    /// xapi's own file format (old xensource.log, xcp-xapi.log):
    /// `[20130904T20:53:56.324Z|level|host|thread|task|module] text`.
    XapiRaw,
    /// SMlog: syslog lines from `SM: [pid]` and `SMGC: [pid]`.
    SmLog,
    /// Any other syslog file (syslog, messages, daemon.log, kern.log).
    Syslog,
    /// xha.log: `Jun 01 19:35:50 UTC 2022 [level] text`.
    Xha,
    /// xend.log: `[YYYY-MM-DD HH:MM:SS pid] LEVEL (Module:line) text` plus traceback lines.
    Xend,
    /// Hypervisor console (`xl dmesg`, `xm dmesg`, hypervisor.log): `(XEN) [stamp] text`.
    XenConsole,
    /// Free text without timestamps: xen-hotplug.log, qemu-dm-*.log, xend-debug.log.
    PlainText,
};

/// One parsed log line. Fields a format does not have stay empty / -1.
///
/// Timestamps: `timestamp` is a QDateTime in Qt::UTC whose fields are the wall-clock
/// time written in the log. When `timestampIsUtc` is true the log said it was UTC (xapi's
/// `...Z` stamps, xha's `UTC`, RFC 3339 stamps with an offset, converted); otherwise it is
/// the host's local time, kept "naive" (never converted through the viewer's time zone,
/// so lines from one host compare correctly and DST gaps cannot shift them).
struct LogLine
{
    QDateTime timestamp;
    bool hasTimestamp = false;
    bool timestampIsUtc = false;
    /// Seconds since boot from `(XEN) [   22.277806]`, kernel `[1234.5678]` or
    /// squeezed's `[1426.32]`; negative when absent.
    double uptime = -1;

    LogSeverity severity = LogSeverity::Unknown;
    /// True when the severity was guessed from words in the text ("ERROR", "failed"),
    /// because the format has no level field.
    bool severityGuessed = false;

    QString host;
    QString process;
    qint64 pid = -1;
    /// The text after all prefixes (for repeated messages: the repeated text).
    QString message;

    /// xapi's `[level|host|thread|task|module]` fields, trimmed (level as written).
    /// xend lines fill `level` and `module` too (`ERROR (XendDomainInfo:496)`).
    QString level;
    QString xapiHost;
    QString thread;
    QString task;
    QString module;
    /// xend's source line (`(XendDomainInfo:496)`), -1 when absent.
    int sourceLine = -1;

    /// N from syslog's `message repeated N times: [ ... ]` (the line stands for N lines),
    /// 0 for ordinary lines.
    int repeatCount = 0;
    /// A line that belongs to the previous timestamped line (a traceback line, a wrapped
    /// message): it has no timestamp of its own.
    bool continuation = false;
};

/// Names for display (translated) and for JSON (stable, lower case).
QString severityName(LogSeverity severity);
QString severityKey(LogSeverity severity);
QString formatName(LogFormatKind kind);

/// Detects a log's format from its first lines.
class LogFormat final
{
public:
    /// Looks at up to the first 64 lines of `head` (a few KiB from the start of the file
    /// are enough) and, when the text alone does not tell, at `fileName` (a path or base
    /// name such as "xensource.log", "SMlog.2.gz", "qemu-dm-7.log").
    static LogFormatKind detect(QByteArrayView head, QStringView fileName = {});
};

/// The year of every syslog line of one file (syslog stamps have none), fixed from a
/// reference date known to be at or after the file's last line: the file's mtime.
///
/// Walking the file, a month step back of six months or more (Dec -> Jan) starts a new
/// year, a step forward of ten months or more goes back one (Jan -> Dec: out-of-order
/// lines around New Year). The last year is the reference's, or the one before when the latest line's
/// date would otherwise lie after the reference; earlier ones count back from there, so
/// no timestamp lies in the future whatever the file spans.
class SyslogYears final
{
public:
    SyslogYears() = default;
    /// Reads only the month/day/time at the start of each line (cheap).
    static SyslogYears infer(QByteArrayView data, const LineIndex& index, const QDateTime& reference,
                             const std::atomic<bool>* cancel = nullptr);

    /// The same walk fed line by line, for a log read in pieces (or followed): add() the
    /// start of each line in order, take result() at any time.
    class Builder final
    {
    public:
        /// `head`: the first bytes of line `line` (64 are enough; a line break at its end
        /// is ignored).
        void add(QByteArrayView head, quint64 line);
        /// The years so far, counted back from `reference` (see the class comment).
        SyslogYears result(const QDateTime& reference) const;
        /// Continues with the walk of the lines that follow (`next`, whose line numbers
        /// start at 0 for line `firstLine` of this walk): two parts of a file walked at once.
        void append(const Builder& next, quint64 firstLine);

    private:
        std::vector<quint64> m_firstLine;
        std::vector<int> m_offsets;
        int m_offset = 0;
        int m_maxOffset = 0;
        int m_prevMonth = 0;
        int m_firstMonth = 0;                                     // of the first stamp seen
        char m_prevName[3] = {};                                  // of m_prevMonth, as written
        int m_latestMonth = 0, m_latestDay = 0, m_latestMsec = 0; // the last line seen at m_maxOffset
        // A later line of the same month, not parsed yet: the latest, if it is a stamp.
        char m_pending[32] = {};
        int m_pendingSize = 0;
    };

    bool isEmpty() const { return m_firstLine.empty(); }
    /// The year of line `line` (any line: continuation lines get their segment's year).
    int yearOf(quint64 line) const;

private:
    std::vector<quint64> m_firstLine; // first line of each year segment, increasing
    std::vector<int> m_year;
};

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
