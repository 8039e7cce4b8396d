#pragma once

#include "SimStateStore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace xr::sim {

/// Runs commands on one host of a lab pool kept in a SimStateStore: each program runs
/// under the state lock (read, change, write, append its log lines and its record line),
/// and a blocked command (wedged xapi, ignored shutdown with `-w`) releases the lock and
/// polls every PollMs until it completes or `stop` returns true. Used by
/// `xenrescue-labhost` (one process per command) and by SimHost (worker threads).
///
/// Record file: one JSON object per line, written when a program starts:
///   {"time":"2024-06-11T09:12:01.123Z","host":"xcp-lab-01","pid":4242,"argv":["xe","vm-list"]}
/// (`"via":"shell"` plus `"line"` when SimHost ran it from a command string).
class SimRunner final
{
public:
    struct Result
    {
        int exitCode = 0;
        QByteArray out;
        QByteArray err;
        bool stopped = false; // `stop` ended it while it was blocked
        QString error;        // the state could not be read/locked/written
    };

    SimRunner(SimStateStore* store, QString hostName, QString recordPath = {});

    /// Runs one program (argv[0] a name or full path).
    Result runArgv(const QStringList& argv, const std::function<bool()>& stop = {});
    /// Runs a command string in the SimShell subset; builtins: `command -v`, `test`
    /// (-e -f -d -x -s), `cat`, `echo`, `true`, `false`, `exit`, `uname`, `hostname`; files are
    /// read from the host's simulated tree. `sh -c SCRIPT xenrescue-guard DOMID KEY EXPECTED
    /// PROGRAM ARGS...` (XenRescue's domain guard, diagnostics/ladder/DomainGuard.h) runs as
    /// that script does on a real host: `xenstore-read /local/domain/DOMID/KEY` under a 5 s
    /// timeout, then PROGRAM only when the value is EXPECTED; any other `sh -c` is refused.
    Result runShell(const QString& line, const std::function<bool()>& stop = {});

    /// Appends one line to the host's log `relativeFile` (under its var/log).
    static bool appendLog(const QString& hostRoot, const QString& relativeFile, const QString& line);
    /// Path of a remote absolute path inside a host's simulated tree.
    static QString localPath(const QString& hostRoot, const QString& remotePath);

    static constexpr int PollMs = 100;
    /// The guard's `timeout -s KILL` on its xenstore read.
    static constexpr int GuardTimeoutMs = 5000;

private:
    Result builtin(const QStringList& argv, bool* handled);
    Result runGuard(const QStringList& argv, const std::function<bool()>& stop);
    void record(const QStringList& argv, const QString& line);

    SimStateStore* m_store;
    QString m_host;
    QString m_recordPath;
    QString m_shellLine; // set while runShell runs, for the record
};

} // namespace xr::sim
