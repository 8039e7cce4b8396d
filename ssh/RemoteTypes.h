#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace xr {

/// One remote command: a shell string built by ShellCommand::toShell(), its deadline and
/// output bound.
struct CommandRequest
{
    QString command;
    int timeoutMs = 30000;
    qint64 maxOutputBytes = 16 * 1024 * 1024; // per stream; the rest is drained and counted
    bool streaming = false;                   // deliver lines as they arrive (outputLine)
    // The command may be left running on the host (RemoteOperation::detach()): it starts
    // with SIGHUP and SIGPIPE ignored, so a closed channel or connection does not end it.
    // Every state-changing command is sent this way (CommandGateway).
    bool survivesDetach = false;
};

enum class CommandOutcome {
    Finished,       // the process ended; see exitStatus
    TimedOut,       // the deadline passed; the remote process group was signalled
    Cancelled,      // cancel() was called; the remote process group was signalled
    ConnectionLost, // the SSH connection dropped while the command was in flight, or the
                    // transport was closed under it (host removed, XenRescue closing)
    Failed,         // the command could not be started (not connected, channel refused)
    Detached        // detach() was called: XenRescue stopped watching, the process goes on
};

enum class OutputStream { StdOut, StdErr };

struct CommandResult
{
    CommandOutcome outcome = CommandOutcome::Failed;
    int exitStatus = -1; // -1 when the process did not report one (killed by a signal)
    QByteArray stdOut;
    QByteArray stdErr;
    bool truncated = false; // output beyond maxOutputBytes was discarded
    qint64 stdOutBytes = 0; // bytes received, including discarded ones
    qint64 stdErrBytes = 0;
    qint64 elapsedMs = 0;
    QString error; // user-facing explanation when outcome != Finished

    bool succeeded() const { return outcome == CommandOutcome::Finished && exitStatus == 0; }
};

struct RemoteFileInfo
{
    QString name; // base name for list(), full path for stat()
    qint64 size = 0;
    QDateTime modified;
    bool isDir = false;
    bool isSymlink = false;
    quint32 permissions = 0;
};

// Write: `data` becomes the whole file. With `exclusive` the file must not exist yet (backups);
// otherwise a temporary file beside it is written, flushed to disk and renamed over it in one
// rename(2), so the path always holds the old or the new content, never none or half of it.
// The original's permissions are kept.
enum class FileOperationKind { Stat, List, ReadRange, ReadTail, Download, Write };

struct FileRequest
{
    FileOperationKind kind = FileOperationKind::Stat;
    QString path;
    qint64 offset = 0;     // ReadRange
    qint64 length = 0;     // ReadRange: bytes wanted; ReadTail: the last N bytes
    QString localPath;     // Download: written here, never held whole in memory
    int timeoutMs = 60000; // no progress for this long fails the operation
    // Write: the new content, and whether the file must not exist yet.
    QByteArray data;
    bool exclusive = false;
};

struct FileResult
{
    bool ok = false;
    bool connectionLost = false;
    bool cancelled = false;
    QString error;
    RemoteFileInfo info;           // Stat, and the file's attributes for reads
    QList<RemoteFileInfo> entries; // List
    QByteArray data;               // ReadRange / ReadTail
    qint64 offset = 0;             // where data starts in the file
    qint64 bytesTransferred = 0;   // Download
    QString note;                  // Write: a step that could not be done (no fsync on the server)
};

/// Connection states shared by every transport.
enum class HostState {
    Disconnected,
    Connecting,
    AwaitingHostKey, // unknown key: the user must accept the fingerprint
    Authenticating,
    AwaitingCredentials, // a password, passphrase or keyboard-interactive answer is needed
    Connected,
    Lost,  // was connected, the connection dropped
    Failed // could not connect; see the message
};

QString hostStateName(HostState state);

/// Why a transport is Failed or Lost, for the code that decides whether to try again: a
/// network failure may heal by itself; a key or a login the host refused will not, and
/// retrying it would hammer the host (and its lockout) for nothing.
enum class FailureKind {
    Network,         // the host could not be reached, or the connection dropped
    HostKeyChanged,  // the host presented another key than the one on record
    HostKeyRejected, // the user did not accept the host's (unknown) key
    LoginRefused,    // the host refused every credential offered
    LoginCancelled   // the user cancelled the login
};

} // namespace xr

Q_DECLARE_METATYPE(xr::CommandRequest)
Q_DECLARE_METATYPE(xr::CommandResult)
Q_DECLARE_METATYPE(xr::FileRequest)
Q_DECLARE_METATYPE(xr::FileResult)
Q_DECLARE_METATYPE(xr::HostState)
Q_DECLARE_METATYPE(xr::FailureKind)
Q_DECLARE_METATYPE(xr::OutputStream)
