#include "RungChecks.h"

#include "HostText.h"

namespace xr::ladder {

QString dyingText(const RungContext& c)
{
    QString text = App::translate("RecoveryLadder",
                                  "Domain %1 was already destroyed but lingers as a dying (null) domain: a backend "
                                  "such as tapdisk or qemu still holds it. Run \"tap-ctl list\" on %2 to see what "
                                  "holds it; destroying it again does not help.")
                       .arg(c.domid(), c.residentLabel());
    if (c.s.tapdiskHolding)
        text += u' ' + App::translate("RecoveryLadder", "tap-ctl list shows a tapdisk still attached to it.");
    return text;
}

namespace {

QString domainUnknownText(const RungContext& c)
{
    return App::translate("RecoveryLadder",
                          "The domain list of %1 has not been read yet, so the VM's domain id is not known: run "
                          "the diagnosis (rung 0) first.")
        .arg(c.residentLabel());
}

QString haltedText(const RungContext& c)
{
    if (c.s.domain.isPresent()) {
        return App::translate("RecoveryLadder",
                              "xapi already records the VM as halted, yet domain %1 still exists for it: restart "
                              "the toolstack (rung 3) so xapi looks again, or destroy the domain (rung 4).")
            .arg(c.domid());
    }
    return App::translate("RecoveryLadder", "The VM is already halted: there is nothing to stop.");
}

QString staleText(const RungContext& c)
{
    return App::translate("RecoveryLadder",
                          "No domain runs for this VM although xapi says it is %1: there is no guest left to stop. "
                          "xapi's record is out of date: reset the power state (rung 2) or let xapi re-read it "
                          "(rung 3).")
        .arg(powerStateWord(c.s.xapiPowerState));
}

QString busyText(const RungContext& c)
{
    QStringList what = c.s.currentOperations;
    for (const PendingTask& t : c.s.pendingTasks)
        what.append(t.nameLabel.isEmpty() ? t.uuid : t.nameLabel);
    what.removeDuplicates();
    const bool canCancel = !cancellableTaskCommands(c).isEmpty();
    return (canCancel ? App::translate("RecoveryLadder",
                                       "xapi is still busy with another operation on this VM (%1) and would refuse "
                                       "with OTHER_OPERATION_IN_PROGRESS: cancel the stuck task first (rung 1b).")
                      : App::translate("RecoveryLadder",
                                       "xapi is still busy with another operation on this VM (%1) and would refuse "
                                       "with OTHER_OPERATION_IN_PROGRESS; nothing there can be cancelled: force the "
                                       "shutdown (rung 1c)."))
        .arg(elide(what.join(QStringLiteral(", ")), 120));
}

} // namespace

QString checkXapiCleanShutdown(const RungContext& c)
{
    const VmSituation& s = c.s;
    if (s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (s.domain.isDying())
        return dyingText(c);
    if (s.domain.isAbsent())
        return staleText(c);
    if (!s.currentOperations.isEmpty() || !s.pendingTasks.isEmpty())
        return busyText(c);
    if (s.xapiPowerState == XapiPowerState::Paused || (s.domain.isPresent() && s.domain.state.paused))
        return App::translate("RecoveryLadder",
                              "The VM is paused: a paused guest cannot act on a shutdown request. Unpause it "
                              "(xe vm-unpause) or force the shutdown (rung 1c).");
    if (!s.allowedOperations.isEmpty() && !s.allowedOperations.contains(QStringLiteral("clean_shutdown")))
        return App::translate("RecoveryLadder", "xapi does not offer a clean shutdown for this VM now (allowed: %1).")
            .arg(elide(s.allowedOperations.join(QStringLiteral(", ")), 120));
    return {};
}

QString checkCancelTasks(const RungContext& c)
{
    if (c.s.pendingTasks.isEmpty())
        return App::translate("RecoveryLadder", "No pending task holds this VM.");
    if (cancellableTaskCommands(c).isEmpty())
        return App::translate("RecoveryLadder",
                              "The pending tasks cannot be cancelled (xapi does not offer it for them). A forced "
                              "shutdown (rung 1c) cancels what it can by itself.");
    return {};
}

QString checkXapiForce(const RungContext& c)
{
    if (c.s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (c.s.domain.isDying())
        return dyingText(c);
    if (c.s.domain.isAbsent())
        return staleText(c);
    return {};
}

QString checkResetPowerState(const RungContext& c)
{
    const VmSituation& s = c.s;
    if (s.xapiPowerState == XapiPowerState::Halted)
        return haltedText(c);
    if (s.xapiPowerState == XapiPowerState::Unknown)
        return App::translate("RecoveryLadder", "xapi's power state for the VM is not known: run the diagnosis "
                                                "(rung 0) first.");
    if (s.domain.isDying())
        return dyingText(c);
    if (s.domain.isPresent()) {
        return App::translate("RecoveryLadder",
                              "The power-state reset is refused while the domain still runs: destroy the domain "
                              "first (rung 4). xapi would answer DOMAIN_EXISTS, and a reset now could let the VM "
                              "start a second time on the same disks.");
    }
    if (c.residentDead())
        return {}; // the domain died with its host: exactly what the reset is for
    if (!s.residentHost.isKnown())
        return App::translate("RecoveryLadder", "The VM's resident host is not known: run the diagnosis (rung 0) "
                                                "first.");
    if (!s.residentHost.isMaster) {
        return App::translate("RecoveryLadder",
                              "Host %1 is alive and is not the pool master: xapi refuses the reset there "
                              "(HOST_IS_LIVE). Once no domain runs, restart the toolstack on %1 (rung 3) so xapi "
                              "reads the VM's real state.")
            .arg(s.residentHost.label());
    }
    if (!s.domain.isAbsent())
        return domainUnknownText(c);
    return {};
}

QString checkDomainTarget(const RungContext& c)
{
    const VmSituation& s = c.s;
    if (c.flavour.isXapi() && c.residentDead())
        return App::translate("RecoveryLadder",
                              "Host %1 is down: its domains went with it. Reset the power state (rung 2) instead.")
            .arg(s.residentHost.label());
    if (s.domain.isAbsent())
        return App::translate("RecoveryLadder", "No domain exists for this VM: there is nothing to destroy or crash.");
    if (s.domain.presence == DomainPresence::Unknown || s.domain.domid < 0)
        return domainUnknownText(c);
    if (s.domain.domid == 0)
        return App::translate("RecoveryLadder", "Domain 0 is the control domain: it is never touched from here.");
    if (s.domain.isDying())
        return dyingText(c);
    if (!DomainGuard::canGuard(c.domainIdentity()))
        return App::translate("RecoveryLadder",
                              "Neither the VM's UUID nor its domain's name is known, so the host could not check "
                              "that domain %1 is still this VM right before acting: XenRescue never acts on a bare "
                              "domain id. Run the diagnosis again.")
            .arg(s.domain.domid);
    return {};
}

QString checkXlShutdown(const RungContext& c)
{
    if (const QString why = checkDomainTarget(c); !why.isEmpty())
        return why;
    if (c.s.domain.state.paused)
        return App::translate("RecoveryLadder",
                              "The domain is paused: a paused guest cannot act on a shutdown request. Unpause it "
                              "first, or destroy the domain (rung 4).");
    return {};
}

QString checkNmi(const RungContext& c)
{
    if (const QString why = checkDomainTarget(c); !why.isEmpty())
        return why;
    if (!c.s.isHvm)
        return App::translate("RecoveryLadder",
                              "An NMI only reaches HVM guests, and this VM is paravirtualised (PV): there is no way "
                              "to crash it from outside on this host.");
    return {};
}

} // namespace xr::ladder
