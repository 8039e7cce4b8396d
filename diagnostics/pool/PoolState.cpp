#include "PoolState.h"

#include "XeRecords.h"

#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace xr {

namespace {

QString known(const XeRecord& r, QStringView name)
{
    const std::optional<QString> v = r.knownValue(name);
    return v ? v->trimmed() : QString();
}

std::optional<XeRecordList> records(QByteArrayView output)
{
    Result<XeRecordList> parsed = XeRecords::parse(output);
    if (!parsed)
        return std::nullopt;
    return std::move(parsed).value();
}

bool isLivePowerState(XapiPowerState s)
{
    return s == XapiPowerState::Running || s == XapiPowerState::Paused;
}

bool xapiAnswers(XapiHealth h)
{
    return h == XapiHealth::Answering || h == XapiHealth::Slow;
}

// The hypervisor side of one host during a merge.
struct HostIndex
{
    const MergeHost* host = nullptr;
    QHash<qint64, const Domain*> byId;
    bool hasUuids = false;
    bool valid() const { return host->hypervisor && host->hypervisor->valid; }
};

struct DomainRef
{
    HostIndex* host = nullptr;
    const Domain* domain = nullptr;
};

DomainView viewOf(const Domain& d)
{
    DomainView v;
    v.presence = DomainPresence::Present;
    v.domid = d.id;
    v.state = d.state;
    v.name = d.name;
    return v;
}

bool isDyingDomain(const Domain& d)
{
    return d.state.dying || d.hasNullName();
}

// Tasks concern a VM when their name ends in one of its current operations
// (Async.VM.clean_shutdown for clean_shutdown) on the same host: xapi's task records do not
// name the VM they work on, so this is the link the CLI allows.
QList<PendingTask> tasksFor(const XapiVm& vm, const QList<XapiTask>& tasks, const QDateTime& now)
{
    QList<PendingTask> out;
    if (vm.currentOperations.isEmpty())
        return out;
    for (const XapiTask& t : tasks) {
        if (t.status != u"pending" && t.status != u"cancelling")
            continue;
        if (!t.residentOn.isEmpty() && !vm.residentOn.isEmpty() && t.residentOn != vm.residentOn)
            continue;
        const bool matches =
            std::any_of(vm.currentOperations.begin(), vm.currentOperations.end(),
                        [&](const QString& op) { return t.name == op || t.name.endsWith(QLatin1Char('.') + op); });
        if (!matches)
            continue;
        PendingTask p;
        p.uuid = t.uuid;
        p.nameLabel = t.name;
        p.ageSeconds = t.created.isValid() ? std::max<qint64>(0, t.created.secsTo(now)) : 0;
        p.progress = t.progress;
        p.cancellable = t.cancellable;
        out.append(p);
    }
    return out;
}

void classify(VmState& s, bool xapiKnown, const MergeInput& input)
{
    Disagreements p;
    if (s.hasXapi && !xapiKnown)
        p |= Disagreement::XapiUnknown;
    if (s.hasXapi && xapiKnown) {
        if (isLivePowerState(s.powerState) && s.domain.isAbsent())
            p |= Disagreement::RunningButNoDomain;
        if ((s.powerState == XapiPowerState::Halted || s.powerState == XapiPowerState::Suspended) &&
            s.domain.isPresent() && !s.domain.isDying())
            p |= Disagreement::HaltedButDomainExists;
    }
    if (s.domain.isDying())
        p |= Disagreement::DyingDomain;
    qint64 age = -1;
    for (const PendingTask& t : s.tasks)
        age = std::max(age, t.ageSeconds);
    if (input.operationFirstSeen) {
        for (const QString& op : s.currentOperations) {
            const QDateTime seen = input.operationFirstSeen->value(s.uuid + QLatin1Char('/') + op);
            if (seen.isValid())
                age = std::max(age, seen.secsTo(input.now));
        }
    }
    if (age < 0 && !s.currentOperations.isEmpty())
        age = 0;
    s.operationAgeSeconds = age;
    if (age >= 0 && age > input.stuckThresholdSeconds)
        p |= Disagreement::OperationStuck;
    s.problems |= p;
}

template <typename T>
void keepIfAgreed(T& kept, const T& other, const T& unknown)
{
    if (!(kept == other))
        kept = unknown;
}

// Records that share a uuid cannot be told apart: whichever was printed by a forged name,
// keep one VM that says only what every record agrees on, marked ambiguous.
QList<XapiVm> oneRecordPerUuid(const QList<XapiVm>& vms)
{
    QHash<QString, qsizetype> index;
    index.reserve(vms.size());
    QList<XapiVm> out;
    out.reserve(vms.size());
    for (const XapiVm& vm : vms) {
        const QString key = vm.uuid.toLower();
        const auto it = index.constFind(key);
        if (it == index.cend()) {
            index.insert(key, out.size());
            out.append(vm);
            continue;
        }
        XapiVm& kept = out[*it];
        const XapiVm unknown;
        kept.ambiguous = true;
        keepIfAgreed(kept.name, vm.name, unknown.name);
        keepIfAgreed(kept.powerState, vm.powerState, unknown.powerState);
        keepIfAgreed(kept.residentOn, vm.residentOn, unknown.residentOn);
        keepIfAgreed(kept.isControlDomain, vm.isControlDomain, unknown.isControlDomain);
        // Hidden only when every record says template or snapshot: a forged record must not
        // make a real VM disappear.
        kept.isTemplate = kept.isTemplate && vm.isTemplate;
        kept.isSnapshot = kept.isSnapshot && vm.isSnapshot;
        keepIfAgreed(kept.currentOperations, vm.currentOperations, unknown.currentOperations);
        keepIfAgreed(kept.allowedOperations, vm.allowedOperations, unknown.allowedOperations);
        keepIfAgreed(kept.domid, vm.domid, unknown.domid);
        keepIfAgreed(kept.memoryStaticMaxBytes, vm.memoryStaticMaxBytes, unknown.memoryStaticMaxBytes);
        keepIfAgreed(kept.vcpus, vm.vcpus, unknown.vcpus);
        keepIfAgreed(kept.hvm, vm.hvm, unknown.hvm);
    }
    return out;
}

} // namespace

