#pragma once

#include "RemoteHost.h"
#include "SimModel.h"
#include "SimStateStore.h"

#include <QHash>
#include <QString>
#include <QTemporaryDir>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace xr::sim {

/// A lab pool for in-process use (demo mode, tests): its state and every host's files live
/// in a private temporary folder (or an existing lab pool folder), commands run on a
/// private thread pool. Several SimHost objects share one SimLab, as several SSH
/// connections share one real pool.
class SimLab final
{
public:
    /// A lab from a pool value, laid out in a new temporary folder.
    static std::shared_ptr<SimLab> create(const SimPool& pool, QString* error = nullptr);
    /// A lab from a named scenario (SimPool::scenarioNames()); "demo" is the default.
    static std::shared_ptr<SimLab> fromScenario(const QString& name = QStringLiteral("demo"), QString* error = nullptr);
    /// A lab over an existing state file (e.g. one `scripts/labpool` created).
    static std::shared_ptr<SimLab> open(const QString& statePath, QString* error = nullptr);
    ~SimLab();

    SimStateStore* store() { return &m_store; }
    QString recordPath() const { return m_recordPath; }
    QStringList hostNames() const;
    /// The current state (a copy).
    std::optional<SimPool> pool() const { return m_store.load(); }
    QThreadPool* threads() { return &m_threads; }

private:
    SimLab(const QString& statePath, std::unique_ptr<QTemporaryDir> dir);

    std::unique_ptr<QTemporaryDir> m_dir;
    SimStateStore m_store;
    QString m_recordPath;
    QThreadPool m_threads;
};

/// RemoteHost for one host of a SimLab, with no network: the demo mode's transport. Commands
/// are shell strings in the SimShell subset (what ShellCommand::toShell() produces, plus
/// `;`, `&&`, `||`, `2>&1`, `>/dev/null`), run on the lab's thread pool through the same
/// dispatcher as `xenrescue-labhost`. A blocked command (wedged xapi) honours the request's
/// timeout (TimedOut) and cancel() (Cancelled); the simulated work it started stays, as on a
/// real host. File operations read the host's simulated tree (/var/log, /etc...).
/// A dead host fails to connect; `dropConnectionAfter` drops the connection (Lost).
class SimHost final : public RemoteHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimHost)

public:
    SimHost(std::shared_ptr<SimLab> lab, QString hostName, QObject* parent = nullptr);
    ~SimHost() override;

    QString displayName() const override;
    QString hostName() const { return m_hostName; }
    std::shared_ptr<SimLab> lab() const { return m_lab; }

    void connectToHost() override;
    void disconnectFromHost() override;

    [[nodiscard]] RemoteCommand* run(const CommandRequest& request) override;
    [[nodiscard]] RemoteFileOperation* fileOperation(const FileRequest& request) override;
    void cancelOperation(quint64 id) override;
    void detachOperation(quint64 id) override;
    /// The network goes away under the connection (as `dropConnectionAfter` does): every command
    /// in flight ends ConnectionLost and the host is Lost. (A disconnect instead leaves a
    /// state-changing command running.)
    void simulateConnectionLoss();

    /// Simulated connection set-up time.
    static constexpr int ConnectDelayMs = 120;

private:
    struct Shared;
    struct Pending
    {
        QPointer<RemoteCommand> command;
        std::shared_ptr<std::atomic<int>> stop; // 0 running, 1 cancelled, 2 disconnected
    };

    void finishCommand(quint64 id, const CommandResult& result);
    void failAllPending(CommandOutcome outcome, const QString& message);
    FileResult doFileOperation(const FileRequest& request) const;
    FileResult writeLocalFile(const FileRequest& request, const QString& local) const;

    std::shared_ptr<SimLab> m_lab;
    QString m_hostName;
    std::shared_ptr<Shared> m_shared;
    QHash<quint64, Pending> m_pending;
    // Commands left running (detached): stopped when this lab host goes.
    QList<std::shared_ptr<std::atomic<int>>> m_detached;
    int m_commandsRun = 0;
    int m_connectGeneration = 0;
};

} // namespace xr::sim
