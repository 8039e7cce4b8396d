#pragma once

#include "RemoteTypes.h"

#include "Result.h"

#include <QHash>

#include <functional>
#include <memory>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

namespace xr {

/// The SFTP file operations of one connected SSH session: stat, list, write (a temporary file
/// beside the target, flushed with fsync@openssh.com, then moved over the target by one
/// rename(2) on the host: `mv -f`), and reads of a range, a tail or a whole file into a
/// local download. libssh's SFTP calls block, so each step runs in blocking mode bounded by
/// the session timeout; reads are pipelined and run in bounded batches so that commands
/// keep moving while a large file is read. The SFTP subsystem is started on first use.
class SshFiles final
{
    Q_DISABLE_COPY_MOVE(SshFiles)

public:
    /// What the file operations need from the worker that owns the session.
    class Host
    {
    public:
        virtual ssh_session session() const = 0; // null once released
        virtual QString sessionError() const = 0;
        virtual bool isConnected() const = 0;
        /// Checks the connection, declaring it lost when it is gone; false then.
        virtual bool checkAlive() = 0;
        virtual void noteActivity() = 0;
        virtual void scheduleService() = 0;
        virtual void reportFileProgress(quint64 id, qint64 done, qint64 total) = 0;
        virtual void reportFileResult(quint64 id, const FileResult& result) = 0;

    protected:
        ~Host() = default;
    };

    /// The steps of a write, in order; the test seam below is called after each one.
    enum class WriteStep {
        TempOpened,   ///< the temporary file (or the exclusive file) is created, empty
        DataWritten,  ///< every byte is sent
        Synced,       ///< fsync@openssh.com answered (or the server does not offer it)
        Closed,       ///< the file is closed
        Renamed,      ///< `mv -f TMP TARGET` ran (replacing writes only)
        FolderSynced, ///< the folder's entry flushed (best effort, replacing writes only)
    };
    /// Test seam (fault injection, e.g. killing sshd between two steps): called on the worker
    /// thread after each step of a write. Empty by default; set it before the write starts.
    using WriteStepHook = std::function<void(WriteStep)>;
    static void setWriteStepHookForTests(WriteStepHook hook);

    explicit SshFiles(Host& host);
    ~SshFiles();

    /// Queues an operation; the session must be connected.
    void start(quint64 id, const FileRequest& request);
    /// Cancels operation @p id, if there is one.
    void cancel(quint64 id);
    /// Moves every operation on by one bounded step; true when one of them has more to do
    /// at once. Stops early when the connection goes.
    bool step();
    bool isEmpty() const { return m_files.isEmpty(); }
    /// Ends every operation with @p result (cancelled by a disconnect, or the connection lost).
    void endAll(const FileResult& result);
    /// The session goes: closes the remote files and the SFTP subsystem, answers nothing.
    void release();

private:
    struct FileOp;

    Result<void> ensureSftp();
    bool stepFile(FileOp& op);
    /// Opens a read: the range it covers, the local file of a download, the remote file.
    Result<void> openRead(FileOp& op, const QByteArray& path);
    /// Reads up to one batch; false when the operation ended (finished or failed).
    bool readBatch(FileOp& op);
    /// Writes a small file (a configuration file) whole: the bytes written; @p note says what
    /// could not be done to make it durable (no fsync on the server).
    Result<qint64> writeFile(const FileRequest& request, QString* note);
    /// Creates @p path (O_EXCL), writes @p data, fsyncs when the server can, closes.
    Result<void> writeNewFile(const QByteArray& path, const QByteArray& data, mode_t mode, QString* note);
    /// Runs one command on the host over its own exec channel (blocking, bounded by the session
    /// timeout); fails unless it exits with status 0.
    Result<void> runOnHost(const QByteArray& command);
    /// fsync of a folder (its entries, after a rename); best effort, false when it failed.
    bool syncFolder(const QByteArray& folder);
    QString sftpError() const;
    void finishFile(quint64 id, FileResult result);

    Host& m_host;
    sftp_session m_sftp = nullptr;
    QHash<quint64, std::shared_ptr<FileOp>> m_files;
};

} // namespace xr
