#pragma once

#include "SimModel.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr::sim {

/// One line a command appends to one of the host's logs. `file` is relative to the host's
/// /var/log ("xensource.log", "SMlog", "daemon.log", "messages", "xen/xend.log" ...).
struct SimLogLine
{
    QString file;
    QString text; // without the newline
};

/// Why a command has not finished yet: the caller (xenrescue-labhost or SimHost) releases
/// the state, waits a little and calls SimDispatcher::resume() with the same wait until it
/// gets a final answer, or until its own deadline/cancel ends the command.
struct SimWait
{
    enum class Kind {
        XapiWedged,    ///< every xe blocks until the toolstack restarts; then argv runs
        TaskPending,   ///< xe waits for a task (a clean shutdown the guest ignores)
        DomainAlive,   ///< `xl/xm shutdown -w` waits for the domain to go
        XenstoredHung, ///< `xenstore-read` waits for a xenstored that does not answer
    };
    Kind kind = Kind::XapiWedged;
    QStringList argv;
    QString taskUuid;
    int domid = -1;
    QString vmUuid;
};

/// The result of one command: what it printed, its exit status, the log lines it wrote,
/// or a wait when it blocks.
struct SimCommandOutput
{
    int exitCode = 0;
    QByteArray out;
    QByteArray err;
    bool changed = false; // the pool state must be written back
    QList<SimLogLine> logs;
    std::optional<SimWait> wait;
};

/// Runs a command line on one simulated host, printing exactly what the real tools print
/// (XEN-FIELD-GUIDE, ../shared/samples, xen-api sources) and changing the pool as the real
/// host would. Pure: it touches no file; callers persist the pool and append `logs`.
///
/// Commands by flavour (anything else: `bash: NAME: command not found`, exit 127):
///   all                  logger, ip, xenstore-read, brctl (xl/xm hosts and legacy 6.2), tap-ctl (xapi),
///                        xen-cmdline (xapi)
///   xapi (6.2 and 8.2)   xe, xe-toolstack-restart, list_domains, ovs-vsctl
///   XenServer 6.2        /opt/xensource/debug/xenops destroy_domain -domid N, /usr/lib/xen/bin/crash_guest D
///   XCP-ng 8.2           xl, xenops-cli
///   Xen 4.17             xl
///   Xen 4.1              xm
class SimDispatcher final
{
public:
    /// Runs argv (argv[0] may be a bare name or a full path) as host `hostName`.
    static SimCommandOutput run(SimPool& pool, const QString& hostName, const QStringList& argv, const QDateTime& now);
    /// Re-checks a blocked command; returns another wait while it still blocks.
    static SimCommandOutput resume(SimPool& pool, const QString& hostName, const SimWait& wait, const QDateTime& now);
    /// The programs a host of `flavour` has, as full paths (the lab harness links each to
    /// xenrescue-labhost).
    static QStringList programPaths(Flavour flavour);
    /// True when `program` (name or path) exists on a host of `flavour`.
    static bool hasProgram(Flavour flavour, const QString& program);
    /// The syslog file `logger` writes to on this flavour, relative to /var/log.
    static QString syslogFile(Flavour flavour);
};

} // namespace xr::sim
