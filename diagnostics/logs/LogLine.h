#pragma once

#include <QDateTime>
#include <QString>

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

} // namespace xr
