// xe records in every shape, the --minimal comma lists, and the map/set splitters.
#include "FuzzSupport.h"

#include "XeMinimal.h"
#include "XeRecords.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    const auto records = xr::XeRecords::parse(input);
    if (records.ok()) {
        for (const xr::XeRecord& r : records->records) {
            for (const xr::XeField& f : r.fields) {
                // The typed accessors re-read the raw values: exercise them on every field.
                (void)r.integer(f.name);
                (void)r.boolean(f.name);
                (void)r.knownValue(f.name);
                (void)r.map(f.name);
                (void)r.set(f.name);
            }
        }
    }
    (void)xr::XeMinimal::parse(input);
    const QString text = QString::fromUtf8(input);
    (void)xr::XeRecords::parseMap(text);
    (void)xr::XeRecords::parseSet(text);
    (void)xr::XeMinimal::isUuid(text);
    return 0;
}
