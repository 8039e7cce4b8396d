#include "DomainList.h"
#include "SampleData.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// The hypervisor's view of domains: xl list, xm list, xm list --long and list_domains,
// on the real samples, on the list_domains format from xen-api's source, and on input
// that is cut, binary, huge or hostile.
class TestDomainList final : public QObject
{
    Q_OBJECT

private:
    // The example in XEN-FIELD-GUIDE section 3, built the way list_domains.ml prints:
    // cells right-aligned to the widest value and joined with " | ".
    static QByteArray listDomainsExample()
    {
        return "id |                                 uuid |  state\n"
               " 0 | 8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21 |     R \n"
               " 3 | 7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001 |    B H\n"
               " 7 | 2b9d8f00-1c2e-4e55-8a61-5d7c9e0f1a22 | D     \n";
    }

private Q_SLOTS:
    void xlListSamples()
    {
        const auto z = DomainListParser::parseXlList(readSample("xl-list__meta-xilinx-zynqmp.txt"));
        QVERIFY2(z.ok(), qPrintable(z.errorMessage()));
        QCOMPARE(z->domains.size(), 1);
        const Domain& dom0 = z->domains.first();
        QCOMPARE(dom0.name, u"Domain-0"_s);
        QCOMPARE(dom0.id, 0);
        QVERIFY(dom0.isControlDomain());
        QCOMPARE(dom0.memoryMiB, 1500);
        QCOMPARE(dom0.vcpus, 1);
        QVERIFY(dom0.state.running);
        QCOMPARE(dom0.state.toXlString(), u"r-----"_s);
        QCOMPARE(dom0.cpuTimeSeconds, 123.5);
        QCOMPARE(dom0.line, 2);
        QVERIFY(z->report.isClean());

        const auto m = DomainListParser::parseXlList(readSample("xl-list__xen-xl-man-page-example.txt"));
        QVERIFY(m.ok());
        QCOMPARE(m->domains.size(), 3);
        QCOMPARE(m->domains[1].name, u"win"_s);
        QCOMPARE(m->domains[1].id, 1);
        QCOMPARE(m->domains[1].memoryMiB, 1019);
        QCOMPARE(m->domains[2].name, u"linux"_s);
        QCOMPARE(m->domains[2].vcpus, 2);
        QCOMPARE(m->domains[2].cpuTimeSeconds, 5624.2);
        QCOMPARE(m->domains[0].memoryMiB, 750);
        QVERIFY(m->report.isClean());
    }

