#pragma once

namespace xr {

/// The one place for the numbers that turn host answers into a verdict: when xapi counts as
/// slow, when an operation counts as stuck, how long a read may take. A poll (HostSession,
/// PoolMonitor) and a rescue's diagnosis and checks (RescueRun) take their defaults from
/// here, so that the tree and the wizard judge the same answers alike.
struct DiagnosisThresholds
{
    /// An `xe` command that answers after more than this is "slow" (XapiHealth::Slow).
    int xapiSlowMs = 3000;
    /// An operation or task pending longer than this is "stuck" (Disagreement::OperationStuck).
    int operationStuckSeconds = 120;
    /// A poll's `xe` command is stopped after this (xapi then counts as not answering).
    int xapiTimeoutMs = 10000;
    /// A poll's hypervisor listing (list_domains, xl list, xm list) is stopped after this.
    int hypervisorTimeoutMs = 10000;
    /// A rescue's diagnosis or check read is stopped after this.
    int diagnosisTimeoutMs = 15000;

    bool operator==(const DiagnosisThresholds&) const = default;
};

} // namespace xr
