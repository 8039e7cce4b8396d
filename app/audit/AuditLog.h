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

/// The audit log: JSON lines in the app data folder, appended and flushed one line per
/// remote command so that a crash or a power cut right after a destructive step still
/// leaves its record.
class AuditLog final
{
public:
    explicit AuditLog(QString filePath);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    QString filePath() const { return m_path; }

    Result<void> append(const AuditEntry& entry);
    Result<void> record(const QString& hostKey, const QString& user, const CommandRequest& request,
                        const CommandResult& result, const QString& runId, const QDateTime& started);

    /// The "sent" line written before a command of an action goes out: if it cannot be
    /// written, the command must not be sent.
    Result<void> recordSent(const QString& hostKey, const QString& user, const CommandRequest& request,
                            const AuditContext& context, const QDateTime& sent);
    Result<void> recordResult(const QString& hostKey, const QString& user, const CommandRequest& request,
                              const CommandResult& result, const AuditContext& context, const QDateTime& started);
    /// A final line for a command whose result never came (abandoned, connection closed).
    Result<void> recordOutcome(const QString& hostKey, const QString& user, const CommandRequest& request,
                               AuditOutcome outcome, const AuditContext& context, const QDateTime& started,
                               qint64 durationMs);

    static QByteArray toJsonLine(const AuditEntry& entry);
    /// Reads one line back; nullopt for a line that is not an entry (a torn last line).
    static std::optional<AuditEntry> fromJsonLine(QByteArrayView line);
    /// The last `maxEntries` entries of the file at `path`, oldest first; reads at most the
    /// last 32 MiB. An absent file is an empty log.
    static Result<QList<AuditEntry>> readTail(const QString& path, int maxEntries = 5000);
    static AuditOutcome outcomeOf(CommandOutcome outcome);
    static QString outcomeKey(AuditOutcome outcome);
    static QString outcomeKey(CommandOutcome outcome) { return outcomeKey(outcomeOf(outcome)); }
    static AuditOutcome outcomeFromKey(QStringView key);

private:
    QString m_path;
    QFile m_file;
};

} // namespace xr
