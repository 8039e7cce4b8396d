#include "LogSearch.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define XR_HAVE_SSE2 1
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define XR_HAVE_AVX2_DISPATCH 1
#endif

namespace xr {

namespace {

constexpr quint64 ChunkBytes = quint64(8) << 20;

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

inline bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Rough byte frequencies in log text, used when no sample of the haystack is given.
quint32 staticWeight(unsigned char c)
{
    if (c == ' ')
        return 200;
    if (c >= 'a' && c <= 'z') {
        static constexpr char common[] = "etaoinsrhldcumfpgwybvkxjqz";
        const char* p = std::strchr(common, c);
        return 120 - quint32(p - common) * 4;
    }
    if (c >= '0' && c <= '9')
        return 60;
    if (c >= 'A' && c <= 'Z')
        return 15;
    if (c < 0x20 || c >= 0x80)
        return 1;
    return 20;
}

// Visits every line start in [begin, end) of data: the chunk loop shared by the searches.
// Returns false when cancelled.
template <typename F>
bool forEachChunk(QByteArrayView data, quint64 begin, quint64 end, const std::atomic<bool>& cancel,
                  const LogProgress& progress, quint64 doneBefore, quint64 total, F&& f)
{
    quint64 pos = begin;
    while (pos < end) {
        if (cancel.load(std::memory_order_relaxed))
            return false;
        quint64 chunkEnd = std::min(end, pos + ChunkBytes);
        if (chunkEnd < end) {
            // Needles never hold "\n", so cutting after one never splits a match.
            const void* nl = std::memchr(data.data() + chunkEnd, '\n', size_t(end - chunkEnd));
            chunkEnd = nl ? quint64(static_cast<const char*>(nl) - data.data()) + 1 : end;
        }
        f(pos, chunkEnd);
        pos = chunkEnd;
        if (progress)
            progress(doneBefore + (pos - begin), total);
    }
    return true;
}

#ifdef XR_HAVE_SSE2
// Wojciech Mula's "generic SIMD" substring filter: compare two of the needle's bytes at
// 16 positions at once, verify only where both agree.
const char* findSse2(const char*& p, const char* end, const char* needle, qsizetype n, int r1, int r2,
                     bool caseSensitive, const std::function<bool(const char*)>& verify)
{
    const char c1 = needle[r1];
    const char c2 = needle[r2];
    const __m128i fold1 = _mm_set1_epi8(!caseSensitive && isAsciiLetter(c1) ? 0x20 : 0);
    const __m128i fold2 = _mm_set1_epi8(!caseSensitive && isAsciiLetter(c2) ? 0x20 : 0);
    const __m128i v1 = _mm_set1_epi8(c1);
    const __m128i v2 = _mm_set1_epi8(c2);
    while (p + 16 + n - 1 <= end) {
        const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + r1)), fold1);
        const __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + r2)), fold2);
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, v1), _mm_cmpeq_epi8(b, v2))));
        while (mask) {
            const int k = std::countr_zero(mask);
            if (verify(p + k))
                return p + k;
            mask &= mask - 1;
        }
        p += 16;
    }
    return nullptr;
}
#endif

#ifdef XR_HAVE_AVX2_DISPATCH
__attribute__((target("avx2,bmi"))) const char* findAvx2(const char*& p, const char* end, const char* needle,
                                                         qsizetype n, int r1, int r2, bool caseSensitive,
                                                         const std::function<bool(const char*)>& verify)
{
    const char c1 = needle[r1];
    const char c2 = needle[r2];
    const __m256i fold1 = _mm256_set1_epi8(!caseSensitive && isAsciiLetter(c1) ? 0x20 : 0);
    const __m256i fold2 = _mm256_set1_epi8(!caseSensitive && isAsciiLetter(c2) ? 0x20 : 0);
    const __m256i v1 = _mm256_set1_epi8(c1);
    const __m256i v2 = _mm256_set1_epi8(c2);
    while (p + 32 + n - 1 <= end) {
        const __m256i a = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + r1)), fold1);
        const __m256i b = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + r2)), fold2);
        unsigned mask =
            unsigned(_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, v1), _mm256_cmpeq_epi8(b, v2))));
        while (mask) {
            const int k = std::countr_zero(mask);
            if (verify(p + k))
                return p + k;
            mask &= mask - 1;
        }
        p += 32;
    }
    return nullptr;
}

