#pragma once

#include "ParseReport.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace xr {

/// What a dom0 backend interface name says about its guest: netback names PV interfaces
/// `vif<domid>.<devid>`, the emulated (HVM) NIC is `tap<domid>.<devid>` or, with xl,
/// `vif<domid>.<devid>-emu`. The domid maps the interface to a VM.
struct XenBackendName
{
    enum class Kind {
        Vif,    ///< vifD.N: the paravirtual NIC (netback)
        Tap,    ///< tapD.N: qemu's emulated NIC of an HVM guest
        VifEmu, ///< vifD.N-emu: xl's name for the emulated NIC
    };
    Kind kind = Kind::Vif;
    int domid = 0;
    int devid = 0;

    bool isEmulated() const { return kind != Kind::Vif; }
    /// Reads an interface name; nullopt for names of any other shape (`vif0` without a
    /// devid, `tap0` of Xen 3.x ioemu, custom `vifname`s, a domid above Xen's 0x7FF0).
    static std::optional<XenBackendName> fromInterfaceName(QStringView name);
    bool operator==(const XenBackendName&) const = default;
};

/// A `key=value` pair of an Open vSwitch `options:` or `other_config:` map.
struct KeyValue
{
    QString key;
    QString value;
    bool operator==(const KeyValue&) const = default;
};

/// An interface on a bridge port. Linux bridges have one per port (same name); Open
/// vSwitch ports have one or, for bonds, several.
struct BridgeInterface
{
    QString name;
    /// OVS `type:` (internal, patch, vxlan, gre...); empty for a system interface.
    QString type;
    /// OVS `options: {peer=..., remote_ip=...}`.
    QList<KeyValue> options;
    /// OVS `error: "..."` (a port that could not be opened).
    QString error;
    /// Other `key: value` lines of the interface (bfd, cfm...).
    QList<KeyValue> properties;
    /// Set when the name is a Xen backend name.
    std::optional<XenBackendName> backend;
    qsizetype line = 0;

    /// The value of option `key`, or a null QString.
    QString option(QStringView key) const;
};

/// A port of a bridge: `brctl show` lists interfaces, which are ports of their own name;
/// `ovs-vsctl show` prints `Port` blocks with `tag:` (access VLAN), `trunks:` and
/// interfaces.
struct BridgePort
{
    QString name;
    std::optional<int> vlanTag;
    QList<int> trunks;
    QList<BridgeInterface> interfaces;
    /// Other `key: value` lines of the port (bond_mode, lacp, fake_bridge...).
    QList<KeyValue> properties;
    qsizetype line = 0;

    bool isBond() const { return interfaces.size() > 1; }
};

/// A bridge in dom0: a Linux bridge (`brctl show`) or an Open vSwitch bridge
/// (`ovs-vsctl show` / `list-br`). Fields a command does not print stay empty.
struct Bridge
{
    enum class Kind {
        Linux,
        OpenVSwitch,
    };

    QString name;
    Kind kind = Kind::Linux;
    /// brctl's "bridge id", e.g. 8000.ee5ad8739af7.
    QString bridgeId;
    std::optional<bool> stpEnabled;
    /// OVS `fail_mode:` (standalone, secure).
    QString failMode;
    /// OVS `datapath_type:` and `Controller` targets.
    QString datapathType;
    QStringList controllers;
    /// Other `key: value` lines of the bridge.
    QList<KeyValue> properties;
    QList<BridgePort> ports;
    qsizetype line = 0;

    const BridgePort* port(QStringView name) const;
    /// Every interface name on the bridge, in order.
    QStringList interfaceNames() const;
    bool hasInterface(QStringView name) const;
};

/// The bridges of one listing, in output order.
struct BridgeList
{
    QList<Bridge> bridges;
    /// `ovs_version: "2.5.3"` at the end of `ovs-vsctl show`; empty otherwise.
    QString ovsVersion;
    /// The database UUID on the first line of `ovs-vsctl show`.
    QString ovsUuid;
    QStringList managers;
    ParseReport report;

    const Bridge* byName(QStringView name) const;
    /// The bridge an interface is on, or nullptr.
    const Bridge* bridgeOf(QStringView interfaceName) const;
};

/// One address of an interface (`ip addr`, `ifconfig`).
struct NetAddress
{
    /// "inet" or "inet6".
    QString family;
    /// With prefix length when the command prints one ("10.0.0.2/24", "fe80::1/64").
    QString address;
    QString broadcast;
    /// ifconfig's dotted netmask (old net-tools); empty for ip.
    QString netmask;
    QString scope;
    bool operator==(const NetAddress&) const = default;
};

/// A network interface of dom0 as `ip link` / `ip addr` (with or without `-o`) or
/// `ifconfig` prints it.
struct NetInterface
{
    /// ifindex; -1 when the command does not print it (ifconfig).
    qint64 index = -1;
    /// The name without the `@parent` suffix.
    QString name;
    /// `enp9s0.20@enp9s0`: "enp9s0" (VLAN, veth peer `if5`, `NONE`).
    QString parent;
    /// `<BROADCAST,MULTICAST,UP,LOWER_UP>` (ip) or `UP BROADCAST RUNNING` (ifconfig).
    QStringList flags;
    std::optional<int> mtu;
    QString qdisc;
    /// The bridge (or `ovs-system`, or bond) the interface is enslaved to.
    QString master;
    /// Operational state (UP, DOWN, UNKNOWN, LOWERLAYERDOWN...); empty for ifconfig.
    QString state;
    QString mode;
    QString group;
    std::optional<qint64> txQueueLength;
    /// "ether", "loopback", "none"...; ifconfig's "Link encap" lowercased.
    QString linkType;
    QString mac;
    QString linkBroadcast;
    QStringList altNames;
    QList<NetAddress> addresses;
    std::optional<qint64> rxBytes;
    std::optional<qint64> txBytes;
    std::optional<XenBackendName> backend;
    /// Old net-tools ifconfig cuts names to 9 characters: a 9-character name may be the
    /// start of a longer one (XEN-FIELD-GUIDE section 6: long vifnames).
    bool nameMayBeCut = false;
    qsizetype line = 0;

    bool hasFlag(QStringView flag) const { return flags.contains(flag); }
    /// Administratively up (the UP flag).
    bool isUp() const { return hasFlag(u"UP"); }
    /// ip's NO-CARRIER flag: up, but no link.
    bool hasNoCarrier() const { return hasFlag(u"NO-CARRIER"); }
};

/// The interfaces of one listing, in output order.
struct NetInterfaceList
{
    QList<NetInterface> interfaces;
    ParseReport report;

    const NetInterface* byName(QStringView name) const;
    const NetInterface* byIndex(qint64 index) const;
    /// Interfaces enslaved to `master` (a Linux bridge, `ovs-system`, a bond).
    QList<const NetInterface*> enslavedTo(QStringView master) const;
    /// Backend interfaces of domain `domid`.
    QList<const NetInterface*> ofDomain(int domid) const;
};

} // namespace xr
