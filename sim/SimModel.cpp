#include "SimModel.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace xr::sim {

namespace {

QString dt(const QDateTime& d)
{
    return d.isValid() ? d.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseDt(const QJsonValue& v)
{
    const QString s = v.toString();
    if (s.isEmpty())
        return {};
    QDateTime d = QDateTime::fromString(s, Qt::ISODateWithMs);
    return d;
}

QJsonArray strings(const QStringList& l)
{
    return QJsonArray::fromStringList(l);
}

QStringList toStrings(const QJsonValue& v)
{
    QStringList out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue& e : a)
        out.append(e.toString());
    return out;
}

template <typename T>
QJsonArray toArray(const QList<T>& list)
{
    QJsonArray a;
    for (const T& t : list)
        a.append(t.toJson());
    return a;
}

template <typename T>
QList<T> fromArray(const QJsonValue& v)
{
    QList<T> out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue& e : a)
        out.append(T::fromJson(e.toObject()));
    return out;
}

QString s(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

bool b(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toBool();
}

qint64 i64(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toInteger();
}

int i32(const QJsonObject& o, const char* key, int def = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isUndefined() ? def : int(v.toInteger());
}

} // namespace

QString flavourName(Flavour flavour)
{
    switch (flavour) {
    case Flavour::XenServer62:
        return QStringLiteral("xenserver-6.2");
    case Flavour::XcpNg82:
        return QStringLiteral("xcp-ng-8.2");
    case Flavour::XenXl:
        return QStringLiteral("xen-4.17-xl");
    case Flavour::XenXm:
        return QStringLiteral("xen-4.1-xm");
    }
    return {};
}

std::optional<Flavour> flavourFromName(const QString& name)
{
    for (Flavour f : {Flavour::XenServer62, Flavour::XcpNg82, Flavour::XenXl, Flavour::XenXm})
        if (flavourName(f) == name)
            return f;
    return std::nullopt;
}

bool hasXapi(Flavour flavour)
{
    return flavour == Flavour::XenServer62 || flavour == Flavour::XcpNg82;
}

QString powerStateName(PowerState state)
{
    switch (state) {
    case PowerState::Halted:
        return QStringLiteral("halted");
    case PowerState::Running:
        return QStringLiteral("running");
    case PowerState::Paused:
        return QStringLiteral("paused");
    case PowerState::Suspended:
        return QStringLiteral("suspended");
    }
    return {};
}

std::optional<PowerState> powerStateFromName(const QString& name)
{
    for (PowerState p : {PowerState::Halted, PowerState::Running, PowerState::Paused, PowerState::Suspended})
        if (powerStateName(p) == name)
            return p;
    return std::nullopt;
}

// --- SimDomain -------------------------------------------------------------------------

double SimDomain::cpuSeconds(const QDateTime& now) const
{
    if (dying || !created.isValid())
        return dying ? 0.0 : cpuSecondsAtCreate;
    const double alive = double(created.msecsTo(now)) / 1000.0;
    // A mostly idle guest: a few percent of one vCPU, more for dom0.
    const double share = domid == 0 ? 0.08 : (paused ? 0.0 : 0.02 * vcpus);
    return cpuSecondsAtCreate + (alive > 0 ? alive * share : 0.0);
}

QJsonObject SimDomain::toJson() const
{
    return QJsonObject{
        {QStringLiteral("domid"), domid},
        {QStringLiteral("vmUuid"), vmUuid},
        {QStringLiteral("name"), name},
        {QStringLiteral("running"), running},
        {QStringLiteral("blocked"), blocked},
        {QStringLiteral("paused"), paused},
        {QStringLiteral("shutdown"), shutdown},
        {QStringLiteral("crashed"), crashed},
        {QStringLiteral("dying"), dying},
        {QStringLiteral("hvm"), hvm},
        {QStringLiteral("memoryKiB"), memoryKiB},
        {QStringLiteral("maxMemoryKiB"), maxMemoryKiB},
        {QStringLiteral("vcpus"), vcpus},
        {QStringLiteral("created"), dt(created)},
        {QStringLiteral("cpuSecondsAtCreate"), cpuSecondsAtCreate},
        {QStringLiteral("lingerCommandsLeft"), lingerCommandsLeft},
        {QStringLiteral("tapdiskPid"), tapdiskPid},
        {QStringLiteral("tapdiskMinor"), tapdiskMinor},
    };
}

