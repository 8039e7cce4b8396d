#pragma once

#include "PoolState.h"

#include <QString>

namespace xr {

class HostSession;

/// What a reader of a host (Network, Memory) may use right now, taken from the host's live
/// session: its identity, with `xe` withheld while xapi does not answer (a hung xe holds an
/// SSH channel until its deadline, and a rescue needs those channels).
struct ReadableIdentity
{
    HostIdentity identity;
    bool withoutXe = false;
    /// What to tell the admin when xe is withheld; empty otherwise.
    QString notice;
};

ReadableIdentity readableIdentity(const HostSession& session);

} // namespace xr
