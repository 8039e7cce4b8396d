#include "HostProbe.h"

#include "XeError.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace xr {

namespace {

const QString kToolsMarker = QStringLiteral("@@xr-tools");
const QString kHostMarker = QStringLiteral("@@xr-host");

// Tools looked up on PATH, then the full paths where they live when PATH (a non-interactive
// SSH session's) does not reach them.
const char* const kPathTools[] = {"xe", "xl", "xm", "list_domains", "xe-toolstack-restart", "tap-ctl", "xenops-cli"};
const char* const kFixedPaths[] = {"/opt/xensource/bin/xe", "/opt/xensource/bin/list_domains",
                                   "/opt/xensource/bin/xe-toolstack-restart", "/opt/xensource/debug/xenops",
                                   "/usr/lib/xen/bin/crash_guest"};
const char* const kXendPidFile = "/var/run/xend.pid";

QString inventoryValue(QStringView text, QStringView key)
{
    for (QStringView line : text.split(u'\n')) {
        line = line.trimmed();
        if (!line.startsWith(key) || line.size() <= key.size() || line[key.size()] != u'=')
            continue;
        QStringView v = line.mid(key.size() + 1).trimmed();
        if (v.size() >= 2 && (v.front() == u'\'' || v.front() == u'"') && v.back() == v.front())
            v = v.mid(1, v.size() - 2);
        return v.toString();
    }
    return {};
}

QString toolPath(const HostIdentity& id, const QString& name)
{
    return id.toolPaths.value(name, name);
}

ShellCommand xe(const HostIdentity& id, QStringList args)
{
    return ShellCommand{toolPath(id, QStringLiteral("xe")), std::move(args)};
}

} // namespace

int HostProbe::healthRank(XapiHealth h)
{
    switch (h) {
    case XapiHealth::Answering:
        return 0;
    case XapiHealth::Slow:
        return 1;
    case XapiHealth::Refused:
        return 2;
    case XapiHealth::NotAnswering:
        return 3;
    }
    return 0;
}

QString HostProbe::probeCommand()
{
    QStringList parts;
    parts << ShellCommand{QStringLiteral("cat"), {QStringLiteral("/etc/xensource-inventory")}}.toShell() +
                 QStringLiteral(" 2>/dev/null");
    parts << ShellCommand{QStringLiteral("echo"), {kToolsMarker}}.toShell();
    QStringList tools;
    for (const char* t : kPathTools)
        tools << QLatin1String(t);
    parts << ShellCommand{QStringLiteral("command"), QStringList{QStringLiteral("-v")} + tools}.toShell() +
                 QStringLiteral(" 2>/dev/null");
    QStringList fixed;
    for (const char* p : kFixedPaths)
        fixed << QLatin1String(p);
    for (const QString& p : fixed)
        parts << ShellCommand{QStringLiteral("test"), {QStringLiteral("-x"), p}}.toShell() + QStringLiteral(" && ") +
                     ShellCommand{QStringLiteral("echo"), {p}}.toShell();
    parts << ShellCommand{QStringLiteral("test"), {QStringLiteral("-e"), QLatin1String(kXendPidFile)}}.toShell() +
                 QStringLiteral(" && ") + ShellCommand{QStringLiteral("echo"), {QStringLiteral("xend")}}.toShell();
    parts << ShellCommand{QStringLiteral("echo"), {kHostMarker}}.toShell();
    parts << ShellCommand{QStringLiteral("hostname"), {}}.toShell();
    return parts.join(QStringLiteral("; "));
}

std::optional<HostIdentity> HostProbe::parseProbe(QByteArrayView output, QString* error)
{
    const QString text = QString::fromUtf8(output);
    const qsizetype tools = text.indexOf(kToolsMarker);
    const qsizetype hostAt = text.indexOf(kHostMarker);
    if (tools < 0 || hostAt < tools) {
        if (error)
            *error = QCoreApplication::translate("xr::HostSession",
                                                 "The host's answer to the probe is not readable: is it a Unix shell?");
        return std::nullopt;
    }
    HostIdentity id;
    const QString inventory = text.left(tools);
    std::optional<HostFlavour> fromInventory;
    if (Result<HostFlavour> f = HostFlavour::fromInventory(inventory.toUtf8()))
        fromInventory = f.value();
    id.uuid = inventoryValue(inventory, u"INSTALLATION_UUID");
    id.controlDomainUuid = inventoryValue(inventory, u"CONTROL_DOMAIN_UUID");
    id.xenVersion = inventoryValue(inventory, u"XEN_VERSION");

    const QString toolText = text.mid(tools + kToolsMarker.size(), hostAt - tools - kToolsMarker.size());
    for (QStringView line : QStringView(toolText).split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const QString path = line.toString();
        const QString base = QFileInfo(path).fileName();
        // `command -v` prints a bare name for builtins/functions; only real programs count.
        const std::optional<HostTool> tool = HostTools::fromName(base);
        if (!tool)
            continue;
        if (*tool != HostTool::Xend && !path.contains(u'/'))
            continue;
        id.tools.set(*tool);
        if (*tool != HostTool::Xend && !id.toolPaths.contains(base))
            id.toolPaths.insert(base, path);
    }
    const QString hostText = text.mid(hostAt + kHostMarker.size()).trimmed();
    id.hostname = hostText.section(u'\n', 0, 0).trimmed();

    const std::optional<HostFlavour> flavour = HostFlavour::fromTools(id.tools, fromInventory);
    if (!flavour) {
        if (error)
            *error = QCoreApplication::translate(
                "xr::HostSession", "No Xen toolstack found on this host: neither xe, xl nor xm is installed.");
        return std::nullopt;
    }
    id.flavour = *flavour;
    return id;
}