SimDomain SimDomain::fromJson(const QJsonObject& o)
{
    SimDomain d;
    d.domid = i32(o, "domid");
    d.vmUuid = s(o, "vmUuid");
    d.name = s(o, "name");
    d.running = b(o, "running");
    d.blocked = b(o, "blocked");
    d.paused = b(o, "paused");
    d.shutdown = b(o, "shutdown");
    d.crashed = b(o, "crashed");
    d.dying = b(o, "dying");
    d.hvm = b(o, "hvm");
    d.memoryKiB = i64(o, "memoryKiB");
    d.maxMemoryKiB = i64(o, "maxMemoryKiB");
    d.vcpus = i32(o, "vcpus", 1);
    d.created = parseDt(o.value(QLatin1String("created")));
    d.cpuSecondsAtCreate = o.value(QLatin1String("cpuSecondsAtCreate")).toDouble();
    d.lingerCommandsLeft = i32(o, "lingerCommandsLeft");
    d.tapdiskPid = i32(o, "tapdiskPid");
    d.tapdiskMinor = i32(o, "tapdiskMinor");
    return d;
}

// --- faults, VM, task ------------------------------------------------------------------

QJsonObject SimVmFaults::toJson() const
{
    return QJsonObject{
        {QStringLiteral("ignoresCleanShutdown"), ignoresCleanShutdown},
        {QStringLiteral("diesOnlyAfterCrash"), diesOnlyAfterCrash},
        {QStringLiteral("lingersAfterDestroy"), lingersAfterDestroy},
        {QStringLiteral("lingerClearsAfter"), lingerClearsAfter},
        {QStringLiteral("domainGone"), domainGone},
    };
}

SimVmFaults SimVmFaults::fromJson(const QJsonObject& o)
{
    SimVmFaults f;
    f.ignoresCleanShutdown = b(o, "ignoresCleanShutdown");
    f.diesOnlyAfterCrash = b(o, "diesOnlyAfterCrash");
    f.lingersAfterDestroy = b(o, "lingersAfterDestroy");
    f.lingerClearsAfter = i32(o, "lingerClearsAfter");
    f.domainGone = b(o, "domainGone");
    return f;
}

QJsonObject SimVm::toJson() const
{
    return QJsonObject{
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("ref"), ref},
        {QStringLiteral("nameLabel"), nameLabel},
        {QStringLiteral("nameDescription"), nameDescription},
        {QStringLiteral("isControlDomain"), isControlDomain},
        {QStringLiteral("hvm"), hvm},
        {QStringLiteral("powerState"), powerStateName(powerState)},
        {QStringLiteral("residentOn"), residentOn},
        {QStringLiteral("affinity"), affinity},
        {QStringLiteral("memoryStaticMin"), memoryStaticMin},
        {QStringLiteral("memoryStaticMax"), memoryStaticMax},
        {QStringLiteral("memoryDynamicMin"), memoryDynamicMin},
        {QStringLiteral("memoryDynamicMax"), memoryDynamicMax},
        {QStringLiteral("vcpusMax"), vcpusMax},
        {QStringLiteral("vcpusAtStartup"), vcpusAtStartup},
        {QStringLiteral("osVersion"), osVersion},
        {QStringLiteral("startTime"), dt(startTime)},
        {QStringLiteral("installTime"), dt(installTime)},
        {QStringLiteral("currentOperationTasks"), strings(currentOperationTasks)},
        {QStringLiteral("vifUuids"), strings(vifUuids)},
        {QStringLiteral("faults"), faults.toJson()},
    };
}

