// xenrescue-cli status [user@]host[:port] [--json] | --demo SCENARIO: one poll cycle of a
// host through HostSession, printed as a table or JSON.
#include "AppPaths.h"
#include "CliCommands.h"
#include "CliHost.h"
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "HostText.h"
#include "LadderJson.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "RescueRun.h"
#include "SimHost.h"
#include "SshHost.h"
#include "Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace xr {

namespace {

using cli::parseEndpoint;
using cli::readSecret;
using cli::stdinIsTerminal;

QJsonObject vmJson(const VmState& vm)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), vm.id);
    o.insert(QStringLiteral("uuid"), vm.uuid);
    o.insert(QStringLiteral("name"), vm.name);
    o.insert(QStringLiteral("host"), vm.hostId);
    o.insert(QStringLiteral("controlDomain"), vm.isControlDomain);
    o.insert(QStringLiteral("xapiRecord"), vm.hasXapi);
    o.insert(QStringLiteral("powerState"), PoolState::powerStateKey(vm.powerState));
    QJsonObject d;
    d.insert(QStringLiteral("presence"), vm.domain.isPresent()  ? QStringLiteral("present")
                                         : vm.domain.isAbsent() ? QStringLiteral("absent")
                                                                : QStringLiteral("unknown"));
    if (vm.domain.isPresent()) {
        d.insert(QStringLiteral("domid"), vm.domain.domid);
        d.insert(QStringLiteral("state"), vm.domain.state.toXlString());
        if (!vm.domain.name.isEmpty())
            d.insert(QStringLiteral("name"), vm.domain.name);
    }
    o.insert(QStringLiteral("domain"), d);
    QJsonArray problems;
    for (Disagreement f : PoolState::allDisagreements())
        if (vm.problems.testFlag(f))
            problems.append(PoolState::disagreementKey(f));
    o.insert(QStringLiteral("problems"), problems);
    o.insert(QStringLiteral("currentOperations"), QJsonArray::fromStringList(vm.currentOperations));
    if (vm.operationAgeSeconds >= 0)
        o.insert(QStringLiteral("operationAgeSeconds"), vm.operationAgeSeconds);
    QJsonArray tasks;
    for (const PendingTask& t : vm.tasks) {
        QJsonObject to;
        to.insert(QStringLiteral("uuid"), t.uuid);
        to.insert(QStringLiteral("name"), t.nameLabel);
        to.insert(QStringLiteral("ageSeconds"), t.ageSeconds);
        to.insert(QStringLiteral("cancellable"), t.cancellable);
        tasks.append(to);
    }
    o.insert(QStringLiteral("pendingTasks"), tasks);
    o.insert(QStringLiteral("stale"), vm.stale);
    return o;
}

void printTable(QTextStream& out, const QList<QStringList>& rows)
{
    QList<qsizetype> width;
    for (const QStringList& r : rows)
        for (qsizetype i = 0; i < r.size(); ++i) {
            if (width.size() <= i)
                width.append(0);
            width[i] = std::max(width[i], r[i].size());
        }
    for (QStringList r : rows) {
        for (QString& cell : r)
            cell = visibleText(cell); // host text: shown, never obeyed (idempotent)
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i)
            line += i + 1 < r.size() ? r[i].leftJustified(width[i] + 2) : r[i]; // cells are visibleText()
        out << line.trimmed() << '\n';
    }
}

} // namespace

