// RescueRun's rungs: the confirmation a rung needs, running its commands one by one on the
// right host with a deadline and cancel, the check after it, and how it ended. (The run's
// phases and its diagnosis are in RescueRun.cpp, the read in RescueDiagnosis.)
#include "DomainGuard.h"
#include "PoolMonitor.h"
#include "RecoveryLadder.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"
#include "RescueRun.h"

#include <QCoreApplication>

#include <algorithm>

namespace xr {

namespace {

QString resultText(const CommandResult& r)
{
    switch (r.outcome) {
    case CommandOutcome::Finished:
        return r.exitStatus == 0
                   ? QCoreApplication::translate("RescueRun", "exit 0 after %1 ms").arg(r.elapsedMs)
                   : QCoreApplication::translate("RescueRun", "exit %1 after %2 ms").arg(r.exitStatus).arg(r.elapsedMs);
    case CommandOutcome::TimedOut:
        return QCoreApplication::translate("RescueRun", "no answer within the deadline (%1 ms): stopped")
            .arg(r.elapsedMs);
    case CommandOutcome::Cancelled:
        return QCoreApplication::translate("RescueRun", "cancelled after %1 ms").arg(r.elapsedMs);
    case CommandOutcome::ConnectionLost:
        return QCoreApplication::translate("RescueRun", "the connection was lost");
    case CommandOutcome::Failed:
        return QCoreApplication::translate("RescueRun", "not started: %1").arg(r.error);
    case CommandOutcome::Detached:
        return QCoreApplication::translate("RescueRun", "left running on the host after %1 ms; no longer watched")
            .arg(r.elapsedMs);
    }
    return {};
}

} // namespace

QString RescueRun::confirmationProblem(const Rung& rung, const Confirmation& c, const ConfirmationTarget& vm)
{
    if (c.rung != rung.id)
        return tr("The confirmation was given for another rung.");
    // What the records say about this VM may have been printed by another VM's name: no rung
    // acts on it until a read by uuid= (the next diagnosis) tells it apart.
    if (vm.ambiguous && rung.risk != RiskLevel::None)
        return PoolState::disagreementExplanation(Disagreement::AmbiguousRecords);
    switch (rung.risk) {
    case RiskLevel::None:
    case RiskLevel::Safe:
    case RiskLevel::Low:
        return {};
    case RiskLevel::Medium:
        return c.acknowledged ? QString() : tr("Tick the box that names the consequence first.");
    case RiskLevel::High:
    case RiskLevel::Critical:
        if (TypedConfirmation::matches(c.typedName, vm))
            return {};
        if (TypedConfirmation::ask(vm) == TypedConfirmation::Ask::Uuid)
            return tr("Type the VM's full UUID to confirm: %1").arg(TypedConfirmation::whyUuid(vm));
        return tr("Type the VM's name (or its UUID) exactly to confirm.");
    }
    return tr("Unknown risk.");
}

ConfirmationTarget RescueRun::confirmationTarget() const
{
    ConfirmationTarget t;
    t.name = m_vm.name;
    t.uuid = m_vm.uuid;
    t.nameUnique = TypedConfirmation::nameIsUnique(m_monitor->vms(m_scopeId), m_vm);
    t.ambiguous = m_vm.problems.testFlag(Disagreement::AmbiguousRecords);
    return t;
}

Result<const Rung*> RescueRun::checkCanStart(RungId id) const
{
    auto fail = [](const QString& why) { return Result<const Rung*>::failure(why); };
    if (m_phase == Phase::ConnectionLost)
        return fail(tr("The connection was lost: the diagnosis must run again before any rung."));
    if (m_phase != Phase::Ready || !m_hasLadder)
        return fail(tr("Wait for the diagnosis to finish."));
    const Rung* rung = m_ladder.rung(id);
    if (!rung)
        return fail(tr("This rung does not exist for this host."));
    if (rung->checklistOnly)
        return fail(tr("This rung is never run by XenRescue: work through its checklist."));
    if (!rung->applies)
        return fail(rung->whyNot.isEmpty() ? tr("This rung does not apply now.") : rung->whyNot);
    if (rung->commands.isEmpty())
        return fail(tr("This rung has no command to run."));
    if (!canReach(rung->runsOn))
        return fail(tr("XenRescue is not connected to %1, where this rung runs: connect to it first.")
                        .arg(rung->runsOnHost.isEmpty() ? hostLabel(rung->runsOn) : rung->runsOnHost));
    return rung;
}

Result<void> RescueRun::runRung(RungId id, const Confirmation& confirmation)
{
    const Result<const Rung*> startable = checkCanStart(id);
    if (!startable)
        return Result<void>(startable.error());
    const Rung* rung = *startable;
    const QString problem = confirmationProblem(*rung, confirmation, confirmationTarget());
    if (!problem.isEmpty())
        return Result<void>::failure(problem);
    const qint64 age = diagnosisAgeMs();
    if (rung->risk >= RiskLevel::Medium && (age < 0 || age > m_options.maxDiagnosisAgeMs)) {
        // Facts go stale: a VM restarts, a domain id is given to another VM. Read again, and
        // run only what the fresh ladder still permits (resolvePendingRung()).
        const bool byDomid = std::any_of(rung->commands.begin(), rung->commands.end(),
                                         [](const ShellCommand& c) { return DomainGuard::isGuarded(c); });
        m_pending = PendingRung{id, confirmation, m_situation.domain.domid, byDomid};
        m_lastRung = id;
        m_outcome = Outcome::None;
        m_explanation.clear();
        m_suggestedNext.reset();
        add(TranscriptEntry::Kind::Info,
            tr("Rung %1 (%2) confirmed, but the diagnosis is %3 s old: reading the VM's state again before running "
               "it.")
                .arg(rung->number, rung->title)
                .arg(age < 0 ? 0 : age / 1000));
        startDiagnosis(false);
        return Result<void>::success();
    }
    startRung(*rung);
    return Result<void>::success();
}

void RescueRun::resolvePendingRung()
{
    const PendingRung p = *std::exchange(m_pending, std::nullopt);
    const Rung* fresh = m_ladder.rung(p.id);
    const QString number = RecoveryLadder::number(p.id);
    QString why;
    if (!fresh || !fresh->applies || fresh->commands.isEmpty() || fresh->checklistOnly) {
        why = tr("After reading the VM's state again, rung %1 no longer applies").arg(number);
        if (fresh && !fresh->whyNot.isEmpty())
            why += QStringLiteral(": ") + fresh->whyNot;
        else
            why += u'.';
    } else if (p.byDomid && m_situation.domain.domid != p.domid) {
        why = tr("The VM's domain changed since rung %1 was confirmed (domain %2 then, %3 now): the VM was restarted "
                 "or its domain went. Look at the fresh diagnosis and confirm again if the rung still fits.")
                  .arg(number)
                  .arg(p.domid)
                  .arg(m_situation.domain.domid);
    } else if (const QString problem = confirmationProblem(*fresh, p.confirmation, confirmationTarget());
               !problem.isEmpty()) {
        why = problem;
    } else if (!canReach(fresh->runsOn)) {
        why = tr("XenRescue is not connected to %1, where this rung runs: connect to it first.")
                  .arg(fresh->runsOnHost.isEmpty() ? hostLabel(fresh->runsOn) : fresh->runsOnHost);
    }
    if (why.isEmpty()) {
        add(TranscriptEntry::Kind::Info, tr("The fresh diagnosis still permits rung %1: running it.").arg(number));
        startRung(*fresh);
        return;
    }
    // Nothing was sent: an answer for the wizard, but no attempt of the rung.
    m_outcome = Outcome::Refused;
    m_explanation = why + u' ' + tr("Nothing was sent.");
    m_suggestedNext.reset();
    add(TranscriptEntry::Kind::Error, outcomeText(m_outcome) + QStringLiteral(": ") + m_explanation);
    Q_EMIT rungFinished(m_outcome);
}

void RescueRun::startRung(const Rung& source)
{
    const Rung* rung = &source;
    const RungId id = rung->id;
    m_rung = *rung;
    rung = &m_rung;
    m_lastRung = id;
    m_checkOnly = false;
    m_outcome = Outcome::None;
    m_explanation.clear();
    m_suggestedNext.reset();
    m_steps.clear();
    m_stepIndex = 0;
    const QString session = sessionFor(rung->runsOn);
    if (rung->risk >= RiskLevel::Medium) {
        const QString message = QStringLiteral("XenRescue run %1: rung %2 (%3) on VM %4")
                                    .arg(m_runId, rung->number, RecoveryLadder::idName(id), m_vm.uuid);
        m_steps.append(
            Step{ShellCommand{QStringLiteral("logger"), {QStringLiteral("-t"), QStringLiteral("xenrescue"), message}},
                 session, false});
    }
    for (const ShellCommand& c : rung->commands)
        m_steps.append(Step{c, session, true});
    add(TranscriptEntry::Kind::Info,
        tr("Rung %1 (%2, risk %3) confirmed; running on %4.")
            .arg(rung->number, rung->title, RecoveryLadder::riskDisplayName(rung->risk), hostKeyOf(session)));
    setPhase(Phase::Running);
    watchHosts();
    runNextStep();
}

Result<void> RescueRun::checkOnly(RungId id)
{
    const Result<const Rung*> startable = checkCanStart(id);
    if (!startable)
        return Result<void>(startable.error());
    const Rung* rung = *startable;
    m_rung = *rung;
    m_lastRung = id;
    m_checkOnly = true;
    m_outcome = Outcome::None;
    m_explanation.clear();
    m_suggestedNext.reset();
    add(TranscriptEntry::Kind::Info,
        tr("Rung %1 (%2): the commands were run by hand; checking the result.").arg(rung->number, rung->title));
    watchHosts();
    startCheck();
    return Result<void>::success();
}

void RescueRun::runNextStep()
{
    if (m_stepIndex >= m_steps.size()) {
        startCheck();
        return;
    }
    const Step& step = m_steps[m_stepIndex];
    CommandRequest request;
    request.command = step.command.toShell();
    request.streaming = true;
    request.timeoutMs = std::max(m_options.minCommandTimeoutMs,
                                 int(m_rung.verification.timeoutSeconds * 1000 * m_options.verificationTimeScale));
    if (!step.essential)
        request.timeoutMs = std::min(request.timeoutMs, 15000);
    m_commandTimeoutMs = request.timeoutMs;
    const QString action = QStringLiteral("rung %1 %2").arg(m_rung.number, RecoveryLadder::idName(m_rung.id));
    const QString host = hostKeyOf(step.sessionId);
    add(TranscriptEntry::Kind::Command, request.command, host);
    const Result<RemoteCommand*> sent = m_sender(step.sessionId, request, context(action), CommandKind::Action);
    if (!sent) {
        if (!step.essential) {
            add(TranscriptEntry::Kind::Warning, sent.errorMessage());
            ++m_stepIndex;
            runNextStep();
            return;
        }
        finishRung(Outcome::Failed, tr("Nothing was sent: %1").arg(sent.errorMessage()));
        return;
    }
    RemoteCommand* c = *sent;
    m_command = c;
    connect(c, &RemoteCommand::outputLine, this, [this, host](OutputStream stream, const QByteArray& line) {
        add(stream == OutputStream::StdOut ? TranscriptEntry::Kind::StdOut : TranscriptEntry::Kind::StdErr,
            QString::fromUtf8(line).trimmed(), host);
    });
    connect(c, &RemoteOperation::finished, this, [this, c] { onStepFinished(c); });
}

void RescueRun::onStepFinished(RemoteCommand* command)
{
    command->deleteLater();
    if (command != m_command)
        return;
    m_command = nullptr;
    const CommandResult r = command->result();
    const Step step = m_steps.value(m_stepIndex);
    const QString host = hostKeyOf(step.sessionId);
    add(r.succeeded() ? TranscriptEntry::Kind::Result : TranscriptEntry::Kind::Warning, resultText(r), host);
    if (r.outcome == CommandOutcome::ConnectionLost) {
        onConnectionLost(tr("The connection to %1 was lost during rung %2. Whether the command reached the host "
                            "is not known, so nothing will be repeated: XenRescue diagnoses again once the host is "
                            "back, and any rung then needs a new confirmation.")
                             .arg(host, m_rung.number));
        return;
    }
    // Stopped or left running: the rung ends here, whichever step it was on (a stopped note must
    // never lead to the rung's real command).
    if (!step.essential && !r.succeeded() && r.outcome != CommandOutcome::Cancelled &&
        r.outcome != CommandOutcome::Detached) {
        add(TranscriptEntry::Kind::Warning, tr("The note in the host's system log could not be written; going on."));
        ++m_stepIndex;
        runNextStep();
        return;
    }
    if (r.succeeded()) {
        ++m_stepIndex;
        runNextStep();
        return;
    }
    const QByteArray output = r.stdErr.trimmed().isEmpty() ? r.stdOut : r.stdErr;
    switch (r.outcome) {
    case CommandOutcome::Cancelled:
        finishRung(Outcome::Cancelled, tr("Stopped on the host. Whatever the command did before it was stopped "
                                          "stays done: the diagnosis below shows the state now."));
        return;
    case CommandOutcome::TimedOut: {
        if (m_rung.id == RungId::CleanShutdown) {
            // Waiting for a guest that ignores the request is what a hung VM does: not a
            // sign of a wedged toolstack (the diagnosis that follows says if it is).
            finishRung(Outcome::TimedOut,
                       tr("The guest did not shut down within %1 s: a guest that ignores the request, or is hung, "
                          "never does. The request may stay pending as a task; the ladder below shows what fits "
                          "next.")
                           .arg(r.elapsedMs / 1000));
            return;
        }
        const RefusalReading reading =
            RecoveryLadder::interpretRefusal(m_rung.id, m_flavour, output, true, &m_situation);
        finishRung(Outcome::TimedOut,
                   reading.explanation.isEmpty()
                       ? tr("The command did not finish within %1 s and was stopped.").arg(r.elapsedMs / 1000)
                       : reading.explanation,
                   reading.nextRung);
        return;
    }
    case CommandOutcome::Failed:
        finishRung(Outcome::Failed, tr("The command could not be started: %1").arg(r.error));
        return;
    case CommandOutcome::Detached:
        finishRung(Outcome::Detached,
                   tr("The command was left running on %1: XenRescue no longer watches it, and its result is "
                      "not known. The diagnosis below shows the state now; read it again before any other rung.")
                       .arg(host));
        return;
    default:
        break;
    }
    const RefusalReading reading =
        RecoveryLadder::interpretRefusal(m_rung.id, m_flavour, output, false, &m_situation, r.exitStatus);
    // The host's guard refused before acting: the rung was not tried on this VM's domain.
    m_notAnAttempt = reading.guardRefused;
    if (reading.known) {
        finishRung(Outcome::Refused, reading.explanation, reading.nextRung);
        return;
    }
    finishRung(
        Outcome::Failed,
        tr("The command failed (exit %1): %2").arg(r.exitStatus).arg(QString::fromUtf8(output.trimmed().left(2000))));
}

void RescueRun::startCheck()
{
    const Verification& v = m_rung.verification;
    if (v.success == SuccessCondition::None || v.success == SuccessCondition::Manual || v.timeoutSeconds <= 0) {
        finishRung(Outcome::Succeeded, tr("The commands finished."));
        return;
    }
    m_checking = true;
    m_checkPolls = 0;
    m_checkStarted = QDateTime::currentDateTimeUtc();
    m_checkTimeoutS = std::max(1, int(v.timeoutSeconds * m_options.verificationTimeScale));
    add(TranscriptEntry::Kind::Info, tr("Checking for up to %1 s: %2").arg(m_checkTimeoutS).arg(v.description));
    setPhase(Phase::Verifying);
    startDiagnosis(true);
}

void RescueRun::finishRung(Outcome outcome, const QString& explanation, std::optional<RungId> next)
{
    m_checking = false;
    m_checkTimer.stop();
    m_outcome = outcome;
    m_explanation = explanation;
    m_suggestedNext = next;
    if (m_lastRung && outcome != Outcome::None && !std::exchange(m_notAnAttempt, false)) {
        RungAttempt a;
        a.rung = *m_lastRung;
        switch (outcome) {
        case Outcome::Succeeded:
        case Outcome::ShownOnly:
            a.outcome = AttemptOutcome::Succeeded;
            break;
        case Outcome::Refused:
            a.outcome = AttemptOutcome::Refused;
            break;
        case Outcome::TimedOut:
            a.outcome = AttemptOutcome::TimedOut;
            a.code = QStringLiteral("TIMEOUT");
            break;
        case Outcome::Cancelled:
            a.outcome = AttemptOutcome::Cancelled;
            break;
        case Outcome::ConnectionLost:
            a.outcome = AttemptOutcome::Failed;
            a.code = QStringLiteral("CLI_LOST_CONNECTION");
            break;
        default:
            a.outcome = AttemptOutcome::Failed;
            break;
        }
        // A crashed guest is a new situation: the forced rungs that failed on the hung
        // domain may work on the crashed one, so they are no longer "tried".
        if (a.rung == RungId::CrashGuest && a.outcome == AttemptOutcome::Succeeded)
            m_attempts.removeIf([](const RungAttempt& x) { return x.outcome != AttemptOutcome::Succeeded; });
        m_attempts.append(a);
    }
    const TranscriptEntry::Kind kind = outcome == Outcome::Succeeded || outcome == Outcome::ShownOnly
                                           ? TranscriptEntry::Kind::Success
                                       : outcome == Outcome::Cancelled ? TranscriptEntry::Kind::Warning
                                                                       : TranscriptEntry::Kind::Error;
    add(kind, outcomeText(outcome) + QStringLiteral(": ") + explanation);
    if (outcome == Outcome::ConnectionLost) {
        setPhase(Phase::ConnectionLost);
        Q_EMIT rungFinished(outcome);
        return;
    }
    // Diagnose afresh, so that the ladder shows what fits now; the outcome is announced first.
    m_phase = Phase::Diagnosing;
    Q_EMIT rungFinished(outcome);
    startDiagnosis(false);
}

void RescueRun::cancel()
{
    if (m_phase == Phase::Running && m_command) {
        add(TranscriptEntry::Kind::Warning, tr("Cancel requested: stopping the command on the host."));
        m_command->cancel();
        return;
    }
    if (m_phase == Phase::Verifying) {
        dropDiagnosis();
        finishRung(Outcome::Cancelled, tr("The check was stopped. The rung's commands had finished; the diagnosis "
                                          "below shows the state now."));
        return;
    }
    if (m_phase == Phase::Diagnosing) {
        dropDiagnosis();
        setPhase(m_hasLadder ? Phase::Ready : Phase::Idle);
    }
}

void RescueRun::judgeCheck(const VmSituation& s)
{
    ++m_checkPolls;
    const VerificationVerdict verdict = RecoveryLadder::verify(m_rung, s);
    const QString seen = describeSituation(s);
    const int elapsed = checkElapsedSeconds();
    add(TranscriptEntry::Kind::Check, tr("Check %1 (%2 s): %3").arg(m_checkPolls).arg(elapsed).arg(seen));
    Q_EMIT checkProgress(elapsed, m_checkTimeoutS, seen);
    if (verdict == VerificationVerdict::Succeeded) {
        finishRung(m_checkOnly ? Outcome::ShownOnly : Outcome::Succeeded,
                   tr("Confirmed: %1").arg(m_rung.verification.description));
        return;
    }
    // A dying domain is normal for a moment while its backends let go; only one that is
    // still held when the time is up is reported as lingering.
    if (verdict == VerificationVerdict::Lingering && elapsed >= m_checkTimeoutS) {
        const QString hint = m_rung.verification.lingeringHint.isEmpty()
                                 ? tr("The domain is dying but something still holds it.")
                                 : m_rung.verification.lingeringHint;
        for (const Probe& p : std::as_const(m_rung.verification.lingeringProbes)) {
            CommandRequest request;
            request.command = p.command.toShell();
            request.timeoutMs = m_options.diagnosisTimeoutMs;
            const QString session = sessionFor(p.host);
            add(TranscriptEntry::Kind::Command, request.command, hostKeyOf(session));
            if (const Result<RemoteCommand*> sent =
                    m_sender(session, request, context(QStringLiteral("check")), CommandKind::Read)) {
                RemoteCommand* c = *sent;
                connect(c, &RemoteOperation::finished, this, [this, c, session] {
                    c->deleteLater();
                    const QString out = QString::fromUtf8(c->result().stdOut.trimmed());
                    add(TranscriptEntry::Kind::StdOut, out.isEmpty() ? tr("(no output)") : out, hostKeyOf(session));
                });
            }
        }
        finishRung(Outcome::Lingering, hint, RungId::PowerCycleHost);
        return;
    }
    if (elapsed >= m_checkTimeoutS) {
        finishRung(Outcome::TimedOut,
                   tr("The rung's effect did not show within %1 s. Last seen: %2").arg(m_checkTimeoutS).arg(seen));
        return;
    }
    const int interval = std::max(1, m_rung.verification.pollIntervalSeconds);
    m_checkTimer.start(std::max(200, int(interval * 1000 * m_options.verificationTimeScale)));
}

} // namespace xr
