#include "ErrorCatalogue.h"
#include "SampleData.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <cstring>
#include <random>
#include <string_view>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

namespace {

// resources/knowledge/catalogue.json, passed in by tests/diagnostics/CMakeLists.txt.
QByteArray shippedJson()
{
    QFile f(QStringLiteral(XR_CATALOGUE_JSON));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

const ErrorCatalogue& shipped()
{
    static const ErrorCatalogue catalogue = [] {
        auto r = ErrorCatalogue::fromJson(shippedJson());
        return r.ok() ? r.value() : ErrorCatalogue();
    }();
    return catalogue;
}

const CatalogueMatcher& matcher()
{
    static const CatalogueMatcher m(shipped());
    return m;
}

QStringList idsForLine(QByteArrayView line)
{
    QStringList ids;
    for (qsizetype i : matcher().entriesForLine(line))
        ids << shipped().entries().at(i).id;
    return ids;
}

// One realistic line per entry at least: the real sample line where a sample exists,
// otherwise a line in the shape the named tool prints.
struct Example
{
    const char* id;
    const char* line;
};
const Example kPositive[] = {
    {"pygrub-no-data", "Error: Boot loader didn't return any data!"},
    {"pygrub-no-data", "The bootloader returned an error"},
    {"dom0-min-mem-too-high",
     "[2008-03-12 10:41:02 3152] ERROR (XendDomainInfo:1875) XendError: Error creating domain: I need 131072 KiB, "
     "but dom0_min_mem is 262144 and shrinking to 262144 KiB would leave only -16932 KiB free."},
    {"destroydevice-arguments", "Error: DestroyDevice() takes exactly 3 arguments (2 given)"},
    {"device-number-not-found", "Error: Unable to find number for device (cdrom)"},
    {"vbd-backend-not-found", "Error: Device 769 (vbd) could not be connected. Backend device not found."},
    {"vbd-backend-not-found", "Error: Device 51712 (vbd) could not be connected. /dev/vg0/web-disk does not exist."},
    {"restart-too-fast",
     "[2007-08-23 16:06:51 xend.XendDomainInfo 2889] ERROR (XendDomainInfo:1675) VM sebastian restarting too fast "
     "(4.260192 seconds since the last restart).  Refusing to restart to avoid loops."},
    {"restart-too-fast", "[2009-01-05 10:00:01 4711] ERROR (XendDomainInfo:2070) VM web1 restarting too fast (1.1 "
                         "seconds since the last restart)."},
    {"domu-nic-renumbered", "Device eth0 has different MAC address than expected, ignoring."},
    {"domu-nic-renumbered", "Mar  3 10:12:01 guest kernel: udev: renamed network interface eth0 to eth1"},
    {"antispoof-bridge-nf-off", "net.bridge.bridge-nf-call-iptables = 0"},
    {"vifname-too-long", "vif = [ 'mac=00:16:3E:AA:AA:AB, bridge=xenbr0, vifname=webfrontend-eth0' ]"},
    {"vifname-too-long", "Error: argument \"vif-webfrontend.0\" is wrong: \"name\" not a valid ifname"},
    {"dom0-oom-killer",
     "Jun 12 03:14:07 dom0 kernel: [123456.789012] xenstored invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0"},
    {"dom0-oom-killer", "Out of memory: Kill process 2345 (qemu-dm) score 123 or sacrifice child"},
    {"dom0-oom-killer", "[ 9912.000001] Out of memory: Killed process 4242 (xapi) total-vm:812000kB"},
    {"xenconsole-no-tty", "xenconsole: Could not read tty from store: No such file or directory"},
    {"vmerror-invalid-argument", "Error: VmError: (22, 'Invalid argument')"},
    {"non-pae-kernel", "ERROR: Non PAE-kernel on PAE host."},
    {"struct-module-tainted", "xenblk: no version for \"struct_module\" found: kernel tainted."},
    {"4gb-seg-fixup", "4gb seg fixup, process init (pid 1), cs:ip 73:b7ec2fc5"},
    {"domu-root-device-missing", "VFS: Cannot open root device \"sda1\" or unknown-block(0,0)"},
    {"domu-root-device-missing", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"},
    {"domu-root-device-missing", "XENBUS: Device with no driver: device/vbd/769"},
    {"xenstore-damaged", "Domain-10                                10      127     1 -b----   1671.5"},
    {"hotplug-scripts-not-working", "Error: Device 0 (vkbd) could not be connected. Hotplug scripts not working."},
    {"shared-library-missing",
     "/usr/lib/xen/bin/xen-vncfb: error while loading shared libraries: libvncserver.so.0: cannot open shared object "
     "file: No such file or directory"},
    {"python-import-error", "ImportError: No module named fsys"},
    {"console-on-framebuffer", "10/09/2007 20:11:48 Autoprobing selected port 5900"},
    {"xen-microcode-bad-data", "(XEN) microcode: error! Bad data in microcode data file"},
    {"vm-hung-shutdown", "VM didn't acknowledge the need to shutdown."},
    {"vm-hung-shutdown", "Nov 19 14:52:03 xs62 xapi: [error|xs62|3127 |Async.VM.clean_shutdown R:5a4b0f6c1d2e|xapi] "
                         "Caught VM_SHUTDOWN_TIMEOUT: [ OpaqueRef:8b1c7e2a; 1200. ]"},
    {"xapi-domain-exists", "The operation could not be performed because a domain still exists for the specified VM."},
    {"xapi-domain-exists", "Error code: DOMAIN_EXISTS"},
    {"xapi-host-is-live", "This operation cannot be completed because the server is still live."},
    {"xapi-host-is-live", "HOST_IS_LIVE: [ OpaqueRef:0c6b3f7e-1d44-4c19-9a57-5b1c2d3e4f50 ]"},
    {"xapi-vm-bad-power-state",
     "You attempted an operation on a VM that was not in an appropriate power state at the time; for example, you "
     "attempted to start a VM that was already running."},
    {"xapi-other-operation-in-progress", "OTHER_OPERATION_IN_PROGRESS:"},
    {"xapi-cannot-reset-control-domain", "The power-state of a control domain cannot be reset."},
    {"xapi-internal-error",
     "The server failed to handle your request, due to an internal error.  The given message may give details useful "
     "for debugging the problem."},
    {"xapi-lost-connection", "Lost connection to the server."},
    {"xapi-connection-refused", "Error: Connection refused (calling connect )"},
    {"xapi-emulator-failed", "An emulator required to run this VM failed to start"},
    {"xapi-sr-backend-failure", "Error code: SR_BACKEND_FAILURE_46"},
    {"sm-command-failed", "Jun  5 09:15:50 r620-q6 SM: [563219] FAILED in util.pread: (rc -15) stdout: '', stderr: ''"},
    {"tapdisk-failed", "Jan  3 04:05:06 xcp1 kernel: [ 8123.456789] tapdisk[12345]: segfault at 0 ip 000000000040a1b2 "
                       "sp 00007ffd5d9f8c30 error 4 in tapdisk[400000+5a000]"},
    {"tapdisk-failed", "Jan  3 04:05:06 xcp1 SM: [4321] ***** BLKTAP2:<function _activate_locked at 0x7f3c>: EXCEPTION "
                       "<class 'blktap2.TapdiskFailed'>, Tapdisk(vhd:/dev/VG_XenStorage-1/VHD-2, pid=12345) failed"},
    {"xapi-vdi-in-use", "Error code: VDI_IN_USE"},
    {"xapi-host-not-enough-memory", "Error code: HOST_NOT_ENOUGH_FREE_MEMORY"},
    {"xapi-host-unreachable", "Error code: CANNOT_CONTACT_HOST"},
    {"xapi-authentication-failed",
     "[20130904T20:54:01.329Z|debug|ubuntux64|132 INET 127.0.0.1:80|session.login_with_password D:ef5d450350d9|"
     "dispatcher] Server_helpers.exec exception_handler: Got exception SESSION_AUTHENTICATION_FAILED: [ x64serveruser; "
     "Authentication failure ]"},
    {"xapi-import-sr-missing", "Dec 20 17:52:52 localhost xapi: [ warn|xrtuk-11-33|178 INET :::80|VM metadata import "
                               "R:a425c45b3556|import] Failed "
                               "to find SR with UUID: d85ea3e9-92d4-d689-1644-1964801cb64c content-type: user - will "
                               "still try to find individual "
                               "VDIs"},
    {"squeezed-xenstore-write-failed",
     "Oct 22 10:24:20 Poweredge1 squeezed: [error|Poweredge1|2 ||xenops] xenstore-write "
     "5 /memory/uncooperative =  failed: Xs_protocol.Enoent(\"read\")"},
    {"hotplug-vif-no-such-device", "vif44.0: ERROR while getting interface flags: No such device"},
    {"qemu-bridge-missing", "bridge xenbr0 does not exist!"},
    {"xend-vm-start-failed", "[2013-09-04 20:01:26 6254] ERROR (XendDomainInfo:496) VM start failed"},
    {"helper-command-not-found", "  sh: lsscsi: command not found"},
    {"xl-console-attach-failed", "Unable to attach console"},
    {"xl-domain-vanished", "libxl: error: libxl_dom.c:35:libxl__domain_type: unable to get domain type for domid=3"},
    {"xm-integer-required", "Error: an integer is required"},
    {"zombie-null-domain", "(null)                                       1     0     0     --p---       0.0"},
    {"xen-watchdog-cpu-stuck", "(XEN) [   24.247302] Watchdog timer detects that CPU0 is stuck!"},
    {"xen-sync-console", "(XEN) [   22.417802] WARNING: CONSOLE OUTPUT IS SYNCHRONOUS"},
};

// Ordinary lines from the same logs that must not be flagged.
const char* const kNegative[] = {
    "",
    "Jan 13 01:27:56 dt14 xapi: [debug|dt14|6380 UNIX /var/lib/xcp/xapi|host.signal_networking_change "
    "D:4f4b1253f01a|helpers] Updating IP addresses in DB for DHCP and autoconf PIFs",
    "Domain-0                                  0     2554     2 r-----  16511.2",
    "caliban                                   72   256     1 -b----   4768.3",
    "Domain-10                                11      127     1 -b----   1671.5", // name and id differ: a real name
    "vif = [ 'mac=00:16:3E:AA:AA:AB, bridge=xenbr0, vifname=web0' ]",
    "net.bridge.bridge-nf-call-iptables = 1",
    "(XEN) microcode: CPU0 updated from revision 0x1a to 0x25, date = 2018-04-02",
    "Jun  5 09:15:50 r620-q6 SM: [563219] GC: recieved SIGTERM",
    "Lost connection to the server", // no full stop: not what xe prints
    "lost connection to the server.",
    "Error: Device 769 (vif) could not be connected.",
    "I need 131072 KiB",
    "Oct 22 10:24:30 Poweredge1 squeezed: [debug|Poweredge1|3 ||xenops] watch /memory/uncooperative <-",
    "The operation could not be performed because the VM is running.",
    "bridge xenbr0 exists",
    "VM start succeeded",
    "DOMAIN_EXIST",
    "Using config file \"/etc/xen/sebastian.cfg\".",
    "(null) pointer in module foo",
};

struct SampleExpectation
{
    const char* file;
    QList<QPair<qint64, QString>> hits; // (line, entry id) in scan order
};

QList<SampleExpectation> sampleExpectations()
{
    return {
        {"xe-error-emulator-failed__xenapi-pr-2597-after.txt", {{1, u"xapi-emulator-failed"_s}}},
        {"xe-error-internal-error__buildroot-issue-240.txt", {{1, u"xapi-internal-error"_s}}},
        {"xe-error-lost-connection__xcpng-issue-228.txt", {{1, u"xapi-lost-connection"_s}}},
        {"xe-error-vm-bad-power-state__xcpng-issue-500.txt", {{1, u"xapi-vm-bad-power-state"_s}}},
        {"xapi-error-other-operation-in-progress__xenapi-pr-6588-before.txt",
         {{2, u"xapi-other-operation-in-progress"_s}}},
        {"xl-create-error__halvm-issue-47.txt", {{4, u"xl-domain-vanished"_s}, {5, u"xl-console-attach-failed"_s}}},
        {"xm-error__xen-commit-e5d1731c-destroy.txt", {{1, u"xm-integer-required"_s}}},
        {"qemu-dm-log__xen-commit-24895b5f-no-bridge.txt", {{2, u"qemu-bridge-missing"_s}}},
        {"xen-hotplug-log__qubes-issue-4446.txt", {{1, u"hotplug-vif-no-such-device"_s}}},
        {"xend-log__xen-commit-5816c3e4-traceback.txt",
         {{1, u"xend-vm-start-failed"_s}, {15, u"xend-vm-start-failed"_s}}},
        {"xend-debug-log__xen-commit-ce205e72-lsscsi.txt", {{1, u"helper-command-not-found"_s}}},
        {"smlog-smgc__xcpng-sm-pr-87-sigterm.txt", {{5, u"sm-command-failed"_s}}},
        {"squeezed-log__xcpng-issue-292-poweredge1.txt",
         {{1, u"squeezed-xenstore-write-failed"_s},
          {2, u"squeezed-xenstore-write-failed"_s},
          {3, u"squeezed-xenstore-write-failed"_s},
          {4, u"squeezed-xenstore-write-failed"_s},
          {7, u"squeezed-xenstore-write-failed"_s},
          {8, u"squeezed-xenstore-write-failed"_s},
          {9, u"squeezed-xenstore-write-failed"_s},
          {10, u"squeezed-xenstore-write-failed"_s}}},
        {"xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt",
         {{1, u"xapi-authentication-failed"_s}, {3, u"xapi-authentication-failed"_s}}},
        {"xensource-log__lnav-xenserver-logs-samples.txt", {{2, u"xapi-import-sr-missing"_s}}},
        {"xen-console-log__xen-commit-6bd1b4d3-timestamps.txt",
         {{2, u"xen-sync-console"_s}, {15, u"xen-watchdog-cpu-stuck"_s}}},
        {"xl-list__xen-commit-93e52d52-null-domains.txt",
         {{3, u"zombie-null-domain"_s}, {4, u"zombie-null-domain"_s}, {5, u"zombie-null-domain"_s}}},
        // Samples with nothing to report: the catalogue must stay quiet on them.
        {"smlog__xcpng-issue-561-ng02.txt", {}},
        {"xensource-log__xcpng-issue-561-ng02.txt", {}},
        {"xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt", {}},
        {"dom0-syslog-xenguest__xcpng-issue-269-domainbuilder.txt", {}},
        {"xm-dmesg__ubuntuforums-archive-2008-xen331-centos52.txt", {}},
        {"xl-dmesg__qubes-issue-9501-xen-4.17.txt", {}},
        {"xm-list__xen-xm-man-page-xen30.txt", {}},
        {"xe-vm-param-list-dom0__rbdsr-issue-39-hs-0229.txt", {}},
        {"xend-config-sxp__xen-4.1-4.4-tools-examples.txt", {}},
    };
}

bool contains(QByteArrayView line, const QByteArray& needle)
{
    return std::string_view(line.data(), size_t(line.size()))
               .find(std::string_view(needle.data(), size_t(needle.size()))) != std::string_view::npos;
}

// The reference: every line, every entry, every pattern, no prefilter tricks beyond the
// documented meaning of a regex pattern (the line holds the prefilter and the regex matches).
QList<CatalogueHit> naiveScan(const ErrorCatalogue& catalogue, QByteArrayView buffer)
{
    QList<QList<QRegularExpression>> regexes;
    for (const CatalogueEntry& e : catalogue.entries()) {
        QList<QRegularExpression> res;
        for (const CataloguePattern& p : e.patterns)
            res << QRegularExpression(p.kind == CataloguePattern::Kind::Regex ? p.regex : QString());
        regexes << res;
    }
    QList<CatalogueHit> hits;
    qint64 lineNumber = 0;
    qsizetype pos = 0;
    while (pos < buffer.size() || (pos == 0 && buffer.isEmpty() && false)) {
        ++lineNumber;
        qsizetype nl = buffer.indexOf('\n', pos);
        const qsizetype next = nl < 0 ? buffer.size() : nl + 1;
        if (nl < 0)
            nl = buffer.size();
        QByteArrayView line = buffer.sliced(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        for (qsizetype e = 0; e < catalogue.size(); ++e) {
            const CatalogueEntry& entry = catalogue.entries().at(e);
            bool matched = false;
            for (qsizetype p = 0; p < entry.patterns.size() && !matched; ++p) {
                const CataloguePattern& pat = entry.patterns.at(p);
                if (pat.kind == CataloguePattern::Kind::Literal)
                    matched = contains(line, pat.literal);
                else
                    matched =
                        contains(line, pat.prefilter) && regexes.at(e).at(p).match(QString::fromUtf8(line)).hasMatch();
            }
            if (matched) {
                CatalogueHit h;
                h.entryIndex = e;
                h.entryId = entry.id;
                h.lineNumber = lineNumber;
                h.lineOffset = pos;
                h.lineLength = line.size();
                h.text =
                    QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), CatalogueHit::kMaxHitTextBytes)));
                hits << h;
            }
        }
        pos = next;
    }
    return hits;
}

