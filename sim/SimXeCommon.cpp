#include "SimXeCommon.h"

namespace xr::sim::detail::xe {

Params parseParams(const QStringList& args)
{
    Params p;
    for (const QString& a : args) {
        if (a.startsWith(QStringLiteral("--"))) {
            const QString name = a.mid(2);
            if (name == u"minimal")
                p.minimal = true;
            else
                p.kv.append({name, QStringLiteral("true")});
            continue;
        }
        const qsizetype eq = a.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString k = a.left(eq);
        if (k == u"minimal" && a.mid(eq + 1) == u"true")
            p.minimal = true;
        else
            p.kv.append({k, a.mid(eq + 1)});
    }
    return p;
}

bool isStdParam(const QString& k)
{
    static const QStringList std{QStringLiteral("server"),
                                 QStringLiteral("password"),
                                 QStringLiteral("port"),
                                 QStringLiteral("username"),
                                 QStringLiteral("minimal"),
                                 QStringLiteral("force"),
                                 QStringLiteral("multiple"),
                                 QStringLiteral("params"),
                                 QStringLiteral("all"),
                                 QStringLiteral("progress"),
                                 QStringLiteral("message-priority"),
                                 QStringLiteral("passwd-file"),
                                 QStringLiteral("on"),
                                 QStringLiteral("paused")};
    return std.contains(k) || k.startsWith(QStringLiteral("database:"));
}

QString boolStr(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

bool modern(const Ctx& c)
{
    return c.host.flavour == Flavour::XcpNg82;
}

bool isLive(const SimVm& vm)
{
    return vm.powerState == PowerState::Running || vm.powerState == PowerState::Paused;
}

const F* field(const Rec& r, const QString& name)
{
    for (const F& f : r)
        if (f.name == name)
            return &f;
    return nullptr;
}

// --- error printing --------------------------------------------------------------------

SimCommandOutput serverError(Ctx& c, const QString& doc, const QList<std::pair<QString, QString>>& params)
{
    QString text = doc + u'\n';
    for (const auto& p : params)
        text += p.first + QStringLiteral(": ") + p.second + u'\n';
    return c.fail(1, text);
}

SimCommandOutput cliError(Ctx& c, const QString& message)
{
    return c.fail(1, QStringLiteral("Error: ") + message + u'\n');
}

QString vmRef(const SimVm& vm)
{
    return vm.uuid + QStringLiteral(" (") + vm.nameLabel + u')';
}

QString hostRef(const SimHostModel& h)
{
    return h.uuid + QStringLiteral(" (") + h.name + u')';
}

SimCommandOutput badPowerState(Ctx& c, const SimVm& vm, const QString& expected)
{
    return serverError(
        c,
        QStringLiteral("You attempted an operation on a VM that was not in an appropriate power state at "
                       "the time; for example, you attempted to start a VM that was already running. The "
                       "parameters returned are the VM's handle, and the expected and actual VM state at "
                       "the time of the call."),
        {{QStringLiteral("vm"), vmRef(vm)},
         {QStringLiteral("expected"), expected},
         {QStringLiteral("actual"), powerStateName(vm.powerState)}});
}

SimCommandOutput otherOperation(Ctx& c, const SimVm& vm, const SimTask& t)
{
    QList<std::pair<QString, QString>> params{{QStringLiteral("class"), QStringLiteral("VM")},
                                              {QStringLiteral("object"), vmRef(vm)}};
    if (modern(c)) {
        params.append({QStringLiteral("operation_type"), t.operation});
        params.append({QStringLiteral("operation_ref"), t.uuid + QStringLiteral(" (") + t.nameLabel + u')'});
    }
    return serverError(c, QStringLiteral("Another operation involving the object is currently in progress"), params);
}

SimCommandOutput hostOffline(Ctx& c, const SimHostModel& h)
{
    return serverError(c,
                       QStringLiteral("You attempted an operation which involves a host which could not be contacted."),
                       {{QStringLiteral("host"), hostRef(h)}});
}

SimCommandOutput internalError(Ctx& c, const QString& message)
{
    return serverError(c,
                       QStringLiteral("The server failed to handle your request, due to an internal error. The given "
                                      "message may give details useful for debugging the problem."),
                       {{QStringLiteral("message"), message}});
}

SimCommandOutput uuidInvalid(Ctx& c, const QString& cls, const QString& uuid)
{
    return serverError(c, QStringLiteral("The uuid you supplied was invalid."),
                       {{QStringLiteral("type"), cls}, {QStringLiteral("uuid"), uuid}});
}

} // namespace xr::sim::detail::xe
