// dom0 memory settings: boot configuration (grub, menu.lst, extlinux, xen-cmdline, xl info,
// dmesg), xend-config.sxp and xl.conf, plus dom0_mem= values on their own.
#include "FuzzSupport.h"

#include "MemorySettings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    const auto boot = xr::MemorySettings::parseBootConfig(input);
    if (boot.ok()) {
        const auto mem = boot->dom0Mem();
        if (mem) {
            (void)mem->initialMiB();
            (void)mem->isPinned();
            if (mem->initial)
                (void)mem->initial->resolveMiB(1024 * 1024);
        }
    }
    const auto xend = xr::MemorySettings::parseXendConfig(input);
    if (xend.ok() && !xend->entries.isEmpty())
        (void)xend->value(xend->entries.constFirst().key);
    const auto xl = xr::MemorySettings::parseXlConf(input);
    if (xl.ok())
        (void)xl->autoballoon();
    // A dom0_mem= value alone, as after "xen-cmdline --get-xen dom0_mem".
    if (size <= 4096) {
        const QString text = QString::fromUtf8(input);
        const auto value = xr::Dom0Mem::parse(text);
        if (value.ok() && value->max)
            (void)value->max->resolveMiB(qint64(size) * 1000);
        (void)xr::Dom0Mem::fromCommandLine(text);
    }
    return 0;
}
