#include "HostReadBatch.h"

#include "AuditLog.h"

#include <QTimer>

namespace xr {

HostReadBatch::HostReadBatch(RemoteHost* host, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_audit(audit)
{}

HostReadBatch::~HostReadBatch() = default;

void HostReadBatch::addCommand(const QString& key, const ShellCommand& command, int timeoutMs)
{
    Job j;
    j.key = key;
    j.request.command = command.toShell();
    j.request.timeoutMs = timeoutMs;
    j.request.maxOutputBytes = 8 * 1024 * 1024;
    m_jobs << j;
}

void HostReadBatch::addFile(const QString& key, const QString& path, qint64 maxBytes)
{
    Job j;
    j.key = key;
    j.isCommand = false;
    j.file.kind = FileOperationKind::ReadRange;
    j.file.path = path;
    j.file.length = maxBytes;
    j.file.timeoutMs = 15000;
    m_jobs << j;
}

void HostReadBatch::addList(const QString& key, const QString& path)
{
    Job j;
    j.key = key;
    j.isCommand = false;
    j.file.kind = FileOperationKind::List;
    j.file.path = path;
    j.file.timeoutMs = 15000;
    m_jobs << j;
}

void HostReadBatch::start()
{
    if (m_started)
        return;
    m_started = true;
    m_pending = int(m_jobs.size());
    if (!m_host || m_jobs.isEmpty()) {
        m_pending = 0;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
        return;
    }
    m_next = 0;
    launch();
}

void HostReadBatch::launch()
{
    // A few commands at a time: sshd allows 10 sessions per connection (MaxSessions) and the
    // host's polling uses some of them.
    while (m_next < m_jobs.size() && (m_running < MaxParallel || !m_jobs[m_next].isCommand)) {
        const Job j = m_jobs[m_next++];
        if (!m_host) {
            done();
            continue;
        }
        if (j.isCommand) {
            ++m_running;
            const QDateTime started = QDateTime::currentDateTimeUtc();
            RemoteCommand* c = m_host->run(j.request);
            c->setParent(this);
            connect(c, &RemoteOperation::finished, this, [this, c, j, started] {
                const CommandResult& r = c->result();
                m_commands.insert(j.key, r);
                if (m_audit && m_host) {
                    const QString hostKey = m_host->displayName();
                    const QString user = hostKey.contains(u'@') ? hostKey.section(u'@', 0, 0) : QString();
                    if (const Result<void> written = m_audit->record(hostKey, user, j.request, r, QString(), started);
                        !written)
                        m_problems << written.errorMessage();
                }
                if (r.outcome != CommandOutcome::Finished)
                    m_problems << tr("%1: %2").arg(j.request.command, r.error.isEmpty() ? tr("no answer") : r.error);
                c->deleteLater();
                --m_running;
                done();
                launch();
            });
        } else {
            RemoteFileOperation* f = m_host->fileOperation(j.file);
            f->setParent(this);
            connect(f, &RemoteOperation::finished, this, [this, f, j] {
                m_files.insert(j.key, f->result());
                f->deleteLater();
                done();
            });
        }
    }
}

void HostReadBatch::done()
{
    if (--m_pending == 0)
        Q_EMIT finished();
}

std::optional<QByteArray> HostReadBatch::output(const QString& key) const
{
    const auto it = m_commands.constFind(key);
    if (it == m_commands.constEnd() || it->outcome != CommandOutcome::Finished || it->exitStatus == 126 ||
        it->exitStatus == 127)
        return std::nullopt;
    return it->stdOut;
}

std::optional<QByteArray> HostReadBatch::file(const QString& key) const
{
    const auto it = m_files.constFind(key);
    if (it == m_files.constEnd() || !it->ok)
        return std::nullopt;
    return it->data;
}

QList<RemoteFileInfo> HostReadBatch::entries(const QString& key) const
{
    const auto it = m_files.constFind(key);
    return it == m_files.constEnd() ? QList<RemoteFileInfo>() : it->entries;
}

} // namespace xr