namespace {

/// `plan`: finds the VM, diagnoses it with RescueRun (reads only) and prints the ladder.
int printPlan(CliDispatcher::Context& context, bool json, Workspace& workspace, const QString& hostId,
              const QString& vmArg, int timeoutMs)
{
    PoolMonitor& monitor = *workspace.monitor();
    HostSession* session = monitor.session(hostId);
    RemoteHost* transport = workspace.connections()->host(hostId);
    QString scopeId =
        session->pool().isKnown() ? PoolMonitor::poolModelId(session->pool().uuid) : monitor.hostModelId(hostId);
    QList<const VmState*> matches;
    const QList<VmState> vms = monitor.vms(scopeId);
    for (const VmState& vm : vms) {
        if (vm.uuid.compare(vmArg, Qt::CaseInsensitive) == 0 || vm.name == vmArg ||
            (vm.domain.isPresent() && QString::number(vm.domain.domid) == vmArg))
            matches.append(&vm);
    }
    if (matches.size() != 1) {
        context.err << (matches.isEmpty()
                            ? QCoreApplication::translate("cli", "xenrescue-cli plan: no VM \"%1\" on %2.")
                            : QCoreApplication::translate("cli",
                                                          "xenrescue-cli plan: \"%1\" names several VMs on %2: give "
                                                          "its UUID."))
                           .arg(visibleText(vmArg), transport->displayName())
                    << '\n';
        return 1;
    }
    // The same core as the app: the rescue's reads go through the command gateway.
    const std::unique_ptr<RescueRun> owned(workspace.createRescue(matches.first()->id));
    RescueRun& run = *owned;
    RescueRun::Options options;
    options.diagnosisTimeoutMs = timeoutMs;
    run.setOptions(options);
    QEventLoop loop;
    QObject::connect(&run, &RescueRun::diagnosed, &loop, &QEventLoop::quit);
    QObject::connect(&run, &RescueRun::phaseChanged, &loop, [&](RescueRun::Phase p) {
        if (p == RescueRun::Phase::Failed || p == RescueRun::Phase::ConnectionLost)
            loop.quit();
    });
    run.diagnose();
    if (run.phase() == RescueRun::Phase::Diagnosing)
        loop.exec();
    if (!run.hasLadder() || run.phase() != RescueRun::Phase::Ready) {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli plan: the diagnosis failed: %1")
                           .arg(run.errorMessage().isEmpty()
                                    ? RescueRun::outcomeText(RescueRun::Outcome::ConnectionLost)
                                    : visibleText(run.errorMessage()))
                    << '\n';
        return 1;
    }
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("host"), transport->displayName());
        o.insert(QStringLiteral("situation"), LadderJson::toJson(run.situation()));
        o.insert(QStringLiteral("ladder"), LadderJson::toJson(run.ladder()));
        context.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    } else {
        printLadderText(run.ladder(), context.out);
    }
    return 0;
}

