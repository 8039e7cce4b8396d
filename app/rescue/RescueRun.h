#pragma once

#include "AuditLog.h"
#include "PoolState.h"
#include "RecoveryLadder.h"
#include "RemoteTypes.h"
#include "RescueTranscript.h"
#include "ScopeRead.h"
#include "VmActions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace xr {

class PoolMonitor;
class RescueDiagnosis;
class RemoteCommand;

/// One rescue of one VM: the live diagnosis (rung 0), the ladder built from it, running a
/// rung's commands on the right host with a deadline and cancel, and the check after it.
///
/// Safety rules it enforces itself (the wizard shows them, this class holds them):
///   - a rung runs only when it applies to the latest diagnosis and comes with a
///     confirmation that fits its risk (confirmationProblem());
///   - every command goes through the sender, which writes the audit log before sending;
///     rungs of medium risk and above first leave a `logger -t xenrescue` line on the host;
///   - a connection lost during a rung (or its check) stops the run: nothing is repeated;
///     once the host is back the diagnosis runs again, and a rung needs a fresh
///     confirmation (runRung() again) like any other;
///   - VMs are addressed by UUID (the ladder's commands), never by name; commands that address
///     a domain by id carry DomainGuard, so the host refuses when the id changed hands, and
///     such a refusal counts as no attempt (nothing was done);
///   - a rung of medium risk or higher never starts on a diagnosis older than
///     Options::maxDiagnosisAgeMs: the VM is read again first, and the confirmation holds only
///     if the fresh ladder still permits the rung (on the same domain, for rungs by domid).
class RescueRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RescueRun)

public:
    enum class Phase {
        Idle,
        Diagnosing,
        Ready,          ///< diagnosed: a rung may run
        Running,        ///< a rung's commands are running
        Verifying,      ///< polling until the rung's promise holds
        ConnectionLost, ///< waiting for the host to come back, then diagnosing again
        Failed,         ///< the VM cannot be diagnosed (gone from the tree, no host)
    };
    Q_ENUM(Phase)

    /// How the last rung ended.
    enum class Outcome {
        None,
        Succeeded,
        Failed,  ///< a command failed in a way the ladder does not know
        Refused, ///< a known refusal (the explanation says which, nextRung what fits)
        TimedOut,
        Cancelled,
        ConnectionLost,
        Lingering, ///< the domain is dying but held by a backend
        ShownOnly, ///< the admin ran the commands by hand; the check ran
        Checklist, ///< rung 6: nothing is run by XenRescue
        Detached,  ///< the command was left running on the host; XenRescue stopped watching it
    };
    Q_ENUM(Outcome)

    /// What the admin did to confirm a rung (see confirmationProblem()).
    struct Confirmation
    {
        RungId rung = RungId::Diagnose;
        /// The checkbox naming the consequence (medium risk) was ticked.
        bool acknowledged = false;
        /// What the admin typed (high and critical risk): the VM's name or its UUID.
        QString typedName;
    };

    /// What the run sends: its diagnosis and checks read; its rungs' commands change things.
    enum class CommandKind { Read, Action };
    /// Sends one command to a session's host: an action is audited before it is sent (and
    /// counted in flight), a read when it ends. Fails with the reason when it refused to send
    /// (the caller owns the command it returns).
    using Sender = std::function<Result<RemoteCommand*>(const QString& sessionId, const CommandRequest& request,
                                                        const AuditContext& context, CommandKind kind)>;

    struct Options
    {
        /// A diagnosis or check read's deadline (the other thresholds are the poll's:
        /// PoolMonitor::thresholds()).
        int diagnosisTimeoutMs = DiagnosisThresholds{}.diagnosisTimeoutMs;
        /// A rung's command gets max(this, its verification timeout) before it is stopped.
        int minCommandTimeoutMs = 60000;
        /// Scales verification timeouts and intervals (tests: faster polls).
        double verificationTimeScale = 1.0;
        /// A diagnosis older than this is read again before any rung of medium risk or
        /// higher; the rung then starts only if the fresh ladder still permits it.
        int maxDiagnosisAgeMs = 30000;
    };

    RescueRun(PoolMonitor* monitor, Sender sender, QString vmId, QObject* parent = nullptr);
    ~RescueRun() override;

    void setOptions(const Options& options) { m_options = options; }
    QString runId() const { return m_runId; }
    QString vmId() const { return m_vmId; }
    QString vmUuid() const { return m_vm.uuid; }
    QString vmName() const { return m_vm.name; }
    /// "Rescue NAME on HOST".
    QString title() const;
    Phase phase() const { return m_phase; }
    QString errorMessage() const { return m_error; }

    const VmSituation& situation() const { return m_situation; }
    const Ladder& ladder() const { return m_ladder; }
    bool hasLadder() const { return m_hasLadder; }
    FlavourKind flavour() const { return m_flavour; }
    /// The host name a role's commands run on, as the admin knows it.
    QString hostLabel(HostRole role) const;
    /// Whether a session is connected for the role (rungs on a host without one cannot run).
    bool canReach(HostRole role) const;

    /// xapi's health on the VM's resident host as its own session last saw it, when that
    /// host is connected and is not the pool's xapi source.
    std::optional<XapiHealth> residentXapiHealth() const;

    /// Runs the diagnosis now (again); diagnosed() when done.
    void diagnose();

    /// Why `confirmation` is not enough for `rung` (empty: it is enough). Nothing runs on a VM
    /// whose records are ambiguous. Safe and low: the button itself; medium: the
    /// acknowledgement; high and critical: the VM's name typed exactly or its full UUID, and
    /// only the UUID when the name is not unique or cannot be seen (TypedConfirmation).
    static QString confirmationProblem(const Rung& rung, const Confirmation& confirmation,
                                       const ConfirmationTarget& vm);
    /// The VM as the confirmation names it: name, UUID, whether the name is unique in its
    /// pool and whether its records are ambiguous (as the last diagnosis read them).
    ConfirmationTarget confirmationTarget() const;
    /// How old the current diagnosis is, in ms (-1: none yet).
    qint64 diagnosisAgeMs() const;
    /// Runs a rung of the current ladder; fails with the reason when it cannot start now.
    /// A stale diagnosis is read again first (phase Diagnosing); if the fresh ladder no
    /// longer permits the rung, rungFinished(Refused) says why and nothing is sent.
    [[nodiscard]] Result<void> runRung(RungId id, const Confirmation& confirmation);
    /// The admin ran the rung's commands by hand ("show only"): runs only its check.
    [[nodiscard]] Result<void> checkOnly(RungId id);
    /// Stops the running command (its remote process group is signalled) or the check.
    void cancel();

    Outcome lastOutcome() const { return m_outcome; }
    std::optional<RungId> lastRung() const { return m_lastRung; }
    /// What the last rung's ending means, in plain words.
    QString lastExplanation() const { return m_explanation; }
    /// The rung that fits next according to the refusal; nullopt: see the fresh ladder.
    std::optional<RungId> suggestedNext() const { return m_suggestedNext; }
    const QList<TranscriptEntry>& transcript() const { return m_transcript.entries(); }
    /// Seconds into the current check, and its timeout.
    int checkElapsedSeconds() const;
    int checkTimeoutSeconds() const { return m_checkTimeoutS; }
    /// The deadline of the command running now, in seconds.
    int commandTimeoutSeconds() const { return m_commandTimeoutMs / 1000; }

    static QString outcomeText(Outcome outcome);