SimVm SimVm::fromJson(const QJsonObject& o)
{
    SimVm v;
    v.uuid = s(o, "uuid");
    v.ref = s(o, "ref");
    v.nameLabel = s(o, "nameLabel");
    v.nameDescription = s(o, "nameDescription");
    v.isControlDomain = b(o, "isControlDomain");
    v.hvm = b(o, "hvm");
    v.powerState = powerStateFromName(s(o, "powerState")).value_or(PowerState::Halted);
    v.residentOn = s(o, "residentOn");
    v.affinity = s(o, "affinity");
    v.memoryStaticMin = i64(o, "memoryStaticMin");
    v.memoryStaticMax = i64(o, "memoryStaticMax");
    v.memoryDynamicMin = i64(o, "memoryDynamicMin");
    v.memoryDynamicMax = i64(o, "memoryDynamicMax");
    v.vcpusMax = i32(o, "vcpusMax", 1);
    v.vcpusAtStartup = i32(o, "vcpusAtStartup", 1);
    v.osVersion = s(o, "osVersion");
    v.startTime = parseDt(o.value(QLatin1String("startTime")));
    v.installTime = parseDt(o.value(QLatin1String("installTime")));
    v.currentOperationTasks = toStrings(o.value(QLatin1String("currentOperationTasks")));
    v.vifUuids = toStrings(o.value(QLatin1String("vifUuids")));
    v.faults = SimVmFaults::fromJson(o.value(QLatin1String("faults")).toObject());
    return v;
}

QJsonObject SimTask::toJson() const
{
    return QJsonObject{
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("ref"), ref},
        {QStringLiteral("nameLabel"), nameLabel},
        {QStringLiteral("nameDescription"), nameDescription},
        {QStringLiteral("status"), status},
        {QStringLiteral("progress"), progress},
        {QStringLiteral("created"), dt(created)},
        {QStringLiteral("finished"), dt(finished)},
        {QStringLiteral("cancellable"), cancellable},
        {QStringLiteral("blocksForce"), blocksForce},
        {QStringLiteral("vmUuid"), vmUuid},
        {QStringLiteral("operation"), operation},
        {QStringLiteral("residentOn"), residentOn},
        {QStringLiteral("errorInfo"), errorInfo},
    };
}

SimTask SimTask::fromJson(const QJsonObject& o)
{
    SimTask t;
    t.uuid = s(o, "uuid");
    t.ref = s(o, "ref");
    t.nameLabel = s(o, "nameLabel");
    t.nameDescription = s(o, "nameDescription");
    t.status = s(o, "status");
    t.progress = o.value(QLatin1String("progress")).toDouble();
    t.created = parseDt(o.value(QLatin1String("created")));
    t.finished = parseDt(o.value(QLatin1String("finished")));
    t.cancellable = b(o, "cancellable");
    t.blocksForce = b(o, "blocksForce");
    t.vmUuid = s(o, "vmUuid");
    t.operation = s(o, "operation");
    t.residentOn = s(o, "residentOn");
    t.errorInfo = s(o, "errorInfo");
    return t;
}

QJsonObject SimNetwork::toJson() const
{
    return QJsonObject{{QStringLiteral("uuid"), uuid},
                       {QStringLiteral("nameLabel"), nameLabel},
                       {QStringLiteral("nameDescription"), nameDescription},
                       {QStringLiteral("bridge"), bridge}};
}

SimNetwork SimNetwork::fromJson(const QJsonObject& o)
{
    return SimNetwork{s(o, "uuid"), s(o, "nameLabel"), s(o, "nameDescription"), s(o, "bridge")};
}

QJsonObject SimPif::toJson() const
{
    return QJsonObject{{QStringLiteral("uuid"), uuid},
                       {QStringLiteral("hostUuid"), hostUuid},
                       {QStringLiteral("device"), device},
                       {QStringLiteral("mac"), mac},
                       {QStringLiteral("networkUuid"), networkUuid},
                       {QStringLiteral("vlan"), vlan},
                       {QStringLiteral("attached"), attached},
                       {QStringLiteral("management"), management},
                       {QStringLiteral("ip"), ip},
                       {QStringLiteral("netmask"), netmask}};
}

