#include "LineIndex.h"
#include "LogFormat.h"
#include "SampleData.h"

#include <QRandomGenerator>
#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

namespace {

QDateTime naive(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

// Every line of `bytes`, parsed from the first one on (the sequential year walk).
QList<LogLine> parseAll(const QByteArray& bytes, LogFormatKind kind, const QDateTime& reference)
{
    LineIndex index;
    index.build(bytes);
    LogParser parser(kind, reference);
    QList<LogLine> out;
    for (quint64 i = 0; i < index.lineCount(); ++i)
        out.append(parser.parse(index.line(bytes, i)));
    return out;
}

// The same lines through SyslogYears + parseAt (random access).
QList<LogLine> parseAllAt(const QByteArray& bytes, LogFormatKind kind, const QDateTime& reference)
{
    LineIndex index;
    index.build(bytes);
    LogParser parser(kind, reference);
    parser.setYears(SyslogYears::infer(bytes, index, reference));
    QList<LogLine> out;
    for (quint64 i = 0; i < index.lineCount(); ++i)
        out.append(parser.parseAt(index.line(bytes, i), i));
    return out;
}

const QDateTime Mid2024 = QDateTime(QDate(2024, 6, 15), QTime(12, 0), Qt::UTC);

} // namespace

// Log format detection and line parsing on the real samples, syslog year inference, and
// hostile input.
class TestLogFormat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsEverySample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        const auto row = [](const char* file, const char16_t* name, LogFormatKind kind) {
            QTest::newRow(file) << QString::fromLatin1(file) << QString::fromUtf16(name) << int(kind);
        };
        row("xensource-log__lnav-xenserver-logs-samples.txt", u"", LogFormatKind::XapiSyslog);
        row("xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt", u"", LogFormatKind::XapiSyslog);
        row("xensource-log__xcpng-issue-561-ng02.txt", u"/var/log/xensource.log", LogFormatKind::XapiSyslog);
        row("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt", u"", LogFormatKind::XapiRaw);
        row("smlog-smgc__xcpng-sm-pr-87-sigterm.txt", u"", LogFormatKind::SmLog);
        row("smlog__xcpng-issue-561-ng02.txt", u"SMlog.1", LogFormatKind::SmLog);
        row("syslog-xapi__mirage-xen-arm-builder-issue-53-cubietruck.txt", u"/var/log/syslog",
            LogFormatKind::XapiSyslog);
        row("dom0-syslog-xenguest__xcpng-issue-269-domainbuilder.txt", u"daemon.log", LogFormatKind::Syslog);
        row("squeezed-log__xcpng-issue-292-poweredge1.txt", u"", LogFormatKind::XapiSyslog);
        row("xha-log__lnav-xenserver-logs-samples.txt", u"", LogFormatKind::Xha);
        row("xend-log__xen-commit-5816c3e4-traceback.txt", u"", LogFormatKind::Xend);
        row("xend-debug-log__xen-commit-ce205e72-lsscsi.txt", u"/var/log/xen/xend-debug.log", LogFormatKind::PlainText);
        row("xen-hotplug-log__qubes-issue-4446.txt", u"xen-hotplug.log", LogFormatKind::PlainText);
        row("qemu-dm-log__xen-commit-24895b5f-no-bridge.txt", u"qemu-dm-3.log", LogFormatKind::PlainText);
        row("xen-console-log__xen-commit-6bd1b4d3-timestamps.txt", u"", LogFormatKind::XenConsole);
        row("xen-console-log__xen-docs-faq-cet.txt", u"", LogFormatKind::XenConsole);
        row("xl-dmesg__qubes-issue-9501-xen-4.17.txt", u"", LogFormatKind::XenConsole);
        row("xl-dmesg-grep-microcode__xen-docs-microcode-loading.txt", u"", LogFormatKind::XenConsole);
        row("xm-dmesg__ubuntuforums-archive-2008-xen331-centos52.txt", u"", LogFormatKind::XenConsole);
    }
    void detectsEverySample()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(int, kind);
        const QByteArray bytes = readSample(file.toUtf8().constData());
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(int(LogFormat::detect(bytes, name)), kind);
    }

    void detectsByNameWhenTextDoesNotTell()
    {
        QCOMPARE(LogFormat::detect("Traceback (most recent call last):\n", u"/var/log/xen/xend.log"),
                 LogFormatKind::Xend);
        QCOMPARE(LogFormat::detect("", u"SMlog"), LogFormatKind::SmLog);
        QCOMPARE(LogFormat::detect("", u"xensource.log.2.gz"), LogFormatKind::XapiSyslog);
        QCOMPARE(LogFormat::detect("", u"hypervisor.log"), LogFormatKind::XenConsole);
        QCOMPARE(LogFormat::detect("", u""), LogFormatKind::Unknown);
        QCOMPARE(LogFormat::detect("hello\n", u""), LogFormatKind::PlainText);
        QVERIFY(!formatName(LogFormatKind::Xha).isEmpty());
    }

    void xensourceLnav()
    {
        const QByteArray bytes = readSample("xensource-log__lnav-xenserver-logs-samples.txt");
        QVERIFY(!bytes.isEmpty());
        const QList<LogLine> lines = parseAll(bytes, LogFormatKind::XapiSyslog, Mid2024);
        QCOMPARE(lines.size(), 4);

        const LogLine& a = lines[0];
        QVERIFY(a.hasTimestamp);
        QVERIFY(!a.timestampIsUtc);
        QCOMPARE(a.timestamp, naive(2024, 1, 13, 1, 27, 56));
        QCOMPARE(a.host, u"dt14"_s);
        QCOMPARE(a.process, u"xapi"_s);
        QCOMPARE(a.pid, -1);
        QCOMPARE(a.level, u"debug"_s);
        QCOMPARE(a.severity, LogSeverity::Debug);
        QVERIFY(!a.severityGuessed);
        QCOMPARE(a.xapiHost, u"dt14"_s);
        QCOMPARE(a.thread, u"6380 UNIX /var/lib/xcp/xapi"_s);
        QCOMPARE(a.task, u"host.signal_networking_change D:4f4b1253f01a"_s);
        QCOMPARE(a.module, u"helpers"_s);
        QCOMPARE(a.message, u"Updating IP addresses in DB for DHCP and autoconf PIFs"_s);
        QCOMPARE(a.repeatCount, 0);
        QVERIFY(!a.continuation);

        // Jan then Dec: the lines come from different hosts; walking forward, a jump of
        // eleven months forward is read as the December before.
        const LogLine& b = lines[1];
        QCOMPARE(b.timestamp, naive(2023, 12, 20, 17, 52, 52));
        QCOMPARE(b.level, u"warn"_s);
        QCOMPARE(b.severity, LogSeverity::Warning);
        QCOMPARE(b.xapiHost, u"xrtuk-11-33"_s);
        QCOMPARE(b.thread, u"178 INET :::80"_s);
        QCOMPARE(b.task, u"VM metadata import R:a425c45b3556"_s);
        QCOMPARE(b.module, u"import"_s);
        QVERIFY(b.message.startsWith(u"Failed to find SR with UUID: d85ea3e9-92d4-d689-1644-1964801cb64c"));

        const LogLine& c = lines[2];
        QCOMPARE(c.timestamp, naive(2024, 6, 11, 9, 46, 12));
        QCOMPARE(c.process, u"xenopsd-xc"_s);
        QCOMPARE(c.repeatCount, 25);
        QCOMPARE(c.level, u"debug"_s);
        QCOMPARE(c.xapiHost, u"localhost"_s);
        QCOMPARE(c.thread, u"0"_s);
        QCOMPARE(c.task, QString());
        QCOMPARE(c.module, u"xenops_server"_s);
        QCOMPARE(c.message, u"Adding a new worker to the thread pool"_s);

        const LogLine& d = lines[3];
        QCOMPARE(d.timestamp, naive(2024, 3, 1, 0, 40, 12)); // "Mar  1": two spaces
        QCOMPARE(d.host, u"somehostname"_s);
        QCOMPARE(d.xapiHost, QString());
        QCOMPARE(d.thread, u"169 heartbeat"_s);
        QCOMPARE(d.task, u"Heartbeat D:5816bb69a000"_s);
        QCOMPARE(d.module, u"stunnel"_s);
        QCOMPARE(d.message, u"stunnel start"_s);
    }

    void xensourceRbdsr()
    {
        const QByteArray bytes = readSample("xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt");
        const QList<LogLine> lines = parseAll(bytes, LogFormatKind::XapiSyslog, Mid2024);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0].timestamp, naive(2024, 5, 22, 15, 31, 21));
        QCOMPARE(lines[0].process, u"xenopsd-xc"_s);
        QCOMPARE(lines[0].task, u"VM.start R:8802b8bf4768"_s);
        QVERIFY(lines[0].message.startsWith(u"Device.Vif.add domid=47 devid=0"));
        QVERIFY(lines[0].message.size() > 400);
        QCOMPARE(lines[1].module, u"helpers"_s);
        QCOMPARE(lines[1].thread, u"81"_s);
        QCOMPARE(lines[1].task, u"xapi events D:6f4adf04fe49"_s);
        QCOMPARE(lines[2].severity, LogSeverity::Error);
        QCOMPARE(lines[2].message,
                 u"events_from_xapi: missing from the cache: [ 56ce1a77-8aee-4678-9835-bbb6d2fcbbbb ]"_s);
        QCOMPARE(lines[3].level, u"info"_s); // "[ info|" is padded
        QCOMPARE(lines[3].severity, LogSeverity::Info);
        QCOMPARE(lines[3].thread, u"23"_s);
        QCOMPARE(lines[3].task, u"events"_s);
        QCOMPARE(lines[3].module, u"xenops"_s);
        QCOMPARE(lines[3].timestamp, naive(2024, 5, 22, 15, 48, 23));
    }

    void xensourceXcpng()
    {
        const QByteArray bytes = readSample("xensource-log__xcpng-issue-561-ng02.txt");
        const QList<LogLine> lines = parseAll(bytes, LogFormatKind::XapiSyslog, Mid2024);
        QCOMPARE(lines.size(), 10);
        for (const LogLine& l : lines) {
            QVERIFY(l.hasTimestamp);
            QCOMPARE(l.timestamp.date(), QDate(2024, 7, 29).addYears(-1)); // July is after the reference
            QCOMPARE(l.host, u"ng02"_s);
            QCOMPARE(l.xapiHost, QString());
        }
        QCOMPARE(lines[0].thread, u"5435 /var/lib/xcp/xapi"_s);
        QCOMPARE(lines[0].module, u"dummytaskhelper"_s);
        QCOMPARE(lines[1].process, u"xcp-rrdd"_s);
        QCOMPARE(lines[1].severity, LogSeverity::Info);
        QCOMPARE(lines[1].thread, u"9"_s);
        QCOMPARE(lines[1].module, u"rrdd_main"_s);
        QCOMPARE(lines[1].message, u"memfree has changed to 165064 in domain 2"_s);
        QCOMPARE(lines[3].task, u"queue"_s);
        QCOMPARE(lines[8].module, u"task_server"_s);
        QCOMPARE(lines[9].timestamp.time(), QTime(16, 36, 43));
    }

    void xapiRawFormat()
    {
        const QByteArray bytes = readSample("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt");
        const QList<LogLine> lines = parseAll(bytes, LogFormatKind::XapiRaw, Mid2024);
        QCOMPARE(lines.size(), 10);
        QCOMPARE(lines[0].timestamp, naive(2013, 9, 4, 20, 53, 56, 324));
        QVERIFY(lines[0].timestampIsUtc);
        QCOMPARE(lines[0].level, u"info"_s);
        QCOMPARE(lines[0].xapiHost, u"ubuntux64"_s);
        QCOMPARE(lines[0].thread, u"132 INET 127.0.0.1:80"_s);
        QCOMPARE(lines[0].task, u"session.login_with_password D:ef5d450350d9"_s);
        QCOMPARE(lines[0].module, u"xapi"_s);
        QVERIFY(lines[0].message.startsWith(u"Failed to locally authenticate user x64serveruser"));
        QCOMPARE(lines[0].host, QString());
        QCOMPARE(lines[1].module, u"backtrace"_s);
        QCOMPARE(lines[1].severity, LogSeverity::Debug);
        QCOMPARE(lines[7].task, u"dispatch:session.login_with_password D:ea0966a6db4d"_s);
        QCOMPARE(lines[9].thread, u"5 dbflush [/var/lib/xcp/state.db]"_s);
        QCOMPARE(lines[9].task, QString());
        QCOMPARE(lines[9].module, u"redo_log"_s);
        QCOMPARE(lines[9].message, u"Flushing database to all active redo-logs"_s);
        QCOMPARE(lines[9].timestamp, naive(2013, 9, 4, 20, 54, 2, 205));
    }

    void smlog()
    {
        const QByteArray gc = readSample("smlog-smgc__xcpng-sm-pr-87-sigterm.txt");
        const QList<LogLine> a = parseAll(gc, LogFormatKind::SmLog, Mid2024);
        QCOMPARE(a.size(), 6);
        QCOMPARE(a[0].timestamp, naive(2024, 6, 5, 9, 15, 50)); // "Jun  5"
        QCOMPARE(a[0].host, u"r620-q6"_s);
        QCOMPARE(a[0].process, u"SMGC"_s);
        QCOMPARE(a[0].pid, 563219);
        QCOMPARE(a[0].message, u"Removed vhd-parent from dce4b0fc(2.000G/170.336M?)"_s);
        QCOMPARE(a[0].severity, LogSeverity::Unknown);
        QCOMPARE(a[2].process, u"SM"_s);
        QVERIFY(a[2].message.startsWith(u"['/usr/bin/vhd-util', 'set'"));
        QCOMPARE(a[4].message, u"FAILED in util.pread: (rc -15) stdout: '', stderr: ''"_s);
        QCOMPARE(a[4].severity, LogSeverity::Error);
        QVERIFY(a[4].severityGuessed);
        QCOMPARE(a[5].message, u"*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*"_s);

        const QByteArray sm = readSample("smlog__xcpng-issue-561-ng02.txt");
        const QList<LogLine> b = parseAll(sm, LogFormatKind::SmLog, QDateTime(QDate(2021, 8, 1), QTime(), Qt::UTC));
        QCOMPARE(b.size(), 13);
        QCOMPARE(b[0].timestamp, naive(2021, 7, 29, 16, 37, 12));
        QCOMPARE(b[0].pid, 27445);
        QCOMPARE(b[0].message, u"lock: acquired /var/lock/sm/.nil/lvm"_s);
        QCOMPARE(b[2].message, u"  pread SUCCESS"_s); // SM's indentation is kept
        QCOMPARE(b[12].timestamp, naive(2021, 7, 29, 16, 37, 13));
    }

    void syslogWithXapiAndXenguest()
    {
        const QByteArray s = readSample("syslog-xapi__mirage-xen-arm-builder-issue-53-cubietruck.txt");
        const QList<LogLine> a = parseAll(s, LogFormatKind::Syslog, Mid2024);
        QCOMPARE(a.size(), 4);
        QCOMPARE(a[0].process, u"xcp-rrdd"_s);
        QCOMPARE(a[0].thread, u"11 unix_rpc"_s);
        QCOMPARE(a[0].task, QString());
        QCOMPARE(a[0].module, u"http"_s);
        QVERIFY(a[0].message.startsWith(u"Request { frame = false;"));
        QCOMPARE(a[1].module, u"mscgen"_s);
        QCOMPARE(a[1].message, u"xapi=>xapi [label=\"event.from\"];"_s);
        QCOMPARE(a[3].timestamp, naive(2024, 4, 14, 14, 16, 5));

        const QByteArray g = readSample("dom0-syslog-xenguest__xcpng-issue-269-domainbuilder.txt");
        const QList<LogLine> b = parseAll(g, LogFormatKind::Syslog, Mid2024);
        QCOMPARE(b.size(), 10);
        QCOMPARE(b[0].timestamp, naive(2023, 9, 15, 7, 30, 6));
        QCOMPARE(b[0].host, u"xenserver13"_s);
        QCOMPARE(b[0].process, u"xenguest-1-build"_s);
        QCOMPARE(b[0].pid, 32062);
        QCOMPARE(b[0].message, u"domainbuilder: detail: xc_dom_build_image  : virt_alloc_end : 0x17b000"_s);
        QCOMPARE(b[0].severity, LogSeverity::Debug);
        QVERIFY(b[0].severityGuessed);
        QCOMPARE(b[0].level, QString());
    }

    void squeezed()
    {
        const QByteArray s = readSample("squeezed-log__xcpng-issue-292-poweredge1.txt");
        const QList<LogLine> a = parseAll(s, LogFormatKind::XapiSyslog, Mid2024);
        QCOMPARE(a.size(), 10);
        QCOMPARE(a[0].process, u"squeezed"_s);
        QCOMPARE(a[0].pid, -1);
        QCOMPARE(a[0].severity, LogSeverity::Error);
        QCOMPARE(a[0].xapiHost, u"Poweredge1"_s);
        QCOMPARE(a[0].thread, u"2"_s);
        QCOMPARE(a[0].module, u"xenops"_s);
        QCOMPARE(a[0].message, u"xenstore-write 5 /memory/uncooperative =  failed: Xs_protocol.Enoent(\"read\")"_s);
        QCOMPARE(a[0].timestamp, naive(2023, 10, 22, 10, 24, 20));
        // The raw variant: pid in the tag and an uptime stamp.
        QCOMPARE(a[4].pid, 1308);
        QCOMPARE(a[4].uptime, 1426.32);
        QCOMPARE(a[4].level, QString());
        QCOMPARE(a[4].message, u"watch /memory/uncooperative <-"_s);
        QCOMPARE(a[5].severity, LogSeverity::Debug);
        QCOMPARE(a[5].thread, u"3"_s);
    }

    void xha()
    {
        const QByteArray s = readSample("xha-log__lnav-xenserver-logs-samples.txt");
        const QList<LogLine> a = parseAll(s, LogFormatKind::Xha, Mid2024);
        QCOMPARE(a.size(), 4);
        QCOMPARE(a[0].timestamp, naive(2022, 6, 1, 19, 35, 50));
        QVERIFY(a[0].timestampIsUtc);
        QCOMPARE(a[0].level, u"debug"_s);
        QCOMPARE(a[0].severity, LogSeverity::Debug);
        QCOMPARE(a[0].module, u"HB"_s);
        QCOMPARE(a[0].message, u"HB: HB domain is updated [hbdomain = (0@m)]."_s);
        QCOMPARE(a[1].severity, LogSeverity::Info);
        QCOMPARE(a[1].module, u"CONF"_s);
        QCOMPARE(a[2].severity, LogSeverity::Notice);
        QVERIFY(a[2].message.startsWith(u"HA daemon started - built at Dec  9"));
        QCOMPARE(a[3].severity, LogSeverity::Warning);
        QCOMPARE(a[3].timestamp, naive(2022, 6, 1, 20, 38, 0));
    }

    void xendWithTraceback()
    {
        const QByteArray s = readSample("xend-log__xen-commit-5816c3e4-traceback.txt");
        const QList<LogLine> a = parseAll(s, LogFormatKind::Xend, Mid2024);
        QCOMPARE(a.size(), 15);
        QCOMPARE(a[0].timestamp, naive(2013, 9, 4, 20, 1, 26));
        QVERIFY(!a[0].timestampIsUtc);
        QCOMPARE(a[0].pid, 6254);
        QCOMPARE(a[0].level, u"ERROR"_s);
        QCOMPARE(a[0].severity, LogSeverity::Error);
        QCOMPARE(a[0].module, u"XendDomainInfo"_s);
        QCOMPARE(a[0].sourceLine, 496);
        QCOMPARE(a[0].message, u"VM start failed"_s);
        QVERIFY(!a[0].continuation);
        for (int i = 1; i < a.size(); ++i) {
            QVERIFY2(a[i].continuation, qPrintable(a[i].message));
            QVERIFY(!a[i].hasTimestamp);
        }
        QCOMPARE(a[1].message, u"Traceback (most recent call last):"_s);
        QCOMPARE(a[14].message, u"XendError: (3, 'No such process')"_s);

        const LogLine info =
            LogParser(LogFormatKind::Xend).parse("[2010-02-03 10:11:12 4321] INFO (SrvDaemon:227) Xend Daemon started");
        QCOMPARE(info.severity, LogSeverity::Info);
        QCOMPARE(info.module, u"SrvDaemon"_s);
        QCOMPARE(info.sourceLine, 227);
        QCOMPARE(info.pid, 4321);
        const LogLine warn =
            LogParser(LogFormatKind::Xend).parse("[2010-02-03 10:11:12 4321] WARNING (XendAPI:708) API call");
        QCOMPARE(warn.severity, LogSeverity::Warning);
        QCOMPARE(LogParser(LogFormatKind::Xend).parse("[2010-02-03 10:11:12 1] DEBUG (image:1) x").severity,
                 LogSeverity::Debug);
    }

    void plainTextLogs()
    {
        const QList<LogLine> d =
            parseAll(readSample("xend-debug-log__xen-commit-ce205e72-lsscsi.txt"), LogFormatKind::PlainText, Mid2024);
        QCOMPARE(d.size(), 1);
        QVERIFY(!d[0].hasTimestamp);
        QVERIFY(!d[0].continuation);
        QCOMPARE(d[0].message, u"  sh: lsscsi: command not found"_s);
        QCOMPARE(d[0].severity, LogSeverity::Error);
        QVERIFY(d[0].severityGuessed);

        const QList<LogLine> h =
            parseAll(readSample("xen-hotplug-log__qubes-issue-4446.txt"), LogFormatKind::PlainText, Mid2024);
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0].message, u"vif44.0: ERROR while getting interface flags: No such device"_s);
        QCOMPARE(h[0].severity, LogSeverity::Error);

        const QList<LogLine> q =
            parseAll(readSample("qemu-dm-log__xen-commit-24895b5f-no-bridge.txt"), LogFormatKind::PlainText, Mid2024);
        QCOMPARE(q.size(), 2);
        QCOMPARE(q[0].message, u"config qemu network with xen bridge for  tap0 xenbr0"_s);
        QCOMPARE(q[0].severity, LogSeverity::Unknown);
        QCOMPARE(q[1].severity, LogSeverity::Error);
        QVERIFY(!q[1].hasTimestamp);
    }

    void hypervisorConsole()
    {
        const QByteArray s = readSample("xen-console-log__xen-commit-6bd1b4d3-timestamps.txt");
        LineIndex index;
        index.build(s);
        QCOMPARE(index.lineCount(), quint64(18));
        LogParser parser(LogFormatKind::XenConsole);
        const LogLine first = parser.parse(index.line(s, 0));
        QCOMPARE(first.uptime, 22.277806);
        QVERIFY(!first.hasTimestamp); // seconds since boot only
        QCOMPARE(first.message, u"***************************************************"_s);
        const LogLine warning = parser.parse(index.line(s, 1));
        QCOMPARE(warning.message, u"WARNING: CONSOLE OUTPUT IS SYNCHRONOUS"_s);
        QCOMPARE(warning.severity, LogSeverity::Warning);
        const LogLine joined = parser.parse(index.line(s, 14));
        QCOMPARE(joined.uptime, 24.240254);
        QVERIFY(joined.message.endsWith(u"(XEN) [   24.247302] Watchdog timer detects that CPU0 is stuck!"));

        // With the boot time known, uptime stamps become timestamps.
        parser.setBootTime(naive(2022, 2, 18, 10, 0, 0));
        const LogLine stamped = parser.parse(index.line(s, 17));
        QVERIFY(stamped.hasTimestamp);
        QCOMPARE(stamped.timestamp, naive(2022, 2, 18, 10, 0, 24, 662));
        QCOMPARE(stamped.message,
                 u"RIP:    e008:[<ffff82d04025b84a>] drivers/char/ns16550.c#ns16550_tx_ready+0x3a/0x90"_s);

        // Without timestamps, indented as in the document it was copied from.
        const QList<LogLine> cet =
            parseAll(readSample("xen-console-log__xen-docs-faq-cet.txt"), LogFormatKind::XenConsole, Mid2024);
        QCOMPARE(cet.size(), 5);
        QCOMPARE(cet[0].message, u"CPU Vendor: Intel, Family 6 (0x6), Model 143 (0x8f), Stepping 8 (raw 000806f8)"_s);
        QCOMPARE(cet[0].uptime, -1.0);
        QCOMPARE(cet[3].message, u"  - IBT disabled in UEFI Runtime Services"_s);

        // console_timestamps=date
        const LogLine dated =
            LogParser(LogFormatKind::XenConsole).parse("(XEN) [2024-10-14 15:32:05] Brought up 8 CPUs");
        QVERIFY(dated.hasTimestamp);
        QCOMPARE(dated.timestamp, naive(2024, 10, 14, 15, 32, 5));
        QCOMPARE(dated.message, u"Brought up 8 CPUs"_s);

        const QList<LogLine> xl =
            parseAll(readSample("xl-dmesg__qubes-issue-9501-xen-4.17.txt"), LogFormatKind::XenConsole, Mid2024);
        QCOMPARE(xl.size(), 18);
        QCOMPARE(xl[0].message, u" Xen 4.17.5"_s);
        QVERIFY(!xl[0].continuation);
        QCOMPARE(xl[2].message, u"Latest ChangeSet: Wed Aug 14 11:03:57 2024 +0200 git:430ce6cd93"_s);
        QCOMPARE(xl[15].message, u" [0000000000001000, 000000000008ffff] (usable)"_s);

        const QList<LogLine> mc = parseAll(readSample("xl-dmesg-grep-microcode__xen-docs-microcode-loading.txt"),
                                           LogFormatKind::XenConsole, Mid2024);
        QCOMPARE(mc.size(), 9);
        QCOMPARE(mc[4].message, u"4 cores are to update their microcode"_s);

        const QList<LogLine> xm = parseAll(readSample("xm-dmesg__ubuntuforums-archive-2008-xen331-centos52.txt"),
                                           LogFormatKind::XenConsole, Mid2024);
        QCOMPARE(xm.size(), 79);
        QCOMPARE(
            xm[6].message,
            u"Xen version 3.3.1-rc4 (root@) (gcc version 4.1.2 20071124 (Red Hat 4.1.2-42)) Sun Dec 28 14:34:38 MSK 2008"_s);
        QCOMPARE(xm[8].message, u"Command line: "_s);
    }

    void iso8601Syslog()
    {
        const LogLine l = LogParser(LogFormatKind::Syslog)
                              .parse("2024-01-05T09:15:50.123456+01:00 xcp83 xapi[1234]: [debug||1 ||x] hello");
        QVERIFY(l.hasTimestamp);
        QVERIFY(l.timestampIsUtc);
        QCOMPARE(l.timestamp, naive(2024, 1, 5, 8, 15, 50, 123));
        QCOMPARE(l.pid, 1234);
        QCOMPARE(l.module, u"x"_s);
    }

    void syslogPaddingAndShapes()
    {
        LogParser p(LogFormatKind::Syslog, Mid2024);
        QCOMPARE(p.parseAt("Jun  5 01:02:03 h k: x", 0).timestamp, naive(2024, 6, 5, 1, 2, 3));
        QCOMPARE(p.parseAt("Jun 05 01:02:03 h k: x", 0).timestamp, naive(2024, 6, 5, 1, 2, 3));
        QCOMPARE(p.parseAt("Jun 5 01:02:03 h k: x", 0).timestamp, naive(2024, 6, 5, 1, 2, 3));
        const LogLine kernel = p.parseAt("Jun  5 01:02:03 dom0 kernel: [ 1234.567890] xen-blkback: ring-ref 8", 0);
        QCOMPARE(kernel.process, u"kernel"_s);
        QCOMPARE(kernel.uptime, 1234.56789);
        QCOMPARE(kernel.message, u"xen-blkback: ring-ref 8"_s);
        const LogLine mark = p.parseAt("Jun  5 01:02:03 dom0 last message repeated 3 times", 0);
        QCOMPARE(mark.process, QString());
        QCOMPARE(mark.message, u"last message repeated 3 times"_s);
        // Invalid dates and times are not timestamps.
        QVERIFY(!p.parseAt("Jun 31 01:02:03 h k: x", 0).hasTimestamp);
        QVERIFY(!p.parseAt("Jun  5 25:02:03 h k: x", 0).hasTimestamp);
        QVERIFY(!p.parseAt("Jux  5 01:02:03 h k: x", 0).hasTimestamp);
        // CRLF lines reach the parser without "\r" (LineIndex strips it).
        LineIndex index;
        const QByteArray crlf = "Jun  5 01:02:03 h xapi: [info|h|1 ||m] text\r\n";
        index.build(crlf);
        QCOMPARE(p.parse(index.line(crlf, 0)).message, u"text"_s);
    }

    void yearWalkDecemberToJanuary()
    {
        const QByteArray log = "Dec 30 10:00:00 h p: a\n"
                               "Dec 31 23:59:58 h p: b\n"
                               "  continuation\n"
                               "Jan  1 00:00:02 h p: c\n"
                               "Jan  2 08:00:00 h p: d\n";
        const QDateTime mtime = naive(2024, 1, 2, 9, 0, 0);
        for (const auto& lines :
             {parseAll(log, LogFormatKind::Syslog, mtime), parseAllAt(log, LogFormatKind::Syslog, mtime)}) {
            QCOMPARE(lines.size(), 5);
            QCOMPARE(lines[0].timestamp, naive(2023, 12, 30, 10, 0, 0));
            QCOMPARE(lines[1].timestamp, naive(2023, 12, 31, 23, 59, 58));
            QVERIFY(lines[2].continuation);
            QVERIFY(!lines[2].hasTimestamp);
            QCOMPARE(lines[3].timestamp, naive(2024, 1, 1, 0, 0, 2));
            QCOMPARE(lines[4].timestamp, naive(2024, 1, 2, 8, 0, 0));
        }
    }

    void yearsCountBackFromTheReference()
    {
        // Over a year of log, two New Years: only the map built from the whole file gets
        // the first part right; the forward walk must still never go past the reference.
        const QByteArray log = "Nov 10 10:00:00 h p: a\n"
                               "Jan  3 10:00:00 h p: b\n"
                               "Jun 30 10:00:00 h p: c\n"
                               "Dec 31 10:00:00 h p: d\n"
                               "Jan  1 10:00:00 h p: e\n"
                               "Mar  1 10:00:00 h p: f\n";
        const QDateTime mtime = naive(2024, 3, 1, 11, 0, 0);
        const QList<LogLine> exact = parseAllAt(log, LogFormatKind::Syslog, mtime);
        QCOMPARE(exact[0].timestamp, naive(2022, 11, 10, 10, 0, 0));
        QCOMPARE(exact[1].timestamp, naive(2023, 1, 3, 10, 0, 0));
        QCOMPARE(exact[2].timestamp, naive(2023, 6, 30, 10, 0, 0));
        QCOMPARE(exact[3].timestamp, naive(2023, 12, 31, 10, 0, 0));
        QCOMPARE(exact[4].timestamp, naive(2024, 1, 1, 10, 0, 0));
        QCOMPARE(exact[5].timestamp, naive(2024, 3, 1, 10, 0, 0));
        for (const LogLine& l : parseAll(log, LogFormatKind::Syslog, mtime))
            QVERIFY2(l.timestamp <= mtime, qPrintable(l.timestamp.toString(Qt::ISODate)));

        // The latest line lies after the reference's day: it is from the year before.
        const QList<LogLine> late = parseAllAt("Dec 30 10:00:00 h p: a\n", LogFormatKind::Syslog, mtime);
        QCOMPARE(late[0].timestamp, naive(2023, 12, 30, 10, 0, 0));
        // Same day, later hour than the reference: the year before too.
        QCOMPARE(parseAllAt("Mar  1 12:00:00 h p: a\n", LogFormatKind::Syslog, mtime)[0].timestamp,
                 naive(2023, 3, 1, 12, 0, 0));
        // Feb 29 needs a leap year.
        QCOMPARE(parseAllAt("Feb 29 12:00:00 h p: a\n", LogFormatKind::Syslog, mtime)[0].timestamp,
                 naive(2024, 2, 29, 12, 0, 0));
    }

    void outOfOrderAroundNewYear()
    {
        const QByteArray log = "Jan  1 00:00:01 h p: a\n"
                               "Dec 31 23:59:59 h q: b\n"
                               "Jan  1 00:00:03 h p: c\n";
        const QDateTime mtime = naive(2024, 1, 1, 1, 0, 0);
        for (const auto& lines :
             {parseAll(log, LogFormatKind::Syslog, mtime), parseAllAt(log, LogFormatKind::Syslog, mtime)}) {
            QCOMPARE(lines[0].timestamp.date(), QDate(2024, 1, 1));
            QCOMPARE(lines[1].timestamp.date(), QDate(2023, 12, 31));
            QCOMPARE(lines[2].timestamp.date(), QDate(2024, 1, 1));
        }
    }

    void yearWalkInTwoParts()
    {
        // A file walked in two parts at once (the second from line k, numbered from 0) and
        // joined must give the years of one walk, wherever it is cut: across New Year, out
        // of order around it, a backward step, lines without a stamp, a cut on either side.
        const QByteArray log = "no stamp at first\n"
                               "Nov 30 10:00:00 h p: a\n"
                               "Dec 31 23:59:59 h p: b\n"
                               "   continuation\n"
                               "Jan  1 00:00:01 h p: c\n"
                               "Dec 31 23:59:58 h q: late\n"
                               "Jan  1 00:00:03 h p: d\n"
                               "Jun  5 09:00:00 h p: e\n"
                               "Dec 31 22:00:00 h p: f\n"
                               "Jan  2 01:00:00 h p: g\n"
                               "Jan  2 01:00:01 h p: g2\n"
                               "garbage\n"
                               "Feb  2 01:00:00 h p: h\n"
                               "Feb  3 01:00:00 h p: i\n"
                               "February summary of the month, not a stamp\n"
                               "Feb 3x 01:00:00 h p: no such day\n"
                               "Feb  3 01:00:00 UTC 2026 [xha] not syslog\n";
        LineIndex index;
        index.build(log);
        const quint64 n = index.lineCount();
        const auto walk = [&](quint64 from, quint64 to) {
            SyslogYears::Builder b;
            for (quint64 l = from; l < to; ++l)
                b.add(index.line(log, l), l - from);
            return b;
        };
        // References after every line, and between the last lines (the latest stamp then
        // lies after the reference: the last year is the one before).
        for (const QDateTime& ref : {naive(2026, 2, 4, 0, 0, 0), naive(2026, 2, 2, 12, 0, 0),
                                     naive(2026, 2, 3, 0, 30, 0), naive(2026, 1, 15, 0, 0, 0)}) {
            const SyslogYears whole = SyslogYears::infer(log, index, ref);
            for (quint64 k = 0; k <= n; ++k) {
                SyslogYears::Builder first = walk(0, k);
                first.append(walk(k, n), k);
                const SyslogYears joined = first.result(ref);
                for (quint64 l = 0; l < n; ++l)
                    QVERIFY2(joined.yearOf(l) == whole.yearOf(l),
                             qPrintable(QStringLiteral("cut %1 line %2").arg(k).arg(l)));
            }
        }
        const SyslogYears whole = SyslogYears::infer(log, index, naive(2026, 2, 4, 0, 0, 0));
        QCOMPARE(whole.yearOf(1), 2024);
        QCOMPARE(whole.yearOf(4), 2025);
        QCOMPARE(whole.yearOf(12), 2026);
        // The latest stamp is Feb 3 01:00 (not the "February ..." line, not "Feb 3x", not
        // xha's): a reference of Feb 3 00:30 puts it a year back.
        QCOMPARE(SyslogYears::infer(log, index, naive(2026, 2, 3, 0, 30, 0)).yearOf(13), 2025);
        QCOMPARE(SyslogYears::infer(log, index, naive(2026, 2, 3, 1, 30, 0)).yearOf(13), 2026);
    }

    void yearsNeverInTheFuture()
    {
        // Random month walks over several years: no line ever after the reference, and
        // every New Year step adds one year.
        QRandomGenerator rng(42);
        for (int round = 0; round < 200; ++round) {
            QByteArray log;
            int month = 1 + int(rng.bounded(12));
            int wraps = 0;
            const int n = 2 + int(rng.bounded(40));
            for (int i = 0; i < n; ++i) {
                static constexpr const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
                log += QByteArray(names[month - 1]) + " 15 12:00:00 h p: x\n";
                const int next = 1 + (month - 1 + int(rng.bounded(5))) % 12;
                if (next < month)
                    ++wraps;
                month = next;
            }
            const QDateTime mtime = naive(2024, 1 + int(rng.bounded(12)), 20, 0, 0, 0);
            const QList<LogLine> exact = parseAllAt(log, LogFormatKind::Syslog, mtime);
            const QList<LogLine> walked = parseAll(log, LogFormatKind::Syslog, mtime);
            for (int i = 0; i < n; ++i) {
                QVERIFY(exact[i].timestamp <= mtime);
                QVERIFY(walked[i].timestamp <= mtime);
                if (i > 0)
                    QVERIFY(exact[i].timestamp >= exact[i - 1].timestamp);
            }
            QVERIFY(exact.last().timestamp.date().year() - exact.first().timestamp.date().year() <= wraps);
        }
    }

    void timeKeyAgreesWithParse()
    {
        const QByteArray log = readSample("xensource-log__lnav-xenserver-logs-samples.txt") +
                               readSample("xha-log__lnav-xenserver-logs-samples.txt") +
                               readSample("xend-log__xen-commit-5816c3e4-traceback.txt") +
                               readSample("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt");
        LineIndex index;
        index.build(log);
        LogParser parser(LogFormatKind::Syslog, Mid2024);
        parser.setYears(SyslogYears::infer(log, index, Mid2024));
        int stamped = 0;
        for (quint64 i = 0; i < index.lineCount(); ++i) {
            const LogLine l = parser.parseAt(index.line(log, i), i);
            const auto key = parser.timeKey(index.line(log, i), i);
            QCOMPARE(key.has_value(), l.hasTimestamp);
            if (key) {
                QCOMPARE(*key, l.timestamp.toMSecsSinceEpoch());
                ++stamped;
            }
        }
        QCOMPARE(stamped, 4 + 4 + 1 + 10);
    }

    void hostileInput()
    {
        const QList<QByteArray> inputs = {
            xrtest::binaryNoise(1 << 20),
            QByteArray(4096, '\0'),
            xrtest::invalidUtf8Name(),
            QByteArray("Jun  5 09:1"),
            QByteArray("Jun  5 09:15:50"),
            QByteArray("Jun  5 09:15:50 "),
            QByteArray("Jun  5 09:15:50 host"),
            QByteArray("Jun  5 09:15:50 host xapi: [debug|h|t|task"),
            QByteArray("Jun  5 09:15:50 host xapi: message repeated 3 times: [ [debug|h|1"),
            QByteArray("Jun  5 09:15:50 host xapi: message repeated 99999999999999 times: [ x]"),
            QByteArray("Jun  5 09:15:50 host p[: x"),
            QByteArray("Jun  5 09:15:50 host SM: [99999999999999999999999] x"),
            QByteArray("[2013-09-04 20:01"),
            QByteArray("[2013-09-04 20:01:26 6254] ERROR (XendDomainInfo:"),
            QByteArray("[20130904T20:53:56.324Z| info|ubu"),
            QByteArray("(XEN) [   22.27"),
            QByteArray("(XEN) [2024-13-45 99:99:99] x"),
            QByteArray("Jun 01 19:35:50 UTC 2022 [debu"),
            QByteArray("2024-01-05T09:15:50+0"),
            QByteArray("\xff\xfe(XEN)\x00\x01 Jun  5"),
            QByteArray("Feb 29 10:00:00 h p: x"),
        };
        for (const QByteArray& in : inputs) {
            (void)LogFormat::detect(in, u"x");
            LineIndex index;
            index.build(in);
            LogParser parser(LogFormatKind::XapiSyslog, QDateTime(QDate(2023, 6, 1), QTime(), Qt::UTC));
            parser.setYears(SyslogYears::infer(in, index, QDateTime(QDate(2023, 6, 1), QTime(), Qt::UTC)));
            for (quint64 i = 0; i < index.lineCount(); ++i) {
                const LogLine a = parser.parse(index.line(in, i));
                const LogLine b = parser.parseAt(index.line(in, i), i);
                (void)parser.timeKey(index.line(in, i), i);
                QVERIFY(!a.message.contains(QChar(0)));
                QCOMPARE(a.hasTimestamp, b.hasTimestamp);
            }
        }
        // Feb 29 in a year that has none: no timestamp rather than a wrong one.
        LogParser p(LogFormatKind::Syslog, QDateTime(QDate(2023, 6, 1), QTime(), Qt::UTC));
        QVERIFY(!p.parse("Feb 29 10:00:00 h p: x").hasTimestamp);
        QCOMPARE(p.parse("Jun  5 09:15:50 host xapi: message repeated 3 times: [ [debug|h|1").repeatCount, 0);

        // A 10 MB line parses whole and fast.
        QByteArray huge = "Jun  5 09:15:50 host xapi: [error|h|1 ||m] ";
        huge += QByteArray(10 << 20, 'x');
        const LogLine l = p.parse(huge);
        QCOMPARE(l.severity, LogSeverity::Error);
        QCOMPARE(l.message.size(), qsizetype(10 << 20));
        const LogLine noise = p.parse(QByteArray(10 << 20, '\0'));
        QVERIFY(!noise.hasTimestamp);
    }
};

QTEST_GUILESS_MAIN(TestLogFormat)
#include "tst_logformat.moc"
