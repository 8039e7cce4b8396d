#include "SampleData.h"
#include "XenInfo.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// xl info / xm info: the real samples (two Xen 4.x hosts, a grep of memory lines, the
// Xen 3.0 man page with its one-space indent) and hostile input.
class TestXenInfo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xlInfoIntel()
    {
        const auto r = XenInfo::parse(readSample("xl-info__intel-vmsifter-test.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->entries.size(), 33);
        QCOMPARE(r->entries.first().key, u"host"_s);
        QCOMPARE(r->entries.first().value, u"abc.intel.com"_s);
        QCOMPARE(r->entries.last().key, u"xend_config_format"_s);
        QCOMPARE(r->totalMemoryMiB(), 522954);
        QCOMPARE(r->freeMemoryMiB(), 507728);
        QCOMPARE(r->integer(u"nr_cpus"), 56);
        QCOMPARE(r->integer(u"nr_nodes"), 2);
        QCOMPARE(r->xenVersion(), u"4.18.0"_s);
        QCOMPARE(r->value(u"xen_scheduler"), u"credit2"_s);
        QCOMPARE(r->value(u"xen_changeset"), QString());
        QVERIFY(!r->value(u"xen_changeset").isNull());
        QVERIFY(r->xenCommandLine().contains(u"dom0_mem=10096M"));
        QVERIFY(r->xenCommandLine().endsWith(u"edd=off"));
        // Values with colons and '#' stay whole.
        QCOMPARE(r->value(u"version"), u"#80~20.04.1-Ubuntu SMP Wed May 17 14:58:14 UTC 2023"_s);
        QCOMPARE(r->value(u"cc_compile_date"), u"Wed Jan 10 07:39:03 PST 2024"_s);
        QVERIFY(r->report.isClean());
    }

    void xlInfoArm()
    {
        const auto r = XenInfo::parse(readSample("xl-info__meta-xilinx-zynqmp.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->entries.size(), 34);
        QCOMPARE(r->totalMemoryMiB(), 4095);
        QCOMPARE(r->freeMemoryMiB(), 2529);
        QCOMPARE(r->value(u"machine"), u"aarch64"_s);
        QCOMPARE(r->xenVersion(), u"4.17.0"_s);
        QVERIFY(r->xenCommandLine().contains(u"dom0_mem=1500M"));
        QCOMPARE(r->value(u"cc_compile_domain"), QString());
        QCOMPARE(r->value(u"xen_changeset"), u"Tue Dec 12 10:08:40 2023 +0100 git:38eebc6e5c-dirty"_s);
        QCOMPARE(r->value(u"hw_caps"), u"00000000:00000000:00000000:00000000:00000000:00000000:00000000:00000000"_s);
        QVERIFY(r->report.isClean());
    }

    void memoryGrep()
    {
        const auto r = XenInfo::parse(readSample("xl-info-grep-memory__xengt-issue-15.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->entries.size(), 4);
        QCOMPARE(r->totalMemoryMiB(), 32673);
        QCOMPARE(r->freeMemoryMiB(), 19947);
        QCOMPARE(r->integer(u"sharing_used_memory"), 0);
        QVERIFY(r->xenVersion().isEmpty());
        QVERIFY(r->xenCommandLine().isNull());
    }

    void xmInfoXen30()
    {
        const auto r = XenInfo::parse(readSample("xm-info__xen-xm-man-page-xen30.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->entries.size(), 19);
        QCOMPARE(r->value(u"host"), u"talon"_s);
        QCOMPARE(r->totalMemoryMiB(), 767);
        QCOMPARE(r->freeMemoryMiB(), 37);
        // Xen 3.0 has no xen_version: built from major, minor and extra.
        QCOMPARE(r->xenVersion(), u"3.0-devel"_s);
        QCOMPARE(r->value(u"hw_caps"), u"0383fbff:00000000:00000000:00000040"_s);
        QCOMPARE(r->entries[9].line, 10);
        QVERIFY(r->report.isClean());
    }

    void wrappedValueAndWarnings()
    {
        const auto r = XenInfo::parse("libxl: error: something odd\n"
                                      "host                   : h\n"
                                      "xen_commandline        : dom0_mem=4096M,max:4096M\n"
                                      "    console=vga\n");
        QVERIFY(r.ok());
        QCOMPARE(r->xenCommandLine(), u"dom0_mem=4096M,max:4096M console=vga"_s);
        QVERIFY(r->report.partial);
        QCOMPARE(r->report.issues.first().line, 1);
    }

    void hostileInput()
    {
        QVERIFY(!XenInfo::parse("").ok());
        QCOMPARE(XenInfo::parse("\n\n").error().code, u"empty"_s);
        QCOMPARE(XenInfo::parse(xrtest::binaryNoise(16 * 1024)).error().code, u"binary"_s);
        QCOMPARE(XenInfo::parse("xl: command not found\n").error().code, u"not-xen-info"_s);

        QByteArray evil = "host                   : $(reboot) 'it's' \"q\"\nhost                   : fake\n";
        evil += "release                : ";
        evil += xrtest::invalidUtf8Name();
        evil += "\n";
        const auto e = XenInfo::parse(evil);
        QVERIFY(e.ok());
        QCOMPARE(e->value(u"host"), u"$(reboot) 'it's' \"q\""_s);
        QVERIFY(e->report.partial);
        QVERIFY(e->report.invalidUtf8);
        QVERIFY(e->value(u"release").contains(QChar(QChar::ReplacementCharacter)));

        const QByteArray data = readSample("xl-info__intel-vmsifter-test.txt");
        for (qsizetype n = 1; n < data.size(); ++n) {
            const auto cut = XenInfo::parse(data.left(n));
            if (cut.ok() && !data.left(n).endsWith('\n'))
                QVERIFY(cut->report.partial);
        }

        const QByteArray huge = xrtest::repeatTo("free_memory            : 19947\n", 100 * 1024 * 1024);
        const auto h = XenInfo::parse(huge);
        QVERIFY(h.ok());
        QVERIFY(h->report.partial);
        QCOMPARE(h->freeMemoryMiB(), 19947);
        QVERIFY(h->entries.size() <= 4096);

        const QByteArray oneLine = "xen_commandline        : " + QByteArray(100 * 1024 * 1024, 'a') + '\n';
        const auto o = XenInfo::parse(oneLine);
        QVERIFY(o.ok());
        QCOMPARE(o->xenCommandLine().size(), 100 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestXenInfo)
#include "tst_xeninfo.moc"