SimPif SimPif::fromJson(const QJsonObject& o)
{
    SimPif p;
    p.uuid = s(o, "uuid");
    p.hostUuid = s(o, "hostUuid");
    p.device = s(o, "device");
    p.mac = s(o, "mac");
    p.networkUuid = s(o, "networkUuid");
    p.vlan = i32(o, "vlan", -1);
    p.attached = b(o, "attached");
    p.management = b(o, "management");
    p.ip = s(o, "ip");
    p.netmask = s(o, "netmask");
    return p;
}

QJsonObject SimVif::toJson() const
{
    return QJsonObject{{QStringLiteral("uuid"), uuid},
                       {QStringLiteral("vmUuid"), vmUuid},
                       {QStringLiteral("device"), device},
                       {QStringLiteral("mac"), mac},
                       {QStringLiteral("networkUuid"), networkUuid}};
}

SimVif SimVif::fromJson(const QJsonObject& o)
{
    return SimVif{s(o, "uuid"), s(o, "vmUuid"), i32(o, "device"), s(o, "mac"), s(o, "networkUuid")};
}

QJsonObject SimSr::toJson() const
{
    return QJsonObject{{QStringLiteral("uuid"), uuid},
                       {QStringLiteral("nameLabel"), nameLabel},
                       {QStringLiteral("nameDescription"), nameDescription},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("contentType"), contentType},
                       {QStringLiteral("hostUuid"), hostUuid},
                       {QStringLiteral("physicalSize"), physicalSize},
                       {QStringLiteral("physicalUtilisation"), physicalUtilisation},
                       {QStringLiteral("shared"), shared}};
}

SimSr SimSr::fromJson(const QJsonObject& o)
{
    SimSr r;
    r.uuid = s(o, "uuid");
    r.nameLabel = s(o, "nameLabel");
    r.nameDescription = s(o, "nameDescription");
    r.type = s(o, "type");
    r.contentType = s(o, "contentType");
    r.hostUuid = s(o, "hostUuid");
    r.physicalSize = i64(o, "physicalSize");
    r.physicalUtilisation = i64(o, "physicalUtilisation");
    r.shared = b(o, "shared");
    return r;
}

QJsonObject SimHostFaults::toJson() const
{
    return QJsonObject{{QStringLiteral("xapiWedged"), xapiWedged},
                       {QStringLiteral("xapiLostConnection"), xapiLostConnection},
                       {QStringLiteral("xapiDown"), xapiDown},
                       {QStringLiteral("dead"), dead},
                       {QStringLiteral("dropConnectionAfter"), dropConnectionAfter},
                       {QStringLiteral("xenstoredHung"), xenstoredHung}};
}

SimHostFaults SimHostFaults::fromJson(const QJsonObject& o)
{
    SimHostFaults f;
    f.xapiWedged = b(o, "xapiWedged");
    f.xapiLostConnection = b(o, "xapiLostConnection");
    f.xapiDown = b(o, "xapiDown");
    f.dead = b(o, "dead");
    f.dropConnectionAfter = i32(o, "dropConnectionAfter");
    f.xenstoredHung = b(o, "xenstoredHung");
    return f;
}

// --- host --------------------------------------------------------------------------------

SimDomain* SimHostModel::domain(int domid)
{
    for (SimDomain& d : domains)
        if (d.domid == domid)
            return &d;
    return nullptr;
}

SimDomain* SimHostModel::domainOfVm(const QString& vmUuid)
{
    SimDomain* dying = nullptr;
    for (SimDomain& d : domains) {
        if (d.vmUuid != vmUuid)
            continue;
        if (!d.dying)
            return &d;
        dying = &d;
    }
    return dying;
}

qint64 SimHostModel::freeMemoryMiB() const
{
    qint64 usedKiB = 0;
    for (const SimDomain& d : domains)
        usedKiB += d.memoryKiB;
    // Xen itself and the frame tables take a little under 1%.
    const qint64 xenMiB = memoryTotalMiB / 128 + 32;
    const qint64 free = memoryTotalMiB - xenMiB - (usedKiB + 1023) / 1024;
    return free > 0 ? free : 0;
}

