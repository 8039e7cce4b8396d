#include "SampleData.h"
#include "SexpReader.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// The s-expression reader on xend's own files (xend-config.sxp, xm list --long) and on
// the corners of sxp.py's syntax: quotes, escapes, comments, separators, cut and hostile
// input.
class TestSexpReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xendConfigSample()
    {
        const auto r = SexpReader::parse(readSample("xend-config-sxp__xen-4.1-4.4-tools-examples.txt"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        // Only the uncommented settings are forms; everything after '#' is a comment.
        QCOMPARE(r->forms.size(), 9);
        QCOMPARE(r->forms.first().head(), u"xend-relocation-server"_s);
        QCOMPARE(r->forms.first().children[1].text, u"yes"_s);
        const SexpNode* minMem = r->form(u"dom0-min-mem");
        QVERIFY(minMem);
        QCOMPARE(minMem->children[1].text, u"196"_s);
        QCOMPARE(r->form(u"enable-dom0-ballooning")->children[1].text, u"yes"_s);
        QCOMPARE(r->form(u"total_available_memory")->children[1].text, u"0"_s);
        QCOMPARE(r->form(u"dom0-cpus")->children[1].text, u"0"_s);
        // '\\.' in single quotes is one backslash before the dot.
        const SexpNode* allow = r->form(u"xend-relocation-hosts-allow");
        QVERIFY(allow->children[1].quoted);
        QCOMPARE(allow->children[1].text, u"^localhost$ ^localhost\\.localdomain$"_s);
        const SexpNode* vnc = r->form(u"vncpasswd");
        QVERIFY(vnc->children[1].quoted);
        QVERIFY(vnc->children[1].text.isEmpty());
        QVERIFY(!r->form(u"xend-http-server"));
        QVERIFY(r->report.isClean());
    }

    void xmListLongSample()
    {
        const auto r = SexpReader::parse(readSample("xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt"));
        QVERIFY(r.ok());
        QCOMPARE(r->forms.size(), 1);
        const SexpNode& domain = r->forms.first();
        QCOMPARE(domain.head(), u"domain"_s);
        QCOMPARE(domain.line, 1);
        QCOMPARE(domain.value(u"domid"), u"15"_s);
        QCOMPARE(domain.value(u"state"), u"-b----"_s);
        // "(bootloader_args )" has a head and no value.
        QCOMPARE(domain.value(u"bootloader_args"), QString(u""_s));
        QVERIFY(!domain.value(u"bootloader_args").isNull());
        QVERIFY(domain.value(u"nothing").isNull());
        QCOMPARE(domain.childrenNamed(u"device").size(), 3);
        const SexpNode* notes = domain.child(u"image")->child(u"linux")->child(u"notes");
        QVERIFY(notes);
        QCOMPARE(notes->value(u"FEATURES"), u"!writable_page_tables|pae_pgdir_above_4gb"_s);
        QCOMPARE(notes->value(u"HV_START_LOW"), u"18446603336221196288"_s);
        QCOMPARE(notes->children.size(), 13);
        const SexpNode* vif = domain.childrenNamed(u"device")[0]->child(u"vif");
        QCOMPARE(vif->value(u"mac"), u"00:16:3e:1b:8b:d2"_s);
        QCOMPARE(vif->value(u"bridge"), u"eth0"_s);
        QCOMPARE(domain.childrenNamed(u"device")[1]->child(u"vbd")->value(u"uname"), u"phy:/dev/sdb7"_s);
        QCOMPARE(vif->line, 44);
        QVERIFY(r->report.isClean());

        // Written back and read again, the tree is the same.
        const QString again = domain.toString();
        const auto re = SexpReader::parse(again.toUtf8());
        QVERIFY(re.ok());
        QCOMPARE(re->forms.first().toString(), again);
        QCOMPARE(re->forms.first().child(u"image")->child(u"linux")->child(u"notes")->value(u"FEATURES"),
                 u"!writable_page_tables|pae_pgdir_above_4gb"_s);
    }

    void syntaxCorners()
    {
        const auto r = SexpReader::parse("(a \"dq \\\"x\\\" \\n\\t\\x41\\101\" 'sq \\'y\\'' b#comment\n"
                                         "c;d [e] it's)\n"
                                         "# only a comment\n"
                                         "atom (empty) ()");
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->forms.size(), 4);
        const SexpNode& a = r->forms[0];
        QCOMPARE(a.children[1].text, u"dq \"x\" \n\tAA"_s);
        QCOMPARE(a.children[2].text, u"sq 'y'"_s);
        QCOMPARE(a.children[3].text, u"b"_s);
        // sxp.py: separators end an atom and start the next one.
        QCOMPARE(a.children[4].text, u"c"_s);
        QCOMPARE(a.children[5].text, u";d"_s);
        QCOMPARE(a.children[6].text, u"[e"_s);
        QCOMPARE(a.children[7].text, u"]"_s);
        QCOMPARE(a.children[8].text, u"it's"_s);
        QCOMPARE(a.children[8].line, 2);
        QCOMPARE(r->forms[1].text, u"atom"_s);
        QCOMPARE(r->forms[2].head(), u"empty"_s);
        QVERIFY(r->forms[3].isList());
        QVERIFY(r->forms[3].children.isEmpty());
        QVERIFY(r->forms[3].head().isEmpty());
        QCOMPARE(r->formsNamed(u"empty").size(), 1);
        // An unknown escape keeps the backslash and drops the character, as xend does.
        QCOMPARE(SexpReader::parse("('a\\qb')")->forms.first().children.first().text, u"a\\b"_s);
        SexpNode hostile;
        hostile.text = u"it's $(x)"_s;
        QCOMPARE(hostile.toString(), u"'it\\'s $(x)'"_s);
    }

    void cutInput()
    {
        const auto list = SexpReader::parse("(domain (domid 3) (name web");
        QVERIFY(list.ok());
        QVERIFY(list->report.partial);
        QCOMPARE(list->forms.first().value(u"domid"), u"3"_s);
        QCOMPARE(list->forms.first().value(u"name"), u"web"_s);

        const auto string = SexpReader::parse("(name 'unterminated");
        QVERIFY(string.ok());
        QVERIFY(string->report.partial);
        QCOMPARE(string->forms.first().children[1].text, u"unterminated"_s);

        const auto extra = SexpReader::parse("(a))");
        QVERIFY(extra.ok());
        QVERIFY(extra->report.partial);

        const QByteArray data = readSample("xm-list-long-sxp__ubuntuforums-archive-2008-xen331.txt");
        const qsizetype end = data.lastIndexOf(')');
        for (qsizetype n = 0; n < data.size(); ++n) {
            const auto r = SexpReader::parse(data.left(n));
            QVERIFY(r.ok());
            if (n > 0 && n <= end)
                QVERIFY(r->report.partial);
        }
    }

    void hostileInput()
    {
        const auto empty = SexpReader::parse("");
        QVERIFY(empty.ok());
        QVERIFY(empty->forms.isEmpty());

        const auto binary = SexpReader::parse(xrtest::binaryNoise(16 * 1024));
        QVERIFY(!binary.ok());
        QCOMPARE(binary.error().code, u"binary"_s);

        const auto deep = SexpReader::parse(QByteArray(100 * 1024 * 1024, '('));
        QVERIFY(!deep.ok());
        QCOMPARE(deep.error().code, u"too-deep"_s);

        const auto many = SexpReader::parse(xrtest::repeatTo("(a b) ", 100 * 1024 * 1024));
        QVERIFY(!many.ok());
        QCOMPARE(many.error().code, u"too-large"_s);

        const auto longAtom = SexpReader::parse("(name " + QByteArray(100 * 1024 * 1024, 'x') + ")");
        QVERIFY(longAtom.ok());
        QCOMPARE(longAtom->forms.first().children[1].text.size(), 100 * 1024 * 1024);

        QByteArray utf = "(name '";
        utf += xrtest::invalidUtf8Name();
        utf += "')";
        const auto u = SexpReader::parse(utf);
        QVERIFY(u.ok());
        QVERIFY(u->report.invalidUtf8);
        QVERIFY(u->forms.first().children[1].text.startsWith(u"caf"));
    }
};

QTEST_GUILESS_MAIN(TestSexpReader)
#include "tst_sexpreader.moc"
