// The lab pool behind real OpenSSH sshd (tests/support/LabPool), reached with the product's
// plain transport (SshHost) exactly as a real pool: files at the real paths, state that moves
// as a real host's, the argv record, and many parallel sessions on one host.

#include "DomainGuard.h"
#include "DomainList.h"
#include "LabPool.h"
#include "LabSsh.h"
#include "ShellCommand.h"
#include "SimModel.h"
#include "SimStateStore.h"
#include "SshHost.h"
#include "XeError.h"
#include "XeRecords.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace xr;
using xr::test::LabPool;
using xr::test::LabPoolHost;
using xr::test::LabRecord;

namespace {

ShellCommand xe(QStringList args)
{
    return ShellCommand{QStringLiteral("xe"), std::move(args)};
}

QString param(const CommandResult& r, const char* name)
{
    const auto records = XeRecords::parse(r.stdOut);
    return records ? records->records.value(0).value(QString::fromLatin1(name)) : QString();
}

XeError xeError(const CommandResult& r)
{
    const auto e = XeError::parse(r.stdErr);
    return e ? e.value() : XeError{};
}

QByteArray readLocal(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString describe(const CommandResult& r)
{
    return QStringLiteral("outcome %1 exit %2 error '%3'\nstdout: %4\nstderr: %5")
        .arg(int(r.outcome))
        .arg(r.exitStatus)
        .arg(r.error, QString::fromUtf8(r.stdOut.left(2000)), QString::fromUtf8(r.stdErr.left(2000)));
}

} // namespace

class TestLabPool final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    std::unique_ptr<SshHost> connect(const LabPoolHost& h)
    {
        SshOptions o = xr::test::labOptions(h, m_tmp.filePath(QStringLiteral("app_known_hosts")));
        o.connectTimeoutMs = 10000;
        auto host = std::make_unique<SshHost>(xr::test::labEndpoint(h), o);
        host->connectToHost();
        if (!QTest::qWaitFor(
                [&] { return host->state() == HostState::Connected || host->state() == HostState::Failed; }, 20000) ||
            host->state() != HostState::Connected) {
            qWarning() << "connect to" << h.name << "failed:" << host->stateMessage();
            return nullptr;
        }
        return host;
    }

    static CommandResult exec(RemoteHost& host, const ShellCommand& cmd, int timeoutMs = 20000)
    {
        CommandRequest req;
        req.command = cmd.toShell();
        req.timeoutMs = timeoutMs;
        std::unique_ptr<RemoteCommand> c(host.run(req));
        QSignalSpy done(c.get(), &RemoteOperation::finished);
        if (!c->isFinished() && !done.wait(timeoutMs + 15000)) {
            CommandResult r;
            r.error = QStringLiteral("test: no finished() signal");
            return r;
        }
        return c->result();
    }

    static FileResult waitFile(RemoteFileOperation* raw)
    {
        std::unique_ptr<RemoteFileOperation> op(raw);
        QSignalSpy done(op.get(), &RemoteOperation::finished);
        if (!op->isFinished() && !done.wait(30000)) {
            FileResult r;
            r.error = QStringLiteral("test: no finished() signal");
            return r;
        }
        return op->result();
    }