QString SimHostModel::inventoryText() const
{
    if (!hasXapi(flavour))
        return {};
    // /etc/xensource-inventory: KEY='value' lines, as xapi's inventory.ml writes them.
    QStringList lines;
    auto add = [&lines](const char* key, const QString& value) {
        lines.append(QLatin1String(key) + QStringLiteral("='") + value + u'\'');
    };
    add("PRIMARY_DISK", QStringLiteral("/dev/disk/by-id/scsi-36c81f660e1b3c7002a4c8d1e0b9a6f21"));
    add("PRODUCT_VERSION", productVersion);
    add("DOM0_VCPUS", QString::number(qMin(cpus, 16)));
    add("CONTROL_DOMAIN_UUID", controlDomainUuid);
    add("PRODUCT_BRAND", productBrand);
    add("DOM0_MEM", QString::number(dom0MemMiB));
    add("MANAGEMENT_ADDRESS_TYPE", QStringLiteral("IPv4"));
    add("INSTALLATION_DATE", QStringLiteral("2023-03-14 09:12:44.201338"));
    add("PLATFORM_NAME", platformName);
    add("MANAGEMENT_INTERFACE", managementInterface);
    add("BUILD_NUMBER", buildNumber);
    add("PLATFORM_VERSION", platformVersion);
    add("INSTALLATION_UUID", uuid);
    add("COMPANY_NAME_SHORT", flavour == Flavour::XcpNg82 ? QStringLiteral("Open Source") : QStringLiteral("Citrix"));
    add("PRODUCT_VERSION_TEXT", productVersionText);
    add("PRODUCT_VERSION_TEXT_SHORT", productVersionText);
    add("BRAND_CONSOLE", flavour == Flavour::XcpNg82 ? QStringLiteral("XCP-ng Center") : QStringLiteral("XenCenter"));
    add("XEN_VERSION", xenVersion);
    add("KERNEL_VERSION", kernelRelease);
    return lines.join(u'\n') + u'\n';
}

QJsonObject SimHostModel::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("ref"), ref},
        {QStringLiteral("flavour"), flavourName(flavour)},
        {QStringLiteral("controlDomainUuid"), controlDomainUuid},
        {QStringLiteral("productBrand"), productBrand},
        {QStringLiteral("productVersion"), productVersion},
        {QStringLiteral("productVersionText"), productVersionText},
        {QStringLiteral("platformName"), platformName},
        {QStringLiteral("platformVersion"), platformVersion},
        {QStringLiteral("buildNumber"), buildNumber},
        {QStringLiteral("xenVersion"), xenVersion},
        {QStringLiteral("kernelRelease"), kernelRelease},
        {QStringLiteral("address"), address},
        {QStringLiteral("managementInterface"), managementInterface},
        {QStringLiteral("memoryTotalMiB"), memoryTotalMiB},
        {QStringLiteral("dom0MemMiB"), dom0MemMiB},
        {QStringLiteral("cpus"), cpus},
        {QStringLiteral("openVSwitch"), openVSwitch},
        {QStringLiteral("bootTime"), dt(bootTime)},
        {QStringLiteral("domains"), toArray(domains)},
        {QStringLiteral("nextDomid"), nextDomid},
        {QStringLiteral("toolstackRestarts"), toolstackRestarts},
        {QStringLiteral("commandCount"), commandCount},
        {QStringLiteral("faults"), faults.toJson()},
        {QStringLiteral("xenDmesg"), xenDmesg},
        {QStringLiteral("config"), config.toJson()},
    };
}

