#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace xr {

/// Progress of a long scan: bytes (or lines) done out of a total. Called from the thread
/// doing the work, every few megabytes; keep it cheap.
using LogProgress = std::function<void(quint64 done, quint64 total)>;

/// The start offset of every line of a log, 8 bytes per line.
///
/// Lines end with "\n"; a "\r" before it is not part of the line; a last line without
/// "\n" counts as a line. Offsets are positions in the log: the index covers the bytes
/// from origin() to indexedSize() (origin 0 for a buffer indexed whole). The bytes need
/// not be held: a file can be indexed in pieces as it is read (appendBytes()), and the
/// bytes of a line read back later (lineStart(), nextLineStart()). Built with an AVX2 scan
/// (memchr elsewhere) into fixed blocks of offsets: growing never copies what is indexed,
/// so memory stays at 8 bytes per line (plus at most one block).
class LineIndex final
{
public:
    LineIndex() { clear(0); }
    /// An empty index whose first line starts at `origin`.
    explicit LineIndex(quint64 origin) { clear(origin); }
    LineIndex(const LineIndex& other);
    LineIndex& operator=(const LineIndex& other);
    /// A moved-from index is empty (no lines, origin 0).
    LineIndex(LineIndex&& other) noexcept;
    LineIndex& operator=(LineIndex&& other) noexcept;
    ~LineIndex() = default;

    /// Indexes `data` from scratch (origin 0). Returns false (and leaves a partial index
    /// covering a prefix of `data`) when `cancel` became true.
    bool build(QByteArrayView data, const LogProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    /// Indexes the bytes of `data` past indexedSize(). `data` is the whole, grown buffer
    /// (origin 0): its first indexedSize() bytes must be the ones indexed before. An
    /// unterminated last line indexed earlier simply grows. Returns false when cancelled.
    bool append(QByteArrayView data, const LogProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    /// Indexes `bytes`, the log's bytes at `offset`, which must equal indexedSize(): the
    /// next piece of a log read in pieces. Never cancelled (pieces are small).
    void appendBytes(QByteArrayView bytes, quint64 offset);
    /// Appends `next`, the index of the bytes that follow this one's: `next` must start
    /// where this one ends, at a line start (this one's bytes end with "\n", or are none).
    /// Returns false, changing nothing, otherwise. Two halves of a file indexed at once
    /// are joined this way.
    bool appendIndex(const LineIndex& next);
    /// The same, taking `next`'s memory over (on success `next` is left empty): joining
    /// costs no memory beyond the two halves.
    bool appendIndex(LineIndex&& next);
    /// Forgets everything; the first line will start at `origin`.
    void clear(quint64 origin = 0);

    /// Offset of the first byte covered.
    quint64 origin() const { return m_count ? entry(0) : 0; }
    /// Offset just past the last byte covered (the bytes' size for origin 0).
    quint64 indexedSize() const { return m_size; }
    quint64 lineCount() const;
    bool isEmpty() const { return lineCount() == 0; }
    /// True when the indexed bytes end in the middle of a line (no final "\n").
    bool lastLineUnterminated() const { return m_count > 0 && m_size > origin() && entry(m_count - 1) < m_size; }

    /// Offset of the first byte of line `i` (0-based, i < lineCount()).
    quint64 lineStart(quint64 i) const { return entry(i); }
    /// Offset just past the text of line `i`: its "\n" or "\r\n" is not included.
    /// `data` holds the log's bytes from offset `dataOffset` on, line `i` included.
    quint64 lineEnd(QByteArrayView data, quint64 i, quint64 dataOffset = 0) const;
    /// Offset where line `i + 1` starts (past the "\n"), or indexedSize() for the last line.
    quint64 nextLineStart(quint64 i) const { return i + 1 < m_count ? entry(i + 1) : m_size; }
    /// The text of line `i`, without its ending, in `data`: the log's bytes from offset
    /// `dataOffset` on (the buffer the index was built on, for origin 0).
    QByteArrayView line(QByteArrayView data, quint64 i, quint64 dataOffset = 0) const;
    /// The line holding byte `offset` (origin() <= offset < indexedSize()).
    quint64 lineAt(quint64 offset) const;
    /// The first line at or after `fromLine` holding byte `offset`; faster than lineAt()
    /// when offsets arrive in increasing order.
    quint64 lineAt(quint64 offset, quint64 fromLine) const;

    /// Memory held by the index, in bytes.
    quint64 memoryUsage() const { return quint64(m_blocks.size()) * BlockEntries * sizeof(quint64); }

private:
    static constexpr int BlockBits = 16;
    static constexpr quint64 BlockEntries = quint64(1) << BlockBits;
    friend struct LineIndexWriter;

    quint64 entry(quint64 i) const { return m_blocks[i >> BlockBits][i & (BlockEntries - 1)]; }

    // Entry 0 is the origin; every "\n" at p adds p + 1. The last entry equals m_size when
    // the bytes end with "\n" (a line that has not started yet). Blocks of BlockEntries,
    // all full but the last.
    std::vector<std::unique_ptr<quint64[]>> m_blocks;
    quint64 m_count = 0; // entries
    quint64 m_size = 0;
};

} // namespace xr
