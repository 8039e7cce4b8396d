#pragma once

#include "RungContext.h"

// Applicability checks: each returns why its rung does not fit the situation now, in plain
// words, or an empty string when it fits.
namespace xr::ladder {

QString checkXapiCleanShutdown(const RungContext& c);
QString checkCancelTasks(const RungContext& c);
QString checkXapiForce(const RungContext& c);
QString checkResetPowerState(const RungContext& c);
QString checkDomainTarget(const RungContext& c);
QString checkXlShutdown(const RungContext& c);
QString checkNmi(const RungContext& c);

/// The domain lingers as dying: what that means and what to look at (also the summary).
QString dyingText(const RungContext& c);

} // namespace xr::ladder
