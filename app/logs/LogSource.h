#pragma once

#include "LineIndex.h"
#include "LogDocument.h"
#include "LogFormat.h"
#include "RemoteTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QFile;
class QTemporaryDir;
class QTimer;

namespace xr {

class RemoteHost;
class RemoteOperation;

/// Where a log comes from: a file on a host, a local file, or a command's output on a host.
struct LogOrigin
{
    enum class Kind { RemoteFile, LocalFile, Command };
    Kind kind = Kind::RemoteFile;
    /// The host's name as the user knows it (empty for a local file).
    QString hostName;
    /// The file's path; for a command, what it is called ("xl dmesg").
    QString path;
    /// Command: the shell string sent (built with ShellCommand::toShell()).
    QString command;

    /// "xs-01:/var/log/SMlog", "/home/me/SMlog", "xs-01: xl dmesg".
    QString displayName() const;
    /// The file is gzip-compressed (read whole and inflated, never followed).
    bool isCompressed() const;
};

/// Lines of a log handed to a background job by LogSource::readBlocks(): whole lines
/// [firstLine, endLine) of the source's index, whose bytes `bytes` holds from offset
/// `offset` of the index on (pass both to LineIndex::line()).
struct LogBlock
{
    QByteArrayView bytes;
    quint64 offset = 0;
    quint64 firstLine = 0;
    quint64 endLine = 0;
};

/// One log opened for viewing: read lazily from its end (the last screenfuls first, older
/// parts as the user scrolls back), followed live with rotation and truncation detected,
/// downloaded whole with progress. The bytes covered always start at a line boundary.
///
/// Two ways to hold a log:
/// - A local file (not compressed) is file-backed: only its line index (8 bytes per line)
///   and year map stay in memory. It is indexed in one streaming pass; the lines a view
///   paints are read back through a small page cache, and jobs read it in pieces
///   (readBlocks()). A gigabyte log costs tens of megabytes, not a gigabyte.
/// - A `.gz` file (local, or copied from the host first) is inflated through zlib into a
///   temporary file of its own, streaming, and then read the same way.
/// - Remote files (SFTP on SSH hosts) are read in chunks from their end and held in memory
///   until they pass the memory limit (or are loaded whole): then the file is copied whole,
///   with progress, and read from the copy the same way; followed lines go into the copy.
/// - Command outputs are held in memory.
///
/// Background jobs that use index() and readBlocks() pin() the source: while pinned, new
/// data (follow, scroll-back) waits and is applied at the last unpin().
class LogSource final : public QObject, public LogDocument
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSource)

public:
    enum class State { Closed, Opening, Ready, Failed };

    static constexpr qint64 DefaultTailBytes = 256 * 1024;
    static constexpr qint64 DefaultChunkBytes = 4 * 1024 * 1024;
    /// Lines per page of a file-backed source's cache, and pages kept.
    static constexpr quint64 PageLines = 1024;
    static constexpr int PageCacheSize = 32;

    /// `host` may be null for a local file; it must outlive the source otherwise.
    LogSource(RemoteHost* host, LogOrigin origin, QObject* parent = nullptr);
    ~LogSource() override;

    const LogOrigin& origin() const { return m_origin; }
    RemoteHost* host() const { return m_host; }
    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    bool isReady() const { return m_state == State::Ready; }

    /// How much the first read takes from the end, and each scroll-back read.
    void setTailBytes(qint64 bytes) { m_tailBytes = bytes; }
    void setChunkBytes(qint64 bytes) { m_chunkBytes = bytes; }
    /// A remote log scrolled back past this much (or loaded whole) is copied here whole,
    /// with progress, and read through its index from then on.
    static constexpr qint64 DefaultMemoryLimit = 16 * 1024 * 1024;
    void setMemoryLimit(qint64 bytes) { m_memoryLimit = bytes; }
    /// Opens (again): reads the last part of the file, or the whole output of a command.
    void open();

    /// True when older parts of the file are not loaded yet.
    bool canLoadOlder() const { return m_base > 0; }
    bool isLoadingOlder() const { return m_loadingOlder; }
    /// Reads the chunk before what is loaded; linesPrepended() tells how many lines came.
    void loadOlder();
    /// Reads everything before what is loaded (for a whole-file search).
    void loadAll();

    bool canFollow() const;
    bool isFollowing() const { return m_following; }
    void setFollowing(bool on);
    void setFollowInterval(int ms);
    /// Checks for new lines now (follow mode does it every interval).
    void poll();

    bool canDownload() const { return m_origin.kind == LogOrigin::Kind::RemoteFile && m_host; }
    bool isDownloading() const { return !m_download.isNull(); }
    /// Copies the whole remote file to `localPath` (progress through downloadProgress()).
    void download(const QString& localPath);
    void cancelDownload();

    /// Size of the file as last seen (for a compressed file: inflated size of what is loaded).
    qint64 fileSize() const { return m_fileSize; }
    /// Offset in the file of the first byte held.
    qint64 baseOffset() const { return m_base; }
    QDateTime modified() const { return m_modified; }
    LogFormatKind format() const { return m_parser.kind(); }

    /// True for a local file read through its index instead of held in memory.
    bool isFileBacked() const { return m_fileBacked; }
    /// Bytes covered by the lines (what is loaded of the file).
    quint64 heldBytes() const { return m_index->indexedSize() - m_index->origin(); }
    const LineIndex& index() const { return *m_index; }
    /// Calls `f` for consecutive pieces of about `blockBytes` holding lines [firstLine,
    /// endLine), in order, until it returns false. For jobs on any thread, while the source
    /// is pinned: a file-backed source is read through a file handle of the call's own, an
    /// in-memory one is handed out in one piece without a copy. Returns false when stopped
    /// by `f`, or when the file no longer holds what was indexed (`error` says so).
    bool readBlocks(quint64 firstLine, quint64 endLine, const std::function<bool(const LogBlock&)>& f,
                    QString* error = nullptr, qint64 blockBytes = DefaultChunkBytes) const;
    /// True once every syslog stamp has its year (a pass over the lines after they arrive).
    bool hasYears() const { return m_yearsReady; }
    /// The date syslog years are inferred from (the file's mtime, see LogParser).
    QDateTime yearsReference() const;
    static bool hasSyslogStamps(LogFormatKind kind);
    void pin() { ++m_pins; }
    bool isPinned() const { return m_pins > 0; }
    void unpin();

    // LogDocument
    quint64 lineCount() const override { return m_index->lineCount(); }
    /// GUI thread only (a file-backed source reads it through its page cache, and the view
    /// stays valid until another line outside the cached pages is read). A line longer
    /// than 4 MiB is cut there.
    QByteArrayView lineBytes(quint64 i) const override;
    const LogParser& parserFor(quint64) const override { return m_parser; }
    QString sourceName(int) const override { return m_origin.displayName(); }

