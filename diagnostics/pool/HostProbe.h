#pragma once

#include "PoolTypes.h"
#include "Result.h"
#include "ShellCommand.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace xr {

/// How one read command ended, as far as a verdict needs it (the app fills it from the
/// transport's result; diagnostics never runs anything).
enum class ReadOutcome {
    Finished,
    TimedOut,
    Cancelled,
    ConnectionLost,
    NotSent, ///< refused before sending, or could not start
};

struct ReadAnswer
{
    ReadOutcome outcome = ReadOutcome::NotSent;
    int exitStatus = -1;
    qint64 elapsedMs = 0;
    QByteArray stdOut;
    QByteArray stdErr;
    /// Why it did not finish (user-facing); empty when it did.
    QString error;

    bool succeeded() const { return outcome == ReadOutcome::Finished && exitStatus == 0; }
};

/// What a host is and how to ask it: the identity probe, the read commands of a poll and a
/// diagnosis, the hypervisor listing parser and the management daemon's health as one
/// answer shows it. Pure functions: no I/O.
class HostProbe final
{
public:
    /// The probe: `cat /etc/xensource-inventory 2>/dev/null; echo @@xr-tools; command -v
    /// TOOLS 2>/dev/null; test -x PATH && echo PATH ...; echo @@xr-host; hostname`. Each
    /// simple command is a ShellCommand; only the fixed separators and redirections are
    /// added here (the transport runs the string with the login shell).
    static QString probeCommand();
    /// Reads the probe's output; nullopt with `error` set when it shows no xe, xl or xm.
    static std::optional<HostIdentity> parseProbe(QByteArrayView output, QString* error = nullptr);

    /// `list_domains`, `xl list` or `xm list`, with the path the probe found.
    static ShellCommand hypervisorCommand(const HostIdentity& identity);
    /// `xl info` / `xm info` (the Xen version of xl/xm hosts).
    static ShellCommand infoCommand(const HostIdentity& identity);
    static ShellCommand vmListCommand(const HostIdentity& identity);
    static ShellCommand taskListCommand(const HostIdentity& identity);
    static ShellCommand hostListCommand(const HostIdentity& identity);
    static ShellCommand poolListCommand(const HostIdentity& identity);
    /// A cheap question to xapi: is it answering on this host?
    static ShellCommand healthCommand(const HostIdentity& identity);
    /// `xe pool-param-get uuid=POOL param-name=ha-enabled`.
    static ShellCommand haCommand(const HostIdentity& identity, const QString& poolUuid);

    /// Reads the listing hypervisorCommand() printed: list_domains, xl list or xm list.
    static Result<DomainList> parseHypervisorListing(FlavourKind flavour, QByteArrayView output);
    /// The management daemon's health as one command's answer shows it (xapi from `xe`,
    /// xend from `xm`); nullopt when the answer says nothing about it (connection lost,
    /// cancelled, not sent).
    static std::optional<XapiHealth> healthOf(const ReadAnswer& answer, int slowThresholdMs, FlavourKind flavour);
    /// Orders health from best to worst: Answering, Slow, Refused, NotAnswering.
    static int healthRank(XapiHealth health);
    static XapiHealth worse(XapiHealth a, XapiHealth b);
};

} // namespace xr
