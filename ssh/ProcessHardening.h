#pragma once

#include <QString>

namespace xr {

/// Keeps the secrets this process holds (passwords, passphrases, keyboard-interactive
/// answers: QStrings whose copies cannot be wiped) out of core dumps. Call first thing in
/// main(). Linux: no core file (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also
/// keeps other processes of the same user from ptrace-attaching or reading /proc/PID/mem).
/// Elsewhere it does nothing.
class ProcessHardening final
{
public:
    /// Returns an empty string on success, else what could not be done (for a warning).
    static QString disableCoreDumps();
    /// True when the process cannot dump core (Linux: not dumpable and RLIMIT_CORE 0).
    static bool coreDumpsDisabled();
};

} // namespace xr