Q_SIGNALS:
    void phaseChanged(xr::RescueRun::Phase phase);
    void diagnosed();
    void transcriptAdded(const xr::TranscriptEntry& entry);
    /// A verification poll finished: `text` says what it saw.
    void checkProgress(int elapsedSeconds, int timeoutSeconds, const QString& text);
    void rungFinished(xr::RescueRun::Outcome outcome);

private:
    struct Step
    {
        ShellCommand command;
        QString sessionId;
        bool essential = true; // a failing logger line does not stop the rung
    };

    void setPhase(Phase phase);
    void add(TranscriptEntry::Kind kind, const QString& text, const QString& host = {});
    QString sessionFor(HostRole role) const;
    QString hostKeyOf(const QString& sessionId) const;
    [[nodiscard]] Result<const Rung*> checkCanStart(RungId id) const;
    void startRung(const Rung& rung);
    /// The rung confirmed on a stale diagnosis, judged against the fresh one.
    void resolvePendingRung();
    void startDiagnosis(bool forCheck);
    void finishDiagnosis(bool forCheck);
    void dropDiagnosis();
    void runNextStep();
    void onStepFinished(RemoteCommand* command);
    void startCheck();
    /// One check of the rung just run: its verdict on the situation read now.
    void judgeCheck(const VmSituation& situation);
    void finishRung(Outcome outcome, const QString& explanation, std::optional<RungId> next = std::nullopt);
    void onConnectionLost(const QString& what);
    void watchHosts();
    QString describeSituation(const VmSituation& s) const;
    AuditContext context(const QString& action) const;

    PoolMonitor* m_monitor;
    Sender m_sender;
    QString m_vmId;
    QString m_runId;
    Options m_options;
    VmState m_vm;
    QString m_scopeId;
    // The host named in the title: where the VM was when the rescue started.
    mutable QString m_titleHost;
    FlavourKind m_flavour = FlavourKind::XapiModern;
    Phase m_phase = Phase::Idle;
    QString m_error;
    VmSituation m_situation;
    Ladder m_ladder;
    bool m_hasLadder = false;
    QList<RungAttempt> m_attempts;
    TranscriptLog m_transcript;
    /// The diagnosis or check read in flight (a child); nullptr when none.
    RescueDiagnosis* m_diagnosis = nullptr;

    // The rung being run.
    Rung m_rung;
    QList<Step> m_steps;
    int m_stepIndex = 0;
    QPointer<RemoteCommand> m_command;
    int m_commandTimeoutMs = 0;
    bool m_checkOnly = false;

    // Its check.
    bool m_checking = false;
    QDateTime m_checkStarted;
    int m_checkTimeoutS = 0;
    QTimer m_checkTimer;
    int m_checkPolls = 0;

    // The diagnosis' age, and a rung waiting for a fresh one.
    QElapsedTimer m_diagnosedAt;
    struct PendingRung
    {
        RungId id = RungId::Diagnose;
        Confirmation confirmation;
        qint64 domid = -1;
        bool byDomid = false;
    };
    std::optional<PendingRung> m_pending;
    /// The rung ending now did nothing on the host (the guard refused): not an attempt.
    bool m_notAnAttempt = false;

    Outcome m_outcome = Outcome::None;
    std::optional<RungId> m_lastRung;
    QString m_explanation;
    std::optional<RungId> m_suggestedNext;
    bool m_waitingForHost = false;
    QList<QMetaObject::Connection> m_hostWatch;
};

} // namespace xr
