#include "SshChannels.h"

#include "LibsshSupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace xr {

namespace {

constexpr int kReadChunk = 64 * 1024;
constexpr int kDyingMaxMs = 5000; // how long a stopped command's channel is drained
constexpr quint64 kInternalBit = quint64(1) << 63;
// The transport's first line on stderr: the remote shell's pid, which is its process group
// (sshd makes every session a session leader). Stripped before anyone sees the output.
constexpr char kPgidMarker[] = "XR-PGID:";
constexpr int kMarkerScanLimit = 16 * 1024;
constexpr int kRefusalRetryMs = 150;     // after a refused channel
constexpr int kRefusalPatienceMs = 5000; // refusals with no channel of ours open, then fail

} // namespace

struct SshChannels::Command
{
    quint64 id = 0;
    CommandRequest request;
    ssh_channel channel = nullptr;
    enum class Phase { Opening, Executing, Running } phase = Phase::Opening;
    QElapsedTimer started;
    QDeadlineTimer deadline;
    CommandResult result;
    qint64 pgid = 0;       // remote process group, from the marker line
    QByteArray markerScan; // stderr held back until the marker line was seen
    bool markerDone = false;
    bool delivered = false; // the result went out; the channel is only being wound down
    bool internal = false;  // the transport's own command (a remote kill): no result
    bool killIssued = false;
    QElapsedTimer dyingSince;
    QElapsedTimer refusedSince; // first time the server refused a channel for it
    QDeadlineTimer retryAt{0};  // not before this, after a refusal
};

SshChannels::SshChannels(Host& host, int maxChannels)
    : m_host(host)
    , m_maxChannels(maxChannels)
{}

SshChannels::~SshChannels() = default;

bool SshChannels::isInternal(quint64 id)
{
    return (id & kInternalBit) != 0;
}

void SshChannels::start(quint64 id, const CommandRequest& request)
{
    auto cmd = std::make_shared<Command>();
    cmd->id = id;
    cmd->internal = isInternal(id);
    cmd->request = request;
    cmd->started.start();
    cmd->deadline = QDeadlineTimer(qMax(1, request.timeoutMs));
    m_commands.insert(id, cmd);
    m_host.scheduleService();
}

void SshChannels::startInternal(const QString& command)
{
    const quint64 id = kInternalBit | ++m_lastInternalId;
    if (!m_host.isConnected())
        return; // nobody to tell: an internal command has no result
    CommandRequest req;
    req.command = command;
    req.timeoutMs = 15000;
    req.maxOutputBytes = 4096;
    start(id, req);
}

bool SshChannels::cancel(quint64 id)
{
    auto it = m_commands.find(id);
    if (it == m_commands.end())
        return false;
    if (!(*it)->delivered)
        finishCommand(id, CommandOutcome::Cancelled, QCoreApplication::translate("SshHost", "Cancelled."));
    return true;
}

bool SshChannels::detach(quint64 id)
{
    auto it = m_commands.find(id);
    if (it == m_commands.end())
        return false;
    std::shared_ptr<Command> cmd = *it;
    if (cmd->delivered)
        return true;
    if (cmd->phase != Command::Phase::Running) {
        // Nothing runs on the host yet: there is nothing to leave running.
        finishCommand(id, CommandOutcome::Cancelled,
                      QCoreApplication::translate("SshHost", "Not started: XenRescue stopped it before it ran."));
        return true;
    }
    cmd->delivered = true;
    cmd->result.outcome = CommandOutcome::Detached;
    cmd->result.error = QCoreApplication::translate(
        "SshHost", "Left running on the host: XenRescue stopped watching it (its output is no longer read).");
    cmd->result.elapsedMs = cmd->started.elapsed();
    m_host.reportCommandResult(id, cmd->result);
    // Close the channel without signalling the process group: the process goes on.
    freeChannel(*cmd);
    m_commands.erase(it);
    return true;
}

void SshChannels::cancelAll(const QString& error)
{
    const auto commands = m_commands.values();
    for (const auto& cmd : commands) {
        if (cmd->delivered || cmd->internal)
            continue;
        // A state-changing command is never killed by a disconnect: it is left running on the
        // host (it ignores SIGHUP and SIGPIPE); a read is stopped.
        if (cmd->request.survivesDetach)
            detach(cmd->id);
        else
            finishCommand(cmd->id, CommandOutcome::Cancelled, error);
    }
}

void SshChannels::abandonAll(const QString& error)
{
    // Channels of a dead session must not be used again: free them without a goodbye.
    const auto commands = m_commands.values();
    m_commands.clear();
    for (const auto& cmd : commands) {
        if (cmd->channel)
            ssh_channel_free(std::exchange(cmd->channel, nullptr));
        if (!cmd->delivered && !cmd->internal) {
            cmd->result.outcome = CommandOutcome::ConnectionLost;
            cmd->result.error = error;
            cmd->result.elapsedMs = cmd->started.elapsed();
            m_host.reportCommandResult(cmd->id, cmd->result);
        }
    }
}

void SshChannels::release()
{
    for (auto& cmd : m_commands) {
        if (cmd->channel)
            ssh_channel_free(std::exchange(cmd->channel, nullptr));
    }
    m_commands.clear();
}