    void nullDomains()
    {
        const auto r = DomainListParser::parseXlList(readSample("xl-list__xen-commit-93e52d52-null-domains.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->domains.size(), 5);
        int nulls = 0;
        for (const Domain& d : r->domains) {
            if (!d.hasNullName())
                continue;
            ++nulls;
            QCOMPARE(d.memoryMiB, 0);
            QCOMPARE(d.vcpus, 0);
            QVERIFY(d.state.paused);
            QVERIFY(!d.state.running);
            QCOMPARE(d.state.toXlString(), u"--p---"_s);
        }
        QCOMPARE(nulls, 3);
        QCOMPARE(r->byId(2)->name, u"(null)"_s);
        const Domain* badger = r->byName(u"badger");
        QVERIFY(badger);
        QCOMPARE(badger->id, 25);
        QCOMPARE(badger->vcpus, 1);
        QVERIFY(badger->state.paused);
        QCOMPARE(r->byId(0)->memoryMiB, 752);
        QCOMPARE(r->byId(0)->cpuTimeSeconds, 46699.3);
        QVERIFY(!r->byId(4));
        QVERIFY(r->report.isClean());
    }

    void claimsColumn()
    {
        const auto r = DomainListParser::parseXlList(readSample("xl-claims__xen-xl-man-page.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->domains.size(), 4);
        QCOMPARE(r->byName(u"OL5")->column(u"Claimed"), u"847"_s);
        QCOMPARE(r->byName(u"Windows_XP")->column(u"Claimed"), u"1989"_s);
        QCOMPARE(r->byName(u"Windows_XP")->memoryMiB, 2047);
        QVERIFY(r->byName(u"Windows_XP")->state.paused);
        QCOMPARE(r->byName(u"OL6")->vcpus, 4);
        QVERIFY(r->byName(u"OL6")->state.running);
        QCOMPARE(r->byId(0)->column(u"Claimed"), u"0"_s);
        QVERIFY(r->report.isClean());
    }

    void xmListSamples()
    {
        const auto w = DomainListParser::parseXmList(readSample("xm-list__wordpress-it-debian-lenny-xen.txt"));
        QVERIFY(w.ok());
        QCOMPARE(w->format, DomainListFormat::XmList);
        QCOMPARE(w->domains.size(), 1);
        QCOMPARE(w->domains.first().memoryMiB, 231);
        QCOMPARE(w->domains.first().vcpus, 2);
        QCOMPARE(w->domains.first().cpuTimeSeconds, 21609.8);

        const auto m = DomainListParser::parseXmList(readSample("xm-list__xen-xm-man-page-xen30.txt"));
        QVERIFY(m.ok());
        QCOMPARE(m->domains.size(), 6);
        QCOMPARE(m->byId(0)->memoryMiB, 98);
        QCOMPARE(m->byName(u"Fedora4")->id, 165);
        QVERIFY(m->byName(u"Fedora4")->state.isEmpty());
        QVERIFY(m->byName(u"Mandrake2006")->state.blocked);
        QCOMPARE(m->byName(u"Mandrake10.2")->id, 167);
        QCOMPARE(m->byName(u"Suse9.2")->memoryMiB, 100);
        QVERIFY(m->report.isClean());

        const auto l = DomainListParser::parseXmList(readSample("xm-list-label__xen-3.2-user-manual-acm.txt"));
        QVERIFY(l.ok());
        QCOMPARE(l->domains.size(), 2);
        QCOMPARE(l->domains[0].name, u"domain1"_s);
        QVERIFY(l->domains[0].state.blocked);
        QCOMPARE(l->domains[0].column(u"Label"), u"ACM:mytest:__UNLABELED__"_s);
        QCOMPARE(l->domains[1].column(u"Label"), u"ACM:mytest:SystemManagement"_s);
        QCOMPARE(l->domains[1].memoryMiB, 875);
        QVERIFY(l->report.isClean());
    }

    void xmListLongSample()
    {
        const auto r =
            DomainListParser::parseXmListLong(readSample("xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->format, DomainListFormat::XmListLong);
        QCOMPARE(r->domains.size(), 1);
        const Domain& d = r->domains.first();
        QCOMPARE(d.id, 15);
        QCOMPARE(d.name, u"UbuntuPVS810"_s);
        QCOMPARE(d.uuid, u"d9a1b362-c834-67ab-4e9d-d4b706699297"_s);
        QCOMPARE(d.memoryMiB, 4096);
        QCOMPARE(d.maxMemoryMiB, 4096);
        QCOMPARE(d.shadowMemoryMiB, 0);
        QCOMPARE(d.vcpus, 1);
        QVERIFY(d.state.blocked);
        QCOMPARE(d.cpuTimeSeconds, 5.977945576);
        QVERIFY(r->report.isClean());

        const auto cut = DomainListParser::parseXmListLong(
            readSample("xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt").left(600));
        QVERIFY(cut.ok());
        QVERIFY(cut->report.partial);
        QCOMPARE(cut->domains.first().id, 15);
    }

    void allFlagsOfXl_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<bool>("valid");
        QTest::newRow("running") << u"r-----"_s << true;
        QTest::newRow("blocked") << u"-b----"_s << true;
        QTest::newRow("paused") << u"--p---"_s << true;
        QTest::newRow("shutdown") << u"---s--"_s << true;
        QTest::newRow("crashed") << u"---sc-"_s << true;
        QTest::newRow("dying") << u"--p--d"_s << true;
        QTest::newRow("none") << u"------"_s << true;
        QTest::newRow("all") << u"rbpscd"_s << true;
        QTest::newRow("wrong place") << u"b-----"_s << false;
        QTest::newRow("short") << u"r----"_s << false;
        QTest::newRow("word") << u"paused"_s << false;
    }

    void allFlagsOfXl()
    {
        QFETCH(QString, flags);
        QFETCH(bool, valid);
        const auto s = DomainState::fromXl(flags);
        QCOMPARE(s.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(s->toXlString(), flags);
        QCOMPARE(s->running, flags[0] == u'r');
        QCOMPARE(s->blocked, flags[1] == u'b');
        QCOMPARE(s->paused, flags[2] == u'p');
        QCOMPARE(s->shutdown, flags[3] == u's');
        QCOMPARE(s->crashed, flags[4] == u'c');
        QCOMPARE(s->dying, flags[5] == u'd');
        QVERIFY(!s->hvm.has_value());
    }

    void xlRowsWithEveryState()
    {
        const QByteArray text = "Name                                        ID   Mem VCPUs\tState\tTime(s)\n"
                                "Domain-0                                     0  4096     8     r-----    1234.5\n"
                                "crashed vm                                   4  1024     2     ---sc-       1.0\n"
                                "(null)                                       9     0     0     --p--d       0.0\n"
                                "halting                                     12   512     1     ---s--       0.1\n";
        const auto r = DomainListParser::parseXlList(text);
        QVERIFY(r.ok());
        QCOMPARE(r->domains.size(), 4);
        QCOMPARE(r->byId(4)->name, u"crashed vm"_s);
        QVERIFY(r->byId(4)->state.crashed);
        QVERIFY(r->byId(9)->state.dying);
        QVERIFY(r->byId(9)->hasNullName());
        QVERIFY(r->byId(12)->state.shutdown);
        QVERIFY(r->report.isClean());
    }

    void hostileNames()
    {
        // Names with digits and state-like words, quotes and $(): the columns are read
        // from the right, so the name keeps everything before the ID.
        const QByteArray text = "Name                                        ID   Mem VCPUs      State   Time(s)\n"
                                "Domain-0                                     0  1024     2     r-----      10.0\n"
                                "db 1 2 3 r----- 4.0                          5   512     1     -b----       2.0\n"
                                "it's \"$(reboot)\" `id`                        6   256     1     --p---       0.0\n";
        const auto r = DomainListParser::parseXlList(text);
        QVERIFY(r.ok());
        QCOMPARE(r->domains.size(), 3);
        QCOMPARE(r->byId(5)->name, u"db 1 2 3 r----- 4.0"_s);
        QVERIFY(r->byId(5)->state.blocked);
        QCOMPARE(r->byId(6)->name, u"it's \"$(reboot)\" `id`"_s);
        QVERIFY(r->report.isClean());

        // A name with a line break imitating a row of its own.
        const QByteArray injected = "Name                                        ID   Mem VCPUs      State   Time(s)\n"
                                    "Domain-0                                     0  1024     2     r-----      10.0\n"
                                    "evil\n"
                                    "Domain-0                                     0  1024     2     r-----      10.0\n"
                                    "x                                            7   256     1     -b----       1.0\n";
        const auto h = DomainListParser::parseXlList(injected);
        QVERIFY(h.ok());
        QVERIFY(h->report.partial);
        QCOMPARE(h->domains.size(), 3);
    }

    void listDomainsDefault()
    {
        const auto r = DomainListParser::parseListDomains(listDomainsExample());
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->format, DomainListFormat::ListDomains);
        QCOMPARE(r->domains.size(), 3);
        const Domain& d0 = r->domains[0];
        QCOMPARE(d0.id, 0);
        QVERIFY(d0.name.isEmpty());
        QCOMPARE(d0.uuid, u"8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21"_s);
        QVERIFY(d0.state.running);
        QCOMPARE(d0.state.hvm, false);
        QVERIFY(r->domains[1].state.blocked);
        QCOMPARE(r->domains[1].state.hvm, true);
        QVERIFY(!r->domains[1].state.running);
        QVERIFY(r->domains[2].state.dying);
        QCOMPARE(r->domains[2].state.toXlString(), u"-----d"_s);
        QCOMPARE(r->byUuid(u"7E1C1A5E-2A4B-4D35-9D5C-0A8EF1B3C001")->id, 3);
        QVERIFY(!r->domains[2].memoryMiB.has_value());
        QVERIFY(r->report.isClean());

        // Trailing spaces lost in transit: the flags are read by letter.
        QByteArray trimmed = listDomainsExample();
        trimmed.replace(" \n", "\n");
        const auto t = DomainListParser::parseListDomains(trimmed);
        QVERIFY(t.ok());
        QVERIFY(t->domains[0].state.running);
        QVERIFY(t->domains[2].state.dying);
    }

    void listDomainsMemoryAndAll()
    {
        const QByteArray mib = "id |                                 uuid |  state | tot MiB | max MiB | shadow MiB\n"
                               " 0 | 8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21 |     R  |    4096 |     N/A |        N/A\n"
                               "12 | 7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001 |    BH  |    2052 |    2056 |         18\n";
        // The BH row above has its flags pushed together; list_domains would not, but the
        // letters still decide.
        const auto m = DomainListParser::parseListDomains(mib);
        QVERIFY(m.ok());
        QCOMPARE(m->byId(0)->memoryMiB, 4096);
        QVERIFY(!m->byId(0)->maxMemoryMiB.has_value());
        QCOMPARE(m->byId(12)->maxMemoryMiB, 2056);
        QCOMPARE(m->byId(12)->shadowMemoryMiB, 18);
        QCOMPARE(m->byId(12)->state.hvm, true);

        const QByteArray all = "id |                                 uuid |  state |  tot bytes |  max bytes | shadow "
                               "bytes | shutdown code "
                               "|     sif |          cpu time | vcpus online | max vcpu id | ssidref\n"
                               " 0 | 8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21 |     R  | 4294967296 |        N/A |         "
                               " N/A |             0 "
                               "|  630624 | 93881552004123 |            8 |           7 |       0\n"
                               " 5 | 2b9d8f00-1c2e-4e55-8a61-5d7c9e0f1a22 |  S P   | 1073745920 | 1073745920 |      "
                               "8388608 |             3 "
                               "| 1114112 |       12000000000 |            2 |           1 |       0\n";
        const auto a = DomainListParser::parseListDomains(all);
        QVERIFY2(a.ok(), qPrintable(a.errorMessage()));
        QCOMPARE(a->byId(0)->memoryMiB, 4096);
        QCOMPARE(a->byId(5)->memoryMiB, 1025); // 1073745920 bytes rounds up
        QCOMPARE(a->byId(5)->shadowMemoryMiB, 8);
        QCOMPARE(a->byId(5)->vcpus, 2);
        QCOMPARE(a->byId(5)->cpuTimeSeconds, 12.0);
        QCOMPARE(a->byId(5)->column(u"shutdown code"), u"3"_s);
        QVERIFY(a->byId(5)->state.shutdown);
        QVERIFY(a->byId(5)->state.paused);
        QCOMPARE(a->byId(0)->column(u"ssidref"), u"0"_s);
        QVERIFY(a->report.isClean());

        const QByteArray pages =
            "id |                                 uuid | state | tot pages | max pages | shadow pages\n"
            " 1 | 2b9d8f00-1c2e-4e55-8a61-5d7c9e0f1a22 |  B    |    262144 |    262400 |          N/A\n";
        const auto p = DomainListParser::parseListDomains(pages);
        QVERIFY(p.ok());
        QCOMPARE(p->byId(1)->memoryMiB, 1024);
        QCOMPARE(p->byId(1)->maxMemoryMiB, 1025);
        QVERIFY(!p->byId(1)->shadowMemoryMiB.has_value());
    }

    void listDomainsMinimalAndWarning()
    {
        const auto m = DomainListParser::parseListDomains("8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21\n"
                                                          "7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001\n");
        QVERIFY(m.ok());
        QCOMPARE(m->format, DomainListFormat::ListDomainsMinimal);
        QCOMPARE(m->domains.size(), 2);
        QCOMPARE(m->domains[1].id, -1);
        QCOMPARE(m->domains[1].uuid, u"7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001"_s);

        // list_domains prints its warning without a newline.
        QByteArray warned = listDomainsExample();
        warned.prepend("Warning, ignoring unknown argument: -bogus");
        const auto w = DomainListParser::parseListDomains(warned);
        QVERIFY(w.ok());
        QCOMPARE(w->domains.size(), 3);
        QVERIFY(!w->report.partial);
        QCOMPARE(w->report.issues.size(), 1);
    }

    void autoDetection()
    {
        QCOMPARE(DomainListParser::parse(listDomainsExample())->format, DomainListFormat::ListDomains);
        QCOMPARE(DomainListParser::parse(readSample("xl-list__meta-xilinx-zynqmp.txt"))->format,
                 DomainListFormat::XlList);
        QCOMPARE(DomainListParser::parse(readSample("xm-list__xen-xm-man-page-xen30.txt"))->format,
                 DomainListFormat::XmList);
        QCOMPARE(DomainListParser::parse(readSample("xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt"))->format,
                 DomainListFormat::XmListLong);
        QCOMPARE(DomainListParser::parse("8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21\n")->format,
                 DomainListFormat::ListDomainsMinimal);
        QVERIFY(!DomainListParser::parse("").ok());
        QVERIFY(!DomainListParser::parse("xl: command not found\n").ok());
    }

    void unusableInput()
    {
        for (const auto parse : {&DomainListParser::parseXlList, &DomainListParser::parseXmList,
                                 &DomainListParser::parseListDomains, &DomainListParser::parseXmListLong}) {
            QVERIFY(!parse("").ok());
            QVERIFY(!parse(" \n\n").ok());
            const auto b = parse(xrtest::binaryNoise(32 * 1024));
            QVERIFY(!b.ok());
            QCOMPARE(b.error().code, u"binary"_s);
            QVERIFY(!b.errorMessage().isEmpty());
        }
        const auto header = DomainListParser::parseXlList("Name ID Mem VCPUs State Time(s)\n");
        QVERIFY(!header.ok());
        QCOMPARE(header.error().code, u"no-domains"_s);
        QVERIFY(!DomainListParser::parseListDomains("id | uuid | state\n").ok());
        QVERIFY(!DomainListParser::parseListDomains("a | b\n").ok());
    }

    void invalidUtf8AndNul()
    {
        QByteArray text = "Name                                        ID   Mem VCPUs      State   Time(s)\n";
        text += xrtest::invalidUtf8Name();
        text += "                                    3   256     1     -b----       1.0\n";
        static const char withNul[] =
            "Domain-0                                     0  1024     2     r-----    1\0.0\n";
        text += QByteArray(withNul, sizeof(withNul) - 1);
        const auto r = DomainListParser::parseXlList(text);
        QVERIFY(r.ok());
        QVERIFY(r->report.invalidUtf8);
        QVERIFY(r->byId(3)->name.contains(QChar(QChar::ReplacementCharacter)));
        // The row with a NUL in its time is not a domain row any more.
        QVERIFY(r->report.partial);
        QVERIFY(!r->byId(0));
    }

    void everyTruncationIsSafe()
    {
        for (const char* file : {"xl-list__xen-commit-93e52d52-null-domains.txt", "xl-claims__xen-xl-man-page.txt",
                                 "xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt"}) {
            const QByteArray data = readSample(file);
            QVERIFY(!data.isEmpty());
            for (qsizetype n = 0; n < data.size(); ++n) {
                const QByteArray cut = data.left(n);
                const auto r = DomainListParser::parse(cut);
                // An s-expression is complete at its last ')', newline or not.
                const bool complete = cut.endsWith('\n') || (cut.startsWith('(') && n > data.lastIndexOf(')'));
                if (r.ok() && !complete)
                    QVERIFY2(r->report.partial, qPrintable(QStringLiteral("%1 at %2").arg(QLatin1String(file)).arg(n)));
            }
        }
        const QByteArray ld = listDomainsExample();
        for (qsizetype n = 0; n < ld.size(); ++n) {
            const auto r = DomainListParser::parseListDomains(ld.left(n));
            if (r.ok())
                QVERIFY(r->domains.size() <= 3);
        }
    }

    void hugeListings()
    {
        const QByteArray header = "Name                                        ID   Mem VCPUs      State   Time(s)\n";
        const QByteArray row = "guest                                       17  1024     2     -b----     100.0\n";
        const QByteArray huge = header + xrtest::repeatTo(row, 100 * 1024 * 1024);
        const auto r = DomainListParser::parseXlList(huge);
        QVERIFY(r.ok());
        // No real host has this many domains: the parser stops at its cap and says so.
        QCOMPARE(r->domains.size(), 65536);
        QVERIFY(r->report.partial);
        QCOMPARE(r->domains.last().name, u"guest"_s);

        QByteArray ld = "id |                                 uuid |  state\n";
        ld += xrtest::repeatTo(" 1 | 8e5a1b40-7d6f-4b0c-9a53-2f1e6c3d4b21 |     R \n", 100 * 1024 * 1024);
        const auto l = DomainListParser::parseListDomains(ld);
        QVERIFY(l.ok());
        QCOMPARE(l->domains.size(), 65536);
        QVERIFY(l->report.partial);

        const QByteArray sexp = xrtest::repeatTo("(domain (domid 1) (name a) (memory 512))\n", 100 * 1024 * 1024);
        const auto s = DomainListParser::parseXmListLong(sexp);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, u"too-large"_s);
    }
};

QTEST_GUILESS_MAIN(TestDomainList)
#include "tst_domainlist.moc"
