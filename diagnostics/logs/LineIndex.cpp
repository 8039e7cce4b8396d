#include "LineIndex.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define XR_INDEX_AVX2 1
#endif

namespace xr {

namespace {

// Work is done in slices so that progress and cancellation are seen every few megabytes.
constexpr quint64 SliceBytes = quint64(16) << 20;

} // namespace

// Writes offsets into the index's blocks, opening a new block when the last is full.
struct LineIndexWriter
{
    LineIndex& ix;
    quint64* dst = nullptr;
    quint64* end = nullptr;

    explicit LineIndexWriter(LineIndex& index)
        : ix(index)
    {
        const quint64 used = ix.m_count & (LineIndex::BlockEntries - 1);
        if (ix.m_count > 0 && used == 0) {
            dst = end = nullptr; // the last block is full
        } else if (!ix.m_blocks.empty()) {
            dst = ix.m_blocks.back().get() + used;
            end = ix.m_blocks.back().get() + LineIndex::BlockEntries;
        }
    }
    ~LineIndexWriter() { flush(); }
    LineIndexWriter(const LineIndexWriter&) = delete;
    LineIndexWriter& operator=(const LineIndexWriter&) = delete;

    void flush()
    {
        if (!dst)
            return;
        ix.m_count =
            quint64(ix.m_blocks.size() - 1) * LineIndex::BlockEntries + quint64(dst - ix.m_blocks.back().get());
    }
    void grow()
    {
        flush();
        ix.m_blocks.push_back(std::make_unique_for_overwrite<quint64[]>(LineIndex::BlockEntries));
        dst = ix.m_blocks.back().get();
        end = dst + LineIndex::BlockEntries;
    }
    void put(quint64 v)
    {
        if (dst == end)
            grow();
        *dst++ = v;
    }
    quint64 room() const { return quint64(end - dst); }
};

namespace {

// Adds offset + (p + 1 - bytes) for every "\n" in [p, end). memchr per line costs a call
// per ~150 bytes of log; the AVX2 path tests 64 bytes per step and walks the bit mask.
void scanMemchr(const char* bytes, quint64 offset, const char* p, const char* end, LineIndexWriter& out)
{
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl)
            break;
        p = nl + 1;
        out.put(offset + quint64(p - bytes));
    }
}

#ifdef XR_INDEX_AVX2
__attribute__((target("avx2,bmi"))) void scanAvx2(const char* bytes, quint64 offset, const char* p, const char* end,
                                                  LineIndexWriter& out)
{
    const __m256i nl = _mm256_set1_epi8('\n');
    while (end - p >= 64) {
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
        quint64 mask = quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, nl))) |
                       (quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, nl)))) << 32);
        const quint64 at = offset + quint64(p - bytes) + 1;
        if (out.room() >= 64) {
            quint64* dst = out.dst;
            while (mask) {
                *dst++ = at + quint64(std::countr_zero(mask));
                mask &= mask - 1;
            }
            out.dst = dst;
        } else {
            while (mask) {
                out.put(at + quint64(std::countr_zero(mask)));
                mask &= mask - 1;
            }
        }
        p += 64;
    }
    scanMemchr(bytes, offset, p, end, out);
}

bool haveAvx2()
{
    static const bool have = __builtin_cpu_supports("avx2");
    return have;
}
#endif

void scan(const char* bytes, quint64 offset, const char* p, const char* end, LineIndexWriter& out)
{
#ifdef XR_INDEX_AVX2
    if (haveAvx2())
        return scanAvx2(bytes, offset, p, end, out);
#endif
    scanMemchr(bytes, offset, p, end, out);
}

} // namespace

LineIndex::LineIndex(const LineIndex& other)
    : m_count(other.m_count)
    , m_size(other.m_size)
{
    m_blocks.reserve(other.m_blocks.size());
    for (const auto& b : other.m_blocks) {
        m_blocks.push_back(std::make_unique_for_overwrite<quint64[]>(BlockEntries));
        std::memcpy(m_blocks.back().get(), b.get(), BlockEntries * sizeof(quint64));
    }
}

LineIndex::LineIndex(LineIndex&& other) noexcept
    : m_blocks(std::move(other.m_blocks))
    , m_count(std::exchange(other.m_count, 0))
    , m_size(std::exchange(other.m_size, 0))
{
    other.m_blocks.clear();
}

