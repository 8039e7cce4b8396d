// Each fault scenario driven through SimHost, the in-process transport of the demo mode:
// the state moves as a real host's would.

#include "SimTestSupport.h"

#include "DomainList.h"
#include "ShellCommand.h"
#include "SimHost.h"
#include "SimRunner.h"
#include "SimShell.h"
#include "XeError.h"
#include "XeRecords.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace xr;
using namespace xr::sim;
using namespace xrtest;

namespace {

CommandResult exec(SimHost& host, const ShellCommand& cmd, int timeoutMs = 20000)
{
    CommandRequest req;
    req.command = cmd.toShell();
    req.timeoutMs = timeoutMs;
    std::unique_ptr<RemoteCommand> c(host.run(req));
    QSignalSpy done(c.get(), &RemoteOperation::finished);
    if (!c->isFinished())
        done.wait(timeoutMs + 10000);
    return c->result();
}

ShellCommand xe(QStringList args)
{
    return ShellCommand{QStringLiteral("xe"), std::move(args)};
}

QString param(const CommandResult& r, const char* name)
{
    return XeRecords::parse(r.stdOut)->records.value(0).value(QString::fromLatin1(name));
}

XeError xeError(const CommandResult& r)
{
    const auto e = XeError::parse(r.stdErr);
    return e ? e.value() : XeError{};
}

bool hasDomain(SimHost& host, const QString& vmUuid)
{
    const CommandResult r = exec(host, ShellCommand{QStringLiteral("list_domains"), {}});
    const auto d = DomainListParser::parseListDomains(r.stdOut);
    return d.ok() && d->byUuid(vmUuid);
}

// Whether a command with `word` in its argv has reached the lab: the runner records a command
// when it first dispatches it, holding the state lock, so once it is recorded it has either
// finished or is blocked (a wedged xapi), and anything the lab runs after sees that.
bool dispatched(const SimLab& lab, const char* word)
{
    QFile f(lab.recordPath());
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(QByteArray("\"") + word + '"');
}

bool connectHost(SimHost& host)
{
    QSignalSpy spy(&host, &RemoteHost::stateChanged);
    host.connectToHost();
    return QTest::qWaitFor([&]() { return host.state() == HostState::Connected || host.state() == HostState::Failed; },
                           5000) &&
           host.isConnected();
}

} // namespace

