// The `xe` CLI of a simulated xapi host. Shapes follow xen-api's CLI server
// (cli_printer.ml: records, --minimal; cli_operations.ml: list/param-list/param-get,
// selection of VMs, no_force_msg; cli_util.ml: server_error; newcli.ml: client errors) and
// the texts of datamodel_errors.ml.

#include "SimInternal.h"
#include "SimNetwork.h"

#include <QMap>

#include <functional>

namespace xr::sim::detail {

namespace {

constexpr const char* NotInDb = "<not in database>";
constexpr const char* Expensive = "<expensive field>";

struct F
{
    QString name;
    char kind = ' '; // ' ', 'M' (map), 'S' (set)
    bool rw = false;
    QString value;
    bool expensive = false;
    bool deprecated = false;

    QString key() const
    {
        QString k = name + QStringLiteral(" (") + QChar::fromLatin1(kind) +
                    (rw ? QStringLiteral("RW)") : QStringLiteral("RO)"));
        if (deprecated)
            k += QStringLiteral(" [DEPRECATED]");
        return k;
    }
};
using Rec = QList<F>;

struct Params
{
    QList<std::pair<QString, QString>> kv;
    bool minimal = false;

    bool has(const QString& k) const
    {
        for (const auto& p : kv)
            if (p.first == k)
                return true;
        return false;
    }
    QString get(const QString& k) const
    {
        for (const auto& p : kv)
            if (p.first == k)
                return p.second;
        return {};
    }
    bool flag(const QString& k) const
    {
        const QString v = get(k).toLower();
        return v == u"true" || v == u"yes" || v == u"on" || v == u"1";
    }
};

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

// Parameters that select or steer rather than filter (cli_operations.ml stdparams + extras).
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

// --- records ---------------------------------------------------------------------------

QString allowedOps(const Ctx& c, const SimVm& vm)
{
    if (vm.isControlDomain)
        return QStringLiteral("changing_dynamic_range; changing_static_range");
    if (!vm.currentOperationTasks.isEmpty())
        return QStringLiteral("hard_reboot; hard_shutdown");
    switch (vm.powerState) {
    case PowerState::Running:
        return modern(c) ? QStringLiteral("changing_dynamic_range; migrate_send; pool_migrate; changing_VCPUs_live; "
                                          "suspend; hard_reboot; hard_shutdown; clean_reboot; clean_shutdown; pause; "
                                          "checkpoint; snapshot")
                         : QStringLiteral("changing_dynamic_range; pool_migrate; suspend; hard_reboot; hard_shutdown; "
                                          "clean_reboot; clean_shutdown; pause; checkpoint; snapshot");
    case PowerState::Paused:
        return QStringLiteral("changing_dynamic_range; hard_reboot; hard_shutdown; unpause; snapshot");
    case PowerState::Suspended:
        return QStringLiteral("hard_shutdown; resume; resume_on; snapshot; export; copy; clone");
    case PowerState::Halted:
        return QStringLiteral("changing_dynamic_range; changing_static_range; changing_shadow_memory; changing_VCPUs; "
                              "make_into_template; start; start_on; provision; export; copy; clone; destroy; snapshot");
    }
    return {};
}

QString currentOps(Ctx& c, const SimVm& vm)
{
    QStringList ops;
    for (const QString& t : vm.currentOperationTasks)
        if (const SimTask* task = c.pool.task(t))
            ops << task->operation;
    return ops.join(QStringLiteral("; "));
}

bool isLive(const SimVm& vm)
{
    return vm.powerState == PowerState::Running || vm.powerState == PowerState::Paused;
}

Rec vmRecord(Ctx& c, SimVm& vm)
{
    const bool m = modern(c);
    SimHostModel* resident = c.pool.host(vm.residentOn);
    const SimDomain* dom = resident ? resident->domainOfVm(vm.uuid) : nullptr;
    const bool live = isLive(vm);
    const qint64 actual = live ? (dom && !dom->dying ? dom->memoryKiB * 1024 : vm.memoryDynamicMax) : 0;
    const qint64 overhead =
        ((vm.memoryStaticMax / 128 + vm.vcpusMax * 1048576 + (vm.hvm ? 4194304 : 1048576)) / 4096) * 4096;
    const QString domid = live ? (dom ? QString::number(dom->domid) : QStringLiteral("-1")) : QStringLiteral("-1");
    Rec r;
    auto add = [&r](const QString& name, char kind, bool rw, const QString& value, bool exp = false, bool dep = false) {
        r.append(F{name, kind, rw, value, exp, dep});
    };
    add(QStringLiteral("uuid"), ' ', false, vm.uuid);
    add(QStringLiteral("name-label"), ' ', true, vm.nameLabel);
    add(QStringLiteral("name-description"), ' ', true, vm.nameDescription);
    add(QStringLiteral("user-version"), ' ', true, QStringLiteral("1"));
    add(QStringLiteral("is-a-template"), ' ', true, QStringLiteral("false"));
    if (m)
        add(QStringLiteral("is-default-template"), ' ', true, QStringLiteral("false"));
    add(QStringLiteral("is-a-snapshot"), ' ', false, QStringLiteral("false"));
    add(QStringLiteral("snapshot-of"), ' ', false, QLatin1String(NotInDb));
    add(QStringLiteral("snapshots"), ' ', false, QString());
    add(QStringLiteral("snapshot-time"), ' ', false, QStringLiteral("19700101T00:00:00Z"));
    add(QStringLiteral("snapshot-info"), ' ', false, QString());
    add(QStringLiteral("parent"), ' ', false, QLatin1String(NotInDb));
    add(QStringLiteral("children"), ' ', false, QString());
    add(QStringLiteral("is-control-domain"), ' ', false, boolStr(vm.isControlDomain));
    add(QStringLiteral("power-state"), ' ', false, powerStateName(vm.powerState));
    add(QStringLiteral("memory-actual"), ' ', false, QString::number(actual));
    add(QStringLiteral("memory-target"), ' ', false, QString::number(live ? vm.memoryDynamicMax : 0), true);
    add(QStringLiteral("memory-overhead"), ' ', false, QString::number(overhead));
    add(QStringLiteral("memory-static-max"), ' ', true, QString::number(vm.memoryStaticMax));
    add(QStringLiteral("memory-dynamic-max"), ' ', true, QString::number(vm.memoryDynamicMax));
    add(QStringLiteral("memory-dynamic-min"), ' ', true, QString::number(vm.memoryDynamicMin));
    add(QStringLiteral("memory-static-min"), ' ', true, QString::number(vm.memoryStaticMin));
    add(QStringLiteral("suspend-VDI-uuid"), ' ', true, QLatin1String(NotInDb));
    add(QStringLiteral("suspend-SR-uuid"), ' ', true, QLatin1String(NotInDb));
    add(QStringLiteral("VCPUs-params"), 'M', true, QString());
    add(QStringLiteral("VCPUs-max"), ' ', true, QString::number(vm.vcpusMax));
    add(QStringLiteral("VCPUs-at-startup"), ' ', true, QString::number(vm.vcpusAtStartup));
    add(QStringLiteral("actions-after-shutdown"), ' ', true, QStringLiteral("Destroy"));
    add(QStringLiteral("actions-after-reboot"), ' ', true, QStringLiteral("Restart"));
    add(QStringLiteral("actions-after-crash"), ' ', true, QStringLiteral("Restart"));
    add(QStringLiteral("console-uuids"), 'S', false, QString());
    if (m)
        add(QStringLiteral("hvm"), ' ', false, boolStr(vm.hvm));
    add(QStringLiteral("platform"), 'M', true,
        vm.hvm ? QStringLiteral("timeoffset: 0; videoram: 8; hpet: true; secureboot: false; device-model: "
                                "qemu-upstream-compat; apic: true; acpi: 1; pae: true; viridian: true; nx: true")
               : QString());
    add(QStringLiteral("allowed-operations"), 'S', false, allowedOps(c, vm));
    add(QStringLiteral("current-operations"), 'S', false, currentOps(c, vm));
    add(QStringLiteral("blocked-operations"), 'M', true, QString());
    add(QStringLiteral("allowed-VBD-devices"), 'S', false,
        QStringLiteral("1; 2; 3; 4; 5; 6; 7; 8; 9; 10; 11; 12; 13; 14; 15"), true);
    add(QStringLiteral("allowed-VIF-devices"), 'S', false, QStringLiteral("1; 2; 3; 4; 5; 6"), true);
    {
        QStringList hosts;
        for (const SimHostModel& h : c.pool.hosts)
            if (h.isLive())
                hosts << h.uuid;
        add(QStringLiteral("possible-hosts"), ' ', false, hosts.join(QStringLiteral("; ")), true);
    }
    if (m) {
        add(QStringLiteral("domain-type"), ' ', true, vm.hvm ? QStringLiteral("hvm") : QStringLiteral("pv"));
        add(QStringLiteral("current-domain-type"), ' ', false,
            live ? (vm.hvm ? QStringLiteral("hvm") : QStringLiteral("pv")) : QStringLiteral("unspecified"));
    }
    add(QStringLiteral("HVM-boot-policy"), ' ', true, vm.hvm ? QStringLiteral("BIOS order") : QString());
    add(QStringLiteral("HVM-boot-params"), 'M', true, vm.hvm ? QStringLiteral("order: cd") : QString());
    add(QStringLiteral("HVM-shadow-multiplier"), ' ', true, QStringLiteral("1.000"));
    add(QStringLiteral("PV-kernel"), ' ', true, QString());
    add(QStringLiteral("PV-ramdisk"), ' ', true, QString());
    add(QStringLiteral("PV-args"), ' ', true,
        vm.hvm || vm.isControlDomain ? QString() : QStringLiteral("console=hvc0"));
    add(QStringLiteral("PV-legacy-args"), ' ', true, QString());
    add(QStringLiteral("PV-bootloader"), ' ', true,
        vm.hvm || vm.isControlDomain ? QString() : QStringLiteral("pygrub"));
    add(QStringLiteral("PV-bootloader-args"), ' ', true, QString());
    add(QStringLiteral("last-boot-CPU-flags"), ' ', false,
        live && !vm.isControlDomain
            ? QStringLiteral("vendor: GenuineIntel; features: 1fcbfbff-f7fa3223-2d93fbff-00000023")
            : QString());
    add(QStringLiteral("last-boot-record"), ' ', false, QString(), true);
    add(QStringLiteral("resident-on"), ' ', false, resident ? resident->uuid : QLatin1String(NotInDb));
    add(QStringLiteral("affinity"), ' ', true, vm.affinity.isEmpty() ? QLatin1String(NotInDb) : vm.affinity);
    add(QStringLiteral("other-config"), 'M', true,
        vm.isControlDomain ? QStringLiteral("storage_driver_domain: OpaqueRef:%1; is_system_domain: true").arg(vm.uuid)
                           : QStringLiteral("base_template_name: Debian Bullseye 11; import_task: OpaqueRef:NULL; "
                                            "install-methods: cdrom,nfs,http,ftp; linux_template: true"));
    add(QStringLiteral("dom-id"), ' ', false, domid);
    add(QStringLiteral("recommendations"), ' ', false,
        vm.isControlDomain
            ? QString()
            : QStringLiteral("<restrictions><restriction field=\"memory-static-max\" max=\"1649267441664\"/>"
                             "<restriction field=\"vcpus-max\" max=\"32\"/></restrictions>"));
    add(QStringLiteral("xenstore-data"), 'M', true, vm.isControlDomain ? QString() : QStringLiteral("vm-data: "));
    add(QStringLiteral("ha-always-run"), ' ', true, QStringLiteral("false"), false, true);
    add(QStringLiteral("ha-restart-priority"), ' ', true, QString());
    add(QStringLiteral("blobs"), ' ', false, QString());
    add(QStringLiteral("start-time"), ' ', false, xapiDate(vm.startTime));
    add(QStringLiteral("install-time"), ' ', false, xapiDate(vm.installTime));
    add(QStringLiteral("VCPUs-number"), ' ', false, QString::number(live ? vm.vcpusAtStartup : 0));
    {
        QStringList util;
        if (live)
            for (int i = 0; i < vm.vcpusAtStartup; ++i)
                util << QStringLiteral("%1: 0.0%2").arg(i).arg(3 + i);
        add(QStringLiteral("VCPUs-utilisation"), 'M', false, util.join(QStringLiteral("; ")), true);
    }
    add(QStringLiteral("os-version"), 'M', false, live ? vm.osVersion : QString());
    add(QStringLiteral("PV-drivers-version"), 'M', false,
        live && !vm.osVersion.isEmpty() ? QStringLiteral("major: 7; minor: 20; micro: 0; build: 9") : QString());
    add(QStringLiteral("PV-drivers-up-to-date"), ' ', false,
        live && !vm.osVersion.isEmpty() ? QStringLiteral("true") : QString(), false, true);
    add(QStringLiteral("memory"), 'M', false, QString());
    add(QStringLiteral("disks"), 'M', false, QString());
    if (m)
        add(QStringLiteral("VBDs"), 'S', false, QString());
    add(QStringLiteral("networks"), 'M', false,
        live && !vm.osVersion.isEmpty() ? QStringLiteral("0/ip: 10.0.0.%1").arg(50 + (dom ? dom->domid : 0))
                                        : QString());
    add(QStringLiteral("other"), 'M', false,
        live && !vm.osVersion.isEmpty()
            ? QStringLiteral("feature-shutdown: 1; feature-poweroff: 1; feature-reboot: 1; "
                             "platform-feature-multiprocessor-suspend: 1; has-vendor-device: 0")
            : QString());
    add(QStringLiteral("live"), ' ', false, boolStr(live && !vm.osVersion.isEmpty()));
    add(QStringLiteral("guest-metrics-last-updated"), ' ', false,
        xapiDate(live ? vm.startTime.addSecs(40) : QDateTime()));
    if (m) {
        add(QStringLiteral("can-use-hotplug-vbd"), ' ', false, QStringLiteral("unspecified"));
        add(QStringLiteral("can-use-hotplug-vif"), ' ', false, QStringLiteral("unspecified"));
    }
    add(QStringLiteral("cooperative"), ' ', false, QStringLiteral("true"), true, true);
    add(QStringLiteral("tags"), 'S', true, QString());
    add(QStringLiteral("appliance"), ' ', true, QLatin1String(NotInDb));
    add(QStringLiteral("start-delay"), ' ', true, QStringLiteral("0"));
    add(QStringLiteral("shutdown-delay"), ' ', true, QStringLiteral("0"));
    add(QStringLiteral("order"), ' ', true, QStringLiteral("0"));
    add(QStringLiteral("version"), ' ', false, QStringLiteral("0"));
    add(QStringLiteral("generation-id"), ' ', false,
        vm.hvm ? QStringLiteral("8541298762136187392:3212874652089117952") : QString());
    add(QStringLiteral("hardware-platform-version"), ' ', false, QStringLiteral("0"));
    add(QStringLiteral("has-vendor-device"), ' ', true, QStringLiteral("false"));
    if (m) {
        add(QStringLiteral("requires-reboot"), ' ', false, QStringLiteral("false"));
        add(QStringLiteral("reference-label"), ' ', false, QString());
    }
    return r;
}

Rec hostRecord(Ctx& c, SimHostModel& h)
{
    const bool m = modern(c);
    Rec r;
    auto add = [&r](const QString& name, char kind, bool rw, const QString& value, bool exp = false, bool dep = false) {
        r.append(F{name, kind, rw, value, exp, dep});
    };
    qint64 vmOverhead = 0;
    for (const SimVm& vm : c.pool.vms)
        if (vm.residentOn == h.uuid && !vm.isControlDomain)
            vmOverhead += vm.memoryStaticMax / 128;
    const QString sr = c.pool.defaultSrUuid;
    add(QStringLiteral("uuid"), ' ', false, h.uuid);
    add(QStringLiteral("name-label"), ' ', true, h.name);
    add(QStringLiteral("name-description"), ' ', true, QStringLiteral("Default install"));
    add(QStringLiteral("allowed-operations"), 'S', false,
        QStringLiteral("VM.migrate; provision; VM.resume; evacuate; VM.start"));
    add(QStringLiteral("current-operations"), 'S', false, QString());
    add(QStringLiteral("enabled"), ' ', false, boolStr(h.isLive() && !h.config.hostDisabled));
    if (m)
        add(QStringLiteral("display"), ' ', false, QStringLiteral("enabled"));
    add(QStringLiteral("API-version-major"), ' ', false, QStringLiteral("2"));
    add(QStringLiteral("API-version-minor"), ' ', false, m ? QStringLiteral("16") : QStringLiteral("2"));
    add(QStringLiteral("API-version-vendor"), ' ', false, QStringLiteral("XenSource"));
    add(QStringLiteral("API-version-vendor-implementation"), 'M', false, QString());
    add(QStringLiteral("logging"), 'M', true, QString());
    add(QStringLiteral("suspend-image-sr-uuid"), ' ', true, sr);
    add(QStringLiteral("crash-dump-sr-uuid"), ' ', true, sr);
    add(QStringLiteral("software-version"), 'M', false,
        QStringLiteral("product_version: %1; product_version_text: %2; product_version_text_short: %2; platform_name: "
                       "%3; platform_version: %4; product_brand: %5; build_number: %6; hostname: %7; date: %8; "
                       "xapi: %9; xen: %10; linux: %11; network_backend: openvswitch")
            .arg(h.productVersion, h.productVersionText, h.platformName, h.platformVersion, h.productBrand,
                 h.buildNumber, h.name, m ? QStringLiteral("2023-11-02") : QStringLiteral("2013-06-14"),
                 m ? QStringLiteral("1.20") : QStringLiteral("1.3"))
            .arg(h.xenVersion, h.kernelRelease));
    add(QStringLiteral("capabilities"), 'S', false,
        QStringLiteral("xen-3.0-x86_64; hvm-3.0-x86_32; hvm-3.0-x86_32p; hvm-3.0-x86_64; "));
    add(QStringLiteral("other-config"), 'M', true,
        QStringLiteral("agent_start_time: %1.; boot_time: %2.; iscsi_iqn: iqn.2023-03.lab.example:%3")
            .arg(h.bootTime.addSecs(40 + h.toolstackRestarts * 3600).toSecsSinceEpoch())
            .arg(h.bootTime.toSecsSinceEpoch())
            .arg(h.uuid.left(8)));
    add(QStringLiteral("cpu_info"), 'M', false,
        QStringLiteral("cpu_count: %1; socket_count: 2; vendor: GenuineIntel; speed: 2394.470; modelname: Intel(R) "
                       "Xeon(R) Silver 4214 CPU @ 2.20GHz; family: 6; model: 85; stepping: 7; flags: fpu de tsc msr "
                       "pae mce cx8 apic sep mca cmov pat clflush acpi mmx fxsr sse sse2 ht syscall nx lm "
                       "constant_tsc rep_good nopl nonstop_tsc pni pclmulqdq monitor est ssse3 fma cx16 sse4_1 "
                       "sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch; "
                       "features_pv: 1fc9cbf5-f6f83203-2991cbf5-00000123; features_hvm: "
                       "1fcbfbff-f7fa3223-2d93fbff-00000523")
            .arg(h.cpus));
    add(QStringLiteral("chipset-info"), 'M', false, QStringLiteral("iommu: true"));
    add(QStringLiteral("hostname"), ' ', false, h.name);
    add(QStringLiteral("address"), ' ', false, h.address);
    add(QStringLiteral("supported-bootloaders"), 'S', false, QStringLiteral("pygrub; eliloader"));
    add(QStringLiteral("blobs"), ' ', false, QString());
    const qint64 total = h.memoryTotalMiB * 1048576;
    const qint64 overhead = ((h.memoryTotalMiB / 128 + 32) * 1048576 + vmOverhead) / 4096 * 4096;
    add(QStringLiteral("memory-overhead"), ' ', false, QString::number(overhead));
    add(QStringLiteral("memory-total"), ' ', false, QString::number(total));
    add(QStringLiteral("memory-free"), ' ', false, QString::number(h.freeMemoryMiB() * 1048576));
    add(QStringLiteral("memory-free-computed"), ' ', false, QString::number(h.freeMemoryMiB() * 1048576 - vmOverhead),
        true);
    add(QStringLiteral("host-metrics-live"), ' ', false, boolStr(h.isLive()));
    add(QStringLiteral("patches"), 'S', false, QString(), false, m);
    if (m)
        add(QStringLiteral("updates"), 'S', false, QString());
    add(QStringLiteral("ha-statefiles"), ' ', false, QString());
    add(QStringLiteral("ha-network-peers"), ' ', false, QString());
    add(QStringLiteral("external-auth-type"), ' ', false, QString());
    add(QStringLiteral("external-auth-service-name"), ' ', false, QString());
    add(QStringLiteral("external-auth-configuration"), 'M', false, QString());
    add(QStringLiteral("edition"), ' ', false, m ? QStringLiteral("xcp-ng") : QStringLiteral("free"));
    add(QStringLiteral("license-server"), 'M', false, QStringLiteral("address: localhost; port: 27000"));
    add(QStringLiteral("power-on-mode"), ' ', false, QString());
    add(QStringLiteral("power-on-config"), 'M', false, QString());
    add(QStringLiteral("local-cache-sr"), ' ', false, QLatin1String(NotInDb));
    add(QStringLiteral("tags"), 'S', true, QString());
    add(QStringLiteral("guest_VCPUs_params"), 'M', true, QString());
    if (m) {
        add(QStringLiteral("virtual-hardware-platform-versions"), 'S', false, QStringLiteral("0; 1; 2"));
        add(QStringLiteral("control-domain-uuid"), ' ', false, h.controlDomainUuid);
        QStringList resident;
        for (const SimVm& vm : c.pool.vms)
            if (vm.residentOn == h.uuid)
                resident << vm.uuid;
        add(QStringLiteral("resident-vms"), 'S', false, resident.join(QStringLiteral("; ")));
        add(QStringLiteral("updates-requiring-reboot"), 'S', false, QString());
        add(QStringLiteral("features"), 'S', false, QString());
        add(QStringLiteral("iscsi_iqn"), ' ', true, QStringLiteral("iqn.2023-03.lab.example:%1").arg(h.uuid.left(8)));
        add(QStringLiteral("multipathing"), ' ', true, QStringLiteral("false"));
    }
    return r;
}

Rec poolRecord(Ctx& c)
{
    SimPool& p = c.pool;
    Rec r;
    auto add = [&r](const QString& name, char kind, bool rw, const QString& value, bool exp = false) {
        r.append(F{name, kind, rw, value, exp, false});
    };
    add(QStringLiteral("uuid"), ' ', false, p.uuid);
    add(QStringLiteral("name-label"), ' ', true, p.nameLabel);
    add(QStringLiteral("name-description"), ' ', true, p.nameDescription);
    add(QStringLiteral("master"), ' ', false, p.master() ? p.master()->uuid : QLatin1String(NotInDb));
    add(QStringLiteral("default-SR"), ' ', true, p.defaultSrUuid.isEmpty() ? QLatin1String(NotInDb) : p.defaultSrUuid);
    add(QStringLiteral("crash-dump-SR"), ' ', true, QLatin1String(NotInDb));
    add(QStringLiteral("suspend-image-SR"), ' ', true, QLatin1String(NotInDb));
    add(QStringLiteral("supported-sr-types"), ' ', false,
        QStringLiteral("smb; lvm; iso; nfs; ext; file; lvmohba; lvmoiscsi; udev; dummy"), true);
    add(QStringLiteral("other-config"), 'M', true, QStringLiteral("memory-ratio-hvm: 0.25; memory-ratio-pv: 0.25"));
    add(QStringLiteral("allowed-operations"), 'S', false, QStringLiteral("ha_enable; cluster_create"));
    add(QStringLiteral("current-operations"), 'S', false, QString());
    add(QStringLiteral("ha-enabled"), ' ', false, QStringLiteral("false"));
    add(QStringLiteral("ha-configuration"), ' ', false, QString());
    add(QStringLiteral("ha-statefiles"), ' ', false, QString());
    add(QStringLiteral("ha-host-failures-to-tolerate"), ' ', true, QStringLiteral("0"));
    add(QStringLiteral("ha-plan-exists-for"), ' ', false, QStringLiteral("0"));
    add(QStringLiteral("ha-allow-overcommit"), ' ', true, QStringLiteral("false"));
    add(QStringLiteral("ha-overcommitted"), ' ', false, QStringLiteral("false"));
    add(QStringLiteral("blobs"), ' ', false, QString());
    add(QStringLiteral("wlb-url"), ' ', false, QString());
    add(QStringLiteral("wlb-username"), ' ', false, QString());
    add(QStringLiteral("wlb-enabled"), ' ', true, QStringLiteral("false"));
    add(QStringLiteral("wlb-verify-cert"), ' ', true, QStringLiteral("false"));
    add(QStringLiteral("gui-config"), 'M', true, QString());
    add(QStringLiteral("restrictions"), ' ', false,
        QStringLiteral("restrict_vswitch_controller: false; restrict_lab: false"));
    add(QStringLiteral("tags"), 'S', true, QString());
    return r;
}

Rec taskRecord(Ctx& c, const SimTask& t)
{
    Rec r;
    auto add = [&r](const QString& name, char kind, bool rw, const QString& value) {
        r.append(F{name, kind, rw, value, false, false});
    };
    add(QStringLiteral("uuid"), ' ', false, t.uuid);
    add(QStringLiteral("name-label"), ' ', false, t.nameLabel);
    add(QStringLiteral("name-description"), ' ', false, t.nameDescription);
    add(QStringLiteral("subtask_of"), ' ', false, QLatin1String(NotInDb));
    add(QStringLiteral("subtasks"), ' ', false, QString());
    add(QStringLiteral("resident-on"), ' ', false, t.residentOn.isEmpty() ? QLatin1String(NotInDb) : t.residentOn);
    add(QStringLiteral("status"), ' ', false, t.status);
    add(QStringLiteral("progress"), ' ', false, ocamlFloat(t.progress));
    add(QStringLiteral("type"), ' ', false, QStringLiteral("<none/>"));
    add(QStringLiteral("result"), ' ', false, QString());
    add(QStringLiteral("created"), ' ', false, xapiDate(t.created));
    add(QStringLiteral("finished"), ' ', false, xapiDate(t.finished));
    add(QStringLiteral("error_info"), ' ', false, t.errorInfo);
    add(QStringLiteral("allowed_operations"), ' ', false,
        t.cancellable && t.status == u"pending" ? QStringLiteral("cancel") : QString());
    add(QStringLiteral("current_operations"), ' ', false,
        t.status == u"cancelling" ? QStringLiteral("cancel") : QString());
    add(QStringLiteral("other-config"), 'M', true, QString());
    Q_UNUSED(c);
    return r;
}

Rec networkRecord(Ctx& c, const SimNetwork& n)
{
    QStringList vifs, pifs;
    for (const SimVif& v : c.pool.vifs)
        if (v.networkUuid == n.uuid)
            vifs << v.uuid;
    for (const SimPif& p : c.pool.pifs)
        if (p.networkUuid == n.uuid)
            pifs << p.uuid;
    return Rec{
        F{QStringLiteral("uuid"), ' ', false, n.uuid},
        F{QStringLiteral("name-label"), ' ', true, n.nameLabel},
        F{QStringLiteral("name-description"), ' ', true, n.nameDescription},
        F{QStringLiteral("VIF-uuids"), 'S', false, vifs.join(QStringLiteral("; "))},
        F{QStringLiteral("PIF-uuids"), 'S', false, pifs.join(QStringLiteral("; "))},
        F{QStringLiteral("MTU"), ' ', true, QStringLiteral("1500")},
        F{QStringLiteral("bridge"), ' ', false, n.bridge},
        F{QStringLiteral("managed"), ' ', false, QStringLiteral("true")},
        F{QStringLiteral("other-config"), 'M', true, QString()},
        F{QStringLiteral("blobs"), ' ', false, QString()},
        F{QStringLiteral("tags"), 'S', true, QString()},
        F{QStringLiteral("default-locking-mode"), ' ', true, QStringLiteral("unlocked")},
    };
}

Rec pifRecord(Ctx& c, const SimPif& p)
{
    const SimNetwork* n = c.pool.network(p.networkUuid);
    const SimHostModel* h = c.pool.host(p.hostUuid);
    return Rec{
        F{QStringLiteral("uuid"), ' ', false, p.uuid},
        F{QStringLiteral("device"), ' ', false, p.device},
        F{QStringLiteral("MAC"), ' ', false, p.mac},
        F{QStringLiteral("physical"), ' ', false, QStringLiteral("true")},
        F{QStringLiteral("managed"), ' ', false, QStringLiteral("true")},
        F{QStringLiteral("currently-attached"), ' ', false, boolStr(p.attached)},
        F{QStringLiteral("MTU"), ' ', false, QStringLiteral("1500")},
        F{QStringLiteral("VLAN"), ' ', false, QString::number(p.vlan)},
        F{QStringLiteral("bond-master-of"), ' ', false, QString()},
        F{QStringLiteral("bond-slave-of"), ' ', false, QLatin1String(NotInDb)},
        F{QStringLiteral("tunnel-access-PIF-of"), ' ', false, QString()},
        F{QStringLiteral("tunnel-transport-PIF-of"), ' ', false, QString()},
        F{QStringLiteral("management"), ' ', false, boolStr(p.management)},
        F{QStringLiteral("network-uuid"), ' ', false, p.networkUuid},
        F{QStringLiteral("network-name-label"), ' ', false, n ? n->nameLabel : QString()},
        F{QStringLiteral("host-uuid"), ' ', false, p.hostUuid},
        F{QStringLiteral("host-name-label"), ' ', false, h ? h->name : QString()},
        F{QStringLiteral("IP-configuration-mode"), ' ', false,
          p.ip.isEmpty() ? QStringLiteral("None") : QStringLiteral("Static")},
        F{QStringLiteral("IP"), ' ', false, p.ip},
        F{QStringLiteral("netmask"), ' ', false, p.netmask},
        F{QStringLiteral("gateway"), ' ', false,
          p.ip.isEmpty() ? QString() : p.ip.section(u'.', 0, 2) + QStringLiteral(".1")},
        F{QStringLiteral("IPv6-configuration-mode"), ' ', false, QStringLiteral("None")},
        F{QStringLiteral("IPv6"), ' ', false, QString()},
        F{QStringLiteral("IPv6-gateway"), ' ', false, QString()},
        F{QStringLiteral("primary-address-type"), ' ', false, QStringLiteral("IPv4")},
        F{QStringLiteral("DNS"), ' ', false, p.ip.isEmpty() ? QString() : QStringLiteral("10.0.0.2")},
        F{QStringLiteral("properties"), 'M', false, QStringLiteral("gro: on")},
        F{QStringLiteral("capabilities"), 'S', false, QString()},
        F{QStringLiteral("io_read_kbs"), ' ', false, QStringLiteral("0.000"), true},
        F{QStringLiteral("io_write_kbs"), ' ', false, QStringLiteral("0.000"), true},
        F{QStringLiteral("carrier"), ' ', false, boolStr(p.attached)},
        F{QStringLiteral("vendor-id"), ' ', false, QStringLiteral("8086")},
        F{QStringLiteral("vendor-name"), ' ', false, QStringLiteral("Intel Corporation")},
        F{QStringLiteral("device-id"), ' ', false, QStringLiteral("1521")},
        F{QStringLiteral("device-name"), ' ', false, QStringLiteral("I350 Gigabit Network Connection")},
        F{QStringLiteral("speed"), ' ', false, QStringLiteral("1000 Mbit/s")},
        F{QStringLiteral("duplex"), ' ', false, QStringLiteral("full")},
        F{QStringLiteral("disallow-unplug"), ' ', true, QStringLiteral("false")},
        F{QStringLiteral("pci-bus-path"), ' ', false, QStringLiteral("0000:01:00.%1").arg(p.device.right(1))},
        F{QStringLiteral("other-config"), 'M', true, QString()},
    };
}

Rec vifRecord(Ctx& c, const SimVif& v)
{
    const SimVm* vm = c.pool.vm(v.vmUuid);
    const SimNetwork* n = c.pool.network(v.networkUuid);
    const bool live = vm && isLive(*vm);
    return Rec{
        F{QStringLiteral("uuid"), ' ', false, v.uuid},
        F{QStringLiteral("vm-uuid"), ' ', false, v.vmUuid},
        F{QStringLiteral("vm-name-label"), ' ', false, vm ? vm->nameLabel : QString()},
        F{QStringLiteral("allowed-operations"), 'S', false,
          live ? QStringLiteral("attach; unplug") : QStringLiteral("attach")},
        F{QStringLiteral("current-operations"), 'S', false, QString()},
        F{QStringLiteral("device"), ' ', false, QString::number(v.device)},
        F{QStringLiteral("MAC"), ' ', false, v.mac},
        F{QStringLiteral("MAC-autogenerated"), ' ', false, QStringLiteral("true")},
        F{QStringLiteral("MTU"), ' ', false, QStringLiteral("1500")},
        F{QStringLiteral("currently-attached"), ' ', false, boolStr(live)},
        F{QStringLiteral("qos_algorithm_type"), ' ', true, QString()},
        F{QStringLiteral("qos_algorithm_params"), 'M', true, QString()},
        F{QStringLiteral("qos_supported_algorithms"), 'S', false, QString()},
        F{QStringLiteral("other-config"), 'M', true, QString()},
        F{QStringLiteral("network-uuid"), ' ', false, v.networkUuid},
        F{QStringLiteral("network-name-label"), ' ', false, n ? n->nameLabel : QString()},
        F{QStringLiteral("io_read_kbs"), ' ', false, QStringLiteral("0.000"), true},
        F{QStringLiteral("io_write_kbs"), ' ', false, QStringLiteral("0.000"), true},
        F{QStringLiteral("locking-mode"), ' ', true, QStringLiteral("network_default")},
        F{QStringLiteral("ipv4-allowed"), 'S', true, QString()},
        F{QStringLiteral("ipv6-allowed"), 'S', true, QString()},
    };
}

Rec srRecord(Ctx& c, const SimSr& s)
{
    const SimHostModel* h = c.pool.host(s.hostUuid);
    return Rec{
        F{QStringLiteral("uuid"), ' ', false, s.uuid},
        F{QStringLiteral("name-label"), ' ', true, s.nameLabel},
        F{QStringLiteral("name-description"), ' ', true, s.nameDescription},
        F{QStringLiteral("host"), ' ', false, h ? h->name : QStringLiteral("<shared>")},
        F{QStringLiteral("allowed-operations"), 'S', false,
          QStringLiteral("VDI.enable_cbt; VDI.list_changed_blocks; unplug; plug; PBD.create; VDI.disable_cbt; update; "
                         "PBD.destroy; VDI.resize; VDI.clone; VDI.data_destroy; scan; VDI.snapshot; VDI.mirror; "
                         "VDI.create; VDI.destroy; VDI.set_on_boot")},
        F{QStringLiteral("current-operations"), 'S', false, QString()},
        F{QStringLiteral("VDIs"), 'S', false, QString()},
        F{QStringLiteral("PBDs"), 'S', false, QString()},
        F{QStringLiteral("virtual-allocation"), ' ', false, QString::number(s.physicalUtilisation)},
        F{QStringLiteral("physical-utilisation"), ' ', false, QString::number(s.physicalUtilisation)},
        F{QStringLiteral("physical-size"), ' ', false, QString::number(s.physicalSize)},
        F{QStringLiteral("type"), ' ', false, s.type},
        F{QStringLiteral("content-type"), ' ', false, s.contentType},
        F{QStringLiteral("shared"), ' ', true, boolStr(s.shared)},
        F{QStringLiteral("introduced-by"), ' ', false, QLatin1String(NotInDb)},
        F{QStringLiteral("is-tools-sr"), ' ', false, QStringLiteral("false")},
        F{QStringLiteral("other-config"), 'M', true, QString()},
        F{QStringLiteral("sm-config"), 'M', false, QString()},
        F{QStringLiteral("blobs"), ' ', false, QString()},
        F{QStringLiteral("local-cache-enabled"), ' ', false, QStringLiteral("false")},
        F{QStringLiteral("tags"), 'S', true, QString()},
    };
}

struct XeClass
{
    QString cls;     // xe name: vm, host, ...
    QString errName; // UUID_INVALID type: VM, host, ...
    QStringList defaults;
    std::function<QList<Rec>(Ctx&)> all;
};

QList<XeClass> classes()
{
    return {
        {QStringLiteral("vm"),
         QStringLiteral("VM"),
         {QStringLiteral("name-label"), QStringLiteral("uuid"), QStringLiteral("power-state")},
         [](Ctx& c) {
             QList<Rec> out;
             for (SimVm& vm : c.pool.vms)
                 out << vmRecord(c, vm);
             return out;
         }},
        {QStringLiteral("host"),
         QStringLiteral("host"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description")},
         [](Ctx& c) {
             QList<Rec> out;
             for (SimHostModel& h : c.pool.hosts)
                 out << hostRecord(c, h);
             return out;
         }},
        {QStringLiteral("pool"),
         QStringLiteral("pool"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("master"), QStringLiteral("default-SR")},
         [](Ctx& c) { return QList<Rec>{poolRecord(c)}; }},
        {QStringLiteral("task"),
         QStringLiteral("task"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("status"), QStringLiteral("progress")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimTask& t : c.pool.tasks)
                 out << taskRecord(c, t);
             return out;
         }},
        {QStringLiteral("network"),
         QStringLiteral("network"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("bridge")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimNetwork& n : c.pool.networks)
                 out << networkRecord(c, n);
             return out;
         }},
        {QStringLiteral("pif"),
         QStringLiteral("PIF"),
         {QStringLiteral("uuid"), QStringLiteral("device"), QStringLiteral("currently-attached"),
          QStringLiteral("VLAN"), QStringLiteral("network-uuid")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimPif& p : c.pool.pifs)
                 out << pifRecord(c, p);
             return out;
         }},
        {QStringLiteral("vif"),
         QStringLiteral("VIF"),
         {QStringLiteral("uuid"), QStringLiteral("device"), QStringLiteral("vm-uuid"), QStringLiteral("network-uuid")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimVif& v : c.pool.vifs)
                 out << vifRecord(c, v);
             return out;
         }},
        {QStringLiteral("sr"),
         QStringLiteral("SR"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("host"), QStringLiteral("type"), QStringLiteral("content-type")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimSr& s : c.pool.srs)
                 out << srRecord(c, s);
             return out;
         }},
    };
}

