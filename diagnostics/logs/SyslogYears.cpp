#include "SyslogYears.h"

#include "LineHeader.h"

#include <algorithm>
#include <cstring>

namespace xr {

using namespace detail;

namespace {

// Month, day and time of a syslog stamp at the start of a line (not xha, whose stamp
// carries its own year).
bool syslogMonthDay(QByteArrayView line, MonthDay& out)
{
    LineHeader h;
    LineCursor c{line, 0};
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

} // namespace xr
