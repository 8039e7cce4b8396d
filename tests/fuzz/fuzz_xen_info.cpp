// xl info / xm info key-value listings and their typed accessors.
#include "FuzzSupport.h"

#include "MemorySettings.h"
#include "XenInfo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto info = xr::XenInfo::parse(xrfuzz::bytes(data, size));
    if (info.ok()) {
        (void)info->totalMemoryMiB();
        (void)info->freeMemoryMiB();
        (void)info->xenVersion();
        for (const xr::XenInfoEntry& e : info->entries)
            (void)info->integer(e.key);
        const QString commandLine = info->xenCommandLine();
        if (!commandLine.isNull())
            (void)xr::Dom0Mem::fromCommandLine(commandLine);
    }
    return 0;
}