const F* field(const Rec& r, const QString& name)
{
    for (const F& f : r)
        if (f.name == name)
            return &f;
    return nullptr;
}

QString printRecord(const Rec& r)
{
    qsizetype maxlen = 0;
    for (const F& f : r)
        maxlen = qMax(maxlen, f.key().size());
    maxlen += 4;
    QStringList lines;
    for (qsizetype i = 0; i < r.size(); ++i) {
        const QString k = r[i].key();
        lines << (i == 0 ? k.leftJustified(maxlen, u' ') : k.rightJustified(maxlen, u' ')) + QStringLiteral(": ") +
                     r[i].value;
    }
    // multi_line_record ends with "\n", the printer adds "\n", the client print_endline.
    return lines.join(u'\n') + QStringLiteral("\n\n\n");
}

QString escapeCommas(const QString& s)
{
    QString out;
    for (const QChar ch : s) {
        if (ch == u',')
            out += QStringLiteral("\\,");
        else if (ch == u'\\')
            out += QStringLiteral("\\\\");
        else
            out += ch;
    }
    return out;
}

// Keeps records whose field `k` equals `v` (sets: contains; unknown fields match nothing).
QList<Rec> filterRecords(const QList<Rec>& recs, const QString& k, const QString& v)
{
    QList<Rec> out;
    for (const Rec& r : recs) {
        const F* f = field(r, k);
        if (!f)
            continue;
        if (f->value == v)
            out << r;
    }
    return out;
}

