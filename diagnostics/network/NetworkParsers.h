#pragma once

#include "Network.h"
#include "Result.h"

#include <QByteArrayView>

namespace xr {

/// Parsers for dom0's network layout: Linux bridges, Open vSwitch bridges and the
/// interfaces (PIFs, backend vifs/taps) on them. They read command output only; nothing
/// here runs a command.
class NetworkParsers final
{
public:
    /// `brctl show`: header `bridge name  bridge id  STP enabled  interfaces`, one row per
    /// bridge with its first interface, further interfaces alone on continuation lines, and
    /// bridges without interfaces. Each interface becomes a port of the same name.
    static Result<BridgeList> parseBrctlShow(QByteArrayView output);
    /// `ovs-vsctl show`: the database UUID, `Manager`, `Bridge` / `Port` / `Interface`
    /// blocks nested by indentation with their `key: value` lines (tag, trunks, type,
    /// options, fail_mode, error...), and `ovs_version`. Quoted names are unquoted.
    static Result<BridgeList> parseOvsVsctlShow(QByteArrayView output);
    /// `ovs-vsctl list-br`: one bridge name per line. Empty output is a valid empty list
    /// (a host with no OVS bridge).
    static Result<BridgeList> parseOvsListBridges(QByteArrayView output);
    /// `ip link`, `ip addr`, `ip -o link`, `ip -o addr` (and `-d`/`-s` extras, which are
    /// skipped): index, name@parent, flags, mtu, qdisc, master, state, mode, group, qlen,
    /// link type, MAC, altnames, addresses.
    static Result<NetInterfaceList> parseIpLink(QByteArrayView output);
    /// `ifconfig` (`-a`) in both net-tools layouts: old (`vif24.0   Link encap:Ethernet
    /// HWaddr ...`) and 2.x (`vif24.0: flags=4163<UP,...>  mtu 1500`).
    static Result<NetInterfaceList> parseIfconfig(QByteArrayView output);
};

} // namespace xr
