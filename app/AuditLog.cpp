#include "AuditLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace xr {

AuditLog::AuditLog(QString filePath)
    : m_path(std::move(filePath))
    , m_file(m_path)
{}

AuditLog::~AuditLog() = default;

QString AuditLog::outcomeKey(CommandOutcome outcome)
{
    switch (outcome) {
    case CommandOutcome::Finished:
        return QStringLiteral("finished");
    case CommandOutcome::TimedOut:
        return QStringLiteral("timed-out");
    case CommandOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case CommandOutcome::ConnectionLost:
        return QStringLiteral("connection-lost");
    case CommandOutcome::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

QByteArray AuditLog::toJsonLine(const AuditEntry& entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("host"), entry.host);
    o.insert(QStringLiteral("user"), entry.user);
    o.insert(QStringLiteral("command"), entry.command);
    o.insert(QStringLiteral("outcome"), entry.outcome);
    o.insert(QStringLiteral("exitStatus"), entry.exitStatus);
    o.insert(QStringLiteral("durationMs"), entry.durationMs);
    o.insert(QStringLiteral("runId"), entry.runId.isEmpty() ? QJsonValue() : QJsonValue(entry.runId));
    // Compact JSON escapes newlines, so one entry is always one line.
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<bool> AuditLog::append(const AuditEntry& entry)
{
    if (!m_file.isOpen()) {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            return Result<bool>::failure(QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                             .arg(QDir::toNativeSeparators(m_path), m_file.errorString()));
        }
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    const QByteArray line = toJsonLine(entry);
    if (m_file.write(line) != line.size() || !m_file.flush()) {
        const QString why = m_file.errorString();
        m_file.close();
        return Result<bool>::failure(QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                         .arg(QDir::toNativeSeparators(m_path), why));
    }
    return true;
}

Result<bool> AuditLog::record(const QString& hostKey, const QString& user, const CommandRequest& request,
                              const CommandResult& result, const QString& runId, const QDateTime& started)
{
    AuditEntry e;
    e.time = started;
    e.host = hostKey;
    e.user = user;
    e.command = request.command;
    e.outcome = outcomeKey(result.outcome);
    e.exitStatus = result.exitStatus;
    e.durationMs = result.elapsedMs;
    e.runId = runId;
    return append(e);
}

} // namespace xr
