#include "LadderJson.h"

#include "DomainGuard.h"

#include "HostText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace xr {

namespace {

using App = QCoreApplication;

template <typename E>
struct EnumName
{
    E value;
    const char16_t* name;
};

const EnumName<XapiPowerState> kPowerStates[] = {
    {XapiPowerState::Unknown, u"unknown"},     {XapiPowerState::Running, u"running"},
    {XapiPowerState::Halted, u"halted"},       {XapiPowerState::Paused, u"paused"},
    {XapiPowerState::Suspended, u"suspended"},
};
const EnumName<XapiHealth> kHealth[] = {
    {XapiHealth::Answering, u"answering"},
    {XapiHealth::Slow, u"slow"},
    {XapiHealth::NotAnswering, u"not-answering"},
    {XapiHealth::Refused, u"refused"},
};
const EnumName<AttemptOutcome> kOutcomes[] = {
    {AttemptOutcome::Succeeded, u"succeeded"}, {AttemptOutcome::Failed, u"failed"},
    {AttemptOutcome::Refused, u"refused"},     {AttemptOutcome::TimedOut, u"timed-out"},
    {AttemptOutcome::Cancelled, u"cancelled"},
};
const EnumName<DomainPresence> kPresence[] = {
    {DomainPresence::Unknown, u"unknown"},
    {DomainPresence::Present, u"present"},
    {DomainPresence::Absent, u"absent"},
};

template <typename E, std::size_t N>
QString nameOf(const EnumName<E> (&table)[N], E v)
{
    for (const auto& e : table) {
        if (e.value == v)
            return QString::fromUtf16(e.name);
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const EnumName<E> (&table)[N], QStringView name)
{
    for (const auto& e : table) {
        if (name == QStringView(e.name))
            return e.value;
    }
    return std::nullopt;
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

QJsonObject hostToJson(const HostRef& h)
{
    QJsonObject o;
    o[u"uuid"] = h.uuid;
    o[u"name"] = h.name;
    o[u"address"] = h.address;
    o[u"alive"] = h.alive;
    o[u"isMaster"] = h.isMaster;
    return o;
}

QJsonObject commandToJson(const ShellCommand& c)
{
    QJsonObject o;
    o[u"program"] = c.program;
    o[u"args"] = toArray(c.args);
    o[u"shell"] = c.toShell();
    // A command by domain id runs inside DomainGuard: say what it does once the host agreed.
    if (DomainGuard::isGuarded(c)) {
        const ShellCommand action = DomainGuard::action(c);
        o[u"action"] = action.toShell();
        o[u"guard"] = QJsonObject{{QStringLiteral("domid"), c.args.value(3)},
                                  {QStringLiteral("key"), c.args.value(4)},
                                  {QStringLiteral("expected"), c.args.value(5)}};
    }
    return o;
}

QJsonArray probesToJson(const QList<Probe>& probes)
{
    QJsonArray a;
    for (const Probe& p : probes) {
        QJsonObject o = commandToJson(p.command);
        o[u"host"] = RecoveryLadder::hostRoleName(p.host);
        a.append(o);
    }
    return a;
}

/// Reads a JSON object strictly; the first problem wins and names its key path.
class Reader final
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    void fail(const QString& path, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = App::translate("RecoveryLadder", "In the situation, \"%1\": %2").arg(path, what);
    }

    void string(const QJsonObject& o, const QString& path, const char16_t* key, QString& out)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isString())
            return fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "a text is expected."));
        out = v.toString();
    }

    void boolean(const QJsonObject& o, const QString& path, const char16_t* key, bool& out)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isBool())
            return fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "true or false is expected."));
        out = v.toBool();
    }

    template <typename T>
    void integer(const QJsonObject& o, const QString& path, const char16_t* key, T& out)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return;
        const double d = v.toDouble();
        // The range is checked before any conversion: a double outside qint64 (1e300 is valid
        // JSON) does not convert, it is undefined behaviour.
        if (!v.isDouble() || !(d >= -1e15 && d <= 1e15) || d != std::trunc(d))
            return fail(path + QString::fromUtf16(key),
                        App::translate("RecoveryLadder", "a whole number is expected."));
        out = T(qint64(d));
    }

    void number(const QJsonObject& o, const QString& path, const char16_t* key, double& out)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isDouble())
            return fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "a number is expected."));
        out = v.toDouble();
    }

    void strings(const QJsonObject& o, const QString& path, const char16_t* key, QStringList& out)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isArray())
            return fail(path + QString::fromUtf16(key),
                        App::translate("RecoveryLadder", "a list of texts is expected."));
        for (const QJsonValue& e : v.toArray()) {
            if (!e.isString())
                return fail(path + QString::fromUtf16(key),
                            App::translate("RecoveryLadder", "a list of texts is expected."));
            out.append(e.toString());
        }
    }

    template <typename E, std::size_t N>
    void enumeration(const QJsonObject& o, const QString& path, const char16_t* key, const EnumName<E> (&table)[N],
                     E& out)
    {
        QString name;
        string(o, path, key, name);
        if (failed() || name.isNull())
            return;
        const auto v = valueOf(table, name);
        if (!v) {
            QStringList names;
            for (const auto& e : table)
                names.append(QString::fromUtf16(e.name));
            return fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "\"%1\" is not one of %2.")
                                                            .arg(elide(name, 40), names.join(QStringLiteral(", "))));
        }
        out = *v;
    }

    /// The object at `key`, or an empty one; a non-object is an error.
    QJsonObject object(const QJsonObject& o, const QString& path, const char16_t* key)
    {
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject()) {
            fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "an object is expected."));
            return {};
        }
        return v.toObject();
    }

    /// The objects of the array at `key`; a non-array or a non-object element is an error.
    QList<QJsonObject> objects(const QJsonObject& o, const QString& path, const char16_t* key)
    {
        QList<QJsonObject> out;
        const QJsonValue v = o.value(QStringView(key));
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(path + QString::fromUtf16(key), App::translate("RecoveryLadder", "a list of objects is expected."));
            return out;
        }
        for (const QJsonValue& e : v.toArray()) {
            if (!e.isObject()) {
                fail(path + QString::fromUtf16(key),
                     App::translate("RecoveryLadder", "a list of objects is expected."));
                return {};
            }
            out.append(e.toObject());
        }
        return out;
    }

    HostRef host(const QJsonObject& o, const QString& path)
    {
        HostRef h;
        string(o, path, u"uuid", h.uuid);
        string(o, path, u"name", h.name);
        string(o, path, u"address", h.address);
        boolean(o, path, u"alive", h.alive);
        boolean(o, path, u"isMaster", h.isMaster);
        return h;
    }

