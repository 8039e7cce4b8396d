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

/// One log opened for viewing: read lazily from its end (the last screenfuls first, older
/// parts as the user scrolls back), followed live with rotation and truncation detected,
/// downloaded whole with progress. Remote files go through the host's file operations
/// (SFTP on SSH hosts), local files are read off the GUI thread, `.gz` files are inflated
/// through zlib on the thread pool. The bytes held always start at a line boundary.
///
/// Background jobs that read data() and index() pin() the source: while pinned, new data
/// (follow, scroll-back) waits and is applied at the last unpin().
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

    QByteArrayView data() const { return QByteArrayView(m_data); }
    const LineIndex& index() const { return *m_index; }
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
    QByteArrayView lineBytes(quint64 i) const override { return m_index->line(QByteArrayView(m_data), i); }
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
    void whenUnpinned(std::function<void()> action);
    void track(RemoteOperation* op);
    LogParser makeParser(LogFormatKind kind) const;

    RemoteHost* m_host;
    QPointer<RemoteHost> m_hostGuard;
    LogOrigin m_origin;
    State m_state = State::Closed;
    QString m_error;
    qint64 m_tailBytes = DefaultTailBytes;
    qint64 m_chunkBytes = DefaultChunkBytes;

    QByteArray m_data;
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
