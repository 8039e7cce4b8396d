#pragma once

#include "AuditLog.h"
#include "RemoteTypes.h"
#include "Result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace xr {

class ConnectionManager;
class RemoteCommand;
class RemoteFileOperation;
class RemoteOperation;

/// A state-changing command the gateway sent and whose result has not come back yet.
struct InFlightAction
{
    quint64 id = 0;
    QString hostId;
    /// The exact shell string (or "write PATH (N bytes)" for a file write).
    QString command;
    AuditContext context;
    QDateTime sent;
};

/// The one road for commands to hosts that the audit log must know about.
///
/// State-changing commands (rungs, VM actions, dom0 memory commands and file writes, the
/// toolstack restart, anything later) pass runAction() / writeFile():
///   1. the audit log gets a durable "sent" line first; when it cannot be written, nothing is
///      sent and the call fails;
///   2. the command goes to the host's transport;
///   3. its result is recorded with a known outcome (AuditOutcome), with the run id;
///   4. until then the command is "in flight" on its host (inFlight()), so a teardown can ask
///      first. An operation deleted before its result came is recorded as abandoned.
/// Reads whose record matters (a rescue's diagnosis) pass runRead(): recorded when they end.
/// Lab hosts (ConnectionManager::isUnsaved) write to the lab audit log when one is set, never
/// to the real one. Lives in the GUI thread; never blocks.
class CommandGateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandGateway)

public:
    CommandGateway(ConnectionManager* connections, const QString& auditLogPath, QObject* parent = nullptr);
    ~CommandGateway() override;

    AuditLog& auditLog() { return *m_audit; }
    /// Where actions on lab hosts are recorded; empty: they are not recorded.
    void setLabAuditLog(const QString& path);
    /// The audit log the History tab shows: the lab's while one is set.
    QString historyLogFile() const;

    /// Sends a state-changing command. The caller owns the returned command.
    [[nodiscard]] Result<RemoteCommand*> runAction(const QString& hostId, const CommandRequest& request,
                                                   const AuditContext& context);
    /// Replaces (or with `exclusive` creates) a file on the host, audited like a command
    /// (`description`, or "write PATH (N bytes)"; never the content). The caller owns the
    /// returned operation.
    [[nodiscard]] Result<RemoteFileOperation*> writeFile(const QString& hostId, const QString& path,
                                                         const QByteArray& data, bool exclusive,
                                                         const AuditContext& context, const QString& description = {});
    /// Sends a read whose record matters; one line is written when it ends.
    [[nodiscard]] Result<RemoteCommand*> runRead(const QString& hostId, const CommandRequest& request,
                                                 const AuditContext& context);

    /// State-changing commands sent and not finished, on one host (empty: every host).
    QList<InFlightAction> inFlight(const QString& hostId = {}) const;
    bool hasActionInFlight(const QString& hostId) const;
    /// Stops the actions in flight on these hosts (empty: every host): their remote process
    /// groups are signalled and each is recorded "cancelled" when its result comes.
    void stopActions(const QStringList& hostIds = {});
    /// Leaves the actions in flight on these hosts running there and stops watching them:
    /// each is recorded "abandoned". Commands are sent so that they survive this
    /// (CommandRequest::survivesDetach); a file write is stopped instead.
    void detachActions(const QStringList& hostIds = {});

    /// The user name of a host's endpoint, as the audit log records it.
    QString auditUser(const QString& hostId) const;

Q_SIGNALS:
    /// The audit log could not be written: the UI must say so, loudly.
    void auditFailed(const QString& message);
    /// A line was added to the audit log the History tab shows.
    void auditWritten();
    /// An action started or ended on a host.
    void inFlightChanged(const QString& hostId);

private:
    struct Target
    {
        AuditLog* log = nullptr; // nullptr: a lab host without a lab log
        QString hostKey;
        QString user;
    };
    [[nodiscard]] Result<Target> targetFor(const QString& hostId) const;
    [[nodiscard]] Result<void> writeSent(const Target& target, const CommandRequest& request,
                                         const AuditContext& context, const QDateTime& sent);
    void track(RemoteOperation* op, const QString& hostId, const Target& target, const CommandRequest& request,
               const AuditContext& context, const QDateTime& sent, bool action);
    void report(const Result<void>& written);

    ConnectionManager* m_connections;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AuditLog> m_labAudit;
    // An action in flight: what inFlight() shows, the operation (to stop or leave it), and
    // what its last audit line needs if the gateway goes first.
    struct Tracked
    {
        InFlightAction action;
        QPointer<RemoteOperation> operation;
        Target target;
        CommandRequest request;
    };
    /// Calls `f` on the operation of every action in flight on these hosts (empty: every host).
    void forEachOperation(const QStringList& hostIds, const std::function<void(RemoteOperation*)>& f) const;

    QHash<quint64, Tracked> m_inFlight;
    quint64 m_nextId = 0;
};

} // namespace xr