Q_SIGNALS:
    void stateChanged(xr::LogSource::State state);
    /// The first data arrived (or arrived again after a reload): every line is new.
    void reloaded();
    /// `count` older lines were put before line 0.
    void linesPrepended(quint64 count);
    /// Lines from `firstNew` on are new (follow); line firstNew - 1 may have grown.
    void linesAppended(quint64 firstNew);
    /// The file was rotated or truncated while followed: it was read again from its end.
    void rotated(const QString& message);
    void busyChanged(bool busy);
    void downloadProgress(qint64 done, qint64 total);
    void downloadFinished(bool ok, const QString& message);
    /// Syslog stamps got their years (hasYears()).
    void yearsReady();

private:
    struct Built;
    struct Indexed;
    struct Page
    {
        quint64 first = 0; // lines [first, end)
        quint64 end = 0;
        quint64 offset = 0; // of bytes[0] in the file
        QByteArray bytes;
        quint64 used = 0; // for least-recently-used eviction
    };
    using ReadDone = std::function<void(const FileResult&)>;

    void readRange(qint64 offset, qint64 length, bool tail, ReadDone done);
    void fail(const QString& message);
    void setBusy(bool busy);
    void openFile();
    void openCompressed();
    void openCommand();
    void loadBefore(bool all);
    void inferYears();
    void applyWhole(QByteArray data, qint64 base, qint64 fileSize, const QDateTime& modified, bool trimHead);
    void prepend(QByteArray older);
    void append(const QByteArray& more);
    static void indexStream(const QString& path, qint64 from, qint64 to, bool tail, qint64 tailBytes,
                            LogFormatKind kind, const QString& name, Indexed& out, bool atLineStart = false);
    static void indexWhole(const QString& path, qint64 end, LogFormatKind kind, const QString& name, Indexed& out);
    void applyIndexed(Indexed in, bool whole, quint64 oldCount);
    void copyRemoteWhole();
    void indexLocalFile(bool whole);
    void dropPagesFrom(quint64 line) const;
    QByteArrayView tailBytes(qint64 n) const;
    void whenUnpinned(std::function<void()> action);
    /// The same, ahead of the actions waiting already.
    void firstWhenUnpinned(std::function<void()> action);
    void track(RemoteOperation* op);
    LogParser makeParser(LogFormatKind kind) const;
    /// Reads the log again from its end, then says why (rotated()).
    void reopenAfter(const QString& message);
    /// True when `tail`, the last bytes a reading found at the end of what is held, is what
    /// is held there: the same file.
    bool endMatches(QByteArrayView tail) const;
    /// A file in this source's own temporary folder (made on first use); empty, with the
    /// reason in `error`, when there is none.
    QString cachePath(const QString& name, QString* error);

    RemoteHost* m_host;
    QPointer<RemoteHost> m_hostGuard;
    LogOrigin m_origin;
    State m_state = State::Closed;
    QString m_error;
    qint64 m_tailBytes = DefaultTailBytes;
    qint64 m_chunkBytes = DefaultChunkBytes;
    qint64 m_memoryLimit = DefaultMemoryLimit;

    bool m_fileBacked = false;
    QString m_readPath;                        // file-backed: the file read (the log, or its inflated copy)
    std::unique_ptr<QTemporaryDir> m_cacheDir; // a compressed log's inflated copy
    QByteArray m_data;                         // in memory: the bytes from m_base on
    // File-backed: the year walk so far (fed by follow), the last bytes covered (to see a
    // rotation), and the page cache with its file handle (GUI thread).
    SyslogYears::Builder m_yearsBuilder;
    QByteArray m_tail;
    mutable std::vector<Page> m_pages;
    mutable std::unique_ptr<QFile> m_pageFile;
    mutable quint64 m_pageClock = 0;
    // Shared with a year-map job running on it; copied before an append changes it.
    std::shared_ptr<LineIndex> m_index = std::make_shared<LineIndex>();
    bool m_yearsReady = false;
    int m_yearsJob = 0; // the year map being built; older ones are dropped
    LogParser m_parser{LogFormatKind::Unknown};
    qint64 m_base = 0;     // file offset of m_data[0]
    qint64 m_fileSize = 0; // as last seen
    QDateTime m_modified;
    int m_generation = 0; // bumped by open(): answers to an older open are dropped

    bool m_loadingOlder = false;
    bool m_busy = false;
    bool m_following = false;
    bool m_polling = false;
    QTimer* m_followTimer;
    int m_pins = 0;
    QList<std::function<void()>> m_afterUnpin;
    QList<QPointer<RemoteOperation>> m_ops;
    QPointer<RemoteOperation> m_download;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace xr
