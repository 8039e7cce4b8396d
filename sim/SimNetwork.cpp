// Lab hosts' networking and dom0 memory configuration (issue 8): ip, brctl, ovs-vsctl, sysctl,
// iptables, xen-cmdline, update-grub, `xe host-disable/host-enable`, and the configuration files
// laid out for them (xl.conf, xend-config.sxp, /etc/default/grub, guest .cfg files, grub.cfg).
// Output shapes follow ../shared/samples (ip-link__*, brctl-show__*, ovs-vsctl-show__*).
#include "SimNetwork.h"
#include "SimInternal.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

#include <algorithm>

namespace xr::sim {

QJsonObject SimHostConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("bridgeNfCallIptables"), bridgeNfCallIptables},
        {QStringLiteral("antispoof"), antispoof},
        {QStringLiteral("emptyBridges"), QJsonArray::fromStringList(emptyBridges)},
        {QStringLiteral("customVifNames"), customVifNames},
        {QStringLiteral("guestsWithoutMac"), QJsonArray::fromStringList(guestsWithoutMac)},
        {QStringLiteral("dom0MemOnCmdline"), dom0MemOnCmdline},
        {QStringLiteral("nextBootDom0MemMiB"), nextBootDom0MemMiB},
        {QStringLiteral("xlAutoballoon"), xlAutoballoon},
        {QStringLiteral("xendBallooning"), xendBallooning},
        {QStringLiteral("xendMinMemMiB"), xendMinMemMiB},
        {QStringLiteral("hostDisabled"), hostDisabled},
    };
}

SimHostConfig SimHostConfig::fromJson(const QJsonObject& o)
{
    SimHostConfig c;
    auto strings = [&o](const char* key) {
        QStringList out;
        for (const QJsonValue& v : o.value(QLatin1String(key)).toArray())
            out << v.toString();
        return out;
    };
    c.bridgeNfCallIptables = o.value(QLatin1String("bridgeNfCallIptables")).toBool(true);
    c.antispoof = o.value(QLatin1String("antispoof")).toBool(false);
    c.emptyBridges = strings("emptyBridges");
    c.customVifNames = o.value(QLatin1String("customVifNames")).toObject();
    c.guestsWithoutMac = strings("guestsWithoutMac");
    c.dom0MemOnCmdline = o.value(QLatin1String("dom0MemOnCmdline")).toBool(true);
    c.nextBootDom0MemMiB = o.value(QLatin1String("nextBootDom0MemMiB")).toInteger(0);
    c.xlAutoballoon = o.value(QLatin1String("xlAutoballoon")).toString(QStringLiteral("off"));
    c.xendBallooning = o.value(QLatin1String("xendBallooning")).toBool(false);
    c.xendMinMemMiB = o.value(QLatin1String("xendMinMemMiB")).toInteger(-1);
    c.hostDisabled = o.value(QLatin1String("hostDisabled")).toBool(false);
    return c;
}

QString dom0MemArgument(const SimHostModel& host)
{
    if (!host.config.dom0MemOnCmdline)
        return {};
    const qint64 mib = host.config.nextBootDom0MemMiB > 0 ? host.config.nextBootDom0MemMiB : host.dom0MemMiB;
    return QStringLiteral("dom0_mem=%1M,max:%1M").arg(mib);
}

QString dom0MemArgumentRunning(const SimHostModel& host)
{
    if (!host.config.dom0MemOnCmdline)
        return {};
    return QStringLiteral("dom0_mem=%1M,max:%1M").arg(host.dom0MemMiB);
}

