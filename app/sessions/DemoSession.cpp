#include "DemoSession.h"

#include "ConnectionManager.h"
#include "SimHost.h"
#include "SimModel.h"

#include <QCoreApplication>

namespace xr {

DemoSession::DemoSession(ConnectionManager* connections, QObject* parent)
    : QObject(parent)
    , m_connections(connections)
{}

DemoSession::~DemoSession()
{
    // The hosts share the lab; they go with the manager or here, whichever comes first.
    if (isActive())
        removeLabHosts();
}

QStringList DemoSession::scenarioNames()
{
    return sim::SimPool::scenarioNames();
}

QString DemoSession::scenarioTitle(const QString& scenario)
{
    if (scenario == u"demo")
        return tr("A hung VM in a two-host pool");
    if (scenario == u"hung-vm-stuck-task")
        return tr("A stuck task blocks force shutdown");
    if (scenario == u"xapi-wedged")
        return tr("xapi no longer answers");
    if (scenario == u"lingering-domain")
        return tr("A domain that will not go away");
    if (scenario == u"domain-gone")
        return tr("xapi and the hypervisor disagree");
    if (scenario == u"crash-only")
        return tr("A guest that only dies after an NMI");
    if (scenario == u"dead-member")
        return tr("A dead pool member");
    if (scenario == u"legacy-62")
        return tr("A hung VM on XenServer 6.2");
    if (scenario == u"xl-host")
        return tr("Plain Xen with xl");
    if (scenario == u"xm-host")
        return tr("Legacy Xen with xm");
    if (scenario == u"hostile-names")
        return tr("VMs with hostile names");
    if (scenario == u"forged-records")
        return tr("A VM name that forges another VM");
    if (scenario == u"network-faults")
        return tr("Bridging mistakes");
    if (scenario == u"memory-faults")
        return tr("dom0 memory left to ballooning");
    return scenario;
}

QString DemoSession::scenarioDescription(const QString& scenario)
{
    if (scenario == u"demo")
        return tr("Two XCP-ng 8.2 hosts. The VM db-01 ignores shutdown, and a stuck clean-shutdown task blocks "
                  "forcing it.");
    if (scenario == u"hung-vm-stuck-task")
        return tr("One XCP-ng host. app-server ignores a clean shutdown, and its pending task blocks a forced "
                  "shutdown until the task is cancelled.");
    if (scenario == u"xapi-wedged")
        return tr("One XCP-ng host whose toolstack hangs: every xe command waits until the toolstack is "
                  "restarted.");
    if (scenario == u"lingering-domain")
        return tr("One XCP-ng host. Destroying file-server leaves a dying (null) domain that a tapdisk holds.");
    if (scenario == u"domain-gone")
        return tr("One XCP-ng host. xapi says ghost-vm is running, but the hypervisor has no domain for it.");
    if (scenario == u"crash-only")
        return tr("One XCP-ng host. win-app ignores every shutdown and only dies after a crash (NMI).");
    if (scenario == u"dead-member")
        return tr("Two XCP-ng hosts; the member is dead and cannot be reached, and its VM mail-01 still shows as "
                  "running.");
    if (scenario == u"legacy-62")
        return tr("One XenServer 6.2 host with a hung VM and the legacy tools (xenops destroy_domain, "
                  "crash_guest).");
    if (scenario == u"xl-host")
        return tr("Plain Xen 4.17 with the xl toolstack and no xapi; the guest web ignores xl shutdown.");
    if (scenario == u"xm-host")
        return tr("Legacy Xen 4.1 with xm and xend; the guest legacy-app ignores xm shutdown.");
    if (scenario == u"hostile-names")
        return tr("One XCP-ng host whose VM names hold quotes, $(), semicolons, new lines and non-ASCII text.");
    if (scenario == u"forged-records")
        return tr("A VM whose name prints a second, halted record with db-01's UUID, and two VMs both named "
                  "\"app\": XenRescue flags what it cannot tell apart, offers no action on it, and asks for the "
                  "UUID where a name is not unique.");
    if (scenario == u"network-faults")
        return tr("Plain Xen 4.17 (xl) host that trips every network check: a VM on a bridge with no uplink, an "
                  "empty bridge, anti-spoofing rules that bridged traffic bypasses, a vifname longer than 15 "
                  "characters, a guest without a fixed MAC. See the Network tab.");
    if (scenario == u"memory-faults")
        return tr("Legacy Xen 4.1 (xm) host with no dom0_mem on the boot line and dom0 ballooning on. See the Memory "
                  "tab, and try Change dom0 Memory.");
    return sim::SimPool::scenarioDescription(scenario);
}

DemoRequest DemoSession::parseArguments(const QStringList& arguments)
{
    DemoRequest request;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == u"--demo" || arg == u"-demo") {
            request.requested = true;
            const QString next = arguments.value(i + 1);
            if (!next.isEmpty() && !next.startsWith(u'-')) {
                request.scenario = next;
                ++i;
            }
        } else if (arg.startsWith(u"--demo=")) {
            request.requested = true;
            request.scenario = arg.mid(7);
        }
    }
    if (request.requested && !request.scenario.isEmpty() && !scenarioNames().contains(request.scenario)) {
        request.error = tr("Unknown practice scenario \"%1\". Scenarios: %2.")
                            .arg(request.scenario, scenarioNames().join(QStringLiteral(", ")));
    }
    return request;
}