bool VmState::sameAtAGlance(const VmState& o) const
{
    return id == o.id && name == o.name && powerState == o.powerState && domain == o.domain && problems == o.problems &&
           stale == o.stale && currentOperations == o.currentOperations && xapiHealth == o.xapiHealth;
}

quint64 PoolState::fingerprint(const VmState& vm)
{
    // A fixed seed: fingerprints are compared across threads and refreshes.
    constexpr size_t seed = 0x5eed;
    size_t h = qHashMulti(seed, vm.id, vm.uuid, vm.name, vm.parentId, vm.hostId, vm.hasXapi, int(vm.powerState),
                          vm.isControlDomain, vm.hvm);
    h = qHashMulti(h, int(vm.domain.presence), vm.domain.domid, vm.domain.name, vm.domain.state.running,
                   vm.domain.state.blocked, vm.domain.state.paused, vm.domain.state.shutdown, vm.domain.state.crashed,
                   vm.domain.state.dying, vm.domain.state.hvm.has_value(), vm.domain.state.hvm.value_or(false));
    h = qHashMulti(h, vm.currentOperations, vm.allowedOperations, vm.operationAgeSeconds, vm.memoryMiB, vm.vcpus,
                   int(vm.xapiHealth), vm.problems.toInt(), vm.stale);
    for (const PendingTask& t : vm.tasks)
        h = qHashMulti(h, t.uuid, t.nameLabel, t.ageSeconds, t.progress, t.cancellable);
    return h ? quint64(h) : 1;
}

XapiPowerState PoolState::powerStateFromName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == u"running")
        return XapiPowerState::Running;
    if (n == u"halted")
        return XapiPowerState::Halted;
    if (n == u"paused")
        return XapiPowerState::Paused;
    if (n == u"suspended")
        return XapiPowerState::Suspended;
    return XapiPowerState::Unknown;
}

