#pragma once

#include "RemoteTypes.h"
#include "ScopeRead.h"

#include <QDateTime>
#include <QObject>
#include <QSet>

#include <functional>

namespace xr {

class RemoteCommand;

/// Converts the transport's result into what a verdict reads.
ReadAnswer answerOf(const CommandResult& result);

/// Runs one ScopeRead plan: sends every command through the sender, parses each answer
/// (ScopeRead::parse, on the thread pool when asked) and adds it to one ScopeSnapshot;
/// finished() once every command has answered. The I/O half of the one reader: a poll's
/// groups (HostSession) and a rescue's diagnosis and checks (RescueRun) both run through it.
/// Deleting the reader (or cancel()) stops the commands still in flight.
class ScopeReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScopeReader)

public:
    /// Sends one command; fails with the reason when it refused to send.
    using Sender = std::function<Result<RemoteCommand*>(const ReadCommand& command, const CommandRequest& request)>;

    ScopeReader(QList<ReadCommand> plan, const DiagnosisThresholds& thresholds, Sender sender,
                QObject* parent = nullptr);
    ~ScopeReader() override;

    /// Parse answers on the thread pool (large listings) instead of in this thread.
    void setParseOffThread(bool offThread) { m_offThread = offThread; }
    /// Sends the plan; finished() is emitted (possibly before this returns when nothing
    /// could be sent).
    void start();
    /// Stops the commands in flight; finished() is not emitted.
    void cancel();

    const QList<ReadCommand>& plan() const { return m_plan; }
    const ScopeSnapshot& snapshot() const { return m_snapshot; }
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    /// One command came back (before it is parsed): for the audit and timing.
    void answered(const xr::ReadCommand& command, const xr::CommandRequest& request, const xr::CommandResult& result,
                  const QDateTime& started);
    void finished();

private:
    void addPiece(ReadPiece piece);
    void step();

    QList<ReadCommand> m_plan;
    DiagnosisThresholds m_thresholds;
    Sender m_sender;
    bool m_offThread = false;
    int m_pending = 0;
    bool m_done = false;
    bool m_cancelled = false;
    ScopeSnapshot m_snapshot;
    QSet<RemoteCommand*> m_inFlight;
};

} // namespace xr
