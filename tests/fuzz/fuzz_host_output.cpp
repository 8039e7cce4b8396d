// xenrescue-cli read: kind detection and the conversion to JSON, for the detected kind and
// for a kind picked by the first byte (every parser behind the CLI sees every input).
#include "FuzzSupport.h"

#include "HostOutputJson.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView whole = xrfuzz::bytes(data, size);
    const std::optional<xr::HostOutputKind> kind = xr::HostOutputJson::detect(whole);
    if (kind) {
        const auto json = xr::HostOutputJson::read(*kind, whole);
        if (json.ok())
            (void)QJsonDocument(*json).toJson(QJsonDocument::Compact);
    }
    const auto [selector, rest] = xrfuzz::select(data, size);
    const QStringList names = xr::HostOutputJson::kindNames();
    if (!names.isEmpty()) {
        const auto forced = xr::HostOutputJson::kindFromName(names.at(qsizetype(selector) % names.size()));
        if (forced)
            (void)xr::HostOutputJson::read(*forced, rest);
    }
    return 0;
}