QDateTime PoolState::parseXapiDate(QStringView text)
{
    QString t = text.trimmed().toString();
    t.remove(u'-');
    t.remove(u':');
    // 20240611T091201Z, possibly with fractions before the Z.
    const qsizetype dot = t.indexOf(u'.');
    if (dot >= 0) {
        const qsizetype z = t.indexOf(u'Z', dot);
        t.remove(dot, (z < 0 ? t.size() : z) - dot);
    }
    if (t.endsWith(u'Z'))
        t.chop(1);
    QDateTime dt = QDateTime::fromString(t, QStringLiteral("yyyyMMdd'T'HHmmss"));
    if (!dt.isValid())
        return {};
    dt.setTimeZone(QTimeZone::utc());
    if (dt.date().year() <= 1970)
        return {}; // xapi's "never"
    return dt;
}

std::optional<QList<XapiVm>> PoolState::parseVmList(QByteArrayView output, const QString& onlyUuid)
{
    const std::optional<XeRecordList> list = records(output);
    if (!list)
        return std::nullopt;
    QList<XapiVm> out;
    out.reserve(list->records.size());
    bool foreign = false;
    for (const XeRecord& r : list->records) {
        XapiVm vm;
        vm.uuid = known(r, u"uuid");
        if (vm.uuid.isEmpty())
            continue;
        if (!onlyUuid.isEmpty() && vm.uuid.compare(onlyUuid, Qt::CaseInsensitive) != 0) {
            foreign = true;
            continue;
        }
        vm.ambiguous = r.ambiguous;
        vm.name = r.value(u"name-label");
        vm.powerState = powerStateFromName(r.value(u"power-state"));
        vm.residentOn = known(r, u"resident-on");
        vm.isControlDomain = r.boolean(u"is-control-domain").value_or(false);
        vm.isTemplate = r.boolean(u"is-a-template").value_or(false);
        vm.isSnapshot = r.boolean(u"is-a-snapshot").value_or(false);
        vm.currentOperations = r.set(u"current-operations");
        vm.allowedOperations = r.set(u"allowed-operations");
        vm.domid = r.integer(u"dom-id").value_or(-1);
        vm.memoryStaticMaxBytes = r.integer(u"memory-static-max").value_or(-1);
        vm.vcpus = int(r.integer(u"VCPUs-number").value_or(-1));
        vm.hvm = !known(r, u"HVM-boot-policy").isEmpty();
        out.append(std::move(vm));
    }
    if (foreign) {
        for (XapiVm& vm : out)
            vm.ambiguous = true;
    }
    return out;
}

std::optional<QList<XapiTask>> PoolState::parseTaskList(QByteArrayView output)
{
    const std::optional<XeRecordList> list = records(output);
    if (!list)
        return std::nullopt;
    QList<XapiTask> out;
    for (const XeRecord& r : list->records) {
        XapiTask t;
        t.uuid = known(r, u"uuid");
        if (t.uuid.isEmpty())
            continue;
        t.name = r.value(u"name-label");
        t.status = known(r, u"status");
        bool ok = false;
        const double progress = known(r, u"progress").toDouble(&ok);
        t.progress = ok ? progress : -1.0;
        t.created = parseXapiDate(known(r, u"created"));
        const QString allowed =
            r.contains(u"allowed_operations") ? r.value(u"allowed_operations") : r.value(u"allowed-operations");
        t.cancellable = XeRecords::parseSet(allowed).contains(QStringLiteral("cancel"));
        t.residentOn = known(r, u"resident-on");
        out.append(std::move(t));
    }
    return out;
}

std::optional<QList<XapiHost>> PoolState::parseHostList(QByteArrayView output)
{
    const std::optional<XeRecordList> list = records(output);
    if (!list)
        return std::nullopt;
    QList<XapiHost> out;
    for (const XeRecord& r : list->records) {
        XapiHost h;
        h.uuid = known(r, u"uuid");
        if (h.uuid.isEmpty())
            continue;
        h.name = r.value(u"name-label");
        h.address = known(r, u"address");
        h.enabled = r.boolean(u"enabled").value_or(true);
        h.live = r.boolean(u"host-metrics-live").value_or(true);
        out.append(std::move(h));
    }
    return out;
}

