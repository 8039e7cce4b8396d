#include "LineHeader.h"

namespace xr::detail {

bool readSyslogStamp(LineCursor& c, LineHeader& h)
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

QByteArrayView trimmed(QByteArrayView v)
{
    qsizetype a = 0, b = v.size();
    while (a < b && (v[a] == ' ' || v[a] == '\t'))
        ++a;
    while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
        --b;
    return v.sliced(a, b - a);
}

namespace {

// "YYYY-MM-DD" then `sep` then "HH:MM:SS[.frac]".
bool readIsoDateTime(LineCursor& c, char sep, LineHeader& h)
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

// "[level|host|thread|task|module] text" (after the "[" of a raw line, fields start at
// `c`); fills the xapi fields. The thread may hold spaces and brackets ("5 dbflush
// [/var/lib/xcp/state.db]"), so the bracket closes at the first "]" after the 4th "|".
bool readXapiFields(LineCursor& c, LineHeader& h)
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
void readSyslogMessage(QByteArrayView msg, LineHeader& h)
{
    static constexpr QByteArrayView repeated("message repeated ");
    if (msg.startsWith(repeated)) {
        LineCursor c{msg, repeated.size()};
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
    LineCursor c{msg, 1};
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
void readSyslogBody(LineCursor& c, LineHeader& h)
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

} // namespace

LineHeader readLineHeader(QByteArrayView line)
{
    LineHeader h;
    LineCursor c{line, 0};
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
                h.shape = LineShape::Xha;
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
            h.shape = LineShape::Syslog;
            h.hasTime = true;
            h.needsYear = true;
            readSyslogBody(c, h);
            return h;
        }
        h = LineHeader{};
        c.i = 0;
    }

    if (first == '[') {
        c.i = 1;
        LineHeader t;
        // xend: "[2013-09-04 20:01:26 6254] ERROR (XendDomainInfo:496) text"
        if (readIsoDateTime(c, ' ', t) && c.eat(' ')) {
            const qsizetype from = c.i;
            qint64 pid = 0;
            if (c.number(10, pid) && c.eat(']')) {
                t.shape = LineShape::Xend;
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
        t = LineHeader{};
        int y = 0, m = 0, d = 0, msec = 0;
        if (c.digits(4, y) && c.digits(2, m) && c.digits(2, d) && c.eat('T') && c.time(msec) && validDate(y, m, d)) {
            const bool z = c.eat('Z');
            if (c.eat('|')) {
                t.shape = LineShape::XapiRaw;
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
        LineHeader t;
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
                t.shape = LineShape::IsoSyslog;
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
            h.shape = LineShape::XenConsole;
            c.i = k + 5;
            c.eat(' ');
            if (c.peek() == '[') {
                const qsizetype save = c.i;
                ++c.i;
                LineHeader t;
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

} // namespace xr::detail
