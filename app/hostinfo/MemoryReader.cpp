#include "MemoryReader.h"

#include "HostReadBatch.h"
#include "OffThread.h"

namespace xr {

namespace {

QString tool(const HostIdentity& id, const QString& name)
{
    return id.toolPaths.value(name, name);
}

const QStringList XapiBootPaths{QStringLiteral("/boot/grub/grub.cfg"),
                                QStringLiteral("/boot/efi/EFI/xenserver/grub.cfg")};

} // namespace

MemoryReader::MemoryReader(RemoteHost* host, const HostIdentity& identity, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_identity(identity)
    , m_audit(audit)
{}

MemoryReader::~MemoryReader() = default;

void MemoryReader::start()
{
    m_batch = new HostReadBatch(m_host, m_audit, this);
    const HostIdentity& id = m_identity;
    if (id.flavour.isXapi()) {
        const QString xe = tool(id, QStringLiteral("xe"));
        // xapi not answering (the caller clears Xe): no xe call that would hang.
        if (id.tools.has(HostTool::Xe))
            m_batch->addCommand(
                QStringLiteral("host"),
                ShellCommand{xe, {QStringLiteral("host-param-list"), QStringLiteral("uuid=") + id.uuid}}, 20000);
        if (id.tools.has(HostTool::Xe))
            m_batch->addCommand(QStringLiteral("vms"),
                                ShellCommand{xe,
                                             {QStringLiteral("vm-list"), QStringLiteral("resident-on=") + id.uuid,
                                              QStringLiteral("params=uuid,name-label,dom-id,resident-on,power-state,"
                                                             "is-control-domain,memory-static-min,memory-static-max,"
                                                             "memory-dynamic-min,memory-dynamic-max,memory-actual")}},
                                20000);
        m_batch->addCommand(QStringLiteral("xen-cmdline"),
                            ShellCommand{xenCmdlinePath(), {QStringLiteral("--get-xen"), QStringLiteral("dom0_mem")}});
        if (id.tools.has(HostTool::Xl))
            m_batch->addCommand(QStringLiteral("info"),
                                ShellCommand{tool(id, QStringLiteral("xl")), {QStringLiteral("info")}});
        for (const QString& p : XapiBootPaths)
            m_batch->addFile(p, p);
    } else {
        const QString t = tool(id, id.flavour.kind == FlavourKind::Xm ? QStringLiteral("xm") : QStringLiteral("xl"));
        m_batch->addCommand(QStringLiteral("info"), ShellCommand{t, {QStringLiteral("info")}});
        m_batch->addCommand(QStringLiteral("domains"), ShellCommand{t, {QStringLiteral("list")}});
        m_batch->addFile(QStringLiteral("boot"), QStringLiteral("/etc/default/grub"));
        m_batch->addFile(QStringLiteral("conf"), id.flavour.kind == FlavourKind::Xm
                                                     ? QStringLiteral("/etc/xen/xend-config.sxp")
                                                     : QStringLiteral("/etc/xen/xl.conf"));
    }
    connect(m_batch, &HostReadBatch::finished, this, &MemoryReader::build);
    m_batch->start();
}

void MemoryReader::build()
{
    MemoryInputs in;
    const HostIdentity& id = m_identity;
    in.flavour = id.flavour.kind;
    in.productBrand = id.flavour.productBrand;
    in.hostUuid = id.uuid;
    in.xenInfo = m_batch->output(QStringLiteral("info"));
    in.xeHost = m_batch->output(QStringLiteral("host"));
    in.xeVms = m_batch->output(QStringLiteral("vms"));
    in.domainList = m_batch->output(QStringLiteral("domains"));
    in.xenCmdline = m_batch->output(QStringLiteral("xen-cmdline"));
    MemoryReading reading;
    reading.identity = id;
    if (id.flavour.isXapi()) {
        for (const QString& p : XapiBootPaths)
            if (const std::optional<QByteArray> f = m_batch->file(p); f && !reading.bootConfig) {
                reading.bootPath = p;
                reading.bootConfig = f;
            }
    } else {
        reading.bootPath = QStringLiteral("/etc/default/grub");
        reading.bootConfig = m_batch->file(QStringLiteral("boot"));
        in.bootConfig = reading.bootConfig;
        in.bootConfigPath = reading.bootPath;
        reading.toolstackConfPath = id.flavour.kind == FlavourKind::Xm ? QStringLiteral("/etc/xen/xend-config.sxp")
                                                                       : QStringLiteral("/etc/xen/xl.conf");
        reading.toolstackConf = m_batch->file(QStringLiteral("conf"));
        if (id.flavour.kind == FlavourKind::Xm)
            in.xendConfig = reading.toolstackConf;
        else
            in.xlConf = reading.toolstackConf;
    }
    const QStringList problems = m_batch->problems();
    runOffThread(
        this,
        [in, reading, problems]() mutable {
            reading.report = MemoryReport::build(in);
            reading.report.notes << problems;
            return reading;
        },
        [this](MemoryReading r) { Q_EMIT finished(r); });
}

} // namespace xr
