#pragma once

#include "DiagnosisThresholds.h"
#include "HostProbe.h"
#include "PoolState.h"
#include "RemoteHost.h"
#include "ScopeReader.h"
#include "ShellCommand.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace xr {

class AuditLog;

/// One connected host's brain: detects the flavour and identity, discovers the pool, and
/// polls what xapi believes and what the hypervisor runs, each with a deadline.
///
/// Connect: one probe command (probeCommand()) reads /etc/xensource-inventory, which of xe,
/// xl, xm, list_domains and the ladder's tools exist, and the hostname; xl/xm hosts add
/// `xl info` / `xm info` for the Xen version.
///
/// Each group is one read of the host's scope through the one reader (ScopeRead's plan and
/// parsers, run by a ScopeReader), the same as a rescue's diagnosis.
///
/// Polling runs as two independent groups so that a wedged xapi never delays the
/// hypervisor's view:
///   - hypervisor group: `list_domains` (xapi), `xl list`, `xm list`;
///   - xapi group (xapi hosts): `xe vm-list` + `xe task-list` when this session is the pool's
///     xapi source (setPollsXapi), else a cheap `xe host-param-get` health check; plus
///     `xe pool-list` / `xe host-list` on connect and every Options::poolRefreshEvery cycles.
/// Each group starts again after max(interval, 2 x its last duration), capped at
/// maxIntervalMs: a slow or wedged host is polled less often, never more than one group
/// at a time.
///
/// xapi health comes from the xe commands: answered (Answering, or Slow past
/// slowThresholdMs), timed out or "Lost connection" (NotAnswering), "Connection refused" /
/// "Unable to contact" (Refused). On xm hosts it is xend's health, read from `xm list`.
///
/// Audit: setup commands (probe, identity, pool discovery) are recorded every time. The
/// polls' reads repeat every few seconds; recording each would write hundreds of thousands
/// of identical lines a day, so a poll command is recorded the first time this session
/// sends it and whenever its outcome (finished / timed out..., exit status) differs from the
/// last recorded one: the log still shows every distinct command sent and when xapi stopped
/// or started answering. Actions never go through a session: they pass the CommandGateway,
/// which records every one of them.
class HostSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSession)

public:
    enum class State {
        Idle,    ///< not started, or the host is not connected yet
        Probing, ///< connected, reading the flavour and identity
        Ready,   ///< identified and polling
        Lost,    ///< the connection dropped; the last views are kept (stale)
        Failed,  ///< the host is not a Xen dom0 this app knows, or the probe failed
    };
    Q_ENUM(State)

    /// The thresholds' defaults are DiagnosisThresholds' (one place for the poll and the rescue).
    struct Options
    {
        int intervalMs = 5000;
        int maxIntervalMs = 60000;
        int xapiTimeoutMs = DiagnosisThresholds{}.xapiTimeoutMs;
        int hypervisorTimeoutMs = DiagnosisThresholds{}.hypervisorTimeoutMs;
        int slowThresholdMs = DiagnosisThresholds{}.xapiSlowMs;
        /// Pool discovery (pool-list, host-list) every N xapi cycles.
        int poolRefreshEvery = 6;
        /// Poll on a timer; false: only pollNow() starts a cycle (CLI, tests).
        bool autoPoll = true;
    };

    /// `audit` may be nullptr (demo hosts: nothing real runs). The session does not own
    /// `host`; it must outlive the session or be deleted with it.
    HostSession(RemoteHost* host, AuditLog* audit, QObject* parent = nullptr);
    ~HostSession() override;

    RemoteHost* host() const { return m_host; }
    void setOptions(const Options& options) { m_options = options; }
    const Options& options() const { return m_options; }
    /// The options' thresholds as the reader takes them.
    DiagnosisThresholds thresholds() const;

    /// Whether this session reads xapi's VM and task lists (the pool's master, or a member
    /// standing in while the master is not connected). Default true.
    void setPollsXapi(bool polls);
    bool pollsXapi() const { return m_pollsXapi; }

    /// Follows the host: probes as soon as it is connected, then polls.
    void start();
    /// Stops polling and drops the commands in flight.
    void stop();
    /// Starts every group that is not running now.
    void pollNow();

    State state() const { return m_state; }
    QString errorMessage() const { return m_error; }
    const HostIdentity& identity() const { return m_identity; }
    bool isIdentified() const { return m_identified; }
    bool isXapi() const { return m_identified && m_identity.flavour.isXapi(); }
    /// The pool's master is this host (false until the pool is known).
    bool isPoolMaster() const;
    const XapiPool& pool() const { return m_pool; }
    /// Pool members as last discovered: kept when xapi stops answering.
    const QList<XapiHost>& poolHosts() const { return m_poolHosts; }
    const XapiView& xapiView() const { return m_xapiView; }
    const HypervisorView& hypervisorView() const { return m_hypervisorView; }
    XapiHealth xapiHealth() const { return m_health; }
    /// When xapi stopped answering (NotAnswering/Refused); invalid while it answers.
    QDateTime xapiTroubleSince() const { return m_troubleSince; }
    qint64 lastXapiMs() const { return m_lastXapiMs; }
    /// When an xe command last got an answer from xapi (an error from xapi counts; a timeout
    /// or a refused connection does not); invalid when none has yet.
    QDateTime lastXapiAnswer() const { return m_lastXapiAnswer; }
    int nextXapiIntervalMs() const { return m_xapi.nextMs; }
    int nextHypervisorIntervalMs() const { return m_hv.nextMs; }

    // The probe, the read commands and their parsers are HostProbe's (diagnostics/, no I/O);
    // these forward to it for the callers that know them here.
    static QString probeCommand() { return HostProbe::probeCommand(); }
    static std::optional<HostIdentity> parseProbe(QByteArrayView output, QString* error = nullptr)
    {
        return HostProbe::parseProbe(output, error);
    }
    static ShellCommand hypervisorCommand(const HostIdentity& identity)
    {
        return HostProbe::hypervisorCommand(identity);
    }
    /// max(base, 2 x last), capped.
    static int nextInterval(int baseMs, qint64 lastCycleMs, int capMs);
    /// The management daemon's health as one command's result shows it (HostProbe::healthOf).
    static std::optional<XapiHealth> healthOf(const CommandResult& result, int slowThresholdMs, FlavourKind flavour)
    {
        return HostProbe::healthOf(answerOf(result), slowThresholdMs, flavour);
    }

