#include "NetworkReader.h"

#include "HostReadBatch.h"
#include "OffThread.h"

namespace xr {

namespace {

QString tool(const HostIdentity& id, const QString& name)
{
    return id.toolPaths.value(name, name);
}

constexpr int MaxGuestConfigs = 200;

} // namespace

NetworkReader::NetworkReader(RemoteHost* host, const HostIdentity& identity, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_identity(identity)
    , m_audit(audit)
{}

NetworkReader::~NetworkReader() = default;

QList<std::pair<QString, ShellCommand>> NetworkReader::commands(const HostIdentity& id)
{
    QList<std::pair<QString, ShellCommand>> out;
    out.append(
        {QStringLiteral("ip"), ShellCommand{QStringLiteral("ip"), {QStringLiteral("-o"), QStringLiteral("link")}}});
    out.append({QStringLiteral("brctl"), ShellCommand{QStringLiteral("brctl"), {QStringLiteral("show")}}});
    out.append({QStringLiteral("sysctl"),
                ShellCommand{QStringLiteral("sysctl"),
                             {QStringLiteral("-n"), QStringLiteral("net.bridge.bridge-nf-call-iptables")}}});
    out.append({QStringLiteral("iptables"),
                ShellCommand{QStringLiteral("iptables"), {QStringLiteral("-S"), QStringLiteral("FORWARD")}}});
    if (id.flavour.isXapi()) {
        const QString xe = tool(id, QStringLiteral("xe"));
        out.append({QStringLiteral("ovs"), ShellCommand{QStringLiteral("ovs-vsctl"), {QStringLiteral("show")}}});
        // xapi not answering (the caller clears Xe): no xe call that would hang and hold a
        // channel the rescue needs; the drawing shows what the host itself says.
        if (!id.tools.has(HostTool::Xe))
            return out;
        out.append(
            {QStringLiteral("networks"),
             ShellCommand{xe, {QStringLiteral("network-list"), QStringLiteral("params=uuid,name-label,bridge,MTU")}}});
        out.append({QStringLiteral("pifs"),
                    ShellCommand{xe,
                                 {QStringLiteral("pif-list"), QStringLiteral("host-uuid=") + id.uuid,
                                  QStringLiteral("params=uuid,device,MAC,VLAN,MTU,network-uuid,host-uuid,"
                                                 "currently-attached")}}});
        out.append({QStringLiteral("vifs"),
                    ShellCommand{xe,
                                 {QStringLiteral("vif-list"),
                                  QStringLiteral("params=uuid,vm-uuid,vm-name-label,device,MAC,network-uuid,"
                                                 "currently-attached")}}});
        out.append({QStringLiteral("vms"),
                    ShellCommand{xe,
                                 {QStringLiteral("vm-list"), QStringLiteral("resident-on=") + id.uuid,
                                  QStringLiteral("params=uuid,name-label,dom-id,resident-on,power-state,"
                                                 "is-control-domain")}}});
    } else {
        const bool xm = id.flavour.kind == FlavourKind::Xm;
        out.append({QStringLiteral("domains"), ShellCommand{tool(id, xm ? QStringLiteral("xm") : QStringLiteral("xl")),
                                                            {QStringLiteral("list")}}});
    }
    return out;
}

void NetworkReader::start()
{
    m_batch = new HostReadBatch(m_host, m_audit, this);
    for (const auto& [key, command] : commands(m_identity))
        m_batch->addCommand(key, command,
                            m_identity.flavour.isXapi() && command.program.endsWith(u"xe") ? 20000 : 15000);
    if (!m_identity.flavour.isXapi())
        m_batch->addList(QStringLiteral("etc-xen"), QStringLiteral("/etc/xen"));
    connect(m_batch, &HostReadBatch::finished, this, &NetworkReader::readGuestConfigs);
    m_batch->start();
}

void NetworkReader::readGuestConfigs()
{
    m_configs = new HostReadBatch(m_host, nullptr, this);
    int n = 0;
    for (const RemoteFileInfo& e : m_batch->entries(QStringLiteral("etc-xen"))) {
        if (e.isDir ||
            !(e.name.endsWith(QStringLiteral(".cfg")) || e.name.endsWith(QStringLiteral(".conf")) ||
              !e.name.contains(u'.')) ||
            e.name == u"xl.conf" || e.name == u"xend-config.sxp" || e.size > 256 * 1024 || ++n > MaxGuestConfigs)
            continue;
        m_configs->addFile(e.name, QStringLiteral("/etc/xen/") + e.name, 256 * 1024);
    }
    connect(m_configs, &HostReadBatch::finished, this, &NetworkReader::build);
    m_configs->start();
}

void NetworkReader::build()
{
    NetworkInputs in;
    in.flavour = m_identity.flavour.kind;
    in.hostUuid = m_identity.uuid;
    in.ipLink = m_batch->output(QStringLiteral("ip"));
    in.brctlShow = m_batch->output(QStringLiteral("brctl"));
    in.ovsVsctlShow = m_batch->output(QStringLiteral("ovs"));
    in.xeNetworks = m_batch->output(QStringLiteral("networks"));
    in.xePifs = m_batch->output(QStringLiteral("pifs"));
    in.xeVifs = m_batch->output(QStringLiteral("vifs"));
    in.xeVms = m_batch->output(QStringLiteral("vms"));
    in.domainList = m_batch->output(QStringLiteral("domains"));
    in.bridgeNfCallIptables = m_batch->output(QStringLiteral("sysctl"));
    in.iptablesForward = m_batch->output(QStringLiteral("iptables"));
    QList<std::pair<QString, QByteArray>> files;
    for (const RemoteFileInfo& e : m_batch->entries(QStringLiteral("etc-xen")))
        if (const std::optional<QByteArray> text = m_configs->file(e.name))
            files.append({QStringLiteral("/etc/xen/") + e.name, *text});
    const QStringList problems = m_batch->problems();
    runOffThread(
        this,
        [in, files, problems]() mutable {
            for (const auto& [path, text] : files)
                if (std::optional<GuestNetConfig> g = GuestNetConfig::parse(path, text))
                    in.guestConfigs << *g;
            NetworkTopology t = NetworkTopology::build(in);
            t.notes << problems;
            return t;
        },
        [this](NetworkTopology t) { Q_EMIT finished(t); });
}

} // namespace xr
