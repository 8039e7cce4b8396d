// The one reader of a scope, without I/O: the probe's parser, xapi's health from one answer,
// the plan of a poll and of a rescue's diagnosis, parsing answers into a snapshot, and the
// per-VM merge of both views with its problems and thresholds.
#include "DiagnosisThresholds.h"
#include "HostProbe.h"
#include "PoolState.h"
#include "SampleData.h"
#include "ScopeRead.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {

const QString kVm = u"7e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001"_s;
const QString kHost = u"a1b2c3d4-0000-4000-8000-000000000001"_s;

QByteArray xcpProbe()
{
    return "PRODUCT_BRAND='XCP-ng'\nPRODUCT_VERSION='8.2.1'\nINSTALLATION_UUID='" + kHost.toUtf8() +
           "'\nCONTROL_DOMAIN_UUID='c0000000-0000-4000-8000-000000000000'\nXEN_VERSION='4.13.5'\n"
           "@@xr-tools\n/opt/xensource/bin/xe\n/opt/xensource/bin/list_domains\n/usr/sbin/xl\n"
           "/opt/xensource/bin/xe-toolstack-restart\n@@xr-host\nxcp-01\n";
}

ReadAnswer finished(int exit, qint64 ms, QByteArray out = {}, QByteArray err = {})
{
    ReadAnswer a;
    a.outcome = ReadOutcome::Finished;
    a.exitStatus = exit;
    a.elapsedMs = ms;
    a.stdOut = std::move(out);
    a.stdErr = std::move(err);
    return a;
}

HypervisorView listing(const QList<Domain>& domains)
{
    HypervisorView v;
    v.valid = true;
    v.format = DomainListFormat::ListDomains;
    v.domains = domains;
    return v;
}

Domain domain(qint64 id, const QString& uuid, bool dying = false)
{
    Domain d;
    d.id = id;
    d.uuid = uuid;
    d.state.blocked = !dying;
    d.state.dying = dying;
    return d;
}

XapiVm xapiVm(XapiPowerState power, QStringList ops = {})
{
    XapiVm v;
    v.uuid = kVm;
    v.name = u"app"_s;
    v.powerState = power;
    v.residentOn = power == XapiPowerState::Running ? kHost : QString();
    v.currentOperations = std::move(ops);
    return v;
}

ScopeState poolOf(const XapiVm& vm, std::optional<HypervisorView> hv)
{
    ScopeState s;
    s.scopeId = u"pool:p"_s;
    XapiView x;
    x.valid = true;
    x.vms = {vm};
    s.xapi = x;
    s.now = QDateTime::currentDateTimeUtc();
    ScopeMember m;
    m.hostId = kHost;
    m.xapiUuid = kHost;
    m.hypervisor = std::move(hv);
    s.hosts = {m};
    return s;
}

// The ralph-test listing where the Transfer VM's name prints a whole record claiming win2k8's
// UUID (halted, no memory) between its own record and win2k8's real one.
QByteArray forgedListing()
{
    QByteArray text = xrtest::readSample("xe-vm-list-params__ralph-test-xen.txt");
    text.replace("Transfer VM for VDI 07f1cca1-056d-4694-879e-adcb2ed989e1",
                 "Transfer VM\n"
                 "      power-state ( RO): halted\n"
                 "    memory-actual ( RO): 0\n"
                 "     VCPUs-number ( RO): 1\n\n\n"
                 "uuid ( RO)             : c98c2e2b-a8cf-fe0a-a3c3-2e492c541ef9\n"
                 "       name-label ( RW): win2k8");
    return text;
}

const VmState* find(const ScopeMerge& m, const QString& id)
{
    for (const VmState& v : m.vms)
        if (v.id == id)
            return &v;
    return nullptr;
}

} // namespace