ShellCommand HostProbe::hypervisorCommand(const HostIdentity& id)
{
    switch (id.flavour.kind) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        return ShellCommand{toolPath(id, QStringLiteral("list_domains")), {}};
    case FlavourKind::Xl:
        return ShellCommand{toolPath(id, QStringLiteral("xl")), {QStringLiteral("list")}};
    case FlavourKind::Xm:
        return ShellCommand{toolPath(id, QStringLiteral("xm")), {QStringLiteral("list")}};
    }
    return {};
}

ShellCommand HostProbe::vmListCommand(const HostIdentity& id)
{
    // dom-id is the CLI's name of VM.domid; VCPUs-number comes from VM_metrics; both
    // xapi generations print every one of these fields.
    return xe(id, {QStringLiteral("vm-list"),
                   QStringLiteral("params=uuid,name-label,power-state,resident-on,is-control-domain,is-a-template,"
                                  "is-a-snapshot,current-operations,allowed-operations,dom-id,memory-static-max,"
                                  "VCPUs-number,HVM-boot-policy")});
}

ShellCommand HostProbe::taskListCommand(const HostIdentity& id)
{
    return xe(id, {QStringLiteral("task-list"), QStringLiteral("status=pending"),
                   QStringLiteral("params=uuid,name-label,status,progress,created,allowed_operations,resident-on")});
}

ShellCommand HostProbe::hostListCommand(const HostIdentity& id)
{
    return xe(
        id, {QStringLiteral("host-list"), QStringLiteral("params=uuid,name-label,address,enabled,host-metrics-live")});
}

ShellCommand HostProbe::poolListCommand(const HostIdentity& id)
{
    return xe(id, {QStringLiteral("pool-list"), QStringLiteral("params=uuid,name-label,master")});
}

ShellCommand HostProbe::healthCommand(const HostIdentity& id)
{
    if (id.uuid.isEmpty())
        return xe(id, {QStringLiteral("pool-list"), QStringLiteral("params=uuid"), QStringLiteral("--minimal")});
    return xe(id, {QStringLiteral("host-param-get"), QStringLiteral("uuid=") + id.uuid,
                   QStringLiteral("param-name=enabled")});
}

Result<DomainList> HostProbe::parseHypervisorListing(FlavourKind flavour, QByteArrayView output)
{
    return isXapiFlavour(flavour)       ? DomainListParser::parseListDomains(output)
           : flavour == FlavourKind::Xl ? DomainListParser::parseXlList(output)
                                        : DomainListParser::parseXmList(output);
}

std::optional<XapiHealth> HostProbe::healthOf(const ReadAnswer& r, int slowThresholdMs, FlavourKind flavour)
{
    switch (r.outcome) {
    case ReadOutcome::TimedOut:
        return XapiHealth::NotAnswering;
    case ReadOutcome::Cancelled:
    case ReadOutcome::ConnectionLost:
    case ReadOutcome::NotSent:
        return std::nullopt;
    case ReadOutcome::Finished:
        break;
    }
    const XapiHealth answered = r.elapsedMs > slowThresholdMs ? XapiHealth::Slow : XapiHealth::Answering;
    if (r.exitStatus == 0)
        return answered;
    const QByteArray text = r.stdErr.trimmed().isEmpty() ? r.stdOut : r.stdErr;
    if (flavour == FlavourKind::Xm) {
        // xm's own words when xend is not there (xm/main.py).
        if (text.contains("Unable to connect to xend") || text.contains("Connection refused"))
            return XapiHealth::Refused;
        return answered;
    }
    const Result<XeError> e = XeError::parse(text);
    if (!e)
        return answered;
    switch (e->kind) {
    case XeErrorKind::LostConnection:
        return XapiHealth::NotAnswering;
    case XeErrorKind::ConnectionFailed:
    case XeErrorKind::CannotContact:
        return XapiHealth::Refused;
    default:
        break;
    }
    return answered;
}

XapiHealth HostProbe::worse(XapiHealth a, XapiHealth b)
{
    return healthRank(b) > healthRank(a) ? b : a;
}

ShellCommand HostProbe::haCommand(const HostIdentity& id, const QString& poolUuid)
{
    return xe(id, {QStringLiteral("pool-param-get"), QStringLiteral("uuid=") + poolUuid,
                   QStringLiteral("param-name=ha-enabled")});
}

ShellCommand HostProbe::infoCommand(const HostIdentity& id)
{
    const QString tool = id.flavour.kind == FlavourKind::Xl ? QStringLiteral("xl") : QStringLiteral("xm");
    return ShellCommand{toolPath(id, tool), {QStringLiteral("info")}};
}

} // namespace xr