SimCommandOutput listCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    QList<Rec> recs = cls.all(c);
    if (cls.cls == u"vm")
        recs = filterRecords(recs, QStringLiteral("is-a-template"), QStringLiteral("false"));
    for (const auto& [k, v] : p.kv)
        if (!isStdParam(k))
            recs = filterRecords(recs, k, v);
    QStringList wanted = cls.defaults;
    const QString params = p.get(QStringLiteral("params"));
    if (params == u"all")
        wanted.clear();
    else if (!params.isEmpty())
        wanted = params.split(u',');
    QList<Rec> printed;
    for (const Rec& r : recs) {
        Rec out;
        for (F f : r) {
            if (!wanted.isEmpty() && !wanted.contains(f.name))
                continue;
            if (f.expensive)
                f.value = QLatin1String(Expensive);
            out << f;
        }
        printed << out;
    }
    if (p.minimal) {
        QStringList values;
        for (const Rec& r : printed)
            if (!r.isEmpty())
                values << escapeCommas(r.first().value);
        c.print(values.join(u',') + u'\n');
        return c.out;
    }
    for (const Rec& r : printed)
        if (!r.isEmpty())
            c.print(printRecord(r));
    return c.out;
}

std::optional<Rec> recordByUuid(Ctx& c, const XeClass& cls, const QString& uuid)
{
    for (const Rec& r : cls.all(c))
        if (const F* f = field(r, QStringLiteral("uuid")); f && f->value == uuid)
            return r;
    return std::nullopt;
}