private:
    QString m_error;
};

} // namespace

QString LadderJson::powerStateName(XapiPowerState state)
{
    return nameOf(kPowerStates, state);
}

std::optional<XapiPowerState> LadderJson::powerStateFromName(QStringView name)
{
    return valueOf(kPowerStates, name);
}

QString LadderJson::healthName(XapiHealth health)
{
    return nameOf(kHealth, health);
}

std::optional<XapiHealth> LadderJson::healthFromName(QStringView name)
{
    return valueOf(kHealth, name);
}

QString LadderJson::outcomeName(AttemptOutcome outcome)
{
    return nameOf(kOutcomes, outcome);
}

std::optional<AttemptOutcome> LadderJson::outcomeFromName(QStringView name)
{
    return valueOf(kOutcomes, name);
}

QJsonObject LadderJson::toJson(const VmSituation& s)
{
    QJsonObject o;
    o[u"vmUuid"] = s.vmUuid;
    o[u"vmName"] = s.vmName;
    o[u"isControlDomain"] = s.isControlDomain;
    o[u"isHvm"] = s.isHvm;
    o[u"xapiHealth"] = healthName(s.xapiHealth);
    o[u"xapiPowerState"] = powerStateName(s.xapiPowerState);
    QJsonObject d;
    d[u"presence"] = nameOf(kPresence, s.domain.presence);
    if (s.domain.domid >= 0)
        d[u"domid"] = double(s.domain.domid);
    d[u"state"] = s.domain.state.toXlString();
    if (s.domain.state.hvm)
        d[u"hvm"] = *s.domain.state.hvm;
    d[u"name"] = s.domain.name;
    o[u"domain"] = d;
    o[u"currentOperations"] = toArray(s.currentOperations);
    o[u"allowedOperations"] = toArray(s.allowedOperations);
    QJsonArray tasks;
    for (const PendingTask& t : s.pendingTasks) {
        QJsonObject to;
        to[u"uuid"] = t.uuid;
        to[u"nameLabel"] = t.nameLabel;
        to[u"ageSeconds"] = double(t.ageSeconds);
        to[u"progress"] = t.progress;
        to[u"cancellable"] = t.cancellable;
        tasks.append(to);
    }
    o[u"pendingTasks"] = tasks;
    o[u"residentHost"] = hostToJson(s.residentHost);
    o[u"poolMaster"] = hostToJson(s.poolMaster);
    QJsonArray others;
    for (const HostRef& h : s.otherHosts)
        others.append(hostToJson(h));
    o[u"otherHosts"] = others;
    o[u"haEnabled"] = s.haEnabled;
    if (s.toolsPresent) {
        QJsonArray tools;
        for (HostTool t : HostTools::all()) {
            if (s.toolsPresent->has(t))
                tools.append(HostTools::name(t));
        }
        o[u"toolsPresent"] = tools;
    }
    o[u"tapdiskHolding"] = s.tapdiskHolding;
    QJsonArray attempts;
    for (const RungAttempt& a : s.previousAttempts) {
        QJsonObject ao;
        ao[u"rung"] = RecoveryLadder::idName(a.rung);
        ao[u"outcome"] = outcomeName(a.outcome);
        ao[u"code"] = a.code;
        attempts.append(ao);
    }
    o[u"previousAttempts"] = attempts;
    QJsonArray vms;
    for (const ResidentVm& v : s.residentVms) {
        QJsonObject vo;
        vo[u"uuid"] = v.uuid;
        vo[u"name"] = v.name;
        vo[u"powerState"] = powerStateName(v.powerState);
        vo[u"canMigrate"] = v.canMigrate;
        vo[u"haProtected"] = v.haProtected;
        vo[u"isControlDomain"] = v.isControlDomain;
        vms.append(vo);
    }
    o[u"residentVms"] = vms;
    return o;
}