namespace {

using namespace detail;

struct Iface
{
    QString name;
    QString flags;
    int mtu = 1500;
    QString qdisc;
    QString master;
    QString state;
    QString mac;
    qint64 qlen = 1000;
    bool loopback = false;
    QString bridge; // the bridge it is a port of (also on OVS, where master is ovs-system)
};

QList<SimDomain*> domainsById(SimHostModel& h)
{
    QList<SimDomain*> out;
    for (SimDomain& d : h.domains)
        out.append(&d);
    std::sort(out.begin(), out.end(), [](SimDomain* a, SimDomain* b) { return a->domid < b->domid; });
    return out;
}

QString bridgeOfNetwork(const Ctx& c, const QString& networkUuid)
{
    const SimNetwork* n = c.pool.network(networkUuid);
    return n ? n->bridge : QString();
}

// Bridges in the order the host created them: the NICs' bridges, then bridges only VMs use,
// then empty ones.
QStringList bridgeNames(Ctx& c)
{
    QStringList out;
    for (const SimPif& p : c.pool.pifs)
        if (p.hostUuid == c.host.uuid)
            if (const SimNetwork* n = c.pool.network(p.networkUuid); n && !out.contains(n->bridge))
                out << n->bridge;
    for (SimDomain* d : domainsById(c.host)) {
        if (d->domid == 0 || d->dying)
            continue;
        if (const SimVm* vm = vmOfDomain(c, *d))
            for (const SimVif& v : c.pool.vifs)
                if (v.vmUuid == vm->uuid)
                    if (const QString b = bridgeOfNetwork(c, v.networkUuid); !b.isEmpty() && !out.contains(b))
                        out << b;
    }
    for (const QString& b : c.host.config.emptyBridges)
        if (!out.contains(b))
            out << b;
    return out;
}

// The dom0 name of a VM's interface: vifD.N, or the guest's custom vifname as the kernel keeps
// it (15 characters).
QString vifName(Ctx& c, const SimVm* vm, int domid, int device)
{
    if (vm && device == 0 && c.host.config.customVifNames.contains(vm->nameLabel))
        return c.host.config.customVifNames.value(vm->nameLabel).toString().left(15);
    return QStringLiteral("vif%1.%2").arg(domid).arg(device);
}

QList<Iface> interfaces(Ctx& c)
{
    QList<Iface> out;
    out.append({QStringLiteral("lo"),
                QStringLiteral("LOOPBACK,UP,LOWER_UP"),
                65536,
                QStringLiteral("noqueue"),
                {},
                QStringLiteral("UNKNOWN"),
                QStringLiteral("00:00:00:00:00:00"),
                1000,
                true,
                {}});
    const bool ovs = hasXapi(c.host.flavour) && c.host.openVSwitch;
    const bool xm = c.host.flavour == Flavour::XenXm;
    for (const SimPif& p : c.pool.pifs) {
        if (p.hostUuid != c.host.uuid)
            continue;
        const QString bridge = bridgeOfNetwork(c, p.networkUuid);
        // Xen 3.2+ network-bridge renames the NIC to pethN and names the bridge ethN.
        const QString nic = xm ? QStringLiteral("p") + p.device : p.device;
        out.append({nic, QStringLiteral("BROADCAST,MULTICAST,UP,LOWER_UP"), 1500, QStringLiteral("mq"),
                    ovs ? QStringLiteral("ovs-system") : bridge, QStringLiteral("UP"), p.mac, 1000, false, bridge});
    }
    if (ovs)
        out.append({QStringLiteral("ovs-system"),
                    QStringLiteral("BROADCAST,MULTICAST"),
                    1500,
                    QStringLiteral("noop"),
                    {},
                    QStringLiteral("DOWN"),
                    QStringLiteral("9a:33:18:6c:4d:0e"),
                    1000,
                    false,
                    {}});
    const QStringList bridges = bridgeNames(c);
    int n = 0;
    for (const QString& b : bridges)
        out.append({b,
                    QStringLiteral("BROADCAST,MULTICAST,UP,LOWER_UP"),
                    1500,
                    QStringLiteral("noqueue"),
                    {},
                    ovs ? QStringLiteral("UNKNOWN") : QStringLiteral("UP"),
                    QStringLiteral("d2:7e:41:0a:5c:%1").arg(++n, 2, 16, QLatin1Char('0')),
                    1000,
                    false,
                    {}});
    const QString firstBridge = bridges.value(0);
    for (SimDomain* d : domainsById(c.host)) {
        if (d->domid == 0 || d->dying)
            continue;
        const SimVm* vm = vmOfDomain(c, *d);
        QList<std::pair<int, QString>> nics; // device, bridge
        if (vm)
            for (const SimVif& v : c.pool.vifs)
                if (v.vmUuid == vm->uuid)
                    nics.append({v.device, bridgeOfNetwork(c, v.networkUuid)});
        if (nics.isEmpty())
            nics.append({0, firstBridge});
        for (const auto& [device, bridge] : nics) {
            const QString master = ovs ? QStringLiteral("ovs-system") : bridge;
            out.append({vifName(c, vm, d->domid, device), QStringLiteral("BROADCAST,PROMISC,UP,LOWER_UP"), 1500,
                        QStringLiteral("mq"), master, QStringLiteral("UP"), QStringLiteral("fe:ff:ff:ff:ff:ff"), 32,
                        false, bridge});
            if (d->hvm)
                out.append({c.host.flavour == Flavour::XenXl ? QStringLiteral("vif%1.%2-emu").arg(d->domid).arg(device)
                                                             : QStringLiteral("tap%1.%2").arg(d->domid).arg(device),
                            QStringLiteral("BROADCAST,PROMISC,UP,LOWER_UP"), 1500, QStringLiteral("pfifo_fast"), master,
                            QStringLiteral("UNKNOWN"), QStringLiteral("fe:ff:ff:ff:ff:ff"), 1000, false, bridge});
        }
    }
    return out;
}

// The guest's address on its first NIC, for anti-spoofing rules.
QString guestAddress(const SimHostModel& host, int domid)
{
    return host.address.section(u'.', 0, 2) + QStringLiteral(".%1").arg(100 + domid);
}

} // namespace