bool SshChannels::step()
{
    bool busy = false;
    const auto commands = m_commands.values();
    for (const auto& cmd : commands) {
        if (m_commands.contains(cmd->id) && stepCommand(*cmd))
            busy = true;
        if (!m_host.isConnected())
            break;
    }
    return busy;
}

int SshChannels::channelsInUse() const
{
    int n = 0;
    for (const auto& cmd : m_commands) {
        if (cmd->channel)
            ++n;
    }
    return n;
}

void SshChannels::freeChannel(Command& cmd)
{
    if (!cmd.channel)
        return;
    ssh_channel_close(cmd.channel);
    ssh_channel_free(std::exchange(cmd.channel, nullptr));
}

void SshChannels::stopRemote(Command& cmd)
{
    if (!cmd.channel || cmd.killIssued)
        return;
    // A signal request works where sshd allows it (not for root sessions, the usual case
    // on dom0); killing the process group from a second channel works everywhere. Either
    // way a wedged `xe` under a shell dies with its shell.
    ssh_channel_request_send_signal(cmd.channel, "TERM");
    if (cmd.pgid > 1) {
        cmd.killIssued = true;
        startInternal(groupStopScript(cmd.pgid));
    }
}

QString SshChannels::groupStopScript(qint64 pgid)
{
    // `kill -0` asks whether the group still has a member; polled ten times over a second.
    return QStringLiteral("kill -TERM -- -%1 2>/dev/null; for i in 1 2 3 4 5 6 7 8 9 10; do "
                          "kill -0 -- -%1 2>/dev/null || exit 0; sleep 0.1; done; "
                          "kill -KILL -- -%1 2>/dev/null; exit 0")
        .arg(pgid);
}

bool SshChannels::drain(Command& cmd, int stream)
{
    char buf[kReadChunk];
    bool any = false;
    for (;;) {
        const int n = ssh_channel_read_nonblocking(cmd.channel, buf, sizeof buf, stream);
        if (n <= 0)
            return any;
        any = true;
        QByteArray chunk(buf, n);
        if (stream == 1 && !cmd.markerDone) {
            cmd.markerScan += chunk;
            chunk.clear();
            const qsizetype at = cmd.markerScan.indexOf(kPgidMarker);
            const qsizetype nl = at < 0 ? -1 : cmd.markerScan.indexOf('\n', at);
            if (nl >= 0) {
                const qsizetype start = at + qsizetype(sizeof kPgidMarker) - 1;
                cmd.pgid = cmd.markerScan.mid(start, nl - start).trimmed().toLongLong();
                chunk = cmd.markerScan.left(at) + cmd.markerScan.mid(nl + 1);
                cmd.markerScan.clear();
                cmd.markerDone = true;
                if (cmd.delivered)
                    stopRemote(cmd); // stopped before we knew whom to stop
            } else if (cmd.markerScan.size() > kMarkerScanLimit) {
                chunk = std::exchange(cmd.markerScan, {});
                cmd.markerDone = true;
            } else {
                continue;
            }
        }
        if (cmd.delivered || chunk.isEmpty())
            continue;
        QByteArray& keep = stream == 0 ? cmd.result.stdOut : cmd.result.stdErr;
        qint64& count = stream == 0 ? cmd.result.stdOutBytes : cmd.result.stdErrBytes;
        count += chunk.size();
        const qint64 room = cmd.request.maxOutputBytes - keep.size();
        const qsizetype take = qsizetype(qBound<qint64>(0, room, qint64(chunk.size())));
        if (take < chunk.size()) {
            cmd.result.truncated = true;
            chunk.truncate(take);
        }
        if (!chunk.isEmpty()) {
            keep.append(chunk);
            if (cmd.request.streaming)
                m_host.reportCommandOutput(cmd.id, stream, chunk);
        }
    }
}

bool SshChannels::stepCommand(Command& cmd)
{
    if (cmd.delivered) {
        // Stopped by deadline or cancel: drain until the remote side is gone.
        const bool got = cmd.channel && (drain(cmd, 0) | drain(cmd, 1));
        const bool gone = !cmd.channel || ssh_channel_is_closed(cmd.channel) ||
                          (ssh_channel_poll(cmd.channel, 0) == SSH_EOF && ssh_channel_poll(cmd.channel, 1) == SSH_EOF);
        if (gone || cmd.dyingSince.elapsed() > kDyingMaxMs) {
            freeChannel(cmd);
            m_commands.remove(cmd.id);
        }
        return got;
    }
    if (cmd.deadline.hasExpired()) {
        finishCommand(cmd.id, CommandOutcome::TimedOut,
                      QCoreApplication::translate("SshHost", "No answer within %1 s; the command was stopped.")
                          .arg(cmd.request.timeoutMs / 1000.0));
        return false;
    }
    if (cmd.phase != Command::Phase::Running && !open(cmd))
        return false;

    const bool got = drain(cmd, 0) | drain(cmd, 1);
    if (got)
        m_host.noteActivity();
    const bool eof = ssh_channel_poll(cmd.channel, 0) == SSH_EOF && ssh_channel_poll(cmd.channel, 1) == SSH_EOF;
    if (eof) {
        const int status = ssh_channel_get_exit_status(cmd.channel);
        if (status >= 0 || ssh_channel_is_closed(cmd.channel)) {
            if (!cmd.markerScan.isEmpty()) { // stderr that never carried a marker
                cmd.result.stdErr.prepend(std::exchange(cmd.markerScan, {}));
                cmd.result.stdErrBytes = cmd.result.stdErr.size();
            }
            cmd.result.exitStatus = status;
            freeChannel(cmd);
            finishCommand(cmd.id, CommandOutcome::Finished,
                          status < 0 ? QCoreApplication::translate(
                                           "SshHost", "The command ended without an exit status (killed by a signal?).")
                                     : QString());
            return false;
        }
    }
    return got;
}