    static QString vmUuid(const LabPool& pool, const QString& name)
    {
        const auto state = sim::SimStateStore(pool.statePath()).load();
        if (!state)
            return {};
        for (const sim::SimVm& vm : state->vms) {
            if (vm.nameLabel == name)
                return vm.uuid;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Never a silent skip: a machine without namespaces fails here with the reason.
        QString reason;
        QVERIFY2(LabPool::checkNamespaces(&reason), qPrintable(reason));
    }

    void startFailsWithAReason()
    {
        LabPool missing(m_tmp.filePath(QStringLiteral("no-such-labhost")));
        QVERIFY(!missing.start(QStringLiteral("demo")));
        QVERIFY2(missing.errorString().contains(QStringLiteral("xenrescue-labhost not found")),
                 qPrintable(missing.errorString()));
        QVERIFY(!missing.isRunning());

        LabPool unknown(QStringLiteral(XR_LABHOST));
        QVERIFY(!unknown.start(QStringLiteral("no-such-scenario")));
        QVERIFY2(unknown.errorString().contains(QStringLiteral("unknown scenario")), qPrintable(unknown.errorString()));
        QVERIFY(unknown.hosts().isEmpty());
    }

    void hostsHaveTheirFilesAtTheRealPaths()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("demo")), qPrintable(pool.errorString()));
        const QList<LabPoolHost> hosts = pool.hosts();
        QCOMPARE(hosts.size(), 2);
        QCOMPARE(hosts.at(0).name, QStringLiteral("xcp-lab-01"));
        QVERIFY(hosts.at(0).master);
        QVERIFY(!hosts.at(1).master);
        QVERIFY(hosts.at(0).port != hosts.at(1).port);
        QVERIFY(hosts.at(0).fingerprint != hosts.at(1).fingerprint);
        QVERIFY(hosts.at(0).fingerprint.startsWith(QStringLiteral("SHA256:")));
        QVERIFY(hosts.at(1).knownHostsLine.startsWith(QStringLiteral("[127.0.0.1]:%1 ").arg(hosts.at(1).port)));

        for (const LabPoolHost& h : hosts) {
            auto host = connect(h);
            QVERIFY(host);
            const QByteArray inventory = readLocal(h.hostRoot + QStringLiteral("/etc/xensource-inventory"));
            QVERIFY(inventory.contains("INSTALLATION_UUID="));
            const CommandResult cat =
                exec(*host, ShellCommand{QStringLiteral("cat"), {QStringLiteral("/etc/xensource-inventory")}});
            QVERIFY2(cat.succeeded(), qPrintable(describe(cat)));
            QCOMPARE(cat.stdOut, inventory);
            // A real shell and the machine's tools run too: only the host's folders are swapped.
            const CommandResult hostname =
                exec(*host, ShellCommand{QStringLiteral("cat"), {QStringLiteral("/etc/hostname")}});
            QCOMPARE(hostname.stdOut, h.name.toUtf8() + '\n');
            const CommandResult ls = exec(*host, ShellCommand{QStringLiteral("ls"), {QStringLiteral("/var/log")}});
            QVERIFY2(ls.succeeded(), qPrintable(describe(ls)));
            const QStringList logs = QString::fromUtf8(ls.stdOut).split(u'\n', Qt::SkipEmptyParts);
            QVERIFY2(logs.contains(QStringLiteral("xensource.log")) && logs.contains(QStringLiteral("SMlog")) &&
                         logs.contains(QStringLiteral("xensource.log.2.gz")),
                     ls.stdOut.constData());
            // Every program of the flavour at its real path, as the labhost; nothing else added.
            const CommandResult which =
                exec(*host, ShellCommand{QStringLiteral("sh"),
                                         {QStringLiteral("-c"),
                                          QStringLiteral("readlink /opt/xensource/bin/xe /usr/sbin/xl "
                                                         "/opt/xensource/libexec/xen-cmdline; command -v xm || "
                                                         "echo no-xm; test -e /usr/lib/xen/bin/crash_guest || echo "
                                                         "no-crash_guest")}});
            const QString labhost = QFileInfo(QStringLiteral(XR_LABHOST)).absoluteFilePath();
            QCOMPARE(QString::fromUtf8(which.stdOut),
                     QStringList({labhost, labhost, labhost, QStringLiteral("no-xm"), QStringLiteral("no-crash_guest")})
                             .join(u'\n') +
                         u'\n');

            // SFTP (internal-sftp runs in the namespace too).
            const QString log = QStringLiteral("/var/log/xensource.log");
            const QByteArray local = readLocal(h.hostRoot + log);
            const FileResult stat = waitFile(host->stat(log));
            QVERIFY2(stat.ok, qPrintable(stat.error));
            QCOMPARE(stat.info.size, qint64(local.size()));
            const FileResult tail = waitFile(host->readTail(log, 300));
            QVERIFY2(tail.ok, qPrintable(tail.error));
            QCOMPARE(tail.data, local.right(300));
        }
        // The machine's own /etc is untouched.
        QVERIFY(!QFile::exists(QStringLiteral("/etc/xensource-inventory")) ||
                readLocal(QStringLiteral("/etc/xensource-inventory")) !=
                    readLocal(hosts.at(0).hostRoot + QStringLiteral("/etc/xensource-inventory")));
        QVERIFY(!QFile::exists(QStringLiteral("/opt/xensource/bin/xe")));
    }

    void everyScenarioAnswersOverSsh()
    {
        for (const QString& scenario : sim::SimPool::scenarioNames()) {
            LabPool pool(QStringLiteral(XR_LABHOST));
            QVERIFY2(pool.start(scenario), qPrintable(scenario + QStringLiteral(": ") + pool.errorString()));
            for (const LabPoolHost& h : pool.hosts()) {
                if (!h.reachable) {
                    QCOMPARE(h.port, 0);
                    QCOMPARE(pool.harness(h.name), nullptr);
                    continue;
                }
                auto host = connect(h);
                QVERIFY2(host, qPrintable(scenario + u' ' + h.name));
                ShellCommand probe;
                if (h.flavour == u"xen-4.1-xm")
                    probe = ShellCommand{QStringLiteral("xm"), {QStringLiteral("list")}};
                else if (h.flavour == u"xen-4.17-xl" || scenario == u"xapi-wedged")
                    probe = ShellCommand{QStringLiteral("xl"), {QStringLiteral("list")}};
                else if (h.flavour == u"xenserver-6.2")
                    probe = ShellCommand{QStringLiteral("/opt/xensource/bin/list_domains"), {}};
                else
                    probe = xe({QStringLiteral("vm-list"), QStringLiteral("params=name-label,power-state")});
                // Every program of the flavour is at its real path; the flavour's /etc/xen file too.
                QProcess programs;
                programs.start(QStringLiteral(XR_LABHOST), {QStringLiteral("--programs"), h.flavour});
                QVERIFY(programs.waitForFinished(30000));
                const QStringList paths =
                    QString::fromUtf8(programs.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
                QVERIFY(!paths.isEmpty());
                QStringList tests;
                for (const QString& path : paths)
                    tests.append(QStringLiteral("test -x %1 || echo missing %1").arg(shellQuote(path)));
                const CommandResult present =
                    exec(*host, ShellCommand{QStringLiteral("sh"), {QStringLiteral("-c"), tests.join(u'\n')}});
                QVERIFY2(present.succeeded() && present.stdOut.isEmpty(), qPrintable(describe(present)));
                const QString xenConf = h.flavour == u"xen-4.17-xl"  ? QStringLiteral("/etc/xen/xl.conf")
                                        : h.flavour == u"xen-4.1-xm" ? QStringLiteral("/etc/xen/xend-config.sxp")
                                                                     : QString();
                if (!xenConf.isEmpty()) {
                    const QByteArray local = readLocal(h.hostRoot + xenConf);
                    QVERIFY(!local.isEmpty());
                    QCOMPARE(exec(*host, ShellCommand{QStringLiteral("cat"), {xenConf}}).stdOut, local);
                }

                const CommandResult r = exec(*host, probe);
                QVERIFY2(r.succeeded(),
                         qPrintable(scenario + QStringLiteral(" ") + h.name + QStringLiteral(": ") + describe(r)));
                QVERIFY(!r.stdOut.isEmpty());
                const QList<LabRecord> record = pool.record();
                QVERIFY(!record.isEmpty());
                QCOMPARE(record.last().host, h.name);
                QCOMPARE(record.last().argv, QStringList{probe.program} + probe.args);
            }
        }
    }

    void stuckTaskBlocksForceUntilCancelled()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("hung-vm-stuck-task")), qPrintable(pool.errorString()));
        auto host = connect(pool.hosts().first());
        QVERIFY(host);
        const QString vm = vmUuid(pool, QStringLiteral("app-server"));
        QVERIFY(!vm.isEmpty());

        const CommandResult force =
            exec(*host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}));
        QCOMPARE(force.outcome, CommandOutcome::Finished);
        QCOMPARE(force.exitStatus, 1);
        QCOMPARE(xeError(force).code, QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));
        const QString task = XeError::parseObjectRef(xeError(force).param(u"operation_ref")).uuid;
        QVERIFY(!task.isEmpty());
        // Still refused a second time: nothing changed by itself.
        QCOMPARE(xeError(exec(*host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                                         QStringLiteral("uuid=") + vm})))
                     .code,
                 QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));

        QVERIFY(exec(*host, xe({QStringLiteral("task-cancel"), QStringLiteral("uuid=") + task})).succeeded());
        const CommandResult ok =
            exec(*host, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + vm}));
        QVERIFY2(ok.succeeded(), qPrintable(describe(ok)));
        QCOMPARE(exec(*host, xe({QStringLiteral("vm-param-get"), QStringLiteral("uuid=") + vm,
                                 QStringLiteral("param-name=power-state")}))
                     .stdOut,
                 QByteArray("halted\n"));
        const auto domains =
            DomainListParser::parseListDomains(exec(*host, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        QVERIFY(domains.ok());
        QVERIFY(!domains->byUuid(vm));
        // The rescue shows in the host's log, read over SFTP at its real path.
        const FileResult tail = waitFile(host->readTail(QStringLiteral("/var/log/xensource.log"), 4096));
        QVERIFY2(tail.ok, qPrintable(tail.error));
        QVERIFY(tail.data.contains("VM.hard_shutdown"));
    }

    void wedgedXapiTimesOutUntilToolstackRestart()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("xapi-wedged")), qPrintable(pool.errorString()));
        const LabPoolHost h = pool.hosts().first();
        auto host = connect(h);
        QVERIFY(host);
        test::SshdHarness* sshd = pool.harness(h.name);
        QVERIFY(sshd);

        CommandRequest req;
        req.command = xe({QStringLiteral("vm-list")}).toShell();
        req.timeoutMs = 2500;
        std::unique_ptr<RemoteCommand> hung(host->run(req));
        // The blocked xe really runs on the lab host...
        QVERIFY(QTest::qWaitFor([&] { return !sshd->serverProcessesMatching(QStringLiteral("xe vm-list")).isEmpty(); },
                                2000));
        QVERIFY(QTest::qWaitFor([&] { return hung->isFinished(); }, 15000));
        QCOMPARE(hung->result().outcome, CommandOutcome::TimedOut);
        // ...and is gone once the transport gave up on it.
        QVERIFY(QTest::qWaitFor([&] { return sshd->serverProcessesMatching(QStringLiteral("xe vm-list")).isEmpty(); },
                                10000));
        // Again: still wedged, nothing healed by itself.
        QCOMPARE(exec(*host, xe({QStringLiteral("host-list")}), 1500).outcome, CommandOutcome::TimedOut);
        // The hypervisor still answers.
        QVERIFY(exec(*host, ShellCommand{QStringLiteral("list_domains"), {}}).succeeded());

        const CommandResult restart = exec(*host, ShellCommand{QStringLiteral("xe-toolstack-restart"), {}});
        QVERIFY2(restart.succeeded(), qPrintable(describe(restart)));
        QCOMPARE(restart.stdOut, QByteArray("Executing xe-toolstack-restart\ndone.\n"));
        const CommandResult ok = exec(*host, xe({QStringLiteral("vm-list")}), 10000);
        QVERIFY2(ok.succeeded(), qPrintable(describe(ok)));
        QCOMPARE(XeRecords::parse(ok.stdOut)->records.size(), 2);
    }

    void resetPowerStateNeedsTheDomainDestroyed()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("dead-member")), qPrintable(pool.errorString()));
        QVERIFY(!pool.host(QStringLiteral("xcp-member")).reachable);
        auto master = connect(pool.host(QStringLiteral("xcp-master")));
        QVERIFY(master);
        const QString mail = vmUuid(pool, QStringLiteral("mail-01"));
        const QString proxy = vmUuid(pool, QStringLiteral("proxy"));

        QCOMPARE(xeError(exec(*master, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"),
                                           QStringLiteral("uuid=") + mail})))
                     .code,
                 QStringLiteral("HOST_OFFLINE"));
        QVERIFY(exec(*master, xe({QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + mail,
                                  QStringLiteral("--force")}))
                    .succeeded());
        QCOMPARE(param(exec(*master, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + mail})), "power-state"),
                 QStringLiteral("halted"));

        // The domain still runs on the master: DOMAIN_EXISTS until `xl destroy` there.
        const CommandResult refused = exec(*master, xe({QStringLiteral("vm-reset-powerstate"),
                                                        QStringLiteral("uuid=") + proxy, QStringLiteral("--force")}));
        QCOMPARE(refused.exitStatus, 1);
        QCOMPARE(xeError(refused).code, QStringLiteral("DOMAIN_EXISTS"));
        const auto domains =
            DomainListParser::parseListDomains(exec(*master, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        QVERIFY(domains.ok() && domains->byUuid(proxy));
        const qint64 domid = domains->byUuid(proxy)->id;
        QVERIFY(exec(*master, ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QString::number(domid)}})
                    .succeeded());
        QVERIFY(exec(*master, xe({QStringLiteral("vm-reset-powerstate"), QStringLiteral("uuid=") + proxy,
                                  QStringLiteral("--force")}))
                    .succeeded());
        QCOMPARE(param(exec(*master, xe({QStringLiteral("vm-list"), QStringLiteral("uuid=") + proxy})), "power-state"),
                 QStringLiteral("halted"));
    }

    void xeOnAMemberForwardsToTheMaster()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("demo")), qPrintable(pool.errorString()));
        auto master = connect(pool.host(QStringLiteral("xcp-lab-01")));
        auto member = connect(pool.host(QStringLiteral("xcp-lab-02")));
        QVERIFY(master && member);
        const QString db = vmUuid(pool, QStringLiteral("db-01"));

        // The member's xe sees the whole pool; what it changes, the master sees.
        const CommandResult hosts = exec(*member, xe({QStringLiteral("host-list"), QStringLiteral("--minimal")}));
        QVERIFY2(hosts.succeeded(), qPrintable(describe(hosts)));
        QCOMPARE(hosts.stdOut.count(',') + 1, 2);
        const CommandResult force =
            exec(*member, xe({QStringLiteral("vm-shutdown"), QStringLiteral("--force"), QStringLiteral("uuid=") + db}));
        QCOMPARE(xeError(force).code, QStringLiteral("OTHER_OPERATION_IN_PROGRESS"));
        const QString task = XeError::parseObjectRef(xeError(force).param(u"operation_ref")).uuid;
        QVERIFY(exec(*member, xe({QStringLiteral("task-cancel"), QStringLiteral("uuid=") + task})).succeeded());
        QCOMPARE(param(exec(*master, xe({QStringLiteral("task-list"), QStringLiteral("uuid=") + task,
                                         QStringLiteral("params=status")})),
                       "status"),
                 QStringLiteral("cancelled"));
        const QList<LabRecord> record = pool.record();
        QVERIFY(record.size() >= 4);
        QCOMPARE(record.last().host, QStringLiteral("xcp-lab-01"));
        QCOMPARE(record.at(record.size() - 2).host, QStringLiteral("xcp-lab-02"));
    }

    void twentyParallelCommandsKeepTheStateConsistent()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("hung-vm-stuck-task")), qPrintable(pool.errorString()));
        auto host = connect(pool.hosts().first());
        QVERIFY(host);
        const QString vm = vmUuid(pool, QStringLiteral("healthy-vm"));
        sim::SimStateStore store(pool.statePath());
        const int before = store.load()->host(QStringLiteral("xcp-hung"))->commandCount;
        const qsizetype recordBefore = pool.record().size();

        // 20 force shutdowns of one VM at once on parallel channels: exactly one wins.
        std::vector<std::unique_ptr<RemoteCommand>> commands;
        for (int i = 0; i < 20; ++i) {
            CommandRequest req;
            req.command =
                xe({QStringLiteral("vm-shutdown"), QStringLiteral("uuid=") + vm, QStringLiteral("--force")}).toShell();
            req.timeoutMs = 60000;
            commands.emplace_back(host->run(req));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(commands.cbegin(), commands.cend(), [](const auto& c) { return c->isFinished(); });
            },
            90000));
        int won = 0;
        int refused = 0;
        for (const auto& c : commands) {
            const CommandResult r = c->result();
            QCOMPARE(r.outcome, CommandOutcome::Finished);
            if (r.exitStatus == 0)
                ++won;
            else if (xeError(r).code == u"VM_BAD_POWER_STATE")
                ++refused;
            else
                QFAIL(qPrintable(describe(r)));
        }
        QCOMPARE(won, 1);
        QCOMPARE(refused, 19);
        const auto after = store.load();
        QVERIFY(after);
        QCOMPARE(after->host(QStringLiteral("xcp-hung"))->commandCount, before + 20);
        QCOMPARE(after->vm(vm)->powerState, sim::PowerState::Halted);
        const QList<LabRecord> record = pool.record();
        QCOMPARE(record.size(), recordBefore + 20);
        QSet<qint64> pids;
        for (qsizetype i = recordBefore; i < record.size(); ++i)
            pids.insert(record.at(i).pid);
        QCOMPARE(pids.size(), 20);
    }

    void hostileNamesArriveAsOneArgument()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("hostile-names")), qPrintable(pool.errorString()));
        auto host = connect(pool.hosts().first());
        QVERIFY(host);
        QFile::remove(QStringLiteral("/tmp/xr-pwned"));
        const auto state = sim::SimStateStore(pool.statePath()).load();
        QVERIFY(state);
        int checked = 0;
        for (const sim::SimVm& vm : state->vms) {
            if (vm.isControlDomain)
                continue;
            const ShellCommand cmd = xe(
                {QStringLiteral("vm-list"), QStringLiteral("name-label=") + vm.nameLabel, QStringLiteral("--minimal")});
            const CommandResult r = exec(*host, cmd);
            QVERIFY2(r.succeeded(), qPrintable(describe(r)));
            QCOMPARE(QString::fromUtf8(r.stdOut).trimmed(), vm.uuid);
            const LabRecord last = pool.record().last();
            QCOMPARE(last.argv, (QStringList{QStringLiteral("xe")} + cmd.args));
            QCOMPARE(last.argv.size(), 4); // the hostile name is one element, whatever it holds
            ++checked;
        }
        QCOMPARE(checked, 6);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/xr-pwned")));
    }

    void domainGuardOnARealShell()
    {
        // The guard as sent by the product, run by the lab host's real sshd and /bin/sh, with
        // the real `timeout` and the lab's xenstore-read; the domain id changes hands first.
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("demo")), qPrintable(pool.errorString()));
        const QString h = QStringLiteral("xcp-lab-01");
        auto host = connect(pool.host(h));
        QVERIFY(host);
        const QString web = vmUuid(pool, QStringLiteral("web-01"));
        const QString agent = vmUuid(pool, QStringLiteral("build-agent"));
        const auto before =
            DomainListParser::parseListDomains(exec(*host, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        QVERIFY(before.ok() && before->byUuid(web));
        const qint64 domid = before->byUuid(web)->id;

        // What real hosts store: /local/domain/N/vm = /vm/<uuid>.
        const CommandResult vmPath = exec(
            *host, ShellCommand{QStringLiteral("xenstore-read"), {QStringLiteral("/local/domain/%1/vm").arg(domid)}});
        QVERIFY2(vmPath.succeeded(), qPrintable(describe(vmPath)));
        QCOMPARE(vmPath.stdOut, QByteArray("/vm/" + web.toUtf8() + '\n'));

        int reused = -1;
        QVERIFY(sim::SimStateStore(pool.statePath()).update([&](sim::SimPool& p) {
            reused = p.reuseDomid(h, web, agent);
            return reused >= 0;
        }));
        QCOMPARE(reused, int(domid));
        const qsizetype recorded = pool.record().size();
        const ShellCommand destroy =
            DomainGuard::wrap(ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QString::number(domid)}},
                              {domid, web, {}})
                .value();
        const CommandResult refused = exec(*host, destroy);
        QCOMPARE(refused.exitStatus, DomainGuard::ExitReused);
        QVERIFY2(refused.stdErr.startsWith("xenrescue-guard: domain " + QByteArray::number(domid) +
                                           " is no longer /vm/" + web.toUtf8()),
                 refused.stdErr.constData());
        QCOMPARE(DomainGuard::readRefusal(refused.exitStatus, refused.stdErr), DomainGuard::Refusal::Reused);
        // The host read xenstore and did nothing else.
        const QList<LabRecord> after = pool.record().mid(recorded);
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().argv.value(0).section(u'/', -1), QStringLiteral("xenstore-read"));
        const auto domains =
            DomainListParser::parseListDomains(exec(*host, ShellCommand{QStringLiteral("list_domains"), {}}).stdOut);
        QVERIFY(domains.ok() && domains->byUuid(agent) && domains->byUuid(agent)->id == domid);

        // For the VM that holds the id now, the same guard lets the action through.
        const ShellCommand rightOne =
            DomainGuard::wrap(ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QString::number(domid)}},
                              {domid, agent, {}})
                .value();
        QVERIFY2(exec(*host, rightOne).succeeded(), "the guard refused the domain's own VM");
        QVERIFY(LabPool::changesIn(pool.record().mid(recorded))
                    .contains(QStringList{QStringLiteral("xl"), QStringLiteral("destroy"), QString::number(domid)}));

        // A domain that is gone cannot be confirmed: refused.
        const CommandResult gone = exec(*host, destroy);
        QCOMPARE(gone.exitStatus, DomainGuard::ExitUnconfirmed);

        // A stuck xenstored: the read is killed after 5 s and the action never runs.
        QVERIFY(sim::SimStateStore(pool.statePath()).update([&](sim::SimPool& p) {
            p.host(h)->faults.xenstoredHung = true;
            return true;
        }));
        const qint64 webDomid = domains->byUuid(web)->id;
        const ShellCommand hung =
            DomainGuard::wrap(
                ShellCommand{QStringLiteral("xl"), {QStringLiteral("destroy"), QString::number(webDomid)}},
                {webDomid, web, {}})
                .value();
        const qsizetype beforeHang = pool.record().size();
        const CommandResult timedOut = exec(*host, hung, 30000);
        QCOMPARE(timedOut.exitStatus, DomainGuard::ExitXenstoreTimeout);
        QVERIFY(timedOut.stdErr.contains("xenstore did not answer within 5 s"));
        for (const QStringList& argv : LabPool::changesIn(pool.record().mid(beforeHang)))
            QVERIFY2(!argv.contains(QStringLiteral("destroy")), qPrintable(argv.join(u' ')));
    }

    void stopEndsEverything()
    {
        LabPool pool(QStringLiteral(XR_LABHOST));
        QVERIFY2(pool.start(QStringLiteral("xl-host")), qPrintable(pool.errorString()));
        const QString dir = pool.poolDir();
        const qint64 pid = pool.harness(pool.hosts().first().name)->sshdPid();
        QVERIFY(pid > 0);
        pool.stop();
        QVERIFY(!pool.isRunning());
        QVERIFY(!QFile::exists(dir));
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)) ||
                readLocal(QStringLiteral("/proc/%1/cmdline").arg(pid)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLabPool)
#include "tst_labpool.moc"
