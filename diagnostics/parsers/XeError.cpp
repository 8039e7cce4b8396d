#include "XeError.h"

#include "HostText.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

namespace xr {

namespace {

// xapi errors whose message text the CLI prints (Cli_util.server_error): the code, its
// parameter names in order, and the message texts that releases have used for it (xen-api
// ocaml/idl/datamodel_errors.ml today, around 2020, and datamodel.ml in 2013). The CLI
// prints the message, then one "name: value" line per parameter.
struct KnownError
{
    const char16_t* code;
    const char16_t* params[5];
    const char16_t* texts[3];
};

// clang-format off
const KnownError kKnownErrors[] = {
    {u"INTERNAL_ERROR", {u"message"},
     {u"The server failed to handle your request, due to an internal error. The given message may give details useful for debugging the problem."}},
    {u"PERMISSION_DENIED", {u"message"},
     {u"Caller not allowed to perform this operation."}},
    {u"CANNOT_CONTACT_HOST", {u"host"},
     {u"Cannot forward messages because the server cannot be contacted. The server may be switched off or there may be network connectivity problems.",
      u"Cannot forward messages because the host cannot be contacted. The host may be switched off or there may be network connectivity problems."}},
    {u"UUID_INVALID", {u"type", u"uuid"},
     {u"The uuid you supplied was invalid."}},
    {u"OPERATION_NOT_ALLOWED", {u"reason"},
     {u"You attempted an operation that was not allowed."}},
    {u"OPERATION_BLOCKED", {u"ref", u"code"},
     {u"You attempted an operation that was explicitly blocked (see the blocked_operations field of the given object)."}},
    {u"HANDLE_INVALID", {u"class", u"handle"},
     {u"You gave an invalid object reference. The object may have recently been deleted. The class parameter gives the type of reference given, and the handle parameter echoes the bad value given."}},
    {u"SESSION_INVALID", {u"handle"},
     {u"You gave an invalid session reference. It may have been invalidated by a server restart, or timed out. You should get a new session handle, using one of the session.login_ calls. This error does not invalidate the current connection. The handle parameter echoes the bad value given."}},
    {u"SESSION_AUTHENTICATION_FAILED", {},
     {u"The credentials given by the user are incorrect, so access has been denied, and you have not been issued a session handle."}},
    {u"VM_IS_PROTECTED", {u"vm"},
     {u"This operation cannot be performed because the specified VM is protected by HA",
      u"This operation cannot be performed because the specified VM is protected by xHA"}},
    {u"VM_NOT_RESIDENT_HERE", {u"vm", u"host"},
     {u"The specified VM is not currently resident on the specified server.",
      u"The specified VM is not currently resident on the specified host."}},
    {u"DOMAIN_EXISTS", {u"vm", u"domid"},
     {u"The operation could not be performed because a domain still exists for the specified VM."}},
    {u"CANNOT_RESET_CONTROL_DOMAIN", {u"vm"},
     {u"The power-state of a control domain cannot be reset."}},
    {u"NOT_SYSTEM_DOMAIN", {u"vm"},
     {u"The given VM is not registered as a system domain. This operation can only be performed on a registered system domain."}},
    {u"VM_BAD_POWER_STATE", {u"vm", u"expected", u"actual"},
     {u"You attempted an operation on a VM that was not in an appropriate power state at the time; for example, you attempted to start a VM that was already running. The parameters returned are the VM's handle, and the expected and actual VM state at the time of the call."}},
    {u"VM_MISSING_PV_DRIVERS", {u"vm"},
     {u"You attempted an operation on a VM which requires PV drivers to be installed but the drivers were not detected."}},
    {u"VM_LACKS_FEATURE", {u"vm"},
     {u"You attempted an operation on a VM which lacks the feature."}},
    {u"VM_IS_TEMPLATE", {u"vm"},
     {u"The operation attempted is not valid for a template VM"}},
    {u"OTHER_OPERATION_IN_PROGRESS", {u"class", u"object", u"operation_type", u"operation_ref"},
     {u"Another operation involving the object is currently in progress"}},
    {u"HOST_NOT_ENOUGH_FREE_MEMORY", {u"needed", u"available"},
     {u"Not enough server memory is available to perform this operation.",
      u"Not enough host memory is available to perform this operation"}},
    {u"HOST_OFFLINE", {u"host"},
     {u"You attempted an operation which involves a host which could not be contacted."}},
    {u"NO_HOSTS_AVAILABLE", {},
     {u"There were no servers available to complete the specified operation.",
      u"There were no hosts available to complete the specified operation."}},
    {u"HOST_NOT_LIVE", {},
     {u"This operation cannot be completed as the server is not live.",
      u"This operation cannot be completed as the host is not live."}},
    {u"HOST_IS_LIVE", {u"host"},
     {u"This operation cannot be completed because the server is still live.",
      u"This operation cannot be completed as the host is still live."}},
    {u"HOST_HAS_RESIDENT_VMS", {u"host"},
     {u"This server cannot be forgotten because there are user VMs still running.",
      u"This host can not be forgotten because there are some user VMs still running"}},
    {u"HOST_IN_EMERGENCY_MODE", {},
     {u"Cannot perform operation as the host is running in emergency mode."}},
    {u"VM_FAILED_SHUTDOWN_ACK", {u"vm"},
     {u"VM didn't acknowledge the need to shutdown."}},
    {u"VM_SHUTDOWN_TIMEOUT", {u"vm", u"timeout"},
     {u"VM failed to shutdown before the timeout expired"}},
    {u"VM_CRASHED", {u"vm"},
     {u"The VM crashed"}},
    {u"VM_REBOOTED", {u"vm"},
     {u"The VM unexpectedly rebooted"}},
    {u"VM_HALTED", {u"vm"},
     {u"The VM unexpectedly halted"}},
    {u"BOOTLOADER_FAILED", {u"vm", u"msg"},
     {u"The bootloader returned an error"}},
    {u"SR_BACKEND_FAILURE", {u"status", u"stdout", u"stderr"},
     {u"There was an SR backend failure."}},
    {u"VDI_IN_USE", {u"vdi", u"operation"},
     {u"This operation cannot be performed because this VDI is in use by some other operation"}},
    {u"TASK_CANCELLED", {u"task"},
     {u"The request was asynchronously canceled.",
      u"The request was asynchronously cancelled."}},
    {u"TOO_MANY_PENDING_TASKS", {},
     {u"The request was rejected because there are too many pending tasks on the server."}},
    {u"HOST_IS_SLAVE", {u"Master IP address"},
     {u"You cannot make regular API calls directly on a supporter. Please pass API calls via the coordinator host.",
      u"You cannot make regular API calls directly on a slave. Please pass API calls via the master host."}},
    {u"FAILED_TO_START_EMULATOR", {u"vm", u"name", u"msg"},
     {u"An emulator required to run this VM failed to start"}},
    {u"VM_HAS_PCI_ATTACHED", {u"vm"},
     {u"This operation could not be performed, because the VM has one or more PCI devices passed through."}},
    {u"VM_UNSAFE_BOOT", {u"vm"},
     {u"You attempted an operation on a VM that was judged to be unsafe by the server. This can happen if the VM would run on a CPU that has a potentially incompatible set of feature flags to those the VM requires. If you want to override this warning then use the 'force' option."}},
    {u"VM_MIGRATE_FAILED", {u"vm", u"source", u"destination", u"msg"},
     {u"An error occurred during the migration process."}},
    {u"DEVICE_DETACH_TIMEOUT", {u"type", u"ref"},
     {u"A timeout happened while attempting to detach a device from a VM."}},
    {u"DEVICE_DETACH_REJECTED", {u"type", u"ref", u"msg"},
     {u"The VM rejected the attempt to detach the device."}},
    {u"XENAPI_PLUGIN_FAILURE", {u"status", u"stdout", u"stderr"},
     {u"There was a failure communicating with the plug-in.",
      u"There was a failure communicating with the plugin."}},
    {u"XENAPI_MISSING_PLUGIN", {u"name"},
     {u"The requested plug-in could not be found.",
      u"The requested plugin could not be found."}},
    {u"VM_REQUIRES_SR", {u"vm", u"sr"},
     {u"You attempted to run a VM on a host which doesn't have access to an SR needed by the VM. The VM has at least one VBD attached to a VDI in the SR."}},
    {u"SR_HAS_PBD", {u"sr"},
     {u"The SR is still connected to a host via a PBD. It cannot be destroyed or forgotten."}},
    {u"VM_HVM_REQUIRED", {u"vm"},
     {u"HVM is required for this operation"}},
    {u"VM_NO_VCPUS", {u"vm"},
     {u"You need at least 1 VCPU to start a VM"}},
    {u"OBJECT_NOLONGER_EXISTS", {},
     {u"The specified object no longer exists."}},
    {u"HOST_CANNOT_ATTACH_NETWORK", {u"host", u"network"},
     {u"Server cannot attach network (in the case of NIC bonding, this may be because attaching the network on this server would require other networks - that are currently active - to be taken down).",
      u"Host cannot attach network (in the case of NIC bonding, this may be because attaching the network on this host would require other networks [that are currently active] to be taken down)."}},
    {u"VDI_MISSING", {u"sr", u"vdi"},
     {u"This operation cannot be performed because the specified VDI could not be found on the storage substrate"}},
    {u"SR_NOT_ATTACHED", {u"sr"},
     {u"The SR is not attached."}},
    {u"INVALID_VALUE", {u"field", u"value"},
     {u"The value given is invalid"}},
    {u"VALUE_NOT_SUPPORTED", {u"field", u"value", u"reason"},
     {u"You attempted to set a value that is not supported by this implementation. The fully-qualified field name and the value that you tried to set are returned. Also returned is a developer-only diagnostic reason."}},
    {u"HOST_DISABLED", {u"host"},
     {u"The specified server is disabled.",
      u"The specified host is disabled."}},
    {u"HOST_STILL_BOOTING", {},
     {u"The host toolstack is still initialising. Please wait."}},
    {u"HOST_MASTER_CANNOT_TALK_BACK", {u"ip"},
     {u"The coordinator reports that it cannot talk back to the supporter on the supplied management IP address.",
      u"The master reports that it cannot talk back to the slave on the supplied management IP address."}},
    {u"SR_UNKNOWN_DRIVER", {u"driver"},
     {u"The SR could not be connected because the driver was not recognised."}},
    {u"NOT_IMPLEMENTED", {u"function"},
     {u"The function is not implemented"}},
    {u"MESSAGE_METHOD_UNKNOWN", {u"method"},
     {u"You tried to call a method that does not exist. The method name that you used is echoed."}},
    {u"PIF_IS_MANAGEMENT_IFACE", {u"PIF"},
     {u"The operation you requested cannot be performed because the specified PIF is the management interface."}},
    {u"VM_IS_IMMOBILE", {u"VM"},
     {u"The VM is configured in a way that prevents it from being mobile."}},
    {u"VM_PV_DRIVERS_IN_USE", {u"vm"},
     {u"VM PV drivers still in use"}},
};
// clang-format on

constexpr qsizetype kMaxInputBytes = 1024 * 1024;
constexpr qsizetype kMaxStartLines = 200;

QString normalizeText(QStringView s)
{
    QString out = s.toString().simplified();
    while (out.endsWith(u'.'))
        out.chop(1);
    return out;
}

const QHash<QString, const KnownError*>& errorsByText()
{
    static const QHash<QString, const KnownError*> table = [] {
        QHash<QString, const KnownError*> t;
        for (const KnownError& e : kKnownErrors) {
            for (const char16_t* text : e.texts) {
                if (text)
                    t.insert(normalizeText(QStringView(text)), &e);
            }
        }
        return t;
    }();
    return table;
}

const KnownError* errorByCode(QStringView code)
{
    for (const KnownError& e : kKnownErrors) {
        if (QStringView(e.code) == code)
            return &e;
    }
    return nullptr;
}

QStringList paramNames(const KnownError* e)
{
    QStringList names;
    if (!e)
        return names;
    for (const char16_t* p : e->params) {
        if (p)
            names.append(QString::fromUtf16(p));
    }
    return names;
}

struct Line
{
    QStringView text;
    qsizetype number = 0;
};

// A parameter line of the generic shape "name: value": xapi's parameter names are short
// identifiers (a few contain spaces, such as "Master IP address").
std::optional<std::pair<QStringView, QStringView>> splitParamLine(QStringView line, bool allowSpaces)
{
    qsizetype colon = line.indexOf(u": ");
    if (colon < 0 && line.endsWith(u':'))
        colon = line.size() - 1;
    if (colon <= 0 || colon > 48)
        return std::nullopt;
    const QStringView name = line.left(colon);
    if (!(name[0].isLetter() || name[0] == u'<'))
        return std::nullopt;
    for (const QChar c : name) {
        const bool ok = c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'<' || c == u'>' || c == u'.' ||
                        (allowSpaces && c == u' ');
        if (!ok)
            return std::nullopt;
    }
    const QStringView value = colon + 2 <= line.size() ? line.mid(colon + 2) : QStringView();
    return std::make_pair(name, value);
}

// Parameters printed one per line after the message. Lines that start no parameter
// continue the previous value (INTERNAL_ERROR messages and SR backend output can hold
// line breaks).
void readNamedParams(XeError& e, const QList<Line>& lines, qsizetype from, const QStringList& known)
{
    for (qsizetype i = from; i < lines.size(); ++i) {
        const QStringView line = lines[i].text;
        std::optional<std::pair<QStringView, QStringView>> param;
        for (const QString& name : known) {
            if (!line.startsWith(name) || !line.mid(name.size()).startsWith(u':'))
                continue;
            const QStringView rest = line.mid(name.size() + 1);
            if (rest.isEmpty() || rest.startsWith(u' ')) {
                param = std::make_pair(line.left(name.size()), rest.isEmpty() ? rest : rest.mid(1));
                break;
            }
        }
        if (!param && line.startsWith(u"<extra>:"))
            param = splitParamLine(line, false);
        if (!param && known.isEmpty())
            param = splitParamLine(line, true);
        if (!param) {
            // A known error may carry a parameter this table lacks (newer xapi); accept
            // a plain lower-case identifier as a name.
            const auto generic = splitParamLine(line, false);
            if (generic && !known.isEmpty() && generic->first.toString().toLower() == generic->first)
                param = generic;
        }
        if (param) {
            e.params.append(XeErrorParam{param->first.toString(), param->second.toString()});
        } else if (!e.params.isEmpty()) {
            e.params.last().value += u'\n';
            e.params.last().value += line;
            e.report.addNote(lines[i].number,
                             QCoreApplication::translate("xr::XeError", "A parameter value continues on this line."));
        } else if (line == u"For usage run: 'xe help'") {
            continue;
        } else {
            e.message += u'\n';
            e.message += line;
            e.report.addNote(lines[i].number,
                             QCoreApplication::translate("xr::XeError", "The error message continues on this line."));
        }
    }
}

void nameParams(XeError& e, const QStringList& values)
{
    const QStringList names = paramNames(errorByCode(e.code));
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString name;
        if (i < names.size())
            name = names[i];
        else if (!names.isEmpty())
            name = QStringLiteral("<extra>");
        e.params.append(XeErrorParam{name, values[i]});
    }
}

QStringList splitList(QStringView body, QStringView separator)
{
    // Split before trimming: an empty last parameter leaves only a trailing separator.
    QStringList values;
    if (body.trimmed().isEmpty())
        return values;
    for (const QStringView v : body.split(separator))
        values.append(v.trimmed().toString());
    return values;
}

bool looksLikeCode(QStringView s)
{
    if (s.size() < 3 || !s.contains(u'_'))
        return false;
    for (const QChar c : s) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return s[0] >= u'A' && s[0] <= u'Z';
}

void setClient(XeError& e, XeErrorKind kind, const char* code, QStringView line)
{
    e.kind = kind;
    e.code = QString::fromLatin1(code);
    e.message = line.toString();
}

// The client-side failures of xen-api's ocaml/xe-cli/newcli.ml and the CLI server's
// param_error / other_error (xapi_cli.ml).
bool matchClientLine(XeError& e, QStringView line)
{
    static const QRegularExpression unixError(QStringLiteral("^Error: (.*) \\(calling (\\S*) ?(.*)\\)$"));
    static const QRegularExpression hostNotFound(QStringLiteral("^Host '(.*)' not found\\.$"));
    if (line == u"Lost connection to the server.") {
        setClient(e, XeErrorKind::LostConnection, "CLI_LOST_CONNECTION", line);
        return true;
    }
    if (line.startsWith(u"Error: ") && line.endsWith(u')')) {
        const QRegularExpressionMatch m = unixError.match(line);
        if (m.hasMatch()) {
            setClient(e, XeErrorKind::ConnectionFailed, "CLI_CONNECTION_FAILED", line);
            e.params = {{QStringLiteral("reason"), m.captured(1)},
                        {QStringLiteral("function"), m.captured(2)},
                        {QStringLiteral("argument"), m.captured(3)}};
            return true;
        }
    }
    if (line.startsWith(u"Unable to contact server.") || line == u"Failed to contact a running management agent." ||
        line == u"Server internal error." || line.startsWith(u"Protocol version mismatch:")) {
        setClient(e, XeErrorKind::CannotContact, "CLI_CANNOT_CONTACT", line);
        return true;
    }
    if (line.startsWith(u"Host '")) {
        const QRegularExpressionMatch m = hostNotFound.match(line);
        if (m.hasMatch()) {
            setClient(e, XeErrorKind::CannotContact, "CLI_CANNOT_CONTACT", line);
            e.params = {{QStringLiteral("host"), m.captured(1)}};
            return true;
        }
    }
    if (line == u"Authentication failed" || line == u"Username/password must be specified" ||
        line == u": Authentication failed" || line == u": Username/password must be specified") {
        setClient(e, XeErrorKind::Authentication, "CLI_AUTHENTICATION", line);
        return true;
    }
    for (const QStringView prefix : {QStringView(u"Syntax error: "), QStringView(u"Unknown command: "),
                                     QStringView(u"Required parameter not found: ")}) {
        if (line.startsWith(prefix)) {
            setClient(e, XeErrorKind::Usage, "CLI_USAGE", line);
            e.params = {{QStringLiteral("argument"), line.mid(prefix.size()).toString()}};
            return true;
        }
    }
    return false;
}

// "Error code: X" / "Error parameters: a, b": a code the CLI's datamodel does not know
// (newcli.ml prints these two lines for Command (Error (code, params))).
bool matchErrorCode(XeError& e, const QList<Line>& lines, qsizetype i)
{
    const QStringView prefix = u"Error code: ";
    if (!lines[i].text.startsWith(prefix))
        return false;
    e.kind = XeErrorKind::Server;
    e.code = lines[i].text.mid(prefix.size()).trimmed().toString();
    const KnownError* known = errorByCode(e.code);
    e.message = known ? QString::fromUtf16(known->texts[0]) : lines[i].text.toString();
    const QStringView paramsPrefix = u"Error parameters: ";
    if (i + 1 < lines.size() && lines[i + 1].text.startsWith(paramsPrefix))
        nameParams(e, splitList(lines[i + 1].text.mid(paramsPrefix.size()), u", "));
    return true;
}

// xapi's own rendering of an API error, as in xensource.log and task error_info:
// "CODE: [ a; b ]" (possibly with the list on the next line) or
// "Server_error(CODE, [ a; b ])".
bool matchLogForm(XeError& e, const QList<Line>& lines, qsizetype i)
{
    static const QRegularExpression serverError(QStringLiteral("Server_error\\(([A-Z][A-Z0-9_]+), \\[(.*)\\]\\)"));
    static const QRegularExpression inline_(QStringLiteral("(?:^|\\s)([A-Z][A-Z0-9_]+): \\[(.*)\\]\\s*$"));
    const QStringView line = lines[i].text;
    QString code;
    QString body;
    bool found = false;
    if (line.contains(u"Server_error(")) {
        const QRegularExpressionMatch m = serverError.match(line);
        if (m.hasMatch()) {
            code = m.captured(1);
            body = m.captured(2);
            found = true;
        }
    }
    if (!found && line.contains(u": [")) {
        const QRegularExpressionMatch m = inline_.match(line);
        if (m.hasMatch() && looksLikeCode(m.capturedView(1))) {
            code = m.captured(1);
            body = m.captured(2);
            found = true;
        }
    }
    if (!found && line.endsWith(u':') && looksLikeCode(line.chopped(1).trimmed()) && i + 1 < lines.size() &&
        lines[i + 1].text.trimmed().startsWith(u'[')) {
        code = line.chopped(1).trimmed().toString();
        QString joined;
        for (qsizetype j = i + 1; j < lines.size(); ++j) {
            joined += lines[j].text.trimmed();
            if (joined.endsWith(u']'))
                break;
            joined += u' ';
        }
        if (!joined.endsWith(u']'))
            e.report.addProblem(lines[i].number,
                                QCoreApplication::translate("xr::XeError",
                                                            "The parameter list of the error is not closed; it was "
                                                            "probably cut off."));
        QStringView b(joined);
        b = b.mid(1);
        if (b.endsWith(u']'))
            b.chop(1);
        body = b.toString();
        found = true;
    }
    if (!found)
        return false;
    e.kind = XeErrorKind::Server;
    e.code = code;
    const KnownError* known = errorByCode(code);
    if (known)
        e.message = QString::fromUtf16(known->texts[0]);
    else if (i > 0)
        e.message = lines[i - 1].text.toString();
    else
        e.message = code;
    nameParams(e, splitList(body, u";"));
    return true;
}

// Real output names each parameter once; a second one comes from a value with a line
// break in it (a VM name can hold one) and makes every value suspect.
XeError finish(XeError e)
{
    for (qsizetype i = 0; i < e.params.size(); ++i) {
        const QString& name = e.params[i].name;
        if (name.isEmpty() || name == u"<extra>")
            continue;
        for (qsizetype j = i + 1; j < e.params.size(); ++j) {
            if (e.params[j].name == name) {
                e.report.addProblem(0, QCoreApplication::translate("xr::XeError",
                                                                   "The parameter \"%1\" appears twice; a value may "
                                                                   "contain a line break that imitates a parameter.")
                                           .arg(elide(name)));
                return e;
            }
        }
    }
    return e;
}

} // namespace