QString describe(const CatalogueHit& h)
{
    return u"%1@%2+%3(%4)"_s.arg(h.entryId).arg(h.lineNumber).arg(h.lineOffset).arg(h.lineLength);
}

QStringList describeAll(const QList<CatalogueHit>& hits)
{
    QStringList out;
    for (const CatalogueHit& h : hits)
        out << describe(h);
    return out;
}

QByteArray minimalCatalogue(const QByteArray& entriesJson)
{
    return R"({"format": "xenrescue-catalogue", "version": 1, "entries": [)" + entriesJson + "]}";
}

QByteArray goodEntry(const QByteArray& id, const QByteArray& patterns = R"([{"literal": "Something broke badly"}])")
{
    return R"({"id": ")" + id + R"(", "patterns": )" + patterns + R"(,
        "title": {"en": "Title", "zh_CN": "标题"}, "meaning": {"en": "Meaning", "zh_CN": "说明"},
        "steps": [{"text": {"en": "Do it", "zh_CN": "处理"}, "command": "true"}],
        "risk": "low", "source": "test", "flavours": ["xl"]})";
}

struct ValidationRow
{
    const char* name;
    QByteArray entry;
    QString needle;
};

// Bad entries and the words the problem report must contain.
QList<ValidationRow> validationRows()
{
    return {
        {"missing title", QByteArray(R"({"id": "x-y", "patterns": [{"literal": "abcdefg"}],
            "meaning": {"en": "m"}, "steps": [{"text": {"en": "s"}}], "risk": "low", "source": "s", "flavours": ["xl"]})"),
         u"Missing field \"title\""_s},
        {"regex does not compile", goodEntry("bad-regex", R"([{"regex": "Device (\\d+", "prefilter": "Device "}])"),
         u"does not compile"_s},
        {"regex without prefilter", goodEntry("no-prefilter", R"([{"regex": "Device \\d+ failed"}])"),
         u"has no \"prefilter\""_s},
        {"prefilter not in regex",
         goodEntry("wrong-prefilter", R"([{"regex": "Device \\d+ failed", "prefilter": "Disk failed"}])"),
         u"does not appear literally"_s},
        {"literal too short", goodEntry("short", R"([{"literal": "Error"}])"), u"shorter than 6 bytes"_s},
        {"literal with line break", goodEntry("newline", R"([{"literal": "two\nlines here"}])"), u"line break"_s},
        {"literal and regex", goodEntry("both", R"([{"literal": "abcdefg", "regex": "abcdefg"}])"),
         u"exactly one of"_s},
        {"no patterns", goodEntry("empty", "[]"), u"\"patterns\" must be a non-empty list"_s},
        {"bad id", goodEntry("Not_Kebab"), u"not kebab-case"_s},
        {"bad risk", QByteArray(goodEntry("risky").replace(R"("risk": "low")", R"("risk": "extreme")")),
         u"\"risk\" must be one of"_s},
        {"no english", QByteArray(goodEntry("no-en").replace(R"({"en": "Title", )", "{")), u"no English"_s},
        {"bad flavour", QByteArray(goodEntry("flav").replace(R"(["xl"])", R"(["kvm"])")), u"Unknown flavour \"kvm\""_s},
        {"step riskier than entry",
         QByteArray(goodEntry("step-risk").replace(R"("command": "true")", R"("command": "true", "risk": "high")")),
         u"riskier"_s},
        {"unknown field",
         QByteArray(goodEntry("extra").replace(R"("source": "test")", R"("source": "test", "sauce": 1)")),
         u"Unknown field \"sauce\""_s},
        {"not an object", QByteArray("42"), u"must be an object"_s},
    };
}