bool SshChannels::open(Command& cmd)
{
    if (cmd.phase == Command::Phase::Opening) {
        if (!cmd.retryAt.hasExpired())
            return false;
        if (!cmd.channel) {
            // Wait for a free channel. The transport's own kill commands may use two more,
            // so a host full of stuck commands can still be cleaned up.
            if (m_learnedChannelLimit != INT_MAX && m_learnedAt.elapsed() > 30000)
                m_learnedChannelLimit = INT_MAX; // a refusal can be passing (sessions being torn down)
            const int limit = qMin(m_maxChannels, m_learnedChannelLimit) + (cmd.internal ? 2 : 0);
            if (channelsInUse() >= qMax(1, limit))
                return false;
            cmd.channel = ssh_channel_new(m_host.session());
        }
        if (!cmd.channel) {
            finishCommand(
                cmd.id, CommandOutcome::Failed,
                QCoreApplication::translate("SshHost", "Could not open a channel: %1").arg(m_host.sessionError()));
            return false;
        }
        const int rc = ssh_channel_open_session(cmd.channel);
        if (rc == SSH_AGAIN)
            return false;
        if (rc != SSH_OK) {
            ssh_channel_free(std::exchange(cmd.channel, nullptr));
            // A server with a lower MaxSessions refuses the extra channel. sshd also keeps a
            // finished session's slot for a moment after its channel closed, so a refusal
            // can come even when this side holds no channel. Either way: remember the limit
            // and retry shortly; fail only when refusals go on with nothing of ours open.
            const int others = channelsInUse();
            if (others > 0) {
                m_learnedChannelLimit = others;
                m_learnedAt.start();
            }
            if (!cmd.refusedSince.isValid())
                cmd.refusedSince.start();
            if (others == 0 && cmd.refusedSince.elapsed() > kRefusalPatienceMs) {
                finishCommand(cmd.id, CommandOutcome::Failed,
                              QCoreApplication::translate("SshHost", "The server refused a channel: %1")
                                  .arg(m_host.sessionError()));
                return false;
            }
            qCInfo(lcSsh) << "server refused channel" << others + 1 << "; trying again shortly";
            cmd.retryAt = QDeadlineTimer(kRefusalRetryMs);
            return false;
        }
        cmd.phase = Command::Phase::Executing;
    }
    // The marker line goes first, on its own line, so the command text after it is
    // exactly what the caller built.
    // A command that may be left running ignores SIGHUP and SIGPIPE (inherited by what it
    // starts), so closing its channel or the connection does not end it half-way.
    const QByteArray detachable = cmd.request.survivesDetach ? QByteArray("trap '' HUP PIPE\n") : QByteArray();
    const QByteArray wire =
        QByteArray("printf '") + kPgidMarker + "%s\\n' \"$$\" >&2\n" + detachable + cmd.request.command.toUtf8();
    const int rc = ssh_channel_request_exec(cmd.channel, wire.constData());
    if (rc == SSH_AGAIN)
        return false;
    if (rc != SSH_OK) {
        freeChannel(cmd);
        finishCommand(cmd.id, CommandOutcome::Failed,
                      QCoreApplication::translate("SshHost", "The server refused to run the command: %1")
                          .arg(m_host.sessionError()));
        return false;
    }
    cmd.phase = Command::Phase::Running;
    return true;
}

void SshChannels::finishCommand(quint64 id, CommandOutcome outcome, const QString& error)
{
    auto it = m_commands.find(id);
    if (it == m_commands.end() || (*it)->delivered)
        return;
    std::shared_ptr<Command> cmd = *it;
    cmd->delivered = true;
    cmd->result.outcome = outcome;
    cmd->result.error = error;
    cmd->result.elapsedMs = cmd->started.elapsed();
    if (!cmd->internal)
        m_host.reportCommandResult(id, cmd->result);
    if (cmd->channel && outcome != CommandOutcome::Finished && cmd->phase == Command::Phase::Running) {
        // Keep the channel until the remote process is gone; stop it now if we know its
        // process group, or as soon as the marker line arrives.
        cmd->dyingSince.start();
        stopRemote(*cmd);
        m_host.scheduleService();
        return;
    }
    freeChannel(*cmd);
    m_commands.erase(it);
}

} // namespace xr
