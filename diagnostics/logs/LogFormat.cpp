#include "LogFormat.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cstring>

namespace xr {

namespace {

constexpr qint64 MsecPerDay = 86400000;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + qint64(doe) - 719468;
}

bool validDate(int y, int m, int d)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

int monthFromName(const char* p)
{
    static constexpr std::array<const char*, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (p[0] == names[i][0] && p[1] == names[i][1] && p[2] == names[i][2])
            return i + 1;
    }
    return 0;
}

// A cursor over the bytes of one line.
struct Cursor
{
    QByteArrayView s;
    qsizetype i = 0;

    bool atEnd() const { return i >= s.size(); }
    char peek(qsizetype k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }
    bool eat(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++i;
        return true;
    }
    // Exactly `n` digits.
    bool digits(int n, int& out)
    {
        if (i + n > s.size())
            return false;
        int v = 0;
        for (int k = 0; k < n; ++k) {
            if (!isDigit(s[i + k]))
                return false;
            v = v * 10 + (s[i + k] - '0');
        }
        i += n;
        out = v;
        return true;
    }
    // 1 to `max` digits.
    bool number(int max, qint64& out)
    {
        qint64 v = 0;
        int n = 0;
        while (n < max && isDigit(peek())) {
            v = v * 10 + (peek() - '0');
            ++i;
            ++n;
        }
        out = v;
        return n > 0;
    }
    // HH:MM:SS[.fraction] -> msec of day.
    bool time(int& msec)
    {
        int h = 0, m = 0, sec = 0;
        if (!digits(2, h) || !eat(':') || !digits(2, m) || !eat(':') || !digits(2, sec))
            return false;
        if (h > 23 || m > 59 || sec > 60)
            return false;
        int ms = 0;
        if (peek() == '.' && isDigit(peek(1))) {
            ++i;
            int scale = 100;
            while (isDigit(peek())) {
                ms += (peek() - '0') * scale;
                scale /= 10;
                ++i;
            }
        }
        msec = ((h * 60 + m) * 60 + std::min(sec, 59)) * 1000 + ms;
        return true;
    }
    QByteArrayView token()
    {
        const qsizetype from = i;
        while (!atEnd() && s[i] != ' ')
            ++i;
        return s.sliced(from, i - from);
    }
    QByteArrayView rest() const { return i < s.size() ? s.sliced(i) : QByteArrayView(); }
};

enum class Shape { None, Syslog, IsoSyslog, Xha, Xend, XapiRaw, XenConsole };

// Everything found in one line, as views into it; nothing allocated.
struct Header
{
    Shape shape = Shape::None;
    bool hasTime = false;
    bool utc = false;
    bool needsYear = false; // syslog: year from the caller
    int year = 0, month = 0, day = 0, msec = 0;
    qint64 offsetSecs = 0; // RFC 3339 offset to subtract
    double uptime = -1;
    QByteArrayView host, process, pid, level, xapiHost, thread, task, module, sourceLine, message;
    int repeat = 0;
};

// "Mon dd HH:MM:SS " or "Mon  d HH:MM:SS ".
bool readSyslogStamp(Cursor& c, Header& h)
{
    if (c.s.size() < 15)
        return false;
    const int month = monthFromName(c.s.data());
    if (!month || c.s[3] != ' ')
        return false;
    c.i = 4;
    if (c.peek() == ' ')
        ++c.i;
    qint64 day = 0;
    if (!c.number(2, day) || day < 1 || day > 31 || !c.eat(' '))
        return false;
    int msec = 0;
    if (!c.time(msec))
        return false;
    h.month = month;
    h.day = int(day);
    h.msec = msec;
    return true;
}

// "YYYY-MM-DD" then `sep` then "HH:MM:SS[.frac]".
bool readIsoDateTime(Cursor& c, char sep, Header& h)
{
    int y = 0, m = 0, d = 0, msec = 0;
    if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, m) || !c.eat('-') || !c.digits(2, d) || !c.eat(sep) ||
        !c.time(msec))
        return false;
    if (!validDate(y, m, d))
        return false;
    h.year = y;
    h.month = m;
    h.day = d;
    h.msec = msec;
    return true;
}