std::optional<XapiPool> PoolState::parsePoolList(QByteArrayView output)
{
    const std::optional<XeRecordList> list = records(output);
    if (!list || list->records.isEmpty())
        return std::nullopt;
    const XeRecord& r = list->records.first();
    XapiPool p;
    p.uuid = known(r, u"uuid");
    p.name = r.value(u"name-label");
    p.masterUuid = known(r, u"master");
    if (p.uuid.isEmpty())
        return std::nullopt;
    return p;
}

QList<VmState> PoolState::merge(const MergeInput& input)
{
    std::vector<HostIndex> hosts(size_t(input.hosts.size()));
    QHash<QString, HostIndex*> byXapiUuid;
    QHash<QString, QList<DomainRef>> byUuid;
    for (qsizetype i = 0; i < input.hosts.size(); ++i) {
        HostIndex& h = hosts[size_t(i)];
        h.host = &input.hosts[i];
        if (!h.host->xapiUuid.isEmpty())
            byXapiUuid.insert(h.host->xapiUuid, &h);
        if (!h.valid())
            continue;
        const HypervisorView& hv = *h.host->hypervisor;
        h.hasUuids = hv.format == DomainListFormat::ListDomains || hv.format == DomainListFormat::XmListLong;
        h.byId.reserve(hv.domains.size());
        for (const Domain& d : hv.domains) {
            if (d.id >= 0)
                h.byId.insert(d.id, &d);
            if (!d.uuid.isEmpty())
                byUuid[d.uuid.toLower()].append(DomainRef{&h, &d});
        }
    }
    QSet<const Domain*> used;
    QList<VmState> out;

    const bool haveXapi = input.xapi && input.xapi->valid;
    const bool xapiKnown = haveXapi && xapiAnswers(input.xapiHealth);
    bool allLiveHostsListed = true;
    for (const HostIndex& h : hosts)
        if (h.host->live && !h.valid())
            allLiveHostsListed = false;

    if (haveXapi) {
        out.reserve(input.xapi->vms.size());
        const QList<XapiVm> vms = oneRecordPerUuid(input.xapi->vms);
        for (const XapiVm& vm : vms) {
            if (vm.isTemplate || vm.isSnapshot)
                continue;
            VmState s;
            s.id = vm.uuid;
            s.uuid = vm.uuid;
            s.name = vm.name;
            s.hasXapi = true;
            s.powerState = vm.powerState;
            s.isControlDomain = vm.isControlDomain;
            s.hvm = vm.hvm;
            s.currentOperations = vm.currentOperations;
            s.allowedOperations = vm.allowedOperations;
            s.memoryMiB = vm.memoryStaticMaxBytes >= 0 ? vm.memoryStaticMaxBytes / (1024 * 1024) : -1;
            s.vcpus = vm.vcpus;
            s.xapiHealth = input.xapiHealth;
            s.tasks = tasksFor(vm, input.xapi->tasks, input.now);

            HostIndex* resident = vm.residentOn.isEmpty() ? nullptr : byXapiUuid.value(vm.residentOn);
            DomainRef found;
            const QList<DomainRef> candidates = byUuid.value(vm.uuid.toLower());
            for (const DomainRef& c : candidates) {
                // The live domain on the resident host first, then any live one, then a dying one.
                const int score = (c.host == resident ? 2 : 0) + (isDyingDomain(*c.domain) ? 0 : 4);
                const int best =
                    found.domain ? (found.host == resident ? 2 : 0) + (isDyingDomain(*found.domain) ? 0 : 4) : -1;
                if (score > best)
                    found = c;
            }
            if (!found.domain && resident && resident->valid() && !resident->hasUuids && vm.domid >= 0) {
                if (const Domain* d = resident->byId.value(vm.domid))
                    found = DomainRef{resident, d};
            }
            if (found.domain) {
                used.insert(found.domain);
                s.domain = viewOf(*found.domain);
                s.hostId = found.host->host->hostId;
            } else if (resident) {
                s.hostId = resident->host->hostId;
                s.domain.presence = resident->valid() ? DomainPresence::Absent : DomainPresence::Unknown;
                if (!resident->host->live && !resident->valid())
                    s.domain.presence = DomainPresence::Unknown;
            } else {
                s.domain.presence =
                    (!hosts.empty() && allLiveHostsListed) ? DomainPresence::Absent : DomainPresence::Unknown;
            }
            if (resident)
                s.parentId = resident->host->hostId;
            else if (found.domain)
                s.parentId = found.host->host->hostId;
            else
                s.parentId = input.scopeId;
            if (resident)
                s.stale = resident->host->stale;
            else if (found.domain)
                s.stale = found.host->host->stale;
            else
                s.stale = input.xapiStale;
            if (vm.ambiguous)
                s.problems |= Disagreement::AmbiguousRecords;
            classify(s, xapiKnown, input);
            out.append(std::move(s));
        }
    }

    // Domains no xapi record claimed: the VMs of xl/xm hosts, and on xapi hosts what the
    // hypervisor runs that xapi does not know (or cannot be asked about).
    for (HostIndex& h : hosts) {
        if (!h.valid())
            continue;
        const bool xapiHost = isXapiFlavour(h.host->flavour);
        for (const Domain& d : h.host->hypervisor->domains) {
            if (used.contains(&d))
                continue;
            VmState s;
            s.uuid = d.uuid;
            if (!d.uuid.isEmpty())
                s.id = d.uuid;
            else if (d.name.isEmpty() || d.hasNullName())
                s.id = h.host->hostId + QStringLiteral("/domid/") + QString::number(d.id);
            else
                s.id = h.host->hostId + QLatin1Char('/') + d.name;
            s.name = d.hasNullName() ? QString() : d.name;
            s.parentId = h.host->hostId;
            s.hostId = h.host->hostId;
            s.isControlDomain = d.isControlDomain();
            s.hvm = d.state.hvm.value_or(false);
            s.domain = viewOf(d);
            s.memoryMiB = d.memoryMiB.value_or(-1);
            s.vcpus = d.vcpus.value_or(-1);
            s.stale = h.host->stale;
            s.xapiHealth = input.xapiHealth;
            if (xapiHost) {
                if (xapiKnown)
                    s.problems |= Disagreement::DomainWithoutVm;
                else
                    s.problems |= Disagreement::XapiUnknown;
            }
            classify(s, xapiKnown, input);
            out.append(std::move(s));
        }
    }
    for (VmState& vm : out)
        vm.fingerprint = fingerprint(vm);
    return out;
}

