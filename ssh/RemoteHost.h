#pragma once

#include "RemoteOperation.h"
#include "RemoteTypes.h"

#include <QObject>

namespace xr {

/// A dom0 XenRescue can run commands on and read files from: a real host over SSH
/// (SshHost) or a simulated one (SimHost, demo mode). Every call returns at once; results
/// arrive as signals in the caller's thread. Operations it returns are owned by the caller.
class RemoteHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteHost)

public:
    explicit RemoteHost(QObject* parent = nullptr);
    ~RemoteHost() override;

    /// user@host:port, as shown to the user and used as the audit/keychain key.
    virtual QString displayName() const = 0;
    HostState state() const { return m_state; }
    QString stateMessage() const { return m_stateMessage; }
    /// Why the host is Failed or Lost (Network in every other state).
    FailureKind failureKind() const { return m_failureKind; }
    bool isConnected() const { return m_state == HostState::Connected; }

    virtual void connectToHost() = 0;
    virtual void disconnectFromHost() = 0;

    [[nodiscard]] virtual RemoteCommand* run(const CommandRequest& request) = 0;
    [[nodiscard]] virtual RemoteFileOperation* fileOperation(const FileRequest& request) = 0;

    // Conveniences over fileOperation().
    [[nodiscard]] RemoteFileOperation* stat(const QString& path);
    [[nodiscard]] RemoteFileOperation* list(const QString& path);
    [[nodiscard]] RemoteFileOperation* readRange(const QString& path, qint64 offset, qint64 length);
    [[nodiscard]] RemoteFileOperation* readTail(const QString& path, qint64 bytes);
    [[nodiscard]] RemoteFileOperation* download(const QString& path, const QString& localPath);
    /// Replaces (or, with `exclusive`, creates) a small file with `data` (see FileOperationKind::Write).
    [[nodiscard]] RemoteFileOperation* writeFile(const QString& path, const QByteArray& data, bool exclusive = false);

    /// Cancels an operation by id (RemoteOperation::cancel() calls this).
    virtual void cancelOperation(quint64 id) = 0;
    /// Finishes a command as Detached without stopping its remote process (RemoteOperation::
    /// detach() calls this); a file operation is cancelled.
    virtual void detachOperation(quint64 id) = 0;

Q_SIGNALS:
    void stateChanged(xr::HostState state, const QString& message);

protected:
    void setState(HostState state, const QString& message = {}, FailureKind kind = FailureKind::Network);
    quint64 nextOperationId() { return ++m_lastId; }

private:
    HostState m_state = HostState::Disconnected;
    QString m_stateMessage;
    FailureKind m_failureKind = FailureKind::Network;
    quint64 m_lastId = 0;
};

} // namespace xr
