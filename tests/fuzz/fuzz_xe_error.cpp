// What xe (and xm) print on failure, turned into a structured error.
#include "FuzzSupport.h"

#include "XeError.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    const auto error = xr::XeError::parse(input);
    if (error.ok()) {
        for (const xr::XeErrorParam& p : error->params) {
            (void)error->knownParam(p.name);
            (void)xr::XeError::parseObjectRef(p.value);
        }
        (void)xr::XeError::knownParameterNames(error->code);
        (void)error->report.summary();
    }
    return 0;
}