SimHostModel SimHostModel::fromJson(const QJsonObject& o)
{
    SimHostModel h;
    h.name = s(o, "name");
    h.uuid = s(o, "uuid");
    h.ref = s(o, "ref");
    h.flavour = flavourFromName(s(o, "flavour")).value_or(Flavour::XcpNg82);
    h.controlDomainUuid = s(o, "controlDomainUuid");
    h.productBrand = s(o, "productBrand");
    h.productVersion = s(o, "productVersion");
    h.productVersionText = s(o, "productVersionText");
    h.platformName = s(o, "platformName");
    h.platformVersion = s(o, "platformVersion");
    h.buildNumber = s(o, "buildNumber");
    h.xenVersion = s(o, "xenVersion");
    h.kernelRelease = s(o, "kernelRelease");
    h.address = s(o, "address");
    h.managementInterface = s(o, "managementInterface");
    h.memoryTotalMiB = i64(o, "memoryTotalMiB");
    h.dom0MemMiB = i64(o, "dom0MemMiB");
    h.cpus = i32(o, "cpus", 1);
    h.openVSwitch = b(o, "openVSwitch");
    h.bootTime = parseDt(o.value(QLatin1String("bootTime")));
    h.domains = fromArray<SimDomain>(o.value(QLatin1String("domains")));
    h.nextDomid = i32(o, "nextDomid", 1);
    h.toolstackRestarts = i32(o, "toolstackRestarts");
    h.commandCount = i32(o, "commandCount");
    h.faults = SimHostFaults::fromJson(o.value(QLatin1String("faults")).toObject());
    h.xenDmesg = s(o, "xenDmesg");
    h.config = SimHostConfig::fromJson(o.value(QLatin1String("config")).toObject());
    return h;
}

// --- pool --------------------------------------------------------------------------------

int SimPool::reuseDomid(const QString& hostName, const QString& vmUuid, const QString& otherVmUuid,
                        const QDateTime& now)
{
    SimHostModel* h = host(hostName);
    SimVm* first = vm(vmUuid);
    SimVm* other = vm(otherVmUuid);
    if (!h || !first || !other || first == other || other->powerState != PowerState::Halted)
        return -1;
    SimDomain* d = h->domainOfVm(vmUuid);
    if (!d || d->dying)
        return -1;
    const int reused = d->domid;
    // The reboot: the VM's domain goes and a new one (the next free id) takes its place.
    SimDomain restarted = *d;
    restarted.domid = h->nextDomid++;
    restarted.created = now;
    restarted.shutdown = restarted.crashed = restarted.paused = false;
    // The other VM starts in the freed id.
    SimDomain taken = *d;
    taken.vmUuid = other->uuid;
    taken.name = other->nameLabel;
    taken.hvm = other->hvm;
    taken.memoryKiB = other->memoryDynamicMax / 1024 + (other->hvm ? 2048 : 0);
    taken.maxMemoryKiB = other->memoryStaticMax / 1024 + 1024;
    taken.vcpus = other->vcpusAtStartup;
    taken.created = now;
    taken.shutdown = taken.crashed = taken.paused = false;
    taken.running = false;
    taken.blocked = true;
    *d = taken;
    h->domains.append(restarted);
    other->powerState = PowerState::Running;
    other->residentOn = h->uuid;
    other->startTime = now;
    first->startTime = now;
    return reused;
}

SimHostModel* SimPool::host(const QString& uuidOrName)
{
    for (SimHostModel& h : hosts)
        if (h.uuid == uuidOrName || h.name == uuidOrName)
            return &h;
    return nullptr;
}

const SimHostModel* SimPool::host(const QString& uuidOrName) const
{
    return const_cast<SimPool*>(this)->host(uuidOrName);
}

SimHostModel* SimPool::master()
{
    SimHostModel* m = host(masterUuid);
    return m ? m : (hosts.isEmpty() ? nullptr : &hosts.first());
}

SimVm* SimPool::vm(const QString& uuid)
{
    for (SimVm& v : vms)
        if (v.uuid == uuid)
            return &v;
    return nullptr;
}

const SimVm* SimPool::vm(const QString& uuid) const
{
    return const_cast<SimPool*>(this)->vm(uuid);
}

SimVm* SimPool::controlDomainOf(const QString& hostUuid)
{
    for (SimVm& v : vms)
        if (v.isControlDomain && v.residentOn == hostUuid)
            return &v;
    return nullptr;
}

