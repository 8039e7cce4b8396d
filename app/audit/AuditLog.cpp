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

AuditOutcome AuditLog::outcomeOf(CommandOutcome outcome)
{
    switch (outcome) {
    case CommandOutcome::Finished:
        return AuditOutcome::Finished;
    case CommandOutcome::TimedOut:
        return AuditOutcome::TimedOut;
    case CommandOutcome::Cancelled:
        return AuditOutcome::Cancelled;
    case CommandOutcome::ConnectionLost:
        return AuditOutcome::ConnectionLost;
    case CommandOutcome::Failed:
        return AuditOutcome::Failed;
    case CommandOutcome::Detached:
        return AuditOutcome::Abandoned;
    }
    return AuditOutcome::Failed;
}

namespace {
struct OutcomeKey
{
    AuditOutcome outcome;
    const char16_t* key;
};
constexpr OutcomeKey kOutcomeKeys[] = {
    {AuditOutcome::Sent, u"sent"},
    {AuditOutcome::Finished, u"finished"},
    {AuditOutcome::TimedOut, u"timed-out"},
    {AuditOutcome::Cancelled, u"cancelled"},
    {AuditOutcome::ConnectionLost, u"connection-lost"},
    {AuditOutcome::Failed, u"failed"},
    {AuditOutcome::NotSent, u"not-sent"},
    {AuditOutcome::Abandoned, u"abandoned"},
};
} // namespace

QString AuditLog::outcomeKey(AuditOutcome outcome)
{
    for (const OutcomeKey& k : kOutcomeKeys) {
        if (k.outcome == outcome)
            return QString::fromUtf16(k.key);
    }
    return QStringLiteral("unknown");
}

AuditOutcome AuditLog::outcomeFromKey(QStringView key)
{
    for (const OutcomeKey& k : kOutcomeKeys) {
        if (key == QStringView(k.key))
            return k.outcome;
    }
    // Written by the dom0 memory change of earlier versions before its step went out.
    if (key == u"sending")
        return AuditOutcome::Sent;
    return AuditOutcome::Unknown;
}

QByteArray AuditLog::toJsonLine(const AuditEntry& entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("host"), entry.host);
    o.insert(QStringLiteral("user"), entry.user);
    o.insert(QStringLiteral("command"), entry.command);
    o.insert(QStringLiteral("outcome"), outcomeKey(entry.outcome));
    o.insert(QStringLiteral("exitStatus"), entry.exitStatus);
    o.insert(QStringLiteral("durationMs"), entry.durationMs);
    o.insert(QStringLiteral("runId"), entry.runId.isEmpty() ? QJsonValue() : QJsonValue(entry.runId));
    if (!entry.vmUuid.isEmpty())
        o.insert(QStringLiteral("vm"), entry.vmUuid);
    if (!entry.vmName.isEmpty())
        o.insert(QStringLiteral("vmName"), entry.vmName);
    if (!entry.action.isEmpty())
        o.insert(QStringLiteral("action"), entry.action);
    // Compact JSON escapes newlines, so one entry is always one line.
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<void> AuditLog::append(const AuditEntry& entry)
{
    if (!m_file.isOpen()) {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            return Result<void>::failure(QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                             .arg(QDir::toNativeSeparators(m_path), m_file.errorString()));
        }
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // A line torn by a crash must not swallow the next entry: start a fresh line.
        QFile check(m_path);
        if (check.open(QIODevice::ReadOnly) && check.size() > 0 && check.seek(check.size() - 1) &&
            check.read(1) != "\n")
            m_file.write("\n");
    }
    const QByteArray line = toJsonLine(entry);
    if (m_file.write(line) != line.size() || !m_file.flush()) {
        const QString why = m_file.errorString();
        m_file.close();
        return Result<void>::failure(QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                         .arg(QDir::toNativeSeparators(m_path), why));
    }
    return Result<void>::success();
}