bool haveAvx2()
{
    static const bool have = __builtin_cpu_supports("avx2");
    return have;
}
#endif

} // namespace

ByteSearcher::ByteSearcher(QByteArrayView needle, bool caseSensitive, QByteArrayView sample)
    : m_needle(needle.toByteArray())
    , m_caseSensitive(caseSensitive)
{
    if (!caseSensitive) {
        for (char& c : m_needle)
            c = lowerAscii(c);
    }
    if (m_needle.size() < 2)
        return;

    std::array<quint32, 256> weight{};
    if (sample.size() >= 4096) {
        for (const char c : sample)
            ++weight[static_cast<unsigned char>(c)];
    } else {
        for (int c = 0; c < 256; ++c)
            weight[c] = staticWeight(static_cast<unsigned char>(c));
    }
    auto weightOf = [&](char c) {
        quint32 w = weight[static_cast<unsigned char>(c)];
        if (!caseSensitive && isAsciiLetter(c))
            w += weight[static_cast<unsigned char>(c - 32)];
        return w;
    };
    const qsizetype n = m_needle.size();
    qsizetype best = 0;
    for (qsizetype i = 1; i < n; ++i) {
        if (weightOf(m_needle[i]) < weightOf(m_needle[best]))
            best = i;
    }
    // The second probe: the rarest other byte value, else any other position.
    qsizetype second = best == 0 ? 1 : 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (i == best)
            continue;
        const bool iDistinct = m_needle[i] != m_needle[best];
        const bool sDistinct = m_needle[second] != m_needle[best];
        if ((iDistinct && !sDistinct) || (iDistinct == sDistinct && weightOf(m_needle[i]) < weightOf(m_needle[second])))
            second = i;
    }
    m_rare1 = int(best);
    m_rare2 = int(second);
}

bool ByteSearcher::matchesAt(const char* p) const
{
    const qsizetype n = m_needle.size();
    if (m_caseSensitive)
        return std::memcmp(p, m_needle.constData(), size_t(n)) == 0;
    const char* q = m_needle.constData();
    for (qsizetype i = 0; i < n; ++i) {
        if (lowerAscii(p[i]) != q[i])
            return false;
    }
    return true;
}

const char* ByteSearcher::find(const char* begin, const char* end) const
{
    const qsizetype n = m_needle.size();
    if (n == 0)
        return begin;
    if (end - begin < n)
        return nullptr;
    if (n == 1 && (m_caseSensitive || !isAsciiLetter(m_needle[0])))
        return static_cast<const char*>(std::memchr(begin, m_needle[0], size_t(end - begin)));

    const char* p = begin;
    const std::function<bool(const char*)> verify = [this](const char* at) { return matchesAt(at); };
#ifdef XR_HAVE_AVX2_DISPATCH
    if (haveAvx2()) {
        if (const char* hit = findAvx2(p, end, m_needle.constData(), n, m_rare1, m_rare2, m_caseSensitive, verify))
            return hit;
    }
#endif
#ifdef XR_HAVE_SSE2
    if (const char* hit = findSse2(p, end, m_needle.constData(), n, m_rare1, m_rare2, m_caseSensitive, verify))
        return hit;
#endif
    // Tail (or no SIMD): scalar scan on the rarest byte.
    const char c1 = m_needle[m_rare1];
    for (; p + n <= end; ++p) {
        const char c = m_caseSensitive ? p[m_rare1] : lowerAscii(p[m_rare1]);
        if (c == c1 && matchesAt(p))
            return p;
    }
    return nullptr;
}

