#include "MemorySettings.h"
#include "SampleData.h"
#include "XlParsers.h"

#include <QTest>
#include <QTimeZone>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// xl uptime, xl/xm vcpu-list, xl list -l (JSON) and xl/xm dmesg: the real samples, the
// shapes xl's source prints where no sample exists, and hostile input.
class TestXlParsers final : public QObject
{
    Q_OBJECT

private:
    // xl uptime as print_uptime() writes it: "%-33s %4d %s" under a "Name ID Uptime" header.
    static QByteArray uptimeTable()
    {
        return "Name                                ID Uptime\n"
               "Domain-0                             0 12 days,  3:04:05\n"
               "web server                           3 1 day,  0:00:59\n"
               "db1                                 17  7:08:09\n"
               "(null)                              21  0:00:00\n";
    }

    // xl list -l: libxl_domain_config as JSON (libxl_types.idl field names).
    static QByteArray listLongJson()
    {
        return "[\n"
               "    {\n"
               "        \"domid\": 0,\n"
               "        \"config\": {\n"
               "            \"c_info\": {\n"
               "                \"type\": \"pv\",\n"
               "                \"name\": \"Domain-0\",\n"
               "                \"uuid\": \"00000000-0000-0000-0000-000000000000\"\n"
               "            },\n"
               "            \"b_info\": {\n"
               "                \"max_vcpus\": 4,\n"
               "                \"max_memkb\": 4194304,\n"
               "                \"target_memkb\": 4194304\n"
               "            }\n"
               "        }\n"
               "    },\n"
               "    {\n"
               "        \"domid\": 7,\n"
               "        \"config\": {\n"
               "            \"c_info\": {\n"
               "                \"type\": \"hvm\",\n"
               "                \"name\": \"win \\\"$(reboot)\\\"\\nvm\",\n"
               "                \"uuid\": \"7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001\",\n"
               "                \"run_hotplug_scripts\": \"True\"\n"
               "            },\n"
               "            \"b_info\": {\n"
               "                \"max_vcpus\": 2,\n"
               "                \"avail_vcpus\": [0, 1],\n"
               "                \"max_memkb\": 2097152,\n"
               "                \"target_memkb\": 1048576,\n"
               "                \"type.hvm\": {\"firmware\": \"bios\"}\n"
               "            },\n"
               "            \"disks\": [\n"
               "                {\"pdev_path\": \"/dev/vg0/win\", \"vdev\": \"hda\", \"backend\": \"phy\", \"format\": "
               "\"raw\", \"readwrite\": 1},\n"
               "                {\"pdev_path\": \"/iso/virtio.iso\", \"vdev\": \"hdc\", \"format\": \"raw\", "
               "\"is_cdrom\": 1, \"readwrite\": 0}\n"
               "            ],\n"
               "            \"nics\": [\n"
               "                {\"devid\": 0, \"mac\": \"00:16:3e:5a:01:02\", \"bridge\": \"xenbr0\", \"script\": "
               "\"vif-bridge\", \"model\": \"e1000\"}\n"
               "            ],\n"
               "            \"on_crash\": \"restart\"\n"
               "        }\n"
               "    }\n"
               "]\n";
    }

private Q_SLOTS:
    void uptimeTableFromSource()
    {
        const auto r = XlParsers::parseUptime(uptimeTable());
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->domains.size(), 4);
        QCOMPARE(r->byId(0)->name, u"Domain-0"_s);
        QCOMPARE(r->byId(0)->seconds, ((12 * 24 + 3) * 60 + 4) * 60 + 5);
        QCOMPARE(r->byId(0)->text, u"12 days,  3:04:05"_s);
        QCOMPARE(r->byId(3)->name, u"web server"_s);
        QCOMPARE(r->byId(3)->seconds, 86400 + 59);
        QCOMPARE(r->byId(17)->seconds, (7 * 60 + 8) * 60 + 9);
        QVERIFY(r->byId(17)->hasSeconds);
        QCOMPARE(r->byId(21)->name, u"(null)"_s);
        QCOMPARE(r->byId(21)->line, 5);

