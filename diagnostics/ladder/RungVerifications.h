#pragma once

#include "RungContext.h"

// How to tell that a rung worked: what to poll, on which host, what counts as success and
// for how long. RecoveryLadder::verify() reads a fresh situation against these.
namespace xr::ladder {

Verification verifyNone(const RungContext& c);
Verification verifyXapiCleanShutdown(const RungContext& c);
Verification verifyXapiForceShutdown(const RungContext& c);
Verification verifyShutdownNoDomain(const RungContext& c);
Verification verifyDestroyed(const RungContext& c);
Verification verifyTasksGone(const RungContext& c);
Verification verifyRebooted(const RungContext& c);
Verification verifyXapiHalted(const RungContext& c);
Verification verifyXapiRestarted(const RungContext& c);
Verification verifyXendRestarted(const RungContext& c);
Verification verifyCrashed(const RungContext& c);
Verification verifyManual(const RungContext& c);

} // namespace xr::ladder
