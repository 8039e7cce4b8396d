// Domain listings: xl list, xm list, xm list --long, list_domains (detected by parse()), and
// each format's parser forced on the same bytes.
#include "FuzzSupport.h"

#include "DomainList.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto [selector, input] = xrfuzz::select(data, size);
    const auto detected = xr::DomainListParser::parse(input);
    if (detected.ok() && !detected->domains.isEmpty()) {
        const xr::Domain& d = detected->domains.constFirst();
        (void)detected->byId(d.id);
        (void)detected->byName(d.name);
        (void)detected->byUuid(d.uuid);
    }
    switch (selector % 4) {
    case 0:
        (void)xr::DomainListParser::parseXlList(input);
        break;
    case 1:
        (void)xr::DomainListParser::parseXmList(input);
        break;
    case 2:
        (void)xr::DomainListParser::parseXmListLong(input);
        break;
    default:
        (void)xr::DomainListParser::parseListDomains(input);
        break;
    }
    return 0;
}
