#include "NetworkParsers.h"
#include "SampleData.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// dom0 networking: brctl show, ovs-vsctl show / list-br, ip link / addr (with and without
// -o) and ifconfig, on the real samples, on the shapes the tools' sources print, and on
// input that is cut, binary, mis-encoded, huge or hostile.
class TestNetworkParsers final : public QObject
{
    Q_OBJECT

private:
    // ovs-vsctl show as cmd_show() prints it on a XenServer host: database UUID, a
    // manager, a controller with its state, VLAN tags, a patch port, a tunnel with
    // options and an error, quoted names (anything that is not an identifier), version.
    static QByteArray fullOvsShow()
    {
        return "5a6a1c5e-92a0-4b2e-8c7d-0e5f3c1b2a90\n"
               "    Manager \"ptcp:6640\"\n"
               "        is_connected: true\n"
               "    Bridge xenbr0\n"
               "        Controller \"tcp:10.0.0.9:6633\"\n"
               "            is_connected: false\n"
               "        fail_mode: standalone\n"
               "        Port \"vif3.0\"\n"
               "            tag: 100\n"
               "            Interface \"vif3.0\"\n"
               "        Port \"tap3.0\"\n"
               "            tag: 100\n"
               "            Interface \"tap3.0\"\n"
               "        Port trunk\n"
               "            trunks: [10, 20, 30]\n"
               "            Interface eth2\n"
               "        Port xenbr0\n"
               "            Interface xenbr0\n"
               "                type: internal\n"
               "        Port eth0\n"
               "            Interface eth0\n"
               "        Port \"patch-xapi1\"\n"
               "            Interface \"patch-xapi1\"\n"
               "                type: patch\n"
               "                options: {peer=\"patch-xenbr0\"}\n"
               "        Port \"vxlan-1\"\n"
               "            Interface \"vxlan-1\"\n"
               "                type: vxlan\n"
               "                options: {key=flow, remote_ip=\"10.0.0.2\"}\n"
               "                error: \"could not add network device vxlan-1 to ofproto (File exists)\"\n"
               "    Bridge \"xapi1\"\n"
               "        fail_mode: standalone\n"
               "        Port \"bond0\"\n"
               "            Interface \"eth1\"\n"
               "            Interface \"eth3\"\n"
               "        Port \"xapi1\"\n"
               "            Interface \"xapi1\"\n"
               "                type: internal\n"
               "    ovs_version: \"2.5.3\"\n";
    }

private Q_SLOTS:
    void brctlXen3Sample()
    {
        const auto r = NetworkParsers::parseBrctlShow(readSample("brctl-show__deimosfr-setting-up-xen-3x.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->bridges.size(), 1);
        const Bridge& b = r->bridges.first();
        QCOMPARE(b.name, u"xenbr0"_s);
        QCOMPARE(b.kind, Bridge::Kind::Linux);
        QCOMPARE(b.bridgeId, u"8000.ee5ad8739af7"_s);
        QCOMPARE(b.stpEnabled, false);
        QCOMPARE(b.interfaceNames(), (QStringList{u"vif0.0"_s, u"peth0"_s, u"tap0"_s, u"vif6.0"_s, u"vif31.0"_s}));
        QCOMPARE(b.ports.size(), 5);
        QCOMPARE(b.ports[1].name, u"peth0"_s);
        QCOMPARE(b.ports[1].line, 3);
        QVERIFY(!b.ports[1].interfaces.first().backend);
        // tap0 of Xen 3.x ioemu carries no domid.
        QVERIFY(!b.ports[2].interfaces.first().backend);
        const auto vif31 = b.ports[4].interfaces.first().backend;
        QVERIFY(vif31);
        QCOMPARE(vif31->domid, 31);
        QCOMPARE(vif31->devid, 0);
        QCOMPARE(b.ports[0].interfaces.first().backend->domid, 0);
        QCOMPARE(r->bridgeOf(u"vif6.0"), &b);
        QVERIFY(!r->bridgeOf(u"eth0"));
        QVERIFY(r->report.isClean());
    }

    void brctlDebianSample()
    {
        const auto r = NetworkParsers::parseBrctlShow(readSample("brctl-show__ldesi-vtcourse-debian10.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->bridges.size(), 1);
        QCOMPARE(r->bridges.first().bridgeId, u"8000.00505686cf9c"_s);
        QCOMPARE(r->bridges.first().interfaceNames(), QStringList{u"ens33"_s});
        QVERIFY(r->report.isClean());
    }

    void brctlSeveralBridges()
    {
        // RHEL with libvirt: virbr0 has no interface, STP on; Xen 3.2+ names the bridge
        // eth0 and the NIC peth0.
        const QByteArray text = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                                "eth0\t\t8000.001a6467b3c2\tno\t\tpeth0\n"
                                "\t\t\t\t\t\t\tvif1.0\n"
                                "\t\t\t\t\t\t\ttap2.0\n"
                                "\t\t\t\t\t\t\tvif2.0-emu\n"
                                "virbr0\t\t8000.000000000000\tyes\t\t\n"
                                "xenbr1\t\t8000.feffffffffff\tno\t\tvif1.1\n";
        const auto r = NetworkParsers::parseBrctlShow(text);
        QVERIFY(r.ok());
        QCOMPARE(r->bridges.size(), 3);
        QCOMPARE(r->byName(u"eth0")->interfaceNames().size(), 4);
        const Bridge* virbr = r->byName(u"virbr0");
        QVERIFY(virbr);
        QVERIFY(virbr->ports.isEmpty());
        QCOMPARE(virbr->stpEnabled, true);
        QCOMPARE(r->bridgeOf(u"vif1.1")->name, u"xenbr1"_s);
        const auto tap = r->byName(u"eth0")->ports[2].interfaces.first().backend;
        QCOMPARE(tap->kind, XenBackendName::Kind::Tap);
        QVERIFY(tap->isEmulated());
        QCOMPARE(tap->domid, 2);
        QCOMPARE(r->byName(u"eth0")->ports[3].interfaces.first().backend->kind, XenBackendName::Kind::VifEmu);
        QVERIFY(r->report.isClean());

        // Only the header: a host without bridges.
        const auto none = NetworkParsers::parseBrctlShow("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
        QVERIFY(none.ok());
        QVERIFY(none->bridges.isEmpty());
    }

    void brctlHostile()
    {
        QCOMPARE(NetworkParsers::parseBrctlShow("").error().code, u"empty"_s);
        QCOMPARE(NetworkParsers::parseBrctlShow(xrtest::binaryNoise(8192)).error().code, u"binary"_s);
        QCOMPARE(NetworkParsers::parseBrctlShow("bash: brctl: command not found\n").error().code, u"not-brctl"_s);

        // brctl complaining about one bridge, a line injected by a hostile name and a
        // stray continuation: all reported, the rest kept.
        const QByteArray text = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                                "br0\t\tcan't get info Operation not supported\n"
                                "xenbr0\t\t8000.ee5ad8739af7\tno\t\tvif1.0\n"
                                "\t\t\t\t\t\t\t$(reboot) 'x'\n"
                                "xenbr0\t\t8000.ee5ad8739af7\tno\t\tvif1.0\n";
        const auto r = NetworkParsers::parseBrctlShow(text);
        QVERIFY(r.ok());
        QVERIFY(r->report.partial);
        QCOMPARE(r->bridges.size(), 2);
        QCOMPARE(r->report.issues.size(), 4);

        const QByteArray sample = readSample("brctl-show__deimosfr-setting-up-xen-3x.txt");
        for (qsizetype n = 0; n < sample.size(); ++n) {
            const auto cut = NetworkParsers::parseBrctlShow(sample.left(n));
            if (cut.ok() && !sample.left(n).endsWith('\n'))
                QVERIFY2(cut->report.partial, qPrintable(QString::number(n)));
            if (cut.ok())
                QVERIFY(cut->bridges.size() <= 1);
        }

        QByteArray mixed = sample;
        mixed.replace("peth0", xrtest::invalidUtf8Name());
        const auto m = NetworkParsers::parseBrctlShow(mixed);
        QVERIFY(m.ok());
        QVERIFY(m->report.invalidUtf8);
        QCOMPARE(m->bridges.first().ports.size(), 5);

        const QByteArray huge =
            "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nxenbr0\t\t8000.ee5ad8739af7\tno\t\tvif1.0\n" +
            xrtest::repeatTo("\t\t\t\t\t\t\tvif2.0\n", 100 * 1024 * 1024);
        const auto h = NetworkParsers::parseBrctlShow(huge);
        QVERIFY(h.ok());
        QVERIFY(h->report.partial);
        QCOMPARE(h->bridges.first().ports.size(), 65536);
    }

    void ovsBondSample()
    {
        const auto r = NetworkParsers::parseOvsVsctlShow(readSample("ovs-vsctl-show__xcpng-docs-bond.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->bridges.size(), 1);
        const Bridge& b = r->bridges.first();
        QCOMPARE(b.name, u"xapi1"_s);
        QCOMPARE(b.kind, Bridge::Kind::OpenVSwitch);
        QCOMPARE(b.failMode, u"standalone"_s);
        QCOMPARE(b.ports.size(), 2);
        const BridgePort* bond = b.port(u"bond0");
        QVERIFY(bond);
        QVERIFY(bond->isBond());
        QCOMPARE(bond->interfaces.size(), 2);
        QCOMPARE(bond->interfaces[0].name, u"eth0"_s);
        QCOMPARE(bond->interfaces[1].name, u"eth1"_s);
        QVERIFY(bond->interfaces[1].type.isEmpty());
        QVERIFY(!bond->vlanTag);
        const BridgePort* internal = b.port(u"xapi1");
        QCOMPARE(internal->interfaces.size(), 1);
        QCOMPARE(internal->interfaces.first().type, u"internal"_s);
        QCOMPARE(internal->interfaces.first().line, 7);
        QCOMPARE(r->bridgeOf(u"eth1"), &b);
        QVERIFY(r->ovsVersion.isEmpty());
        // The excerpt stops before ovs_version: noted, not partial.
        QVERIFY(!r->report.partial);
        QCOMPARE(r->report.issues.size(), 1);
    }

    void ovsFullShow()
    {
        const auto r = NetworkParsers::parseOvsVsctlShow(fullOvsShow());
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->ovsUuid, u"5a6a1c5e-92a0-4b2e-8c7d-0e5f3c1b2a90"_s);
        QCOMPARE(r->ovsVersion, u"2.5.3"_s);
        QCOMPARE(r->managers, QStringList{u"ptcp:6640"_s});
        QCOMPARE(r->bridges.size(), 2);
        const Bridge* x = r->byName(u"xenbr0");
        QCOMPARE(x->controllers, QStringList{u"tcp:10.0.0.9:6633"_s});
        QCOMPARE(x->failMode, u"standalone"_s);
        QCOMPARE(x->ports.size(), 7);
        QCOMPARE(x->port(u"vif3.0")->vlanTag, 100);
        QCOMPARE(x->port(u"vif3.0")->interfaces.first().backend->domid, 3);
        QCOMPARE(x->port(u"tap3.0")->interfaces.first().backend->kind, XenBackendName::Kind::Tap);
        QCOMPARE(x->port(u"trunk")->trunks, (QList<int>{10, 20, 30}));
        QVERIFY(!x->port(u"trunk")->vlanTag);
        const BridgeInterface& patch = x->port(u"patch-xapi1")->interfaces.first();
        QCOMPARE(patch.type, u"patch"_s);
        QCOMPARE(patch.option(u"peer"), u"patch-xenbr0"_s);
        const BridgeInterface& vx = x->port(u"vxlan-1")->interfaces.first();
        QCOMPARE(vx.options.size(), 2);
        QCOMPARE(vx.option(u"key"), u"flow"_s);
        QCOMPARE(vx.option(u"remote_ip"), u"10.0.0.2"_s);
        QCOMPARE(vx.error, u"could not add network device vxlan-1 to ofproto (File exists)"_s);
        const Bridge* xapi1 = r->byName(u"xapi1");
        QVERIFY(xapi1);
        QCOMPARE(xapi1->port(u"bond0")->interfaces.size(), 2);
        QCOMPARE(r->bridgeOf(u"eth3"), xapi1);
    }

    void ovsQuotedHostileNames()
    {
        // ovs-vsctl writes names as JSON strings: quotes, newlines and $() come back intact
        // and a newline cannot fake a block.
        const QByteArray text = "    Bridge \"br \\\"evil\\\"\\nPort x\"\n"
                                "        Port \"$(reboot)\"\n"
                                "            Interface \"it's\\u00e9\"\n"
                                "    ovs_version: \"2.17.9\"\n";
        const auto r = NetworkParsers::parseOvsVsctlShow(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->bridges.first().name, u"br \"evil\"\nPort x"_s);
        QCOMPARE(r->bridges.first().ports.first().name, u"$(reboot)"_s);
        QCOMPARE(r->bridges.first().ports.first().interfaces.first().name, u"it's\u00e9"_s);

        // Blocks where ovs-vsctl never prints them, a bad tag, a cut quoted name.
        const QByteArray bad = "    Port orphan\n"
                               "    Bridge b\n"
                               "        Interface lost\n"
                               "        Port p\n"
                               "            tag: 5000\n"
                               "            Interface \"cut\n";
        const auto b = NetworkParsers::parseOvsVsctlShow(bad);
        QVERIFY(b.ok());
        QVERIFY(b->report.partial);
        QCOMPARE(b->bridges.size(), 1);
        QVERIFY(!b->bridges.first().ports.first().vlanTag);
        QVERIFY(b->bridges.first().ports.first().interfaces.isEmpty());
        QCOMPARE(b->report.issues.size(), 6);
    }

    void ovsUnusable()
    {
        QCOMPARE(NetworkParsers::parseOvsVsctlShow("").error().code, u"empty"_s);
        QCOMPARE(NetworkParsers::parseOvsVsctlShow(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QCOMPARE(NetworkParsers::parseOvsVsctlShow("ovs-vsctl: unix:/var/run/openvswitch/db.sock: database "
                                                   "connection failed (No such file or directory)\n")
                     .error()
                     .code,
                 u"not-ovs"_s);

        const QByteArray full = fullOvsShow();
        for (qsizetype n = 1; n < full.size(); ++n) {
            const QByteArray cut = full.left(n);
            const auto r = NetworkParsers::parseOvsVsctlShow(cut);
            if (!r.ok())
                continue;
            // Cut anywhere before the last line: flagged partial, or at least noted (a cut
            // at a line end before ovs_version).
            QVERIFY2(cut.endsWith('\n') ? !r->report.isClean() : r->report.partial, qPrintable(QString::number(n)));
        }

        const QByteArray huge =
            "    Bridge b\n" + xrtest::repeatTo("        Port p\n            Interface i\n", 100 * 1024 * 1024);
        const auto h = NetworkParsers::parseOvsVsctlShow(huge);
        QVERIFY(h.ok());
        QVERIFY(h->report.partial);
        QCOMPARE(h->bridges.first().interfaceNames().size(), 65536);
    }

    void ovsListBridges()
    {
        const auto r = NetworkParsers::parseOvsListBridges(readSample("ovs-vsctl-list-br__xcpng-docs.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->bridges.size(), 2);
        QCOMPARE(r->bridges[0].name, u"xapi0"_s);
        QCOMPARE(r->bridges[1].name, u"xenbr0"_s);
        QCOMPARE(r->bridges[1].kind, Bridge::Kind::OpenVSwitch);
        QVERIFY(r->report.isClean());

        const auto empty = NetworkParsers::parseOvsListBridges("");
        QVERIFY(empty.ok());
        QVERIFY(empty->bridges.isEmpty());
        QCOMPARE(NetworkParsers::parseOvsListBridges(
                     "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed\n")
                     .error()
                     .code,
                 u"not-ovs"_s);
        QCOMPARE(NetworkParsers::parseOvsListBridges(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        const auto cut = NetworkParsers::parseOvsListBridges("xapi0\nxenb");
        QVERIFY(cut.ok());
        QVERIFY(cut->report.partial);
        const auto dup = NetworkParsers::parseOvsListBridges("xapi0\nxapi0\n");
        QVERIFY(dup->report.partial);
    }

    void ipLinkSamples()
    {
        const auto s = NetworkParsers::parseIpLink(readSample("ip-link__dcrazyboy-opensuse-xenbr.txt"));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QVERIFY2(s->report.isClean(), qPrintable(s->report.summary()));
        QCOMPARE(s->interfaces.size(), 10);
        const NetInterface* lo = s->byName(u"lo");
        QCOMPARE(lo->index, 1);
        QCOMPARE(lo->linkType, u"loopback"_s);
        QCOMPARE(lo->mtu, 65536);
        QCOMPARE(lo->state, u"UNKNOWN"_s);
        QCOMPARE(lo->flags, (QStringList{u"LOOPBACK"_s, u"UP"_s, u"LOWER_UP"_s}));
        const NetInterface* enp6 = s->byName(u"enp6s0");
        QCOMPARE(enp6->master, u"xenbr0"_s);
        QCOMPARE(enp6->mac, u"10:27:f5:c7:79:3c"_s);
        QCOMPARE(enp6->linkBroadcast, u"ff:ff:ff:ff:ff:ff"_s);
        QCOMPARE(enp6->altNames, QStringList{u"enx1027f5c7793c"_s});
        QCOMPARE(enp6->qdisc, u"pfifo_fast"_s);
        QCOMPARE(enp6->mode, u"DEFAULT"_s);
        QCOMPARE(enp6->group, u"default"_s);
        QCOMPARE(enp6->txQueueLength, 1000);
        QVERIFY(enp6->isUp());
        QVERIFY(s->byName(u"enp9s0")->master.isEmpty());
        const NetInterface* vlan = s->byIndex(8);
        QCOMPARE(vlan->name, u"enp9s0.20"_s);
        QCOMPARE(vlan->parent, u"enp9s0"_s);
        QCOMPARE(vlan->master, u"xenbr2"_s);
        QVERIFY(!vlan->backend);
        QCOMPARE(s->byName(u"enp9s0.30")->master, u"xenbr3"_s);
        QCOMPARE(s->enslavedTo(u"xenbr1").size(), 1);
        QCOMPARE(s->enslavedTo(u"xenbr1").first()->name, u"enp9s0.10"_s);
        QCOMPARE(s->byName(u"xenbr3")->mac, u"a6:cb:7e:a0:75:64"_s);
        QCOMPARE(s->byName(u"xenbr3")->line, 15);

        const auto v = NetworkParsers::parseIpLink(readSample("ip-link-vif__xo-issue-1814-xs70-ovs.txt"));
        QVERIFY(v.ok());
        QCOMPARE(v->interfaces.size(), 1);
        const NetInterface& vif = v->interfaces.first();
        QCOMPARE(vif.index, 128);
        QCOMPARE(vif.name, u"vif53.0"_s);
        QCOMPARE(vif.backend->domid, 53);
        QCOMPARE(vif.backend->devid, 0);
        QCOMPARE(vif.backend->kind, XenBackendName::Kind::Vif);
        QCOMPARE(vif.master, u"ovs-system"_s);
        QCOMPARE(vif.state, u"DOWN"_s);
        QCOMPARE(vif.qdisc, u"noop"_s);
        QCOMPARE(vif.txQueueLength, 32);
        QVERIFY(!vif.isUp());
        QCOMPARE(vif.flags, (QStringList{u"BROADCAST"_s, u"NOARP"_s}));
        QCOMPARE(vif.mac, u"fe:ff:ff:ff:ff:ff"_s);
        QCOMPARE(v->ofDomain(53).size(), 1);
        QVERIFY(v->report.isClean());
    }

    void ipAddrSample()
    {
        const auto r = NetworkParsers::parseIpLink(readSample("ip-addr__xcpng-issue-103-xs76-ovs-system.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->interfaces.size(), 7);
        const NetInterface* lo = r->byName(u"lo");
        QCOMPARE(lo->addresses.size(), 1);
        QCOMPARE(lo->addresses.first().family, u"inet"_s);
        QCOMPARE(lo->addresses.first().address, u"127.0.0.1/8"_s);
        QCOMPARE(lo->addresses.first().scope, u"host"_s);
        QCOMPARE(lo->txQueueLength, 1);
        QCOMPARE(r->enslavedTo(u"ovs-system").size(), 6);
        const NetInterface* eth3 = r->byName(u"eth3");
        QVERIFY(eth3->hasNoCarrier());
        QVERIFY(eth3->isUp());
        QCOMPARE(eth3->state, u"DOWN"_s);
        QCOMPARE(eth3->mac, u"20:67:7c:dd:92:27"_s);
        QCOMPARE(r->byName(u"eth5")->mac, u"98:f2:b3:09:b5:4d"_s);
        QVERIFY(!r->byName(u"eth0")->hasNoCarrier());
        QCOMPARE(r->byName(u"eth0")->state, u"UP"_s);
    }

    void ipOneLineAndDetails()
    {
        // ip -o link and ip -o addr (details after "\"), ip -d -s link, a veth peer.
        const QByteArray oneLine =
            "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen "
            "1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
            "12: vif7.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq master xenbr0 state UP mode DEFAULT "
            "group default qlen 32\\    link/ether fe:ff:ff:ff:ff:ff brd ff:ff:ff:ff:ff:ff\n"
            "13: vif7.1-emu: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast master xenbr0 state "
            "UNKNOWN mode DEFAULT group default qlen 1000\\    link/ether fe:ff:ff:ff:ff:ff brd "
            "ff:ff:ff:ff:ff:ff\n";
        const auto o = NetworkParsers::parseIpLink(oneLine);
        QVERIFY2(o.ok(), qPrintable(o.errorMessage()));
        QVERIFY2(o->report.isClean(), qPrintable(o->report.summary()));
        QCOMPARE(o->interfaces.size(), 3);
        QCOMPARE(o->byIndex(12)->backend->devid, 1);
        QCOMPARE(o->byIndex(12)->mac, u"fe:ff:ff:ff:ff:ff"_s);
        QCOMPARE(o->byIndex(13)->backend->kind, XenBackendName::Kind::VifEmu);
        QCOMPARE(o->ofDomain(7).size(), 2);
        QCOMPARE(o->byName(u"lo")->linkType, u"loopback"_s);

        const QByteArray addr = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft "
                                "forever\n"
                                "2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\\       valid_lft "
                                "forever preferred_lft forever\n"
                                "2: eth0    inet6 fe80::222:19ff:fe5b:1/64 scope link \\       valid_lft forever "
                                "preferred_lft forever\n";
        const auto a = NetworkParsers::parseIpLink(addr);
        QVERIFY(a.ok());
        QVERIFY2(a->report.isClean(), qPrintable(a->report.summary()));
        QCOMPARE(a->interfaces.size(), 2);
        QCOMPARE(a->byName(u"eth0")->addresses.size(), 2);
        QCOMPARE(a->byName(u"eth0")->addresses[0].broadcast, u"10.0.0.255"_s);
        QCOMPARE(a->byName(u"eth0")->addresses[1].family, u"inet6"_s);
        QCOMPARE(a->byName(u"eth0")->addresses[1].scope, u"link"_s);

        const QByteArray detailed =
            "5: veth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master xenbr0 state UP mode "
            "DEFAULT group default qlen 1000\n"
            "    link/ether 3e:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1 minmtu 68\n"
            "    veth\n"
            "    bridge_slave state forwarding priority 32 cost 2\n"
            "    RX:  bytes packets errors dropped  missed   mcast\n"
            "          4242      10      0       0       0       0\n"
            "    TX:  bytes packets errors dropped carrier collsns\n"
            "          1717       7      0       0       0       0\n";
        const auto d = NetworkParsers::parseIpLink(detailed);
        QVERIFY(d.ok());
        QVERIFY2(d->report.isClean(), qPrintable(d->report.summary()));
        QCOMPARE(d->interfaces.first().parent, u"if4"_s);
        QCOMPARE(d->interfaces.first().rxBytes, 4242);
        QCOMPARE(d->interfaces.first().txBytes, 1717);
    }

    void backendNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("domid");
        QTest::addColumn<int>("devid");
        QTest::newRow("vif") << u"vif53.0"_s << 53 << 0;
        QTest::newRow("dom0 vif") << u"vif0.0"_s << 0 << 0;
        QTest::newRow("tap") << u"tap12.3"_s << 12 << 3;
        QTest::newRow("emu") << u"vif12.3-emu"_s << 12 << 3;
        QTest::newRow("largest domid") << u"vif32751.0"_s << 32751 << 0;
        QTest::newRow("reserved domid") << u"vif32752.0"_s << -1 << -1;
        QTest::newRow("no devid") << u"vif5"_s << -1 << -1;
        QTest::newRow("xen3 tap") << u"tap0"_s << -1 << -1;
        QTest::newRow("leading zero") << u"vif05.0"_s << -1 << -1;
        QTest::newRow("custom vifname") << u"vifweb1"_s << -1 << -1;
        QTest::newRow("tap-emu") << u"tap3.0-emu"_s << -1 << -1;
        QTest::newRow("nic") << u"eth0"_s << -1 << -1;
        QTest::newRow("huge") << u"vif99999999999999999999.0"_s << -1 << -1;
        QTest::newRow("extra dot") << u"vif1.2.3"_s << -1 << -1;
    }

    void backendNames()
    {
        QFETCH(QString, name);
        QFETCH(int, domid);
        QFETCH(int, devid);
        const auto b = XenBackendName::fromInterfaceName(name);
        QCOMPARE(b.has_value(), domid >= 0);
        if (!b)
            return;
        QCOMPARE(b->domid, domid);
        QCOMPARE(b->devid, devid);
    }

    void ipHostile()
    {
        QCOMPARE(NetworkParsers::parseIpLink("").error().code, u"empty"_s);
        QCOMPARE(NetworkParsers::parseIpLink(xrtest::binaryNoise(8192)).error().code, u"binary"_s);
        QCOMPARE(NetworkParsers::parseIpLink("Device \"vif9.0\" does not exist.\n").error().code, u"no-interfaces"_s);

        for (const char* file :
             {"ip-link__dcrazyboy-opensuse-xenbr.txt", "ip-addr__xcpng-issue-103-xs76-ovs-system.txt"}) {
            const QByteArray data = readSample(file);
            QVERIFY(!data.isEmpty());
            for (qsizetype n = 1; n < data.size(); ++n) {
                const QByteArray cut = data.left(n);
                const auto r = NetworkParsers::parseIpLink(cut);
                if (!r.ok())
                    continue;
                // Cut inside a line, or after a record's first line and before its link/:
                // partial. Cut between whole records: complete.
                if (!cut.endsWith('\n'))
                    QVERIFY2(r->report.partial, qPrintable(QStringLiteral("%1 at %2").arg(QLatin1String(file)).arg(n)));
                QVERIFY(r->interfaces.size() <= 10);
            }
        }

        QByteArray evil = "3: eth0: <UP> mtu 1500 qdisc mq state UP\n    link/ether 00:16:3e:00:00:01 brd "
                          "ff:ff:ff:ff:ff:ff\n";
        evil += "4: ";
        evil += xrtest::invalidUtf8Name();
        evil += ": <UP> mtu 1500\n    link/ether 00:16:3e:00:00:02 brd ff:ff:ff:ff:ff:ff\n";
        evil += "3: eth0: <UP> mtu 99999999999999999999 state $(reboot)\n    link/ether 00:16:3e:00\n";
        const auto e = NetworkParsers::parseIpLink(evil);
        QVERIFY(e.ok());
        QVERIFY(e->report.invalidUtf8);
        QVERIFY(e->report.partial);
        QCOMPARE(e->interfaces.size(), 3);
        QVERIFY(!e->interfaces[2].mtu);
        QCOMPARE(e->interfaces[2].state, u"$(reboot)"_s);

        const QByteArray huge = xrtest::repeatTo("7: vif1.0: <UP> mtu 1500\\    link/ether fe:ff:ff:ff:ff:ff brd "
                                                 "ff:ff:ff:ff:ff:ff\n",
                                                 100 * 1024 * 1024);
        const auto h = NetworkParsers::parseIpLink(huge);
        QVERIFY(h.ok());
        // The same index again and again: reported (capped), never a crash.
        QVERIFY(h->report.partial);
        QCOMPARE(h->interfaces.size(), 65536);
    }

    void ifconfigSample()
    {
        const auto r = NetworkParsers::parseIfconfig(readSample("ifconfig-vif__buildroot-issue-187.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->interfaces.size(), 2);
        const NetInterface& up = r->interfaces[0];
        QCOMPARE(up.name, u"vif24.0"_s);
        QCOMPARE(up.index, -1);
        QCOMPARE(up.linkType, u"ether"_s);
        QCOMPARE(up.mac, u"fe:ff:ff:ff:ff:ff"_s);
        QCOMPARE(up.flags, (QStringList{u"UP"_s, u"BROADCAST"_s, u"RUNNING"_s, u"NOARP"_s}));
        QVERIFY(up.isUp());
        QCOMPARE(up.mtu, 1500);
        QCOMPARE(up.txQueueLength, 32);
        QCOMPARE(up.rxBytes, 2992);
        QCOMPARE(up.txBytes, 3468);
        QCOMPARE(up.addresses.size(), 1);
        QCOMPARE(up.addresses.first().address, u"fe80::fcff:ffff:feff:ffff/64"_s);
        QCOMPARE(up.addresses.first().scope, u"link"_s);
        QCOMPARE(up.backend->domid, 24);
        QVERIFY(!up.nameMayBeCut);
        const NetInterface& down = r->interfaces[1];
        QCOMPARE(down.name, u"vif24.1"_s);
        QCOMPARE(down.backend->devid, 1);
        QVERIFY(!down.isUp());
        QCOMPARE(down.rxBytes, 0);
        QCOMPARE(down.line, 9);
        QCOMPARE(r->ofDomain(24).size(), 2);
    }

    void ifconfigNewLayoutAndCutNames()
    {
        const QByteArray text = "vif3.0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                                "        inet 10.1.2.3  netmask 255.255.255.0  broadcast 10.1.2.255\n"
                                "        inet6 fe80::fcff:ffff:feff:ffff  prefixlen 64  scopeid 0x20<link>\n"
                                "        ether fe:ff:ff:ff:ff:ff  txqueuelen 32  (Ethernet)\n"
                                "        RX packets 25  bytes 2992 (2.9 KiB)\n"
                                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                                "        TX packets 50  bytes 3468 (3.4 KiB)\n"
                                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                                "\n"
                                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                                "        loop  txqueuelen 1000  (Local Loopback)\n"
                                "        RX packets 0  bytes 0 (0.0 B)\n"
                                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                                "        TX packets 0  bytes 0 (0.0 B)\n"
                                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n";
        const auto r = NetworkParsers::parseIfconfig(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->interfaces.size(), 2);
        const NetInterface& v = r->interfaces[0];
        QCOMPARE(v.flags.size(), 4);
        QCOMPARE(v.mtu, 1500);
        QCOMPARE(v.addresses[0].netmask, u"255.255.255.0"_s);
        QCOMPARE(v.addresses[1].address, u"fe80::fcff:ffff:feff:ffff/64"_s);
        QCOMPARE(v.addresses[1].scope, u"link"_s);
        QCOMPARE(v.mac, u"fe:ff:ff:ff:ff:ff"_s);
        QCOMPARE(v.txQueueLength, 32);
        QCOMPARE(v.rxBytes, 2992);
        QCOMPARE(v.txBytes, 3468);
        QCOMPARE(r->interfaces[1].linkType, u"loopback"_s);

        // net-tools 1.60 prints names in a 9-wide column, cut: "vif123.10" may be longer.
        const QByteArray old = "vif123.10 Link encap:Ethernet  HWaddr FE:FF:FF:FF:FF:FF\n"
                               "          inet addr:10.0.0.1  Bcast:10.0.0.255  Mask:255.255.255.0\n"
                               "          BROADCAST NOARP  MTU:1500  Metric:1\n"
                               "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n"
                               "\n"
                               "lo        Link encap:Local Loopback  \n"
                               "          UP LOOPBACK RUNNING  MTU:16436  Metric:1\n"
                               "          RX bytes:1 (1.0 B)  TX bytes:1 (1.0 B)\n";
        const auto o = NetworkParsers::parseIfconfig(old);
        QVERIFY(o.ok());
        QVERIFY2(o->report.isClean(), qPrintable(o->report.summary()));
        QVERIFY(o->interfaces[0].nameMayBeCut);
        QCOMPARE(o->interfaces[0].mac, u"fe:ff:ff:ff:ff:ff"_s);
        QCOMPARE(o->interfaces[0].addresses.first().address, u"10.0.0.1"_s);
        QCOMPARE(o->interfaces[0].addresses.first().broadcast, u"10.0.0.255"_s);
        QCOMPARE(o->interfaces[0].addresses.first().netmask, u"255.255.255.0"_s);
        QCOMPARE(o->interfaces[1].linkType, u"loopback"_s);
        QCOMPARE(o->interfaces[1].mtu, 16436);
        QVERIFY(!o->interfaces[1].nameMayBeCut);
    }

    void ifconfigHostile()
    {
        QCOMPARE(NetworkParsers::parseIfconfig("").error().code, u"empty"_s);
        QCOMPARE(NetworkParsers::parseIfconfig(xrtest::binaryNoise(8192)).error().code, u"binary"_s);
        QCOMPARE(NetworkParsers::parseIfconfig("vif9.0: error fetching interface information: Device not found\n")
                     .error()
                     .code,
                 u"no-interfaces"_s);
        const QByteArray data = readSample("ifconfig-vif__buildroot-issue-187.txt");
        for (qsizetype n = 1; n < data.size(); ++n) {
            const QByteArray cut = data.left(n);
            const auto r = NetworkParsers::parseIfconfig(cut);
            // Complete only when cut right after a record's last (counters) line.
            const bool atRecordEnd = cut.endsWith("KB)\n") || cut.endsWith("KB)\n\n") || n == data.size();
            if (r.ok() && !atRecordEnd)
                QVERIFY2(r->report.partial, qPrintable(QString::number(n)));
            if (r.ok() && atRecordEnd)
                QVERIFY(!r->report.partial);
        }
        QByteArray bad = data;
        bad.replace("vif24.1", "$(x)\"'\xff");
        const auto b = NetworkParsers::parseIfconfig(bad);
        QVERIFY(b.ok());
        QVERIFY(b->report.invalidUtf8);
        QCOMPARE(b->interfaces.size(), 2);
        QVERIFY(!b->interfaces[1].backend);
    }
};

QTEST_GUILESS_MAIN(TestNetworkParsers)
#include "tst_networkparsers.moc"
