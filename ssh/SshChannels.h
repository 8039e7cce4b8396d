#pragma once

#include "RemoteTypes.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>

#include <climits>
#include <memory>

#include <libssh/libssh.h>

namespace xr {

/// The commands of one connected SSH session, one channel each, multiplexed in
/// non-blocking mode: opens a channel when one is free (learning the server's limit from
/// its refusals), runs the command behind a marker that names its remote process group,
/// drains its output within the caller's bound, and on a deadline or a cancel stops that
/// process group (from a channel of its own) before the channel is let go.
class SshChannels final
{
    Q_DISABLE_COPY_MOVE(SshChannels)

public:
    /// What the channels need from the worker that owns the session.
    class Host
    {
    public:
        virtual ssh_session session() const = 0; // null once released
        virtual QString sessionError() const = 0;
        virtual bool isConnected() const = 0;
        virtual void noteActivity() = 0;
        virtual void scheduleService() = 0;
        virtual void reportCommandOutput(quint64 id, int stream, const QByteArray& chunk) = 0;
        virtual void reportCommandResult(quint64 id, const CommandResult& result) = 0;

    protected:
        ~Host() = default;
    };

    SshChannels(Host& host, int maxChannels);
    ~SshChannels();

    /// The transport's own commands (remote kills) carry this bit and report no result.
    static bool isInternal(quint64 id);
    /// The shell script that stops process group @p pgid: TERM, then KILL only if the group
    /// is still there after up to a second (a group that is gone gets no KILL: its id may
    /// already belong to another group).
    static QString groupStopScript(qint64 pgid);

    /// Queues a command; the session must be connected.
    void start(quint64 id, const CommandRequest& request);
    /// Cancels command @p id; false when there is no such command.
    bool cancel(quint64 id);
    /// Finishes command @p id as Detached and closes its channel without stopping the remote
    /// process (started with SIGHUP and SIGPIPE ignored when the request allows it); false
    /// when there is no such command.
    bool detach(quint64 id);
    /// Moves every command on as far as it goes without waiting; true when one of them
    /// moved data (more may be ready). Stops early when the connection goes.
    bool step();
    bool isEmpty() const { return m_commands.isEmpty(); }
    /// A new connection: forget the channel limit learned on the last one.
    void forgetChannelLimit() { m_learnedChannelLimit = INT_MAX; }

    /// Disconnecting: every command not yet answered ends. A state-changing one (survivesDetach)
    /// is left running on the host (Detached); the others end as cancelled with @p error (their
    /// remote processes are stopped). Channels stay until release().
    void cancelAll(const QString& error);
    /// The connection is lost: channels are freed without a goodbye and every command not
    /// yet answered ends with @p error.
    void abandonAll(const QString& error);
    /// The session goes: frees every channel, answers nothing.
    void release();

private:
    struct Command;

    bool stepCommand(Command& cmd);
    /// Opens the channel and starts the command; true when it runs.
    bool open(Command& cmd);
    bool drain(Command& cmd, int stream);
    void finishCommand(quint64 id, CommandOutcome outcome, const QString& error);
    void stopRemote(Command& cmd);
    void freeChannel(Command& cmd);
    int channelsInUse() const;
    void startInternal(const QString& command);

    Host& m_host;
    int m_maxChannels;
    QHash<quint64, std::shared_ptr<Command>> m_commands;
    quint64 m_lastInternalId = 0;
    int m_learnedChannelLimit = INT_MAX; // lowered when the server refuses a channel
    QElapsedTimer m_learnedAt;
};

} // namespace xr