bool isLevelWord(QByteArrayView w)
{
    if (w.isEmpty() || w.size() > 10)
        return false;
    for (const char c : w) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView v)
{
    qsizetype a = 0, b = v.size();
    while (a < b && (v[a] == ' ' || v[a] == '\t'))
        ++a;
    while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
        --b;
    return v.sliced(a, b - a);
}

// "[level|host|thread|task|module] text" (after the "[" of a raw line, fields start at
// `c`); fills the xapi fields. The thread may hold spaces and brackets ("5 dbflush
// [/var/lib/xcp/state.db]"), so the bracket closes at the first "]" after the 4th "|".
bool readXapiFields(Cursor& c, Header& h)
{
    QByteArrayView fields[4];
    for (auto& f : fields) {
        const qsizetype from = c.i;
        while (!c.atEnd() && c.peek() != '|')
            ++c.i;
        if (c.atEnd())
            return false;
        f = c.s.sliced(from, c.i - from);
        ++c.i;
    }
    const qsizetype from = c.i;
    while (!c.atEnd() && c.peek() != ']')
        ++c.i;
    if (c.atEnd())
        return false;
    const QByteArrayView level = trimmed(fields[0]);
    if (!isLevelWord(level))
        return false;
    h.level = level;
    h.xapiHost = trimmed(fields[1]);
    h.thread = trimmed(fields[2]);
    h.task = trimmed(fields[3]);
    h.module = trimmed(c.s.sliced(from, c.i - from));
    ++c.i;
    c.eat(' ');
    h.message = c.rest();
    return true;
}

// The message of a syslog line: repeated-message wrapper, xapi fields, SM's "[pid]",
// kernel/squeezed "[uptime]".
void readSyslogMessage(QByteArrayView msg, Header& h)
{
    static constexpr QByteArrayView repeated("message repeated ");
    if (msg.startsWith(repeated)) {
        Cursor c{msg, repeated.size()};
        qint64 n = 0;
        static constexpr QByteArrayView times(" times: [");
        if (c.number(9, n) && c.rest().startsWith(times) && msg.endsWith(']')) {
            h.repeat = int(n);
            c.i += times.size();
            c.eat(' ');
            msg = msg.sliced(c.i, msg.size() - 1 - c.i);
            if (msg.endsWith(' '))
                msg.chop(1);
        }
    }
    h.message = msg;
    if (!msg.startsWith('['))
        return;
    Cursor c{msg, 1};
    if (readXapiFields(c, h))
        return;
    h.level = {};
    h.xapiHost = h.thread = h.task = h.module = {};
    c.i = 1;
    // "[27445] text" (SM, SMGC) or "[1426.32] text" (squeezed, kernel).
    while (c.peek() == ' ')
        ++c.i;
    const qsizetype from = c.i;
    qint64 whole = 0;
    if (!c.number(18, whole))
        return;
    if (c.peek() == '.') {
        ++c.i;
        qint64 frac = 0;
        const qsizetype fracFrom = c.i;
        if (!c.number(9, frac) || !c.eat(']'))
            return;
        double scale = 1;
        for (qsizetype k = fracFrom; k < c.i - 1; ++k)
            scale *= 10;
        h.uptime = double(whole) + double(frac) / scale;
    } else {
        const qsizetype to = c.i;
        if (!c.eat(']'))
            return;
        if (!h.pid.isEmpty())
            return; // "proc[pid]: [123] ..." : not ours to read
        h.pid = msg.sliced(from, to - from);
    }
    c.eat(' ');
    h.message = c.rest();
}

// host, "proc[pid]:" and the message after a syslog stamp.
void readSyslogBody(Cursor& c, Header& h)
{
    h.host = c.token();
    c.eat(' ');
    const qsizetype tagStart = c.i;
    QByteArrayView tag = c.token();
    if (tag.size() >= 2 && tag.endsWith(':')) {
        tag.chop(1);
        const qsizetype bracket = tag.indexOf('[');
        if (bracket > 0 && tag.endsWith(']')) {
            h.process = tag.first(bracket);
            h.pid = tag.sliced(bracket + 1, tag.size() - bracket - 2);
        } else {
            h.process = tag;
        }
        c.eat(' ');
    } else {
        c.i = tagStart; // "last message repeated 3 times", "-- MARK --"
    }
    readSyslogMessage(c.rest(), h);
}