SimCommandOutput paramListCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    if (!p.has(QStringLiteral("uuid")))
        return c.fail(1, QStringLiteral("Required parameter not found: uuid\n"));
    const auto rec = recordByUuid(c, cls, p.get(QStringLiteral("uuid")));
    if (!rec)
        return uuidInvalid(c, cls.errName, p.get(QStringLiteral("uuid")));
    c.print(printRecord(*rec));
    return c.out;
}

SimCommandOutput paramGetCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    for (const char* req : {"uuid", "param-name"})
        if (!p.has(QLatin1String(req)))
            return c.fail(1, QStringLiteral("Required parameter not found: %1\n").arg(QLatin1String(req)));
    const auto rec = recordByUuid(c, cls, p.get(QStringLiteral("uuid")));
    if (!rec)
        return uuidInvalid(c, cls.errName, p.get(QStringLiteral("uuid")));
    const QString name = p.get(QStringLiteral("param-name"));
    const F* f = field(*rec, name);
    if (!f)
        return cliError(c, QStringLiteral("Unknown field '%1'").arg(name));
    if (p.has(QStringLiteral("param-key"))) {
        if (f->kind != 'M')
            return cliError(c, QStringLiteral("Key %1 not found in map").arg(p.get(QStringLiteral("param-key"))));
        const QString key = p.get(QStringLiteral("param-key"));
        for (const QString& entry : f->value.split(QStringLiteral("; "))) {
            if (entry.startsWith(key + QStringLiteral(": "))) {
                c.print(entry.mid(key.size() + 2) + u'\n');
                return c.out;
            }
        }
        return cliError(c, QStringLiteral("Key %1 not found in map").arg(key));
    }
    c.print(f->value + u'\n');
    return c.out;
}

