#pragma once

#include "RungContext.h"

namespace xr::ladder {

/// Rung 6, never run by XenRescue: what to do around switching the VM's host off and on
/// out of band (HA, where VMs can go, the fate of each resident VM).
QStringList powerCycleChecklist(const RungContext& c);

} // namespace xr::ladder
