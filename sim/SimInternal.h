#pragma once

// Shared by the command implementations (not part of the sim's public API).

#include "SimDispatcher.h"

#include <QDateTime>
#include <QString>

namespace xr::sim::detail {

/// What one command invocation works on.
struct Ctx
{
    SimPool& pool;
    SimHostModel& host;
    QDateTime now;
    SimCommandOutput out;

    void print(const QString& text) { out.out += text.toUtf8(); }
    void printErr(const QString& text) { out.err += text.toUtf8(); }
    void log(const QString& file, const QString& text) { out.logs.append(SimLogLine{file, text}); }
    SimCommandOutput fail(int code, const QString& errText)
    {
        printErr(errText);
        out.exitCode = code;
        return out;
    }
};

/// `Jun  5 07:30:06` (syslog: no year, day padded with a space).
QString syslogStamp(const QDateTime& t);
/// A syslog line: `Mon dd HH:MM:SS host proc: text`.
QString syslogLine(const QDateTime& t, const QString& host, const QString& proc, const QString& text);
/// A xapi-style line for xensource.log: `... xapi: [debug||123 |task|module] text`
/// (legacy hosts fill in the host name between the first bars).
QString xapiLogLine(const Ctx& c, const QString& proc, const QString& level, const QString& thread, const QString& task,
                    const QString& module, const QString& text);
/// OCaml's string_of_float as xe prints it: 0. 0.5 1.
QString ocamlFloat(double v);
/// xapi's date format in xe output: 20240611T09:12:01Z.
QString xapiDate(const QDateTime& t);

SimCommandOutput runXe(Ctx& c, const QStringList& args);
SimCommandOutput resumeXe(Ctx& c, const SimWait& wait);
SimCommandOutput runToolstackRestart(Ctx& c);
SimCommandOutput runListDomains(Ctx& c, const QStringList& args);
SimCommandOutput runXl(Ctx& c, const QStringList& args);
SimCommandOutput runXm(Ctx& c, const QStringList& args);
SimCommandOutput resumeDomainWait(Ctx& c, const SimWait& wait, bool xm);
SimCommandOutput runXenopsLegacy(Ctx& c, const QStringList& args);
SimCommandOutput runXenopsCli(Ctx& c, const QStringList& args);
SimCommandOutput runCrashGuest(Ctx& c, const QStringList& args);
SimCommandOutput runBrctl(Ctx& c, const QStringList& args);
SimCommandOutput runOvsVsctl(Ctx& c, const QStringList& args);
SimCommandOutput runIp(Ctx& c, const QStringList& args);
SimCommandOutput runTapCtl(Ctx& c, const QStringList& args);
SimCommandOutput runXenCmdline(Ctx& c, const QStringList& args);
SimCommandOutput runLogger(Ctx& c, const QStringList& args);
SimCommandOutput runXenstoreRead(Ctx& c, const QStringList& args);
SimCommandOutput resumeXenstoreRead(Ctx& c, const SimWait& wait);

// Domain life cycle shared by xe, xl, xm and the legacy tools.
enum class DestroyResult { Gone, Lingering, Refused };
/// Destroys the domain as the hypervisor would, honouring the VM's faults; updates the VM's
/// xapi power state when `syncXapi`.
DestroyResult destroyDomain(Ctx& c, SimDomain& domain, bool syncXapi);
/// Crashes a guest (NMI / crash_guest): it becomes shut down + crashed.
void crashDomain(Ctx& c, SimDomain& domain);
/// Creates a running domain for `vm` on c.host.
SimDomain& createDomain(Ctx& c, SimVm& vm);
/// The VM a domain belongs to, or nullptr (dom0 on xl/xm hosts).
SimVm* vmOfDomain(Ctx& c, const SimDomain& d);

} // namespace xr::sim::detail
