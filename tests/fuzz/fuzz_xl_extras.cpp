// The other xl/xm outputs: uptime, vcpu-list, list -l (JSON) and dmesg.
#include "FuzzSupport.h"

#include "XlParsers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    const auto uptime = xr::XlParsers::parseUptime(input);
    if (uptime.ok() && !uptime->domains.isEmpty())
        (void)uptime->byId(uptime->domains.constFirst().domid);
    const auto vcpus = xr::XlParsers::parseVcpuList(input);
    if (vcpus.ok() && !vcpus->vcpus.isEmpty())
        (void)vcpus->ofDomain(vcpus->vcpus.constFirst().domid);
    const auto details = xr::XlParsers::parseListLong(input);
    if (details.ok() && !details->domains.isEmpty()) {
        (void)details->byId(details->domains.constFirst().domid);
        (void)details->byName(details->domains.constFirst().name);
    }
    const auto dmesg = xr::XlParsers::parseDmesg(input);
    if (dmesg.ok()) {
        (void)dmesg->commandLine();
        (void)dmesg->xenVersion();
    }
    return 0;
}