QString XeError::param(QStringView name) const
{
    for (const XeErrorParam& p : params) {
        if (p.name == name)
            return p.value;
    }
    return {};
}

bool XeError::hasParam(QStringView name) const
{
    for (const XeErrorParam& p : params) {
        if (p.name == name)
            return true;
    }
    return false;
}

std::optional<QString> XeError::knownParam(QStringView name) const
{
    for (const XeErrorParam& p : params) {
        if (p.name == name) {
            if (p.value == u"<unknown>")
                return std::nullopt;
            return p.value;
        }
    }
    return std::nullopt;
}

XeObjectRef XeError::parseObjectRef(QStringView value)
{
    const QStringView v = value.trimmed();
    const qsizetype space = v.indexOf(u" (");
    if (space > 0 && v.endsWith(u')'))
        return XeObjectRef{v.left(space).toString(), v.mid(space + 2).chopped(1).toString()};
    return XeObjectRef{v.toString(), QString()};
}

QStringList XeError::knownParameterNames(QStringView code)
{
    return paramNames(errorByCode(code));
}

bool XeError::isKnownCode(QStringView code)
{
    return errorByCode(code) != nullptr;
}

Result<XeError> XeError::parse(QByteArrayView output)
{
    XeError e;
    QByteArrayView bytes = output;
    bool cut = false;
    if (bytes.size() > kMaxInputBytes) {
        // Error output is a few lines; anything this large is not one, so read the start.
        bytes = bytes.first(kMaxInputBytes);
        cut = true;
    }
    const HostText text(bytes, e.report);
    if (cut) {
        e.report.addProblem(
            0, QCoreApplication::translate("xr::XeError",
                                           "The output is too large for an error message; only its first MiB was "
                                           "read."));
    }
    if (text.isBlank())
        return Result<XeError>::failure(
            QCoreApplication::translate("xr::XeError", "The command printed no error text."), QStringLiteral("empty"));
    if (text.isMostlyBinary()) {
        return Result<XeError>::failure(
            QCoreApplication::translate("xr::XeError", "This is binary data, not an error message."),
            QStringLiteral("binary"));
    }

    QList<Line> lines;
    for (qsizetype i = 0; i < text.lines().size(); ++i) {
        const QStringView l = text.lines()[i];
        if (!l.trimmed().isEmpty())
            lines.append(Line{l, i + 1});
    }

    const auto& byText = errorsByText();
    const qsizetype scan = qMin<qsizetype>(lines.size(), kMaxStartLines);
    for (qsizetype i = 0; i < scan; ++i) {
        const QStringView line = lines[i].text.trimmed();
        if (matchClientLine(e, line)) {
            for (qsizetype j = i + 1; j < lines.size(); ++j) {
                if (lines[j].text != u"For usage run: 'xe help'")
                    e.report.addNote(lines[j].number,
                                     QCoreApplication::translate("xr::XeError",
                                                                 "Further output after the error was not read: \"%1\".")
                                         .arg(elide(lines[j].text)));
            }
            return finish(std::move(e));
        }
        if (matchErrorCode(e, lines, i) || matchLogForm(e, lines, i))
            return finish(std::move(e));
        const auto known = byText.constFind(normalizeText(line));
        if (known != byText.constEnd()) {
            e.kind = XeErrorKind::Server;
            e.code = QString::fromUtf16((*known)->code);
            e.message = lines[i].text.toString();
            readNamedParams(e, lines, i + 1, paramNames(*known));
            return finish(std::move(e));
        }
    }

    // No known shape. The CLI's layout is still recognisable: a message line, then
    // "name: value" lines (an xapi error newer than this table); a lone "Error: ..." is
    // a client-side failure (xe or xm).
    const QStringView first = lines[0].text;
    e.message = first.toString();
    readNamedParams(e, lines, 1, {});
    if (first.startsWith(u"Error: ") && e.params.isEmpty()) {
        e.kind = XeErrorKind::Client;
        e.code = QStringLiteral("CLI_ERROR");
    } else if (!e.params.isEmpty()) {
        e.kind = XeErrorKind::Server;
        e.report.addNote(lines[0].number,
                         QCoreApplication::translate("xr::XeError",
                                                     "The error message is not one this version knows; its code is "
                                                     "unknown."));
    } else {
        e.kind = XeErrorKind::Unrecognised;
        e.report.addProblem(lines[0].number, QCoreApplication::translate(
                                                 "xr::XeError", "This does not look like an xe error message: \"%1\".")
                                                 .arg(elide(first)));
    }
    return finish(std::move(e));
}

} // namespace xr
