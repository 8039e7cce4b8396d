#pragma once

#include "LineIndex.h"
#include "LogFormat.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QFile;

namespace xr {

class LogSource;
struct LogBlock;

/// The file-backed side of a LogSource: a file of this computer (the log itself, the
/// inflated copy of a `.gz`, or the whole copy of a remote log) read through its line index.
/// Only where each line starts (8 bytes a line), the syslog year walk and the last bytes
/// covered stay in memory; the lines a view paints are read back through a small page cache
/// and jobs read the file in pieces. Indexes in one streaming pass (two halves at once for a
/// whole file), inflates `.gz` files streaming, and adds followed lines (to the copy first).
class LocalLogIndex final
{
public:
    /// A file (or its end) indexed in one streaming pass: the lines' offsets, the syslog
    /// year walk over them, the format, and the last bytes (to see a rotation later).
    struct Indexed
    {
        LineIndex index;
        SyslogYears::Builder years;
        LogFormatKind kind = LogFormatKind::Unknown;
        QByteArray tail;
        qint64 size = 0;
        QDateTime modified;
        QString error;
    };

    /// Lines per page of the cache, and pages kept.
    static constexpr quint64 PageLines = 1024;
    static constexpr int PageCacheSize = 32;
    /// Last bytes covered that are kept to see a rotation (a follow poll reads them again).
    static constexpr qint64 TailKeep = 64;

    explicit LocalLogIndex(LogSource& source);
    ~LocalLogIndex();
    Q_DISABLE_COPY_MOVE(LocalLogIndex)

    /// True while the source reads a file through its index (not lines held in memory).
    bool isActive() const { return m_active; }
    /// The file read, and whether it is a copy of ours (followed lines are written into it).
    QString path() const { return m_path; }
    /// Reads `path` from now on (`active` false: the source holds its lines in memory).
    /// Forgets the page cache and its file handle: the file may be another one now.
    void reset(bool active, const QString& path);
    /// Forgets the page cache's file handle (the file is about to be replaced).
    void closeFile();

    /// Opens the source: indexes the last tail bytes of the file (whole: the whole file up
    /// to what is indexed now, for scrolling back, with the source pinned meanwhile).
    void indexFile(bool whole);
    /// Opens a `.gz` log: copied from the host first when remote, inflated into a file of
    /// our own, streaming, and indexed. A damaged one shows what could be inflated.
    void openCompressed();
    /// Reads `copy`, the whole copy of a remote log, through its index from now on (up to
    /// the end of what the source holds); the source is pinned until then.
    void adoptCopy(const QString& copy, int generation);

    /// GUI thread only: line `i` of `index`, through the page cache.
    QByteArrayView line(const LineIndex& index, quint64 i) const;
    /// The last `n` (at most TailKeep) bytes covered.
    QByteArrayView tailBytes(qint64 n) const;
    /// See LogSource::readBlocks(): lines [firstLine, endLine) of `index` in pieces read
    /// through a file handle of the call's own.
    bool readBlocks(const LineIndex& index, quint64 firstLine, quint64 endLine,
                    const std::function<bool(const LogBlock&)>& f, QString* error, qint64 blockBytes) const;
    /// Adds followed bytes `more` after what `index` covers (into our copy first), walks
    /// the years of the new lines when `feedYears`. Lines from `firstNew` on are new. Fails
    /// when the copy cannot take them (the message: why).
    Result<void> append(LineIndex& index, const QByteArray& more, quint64 firstNew, bool feedYears);
    /// The years walked so far, counted back from `reference`.
    SyslogYears years(const QDateTime& reference) const { return m_years.result(reference); }

private:
    struct Page
    {
        quint64 first = 0; // lines [first, end)
        quint64 end = 0;
        quint64 offset = 0; // of bytes[0] in the file
        QByteArray bytes;
        quint64 used = 0; // for least-recently-used eviction
    };

    // Reads `path` from `from` (its end, the last `tailBytes`, when `tail`) to `to` (-1: its
    // size) in pieces of 1 MiB and indexes the lines; a read from the middle of the file
    // starts at its next line, unless `atLineStart`. `kind`: the format, or Unknown to
    // detect it from the first lines read.
    static void indexStream(const QString& path, qint64 from, qint64 to, bool tail, qint64 tailBytes,
                            LogFormatKind kind, const QString& name, Indexed& out, bool atLineStart = false);
    // The whole file up to `end`, in two halves at once when it is large.
    static void indexWhole(const QString& path, qint64 end, LogFormatKind kind, const QString& name, Indexed& out);
    // Makes what a job indexed the source's lines (whole: older lines put before, see
    // LogSource::linesPrepended; otherwise the source is opened, see LogSource::reloaded).
    void apply(Indexed in, bool whole, quint64 oldCount);
    void dropPagesFrom(quint64 line) const;

    LogSource& m_source;
    bool m_active = false;
    QString m_path;
    // The year walk so far (fed by follow) and the last bytes covered (to see a rotation).
    SyslogYears::Builder m_years;
    QByteArray m_tail;
    // The page cache and its file handle (GUI thread).
    mutable std::vector<Page> m_pages;
    mutable std::unique_ptr<QFile> m_pageFile;
    mutable quint64 m_pageClock = 0;
};

} // namespace xr
