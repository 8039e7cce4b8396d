// Parser/simulator agreement: every kind of output the simulator prints is read back through
// the project's parsers and its structure (field names, markers, blank lines, column layout)
// is compared with the parse of the real sample of that kind.

#include "SimTestSupport.h"

#include "DomainList.h"
#include "NetworkParsers.h"
#include "XeError.h"
#include "XeMinimal.h"
#include "XeRecords.h"
#include "XenInfo.h"

#include <QRegularExpression>
#include <QTest>

using namespace xr;
using namespace xr::sim;
using namespace xrtest;

namespace {

// "name (MARKER)" for every field of every record, in order.
QStringList shape(const XeRecord& r)
{
    QStringList out;
    for (const XeField& f : r.fields)
        out << f.name + QStringLiteral(" (") + XeRecords::accessName(f.access) + u')';
    return out;
}

XeRecordList parseRecords(const QByteArray& text)
{
    const auto r = XeRecords::parse(text);
    return r ? r.value() : XeRecordList{};
}

// True when the fields both lists have appear in the same order (a sample is often a
// head or a grep of the full record).
bool sameRelativeOrder(const QStringList& a, const QStringList& b)
{
    QStringList common;
    for (const QString& x : a)
        if (b.contains(x))
            common << x;
    QStringList commonB;
    for (const QString& x : b)
        if (a.contains(x))
            commonB << x;
    return common == commonB;
}

// xe's layout (cli_printer.ml): the colon of every line of a record sits at column
// maxkey + 4, the first key left-aligned, the others right-aligned; blank lines between.
bool colonsAligned(const QByteArray& text, QString* why)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    QList<QStringList> records{{}};
    for (const QString& l : lines) {
        if (l.isEmpty()) {
            if (!records.last().isEmpty())
                records.append(QStringList());
            continue;
        }
        records.last() << l;
    }
    for (const QStringList& rec : records) {
        if (rec.isEmpty())
            continue;
        qsizetype col = -1, maxKey = 0;
        static const QRegularExpression line(
            QStringLiteral("^( *)(.*?\\((?: |M|S)R[OW]\\)(?: \\[DEPRECATED\\])?)( *):(?: |$)"));
        for (const QString& l : rec) {
            const QRegularExpressionMatch m = line.match(l);
            if (!m.hasMatch()) {
                *why = QStringLiteral("no marker in: ") + l;
                return false;
            }
            const qsizetype colon = m.capturedLength(1) + m.capturedLength(2) + m.capturedLength(3);
            if (col < 0)
                col = colon;
            if (colon != col) {
                *why = QStringLiteral("colon at %1, expected %2: %3").arg(colon).arg(col).arg(l);
                return false;
            }
            maxKey = qMax(maxKey, m.capturedLength(2));
        }
        if (col != maxKey + 4) {
            *why = QStringLiteral("colon column %1 is not longest key %2 + 4").arg(col).arg(maxKey);
            return false;
        }
    }
    return true;
}

} // namespace