class TestScopeRead final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probeReadsIdentity()
    {
        QString error;
        const std::optional<HostIdentity> id = HostProbe::parseProbe(xcpProbe(), &error);
        QVERIFY2(id, qPrintable(error));
        QVERIFY(id->flavour.isXapi());
        QCOMPARE(id->uuid, kHost);
        QCOMPARE(id->hostname, u"xcp-01"_s);
        QCOMPARE(id->xenVersion, u"4.13.5"_s);
        QCOMPARE(id->toolPaths.value(u"xe"_s), u"/opt/xensource/bin/xe"_s);
        // The read commands use the paths the probe found.
        QCOMPARE(HostProbe::hypervisorCommand(*id).program, u"/opt/xensource/bin/list_domains"_s);
        QCOMPARE(HostProbe::vmListCommand(*id).program, u"/opt/xensource/bin/xe"_s);
    }

    void probeOnXlHost()
    {
        const std::optional<HostIdentity> id = HostProbe::parseProbe("@@xr-tools\n/usr/sbin/xl\n@@xr-host\nbox\n");
        QVERIFY(id);
        QCOMPARE(id->flavour.kind, FlavourKind::Xl);
        QVERIFY(id->uuid.isEmpty());
        QCOMPARE(HostProbe::hypervisorCommand(*id).toShell(), u"/usr/sbin/xl list"_s);
        QCOMPARE(HostProbe::infoCommand(*id).toShell(), u"/usr/sbin/xl info"_s);
    }

    void probeRefusesWhatIsNotXen()
    {
        QString error;
        QVERIFY(!HostProbe::parseProbe("@@xr-tools\n@@xr-host\nbox\n", &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!HostProbe::parseProbe("", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!HostProbe::parseProbe(xrtest::binaryNoise(4096)));
        // Names without a slash are builtins or functions, not programs.
        QVERIFY(!HostProbe::parseProbe("@@xr-tools\nxe\nxl\n@@xr-host\nbox\n"));
    }

    void healthFromOneAnswer()
    {
        const int slow = DiagnosisThresholds{}.xapiSlowMs;
        const FlavourKind xapi = FlavourKind::XapiModern;
        QCOMPARE(HostProbe::healthOf(finished(0, 10), slow, xapi), XapiHealth::Answering);
        QCOMPARE(HostProbe::healthOf(finished(0, slow + 1), slow, xapi), XapiHealth::Slow);
        ReadAnswer timedOut;
        timedOut.outcome = ReadOutcome::TimedOut;
        QCOMPARE(HostProbe::healthOf(timedOut, slow, xapi), XapiHealth::NotAnswering);
        ReadAnswer lost;
        lost.outcome = ReadOutcome::ConnectionLost;
        QCOMPARE(HostProbe::healthOf(lost, slow, xapi), std::nullopt);
        QCOMPARE(HostProbe::healthOf(ReadAnswer{}, slow, xapi), std::nullopt);
        const QByteArray lostConnection = xrtest::readSample("xe-error-lost-connection__xcpng-issue-228.txt");
        QVERIFY(!lostConnection.isEmpty());
        QCOMPARE(HostProbe::healthOf(finished(1, 20, {}, lostConnection), slow, xapi), XapiHealth::NotAnswering);
        // An error from xapi itself is an answer.
        QCOMPARE(HostProbe::healthOf(finished(1, 20, {}, "The uuid you supplied was invalid.\n"), slow, xapi),
                 XapiHealth::Answering);
        // xend's own words.
        QCOMPARE(HostProbe::healthOf(finished(1, 20, {},
                                              "Error: Unable to connect to xend: No such file or "
                                              "directory. Is xend running?\n"),
                                     slow, FlavourKind::Xm),
                 XapiHealth::Refused);
        QCOMPARE(HostProbe::worse(XapiHealth::Slow, XapiHealth::NotAnswering), XapiHealth::NotAnswering);
        QCOMPARE(HostProbe::worse(XapiHealth::Refused, XapiHealth::Answering), XapiHealth::Refused);
    }

    void planOfARescueDiagnosis()
    {
        const std::optional<HostIdentity> id = HostProbe::parseProbe(xcpProbe());
        QVERIFY(id);
        DiagnosisThresholds t;
        t.xapiTimeoutMs = 1111;
        t.hypervisorTimeoutMs = 2222;
        ScopeRequest r;
        r.xapiSource = ReadHost{u"s1"_s, *id};
        r.readVms = true;
        r.vmUuid = kVm;
        r.readHa = true;
        r.poolUuid = u"p"_s;
        r.hypervisorHosts = {ReadHost{u"s1"_s, *id}, ReadHost{u"s2"_s, *id}};
        const QList<ReadCommand> plan = ScopeRead::plan(r, t);
        QList<ReadKind> kinds;
        for (const ReadCommand& c : plan)
            kinds << c.kind;
        const QList<ReadKind> expected{ReadKind::VmList, ReadKind::TaskList, ReadKind::Ha, ReadKind::Hypervisor,
                                       ReadKind::Hypervisor};
        QCOMPARE(kinds, expected);
        QVERIFY(plan[0].command.args.contains(u"uuid="_s + kVm));
        QCOMPARE(plan[0].timeoutMs, 1111);
        QCOMPARE(plan[4].timeoutMs, 2222);
        QCOMPARE(plan[4].sessionId, u"s2"_s);
    }

    void planOfAPoll()
    {
        const std::optional<HostIdentity> id = HostProbe::parseProbe(xcpProbe());
        QVERIFY(id);
        ScopeRequest r;
        r.xapiSource = ReadHost{u"self"_s, *id};
        r.askHealth = true;
        // A member that is not the xapi source only asks whether xapi answers.
        QList<ReadCommand> plan = ScopeRead::plan(r, {});
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].kind, ReadKind::Health);
        // Discovery asks xapi already: no separate health question.
        r.discoverPool = true;
        plan = ScopeRead::plan(r, {});
        QCOMPARE(plan.size(), 2);
        QCOMPARE(plan[0].kind, ReadKind::PoolList);
        QCOMPARE(plan[1].kind, ReadKind::HostList);
        // xl hosts have no xapi: only their listing.
        const std::optional<HostIdentity> xl = HostProbe::parseProbe("@@xr-tools\n/usr/sbin/xl\n@@xr-host\nbox\n");
        QVERIFY(xl);
        ScopeRequest x;
        x.xapiSource = ReadHost{u"self"_s, *xl};
        x.readVms = true;
        x.hypervisorHosts = {ReadHost{u"self"_s, *xl}};
        plan = ScopeRead::plan(x, {});
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].kind, ReadKind::Hypervisor);
    }

    void answersFillTheSnapshot()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        DiagnosisThresholds t;
        ScopeSnapshot s;
        const ReadCommand hv{u"s1"_s, ReadKind::Hypervisor, FlavourKind::Xl, {}, 1000};
        ScopeRead::add(
            s, ScopeRead::parse(hv, finished(0, 5, xrtest::readSample("xl-list__xen-xl-man-page-example.txt")), t),
            now);
        QVERIFY(s.hypervisors.value(u"s1"_s).valid);
        QCOMPARE(s.hypervisors.value(u"s1"_s).domains.size(), 3);
        QVERIFY(!s.health); // an xl listing says nothing about a management daemon

        const ReadCommand vms{u"s1"_s, ReadKind::VmList, FlavourKind::XapiModern, {}, 1000};
        const QByteArray vmList = xrtest::readSample("xe-vm-list-params__ralph-test-xen.txt");
        QVERIFY(!vmList.isEmpty());
        ScopeRead::add(s, ScopeRead::parse(vms, finished(0, t.xapiSlowMs + 5, vmList), t), now);
        QVERIFY(s.xapi.valid);
        QVERIFY(!s.xapi.vms.isEmpty());
        QCOMPARE(s.health, XapiHealth::Slow);
        QVERIFY(s.xapiAnswered);
        QVERIFY(!s.tasksRead);

        // A timed-out task list makes the health worse; a garbled listing is an error, kept.
        ReadAnswer timedOut;
        timedOut.outcome = ReadOutcome::TimedOut;
        ScopeRead::add(
            s, ScopeRead::parse({u"s1"_s, ReadKind::TaskList, FlavourKind::XapiModern, {}, 1000}, timedOut, t), now);
        QCOMPARE(s.health, XapiHealth::NotAnswering);
        ScopeRead::add(s,
                       ScopeRead::parse({u"s2"_s, ReadKind::Hypervisor, FlavourKind::Xl, {}, 1000},
                                        finished(0, 5, xrtest::binaryNoise(2048)), t),
                       now);
        QVERIFY(!s.hypervisors.value(u"s2"_s).valid);
        QVERIFY(!s.hypervisors.value(u"s2"_s).error.isEmpty());
        // A dropped connection is remembered by session.
        ReadAnswer lost;
        lost.outcome = ReadOutcome::ConnectionLost;
        ScopeRead::add(s, ScopeRead::parse({u"s3"_s, ReadKind::Hypervisor, FlavourKind::Xl, {}, 1000}, lost, t), now);
        QCOMPARE(s.lostSessions, QStringList{u"s3"_s});
    }

    void mergeFindsDisagreements()
    {
        // Running in xapi, no domain on its (listed) host.
        ScopeMerge m = ScopeRead::merge(poolOf(xapiVm(XapiPowerState::Running), listing({})));
        const VmState* v = find(m, kVm);
        QVERIFY(v);
        QVERIFY(v->domain.isAbsent());
        QVERIFY(v->problems.testFlag(Disagreement::RunningButNoDomain));
        QCOMPARE(v->parentId, kHost);
        QVERIFY(v->fingerprint != 0);

        // Halted in xapi, but a domain still runs.
        m = ScopeRead::merge(poolOf(xapiVm(XapiPowerState::Halted), listing({domain(4, kVm)})));
        v = find(m, kVm);
        QVERIFY(v && v->domain.isPresent());
        QVERIFY(v->problems.testFlag(Disagreement::HaltedButDomainExists));

        // A dying domain.
        m = ScopeRead::merge(poolOf(xapiVm(XapiPowerState::Running), listing({domain(4, kVm, true)})));
        v = find(m, kVm);
        QVERIFY(v && v->problems.testFlag(Disagreement::DyingDomain));

        // A domain xapi has no record of.
        m = ScopeRead::merge(
            poolOf(xapiVm(XapiPowerState::Halted), listing({domain(9, u"ffff0000-0000-4000-8000-00000000000f"_s)})));
        v = find(m, u"ffff0000-0000-4000-8000-00000000000f"_s);
        QVERIFY(v && v->problems.testFlag(Disagreement::DomainWithoutVm));

        // xapi not answering: its view is unknown; the domain is still shown.
        ScopeState wedged = poolOf(xapiVm(XapiPowerState::Running), listing({domain(4, kVm)}));
        wedged.xapiHealth = XapiHealth::NotAnswering;
        m = ScopeRead::merge(wedged);
        v = find(m, kVm);
        QVERIFY(v && v->problems.testFlag(Disagreement::XapiUnknown));
        QVERIFY(v->domain.isPresent());

        // The resident host was not listed (no session): the domain is unknown, not absent.
        m = ScopeRead::merge(poolOf(xapiVm(XapiPowerState::Running), std::nullopt));
        v = find(m, kVm);
        QVERIFY(v && v->domain.presence == DomainPresence::Unknown);
        QVERIFY(!v->problems.testFlag(Disagreement::RunningButNoDomain));
    }

    void forgedRecordsMergeIntoOneFlaggedVm()
    {
        const QString victim = u"c98c2e2b-a8cf-fe0a-a3c3-2e492c541ef9"_s;
        const QString forger = u"66844623-25b9-3d62-f9c9-5efcc35e213f"_s;
        const QString dom0 = u"4c960326-0522-482f-9213-ffcc3acf8298"_s;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        DiagnosisThresholds t;
        ScopeSnapshot snap;
        const ReadCommand poll{u"s1"_s, ReadKind::VmList, FlavourKind::XapiModern, {}, 1000};
        ScopeRead::add(snap, ScopeRead::parse(poll, finished(0, 5, forgedListing()), t), now);
        QVERIFY(snap.xapi.valid);

        ScopeState state = poolOf(xapiVm(XapiPowerState::Halted), listing({}));
        state.xapi = snap.xapi;
        const ScopeMerge m = ScopeRead::merge(state);
        QStringList ids;
        for (const VmState& v : m.vms)
            ids << v.id;
        ids.sort();
        QStringList expected{victim, forger, dom0};
        expected.sort();
        QCOMPARE(ids, expected); // one VM per UUID
        const VmState* v = find(m, victim);
        QVERIFY(v && v->problems.testFlag(Disagreement::AmbiguousRecords));
        // Neither record's power state is taken: they disagree.
        QCOMPARE(v->powerState, XapiPowerState::Unknown);
        QCOMPARE(v->name, u"win2k8"_s);
        const VmState* f = find(m, forger);
        QVERIFY(f && f->problems.testFlag(Disagreement::AmbiguousRecords));
        QVERIFY(!find(m, dom0)->problems.testFlag(Disagreement::AmbiguousRecords));
        QVERIFY(PoolState::disagreementExplanation(Disagreement::AmbiguousRecords).contains(u"uuid="_s));
        QCOMPARE(PoolState::allDisagreements().first(), Disagreement::AmbiguousRecords);

        // Read by uuid=, the victim's own record is alone and clean; the forger's own record
        // still prints another VM's: it stays flagged, and the foreign record is dropped.
        QByteArray alone = forgedListing();
        alone = alone.mid(alone.indexOf("uuid ( RO)             : c98c2e2b", alone.indexOf("win2k8") + 10));
        alone = alone.left(alone.indexOf("uuid ( RO)             : 4c960326"));
        ReadCommand byUuid{u"s1"_s, ReadKind::VmList, FlavourKind::XapiModern, {u"xe"_s, {u"vm-list"_s}}, 1000};
        byUuid.command.args << u"uuid="_s + victim;
        const ReadPiece clean = ScopeRead::parse(byUuid, finished(0, 5, alone), t);
        QVERIFY(clean.vms && clean.vms->size() == 1);
        QVERIFY(!clean.vms->first().ambiguous);
        QCOMPARE(clean.vms->first().powerState, XapiPowerState::Running);

        QByteArray own = forgedListing();
        own = own.left(own.indexOf("uuid ( RO)             : c98c2e2b", own.indexOf("win2k8") + 10));
        byUuid.command.args.last() = u"uuid="_s + forger;
        const ReadPiece forged = ScopeRead::parse(byUuid, finished(0, 5, own), t);
        QVERIFY(forged.vms && forged.vms->size() == 1);
        QCOMPARE(forged.vms->first().uuid, forger);
        QVERIFY(forged.vms->first().ambiguous);
    }

    void stuckIsTheThreshold()
    {
        ScopeState s = poolOf(xapiVm(XapiPowerState::Running, {u"clean_shutdown"_s}), listing({domain(4, kVm)}));
        s.stuckThresholdSeconds = 60;
        // First seen now: not stuck; the merge starts tracking it.
        ScopeMerge m = ScopeRead::merge(s);
        QVERIFY(!find(m, kVm)->problems.testFlag(Disagreement::OperationStuck));
        QVERIFY(m.operationFirstSeen.contains(kVm + u"/clean_shutdown"_s));
        // Seen 61 s ago: stuck; 59 s: not yet.
        s.operationFirstSeen.insert(kVm + u"/clean_shutdown"_s, s.now.addSecs(-61));
        m = ScopeRead::merge(s);
        QVERIFY(find(m, kVm)->problems.testFlag(Disagreement::OperationStuck));
        QCOMPARE(m.operationFirstSeen.value(kVm + u"/clean_shutdown"_s), s.now.addSecs(-61));
        s.operationFirstSeen.insert(kVm + u"/clean_shutdown"_s, s.now.addSecs(-59));
        QVERIFY(!find(ScopeRead::merge(s), kVm)->problems.testFlag(Disagreement::OperationStuck));
        // The default threshold is the one place's.
        QCOMPARE(ScopeState{}.stuckThresholdSeconds, DiagnosisThresholds{}.operationStuckSeconds);
    }

    void unlistedMembersAreUnknown()
    {
        QList<ScopeMember> hosts;
        ScopeMember listed;
        listed.hostId = listed.xapiUuid = kHost;
        hosts << listed;
        XapiHost a;
        a.uuid = kHost;
        XapiHost b;
        b.uuid = u"b"_s;
        b.live = false;
        ScopeRead::addUnlistedMembers(hosts, {a, b, XapiHost{}}, FlavourKind::XapiModern);
        QCOMPARE(hosts.size(), 2);
        QCOMPARE(hosts[1].hostId, u"b"_s);
        QVERIFY(!hosts[1].live);
        QVERIFY(!hosts[1].hypervisor);
    }
};

QTEST_GUILESS_MAIN(TestScopeRead)
#include "tst_scoperead.moc"