Header readHeader(QByteArrayView line)
{
    Header h;
    Cursor c{line, 0};
    if (line.isEmpty())
        return h;
    const char first = line[0];

    if (first >= 'A' && first <= 'S' && readSyslogStamp(c, h)) {
        // xha: "Jun 01 19:35:50 UTC 2022 [debug] HB: text"
        const qsizetype afterTime = c.i;
        if (c.eat(' ')) {
            const QByteArrayView zone = c.token();
            int year = 0;
            if (isLevelWord(zone) && zone.size() <= 5 && c.eat(' ') && c.digits(4, year) && c.eat(' ') &&
                c.peek() == '[' && validDate(year, h.month, h.day)) {
                h.shape = Shape::Xha;
                h.hasTime = true;
                h.year = year;
                h.utc = zone == "UTC" || zone == "GMT";
                ++c.i;
                const qsizetype from = c.i;
                while (!c.atEnd() && c.peek() != ']')
                    ++c.i;
                h.level = line.sliced(from, c.i - from);
                c.eat(']');
                c.eat(' ');
                h.message = c.rest();
                // "HB: ..." names the xhad component.
                qsizetype k = 0;
                while (k < h.message.size() && h.message[k] >= 'A' && h.message[k] <= 'Z')
                    ++k;
                if (k > 0 && k + 1 < h.message.size() && h.message[k] == ':' && h.message[k + 1] == ' ')
                    h.module = h.message.first(k);
                return h;
            }
        }
        c.i = afterTime;
        if (c.eat(' ')) {
            h.shape = Shape::Syslog;
            h.hasTime = true;
            h.needsYear = true;
            readSyslogBody(c, h);
            return h;
        }
        h = Header{};
        c.i = 0;
    }

    if (first == '[') {
        c.i = 1;
        Header t;
        // xend: "[2013-09-04 20:01:26 6254] ERROR (XendDomainInfo:496) text"
        if (readIsoDateTime(c, ' ', t) && c.eat(' ')) {
            const qsizetype from = c.i;
            qint64 pid = 0;
            if (c.number(10, pid) && c.eat(']')) {
                t.shape = Shape::Xend;
                t.hasTime = true;
                t.pid = line.sliced(from, c.i - 1 - from);
                c.eat(' ');
                const qsizetype levelStart = c.i;
                const QByteArrayView level = c.token();
                if (isLevelWord(level) && c.eat(' ') && c.peek() == '(') {
                    t.level = level;
                    ++c.i;
                    const qsizetype modFrom = c.i;
                    while (!c.atEnd() && c.peek() != ':' && c.peek() != ')')
                        ++c.i;
                    t.module = line.sliced(modFrom, c.i - modFrom);
                    if (c.eat(':')) {
                        const qsizetype lineFrom = c.i;
                        qint64 n = 0;
                        c.number(9, n);
                        t.sourceLine = line.sliced(lineFrom, c.i - lineFrom);
                    }
                    while (!c.atEnd() && c.peek() != ')')
                        ++c.i;
                    c.eat(')');
                    c.eat(' ');
                } else {
                    c.i = levelStart;
                }
                t.message = c.rest();
                return t;
            }
        }
        // xapi raw: "[20130904T20:53:56.324Z|level|host|thread|task|module] text"
        c.i = 1;
        t = Header{};
        int y = 0, m = 0, d = 0, msec = 0;
        if (c.digits(4, y) && c.digits(2, m) && c.digits(2, d) && c.eat('T') && c.time(msec) && validDate(y, m, d)) {
            const bool z = c.eat('Z');
            if (c.eat('|')) {
                t.shape = Shape::XapiRaw;
                t.hasTime = true;
                t.utc = z;
                t.year = y;
                t.month = m;
                t.day = d;
                t.msec = msec;
                const qsizetype fields = c.i;
                if (!readXapiFields(c, t)) {
                    t.level = t.xapiHost = t.thread = t.task = t.module = {};
                    t.message = line.sliced(fields);
                }
                return t;
            }
        }
        c.i = 0;
    }

    if (isDigit(first)) {
        // RFC 3339 syslog (rsyslog high precision): "2024-01-05T09:15:50.123456+01:00 host proc: text"
        Header t;
        if (readIsoDateTime(c, 'T', t)) {
            int oh = 0, om = 0;
            bool ok = true;
            if (c.eat('Z')) {
                t.utc = true;
            } else if (c.peek() == '+' || c.peek() == '-') {
                const int sign = c.peek() == '-' ? -1 : 1;
                ++c.i;
                ok = c.digits(2, oh);
                c.eat(':');
                ok = ok && c.digits(2, om);
                t.offsetSecs = sign * (oh * 3600 + om * 60);
                t.utc = true;
            }
            if (ok && c.eat(' ')) {
                t.shape = Shape::IsoSyslog;
                t.hasTime = true;
                readSyslogBody(c, t);
                return t;
            }
        }
        c.i = 0;
    }

    // Hypervisor console: "(XEN) [   22.277806] text", "(XEN) [2012-05-01 12:34:56] text",
    // "(XEN) text"; copies in documents may be indented.
    {
        qsizetype k = 0;
        while (k < line.size() && k < 16 && (line[k] == ' ' || line[k] == '\t'))
            ++k;
        if (line.sliced(k).startsWith("(XEN)")) {
            h.shape = Shape::XenConsole;
            c.i = k + 5;
            c.eat(' ');
            if (c.peek() == '[') {
                const qsizetype save = c.i;
                ++c.i;
                Header t;
                while (c.peek() == ' ')
                    ++c.i;
                qint64 whole = 0;
                if (readIsoDateTime(c, ' ', t) && c.eat(']')) {
                    h.hasTime = true;
                    h.year = t.year;
                    h.month = t.month;
                    h.day = t.day;
                    h.msec = t.msec;
                    c.eat(' ');
                } else {
                    c.i = save + 1;
                    while (c.peek() == ' ')
                        ++c.i;
                    const qsizetype from = c.i;
                    if (c.number(12, whole) && c.eat('.')) {
                        qint64 frac = 0;
                        const qsizetype fracFrom = c.i;
                        if (c.number(9, frac) && c.eat(']')) {
                            double scale = 1;
                            for (qsizetype n = fracFrom; n < c.i - 1; ++n)
                                scale *= 10;
                            h.uptime = double(whole) + double(frac) / scale;
                            c.eat(' ');
                        } else {
                            c.i = save;
                        }
                    } else {
                        Q_UNUSED(from);
                        c.i = save;
                    }
                }
            }
            h.message = c.rest();
            return h;
        }
    }

    h.message = line;
    return h;
}

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

} // namespace

