#include "SimModel.h"
#include "SimNetwork.h"

namespace xr::sim {

namespace {

constexpr qint64 MiB = 1024 * 1024;

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

QString dmesgFor(const SimHostModel& h)
{
    // The head of a real boot log (shape of xl-dmesg__qubes-issue-9501 / xm-dmesg samples).
    QStringList l;
    const bool xm = h.flavour == Flavour::XenXm;
    l << QStringLiteral(" Xen %1").arg(h.xenVersion);
    l << QStringLiteral("(XEN) Xen version %1 (mockbuild@) (gcc (GCC) %2) debug=n Tue Mar  7 11:02:41 UTC 2023")
             .arg(h.xenVersion, xm ? QStringLiteral("4.4.6 20120305 (Red Hat 4.4.6-4)")
                                   : QStringLiteral("11.2.1 20220127 (Red Hat 11.2.1-9)"));
    l << QStringLiteral("(XEN) Latest ChangeSet: unavailable");
    l << QStringLiteral("(XEN) Bootloader: GRUB 2.06");
    l << QStringLiteral("(XEN) Command line: %1 watchdog ucode=scan dom0_max_vcpus=1-%2 "
                        "crashkernel=256M,below=4G console=vga vga=mode-0x0311")
             .arg(dom0MemArgumentRunning(h))
             .arg(qMin(h.cpus, 16))
             .simplified();
    l << QStringLiteral("(XEN) Xen image load base address: 0x87800000");
    l << QStringLiteral("(XEN) Video information:");
    l << QStringLiteral("(XEN)  VGA is text mode 80x25, font 8x16");
    l << QStringLiteral("(XEN) Disc information:");
    l << QStringLiteral("(XEN)  Found 1 MBR signatures");
    l << QStringLiteral("(XEN)  Found 1 EDD information structures");
    l << QStringLiteral("(XEN) CPU Vendor: Intel, Family 6 (0x6), Model 85 (0x55), Stepping 4 (raw 00050654)");
    l << QStringLiteral("(XEN) Xen-e820 RAM map:");
    l << QStringLiteral("(XEN)  [0000000000000000, 000000000009bfff] (usable)");
    l << QStringLiteral("(XEN)  [000000000009c000, 000000000009ffff] (reserved)");
    l << QStringLiteral("(XEN)  [0000000000100000, 000000007a5fffff] (usable)");
    l << QStringLiteral("(XEN) System RAM: %1MB (%2kB)").arg(h.memoryTotalMiB).arg(h.memoryTotalMiB * 1024);
    l << QStringLiteral("(XEN) Using scheduler: SMP Credit Scheduler (credit)");
    l << QStringLiteral("(XEN) Brought up %1 CPUs").arg(h.cpus);
    l << QStringLiteral("(XEN) *** LOADING DOMAIN 0 ***");
    l << QStringLiteral("(XEN)  Dom0 alloc.:   0000000840000000->0000000844000000 (%1 pages to be allocated)")
             .arg(h.dom0MemMiB * 256);
    l << QStringLiteral("(XEN) Scrubbing Free RAM in background");
    l << QStringLiteral("(XEN) Std. Loglevel: Errors and warnings");
    l << QStringLiteral("(XEN) Guest Loglevel: Nothing (Rate-limited: Errors and warnings)");
    l << QStringLiteral("(XEN) Xen is relinquishing VGA console.");
    l << QStringLiteral("(XEN) Freed 2048kB init memory");
    return l.join(u'\n') + u'\n';
}

/// Adds a host with its dom0 (and, on xapi flavours, its control-domain VM, PIFs, local SR).
SimHostModel& addHost(SimPool& pool, const QString& name, Flavour flavour, const QString& address)
{
    SimHostModel h;
    h.name = name;
    h.uuid = pool.newUuid();
    h.ref = pool.newRef();
    h.flavour = flavour;
    h.controlDomainUuid = pool.newUuid();
    h.address = address;
    h.bootTime = now().addDays(-41).addSecs(-3600 * 5 - 1234);
    switch (flavour) {
    case Flavour::XenServer62:
        h.productBrand = QStringLiteral("XenServer");
        h.productVersion = QStringLiteral("6.2.0");
        h.productVersionText = QStringLiteral("6.2");
        h.platformName = QStringLiteral("XCP");
        h.platformVersion = QStringLiteral("1.8.0");
        h.buildNumber = QStringLiteral("70446c");
        h.xenVersion = QStringLiteral("4.1.5");
        h.kernelRelease = QStringLiteral("2.6.32.43-0.4.1.xs1.8.0.835.170778xen");
        h.memoryTotalMiB = 32767;
        h.dom0MemMiB = 752;
        h.cpus = 8;
        h.openVSwitch = true;
        break;
    case Flavour::XcpNg82:
        h.productBrand = QStringLiteral("XCP-ng");
        h.productVersion = QStringLiteral("8.2.1");
        h.productVersionText = QStringLiteral("8.2");
        h.platformName = QStringLiteral("XCP");
        h.platformVersion = QStringLiteral("3.2.1");
        h.buildNumber = QStringLiteral("release/yangtze/master/58");
        h.xenVersion = QStringLiteral("4.13.5-9.40");
        h.kernelRelease = QStringLiteral("4.19.0+1");
        h.memoryTotalMiB = 131037;
        h.dom0MemMiB = 8192;
        h.cpus = 24;
        h.openVSwitch = true;
        break;
    case Flavour::XenXl:
        h.xenVersion = QStringLiteral("4.17.3");
        h.kernelRelease = QStringLiteral("6.1.0-18-amd64");
        h.memoryTotalMiB = 65405;
        h.dom0MemMiB = 4096;
        h.cpus = 12;
        h.openVSwitch = false;
        h.managementInterface = QStringLiteral("xenbr0");
        break;
    case Flavour::XenXm:
        h.xenVersion = QStringLiteral("4.1.4");
        h.kernelRelease = QStringLiteral("3.2.0-4-amd64");
        h.memoryTotalMiB = 16375;
        h.dom0MemMiB = 1024;
        h.cpus = 4;
        h.openVSwitch = false;
        h.managementInterface = QStringLiteral("eth0");
        break;
    }
    h.xenDmesg = dmesgFor(h);

    SimDomain dom0;
    dom0.domid = 0;
    dom0.vmUuid = hasXapi(flavour) ? h.controlDomainUuid : QStringLiteral("00000000-0000-0000-0000-000000000000");
    dom0.name = QStringLiteral("Domain-0");
    dom0.running = true;
    dom0.blocked = false;
    dom0.memoryKiB = h.dom0MemMiB * 1024;
    dom0.maxMemoryKiB = h.dom0MemMiB * 1024;
    dom0.vcpus = qMin(h.cpus, 16);
    dom0.created = h.bootTime;
    dom0.cpuSecondsAtCreate = 12.5;
    h.domains.append(dom0);
    pool.hosts.append(h);
    SimHostModel& added = pool.hosts.last();

    // Networks: one per physical NIC, shared by the pool (xapi) or a plain bridge (xl/xm).
    for (int nic = 0; nic < 2; ++nic) {
        const QString device = QStringLiteral("eth%1").arg(nic);
        const QString bridge = flavour == Flavour::XenXm ? device : QStringLiteral("xenbr%1").arg(nic);
        QString networkUuid;
        for (const SimNetwork& n : pool.networks)
            if (n.bridge == bridge)
                networkUuid = n.uuid;
        if (networkUuid.isEmpty()) {
            SimNetwork n{pool.newUuid(), QStringLiteral("Pool-wide network associated with %1").arg(device), QString(),
                         bridge};
            networkUuid = n.uuid;
            pool.networks.append(n);
        }
        SimPif p;
        p.uuid = pool.newUuid();
        p.hostUuid = added.uuid;
        p.device = device;
        p.mac = pool.newMac();
        p.networkUuid = networkUuid;
        p.attached = nic == 0;
        p.management = nic == 0;
        if (nic == 0) {
            p.ip = address;
            p.netmask = QStringLiteral("255.255.255.0");
        }
        pool.pifs.append(p);
    }

    if (hasXapi(flavour)) {
        SimVm dom0vm;
        dom0vm.uuid = added.controlDomainUuid;
        dom0vm.ref = pool.newRef();
        dom0vm.nameLabel = QStringLiteral("Control domain on host: ") + name;
        dom0vm.nameDescription = QStringLiteral("The domain which manages physical devices and manages other domains");
        dom0vm.isControlDomain = true;
        dom0vm.powerState = PowerState::Running;
        dom0vm.residentOn = added.uuid;
        dom0vm.memoryStaticMin = 4096 * MiB / 8;
        dom0vm.memoryStaticMax = added.dom0MemMiB * MiB;
        dom0vm.memoryDynamicMin = added.dom0MemMiB * MiB;
        dom0vm.memoryDynamicMax = added.dom0MemMiB * MiB;
        dom0vm.vcpusMax = qMin(added.cpus, 16);
        dom0vm.vcpusAtStartup = dom0vm.vcpusMax;
        dom0vm.startTime = added.bootTime;
        pool.vms.append(dom0vm);

        SimSr local;
        local.uuid = pool.newUuid();
        local.nameLabel = QStringLiteral("Local storage");
        local.type = flavour == Flavour::XcpNg82 ? QStringLiteral("ext") : QStringLiteral("lvm");
        local.contentType = QStringLiteral("user");
        local.hostUuid = added.uuid;
        local.physicalSize = 1964014796800;
        local.physicalUtilisation = 412316860416;
        pool.srs.append(local);
        if (pool.defaultSrUuid.isEmpty())
            pool.defaultSrUuid = local.uuid;
        SimSr dvd;
        dvd.uuid = pool.newUuid();
        dvd.nameLabel = QStringLiteral("DVD drives");
        dvd.nameDescription = QStringLiteral("Physical DVD drives");
        dvd.type = QStringLiteral("udev");
        dvd.contentType = QStringLiteral("iso");
        dvd.hostUuid = added.uuid;
        pool.srs.append(dvd);
    }
    return pool.hosts.last();
}

/// Adds a VM; when `running` it gets a domain on `hostName`.
SimVm& addVm(SimPool& pool, const QString& hostName, const QString& name, bool hvm, qint64 memMiB, int vcpus,
             PowerState state = PowerState::Running)
{
    SimHostModel* host = pool.host(hostName);
    SimVm vm;
    vm.uuid = pool.newUuid();
    vm.ref = pool.newRef();
    vm.nameLabel = name;
    vm.hvm = hvm;
    vm.powerState = state;
    vm.memoryStaticMin = qMin<qint64>(memMiB, 512) * MiB;
    vm.memoryStaticMax = memMiB * MiB;
    vm.memoryDynamicMin = memMiB * MiB;
    vm.memoryDynamicMax = memMiB * MiB;
    vm.vcpusMax = vcpus;
    vm.vcpusAtStartup = vcpus;
    vm.installTime = now().addDays(-200);
    if (!hvm)
        vm.osVersion =
            QStringLiteral("name: Debian GNU/Linux 11 (bullseye); uname: 5.10.0-28-amd64; distro: debian; major: 11");
    if (state == PowerState::Running || state == PowerState::Paused) {
        vm.residentOn = host->uuid;
        vm.startTime = now().addDays(-3).addSecs(-777);
        SimDomain d;
        d.domid = host->nextDomid++;
        d.vmUuid = vm.uuid;
        d.name = name;
        d.running = false;
        d.blocked = state == PowerState::Running;
        d.paused = state == PowerState::Paused;
        d.hvm = hvm;
        d.memoryKiB = memMiB * 1024 + (hvm ? 2048 : 0);
        d.maxMemoryKiB = memMiB * 1024 + 1024;
        d.vcpus = vcpus;
        d.created = vm.startTime;
        host->domains.append(d);
    }
    if (!pool.networks.isEmpty()) {
        SimVif vif;
        vif.uuid = pool.newUuid();
        vif.vmUuid = vm.uuid;
        vif.device = 0;
        vif.mac = pool.newMac();
        vif.networkUuid = pool.networks.first().uuid;
        vm.vifUuids.append(vif.uuid);
        pool.vifs.append(vif);
    }
    pool.vms.append(vm);
    return pool.vms.last();
}

SimTask& addStuckTask(SimPool& pool, SimVm& vm, const QString& operation, bool blocksForce)
{
    SimTask t;
    t.uuid = pool.newUuid();
    t.ref = pool.newRef();
    t.nameLabel = QStringLiteral("Async.VM.") + operation;
    t.status = QStringLiteral("pending");
    t.progress = 0.0;
    t.created = now().addSecs(-47 * 60 - 13);
    t.cancellable = true;
    t.blocksForce = blocksForce;
    t.vmUuid = vm.uuid;
    t.operation = operation;
    t.residentOn = vm.residentOn;
    vm.currentOperationTasks.append(t.uuid);
    pool.tasks.append(t);
    return pool.tasks.last();
}

SimPool newPool(quint64 seed, const QString& name)
{
    SimPool p;
    p.seed = seed;
    p.uuid = p.newUuid();
    p.ref = p.newRef();
    p.nameLabel = name;
    return p;
}

void finish(SimPool& p)
{
    if (p.masterUuid.isEmpty() && !p.hosts.isEmpty())
        p.masterUuid = p.hosts.first().uuid;
}

} // namespace

QStringList SimPool::scenarioNames()
{
    return {QStringLiteral("demo"),          QStringLiteral("hung-vm-stuck-task"),
            QStringLiteral("xapi-wedged"),   QStringLiteral("lingering-domain"),
            QStringLiteral("domain-gone"),   QStringLiteral("crash-only"),
            QStringLiteral("dead-member"),   QStringLiteral("legacy-62"),
            QStringLiteral("xl-host"),       QStringLiteral("xm-host"),
            QStringLiteral("hostile-names"), QStringLiteral("network-faults"),
            QStringLiteral("memory-faults"), QStringLiteral("forged-records")};
}

QString SimPool::scenarioDescription(const QString& name)
{
    if (name == u"demo")
        return QStringLiteral("Two-host XCP-ng 8.2 pool; the VM db-01 on the member ignores shutdown and a stuck "
                              "clean-shutdown task blocks forcing it.");
    if (name == u"hung-vm-stuck-task")
        return QStringLiteral("One XCP-ng host; app-server ignores clean shutdown and its pending task blocks "
                              "vm-shutdown --force until cancelled.");
    if (name == u"xapi-wedged")
        return QStringLiteral("One XCP-ng host whose xapi no longer answers: every xe command hangs until "
                              "xe-toolstack-restart.");
    if (name == u"lingering-domain")
        return QStringLiteral("One XCP-ng host; destroying file-server leaves a dying (null) domain held by a "
                              "tapdisk.");
    if (name == u"domain-gone")
        return QStringLiteral("One XCP-ng host; xapi says ghost-vm is running but the hypervisor has no domain.");
    if (name == u"crash-only")
        return QStringLiteral("One XCP-ng host; win-app only dies after an NMI (xl trigger D nmi).");
    if (name == u"dead-member")
        return QStringLiteral("Two-host XCP-ng pool whose member is dead; its VM mail-01 still shows running.");
    if (name == u"legacy-62")
        return QStringLiteral("XenServer 6.2 host with a hung VM; xenops destroy_domain and crash_guest exist.");
    if (name == u"xl-host")
        return QStringLiteral("Plain Xen 4.17 with xl; guest web ignores xl shutdown.");
    if (name == u"xm-host")
        return QStringLiteral("Legacy Xen 4.1 with xm/xend; guest legacy-app ignores xm shutdown.");
    if (name == u"hostile-names")
        return QStringLiteral("One XCP-ng host with VMs whose names hold quotes, $(), ;, newlines and non-ASCII.");
    if (name == u"network-faults")
        return QStringLiteral("Plain Xen 4.17 (xl) host that trips every network check: a VM on a bridge without "
                              "uplink, an empty bridge, anti-spoofing rules with bridge-nf-call-iptables off, a "
                              "vifname longer than 15 characters, a guest without a fixed MAC; xl.conf balloons dom0.");
    if (name == u"forged-records")
        return QStringLiteral("One XCP-ng host where the name-label of helper prints a second, halted record of "
                              "db-01 (same UUID), and two VMs are both called app.");
    if (name == u"memory-faults")
        return QStringLiteral("Legacy Xen 4.1 (xm) host with no dom0_mem on the boot line, dom0 ballooning on and "
                              "dom0-min-mem 196.");
    return {};
}

std::optional<SimPool> SimPool::fromScenario(const QString& name)
{
    if (name == u"demo") {
        SimPool p = newPool(0x5eed0001, QStringLiteral("Lab pool"));
        p.nameDescription = QStringLiteral("Practice pool: nothing here is real");
        addHost(p, QStringLiteral("xcp-lab-01"), Flavour::XcpNg82, QStringLiteral("10.0.0.11"));
        addHost(p, QStringLiteral("xcp-lab-02"), Flavour::XcpNg82, QStringLiteral("10.0.0.12"));
        addVm(p, QStringLiteral("xcp-lab-01"), QStringLiteral("web-01"), false, 4096, 2);
        addVm(p, QStringLiteral("xcp-lab-01"), QStringLiteral("build-agent"), false, 8192, 4, PowerState::Halted);
        SimVm& db = addVm(p, QStringLiteral("xcp-lab-02"), QStringLiteral("db-01"), true, 16384, 8);
        db.faults.ignoresCleanShutdown = true;
        db.faults.lingersAfterDestroy = true;
        db.faults.lingerClearsAfter = 6;
        addStuckTask(p, db, QStringLiteral("clean_shutdown"), true);
        addVm(p, QStringLiteral("xcp-lab-02"), QStringLiteral("monitoring"), false, 2048, 1);
        finish(p);
        return p;
    }
    if (name == u"hung-vm-stuck-task") {
        SimPool p = newPool(0x5eed0002, QStringLiteral("pool-hung"));
        addHost(p, QStringLiteral("xcp-hung"), Flavour::XcpNg82, QStringLiteral("10.0.1.10"));
        SimVm& vm = addVm(p, QStringLiteral("xcp-hung"), QStringLiteral("app-server"), false, 4096, 2);
        vm.faults.ignoresCleanShutdown = true;
        addStuckTask(p, vm, QStringLiteral("clean_shutdown"), true);
        addVm(p, QStringLiteral("xcp-hung"), QStringLiteral("healthy-vm"), false, 2048, 1);
        finish(p);
        return p;
    }
    if (name == u"xapi-wedged") {
        SimPool p = newPool(0x5eed0003, QStringLiteral("pool-wedged"));
        SimHostModel& h = addHost(p, QStringLiteral("xcp-wedged"), Flavour::XcpNg82, QStringLiteral("10.0.2.10"));
        h.faults.xapiWedged = true;
        addVm(p, QStringLiteral("xcp-wedged"), QStringLiteral("erp"), true, 8192, 4);
        finish(p);
        return p;
    }
    if (name == u"lingering-domain") {
        SimPool p = newPool(0x5eed0004, QStringLiteral("pool-linger"));
        addHost(p, QStringLiteral("xcp-linger"), Flavour::XcpNg82, QStringLiteral("10.0.3.10"));
        SimVm& vm = addVm(p, QStringLiteral("xcp-linger"), QStringLiteral("file-server"), false, 4096, 2);
        vm.faults.ignoresCleanShutdown = true;
        vm.faults.lingersAfterDestroy = true;
        finish(p);
        return p;
    }
    if (name == u"domain-gone") {
        SimPool p = newPool(0x5eed0005, QStringLiteral("pool-ghost"));
        SimHostModel& h = addHost(p, QStringLiteral("xcp-ghost"), Flavour::XcpNg82, QStringLiteral("10.0.4.10"));
        SimVm& vm = addVm(p, QStringLiteral("xcp-ghost"), QStringLiteral("ghost-vm"), false, 2048, 1);
        vm.faults.domainGone = true;
        h.domains.removeIf([&vm](const SimDomain& d) { return d.vmUuid == vm.uuid; });
        finish(p);
        return p;
    }
    if (name == u"crash-only") {
        SimPool p = newPool(0x5eed0006, QStringLiteral("pool-crash"));
        addHost(p, QStringLiteral("xcp-crash"), Flavour::XcpNg82, QStringLiteral("10.0.5.10"));
        SimVm& vm = addVm(p, QStringLiteral("xcp-crash"), QStringLiteral("win-app"), true, 8192, 4);
        vm.faults.ignoresCleanShutdown = true;
        vm.faults.diesOnlyAfterCrash = true;
        finish(p);
        return p;
    }
    if (name == u"dead-member") {
        SimPool p = newPool(0x5eed0007, QStringLiteral("pool-dead"));
        addHost(p, QStringLiteral("xcp-master"), Flavour::XcpNg82, QStringLiteral("10.0.6.10"));
        SimHostModel& member = addHost(p, QStringLiteral("xcp-member"), Flavour::XcpNg82, QStringLiteral("10.0.6.11"));
        member.faults.dead = true;
        addVm(p, QStringLiteral("xcp-member"), QStringLiteral("mail-01"), false, 4096, 2);
        addVm(p, QStringLiteral("xcp-master"), QStringLiteral("proxy"), false, 1024, 1);
        finish(p);
        return p;
    }
    if (name == u"legacy-62") {
        SimPool p = newPool(0x5eed0008, QStringLiteral("pool-62"));
        addHost(p, QStringLiteral("xs62-host"), Flavour::XenServer62, QStringLiteral("192.168.10.5"));
        SimVm& vm = addVm(p, QStringLiteral("xs62-host"), QStringLiteral("old-crm"), true, 4096, 2);
        vm.faults.ignoresCleanShutdown = true;
        vm.faults.diesOnlyAfterCrash = true;
        addStuckTask(p, vm, QStringLiteral("clean_shutdown"), true);
        addVm(p, QStringLiteral("xs62-host"), QStringLiteral("intranet"), false, 1024, 1);
        finish(p);
        return p;
    }
    if (name == u"xl-host") {
        SimPool p = newPool(0x5eed0009, QStringLiteral("xl-standalone"));
        addHost(p, QStringLiteral("xen-xl"), Flavour::XenXl, QStringLiteral("10.0.7.10"));
        SimVm& web = addVm(p, QStringLiteral("xen-xl"), QStringLiteral("web"), false, 2048, 2);
        web.faults.ignoresCleanShutdown = true;
        addVm(p, QStringLiteral("xen-xl"), QStringLiteral("win10"), true, 4096, 2);
        addVm(p, QStringLiteral("xen-xl"), QStringLiteral("spare"), false, 1024, 1, PowerState::Halted);
        finish(p);
        return p;
    }
    if (name == u"xm-host") {
        SimPool p = newPool(0x5eed000a, QStringLiteral("xm-standalone"));
        addHost(p, QStringLiteral("xen-xm"), Flavour::XenXm, QStringLiteral("10.0.8.10"));
        SimVm& app = addVm(p, QStringLiteral("xen-xm"), QStringLiteral("legacy-app"), false, 1024, 1);
        app.faults.ignoresCleanShutdown = true;
        addVm(p, QStringLiteral("xen-xm"), QStringLiteral("dns"), false, 256, 1);
        finish(p);
        return p;
    }
    if (name == u"network-faults") {
        SimPool p = newPool(0x5eed000c, QStringLiteral("xl-netlab"));
        SimHostModel& h = addHost(p, QStringLiteral("xen-netlab"), Flavour::XenXl, QStringLiteral("10.0.10.10"));
        h.config.antispoof = true;
        h.config.bridgeNfCallIptables = false;
        h.config.emptyBridges = QStringList{QStringLiteral("xenbr9")};
        h.config.customVifNames.insert(QStringLiteral("legacy-router"), QStringLiteral("vif-legacy-router0"));
        h.config.guestsWithoutMac = QStringList{QStringLiteral("dhcp-test")};
        h.config.xlAutoballoon = QStringLiteral("on");
        SimNetwork internal{p.newUuid(), QStringLiteral("Host-internal network"), QString(),
                            QStringLiteral("xenbr-int")};
        p.networks.append(internal);
        addVm(p, QStringLiteral("xen-netlab"), QStringLiteral("web"), false, 2048, 2);
        addVm(p, QStringLiteral("xen-netlab"), QStringLiteral("isolated"), false, 1024, 1);
        for (SimVif& v : p.vifs)
            if (v.vmUuid == p.vms.last().uuid)
                v.networkUuid = internal.uuid;
        addVm(p, QStringLiteral("xen-netlab"), QStringLiteral("legacy-router"), false, 512, 1);
        addVm(p, QStringLiteral("xen-netlab"), QStringLiteral("dhcp-test"), false, 512, 1);
        finish(p);
        return p;
    }
    if (name == u"memory-faults") {
        SimPool p = newPool(0x5eed000d, QStringLiteral("xm-memlab"));
        SimHostModel& h = addHost(p, QStringLiteral("xen-memlab"), Flavour::XenXm, QStringLiteral("10.0.11.10"));
        h.config.dom0MemOnCmdline = false;
        h.config.xendBallooning = true;
        h.config.xendMinMemMiB = 196;
        h.xenDmesg = dmesgFor(h);
        addVm(p, QStringLiteral("xen-memlab"), QStringLiteral("mail"), false, 2048, 1);
        addVm(p, QStringLiteral("xen-memlab"), QStringLiteral("files"), false, 4096, 2);
        finish(p);
        return p;
    }
    if (name == u"forged-records") {
        SimPool p = newPool(0x5eed000e, QStringLiteral("pool-forged"));
        addHost(p, QStringLiteral("xcp-forged"), Flavour::XcpNg82, QStringLiteral("10.0.12.10"));
        const qsizetype helper = p.vms.size();
        addVm(p, QStringLiteral("xcp-forged"), QStringLiteral("helper"), false, 1024, 1);
        const QString victim = addVm(p, QStringLiteral("xcp-forged"), QStringLiteral("db-01"), false, 8192, 4).uuid;
        // xe prints a name-label verbatim: these line breaks end helper's record early and
        // print one before db-01's own that claims db-01's UUID and says it is halted;
        // helper's own fields follow it.
        const auto line = [](const QString& key, const QString& value, bool first) {
            constexpr qsizetype width = 28;
            return (first ? key.leftJustified(width, u' ') : key.rightJustified(width, u' ')) + QStringLiteral(": ") +
                   value;
        };
        p.vms[helper].nameLabel = QStringLiteral("helper\n\n\n") + line(QStringLiteral("uuid ( RO)"), victim, true) +
                                  u'\n' + line(QStringLiteral("name-label ( RW)"), QStringLiteral("db-01"), false) +
                                  u'\n' + line(QStringLiteral("power-state ( RO)"), QStringLiteral("halted"), false);
        addVm(p, QStringLiteral("xcp-forged"), QStringLiteral("app"), false, 2048, 2);
        addVm(p, QStringLiteral("xcp-forged"), QStringLiteral("app"), false, 2048, 2);
        finish(p);
        return p;
    }
    if (name == u"hostile-names") {
        SimPool p = newPool(0x5eed000b, QStringLiteral("pool-names"));
        addHost(p, QStringLiteral("xcp-names"), Flavour::XcpNg82, QStringLiteral("10.0.9.10"));
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("it's \"quoted\""), false, 1024, 1);
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("$(touch /tmp/xr-pwned); rm -rf x"), false, 1024, 1);
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("two\nlines: fake ( RO): x"), false, 1024, 1);
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("数据库-ünïcode, with comma\\"), false, 1024, 1,
              PowerState::Halted);
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("`id` | tee ; echo"), false, 1024, 1);
        // Terminal escapes (a title change, a screen clear) and a right-to-left override: a
        // name shown, never obeyed.
        addVm(p, QStringLiteral("xcp-names"), QStringLiteral("esc\x1b]0;pwned\x07\x1b[2J\u202Eevil\u200Bname\x9b"),
              false, 1024, 1);
        finish(p);
        return p;
    }
    return std::nullopt;
}

} // namespace xr::sim
