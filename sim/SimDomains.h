#pragma once

// Domain helpers the tool families share (xl, xm, the legacy xapi tools, tap-ctl), next to
// the domain life cycle declared in SimInternal.h. Not part of the sim's public API.

#include "SimInternal.h"

#include <QList>

namespace xr::sim::detail {

/// The host's domains by domid.
QList<SimDomain*> sortedDomains(SimHostModel& h);
/// After a change made under xapi's feet (xl, xenops): on XCP-ng the hypervisor change
/// reaches xapi through xenopsd, which records the VMs whose domain went as halted.
void syncAfterHypervisorChange(Ctx& c);

} // namespace xr::sim::detail