// --- VM operations ---------------------------------------------------------------------

// select_vms: vm= (uuid or name-label) plus field filters; never control domains or templates.
QList<SimVm*> selectVms(Ctx& c, const Params& p, const QStringList& ignore)
{
    QList<SimVm*> out;
    for (SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain)
            continue;
        if (p.has(QStringLiteral("vm")) && vm.uuid != p.get(QStringLiteral("vm")) &&
            vm.nameLabel != p.get(QStringLiteral("vm")))
            continue;
        const Rec r = vmRecord(c, vm);
        bool match = true;
        for (const auto& [k, v] : p.kv) {
            if (isStdParam(k) || k == u"vm" || ignore.contains(k))
                continue;
            const F* f = field(r, k);
            if (!f || f->value != v)
                match = false;
        }
        if (match)
            out << &vm;
    }
    return out;
}

SimTask& newTask(Ctx& c, SimVm& vm, const QString& op)
{
    SimTask t;
    t.uuid = c.pool.newUuid();
    t.ref = c.pool.newRef();
    t.nameLabel = QStringLiteral("Async.VM.") + op;
    t.created = c.now;
    t.vmUuid = vm.uuid;
    t.operation = op;
    t.residentOn = c.pool.master() ? c.pool.master()->uuid : c.host.uuid;
    c.pool.tasks.append(t);
    return c.pool.tasks.last();
}