class TestSimOutput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xeListingsMatchSamples_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("sample");
        QTest::addColumn<bool>("exact"); // same field list, not only the same relative order
        const QString demo = QStringLiteral("demo");
        QTest::newRow("vm-list") << demo << QStringList{QStringLiteral("xe"), QStringLiteral("vm-list")}
                                 << QStringLiteral("xe-vm-list__hexo-blog-2013-xe-cli-two-vms.txt") << true;
        QTest::newRow("vm-list params=")
            << demo
            << QStringList{QStringLiteral("xe"), QStringLiteral("vm-list"),
                           QStringLiteral("params=uuid,name-label,power-state,VCPUs-number,memory-actual")}
            << QStringLiteral("xe-vm-list-params__ralph-test-xen.txt") << true;
        QTest::newRow("vm-list params=all dom0")
            << demo
            << QStringList{QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("is-control-domain=true"),
                           QStringLiteral("params=all")}
            << QStringLiteral("xe-vm-param-list-dom0__rbdsr-issue-39-hs-0229.txt") << false;
        QTest::newRow("host-list") << demo << QStringList{QStringLiteral("xe"), QStringLiteral("host-list")}
                                   << QStringLiteral("xe-host-list__hugo-blog-2016-xs62.txt") << true;
        QTest::newRow("host-list params=all legacy")
            << QStringLiteral("legacy-62")
            << QStringList{QStringLiteral("xe"), QStringLiteral("host-list"), QStringLiteral("params=all")}
            << QStringLiteral("xe-host-list-params-all__gwenlei-book-xs65.txt") << false;
        QTest::newRow("pool-list params=all")
            << demo << QStringList{QStringLiteral("xe"), QStringLiteral("pool-list"), QStringLiteral("params=all")}
            << QStringLiteral("xe-pool-param-list-head__xo-issue-6339-xcpng.txt") << false;
        QTest::newRow("network-list") << demo << QStringList{QStringLiteral("xe"), QStringLiteral("network-list")}
                                      << QStringLiteral("xe-network-list__blog-xenserver-ddk-three-networks.txt")
                                      << true;
        QTest::newRow("pif-list") << demo << QStringList{QStringLiteral("xe"), QStringLiteral("pif-list")}
                                  << QStringLiteral("xe-pif-list__xcpng-docs-mesh-bond.txt") << true;
        QTest::newRow("pif-list params=IP")
            << demo
            << QStringList{QStringLiteral("xe"), QStringLiteral("pif-list"), QStringLiteral("management=true"),
                           QStringLiteral("params=IP")}
            << QStringLiteral("xe-pif-list-params__hexo-blog-2013-management-ip.txt") << true;
        QTest::newRow("vif-list") << demo << QStringList{QStringLiteral("xe"), QStringLiteral("vif-list")}
                                  << QStringLiteral("xe-vif-list__hexo-blog-2013-xe-cli-default.txt") << true;
        QTest::newRow("vif-list params=")
            << demo
            << QStringList{QStringLiteral("xe"), QStringLiteral("vif-list"), QStringLiteral("params=vm-name-label,MAC")}
            << QStringLiteral("xe-vif-list-params__ralph-test-xen.txt") << true;
        QTest::newRow("sr-list") << demo
                                 << QStringList{QStringLiteral("xe"), QStringLiteral("sr-list"),
                                                QStringLiteral("type=ext")}
                                 << QStringLiteral("xe-sr-list__tf-xenorchestra-issue-10.txt") << true;
        QTest::newRow("sr-list params=") << demo
                                         << QStringList{QStringLiteral("xe"), QStringLiteral("sr-list"),
                                                        QStringLiteral("params=uuid,physical-size,type")}
                                         << QStringLiteral("xe-sr-list-params__ralph-test-xen.txt") << true;
    }

    void xeListingsMatchSamples()
    {
        QFETCH(QString, scenario);
        QFETCH(QStringList, argv);
        QFETCH(QString, sample);
        QFETCH(bool, exact);
        SimPool pool = SimPool::fromScenario(scenario).value();
        const Run r = runOn(pool, pool.hosts.first().name, argv);
        QCOMPARE(r.exit, 0);
        QVERIFY(r.err.isEmpty());
        const XeRecordList sim = parseRecords(r.out);
        const XeRecordList real = parseRecords(xrtest::sample(sample.toUtf8().constData()));
        QVERIFY(!real.records.isEmpty());
        QVERIFY2(!sim.records.isEmpty(), r.out.constData());
        QVERIFY2(sim.report.isClean(), qPrintable(sim.report.summary()));
        for (const XeRecord& rec : sim.records) {
            QVERIFY(!rec.ambiguous);
            if (exact)
                QCOMPARE(shape(rec), shape(real.records.first()));
            else
                QVERIFY2(sameRelativeOrder(shape(rec), shape(real.records.first())), qPrintable(shape(rec).join(u',')));
        }
        if (!exact) {
            // Every field of the sample exists in the simulator's record with the same marker.
            const QStringList simShape = shape(sim.records.first());
            for (const QString& f : shape(real.records.first()))
                QVERIFY2(simShape.contains(f) || f.startsWith(QStringLiteral("software-version")) ||
                             f.startsWith(QStringLiteral("patches")),
                         qPrintable(f));
        }
        // Two blank lines after every record: the output is records joined by "\n\n\n".
        QVERIFY(r.out.endsWith("\n\n\n"));
        QVERIFY(!r.out.contains("\n\n\n\n"));
        QCOMPARE(r.out.count("\n\n\n"), sim.records.size());
        QString why;
        QVERIFY2(colonsAligned(r.out, &why), qPrintable(why));
    }

    void sampleLayoutFollowsTheSameRule()
    {
        // The alignment rule the simulator follows holds for real captures too.
        for (const char* name :
             {"xe-pif-list__xcpng-docs-mesh-bond.txt", "xe-host-list__buildroot-issue-654.txt",
              "xe-network-list__blog-xenserver-ddk-three-networks.txt", "xe-sr-list-params__ralph-test-xen.txt"}) {
            QString why;
            QVERIFY2(colonsAligned(sample(name), &why), qPrintable(QString::fromLatin1(name) + u' ' + why));
        }
    }

    void minimal()
    {
        SimPool pool = scenario("demo");
        const Run r = runOn(pool, QStringLiteral("xcp-lab-01"),
                            {QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("--minimal")});
        QCOMPARE(r.exit, 0);
        const auto sim = XeMinimal::parse(r.out);
        const auto real = XeMinimal::parse(sample("xe-vm-list-minimal__xcpng-docs-cli-reference.txt"));
        QVERIFY(sim.ok() && real.ok());
        QCOMPARE(sim->values.size(), pool.vms.size());
        for (const QString& v : sim->values)
            QVERIFY(XeMinimal::isUuid(v));
        for (const QString& v : real->values)
            QVERIFY(XeMinimal::isUuid(v));
        QVERIFY(!r.out.contains(' '));
        QVERIFY(r.out.endsWith('\n'));
        // Nothing matches: one empty line.
        const Run none = runOn(pool, QStringLiteral("xcp-lab-01"),
                               {QStringLiteral("xe"), QStringLiteral("vm-list"),
                                QStringLiteral("power-state=suspended"), QStringLiteral("--minimal")});
        QCOMPARE(none.out, QByteArray("\n"));
    }

    void paramListAndGet()
    {
        SimPool pool = scenario("demo");
        const QString db = uuidOf(pool, "db-01");
        const Run list = runOn(pool, QStringLiteral("xcp-lab-01"),
                               {QStringLiteral("xe"), QStringLiteral("vm-param-list"), QStringLiteral("uuid=") + db});
        QCOMPARE(list.exit, 0);
        const XeRecordList sim = parseRecords(list.out);
        const XeRecordList real = parseRecords(sample("xe-vm-param-list__xcpng-issue-656-head.txt"));
        QCOMPARE(sim.records.size(), 1);
        // The sample is the head of a real record: the same fields, in the same order.
        QCOMPARE(shape(sim.records.first()).mid(0, shape(real.records.first()).size()), shape(real.records.first()));
        // param-list computes expensive fields; list prints the placeholder.
        QVERIFY(!sim.records.first().field(u"memory-target")->isPlaceholder());
        QCOMPARE(sim.records.first().value(u"current-operations"), QStringLiteral("clean_shutdown"));
        const Run get = runOn(pool, QStringLiteral("xcp-lab-01"),
                              {QStringLiteral("xe"), QStringLiteral("vm-param-get"), QStringLiteral("uuid=") + db,
                               QStringLiteral("param-name=power-state")});
        QCOMPARE(get.out, QByteArray("running\n"));
        const Run key = runOn(
            pool, QStringLiteral("xcp-lab-01"),
            {QStringLiteral("xe"), QStringLiteral("host-param-get"), QStringLiteral("uuid=") + pool.hosts.first().uuid,
             QStringLiteral("param-name=software-version"), QStringLiteral("param-key=product_brand")});
        QCOMPARE(key.out, QByteArray("XCP-ng\n"));
        const Run bad = runOn(pool, QStringLiteral("xcp-lab-01"),
                              {QStringLiteral("xe"), QStringLiteral("vm-param-list"), QStringLiteral("uuid=nope")});
        QCOMPARE(bad.exit, 1);
        const auto err = XeError::parse(bad.err);
        QVERIFY(err.ok());
        QCOMPARE(err->code, QStringLiteral("UUID_INVALID"));
        QCOMPARE(err->param(u"uuid"), QStringLiteral("nope"));
    }

    void taskList()
    {
        SimPool pool = scenario("hung-vm-stuck-task");
        const Run r = runOn(pool, QStringLiteral("xcp-hung"), {QStringLiteral("xe"), QStringLiteral("task-list")});
        const XeRecordList sim = parseRecords(r.out);
        QCOMPARE(sim.records.size(), 1);
        QCOMPARE(shape(sim.records.first()),
                 (QStringList{QStringLiteral("uuid (RO)"), QStringLiteral("name-label (RO)"),
                              QStringLiteral("name-description (RO)"), QStringLiteral("status (RO)"),
                              QStringLiteral("progress (RO)")}));
        QCOMPARE(sim.records.first().value(u"status"), QStringLiteral("pending"));
        QCOMPARE(sim.records.first().value(u"progress"), QStringLiteral("0."));
        QCOMPARE(sim.records.first().value(u"name-label"), QStringLiteral("Async.VM.clean_shutdown"));
    }

    void errorsParseAsTheRealOnes()
    {
        SimPool pool = scenario("demo");
        const QString web = uuidOf(pool, "web-01");
        // VM_BAD_POWER_STATE against the real capture.
        const Run start = runOn(pool, QStringLiteral("xcp-lab-01"),
                                {QStringLiteral("xe"), QStringLiteral("vm-start"), QStringLiteral("uuid=") + web});
        QCOMPARE(start.exit, 1);
        QVERIFY(start.out.isEmpty());
        const auto sim = XeError::parse(start.err);
        const auto real = XeError::parse(sample("xe-error-vm-bad-power-state__xcpng-issue-500.txt"));
        QVERIFY(sim.ok() && real.ok());
        QCOMPARE(sim->code, real->code);
        QCOMPARE(sim->message, real->message);
        QCOMPARE(sim->params.size(), real->params.size());
        for (qsizetype i = 0; i < sim->params.size(); ++i)
            QCOMPARE(sim->params[i].name, real->params[i].name);
        QCOMPARE(XeError::parseObjectRef(sim->param(u"vm")).uuid, web);
        QCOMPARE(sim->param(u"actual"), QStringLiteral("running"));

        // DOMAIN_EXISTS: domid is not sent.
        const Run reset = runOn(pool, QStringLiteral("xcp-lab-01"),
                                {QStringLiteral("xe"), QStringLiteral("vm-reset-powerstate"),
                                 QStringLiteral("uuid=") + web, QStringLiteral("force=true")});
        const auto exists = XeError::parse(reset.err);
        QVERIFY(exists.ok());
        QCOMPARE(exists->code, QStringLiteral("DOMAIN_EXISTS"));
        QVERIFY(!exists->knownParam(u"domid").has_value());
        QVERIFY(reset.err.startsWith(
            "The operation could not be performed because a domain still exists for the specified VM.\nvm: "));

        // HOST_IS_LIVE for a VM on a live member.
        const Run live = runOn(pool, QStringLiteral("xcp-lab-01"),
                               {QStringLiteral("xe"), QStringLiteral("vm-reset-powerstate"),
                                QStringLiteral("uuid=") + uuidOf(pool, "monitoring"), QStringLiteral("--force")});
        const auto isLive = XeError::parse(live.err);
        QCOMPARE(isLive->code, QStringLiteral("HOST_IS_LIVE"));
        QCOMPARE(XeError::parseObjectRef(isLive->param(u"host")).name, QStringLiteral("xcp-lab-02"));

        // Without force: the CLI's own refusal.
        const Run noForce =
            runOn(pool, QStringLiteral("xcp-lab-01"),
                  {QStringLiteral("xe"), QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + web});
        QCOMPARE(noForce.err, QByteArray("Error: This operation is dangerous and may cause data loss. This operation "
                                         "must be forced (use --force).\n"));
        QCOMPARE(XeError::parse(noForce.err)->kind, XeErrorKind::Client);

        // OTHER_OPERATION_IN_PROGRESS with the modern parameter list.
        const Run force = runOn(pool, QStringLiteral("xcp-lab-01"),
                                {QStringLiteral("xe"), QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                                 QStringLiteral("uuid=") + uuidOf(pool, "db-01")});
        const auto busy = XeError::parse(force.err);
        QCOMPARE(busy->code, QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));
        QCOMPARE(busy->param(u"operation_type"), QStringLiteral("clean_shutdown"));
        QVERIFY(busy->report.isClean());

        // Transport failures.
        SimPool lost = pool;
        lost.hosts[0].faults.xapiLostConnection = true;
        const Run l = runOn(lost, QStringLiteral("xcp-lab-01"), {QStringLiteral("xe"), QStringLiteral("vm-list")});
        QCOMPARE(l.err, sample("xe-error-lost-connection__xcpng-issue-228.txt").trimmed() + '\n');
        QCOMPARE(XeError::parse(l.err)->kind, XeErrorKind::LostConnection);
        lost.hosts[0].faults.xapiLostConnection = false;
        lost.hosts[0].faults.xapiDown = true;
        const Run refused =
            runOn(lost, QStringLiteral("xcp-lab-02"), {QStringLiteral("xe"), QStringLiteral("vm-list")});
        QCOMPARE(refused.err, QByteArray("Error: Connection refused (calling connect )\n"));
        QCOMPARE(XeError::parse(refused.err)->kind, XeErrorKind::ConnectionFailed);
        QVERIFY(XeError::parse(refused.err)->isTransportFailure());
    }

    void listDomains()
    {
        SimPool pool = scenario("demo");
        const Run r = runOn(pool, QStringLiteral("xcp-lab-02"), {QStringLiteral("list_domains")});
        QCOMPARE(r.exit, 0);
        const auto d = DomainListParser::parseListDomains(r.out);
        QVERIFY(d.ok());
        QVERIFY2(d->report.isClean(), qPrintable(d->report.summary()));
        QCOMPARE(d->format, DomainListFormat::ListDomains);
        QCOMPARE(d->domains.size(), 3);
        QVERIFY(d->byUuid(uuidOf(pool, "db-01")));
        QCOMPARE(d->byUuid(uuidOf(pool, "db-01"))->state.hvm, std::optional<bool>(true));
        QVERIFY(d->byUuid(uuidOf(pool, "db-01"))->state.blocked);
        QVERIFY(r.out.startsWith("id |"));
        for (const char* opt : {"-memory", "-all", "-bytes"}) {
            const Run m = runOn(pool, QStringLiteral("xcp-lab-02"),
                                {QStringLiteral("list_domains"), QString::fromLatin1(opt), QStringLiteral("-memory")});
            const auto md = DomainListParser::parseListDomains(m.out);
            QVERIFY2(md.ok() && md->report.isClean(), m.out.constData());
            QCOMPARE(md->byId(1)->memoryMiB, std::optional<qint64>(16386));
        }
        const Run minimal =
            runOn(pool, QStringLiteral("xcp-lab-02"), {QStringLiteral("list_domains"), QStringLiteral("-minimal")});
        const auto mn = DomainListParser::parseListDomains(minimal.out);
        QVERIFY(mn.ok());
        QCOMPARE(mn->format, DomainListFormat::ListDomainsMinimal);
        QCOMPARE(mn->domains.size(), 3);
        const Run one = runOn(pool, QStringLiteral("xcp-lab-02"),
                              {QStringLiteral("list_domains"), QStringLiteral("-domid"), QStringLiteral("2")});
        QCOMPARE(DomainListParser::parseListDomains(one.out)->domains.size(), 1);
        const Run missing = runOn(pool, QStringLiteral("xcp-lab-02"),
                                  {QStringLiteral("list_domains"), QStringLiteral("-domid"), QStringLiteral("77")});
        QCOMPARE(missing.exit, 2);
    }

    void xlAndXmListings()
    {
        SimPool xl = scenario("xl-host");
        const Run list = runOn(xl, QStringLiteral("xen-xl"), {QStringLiteral("xl"), QStringLiteral("list")});
        const QByteArray realList = sample("xl-list__meta-xilinx-zynqmp.txt");
        QCOMPARE(list.out.left(list.out.indexOf('\n')), realList.left(realList.indexOf('\n')));
        const auto parsed = DomainListParser::parseXlList(list.out);
        QVERIFY(parsed.ok() && parsed->report.isClean());
        QCOMPARE(parsed->domains.size(), 3);
        QCOMPARE(parsed->byName(u"Domain-0")->memoryMiB, std::optional<qint64>(4096));
        // Row layout: the state and time columns line up with the real row's.
        const QList<QByteArray> realRow = realList.split('\n');
        const QList<QByteArray> simRows = list.out.split('\n');
        QCOMPARE(simRows[1].indexOf("r-----"), realRow[1].indexOf("r-----"));
        QCOMPARE(simRows[1].size(), realRow[1].size());

        const Run info = runOn(xl, QStringLiteral("xen-xl"), {QStringLiteral("xl"), QStringLiteral("info")});
        const auto simInfo = XenInfo::parse(info.out);
        const auto realInfo = XenInfo::parse(sample("xl-info__meta-xilinx-zynqmp.txt"));
        QVERIFY(simInfo.ok() && realInfo.ok());
        QStringList simKeys, realKeys;
        for (const XenInfoEntry& e : simInfo->entries)
            simKeys << e.key;
        for (const XenInfoEntry& e : realInfo->entries)
            realKeys << e.key;
        QVERIFY2(sameRelativeOrder(simKeys, realKeys), qPrintable(simKeys.join(u',')));
        QCOMPARE(simInfo->totalMemoryMiB(), std::optional<qint64>(65405));
        QVERIFY(simInfo->xenCommandLine().contains(QStringLiteral("dom0_mem=4096M,max:4096M")));
        QCOMPARE(info.out.indexOf(": "), sample("xl-info__meta-xilinx-zynqmp.txt").indexOf(": "));

        SimPool xm = scenario("xm-host");
        const Run xmList = runOn(xm, QStringLiteral("xen-xm"), {QStringLiteral("xm"), QStringLiteral("list")});
        const QByteArray realXm = sample("xm-list__wordpress-it-debian-lenny-xen.txt");
        QCOMPARE(xmList.out.split('\n').value(0), realXm.split('\n').value(0));
        QCOMPARE(xmList.out.split('\n').value(1).size(), realXm.split('\n').value(1).size());
        const auto xmParsed = DomainListParser::parseXmList(xmList.out);
        QVERIFY(xmParsed.ok() && xmParsed->report.isClean());
        QCOMPARE(xmParsed->domains.size(), 3);
        const auto xmInfo =
            XenInfo::parse(runOn(xm, QStringLiteral("xen-xm"), {QStringLiteral("xm"), QStringLiteral("info")}).out);
        QVERIFY(xmInfo.ok() && xmInfo->report.isClean());
        QCOMPARE(xmInfo->xenVersion(), QStringLiteral("4.1.4"));
    }

    void nullDomainsAfterLingeringDestroy()
    {
        SimPool pool = scenario("lingering-domain");
        const QString vm = uuidOf(pool, "file-server");
        QCOMPARE(runOn(pool, QStringLiteral("xcp-linger"),
                       {QStringLiteral("xe"), QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                        QStringLiteral("uuid=") + vm})
                     .exit,
                 0);
        const Run list = runOn(pool, QStringLiteral("xcp-linger"), {QStringLiteral("xl"), QStringLiteral("list")});
        const auto parsed = DomainListParser::parseXlList(list.out);
        const auto real = DomainListParser::parseXlList(sample("xl-list__xen-commit-93e52d52-null-domains.txt"));
        QVERIFY(parsed.ok() && real.ok());
        QVERIFY(parsed->byId(1));
        QVERIFY(parsed->byId(1)->hasNullName());
        QVERIFY(parsed->byId(1)->state.dying);
        QVERIFY(parsed->byId(1)->state.paused);
        QVERIFY(real->byId(1)->hasNullName());
        QCOMPARE(parsed->byId(1)->memoryMiB, real->byId(1)->memoryMiB);
        const auto ld = DomainListParser::parseListDomains(
            runOn(pool, QStringLiteral("xcp-linger"), {QStringLiteral("list_domains")}).out);
        QVERIFY(ld->byUuid(vm)->state.dying);
    }

    void networking()
    {
        SimPool xl = scenario("xl-host");
        const Run br = runOn(xl, QStringLiteral("xen-xl"), {QStringLiteral("brctl"), QStringLiteral("show")});
        const QByteArray real = sample("brctl-show__deimosfr-setting-up-xen-3x.txt");
        QCOMPARE(br.out.left(br.out.indexOf('\n')), real.left(real.indexOf('\n')));
        const auto bl = NetworkParsers::parseBrctlShow(br.out);
        QVERIFY(bl.ok() && bl->report.isClean());
        QVERIFY(bl->byName(u"xenbr0"));
        QVERIFY(bl->byName(u"xenbr0")->hasInterface(u"eth0"));
        QVERIFY(bl->byName(u"xenbr0")->hasInterface(u"vif1.0"));
        QVERIFY(bl->byName(u"xenbr0")->hasInterface(u"vif2.0-emu"));
        // Continuation lines are seven tabs, as in the real output.
        QVERIFY(br.out.contains("\n\t\t\t\t\t\t\tvif1.0\n"));

        SimPool demo = scenario("demo");
        const auto show = NetworkParsers::parseOvsVsctlShow(
            runOn(demo, QStringLiteral("xcp-lab-02"), {QStringLiteral("ovs-vsctl"), QStringLiteral("show")}).out);
        QVERIFY(show.ok() && show->report.isClean());
        QVERIFY(show->byName(u"xenbr0")->port(u"eth0"));
        QCOMPARE(show->ovsVersion, QStringLiteral("2.5.3"));
        QVERIFY(show->bridgeOf(u"tap1.0"));
        const auto realShow = NetworkParsers::parseOvsVsctlShow(sample("ovs-vsctl-show__xcpng-docs-bond.txt"));
        QVERIFY(realShow.ok());
        QCOMPARE(show->byName(u"xenbr0")->port(u"xenbr0")->interfaces.first().type,
                 realShow->bridges.first().port(u"xapi1")->interfaces.first().type);
        const auto lbr = NetworkParsers::parseOvsListBridges(
            runOn(demo, QStringLiteral("xcp-lab-01"), {QStringLiteral("ovs-vsctl"), QStringLiteral("list-br")}).out);
        QCOMPARE(lbr->bridges.size(), 2);

        const Run ip = runOn(demo, QStringLiteral("xcp-lab-02"),
                             {QStringLiteral("ip"), QStringLiteral("-o"), QStringLiteral("link")});
        const auto ifs = NetworkParsers::parseIpLink(ip.out);
        QVERIFY(ifs.ok());
        QVERIFY2(ifs->report.isClean(), qPrintable(ifs->report.summary()));
        QCOMPARE(ifs->ofDomain(1).size(), 2); // vif1.0 + tap1.0 of the HVM guest
        QCOMPARE(ifs->byName(u"eth0")->master, QStringLiteral("ovs-system"));
        QCOMPARE(ip.out.count('\n'), ifs->interfaces.size());
        const auto realIp = NetworkParsers::parseIpLink(sample("ip-link-vif__xo-issue-1814-xs70-ovs.txt"));
        QCOMPARE(ifs->byName(u"vif1.0")->mac, realIp->interfaces.first().mac);
        QCOMPARE(ifs->byName(u"vif1.0")->txQueueLength, realIp->interfaces.first().txQueueLength);
    }

    void xenCmdlineAndInventory()
    {
        SimPool pool = scenario("demo");
        const Run r = runOn(pool, QStringLiteral("xcp-lab-01"),
                            {QStringLiteral("/opt/xensource/libexec/xen-cmdline"), QStringLiteral("--get-xen"),
                             QStringLiteral("dom0_mem")});
        QCOMPARE(r.out, QByteArray("dom0_mem=8192M,max:8192M\n"));
        QCOMPARE(sample("xen-cmdline-get-xen__rbdsr-readme-dom0-mem.txt").trimmed(),
                 QByteArray("dom0_mem=4096M,max:4096M"));
        const QString inv = pool.hosts.first().inventoryText();
        for (const char* key : {"PRODUCT_BRAND='XCP-ng'", "PRODUCT_VERSION='8.2.1'", "PLATFORM_VERSION='3.2.1'",
                                "INSTALLATION_UUID='", "CONTROL_DOMAIN_UUID='", "BUILD_NUMBER='"})
            QVERIFY2(inv.contains(QLatin1String(key)), key);
        QVERIFY(scenario("xl-host").hosts.first().inventoryText().isEmpty());
    }

    void commandsAbsentByFlavour()
    {
        SimPool xl = scenario("xl-host");
        const Run xe = runOn(xl, QStringLiteral("xen-xl"), {QStringLiteral("xe"), QStringLiteral("vm-list")});
        QCOMPARE(xe.exit, 127);
        QCOMPARE(xe.err, QByteArray("bash: line 1: xe: command not found\n"));
        SimPool modern = scenario("demo");
        QCOMPARE(runOn(modern, QStringLiteral("xcp-lab-01"),
                       {QStringLiteral("/usr/lib/xen/bin/crash_guest"), QStringLiteral("1")})
                     .exit,
                 127);
        QCOMPARE(runOn(modern, QStringLiteral("xcp-lab-01"),
                       {QStringLiteral("/opt/xensource/debug/xenops"), QStringLiteral("destroy_domain")})
                     .exit,
                 127);
        QCOMPARE(runOn(modern, QStringLiteral("xcp-lab-01"), {QStringLiteral("xm"), QStringLiteral("list")}).exit, 127);
        SimPool legacy = scenario("legacy-62");
        QCOMPARE(runOn(legacy, QStringLiteral("xs62-host"), {QStringLiteral("xl"), QStringLiteral("list")}).exit, 127);
        SimPool xmPool = scenario("xm-host");
        QCOMPARE(runOn(xmPool, QStringLiteral("xen-xm"), {QStringLiteral("xl"), QStringLiteral("list")}).exit, 127);
    }

    void legacyErrorsHaveTheOldParameterList()
    {
        SimPool pool = scenario("legacy-62");
        const Run r = runOn(pool, QStringLiteral("xs62-host"),
                            {QStringLiteral("xe"), QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                             QStringLiteral("uuid=") + uuidOf(pool, "old-crm")});
        QCOMPARE(r.exit, 1);
        QCOMPARE(r.err.count('\n'), 3); // message, class, object
        const auto e = XeError::parse(r.err);
        QCOMPARE(e->code, QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));
    }

    void toolstackRestartOutput()
    {
        SimPool legacy = scenario("legacy-62");
        const Run r = runOn(legacy, QStringLiteral("xs62-host"), {QStringLiteral("xe-toolstack-restart")});
        QVERIFY(r.out.startsWith("Stopping xapi: ..[  OK  ]\n"));
        QVERIFY(r.out.endsWith("Starting xapi: ..start-of-day complete.[  OK  ]\ndone.\n"));
        SimPool modern = scenario("demo");
        QCOMPARE(runOn(modern, QStringLiteral("xcp-lab-01"), {QStringLiteral("xe-toolstack-restart")}).out,
                 QByteArray("Executing xe-toolstack-restart\ndone.\n"));
    }

    void hostileNamesPrintLiterally()
    {
        SimPool pool = scenario("hostile-names");
        const Run r = runOn(pool, QStringLiteral("xcp-names"),
                            {QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("params=name-label")});
        QVERIFY(r.out.contains(": $(touch /tmp/xr-pwned); rm -rf x\n"));
        QVERIFY(r.out.contains(": it's \"quoted\"\n"));
        QVERIFY(r.out.contains(QStringLiteral("数据库-ünïcode, with comma\\").toUtf8()));
        // xe prints names raw, newline included: what the parsers must defend against.
        QVERIFY(r.out.contains(": two\nlines: fake ( RO): x\n\n\n"));
        // (Without the newline name, which no one-line format can carry.)
        pool.vms.removeIf([](const SimVm& v) { return v.nameLabel.contains(u'\n'); });
        const Run minimal = runOn(pool, QStringLiteral("xcp-names"),
                                  {QStringLiteral("xe"), QStringLiteral("vm-list"), QStringLiteral("params=name-label"),
                                   QStringLiteral("--minimal")});
        const auto values = XeMinimal::parse(minimal.out);
        QVERIFY(values.ok());
        QVERIFY(values->values.contains(QStringLiteral("数据库-ünïcode, with comma\\")));
    }
};

QTEST_GUILESS_MAIN(TestSimOutput)
#include "tst_simoutput.moc"