std::optional<QString> DemoSession::startupScenario(const DemoRequest& request, bool anyHostSaved)
{
    if (request.requested && request.error.isEmpty())
        return request.scenario.isEmpty() ? defaultScenario() : request.scenario;
    if (!anyHostSaved)
        return defaultScenario();
    return std::nullopt;
}

Result<void> DemoSession::start(const QString& scenario)
{
    if (!scenarioNames().contains(scenario)) {
        return Result<void>::failure(tr("Unknown practice scenario \"%1\".").arg(scenario));
    }
    QString why;
    std::shared_ptr<sim::SimLab> lab = sim::SimLab::fromScenario(scenario, &why);
    const std::optional<sim::SimPool> pool = lab ? lab->pool() : std::nullopt;
    if (!pool) {
        return Result<void>::failure(tr("The lab pool could not be prepared: %1").arg(why));
    }

    const bool wasActive = isActive();
    if (wasActive)
        removeLabHosts();
    else
        m_connections->unloadHosts(); // the saved hosts leave the tree while the lab is shown
    m_lab = lab;
    m_scenario = scenario;

    // Master first, then the members in the pool's order: the same order as the real tree.
    QList<const sim::SimHostModel*> hosts;
    for (const sim::SimHostModel& h : pool->hosts)
        (h.uuid == pool->masterUuid ? hosts.prepend(&h) : hosts.append(&h));
    for (const sim::SimHostModel* h : std::as_const(hosts)) {
        auto* transport = new sim::SimHost(m_lab, h->name);
        const QString id = m_connections->addUnsavedHost(h->name, tr("lab host %1").arg(h->address), transport);
        m_hostIds.append(id);
    }
    for (const QString& id : std::as_const(m_hostIds))
        m_connections->connectHost(id);

    if (!wasActive)
        Q_EMIT activeChanged(true);
    Q_EMIT scenarioStarted(scenario);
    return Result<void>::success();
}

void DemoSession::stop()
{
    if (!isActive())
        return;
    removeLabHosts();
    m_lab.reset();
    m_scenario.clear();
    m_connections->loadInventory(false);
    Q_EMIT activeChanged(false);
}

void DemoSession::removeLabHosts()
{
    const QStringList ids = std::exchange(m_hostIds, {});
    for (const QString& id : ids)
        m_connections->removeHost(id);
}

} // namespace xr
