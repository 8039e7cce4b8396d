// A described VM situation (the CLI's ladder --state JSON) through the recovery ladder for
// every flavour, and the ladder back to JSON.
#include "FuzzSupport.h"

#include "HostFlavour.h"
#include "LadderJson.h"
#include "RecoveryLadder.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto situation = xr::LadderJson::situationFromJson(xrfuzz::bytes(data, size));
    if (!situation.ok())
        return 0;
    (void)QJsonDocument(xr::LadderJson::toJson(*situation)).toJson();
    for (const xr::FlavourKind kind :
         {xr::FlavourKind::XapiLegacy, xr::FlavourKind::XapiModern, xr::FlavourKind::Xl, xr::FlavourKind::Xm}) {
        xr::HostFlavour flavour;
        flavour.kind = kind;
        const xr::Ladder ladder = xr::RecoveryLadder::build(flavour, *situation);
        (void)QJsonDocument(xr::LadderJson::toJson(ladder)).toJson();
        for (const xr::Rung& rung : ladder.rungs)
            (void)xr::RecoveryLadder::verify(rung, *situation);
    }
    return 0;
}