namespace detail {

SimCommandOutput runIp(Ctx& c, const QStringList& args)
{
    QStringList rest = args;
    const bool oneline = rest.removeAll(QStringLiteral("-o")) + rest.removeAll(QStringLiteral("-oneline")) > 0;
    const QString obj = rest.value(0);
    if (obj != u"link" && obj != u"l" && obj != u"addr" && obj != u"a")
        return c.fail(1, QStringLiteral("Object \"%1\" is unknown, try \"ip help\".\n").arg(obj));
    const bool modernIp = c.host.flavour == Flavour::XenXl;
    int index = 0;
    for (const Iface& i : interfaces(c)) {
        ++index;
        QString head =
            QStringLiteral("%1: %2: <%3> mtu %4 qdisc %5").arg(index).arg(i.name, i.flags).arg(i.mtu).arg(i.qdisc);
        if (!i.master.isEmpty())
            head += QStringLiteral(" master ") + i.master;
        head += QStringLiteral(" state ") + i.state + QStringLiteral(" mode DEFAULT");
        if (modernIp)
            head += QStringLiteral(" group default");
        head += QStringLiteral(" qlen %1").arg(i.qlen);
        const QString link = i.loopback ? QStringLiteral("    link/loopback %1 brd 00:00:00:00:00:00").arg(i.mac)
                                        : QStringLiteral("    link/ether %1 brd ff:ff:ff:ff:ff:ff").arg(i.mac);
        if (oneline)
            c.print(head + u'\\' + link + u'\n');
        else
            c.print(head + u'\n' + link + u'\n');
    }
    return c.out;
}

SimCommandOutput runBrctl(Ctx& c, const QStringList& args)
{
    if (args.value(0) != u"show")
        return c.fail(1, QStringLiteral("never heard of command [%1]\n").arg(args.value(0)));
    c.print(QStringLiteral("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"));
    if (hasXapi(c.host.flavour) && c.host.openVSwitch)
        return c.out;
    const QList<Iface> ifs = interfaces(c);
    for (const QString& b : bridgeNames(c)) {
        QStringList ports;
        for (const Iface& i : ifs)
            if (i.master == b)
                ports << i.name;
        QString mac;
        for (const Iface& i : ifs)
            if (i.name == b)
                mac = i.mac;
        c.print(b + QStringLiteral("\t\t8000.") + QString(mac).remove(u':') + QStringLiteral("\tno\t\t"));
        if (ports.isEmpty()) {
            c.print(QStringLiteral("\n"));
            continue;
        }
        c.print(ports.first() + u'\n');
        for (qsizetype i = 1; i < ports.size(); ++i)
            c.print(QStringLiteral("\t\t\t\t\t\t\t") + ports[i] + u'\n');
    }
    return c.out;
}

SimCommandOutput runOvsVsctl(Ctx& c, const QStringList& args)
{
    const QString sub = args.value(0);
    QStringList bridges = bridgeNames(c);
    std::sort(bridges.begin(), bridges.end());
    if (sub == u"list-br") {
        for (const QString& b : bridges)
            c.print(b + u'\n');
        return c.out;
    }
    if (sub != u"show")
        return c.fail(1, QStringLiteral("ovs-vsctl: unknown command '%1'; use --help for help\n").arg(sub));
    c.print(c.host.uuid.left(8) + QStringLiteral("-58c3-4e3b-9d43-") + c.host.uuid.right(12) + u'\n');
    const QList<Iface> ifs = interfaces(c);
    for (const QString& b : bridgeNames(c)) {
        c.print(QStringLiteral("    Bridge ") + b + u'\n');
        c.print(QStringLiteral("        fail_mode: standalone\n"));
        QStringList ports{b};
        for (const SimPif& p : c.pool.pifs)
            if (p.hostUuid == c.host.uuid && bridgeOfNetwork(c, p.networkUuid) == b)
                ports << p.device;
        for (const Iface& i : ifs)
            if (i.bridge == b && i.master == u"ovs-system" && !ports.contains(i.name))
                ports << i.name;
        for (const QString& p : ports) {
            c.print(QStringLiteral("        Port ") + p + u'\n');
            c.print(QStringLiteral("            Interface ") + p + u'\n');
            if (p == b)
                c.print(QStringLiteral("                type: internal\n"));
        }
    }
    c.print(QStringLiteral("    ovs_version: \"%1\"\n")
                .arg(c.host.flavour == Flavour::XenServer62 ? QStringLiteral("1.4.6") : QStringLiteral("2.5.3")));
    return c.out;
}

SimCommandOutput runXenCmdline(Ctx& c, const QStringList& args)
{
    const QString usage =
        QStringLiteral("Usage: xen-cmdline [--get-xen|--set-xen|--delete-xen|--get-dom0|--set-dom0|--delete-dom0] "
                       "key[=value] ...\n");
    if (args.value(0) == u"--set-xen") {
        for (const QString& kv : args.mid(1)) {
            if (!kv.startsWith(QStringLiteral("dom0_mem=")))
                continue;
            // dom0_mem=NM,max:NM as XenRescue and XenServer's docs write it.
            const QString value = kv.mid(9);
            const QString first = value.section(u',', 0, 0);
            bool ok = false;
            const qint64 mib = first.endsWith(u'M') ? first.chopped(1).toLongLong(&ok) : 0;
            if (!ok || mib <= 0)
                return c.fail(1, QStringLiteral("xen-cmdline: cannot parse %1\n").arg(kv));
            c.host.config.nextBootDom0MemMiB = mib;
            c.host.config.dom0MemOnCmdline = true;
            c.out.changed = true;
        }
        return c.out;
    }
    if (args.value(0) != u"--get-xen")
        return c.fail(1, usage);
    for (const QString& key : args.mid(1)) {
        if (key == u"dom0_mem") {
            const QString arg = dom0MemArgument(c.host);
            if (!arg.isEmpty())
                c.print(arg + u'\n');
        } else if (key == u"dom0_max_vcpus") {
            c.print(QStringLiteral("dom0_max_vcpus=1-%1\n").arg(qMin(c.host.cpus, 16)));
        } else if (key == u"watchdog") {
            c.print(QStringLiteral("watchdog\n"));
        }
    }
    return c.out;
}

SimCommandOutput runSysctl(Ctx& c, const QStringList& args)
{
    QStringList rest = args;
    const bool valueOnly = rest.removeAll(QStringLiteral("-n")) > 0;
    for (const QString& key : rest) {
        if (key == u"net.bridge.bridge-nf-call-iptables" || key == u"net.bridge.bridge-nf-call-ip6tables") {
            const QString v = c.host.config.bridgeNfCallIptables ? QStringLiteral("1") : QStringLiteral("0");
            c.print(valueOnly ? v + u'\n' : key + QStringLiteral(" = ") + v + u'\n');
        } else {
            QString path = key;
            path.replace(u'.', u'/');
            return c.fail(255,
                          QStringLiteral("sysctl: cannot stat /proc/sys/%1: No such file or directory\n").arg(path));
        }
    }
    return c.out;
}

SimCommandOutput runIptables(Ctx& c, const QStringList& args)
{
    const qsizetype s = args.indexOf(QStringLiteral("-S"));
    if (s < 0)
        return c.fail(2, QStringLiteral("iptables v1.8.9 (legacy): no command specified\nTry `iptables -h' or "
                                        "'iptables --help' for more information.\n"));
    const QString chain = args.value(s + 1);
    if (chain.isEmpty() || chain == u"INPUT")
        c.print(QStringLiteral("-P INPUT ACCEPT\n"));
    if (chain.isEmpty() || chain == u"FORWARD") {
        c.print(QStringLiteral("-P FORWARD ACCEPT\n"));
        if (c.host.config.antispoof) {
            for (const Iface& i : interfaces(c)) {
                const std::optional<int> domid =
                    i.name.startsWith(QStringLiteral("vif")) && !i.name.endsWith(QStringLiteral("-emu"))
                        ? std::optional<int>(i.name.mid(3).section(u'.', 0, 0).toInt())
                        : std::nullopt;
                if (!domid || *domid <= 0)
                    continue;
                c.print(
                    QStringLiteral("-A FORWARD -s %1/32 -m physdev --physdev-in %2 --physdev-is-bridged -j ACCEPT\n")
                        .arg(guestAddress(c.host, *domid), i.name));
                c.print(QStringLiteral("-A FORWARD -p udp -m physdev --physdev-in %1 --physdev-is-bridged -m udp "
                                       "--sport 68 --dport 67 -j ACCEPT\n")
                            .arg(i.name));
                c.print(
                    QStringLiteral("-A FORWARD -m physdev --physdev-in %1 --physdev-is-bridged -j DROP\n").arg(i.name));
            }
        }
    }
    if (chain.isEmpty() || chain == u"OUTPUT")
        c.print(QStringLiteral("-P OUTPUT ACCEPT\n"));
    if (!chain.isEmpty() && chain != u"INPUT" && chain != u"FORWARD" && chain != u"OUTPUT")
        return c.fail(1, QStringLiteral("iptables: No chain/target/match by that name.\n"));
    return c.out;
}

SimCommandOutput runUpdateGrub(Ctx& c, const QStringList& args)
{
    Q_UNUSED(args);
    c.printErr(QStringLiteral("Generating grub configuration file ...\n"));
    c.printErr(QStringLiteral("Found linux image: /boot/vmlinuz-%1\n").arg(c.host.kernelRelease));
    c.printErr(QStringLiteral("Found initrd image: /boot/initrd.img-%1\n").arg(c.host.kernelRelease));
    c.printErr(QStringLiteral("done\n"));
    return c.out;
}

std::optional<SimCommandOutput> runXeHostMaintenance(Ctx& c, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub != u"host-disable" && sub != u"host-enable")
        return std::nullopt;
    QString uuid;
    for (const QString& a : args.mid(1))
        if (a.startsWith(QStringLiteral("uuid=")) || a.startsWith(QStringLiteral("host=")))
            uuid = a.section(u'=', 1);
    SimHostModel* h = uuid.isEmpty() ? &c.host : c.pool.host(uuid);
    if (!h)
        return c.fail(1, QStringLiteral("The uuid you supplied was invalid.\ntype: host\nuuid: %1\n").arg(uuid));
    h->config.hostDisabled = sub == u"host-disable";
    c.out.changed = true;
    return c.out;
}

} // namespace detail