void logXapi(Ctx& c, const QString& task, const QString& module, const QString& text,
             const QString& level = QStringLiteral("debug"))
{
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), level,
                      QStringLiteral("%1 UNIX /var/lib/xcp/xapi").arg(1000 + c.host.commandCount), task, module, text));
}

void logXenops(Ctx& c, const QString& text)
{
    c.log(QStringLiteral("xensource.log"), xapiLogLine(c, QStringLiteral("xenopsd-xc"), QStringLiteral("debug"),
                                                       QStringLiteral("%1 ").arg(20 + c.host.commandCount % 17),
                                                       QStringLiteral("queue"), QStringLiteral("xenops_server"), text));
}

void finishTask(Ctx& c, const QString& uuid, const QString& status)
{
    if (SimTask* t = c.pool.task(uuid)) {
        t->status = status;
        t->finished = c.now;
        t->progress = 1.0;
        for (SimVm& vm : c.pool.vms)
            vm.currentOperationTasks.removeAll(uuid);
    }
}

SimHostModel* residentHost(Ctx& c, const SimVm& vm)
{
    return c.pool.host(vm.residentOn);
}

// VM.hard_shutdown: cancel what can be cancelled, then destroy the domain.
SimCommandOutput hardShutdown(Ctx& c, SimVm& vm, bool reboot)
{
    if (!isLive(vm) && vm.powerState != PowerState::Suspended)
        return badPowerState(c, vm, QStringLiteral("running"));
    for (const QString& tid : vm.currentOperationTasks)
        if (SimTask* t = c.pool.task(tid); t && t->blocksForce)
            return otherOperation(c, vm, *t);
    SimHostModel* h = residentHost(c, vm);
    if (h && !h->isLive())
        return hostOffline(c, *h);
    const QString taskName = reboot ? QStringLiteral("VM.hard_reboot") : QStringLiteral("VM.hard_shutdown");
    logXapi(c, taskName + QStringLiteral(" R:") + vm.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("%1: VM = '%2 (%3)'").arg(taskName, vm.uuid, vm.nameLabel), QStringLiteral("info"));
    for (const QString& tid : QStringList(vm.currentOperationTasks)) {
        logXapi(c, taskName, QStringLiteral("xapi_vm_lifecycle"),
                QStringLiteral("Cancelling task %1 before %2").arg(tid, taskName));
        finishTask(c, tid, QStringLiteral("cancelled"));
    }
    if (h) {
        Ctx hc{c.pool, *h, c.now, {}};
        if (SimDomain* d = h->domainOfVm(vm.uuid); d && !d->dying) {
            if (destroyDomain(hc, *d, !reboot) == DestroyResult::Refused) {
                c.out.logs += hc.out.logs;
                return internalError(
                    c, QStringLiteral("xenopsd internal error: Xenctrl.Error(\"16: Device or resource busy\")"));
            }
        }
        c.out.logs += hc.out.logs;
        logXenops(c, QStringLiteral("VM.shutdown %1").arg(vm.uuid));
        if (reboot) {
            Ctx rc{c.pool, *h, c.now, {}};
            createDomain(rc, vm);
            vm.powerState = PowerState::Running;
            vm.startTime = c.now;
            return c.out;
        }
    }
    vm.powerState = PowerState::Halted;
    vm.residentOn.clear();
    vm.startTime = QDateTime();
    return c.out;
}

