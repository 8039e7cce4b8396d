// dom0 networking: brctl show, ovs-vsctl show / list-br, ip link/addr, ifconfig. Every
// parser runs on every input (they are cheap and share no state).
#include "FuzzSupport.h"

#include "NetworkParsers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    (void)xr::NetworkParsers::parseBrctlShow(input);
    (void)xr::NetworkParsers::parseOvsVsctlShow(input);
    (void)xr::NetworkParsers::parseOvsListBridges(input);
    const auto ip = xr::NetworkParsers::parseIpLink(input);
    if (ip.ok() && !ip->interfaces.isEmpty()) {
        (void)ip->byName(ip->interfaces.constFirst().name);
        (void)ip->byIndex(ip->interfaces.constFirst().index);
    }
    (void)xr::NetworkParsers::parseIfconfig(input);
    return 0;
}
