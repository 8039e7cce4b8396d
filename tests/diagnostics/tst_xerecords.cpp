#include "HostText.h"
#include "SampleData.h"
#include "XeMinimal.h"
#include "XeRecords.h"

#include <QTest>

#include <algorithm>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// xe record listings: every sample in tests/data, the shapes xen-api's CLI printer can
// produce, and input that is cut, binary, mis-encoded, huge or hostile.
class TestXeRecords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySampleParses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<QList<int>>("fieldCounts");
        QTest::newRow("host params=all") << u"xe-host-list-params-all__gwenlei-book-xs65.txt"_s << 1 << QList<int>{40};
        QTest::newRow("host-list 654") << u"xe-host-list__buildroot-issue-654.txt"_s << 1 << QList<int>{3};
        QTest::newRow("host-list xs62") << u"xe-host-list__hugo-blog-2016-xs62.txt"_s << 1 << QList<int>{3};
        QTest::newRow("host-param-list head")
            << u"xe-host-param-list-head__neonkube-issue-870-xcpng75.txt"_s << 1 << QList<int>{14};
        QTest::newRow("host-param-list memory")
            << u"xe-host-param-list-memory__neonkube-issue-870-xcpng75.txt"_s << 1 << QList<int>{10};
        QTest::newRow("network-list") << u"xe-network-list__blog-xenserver-ddk-three-networks.txt"_s << 3
                                      << QList<int>{4, 4, 4};
        QTest::newRow("pif params=IP") << u"xe-pif-list-params__hexo-blog-2013-management-ip.txt"_s << 1
                                       << QList<int>{1};
        QTest::newRow("pif-list") << u"xe-pif-list__xcpng-docs-mesh-bond.txt"_s << 4 << QList<int>{5, 5, 5, 5};
        QTest::newRow("pool grep ha") << u"xe-pool-list-params-all-grep-ha__cloudstack-docs-ha-on.txt"_s << 1
                                      << QList<int>{2};
        QTest::newRow("pool-param-list") << u"xe-pool-param-list-head__xo-issue-6339-xcpng.txt"_s << 1 << QList<int>{8};
        QTest::newRow("sr params") << u"xe-sr-list-params__ralph-test-xen.txt"_s << 5 << QList<int>{3, 3, 3, 3, 3};
        QTest::newRow("sr-list") << u"xe-sr-list__tf-xenorchestra-issue-10.txt"_s << 1 << QList<int>{6};
        QTest::newRow("vif params") << u"xe-vif-list-params__ralph-test-xen.txt"_s << 3 << QList<int>{2, 2, 2};
        QTest::newRow("vif-list") << u"xe-vif-list__hexo-blog-2013-xe-cli-default.txt"_s << 1 << QList<int>{4};
        QTest::newRow("vm params") << u"xe-vm-list-params__ralph-test-xen.txt"_s << 3 << QList<int>{5, 5, 5};
        QTest::newRow("vm-list xva") << u"xe-vm-list__bmiddha-xva-convert.txt"_s << 3 << QList<int>{3, 3, 3};
        QTest::newRow("vm-list two") << u"xe-vm-list__hexo-blog-2013-xe-cli-two-vms.txt"_s << 2 << QList<int>{3, 3};
        QTest::newRow("dom0 memory grep")
            << u"xe-vm-param-list-dom0-memory__xenadmin-issue-4-st28.txt"_s << 1 << QList<int>{4};
        QTest::newRow("dom0 params=all") << u"xe-vm-param-list-dom0__rbdsr-issue-39-hs-0229.txt"_s << 1
                                         << QList<int>{20};
        QTest::newRow("vm-param-list") << u"xe-vm-param-list__xcpng-issue-656-head.txt"_s << 1 << QList<int>{21};
    }

    void everySampleParses()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(QList<int>, fieldCounts);
        const QByteArray data = readSample(file.toUtf8().constData());
        QVERIFY(!data.isEmpty());
        const auto result = XeRecords::parse(data);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->records.size(), records);
        for (qsizetype i = 0; i < records; ++i) {
            QCOMPARE(result->records[i].fields.size(), fieldCounts[i]);
            QVERIFY(!result->records[i].ambiguous);
        }
        QVERIFY2(result->report.isClean(), qPrintable(result->report.summary()));
    }

    void hostParamsAll()
    {
        const QByteArray data = readSample("xe-host-list-params-all__gwenlei-book-xs65.txt");
        QVERIFY(!data.isEmpty());
        const auto result = XeRecords::parse(data);
        QVERIFY(result.ok());
        const XeRecord& host = result->records.first();
        QCOMPARE(host.line, 1);
        QCOMPARE(host.value(u"uuid"), u"760a1e5e-c439-42f9-bf5a-480e2bb2b959"_s);
        QCOMPARE(host.field(u"uuid")->access, XeFieldAccess::RO);
        QCOMPARE(host.value(u"name-label"), u"localhost.localdomain"_s);
        QCOMPARE(host.field(u"name-label")->access, XeFieldAccess::RW);
        QCOMPARE(host.set(u"allowed-operations"),
                 (QStringList{u"VM.migrate"_s, u"evacuate"_s, u"provision"_s, u"VM.resume"_s, u"VM.start"_s}));
        QCOMPARE(host.field(u"allowed-operations")->access, XeFieldAccess::SRO);
        QVERIFY(host.field(u"allowed-operations")->isSet());
        // Empty set and map printed with a trailing space.
        QCOMPARE(host.value(u"current-operations"), QString());
        QVERIFY(host.set(u"current-operations").isEmpty());
        QCOMPARE(host.field(u"logging")->access, XeFieldAccess::MRW);
        QVERIFY(host.map(u"logging").isEmpty());
        QCOMPARE(host.field(u"API-version-vendor-implementation")->access, XeFieldAccess::MRO);
        QCOMPARE(host.field(u"tags")->access, XeFieldAccess::SRW);
        QCOMPARE(host.integer(u"API-version-minor"), 3);
        QCOMPARE(host.boolean(u"enabled"), true);

        const XeMap version = host.map(u"software-version");
        QCOMPARE(version.size(), 19);
        QCOMPARE(version.entries.first().key, u"product_version"_s);
        QCOMPARE(version.value(u"product_version"), u"6.5.0"_s);
        QCOMPARE(version.value(u"xen"), u"4.4.1-xs90192"_s);
        // Keys with a colon, values with commas.
        QCOMPARE(version.value(u"xs:main"), u"XenServer Pack, version 6.5.0, build 90233c"_s);
        QCOMPARE(version.entries.last().key, u"xs:xenserver-transfer-vm"_s);

        QCOMPARE(host.set(u"capabilities").size(), 5);
        QCOMPARE(host.set(u"capabilities").last(), u"hvm-3.0-x86_64"_s);
        QCOMPARE(host.map(u"other-config").value(u"iscsi_iqn"), u"iqn.2017-11.com.example:84d11aab"_s);
        QCOMPARE(host.map(u"other-config").value(u"agent_start_time"), u"1510282797."_s);
        QCOMPARE(host.map(u"cpu_info").value(u"modelname"), u"Intel Core i7 9xx (Nehalem Class Core i7)"_s);
        QCOMPARE(host.map(u"cpu_info").size(), 13);
        QCOMPARE(host.map(u"license-server").value(u"port"), u"27000"_s);
        QCOMPARE(host.integer(u"memory-overhead"), Q_INT64_C(158556160));
        QCOMPARE(host.integer(u"memory-total"), Q_INT64_C(1073336320));
        QCOMPARE(host.integer(u"memory-free"), Q_INT64_C(135045120));
        QVERIFY(host.field(u"memory-free-computed")->isPlaceholder());
        QVERIFY(!host.knownValue(u"memory-free-computed").has_value());
        QVERIFY(!host.integer(u"memory-free-computed").has_value());
        QCOMPARE(host.fields.last().name, u"guest_VCPUs_params"_s);
        QCOMPARE(host.fields.last().line, 40);
    }

    void hostParamListWithoutTrailingSpaces()
    {
        const QByteArray head = readSample("xe-host-param-list-head__neonkube-issue-870-xcpng75.txt");
        QVERIFY(!head.isEmpty());
        const auto h = XeRecords::parse(head);
        QVERIFY(h.ok());
        const XeRecord& r = h->records.first();
        QCOMPARE(r.value(u"name-label"), u"xcp-home"_s);
        QCOMPARE(r.value(u"display"), u"enabled"_s);
        QCOMPARE(r.value(u"current-operations"), QString());
        QVERIFY(r.contains(u"logging"));
        QCOMPARE(r.integer(u"API-version-minor"), 10);
        QCOMPARE(r.value(u"crash-dump-sr-uuid"), u"8a2bbbd3-9c44-cc9a-c1d9-83e4a890f6fd"_s);

        const QByteArray memory = readSample("xe-host-param-list-memory__neonkube-issue-870-xcpng75.txt");
        QVERIFY(!memory.isEmpty());
        const auto m = XeRecords::parse(memory);
        QVERIFY(m.ok());
        const XeRecord& mr = m->records.first();
        QCOMPARE(mr.fields.first().name, u"other-config"_s);
        QCOMPARE(mr.integer(u"memory-overhead"), Q_INT64_C(467423232));
        QCOMPARE(mr.integer(u"memory-total"), Q_INT64_C(12874145792));
        QCOMPARE(mr.integer(u"memory-free"), Q_INT64_C(11626835968));
        QCOMPARE(mr.value(u"blobs"), QString());
        QCOMPARE(mr.map(u"cpu_info").value(u"cpu_count"), u"16"_s);
        // Padding inside a value is kept as printed.
        QCOMPARE(mr.map(u"cpu_info").value(u"modelname"), u"Intel(R) Xeon(R) CPU           X5550  @ 2.67GHz"_s);
        QCOMPARE(mr.map(u"chipset-info").value(u"iommu"), u"true"_s);
        QCOMPARE(mr.set(u"supported-bootloaders"), (QStringList{u"pygrub"_s, u"eliloader"_s}));
    }

    void vmListings()
    {
        const QByteArray params = readSample("xe-vm-list-params__ralph-test-xen.txt");
        QVERIFY(!params.isEmpty());
        const auto p = XeRecords::parse(params);
        QVERIFY(p.ok());
        QCOMPARE(p->records[0].value(u"power-state"), u"halted"_s);
        QCOMPARE(p->records[0].value(u"name-label"), u"Transfer VM for VDI 07f1cca1-056d-4694-879e-adcb2ed989e1"_s);
        QCOMPARE(p->records[1].value(u"name-label"), u"win2k8"_s);
        QCOMPARE(p->records[1].integer(u"memory-actual"), Q_INT64_C(1073713152));
        // A value containing ": " stays whole.
        QCOMPARE(p->records[2].value(u"name-label"), u"Control domain on host: s10820.dc2"_s);
        QCOMPARE(p->records[2].integer(u"memory-actual"), Q_INT64_C(609222656));
        QCOMPARE(p->records[2].integer(u"VCPUs-number"), 8);
        QCOMPARE(p->records[2].line, 15);

        const QByteArray single = readSample("xe-vm-list__bmiddha-xva-convert.txt");
        QVERIFY(!single.isEmpty());
        const auto s = XeRecords::parse(single);
        QVERIFY(s.ok());
        QStringList states;
        for (const XeRecord& r : s->records)
            states.append(r.value(u"power-state"));
        QCOMPARE(states, (QStringList{u"halted"_s, u"running"_s, u"halted"_s}));
        QCOMPARE(s->records[1].value(u"name-label"), u"www1"_s);
        QCOMPARE(s->records[2].value(u"uuid"), u"5ab706f0-fec1-2f87-7966-22e9797d5dd9"_s);

        const QByteArray two = readSample("xe-vm-list__hexo-blog-2013-xe-cli-two-vms.txt");
        QVERIFY(!two.isEmpty());
        const auto t = XeRecords::parse(two);
        QVERIFY(t.ok());
        QCOMPARE(t->records[0].value(u"name-label"), u"tempserver"_s);
        QCOMPARE(t->records[1].value(u"name-label"), u"Mail"_s);
        QCOMPARE(t->records[1].value(u"power-state"), u"running"_s);
    }

    void vmParamLists()
    {
        const QByteArray dom0 = readSample("xe-vm-param-list-dom0__rbdsr-issue-39-hs-0229.txt");
        QVERIFY(!dom0.isEmpty());
        const auto d = XeRecords::parse(dom0);
        QVERIFY(d.ok());
        const XeRecord& r = d->records.first();
        QCOMPARE(r.value(u"name-label"), u"Control domain on host: hs-0229"_s);
        QCOMPARE(r.boolean(u"is-control-domain"), true);
        QCOMPARE(r.integer(u"memory-actual"), Q_INT64_C(4294967296));
        QVERIFY(r.field(u"memory-target")->isPlaceholder());
        QCOMPARE(r.value(u"memory-target"), u"<expensive field>"_s);
        QVERIFY(r.field(u"snapshot-of")->isPlaceholder());
        QVERIFY(!r.knownValue(u"parent").has_value());
        QCOMPARE(r.integer(u"memory-overhead"), Q_INT64_C(76546048));
        QCOMPARE(r.integer(u"memory-dynamic-min"), Q_INT64_C(4294967296));
        QCOMPARE(r.value(u"snapshot-time"), u"19700101T00:00:00Z"_s);

        const QByteArray vm = readSample("xe-vm-param-list__xcpng-issue-656-head.txt");
        QVERIFY(!vm.isEmpty());
        const auto v = XeRecords::parse(vm);
        QVERIFY(v.ok());
        const XeRecord& vr = v->records.first();
        QCOMPARE(vr.value(u"name-label"), u"PQ-UIO1-R1.IXP-Manager - 10.42.101.82"_s);
        QCOMPARE(vr.boolean(u"is-control-domain"), false);
        QCOMPARE(vr.value(u"power-state"), u"running"_s);
        QCOMPARE(vr.integer(u"memory-target"), Q_INT64_C(8589934592));
        QCOMPARE(vr.integer(u"memory-overhead"), Q_INT64_C(77594624));
        QVERIFY(vr.set(u"snapshots").isEmpty());
        QCOMPARE(vr.value(u"children"), QString());

        const QByteArray grep = readSample("xe-vm-param-list-dom0-memory__xenadmin-issue-4-st28.txt");
        QVERIFY(!grep.isEmpty());
        const auto g = XeRecords::parse(grep);
        QVERIFY(g.ok());
        QCOMPARE(g->records.first().integer(u"memory-static-max"), Q_INT64_C(777256960));
        QCOMPARE(g->records.first().integer(u"memory-static-min"), Q_INT64_C(307232768));
        QCOMPARE(g->records.first().field(u"memory-dynamic-max")->access, XeFieldAccess::RW);
    }

    void otherObjects()
    {
        const auto net = XeRecords::parse(readSample("xe-network-list__blog-xenserver-ddk-three-networks.txt"));
        QVERIFY(net.ok());
        QCOMPARE(net->records[2].value(u"bridge"), u"xenapi"_s);
        QCOMPARE(net->records[2].value(u"name-label"), u"Host internal management network"_s);
        QVERIFY(net->records[2].value(u"name-description").startsWith(u"Network on which guests"));
        QCOMPARE(net->records[0].value(u"name-description"), QString());
        QCOMPARE(net->records[0].value(u"bridge"), u"xenbr1"_s);

        const auto pif = XeRecords::parse(readSample("xe-pif-list__xcpng-docs-mesh-bond.txt"));
        QVERIFY(pif.ok());
        QCOMPARE(pif->records[3].value(u"device"), u"bond0"_s);
        QCOMPARE(pif->records[3].boolean(u"currently-attached"), true);
        QCOMPARE(pif->records[0].boolean(u"currently-attached"), false);
        QCOMPARE(pif->records[0].integer(u"VLAN"), -1);
        QCOMPARE(pif->records[1].value(u"network-uuid"), u"7404e9f7-7dfe-b666-d6f2-1fe9886498cd"_s);

        const auto ip = XeRecords::parse(readSample("xe-pif-list-params__hexo-blog-2013-management-ip.txt"));
        QVERIFY(ip.ok());
        QCOMPARE(ip->records.first().value(u"IP"), u"192.168.189.10"_s);

        const auto pool = XeRecords::parse(readSample("xe-pool-param-list-head__xo-issue-6339-xcpng.txt"));
        QVERIFY(pool.ok());
        const XeRecord& pr = pool->records.first();
        QCOMPARE(pr.value(u"name-label"), u"XCPNGPOOL01"_s);
        QCOMPARE(pr.value(u"master"), u"28af0626-7788-4104-9449-7d7a0ca9fcfc"_s);
        QVERIFY(pr.field(u"crash-dump-SR")->isPlaceholder());
        QCOMPARE(pr.value(u"suspend-image-SR"), u"<not in database>"_s);
        QCOMPARE(pr.set(u"supported-sr-types").size(), 19);
        QVERIFY(pr.set(u"supported-sr-types").contains(u"lvmoiscsi"_s));

        const auto ha = XeRecords::parse(readSample("xe-pool-list-params-all-grep-ha__cloudstack-docs-ha-on.txt"));
        QVERIFY(ha.ok());
        QCOMPARE(ha->records.first().boolean(u"ha-enabled"), true);
        QCOMPARE(ha->records.first().value(u"ha-configuration"), u"timeout: 180"_s);
        QCOMPARE(ha->records.first().map(u"ha-configuration").value(u"timeout"), u"180"_s);

        const auto sr = XeRecords::parse(readSample("xe-sr-list-params__ralph-test-xen.txt"));
        QVERIFY(sr.ok());
        QCOMPARE(sr->records[2].value(u"type"), u"lvm"_s);
        QCOMPARE(sr->records[2].integer(u"physical-size"), Q_INT64_C(64768442368));
        QCOMPARE(sr->records[0].integer(u"physical-size"), -1);

        const auto sr2 = XeRecords::parse(readSample("xe-sr-list__tf-xenorchestra-issue-10.txt"));
        QVERIFY(sr2.ok());
        QCOMPARE(sr2->records.first().value(u"host"), u"idmbs-hv002"_s);
        QCOMPARE(sr2->records.first().value(u"content-type"), u"user"_s);
        QCOMPARE(sr2->records.first().value(u"name-description"), QString());

        const auto vif = XeRecords::parse(readSample("xe-vif-list-params__ralph-test-xen.txt"));
        QVERIFY(vif.ok());
        QCOMPARE(vif->records[1].value(u"MAC"), u"8e:b0:fb:7c:c1:00"_s);
        QCOMPARE(vif->records[2].value(u"vm-name-label"),
                 u"Transfer VM for VDI 07f1cca1-056d-4694-879e-adcb2ed989e1"_s);

        const auto vif2 = XeRecords::parse(readSample("xe-vif-list__hexo-blog-2013-xe-cli-default.txt"));
        QVERIFY(vif2.ok());
        QCOMPARE(vif2->records.first().integer(u"device"), 2);
        QCOMPARE(vif2->records.first().value(u"vm-uuid"), u"5d177e6e-99fb-d2e3-a326-cdf90c09c1a7"_s);

        for (const char* file : {"xe-host-list__buildroot-issue-654.txt", "xe-host-list__hugo-blog-2016-xs62.txt"}) {
            const auto host = XeRecords::parse(readSample(file));
            QVERIFY(host.ok());
            QCOMPARE(host->records.first().value(u"name-description"), u"Default install of XenServer"_s);
        }
        QCOMPARE(
            XeRecords::parse(readSample("xe-host-list__buildroot-issue-654.txt"))->records.first().value(u"name-label"),
            u"unknown"_s);
        QCOMPARE(XeRecords::parse(readSample("xe-host-list__hugo-blog-2016-xs62.txt"))->records.first().value(u"uuid"),
                 u"367ebe92-0634-41a8-825a-cd23184824ea"_s);
    }

    void everyMarkerAndDeprecated()
    {
        const QByteArray text = "uuid ( RO)                          : 1\n"
                                "                name-label ( RW): a\n"
                                "              other-config (MRW): k: v\n"
                                "                  platform (MRO): \n"
                                "        allowed-operations (SRO): x; y\n"
                                "                      tags (SRW): \n"
                                "     PV-drivers-up-to-date ( RO) [DEPRECATED]: true\n"
                                "         PV-drivers-detected (MRO) [DEPRECATED]: \n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QVERIFY(r->report.isClean());
        const XeRecord& rec = r->records.first();
        QCOMPARE(rec.fields.size(), 8);
        const QList<XeFieldAccess> expected{XeFieldAccess::RO,  XeFieldAccess::RW,  XeFieldAccess::MRW,
                                            XeFieldAccess::MRO, XeFieldAccess::SRO, XeFieldAccess::SRW,
                                            XeFieldAccess::RO,  XeFieldAccess::MRO};
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(rec.fields[i].access, expected[i]);
        QVERIFY(!rec.field(u"tags")->deprecated);
        QVERIFY(rec.field(u"PV-drivers-up-to-date")->deprecated);
        QCOMPARE(rec.boolean(u"PV-drivers-up-to-date"), true);
        QVERIFY(rec.field(u"PV-drivers-detected")->deprecated);
        QVERIFY(rec.field(u"other-config")->isWritable());
        QVERIFY(!rec.field(u"platform")->isWritable());
        QCOMPARE(XeRecords::accessName(XeFieldAccess::SRW), u"SRW"_s);
        QCOMPARE(XeRecords::accessName(XeFieldAccess::RO), u"RO"_s);
    }

    void mapsAndSets()
    {
        // "; " inside a value: the piece after it has no ": ", so it belongs to the value.
        XeMap m = XeRecords::parseMap(u"a: 1; motd: hello; world; b: x: y; c:");
        QCOMPARE(m.size(), 4);
        QCOMPARE(m.value(u"a"), u"1"_s);
        QCOMPARE(m.value(u"motd"), u"hello; world"_s);
        QCOMPARE(m.value(u"b"), u"x: y"_s);
        QVERIFY(m.contains(u"c"));
        QCOMPARE(m.value(u"c"), QString());
        QVERIFY(m.value(u"missing").isNull());
        QVERIFY(XeRecords::parseMap(u"").isEmpty());
        QVERIFY(XeRecords::parseMap(u"   ").isEmpty());

        QCOMPARE(XeRecords::parseSet(u"a; b; "), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(XeRecords::parseSet(u"a;b"), (QStringList{u"a;b"_s}));
        QCOMPARE(XeRecords::parseSet(u"one"), (QStringList{u"one"_s}));
        QVERIFY(XeRecords::parseSet(u"").isEmpty());
        QVERIFY(XeRecords::parseSet(u"; ").isEmpty());
    }

    void blankLinesBetweenRecords_data()
    {
        QTest::addColumn<QByteArray>("separator");
        QTest::newRow("one blank line") << QByteArray("\n");
        QTest::newRow("two blank lines") << QByteArray("\n\n");
        QTest::newRow("three, with spaces") << QByteArray("   \n\t\n\n");
        QTest::newRow("CRLF") << QByteArray("\r\n\r\n");
    }

    void blankLinesBetweenRecords()
    {
        QFETCH(QByteArray, separator);
        QByteArray text = "uuid ( RO)           : u1\n     name-label ( RW): first\n" + separator +
                          "uuid ( RO)           : u2\n     name-label ( RW): second\n" + separator;
        if (separator.contains('\r'))
            text.replace("\n", "\r\n").replace("\r\r\n", "\r\n");
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 2);
        QCOMPARE(r->records[1].value(u"name-label"), u"second"_s);
        QCOMPARE(r->records[0].value(u"uuid"), u"u1"_s);
        QVERIFY(r->report.isClean());
    }

    void plainRecordsWithoutMarkers()
    {
        // xe host-cpu-info prints keys without markers.
        const QByteArray text = "cpu_count    : 4\n"
                                "     vendor: GenuineIntel\n"
                                "     flags: fpu de tsc\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 1);
        QCOMPARE(r->records.first().fields.size(), 3);
        QCOMPARE(r->records.first().field(u"cpu_count")->access, XeFieldAccess::None);
        QCOMPARE(r->records.first().integer(u"cpu_count"), 4);
        QCOMPARE(r->records.first().value(u"flags"), u"fpu de tsc"_s);
    }

    void valueWithLineBreak()
    {
        const QByteArray text = "uuid ( RO)                  : u1\n"
                                "            name-label ( RW): web\n"
                                "      name-description ( RW): first line\n"
                                "second line: with colon\n"
                                "\n"
                                "third line after a blank\n"
                                "           power-state ( RO): running\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 1);
        QCOMPARE(r->records.first().value(u"name-description"),
                 u"first line\nsecond line: with colon\n\nthird line after a blank"_s);
        QCOMPARE(r->records.first().value(u"power-state"), u"running"_s);
        QVERIFY(!r->report.partial);
        QVERIFY(!r->report.issues.isEmpty());
    }

    void hostileNameThatFakesAField()
    {
        // A name-label with a line break can print a fake power-state before the real one.
        const QByteArray text = "uuid ( RO)           : u1\n"
                                "     name-label ( RW): evil\n"
                                "    power-state ( RO): halted\n"
                                "    power-state ( RO): running\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QVERIFY(r->records.first().ambiguous);
        QVERIFY(r->report.partial);
        QCOMPARE(r->report.issues.first().line, 4);
    }

    void fakeFieldInALaterRecordOfTheSameShape()
    {
        // Records of one listing share their field names; a faked field in the second one
        // must still be caught although its first fields repeat the first record's.
        const QByteArray clean = "uuid ( RO)           : u1\n"
                                 "     name-label ( RW): web\n"
                                 "    power-state ( RO): running\n\n\n";
        const QByteArray faked = "uuid ( RO)           : u2\n"
                                 "     name-label ( RW): evil\n"
                                 "    power-state ( RO): halted\n"
                                 "    power-state ( RO): running\n\n\n";
        QByteArray third = clean;
        third.replace("u1", "u3"); // a uuid twice would be ambiguous by itself
        const auto r = XeRecords::parse(clean + faked + third);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 3);
        QVERIFY(!r->records.at(0).ambiguous);
        QVERIFY(r->records.at(1).ambiguous);
        QVERIFY(!r->records.at(2).ambiguous);
        QVERIFY(r->report.partial);

        // Same with more fields than the small-record scan handles (the hashed path).
        QByteArray big;
        for (int i = 0; i < 100; ++i)
            big += "    field-" + QByteArray::number(i) + " ( RO): v\n";
        const QByteArray bigFaked = big + "    field-7 ( RO): again\n";
        const auto r2 = XeRecords::parse(big + "\n\n" + bigFaked + "\n\n" + big);
        QVERIFY(r2.ok());
        QCOMPARE(r2->records.size(), 3);
        QVERIFY(!r2->records.at(0).ambiguous);
        QVERIFY(r2->records.at(1).ambiguous);
        QVERIFY(!r2->records.at(2).ambiguous);
    }

    void forgedRecordInANameIsReported()
    {
        // A real listing (xe vm-list params=uuid,name-label,power-state,memory-actual,VCPUs-number)
        // where the Transfer VM's name-label finishes its own record with made-up fields and
        // then prints a whole, well-formed record that claims win2k8's UUID and says halted.
        QByteArray text = readSample("xe-vm-list-params__ralph-test-xen.txt");
        const QByteArray realName = "Transfer VM for VDI 07f1cca1-056d-4694-879e-adcb2ed989e1";
        QVERIFY(text.contains(realName));
        text.replace(realName, "Transfer VM\n"
                               "      power-state ( RO): halted\n"
                               "    memory-actual ( RO): 0\n"
                               "     VCPUs-number ( RO): 1\n\n\n"
                               "uuid ( RO)             : c98c2e2b-a8cf-fe0a-a3c3-2e492c541ef9\n"
                               "       name-label ( RW): win2k8");
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QVERIFY(r->hasAmbiguity());
        QVERIFY(r->report.partial);
        // Every record looks whole; only the repeated UUID gives the forgery away.
        QCOMPARE(r->records.size(), 4);
        QStringList uuids;
        for (const XeRecord& rec : r->records) {
            if (!uuids.contains(rec.value(u"uuid")))
                uuids << rec.value(u"uuid");
        }
        QCOMPARE(uuids,
                 (QStringList{u"66844623-25b9-3d62-f9c9-5efcc35e213f"_s, u"c98c2e2b-a8cf-fe0a-a3c3-2e492c541ef9"_s,
                              u"4c960326-0522-482f-9213-ffcc3acf8298"_s}));
        QVERIFY(r->records.at(1).ambiguities.testFlag(XeAmbiguity::RepeatedUuid));
        QVERIFY(r->records.at(2).ambiguities.testFlag(XeAmbiguity::RepeatedUuid));
        QVERIFY(r->records.at(1).ambiguous && r->records.at(2).ambiguous);
        // The record just before a forged one may be what printed it.
        QVERIFY(r->records.at(0).ambiguities.testFlag(XeAmbiguity::BeforeForgery));
        QVERIFY(r->records.at(0).ambiguous);
        QVERIFY(!r->records.at(3).ambiguous);
    }

    void recordsThatDoNotLineUpAreReported()
    {
        // A clumsier forgery: the name ends its record early and starts one of its own; the
        // forging VM's remaining fields land in the forged record (power-state twice).
        const QByteArray text = "uuid ( RO)           : 11111111-0000-4000-8000-000000000001\n"
                                "     name-label ( RW): helper\n\n\n"
                                "uuid ( RO)           : 22222222-0000-4000-8000-000000000002\n"
                                "     name-label ( RW): db-01\n"
                                "    power-state ( RO): halted\n"
                                "    power-state ( RO): running\n\n\n"
                                "uuid ( RO)           : 33333333-0000-4000-8000-000000000003\n"
                                "     name-label ( RW): web\n"
                                "    power-state ( RO): running\n\n\n"
                                "uuid ( RO)           : 44444444-0000-4000-8000-000000000004\n"
                                "     name-label ( RW): two\n"
                                "lines\n"
                                "    power-state ( RO): running\n\n\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), 4);
        QVERIFY(r->records.at(0).ambiguities.testFlag(XeAmbiguity::Misaligned));
        QVERIFY(r->records.at(1).ambiguities.testFlag(XeAmbiguity::RepeatedField));
        QVERIFY(r->records.at(1).ambiguities.testFlag(XeAmbiguity::Misaligned));
        QVERIFY(!r->records.at(2).ambiguous);
        QCOMPARE(r->records.at(3).value(u"name-label"), u"two\nlines"_s);
        QCOMPARE(r->records.at(3).ambiguities, XeAmbiguities(XeAmbiguity::LineBreakInName));
        // One record alone: only its own signs count.
        const auto one = XeRecords::parse("uuid ( RO)           : u1\n     name-label ( RW): a\u2028b\n");
        QVERIFY(one.ok());
        QVERIFY(one->records.first().ambiguities.testFlag(XeAmbiguity::LineBreakInName));
    }

    void hostileCharactersStayVerbatim()
    {
        const QByteArray text = "uuid ( RO)           : u1\n"
                                "     name-label ( RW): it's \"$(reboot)\" `id`; rm -rf / (RO): x\n"
                                "    power-state ( RO): running\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->records.first().value(u"name-label"), u"it's \"$(reboot)\" `id`; rm -rf / (RO): x"_s);
        QCOMPARE(r->records.first().value(u"power-state"), u"running"_s);
        QVERIFY(r->report.isClean());
    }

    void emptyOutputIsNoRecords()
    {
        for (const QByteArray& text : {QByteArray(), QByteArray("\n\n"), QByteArray("   \t\n")}) {
            const auto r = XeRecords::parse(text);
            QVERIFY(r.ok());
            QVERIFY(r->records.isEmpty());
            QVERIFY(!r->report.partial);
        }
    }

    void garbageIsAnError()
    {
        const auto r = XeRecords::parse("bash: xe: command not found\n");
        QVERIFY(!r.ok());
        QVERIFY(!r.errorMessage().isEmpty());
        QCOMPARE(r.error().code, u"not-xe-records"_s);

        const auto b = XeRecords::parse(xrtest::binaryNoise(64 * 1024));
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, u"binary"_s);
    }

    void strayNulAndInvalidUtf8()
    {
        QByteArray text = "uuid ( RO)           : u1\n     name-label ( RW): ";
        text += xrtest::invalidUtf8Name();
        text += "\n    power-state ( RO): run";
        text += '\0';
        text += "ning\n";
        const auto r = XeRecords::parse(text);
        QVERIFY(r.ok());
        QVERIFY(r->report.invalidUtf8);
        QVERIFY(r->report.binary);
        QCOMPARE(r->report.issues.size(), 2);
        const QString name = r->records.first().value(u"name-label");
        QVERIFY(name.startsWith(u"caf"));
        QVERIFY(name.contains(QChar(QChar::ReplacementCharacter)));
        QVERIFY(name.endsWith(u"-vm-\uFFFD"));
        QCOMPARE(r->records.first().value(u"power-state"), u"run\uFFFDning"_s);
        QCOMPARE(r->records.first().value(u"uuid"), u"u1"_s);
    }

    void everyTruncationIsSafe()
    {
        // Cut the richest sample at every byte: never a crash; a cut inside a line is
        // always flagged, a cut at a line end gives a shorter but clean listing.
        const QByteArray data = readSample("xe-host-list-params-all__gwenlei-book-xs65.txt");
        QVERIFY(!data.isEmpty());
        for (qsizetype n = 1; n < data.size(); ++n) {
            const QByteArray cut = data.left(n);
            const auto r = XeRecords::parse(cut);
            if (!r.ok())
                continue;
            if (!cut.endsWith('\n'))
                QVERIFY2(r->report.partial, qPrintable(QString::number(n)));
            else
                QCOMPARE(r->records.first().fields.size(), cut.count('\n'));
        }
        const auto cutRecord = XeRecords::parse(data.left(data.indexOf("memory-total")));
        QVERIFY(cutRecord.ok());
        QVERIFY(cutRecord->report.partial);
        QCOMPARE(cutRecord->records.first().fields.size(), 23);
    }

    void hugeListing()
    {
        // 100 MiB of vm-list records: about 490,000 VMs.
        const QByteArray unit = readSample("xe-vm-list-params__ralph-test-xen.txt");
        QVERIFY(!unit.isEmpty());
        const QByteArray huge = xrtest::repeatTo(unit, 100 * 1024 * 1024);
        const auto r = XeRecords::parse(huge);
        QVERIFY(r.ok());
        QCOMPARE(r->records.size(), huge.size() / unit.size() * 3);
        QCOMPARE(r->records.last().value(u"name-label"), u"Control domain on host: s10820.dc2"_s);
        // The same three VMs over and over: every uuid repeats, and nothing else is wrong.
        QVERIFY(!r->report.binary && !r->report.invalidUtf8);
        QVERIFY(std::all_of(r->records.cbegin(), r->records.cend(), [](const XeRecord& rec) {
            return rec.ambiguities.testFlag(XeAmbiguity::RepeatedUuid) &&
                   !rec.ambiguities.testFlag(XeAmbiguity::Misaligned) &&
                   !rec.ambiguities.testFlag(XeAmbiguity::RepeatedField);
        }));

        // One 100 MiB line (a value, no newline at the end).
        QByteArray line = "    name-label ( RW): ";
        line += QByteArray(100 * 1024 * 1024, 'x');
        const auto l = XeRecords::parse(line);
        QVERIFY(l.ok());
        QCOMPARE(l->records.first().value(u"name-label").size(), 100 * 1024 * 1024);
        QVERIFY(l->report.partial);
    }

    void minimalSample()
    {
        const QByteArray data = readSample("xe-vm-list-minimal__xcpng-docs-cli-reference.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeMinimal::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->values,
                 (QStringList{u"a85d6717-7264-d00e-069b-3b1d19d56ad9"_s, u"aaa3eec5-9499-bcf3-4c03-af10baea96b7"_s,
                              u"42c044de-df69-4b30-89d9-2c199564581d"_s}));
        for (const QString& v : r->values)
            QVERIFY(XeMinimal::isUuid(v));
        QVERIFY(r->report.isClean());
    }

    void minimalShapes()
    {
        QVERIFY(XeMinimal::parse("")->values.isEmpty());
        QVERIFY(XeMinimal::parse("\n")->values.isEmpty());
        QCOMPARE(XeMinimal::parse("one\n")->values, QStringList{u"one"_s});
        // xe escapes "," and "\" inside values.
        QCOMPARE(XeMinimal::parse("web\\, db,c:\\\\temp,$(reboot) 'x'\n")->values,
                 (QStringList{u"web, db"_s, u"c:\\temp"_s, u"$(reboot) 'x'"_s}));
        const auto extra = XeMinimal::parse("a,b\nError: something\n");
        QVERIFY(extra.ok());
        QCOMPARE(extra->values, (QStringList{u"a"_s, u"b"_s}));
        QVERIFY(extra->report.partial);
        const auto cut = XeMinimal::parse("a,b\\");
        QVERIFY(cut.ok());
        QVERIFY(cut->report.partial);
        const auto empties = XeMinimal::parse("a,,b\n");
        QCOMPARE(empties->values.size(), 3);
        QVERIFY(!empties->report.partial);
        QVERIFY(!XeMinimal::parse(xrtest::binaryNoise(4096)).ok());
        QVERIFY(!XeMinimal::isUuid(u"a85d6717-7264-d00e-069b-3b1d19d56ad"));
        QVERIFY(!XeMinimal::isUuid(u"a85d6717x7264-d00e-069b-3b1d19d56ad9"));
    }

    void minimalHuge()
    {
        const QByteArray unit = "a85d6717-7264-d00e-069b-3b1d19d56ad9,";
        QByteArray huge = xrtest::repeatTo(unit, 100 * 1024 * 1024);
        huge.chop(1);
        huge += '\n';
        const auto r = XeMinimal::parse(huge);
        QVERIFY(r.ok());
        QCOMPARE(r->values.size(), (huge.size() + 1) / unit.size());
        QVERIFY(r->report.isClean());
    }

    void hostTextLines()
    {
        ParseReport report;
        const HostText t("a\r\nb\n\nc", report);
        QCOMPARE(t.lines().size(), 4);
        QCOMPARE(t.lines()[0], u"a");
        QCOMPARE(t.lines()[2], u"");
        QVERIFY(t.lastLineUnterminated());
        QVERIFY(report.isClean());
        const auto tokens = splitWhitespace(u"  a\tbb  c ");
        QCOMPARE(tokens.size(), 3);
        QCOMPARE(tokens[1].text, u"bb");
        QCOMPARE(tokens[1].position, 4);
        QCOMPARE(elide(u"abcdef", 3), u"abc\u2026"_s);
    }
};

QTEST_GUILESS_MAIN(TestXeRecords)
#include "tst_xerecords.moc"
