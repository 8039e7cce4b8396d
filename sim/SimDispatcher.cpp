#include "SimDispatcher.h"

#include "SimInternal.h"
#include "SimNetwork.h"

#include <QFileInfo>

namespace xr::sim {

using namespace detail;

namespace {

struct Program
{
    const char* path;
    bool legacy62;
    bool xcpng;
    bool xl;
    bool xm;
};

// Where each tool lives on the real hosts.
constexpr Program Programs[] = {
    {"/opt/xensource/bin/xe", true, true, false, false},
    {"/opt/xensource/bin/xe-toolstack-restart", true, true, false, false},
    {"/opt/xensource/bin/list_domains", true, true, false, false},
    {"/opt/xensource/libexec/xen-cmdline", true, true, false, false},
    {"/opt/xensource/debug/xenops", true, false, false, false},
    {"/usr/lib/xen/bin/crash_guest", true, false, false, false},
    {"/usr/sbin/xl", false, true, true, false},
    {"/usr/bin/xenops-cli", false, true, false, false},
    {"/usr/sbin/xm", false, false, false, true},
    {"/usr/sbin/tap-ctl", true, true, false, false},
    {"/usr/bin/ovs-vsctl", true, true, false, false},
    {"/usr/sbin/brctl", true, false, true, true},
    {"/sbin/ip", true, true, true, true},
    {"/usr/bin/logger", true, true, true, true},
    {"/usr/bin/xenstore-read", true, true, true, true},
    // Network checks and the dom0 memory change (SimNetwork.cpp).
    {"/sbin/sysctl", true, true, true, true},
    {"/sbin/iptables", true, true, true, true},
    {"/usr/sbin/update-grub", false, false, true, true},
};

bool programOn(const Program& p, Flavour f)
{
    switch (f) {
    case Flavour::XenServer62:
        return p.legacy62;
    case Flavour::XcpNg82:
        return p.xcpng;
    case Flavour::XenXl:
        return p.xl;
    case Flavour::XenXm:
        return p.xm;
    }
    return false;
}

const Program* findProgram(Flavour f, const QString& program)
{
    const bool isPath = program.contains(u'/');
    const QString base = QFileInfo(program).fileName();
    for (const Program& p : Programs) {
        const QString path = QString::fromLatin1(p.path);
        if (!programOn(p, f))
            continue;
        if (isPath ? path == program : QFileInfo(path).fileName() == base)
            return &p;
    }
    // Full paths the product may use for tools that also sit elsewhere on PATH.
    if (isPath && (program == u"/usr/bin/xe" || program == u"/usr/sbin/list_domains"))
        return findProgram(f, base);
    return nullptr;
}

QString commandNotFound(Flavour f, const QString& program)
{
    // Debian 12's bash names the line for `bash -c`; CentOS 5/7 dom0s and Debian 7 do not.
    if (f == Flavour::XenXl)
        return QStringLiteral("bash: line 1: %1: command not found\n").arg(program);
    if (program.contains(u'/'))
        return QStringLiteral("bash: %1: No such file or directory\n").arg(program);
    return QStringLiteral("bash: %1: command not found\n").arg(program);
}

void tick(Ctx& c)
{
    ++c.host.commandCount;
    c.out.changed = true;
    // Lingering domains the host eventually reaps (tapdisk finally lets go).
    for (qsizetype i = c.host.domains.size() - 1; i >= 0; --i) {
        SimDomain& d = c.host.domains[i];
        if (d.dying && d.lingerCommandsLeft > 0 && --d.lingerCommandsLeft == 0) {
            c.log(QStringLiteral("daemon.log"),
                  syslogLine(c.now, c.host.name, QStringLiteral("tapdisk[%1]").arg(d.tapdiskPid),
                             QStringLiteral("tapdisk-control: closing vbd-%1-51712").arg(d.domid)));
            c.host.domains.removeAt(i);
        }
    }
}

} // namespace

QStringList SimDispatcher::programPaths(Flavour flavour)
{
    QStringList out;
    for (const Program& p : Programs)
        if (programOn(p, flavour))
            out << QString::fromLatin1(p.path);
    return out;
}

bool SimDispatcher::hasProgram(Flavour flavour, const QString& program)
{
    return findProgram(flavour, program) != nullptr;
}

QString SimDispatcher::syslogFile(Flavour flavour)
{
    switch (flavour) {
    case Flavour::XenServer62:
    case Flavour::XcpNg82:
        return QStringLiteral("messages");
    case Flavour::XenXl:
    case Flavour::XenXm:
        return QStringLiteral("syslog");
    }
    return QStringLiteral("messages");
}

SimCommandOutput SimDispatcher::run(SimPool& pool, const QString& hostName, const QStringList& argv,
                                    const QDateTime& now)
{
    SimHostModel* host = pool.host(hostName);
    if (!host || argv.isEmpty()) {
        SimCommandOutput o;
        o.exitCode = 127;
        o.err = QByteArrayLiteral("xenrescue-labhost: unknown lab host or empty command\n");
        return o;
    }
    Ctx c{pool, *host, now, {}};
    tick(c);
    const QString program = argv.first();
    const Program* p = findProgram(host->flavour, program);
    if (!p)
        return c.fail(127, commandNotFound(host->flavour, program));
    const QString base = QFileInfo(QString::fromLatin1(p->path)).fileName();
    const QStringList args = argv.mid(1);
    if (base == u"xe")
        return runXe(c, args);
    if (base == u"xe-toolstack-restart")
        return runToolstackRestart(c);
    if (base == u"list_domains")
        return runListDomains(c, args);
    if (base == u"xl")
        return runXl(c, args);
    if (base == u"xm")
        return runXm(c, args);
    if (base == u"xenops")
        return runXenopsLegacy(c, args);
    if (base == u"xenops-cli")
        return runXenopsCli(c, args);
    if (base == u"crash_guest")
        return runCrashGuest(c, args);
    if (base == u"brctl")
        return runBrctl(c, args);
    if (base == u"ovs-vsctl")
        return runOvsVsctl(c, args);
    if (base == u"ip")
        return runIp(c, args);
    if (base == u"tap-ctl")
        return runTapCtl(c, args);
    if (base == u"xen-cmdline")
        return runXenCmdline(c, args);
    if (base == u"logger")
        return runLogger(c, args);
    if (base == u"xenstore-read")
        return runXenstoreRead(c, args);
    if (base == u"sysctl")
        return runSysctl(c, args);
    if (base == u"iptables")
        return runIptables(c, args);
    if (base == u"update-grub")
        return runUpdateGrub(c, args);
    return c.fail(127, commandNotFound(host->flavour, program));
}

SimCommandOutput SimDispatcher::resume(SimPool& pool, const QString& hostName, const SimWait& wait,
                                       const QDateTime& now)
{
    SimHostModel* host = pool.host(hostName);
    if (!host) {
        SimCommandOutput o;
        o.exitCode = 127;
        return o;
    }
    Ctx c{pool, *host, now, {}};
    switch (wait.kind) {
    case SimWait::Kind::XapiWedged:
    case SimWait::Kind::TaskPending:
        return resumeXe(c, wait);
    case SimWait::Kind::DomainAlive:
        return resumeDomainWait(c, wait, host->flavour == Flavour::XenXm);
    case SimWait::Kind::XenstoredHung:
        return resumeXenstoreRead(c, wait);
    }
    return c.out;
}

} // namespace xr::sim
