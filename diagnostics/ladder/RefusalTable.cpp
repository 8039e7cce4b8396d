#include "RefusalTable.h"

namespace xr::ladder {

namespace {

constexpr quint32 bit(RungId id)
{
    return 1u << unsigned(id);
}
constexpr quint32 kXeRungs = bit(RungId::CleanShutdown) | bit(RungId::CancelTasks) | bit(RungId::ForceShutdown) |
                             bit(RungId::ForceReboot) | bit(RungId::ResetPowerState);
constexpr quint32 kDomainRungs = bit(RungId::CleanShutdown) | bit(RungId::DestroyDomain) | bit(RungId::CrashGuest);
// The rungs whose commands address a domain by id and so carry the DomainGuard.
constexpr quint32 kGuardedRungs = kDomainRungs;
constexpr quint32 kXapiFlavours = (1u << unsigned(FlavourKind::XapiLegacy)) | (1u << unsigned(FlavourKind::XapiModern));
constexpr quint32 kXlFlavour = 1u << unsigned(FlavourKind::Xl);
constexpr quint32 kXmFlavour = 1u << unsigned(FlavourKind::Xm);
constexpr quint32 kAllFlavours = kXapiFlavours | kXlFlavour | kXmFlavour;

// clang-format off
const RefusalSpec kRefusals[] = {
    {u"OTHER_OPERATION_IN_PROGRESS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xapi is already busy with another operation on this VM. Cancel the stuck task (rung 1b), or force the shutdown (rung 1c), which cancels what it can first."),
     RungId::CancelTasks, true, false, kXeRungs, kXapiFlavours},
    {u"VM_BAD_POWER_STATE", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The VM was not in the power state this command needs: its state changed meanwhile or xapi's record is off. Run the diagnosis again before going further."),
     RungId::Diagnose, true, false, kXeRungs, kXapiFlavours},
    {u"DOMAIN_EXISTS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xapi refuses to reset the power state while a domain still exists for the VM. Destroy the domain on its host first (rung 4), then reset."),
     RungId::DestroyDomain, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"HOST_IS_LIVE", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The VM's host is alive, so xapi will not reset the power state it keeps for it. If a domain still runs there, destroy it (rung 4); once none is left, restart the toolstack on that host (rung 3) so that xapi re-reads the VM's state."),
     RungId::RestartToolstack, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"CANNOT_RESET_CONTROL_DOMAIN", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "This VM is a control domain (a host's dom0): its power state can never be reset. Restart that host's toolstack (rung 3), or power-cycle the host if it does not answer."),
     RungId::RestartToolstack, true, false, bit(RungId::ResetPowerState), kXapiFlavours},
    {u"VM_MISSING_PV_DRIVERS", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The guest has no PV drivers running, so it cannot be asked to shut down. Force the shutdown (rung 1c)."),
     RungId::ForceShutdown, true, false, bit(RungId::CleanShutdown), kXapiFlavours},
    {u"CLI_LOST_CONNECTION", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe lost its connection to xapi: xapi is wedged or restarting. No xe command can work until the toolstack is restarted (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"CLI_CONNECTION_FAILED", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe could not connect to xapi: xapi is not running. Restart the toolstack (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"CLI_CANNOT_CONTACT", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xe could not reach a management agent. Restart the toolstack (rung 3); list_domains and xl still work."),
     RungId::RestartToolstack, true, true, kXeRungs, kXapiFlavours},
    {u"TIMEOUT", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The command did not return in time: the toolstack is wedged. Restart it (rung 3); commands that avoid it (list_domains, xl) still work."),
     RungId::RestartToolstack, true, true, kXeRungs | bit(RungId::CleanShutdown) | bit(RungId::DestroyDomain), kXapiFlavours | kXmFlavour},
    {u"domain-not-found", {"invalid domain identifier", "does not exist", "domain not found", "no such domain"},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The domain no longer exists: it went away meanwhile. Run the diagnosis again before going further."),
     RungId::Diagnose, true, false, kDomainRungs, kAllFlavours},
    // DomainGuard's refusals: read from the guard's exit status and its line, never by pattern.
    {u"domain-reused", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The domain id now belongs to another VM: the VM was restarted or destroyed since the diagnosis, and its old id went to another one. The host checked right before acting, so nothing was done to either VM. The diagnosis runs again; confirm the rung again if it still fits."),
     RungId::Diagnose, true, false, kGuardedRungs, kAllFlavours},
    {u"domain-unconfirmed", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The host has no record of that domain any more (it is gone, or being torn down), so it could not confirm that the domain id is still this VM's. Nothing was done. The diagnosis runs again."),
     RungId::Diagnose, true, false, kGuardedRungs, kAllFlavours},
    {u"xenstore-timeout", {},
     QT_TRANSLATE_NOOP("RecoveryLadder", "xenstore did not answer within 5 s, so the host could not confirm that the domain id is still this VM's. Nothing was done. A stuck xenstored also blocks xl and new domains: run the diagnosis again; if it stays stuck, the host needs a power-cycle."),
     RungId::Diagnose, true, false, kGuardedRungs, kAllFlavours},
    {u"permission-denied", {"permission denied", "must be run as root", "operation not permitted", nullptr},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The command needs root rights in dom0: connect as root (or a user allowed to use sudo) and try again."),
     RungId::Diagnose, false, false, ~0u, kAllFlavours},
    {u"command-not-found", {"command not found", "no such file or directory", nullptr, nullptr},
     QT_TRANSLATE_NOOP("RecoveryLadder", "The program is not installed on this host, so this rung cannot run here. Choose another applicable rung."),
     RungId::Diagnose, false, false, ~0u, kAllFlavours},
};
// clang-format on

} // namespace

std::span<const RefusalSpec> refusalSpecs()
{
    return kRefusals;
}

const RefusalSpec* refusalByCode(QStringView code)
{
    for (const RefusalSpec& r : kRefusals) {
        if (code == QStringView(r.code))
            return &r;
    }
    return nullptr;
}

QList<Refusal> refusalsFor(RungId rung, FlavourKind flavour)
{
    QList<Refusal> out;
    for (const RefusalSpec& r : kRefusals) {
        if (!(r.rungs & bit(rung)) || !(r.flavours & (1u << unsigned(flavour))))
            continue;
        const QString text = trNoop(r.text);
        out.append(Refusal{QString::fromUtf16(r.code), text, r.hasNext ? std::optional<RungId>(r.next) : std::nullopt});
    }
    return out;
}

} // namespace xr::ladder
