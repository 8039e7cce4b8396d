#pragma once

#include "RemoteTypes.h"

#include <QObject>
#include <QPointer>

namespace xr {

class RemoteHost;

/// A command or file operation in flight on a RemoteHost. Lives in the thread of the host
/// object that created it; delete it (or deleteLater) when done. Deleting it before it
/// finishes cancels it.
class RemoteOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteOperation)

public:
    ~RemoteOperation() override;

    quint64 id() const { return m_id; }
    bool isFinished() const { return m_finished; }
    /// Stops the operation; a command's remote process group is signalled (TERM, then KILL).
    void cancel();
    /// Stops watching a command and leaves its remote process running (the admin chose "keep
    /// it running on the host"): its result becomes CommandOutcome::Detached. A file
    /// operation is cancelled instead.
    void detach();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

protected:
    RemoteOperation(RemoteHost* host, quint64 id);
    void markFinished();
    void setSurvivesDetach(bool survives) { m_survivesDetach = survives; }

private:
    QPointer<RemoteHost> m_host;
    quint64 m_id;
    bool m_finished = false;
    bool m_survivesDetach = false;
};

/// A remote command. In streaming mode outputLine() delivers complete lines (without the
/// newline) as they arrive; result() holds everything once finished() was emitted.
class RemoteCommand final : public RemoteOperation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteCommand)

public:
    RemoteCommand(RemoteHost* host, quint64 id, CommandRequest request);

    const CommandRequest& request() const { return m_request; }
    const CommandResult& result() const { return m_result; }

    // Called by the transport that owns this operation.
    void deliverOutput(OutputStream stream, const QByteArray& chunk);
    void deliverResult(const CommandResult& result);

Q_SIGNALS:
    void outputLine(xr::OutputStream stream, const QByteArray& line);

private:
    CommandRequest m_request;
    CommandResult m_result;
    QByteArray m_partial[2];
};

/// A remote file operation (SFTP on SSH hosts).
class RemoteFileOperation final : public RemoteOperation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteFileOperation)

public:
    RemoteFileOperation(RemoteHost* host, quint64 id, FileRequest request);

    const FileRequest& request() const { return m_request; }
    const FileResult& result() const { return m_result; }

    void deliverResult(const FileResult& result);

private:
    FileRequest m_request;
    FileResult m_result;
};

} // namespace xr