SimCommandOutput cleanOp(Ctx& c, SimVm& vm, bool reboot)
{
    if (vm.powerState != PowerState::Running)
        return badPowerState(c, vm, QStringLiteral("running"));
    if (!vm.currentOperationTasks.isEmpty())
        if (SimTask* t = c.pool.task(vm.currentOperationTasks.first()))
            return otherOperation(c, vm, *t);
    SimHostModel* h = residentHost(c, vm);
    if (h && !h->isLive())
        return hostOffline(c, *h);
    const QString op = reboot ? QStringLiteral("clean_reboot") : QStringLiteral("clean_shutdown");
    SimTask& task = newTask(c, vm, op);
    logXapi(c, task.nameLabel + QStringLiteral(" R:") + task.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("VM.%1: VM = '%2 (%3)'").arg(op, vm.uuid, vm.nameLabel), QStringLiteral("info"));
    SimDomain* d = h ? h->domainOfVm(vm.uuid) : nullptr;
    const bool ignores = (vm.faults.ignoresCleanShutdown || vm.faults.diesOnlyAfterCrash) && !(d && d->crashed);
    if (ignores && d && !vm.faults.domainGone) {
        // The request sits in xenstore (control/shutdown); the guest never acknowledges it.
        vm.currentOperationTasks.append(task.uuid);
        logXenops(c, QStringLiteral("VM.%1 %2: control/shutdown = %3; waiting for the guest")
                         .arg(reboot ? QStringLiteral("reboot") : QStringLiteral("shutdown"), vm.uuid,
                              reboot ? QStringLiteral("reboot") : QStringLiteral("poweroff")));
        c.out.wait = SimWait{SimWait::Kind::TaskPending, {}, task.uuid, -1, vm.uuid};
        return c.out;
    }
    const QString taskUuid = task.uuid;
    if (h && d && !d->dying) {
        const int domid = d->domid;
        h->domains.removeIf([domid](const SimDomain& x) { return x.domid == domid; });
        logXenops(c, QStringLiteral("VM %1 has shut down, domid %2").arg(vm.uuid).arg(domid));
    }
    if (reboot && h) {
        Ctx rc{c.pool, *h, c.now, {}};
        createDomain(rc, vm);
        vm.startTime = c.now;
    } else {
        vm.powerState = PowerState::Halted;
        vm.residentOn.clear();
        vm.startTime = QDateTime();
    }
    // The CLI's waiter destroys the finished task.
    c.pool.tasks.removeIf([&taskUuid](const SimTask& t) { return t.uuid == taskUuid; });
    return c.out;
}

SimCommandOutput startVm(Ctx& c, SimVm& vm, const Params& p)
{
    if (vm.powerState != PowerState::Halted)
        return badPowerState(c, vm, QStringLiteral("halted"));
    if (!vm.currentOperationTasks.isEmpty())
        if (SimTask* t = c.pool.task(vm.currentOperationTasks.first()))
            return otherOperation(c, vm, *t);
    SimHostModel* target = nullptr;
    if (p.has(QStringLiteral("on")))
        target = c.pool.host(p.get(QStringLiteral("on")));
    if (!target && !vm.affinity.isEmpty())
        target = c.pool.host(vm.affinity);
    if (!target)
        target = c.pool.master();
    if (!target || !target->isLive())
        return serverError(c, QStringLiteral("There are no servers available to complete the specified operation."),
                           {});
    const qint64 needed = vm.memoryStaticMax + vm.memoryStaticMax / 128;
    const qint64 available = target->freeMemoryMiB() * 1048576;
    if (needed > available)
        return serverError(c, QStringLiteral("Not enough server memory is available to perform this operation."),
                           {{QStringLiteral("needed"), QString::number(needed)},
                            {QStringLiteral("available"), QString::number(available)}});
    Ctx hc{c.pool, *target, c.now, {}};
    SimDomain& d = createDomain(hc, vm);
    vm.powerState = p.flag(QStringLiteral("paused")) ? PowerState::Paused : PowerState::Running;
    d.paused = vm.powerState == PowerState::Paused;
    vm.residentOn = target->uuid;
    vm.startTime = c.now;
    vm.faults.domainGone = false;
    logXapi(c, QStringLiteral("VM.start R:") + vm.ref.mid(10, 12), QStringLiteral("audit"),
            QStringLiteral("VM.start: VM = '%1 (%2)'").arg(vm.uuid, vm.nameLabel), QStringLiteral("info"));
    return c.out;
}

SimCommandOutput resetPowerState(Ctx& c, SimVm& vm)
{
    if (isLive(vm)) {
        SimHostModel* master = c.pool.master();
        SimHostModel* resident = residentHost(c, vm);
        if (resident && master && resident->uuid == master->uuid) {
            const SimDomain* d = resident->domainOfVm(vm.uuid);
            if (d && !d->dying)
                return serverError(
                    c,
                    QStringLiteral("The operation could not be performed because a domain still "
                                   "exists for the specified VM."),
                    {{QStringLiteral("vm"), vmRef(vm)}, {QStringLiteral("domid"), QStringLiteral("<unknown>")}});
        } else if (resident && resident->isLive()) {
            logXapi(c, QStringLiteral("VM.power_state_reset"), QStringLiteral("xapi_vm"),
                    QStringLiteral("VM.power_state_reset vm=%1 resident_on=%2; host is alive so refusing to reset "
                                   "power-state")
                        .arg(vm.ref, resident->ref),
                    QStringLiteral("error"));
            return serverError(c,
                               QStringLiteral("This operation cannot be completed because the server is still live."),
                               {{QStringLiteral("host"), hostRef(*resident)}});
        }
    }
    for (const QString& tid : QStringList(vm.currentOperationTasks))
        finishTask(c, tid, QStringLiteral("cancelled"));
    vm.powerState = PowerState::Halted;
    vm.residentOn.clear();
    vm.startTime = QDateTime();
    vm.faults.domainGone = false;
    logXapi(c, QStringLiteral("VM.power_state_reset"), QStringLiteral("xapi_vm"),
            QStringLiteral("VM.power_state_reset vm=%1: setting power state to Halted").arg(vm.ref),
            QStringLiteral("info"));
    return c.out;
}

SimCommandOutput vmOp(Ctx& c, const QString& op, const Params& p)
{
    const bool force = p.flag(QStringLiteral("force"));
    if (op == u"vm-reset-powerstate" && !force)
        return cliError(c, QStringLiteral("This operation is dangerous and may cause data loss. This operation must be "
                                          "forced (use --force)."));
    const QList<SimVm*> vms = selectVms(c, p, {});
    if (vms.isEmpty())
        return cliError(c, QStringLiteral("No matching VMs found"));
    if (vms.size() > 1 && !p.flag(QStringLiteral("multiple")))
        return cliError(c, QStringLiteral("Multiple matches VMs found. --multiple required to complete the operation"));
    SimCommandOutput last;
    for (SimVm* vm : vms) {
        if (op == u"vm-shutdown")
            last = force ? hardShutdown(c, *vm, false) : cleanOp(c, *vm, false);
        else if (op == u"vm-reboot")
            last = force ? hardShutdown(c, *vm, true) : cleanOp(c, *vm, true);
        else if (op == u"vm-start")
            last = startVm(c, *vm, p);
        else
            last = resetPowerState(c, *vm);
        if (last.exitCode != 0 || last.wait)
            return last;
    }
    return c.out;
}

