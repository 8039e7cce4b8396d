#include "Dom0MemChange.h"

#include "CommandGateway.h"
#include "RemoteHost.h"

#include <QTimer>

#include <algorithm>

namespace xr {

Dom0MemChange::Dom0MemChange(CommandGateway* gateway, const QString& hostId, RemoteHost* host,
                             const HostIdentity& identity, QObject* parent)
    : QObject(parent)
    , m_gateway(gateway)
    , m_hostId(hostId)
    , m_host(host)
    , m_identity(identity)
{}

Dom0MemChange::~Dom0MemChange() = default;

QList<FileEdit> Dom0MemChange::allFiles() const
{
    return m_plan.backupsOnly + m_plan.edits;
}

void Dom0MemChange::stop()
{
    if (!isRunning())
        return;
    m_stopRequested = true;
    // The step in flight is stopped on the host; its own result ends the change (finished()
    // then says how it ended). Between two steps, the change ends now.
    bool inFlight = false;
    const QList<RemoteOperation*> steps = findChildren<RemoteOperation*>(Qt::FindDirectChildrenOnly);
    for (RemoteOperation* op : steps) {
        if (!op->isFinished()) {
            inFlight = true;
            op->cancel();
        }
    }
    if (!inFlight)
        fail(tr("Stopped by the admin. The steps above were done; each changed file has its backup beside it."));
}

void Dom0MemChange::run(const Dom0MemPlan& plan)
{
    m_started = true;
    m_plan = plan;
    m_stage = plan.requiresMaintenanceMode ? Stage::Maintenance : Stage::Reread;
    m_index = 0;
    // The vendor's floor for this very host, whatever the plan was made with.
    QString reason;
    const qint64 min = Dom0MemPlan::vendorMinimumMiB(m_identity.flavour.kind, m_identity.flavour.productBrand, &reason);
    if (plan.newMiB < min) {
        QTimer::singleShot(0, this, [this, min, reason] {
            fail(tr("%1 MiB is below the smallest dom0 XenRescue offers on %2 (%3 MiB): %4 Nothing was changed.")
                     .arg(m_plan.newMiB)
                     .arg(m_identity.hostname)
                     .arg(min)
                     .arg(reason));
        });
        return;
    }
    QTimer::singleShot(0, this, &Dom0MemChange::next);
}

void Dom0MemChange::say(const QString& line)
{
    m_transcript << line;
    Q_EMIT progress(line);
}

void Dom0MemChange::fail(const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    say(message);
    Q_EMIT finished(false, message);
}

AuditContext Dom0MemChange::context() const
{
    return AuditContext{QStringLiteral("dom0-mem"), QString(), QString(), QStringLiteral("dom0 memory")};
}

void Dom0MemChange::next()
{
    if (m_finished)
        return;
    if (m_stopRequested) {
        fail(tr("Stopped by the admin. The steps above were done; each changed file has its backup beside it."));
        return;
    }
    if (!m_host || !m_host->isConnected()) {
        fail(tr("The host is not connected; nothing more was changed."));
        return;
    }
    const QList<FileEdit> files = allFiles();
    switch (m_stage) {
    case Stage::Maintenance: {
        const ShellCommand check =
            Dom0MemPlan::maintenanceCheckCommand(m_identity.toolPaths.value(QStringLiteral("xe")), m_identity.uuid);
        CommandRequest req;
        req.command = check.toShell();
        req.timeoutMs = 20000;
        say(tr("Checking that %1 is in maintenance mode: %2").arg(m_identity.hostname, req.command));
        RemoteCommand* c = m_host->run(req);
        c->setParent(this);
        connect(c, &RemoteOperation::finished, this, [this, c] {
            const CommandResult r = c->result();
            c->deleteLater();
            const QString value = QString::fromUtf8(r.stdOut).trimmed();
            if (!r.succeeded()) {
                fail(tr("Could not read whether the host is enabled (%1); nothing was changed.")
                         .arg(r.error.isEmpty() ? QString::fromUtf8(r.stdErr).trimmed() : r.error));
                return;
            }
            if (value != u"false") {
                fail(tr("%1 is not in maintenance mode (enabled: %2). Migrate its VMs away and disable the host "
                        "first (xe host-disable, or Enter Maintenance Mode in XenCenter); nothing was changed.")
                         .arg(m_identity.hostname, value));
                return;
            }
            say(tr("The host is disabled (maintenance mode)."));
            m_stage = Stage::Reread;
            m_index = 0;
            next();
        });
        return;
    }
    case Stage::Reread: {
        if (m_index >= files.size()) {
            m_stage = Stage::Backup;
            m_index = 0;
            next();
            return;
        }
        const FileEdit f = files[m_index];
        RemoteFileOperation* op = m_host->readRange(f.path, 0, 4 * 1024 * 1024);
        op->setParent(this);
        connect(op, &RemoteOperation::finished, this, [this, op, f] {
            const FileResult r = op->result();
            op->deleteLater();
            if (!r.ok) {
                fail(tr("Could not read %1 again (%2); nothing was changed.").arg(f.path, r.error));
                return;
            }
            if (r.data != f.before) {
                fail(tr("%1 changed since the preview was made; nothing was changed. Open the dialog again.")
                         .arg(f.path));
                return;
            }
            ++m_index;
            next();
        });
        return;
    }
    case Stage::Backup:
    case Stage::Write: {
        const bool backup = m_stage == Stage::Backup;
        const QList<FileEdit> list = backup ? files : m_plan.edits;
        if (m_index >= list.size()) {
            m_stage = backup ? Stage::Write : Stage::Commands;
            m_index = 0;
            next();
            return;
        }
        const FileEdit f = list[m_index];
        const QString path = backup ? f.backupPath : f.path;
        const QByteArray data = backup ? f.before : f.after;
        const QString what = backup ? QStringLiteral("sftp write %1 (backup of %2, %3 bytes, exclusive)")
                                          .arg(f.backupPath, f.path)
                                          .arg(data.size())
                                    : QStringLiteral("sftp write %1 (%2 bytes to %1.xenrescue-tmp, fsync, then "
                                                     "mv -f over %1)")
                                          .arg(f.path)
                                          .arg(data.size());
        say(backup ? tr("Backing up %1 to %2").arg(f.path, f.backupPath) : tr("Writing %1").arg(f.path));
        const Result<RemoteFileOperation*> sent = m_gateway->writeFile(m_hostId, path, data, backup, context(), what);
        if (!sent) {
            fail(tr("%1 was not written: %2").arg(path, sent.errorMessage()));
            return;
        }
        RemoteFileOperation* op = *sent;
        op->setParent(this);
        connect(op, &RemoteOperation::finished, this, [this, op, path] {
            const FileResult r = op->result();
            op->deleteLater();
            if (!r.ok) {
                fail(tr("Writing %1 failed: %2. %1 still holds its content from before this step (it is replaced "
                        "in one rename); files written before this step are listed above; their backups are kept.")
                         .arg(path, r.error));
                return;
            }
            if (!r.note.isEmpty())
                say(r.note);
            ++m_index;
            next();
        });
        return;
    }
    case Stage::Commands: {
        if (m_index >= m_plan.commands.size()) {
            m_stage = Stage::ReadBack;
            m_index = 0;
            next();
            return;
        }
        CommandRequest req;
        req.command = m_plan.commands[m_index].toShell();
        req.timeoutMs = 120000;
        say(tr("Running %1").arg(req.command));
        const Result<RemoteCommand*> sent = m_gateway->runAction(m_hostId, req, context());
        if (!sent) {
            fail(tr("%1 was not run: %2").arg(req.command, sent.errorMessage()));
            return;
        }
        RemoteCommand* c = *sent;
        c->setParent(this);
        connect(c, &RemoteOperation::finished, this, [this, c, req] {
            const CommandResult r = c->result();
            c->deleteLater();
            if (!r.succeeded()) {
                fail(tr("%1 failed (exit status %2): %3")
                         .arg(req.command)
                         .arg(r.exitStatus)
                         .arg(r.error.isEmpty() ? QString::fromUtf8(r.stdErr).trimmed() : r.error));
                return;
            }
            ++m_index;
            next();
        });
        return;
    }
    case Stage::ReadBack: {
        // What xen-cmdline --set-xen wrote is read back with --get-xen (xapi plans only).
        const auto setXen = std::find_if(m_plan.commands.cbegin(), m_plan.commands.cend(),
                                         [](const ShellCommand& c) { return c.args.value(0) == u"--set-xen"; });
        if (setXen == m_plan.commands.cend()) {
            m_stage = Stage::Verify;
            next();
            return;
        }
        CommandRequest req;
        req.command = Dom0MemPlan::xenCmdlineReadBack(setXen->program).toShell();
        req.timeoutMs = 20000;
        say(tr("Reading back: %1").arg(req.command));
        RemoteCommand* c = m_host->run(req);
        c->setParent(this);
        connect(c, &RemoteOperation::finished, this, [this, c] {
            const CommandResult r = c->result();
            c->deleteLater();
            if (!r.succeeded()) {
                fail(tr("Could not read back the boot configuration (%1); check it with xen-cmdline --get-xen "
                        "dom0_mem before rebooting.")
                         .arg(r.error.isEmpty() ? QString::fromUtf8(r.stdErr).trimmed() : r.error));
                return;
            }
            if (const Result<void> same = m_plan.checkReadBack(r.stdOut); !same) {
                fail(tr("%1 Do not reboot before it is checked; the boot configuration's backup is %2.")
                         .arg(same.errorMessage(),
                              m_plan.backupsOnly.isEmpty() ? tr("not there") : m_plan.backupsOnly.first().backupPath));
                return;
            }
            say(tr("xen-cmdline --get-xen reads back dom0_mem=%1.").arg(m_plan.dom0MemValue));
            m_stage = Stage::Verify;
            m_index = 0;
            next();
        });
        return;
    }
    case Stage::Verify: {
        if (m_index >= m_plan.edits.size()) {
            m_stage = Stage::Done;
            m_finished = true;
            const QString msg = tr("dom0's memory will be %1 MiB after the next reboot of %2. Reboot the host when "
                                   "its VMs are moved or shut down.")
                                    .arg(m_plan.newMiB)
                                    .arg(m_identity.hostname);
            say(msg);
            Q_EMIT finished(true, msg);
            return;
        }
        const FileEdit f = m_plan.edits[m_index];
        RemoteFileOperation* op = m_host->readRange(f.path, 0, 4 * 1024 * 1024);
        op->setParent(this);
        connect(op, &RemoteOperation::finished, this, [this, op, f] {
            const FileResult r = op->result();
            op->deleteLater();
            if (!r.ok || r.data != f.after) {
                fail(tr("%1 does not read back as written; compare it with its backup %2.").arg(f.path, f.backupPath));
                return;
            }
            say(tr("%1 reads back as written.").arg(f.path));
            ++m_index;
            next();
        });
        return;
    }
    case Stage::Done:
        return;
    }
}

} // namespace xr