// Documents that are not a usable catalogue at all.
QList<QByteArray> badDocuments()
{
    return {QByteArray(),
            QByteArray("{"),
            QByteArray("[]"),
            QByteArray(R"({"format": "other"})"),
            QByteArray(R"({"format": "xenrescue-catalogue", "version": 2, "entries": []})"),
            QByteArray(R"({"format": "xenrescue-catalogue", "version": 1, "entries": {}})"),
            QByteArray(R"({"format": "xenrescue-catalogue", "version": 1, "entries": []})"),
            xrtest::binaryNoise(4096)};
}

QByteArray anythingRegexEntry()
{
    return goodEntry("anything", R"([{"regex": "^.*prefilter-word.*$|.*", "prefilter": "prefilter-word"}])");
}

} // namespace

// The error catalogue: the shipped JSON, validation of bad entries, the matcher on real
// samples, hostile input, and the matcher against a naive scan.
class TestErrorCatalogue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedCatalogueLoads()
    {
        const QByteArray json = shippedJson();
        QVERIFY2(!json.isEmpty(), XR_CATALOGUE_JSON);
        QList<CatalogueProblem> problems;
        const ErrorCatalogue c = ErrorCatalogue::fromJson(json, problems);
        QStringList messages;
        for (const CatalogueProblem& p : problems)
            messages << u"%1: %2"_s.arg(p.entryId, p.message);
        QVERIFY2(problems.isEmpty(), qPrintable(messages.join(u'\n')));
        QVERIFY(c.size() >= 45);
        QCOMPARE(shipped().size(), c.size());

        // What the field guide (section 5), the seed article and issue 3 require.
        const char* required[] = {"pygrub-no-data",
                                  "dom0-min-mem-too-high",
                                  "destroydevice-arguments",
                                  "device-number-not-found",
                                  "vbd-backend-not-found",
                                  "restart-too-fast",
                                  "domu-nic-renumbered",
                                  "antispoof-bridge-nf-off",
                                  "vifname-too-long",
                                  "dom0-oom-killer",
                                  "xenconsole-no-tty",
                                  "vmerror-invalid-argument",
                                  "non-pae-kernel",
                                  "struct-module-tainted",
                                  "4gb-seg-fixup",
                                  "domu-root-device-missing",
                                  "xenstore-damaged",
                                  "hotplug-scripts-not-working",
                                  "python-import-error",
                                  "console-on-framebuffer",
                                  "vm-hung-shutdown",
                                  "xapi-domain-exists",
                                  "xapi-host-is-live",
                                  "xapi-vm-bad-power-state",
                                  "xapi-other-operation-in-progress",
                                  "xapi-cannot-reset-control-domain",
                                  "xapi-internal-error",
                                  "xapi-lost-connection",
                                  "xapi-connection-refused",
                                  "xapi-emulator-failed",
                                  "xapi-sr-backend-failure",
                                  "tapdisk-failed"};
        for (const char* id : required)
            QVERIFY2(c.entry(QString::fromLatin1(id)), id);
    }

    void everyEntryIsComplete()
    {
        QVERIFY(!shipped().isEmpty());
        for (const CatalogueEntry& e : shipped().entries()) {
            const QByteArray id = e.id.toUtf8();
            QVERIFY2(!e.patterns.isEmpty(), id);
            for (const LocalizedText* t : {&e.title, &e.meaning}) {
                QVERIFY2(t->has(u"en"_s) && t->has(u"zh_CN"_s), id);
                QVERIFY2(t->text(u"zh_CN") != t->english(), id);
                // Chinese text really is Chinese (at least one CJK ideograph).
                const QString zh = t->text(u"zh_CN");
                QVERIFY2(std::any_of(zh.begin(), zh.end(),
                                     [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; }),
                         id);
            }
            QVERIFY2(!e.steps.isEmpty(), id);
            for (const CatalogueStep& s : e.steps) {
                QVERIFY2(s.text.has(u"en"_s) && s.text.has(u"zh_CN"_s), id);
                if (s.risk)
                    QVERIFY2(*s.risk <= e.risk, id);
            }
            QVERIFY2(!e.source.isEmpty(), id);
            QVERIFY2(!e.flavours.isEmpty(), id);
        }
        // The hung VM is the product's reason to exist: its steps are the ladder, with commands.
        const CatalogueEntry* hung = shipped().entry(u"vm-hung-shutdown");
        QVERIFY(hung);
        QCOMPARE(hung->risk, CatalogueRisk::Critical);
        QVERIFY(std::any_of(hung->steps.begin(), hung->steps.end(), [](const CatalogueStep& s) {
            return s.command == u"xe vm-reset-powerstate force=true uuid=<vm-uuid>";
        }));
    }

    void positiveExamples_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("line");
        int n = 0;
        for (const Example& ex : kPositive)
            QTest::addRow("%d-%s", ++n, ex.id) << QString::fromLatin1(ex.id) << QByteArray(ex.line);
    }
    void positiveExamples()
    {
        QFETCH(QString, id);
        QFETCH(QByteArray, line);
        QVERIFY2(shipped().entry(id), qPrintable(id));
        QVERIFY2(idsForLine(line).contains(id), qPrintable(idsForLine(line).join(u',')));
        QVERIFY(matcher().matchesLine(line));
        QVERIFY(matcher().entriesForLine(QString::fromUtf8(line)).contains(shipped().indexOf(id)));
        // The same line inside a buffer, with CRLF, finds the same entry on line 2.
        const QList<CatalogueHit> hits = matcher().scan("first line\r\n" + line + "\r\nlast line");
        QVERIFY(std::any_of(hits.begin(), hits.end(), [&](const CatalogueHit& h) {
            return h.entryId == id && h.lineNumber == 2 && h.lineOffset == 12 && h.text == QString::fromUtf8(line);
        }));
    }

    void everyEntryHasAPositiveExample()
    {
        QSet<QString> covered;
        for (const Example& ex : kPositive)
            covered.insert(QString::fromLatin1(ex.id));
        for (const CatalogueEntry& e : shipped().entries())
            QVERIFY2(covered.contains(e.id), qPrintable(e.id));
    }

    void negativeLines()
    {
        for (const char* line : kNegative) {
            QVERIFY2(idsForLine(QByteArrayView(line)).isEmpty(), line);
            QVERIFY2(!matcher().matchesLine(QByteArrayView(line)), line);
        }
    }

    void sampleFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        for (const SampleExpectation& s : sampleExpectations()) {
            QStringList expected;
            for (const auto& [line, id] : s.hits)
                expected << u"%1:%2"_s.arg(line).arg(id);
            QTest::newRow(s.file) << QString::fromLatin1(s.file) << expected;
        }
    }
    void sampleFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const QByteArray data = readSample(file.toUtf8().constData());
        QVERIFY2(!data.isEmpty(), qPrintable(file));
        QStringList got;
        const QList<CatalogueHit> hits = matcher().scan(data);
        for (const CatalogueHit& h : hits) {
            got << u"%1:%2"_s.arg(h.lineNumber).arg(h.entryId);
            // Offsets and text point at the real line.
            QVERIFY(data.sliced(h.lineOffset).startsWith(h.text.toUtf8()));
            QVERIFY(h.lineOffset == 0 || data.at(h.lineOffset - 1) == '\n');
        }
        QCOMPARE(got, expected);
        QCOMPARE(describeAll(hits), describeAll(naiveScan(shipped(), data)));
    }

    void localizedTextFallback()
    {
        const CatalogueEntry* e = shipped().entry(u"xapi-lost-connection");
        QVERIFY(e);
        QCOMPARE(e->title.text(u"zh_CN"), u"xe 与 xapi 的连接中断"_s);
        QCOMPARE(e->title.text(u"zh"), e->title.text(u"zh_CN"));
        QCOMPARE(e->title.text(u"zh_TW"), e->title.text(u"zh_CN"));
        QCOMPARE(e->title.text(u"de_DE"), e->title.english());
        QCOMPARE(e->title.text(u""), e->title.english());
        QCOMPARE(e->title.text(QLocale(QLocale::Chinese, QLocale::China)), e->title.text(u"zh_CN"));
        QCOMPARE(e->title.text(QLocale(QLocale::French, QLocale::France)), u"xe lost its connection to xapi"_s);
        QVERIFY(e->appliesTo(u"xapi"));
        QVERIFY(!e->appliesTo(u"xl"));
        QVERIFY(shipped().entry(u"dom0-oom-killer")->appliesTo(u"xm"));
        QCOMPARE(catalogueRiskFromString(u"critical"), std::optional(CatalogueRisk::Critical));
        QCOMPARE(catalogueRiskFromString(u"Critical"), std::nullopt);
        QCOMPARE(catalogueRiskToString(CatalogueRisk::Medium), u"medium"_s);
    }

    void validationErrors_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("needle");
        for (const ValidationRow& r : validationRows())
            QTest::newRow(r.name) << r.entry << r.needle;
    }
    void validationErrors()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, needle);
        // A good entry next to the bad one stays usable; the bad one is reported.
        const QByteArray json = minimalCatalogue(goodEntry("good-one") + "," + entry);
        QList<CatalogueProblem> problems;
        const ErrorCatalogue c = ErrorCatalogue::fromJson(json, problems);
        QVERIFY(!problems.isEmpty());
        QVERIFY2(
            std::any_of(problems.begin(), problems.end(),
                        [&](const CatalogueProblem& p) { return p.entryIndex == 1 && p.message.contains(needle); }),
            qPrintable(problems.first().message));
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.entries().first().id, u"good-one"_s);
        const auto strict = ErrorCatalogue::fromJson(json);
        QVERIFY(!strict.ok());
        QVERIFY(strict.errorMessage().contains(needle));
        QVERIFY(strict.errorMessage().startsWith(u"Entry 2"_s));
    }

    void duplicateIds()
    {
        QList<CatalogueProblem> problems;
        const ErrorCatalogue c =
            ErrorCatalogue::fromJson(minimalCatalogue(goodEntry("twice") + "," + goodEntry("twice")), problems);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().entryIndex, 1);
        QCOMPARE(problems.first().entryId, u"twice"_s);
        QVERIFY(problems.first().message.contains(u"Duplicate id"_s));
        QCOMPARE(c.size(), 1);
    }

    void documentErrors()
    {
        for (const QByteArray& doc : badDocuments()) {
            const auto r = ErrorCatalogue::fromJson(doc);
            QVERIFY(!r.ok());
            QVERIFY(!r.errorMessage().isEmpty());
        }
    }

    void regexOnlyRunsOnPrefilteredLines()
    {
        // A regex that would match any line: the prefilter alone decides which lines it sees.
        const auto c = ErrorCatalogue::fromJson(minimalCatalogue(anythingRegexEntry()));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        const CatalogueMatcher m(c.value());
        QCOMPARE(m.needleCount(), 1);
        const QList<CatalogueHit> hits = m.scan("a\nb prefilter-word c\nd\n");
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().lineNumber, 2);
        QCOMPARE(hits.first().lineOffset, 2);
        QCOMPARE(hits.first().text, u"b prefilter-word c"_s);
    }

    void hostileInput()
    {
        const CatalogueMatcher& m = matcher();
        QVERIFY(m.scan(QByteArrayView()).isEmpty());
        QVERIFY(m.scan("").isEmpty());
        QVERIFY(m.scan("\n\n\n\r\n").isEmpty());
        QVERIFY(m.scan("Lost").isEmpty()); // shorter than any needle
        QVERIFY(!m.matchesLine(QByteArrayView()));
        QVERIFY(CatalogueMatcher().scan("Lost connection to the server.").isEmpty()); // empty catalogue

        // Binary noise: no crash, and the same answer as the naive scan.
        const QByteArray noise = xrtest::binaryNoise(1 << 20);
        QCOMPARE(describeAll(m.scan(noise)), describeAll(naiveScan(shipped(), noise)));

        // Invalid UTF-8 around a needle, no final line break, NULs.
        const QByteArray bad =
            QByteArray("\x00\xff\n", 3) + xrtest::invalidUtf8Name() + " Lost connection to the server. \xc3";
        const QList<CatalogueHit> hits = m.scan(bad);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().entryId, u"xapi-lost-connection"_s);
        QCOMPARE(hits.first().lineNumber, 2);
        QCOMPARE(hits.first().lineOffset, 3);
        QVERIFY(hits.first().text.contains(u"Lost connection to the server."_s));
        QVERIFY(hits.first().text.contains(QChar(QChar::ReplacementCharacter)));

        // A needle cut by a line break is not a match.
        QVERIFY(m.scan("Lost connection to\nthe server.").isEmpty());

        // A 10 MB line with a regex prefilter in the middle and a literal at the very end.
        QByteArray huge(10 * 1024 * 1024, 'x');
        const QByteArray mid = " VM web1 restarting too fast (1.2 seconds since the last restart) ";
        huge.replace(huge.size() / 2, mid.size(), mid);
        const QByteArray tail = "Unable to attach console";
        huge.replace(huge.size() - tail.size(), tail.size(), tail);
        const QList<CatalogueHit> hugeHits = m.scan("before\n" + huge);
        QCOMPARE(describeAll(hugeHits), describeAll(naiveScan(shipped(), "before\n" + huge)));
        QCOMPARE(hugeHits.size(), 2);
        QCOMPARE(hugeHits.at(0).lineNumber, 2);
        QCOMPARE(hugeHits.at(0).lineLength, huge.size());
        QVERIFY(hugeHits.at(0).text.size() <= CatalogueHit::kMaxHitTextBytes);

        // A truncated hit text never splits a UTF-8 sequence.
        QByteArray wide = QByteArray(4095, 'a') + "\xe4\xb8\xad" + "Lost connection to the server.";
        const QList<CatalogueHit> wideHits = m.scan(wide);
        QCOMPARE(wideHits.size(), 1);
        QCOMPARE(wideHits.first().text.size(), 4095);
    }

    void chunkedScanEqualsWholeScan()
    {
        QByteArray data;
        for (int i = 0; i < 200; ++i)
            data += QByteArray("ordinary line ") + QByteArray::number(i) + "\n" +
                    kPositive[i % std::size(kPositive)].line + "\n";
        const QList<CatalogueHit> whole = matcher().scan(data);
        // Split at a line start; the second half carries on the numbering and offsets.
        const qsizetype cut = data.indexOf('\n', data.size() / 2) + 1;
        const qint64 linesBefore = std::count(data.begin(), data.begin() + cut, '\n');
        QList<CatalogueHit> parts;
        auto sink = [&parts](const CatalogueHit& h) {
            parts << h;
            return true;
        };
        QVERIFY(matcher().scan(QByteArrayView(data).first(cut), sink));
        QVERIFY(matcher().scan(QByteArrayView(data).sliced(cut), sink, linesBefore + 1, cut));
        QCOMPARE(describeAll(parts), describeAll(whole));
        // A sink can stop the scan.
        int seen = 0;
        QVERIFY(!matcher().scan(data, [&seen](const CatalogueHit&) { return ++seen < 3; }));
        QCOMPARE(seen, 3);
    }

    void matcherEqualsNaiveScanOnMixedBuffer()
    {
        // 20 MB of real line shapes, the positive and negative lines, near misses (a needle
        // with one byte changed), CRLF endings and binary junk, in a fixed pseudo-random order.
        QList<QByteArray> shapes;
        for (const SampleExpectation& s : sampleExpectations()) {
            const QByteArray data = readSample(s.file);
            for (const QByteArray& l : data.split('\n'))
                shapes << l;
        }
        for (const Example& ex : kPositive) {
            shapes << QByteArray(ex.line);
            QByteArray miss(ex.line);
            miss[miss.size() / 2] = char(miss[miss.size() / 2] ^ 0x20);
            shapes << miss;
            shapes << QByteArray(ex.line).left(QByteArray(ex.line).size() - 3);
        }
        for (const char* n : kNegative)
            shapes << QByteArray(n);
        shapes << xrtest::binaryNoise(300) << xrtest::invalidUtf8Name();

        std::mt19937 rng(20240611);
        QByteArray buffer;
        buffer.reserve(21 * 1024 * 1024);
        while (buffer.size() < 20 * 1024 * 1024) {
            const QByteArray& l = shapes.at(qsizetype(rng() % quint32(shapes.size())));
            buffer += l;
            buffer += (rng() % 7 == 0) ? "\r\n" : "\n";
        }
        const QList<CatalogueHit> fast = matcher().scan(buffer);
        const QList<CatalogueHit> slow = naiveScan(shipped(), buffer);
        QVERIFY(fast.size() > 1000);
        QCOMPARE(fast.size(), slow.size());
        for (qsizetype i = 0; i < fast.size(); ++i) {
            if (describe(fast.at(i)) != describe(slow.at(i)) || fast.at(i).text != slow.at(i).text)
                QFAIL(qPrintable(u"hit %1: %2 vs %3"_s.arg(i).arg(describe(fast.at(i)), describe(slow.at(i)))));
        }
    }
};

QTEST_GUILESS_MAIN(TestErrorCatalogue)
#include "tst_errorcatalogue.moc"