Result<VmSituation> LadderJson::situationFromJson(const QJsonObject& o)
{
    Reader r;
    VmSituation s;
    const QString root;
    r.string(o, root, u"vmUuid", s.vmUuid);
    r.string(o, root, u"vmName", s.vmName);
    r.boolean(o, root, u"isControlDomain", s.isControlDomain);
    r.boolean(o, root, u"isHvm", s.isHvm);
    r.enumeration(o, root, u"xapiHealth", kHealth, s.xapiHealth);
    r.enumeration(o, root, u"xapiPowerState", kPowerStates, s.xapiPowerState);

    const QJsonObject d = r.object(o, root, u"domain");
    const QString dp = QStringLiteral("domain.");
    r.enumeration(d, dp, u"presence", kPresence, s.domain.presence);
    r.integer(d, dp, u"domid", s.domain.domid);
    QString flags;
    r.string(d, dp, u"state", flags);
    if (!flags.isEmpty()) {
        const auto st = DomainState::fromXl(flags);
        if (!st)
            r.fail(dp + QStringLiteral("state"),
                   App::translate("RecoveryLadder", "six xl state flags such as \"-b----\" are expected."));
        else
            s.domain.state = *st;
    }
    if (d.contains(u"hvm")) {
        bool hvm = false;
        r.boolean(d, dp, u"hvm", hvm);
        s.domain.state.hvm = hvm;
    }
    r.string(d, dp, u"name", s.domain.name);
    // A domid alone says the domain is there.
    if (!d.contains(u"presence") && s.domain.domid >= 0)
        s.domain.presence = DomainPresence::Present;

    r.strings(o, root, u"currentOperations", s.currentOperations);
    r.strings(o, root, u"allowedOperations", s.allowedOperations);
    for (const QJsonObject& t : r.objects(o, root, u"pendingTasks")) {
        PendingTask task;
        const QString tp = QStringLiteral("pendingTasks[].");
        r.string(t, tp, u"uuid", task.uuid);
        r.string(t, tp, u"nameLabel", task.nameLabel);
        r.integer(t, tp, u"ageSeconds", task.ageSeconds);
        r.number(t, tp, u"progress", task.progress);
        r.boolean(t, tp, u"cancellable", task.cancellable);
        s.pendingTasks.append(task);
    }
    s.residentHost = r.host(r.object(o, root, u"residentHost"), QStringLiteral("residentHost."));
    s.poolMaster = r.host(r.object(o, root, u"poolMaster"), QStringLiteral("poolMaster."));
    for (const QJsonObject& h : r.objects(o, root, u"otherHosts"))
        s.otherHosts.append(r.host(h, QStringLiteral("otherHosts[].")));
    r.boolean(o, root, u"haEnabled", s.haEnabled);
    if (o.contains(u"toolsPresent") && !o.value(u"toolsPresent").isNull()) {
        QStringList names;
        r.strings(o, root, u"toolsPresent", names);
        HostTools tools;
        for (const QString& n : names) {
            const auto t = HostTools::fromName(n);
            if (!t) {
                r.fail(QStringLiteral("toolsPresent"),
                       App::translate("RecoveryLadder", "unknown tool \"%1\".").arg(elide(n, 40)));
                break;
            }
            tools.set(*t);
        }
        s.toolsPresent = tools;
    }
    r.boolean(o, root, u"tapdiskHolding", s.tapdiskHolding);
    for (const QJsonObject& a : r.objects(o, root, u"previousAttempts")) {
        const QString ap = QStringLiteral("previousAttempts[].");
        RungAttempt attempt;
        QString rung;
        r.string(a, ap, u"rung", rung);
        const auto id = RecoveryLadder::idFromName(rung);
        if (!id && !r.failed())
            r.fail(ap + QStringLiteral("rung"),
                   App::translate("RecoveryLadder", "\"%1\" is not a rung name.").arg(elide(rung, 40)));
        attempt.rung = id.value_or(RungId::Diagnose);
        r.enumeration(a, ap, u"outcome", kOutcomes, attempt.outcome);
        r.string(a, ap, u"code", attempt.code);
        s.previousAttempts.append(attempt);
    }
    for (const QJsonObject& v : r.objects(o, root, u"residentVms")) {
        const QString vp = QStringLiteral("residentVms[].");
        ResidentVm vm;
        r.string(v, vp, u"uuid", vm.uuid);
        r.string(v, vp, u"name", vm.name);
        r.enumeration(v, vp, u"powerState", kPowerStates, vm.powerState);
        r.boolean(v, vp, u"canMigrate", vm.canMigrate);
        r.boolean(v, vp, u"haProtected", vm.haProtected);
        r.boolean(v, vp, u"isControlDomain", vm.isControlDomain);
        s.residentVms.append(vm);
    }
    if (r.failed())
        return Result<VmSituation>::failure(r.error(), QStringLiteral("invalid-situation"));
    return s;
}

