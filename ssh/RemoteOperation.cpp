#include "RemoteOperation.h"

#include "RemoteHost.h"

namespace xr {

RemoteOperation::RemoteOperation(RemoteHost* host, quint64 id)
    : m_host(host)
    , m_id(id)
{}

RemoteOperation::~RemoteOperation()
{
    // An operation dropped by its owner: a read must not keep a remote process running; a
    // state-changing command is never killed silently: it is left running (the gateway records
    // it "abandoned").
    if (!m_finished && m_host) {
        if (m_survivesDetach)
            m_host->detachOperation(m_id);
        else
            m_host->cancelOperation(m_id);
    }
}

void RemoteOperation::cancel()
{
    if (!m_finished && m_host)
        m_host->cancelOperation(m_id);
}

void RemoteOperation::detach()
{
    if (!m_finished && m_host)
        m_host->detachOperation(m_id);
}

void RemoteOperation::markFinished()
{
    m_finished = true;
    Q_EMIT finished();
}

RemoteCommand::RemoteCommand(RemoteHost* host, quint64 id, CommandRequest request)
    : RemoteOperation(host, id)
    , m_request(std::move(request))
{
    setSurvivesDetach(m_request.survivesDetach);
}

void RemoteCommand::deliverOutput(OutputStream stream, const QByteArray& chunk)
{
    QByteArray& partial = m_partial[stream == OutputStream::StdOut ? 0 : 1];
    partial += chunk;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = partial.indexOf('\n', start);
        if (nl < 0)
            break;
        QByteArray line = partial.mid(start, nl - start);
        if (line.endsWith('\r'))
            line.chop(1);
        Q_EMIT outputLine(stream, line);
        start = nl + 1;
    }
    partial.remove(0, start);
}

void RemoteCommand::deliverResult(const CommandResult& result)
{
    if (isFinished())
        return;
    m_result = result;
    // The last line may have no newline.
    for (int i = 0; i < 2; ++i) {
        if (!m_partial[i].isEmpty()) {
            Q_EMIT outputLine(i == 0 ? OutputStream::StdOut : OutputStream::StdErr, m_partial[i]);
            m_partial[i].clear();
        }
    }
    markFinished();
}

RemoteFileOperation::RemoteFileOperation(RemoteHost* host, quint64 id, FileRequest request)
    : RemoteOperation(host, id)
    , m_request(std::move(request))
{}

void RemoteFileOperation::deliverResult(const FileResult& result)
{
    if (isFinished())
        return;
    m_result = result;
    markFinished();
}

} // namespace xr
