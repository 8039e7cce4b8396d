#include "SimXeRecords.h"

#include "SimNetwork.h"

namespace xr::sim::detail::xe {

namespace {

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

} // namespace

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

} // namespace xr::sim::detail::xe
