#include "CommandGateway.h"

#include "ConnectionManager.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"

namespace xr {

namespace {
/// What a file write is called in the audit log: the path and the size, never the content.
QString writeText(const QString& path, const QByteArray& data, bool exclusive)
{
    return exclusive ? QStringLiteral("create %1 (%2 bytes)").arg(path).arg(data.size())
                     : QStringLiteral("write %1 (%2 bytes)").arg(path).arg(data.size());
}

CommandResult resultOf(RemoteOperation* op)
{
    if (auto* command = qobject_cast<RemoteCommand*>(op))
        return command->result();
    CommandResult r;
    if (auto* file = qobject_cast<RemoteFileOperation*>(op)) {
        const FileResult f = file->result();
        r.outcome = f.connectionLost ? CommandOutcome::ConnectionLost
                                     : (f.cancelled ? CommandOutcome::Cancelled : CommandOutcome::Finished);
        r.exitStatus = f.ok ? 0 : 1;
        r.error = f.error;
    }
    return r;
}
} // namespace

CommandGateway::CommandGateway(ConnectionManager* connections, const QString& auditLogPath, QObject* parent)
    : QObject(parent)
    , m_connections(connections)
    , m_audit(std::make_unique<AuditLog>(auditLogPath))
{}

CommandGateway::~CommandGateway()
{
    // XenRescue is closing with actions it no longer watches (the admin chose to leave them
    // running, or nobody asked): each gets its final line now, "abandoned".
    for (const Tracked& t : std::as_const(m_inFlight)) {
        if (!t.target.log)
            continue;
        const InFlightAction& a = t.action;
        const Result<void> written =
            t.target.log->recordOutcome(t.target.hostKey, t.target.user, t.request, AuditOutcome::Abandoned, a.context,
                                        a.sent, a.sent.msecsTo(QDateTime::currentDateTimeUtc()));
        if (!written)
            qWarning("%s", qPrintable(written.errorMessage()));
    }
}

void CommandGateway::setLabAuditLog(const QString& path)
{
    if (path.isEmpty())
        m_labAudit.reset();
    else
        m_labAudit = std::make_unique<AuditLog>(path);
}

QString CommandGateway::historyLogFile() const
{
    return m_labAudit ? m_labAudit->filePath() : m_audit->filePath();
}

QString CommandGateway::auditUser(const QString& hostId) const
{
    return m_connections->endpointUser(hostId);
}

Result<CommandGateway::Target> CommandGateway::targetFor(const QString& hostId) const
{
    RemoteHost* host = m_connections->host(hostId);
    if (!host)
        return Result<Target>::failure(tr("The host is no longer known."));
    Target t;
    t.log = m_connections->isUnsaved(hostId) ? m_labAudit.get() : m_audit.get();
    t.hostKey = host->displayName();
    t.user = auditUser(hostId);
    return t;
}

void CommandGateway::report(const Result<void>& written)
{
    if (!written)
        Q_EMIT auditFailed(written.errorMessage());
    else
        Q_EMIT auditWritten();
}

Result<void> CommandGateway::writeSent(const Target& target, const CommandRequest& request, const AuditContext& context,
                                       const QDateTime& sent)
{
    if (!target.log)
        return Result<void>::success();
    const Result<void> written = target.log->recordSent(target.hostKey, target.user, request, context, sent);
    report(written);
    if (!written)
        return Result<void>::failure(tr("Nothing was sent: %1").arg(written.errorMessage()));
    return Result<void>::success();
}

Result<RemoteCommand*> CommandGateway::runAction(const QString& hostId, const CommandRequest& request,
                                                 const AuditContext& context)
{
    const Result<Target> target = targetFor(hostId);
    if (!target)
        return Result<RemoteCommand*>(target.error());
    const QDateTime sent = QDateTime::currentDateTimeUtc();
    if (const Result<void> written = writeSent(*target, request, context, sent); !written)
        return Result<RemoteCommand*>(written.error());
    // A state-changing command may have to be left running (a teardown while it runs): it
    // starts so that a closed channel does not end it half-way.
    CommandRequest detachable = request;
    detachable.survivesDetach = true;
    RemoteCommand* command = m_connections->host(hostId)->run(detachable);
    track(command, hostId, *target, request, context, sent, true);
    return command;
}

Result<RemoteFileOperation*> CommandGateway::writeFile(const QString& hostId, const QString& path,
                                                       const QByteArray& data, bool exclusive,
                                                       const AuditContext& context, const QString& description)
{
    const Result<Target> target = targetFor(hostId);
    if (!target)
        return Result<RemoteFileOperation*>(target.error());
    CommandRequest request;
    request.command = description.isEmpty() ? writeText(path, data, exclusive) : description;
    request.survivesDetach = false; // a write cannot be left half-way: it is stopped instead
    const QDateTime sent = QDateTime::currentDateTimeUtc();
    if (const Result<void> written = writeSent(*target, request, context, sent); !written)
        return Result<RemoteFileOperation*>(written.error());
    RemoteFileOperation* op = m_connections->host(hostId)->writeFile(path, data, exclusive);
    track(op, hostId, *target, request, context, sent, true);
    return op;
}

Result<RemoteCommand*> CommandGateway::runRead(const QString& hostId, const CommandRequest& request,
                                               const AuditContext& context)
{
    const Result<Target> target = targetFor(hostId);
    if (!target)
        return Result<RemoteCommand*>(target.error());
    RemoteCommand* command = m_connections->host(hostId)->run(request);
    track(command, hostId, *target, request, context, QDateTime::currentDateTimeUtc(), false);
    return command;
}

void CommandGateway::track(RemoteOperation* op, const QString& hostId, const Target& target,
                           const CommandRequest& request, const AuditContext& context, const QDateTime& sent,
                           bool action)
{
    const quint64 id = ++m_nextId;
    if (action) {
        m_inFlight.insert(id, Tracked{InFlightAction{id, hostId, request.command, context, sent}, op, target, request});
        Q_EMIT inFlightChanged(hostId);
    }
    AuditLog* log = target.log;
    // The lab log may be replaced (the demo ended) while the command was in flight.
    const auto logAlive = [this, log] { return log && (log == m_audit.get() || log == m_labAudit.get()); };
    connect(op, &RemoteOperation::finished, this, [this, op, id, hostId, target, request, context, sent, logAlive] {
        const bool wasInFlight = m_inFlight.remove(id) > 0;
        if (logAlive())
            report(target.log->recordResult(target.hostKey, target.user, request, resultOf(op), context, sent));
        if (wasInFlight)
            Q_EMIT inFlightChanged(hostId);
    });
    connect(op, &QObject::destroyed, this, [this, id, hostId, target, request, context, sent, logAlive] {
        // Deleted before its result came: nobody watches it any more. Say so in the record.
        if (m_inFlight.remove(id) == 0)
            return;
        if (logAlive())
            report(target.log->recordOutcome(target.hostKey, target.user, request, AuditOutcome::Abandoned, context,
                                             sent, sent.msecsTo(QDateTime::currentDateTimeUtc())));
        Q_EMIT inFlightChanged(hostId);
    });
}

QList<InFlightAction> CommandGateway::inFlight(const QString& hostId) const
{
    QList<InFlightAction> out;
    for (const Tracked& t : m_inFlight) {
        if (hostId.isEmpty() || t.action.hostId == hostId)
            out.append(t.action);
    }
    std::sort(out.begin(), out.end(), [](const InFlightAction& a, const InFlightAction& b) { return a.id < b.id; });
    return out;
}

void CommandGateway::forEachOperation(const QStringList& hostIds, const std::function<void(RemoteOperation*)>& f) const
{
    // A copy: cancel() and detach() may answer at once and change m_inFlight.
    QList<QPointer<RemoteOperation>> operations;
    for (const Tracked& t : m_inFlight) {
        if (hostIds.isEmpty() || hostIds.contains(t.action.hostId))
            operations.append(t.operation);
    }
    for (const QPointer<RemoteOperation>& op : std::as_const(operations)) {
        if (op)
            f(op);
    }
}

void CommandGateway::stopActions(const QStringList& hostIds)
{
    forEachOperation(hostIds, [](RemoteOperation* op) { op->cancel(); });
}

void CommandGateway::detachActions(const QStringList& hostIds)
{
    forEachOperation(hostIds, [](RemoteOperation* op) { op->detach(); });
}

bool CommandGateway::hasActionInFlight(const QString& hostId) const
{
    return std::any_of(m_inFlight.cbegin(), m_inFlight.cend(),
                       [&](const Tracked& t) { return t.action.hostId == hostId; });
}

} // namespace xr
