#pragma once

// VM operations of the simulated `xe`: shutdown and reboot (clean and forced), start,
// reset-powerstate, task-cancel, with xapi's refusals and the tasks and log lines they leave.

#include "SimXeCommon.h"

namespace xr::sim::detail::xe {

/// vm-shutdown, vm-reboot, vm-start, vm-reset-powerstate (`op` is the xe command).
SimCommandOutput vmOp(Ctx& c, const QString& op, const Params& p);
SimCommandOutput taskCancel(Ctx& c, const Params& p);

} // namespace xr::sim::detail::xe
