#pragma once

// Lab hosts' network and dom0-memory configuration (SimNetwork.cpp); not part of the sim's
// public API.

#include "SimInternal.h"

#include <optional>

namespace xr::sim {

/// `dom0_mem=NM,max:NM` as the next boot uses it (after `xen-cmdline --set-xen`), empty when
/// the host has none.
QString dom0MemArgument(const SimHostModel& host);
/// The same for the running hypervisor (xl info's xen_commandline, the boot log).
QString dom0MemArgumentRunning(const SimHostModel& host);
/// Writes the host's configuration files under `root`: grub.cfg (xapi), /etc/default/grub,
/// xl.conf or xend-config.sxp and one .cfg per guest (xl/xm).
bool layOutConfigFiles(const SimPool& pool, const SimHostModel& host, const QString& root, QString* error);

namespace detail {
SimCommandOutput runSysctl(Ctx& c, const QStringList& args);
SimCommandOutput runIptables(Ctx& c, const QStringList& args);
SimCommandOutput runUpdateGrub(Ctx& c, const QStringList& args);
/// `xe host-disable` / `xe host-enable` (maintenance mode); nullopt for other xe commands.
std::optional<SimCommandOutput> runXeHostMaintenance(Ctx& c, const QStringList& args);
} // namespace detail

} // namespace xr::sim
