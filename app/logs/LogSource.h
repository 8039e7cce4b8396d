#pragma once

#include "LineIndex.h"
#include "LogDocument.h"
#include "LogFormat.h"
#include "LogOrigin.h"
#include "RemoteTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace xr {

class LocalLogIndex;
class LogFollower;
class RemoteHost;
class RemoteLogPager;
class RemoteOperation;

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
/// The façade the UI uses; the work is done by three parts, one responsibility each:
/// - LocalLogIndex: a file of this computer read through its line index (8 bytes per line)
///   and a small page cache, never held in memory: a local log, the inflated copy of a
///   `.gz` (local, or copied from the host first), or the whole copy of a remote log.
/// - RemoteLogPager: a remote log held in memory, read in chunks from its end, until it
///   passes the memory limit (or is loaded whole): then it is copied whole, with progress,
///   and read from the copy through LocalLogIndex; followed lines go into the copy. A
///   command's output is held in memory too.
/// - LogFollower: new lines as the file grows, rotation and truncation.
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
    bool isFollowing() const;
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
    bool isFileBacked() const;
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
    friend class LocalLogIndex;
    friend class RemoteLogPager;
    friend class LogFollower;
    using ReadDone = std::function<void(const FileResult&)>;

    /// Reads bytes of the file, wherever it is (the whole file's last `length` when `tail`).
    void readRange(qint64 offset, qint64 length, bool tail, ReadDone done);
    void fail(const QString& message);
    void setBusy(bool busy);
    void loadBefore(bool all);
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

    std::unique_ptr<QTemporaryDir> m_cacheDir; // copies: an inflated log, a remote log copied whole
    // Shared with a year-map job running on it; copied before an append changes it.
    std::shared_ptr<LineIndex> m_index = std::make_shared<LineIndex>();
    bool m_yearsReady = false;
    int m_yearsJob = 0; // the year map being built; older ones are dropped
    LogParser m_parser{LogFormatKind::Unknown};
    qint64 m_base = 0;     // file offset of the first byte held
    qint64 m_fileSize = 0; // as last seen
    QDateTime m_modified;
    int m_generation = 0; // bumped by open(): answers to an older open are dropped

    bool m_loadingOlder = false;
    bool m_busy = false;
    int m_pins = 0;
    QList<std::function<void()>> m_afterUnpin;
    QList<QPointer<RemoteOperation>> m_ops;
    QPointer<RemoteOperation> m_download;

    std::unique_ptr<LocalLogIndex> m_local;
    std::unique_ptr<RemoteLogPager> m_pager;
    std::unique_ptr<LogFollower> m_follower;
};

} // namespace xr
