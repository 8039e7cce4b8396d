#include "DomainGuard.h"

#include "XeMinimal.h"

namespace xr {

namespace {

const QString kShell = QStringLiteral("/bin/sh");

// One line, so that the transcript and the audit log show it as sent. Exit 124 is timeout's
// own, 137 the KILL it sends (coreutils' -s KILL ends timeout itself too); 126/127: no
// xenstore-read. Hosts without `timeout` (CentOS 5 dom0s) read without it: the rung's own
// deadline still ends the whole command.
const QString kScript = QStringLiteral(
    "d=$1 k=$2 e=$3; shift 3; "
    "if command -v timeout >/dev/null 2>&1; "
    "then v=$(timeout -s KILL 5 xenstore-read \"/local/domain/$d/$k\" 2>/dev/null); r=$?; "
    "else v=$(xenstore-read \"/local/domain/$d/$k\" 2>/dev/null); r=$?; fi; "
    "if [ $r -eq 124 ] || [ $r -eq 137 ]; then "
    "echo \"xenrescue-guard: xenstore did not answer within 5 s: domain $d was not touched\" >&2; exit 98; fi; "
    "if [ $r -eq 126 ] || [ $r -eq 127 ]; then "
    "echo \"xenrescue-guard: xenstore-read is missing: domain $d cannot be confirmed as $e, so it was not touched\" "
    ">&2; exit 96; fi; "
    "if [ $r -ne 0 ]; then "
    "echo \"xenrescue-guard: domain $d has no $k in xenstore (gone or going): it cannot be confirmed as $e, so it "
    "was not touched\" >&2; exit 96; fi; "
    "if [ \"$v\" = \"$e\" ]; then exec \"$@\"; fi; "
    "if [ \"$k\" = vm ]; then case $v in \"$e\"-[0-9]*) exec \"$@\";; esac; fi; "
    "echo \"xenrescue-guard: domain $d is no longer $e (its $k is now $v): it was not touched\" >&2; exit 97");

bool usableName(const QString& name)
{
    return !name.isEmpty() && name != u"(null)" && !name.contains(u'\n') && !name.contains(QChar(0));
}

} // namespace

QString DomainGuard::scriptName()
{
    return QStringLiteral("xenrescue-guard");
}

QString DomainGuard::script()
{
    return kScript;
}

bool DomainGuard::canGuard(const Identity& identity)
{
    return identity.domid > 0 && (XeMinimal::isUuid(identity.vmUuid) || usableName(identity.name));
}

std::optional<ShellCommand> DomainGuard::wrap(const ShellCommand& action, const Identity& identity)
{
    if (!canGuard(identity) || action.isEmpty())
        return std::nullopt;
    const bool byUuid = XeMinimal::isUuid(identity.vmUuid);
    QStringList args{QStringLiteral("-c"),
                     kScript,
                     scriptName(),
                     QString::number(identity.domid),
                     byUuid ? QStringLiteral("vm") : QStringLiteral("name"),
                     byUuid ? QStringLiteral("/vm/") + identity.vmUuid.toLower() : identity.name,
                     action.program};
    args += action.args;
    return ShellCommand{kShell, args};
}

bool DomainGuard::isGuarded(const ShellCommand& command)
{
    return command.program == kShell && command.args.size() >= 7 && command.args.at(0) == u"-c" &&
           command.args.at(1) == kScript && command.args.at(2) == scriptName();
}

ShellCommand DomainGuard::action(const ShellCommand& command)
{
    if (!isGuarded(command))
        return command;
    return ShellCommand{command.args.at(6), command.args.mid(7)};
}

DomainGuard::Refusal DomainGuard::readRefusal(int exitStatus, QByteArrayView stdErr)
{
    if (!QByteArrayView(stdErr).contains(QByteArrayView("xenrescue-guard: ")))
        return Refusal::None;
    switch (exitStatus) {
    case ExitReused:
        return Refusal::Reused;
    case ExitUnconfirmed:
        return Refusal::Unconfirmed;
    case ExitXenstoreTimeout:
        return Refusal::XenstoreTimeout;
    default:
        return Refusal::None;
    }
}

QString DomainGuard::code(Refusal refusal)
{
    switch (refusal) {
    case Refusal::None:
        return {};
    case Refusal::Reused:
        return QStringLiteral("domain-reused");
    case Refusal::Unconfirmed:
        return QStringLiteral("domain-unconfirmed");
    case Refusal::XenstoreTimeout:
        return QStringLiteral("xenstore-timeout");
    }
    return {};
}

} // namespace xr
