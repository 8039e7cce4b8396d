// NetworkTopology (issue 8): the drawing's nodes and edges from real brctl / ovs-vsctl / ip
// samples, each check firing on input made to trip it and quiet otherwise, guest .cfg files,
// JSON and DOT, hostile input.
#include "NetworkTopology.h"
#include "SampleData.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace xr;

namespace {

bool hasEdge(const NetworkTopology& t, const QString& from, const QString& to)
{
    for (const TopologyEdge& e : t.edges)
        if (e.from == from && e.to == to)
            return true;
    return false;
}

QList<NetworkFinding::Check> checks(const NetworkTopology& t)
{
    QList<NetworkFinding::Check> out;
    for (const NetworkFinding& f : t.findings)
        out << f.check;
    return out;
}

// An xl host: xenbr0 with eth0 and two guests, as brctl and ip print it.
NetworkInputs healthyXl()
{
    NetworkInputs in;
    in.flavour = FlavourKind::Xl;
    in.brctlShow = QByteArrayLiteral("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                                     "xenbr0\t\t8000.d27e410a5c01\tno\t\teth0\n"
                                     "\t\t\t\t\t\t\tvif1.0\n"
                                     "\t\t\t\t\t\t\tvif2.0\n");
    in.ipLink = QByteArrayLiteral(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    "
        "link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc mq master xenbr0 state UP mode DEFAULT group "
        "default qlen 1000\\    link/ether 00:16:3e:11:22:33 brd ff:ff:ff:ff:ff:ff\n"
        "3: xenbr0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen "
        "1000\\    link/ether d2:7e:41:0a:5c:01 brd ff:ff:ff:ff:ff:ff\n"
        "4: vif1.0: <BROADCAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc mq master xenbr0 state UP mode DEFAULT group "
        "default qlen 32\\    link/ether fe:ff:ff:ff:ff:ff brd ff:ff:ff:ff:ff:ff\n"
        "5: vif2.0: <BROADCAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc mq master xenbr0 state UP mode DEFAULT group "
        "default qlen 32\\    link/ether fe:ff:ff:ff:ff:ff brd ff:ff:ff:ff:ff:ff\n");
    in.domainList = QByteArrayLiteral("Name                                        ID   Mem VCPUs\tState\tTime(s)\n"
                                      "Domain-0                                     0  4096     4     r-----     "
                                      "120.3\n"
                                      "web                                          1  2048     2     -b----      "
                                      "12.0\n"
                                      "db                                           2  4096     2     -b----      "
                                      "30.1\n");
    in.bridgeNfCallIptables = QByteArrayLiteral("1\n");
    in.iptablesForward = QByteArrayLiteral("-P FORWARD ACCEPT\n");
    in.guestConfigs << *GuestNetConfig::parse(u"/etc/xen/web.cfg"_s,
                                              "name = \"web\"\nvif = [ 'mac=00:16:3e:aa:00:01,bridge=xenbr0' ]\n");
    in.guestConfigs << *GuestNetConfig::parse(u"/etc/xen/db.cfg"_s,
                                              "name = 'db'\nvif = [\n  \"mac=00:16:3e:aa:00:02, bridge=xenbr0\",\n]\n");
    return in;
}

} // namespace

