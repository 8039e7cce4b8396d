#include "LogParser.h"

#include "LineHeader.h"

#include <algorithm>

namespace xr {

using namespace detail;

namespace {

LogSeverity severityFromLevel(QByteArrayView level)
{
    char buf[12] = {};
    const qsizetype n = std::min<qsizetype>(level.size(), 11);
    for (qsizetype i = 0; i < n; ++i)
        buf[i] = lowerAscii(level[i]);
    const QByteArrayView l(buf, n);
    if (l == "debug" || l == "detail" || l == "verbose" || l == "trace")
        return LogSeverity::Debug;
    if (l == "info" || l == "information")
        return LogSeverity::Info;
    if (l == "notice")
        return LogSeverity::Notice;
    if (l == "warn" || l == "warning")
        return LogSeverity::Warning;
    if (l == "error" || l == "err")
        return LogSeverity::Error;
    if (l == "critical" || l == "crit" || l == "fatal" || l == "alert" || l == "emerg" || l == "emergency" ||
        l == "panic")
        return LogSeverity::Critical;
    return LogSeverity::Unknown;
}

// For formats without a level: words in the text. Only the first 4 KiB are read.
LogSeverity guessSeverity(QByteArrayView msg)
{
    const qsizetype n = std::min<qsizetype>(msg.size(), 4096);
    QByteArray lower(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        lower[i] = lowerAscii(msg[i]);
    const auto has = [&](const char* w) { return lower.contains(w); };
    // xenguest, libxl: "domainbuilder: detail: ...", "libxl: debug: ..."
    const qsizetype head = std::min<qsizetype>(n, 64);
    const QByteArrayView h(lower.constData(), head);
    if (h.contains(": detail: ") || h.contains(": debug: "))
        return LogSeverity::Debug;
    if (has("panic") || has("fatal") || has("kernel bug"))
        return LogSeverity::Critical;
    if (has("error") || has("failed") || has("failure") || has("exception") || has("traceback") || has("not found") ||
        has("does not exist") || has("no such") || has("cannot ") || has("unable to"))
        return LogSeverity::Error;
    if (has("warning") || has("warn:") || has("warn "))
        return LogSeverity::Warning;
    if (h.contains(": info: "))
        return LogSeverity::Info;
    return LogSeverity::Unknown;
}

QString text(QByteArrayView v)
{
    if (v.isEmpty())
        return {};
    QString s = QString::fromUtf8(v);
    // NUL bytes would cut the text short in many widgets: show them as U+FFFD.
    if (s.contains(QChar(0)))
        s.replace(QChar(0), QChar::ReplacementCharacter);
    return s;
}

bool timestampedKind(LogFormatKind k)
{
    return k != LogFormatKind::PlainText && k != LogFormatKind::Unknown && k != LogFormatKind::XenConsole;
}

// Fills `h.year` for syslog stamps and returns the naive key, or nullopt.
std::optional<qint64> keyOf(const LineHeader& h, const QDateTime& boot)
{
    if (h.hasTime) {
        if (!validDate(h.year, h.month, h.day))
            return std::nullopt;
        return daysFromCivil(h.year, h.month, h.day) * MsecPerDay + h.msec - h.offsetSecs * 1000;
    }
    if (h.uptime >= 0 && boot.isValid()) {
        const QDateTime b = boot;
        const qint64 naiveBoot = daysFromCivil(b.date().year(), b.date().month(), b.date().day()) * MsecPerDay +
                                 b.time().msecsSinceStartOfDay();
        return naiveBoot + qint64(h.uptime * 1000);
    }
    return std::nullopt;
}

} // namespace

LogParser::LogParser(LogFormatKind kind, const QDateTime& reference)
    : m_kind(kind)
{
    const QDateTime ref = reference.isValid() ? reference : QDateTime::currentDateTime();
    m_refYear = ref.date().year();
    m_refMonth = ref.date().month();
    m_refDay = ref.date().day();
    m_refMsec = ref.time().msecsSinceStartOfDay();
}

int LogParser::guessYear(int month, int day, int msecOfDay) const
{
    const MonthDay md{month, day, msecOfDay};
    return md.after(m_refMonth, m_refDay, m_refMsec) ? m_refYear - 1 : m_refYear;
}

LogLine LogParser::parseWithYear(QByteArrayView line, int year) const
{
    LineHeader h = readLineHeader(line);
    if (h.needsYear)
        h.year = year;
    LogLine out;
    if (const auto key = keyOf(h, m_bootTime)) {
        out.hasTimestamp = true;
        out.timestampIsUtc = h.utc && h.hasTime;
        out.timestamp = QDateTime::fromMSecsSinceEpoch(*key, Qt::UTC);
    }
    out.uptime = h.uptime;
    out.host = text(h.host);
    out.process = text(h.process);
    if (!h.pid.isEmpty()) {
        bool ok = false;
        const qint64 pid = h.pid.toLongLong(&ok);
        out.pid = ok ? pid : -1;
    }
    out.message = text(h.message);
    out.level = text(h.level);
    out.xapiHost = text(h.xapiHost);
    out.thread = text(h.thread);
    out.task = text(h.task);
    out.module = text(h.module);
    if (!h.sourceLine.isEmpty())
        out.sourceLine = h.sourceLine.toInt();
    out.repeatCount = h.repeat;
    out.severity = severityFromLevel(h.level);
    if (out.severity == LogSeverity::Unknown) {
        out.severity = guessSeverity(h.message);
        out.severityGuessed = out.severity != LogSeverity::Unknown;
    }
    // A line of a timestamped format without its stamp continues the one before
    // (traceback, wrapped message).
    out.continuation = h.shape == LineShape::None && timestampedKind(m_kind);
    return out;
}

LogLine LogParser::parse(QByteArrayView line)
{
    LineCursor c{line, 0};
    LineHeader h;
    int year = m_walkYear;
    if (!line.isEmpty() && readSyslogStamp(c, h)) {
        if (m_walkMonth == 0) {
            year = guessYear(h.month, h.day, h.msec);
        } else {
            const int delta = h.month - m_walkMonth;
            if (delta <= -6)
                ++year;
            else if (delta >= 10)
                --year;
        }
        // Never after the reference: a file spanning more than a year, or a wrong
        // reference, must not produce future dates (SyslogYears gets those right).
        if (year > m_refYear ||
            (year == m_refYear && MonthDay{h.month, h.day, h.msec}.after(m_refMonth, m_refDay, m_refMsec)))
            year = guessYear(h.month, h.day, h.msec);
        m_walkYear = year;
        m_walkMonth = h.month;
    }
    return parseWithYear(line, year);
}

LogLine LogParser::parseAt(QByteArrayView line, quint64 lineNumber) const
{
    if (!m_years.isEmpty())
        return parseWithYear(line, m_years.yearOf(lineNumber));
    LineCursor c{line, 0};
    LineHeader h;
    const int year = readSyslogStamp(c, h) ? guessYear(h.month, h.day, h.msec) : m_refYear;
    return parseWithYear(line, year);
}

std::optional<qint64> LogParser::timeKey(QByteArrayView line, quint64 lineNumber) const
{
    LineHeader h = readLineHeader(line.first(std::min<qsizetype>(line.size(), 1024)));
    if (h.needsYear)
        h.year = m_years.isEmpty() ? guessYear(h.month, h.day, h.msec) : m_years.yearOf(lineNumber);
    return keyOf(h, m_bootTime);
}

} // namespace xr
