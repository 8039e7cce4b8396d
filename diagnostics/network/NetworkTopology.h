#pragma once

#include "HostFlavour.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// One box of the network drawing: a physical NIC, a bridge, a backend interface (vif/tap)
/// or a VM.
struct TopologyNode
{
    enum class Kind {
        Nic,
        Bridge,
        Vif,
        Vm,
    };
    /// Stable id: "nic:eth0", "bridge:xenbr0", "vif:vif3.0", "vm:<uuid>" or "vm:dom3".
    QString id;
    Kind kind = Kind::Nic;
    /// The interface, bridge or VM name as the host prints it.
    QString name;
    QString mac;
    std::optional<int> mtu;
    std::optional<int> vlan;
    /// Link state (UP, DOWN, UNKNOWN, NO-CARRIER); empty when unknown.
    QString state;
    /// Bridges: "linux" or "openvswitch"; VMs: empty.
    QString bridgeType;
    /// Bridges on xapi hosts: the network's name-label.
    QString network;
    /// VMs and their interfaces.
    QString vmUuid;
    int domid = -1;
    int devid = -1;
    bool emulated = false;

    static QString kindKey(Kind kind);
};

/// A line of the drawing: NIC -> bridge, bridge -> vif, vif -> VM.
struct TopologyEdge
{
    QString from;
    QString to;
    /// The access VLAN of the port (OVS `tag:`), when set.
    std::optional<int> vlan;
    bool operator==(const TopologyEdge&) const = default;
};

/// A problem the chapter's network checks found (XEN-FIELD-GUIDE section 6).
struct NetworkFinding
{
    enum class Check {
        NoUplink,    ///< a VM's interface is on a bridge without a physical NIC
        BridgeNfOff, ///< bridge-nf-call-iptables is off while anti-spoofing rules exist
        LongVifName, ///< a custom vifname longer than the 15 characters the kernel keeps
        NoFixedMac,  ///< a guest interface without mac=: a new MAC (and NIC number) at each boot
        EmptyBridge, ///< a bridge with no interface at all
    };
    Check check = Check::NoUplink;
    /// Translated one-line title and the reason with what to do.
    QString title;
    QString detail;
    /// Nodes the finding is about (drawn with its marker).
    QStringList nodeIds;

    /// "no-uplink", "bridge-nf-off", "long-vif-name", "no-fixed-mac", "empty-bridge".
    static QString checkKey(Check check);
};

/// One `vif = [...]` entry of an xl/xm guest configuration file.
struct GuestVifConfig
{
    QString mac;
    QString bridge;
    QString vifname;
    QString raw;
};

/// A guest configuration file of an xl/xm host (`/etc/xen/NAME.cfg`): its name and NICs.
struct GuestNetConfig
{
    QString file;
    QString name;
    QList<GuestVifConfig> vifs;

    /// Reads `name = "..."` and `vif = [ '...', ... ]` (single or double quotes, several
    /// lines). Returns nullopt when the text has neither (not a guest configuration).
    static std::optional<GuestNetConfig> parse(const QString& file, QByteArrayView text);
};

/// Everything the topology is built from: raw command output as read from the host, so the
/// builder stays a pure function that tests feed with samples.
struct NetworkInputs
{
    FlavourKind flavour = FlavourKind::XapiModern;
    /// The host's xapi uuid (selects its PIFs); empty on xl/xm hosts.
    QString hostUuid;
    std::optional<QByteArray> brctlShow;
    std::optional<QByteArray> ovsVsctlShow;
    std::optional<QByteArray> ipLink;
    /// `xe network-list`, `xe pif-list`, `xe vif-list`, `xe vm-list` records (params=all or
    /// a subset with uuid, bridge, device, MAC, VLAN, MTU, network-uuid, host-uuid,
    /// vm-uuid, dom-id, name-label).
    std::optional<QByteArray> xeNetworks;
    std::optional<QByteArray> xePifs;
    std::optional<QByteArray> xeVifs;
    std::optional<QByteArray> xeVms;
    /// `xl list` / `xm list` (names by domid on xl/xm hosts).
    std::optional<QByteArray> domainList;
    /// `sysctl -n net.bridge.bridge-nf-call-iptables`: "1", "0", or an error text when the
    /// br_netfilter module is not loaded.
    std::optional<QByteArray> bridgeNfCallIptables;
    /// `iptables -S FORWARD`.
    std::optional<QByteArray> iptablesForward;
    /// Guest configuration files of xl/xm hosts.
    QList<GuestNetConfig> guestConfigs;
};

/// The drawn network of one host: nodes, edges, the checks' findings and what could not be
/// read.
struct NetworkTopology
{
    QList<TopologyNode> nodes;
    QList<TopologyEdge> edges;
    QList<NetworkFinding> findings;
    /// Translated notes about inputs that were missing or read only in part.
    QStringList notes;

    const TopologyNode* node(const QString& id) const;
    QList<const TopologyNode*> nodesOfKind(TopologyNode::Kind kind) const;
    /// The nodes and edges from a VM back to the NICs of its bridges (for highlighting).
    /// `vmKey` is a VM uuid, a VM name or "dom<domid>".
    QStringList pathOfVm(const QString& vmKey) const;
    /// Node ids of the findings about `nodeId` (1-based finding numbers).
    QList<int> findingNumbersOf(const QString& nodeId) const;

    QJsonObject toJson() const;
    /// Graphviz: NICs -> bridges -> vifs -> VMs left to right, findings in red.
    QString toDot() const;

    /// Builds the topology and runs the checks.
    static NetworkTopology build(const NetworkInputs& inputs);
    /// The kernel keeps 15 characters of an interface name (IFNAMSIZ 16 with the NUL).
    static constexpr int MaxInterfaceName = 15;
};

} // namespace xr