void PoolState::trackOperations(const QList<VmState>& vms, const QDateTime& now, QHash<QString, QDateTime>& firstSeen)
{
    QHash<QString, QDateTime> next;
    for (const VmState& s : vms) {
        for (const QString& op : s.currentOperations) {
            const QString key = s.uuid + QLatin1Char('/') + op;
            next.insert(key, firstSeen.value(key, now));
        }
    }
    firstSeen = std::move(next);
}

QString PoolState::powerStateKey(XapiPowerState state)
{
    switch (state) {
    case XapiPowerState::Running:
        return QStringLiteral("running");
    case XapiPowerState::Halted:
        return QStringLiteral("halted");
    case XapiPowerState::Paused:
        return QStringLiteral("paused");
    case XapiPowerState::Suspended:
        return QStringLiteral("suspended");
    case XapiPowerState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString PoolState::powerStateText(XapiPowerState state)
{
    switch (state) {
    case XapiPowerState::Running:
        return tr("Running");
    case XapiPowerState::Halted:
        return tr("Halted");
    case XapiPowerState::Paused:
        return tr("Paused");
    case XapiPowerState::Suspended:
        return tr("Suspended");
    case XapiPowerState::Unknown:
        break;
    }
    return tr("Unknown");
}

QString PoolState::healthKey(XapiHealth health)
{
    switch (health) {
    case XapiHealth::Answering:
        return QStringLiteral("answering");
    case XapiHealth::Slow:
        return QStringLiteral("slow");
    case XapiHealth::NotAnswering:
        return QStringLiteral("not-answering");
    case XapiHealth::Refused:
        return QStringLiteral("refused");
    }
    return QStringLiteral("answering");
}

QString PoolState::healthText(XapiHealth health)
{
    switch (health) {
    case XapiHealth::Answering:
        return tr("answering");
    case XapiHealth::Slow:
        return tr("slow");
    case XapiHealth::NotAnswering:
        return tr("not answering");
    case XapiHealth::Refused:
        return tr("refused");
    }
    return {};
}

QList<Disagreement> PoolState::allDisagreements()
{
    return {Disagreement::AmbiguousRecords,      Disagreement::XapiUnknown, Disagreement::RunningButNoDomain,
            Disagreement::HaltedButDomainExists, Disagreement::DyingDomain, Disagreement::OperationStuck,
            Disagreement::DomainWithoutVm};
}

QString PoolState::disagreementKey(Disagreement flag)
{
    switch (flag) {
    case Disagreement::RunningButNoDomain:
        return QStringLiteral("running-but-no-domain");
    case Disagreement::HaltedButDomainExists:
        return QStringLiteral("halted-but-domain-exists");
    case Disagreement::DyingDomain:
        return QStringLiteral("dying-domain");
    case Disagreement::OperationStuck:
        return QStringLiteral("operation-stuck");
    case Disagreement::XapiUnknown:
        return QStringLiteral("xapi-unknown");
    case Disagreement::DomainWithoutVm:
        return QStringLiteral("domain-without-vm");
    case Disagreement::AmbiguousRecords:
        return QStringLiteral("ambiguous-records");
    case Disagreement::None:
        break;
    }
    return {};
}

QString PoolState::disagreementText(Disagreement flag)
{
    switch (flag) {
    case Disagreement::RunningButNoDomain:
        return tr("no domain");
    case Disagreement::HaltedButDomainExists:
        return tr("domain still exists");
    case Disagreement::DyingDomain:
        return tr("dying domain");
    case Disagreement::OperationStuck:
        return tr("operation stuck");
    case Disagreement::XapiUnknown:
        return tr("xapi unknown");
    case Disagreement::DomainWithoutVm:
        return tr("unknown to xapi");
    case Disagreement::AmbiguousRecords:
        return tr("ambiguous records");
    case Disagreement::None:
        break;
    }
    return {};
}

QString PoolState::disagreementExplanation(Disagreement flag)
{
    switch (flag) {
    case Disagreement::RunningButNoDomain:
        return tr("xapi records this VM as running, but the hypervisor has no domain for it: the VM is not "
                  "really running. A toolstack restart usually makes xapi resync its power state.");
    case Disagreement::HaltedButDomainExists:
        return tr("xapi records this VM as halted, but the hypervisor still runs a domain for it. Do not start "
                  "it again or reset its power state: two copies would write to the same disks.");
    case Disagreement::DyingDomain:
        return tr("The domain is dying (or shown as (null)): it was destroyed but a backend such as tapdisk "
                  "or qemu still holds it. Look at tap-ctl list before going further.");
    case Disagreement::OperationStuck:
        return tr("An operation on this VM has been pending for longer than expected: the guest may be "
                  "ignoring it, or the task is stuck.");
    case Disagreement::XapiUnknown:
        return tr("xapi does not answer, so what it believes about this VM is unknown or out of date. The "
                  "hypervisor's view is still shown.");
    case Disagreement::DomainWithoutVm:
        return tr("The hypervisor runs a domain that xapi has no VM record for.");
    case Disagreement::AmbiguousRecords:
        return tr("xapi's records for this VM cannot be told apart (a name holds line breaks or a UUID appears "
                  "twice): read it by uuid= before acting");
    case Disagreement::None:
        break;
    }
    return {};
}

QString PoolState::domainText(const DomainView& domain)
{
    switch (domain.presence) {
    case DomainPresence::Present:
        return QStringLiteral("%1 %2").arg(domain.domid).arg(domain.state.toXlString());
    case DomainPresence::Absent:
        return tr("none");
    case DomainPresence::Unknown:
        break;
    }
    return QStringLiteral("?");
}

QString PoolState::durationText(qint64 seconds)
{
    if (seconds < 120)
        return tr("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return tr("%1 min").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return tr("%1 h").arg(seconds / 3600);
    return tr("%1 d").arg(seconds / 86400);
}

} // namespace xr
