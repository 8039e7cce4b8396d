// Pool-member addresses (issue 14, item 4): what `xe host-list` reports for a member becomes an
// SSH target only when it is an IP address or a host name; anything an ssh configuration,
// a ProxyCommand or a shell could expand is refused with a reason.
#include "MemberAddress.h"

#include <QTest>

using namespace xr;

class TestMemberAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("kind");
        const int v4 = int(MemberAddress::Kind::Ipv4);
        const int v6 = int(MemberAddress::Kind::Ipv6);
        const int name = int(MemberAddress::Kind::HostName);
        QTest::newRow("ipv4") << QStringLiteral("10.0.0.21") << v4;
        QTest::newRow("ipv4 edge") << QStringLiteral("255.255.255.255") << v4;
        QTest::newRow("ipv6") << QStringLiteral("2001:db8::21") << v6;
        QTest::newRow("ipv6 loopback") << QStringLiteral("::1") << v6;
        QTest::newRow("ipv6 mapped v4") << QStringLiteral("::ffff:10.0.0.1") << v6;
        QTest::newRow("short name") << QStringLiteral("xcp-ng-02") << name;
        QTest::newRow("fqdn") << QStringLiteral("host2.pool.example.com") << name;
        QTest::newRow("digits first") << QStringLiteral("3com.example") << name;
        QTest::newRow("63-char label") << QString(63, u'a') + QStringLiteral(".example") << name;
        QString max253;
        while (max253.size() + 64 <= 253)
            max253 += QString(63, u'b') + u'.';
        max253 += QString(253 - max253.size(), u'c');
        QTest::newRow("253 chars") << max253 << name;
    }

    void accepted()
    {
        QFETCH(QString, address);
        QFETCH(int, kind);
        const Result<MemberAddress::Kind> r = MemberAddress::check(address);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(int(*r), kind);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("code");
        QTest::newRow("proxycommand option") << QStringLiteral("-oProxyCommand=x") << QStringLiteral("leading-hyphen");
        QTest::newRow("proxycommand sh") << QStringLiteral("-oProxyCommand=sh -c 'id>/tmp/p'")
                                         << QStringLiteral("leading-hyphen");
        QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("forbidden-character");
        QTest::newRow("semicolon") << QStringLiteral("host;rm -rf /") << QStringLiteral("forbidden-character");
        QTest::newRow("command substitution") << QStringLiteral("$(id)") << QStringLiteral("forbidden-character");
        QTest::newRow("backticks") << QStringLiteral("`id`") << QStringLiteral("forbidden-character");
        QTest::newRow("percent token") << QStringLiteral("%h") << QStringLiteral("forbidden-character");
        QTest::newRow("percent in name") << QStringLiteral("host%p.example") << QStringLiteral("forbidden-character");
        QTest::newRow("ipv6 zone id") << QStringLiteral("fe80::1%eth0") << QStringLiteral("forbidden-character");
        QTest::newRow("single quote") << QStringLiteral("host'x") << QStringLiteral("forbidden-character");
        QTest::newRow("double quote") << QStringLiteral("host\"x") << QStringLiteral("forbidden-character");
        QTest::newRow("newline") << QStringLiteral("host\nProxyCommand x") << QStringLiteral("forbidden-character");
        QTest::newRow("carriage return") << QStringLiteral("host\r") << QStringLiteral("forbidden-character");
        QTest::newRow("tab") << QStringLiteral("host\tx") << QStringLiteral("forbidden-character");
        QTest::newRow("nul") << QString::fromUtf16(u"host\u0000x", 6) << QStringLiteral("forbidden-character");
        QTest::newRow("user at host") << QStringLiteral("root@evil") << QStringLiteral("forbidden-character");
        QTest::newRow("underscore") << QStringLiteral("my_host") << QStringLiteral("forbidden-character");
        QTest::newRow("slash") << QStringLiteral("evil/../x") << QStringLiteral("forbidden-character");
        QTest::newRow("brackets") << QStringLiteral("[::1]") << QStringLiteral("forbidden-character");
        QTest::newRow("unicode idn") << QStringLiteral("h\u00f6st.example") << QStringLiteral("forbidden-character");
        QTest::newRow("cyrillic lookalike")
            << QStringLiteral("\u0430pple.com") << QStringLiteral("forbidden-character");
        QTest::newRow("fullwidth digits")
            << QStringLiteral("\uff11\uff10.0.0.1") << QStringLiteral("forbidden-character");
        QTest::newRow("bidi control") << QStringLiteral("host\u202e.example") << QStringLiteral("forbidden-character");
        QTest::newRow("zero width") << QStringLiteral("ho\u200bst") << QStringLiteral("forbidden-character");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("254 chars") << QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' +
                                          QString(62, u'd')
                                   << QStringLiteral("too-long");
        QTest::newRow("huge") << QString(100000, u'a') << QStringLiteral("too-long");
        QTest::newRow("64-char label") << QString(64, u'a') + QStringLiteral(".example") << QStringLiteral("bad-label");
        QTest::newRow("empty label") << QStringLiteral("host..example") << QStringLiteral("bad-label");
        QTest::newRow("trailing dot") << QStringLiteral("host.example.") << QStringLiteral("bad-label");
        QTest::newRow("leading dot") << QStringLiteral(".host") << QStringLiteral("bad-label");
        QTest::newRow("label hyphen") << QStringLiteral("host.-oProxyCommand") << QStringLiteral("bad-label");
        QTest::newRow("label ends hyphen") << QStringLiteral("host-.example") << QStringLiteral("bad-label");
        QTest::newRow("short ipv4") << QStringLiteral("10.1") << QStringLiteral("bad-ipv4");
        QTest::newRow("ipv4 out of range") << QStringLiteral("10.0.0.256") << QStringLiteral("bad-ipv4");
        QTest::newRow("decimal ipv4") << QStringLiteral("2130706433") << QStringLiteral("bad-ipv4");
        QTest::newRow("bad ipv6") << QStringLiteral("2001:db8:::1") << QStringLiteral("bad-ipv6");
        QTest::newRow("port suffix") << QStringLiteral("10.0.0.1:22") << QStringLiteral("bad-ipv6");
    }

    void refused()
    {
        QFETCH(QString, address);
        QFETCH(QString, code);
        const Result<MemberAddress::Kind> r = MemberAddress::check(address);
        QVERIFY2(!r.ok(), qPrintable(address));
        QCOMPARE(r.error().code, code);
        QVERIFY(!r.errorMessage().isEmpty());
        // The message shows the address with nothing that could drive a terminal or a log line.
        for (const QChar c : r.errorMessage())
            QVERIFY2(c.unicode() >= 0x20 && c != QChar(0x202e) && c != QChar(0x200b), qPrintable(r.errorMessage()));
        QVERIFY(r.errorMessage().size() < 600);
    }
};

QTEST_GUILESS_MAIN(TestMemberAddress)
#include "tst_memberaddress.moc"