SimCommandOutput taskCancel(Ctx& c, const Params& p)
{
    if (!p.has(QStringLiteral("uuid")))
        return c.fail(1, QStringLiteral("Required parameter not found: uuid\n"));
    SimTask* t = c.pool.task(p.get(QStringLiteral("uuid")));
    if (!t)
        return uuidInvalid(c, QStringLiteral("task"), p.get(QStringLiteral("uuid")));
    if (t->status != u"pending")
        return c.out;
    if (!t->cancellable)
        return serverError(c, QStringLiteral("You attempted an operation that was not allowed."),
                           {{QStringLiteral("reason"), QStringLiteral("Task cannot be cancelled")}});
    logXapi(c, QStringLiteral("task.cancel"), QStringLiteral("taskhelper"),
            QStringLiteral("Task.cancel %1 (%2)").arg(t->uuid, t->nameLabel), QStringLiteral("info"));
    finishTask(c, t->uuid, QStringLiteral("cancelled"));
    return c.out;
}

SimCommandOutput dispatchXe(Ctx& c, const QStringList& args)
{
    if (args.isEmpty()) {
        c.print(
            QStringLiteral("Usage: xe <cmd> [-s server] [-p port] ([-u username] [-pw password] or [-pwf <password "
                           "file>]) [--traceparent traceparent] <other arguments>\n\nA full list of commands can be "
                           "obtained by running \n\txe help -s <server> -p <port>\n"));
        return c.out;
    }
    const QString cmd = args.first();
    const Params p = parseParams(args.mid(1));
    for (const XeClass& cls : classes()) {
        if (cmd == cls.cls + QStringLiteral("-list"))
            return listCmd(c, cls, p);
        if (cmd == cls.cls + QStringLiteral("-param-list"))
            return paramListCmd(c, cls, p);
        if (cmd == cls.cls + QStringLiteral("-param-get"))
            return paramGetCmd(c, cls, p);
    }
    if (cmd == u"vm-shutdown" || cmd == u"vm-reboot" || cmd == u"vm-start" || cmd == u"vm-reset-powerstate")
        return vmOp(c, cmd, p);
    if (cmd == u"task-cancel")
        return taskCancel(c, p);
    return c.fail(1, QStringLiteral("Unknown command: %1\nFor usage run: 'xe help'\n").arg(cmd));
}

// What stands between this host's `xe` and a working xapi (the member forwards to the master).
enum class XapiPath { Ok, Wedged, Lost, Refused };

XapiPath xapiPath(Ctx& c)
{
    QList<SimHostModel*> hops{&c.host};
    if (SimHostModel* m = c.pool.master(); m && m != &c.host)
        hops << m;
    for (SimHostModel* h : hops) {
        if (h->faults.xapiDown || !h->isLive())
            return XapiPath::Refused;
        if (h->faults.xapiLostConnection)
            return XapiPath::Lost;
        if (h->faults.xapiWedged)
            return XapiPath::Wedged;
    }
    return XapiPath::Ok;
}

} // namespace

SimCommandOutput runXe(Ctx& c, const QStringList& args)
{
    switch (xapiPath(c)) {
    case XapiPath::Wedged:
        c.out.wait = SimWait{SimWait::Kind::XapiWedged, args, {}, -1, {}};
        return c.out;
    case XapiPath::Lost:
        return c.fail(1, QStringLiteral("Lost connection to the server.\n"));
    case XapiPath::Refused:
        return c.fail(1, QStringLiteral("Error: Connection refused (calling connect )\n"));
    case XapiPath::Ok:
        break;
    }
    if (std::optional<SimCommandOutput> o = runXeHostMaintenance(c, args))
        return *o;
    return dispatchXe(c, args);
}

SimCommandOutput resumeXe(Ctx& c, const SimWait& wait)
{
    if (wait.kind == SimWait::Kind::XapiWedged) {
        if (xapiPath(c) == XapiPath::Wedged) {
            c.out.wait = wait;
            return c.out;
        }
        c.out.changed = true;
        return runXe(c, wait.argv);
    }
    const SimTask* t = c.pool.task(wait.taskUuid);
    if (t && t->status == u"pending") {
        c.out.wait = wait;
        return c.out;
    }
    c.out.changed = true;
    const QString status = t ? t->status : QStringLiteral("cancelled");
    const QString uuid = wait.taskUuid;
    c.pool.tasks.removeIf([&uuid](const SimTask& x) { return x.uuid == uuid; });
    if (status == u"success")
        return c.out;
    return serverError(c, QStringLiteral("The request was asynchronously canceled."), {{QStringLiteral("task"), uuid}});
}

SimCommandOutput runToolstackRestart(Ctx& c)
{
    SimHostModel& h = c.host;
    const bool wasWedged = h.faults.xapiWedged;
    h.faults.xapiWedged = h.faults.xapiLostConnection = h.faults.xapiDown = false;
    ++h.toolstackRestarts;
    // In-flight tasks die with xapi; on its way up xapi resyncs power states from xenopsd.
    QStringList dropped;
    for (const SimTask& t : c.pool.tasks)
        if (t.residentOn == h.uuid || (t.residentOn.isEmpty() && c.pool.master() == &h))
            dropped << t.uuid;
    for (SimVm& vm : c.pool.vms)
        for (const QString& t : dropped)
            vm.currentOperationTasks.removeAll(t);
    c.pool.tasks.removeIf([&dropped](const SimTask& t) { return dropped.contains(t.uuid); });
    for (SimVm& vm : c.pool.vms) {
        if (vm.isControlDomain || vm.residentOn != h.uuid)
            continue;
        const SimDomain* d = h.domainOfVm(vm.uuid);
        if (!d || d->dying) {
            vm.powerState = PowerState::Halted;
            vm.residentOn.clear();
            vm.faults.domainGone = false;
        }
    }
    const int pid = 4000 + h.toolstackRestarts * 37 + h.commandCount % 31;
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), QStringLiteral("info"), QStringLiteral("0 "), QString(),
                      QStringLiteral("xapi"), QStringLiteral("(Re)starting xapi, pid: %1").arg(pid)));
    c.log(QStringLiteral("xensource.log"),
          xapiLogLine(c, QStringLiteral("xapi"), QStringLiteral("debug"), QStringLiteral("0 "), QString(),
                      QStringLiteral("xapi"), QStringLiteral("Resynchronising VM state with xenopsd")));
    c.log(QStringLiteral("daemon.log"),
          syslogLine(c.now, h.name, QStringLiteral("systemd[1]"), QStringLiteral("Stopping XAPI Toolstack...")));
    c.log(QStringLiteral("daemon.log"),
          syslogLine(c.now, h.name, QStringLiteral("systemd[1]"), QStringLiteral("Started XAPI Toolstack.")));
    if (h.flavour == Flavour::XenServer62) {
        c.print(QStringLiteral("Stopping xapi: %1[  OK  ]\n")
                    .arg(wasWedged ? QStringLiteral("....") : QStringLiteral("..")));
        c.print(QStringLiteral("Stopping the v6 licensing daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping the memory ballooning daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping perfmon: [  OK  ]\n"));
        c.print(QStringLiteral("Stopping the fork/exec daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting the fork/exec daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting perfmon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting the memory ballooning daemon: .[  OK  ]\n"));
        c.print(QStringLiteral("Starting the v6 licensing daemon: [  OK  ]\n"));
        c.print(QStringLiteral("Starting xapi: ..start-of-day complete.[  OK  ]\n"));
        c.print(QStringLiteral("done.\n"));
    } else {
        c.print(QStringLiteral("Executing xe-toolstack-restart\ndone.\n"));
    }
    return c.out;
}

} // namespace xr::sim::detail