LineIndex& LineIndex::operator=(LineIndex&& other) noexcept
{
    if (this != &other) {
        m_blocks = std::move(other.m_blocks);
        other.m_blocks.clear();
        m_count = std::exchange(other.m_count, 0);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

LineIndex& LineIndex::operator=(const LineIndex& other)
{
    if (this != &other) {
        LineIndex copy(other);
        *this = std::move(copy);
    }
    return *this;
}

bool LineIndex::build(QByteArrayView data, const LogProgress& progress, const std::atomic<bool>* cancel)
{
    clear();
    return append(data, progress, cancel);
}

void LineIndex::clear(quint64 origin)
{
    m_blocks.clear();
    m_blocks.shrink_to_fit();
    m_count = 0;
    m_size = origin;
    LineIndexWriter(*this).put(origin);
}

void LineIndex::appendBytes(QByteArrayView bytes, quint64 offset)
{
    if (m_count == 0)
        clear(offset);
    Q_ASSERT(offset == m_size);
    if (bytes.isEmpty())
        return;
    LineIndexWriter out(*this);
    scan(bytes.data(), offset, bytes.data(), bytes.data() + bytes.size(), out);
    out.flush();
    m_size = offset + quint64(bytes.size());
}

bool LineIndex::appendIndex(const LineIndex& next)
{
    if (next.m_count == 0)
        return true;
    if (m_count == 0) {
        *this = next;
        return true;
    }
    if (next.origin() != m_size || entry(m_count - 1) != m_size)
        return false;
    LineIndexWriter out(*this);
    for (quint64 i = 1; i < next.m_count; ++i)
        out.put(next.entry(i));
    out.flush();
    m_size = next.m_size;
    return true;
}

bool LineIndex::appendIndex(LineIndex&& next)
{
    if (next.m_count == 0 || m_count == 0)
        return appendIndex(static_cast<const LineIndex&>(next));
    if (next.origin() != m_size || entry(m_count - 1) != m_size)
        return false;
    // next's blocks are taken over, then its entries (but the first, which is this one's
    // end) slid down to follow this one's: in place, nothing allocated or freed on the way
    // (freeing one half while growing the other would leave both in the allocator).
    const quint64 start = quint64(m_blocks.size()) * BlockEntries; // where next's entry 0 now is
    for (auto& b : next.m_blocks)
        m_blocks.push_back(std::move(b));
    const quint64 total = m_count + next.m_count - 1;
    for (quint64 dst = m_count, src = start + 1; dst < total; ++dst, ++src)
        m_blocks[dst >> BlockBits][dst & (BlockEntries - 1)] = m_blocks[src >> BlockBits][src & (BlockEntries - 1)];
    m_count = total;
    m_size = next.m_size;
    m_blocks.resize(std::size_t((total + BlockEntries - 1) >> BlockBits));
    next.m_blocks.clear();
    next.m_count = 0;
    return true;
}

bool LineIndex::append(QByteArrayView data, const LogProgress& progress, const std::atomic<bool>* cancel)
{
    const quint64 total = quint64(data.size());
    if (m_count == 0)
        clear(0);
    if (total <= m_size)
        return true;
    quint64 pos = m_size;
    while (pos < total) {
        const quint64 sliceEnd = std::min(total, pos + SliceBytes);
        appendBytes(data.sliced(qsizetype(pos), qsizetype(sliceEnd - pos)), pos);
        pos = sliceEnd;
        if (progress)
            progress(pos, total);
        if (cancel && cancel->load(std::memory_order_relaxed) && pos < total)
            return false;
    }
    return true;
}

quint64 LineIndex::lineCount() const
{
    if (m_count == 0)
        return 0;
    return entry(m_count - 1) < m_size ? m_count : m_count - 1;
}

quint64 LineIndex::lineEnd(QByteArrayView data, quint64 i, quint64 dataOffset) const
{
    const quint64 start = entry(i);
    quint64 end = i + 1 < m_count ? entry(i + 1) - 1 : m_size;
    if (end > start && end - 1 >= dataOffset && end - 1 - dataOffset < quint64(data.size()) &&
        data[qsizetype(end - 1 - dataOffset)] == '\r')
        --end;
    return end;
}

QByteArrayView LineIndex::line(QByteArrayView data, quint64 i, quint64 dataOffset) const
{
    const quint64 start = entry(i);
    const quint64 end = lineEnd(data, i, dataOffset);
    // A line outside `data` (a caller's mistake, or a file that shrank) reads as what is there.
    const quint64 from = std::clamp(start, dataOffset, dataOffset + quint64(data.size()));
    const quint64 to = std::clamp(end, from, dataOffset + quint64(data.size()));
    return QByteArrayView(data.data() + (from - dataOffset), qsizetype(to - from));
}

quint64 LineIndex::lineAt(quint64 offset) const
{
    return lineAt(offset, 0);
}

quint64 LineIndex::lineAt(quint64 offset, quint64 fromLine) const
{
    // Hits are usually close to the previous one: gallop before the binary search.
    // Invariant: entry(lo) <= offset (or lo == fromLine), and entry(hi) > offset or hi == m_count.
    quint64 lo = fromLine;
    quint64 hi = fromLine;
    quint64 step = 1;
    while (hi < m_count && entry(hi) <= offset) {
        lo = hi;
        hi += std::min(step, m_count - hi);
        step *= 2;
    }
    // The first entry in (lo, hi) greater than offset.
    quint64 first = lo + 1;
    quint64 count = hi > first ? hi - first : 0;
    while (count > 0) {
        const quint64 half = count / 2;
        if (entry(first + half) <= offset) {
            first += half + 1;
            count -= half + 1;
        } else {
            count = half;
        }
    }
    return first - 1;
}

} // namespace xr
