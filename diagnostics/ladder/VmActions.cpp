#include "VmActions.h"

#include "DomainGuard.h"
#include "PoolState.h"

#include <algorithm>

namespace xr {

namespace {

bool isAsciiHex(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isUuid(const QString& s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!isAsciiHex(c.unicode())) {
            return false;
        }
    }
    return true;
}

// How a person sees a name: hidden characters dropped, look-alike forms folded together.
QString visibleForm(const QString& name)
{
    QString out;
    const QList<uint> points = name.toUcs4();
    for (const uint c : points) {
        if (!TypedConfirmation::isHiddenCharacter(char32_t(c)))
            out += QString::fromUcs4(reinterpret_cast<const char32_t*>(&c), 1);
    }
    return out.normalized(QString::NormalizationForm_KC).toCaseFolded().simplified();
}

} // namespace

QString VmActions::refusal(const VmState& vm)
{
    if (vm.problems.testFlag(Disagreement::AmbiguousRecords))
        return PoolState::disagreementExplanation(Disagreement::AmbiguousRecords);
    return {};
}

bool TypedConfirmation::isHiddenCharacter(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true; // C0 (line breaks, tabs, escapes), DEL and C1 (NEL, CSI...)
    if (c == 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) ||
        (c >= 0x2066 && c <= 0x2069) || c == 0xfeff)
        return true; // bidi controls, zero-width characters, word joiner, byte-order mark
    if (c == 0x2028 || c == 0x2029 || c == 0x00ad || c == 0x180e)
        return true; // line and paragraph separators, soft hyphen, Mongolian vowel separator
    return false;
}

bool TypedConfirmation::hasHiddenCharacters(QStringView text)
{
    const QList<uint> points = text.toUcs4();
    return std::any_of(points.begin(), points.end(), [](uint c) { return isHiddenCharacter(char32_t(c)); });
}

bool TypedConfirmation::nameIsUnique(const QList<VmState>& poolVms, const VmState& vm)
{
    const QString mine = visibleForm(vm.name);
    for (const VmState& other : poolVms) {
        if (other.id == vm.id || (!vm.uuid.isEmpty() && other.uuid.compare(vm.uuid, Qt::CaseInsensitive) == 0))
            continue;
        if (visibleForm(other.name) == mine)
            return false;
    }
    return true;
}

TypedConfirmation::Ask TypedConfirmation::ask(const ConfirmationTarget& t)
{
    if (t.uuid.isEmpty())
        return Ask::NameOrUuid;
    if (t.name.trimmed().isEmpty() || !t.nameUnique || t.ambiguous || hasHiddenCharacters(t.name))
        return Ask::Uuid;
    return Ask::NameOrUuid;
}

QString TypedConfirmation::whyUuid(const ConfirmationTarget& t)
{
    if (ask(t) != Ask::Uuid)
        return {};
    if (t.name.trimmed().isEmpty())
        return tr("The VM has no name to type.");
    if (t.ambiguous)
        return tr("xapi's records for this VM cannot be told apart, so its name proves nothing.");
    if (hasHiddenCharacters(t.name))
        return tr("Its name holds characters that cannot be seen or typed (line breaks, control, direction or "
                  "zero-width characters).");
    return tr("Another VM of the pool has the same name.");
}

bool TypedConfirmation::matchesUuid(QStringView typed, QStringView uuid)
{
    const QStringView t = typed.trimmed();
    if (t.isEmpty() || t.size() != uuid.size())
        return false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t[i].unicode();
        if (c != u'-' && !isAsciiHex(c))
            return false;
        const char16_t u = uuid[i].unicode();
        const auto lower = [](char16_t x) { return x >= u'A' && x <= u'Z' ? char16_t(x - u'A' + u'a') : x; };
        if (lower(c) != lower(u))
            return false;
    }
    return true;
}

bool TypedConfirmation::matches(QStringView typed, const ConfirmationTarget& t)
{
    if (typed.isEmpty())
        return false;
    if (!t.uuid.isEmpty() && matchesUuid(typed, t.uuid))
        return true;
    return ask(t) == Ask::NameOrUuid && !t.name.isEmpty() && typed == t.name;
}

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