class TestNetworkTopology final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brctlSample()
    {
        const QByteArray s = xrtest::readSample("brctl-show__deimosfr-setting-up-xen-3x.txt");
        QVERIFY(!s.isEmpty());
        NetworkInputs in;
        in.flavour = FlavourKind::Xm;
        in.brctlShow = s;
        const NetworkTopology t = NetworkTopology::build(in);
        QVERIFY(t.node(u"bridge:xenbr0"_s));
        QCOMPARE(t.node(u"bridge:xenbr0"_s)->bridgeType, u"linux"_s);
        QVERIFY(hasEdge(t, u"nic:peth0"_s, u"bridge:xenbr0"_s));
        QVERIFY(hasEdge(t, u"bridge:xenbr0"_s, u"vif:vif6.0"_s));
        QVERIFY(hasEdge(t, u"bridge:xenbr0"_s, u"vif:vif31.0"_s));
        QVERIFY(hasEdge(t, u"vif:vif31.0"_s, u"vm:dom31"_s));
        QCOMPARE(t.node(u"vif:vif6.0"_s)->domid, 6);
        QVERIFY(!checks(t).contains(NetworkFinding::Check::NoUplink));
    }

    void ovsBondSample()
    {
        const QByteArray s = xrtest::readSample("ovs-vsctl-show__xcpng-docs-bond.txt");
        QVERIFY(!s.isEmpty());
        NetworkInputs in;
        in.ovsVsctlShow = s;
        const NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(t.node(u"bridge:xapi1"_s)->bridgeType, u"openvswitch"_s);
        QVERIFY(hasEdge(t, u"nic:eth0"_s, u"bridge:xapi1"_s));
        QVERIFY(hasEdge(t, u"nic:eth1"_s, u"bridge:xapi1"_s));
        QVERIFY(!t.node(u"nic:xapi1"_s)); // the bridge's internal port is not an uplink
        QVERIFY(t.findings.isEmpty());
    }

    void ipLinkLabels()
    {
        const NetworkTopology t = NetworkTopology::build(healthyXl());
        const TopologyNode* eth0 = t.node(u"nic:eth0"_s);
        QVERIFY(eth0);
        QCOMPARE(eth0->mac, u"00:16:3e:11:22:33"_s);
        QCOMPARE(eth0->mtu, 9000);
        QCOMPARE(eth0->state, u"UP"_s);
        const TopologyNode* vif = t.node(u"vif:vif1.0"_s);
        QVERIFY(vif);
        QCOMPARE(vif->mac, u"00:16:3e:aa:00:01"_s); // the guest's MAC from its config, not fe:ff:...
        QVERIFY(hasEdge(t, u"vif:vif2.0"_s, u"vm:dom2"_s));
        QCOMPARE(t.node(u"vm:dom2"_s)->name, u"db"_s);
        QVERIFY2(t.findings.isEmpty(), qPrintable(t.findings.value(0).title));
        QStringList path = t.pathOfVm(u"web"_s);
        path.sort();
        QCOMPARE(path, (QStringList{u"bridge:xenbr0"_s, u"nic:eth0"_s, u"vif:vif1.0"_s, u"vm:dom1"_s}));
        QCOMPARE(t.pathOfVm(u"dom2"_s).size(), 4);
        QVERIFY(t.pathOfVm(u"nobody"_s).isEmpty());
    }

    void xapiRecords()
    {
        NetworkInputs in;
        in.hostUuid = u"h1"_s;
        in.ovsVsctlShow = QByteArrayLiteral("abcd\n    Bridge xenbr0\n        fail_mode: standalone\n"
                                            "        Port xenbr0\n            Interface xenbr0\n                type: "
                                            "internal\n        Port eth0\n            Interface eth0\n"
                                            "        Port vif3.0\n            Interface vif3.0\n"
                                            "    ovs_version: \"2.5.3\"\n");
        in.xeNetworks =
            QByteArrayLiteral("uuid ( RO)          : n1\n    name-label ( RW): Pool-wide network associated "
                              "with eth0\n        bridge ( RO): xenbr0\n           MTU ( RW): 1500\n");
        in.xePifs = QByteArrayLiteral("uuid ( RO)         : p1\n    device ( RO): eth0\n       MAC ( RO): "
                                      "00:16:3e:00:00:01\n      VLAN ( RO): -1\n       MTU ( RO): 1500\n"
                                      " host-uuid ( RO): h1\n\n\nuuid ( RO)         : p2\n    device ( RO): eth0\n"
                                      "       MAC ( RO): 00:16:3e:00:00:99\n host-uuid ( RO): h2\n");
        in.xeVifs = QByteArrayLiteral("uuid ( RO)      : v1\n vm-uuid ( RO): vm-a\n  device ( RO): 0\n     MAC ( RO): "
                                      "aa:bb:cc:dd:ee:ff\n");
        in.xeVms = QByteArrayLiteral("uuid ( RO)           : vm-a\n     name-label ( RW): web-01\n         dom-id ( "
                                     "RO): 3\n    resident-on ( RO): h1\n");
        const NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(t.node(u"bridge:xenbr0"_s)->network, u"Pool-wide network associated with eth0"_s);
        QCOMPARE(t.node(u"nic:eth0"_s)->mac, u"00:16:3e:00:00:01"_s); // this host's PIF, not h2's
        QCOMPARE(t.node(u"vif:vif3.0"_s)->mac, u"aa:bb:cc:dd:ee:ff"_s);
        QVERIFY(hasEdge(t, u"vif:vif3.0"_s, u"vm:vm-a"_s));
        QCOMPARE(t.node(u"vm:vm-a"_s)->name, u"web-01"_s);
        QCOMPARE(t.pathOfVm(u"vm-a"_s).size(), 4);
    }

    void noUplink()
    {
        NetworkInputs in = healthyXl();
        in.brctlShow = QByteArrayLiteral("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                                         "xenbr0\t\t8000.d27e410a5c01\tno\t\teth0\n"
                                         "\t\t\t\t\t\t\tvif1.0\n"
                                         "xenbr1\t\t8000.d27e410a5c02\tno\t\tvif2.0\n");
        const NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(checks(t), QList<NetworkFinding::Check>{NetworkFinding::Check::NoUplink});
        QVERIFY(t.findings[0].nodeIds.contains(u"bridge:xenbr1"_s));
        QVERIFY(t.findings[0].nodeIds.contains(u"vif:vif2.0"_s));
        QVERIFY(t.findings[0].nodeIds.contains(u"vm:dom2"_s));
        QCOMPARE(t.findingNumbersOf(u"bridge:xenbr1"_s), QList<int>{1});
    }

    void emptyBridge()
    {
        NetworkInputs in = healthyXl();
        in.brctlShow = *in.brctlShow + QByteArrayLiteral("xenbr9\t\t8000.000000000000\tno\t\t\n");
        const NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(checks(t), QList<NetworkFinding::Check>{NetworkFinding::Check::EmptyBridge});
        QCOMPARE(t.findings[0].nodeIds, QStringList{u"bridge:xenbr9"_s});
    }

    void bridgeNfOff()
    {
        NetworkInputs in = healthyXl();
        in.iptablesForward = QByteArrayLiteral(
            "-P FORWARD ACCEPT\n-A FORWARD -s 10.0.0.101/32 -m physdev --physdev-in vif1.0 --physdev-is-bridged -j "
            "ACCEPT\n-A FORWARD -m physdev --physdev-in vif1.0 --physdev-is-bridged -j DROP\n");
        QVERIFY(NetworkTopology::build(in).findings.isEmpty()); // sysctl says 1: the rules work
        in.bridgeNfCallIptables = QByteArrayLiteral("0\n");
        NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(checks(t), QList<NetworkFinding::Check>{NetworkFinding::Check::BridgeNfOff});
        QCOMPARE(t.findings[0].nodeIds, QStringList{u"bridge:xenbr0"_s});
        in.bridgeNfCallIptables = std::nullopt; // br_netfilter not loaded
        QCOMPARE(checks(NetworkTopology::build(in)), QList<NetworkFinding::Check>{NetworkFinding::Check::BridgeNfOff});
        in.iptablesForward = QByteArrayLiteral("-P FORWARD ACCEPT\n"); // no anti-spoofing: quiet
        QVERIFY(NetworkTopology::build(in).findings.isEmpty());
    }

    void longVifNameAndNoMac()
    {
        NetworkInputs in = healthyXl();
        in.guestConfigs[0] = *GuestNetConfig::parse(
            u"/etc/xen/web.cfg"_s,
            "name = \"web\"\n# vif = [ 'x' ]\nvif = [ 'bridge=xenbr0,vifname=vif-web-frontend0' ]\n");
        in.brctlShow = QByteArrayLiteral("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                                         "xenbr0\t\t8000.d27e410a5c01\tno\t\teth0\n"
                                         "\t\t\t\t\t\t\tvif-web-fronten\n"
                                         "\t\t\t\t\t\t\tvif2.0\n");
        const NetworkTopology t = NetworkTopology::build(in);
        QCOMPARE(checks(t),
                 (QList<NetworkFinding::Check>{NetworkFinding::Check::LongVifName, NetworkFinding::Check::NoFixedMac}));
        QVERIFY(t.findings[0].nodeIds.contains(u"vif:vif-web-fronten"_s));
        QVERIFY(t.findings[0].nodeIds.contains(u"vm:dom1"_s));
        QVERIFY(hasEdge(t, u"vif:vif-web-fronten"_s, u"vm:dom1"_s)); // the custom name maps to its VM
        QVERIFY(t.findings[1].detail.contains(u"/etc/xen/web.cfg"_s));
    }

    void guestConfigParse()
    {
        const auto g = GuestNetConfig::parse(
            u"f"_s, "name=\"a\"\nvif = [ 'mac=00:16:3e:01:02:03, bridge=br0', # comment ]\n 'bridge=br1' ]\n");
        QVERIFY(g);
        QCOMPARE(g->vifs.size(), 2);
        QCOMPARE(g->vifs[0].mac, u"00:16:3e:01:02:03"_s);
        QCOMPARE(g->vifs[1].bridge, u"br1"_s);
        QVERIFY(!GuestNetConfig::parse(u"f"_s, "# only a comment\n"));
        QVERIFY(GuestNetConfig::parse(u"f"_s, "vif = [ 'unterminated")); // no crash, one vif
    }

    void jsonAndDot()
    {
        NetworkInputs in = healthyXl();
        in.brctlShow = *in.brctlShow + QByteArrayLiteral("br\"0\\x\t\t8000.000000000000\tno\t\t\n");
        const NetworkTopology t = NetworkTopology::build(in);
        const QJsonObject o = t.toJson();
        QCOMPARE(o.value(u"nodes"_s).toArray().size(), t.nodes.size());
        QCOMPARE(o.value(u"edges"_s).toArray().size(), t.edges.size());
        QCOMPARE(o.value(u"findings"_s).toArray().first().toObject().value(u"check"_s).toString(), u"empty-bridge"_s);
        const QString dot = t.toDot();
        QVERIFY(dot.startsWith(u"digraph network {"_s));
        QVERIFY(dot.contains(u"\"nic:eth0\" -> \"bridge:xenbr0\""_s));
        QVERIFY(dot.contains(u"br\\\"0\\\\x"_s)); // quotes and backslashes escaped
        QVERIFY(dot.contains(u"color=red"_s));
    }

    void hostileInput()
    {
        NetworkInputs in;
        in.brctlShow = xrtest::binaryNoise(4096);
        in.ovsVsctlShow = QByteArray("    Bridge \"$(rm -rf /)\"\n        Port \"a\nb\"\n", 40);
        in.ipLink = QByteArray("\xff\xfe garbage\n");
        in.xeVms = QByteArray("uuid ( RO): x\nname-label ( RW): a\nname-label ( RW): b\n");
        in.iptablesForward = xrtest::binaryNoise(512);
        in.bridgeNfCallIptables = QByteArray();
        const NetworkTopology t = NetworkTopology::build(in); // no crash
        const QString dot = t.toDot();
        QVERIFY(!dot.contains(u'\n' + u"b\""_s));
        NetworkInputs empty;
        QVERIFY(NetworkTopology::build(empty).nodes.isEmpty());
        QVERIFY(!NetworkTopology::build(empty).notes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNetworkTopology)
#include "tst_networktopology.moc"
