#pragma once

#include "RungContext.h"

// The commands of each rung, per tool, and the host they run on. The per-flavour tables
// (RungTables.cpp) pick one builder and one host role per rung. Every command that addresses
// a domain by id is wrapped in DomainGuard (RungContext::guarded): the host checks that the
// id is still the VM's right before acting.
namespace xr::ladder {

QList<ShellCommand> diagnoseXapi(const RungContext& c);
QList<ShellCommand> diagnoseToolstack(const RungContext& c);
QList<ShellCommand> xeCleanShutdown(const RungContext& c);
QList<ShellCommand> xeForceShutdown(const RungContext& c);
QList<ShellCommand> xeForceReboot(const RungContext& c);
QList<ShellCommand> xeResetPowerState(const RungContext& c);
QList<ShellCommand> xapiToolstackRestart(const RungContext& c);
QList<ShellCommand> xendRestart(const RungContext& c);
QList<ShellCommand> legacyXenopsDestroy(const RungContext& c);
QList<ShellCommand> legacyCrashGuest(const RungContext& c);
QList<ShellCommand> xlShutdown(const RungContext& c);
QList<ShellCommand> xlDestroy(const RungContext& c);
QList<ShellCommand> xlTriggerNmi(const RungContext& c);
QList<ShellCommand> xmShutdown(const RungContext& c);
QList<ShellCommand> xmDestroy(const RungContext& c);

HostRole onMaster(const RungContext& c);
HostRole onResident(const RungContext& c);
HostRole onResidentIfAlive(const RungContext& c);
/// xe talks to the master: when xapi there does not answer, that is the toolstack to
/// restart; otherwise the resident host's, so that its xapi re-reads its domains.
HostRole onWedgedToolstack(const RungContext& c);
HostRole outOfBand(const RungContext& c);

} // namespace xr::ladder
