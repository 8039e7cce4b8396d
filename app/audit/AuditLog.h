#pragma once

#include "RemoteTypes.h"
#include "Result.h"

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QString>

#include <optional>

namespace xr {

/// How an audited command ended, or that it was sent. Stored as its key (outcomeKey()).
enum class AuditOutcome {
    Sent,           ///< "sent": written before a state-changing command goes out
    Finished,       ///< "finished": it ran to its end (see exitStatus)
    TimedOut,       ///< "timed-out": stopped at its deadline
    Cancelled,      ///< "cancelled": stopped by the admin
    ConnectionLost, ///< "connection-lost": the connection dropped while it ran
    Failed,         ///< "failed": it could not be started (no channel, no host)
    NotSent,        ///< "not-sent": refused before sending (a check on the host said no)
    Abandoned,      ///< "abandoned": XenRescue stopped watching it (window closed, host removed)
    Unknown,        ///< a key this version does not know (a newer XenRescue wrote it)
};

/// One line of the audit log: a command XenRescue sent to a host, as sent. There is no
/// field for a secret; commands never carry one (authentication is not a command).
struct AuditEntry
{
    QDateTime time; // when the command was sent (stored in UTC, ISO 8601 with ms)
    QString host;   // user@host:port
    QString user;
    QString command; // the exact shell string sent
    AuditOutcome outcome = AuditOutcome::Finished;
    int exitStatus = -1;
    qint64 durationMs = 0;
    QString runId;  // the rescue run it belongs to, empty for reads outside a run
    QString vmUuid; // the VM an action or rescue concerns; empty for host reads
    QString vmName; // shown in the History tab only; commands never carry it
    QString action; // "rung 1c force-shutdown", "vm force-shutdown"...; empty for reads
};

/// What an action's commands are about, for the audit log and the History tab.
struct AuditContext
{
    QString runId;
    QString vmUuid;
    QString vmName;
    QString action;
};

/// The audit log: JSON lines in the app data folder, one line per remote command.
///
/// Each append reaches the disk before it returns success (fsync / FlushFileBuffers), so a
/// power cut right after a "sent" line still leaves it. Appends from several XenRescue
/// processes (the GUI and the CLI) are serialised by a lock file beside the log
/// (`<log>.lock`, a bounded wait; a lock left by a crashed process is taken over), each line
/// goes out in one write in append mode, and a line that could not be written whole is cut
/// off again, so the file only ever holds whole lines (a crash mid-write may leave a torn
/// last line: readers skip it, the next append starts a fresh line). When the file would
/// pass maxBytes() it is renamed to `<log>.1` (older files shift to `.2`, ...; keepFiles()
/// are kept) and a new one starts; readTail() reads across them.
class AuditLog final
{
public:
    static constexpr qint64 kDefaultMaxBytes = 16 * 1024 * 1024;
    static constexpr int kDefaultKeepFiles = 5;
    static constexpr int kDefaultLockTimeoutMs = 3000;

    explicit AuditLog(QString filePath);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    [[nodiscard]] QString filePath() const { return m_path; }

    /// Rotation: a file that would pass `maxBytes` is rotated first; `keepFiles` old files are
    /// kept (0: none). A single line larger than `maxBytes` is still written, alone in its file.
    void setRotation(qint64 maxBytes, int keepFiles);
    [[nodiscard]] qint64 maxBytes() const { return m_maxBytes; }
    [[nodiscard]] int keepFiles() const { return m_keepFiles; }
    /// How long an append waits for another process holding the lock.
    void setLockTimeout(int ms) { m_lockTimeoutMs = ms; }

    /// Writes one entry, on disk when it succeeds. On failure nothing of it is in the file
    /// and the message says why (a full disk, a file that cannot grow, a read-only folder).
    [[nodiscard]] Result<void> append(const AuditEntry& entry);
    [[nodiscard]] Result<void> record(const QString& hostKey, const QString& user, const CommandRequest& request,
                                      const CommandResult& result, const QString& runId, const QDateTime& started);

    /// The "sent" line written before a command of an action goes out: if it cannot be
    /// written, the command must not be sent.
    [[nodiscard]] Result<void> recordSent(const QString& hostKey, const QString& user, const CommandRequest& request,
                                          const AuditContext& context, const QDateTime& sent);
    [[nodiscard]] Result<void> recordResult(const QString& hostKey, const QString& user, const CommandRequest& request,
                                            const CommandResult& result, const AuditContext& context,
                                            const QDateTime& started);
    /// A final line for a command whose result never came (abandoned, connection closed).
    [[nodiscard]] Result<void> recordOutcome(const QString& hostKey, const QString& user, const CommandRequest& request,
                                             AuditOutcome outcome, const AuditContext& context,
                                             const QDateTime& started, qint64 durationMs);

    [[nodiscard]] static QByteArray toJsonLine(const AuditEntry& entry);
    /// Reads one line back; nullopt for a line that is not an entry (a torn last line).
    [[nodiscard]] static std::optional<AuditEntry> fromJsonLine(QByteArrayView line);
    /// The last `maxEntries` entries of the log at `path` and of its rotated files
    /// (`path.1`, `path.2`, ...), oldest first; reads at most the last 32 MiB in all. An
    /// absent file is an empty log.
    [[nodiscard]] static Result<QList<AuditEntry>> readTail(const QString& path, int maxEntries = 5000);
    /// The rotated file `index` of the log at `path` (`path.1` is the newest rotated one).
    [[nodiscard]] static QString rotatedPath(const QString& path, int index);
    /// The lock file beside the log at `path`.
    [[nodiscard]] static QString lockPath(const QString& path);
    [[nodiscard]] static AuditOutcome outcomeOf(CommandOutcome outcome);
    [[nodiscard]] static QString outcomeKey(AuditOutcome outcome);
    [[nodiscard]] static QString outcomeKey(CommandOutcome outcome) { return outcomeKey(outcomeOf(outcome)); }
    [[nodiscard]] static AuditOutcome outcomeFromKey(QStringView key);

private:
    [[nodiscard]] Result<void> appendLocked(const QByteArray& line);
    [[nodiscard]] bool rotateLocked();

    QString m_path;
    qint64 m_maxBytes = kDefaultMaxBytes;
    int m_keepFiles = kDefaultKeepFiles;
    int m_lockTimeoutMs = kDefaultLockTimeoutMs;
};

} // namespace xr