Q_SIGNALS:
    void stateChanged(xr::HostSession::State state);
    void identified();
    void poolChanged();
    void xapiViewChanged();
    void hypervisorViewChanged();
    void xapiHealthChanged(xr::XapiHealth health);
    /// Both groups have finished at least once since the last emission (one poll cycle).
    void cycleFinished();
    void auditFailed(const QString& message);

private:
    struct Group
    {
        bool running = false;
        /// The group's read in flight.
        std::unique_ptr<ScopeReader> read;
        QElapsedTimer clock;
        QTimer timer;
        int nextMs = 0;
        bool doneSinceCycle = false;
        int cycles = 0;
    };
    using Done = std::function<void(const CommandResult&)>;

    void onHostState(HostState state);
    void setState(State state, const QString& error = {});
    void probe();
    void finishIdentify();
    void send(const QString& command, int timeoutMs, bool setup, Done done);
    void audit(const CommandRequest& request, const CommandResult& result, bool setup, const QDateTime& started);
    void startHypervisorGroup();
    void startXapiGroup();
    ScopeReader* startRead(const ScopeRequest& request, Group& group, bool setup);
    void dropRead(Group& group);
    void groupDone(Group& group);
    void applyHealth(std::optional<XapiHealth> health);
    void maybeFinishCycle();
    bool hasXapiGroup() const;

    QPointer<RemoteHost> m_host;
    AuditLog* m_audit;
    Options m_options;
    bool m_started = false;
    bool m_pollsXapi = true;
    State m_state = State::Idle;
    QString m_error;
    HostIdentity m_identity;
    bool m_identified = false;
    XapiPool m_pool;
    QList<XapiHost> m_poolHosts;
    XapiView m_xapiView;
    HypervisorView m_hypervisorView;
    XapiHealth m_health = XapiHealth::Answering;
    QDateTime m_troubleSince;
    qint64 m_lastXapiMs = 0;
    QDateTime m_lastXapiAnswer;
    Group m_hv;
    Group m_xapi;
    QSet<RemoteCommand*> m_inFlight;
    int m_generation = 0;
    // Poll command -> "outcome/exit" last written to the audit log.
    QHash<QString, QString> m_audited;
};

} // namespace xr
