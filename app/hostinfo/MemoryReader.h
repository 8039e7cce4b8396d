#pragma once

#include "MemoryReport.h"
#include "PoolState.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace xr {

class AuditLog;
class HostReadBatch;
class RemoteHost;

/// What the Memory tab and the change dialog need from one host: the report, plus the files
/// the "Change dom0 memory" plan edits (as read now).
struct MemoryReading
{
    MemoryReport report;
    HostIdentity identity;
    /// The boot configuration (xapi: grub.cfg that xen-cmdline edits; xl/xm: /etc/default/grub).
    QString bootPath;
    std::optional<QByteArray> bootConfig;
    /// xl.conf (xl) or xend-config.sxp (xm).
    QString toolstackConfPath;
    std::optional<QByteArray> toolstackConf;
};

/// Reads dom0 and the host's memory (issue 8): xapi hosts `xe host-param-list`, `xe vm-list`
/// (memory fields), `xen-cmdline --get-xen dom0_mem`; xl/xm hosts `xl info`/`xm info`, `xl
/// list`/`xm list`, /etc/xen/xl.conf or xend-config.sxp and /etc/default/grub.
class MemoryReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryReader)

public:
    MemoryReader(RemoteHost* host, const HostIdentity& identity, AuditLog* audit, QObject* parent = nullptr);
    ~MemoryReader() override;

    void start();

    static QString xenCmdlinePath() { return QStringLiteral("/opt/xensource/libexec/xen-cmdline"); }

Q_SIGNALS:
    void finished(const xr::MemoryReading& reading);

private:
    void build();

    QPointer<RemoteHost> m_host;
    HostIdentity m_identity;
    AuditLog* m_audit;
    HostReadBatch* m_batch = nullptr;
};

} // namespace xr
