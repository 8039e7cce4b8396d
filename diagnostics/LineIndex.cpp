#include "LineIndex.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define XR_INDEX_AVX2 1
#endif

namespace xr {

namespace {

// Work is done in slices so that progress and cancellation are seen every few megabytes.
constexpr quint64 SliceBytes = quint64(16) << 20;

// Makes room for at least 64 more offsets past `n`, zero-filling only a little at a time
// (the reserve() in append() usually means no reallocation at all).
inline void ensureRoom(std::vector<quint64>& out, quint64 n)
{
    if (out.size() - n >= 64)
        return;
    const std::size_t want = std::size_t(n) + 65536;
    if (out.capacity() < want)
        out.reserve(std::max(out.capacity() + out.capacity() / 2, want));
    out.resize(want);
}

// Appends p + 1 - base for every "\n" in [p, end) to out[n...], growing `out` as needed;
// returns the new count. memchr per line costs a call per ~150 bytes of log; the AVX2
// path tests 64 bytes per step and walks the bit mask instead.
quint64 scanMemchr(const char* base, const char* p, const char* end, std::vector<quint64>& out, quint64 n)
{
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl)
            break;
        p = nl + 1;
        ensureRoom(out, n);
        out[n++] = quint64(p - base);
    }
    return n;
}

#ifdef XR_INDEX_AVX2
__attribute__((target("avx2,bmi"))) quint64 scanAvx2(const char* base, const char* p, const char* end,
                                                     std::vector<quint64>& out, quint64 n)
{
    const __m256i nl = _mm256_set1_epi8('\n');
    while (end - p >= 64) {
        ensureRoom(out, n);
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
        quint64 mask = quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, nl))) |
                       (quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, nl)))) << 32);
        const quint64 at = quint64(p - base) + 1;
        quint64* dst = out.data() + n;
        while (mask) {
            *dst++ = at + quint64(std::countr_zero(mask));
            mask &= mask - 1;
        }
        n = quint64(dst - out.data());
        p += 64;
    }
    return scanMemchr(base, p, end, out, n);
}

bool haveAvx2()
{
    static const bool have = __builtin_cpu_supports("avx2");
    return have;
}
#endif

quint64 scan(const char* base, const char* p, const char* end, std::vector<quint64>& out, quint64 n)
{
#ifdef XR_INDEX_AVX2
    if (haveAvx2())
        return scanAvx2(base, p, end, out, n);
#endif
    return scanMemchr(base, p, end, out, n);
}

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

    // The vector is used as a buffer: sized ahead, written through, trimmed at the end.
    quint64 n = m_starts.size();
    quint64 pos = m_size;
    bool complete = true;
    while (pos < total) {
        const quint64 sliceEnd = std::min(total, pos + SliceBytes);
        n = scan(base, base + pos, base + sliceEnd, m_starts, n);
        pos = sliceEnd;
        m_size = pos;
        if (progress)
            progress(pos, total);
        if (cancel && cancel->load(std::memory_order_relaxed) && pos < total) {
            complete = false;
            break;
        }
    }
    m_starts.resize(n);
    return complete;
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
