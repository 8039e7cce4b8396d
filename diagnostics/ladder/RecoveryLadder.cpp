#include "RecoveryLadder.h"

#include "DomainGuard.h"
#include "HostText.h"
#include "PowerCycleChecklist.h"
#include "RefusalTable.h"
#include "RungChecks.h"
#include "RungContext.h"
#include "RungTables.h"
#include "RungVerifications.h"
#include "XeMinimal.h"

#include <QCoreApplication>

#include <algorithm>

// The ladder's logic: applying a flavour's table (RungTables.cpp) to a situation, the
// summary and the recommendation, reading refusals (RefusalTable.cpp) and verifying.
namespace xr {

using ladder::App;
using ladder::dyingText;
using ladder::powerCycleChecklist;
using ladder::powerStateWord;
using ladder::refusalByCode;
using ladder::refusalsFor;
using ladder::RefusalSpec;
using ladder::refusalSpecs;
using ladder::RungContext;
using ladder::RungSpec;
using ladder::RungText;
using ladder::rungTexts;
using ladder::tableFor;
using ladder::textOf;
using ladder::trNoop;
using ladder::verifyNone;

namespace {

QString summaryOf(const RungContext& c)
{
    const VmSituation& s = c.s;
    const bool xapi = c.flavour.isXapi();
    if (xapi && !s.xapiAnswers())
        return App::translate("RecoveryLadder",
                              "xapi does not answer: every xe command would hang. Only rungs that avoid xapi can "
                              "run until the toolstack is restarted.");
    if (c.flavour.kind == FlavourKind::Xm && !s.xapiAnswers())
        return App::translate("RecoveryLadder", "xend does not answer: every xm command would hang until it is "
                                                "restarted.");
    if (s.domain.isDying())
        return dyingText(c);
    if (s.isControlDomain)
        return App::translate("RecoveryLadder", "This VM is a control domain: the host's own dom0.");
    const bool gone = s.domain.isAbsent();
    if (xapi) {
        if (s.xapiPowerState == XapiPowerState::Unknown && s.domain.presence == DomainPresence::Unknown)
            return App::translate("RecoveryLadder", "The VM's state is not known yet: run the diagnosis.");
        if (gone && (s.xapiPowerState == XapiPowerState::Halted || s.xapiPowerState == XapiPowerState::Suspended))
            return App::translate("RecoveryLadder", "The VM is %1 and has no domain: nothing is hung.")
                .arg(powerStateWord(s.xapiPowerState));
        if (gone)
            return App::translate("RecoveryLadder",
                                  "xapi says the VM is %1, but no domain exists for it: xapi's record is out of date.")
                .arg(powerStateWord(s.xapiPowerState));
        if (s.xapiPowerState == XapiPowerState::Halted && s.domain.isPresent())
            return App::translate("RecoveryLadder", "xapi records the VM as halted, yet domain %1 still exists for it.")
                .arg(c.domid());
        if (!s.pendingTasks.isEmpty() || !s.currentOperations.isEmpty()) {
            qint64 oldest = 0;
            for (const PendingTask& t : s.pendingTasks)
                oldest = std::max(oldest, t.ageSeconds);
            QStringList what = s.currentOperations;
            for (const PendingTask& t : s.pendingTasks)
                what.append(t.nameLabel);
            what.removeAll(QString());
            what.removeDuplicates();
            return App::translate("RecoveryLadder",
                                  "The VM is held by operations that do not finish (%1; the oldest pending for %2 s).")
                .arg(elide(what.join(QStringLiteral(", ")), 120))
                .arg(oldest);
        }
    } else {
        if (s.domain.presence == DomainPresence::Unknown)
            return App::translate("RecoveryLadder", "The VM's domain has not been looked up yet: run the diagnosis.");
        if (gone)
            return App::translate("RecoveryLadder", "No domain exists for the VM: nothing is hung.");
    }
    if (!s.previousAttempts.isEmpty())
        return App::translate("RecoveryLadder", "The VM still runs (domain %1) after the rungs tried so far.")
            .arg(c.domid());
    return App::translate("RecoveryLadder", "The VM runs (domain %1) and has not stopped when asked to.")
        .arg(c.domid());
}

bool needsDiagnosisFirst(const RungContext& c)
{
    const VmSituation& s = c.s;
    if (s.domain.isDying())
        return true; // what holds the domain is a question for tap-ctl, not a stronger rung
    if (c.flavour.isXapi()) {
        if (!s.xapiAnswers())
            return false;
        if (s.xapiPowerState == XapiPowerState::Unknown && s.domain.presence == DomainPresence::Unknown)
            return true;
        const bool gone = s.domain.isAbsent();
        return gone && (s.xapiPowerState == XapiPowerState::Halted || s.xapiPowerState == XapiPowerState::Suspended);
    }
    if (c.flavour.kind == FlavourKind::Xm && !s.xapiAnswers())
        return false;
    return !s.domain.isPresent();
}

void recommend(const RungContext& c, QList<Rung>& rungs)
{
    auto find = [&](RungId id) -> Rung* {
        for (Rung& r : rungs) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    };
    RungId pick = RungId::Diagnose;
    if (!needsDiagnosisFirst(c)) {
        // Least dangerous first; a rung already tried without success is passed over.
        // ForceReboot is never the rescue's goal, so it is never recommended.
        for (RungId id :
             {RungId::CleanShutdown, RungId::CancelTasks, RungId::ForceShutdown, RungId::ResetPowerState,
              RungId::RestartToolstack, RungId::DestroyDomain, RungId::CrashGuest, RungId::PowerCycleHost}) {
            const Rung* r = find(id);
            if (!r || !r->applies)
                continue;
            const RungAttempt* tried = c.s.lastAttempt(id);
            if (tried && tried->outcome != AttemptOutcome::Cancelled && id != RungId::CancelTasks &&
                id != RungId::PowerCycleHost)
                continue;
            pick = id;
            break;
        }
    }
    if (Rung* r = find(pick))
        r->recommended = true;
}

} // namespace

// ---------------------------------------------------------------------------------------

const Rung* Ladder::recommended() const
{
    for (const Rung& r : rungs) {
        if (r.recommended)
            return &r;
    }
    return nullptr;
}

const Rung* Ladder::rung(RungId id) const
{
    for (const Rung& r : rungs) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

Ladder RecoveryLadder::build(const HostFlavour& flavour, const VmSituation& situation)
{
    const RungContext c{flavour, situation, situation.tools(flavour.kind)};
    Ladder ladder;
    ladder.flavour = flavour;
    ladder.vmUuid = situation.vmUuid;
    ladder.vmName = situation.vmName;
    ladder.summary = summaryOf(c);

    for (const RungSpec* spec : tableFor(flavour.kind)) {
        const RungText& t = textOf(spec->id);
        Rung r;
        r.id = spec->id;
        r.number = QString::fromUtf16(t.number);
        r.risk = t.risk;
        r.title = trNoop(t.title);
        r.explanation = trNoop(t.explanation);
        r.whatCanBeLost = trNoop(t.lost);
        r.needsTool = spec->tool;
        r.needsXapi = spec->needsXapi;
        r.runsOn = spec->role(c);
        if (r.runsOn == HostRole::PoolMaster)
            r.runsOnHost =
                situation.residentHost.isMaster ? situation.residentHost.label() : situation.poolMaster.label();
        else if (r.runsOn == HostRole::ResidentHost)
            r.runsOnHost = situation.residentHost.label();
        r.checklistOnly = spec->id == RungId::PowerCycleHost;
        r.refusals = refusalsFor(spec->id, flavour.kind);

        // Why not, in a fixed order: absent on this flavour, the control domain, no UUID,
        // a silent daemon, a missing tool, a suspended VM, then the rung's own conditions.
        QString why;
        const bool alwaysOpen = spec->id == RungId::Diagnose || spec->id == RungId::PowerCycleHost;
        if (spec->unavailable) {
            why = trNoop(spec->unavailable);
        } else if (!alwaysOpen && situation.isControlDomain && spec->id != RungId::RestartToolstack) {
            why = spec->id == RungId::ResetPowerState
                      ? App::translate("RecoveryLadder",
                                       "The power state of a control domain cannot be reset (xapi refuses with "
                                       "CANNOT_RESET_CONTROL_DOMAIN).")
                      : App::translate("RecoveryLadder",
                                       "This VM is a control domain, the host's own dom0: it is never shut down or "
                                       "destroyed from here. Restart the toolstack (rung 3) or power-cycle the "
                                       "host (rung 6).");
        } else if (spec->needsVmUuid && !c.uuidOk()) {
            why = App::translate("RecoveryLadder",
                                 "The VM's UUID is not known (or is not a UUID): XenRescue addresses VMs only by "
                                 "UUID, never by name.");
        } else if (spec->needsXapi && !situation.xapiAnswers()) {
            why = flavour.kind == FlavourKind::Xm
                      ? App::translate("RecoveryLadder",
                                       "xend does not answer, and this xm command goes through it: restart xend "
                                       "(rung 3) first.")
                      : App::translate("RecoveryLadder",
                                       "xapi does not answer, and this rung needs it: the command would hang. "
                                       "Restart the toolstack (rung 3) first.");
        } else if (spec->tool && !c.tools.has(*spec->tool)) {
            why = App::translate("RecoveryLadder", "This host has no %1, which this rung needs: it cannot run here.")
                      .arg(HostTools::path(*spec->tool));
        } else if (flavour.isXapi() && !alwaysOpen && spec->id != RungId::RestartToolstack &&
                   situation.xapiPowerState == XapiPowerState::Suspended && !situation.domain.isPresent()) {
            why = App::translate("RecoveryLadder",
                                 "The VM is suspended: it has no running domain by design and nothing is hung. "
                                 "Resume it, or shut it down from xapi.");
        } else if (spec->check) {
            why = spec->check(c);
        }
        r.applies = why.isEmpty();
        r.whyNot = why;

        if (!spec->unavailable) {
            if (spec->commands && (r.applies || !spec->needsVmUuid || c.uuidOk()))
                r.commands = spec->commands(c);
            r.verification = spec->verify(c);
        } else {
            r.verification = verifyNone(c);
            r.verification.description.clear();
        }
        // A rung that acts on a domain has no command without a domid to act on.
        if ((spec->id == RungId::DestroyDomain || spec->id == RungId::CrashGuest ||
             (spec->id == RungId::CleanShutdown && !flavour.isXapi())) &&
            situation.domain.domid < 1)
            r.commands.clear();
        if (r.checklistOnly)
            r.checklist = powerCycleChecklist(c);
        if (spec->id == RungId::CancelTasks && !spec->unavailable) {
            for (const PendingTask& task : situation.pendingTasks) {
                if (!task.cancellable)
                    r.notes.append(App::translate("RecoveryLadder", "Task %1 (%2) cannot be cancelled.")
                                       .arg(task.uuid, elide(task.nameLabel, 60)));
                else if (!XeMinimal::isUuid(task.uuid))
                    r.notes.append(App::translate("RecoveryLadder", "A task without a valid UUID was left out."));
            }
        }
        if (spec->id == RungId::ForceShutdown && r.applies) {
            for (const PendingTask& task : situation.pendingTasks) {
                if (!task.cancellable)
                    r.notes.append(App::translate("RecoveryLadder",
                                                  "Task %1 cannot be cancelled; the forced shutdown may wait for it.")
                                       .arg(task.uuid));
            }
        }
        ladder.rungs.append(r);
    }
    recommend(c, ladder.rungs);
    return ladder;
}

RefusalReading RecoveryLadder::interpretRefusal(RungId rung, const XeError& error, const VmSituation* situation)
{
    RefusalReading out;
    out.code = error.code;
    const RefusalSpec* spec = refusalByCode(error.code);
    if (!spec) {
        out.known = false;
        out.explanation =
            App::translate("RecoveryLadder", "The command was refused (%1): %2. Run the diagnosis again before going "
                                             "further.")
                .arg(error.code.isEmpty() ? App::translate("RecoveryLadder", "no error code") : error.code,
                     elide(error.message, 200));
        out.nextRung = RungId::Diagnose;
        out.toolstackWedged = error.isTransportFailure();
        if (out.toolstackWedged)
            out.nextRung = RungId::RestartToolstack;
        return out;
    }
    out.known = true;
    out.toolstackWedged = spec->wedged;
    QString text = trNoop(spec->text);
    const QString code = error.code;
    QString detail;
    if (code == u"OTHER_OPERATION_IN_PROGRESS") {
        if (const auto op = error.knownParam(u"operation_type"))
            detail = App::translate("RecoveryLadder", "Operation in progress: %1.").arg(elide(*op, 80));
    } else if (code == u"VM_BAD_POWER_STATE") {
        detail = App::translate("RecoveryLadder", "Expected %1, found %2.")
                     .arg(elide(error.knownParam(u"expected").value_or(QStringLiteral("?")), 40),
                          elide(error.knownParam(u"actual").value_or(QStringLiteral("?")), 40));
    } else if (code == u"HOST_IS_LIVE") {
        const XeObjectRef host = XeError::parseObjectRef(error.param(u"host"));
        const QString who = host.name.isEmpty() ? host.uuid : host.name;
        if (!who.isEmpty())
            detail = App::translate("RecoveryLadder", "Host: %1.").arg(elide(who, 80));
    } else if (spec->wedged && !error.message.isEmpty()) {
        detail = App::translate("RecoveryLadder", "xe said: %1").arg(elide(error.message.trimmed(), 120));
    }
    if (!detail.isEmpty())
        text += u' ' + detail;
    out.explanation = text;
    out.nextRung = spec->hasNext ? std::optional<RungId>(spec->next) : std::nullopt;

    // Adjustments that need the rung or the situation.
    if (code == u"OTHER_OPERATION_IN_PROGRESS") {
        const bool cancellable =
            situation && std::any_of(situation->pendingTasks.begin(), situation->pendingTasks.end(),
                                     [](const PendingTask& t) { return t.cancellable; });
        if (rung == RungId::CancelTasks || (situation && !cancellable))
            out.nextRung = RungId::ForceShutdown;
        if (rung == RungId::ForceShutdown || rung == RungId::ForceReboot)
            out.nextRung = RungId::RestartToolstack;
    } else if (code == u"HOST_IS_LIVE") {
        if (!situation || !situation->domain.isAbsent())
            out.nextRung = RungId::DestroyDomain;
    } else if (spec->wedged && rung == RungId::RestartToolstack) {
        out.nextRung = RungId::Diagnose;
    }
    return out;
}

RefusalReading RecoveryLadder::interpretRefusal(RungId rung, FlavourKind flavour, QByteArrayView stderrOutput,
                                                bool timedOut, const VmSituation* situation, int exitStatus)
{
    if (const DomainGuard::Refusal g = DomainGuard::readRefusal(exitStatus, stderrOutput);
        !timedOut && g != DomainGuard::Refusal::None) {
        const RefusalSpec* spec = refusalByCode(DomainGuard::code(g));
        RefusalReading out;
        out.code = DomainGuard::code(g);
        out.known = true;
        out.guardRefused = true;
        out.explanation = spec ? trNoop(spec->text) : QString();
        out.nextRung = RungId::Diagnose;
        return out;
    }
    if (timedOut) {
        RefusalReading out;
        out.code = QStringLiteral("TIMEOUT");
        out.known = true;
        if (flavour == FlavourKind::Xl || rung == RungId::DestroyDomain || rung == RungId::CrashGuest) {
            // xl and the destroy tools need no daemon: a hang there is the hypervisor's or
            // a backend's, which no restart of a management daemon cures.
            out.explanation =
                App::translate("RecoveryLadder", "The command did not return in time. It does not go through a "
                                                 "management daemon, so xenstored, a backend or the hypervisor itself "
                                                 "is stuck. Run the diagnosis again; if the domain stays, the host "
                                                 "needs a power-cycle.");
            out.nextRung = RungId::Diagnose;
        } else if (rung == RungId::RestartToolstack) {
            out.explanation =
                App::translate("RecoveryLadder", "The toolstack restart did not finish in time. Run the diagnosis "
                                                 "again: it may still be coming up.");
            out.nextRung = RungId::Diagnose;
        } else {
            out.toolstackWedged = true;
            out.explanation = flavour == FlavourKind::Xm
                                  ? App::translate("RecoveryLadder",
                                                   "xm did not return in time: xend is wedged. Restart xend (rung 3).")
                                  : trNoop(refusalByCode(u"TIMEOUT")->text);
            out.nextRung = RungId::RestartToolstack;
        }
        return out;
    }

    ParseReport scratch;
    const HostText text(stderrOutput, scratch);
    const QString lower = text.text().toLower();
    const bool xeText = flavour == FlavourKind::XapiLegacy || flavour == FlavourKind::XapiModern;
    if (xeText && !text.isBlank()) {
        const Result<XeError> parsed = XeError::parse(stderrOutput);
        if (parsed.ok() && parsed->kind != XeErrorKind::Unrecognised && parsed->kind != XeErrorKind::Client &&
            parsed->kind != XeErrorKind::Usage)
            return interpretRefusal(rung, *parsed, situation);
    }
    for (const RefusalSpec& r : refusalSpecs()) {
        for (const char* p : r.patterns) {
            if (p && lower.contains(QLatin1String(p))) {
                RefusalReading out;
                out.code = QString::fromUtf16(r.code);
                out.known = true;
                out.explanation = trNoop(r.text);
                out.nextRung = r.hasNext ? std::optional<RungId>(r.next) : std::nullopt;
                return out;
            }
        }
    }
    RefusalReading out;
    out.explanation =
        App::translate("RecoveryLadder", "The command failed with a message XenRescue does not know: %1. Run the "
                                         "diagnosis again before going further.")
            .arg(elide(text.text().trimmed(), 200));
    out.nextRung = RungId::Diagnose;
    return out;
}

VerificationVerdict RecoveryLadder::verify(const Rung& rung, const VmSituation& after)
{
    const Verification& v = rung.verification;
    const DomainView& d = after.domain;
    switch (v.success) {
    case SuccessCondition::None:
        return VerificationVerdict::Succeeded;
    case SuccessCondition::HaltedAndNoDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        return after.xapiPowerState == XapiPowerState::Halted && d.isAbsent() ? VerificationVerdict::Succeeded
                                                                              : VerificationVerdict::Pending;
    case SuccessCondition::NoDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        // A new domain with another domid is the VM started again, not the old one.
        if (d.isPresent() && v.domidBefore >= 0 && d.domid != v.domidBefore)
            return VerificationVerdict::Succeeded;
        return d.isAbsent() ? VerificationVerdict::Succeeded : VerificationVerdict::Pending;
    case SuccessCondition::XapiHalted:
        return after.xapiPowerState == XapiPowerState::Halted ? VerificationVerdict::Succeeded
                                                              : VerificationVerdict::Pending;
    case SuccessCondition::TasksGone:
        for (const PendingTask& t : after.pendingTasks) {
            if (v.taskUuids.contains(t.uuid.toLower()))
                return VerificationVerdict::Pending;
        }
        return VerificationVerdict::Succeeded;
    case SuccessCondition::RunningWithNewDomain:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        return d.isPresent() && d.domid > 0 && d.domid != v.domidBefore ? VerificationVerdict::Succeeded
                                                                        : VerificationVerdict::Pending;
    case SuccessCondition::ToolstackAnswers:
        return after.xapiAnswers() ? VerificationVerdict::Succeeded : VerificationVerdict::Pending;
    case SuccessCondition::DomainCrashedOrGone:
        if (d.isDying())
            return VerificationVerdict::Lingering;
        if (d.isAbsent() || (d.isPresent() && (d.state.crashed || d.state.shutdown || d.domid != v.domidBefore)))
            return VerificationVerdict::Succeeded;
        return VerificationVerdict::Pending;
    case SuccessCondition::Manual:
        return VerificationVerdict::Pending;
    }
    return VerificationVerdict::Pending;
}

QString RecoveryLadder::number(RungId id)
{
    return QString::fromUtf16(textOf(id).number);
}

QString RecoveryLadder::idName(RungId id)
{
    return QString::fromUtf16(textOf(id).idName);
}

std::optional<RungId> RecoveryLadder::idFromName(QStringView name)
{
    for (const RungText& t : rungTexts()) {
        if (name == QStringView(t.idName))
            return t.id;
    }
    return std::nullopt;
}

QString RecoveryLadder::riskName(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::None:
        return QStringLiteral("none");
    case RiskLevel::Safe:
        return QStringLiteral("safe");
    case RiskLevel::Low:
        return QStringLiteral("low");
    case RiskLevel::Medium:
        return QStringLiteral("medium");
    case RiskLevel::High:
        return QStringLiteral("high");
    case RiskLevel::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

QString RecoveryLadder::riskDisplayName(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::None:
        return App::translate("RecoveryLadder", "none");
    case RiskLevel::Safe:
        return App::translate("RecoveryLadder", "safe");
    case RiskLevel::Low:
        return App::translate("RecoveryLadder", "low");
    case RiskLevel::Medium:
        return App::translate("RecoveryLadder", "medium");
    case RiskLevel::High:
        return App::translate("RecoveryLadder", "high");
    case RiskLevel::Critical:
        return App::translate("RecoveryLadder", "critical");
    }
    return {};
}

QString RecoveryLadder::hostRoleName(HostRole role)
{
    switch (role) {
    case HostRole::PoolMaster:
        return QStringLiteral("pool-master");
    case HostRole::ResidentHost:
        return QStringLiteral("resident-host");
    case HostRole::OutOfBand:
        return QStringLiteral("out-of-band");
    }
    return {};
}

QString RecoveryLadder::successName(SuccessCondition condition)
{
    switch (condition) {
    case SuccessCondition::None:
        return QStringLiteral("none");
    case SuccessCondition::HaltedAndNoDomain:
        return QStringLiteral("halted-and-no-domain");
    case SuccessCondition::NoDomain:
        return QStringLiteral("no-domain");
    case SuccessCondition::XapiHalted:
        return QStringLiteral("xapi-halted");
    case SuccessCondition::TasksGone:
        return QStringLiteral("tasks-gone");
    case SuccessCondition::RunningWithNewDomain:
        return QStringLiteral("running-with-new-domain");
    case SuccessCondition::ToolstackAnswers:
        return QStringLiteral("toolstack-answers");
    case SuccessCondition::DomainCrashedOrGone:
        return QStringLiteral("domain-crashed-or-gone");
    case SuccessCondition::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

QList<RungId> RecoveryLadder::allRungs()
{
    QList<RungId> out;
    for (const RungText& t : rungTexts())
        out.append(t.id);
    return out;
}

QString HostRef::label() const
{
    if (!name.isEmpty())
        return name;
    if (!address.isEmpty())
        return address;
    return uuid;
}

const RungAttempt* VmSituation::lastAttempt(RungId rung) const
{
    for (auto it = previousAttempts.crbegin(); it != previousAttempts.crend(); ++it) {
        if (it->rung == rung)
            return &*it;
    }
    return nullptr;
}

} // namespace xr