namespace {

// Sample bytes from the start, middle and end of the range for the rare-byte choice.
QByteArray sampleOf(QByteArrayView data, quint64 begin, quint64 end)
{
    QByteArray s;
    const quint64 len = end - begin;
    const quint64 piece = 32 * 1024;
    if (len <= 3 * piece)
        return QByteArray(data.data() + begin, qsizetype(len));
    for (const quint64 at : {begin, begin + len / 2, end - piece})
        s.append(data.data() + at, qsizetype(piece));
    return s;
}

// Lines of `index` holding a match of `needle`, in [byteBegin, byteEnd) (offsets of the
// index; `data` holds the log from `dataOffset` on), appended to `out`.
bool plainScan(QByteArrayView data, quint64 dataOffset, const LineIndex& index, QByteArrayView needle,
               bool caseSensitive, quint64 byteBegin, quint64 byteEnd, quint64 firstLine,
               const std::atomic<bool>& cancel, const LogProgress& progress, quint64 doneBefore, quint64 total,
               std::vector<quint64>& out)
{
    // Positions in `data` below; offsets of the index are position + dataOffset.
    const quint64 begin = byteBegin - dataOffset;
    const quint64 stop = byteEnd - dataOffset;
    const ByteSearcher searcher(needle, caseSensitive, sampleOf(data, begin, stop));
    const char* const base = data.data();
    quint64 cursor = firstLine;
    return forEachChunk(data, begin, stop, cancel, progress, doneBefore, total, [&](quint64 from, quint64 to) {
        const char* p = base + from;
        const char* const end = base + to;
        while (p < end) {
            const char* hit = searcher.find(p, end);
            if (!hit)
                break;
            const quint64 at = dataOffset + quint64(hit - base);
            const quint64 line = index.lineAt(at, cursor);
            // A "\r" ending a line is not part of it.
            if (at + quint64(needle.size()) <= index.lineEnd(data, line, dataOffset))
                out.push_back(line);
            cursor = line;
            p = base + (index.nextLineStart(line) - dataOffset);
        }
    });
}

bool isAsciiOnly(QByteArrayView s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// Decodes a line into a reused buffer: ASCII (almost every log line) is widened directly.
void decodeLine(QByteArrayView line, QString& buffer)
{
    if (isAsciiOnly(line)) {
        buffer.resize(line.size());
        char16_t* out = reinterpret_cast<char16_t*>(buffer.data());
        for (qsizetype i = 0; i < line.size(); ++i)
            out[i] = char16_t(static_cast<unsigned char>(line[i]));
    } else {
        buffer = QString::fromUtf8(line);
    }
}

} // namespace

namespace {

struct RegexToken
{
    enum Kind { Literal, Dot, Quantifier, Other } kind = Other;
    QChar ch;
};

// Splits one top-level branch into tokens; false when the syntax is beyond this reader.
bool tokenize(QStringView b, std::vector<RegexToken>& out)
{
    for (qsizetype i = 0; i < b.size(); ++i) {
        const QChar c = b[i];
        if (c == u'\\') {
            if (i + 1 >= b.size())
                return false;
            const QChar e = b[++i];
            if (e.unicode() < 128 && e.isLetterOrNumber()) {
                if (!QStringView(u"dDsSwWbB").contains(e))
                    return false; // \x41, \1, \p{..}, \Q...: arguments we do not read
                out.push_back({RegexToken::Other, e});
            } else {
                out.push_back({RegexToken::Literal, e});
            }
        } else if (c == u'[') {
            qsizetype j = i + 1;
            if (j < b.size() && b[j] == u'^')
                ++j;
            if (j < b.size() && b[j] == u']')
                ++j;
            for (; j < b.size() && b[j] != u']'; ++j) {
                if (b[j] == u'\\')
                    ++j;
            }
            if (j >= b.size())
                return false;
            i = j;
            out.push_back({RegexToken::Other, c});
        } else if (c == u'(') {
            int depth = 0;
            qsizetype j = i;
            for (; j < b.size(); ++j) {
                if (b[j] == u'\\') {
                    ++j;
                } else if (b[j] == u'[') {
                    return false; // classes inside groups: not worth the parsing
                } else if (b[j] == u'(') {
                    ++depth;
                } else if (b[j] == u')' && --depth == 0) {
                    break;
                }
            }
            if (j >= b.size())
                return false;
            i = j;
            out.push_back({RegexToken::Other, c});
        } else if (c == u'.') {
            out.push_back({RegexToken::Dot, c});
        } else if (c == u'*' || c == u'+' || c == u'?' || c == u'{') {
            out.push_back({RegexToken::Quantifier, c});
        } else if (c == u')') {
            return false;
        } else if (c == u'^' || c == u'$' || c == u']' || c == u'}') {
            out.push_back({RegexToken::Other, c});
        } else {
            out.push_back({RegexToken::Literal, c});
        }
    }
    return true;
}

} // namespace

RegexLiterals requiredLiterals(const QString& pattern, bool caseSensitive)
{
    // Inline options, lookarounds, named groups...: too clever for this reader.
    if (pattern.isEmpty() || pattern.contains(u"(?"))
        return {};

    // Split at top-level "|" (not inside groups or classes).
    QList<QStringView> branches;
    {
        int depth = 0;
        bool inClass = false;
        qsizetype from = 0;
        for (qsizetype i = 0; i < pattern.size(); ++i) {
            const QChar c = pattern[i];
            if (c == u'\\') {
                ++i;
            } else if (inClass) {
                if (c == u']')
                    inClass = false;
            } else if (c == u'[') {
                inClass = true;
                if (i + 1 < pattern.size() && pattern[i + 1] == u']')
                    ++i;
            } else if (c == u'(') {
                ++depth;
            } else if (c == u')') {
                --depth;
            } else if (c == u'|' && depth == 0) {
                branches.append(QStringView(pattern).mid(from, i - from));
                from = i + 1;
            }
        }
        branches.append(QStringView(pattern).mid(from));
    }

    RegexLiterals out;
    out.exact = true;
    for (const QStringView b : branches) {
        std::vector<RegexToken> tokens;
        if (!tokenize(b, tokens))
            return {};
        const auto isDotStar = [&](std::size_t k) {
            return k + 1 < tokens.size() && tokens[k].kind == RegexToken::Dot &&
                   tokens[k + 1].kind == RegexToken::Quantifier && tokens[k + 1].ch == u'*';
        };
        // Exact: [.*]literal...[.*] and nothing else ("contains literal").
        std::size_t lo = isDotStar(0) ? 2 : 0;
        std::size_t hi = tokens.size();
        if (hi >= lo + 2 && isDotStar(hi - 2))
            hi -= 2;
        bool exact = hi > lo;
        for (std::size_t k = lo; k < hi && exact; ++k)
            exact = tokens[k].kind == RegexToken::Literal;

        // The longest run of characters every match of this branch holds.
        QString best;
        QString run;
        const auto endRun = [&]() {
            if (run.size() > best.size())
                best = run;
            run.clear();
        };
        for (std::size_t k = 0; k < tokens.size(); ++k) {
            if (tokens[k].kind != RegexToken::Literal) {
                endRun();
                continue;
            }
            const bool quantified = k + 1 < tokens.size() && tokens[k + 1].kind == RegexToken::Quantifier;
            // Caseless UTF matching folds k and s with KELVIN SIGN and LONG S, which ASCII
            // folding does not: such letters cannot be part of a byte prefilter.
            const QChar ch = tokens[k].ch;
            if (!caseSensitive && (ch == u'k' || ch == u'K' || ch == u's' || ch == u'S')) {
                endRun();
                exact = false;
                continue;
            }
            if (!quantified) {
                run += tokens[k].ch;
            } else if (tokens[k + 1].ch == u'+') {
                run += tokens[k].ch;
                endRun();
            } else {
                endRun(); // optional or counted: not mandatory
            }
        }
        endRun();
        const QByteArray utf8 = best.toUtf8();
        if (best.isEmpty() || (!caseSensitive && !isAsciiOnly(utf8)))
            return {}; // this branch can match without a literal we can search for
        out.exact = out.exact && exact;
        out.anyOf.push_back(utf8);
    }
    return out;
}

Result<LogSearchResult> searchLog(QByteArrayView data, const LineIndex& index, const LogSearchQuery& query,
                                  const std::atomic<bool>& cancel, const LogProgress& progress, quint64 dataOffset)
{
    LogSearchResult result;
    const quint64 lineCount = index.lineCount();
    const quint64 firstLine = std::min(query.firstLine, lineCount);
    const quint64 lastLine = std::min(query.lastLine, lineCount);
    if (firstLine >= lastLine)
        return result;
    const quint64 byteBegin = index.lineStart(firstLine);
    const quint64 byteEnd = index.nextLineStart(lastLine - 1);
    if (byteBegin < dataOffset || byteEnd > dataOffset + quint64(data.size())) {
        return Result<LogSearchResult>::failure(
            QCoreApplication::translate("xr::LogSearch", "The log changed while it was being searched."),
            QStringLiteral("stale-index"));
    }
    const quint64 span = byteEnd - byteBegin;

    QRegularExpression re;
    if (query.regex) {
        re = QRegularExpression(query.pattern, query.caseSensitive ? QRegularExpression::NoPatternOption
                                                                   : QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid()) {
            return Result<LogSearchResult>::failure(
                QCoreApplication::translate("xr::LogSearch", "The regular expression is not valid: %1 (at %2).")
                    .arg(re.errorString())
                    .arg(re.patternErrorOffset()),
                QStringLiteral("bad-regex"));
        }
        re.optimize();
    }

    const QByteArray needle = query.pattern.toUtf8();
    if (!query.regex && (!query.caseSensitive && !isAsciiOnly(needle))) {
        // Unicode case folding: let the engine do it.
        LogSearchQuery q = query;
        q.regex = true;
        q.pattern = QRegularExpression::escape(query.pattern);
        return searchLog(data, index, q, cancel, progress, dataOffset);
    }

    if (!query.regex) {
        if (needle.isEmpty()) {
            for (quint64 l = firstLine; l < lastLine; ++l)
                result.lines.push_back(l);
            return result;
        }
        if (needle.contains('\n') || needle.contains('\r'))
            return result; // no line holds a line break
        result.cancelled = !plainScan(data, dataOffset, index, needle, query.caseSensitive, byteBegin, byteEnd,
                                      firstLine, cancel, progress, 0, span, result.lines);
        return result;
    }

    const RegexLiterals literals = requiredLiterals(query.pattern, query.caseSensitive);
    QString buffer;
    auto lineMatches = [&](quint64 l) {
        decodeLine(index.line(data, l, dataOffset), buffer);
        ++result.regexLinesChecked;
        return re.match(QStringView(buffer)).hasMatch();
    };

    if (!literals.anyOf.empty()) {
        const quint64 passes = literals.anyOf.size() + (literals.exact ? 0 : 1);
        const quint64 total = span * passes;
        std::vector<quint64> candidates;
        quint64 done = 0;
        for (const QByteArray& lit : literals.anyOf) {
            std::vector<quint64> hits;
            const bool complete = plainScan(data, dataOffset, index, lit, query.caseSensitive, byteBegin, byteEnd,
                                            firstLine, cancel, progress, done, total, hits);
            done += span;
            if (candidates.empty()) {
                candidates = std::move(hits);
            } else {
                std::vector<quint64> merged;
                merged.reserve(candidates.size() + hits.size());
                std::set_union(candidates.begin(), candidates.end(), hits.begin(), hits.end(),
                               std::back_inserter(merged));
                candidates = std::move(merged);
            }
            if (!complete) {
                result.cancelled = true;
                break;
            }
        }
        if (literals.exact || result.cancelled) {
            // Exact, or partial anyway: candidates from an interrupted prefilter are not
            // verified matches, so only exact ones are kept.
            if (literals.exact)
                result.lines = std::move(candidates);
            return result;
        }
        result.lines.reserve(candidates.size());
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            if ((k & 4095) == 0) {
                if (cancel.load(std::memory_order_relaxed)) {
                    result.cancelled = true;
                    return result;
                }
                if (progress)
                    progress(done + span * k / candidates.size(), total);
            }
            if (lineMatches(candidates[k]))
                result.lines.push_back(candidates[k]);
        }
        if (progress)
            progress(total, total);
        return result;
    }

    // No literal to narrow with: every line goes through the engine.
    for (quint64 l = firstLine; l < lastLine; ++l) {
        if (((l - firstLine) & 16383) == 0) {
            if (cancel.load(std::memory_order_relaxed)) {
                result.cancelled = true;
                return result;
            }
            if (progress)
                progress(index.lineStart(l) - byteBegin, span);
        }
        if (lineMatches(l))
            result.lines.push_back(l);
    }
    if (progress)
        progress(span, span);
    return result;
}

} // namespace xr