SimTask* SimPool::task(const QString& uuid)
{
    for (SimTask& t : tasks)
        if (t.uuid == uuid)
            return &t;
    return nullptr;
}

const SimNetwork* SimPool::network(const QString& uuid) const
{
    for (const SimNetwork& n : networks)
        if (n.uuid == uuid)
            return &n;
    return nullptr;
}

namespace {
quint64 nextRandom(quint64& state)
{
    // splitmix64: repeatable and well spread, enough for identifiers.
    quint64 z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

QString hex(quint64 v, int digits)
{
    return QStringLiteral("%1").arg(v & ((digits >= 16) ? ~0ull : ((1ull << (4 * digits)) - 1)), digits, 16,
                                    QLatin1Char('0'));
}
} // namespace

QString SimPool::newUuid()
{
    const quint64 a = nextRandom(seed);
    const quint64 c = nextRandom(seed);
    const quint64 version = (((a >> 16) & 0x0fff) | 0x4000);
    const quint64 variant = (((c >> 48) & 0x3fff) | 0x8000);
    return hex(a >> 32, 8) + u'-' + hex(a & 0xffff, 4) + u'-' + hex(version, 4) + u'-' + hex(variant, 4) + u'-' +
           hex(c, 12);
}

QString SimPool::newRef()
{
    return QStringLiteral("OpaqueRef:") + newUuid();
}

QString SimPool::newMac()
{
    const quint64 r = nextRandom(seed);
    QStringList parts{QStringLiteral("00"), QStringLiteral("16"), QStringLiteral("3e")}; // XenSource range
    for (int i = 0; i < 3; ++i)
        parts.append(hex((r >> (8 * i)) & 0xff, 2));
    return parts.join(u':');
}

QByteArray SimPool::toJson() const
{
    QJsonObject o{
        {QStringLiteral("format"), QStringLiteral("xenrescue-labpool-1")},
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("ref"), ref},
        {QStringLiteral("nameLabel"), nameLabel},
        {QStringLiteral("nameDescription"), nameDescription},
        {QStringLiteral("masterUuid"), masterUuid},
        {QStringLiteral("defaultSrUuid"), defaultSrUuid},
        {QStringLiteral("hosts"), toArray(hosts)},
        {QStringLiteral("vms"), toArray(vms)},
        {QStringLiteral("tasks"), toArray(tasks)},
        {QStringLiteral("networks"), toArray(networks)},
        {QStringLiteral("pifs"), toArray(pifs)},
        {QStringLiteral("vifs"), toArray(vifs)},
        {QStringLiteral("srs"), toArray(srs)},
        {QStringLiteral("revision"), QString::number(revision)},
        {QStringLiteral("seed"), QString::number(seed)},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

std::optional<SimPool> SimPool::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (doc.isNull() || !doc.isObject()) {
        if (error)
            *error = pe.errorString();
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != u"xenrescue-labpool-1") {
        if (error)
            *error = QStringLiteral("not a lab pool state file");
        return std::nullopt;
    }
    SimPool p;
    p.uuid = s(o, "uuid");
    p.ref = s(o, "ref");
    p.nameLabel = s(o, "nameLabel");
    p.nameDescription = s(o, "nameDescription");
    p.masterUuid = s(o, "masterUuid");
    p.defaultSrUuid = s(o, "defaultSrUuid");
    p.hosts = fromArray<SimHostModel>(o.value(QLatin1String("hosts")));
    p.vms = fromArray<SimVm>(o.value(QLatin1String("vms")));
    p.tasks = fromArray<SimTask>(o.value(QLatin1String("tasks")));
    p.networks = fromArray<SimNetwork>(o.value(QLatin1String("networks")));
    p.pifs = fromArray<SimPif>(o.value(QLatin1String("pifs")));
    p.vifs = fromArray<SimVif>(o.value(QLatin1String("vifs")));
    p.srs = fromArray<SimSr>(o.value(QLatin1String("srs")));
    p.revision = s(o, "revision").toULongLong();
    p.seed = s(o, "seed").toULongLong();
    return p;
}

} // namespace xr::sim
