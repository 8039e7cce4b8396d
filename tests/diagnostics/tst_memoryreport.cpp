// MemoryReport and Dom0MemPlan (issue 8): figures from xl info / xe records, dom0_mem in its
// forms, ballooning settings, advice per flavour, and the change plan editing exactly the
// intended lines.
#include "Dom0MemPlan.h"
#include "MemoryReport.h"
#include "SampleData.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace xr;

namespace {

QStringList adviceIds(const MemoryReport& r)
{
    QStringList out;
    for (const MemoryAdvice& a : r.advice)
        out << a.id;
    return out;
}

QByteArray xlInfo(const QString& cmdline)
{
    return (u"host                   : xen-xl\ntotal_memory           : 65405\nfree_memory            : 55000\n"
            "xen_commandline        : "_s +
            cmdline + u"\n"_s)
        .toUtf8();
}

const QByteArray XlList =
    QByteArrayLiteral("Name                                        ID   Mem VCPUs\tState\tTime(s)\n"
                      "Domain-0                                     0  4096     4     r-----   "
                      "  120.3\nweb                                          1  2048     2     "
                      "-b----      12.0\n");

// Lines that differ between two texts (1-based), for "exactly the intended line".
QList<qsizetype> changedLines(const QByteArray& a, const QByteArray& b)
{
    const QList<QByteArray> x = a.split('\n');
    const QList<QByteArray> y = b.split('\n');
    QList<qsizetype> out;
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i)
        if (x.value(i) != y.value(i))
            out << i + 1;
    return out;
}

} // namespace

class TestMemoryReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xlFigures()
    {
        MemoryInputs in;
        in.flavour = FlavourKind::Xl;
        in.xenInfo = xlInfo(u"placeholder dom0_mem=4096M,max:4096M"_s);
        in.domainList = XlList;
        in.xlConf = QByteArrayLiteral("autoballoon=\"off\"\n");
        const MemoryReport r = MemoryReport::build(in);
        QCOMPARE(r.totalMiB, 65405);
        QCOMPARE(r.freeMiB, 55000);
        QCOMPARE(r.dom0MiB, 4096);
        QCOMPARE(r.xenMiB, 65405 - 55000 - 4096 - 2048);
        QCOMPARE(r.dom0Mem->initialMiB(), 4096);
        QVERIFY(r.dom0Mem->isPinned());
        QCOMPARE(r.autoballoon, Autoballoon::Off);
        QCOMPARE(r.vms.size(), 2);
        QVERIFY(r.vms[0].controlDomain);
        QCOMPARE(adviceIds(r), QStringList{u"fixed-and-not-ballooning"_s});
        QCOMPARE(r.toJson().value(u"settings"_s).toObject().value(u"autoballoon"_s).toString(), u"off"_s);
    }

    void xlAdvice()
    {
        MemoryInputs in;
        in.flavour = FlavourKind::Xl;
        in.domainList = XlList;
        in.xenInfo = xlInfo(u"placeholder"_s);
        in.xlConf = QByteArrayLiteral("autoballoon=0\n");
        QCOMPARE(adviceIds(MemoryReport::build(in)), (QStringList{u"dom0-mem-unset"_s, u"autoballoon-off-unpinned"_s}));
        in.xenInfo = xlInfo(u"dom0_mem=2048M"_s);
        in.xlConf = QByteArrayLiteral("autoballoon=\"on\"\n");
        QCOMPARE(adviceIds(MemoryReport::build(in)), (QStringList{u"dom0-mem-not-pinned"_s, u"autoballoon-on"_s}));
        // The real example xl.conf (autoballoon commented out) leaves xl's default, auto.
        in.xenInfo = xlInfo(u"dom0_mem=2G,max:2G"_s);
        in.xlConf = xrtest::readSample("xl-conf__xen-4.14-tools-examples.txt");
        const MemoryReport r = MemoryReport::build(in);
        QCOMPARE(r.autoballoon, Autoballoon::Auto);
        QCOMPARE(adviceIds(r), QStringList{u"fixed-and-not-ballooning"_s});
    }

    void xmXendConfig()
    {
        MemoryInputs in;
        in.flavour = FlavourKind::Xm;
        in.xenInfo = xlInfo(u"dom0_mem=1024M,max:1024M"_s);
        in.xendConfig = xrtest::readSample("xend-config-sxp__xen-4.1-4.4-tools-examples.txt");
        QVERIFY(!in.xendConfig->isEmpty());
        MemoryReport r = MemoryReport::build(in);
        QCOMPARE(r.xendMinMemMiB, 196);
        QCOMPARE(r.xendBallooning, true);
        QCOMPARE(adviceIds(r), (QStringList{u"xend-ballooning-on"_s, u"xend-min-mem-differs"_s}));
        in.xendConfig = QByteArrayLiteral("(dom0-min-mem 1024)\n(enable-dom0-ballooning no)\n");
        QCOMPARE(adviceIds(MemoryReport::build(in)), QStringList{u"fixed-and-not-ballooning"_s});
    }

    void xapiFigures()
    {
        MemoryInputs in;
        in.flavour = FlavourKind::XapiModern;
        in.productBrand = u"XCP-ng"_s;
        in.hostUuid = u"h1"_s;
        in.xeHost = QByteArrayLiteral("uuid ( RO)            : h1\n    memory-total ( RO): 68719476736\n"
                                      "     memory-free ( RO): 34359738368\n memory-overhead ( RO): 1073741824\n");
        in.xeVms = QByteArrayLiteral(
            "uuid ( RO)                 : d0\n          name-label ( RW): Control domain on host: x\n"
            "   is-control-domain ( RO): true\n         resident-on ( RO): h1\n       memory-actual ( RO): 2147483648\n"
            "   memory-static-max ( RW): 2147483648\n         power-state ( RO): running\n\n\n"
            "uuid ( RO)                 : v1\n          name-label ( RW): web\n   is-control-domain ( RO): false\n"
            "         resident-on ( RO): h1\n       memory-actual ( RO): 4294967296\n"
            "  memory-dynamic-min ( RW): 2147483648\n         power-state ( RO): running\n\n\n"
            "uuid ( RO)                 : v2\n          name-label ( RW): elsewhere\n   is-control-domain ( RO): "
            "false\n"
            "         resident-on ( RO): h2\n       memory-actual ( RO): 4294967296\n         power-state ( RO): "
            "running\n");
        in.xenCmdline = QByteArrayLiteral("dom0_mem=2048M,max:2048M\n");
        const MemoryReport r = MemoryReport::build(in);
        QCOMPARE(r.totalMiB, 65536);
        QCOMPARE(r.freeMiB, 32768);
        QCOMPARE(r.xenMiB, 1024);
        QCOMPARE(r.dom0MiB, 2048);
        QCOMPARE(r.vms.size(), 2); // the VM on h2 is not this host's
        QCOMPARE(r.vms[1].dynamicMinMiB, 2048);
        QCOMPARE(r.recommendedDom0MiB, 4096);
        QCOMPARE(adviceIds(r), (QStringList{u"dom0-below-recommended"_s, u"fixed-and-not-ballooning"_s}));
        // The real xen-cmdline sample.
        in.xenCmdline = xrtest::readSample("xen-cmdline-get-xen__rbdsr-readme-dom0-mem.txt");
        QVERIFY(MemoryReport::build(in).dom0Mem.has_value());
    }

    void vendorSizes()
    {
        QCOMPARE(MemoryReport::recommendedDom0(FlavourKind::XapiModern, u"XCP-ng"_s, 32768), 4096);
        QCOMPARE(MemoryReport::recommendedDom0(FlavourKind::XapiModern, u"XCP-ng"_s, 262144), 8192);
        QCOMPARE(MemoryReport::recommendedDom0(FlavourKind::XapiModern, u"XenServer"_s, 65536), 4304);
        QCOMPARE(MemoryReport::recommendedDom0(FlavourKind::XapiLegacy, u"XenServer"_s, 1048576), 8192);
        QCOMPARE(MemoryReport::recommendedDom0(FlavourKind::Xl, QString(), 65536), -1);
    }

    void hostileInput()
    {
        MemoryInputs in;
        in.flavour = FlavourKind::Xm;
        in.xenInfo = xrtest::binaryNoise(2048);
        in.domainList = QByteArray("\xff\xfe\n");
        in.xendConfig = QByteArray("((((((");
        in.xlConf = QByteArray("autoballoon = $(reboot)\n");
        const MemoryReport r = MemoryReport::build(in); // no crash
        QCOMPARE(r.totalMiB, -1);
        QVERIFY(r.toJson().contains(u"advice"_s));
    }

    void planXl()
    {
        const QByteArray grub =
            QByteArrayLiteral("GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"quiet\"\n"
                              "GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=4096M,max:4096M dom0_max_vcpus=1-4\"\n"
                              "GRUB_TIMEOUT=5\n");
        const QByteArray conf =
            QByteArrayLiteral("# xl.conf\n#autoballoon=\"auto\"\nautoballoon=\"on\"\nlockfile=\"x\"\n");
        Result<Dom0MemPlan> p =
            Dom0MemPlan::forXl(6144, u"/etc/default/grub"_s, grub, u"/etc/xen/xl.conf"_s, conf, u"20261122-010203"_s);
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QCOMPARE(p->edits.size(), 2);
        const FileEdit& g = p->edits[0];
        QCOMPARE(changedLines(g.before, g.after), QList<qsizetype>{3});
        QCOMPARE(g.changes.first().newText,
                 u"GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=6144M,max:6144M dom0_max_vcpus=1-4\""_s);
        QCOMPARE(g.backupPath, u"/etc/default/grub.xenrescue-20261122-010203"_s);
        QCOMPARE(changedLines(p->edits[1].before, p->edits[1].after), QList<qsizetype>{3});
        QCOMPARE(p->commands.size(), 1);
        QCOMPARE(p->commands[0].toShell(), u"update-grub"_s);
        QVERIFY(g.diff().contains(u"-GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=4096M"_s));
        QVERIFY(g.diff().contains(u"+GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=6144M,max:6144M"_s));
        QVERIFY(!p->requiresMaintenanceMode);
        QVERIFY(p->rebootNeeded);
        // Without any Xen line the setting is added at the end.
        Result<FileEdit> added = Dom0MemPlan::setBootDom0Mem(u"/etc/default/grub"_s, "GRUB_TIMEOUT=5\n", 2048);
        QCOMPARE(added->after, QByteArray("GRUB_TIMEOUT=5\nGRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=2048M,max:2048M\"\n"));
    }

    void planMenuLst()
    {
        const QByteArray menu = xrtest::readSample("dom0-mem-config__deimosfr-menu-lst-xen303.txt");
        QVERIFY(!menu.isEmpty());
        Result<FileEdit> e = Dom0MemPlan::setBootDom0Mem(u"/boot/grub/menu.lst"_s, menu, 1024);
        QVERIFY2(e, qPrintable(e.errorMessage()));
        QCOMPARE(e->changes.size(), 1);
        QCOMPARE(e->changes[0].newText.simplified(),
                 u"kernel /boot/xen-3.0.3-1-i386-pae.gz dom0_mem=1024M,max:1024M"_s);
        QCOMPARE(changedLines(e->before, e->after).size(), 1);
    }

    void planXm()
    {
        const QByteArray xend = xrtest::readSample("xend-config-sxp__xen-4.1-4.4-tools-examples.txt");
        Result<Dom0MemPlan> p = Dom0MemPlan::forXm(1024, u"/etc/default/grub"_s, "GRUB_CMDLINE_XEN=\"\"\n",
                                                   u"/etc/xen/xend-config.sxp"_s, xend, u"s"_s);
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QCOMPARE(p->edits.size(), 2);
        QCOMPARE(p->edits[0].after, QByteArray("GRUB_CMDLINE_XEN=\"dom0_mem=1024M,max:1024M\"\n"));
        const FileEdit& x = p->edits[1];
        QCOMPARE(changedLines(x.before, x.after), (QList<qsizetype>{206, 210}));
        QVERIFY(x.after.contains("\n(dom0-min-mem 1024)\n"));
        QVERIFY(x.after.contains("\n(enable-dom0-ballooning no)\n"));
        QVERIFY(x.after.contains("# This is a minimum both for auto-ballooning")); // comments kept
    }

    void planXapi()
    {
        const QByteArray cfg = xrtest::readSample("dom0-mem-config__xcpng-docs-grub-cfg-81.txt");
        QVERIFY(!cfg.isEmpty());
        Result<Dom0MemPlan> p = Dom0MemPlan::forXapi(4096, QString(), u"/boot/grub/grub.cfg"_s, cfg, u"s"_s);
        QVERIFY(p);
        QVERIFY(p->requiresMaintenanceMode);
        QCOMPARE(p->commands.size(), 1);
        QCOMPARE(p->commands[0].toShell(), u"/opt/xensource/libexec/xen-cmdline --set-xen dom0_mem=4096M,max:4096M"_s);
        QCOMPARE(p->backupsOnly.size(), 1);
        QCOMPARE(p->backupsOnly[0].backupPath, u"/boot/grub/grub.cfg.xenrescue-s"_s);
        QVERIFY(p->edits.isEmpty()); // xen-cmdline writes grub.cfg itself
        QCOMPARE(Dom0MemPlan::maintenanceCheckCommand(u"xe"_s, u"h'1"_s).toShell(),
                 u"xe host-param-get 'uuid=h'\\''1' param-name=enabled"_s);
    }

    // Issue 14: the smallest dom0 offered follows the vendor, and says why.
    void planVendorMinimum()
    {
        QString why;
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::XapiModern, u"XCP-ng"_s, &why), 2048);
        QVERIFY(why.contains(u"XCP-ng"_s));
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::XapiModern, u"XenServer"_s, &why), 1024);
        QVERIFY(why.contains(u"XenServer"_s));
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::XapiModern, u"Citrix Hypervisor"_s), 1024);
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::XapiLegacy, u"XenServer"_s), 1024);
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::Xl, QString()), 256);
        QCOMPARE(Dom0MemPlan::vendorMinimumMiB(FlavourKind::Xm, QString()), 256);

        const Result<qint64> xcpng = Dom0MemPlan::validateSize(1536, 65536, FlavourKind::XapiModern, u"XCP-ng"_s);
        QVERIFY(!xcpng);
        QCOMPARE(xcpng.error().code, u"too-small"_s);
        QVERIFY(xcpng.errorMessage().contains(u"2048"_s));
        QCOMPARE(*Dom0MemPlan::validateSize(1536, 65536, FlavourKind::XapiModern, u"XenServer"_s), 1536);
        QVERIFY(!Dom0MemPlan::validateSize(768, 65536, FlavourKind::XapiModern, u"XenServer"_s));
        QCOMPARE(*Dom0MemPlan::validateSize(512, 65536, FlavourKind::Xl, QString()), 512);
        QVERIFY(!Dom0MemPlan::validateSize(60000, 65536, FlavourKind::XapiModern, u"XCP-ng"_s));

        const QByteArray cfg = xrtest::readSample("dom0-mem-config__xcpng-docs-grub-cfg-81.txt");
        QVERIFY(!Dom0MemPlan::forXapi(1024, QString(), u"/boot/grub/grub.cfg"_s, cfg, u"s"_s, u"XCP-ng"_s));
        Result<Dom0MemPlan> p =
            Dom0MemPlan::forXapi(2048, QString(), u"/boot/grub/grub.cfg"_s, cfg, u"s"_s, u"XCP-ng"_s);
        QVERIFY(p);
        QCOMPARE(p->minimumMiB, 2048);
        QVERIFY2(p->preview().contains(u"smallest size offered: 2048 MiB"_s), qPrintable(p->preview()));
        Result<Dom0MemPlan> x =
            Dom0MemPlan::forXapi(1024, QString(), u"/boot/grub/grub.cfg"_s, cfg, u"s"_s, u"XenServer"_s);
        QVERIFY(x);
        QCOMPARE(x->minimumMiB, 1024);
    }

    // Issue 14: `xen-cmdline --get-xen dom0_mem` after --set-xen must say exactly what was set.
    void planReadBack()
    {
        const QByteArray cfg = xrtest::readSample("dom0-mem-config__xcpng-docs-grub-cfg-81.txt");
        Result<Dom0MemPlan> p = Dom0MemPlan::forXapi(4096, QString(), u"/boot/grub/grub.cfg"_s, cfg, u"s"_s);
        QVERIFY(p);
        QCOMPARE(Dom0MemPlan::xenCmdlineReadBack(QString()).toShell(),
                 u"/opt/xensource/libexec/xen-cmdline --get-xen dom0_mem"_s);
        QVERIFY(p->checkReadBack("dom0_mem=4096M,max:4096M\n"));
        QVERIFY(p->checkReadBack("  dom0_mem=4096M,max:4096M  \r\n\n"));
        QVERIFY(!p->checkReadBack("dom0_mem=2048M,max:2048M\n"));
        QVERIFY(!p->checkReadBack("dom0_mem=4096M\n"));
        QVERIFY(!p->checkReadBack(""));
        QVERIFY(!p->checkReadBack("dom0_mem=4096M,max:4096M\ndom0_mem=1024M\n"));
        QVERIFY(!p->checkReadBack("xen-cmdline: error\n"));
        const Result<void> r = p->checkReadBack("dom0_mem=752M,max:752M\n");
        QCOMPARE(r.error().code, u"read-back-differs"_s);
        QVERIFY(r.errorMessage().contains(u"dom0_mem=752M,max:752M"_s));
    }

    void planRefusals()
    {
        QVERIFY(!Dom0MemPlan::validateSize(128, 65536));
        QVERIFY(!Dom0MemPlan::validateSize(60000, 65536));
        QCOMPARE(*Dom0MemPlan::validateSize(4096, 65536), 4096);
        QVERIFY(!Dom0MemPlan::setBootDom0Mem(u"/boot/grub/grub.cfg"_s, "set default=0\n", 1024));
        // A line that is not UTF-8 is never rewritten.
        QVERIFY(!Dom0MemPlan::setBootDom0Mem(u"/etc/default/grub"_s, "GRUB_CMDLINE_XEN_DEFAULT=\"\xff\"\n", 1024));
        QVERIFY(!Dom0MemPlan::setBootDom0Mem(u"/etc/default/grub"_s, "GRUB_CMDLINE_XEN_DEFAULT=\"open\n", 1024));
        // Several dom0_mem words become one; other words and their order are kept.
        Result<FileEdit> e = Dom0MemPlan::setBootDom0Mem(
            u"/etc/default/grub"_s, "GRUB_CMDLINE_XEN_DEFAULT=\"a dom0_mem=1G b dom0_mem=max:2G c\"\n", 512);
        QCOMPARE(e->after, QByteArray("GRUB_CMDLINE_XEN_DEFAULT=\"a dom0_mem=512M,max:512M b c\"\n"));
    }
};

QTEST_GUILESS_MAIN(TestMemoryReport)
#include "tst_memoryreport.moc"
