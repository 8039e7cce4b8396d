#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <vector>

namespace xr {

/// Progress of a long scan: bytes (or lines) done out of a total. Called from the thread
/// doing the work, every few megabytes; keep it cheap.
using LogProgress = std::function<void(quint64 done, quint64 total)>;

/// The start offset of every line in a raw byte buffer (a log file read or mapped by the
/// caller, who keeps it alive and unchanged while the index is used).
///
/// Lines end with "\n"; a "\r" before it is not part of the line; a last line without
/// "\n" counts as a line. Built with memchr, 8 bytes per line. A growing file is indexed
/// incrementally with append(), which reads only the bytes added since the last call.
class LineIndex final
{
public:
    LineIndex() = default;

    /// Indexes `data` from scratch. Returns false (and leaves a partial index covering a
    /// prefix of `data`) when `cancel` became true.
    bool build(QByteArrayView data, const LogProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    /// Indexes the bytes of `data` past indexedSize(). `data` is the whole, grown buffer:
    /// its first indexedSize() bytes must be the ones indexed before. An unterminated last
    /// line indexed earlier simply grows. Returns false when cancelled.
    bool append(QByteArrayView data, const LogProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    /// Forgets everything (the file was truncated or rotated).
    void clear();

    /// Bytes covered by the index.
    quint64 indexedSize() const { return m_size; }
    quint64 lineCount() const;
    bool isEmpty() const { return lineCount() == 0; }
    /// True when the indexed bytes end in the middle of a line (no final "\n").
    bool lastLineUnterminated() const { return m_size > 0 && m_starts.back() < m_size; }

    /// Offset of the first byte of line `i` (0-based, i < lineCount()).
    quint64 lineStart(quint64 i) const { return m_starts[i]; }
    /// Offset just past the text of line `i`: its "\n" or "\r\n" is not included.
    quint64 lineEnd(QByteArrayView data, quint64 i) const;
    /// Offset where line `i + 1` starts (past the "\n"), or indexedSize() for the last line.
    quint64 nextLineStart(quint64 i) const { return i + 1 < m_starts.size() ? m_starts[i + 1] : m_size; }
    /// The text of line `i` in `data` (the buffer the index was built on), without its ending.
    QByteArrayView line(QByteArrayView data, quint64 i) const;
    /// The line holding byte `offset` (offset < indexedSize()).
    quint64 lineAt(quint64 offset) const;
    /// The first line at or after `fromLine` holding byte `offset`; faster than lineAt()
    /// when offsets arrive in increasing order.
    quint64 lineAt(quint64 offset, quint64 fromLine) const;

    /// Memory held by the index, in bytes.
    quint64 memoryUsage() const { return m_starts.capacity() * sizeof(quint64); }

private:
    // m_starts[0] == 0 and, for every "\n" at p, p + 1; the last entry equals m_size when the
    // data ends with "\n" (a line that has not started yet).
    std::vector<quint64> m_starts{0};
    quint64 m_size = 0;
};

} // namespace xr
