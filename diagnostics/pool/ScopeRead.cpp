#include "ScopeRead.h"

#include "PoolState.h"

#include <QCoreApplication>

#include <algorithm>

namespace xr {

QList<ReadCommand> ScopeRead::plan(const ScopeRequest& request, const DiagnosisThresholds& thresholds)
{
    QList<ReadCommand> out;
    const ReadHost& source = request.xapiSource;
    const FlavourKind sourceKind = source.identity.flavour.kind;
    auto xe = [&](ReadKind kind, ShellCommand command) {
        out.append(ReadCommand{source.sessionId, kind, sourceKind, std::move(command), thresholds.xapiTimeoutMs});
    };
    const bool xapi = !source.sessionId.isEmpty() && source.identity.flavour.isXapi();
    if (xapi) {
        if (request.discoverPool) {
            xe(ReadKind::PoolList, HostProbe::poolListCommand(source.identity));
            xe(ReadKind::HostList, HostProbe::hostListCommand(source.identity));
        }
        if (request.readVms) {
            ShellCommand vmList = HostProbe::vmListCommand(source.identity);
            if (!request.vmUuid.isEmpty())
                vmList.args.append(QStringLiteral("uuid=") + request.vmUuid);
            xe(ReadKind::VmList, std::move(vmList));
            xe(ReadKind::TaskList, HostProbe::taskListCommand(source.identity));
        }
        if (request.readHa && !request.poolUuid.isEmpty())
            xe(ReadKind::Ha, HostProbe::haCommand(source.identity, request.poolUuid));
        if (request.askHealth && !request.discoverPool && !request.readVms)
            xe(ReadKind::Health, HostProbe::healthCommand(source.identity));
    }
    for (const ReadHost& h : request.hypervisorHosts) {
        out.append(ReadCommand{h.sessionId, ReadKind::Hypervisor, h.identity.flavour.kind,
                               HostProbe::hypervisorCommand(h.identity), thresholds.hypervisorTimeoutMs});
    }
    return out;
}

ReadPiece ScopeRead::parse(const ReadCommand& command, const ReadAnswer& answer, const DiagnosisThresholds& thresholds)
{
    ReadPiece p;
    p.sessionId = command.sessionId;
    p.kind = command.kind;
    p.outcome = answer.outcome;
    p.succeeded = answer.succeeded();
    p.elapsedMs = answer.elapsedMs;
    if (command.kind != ReadKind::Hypervisor || command.flavour == FlavourKind::Xm)
        p.health = HostProbe::healthOf(answer, thresholds.xapiSlowMs, command.flavour);
    if (!p.succeeded) {
        p.error = !answer.error.isEmpty() ? answer.error : QString::fromUtf8(answer.stdErr.trimmed());
        if (answer.outcome == ReadOutcome::TimedOut && command.kind == ReadKind::VmList)
            p.error = QCoreApplication::translate("xr::RescueRun", "xe vm-list did not answer within %1 s.")
                          .arg(command.timeoutMs / 1000);
        return p;
    }
    switch (command.kind) {
    case ReadKind::Hypervisor:
        if (Result<DomainList> list = HostProbe::parseHypervisorListing(command.flavour, answer.stdOut))
            p.domains = std::move(list).value();
        else
            p.error = list.errorMessage();
        break;
    case ReadKind::VmList: {
        // A read of one VM (plan() adds uuid=): only that VM's record may be in it.
        QString onlyUuid;
        for (const QString& arg : command.command.args) {
            if (arg.startsWith(u"uuid="))
                onlyUuid = arg.mid(5);
        }
        p.vms = PoolState::parseVmList(answer.stdOut, onlyUuid);
        break;
    }
    case ReadKind::TaskList:
        p.tasks = PoolState::parseTaskList(answer.stdOut);
        break;
    case ReadKind::PoolList:
        p.pool = PoolState::parsePoolList(answer.stdOut);
        break;
    case ReadKind::HostList:
        p.hosts = PoolState::parseHostList(answer.stdOut);
        break;
    case ReadKind::Ha:
        p.haEnabled = answer.stdOut.trimmed() == "true";
        break;
    case ReadKind::Health:
        break;
    }
    return p;
}

void ScopeRead::add(ScopeSnapshot& s, ReadPiece p, const QDateTime& now)
{
    if (p.outcome == ReadOutcome::ConnectionLost && !s.lostSessions.contains(p.sessionId))
        s.lostSessions.append(p.sessionId);
    if (p.health) {
        s.health = s.health ? HostProbe::worse(*s.health, *p.health) : *p.health;
        if (*p.health == XapiHealth::Answering || *p.health == XapiHealth::Slow)
            s.xapiAnswered = true;
    }
    if (p.kind != ReadKind::Hypervisor && p.outcome == ReadOutcome::Finished)
        s.xapiMs = std::max(s.xapiMs, p.elapsedMs);
    switch (p.kind) {
    case ReadKind::Hypervisor: {
        HypervisorView& v = s.hypervisors[p.sessionId];
        if (p.domains) {
            v.valid = true;
            v.time = now;
            v.format = p.domains->format;
            v.domains = std::move(p.domains->domains);
            v.error.clear();
        } else {
            v.error = p.error;
        }
        break;
    }
    case ReadKind::VmList:
        if (p.vms) {
            s.xapi.valid = true;
            s.xapi.time = now;
            s.xapi.vms = std::move(*p.vms);
        } else if (!p.succeeded) {
            s.xapiNote = p.error;
        }
        break;
    case ReadKind::TaskList:
        if (p.tasks) {
            s.xapi.tasks = std::move(*p.tasks);
            s.tasksRead = true;
        }
        break;
    case ReadKind::PoolList:
        if (p.pool)
            s.pool = std::move(p.pool);
        break;
    case ReadKind::HostList:
        if (p.hosts)
            s.poolHosts = std::move(p.hosts);
        break;
    case ReadKind::Ha:
        if (p.haEnabled)
            s.haEnabled = p.haEnabled;
        break;
    case ReadKind::Health:
        break;
    }
}

void ScopeRead::addUnlistedMembers(QList<ScopeMember>& hosts, const QList<XapiHost>& members, FlavourKind flavour)
{
    for (const XapiHost& h : members) {
        const bool covered =
            std::any_of(hosts.begin(), hosts.end(), [&](const ScopeMember& m) { return m.xapiUuid == h.uuid; });
        if (covered || h.uuid.isEmpty())
            continue;
        ScopeMember m;
        m.hostId = h.uuid;
        m.xapiUuid = h.uuid;
        m.flavour = flavour;
        m.live = h.live;
        hosts.append(m);
    }
}

ScopeMerge ScopeRead::merge(const ScopeState& state)
{
    MergeInput input;
    input.scopeId = state.scopeId;
    input.xapi = state.xapi ? &*state.xapi : nullptr;
    input.xapiHealth = state.xapiHealth;
    input.xapiStale = state.xapiStale;
    input.now = state.now;
    input.stuckThresholdSeconds = state.stuckThresholdSeconds;
    input.operationFirstSeen = &state.operationFirstSeen;
    input.hosts.reserve(state.hosts.size());
    for (const ScopeMember& m : state.hosts) {
        MergeHost mh;
        mh.hostId = m.hostId;
        mh.xapiUuid = m.xapiUuid;
        mh.flavour = m.flavour;
        mh.hypervisor = m.hypervisor ? &*m.hypervisor : nullptr;
        mh.stale = m.stale;
        mh.live = m.live;
        input.hosts.append(mh);
    }
    ScopeMerge out;
    out.scopeId = state.scopeId;
    out.vms = PoolState::merge(input);
    out.operationFirstSeen = state.operationFirstSeen;
    PoolState::trackOperations(out.vms, state.now, out.operationFirstSeen);
    return out;
}

} // namespace xr
