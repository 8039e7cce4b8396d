#pragma once

#include "RemoteTypes.h"
#include "Result.h"

#include <QDateTime>
#include <QFile>
#include <QString>

namespace xr {

/// One line of the audit log: a command XenRescue sent to a host, as sent. There is no
/// field for a secret; commands never carry one (authentication is not a command).
struct AuditEntry
{
    QDateTime time; // when the command was sent (stored in UTC, ISO 8601 with ms)
    QString host;   // user@host:port
    QString user;
    QString command; // the exact shell string sent
    QString outcome; // finished, timed-out, cancelled, connection-lost, failed
    int exitStatus = -1;
    qint64 durationMs = 0;
    QString runId; // the rescue run it belongs to, empty for reads outside a run
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

    Result<bool> append(const AuditEntry& entry);
    Result<bool> record(const QString& hostKey, const QString& user, const CommandRequest& request,
                        const CommandResult& result, const QString& runId, const QDateTime& started);

    static QByteArray toJsonLine(const AuditEntry& entry);
    static QString outcomeKey(CommandOutcome outcome);

private:
    QString m_path;
    QFile m_file;
};

} // namespace xr