bool layOutConfigFiles(const SimPool& pool, const SimHostModel& host, const QString& root, QString* error)
{
    auto write = [error](const QString& path, const QByteArray& data) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) < 0 || !f.commit()) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
            return false;
        }
        return true;
    };
    bool ok = true;
    const QString arg = dom0MemArgumentRunning(host);
    if (hasXapi(host.flavour)) {
        // What xen-cmdline edits (XCP-ng 8.2 / XenServer 6.2 BIOS installs).
        const QString xenLine = QStringLiteral("\tmultiboot2 /boot/xen.gz %1 watchdog ucode=scan dom0_max_vcpus=1-%2 "
                                               "crashkernel=256M,below=4G console=vga vga=mode-0x0311\n")
                                    .arg(arg)
                                    .arg(qMin(host.cpus, 16));
        ok &= write(root + QStringLiteral("/boot/grub/grub.cfg"),
                    (QStringLiteral("serial --unit=0 --speed=115200\nterminal_input serial console\nterminal_output "
                                    "serial console\nset default=0\nset timeout=5\nmenuentry '%1' {\n")
                         .arg(host.productBrand) +
                     xenLine +
                     QStringLiteral("\tmodule2 /boot/vmlinuz-%1 root=LABEL=root-ahzxly ro nolvm hpet=disable "
                                    "console=hvc0 console=tty0 quiet vga=785 splash plymouth.ignore-serial-consoles\n"
                                    "\tmodule2 /boot/initrd-%1.img\n}\n")
                         .arg(host.kernelRelease))
                        .toUtf8());
        return ok;
    }
    QString grub = QStringLiteral("# If you change this file, run 'update-grub' afterwards to update\n"
                                  "# /boot/grub/grub.cfg.\n\nGRUB_DEFAULT=0\nGRUB_TIMEOUT=5\n"
                                  "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
                                  "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n");
    grub += QStringLiteral("GRUB_CMDLINE_XEN_DEFAULT=\"%1\"\n")
                .arg((arg + QStringLiteral(" dom0_max_vcpus=1-4")).trimmed());
    ok &= write(root + QStringLiteral("/etc/default/grub"), grub.toUtf8());
    if (host.flavour == Flavour::XenXl) {
        QByteArray conf =
            QByteArrayLiteral("## Global XL config file ##\n\n# Control whether dom0 is ballooned down when "
                              "xen doesn't have enough\n# free memory to create a domain.  \"auto\" means "
                              "only balloon if dom0\n# starts with all the host's memory.\n");
        if (!host.config.xlAutoballoon.isEmpty())
            conf += QStringLiteral("autoballoon=\"%1\"\n").arg(host.config.xlAutoballoon).toUtf8();
        ok &= write(root + QStringLiteral("/etc/xen/xl.conf"), conf);
    } else {
        const qint64 minMem = host.config.xendMinMemMiB >= 0 ? host.config.xendMinMemMiB : host.dom0MemMiB;
        ok &= write(root + QStringLiteral("/etc/xen/xend-config.sxp"),
                    QStringLiteral("(xend-relocation-server no)\n(network-script network-bridge)\n(vif-script "
                                   "vif-bridge)\n(dom0-min-mem %1)\n(enable-dom0-ballooning %2)\n"
                                   "(total_available_memory 0)\n(dom0-cpus 0)\n(vncpasswd '')\n")
                        .arg(minMem)
                        .arg(host.config.xendBallooning ? QStringLiteral("yes") : QStringLiteral("no"))
                        .toUtf8());
    }
    // Guest configuration files, one per VM (xl/xm keep them in /etc/xen).
    for (const SimVm& vm : pool.vms) {
        if (vm.isControlDomain || vm.nameLabel.contains(u'/') || vm.nameLabel.contains(u'\n'))
            continue;
        QStringList vifs;
        for (const SimVif& v : pool.vifs) {
            if (v.vmUuid != vm.uuid)
                continue;
            const SimNetwork* n = pool.network(v.networkUuid);
            QStringList parts;
            if (!host.config.guestsWithoutMac.contains(vm.nameLabel))
                parts << QStringLiteral("mac=") + v.mac;
            parts << QStringLiteral("bridge=") + (n ? n->bridge : QStringLiteral("xenbr0"));
            if (v.device == 0 && host.config.customVifNames.contains(vm.nameLabel))
                parts << QStringLiteral("vifname=") + host.config.customVifNames.value(vm.nameLabel).toString();
            vifs << u'\'' + parts.join(u',') + u'\'';
        }
        QString cfg = QStringLiteral("# %1\n").arg(host.flavour == Flavour::XenXl ? QStringLiteral("xl guest config")
                                                                                  : QStringLiteral("xm guest config"));
        cfg += QStringLiteral("name = \"%1\"\n").arg(vm.nameLabel);
        cfg += vm.hvm ? QStringLiteral("type = \"hvm\"\n") : QStringLiteral("bootloader = \"pygrub\"\n");
        cfg += QStringLiteral("memory = %1\nvcpus = %2\n").arg(vm.memoryStaticMax / (1024 * 1024)).arg(vm.vcpusMax);
        cfg += QStringLiteral("vif = [ %1 ]\n").arg(vifs.join(QStringLiteral(", ")));
        cfg += QStringLiteral("disk = [ 'phy:/dev/vg0/%1-disk,xvda,w' ]\n").arg(vm.nameLabel);
        ok &= write(root + QStringLiteral("/etc/xen/") + vm.nameLabel + QStringLiteral(".cfg"), cfg.toUtf8());
    }
    return ok;
}

} // namespace xr::sim
