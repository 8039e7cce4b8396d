#pragma once

#include "Dom0MemPlan.h"
#include "PoolState.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace xr {

class CommandGateway;
class RemoteHost;
struct AuditContext;

/// Carries out a Dom0MemPlan on a host (issue 8), one step after the other, stopping at the
/// first failure:
///   1. xapi hosts: `xe host-param-get uuid=H param-name=enabled` must say false (maintenance
///      mode), else nothing is changed;
///   2. every file is read again and must still be what the preview showed;
///   3. each file is copied to its backup (never overwriting one), then written;
///   4. the plan's commands run (xen-cmdline --set-xen, update-grub);
///   5. xapi: `xen-cmdline --get-xen dom0_mem` must print what --set-xen was given;
///   6. each edited file is read back and compared.
/// A size below the vendor's floor (Dom0MemPlan::vendorMinimumMiB for this host's brand) is refused
/// before anything is sent. Each file write goes to a temporary file beside the target that is
/// flushed and renamed over it in one step (RemoteHost::writeFile), after its backup copy.
/// Every write and command goes through the command gateway: recorded in the audit log before
/// it is sent (nothing is sent when that fails, and the change stops) and again with its
/// result. Reads (the maintenance check, re-reading and verifying files) go to the host.
class Dom0MemChange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dom0MemChange)

public:
    Dom0MemChange(CommandGateway* gateway, const QString& hostId, RemoteHost* host, const HostIdentity& identity,
                  QObject* parent = nullptr);
    ~Dom0MemChange() override;

    void run(const Dom0MemPlan& plan);
    /// Started and not finished yet.
    bool isRunning() const { return m_started && !m_finished; }
    /// Stops the step in flight (its remote process group is signalled) and runs no further
    /// step; finished(false, …) follows with what was done.
    void stop();
    /// What was done, one translated line per step.
    QStringList transcript() const { return m_transcript; }

Q_SIGNALS:
    void progress(const QString& line);
    void finished(bool ok, const QString& message);

private:
    enum class Stage { Maintenance, Reread, Backup, Write, Commands, ReadBack, Verify, Done };
    void next();
    void fail(const QString& message);
    void say(const QString& line);
    AuditContext context() const;
    QList<FileEdit> allFiles() const;

    CommandGateway* m_gateway;
    QString m_hostId;
    QPointer<RemoteHost> m_host;
    HostIdentity m_identity;
    Dom0MemPlan m_plan;
    Stage m_stage = Stage::Maintenance;
    int m_index = 0;
    bool m_started = false;
    bool m_stopRequested = false;
    bool m_finished = false;
    QStringList m_transcript;
};

} // namespace xr
