#pragma once

#include "LineIndex.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>
#include <QString>

#include <atomic>
#include <limits>
#include <optional>
#include <vector>

namespace xr {

/// What to look for in an indexed log.
struct LogSearchQuery
{
    /// Text (plain) or a QRegularExpression pattern (regex), matched against each line
    /// without its "\n"/"\r\n". An empty plain text matches every line.
    QString pattern;
    bool regex = false;
    /// Plain text: ASCII letters fold when false (non-ASCII text then goes through the
    /// regular expression engine, which folds Unicode). Regex: CaseInsensitiveOption.
    bool caseSensitive = true;
    /// Only lines in [firstLine, lastLine) are searched (e.g. the new lines of a followed file).
    quint64 firstLine = 0;
    quint64 lastLine = std::numeric_limits<quint64>::max();
};

/// The lines that matched, in increasing order.
struct LogSearchResult
{
    std::vector<quint64> lines;
    /// True when the search was interrupted: `lines` holds what was found until then.
    bool cancelled = false;
    /// Lines the regular expression itself was run on (after the literal prefilter); 0 for
    /// plain searches. Tells how well the prefilter worked.
    quint64 regexLinesChecked = 0;

    quint64 count() const { return lines.size(); }
};

/// Searches the lines of `data` (indexed by `index`) for `query`. Plain text is searched
/// over the whole buffer with a SIMD two-byte filter on the needle's rarest bytes, and hits
/// are mapped to lines through the index (one scan, not one search per line). Regular
/// expressions are narrowed first by the literals every match must contain, then run per
/// candidate line. `progress` gets bytes done/total; `cancel` is polled every few MiB.
/// Fails only on an invalid regular expression (translated message), or when `data` does
/// not hold the lines searched ("stale-index").
///
/// `data` holds the log's bytes from offset `dataOffset` of the index on: the whole buffer
/// the index was built on (0), or one piece of a file read in pieces, searched with
/// query.firstLine/lastLine set to the lines the piece holds.
Result<LogSearchResult> searchLog(QByteArrayView data, const LineIndex& index, const LogSearchQuery& query,
                                  const std::atomic<bool>& cancel, const LogProgress& progress = {},
                                  quint64 dataOffset = 0);

/// Literals that every match of a regular expression must contain one of (used to
/// prefilter lines). Public for tests and for the catalogue scanner.
struct RegexLiterals
{
    /// At least one of these occurs in every matching line; empty when none was found
    /// (the expression must then run on every line).
    std::vector<QByteArray> anyOf;
    /// True when "contains one of anyOf" is exactly the expression's meaning (for example
    /// `error|.*backtrace`), so matching lines need no regular expression run at all.
    bool exact = false;
};
RegexLiterals requiredLiterals(const QString& pattern, bool caseSensitive);

/// Finds `needle` in raw bytes fast; ASCII case folding optional. Internal building block
/// of searchLog(), public for the catalogue scanner and for tests.
class ByteSearcher final
{
public:
    /// `sample` (any part of the text to be searched) picks the needle's rarest bytes.
    ByteSearcher(QByteArrayView needle, bool caseSensitive, QByteArrayView sample = {});
    /// Start of the first occurrence in [begin, end), or nullptr.
    const char* find(const char* begin, const char* end) const;
    qsizetype needleSize() const { return m_needle.size(); }

private:
    bool matchesAt(const char* p) const;

    QByteArray m_needle; // lower-cased when !m_caseSensitive
    bool m_caseSensitive = true;
    int m_rare1 = 0;
    int m_rare2 = 0;
};

} // namespace xr

Q_DECLARE_METATYPE(xr::LogSearchResult)
