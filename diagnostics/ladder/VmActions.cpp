#include "VmActions.h"

#include "DomainGuard.h"

namespace xr {

namespace {

bool isUuid(const QString& s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F')) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<ShellCommand> VmActions::command(VmAction action, const VmActionTarget& t, QString* whyNot)
{
    auto no = [whyNot](const QString& why) -> std::optional<ShellCommand> {
        if (whyNot)
            *whyNot = why;
        return std::nullopt;
    };
    if (t.flavour == FlavourKind::XapiLegacy || t.flavour == FlavourKind::XapiModern) {
        if (!isUuid(t.uuid))
            return no(tr("The VM has no valid UUID."));
        const QString uuidArg = QStringLiteral("uuid=") + t.uuid;
        const QString xe = QStringLiteral("xe");
        switch (action) {
        case VmAction::Start:
            return ShellCommand{xe, {QStringLiteral("vm-start"), uuidArg}};
        case VmAction::Shutdown:
            return ShellCommand{xe, {QStringLiteral("vm-shutdown"), uuidArg}};
        case VmAction::ForceShutdown:
            return ShellCommand{xe, {QStringLiteral("vm-shutdown"), QStringLiteral("--force"), uuidArg}};
        case VmAction::Reboot:
            return ShellCommand{xe, {QStringLiteral("vm-reboot"), uuidArg}};
        case VmAction::ForceReboot:
            return ShellCommand{xe, {QStringLiteral("vm-reboot"), QStringLiteral("--force"), uuidArg}};
        }
        return no(tr("Unknown action."));
    }
    const QString tool = t.flavour == FlavourKind::Xl ? QStringLiteral("xl") : QStringLiteral("xm");
    if (action == VmAction::Start)
        return no(tr("%1 starts a guest from its configuration file: run \"%1 create FILE\" on the host.").arg(tool));
    if (t.domid <= 0)
        return no(tr("The VM has no running domain."));
    const QString domid = QString::number(t.domid);
    switch (action) {
    case VmAction::Shutdown:
        return ShellCommand{tool, {QStringLiteral("shutdown"), domid}};
    case VmAction::Reboot:
        return ShellCommand{tool, {QStringLiteral("reboot"), domid}};
    case VmAction::ForceShutdown:
    case VmAction::ForceReboot:
        return no(
            tr("%1 has no forced shutdown or reboot: use Rescue… (it destroys the domain, with a warning).").arg(tool));
    case VmAction::Start:
        break;
    }
    return no(tr("Unknown action."));
}

std::optional<ShellCommand> VmActions::commandToSend(VmAction action, const VmActionTarget& t,
                                                     const QString& domainName, QString* whyNot)
{
    std::optional<ShellCommand> plain = command(action, t, whyNot);
    if (!plain || t.flavour == FlavourKind::XapiLegacy || t.flavour == FlavourKind::XapiModern)
        return plain;
    const DomainGuard::Identity identity{t.domid, isUuid(t.uuid) ? t.uuid.toLower() : QString(), domainName};
    if (std::optional<ShellCommand> guarded = DomainGuard::wrap(*plain, identity))
        return guarded;
    if (whyNot)
        *whyNot = tr("Neither the VM's UUID nor its domain's name is known, so the host could not check that domain %1 "
                     "is still this VM: XenRescue never acts on a bare domain id.")
                      .arg(t.domid);
    return std::nullopt;
}

QString VmActions::key(VmAction action)
{
    switch (action) {
    case VmAction::Start:
        return QStringLiteral("start");
    case VmAction::Shutdown:
        return QStringLiteral("shutdown");
    case VmAction::ForceShutdown:
        return QStringLiteral("force-shutdown");
    case VmAction::Reboot:
        return QStringLiteral("reboot");
    case VmAction::ForceReboot:
        return QStringLiteral("force-reboot");
    }
    return {};
}

QString VmActions::displayName(VmAction action)
{
    switch (action) {
    case VmAction::Start:
        return tr("Start");
    case VmAction::Shutdown:
        return tr("Shut down");
    case VmAction::ForceShutdown:
        return tr("Force shutdown");
    case VmAction::Reboot:
        return tr("Reboot");
    case VmAction::ForceReboot:
        return tr("Force reboot");
    }
    return {};
}

QString VmActions::consequence(VmAction action)
{
    switch (action) {
    case VmAction::ForceShutdown:
        return tr("The VM is switched off at once, like pulling its power cord: whatever it had not written to "
                  "disk is lost and its file systems may need a check.");
    case VmAction::ForceReboot:
        return tr("The VM is reset at once, like pressing its reset button: whatever it had not written to disk "
                  "is lost and its file systems may need a check.");
    default:
        return {};
    }
}

} // namespace xr