int runHostCommand(CliDispatcher::Context& context, bool plan)
{
    QCommandLineParser parser;
    const QString name = plan ? QStringLiteral("plan") : QStringLiteral("status");
    if (plan) {
        parser.setApplicationDescription(QCoreApplication::translate(
            "cli", "Connect to a host, diagnose one VM afresh (both views of its state, pending tasks, xapi health) "
                   "and print its recovery ladder: every rung with its risk, whether it applies now and why not, the "
                   "exact commands and where they run. A dry run: only reads are sent, nothing is changed."));
    } else {
        parser.setApplicationDescription(QCoreApplication::translate(
            "cli", "Connect to a host, run one poll cycle and print its flavour, version, xapi health and every VM "
                   "with both views of its state (xapi's record and the hypervisor's domain) and where they "
                   "disagree."));
    }
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("host"),
        QCoreApplication::translate("cli", "[user@]host[:port]; with --demo, a lab host name."));
    if (plan)
        parser.addPositionalArgument(QStringLiteral("vm"),
                                     QCoreApplication::translate("cli", "The VM: its name, UUID or domain id."));
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("cli", "Print JSON."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("cli", "Use the simulated lab pool SCENARIO instead of SSH."),
        QStringLiteral("SCENARIO"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QCoreApplication::translate("cli", "Seconds to wait for each xapi command (default 10)."), QStringLiteral("S"),
        QStringLiteral("10"));
    parser.addOptions({json, demo, timeout});
    if (!parser.parse(context.arguments)) {
        context.err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    QStringList positional = parser.positionalArguments();
    QString vmArg;
    if (plan) {
        if (positional.isEmpty() || positional.size() > 2 || (positional.size() == 1 && !parser.isSet(demo))) {
            context.err << QCoreApplication::translate(
                               "cli", "xenrescue-cli plan: give a host ([user@]host[:port]) and a VM, or --demo "
                                      "SCENARIO [HOST] VM.")
                        << '\n';
            return 2;
        }
        vmArg = positional.takeLast();
    }
    if (positional.size() > 1 || (positional.isEmpty() && !parser.isSet(demo))) {
        context.err << QCoreApplication::translate(
                           "cli", "xenrescue-cli status: give one host ([user@]host[:port]) or --demo SCENARIO.")
                    << '\n';
        return 2;
    }
    bool ok = false;
    const double timeoutSeconds = parser.value(timeout).toDouble(&ok);
    if (!ok || timeoutSeconds <= 0) {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli status: --timeout takes a number of seconds.")
                    << '\n';
        return 2;
    }

    RemoteHost* transport = nullptr; // owned by the workspace once added
    std::shared_ptr<sim::SimLab> lab;
    SshHost* ssh = nullptr;
    // The lab's workspace keeps its settings and audit log in a folder of its own: nothing of
    // a practice run reaches the real ones.
    QTemporaryDir labDir;
    std::optional<AppPaths> paths;
    if (parser.isSet(demo)) {
        QString error;
        lab = sim::SimLab::fromScenario(parser.value(demo), &error);
        if (!lab) {
            context.err << QCoreApplication::translate("cli", "xenrescue-cli status: unknown scenario \"%1\" (%2).")
                               .arg(parser.value(demo), sim::SimPool::scenarioNames().join(QStringLiteral(", ")))
                        << '\n';
            return 2;
        }
        QString hostName = positional.value(0);
        if (hostName.isEmpty()) {
            std::optional<sim::SimPool> pool = lab->pool();
            hostName = pool && pool->master() ? pool->master()->name : lab->hostNames().value(0);
        }
        if (!lab->hostNames().contains(hostName)) {
            context.err << QCoreApplication::translate("cli",
                                                       "xenrescue-cli status: the scenario has no host \"%1\" (%2).")
                               .arg(hostName, lab->hostNames().join(QStringLiteral(", ")))
                        << '\n';
            return 2;
        }
        transport = new sim::SimHost(lab, hostName);
        paths.emplace(labDir.filePath(QStringLiteral("data")), labDir.filePath(QStringLiteral("config")),
                      labDir.filePath(QStringLiteral("ssh")));
    } else {
        const std::optional<SshEndpoint> endpoint = parseEndpoint(positional.first());
        if (!endpoint) {
            context.err << QCoreApplication::translate("cli", "xenrescue-cli status: \"%1\" is not [user@]host[:port].")
                               .arg(positional.first())
                        << '\n';
            return 2;
        }
        paths.emplace(AppPaths::standard());
        paths->ensureDirectories();
        SshEndpoint e = *endpoint;
        e.sshConfigFile = paths->userSshConfigFile();
        // The app's known_hosts and ~/.ssh/known_hosts (read only) and the keychain: the
        // same trust as the desktop app. Real commands are audited like the app's.
        ssh = new SshHost(e, paths->sshOptions());
        transport = ssh;
    }

    Workspace workspace(*paths);
    PoolMonitor& monitor = *workspace.monitor();
    HostSession::Options options;
    options.autoPoll = false;
    options.xapiTimeoutMs = int(timeoutSeconds * 1000);
    options.hypervisorTimeoutMs = int(timeoutSeconds * 1000);
    monitor.setSessionOptions(options);

    QEventLoop loop;
    int exitCode = -1;
    auto finish = [&](int code) {
        if (exitCode < 0) {
            exitCode = code;
            loop.quit();
        }
    };
    if (ssh) {
        cli::answerSshPrompts(ssh, &loop, context, finish);
    }
    QObject::connect(transport, &RemoteHost::stateChanged, &loop, [&](HostState state, const QString& message) {
        if (state == HostState::Failed || state == HostState::Lost) {
            context.err << QCoreApplication::translate("cli", "xenrescue-cli status: %1: %2")
                               .arg(visibleText(transport->displayName()), visibleText(message))
                        << '\n';
            finish(1);
        }
    });
    // A lab host is never audited; a real one is, like the app's hosts (but not saved).
    const QString hostId =
        lab ? workspace.connections()->addUnsavedHost(transport->displayName(), transport->displayName(), transport)
            : workspace.connections()->addTransientHost(transport->displayName(), transport->displayName(), transport);
    HostSession* session = monitor.session(hostId);
    QObject::connect(session, &HostSession::stateChanged, &loop, [&](HostSession::State s) {
        if (s == HostSession::State::Failed) {
            context.err << QCoreApplication::translate("cli", "xenrescue-cli status: %1")
                               .arg(visibleText(session->errorMessage()))
                        << '\n';
            finish(1);
        }
    });
    QObject::connect(session, &HostSession::cycleFinished, &loop, [&] { finish(0); });
    const auto auditWarning = [&](const QString& message) {
        context.err
            << QCoreApplication::translate("cli", "Warning: the audit log could not be written: %1").arg(message)
            << '\n';
    };
    QObject::connect(&monitor, &PoolMonitor::auditFailed, &loop, auditWarning);
    QObject::connect(workspace.gateway(), &CommandGateway::auditFailed, &loop, auditWarning);
    QTimer::singleShot(int(timeoutSeconds * 1000) * 3 + 30000, &loop, [&] {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli status: no answer in time.") << '\n';
        finish(1);
    });
    transport->connectToHost();
    loop.exec();
    if (exitCode != 0) {
        transport->disconnectFromHost();
        return exitCode;
    }
    monitor.refresh();
    if (plan) {
        const int code = printPlan(context, parser.isSet(json), workspace, hostId, vmArg, int(timeoutSeconds * 1000));
        transport->disconnectFromHost();
        return code;
    }

    const HostIdentity& id = session->identity();
    const QString scope = monitor.hostModelId(hostId);
    QString scopeId = session->pool().isKnown() ? PoolMonitor::poolModelId(session->pool().uuid) : scope;
    QList<VmState> vms = monitor.vms(scopeId);
    std::stable_sort(vms.begin(), vms.end(), [](const VmState& a, const VmState& b) {
        if (a.isControlDomain != b.isControlDomain)
            return a.isControlDomain;
        return PoolTreeModel::vmDisplayName(a).localeAwareCompare(PoolTreeModel::vmDisplayName(b)) < 0;
    });
    QHash<QString, QString> hostNames;
    for (const XapiHost& h : session->poolHosts())
        hostNames.insert(h.uuid, h.name);
    hostNames.insert(scope, id.hostname);
    QString masterName = hostNames.value(session->pool().masterUuid);

    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QStringLiteral("host"), transport->displayName());
        o.insert(QStringLiteral("hostname"), id.hostname);
        o.insert(QStringLiteral("uuid"), id.uuid);
        o.insert(QStringLiteral("flavour"), HostFlavour::kindName(id.flavour.kind));
        o.insert(QStringLiteral("flavourText"), id.flavour.displayName());
        o.insert(QStringLiteral("productBrand"), id.flavour.productBrand);
        o.insert(QStringLiteral("productVersion"), id.flavour.productVersion);
        o.insert(QStringLiteral("xenVersion"), id.xenVersion);
        QJsonArray tools;
        for (HostTool t : HostTools::all())
            if (id.tools.has(t))
                tools.append(HostTools::name(t));
        o.insert(QStringLiteral("tools"), tools);
        if (id.flavour.kind != FlavourKind::Xl) {
            o.insert(QStringLiteral("xapiHealth"), PoolState::healthKey(session->xapiHealth()));
            o.insert(QStringLiteral("xapiMs"), session->lastXapiMs());
        }
        if (session->pool().isKnown()) {
            QJsonObject pool;
            pool.insert(QStringLiteral("uuid"), session->pool().uuid);
            pool.insert(QStringLiteral("name"), session->pool().name);
            pool.insert(QStringLiteral("master"), session->pool().masterUuid);
            pool.insert(QStringLiteral("isMaster"), session->isPoolMaster());
            QJsonArray members;
            for (const XapiHost& h : session->poolHosts()) {
                QJsonObject m;
                m.insert(QStringLiteral("uuid"), h.uuid);
                m.insert(QStringLiteral("name"), h.name);
                m.insert(QStringLiteral("address"), h.address);
                m.insert(QStringLiteral("enabled"), h.enabled);
                m.insert(QStringLiteral("live"), h.live);
                members.append(m);
            }
            pool.insert(QStringLiteral("members"), members);
            o.insert(QStringLiteral("pool"), pool);
        }
        QJsonArray list;
        for (const VmState& vm : std::as_const(vms))
            list.append(vmJson(vm));
        o.insert(QStringLiteral("vms"), list);
        context.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    } else {
        QTextStream& out = context.out;
        out << QCoreApplication::translate("cli", "Host:     %1 (%2)")
                   .arg(visibleText(id.hostname), transport->displayName())
            << '\n';
        out << QCoreApplication::translate("cli", "Flavour:  %1").arg(id.flavour.displayName()) << '\n';
        if (!id.xenVersion.isEmpty())
            out << QCoreApplication::translate("cli", "Xen:      %1").arg(id.xenVersion) << '\n';
        if (session->pool().isKnown())
            out << QCoreApplication::translate("cli", "Pool:     %1 (master: %2, %3 hosts)")
                       .arg(visibleText(session->pool().name), visibleText(masterName))
                       .arg(session->poolHosts().size())
                << '\n';
        if (id.flavour.kind != FlavourKind::Xl) {
            QString health = PoolState::healthText(session->xapiHealth());
            if (session->xapiHealth() == XapiHealth::NotAnswering || session->xapiHealth() == XapiHealth::Refused)
                health +=
                    QStringLiteral(" - ") + QCoreApplication::translate("cli", "showing what the hypervisor runs");
            out << (id.flavour.kind == FlavourKind::Xm ? QCoreApplication::translate("cli", "xend:     %1")
                                                       : QCoreApplication::translate("cli", "xapi:     %1"))
                       .arg(health)
                << '\n';
        }
        out << '\n';
        QList<QStringList> rows;
        rows << QStringList{QCoreApplication::translate("cli", "NAME"), QCoreApplication::translate("cli", "UUID"),
                            QCoreApplication::translate("cli", "XAPI"), QCoreApplication::translate("cli", "DOMAIN"),
                            QCoreApplication::translate("cli", "HOST"), QCoreApplication::translate("cli", "PROBLEMS")};
        for (const VmState& vm : std::as_const(vms)) {
            QString name = visibleText(PoolTreeModel::vmDisplayName(vm));
            if (vm.isControlDomain)
                name += QStringLiteral(" *");
            rows << QStringList{
                name,
                vm.uuid.isEmpty() ? QStringLiteral("-") : vm.uuid,
                vm.hasXapi ? PoolState::powerStateKey(vm.powerState) : QStringLiteral("-"),
                PoolState::domainText(vm.domain),
                visibleText(hostNames.value(vm.hostId, vm.hostId.isEmpty() ? QStringLiteral("-") : vm.hostId)),
                PoolTreeModel::problemText(vm).isEmpty() ? QStringLiteral("-") : PoolTreeModel::problemText(vm)};
        }
        printTable(out, rows);
        if (std::any_of(vms.begin(), vms.end(), [](const VmState& v) { return v.isControlDomain; }))
            out << '\n' << QCoreApplication::translate("cli", "* control domain") << '\n';
    }
    transport->disconnectFromHost();
    return 0;
}

} // namespace

int runStatusCommand(CliDispatcher::Context& context)
{
    return runHostCommand(context, false);
}

int runPlanCommand(CliDispatcher::Context& context)
{
    return runHostCommand(context, true);
}

} // namespace xr