class TestSimScenarios final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xenstoreAnswersAsRealHosts()
    {
        // Every flavour keeps /local/domain/N/vm = /vm/<uuid> and /name (libxl, xenopsd, xend).
        for (const char* name : {"demo", "legacy-62", "xl-host", "xm-host"}) {
            SimPool pool = scenario(name);
            for (SimHostModel& h : pool.hosts) {
                for (const SimDomain& d : h.domains) {
                    if (d.domid == 0)
                        continue;
                    const Run vm =
                        runOn(pool, h.name,
                              {QStringLiteral("xenstore-read"), QStringLiteral("/local/domain/%1/vm").arg(d.domid)});
                    QCOMPARE(vm.exit, 0);
                    QCOMPARE(vm.out, QByteArray("/vm/" + d.vmUuid.toLower().toUtf8() + '\n'));
                    const Run n = runOn(pool, h.name,
                                        {QStringLiteral("/usr/bin/xenstore-read"),
                                         QStringLiteral("/local/domain/%1/name").arg(d.domid)});
                    QCOMPARE(n.out, QByteArray(d.name.toUtf8() + '\n'));
                }
                const Run none =
                    runOn(pool, h.name, {QStringLiteral("xenstore-read"), QStringLiteral("/local/domain/999/vm")});
                QCOMPARE(none.exit, 1);
                QCOMPARE(none.err, QByteArray("xenstore-read: couldn't read path /local/domain/999/vm\n"));
            }
        }
    }

    void domidReusedBetweenTwoReads()
    {
        SimPool pool = scenario("xl-host");
        const QString web = uuidOf(pool, "web");
        const QString spare = uuidOf(pool, "spare");
        const int old = pool.host(QStringLiteral("xen-xl"))->domainOfVm(web)->domid;
        QCOMPARE(pool.reuseDomid(QStringLiteral("xen-xl"), web, spare), old);
        SimHostModel* h = pool.host(QStringLiteral("xen-xl"));
        QCOMPARE(h->domain(old)->vmUuid, spare);
        QVERIFY(h->domainOfVm(web)->domid != old);
        QCOMPARE(pool.vm(spare)->powerState, PowerState::Running);
        const Run n = runOn(pool, QStringLiteral("xen-xl"),
                            {QStringLiteral("xenstore-read"), QStringLiteral("/local/domain/%1/name").arg(old)});
        QCOMPARE(n.out, QByteArray("spare\n"));
        // Only a halted VM can take the id; a VM without a live domain cannot give one.
        QCOMPARE(pool.reuseDomid(QStringLiteral("xen-xl"), web, spare), -1);
    }

    void domainGuardInTheInProcessShell()
    {
        // SimHost runs the guard as the script does on a host (the same messages and exits).
        std::shared_ptr<SimLab> lab = SimLab::fromScenario(QStringLiteral("xl-host"));
        QVERIFY(lab);
        SimPool p = lab->pool().value();
        const QString web = uuidOf(p, "web");
        const int domid = p.host(QStringLiteral("xen-xl"))->domainOfVm(web)->domid;
        SimRunner runner(lab->store(), QStringLiteral("xen-xl"), lab->recordPath());
        auto guarded = [&](const QString& key, const QString& expected) {
            return QStringLiteral("/bin/sh -c 'exec \"$@\"' xenrescue-guard %1 %2 %3 xl destroy %1")
                .arg(domid)
                .arg(key, shellQuote(expected));
        };
        const SimRunner::Result other = runner.runShell(guarded(QStringLiteral("name"), QStringLiteral("spare")));
        QCOMPARE(other.exitCode, 97);
        QCOMPARE(other.err, QByteArray("xenrescue-guard: domain " + QByteArray::number(domid) +
                                       " is no longer spare (its name is now web): it was not touched\n"));
        QVERIFY(lab->pool()->host(QStringLiteral("xen-xl"))->domain(domid));
        const SimRunner::Result own = runner.runShell(guarded(QStringLiteral("vm"), QStringLiteral("/vm/") + web));
        QCOMPARE(own.exitCode, 0);
        QVERIFY(!lab->pool()->host(QStringLiteral("xen-xl"))->domain(domid));
        const SimRunner::Result gone = runner.runShell(guarded(QStringLiteral("vm"), QStringLiteral("/vm/") + web));
        QCOMPARE(gone.exitCode, 96);
        // Any other sh -c is refused: the lab runs no arbitrary script.
        QCOMPARE(runner.runShell(QStringLiteral("sh -c 'touch /tmp/x'")).exitCode, 2);
    }
    void everyScenarioBuildsAndRoundTrips()
    {
        for (const QString& name : SimPool::scenarioNames()) {
            const std::optional<SimPool> p = SimPool::fromScenario(name);
            QVERIFY2(p.has_value(), qPrintable(name));
            QVERIFY(!SimPool::scenarioDescription(name).isEmpty());
            const std::optional<SimPool> back = SimPool::fromJson(p->toJson());
            QVERIFY(back.has_value());
            QCOMPARE(back->toJson(), p->toJson());
        }
        QVERIFY(!SimPool::fromScenario(QStringLiteral("no-such")).has_value());
    }

    void stuckTaskBlocksForceUntilCancelled()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("hung-vm-stuck-task"));
        QVERIFY(lab);
        SimHost host(lab, QStringLiteral("xcp-hung"));
        QVERIFY(connectHost(host));
        const QString vm = uuidOf(*lab->pool(), "app-server");

        const CommandResult force =
            exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}));
        QCOMPARE(force.outcome, CommandOutcome::Finished);
        QCOMPARE(force.exitStatus, 1);
        QCOMPARE(xeError(force).code, QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));
        const QString taskRef = xeError(force).param(u"operation_ref");
        const QString task = XeError::parseObjectRef(taskRef).uuid;
        QVERIFY(!task.isEmpty());

        const CommandResult tasks = exec(
            host, xe({QStringLiteral("task-list"), QStringLiteral("status=pending"), QStringLiteral("--minimal")}));
        QCOMPARE(QString::fromUtf8(tasks.stdOut).trimmed(), task);
        // A clean shutdown is refused the same way while the task is there.
        QCOMPARE(xeError(exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("uuid=") + vm}))).code,
                 QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));

        QVERIFY(exec(host, xe({QStringLiteral("task-cancel"), QStringLiteral("uuid=") + task})).succeeded());
        QCOMPARE(param(exec(host, xe({QStringLiteral("task-list"), QStringLiteral("uuid=") + task,
                                      QStringLiteral("params=status")})),
                       "status"),
                 QStringLiteral("cancelled"));
        QVERIFY(exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}))
                    .succeeded());
        QCOMPARE(QString::fromUtf8(exec(host, xe({QStringLiteral("vm-param-get"), QStringLiteral("uuid=") + vm,
                                                  QStringLiteral("param-name=power-state")}))
                                       .stdOut),
                 QStringLiteral("halted\n"));
        QVERIFY(!hasDomain(host, vm));
        // The rescue left its traces in xensource.log.
        std::unique_ptr<RemoteFileOperation> tail(host.readTail(QStringLiteral("/var/log/xensource.log"), 4096));
        QVERIFY(QTest::qWaitFor([&]() { return tail->isFinished(); }, 5000));
        QVERIFY(tail->result().ok);
        QVERIFY(tail->result().data.contains("VM.hard_shutdown"));
    }

    void ignoredCleanShutdownBlocksUntilForced()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("lingering-domain"));
        SimHost host(lab, QStringLiteral("xcp-linger"));
        QVERIFY(connectHost(host));
        const QString vm = uuidOf(*lab->pool(), "file-server");
        // The guest ignores the request: xe waits on its task until the deadline.
        const CommandResult clean = exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("uuid=") + vm}), 600);
        QCOMPARE(clean.outcome, CommandOutcome::TimedOut);
        QCOMPARE(param(exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + vm,
                                      QStringLiteral("params=current-operations")})),
                       "current-operations"),
                 QStringLiteral("clean_shutdown"));
        // Hard shutdown cancels the pending clean shutdown and "succeeds"...
        QVERIFY(exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}))
                    .succeeded());
        QCOMPARE(param(exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + vm,
                                      QStringLiteral("params=power-state")})),
                       "power-state"),
                 QStringLiteral("halted"));
        // ...but the domain lingers as dying (null), held by a tapdisk.
        const auto d =
            DomainListParser::parseListDomains(exec(host, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        QVERIFY(d->byUuid(vm));
        QVERIFY(d->byUuid(vm)->state.dying);
        const CommandResult taps = exec(host, ShellCommand{QStringLiteral("tap-ctl"), {QStringLiteral("list")}});
        QVERIFY(taps.stdOut.startsWith("pid="));
        const QString pid = QString::fromUtf8(taps.stdOut).section(u' ', 0, 0).mid(4);
        QVERIFY(exec(host, ShellCommand{QStringLiteral("tap-ctl"),
                                        {QStringLiteral("destroy"), QStringLiteral("-p"), pid, QStringLiteral("-m"),
                                         QStringLiteral("1")}})
                    .succeeded());
        QVERIFY(!hasDomain(host, vm));
    }

    void wedgedXapiTimesOutUntilToolstackRestart()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("xapi-wedged"));
        SimHost host(lab, QStringLiteral("xcp-wedged"));
        QVERIFY(connectHost(host));
        const CommandResult hung = exec(host, xe({QStringLiteral("vm-list")}), 500);
        QCOMPARE(hung.outcome, CommandOutcome::TimedOut);
        QVERIFY(!hung.succeeded());
        QVERIFY(!hung.error.isEmpty());
        // The hypervisor view still answers.
        QVERIFY(exec(host, ShellCommand{QStringLiteral("list_domains"), {}}).succeeded());
        QVERIFY(exec(host, ShellCommand{QStringLiteral("xl"), {QStringLiteral("list")}}).succeeded());
        // Cancel ends a hung command too: once it is blocked in the lab, it stays unfinished.
        CommandRequest req;
        req.command = xe({QStringLiteral("host-list")}).toShell();
        req.timeoutMs = 60000;
        std::unique_ptr<RemoteCommand> c(host.run(req));
        QTRY_VERIFY_WITH_TIMEOUT(dispatched(*lab, "host-list"), 5000);
        QVERIFY(!c->isFinished());
        c->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(c->isFinished(), 5000);
        QCOMPARE(c->result().outcome, CommandOutcome::Cancelled);

        const CommandResult restart = exec(host, ShellCommand{QStringLiteral("xe-toolstack-restart"), {}});
        QVERIFY(restart.succeeded());
        QCOMPARE(restart.stdOut, QByteArray("Executing xe-toolstack-restart\ndone.\n"));
        const CommandResult ok = exec(host, xe({QStringLiteral("vm-list")}), 5000);
        QVERIFY(ok.succeeded());
        QCOMPARE(XeRecords::parse(ok.stdOut)->records.size(), 2);
    }

    void blockedXeFinishesWhenAnotherSessionRestartsTheToolstack()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("xapi-wedged"));
        SimHost a(lab, QStringLiteral("xcp-wedged"));
        SimHost b(lab, QStringLiteral("xcp-wedged"));
        QVERIFY(connectHost(a) && connectHost(b));
        CommandRequest req;
        req.command = xe({QStringLiteral("vm-list"), QStringLiteral("--minimal")}).toShell();
        req.timeoutMs = 30000;
        std::unique_ptr<RemoteCommand> waiting(a.run(req));
        // Blocked in the lab before the restart (the restart is dispatched after it).
        QTRY_VERIFY_WITH_TIMEOUT(dispatched(*lab, "vm-list"), 5000);
        QVERIFY(!waiting->isFinished());
        QVERIFY(exec(b, ShellCommand{QStringLiteral("xe-toolstack-restart"), {}}).succeeded());
        QTRY_VERIFY_WITH_TIMEOUT(waiting->isFinished(), 10000);
        QVERIFY(waiting->result().succeeded());
        QCOMPARE(waiting->result().stdOut.count(','), 1);
    }

    void resetPowerStateRefusals()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("dead-member"));
        SimHost master(lab, QStringLiteral("xcp-master"));
        QVERIFY(connectHost(master));
        SimHost dead(lab, QStringLiteral("xcp-member"));
        dead.connectToHost();
        QVERIFY(QTest::qWaitFor([&]() { return dead.state() == HostState::Failed; }, 5000));

        const QString mail = uuidOf(*lab->pool(), "mail-01");
        const QString proxy = uuidOf(*lab->pool(), "proxy");
        QCOMPARE(param(exec(master, xe({QStringLiteral("host-list"), QStringLiteral("name-label=xcp-member"),
                                        QStringLiteral("params=host-metrics-live")})),
                       "host-metrics-live"),
                 QStringLiteral("false"));
        // Operations needing the dead member fail; the reset is what is left, and allowed.
        QCOMPARE(xeError(exec(master, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                                          QStringLiteral("uuid=") + mail})))
                     .code,
                 QStringLiteral("HOST_OFFLINE"));
        QCOMPARE(
            xeError(exec(master, xe({QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + mail}))).kind,
            XeErrorKind::Client);
        QVERIFY(exec(master, xe({QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + mail,
                                 QStringLiteral("force=true")}))
                    .succeeded());
        QCOMPARE(param(exec(master, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + mail})), "power-state"),
                 QStringLiteral("halted"));
        // On the master itself the domain exists: DOMAIN_EXISTS until it is destroyed.
        const XeError exists = xeError(exec(master, xe({QStringLiteral("vm-reset-powerstate"),
                                                        QStringLiteral("uuid=") + proxy, QStringLiteral("--force")})));
        QCOMPARE(exists.code, QStringLiteral("DOMAIN_EXISTS"));
        QCOMPARE(exists.param(u"domid"), QStringLiteral("<unknown>"));
        const auto d =
            DomainListParser::parseListDomains(exec(master, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        const qint64 domid = d->byUuid(proxy)->id;
        QVERIFY(exec(master, ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QString::number(domid)}})
                    .succeeded());
        QVERIFY(exec(master, xe({QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + proxy,
                                 QStringLiteral("--force")}))
                    .succeeded());

        // HOST_IS_LIVE: a live member's VM.
        auto demo = SimLab::fromScenario(QStringLiteral("demo"));
        SimHost m(demo, QStringLiteral("xcp-lab-01"));
        QVERIFY(connectHost(m));
        const XeError live = xeError(
            exec(m, xe({QStringLiteral("vm-reset-powerstate"),
                        QStringLiteral("uuid=") + uuidOf(*demo->pool(), "monitoring"), QStringLiteral("--force")})));
        QCOMPARE(live.code, QStringLiteral("HOST_IS_LIVE"));
    }

    void guestDiesOnlyAfterNmi()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("crash-only"));
        SimHost host(lab, QStringLiteral("xcp-crash"));
        QVERIFY(connectHost(host));
        const QString vm = uuidOf(*lab->pool(), "win-app");
        const CommandResult force =
            exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}));
        QCOMPARE(xeError(force).code, QStringLiteral("INTERNAL_ERROR"));
        const CommandResult destroy =
            exec(host, ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QStringLiteral("1")}});
        QCOMPARE(destroy.exitStatus, 1);
        QVERIFY(destroy.stdErr.contains("libxl: error:"));
        QVERIFY(hasDomain(host, vm));
        QVERIFY(exec(host, ShellCommand{QStringLiteral("xl"),
                                        {QStringLiteral("trigger"), QStringLiteral("1"), QStringLiteral("nmi")}})
                    .succeeded());
        const auto crashed = DomainListParser::parseXlList(
            exec(host, ShellCommand{QStringLiteral("xl"), {QStringLiteral("list")}}).stdOut);
        QVERIFY(crashed->byId(1)->state.crashed);
        QVERIFY(exec(host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}))
                    .succeeded());
        QVERIFY(!hasDomain(host, vm));
    }

    void legacyToolsOn62()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("legacy-62"));
        SimHost host(lab, QStringLiteral("xs62-host"));
        QVERIFY(connectHost(host));
        const QString vm = uuidOf(*lab->pool(), "old-crm");
        QCOMPARE(exec(host, ShellCommand{QStringLiteral("command"), {QStringLiteral("-v"), QStringLiteral("xl")}})
                     .exitStatus,
                 1);
        QVERIFY(exec(host, ShellCommand{QStringLiteral("test"),
                                        {QStringLiteral("-x"), QStringLiteral("/opt/xensource/debug/xenops")}})
                    .succeeded());
        const CommandResult refused =
            exec(host, ShellCommand{QStringLiteral("/opt/xensource/debug/xenops"),
                                    {QStringLiteral("destroy_domain"), QStringLiteral("-domid"), QStringLiteral("1")}});
        QCOMPARE(refused.exitStatus, 2);
        QVERIFY(exec(host, ShellCommand{QStringLiteral("/usr/lib/xen/bin/crash_guest"), {QStringLiteral("1")}})
                    .succeeded());
        QVERIFY(
            exec(host, ShellCommand{QStringLiteral("/opt/xensource/debug/xenops"),
                                    {QStringLiteral("destroy_domain"), QStringLiteral("-domid"), QStringLiteral("1")}})
                .succeeded());
        QVERIFY(!hasDomain(host, vm));
        // xapi learns it from xenopsd: halted, even though the stuck task is still listed.
        QCOMPARE(param(exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + vm})), "power-state"),
                 QStringLiteral("halted"));
        const CommandResult inv =
            exec(host, ShellCommand{QStringLiteral("cat"), {QStringLiteral("/etc/xensource-inventory")}});
        QVERIFY(inv.stdOut.contains("PRODUCT_VERSION='6.2.0'"));
    }

    void xlAndXmHosts()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("xl-host"));
        SimHost host(lab, QStringLiteral("xen-xl"));
        QVERIFY(connectHost(host));
        const CommandResult noXe = exec(host, xe({QStringLiteral("vm-list")}));
        QCOMPARE(noXe.exitStatus, 127);
        const CommandResult wait =
            exec(host,
                 ShellCommand{QStringLiteral("xl"),
                              {QStringLiteral("shutdown"), QStringLiteral("-w"), QStringLiteral("web")}},
                 500);
        QCOMPARE(wait.outcome, CommandOutcome::TimedOut);
        QVERIFY(exec(host, ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QStringLiteral("web")}})
                    .succeeded());
        QVERIFY(exec(host,
                     ShellCommand{QStringLiteral("xl"),
                                  {QStringLiteral("shutdown"), QStringLiteral("-w"), QStringLiteral("win10")}},
                     5000)
                    .succeeded());
        const auto d = DomainListParser::parseXlList(
            exec(host, ShellCommand{QStringLiteral("xl"), {QStringLiteral("list")}}).stdOut);
        QCOMPARE(d->domains.size(), 1);

        auto xmLab = SimLab::fromScenario(QStringLiteral("xm-host"));
        SimHost xm(xmLab, QStringLiteral("xen-xm"));
        QVERIFY(connectHost(xm));
        QCOMPARE(
            exec(xm, ShellCommand{QStringLiteral("xm"), {QStringLiteral("destroy"), QStringLiteral("nope")}}).stdErr,
            QByteArray("Error: Domain 'nope' does not exist.\n"));
        QVERIFY(exec(xm, ShellCommand{QStringLiteral("xm"), {QStringLiteral("shutdown"), QStringLiteral("legacy-app")}})
                    .succeeded());
        QVERIFY(exec(xm, ShellCommand{QStringLiteral("xm"), {QStringLiteral("list"), QStringLiteral("legacy-app")}})
                    .succeeded());
        QVERIFY(exec(xm, ShellCommand{QStringLiteral("xm"), {QStringLiteral("destroy"), QStringLiteral("legacy-app")}})
                    .succeeded());
        QCOMPARE(exec(xm, ShellCommand{QStringLiteral("xm"), {QStringLiteral("list"), QStringLiteral("legacy-app")}})
                     .exitStatus,
                 1);
        std::unique_ptr<RemoteFileOperation> log(xm.readTail(QStringLiteral("/var/log/xen/xend.log"), 2000));
        QVERIFY(QTest::qWaitFor([&]() { return log->isFinished(); }, 5000));
        QVERIFY(log->result().data.contains("Domain destroyed: name=legacy-app"));
    }

    void hostileNamesAreNeverExecuted()
    {
        QFile::remove(QStringLiteral("/tmp/xr-pwned"));
        auto lab = SimLab::fromScenario(QStringLiteral("hostile-names"));
        SimHost host(lab, QStringLiteral("xcp-names"));
        QVERIFY(connectHost(host));
        const SimPool pool = lab->pool().value();
        for (const SimVm& vm : pool.vms) {
            if (vm.isControlDomain)
                continue;
            // Selecting by the hostile name, quoted by the product's shellQuote.
            const CommandResult r = exec(host, xe({QStringLiteral("vm-param-get"), QStringLiteral("uuid=") + vm.uuid,
                                                   QStringLiteral("param-name=name-label")}));
            QVERIFY(r.succeeded());
            QCOMPARE(QString::fromUtf8(r.stdOut), vm.nameLabel + u'\n');
            const CommandResult byName =
                exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("name-label=") + vm.nameLabel,
                               QStringLiteral("params=uuid"), QStringLiteral("--minimal")}));
            QCOMPARE(QString::fromUtf8(byName.stdOut).trimmed(), vm.uuid);
            const CommandResult log =
                exec(host, ShellCommand{QStringLiteral("logger"),
                                        {QStringLiteral("-t"), QStringLiteral("xenrescue"), vm.nameLabel}});
            QVERIFY(log.succeeded());
        }
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/xr-pwned")));
        // Unquoted expansions are refused, not run.
        QVERIFY(!SimShell::parse(QStringLiteral("xe vm-list $(touch /tmp/xr-pwned)")).has_value());
        QVERIFY(!SimShell::parse(QStringLiteral("xe vm-list `id`")).has_value());
        QVERIFY(!SimShell::parse(QStringLiteral("xe vm-list | sh")).has_value());
        const auto quoted =
            SimShell::parse(QStringLiteral("xe vm-list 'name-label=it'\\''s $(x)' && echo \"a\\\"b\" ; true"));
        QVERIFY(quoted.has_value());
        QCOMPARE(quoted->size(), 3);
        QCOMPARE(quoted->at(0).argv.last(), QStringLiteral("name-label=it's $(x)"));
        QCOMPARE(quoted->at(1).argv.last(), QStringLiteral("a\"b"));
        std::unique_ptr<RemoteFileOperation> syslog(host.readTail(QStringLiteral("/var/log/messages"), 4096));
        QVERIFY(QTest::qWaitFor([&]() { return syslog->isFinished(); }, 5000));
        QVERIFY(syslog->result().data.contains("xenrescue: two#012lines: fake ( RO): x\n"));
    }

    void connectionDrop()
    {
        SimPool pool = scenario("demo");
        pool.hosts[0].faults.dropConnectionAfter = 2;
        auto lab = SimLab::create(pool);
        SimHost host(lab, QStringLiteral("xcp-lab-01"));
        QVERIFY(connectHost(host));
        QVERIFY(exec(host, ShellCommand{QStringLiteral("true"), {}}).succeeded());
        QVERIFY(exec(host, ShellCommand{QStringLiteral("true"), {}}).succeeded());
        QCOMPARE(exec(host, ShellCommand{QStringLiteral("true"), {}}).outcome, CommandOutcome::ConnectionLost);
        QCOMPARE(host.state(), HostState::Lost);
        QCOMPARE(exec(host, ShellCommand{QStringLiteral("true"), {}}).outcome, CommandOutcome::Failed);
    }

    void domainGoneResyncsOnRestart()
    {
        auto lab = SimLab::fromScenario(QStringLiteral("domain-gone"));
        SimHost host(lab, QStringLiteral("xcp-ghost"));
        QVERIFY(connectHost(host));
        const QString vm = uuidOf(*lab->pool(), "ghost-vm");
        QCOMPARE(param(exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + vm})), "power-state"),
                 QStringLiteral("running"));
        QVERIFY(!hasDomain(host, vm));
        QVERIFY(exec(host, ShellCommand{QStringLiteral("xe-toolstack-restart"), {}}).succeeded());
        QCOMPARE(param(exec(host, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + vm})), "power-state"),
                 QStringLiteral("halted"));
        QVERIFY(exec(host, xe({QStringLiteral("vm-start"), QStringLiteral("uuid=") + vm})).succeeded());
        QVERIFY(hasDomain(host, vm));
    }
};

QTEST_GUILESS_MAIN(TestSimScenarios)
#include "tst_simscenarios.moc"
