#include "MemorySettings.h"
#include "SampleData.h"
#include "XenInfo.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// dom0 memory settings: dom0_mem in every form and every place it is written (boot
// loaders, xen-cmdline, xl info, xl dmesg), xend-config.sxp and xl.conf, on the real
// samples and on cut, binary, huge and hostile input.
class TestMemorySettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dom0MemForms_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<qint64>("initial");
        QTest::addColumn<qint64>("min");
        QTest::addColumn<qint64>("max");
        // -1: not set.
        QTest::newRow("512M") << u"512M"_s << 512ll << -1ll << -1ll;
        QTest::newRow("lower-case m") << u"512m"_s << 512ll << -1ll << -1ll;
        QTest::newRow("pinned") << u"1024M,max:1024M"_s << 1024ll << -1ll << 1024ll;
        QTest::newRow("min only") << u"min:1024M"_s << -1ll << 1024ll << -1ll;
        QTest::newRow("max only") << u"max:4096M"_s << -1ll << -1ll << 4096ll;
        QTest::newRow("all three") << u"2G,min:1G,max:4G"_s << 2048ll << 1024ll << 4096ll;
        QTest::newRow("plain KiB") << u"524288"_s << 512ll << -1ll << -1ll;
        QTest::newRow("K") << u"1048576K"_s << 1024ll << -1ll << -1ll;
        QTest::newRow("k") << u"2097152k"_s << 2048ll << -1ll << -1ll;
        QTest::newRow("G") << u"16G"_s << 16384ll << -1ll << -1ll;
        QTest::newRow("T") << u"1T"_s << 1048576ll << -1ll << -1ll;
        QTest::newRow("bytes") << u"1073741824B"_s << 1024ll << -1ll << -1ll;
        QTest::newRow("hex") << u"0x400M"_s << 1024ll << -1ll << -1ll;
        QTest::newRow("odd KiB rounds down") << u"1000000"_s << 976ll << -1ll << -1ll;
        QTest::newRow("xcp-ng 8.1") << u"7584M,max:7584M"_s << 7584ll << -1ll << 7584ll;
    }

    void dom0MemForms()
    {
        QFETCH(QString, value);
        QFETCH(qint64, initial);
        QFETCH(qint64, min);
        QFETCH(qint64, max);
        const auto r = Dom0Mem::parse(value);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->initialMiB().value_or(-1), initial);
        QCOMPARE(r->minMiB().value_or(-1), min);
        QCOMPARE(r->maxMiB().value_or(-1), max);
        QCOMPARE(r->text, value);
    }

    void dom0MemRelativeAndInvalid()
    {
        const auto pct = Dom0Mem::parse(u"1G+5%,max:8G");
        QVERIFY(pct.ok());
        QVERIFY(!pct->initial->isAbsolute());
        QVERIFY(!pct->initialMiB());
        QCOMPARE(pct->initial->percent, 5);
        QCOMPARE(pct->initial->kib, 1024 * 1024);
        // XenServer's default: 1 GiB + 5% of RAM (XEN-FIELD-GUIDE section 7).
        QCOMPARE(pct->initial->resolveMiB(65536), 1024 + 3276);
        QCOMPARE(pct->maxMiB(), 8192);

        const auto allBut = Dom0Mem::parse(u"-1G");
        QVERIFY(allBut.ok());
        QVERIFY(allBut->initial->allBut);
        QCOMPARE(allBut->initial->resolveMiB(16384), 15360);
        QCOMPARE(Dom0Mem::parse(u"10%")->initial->resolveMiB(1000), 100);

        QVERIFY(Dom0Mem::parse(u"1024M,max:1024M")->isPinned());
        QVERIFY(!Dom0Mem::parse(u"1024M,max:2048M")->isPinned());

        for (const QString& bad :
             {u""_s, u"M"_s, u"max:"_s, u"512X"_s, u"512M,"_s, u"abc"_s, u"100%"_s, u"1G+2G"_s, u"$(reboot)"_s,
              u"512M'"_s, u"99999999999999999999999T"_s, u"4294967296T"_s, u"08"_s, u"max:max:1G"_s}) {
            const auto r = Dom0Mem::parse(bad);
            QVERIFY2(!r.ok(), qPrintable(bad));
            QCOMPARE(r.error().code, u"invalid"_s);
            QVERIFY(!r.errorMessage().isEmpty());
        }
    }

    void commandLines()
    {
        // Qubes: two dom0_mem words, combined as Xen does.
        const auto q = Dom0Mem::fromCommandLine(u"placeholder console=none dom0_mem=min:1024M dom0_mem=max:4096M "
                                                "ucode=scan smt=off");
        QVERIFY(q.ok());
        QCOMPARE(q->minMiB(), 1024);
        QCOMPARE(q->maxMiB(), 4096);
        QVERIFY(!q->initial);
        QCOMPARE(q->text, u"min:1024M max:4096M"_s);
        // A later word replaces an earlier one of the same kind.
        QCOMPARE(Dom0Mem::fromCommandLine(u"dom0_mem=512M dom0_mem=768M")->initialMiB(), 768);
        QCOMPARE(Dom0Mem::fromCommandLine(u"console=vga dom0_max_vcpus=4").error().code, u"absent"_s);
        QCOMPARE(Dom0Mem::fromCommandLine(u"").error().code, u"absent"_s);
        QCOMPARE(Dom0Mem::fromCommandLine(u"dom0_mem=lots").error().code, u"invalid"_s);
        // Not dom0_mem: another option that ends the same way.
        QCOMPARE(Dom0Mem::fromCommandLine(u"xdom0_mem=1G").error().code, u"absent"_s);
    }

    void xlInfoCommandLines()
    {
        const auto intel = XenInfo::parse(readSample("xl-info__intel-vmsifter-test.txt"));
        QVERIFY(intel.ok());
        const auto a = Dom0Mem::fromCommandLine(intel->xenCommandLine());
        QVERIFY(a.ok());
        QCOMPARE(a->initialMiB(), 10096);
        QVERIFY(!a->max);

        const auto arm = XenInfo::parse(readSample("xl-info__meta-xilinx-zynqmp.txt"));
        QVERIFY(arm.ok());
        QCOMPARE(Dom0Mem::fromCommandLine(arm->xenCommandLine())->initialMiB(), 1500);

        // The boot-config reader finds the same line in the raw output.
        const auto b = MemorySettings::parseBootConfig(readSample("xl-info__intel-vmsifter-test.txt"));
        QVERIFY2(b.ok(), qPrintable(b.errorMessage()));
        QCOMPARE(b->commandLines.size(), 1);
        QCOMPARE(b->commandLines.first().source, XenCommandLine::Source::XlInfo);
        QCOMPARE(b->dom0Mem()->initialMiB(), 10096);
        QVERIFY(b->report.isClean());

        const auto m = MemorySettings::parseBootConfig(readSample("xl-info-grep-memory__xengt-issue-15.txt"));
        QCOMPARE(m.error().code, u"no-xen-line"_s);
    }

    void xenCmdlineSample()
    {
        const auto r = MemorySettings::parseBootConfig(readSample("xen-cmdline-get-xen__rbdsr-readme-dom0-mem.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->commandLines.size(), 1);
        const XenCommandLine& c = r->commandLines.first();
        QCOMPARE(c.source, XenCommandLine::Source::XenCmdline);
        QCOMPARE(c.arguments, u"dom0_mem=4096M,max:4096M"_s);
        QCOMPARE(c.dom0Mem->initialMiB(), 4096);
        QCOMPARE(c.dom0Mem->maxMiB(), 4096);
        QVERIFY(c.dom0Mem->isPinned());
        QVERIFY(r->report.isClean());
    }

    void grubSamples()
    {
        const auto g = MemorySettings::parseBootConfig(readSample("dom0-mem-config__xcpng-docs-grub-cfg-81.txt"));
        QVERIFY2(g.ok(), qPrintable(g.errorMessage()));
        QCOMPARE(g->commandLines.size(), 1);
        const XenCommandLine& c = g->commandLines.first();
        QCOMPARE(c.source, XenCommandLine::Source::Grub2);
        QCOMPARE(c.entryTitle, u"XCP-ng"_s);
        QCOMPARE(c.line, 3);
        QVERIFY(c.arguments.startsWith(u"dom0_mem=7584M,max:7584M watchdog"));
        QVERIFY(!c.arguments.contains(u"/boot/xen.gz"));
        QCOMPARE(c.dom0Mem->initialMiB(), 7584);
        QCOMPARE(c.dom0Mem->maxMiB(), 7584);
        QVERIFY(g->report.isClean());

        const auto l = MemorySettings::parseBootConfig(readSample("dom0-mem-config__deimosfr-menu-lst-xen303.txt"));
        QVERIFY2(l.ok(), qPrintable(l.errorMessage()));
        // The dom0 kernel's module line (max_loop=64) is not a hypervisor line.
        QCOMPARE(l->commandLines.size(), 1);
        QCOMPARE(l->commandLines.first().source, XenCommandLine::Source::GrubLegacy);
        QCOMPARE(l->commandLines.first().entryTitle,
                 u"Xen 3.0.3-1-i386-pae / Debian GNU/Linux, kernel 2.6.18-5-xen-686"_s);
        QCOMPARE(l->dom0Mem()->initialMiB(), 512);
        QVERIFY(l->report.isClean());
    }

    void otherBootLoaders()
    {
        // XenServer 6 extlinux (mboot.c32: Xen args before ---), Debian /etc/default/grub,
        // a second grub entry without dom0_mem, and a Linux-only entry.
        const QByteArray text =
            "label xe\n"
            "  kernel mboot.c32\n"
            "  append /boot/xen.gz mem=1024G dom0_mem=752M,max:752M lowmem_emergency_pool=1M "
            "--- /boot/vmlinuz-2.6-xen root=LABEL=root-xyz ro dom0_mem=1 --- /boot/initrd-2.6-xen.img\n"
            "GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=2048M,max:2048M dom0_max_vcpus=2\"\n"
            "GRUB_CMDLINE_XEN=''\n"
            "menuentry \"Debian GNU/Linux\" --class debian {\n"
            "\tlinux /boot/vmlinuz-6.1 root=/dev/sda1 dom0_mem=99M\n"
            "}\n"
            "menuentry 'Debian GNU/Linux, with Xen hypervisor' --class xen {\n"
            "\tmultiboot2 /boot/xen-4.17-amd64.gz placeholder dom0_mem=2048M,max:2048M\n"
            "\tmodule2 /boot/vmlinuz-6.1 placeholder root=/dev/sda1\n"
            "}\n"
            "menuentry 'Xen without settings' {\n"
            "\tmultiboot /boot/xen.gz console=vga\n"
            "}\n";
        const auto r = MemorySettings::parseBootConfig(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->report.isClean());
        QCOMPARE(r->commandLines.size(), 5);
        const XenCommandLine& x = r->commandLines[0];
        QCOMPARE(x.source, XenCommandLine::Source::Extlinux);
        QCOMPARE(x.entryTitle, u"xe"_s);
        QCOMPARE(x.dom0Mem->initialMiB(), 752);
        QVERIFY(!x.arguments.contains(u"vmlinuz"));
        QCOMPARE(r->commandLines[1].source, XenCommandLine::Source::DefaultGrub);
        QCOMPARE(r->commandLines[1].dom0Mem->maxMiB(), 2048);
        QVERIFY(!r->commandLines[2].dom0Mem);
        QCOMPARE(r->commandLines[3].entryTitle, u"Debian GNU/Linux, with Xen hypervisor"_s);
        QCOMPARE(r->commandLines[3].dom0Mem->initialMiB(), 2048);
        QVERIFY(!r->commandLines[4].dom0Mem);
        QCOMPARE(r->dom0Mem()->initialMiB(), 752);
    }

    void dmesgCommandLines()
    {
        const auto q = MemorySettings::parseBootConfig(readSample("xl-dmesg__qubes-issue-9501-xen-4.17.txt"));
        QVERIFY2(q.ok(), qPrintable(q.errorMessage()));
        QCOMPARE(q->commandLines.size(), 1);
        QCOMPARE(q->commandLines.first().source, XenCommandLine::Source::Dmesg);
        QCOMPARE(q->commandLines.first().line, 6);
        QCOMPARE(q->dom0Mem()->minMiB(), 1024);
        QCOMPARE(q->dom0Mem()->maxMiB(), 4096);

        // Xen 3.3 booted without options: a command line, no dom0_mem.
        const auto x =
            MemorySettings::parseBootConfig(readSample("xm-dmesg__ubuntuforums-archive-2008-xen331-centos52.txt"));
        QVERIFY(x.ok());
        QCOMPARE(x->commandLines.size(), 1);
        QVERIFY(x->commandLines.first().arguments.isEmpty());
        QVERIFY(!x->dom0Mem());
    }

    void bootConfigHostile()
    {
        QCOMPARE(MemorySettings::parseBootConfig("").error().code, u"empty"_s);
        QCOMPARE(MemorySettings::parseBootConfig(xrtest::binaryNoise(8192)).error().code, u"binary"_s);
        QCOMPARE(MemorySettings::parseBootConfig("xen-cmdline: command not found\n").error().code, u"no-xen-line"_s);

        const auto bad = MemorySettings::parseBootConfig("dom0_mem=$(reboot)\n");
        QVERIFY(bad.ok());
        QVERIFY(bad->report.partial);
        QVERIFY(!bad->dom0Mem());

        const QByteArray data = readSample("xen-cmdline-get-xen__rbdsr-readme-dom0-mem.txt");
        for (qsizetype n = 0; n < data.size(); ++n) {
            const auto r = MemorySettings::parseBootConfig(data.left(n));
            // Cut before the value's end: an error, or a result flagged partial.
            if (r.ok())
                QVERIFY2(r->report.partial, qPrintable(QString::number(n)));
        }
        const QByteArray grub = readSample("dom0-mem-config__xcpng-docs-grub-cfg-81.txt");
        for (qsizetype n = 0; n < grub.size(); ++n) {
            const QByteArray cut = grub.left(n);
            const auto r = MemorySettings::parseBootConfig(cut);
            if (r.ok() && !cut.endsWith('\n'))
                QVERIFY(r->report.partial);
        }

        static const char raw[] = "title \xff\xfe $(x)\nkernel /boot/xen.gz dom0_mem=1G\0\n";
        const QByteArray mixed(raw, sizeof(raw) - 1);
        const auto m = MemorySettings::parseBootConfig(mixed);
        QVERIFY(m.ok());
        QVERIFY(m->report.invalidUtf8);
        QVERIFY(m->report.binary);
        // The NUL turned into U+FFFD ends up inside the value: not a size.
        QVERIFY(m->report.partial);
        QVERIFY(!m->dom0Mem());

        const auto huge = MemorySettings::parseBootConfig(
            xrtest::repeatTo("multiboot2 /boot/xen.gz dom0_mem=1024M,max:1024M\n", 100 * 1024 * 1024));
        QVERIFY(huge.ok());
        QVERIFY(huge->report.partial);
        QCOMPARE(huge->commandLines.size(), 65536);
        QCOMPARE(huge->dom0Mem()->initialMiB(), 1024);
    }

    void xendConfigSample()
    {
        const auto r = MemorySettings::parseXendConfig(readSample("xend-config-sxp__xen-4.1-4.4-tools-examples.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->dom0MinMemMiB, 196);
        QCOMPARE(r->enableDom0Ballooning, true);
        QCOMPARE(r->totalAvailableMemoryGiB, 0);
        QCOMPARE(r->dom0Cpus, 0);
        QCOMPARE(r->value(u"network-script"), u"network-bridge"_s);
        QCOMPARE(r->value(u"vif-script"), u"vif-bridge"_s);
        QCOMPARE(r->value(u"xend-relocation-hosts-allow"), u"^localhost$ ^localhost\\.localdomain$"_s);
        QCOMPARE(r->value(u"vncpasswd"), QString());
        QVERIFY(!r->value(u"vncpasswd").isNull());
        QVERIFY(r->value(u"no-such-key").isNull());
        QCOMPARE(r->entries.first().key, u"xend-relocation-server"_s);
        QCOMPARE(r->entries.first().line, 65);
    }

    void xendConfigSettings()
    {
        // The seed chapter's advice: pin dom0 and turn ballooning off; xend reads the
        // first of two settings.
        const auto r = MemorySettings::parseXendConfig("# pinned\n(dom0-min-mem 512)\n(enable-dom0-ballooning no)\n"
                                                       "(dom0-cpus 2)\n(dom0-min-mem 1024)\n"
                                                       "(network-script 'network-bridge netdev=eth1')\n");
        QVERIFY(r.ok());
        QCOMPARE(r->dom0MinMemMiB, 512);
        QCOMPARE(r->enableDom0Ballooning, false);
        QCOMPARE(r->dom0Cpus, 2);
        QVERIFY(!r->totalAvailableMemoryGiB);
        QCOMPARE(r->value(u"network-script"), u"network-bridge netdev=eth1"_s);
        QVERIFY(!r->report.partial);
        QCOMPARE(r->report.issues.size(), 1);

        const auto bad = MemorySettings::parseXendConfig("(dom0-min-mem lots)\n(enable-dom0-ballooning maybe)\n"
                                                         "(dom0-cpus -1)\nstray\n");
        QVERIFY(bad.ok());
        QVERIFY(bad->report.partial);
        QVERIFY(!bad->dom0MinMemMiB);
        QVERIFY(!bad->enableDom0Ballooning);
        QVERIFY(!bad->dom0Cpus);
        QCOMPARE(bad->report.issues.size(), 4);

        const auto comments = MemorySettings::parseXendConfig("# everything default\n");
        QVERIFY(comments.ok());
        QVERIFY(comments->entries.isEmpty());
        QCOMPARE(MemorySettings::parseXendConfig("").error().code, u"empty"_s);
        QCOMPARE(MemorySettings::parseXendConfig(xrtest::binaryNoise(8192)).error().code, u"binary"_s);

        const QByteArray data = readSample("xend-config-sxp__xen-4.1-4.4-tools-examples.txt");
        for (qsizetype n = 1; n < data.size(); n += 7) {
            const auto cut = MemorySettings::parseXendConfig(data.left(n));
            if (cut.ok() && cut->dom0MinMemMiB)
                QCOMPARE(*cut->dom0MinMemMiB, 196);
        }
        const auto open = MemorySettings::parseXendConfig("(dom0-min-mem 196)\n(enable-dom0-ballooning");
        QVERIFY(open.ok());
        QVERIFY(open->report.partial);
        QCOMPARE(open->dom0MinMemMiB, 196);
    }

    void xlConfSample()
    {
        const auto r = MemorySettings::parseXlConf(readSample("xl-conf__xen-4.14-tools-examples.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        // Everything is commented out: xl's defaults.
        QVERIFY(r->entries.isEmpty());
        QCOMPARE(r->autoballoon(), Autoballoon::Auto);
        QVERIFY(r->report.isClean());

        // Uncommenting every line gives the documented defaults.
        QByteArray active;
        for (const QByteArray& line : readSample("xl-conf__xen-4.14-tools-examples.txt").split('\n')) {
            const bool setting = line.size() > 1 && line[0] == '#' && line[1] != ' ' && line[1] != '#';
            active += (setting ? line.mid(1) : line) + '\n';
        }
        const auto a = MemorySettings::parseXlConf(active);
        QVERIFY(a.ok());
        QVERIFY2(a->report.isClean(), qPrintable(a->report.summary()));
        QCOMPARE(a->value(u"autoballoon"), u"auto"_s);
        QCOMPARE(a->entry(u"autoballoon")->line, 10);
        QCOMPARE(a->value(u"lockfile"), u"/var/lock/xl"_s);
        QCOMPARE(a->value(u"vif.default.bridge"), u"xenbr0"_s);
        QCOMPARE(a->entry(u"claim_mode")->type, XlConfEntry::Type::Number);
        QCOMPARE(a->value(u"claim_mode"), u"1"_s);
        QCOMPARE(a->value(u"vm.hvm.cpumask"), u"3-7"_s);
        QCOMPARE(a->entries.size(), 14);
        QCOMPARE(a->autoballoon(), Autoballoon::Auto);
    }

    void autoballoonForms_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("partial");
        const int autoMode = int(Autoballoon::Auto), on = int(Autoballoon::On), off = int(Autoballoon::Off);
        QTest::newRow("off") << QByteArray("autoballoon=\"off\"\n") << off << false;
        QTest::newRow("on") << QByteArray("autoballoon=\"on\"\n") << on << false;
        QTest::newRow("auto") << QByteArray("autoballoon=\"auto\"\n") << autoMode << false;
        QTest::newRow("0") << QByteArray("autoballoon=0\n") << off << false;
        QTest::newRow("1") << QByteArray("autoballoon = 1\n") << on << false;
        QTest::newRow("quoted 0") << QByteArray("autoballoon='0'\n") << off << false;
        QTest::newRow("spaces comment") << QByteArray("  autoballoon  =  \"off\"   # dom0_mem is set\n") << off
                                        << false;
        QTest::newRow("semicolon") << QByteArray("autoballoon=\"off\"; lockfile=\"/run/xl\"\n") << off << false;
        QTest::newRow("commented") << QByteArray("#autoballoon=\"off\"\n") << autoMode << false;
        QTest::newRow("last wins") << QByteArray("autoballoon=\"off\"\nautoballoon=\"on\"\n") << on << false;
        // xl's grammar rejects an unquoted word: the line is skipped, xl stays on auto.
        QTest::newRow("unquoted off") << QByteArray("autoballoon=off\n") << autoMode << true;
        QTest::newRow("unquoted after valid") << QByteArray("autoballoon=0\nautoballoon=on\n") << off << true;
        QTest::newRow("unknown word") << QByteArray("autoballoon=\"yes\"\n") << autoMode << false;
        QTest::newRow("no newline") << QByteArray("autoballoon=\"off\"") << off << true;
        QTest::newRow("unterminated") << QByteArray("autoballoon=\"off\n") << autoMode << true;
        QTest::newRow("case") << QByteArray("autoballoon=\"OFF\"\n") << autoMode << false;
    }

    void autoballoonForms()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, mode);
        QFETCH(bool, partial);
        const auto r = MemorySettings::parseXlConf(text);
        QVERIFY(r.ok());
        QCOMPARE(int(r->autoballoon()), mode);
        QCOMPARE(r->report.partial, partial);
    }

    void xlConfSyntax()
    {
        const auto r = MemorySettings::parseXlConf("vm.cpumask = \"0-7\"\n"
                                                   "vif.default.script=\"vif-bridge\" # trailing comment\n"
                                                   "list = [ \"a\", 'b\\'c',\n  0x10, ]\n"
                                                   "extra += \"x\"\n"
                                                   "name=\"it's \\\"$(reboot)\\\"\"\n"
                                                   "= \"orphan\"\n"
                                                   "broken \"value\"\n"
                                                   "after=\"still read\"\n");
        QVERIFY(r.ok());
        QCOMPARE(r->value(u"vm.cpumask"), u"0-7"_s);
        QCOMPARE(r->value(u"vif.default.script"), u"vif-bridge"_s);
        const XlConfEntry* list = r->entry(u"list");
        QCOMPARE(list->type, XlConfEntry::Type::List);
        QCOMPARE(list->items, (QStringList{u"a"_s, u"b'c"_s, u"0x10"_s}));
        QVERIFY(r->entry(u"extra")->append);
        QCOMPARE(r->value(u"name"), u"it's \"$(reboot)\""_s);
        QCOMPARE(r->value(u"after"), u"still read"_s);
        QVERIFY(r->report.partial);
        QCOMPARE(r->report.issues.size(), 2);

        const auto empty = MemorySettings::parseXlConf("");
        QVERIFY(empty.ok());
        QVERIFY(empty->entries.isEmpty());
        QCOMPARE(MemorySettings::parseXlConf(xrtest::binaryNoise(8192)).error().code, u"binary"_s);

        const QByteArray data = "autoballoon=\"off\"\nlockfile=\"/var/lock/xl\"\nclaim_mode=1\n";
        for (qsizetype n = 0; n < data.size(); ++n) {
            const QByteArray cut = data.left(n);
            const auto c = MemorySettings::parseXlConf(cut);
            QVERIFY(c.ok());
            if (!cut.isEmpty() && !cut.endsWith('\n'))
                QVERIFY(c->report.partial);
        }

        QByteArray nonUtf8 = "lockfile=\"";
        nonUtf8 += xrtest::invalidUtf8Name();
        nonUtf8 += "\"\n";
        const auto u = MemorySettings::parseXlConf(nonUtf8);
        QVERIFY(u.ok());
        QVERIFY(u->report.invalidUtf8);
        QVERIFY(u->value(u"lockfile").contains(QChar(QChar::ReplacementCharacter)));

        const auto huge = MemorySettings::parseXlConf(
            xrtest::repeatTo("autoballoon=\"off\" # " + QByteArray(200, 'x') + '\n', 100 * 1024 * 1024));
        QVERIFY(huge.ok());
        QVERIFY(huge->report.partial);
        QCOMPARE(huge->entries.size(), 65536);
        QCOMPARE(huge->autoballoon(), Autoballoon::Off);
        const auto longList = MemorySettings::parseXlConf("l=[" + xrtest::repeatTo("\"x\",", 1024 * 1024) + "]\n");
        QVERIFY(longList.ok());
        QCOMPARE(longList->entry(u"l")->items.size(), 65536);
    }
};

QTEST_GUILESS_MAIN(TestMemorySettings)
#include "tst_memorysettings.moc"