Result<VmSituation> LadderJson::situationFromJson(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return Result<VmSituation>::failure(
            App::translate("RecoveryLadder", "The situation is not valid JSON (offset %1): %2.")
                .arg(error.offset)
                .arg(error.errorString()),
            QStringLiteral("invalid-json"));
    if (!doc.isObject())
        return Result<VmSituation>::failure(App::translate("RecoveryLadder", "The situation must be a JSON object."),
                                            QStringLiteral("invalid-json"));
    return situationFromJson(doc.object());
}

QJsonObject LadderJson::toJson(const Rung& r)
{
    QJsonObject o;
    o[u"id"] = RecoveryLadder::idName(r.id);
    o[u"number"] = r.number;
    o[u"risk"] = RecoveryLadder::riskName(r.risk);
    o[u"title"] = r.title;
    o[u"explanation"] = r.explanation;
    o[u"whatCanBeLost"] = r.whatCanBeLost;
    o[u"applies"] = r.applies;
    if (!r.whyNot.isEmpty())
        o[u"whyNot"] = r.whyNot;
    o[u"recommended"] = r.recommended;
    QJsonArray commands;
    for (const ShellCommand& c : r.commands)
        commands.append(commandToJson(c));
    o[u"commands"] = commands;
    o[u"runsOn"] = RecoveryLadder::hostRoleName(r.runsOn);
    o[u"runsOnHost"] = r.runsOnHost;
    o[u"needsTool"] = r.needsTool ? QJsonValue(HostTools::name(*r.needsTool)) : QJsonValue(QJsonValue::Null);
    o[u"needsXapi"] = r.needsXapi;
    QJsonObject v;
    v[u"description"] = r.verification.description;
    v[u"success"] = RecoveryLadder::successName(r.verification.success);
    v[u"timeoutSeconds"] = r.verification.timeoutSeconds;
    v[u"pollIntervalSeconds"] = r.verification.pollIntervalSeconds;
    v[u"probes"] = probesToJson(r.verification.probes);
    if (!r.verification.lingeringHint.isEmpty()) {
        v[u"lingeringHint"] = r.verification.lingeringHint;
        v[u"lingeringProbes"] = probesToJson(r.verification.lingeringProbes);
    }
    if (!r.verification.taskUuids.isEmpty())
        v[u"taskUuids"] = toArray(r.verification.taskUuids);
    o[u"verification"] = v;
    QJsonArray refusals;
    for (const Refusal& f : r.refusals) {
        QJsonObject fo;
        fo[u"code"] = f.code;
        fo[u"explanation"] = f.explanation;
        fo[u"nextRung"] = f.nextRung ? QJsonValue(RecoveryLadder::idName(*f.nextRung)) : QJsonValue(QJsonValue::Null);
        refusals.append(fo);
    }
    o[u"refusals"] = refusals;
    o[u"checklistOnly"] = r.checklistOnly;
    if (!r.checklist.isEmpty())
        o[u"checklist"] = toArray(r.checklist);
    if (!r.notes.isEmpty())
        o[u"notes"] = toArray(r.notes);
    return o;
}

QJsonObject LadderJson::toJson(const Ladder& ladder)
{
    QJsonObject o;
    QJsonObject f;
    f[u"kind"] = HostFlavour::kindName(ladder.flavour.kind);
    f[u"productBrand"] = ladder.flavour.productBrand;
    f[u"productVersion"] = ladder.flavour.productVersion;
    f[u"platformVersion"] = ladder.flavour.platformVersion;
    f[u"displayName"] = ladder.flavour.displayName();
    o[u"flavour"] = f;
    o[u"vmUuid"] = ladder.vmUuid;
    o[u"vmName"] = ladder.vmName;
    o[u"summary"] = ladder.summary;
    if (const Rung* r = ladder.recommended())
        o[u"recommended"] = RecoveryLadder::idName(r->id);
    QJsonArray rungs;
    for (const Rung& r : ladder.rungs)
        rungs.append(toJson(r));
    o[u"rungs"] = rungs;
    return o;
}

} // namespace xr
