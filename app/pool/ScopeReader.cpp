#include "ScopeReader.h"

#include "OffThread.h"
#include "RemoteOperation.h"

namespace xr {

ReadAnswer answerOf(const CommandResult& r)
{
    ReadAnswer a;
    switch (r.outcome) {
    case CommandOutcome::Finished:
        a.outcome = ReadOutcome::Finished;
        break;
    case CommandOutcome::TimedOut:
        a.outcome = ReadOutcome::TimedOut;
        break;
    case CommandOutcome::Cancelled:
        a.outcome = ReadOutcome::Cancelled;
        break;
    case CommandOutcome::ConnectionLost:
        a.outcome = ReadOutcome::ConnectionLost;
        break;
    case CommandOutcome::Failed:
        a.outcome = ReadOutcome::NotSent;
        break;
    case CommandOutcome::Detached:
        a.outcome = ReadOutcome::Cancelled;
        break;
    }
    a.exitStatus = r.exitStatus;
    a.elapsedMs = r.elapsedMs;
    a.stdOut = r.stdOut;
    a.stdErr = r.stdErr;
    a.error = r.error;
    return a;
}

ScopeReader::ScopeReader(QList<ReadCommand> plan, const DiagnosisThresholds& thresholds, Sender sender, QObject* parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_thresholds(thresholds)
    , m_sender(std::move(sender))
{}

ScopeReader::~ScopeReader()
{
    cancel();
}

void ScopeReader::cancel()
{
    m_cancelled = true;
    const QSet<RemoteCommand*> inFlight = std::exchange(m_inFlight, {});
    for (RemoteCommand* c : inFlight) {
        c->disconnect(this);
        c->cancel();
        c->deleteLater();
    }
}

void ScopeReader::start()
{
    m_pending = int(m_plan.size()) + 1; // +1: nothing finishes before every command is sent
    for (const ReadCommand& command : std::as_const(m_plan)) {
        CommandRequest request;
        request.command = command.command.toShell();
        request.timeoutMs = command.timeoutMs;
        const QDateTime started = QDateTime::currentDateTimeUtc();
        const Result<RemoteCommand*> sent =
            m_sender ? m_sender(command, request) : Result<RemoteCommand*>::failure(tr("Nothing sends commands."));
        if (!sent) {
            CommandResult r;
            r.outcome = CommandOutcome::Failed;
            r.error = sent.errorMessage();
            addPiece(ScopeRead::parse(command, answerOf(r), m_thresholds));
            continue;
        }
        RemoteCommand* c = *sent;
        m_inFlight.insert(c);
        connect(c, &RemoteOperation::finished, this, [this, c, command, request, started] {
            m_inFlight.remove(c);
            c->deleteLater();
            const CommandResult result = c->result();
            Q_EMIT answered(command, request, result, started);
            if (m_cancelled)
                return;
            if (!m_offThread) {
                addPiece(ScopeRead::parse(command, answerOf(result), m_thresholds));
                return;
            }
            runOffThread(
                this,
                [command, answer = answerOf(result), thresholds = m_thresholds] {
                    return ScopeRead::parse(command, answer, thresholds);
                },
                [this](ReadPiece piece) {
                    if (!m_cancelled)
                        addPiece(std::move(piece));
                });
        });
    }
    if (!m_cancelled)
        step(); // the +1 above
}

void ScopeReader::addPiece(ReadPiece piece)
{
    ScopeRead::add(m_snapshot, std::move(piece), QDateTime::currentDateTimeUtc());
    step();
}

void ScopeReader::step()
{
    if (--m_pending > 0 || m_done)
        return;
    m_done = true;
    Q_EMIT finished();
}

} // namespace xr