QString severityName(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return QCoreApplication::translate("xr::LogFormat", "Debug");
    case LogSeverity::Info:
        return QCoreApplication::translate("xr::LogFormat", "Info");
    case LogSeverity::Notice:
        return QCoreApplication::translate("xr::LogFormat", "Notice");
    case LogSeverity::Warning:
        return QCoreApplication::translate("xr::LogFormat", "Warning");
    case LogSeverity::Error:
        return QCoreApplication::translate("xr::LogFormat", "Error");
    case LogSeverity::Critical:
        return QCoreApplication::translate("xr::LogFormat", "Critical");
    case LogSeverity::Unknown:
        break;
    }
    return QCoreApplication::translate("xr::LogFormat", "Unknown");
}

QString severityKey(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return QStringLiteral("debug");
    case LogSeverity::Info:
        return QStringLiteral("info");
    case LogSeverity::Notice:
        return QStringLiteral("notice");
    case LogSeverity::Warning:
        return QStringLiteral("warning");
    case LogSeverity::Error:
        return QStringLiteral("error");
    case LogSeverity::Critical:
        return QStringLiteral("critical");
    case LogSeverity::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString formatName(LogFormatKind kind)
{
    switch (kind) {
    case LogFormatKind::XapiSyslog:
        return QCoreApplication::translate("xr::LogFormat", "xapi log (syslog)");
    case LogFormatKind::XapiRaw:
        return QCoreApplication::translate("xr::LogFormat", "xapi log");
    case LogFormatKind::SmLog:
        return QCoreApplication::translate("xr::LogFormat", "storage manager log (SMlog)");
    case LogFormatKind::Syslog:
        return QCoreApplication::translate("xr::LogFormat", "syslog");
    case LogFormatKind::Xha:
        return QCoreApplication::translate("xr::LogFormat", "HA daemon log (xha.log)");
    case LogFormatKind::Xend:
        return QCoreApplication::translate("xr::LogFormat", "xend log");
    case LogFormatKind::XenConsole:
        return QCoreApplication::translate("xr::LogFormat", "hypervisor console log");
    case LogFormatKind::PlainText:
        return QCoreApplication::translate("xr::LogFormat", "plain text log");
    case LogFormatKind::Unknown:
        break;
    }
    return QCoreApplication::translate("xr::LogFormat", "unknown log format");
}

LogFormatKind LogFormat::detect(QByteArrayView head, QStringView fileName)
{
    int syslog = 0, xapi = 0, sm = 0, raw = 0, xha = 0, xend = 0, xen = 0, other = 0;
    qsizetype pos = 0;
    int lines = 0;
    while (pos < head.size() && lines < 64) {
        qsizetype nl = head.indexOf('\n', pos);
        const bool complete = nl >= 0;
        if (!complete)
            nl = head.size();
        QByteArrayView line = head.sliced(pos, nl - pos);
        pos = nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (trimmed(line).isEmpty())
            continue;
        const Header h = readHeader(line);
        // Traceback and other continuation lines say nothing about the format.
        if (h.shape == Shape::None && (line[0] == ' ' || line[0] == '\t' || line.startsWith("Traceback")))
            continue;
        ++lines;
        switch (h.shape) {
        case Shape::Syslog:
        case Shape::IsoSyslog:
            ++syslog;
            if (!h.xapiHost.isEmpty() || !h.thread.isEmpty() || !h.module.isEmpty() || !h.level.isEmpty())
                ++xapi;
            else if (h.process == "SM" || h.process == "SMGC")
                ++sm;
            break;
        case Shape::Xha:
            ++xha;
            break;
        case Shape::Xend:
            ++xend;
            break;
        case Shape::XapiRaw:
            ++raw;
            break;
        case Shape::XenConsole:
            ++xen;
            break;
        case Shape::None:
            ++other;
            break;
        }
    }

    QString name = fileName.toString();
    name = name.mid(name.lastIndexOf(u'/') + 1).toLower();
    const auto nameIs = [&](const char16_t* prefix) { return name.startsWith(QStringView(prefix)); };

    const int best = std::max({syslog, raw, xha, xend, xen});
    if (best > 0 && best * 4 >= lines) {
        if (best == xend)
            return LogFormatKind::Xend;
        if (best == xha)
            return LogFormatKind::Xha;
        if (best == raw)
            return LogFormatKind::XapiRaw;
        if (best == syslog) {
            if (sm * 2 >= syslog || nameIs(u"smlog"))
                return LogFormatKind::SmLog;
            if (xapi * 2 >= syslog || nameIs(u"xensource"))
                return LogFormatKind::XapiSyslog;
            return LogFormatKind::Syslog;
        }
        return LogFormatKind::XenConsole;
    }
    // The text alone does not tell (free text, or only traceback lines so far).
    if (nameIs(u"xend.log") || nameIs(u"xend.log."))
        return LogFormatKind::Xend;
    if (nameIs(u"xensource") || nameIs(u"xcp-xapi"))
        return LogFormatKind::XapiSyslog;
    if (nameIs(u"smlog"))
        return LogFormatKind::SmLog;
    if (nameIs(u"xha"))
        return LogFormatKind::Xha;
    if (nameIs(u"hypervisor") || nameIs(u"xen-dmesg") || nameIs(u"console"))
        return LogFormatKind::XenConsole;
    if (nameIs(u"syslog") || nameIs(u"messages") || nameIs(u"daemon") || nameIs(u"kern") || nameIs(u"user.log"))
        return LogFormatKind::Syslog;
    if (lines == 0 && name.isEmpty())
        return LogFormatKind::Unknown;
    return LogFormatKind::PlainText;
}

// --- SyslogYears -------------------------------------------------------------------------

namespace {

struct MonthDay
{
    int month = 0, day = 0, msec = 0;
    bool after(int m, int d, int ms) const { return month != m ? month > m : day != d ? day > d : msec > ms; }
};

// Month, day and time of a syslog stamp at the start of a line (not xha, whose stamp
// carries its own year).
bool syslogMonthDay(QByteArrayView line, MonthDay& out)
{
    Header h;
    Cursor c{line, 0};
    if (!readSyslogStamp(c, h) || !c.eat(' '))
        return false;
    // "UTC 2022 [": xha.
    if (c.peek() >= 'A' && c.peek() <= 'Z' && c.rest().size() > 10 && c.rest().indexOf(' ') <= 5) {
        const QByteArrayView r = c.rest();
        const qsizetype sp = r.indexOf(' ');
        if (sp > 0 && r.size() > sp + 6 && isDigit(r[sp + 1]) && isDigit(r[sp + 4]) && r[sp + 5] == ' ' &&
            r[sp + 6] == '[')
            return false;
    }
    out = {h.month, h.day, h.msec};
    return true;
}

} // namespace

namespace {

// "Mmm dd hh:mm:ss x" with x not an upper-case letter, every field in range: a subset of
// what syslogMonthDay() accepts (for the month name checked by the caller).
bool plainSyslogStamp(QByteArrayView h)
{
    if (h.size() < 17 || h[3] != ' ' || h[6] != ' ' || h[9] != ':' || h[12] != ':' || h[15] != ' ')
        return false;
    const auto digit = [&h](int i) { return h[i] >= '0' && h[i] <= '9' ? h[i] - '0' : -1; };
    const int d1 = h[4] == ' ' ? 0 : digit(4);
    const int d2 = digit(5);
    const int hh = digit(7) * 10 + digit(8);
    const int mm = digit(10) * 10 + digit(11);
    const int ss = digit(13) * 10 + digit(14);
    if (d1 < 0 || d2 < 0 || digit(7) < 0 || digit(8) < 0 || digit(10) < 0 || digit(11) < 0 || digit(13) < 0 ||
        digit(14) < 0)
        return false;
    const int day = d1 * 10 + d2;
    return day >= 1 && day <= 31 && hh <= 23 && mm <= 59 && ss <= 60 && !(h[16] >= 'A' && h[16] <= 'Z');
}

} // namespace

SyslogYears SyslogYears::infer(QByteArrayView data, const LineIndex& index, const QDateTime& reference,
                               const std::atomic<bool>* cancel)
{
    Builder b;
    const quint64 n = index.lineCount();
    for (quint64 l = 0; l < n; ++l) {
        if ((l & 65535) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            break;
        const quint64 start = index.lineStart(l);
        b.add(QByteArrayView(data.data() + start, qsizetype(std::min<quint64>(index.lineEnd(data, l) - start, 64))), l);
    }
    return b.result(reference);
}

void SyslogYears::Builder::add(QByteArrayView head, quint64 line)
{
    head = head.first(std::min<qsizetype>(head.size(), 64));
    // Most lines carry the month of the line before: no year can start there, so the stamp
    // is not read in full; the line is kept as the latest candidate. Only a stamp of the
    // plain "Mmm dd hh:mm:ss host" shape, checked byte by byte, goes this way: whatever
    // else starts with the month's name ("January ...", xha's "... UTC 2022 [") is read.
    if (m_prevMonth != 0 && head.size() >= 17 && std::memcmp(head.data(), m_prevName, 3) == 0 &&
        plainSyslogStamp(head)) {
        if (m_offset >= m_maxOffset) {
            // The stamp and the byte after it are all its reading needs (see plainSyslogStamp).
            m_pendingSize = int(std::min<qsizetype>(head.size(), qsizetype(sizeof m_pending)));
            std::memcpy(m_pending, head.data(), std::size_t(m_pendingSize));
        }
        return;
    }
    while (!head.isEmpty() && (head.back() == '\n' || head.back() == '\r'))
        head.chop(1);
    MonthDay md;
    if (!syslogMonthDay(head, md))
        return;
    if (m_prevMonth != 0) {
        const int delta = md.month - m_prevMonth;
        if (delta <= -6 || delta >= 10) {
            m_offset += delta <= -6 ? 1 : -1;
            m_firstLine.push_back(line);
            m_offsets.push_back(m_offset);
        }
    } else {
        m_firstLine.push_back(line);
        m_offsets.push_back(0);
        m_firstMonth = md.month;
    }
    m_prevMonth = md.month;
    std::memcpy(m_prevName, head.data(), 3);
    if (m_offset >= m_maxOffset) {
        m_maxOffset = m_offset;
        m_latestMonth = md.month;
        m_latestDay = md.day;
        m_latestMsec = md.msec;
        m_pendingSize = 0;
    }
}

void SyslogYears::Builder::append(const Builder& next, quint64 firstLine)
{
    if (next.m_firstLine.empty())
        return; // no stamp there: nothing changes (a line without one has no pending state)
    if (m_firstLine.empty()) {
        *this = next;
        for (quint64& l : m_firstLine)
            l += firstLine;
        return;
    }
    // The step between this walk's last stamp and the next walk's first, as add() takes it.
    const int delta = next.m_firstMonth - m_prevMonth;
    const int base = m_offset + (delta <= -6 ? 1 : delta >= 10 ? -1 : 0);
    for (std::size_t k = 0; k < next.m_firstLine.size(); ++k) {
        const int offset = base + next.m_offsets[k];
        if (k == 0 && offset == m_offset)
            continue; // the same year goes on
        m_firstLine.push_back(next.m_firstLine[k] + firstLine);
        m_offsets.push_back(offset);
    }
    m_offset = base + next.m_offset;
    if (base + next.m_maxOffset >= m_maxOffset) {
        m_maxOffset = base + next.m_maxOffset;
        m_latestMonth = next.m_latestMonth;
        m_latestDay = next.m_latestDay;
        m_latestMsec = next.m_latestMsec;
        m_pendingSize = next.m_pendingSize;
        std::memcpy(m_pending, next.m_pending, sizeof m_pending);
    }
    m_prevMonth = next.m_prevMonth;
    std::memcpy(m_prevName, next.m_prevName, sizeof m_prevName);
}

SyslogYears SyslogYears::Builder::result(const QDateTime& reference) const
{
    SyslogYears out;
    if (m_firstLine.empty())
        return out;
    // The first segment holds every line before the first stamp too.
    out.m_firstLine = m_firstLine;
    out.m_firstLine.front() = 0;
    const QDateTime ref = reference.isValid() ? reference : QDateTime::currentDateTime();
    const QDate rd = ref.date();
    MonthDay latest{m_latestMonth, m_latestDay, m_latestMsec};
    MonthDay pending;
    QByteArrayView head(m_pending, m_pendingSize);
    while (!head.isEmpty() && (head.back() == '\n' || head.back() == '\r'))
        head.chop(1);
    if (m_pendingSize > 0 && syslogMonthDay(head, pending))
        latest = pending;
    const int endYear =
        latest.after(rd.month(), rd.day(), ref.time().msecsSinceStartOfDay()) ? rd.year() - 1 : rd.year();
    out.m_year.reserve(m_offsets.size());
    for (const int o : m_offsets)
        out.m_year.push_back(endYear - (m_maxOffset - o));
    return out;
}

int SyslogYears::yearOf(quint64 line) const
{
    if (m_firstLine.empty())
        return 0;
    auto it = std::upper_bound(m_firstLine.begin(), m_firstLine.end(), line);
    if (it == m_firstLine.begin())
        return m_year.front();
    return m_year[std::size_t(it - m_firstLine.begin()) - 1];
}

// --- LogParser ---------------------------------------------------------------------------

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

namespace {

// Fills `h.year` for syslog stamps and returns the naive key, or nullopt.
std::optional<qint64> keyOf(const Header& h, const QDateTime& boot)
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

LogLine LogParser::parseWithYear(QByteArrayView line, int year) const
{
    Header h = readHeader(line);
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
    out.continuation = h.shape == Shape::None && timestampedKind(m_kind);
    return out;
}

LogLine LogParser::parse(QByteArrayView line)
{
    Cursor c{line, 0};
    Header h;
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
    Cursor c{line, 0};
    Header h;
    const int year = readSyslogStamp(c, h) ? guessYear(h.month, h.day, h.msec) : m_refYear;
    return parseWithYear(line, year);
}

std::optional<qint64> LogParser::timeKey(QByteArrayView line, quint64 lineNumber) const
{
    Header h = readHeader(line.first(std::min<qsizetype>(line.size(), 1024)));
    if (h.needsYear)
        h.year = m_years.isEmpty() ? guessYear(h.month, h.day, h.msec) : m_years.yearOf(lineNumber);
    return keyOf(h, m_bootTime);
}

} // namespace xr
