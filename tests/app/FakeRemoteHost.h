#pragma once

#include "RemoteHost.h"
#include "RemoteOperation.h"

#include <QHash>
#include <QPointer>
#include <QTimer>

/// A RemoteHost whose state the test sets, and whose commands finish with a result the test
/// chose. Not a mock of SSH: it stands for "some transport" where the code under test must
/// not care which.
class FakeRemoteHost final : public xr::RemoteHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeRemoteHost)

public:
    explicit FakeRemoteHost(QString name, QObject* parent = nullptr)
        : xr::RemoteHost(parent)
        , m_name(std::move(name))
    {}

    QString displayName() const override { return m_name; }
    void connectToHost() override
    {
        ++connectCalls;
        setState(xr::HostState::Connecting);
    }
    void disconnectFromHost() override { setState(xr::HostState::Disconnected); }
    void force(xr::HostState state, const QString& message = {}, xr::FailureKind kind = xr::FailureKind::Network)
    {
        setState(state, message, kind);
    }

    xr::RemoteCommand* run(const xr::CommandRequest& request) override
    {
        auto* command = new xr::RemoteCommand(this, nextOperationId(), request);
        held.insert(command->id(), command);
        sent.append(request.command);
        const xr::CommandResult result = nextResult;
        if (!holdCommands)
            QTimer::singleShot(0, command, [command, result] { command->deliverResult(result); });
        return command;
    }
    xr::RemoteFileOperation* fileOperation(const xr::FileRequest& request) override
    {
        auto* op = new xr::RemoteFileOperation(this, nextOperationId(), request);
        if (request.kind == xr::FileOperationKind::Write) {
            sent.append(QStringLiteral("write ") + request.path);
            const xr::FileResult result = nextFileResult;
            if (!holdCommands)
                QTimer::singleShot(0, op, [op, result] { op->deliverResult(result); });
        }
        return op;
    }
    // Answered at the next turn of the event loop, as a real transport does (and never on an
    // operation that is being destroyed: ~RemoteOperation cancels).
    void cancelOperation(quint64 id) override
    {
        QTimer::singleShot(0, this, [this, id] { finish(id, xr::CommandOutcome::Cancelled); });
    }
    void detachOperation(quint64 id) override
    {
        QTimer::singleShot(0, this, [this, id] { finish(id, xr::CommandOutcome::Detached); });
    }

    xr::CommandResult nextResult;
    xr::FileResult nextFileResult;
    /// Commands (and writes) never finish: they stay in flight until deleted.
    bool holdCommands = false;
    /// Every command string (and "write PATH") this host was given, in order.
    QStringList sent;
    /// How held commands were ended (cancel / detach), by command string.
    QHash<QString, xr::CommandOutcome> ended;

    /// Ends a held command as if the host finished it with exit status 0.
    void finishHeld(const QString& command)
    {
        for (auto it = held.begin(); it != held.end(); ++it) {
            if (it.value() && it.value()->request().command == command) {
                xr::CommandResult r;
                r.outcome = xr::CommandOutcome::Finished;
                r.exitStatus = 0;
                QPointer<xr::RemoteCommand> c = it.value();
                held.erase(it);
                c->deliverResult(r);
                return;
            }
        }
    }
    int connectCalls = 0;

private:
    void finish(quint64 id, xr::CommandOutcome outcome)
    {
        QPointer<xr::RemoteCommand> command = held.take(id);
        if (!command || command->isFinished())
            return;
        ended.insert(command->request().command, outcome);
        xr::CommandResult r;
        r.outcome = outcome;
        command->deliverResult(r);
    }

    QHash<quint64, QPointer<xr::RemoteCommand>> held;
    QString m_name;
};
