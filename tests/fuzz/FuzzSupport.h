#pragma once

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

// Shared by the libFuzzer targets: the entry point every target defines, and the input as
// a byte view (the parsers take raw bytes, exactly what a host would send).
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace xrfuzz {

inline QByteArrayView bytes(const uint8_t* data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size));
}

// Splits off the first byte as a selector (which variant of a parser to drive) so one
// target covers a parser family; the rest is the input.
struct Selected
{
    unsigned selector = 0;
    QByteArrayView rest;
};

inline Selected select(const uint8_t* data, size_t size)
{
    if (size == 0)
        return {};
    return {data[0], bytes(data + 1, size - 1)};
}

} // namespace xrfuzz
