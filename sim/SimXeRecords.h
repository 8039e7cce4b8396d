#pragma once

// The records the simulated `xe` prints for each class, field by field as xapi's
// datamodel lists them.

#include "SimXeCommon.h"

namespace xr::sim::detail::xe {

Rec vmRecord(Ctx& c, SimVm& vm);
Rec hostRecord(Ctx& c, SimHostModel& h);
Rec poolRecord(Ctx& c);
Rec taskRecord(Ctx& c, const SimTask& t);
Rec networkRecord(Ctx& c, const SimNetwork& n);
Rec pifRecord(Ctx& c, const SimPif& p);
Rec vifRecord(Ctx& c, const SimVif& v);
Rec srRecord(Ctx& c, const SimSr& s);

} // namespace xr::sim::detail::xe