        const auto s = XlParsers::parseUptime(" 10:11:12 up 1 day,  3:04, Domain-0 (0)\n"
                                              " 10:11:12 up  0:05, a, b (12)\n");
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->domains.size(), 2);
        QCOMPARE(s->domains[0].seconds, (27 * 60 + 4) * 60);
        QVERIFY(!s->domains[0].hasSeconds);
        QCOMPARE(s->domains[1].name, u"a, b"_s);
        QCOMPARE(s->domains[1].domid, 12);
        QVERIFY(s->report.isClean());
    }

    void uptimeErrorSample()
    {
        const auto r = XlParsers::parseUptime(readSample("xl-uptime-error__xen-commit-3533972f.txt"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, u"not-uptime"_s);
        QVERIFY(r.errorMessage().contains(u"requires at least 1 argument"));
    }

    void uptimeHostile()
    {
        QCOMPARE(XlParsers::parseUptime("").error().code, u"empty"_s);
        QCOMPARE(XlParsers::parseUptime(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QCOMPARE(XlParsers::parseUptime("Name ID Uptime\n").error().code, u"not-uptime"_s);
        const auto bad = XlParsers::parseUptime("Name ID Uptime\nvm 3 25:61:00\nvm2 4 1:00:00\n");
        QVERIFY(bad.ok());
        QVERIFY(bad->report.partial);
        QCOMPARE(bad->domains.size(), 1);
        const QByteArray table = uptimeTable();
        for (qsizetype n = 0; n < table.size(); ++n) {
            const QByteArray cut = table.left(n);
            const auto r = XlParsers::parseUptime(cut);
            if (r.ok() && !cut.endsWith('\n'))
                QVERIFY2(r->report.partial, qPrintable(QString::number(n)));
        }
        const auto huge = XlParsers::parseUptime(
            xrtest::repeatTo("vm                                   3  1:00:00\n", 100 * 1024 * 1024));
        QVERIFY(huge.ok());
        QVERIFY(huge->report.partial);
        QCOMPARE(huge->domains.size(), 65536);
    }

    void vcpuListSample()
    {
        const auto r = XlParsers::parseVcpuList(readSample("xl-vcpu-list__qubes-issue-9984-hard-soft-affinity.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->vcpus.size(), 15);
        const VcpuInfo& first = r->vcpus.first();
        QCOMPARE(first.domainName, u"Domain-0"_s);
        QCOMPARE(first.domid, 0);
        QCOMPARE(first.vcpu, 0);
        QCOMPARE(first.cpu, 0);
        QVERIFY(first.blocked);
        QVERIFY(!first.running);
        QCOMPARE(first.timeSeconds, 44.0);
        QCOMPARE(first.hardAffinity, u"0"_s);
        QCOMPARE(first.softAffinity, u"all"_s);
        QVERIFY(r->vcpus[3].running);
        QCOMPARE(r->vcpus[3].cpu, 3);
        QCOMPARE(r->ofDomain(0).size(), 4);
        QCOMPARE(r->ofDomain(4).size(), 2);
        QCOMPARE(r->ofDomain(4).first()->softAffinity, u"0-15"_s);
        const VcpuInfo& dm = r->vcpus[6];
        QCOMPARE(dm.domainName, u"sys-net-dm"_s);
        QCOMPARE(dm.domid, 2);
        QCOMPARE(dm.cpu, 30);
        QCOMPARE(dm.timeSeconds, 2.8);
        QCOMPARE(dm.hardAffinity, u"all"_s);
        QCOMPARE(dm.softAffinity, u"16-31"_s);
        QCOMPARE(r->vcpus.last().domainName, u"sys-vpn-secure"_s);
        QCOMPARE(r->vcpus.last().line, 16);
    }

    void vcpuListShapes()
    {
        // An offline vCPU ("-" CPU, "--p"), a name with spaces and digits, xm's
        // "any cpu" affinity without a soft part.
        const QByteArray text = "Name                                ID  VCPU   CPU State   Time(s) CPU Affinity\n"
                                "my vm 2 3                            5     0     1   r--     123.4  any cpu\n"
                                "my vm 2 3                            5     1     -   --p       0.0  any cpu\n";
        const auto r = XlParsers::parseVcpuList(text);
        QVERIFY(r.ok());
        QVERIFY(r->report.isClean());
        QCOMPARE(r->vcpus.size(), 2);
        QCOMPARE(r->vcpus[0].domainName, u"my vm 2 3"_s);
        QCOMPARE(r->vcpus[0].hardAffinity, u"any cpu"_s);
        QVERIFY(r->vcpus[0].softAffinity.isEmpty());
        QVERIFY(r->vcpus[1].offline);
        QVERIFY(!r->vcpus[1].cpu);

        QCOMPARE(XlParsers::parseVcpuList("").error().code, u"empty"_s);
        QCOMPARE(XlParsers::parseVcpuList(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QCOMPARE(XlParsers::parseVcpuList("libxl_physinfo failed.\n").error().code, u"no-vcpus"_s);
        const QByteArray sample = readSample("xl-vcpu-list__qubes-issue-9984-hard-soft-affinity.txt");
        for (qsizetype n = 0; n < sample.size(); ++n) {
            const QByteArray cut = sample.left(n);
            const auto c = XlParsers::parseVcpuList(cut);
            if (c.ok() && !cut.endsWith('\n'))
                QVERIFY2(c->report.partial, qPrintable(QString::number(n)));
        }
        QByteArray mixed = sample;
        mixed.replace("sys-usb ", "sys-\xff\"$(x)");
        const auto m = XlParsers::parseVcpuList(mixed);
        QVERIFY(m.ok());
        QVERIFY(m->report.invalidUtf8);
        QCOMPARE(m->vcpus.size(), 15);
    }

    void listLongSample()
    {
        const auto r = XlParsers::parseListLong(listLongJson());
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
        QCOMPARE(r->domains.size(), 2);
        const XlDomainDetails* dom0 = r->byId(0);
        QCOMPARE(dom0->name, u"Domain-0"_s);
        QCOMPARE(dom0->type, u"pv"_s);
        QCOMPARE(dom0->maxMemoryMiB, 4096);
        QCOMPARE(dom0->maxVcpus, 4);
        const XlDomainDetails* win = r->byId(7);
        QCOMPARE(win->name, u"win \"$(reboot)\"\nvm"_s);
        QCOMPARE(r->byName(u"win \"$(reboot)\"\nvm"), win);
        QCOMPARE(win->uuid, u"7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001"_s);
        QCOMPARE(win->type, u"hvm"_s);
        QCOMPARE(win->maxMemoryMiB, 2048);
        QCOMPARE(win->targetMemoryMiB, 1024);
        QCOMPARE(win->disks.size(), 2);
        QCOMPARE(win->disks[0].target, u"/dev/vg0/win"_s);
        QVERIFY(!win->disks[0].readOnly);
        QVERIFY(win->disks[1].cdrom);
        QVERIFY(win->disks[1].readOnly);
        QCOMPARE(win->nics.size(), 1);
        QCOMPARE(win->nics[0].mac, u"00:16:3e:5a:01:02"_s);
        QCOMPARE(win->nics[0].bridge, u"xenbr0"_s);
        QCOMPARE(win->nics[0].devid, 0);
        QCOMPARE(win->config.value(u"on_crash"_s).toString(), u"restart"_s);

        const auto one = XlParsers::parseListLong("{\"domid\": 3, \"config\": {\"c_info\": {\"name\": \"a\"}}}");
        QVERIFY(one.ok());
        QCOMPARE(one->domains.first().domid, 3);
        QVERIFY(!one->domains.first().maxMemoryMiB);
        const auto empty = XlParsers::parseListLong("[]\n");
        QVERIFY(empty.ok());
        QVERIFY(empty->domains.isEmpty());
    }

    void listLongHostile()
    {
        QCOMPARE(XlParsers::parseListLong("").error().code, u"empty"_s);
        QCOMPARE(XlParsers::parseListLong(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QCOMPARE(XlParsers::parseListLong("(domain (domid 0))\n").error().code, u"sxp"_s);
        const QByteArray json = listLongJson();
        for (qsizetype n = 1; n + 2 < json.size(); n += 3) {
            const auto r = XlParsers::parseListLong(json.left(n));
            // Cut JSON never parses: an error that says where.
            QVERIFY2(!r.ok(), qPrintable(QString::number(n)));
            QVERIFY(!r.errorMessage().isEmpty());
        }
        const auto odd = XlParsers::parseListLong("[1, {\"domid\": -5, \"config\": {\"c_info\": {\"name\": 7}}}, []]");
        QVERIFY(odd.ok());
        QVERIFY(odd->report.partial);
        QCOMPARE(odd->domains.size(), 1);
        QCOMPARE(odd->domains.first().domid, -1);
        QVERIFY(odd->domains.first().name.isEmpty());
        QCOMPARE(XlParsers::parseListLong(QByteArray(65 * 1024 * 1024, ' ')).error().code, u"too-large"_s);
    }

    void dmesgQubesSample()
    {
        const auto r = XlParsers::parseDmesg(readSample("xl-dmesg__qubes-issue-9501-xen-4.17.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->report.isClean());
        QCOMPARE(r->lines.size(), 18);
        QVERIFY(!r->lines[0].hypervisor);
        QCOMPARE(r->lines[0].text, u" Xen 4.17.5"_s);
        QVERIFY(r->lines[1].hypervisor);
        QCOMPARE(r->xenVersion(), u"4.17.5"_s);
        QVERIFY(r->commandLine().startsWith(u"placeholder console=none dom0_mem=min:1024M"));
        const auto mem = Dom0Mem::fromCommandLine(r->commandLine());
        QCOMPARE(mem->minMiB(), 1024);
        QCOMPARE(mem->maxMiB(), 4096);
        // "(XEN)  [0000..., 0fff] (reserved)": an address range, not a timestamp.
        const DmesgLine& range = r->lines[14];
        QVERIFY(!range.uptimeSeconds && !range.rawTimestamp && !range.wallClock);
        QCOMPARE(range.text, u" [0000000000000000, 0000000000000fff] (reserved)"_s);
        QCOMPARE(range.line, 15);
    }

    void dmesgXm331Sample()
    {
        const auto r = XlParsers::parseDmesg(readSample("xm-dmesg__ubuntuforums-archive-2008-xen331-centos52.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->report.isClean());
        QCOMPARE(r->lines.size(), 78);
        int banner = 0;
        for (const DmesgLine& l : r->lines)
            banner += l.hypervisor ? 0 : 1;
        QCOMPARE(banner, 5);
        QCOMPARE(r->xenVersion(), u"3.3.1-rc4"_s);
        QVERIFY(!r->commandLine().isNull());
        QVERIFY(r->commandLine().isEmpty());
        QCOMPARE(r->lines.last().text, u"Freed 104kB init memory."_s);
        QCOMPARE(r->lines.last().line, 79);
    }

    void dmesgMicrocodeGrep()
    {
        const auto r = XlParsers::parseDmesg(readSample("xl-dmesg-grep-microcode__xen-docs-microcode-loading.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->lines.size(), 9);
        for (const DmesgLine& l : r->lines)
            QVERIFY(l.hypervisor);
        QCOMPARE(r->lines[0].text, u"microcode: CPU0 updated from revision 0x1a to 0x25, date = 2018-04-02"_s);
        QCOMPARE(r->lines[4].text, u"4 cores are to update their microcode"_s);
        QVERIFY(r->xenVersion().isEmpty());
        QVERIFY(r->commandLine().isNull());
    }

    void dmesgTimestampsAndLevels()
    {
        const QByteArray text = "(XEN) [2024-01-01 00:00:00.123] Xen version 4.19.0 (x@y) (gcc) debug=n\n"
                                "(XEN) [2024-01-01 00:00:01] Command line: dom0_mem=2G,max:2G\n"
                                "(XEN) [   12.345678] d1v0 Unhandled invalid opcode fault\n"
                                "(XEN) [0000000c4a1f6b2d] raw tsc line\n"
                                "(XEN) <4>warning with level\n"
                                "(XEN) [   1.5] <G>guest level\n"
                                "(d1) Linux version 6.1.0 (guest console)\n"
                                "(XEN) [not a time] text\n";
        const auto r = XlParsers::parseDmesg(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->report.isClean());
        QCOMPARE(r->lines.size(), 8);
        QCOMPARE(r->lines[0].wallClock, QDateTime(QDate(2024, 1, 1), QTime(0, 0, 0, 123), QTimeZone::utc()));
        QCOMPARE(r->xenVersion(), u"4.19.0"_s);
        QCOMPARE(r->commandLine(), u"dom0_mem=2G,max:2G"_s);
        QCOMPARE(r->lines[1].wallClock, QDateTime(QDate(2024, 1, 1), QTime(0, 0, 1), QTimeZone::utc()));
        QCOMPARE(r->lines[2].uptimeSeconds, 12.345678);
        QCOMPARE(r->lines[2].text, u"d1v0 Unhandled invalid opcode fault"_s);
        QCOMPARE(r->lines[3].rawTimestamp, 0xc4a1f6b2dull);
        QCOMPARE(r->lines[4].level, u"4"_s);
        QCOMPARE(r->lines[4].text, u"warning with level"_s);
        QCOMPARE(r->lines[5].level, u"G"_s);
        QCOMPARE(r->lines[5].uptimeSeconds, 1.5);
        QVERIFY(!r->lines[6].hypervisor);
        QCOMPARE(r->lines[6].guestDomid, 1);
        QCOMPARE(r->lines[6].text, u"Linux version 6.1.0 (guest console)"_s);
        QCOMPARE(r->lines[7].text, u"[not a time] text"_s);
    }

    void dmesgHostile()
    {
        QCOMPARE(XlParsers::parseDmesg("").error().code, u"empty"_s);
        QCOMPARE(XlParsers::parseDmesg(xrtest::binaryNoise(4096)).error().code, u"binary"_s);
        QCOMPARE(XlParsers::parseDmesg("xc: error: Could not read console ring\n").error().code, u"not-dmesg"_s);
        const QByteArray data = readSample("xl-dmesg__qubes-issue-9501-xen-4.17.txt");
        for (qsizetype n = 0; n < data.size(); ++n) {
            const QByteArray cut = data.left(n);
            const auto r = XlParsers::parseDmesg(cut);
            if (r.ok() && !cut.endsWith('\n'))
                QVERIFY2(r->report.partial, qPrintable(QString::number(n)));
        }
        const auto odd = XlParsers::parseDmesg(
            "(XEN) [\n(XEN) [9999-99-99 99:99:99] x\n(XEN) <\n(d) x\n(d99999999999999999999) y\n");
        QVERIFY(odd.ok());
        QCOMPARE(odd->lines.size(), 5);
        QVERIFY(!odd->lines[1].wallClock);
        QCOMPARE(odd->lines[3].guestDomid, -1);
        QCOMPARE(odd->lines[4].guestDomid, -1);
        QByteArray mixed = "(XEN) ";
        mixed += xrtest::invalidUtf8Name();
        mixed += "\n";
        QVERIFY(XlParsers::parseDmesg(mixed)->report.invalidUtf8);
        const auto huge = XlParsers::parseDmesg(
            xrtest::repeatTo("(XEN) [   12.345678] " + QByteArray(300, 'x') + '\n', 100 * 1024 * 1024));
        QVERIFY(huge.ok());
        QVERIFY(huge->report.partial);
        QCOMPARE(huge->lines.size(), 262144);
    }
};

QTEST_GUILESS_MAIN(TestXlParsers)
#include "tst_xlparsers.moc"
