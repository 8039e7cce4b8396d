#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <array>

// Reading the prefix of one log line (stamp, host, process, level, xapi fields...) as views
// into it, nothing allocated: what the format detection (LogFormat), the syslog year walk
// (SyslogYears) and the parser (LogParser) share. Internal to diagnostics/logs.
namespace xr::detail {

inline constexpr qint64 MsecPerDay = 86400000;

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant).
inline qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + qint64(doe) - 719468;
}

inline bool validDate(int y, int m, int d)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

inline int monthFromName(const char* p)
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
struct LineCursor
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

enum class LineShape { None, Syslog, IsoSyslog, Xha, Xend, XapiRaw, XenConsole };

/// Everything found at the start of one line, as views into it; nothing allocated.
struct LineHeader
{
    LineShape shape = LineShape::None;
    bool hasTime = false;
    bool utc = false;
    bool needsYear = false; // syslog: year from the caller
    int year = 0, month = 0, day = 0, msec = 0;
    qint64 offsetSecs = 0; // RFC 3339 offset to subtract
    double uptime = -1;
    QByteArrayView host, process, pid, level, xapiHost, thread, task, module, sourceLine, message;
    int repeat = 0;
};

// Month, day and time of day of a stamp, in the order of the calendar.
struct MonthDay
{
    int month = 0, day = 0, msec = 0;
    bool after(int m, int d, int ms) const { return month != m ? month > m : day != d ? day > d : msec > ms; }
};

// "Mon dd HH:MM:SS " or "Mon  d HH:MM:SS " at the start of `c`'s line; fills month, day, msec.
bool readSyslogStamp(LineCursor& c, LineHeader& h);
// Everything found at the start of one line, whatever its format.
LineHeader readLineHeader(QByteArrayView line);
// `v` without the spaces and tabs around it.
QByteArrayView trimmed(QByteArrayView v);

} // namespace xr::detail
