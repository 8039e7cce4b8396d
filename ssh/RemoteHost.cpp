#include "RemoteHost.h"

namespace xr {

RemoteHost::RemoteHost(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<xr::CommandRequest>();
    qRegisterMetaType<xr::CommandResult>();
    qRegisterMetaType<xr::FileRequest>();
    qRegisterMetaType<xr::FileResult>();
    qRegisterMetaType<xr::HostState>();
    qRegisterMetaType<xr::FailureKind>();
    qRegisterMetaType<xr::OutputStream>();
}

RemoteHost::~RemoteHost() = default;

void RemoteHost::setState(HostState state, const QString& message, FailureKind kind)
{
    if (state != HostState::Failed && state != HostState::Lost)
        kind = FailureKind::Network;
    if (state == m_state && message == m_stateMessage && kind == m_failureKind)
        return;
    m_state = state;
    m_stateMessage = message;
    m_failureKind = kind;
    Q_EMIT stateChanged(state, message);
}

RemoteFileOperation* RemoteHost::stat(const QString& path)
{
    FileRequest r;
    r.kind = FileOperationKind::Stat;
    r.path = path;
    return fileOperation(r);
}

RemoteFileOperation* RemoteHost::list(const QString& path)
{
    FileRequest r;
    r.kind = FileOperationKind::List;
    r.path = path;
    return fileOperation(r);
}

RemoteFileOperation* RemoteHost::readRange(const QString& path, qint64 offset, qint64 length)
{
    FileRequest r;
    r.kind = FileOperationKind::ReadRange;
    r.path = path;
    r.offset = offset;
    r.length = length;
    return fileOperation(r);
}

RemoteFileOperation* RemoteHost::readTail(const QString& path, qint64 bytes)
{
    FileRequest r;
    r.kind = FileOperationKind::ReadTail;
    r.path = path;
    r.length = bytes;
    return fileOperation(r);
}

RemoteFileOperation* RemoteHost::writeFile(const QString& path, const QByteArray& data, bool exclusive)
{
    FileRequest r;
    r.kind = FileOperationKind::Write;
    r.path = path;
    r.data = data;
    r.exclusive = exclusive;
    return fileOperation(r);
}

RemoteFileOperation* RemoteHost::download(const QString& path, const QString& localPath)
{
    FileRequest r;
    r.kind = FileOperationKind::Download;
    r.path = path;
    r.localPath = localPath;
    return fileOperation(r);
}

} // namespace xr