namespace {

// What every line says: when, where, as whom, what, and for which run and VM.
AuditEntry entryFor(const QString& hostKey, const QString& user, const CommandRequest& request,
                    const AuditContext& context, const QDateTime& time)
{
    AuditEntry e;
    e.time = time;
    e.host = hostKey;
    e.user = user;
    e.command = request.command;
    e.runId = context.runId;
    e.vmUuid = context.vmUuid;
    e.vmName = context.vmName;
    e.action = context.action;
    return e;
}

} // namespace

Result<void> AuditLog::record(const QString& hostKey, const QString& user, const CommandRequest& request,
                              const CommandResult& result, const QString& runId, const QDateTime& started)
{
    AuditContext context;
    context.runId = runId;
    return recordResult(hostKey, user, request, result, context, started);
}

Result<void> AuditLog::recordSent(const QString& hostKey, const QString& user, const CommandRequest& request,
                                  const AuditContext& context, const QDateTime& sent)
{
    AuditEntry e = entryFor(hostKey, user, request, context, sent);
    e.outcome = AuditOutcome::Sent;
    return append(e);
}

Result<void> AuditLog::recordResult(const QString& hostKey, const QString& user, const CommandRequest& request,
                                    const CommandResult& result, const AuditContext& context, const QDateTime& started)
{
    AuditEntry e = entryFor(hostKey, user, request, context, started);
    e.outcome = outcomeOf(result.outcome);
    e.exitStatus = result.exitStatus;
    e.durationMs = result.elapsedMs;
    return append(e);
}

Result<void> AuditLog::recordOutcome(const QString& hostKey, const QString& user, const CommandRequest& request,
                                     AuditOutcome outcome, const AuditContext& context, const QDateTime& started,
                                     qint64 durationMs)
{
    AuditEntry e = entryFor(hostKey, user, request, context, started);
    e.outcome = outcome;
    e.durationMs = durationMs;
    return append(e);
}

std::optional<AuditEntry> AuditLog::fromJsonLine(QByteArrayView line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    AuditEntry e;
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    e.host = o.value(QStringLiteral("host")).toString();
    e.command = o.value(QStringLiteral("command")).toString();
    const QString outcome = o.value(QStringLiteral("outcome")).toString();
    if (!e.time.isValid() || e.host.isEmpty() || outcome.isEmpty())
        return std::nullopt;
    e.outcome = outcomeFromKey(outcome);
    e.user = o.value(QStringLiteral("user")).toString();
    e.exitStatus = o.value(QStringLiteral("exitStatus")).toInt(-1);
    e.durationMs = qint64(o.value(QStringLiteral("durationMs")).toDouble(0));
    e.runId = o.value(QStringLiteral("runId")).toString();
    e.vmUuid = o.value(QStringLiteral("vm")).toString();
    e.vmName = o.value(QStringLiteral("vmName")).toString();
    e.action = o.value(QStringLiteral("action")).toString();
    return e;
}

Result<QList<AuditEntry>> AuditLog::readTail(const QString& path, int maxEntries)
{
    QFile file(path);
    if (!file.exists())
        return QList<AuditEntry>{};
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QList<AuditEntry>>::failure(
            QCoreApplication::translate("AuditLog", "Cannot read the audit log %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    constexpr qint64 kMaxBytes = 32 * 1024 * 1024;
    const qint64 size = file.size();
    const qint64 start = size > kMaxBytes ? size - kMaxBytes : 0;
    file.seek(start);
    const QByteArray data = file.read(size - start);
    QList<AuditEntry> entries;
    qsizetype pos = 0;
    if (start > 0) { // the first line is probably cut
        const qsizetype nl = data.indexOf('\n');
        pos = nl < 0 ? data.size() : nl + 1;
    }
    while (pos < data.size()) {
        qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            nl = data.size();
        if (std::optional<AuditEntry> e = fromJsonLine(QByteArrayView(data).sliced(pos, nl - pos)))
            entries.append(std::move(*e));
        pos = nl + 1;
    }
    if (maxEntries > 0 && entries.size() > maxEntries)
        entries.remove(0, entries.size() - maxEntries);
    return entries;
}

} // namespace xr
