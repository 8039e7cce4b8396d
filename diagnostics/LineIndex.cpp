#include "LineIndex.h"

#include <algorithm>
#include <cstring>

namespace xr {

namespace {

// Work is done in slices so that progress and cancellation are seen every few megabytes.
constexpr quint64 SliceBytes = quint64(16) << 20;

} // namespace

bool LineIndex::build(QByteArrayView data, const LogProgress& progress, const std::atomic<bool>* cancel)
{
    clear();
    return append(data, progress, cancel);
}

void LineIndex::clear()
{
    m_starts.assign(1, 0);
    m_starts.shrink_to_fit();
    m_size = 0;
}

bool LineIndex::append(QByteArrayView data, const LogProgress& progress, const std::atomic<bool>* cancel)
{
    const quint64 total = quint64(data.size());
    if (total <= m_size)
        return true;
    const char* const base = data.data();

    // Guess the line count from a sample so the vector grows once, not log2(n) times
    // (each regrowth copies 8 bytes per line already found).
    {
        const quint64 sample = std::min<quint64>(total - m_size, 1 << 20);
        quint64 n = 0;
        for (const char* p = base + m_size;
             (p = static_cast<const char*>(std::memchr(p, '\n', size_t(base + m_size + sample - p)))); ++p)
            ++n;
        const quint64 expected = m_starts.size() + (n + 1) * ((total - m_size) / sample) + 1024;
        if (expected > m_starts.capacity())
            m_starts.reserve(expected + expected / 16);
    }

    quint64 pos = m_size;
    while (pos < total) {
        const quint64 sliceEnd = std::min(total, pos + SliceBytes);
        const char* p = base + pos;
        const char* const end = base + sliceEnd;
        while (p < end) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl)
                break;
            p = nl + 1;
            m_starts.push_back(quint64(p - base));
        }
        pos = sliceEnd;
        m_size = pos;
        if (progress)
            progress(pos, total);
        if (cancel && cancel->load(std::memory_order_relaxed) && pos < total)
            return false;
    }
    return true;
}

quint64 LineIndex::lineCount() const
{
    return m_starts.back() < m_size ? m_starts.size() : m_starts.size() - 1;
}

quint64 LineIndex::lineEnd(QByteArrayView data, quint64 i) const
{
    quint64 end = i + 1 < m_starts.size() ? m_starts[i + 1] - 1 : m_size;
    if (end > m_starts[i] && data[qsizetype(end - 1)] == '\r')
        --end;
    return end;
}

QByteArrayView LineIndex::line(QByteArrayView data, quint64 i) const
{
    const quint64 start = m_starts[i];
    return QByteArrayView(data.data() + start, qsizetype(lineEnd(data, i) - start));
}

quint64 LineIndex::lineAt(quint64 offset) const
{
    return lineAt(offset, 0);
}

quint64 LineIndex::lineAt(quint64 offset, quint64 fromLine) const
{
    // Hits are usually close to the previous one: gallop before the binary search.
    auto first = m_starts.begin() + qsizetype(fromLine);
    quint64 step = 1;
    auto hi = first;
    while (hi != m_starts.end() && *hi <= offset) {
        first = hi;
        const quint64 left = quint64(m_starts.end() - hi);
        hi += qsizetype(std::min(step, left));
        step *= 2;
    }
    const auto it = std::upper_bound(first, hi, offset);
    return quint64(it - m_starts.begin()) - 1;
}

} // namespace xr
