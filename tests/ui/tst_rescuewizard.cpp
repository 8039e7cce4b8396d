// The rescue wizard end to end: the real window and wizard, real sshd on loopback, the lab
// pool's hosts in their own mount namespaces. For every scenario of the lab pool the wizard
// is driven the way an admin would (click, tick, type the name) until the VM is halted (or
// the ladder says what is left), and the lab hosts' argv record must hold exactly the
// commands of the rungs taken, nothing more.
#include "AuditHistoryModel.h"
#include "AuditLog.h"
#include "ConnectionManager.h"
#include "HistoryPane.h"
#include "Inventory.h"
#include "LabPool.h"
#include "LabWindow.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PoolMonitor.h"
#include "RescueWizard.h"
#include "SimModel.h"
#include "SimStateStore.h"
#include "SshHost.h"
#include "SshdHarness.h"
#include "Workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include <memory>

using namespace xr;
using namespace xr::test;
using namespace Qt::StringLiterals;

namespace {

template <typename T>
T* child(QWidget* w, const char* name)
{
    return w->findChild<T*>(QString::fromLatin1(name));
}

/// Clicks a button once it is enabled and visible.
bool clickWhenReady(QWidget* w, const char* name, int timeoutMs = 30000)
{
    auto* b = child<QPushButton>(w, name);
    if (!b || !QTest::qWaitFor([&] { return b->isEnabled() && b->isVisible(); }, timeoutMs)) {
        qWarning() << "button not ready:" << name << (b ? b->toolTip() : QString());
        return false;
    }
    QTest::mouseClick(b, Qt::LeftButton);
    return true;
}

/// Confirms the rung on the rung page the way an admin would: the checkbox for medium
/// risk, the VM's name (or UUID) typed for high and critical.
void confirm(RescueWizard* wizard)
{
    const Rung* r = wizard->run()->ladder().rung(*wizard->selectedRung());
    if (!r)
        return;
    if (r->risk == RiskLevel::Medium)
        QTest::mouseClick(child<QCheckBox>(wizard, "acknowledgeCheck"), Qt::LeftButton, {}, QPoint(4, 4));
    if (r->risk >= RiskLevel::High) {
        auto* edit = child<QLineEdit>(wizard, "typeNameEdit");
        const QString name = wizard->run()->vmName();
        const bool typeable = std::none_of(name.begin(), name.end(), [](QChar c) { return c.unicode() < 0x20; });
        edit->setFocus();
        QTest::keyClicks(edit, typeable ? name : wizard->run()->vmUuid());
    }
}

/// Runs the rung the wizard recommends; returns the rung id, or nullopt when it could not.
std::optional<RungId> runRecommended(RescueWizard* wizard)
{
    const Rung* r = wizard->run()->ladder().recommended();
    if (!r)
        return std::nullopt;
    const RungId id = r->id;
    wizard->selectRung(id);
    if (wizard->currentPage() == RescueWizard::ResultPage) {
        if (!clickWhenReady(wizard, "nextRungButton"))
            return std::nullopt;
    } else {
        if (wizard->currentPage() == RescueWizard::DiagnosisPage && !clickWhenReady(wizard, "toLadderButton"))
            return std::nullopt;
        wizard->selectRung(id);
        if (!clickWhenReady(wizard, "useRungButton"))
            return std::nullopt;
    }
    if (wizard->currentPage() != RescueWizard::RungPage)
        return std::nullopt;
    confirm(wizard);
    if (!clickWhenReady(wizard, "runRungButton", 5000))
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return wizard->currentPage() == RescueWizard::ResultPage; }, 90000))
        return std::nullopt;
    // The result page waits for the fresh diagnosis.
    (void)QTest::qWaitFor([&] { return wizard->run()->phase() != RescueRun::Phase::Diagnosing; }, 30000);
    return id;
}

bool isHalted(const RescueRun* run)
{
    const VmSituation& s = run->situation();
    const bool xapi = isXapiFlavour(run->flavour());
    return s.domain.isAbsent() && (!xapi || s.xapiPowerState == XapiPowerState::Halted);
}

} // namespace

class TestRescueWizard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString why;
        if (!LabPool::checkNamespaces(&why))
            QFAIL(qPrintable(u"the lab pool cannot run here: "_s + why));
    }

    void rescuesEveryScenario_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("vm");
        // The rungs the wizard is expected to recommend and run, in order.
        QTest::addColumn<QStringList>("rungs");
        // The argv of the commands that change something, in order ("*" matches the rest).
        QTest::addColumn<QStringList>("commands");
        // How the last rung ended (RescueRun::Outcome's name).
        QTest::addColumn<QString>("outcome");

        const QString ignoredThenForced = u"xe task-cancel|xe vm-shutdown uuid|xe task-cancel|logger -t xenrescue|"
                                          "xe vm-shutdown --force"_s;
        const QStringList stuckPath{u"cancel-tasks"_s, u"clean-shutdown"_s, u"cancel-tasks"_s, u"force-shutdown"_s};
        // db-01 on the member: after 1a the ladder passes straight to the forced shutdown, whose
        // dying domain the member reaps a few commands later.
        QTest::newRow("demo")
            << u"demo"_s << u"db-01"_s << QStringList{u"cancel-tasks"_s, u"clean-shutdown"_s, u"force-shutdown"_s}
            << u"xe task-cancel|xe vm-shutdown uuid|logger -t xenrescue|xe vm-shutdown --force"_s.split(u'|')
            << u"Succeeded"_s;
        QTest::newRow("hung-vm-stuck-task") << u"hung-vm-stuck-task"_s << u"app-server"_s << stuckPath
                                            << ignoredThenForced.split(u'|') << u"Succeeded"_s;
        QTest::newRow("xapi-wedged") << u"xapi-wedged"_s << u"*"_s
                                     << QStringList{u"restart-toolstack"_s, u"clean-shutdown"_s}
                                     << QStringList{u"logger -t xenrescue"_s, u"xe-toolstack-restart"_s,
                                                    u"xe vm-shutdown uuid"_s}
                                     << u"Succeeded"_s;
        QTest::newRow("lingering-domain")
            << u"lingering-domain"_s << u"file-server"_s
            << QStringList{u"clean-shutdown"_s, u"cancel-tasks"_s, u"force-shutdown"_s}
            << u"xe vm-shutdown uuid|xe task-cancel|logger -t xenrescue|xe vm-shutdown --force"_s.split(u'|')
            << u"Lingering"_s;
        QTest::newRow("domain-gone") << u"domain-gone"_s << u"ghost-vm"_s << QStringList{u"reset-power-state"_s}
                                     << QStringList{u"logger -t xenrescue"_s, u"xe vm-reset-powerstate"_s}
                                     << u"Succeeded"_s;
        // Every shutdown is ignored and the forced one fails (EBUSY) until the guest crashes:
        // the whole ladder down to the NMI, then a clean shutdown of the crashed domain.
        const QStringList crashPath{u"clean-shutdown"_s, u"cancel-tasks"_s, u"force-shutdown"_s, u"restart-toolstack"_s,
                                    u"destroy-domain"_s, u"crash-guest"_s,  u"clean-shutdown"_s};
        QTest::newRow("crash-only")
            << u"crash-only"_s << u"win-app"_s << crashPath
            << u"xe vm-shutdown uuid|xe task-cancel|logger -t xenrescue|xe vm-shutdown --force|logger -t xenrescue|"
               "xe-toolstack-restart|logger -t xenrescue|xl destroy 1|logger -t xenrescue|xl trigger 1 nmi|"
               "xe vm-shutdown uuid"_s.split(u'|')
            << u"Succeeded"_s;
        // The member is dead: xe cannot reach it, the forced shutdown fails, the reset works.
        QTest::newRow("dead-member")
            << u"dead-member"_s << u"mail-01"_s
            << QStringList{u"clean-shutdown"_s, u"force-shutdown"_s, u"reset-power-state"_s}
            << u"xe vm-shutdown uuid|logger -t xenrescue|xe vm-shutdown --force|logger -t xenrescue|"
               "xe vm-reset-powerstate force=true"_s.split(u'|')
            << u"Succeeded"_s;
        // XenServer 6.2: the legacy tools for rungs 4 and 5.
        QTest::newRow("legacy-62")
            << u"legacy-62"_s << u"old-crm"_s
            << (QStringList{u"cancel-tasks"_s} + crashPath.mid(0, 1) + crashPath.mid(1))
            << u"xe task-cancel|xe vm-shutdown uuid|xe task-cancel|logger -t xenrescue|xe vm-shutdown --force|"
               "logger -t xenrescue|xe-toolstack-restart|logger -t xenrescue|xenops destroy_domain -domid 1|"
               "logger -t xenrescue|crash_guest 1|xe vm-shutdown uuid"_s.split(u'|')
            << u"Succeeded"_s;
        QTest::newRow("xl-host") << u"xl-host"_s << u"web"_s << QStringList{u"clean-shutdown"_s, u"destroy-domain"_s}
                                 << QStringList{u"xl shutdown -w"_s, u"logger -t xenrescue"_s, u"xl destroy"_s}
                                 << u"Succeeded"_s;
        QTest::newRow("xm-host") << u"xm-host"_s << u"legacy-app"_s
                                 << QStringList{u"clean-shutdown"_s, u"destroy-domain"_s}
                                 << QStringList{u"xm shutdown -w"_s, u"logger -t xenrescue"_s, u"xm destroy"_s}
                                 << u"Succeeded"_s;
        QTest::newRow("hostile-names") << u"hostile-names"_s << u"$(touch /tmp/xr-pwned); rm -rf x"_s
                                       << QStringList{u"clean-shutdown"_s} << QStringList{u"xe vm-shutdown uuid"_s}
                                       << u"Succeeded"_s;
    }

    void rescuesEveryScenario()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, vm);
        QFETCH(QStringList, rungs);
        QFETCH(QStringList, commands);
        QFETCH(QString, outcome);
        const bool halted = outcome == u"Succeeded";

        LabWindow f;
        QVERIFY(f.start(scenario));
        std::optional<VmState> target;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         target = f.vm(vm);
                         return target && (target->domain.presence != DomainPresence::Unknown || target->hasXapi);
                     },
                     30000),
                 qPrintable(vm));
        f.window->selectItem(target->id);
        QAction* rescue = f.window->findChild<QAction*>(u"actionRescue"_s);
        QVERIFY(QTest::qWaitFor([&] { return rescue->isEnabled(); }, 5000));
        rescue->trigger();
        RescueWizard* wizard = f.window->findChild<RescueWizard*>();
        QVERIFY(wizard);
        RescueRun::Options options;
        options.verificationTimeScale = 0.05;
        options.minCommandTimeoutMs = 4000;
        wizard->run()->setOptions(options);
        if (!qEnvironmentVariableIsEmpty("XR_TEST_VERBOSE")) {
            connect(wizard->run(), &RescueRun::transcriptAdded, wizard, [](const TranscriptEntry& e) {
                qInfo().noquote() << RescueTranscript::kindName(e.kind) << e.host << e.text;
            });
        }
        QVERIFY(QTest::qWaitFor([&] { return wizard->run()->hasLadder(); }, 60000));
        const qsizetype before = f.changes().size();

        QStringList taken;
        // Follow the recommendation until the VM is down, or the ladder has nothing left to
        // run (a lingering domain: diagnose what holds it; the host: a checklist).
        for (int step = 0; step < 10 && !isHalted(wizard->run()); ++step) {
            const Rung* next = wizard->run()->ladder().recommended();
            QVERIFY(next);
            if (next->id == RungId::Diagnose || next->id == RungId::PowerCycleHost)
                break;
            const std::optional<RungId> id = runRecommended(wizard);
            QVERIFY2(id, qPrintable(u"step %1: the wizard did not run its recommended rung"_s.arg(step)));
            taken << RecoveryLadder::idName(*id);
        }
        QVERIFY2(taken == rungs, qPrintable(taken.join(u' ')));
        QCOMPARE(QString::fromLatin1(
                     QMetaEnum::fromType<RescueRun::Outcome>().valueToKey(int(wizard->run()->lastOutcome()))),
                 outcome);
        QCOMPARE(isHalted(wizard->run()), halted);
        if (halted)
            QVERIFY(child<QPushButton>(wizard, "startVmButton")->isVisible() ||
                    wizard->run()->flavour() == FlavourKind::Xl || wizard->run()->flavour() == FlavourKind::Xm);

        // The hosts received exactly the rungs' commands, the VM by UUID or domain id only.
        const QList<QStringList> changes = f.changes().mid(before);
        QStringList seen;
        for (const QStringList& argv : changes) {
            // The domain guard's read before a command by domain id (it changes nothing).
            if (argv.value(0).section(u'/', -1) == u"xenstore-read")
                continue;
            seen << argv.join(u' ');
            for (const QString& a : argv)
                QVERIFY2(vm.size() < 4 || !a.contains(vm) || argv.value(0) == u"logger", qPrintable(a));
        }
        QVERIFY2(seen.size() == commands.size(), qPrintable(seen.join(u" | "_s)));
        for (int i = 0; i < commands.size(); ++i)
            QVERIFY2(seen[i].startsWith(commands[i]), qPrintable(seen.join(u" | "_s)));

        // History lists the rescue's commands.
        HistoryPane* history = f.window->historyPane();
        history->reload();
        QVERIFY(history->model()->rowCount() >= commands.size());
        wizard->close();
    }

    // The domain id changes hands between the diagnosis and rung 4 (the VM restarted, another
    // VM started in its old id): the host's guard refuses, nothing is destroyed, and the
    // result page says so in plain words.
    void reusedDomidIsExplained()
    {
        LabWindow f;
        QVERIFY(f.start(u"xl-host"_s));
        std::optional<VmState> target;
        QVERIFY(QTest::qWaitFor(
            [&] {
                target = f.vm(u"web"_s);
                return target && target->domain.isPresent();
            },
            30000));
        f.window->selectItem(target->id);
        QAction* rescue = f.window->findChild<QAction*>(u"actionRescue"_s);
        QVERIFY(QTest::qWaitFor([&] { return rescue->isEnabled(); }, 5000));
        rescue->trigger();
        RescueWizard* wizard = f.window->findChild<RescueWizard*>();
        QVERIFY(wizard);
        RescueRun::Options options;
        options.verificationTimeScale = 0.05;
        options.minCommandTimeoutMs = 10000;
        wizard->run()->setOptions(options);
        QVERIFY(QTest::qWaitFor([&] { return wizard->run()->hasLadder(); }, 60000));
        const qint64 domid = wizard->run()->situation().domain.domid;

        sim::SimStateStore store(f.pool.statePath());
        const std::optional<sim::SimPool> state = store.load();
        QVERIFY(state);
        QString web;
        QString spare;
        for (const sim::SimVm& v : state->vms) {
            if (v.nameLabel == u"web")
                web = v.uuid;
            if (v.nameLabel == u"spare")
                spare = v.uuid;
        }
        int reused = -1;
        QVERIFY(store.update([&](sim::SimPool& p) {
            reused = p.reuseDomid(u"xen-xl"_s, web, spare);
            return reused >= 0;
        }));
        QCOMPARE(reused, int(domid));
        const qsizetype before = f.changes().size();

        if (wizard->currentPage() == RescueWizard::DiagnosisPage)
            QVERIFY(clickWhenReady(wizard, "toLadderButton"));
        wizard->selectRung(RungId::DestroyDomain);
        QVERIFY(clickWhenReady(wizard, "useRungButton"));
        QCOMPARE(wizard->currentPage(), RescueWizard::RungPage);
        confirm(wizard);
        QVERIFY(clickWhenReady(wizard, "runRungButton", 5000));
        QVERIFY(QTest::qWaitFor([&] { return wizard->currentPage() == RescueWizard::ResultPage; }, 60000));
        (void)QTest::qWaitFor([&] { return wizard->run()->phase() != RescueRun::Phase::Diagnosing; }, 30000);
        QCOMPARE(wizard->run()->lastOutcome(), RescueRun::Outcome::Refused);
        const QString text = child<QTextBrowser>(wizard, "resultText")->toPlainText();
        QVERIFY2(text.contains(u"belongs to another VM"_s), qPrintable(text));
        QVERIFY(text.contains(u"nothing was done"_s));
        for (const QStringList& argv : f.changes().mid(before))
            QVERIFY2(!argv.contains(u"destroy"_s), qPrintable(argv.join(u' ')));
        wizard->close();
    }

    // Typed name for high risk, Stop mid-rung, and the sshd connection killed mid-rung: the
    // wizard reports each honestly and never sends a command twice for one confirmation.
    void safetyThroughRealSsh()
    {
        LabWindow f;
        f.connections.setReconnectDelays(500, 2000);
        QVERIFY(f.start(u"xl-host"_s));
        std::optional<VmState> target;
        QVERIFY(QTest::qWaitFor(
            [&] {
                target = f.vm(u"web"_s);
                return target && target->domain.isPresent();
            },
            30000));
        RescueWizard* wizard = f.window->openRescueWizard(target->id);
        QVERIFY(wizard);
        RescueRun::Options options;
        options.verificationTimeScale = 0.05;
        options.minCommandTimeoutMs = 20000;
        wizard->run()->setOptions(options);
        QVERIFY(QTest::qWaitFor([&] { return wizard->run()->phase() == RescueRun::Phase::Ready; }, 30000));
        QVERIFY(clickWhenReady(wizard, "toLadderButton"));
        auto* run = child<QPushButton>(wizard, "runRungButton");
        auto* name = child<QLineEdit>(wizard, "typeNameEdit");

        // Rung 4 is high risk: the button stays disabled until the name is typed exactly.
        wizard->selectRung(RungId::DestroyDomain);
        QVERIFY(clickWhenReady(wizard, "useRungButton"));
        QCOMPARE(wizard->currentPage(), RescueWizard::RungPage);
        QVERIFY(name->isVisible());
        QVERIFY(!run->isEnabled());
        QTest::mouseClick(child<QCheckBox>(wizard, "showOnlyCheck"), Qt::LeftButton, {}, QPoint(4, 4));
        QTest::mouseClick(child<QCheckBox>(wizard, "showOnlyCheck"), Qt::LeftButton, {}, QPoint(4, 4));
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(name, u"we"_s);
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(name, u"b "_s);
        QVERIFY(!run->isEnabled());
        QTest::keyClick(name, Qt::Key_Backspace);
        QVERIFY(run->isEnabled());
        // Back and forth: the typed name does not carry over.
        QVERIFY(clickWhenReady(wizard, "rungBackButton"));
        QVERIFY(clickWhenReady(wizard, "useRungButton"));
        QVERIFY(name->text().isEmpty());
        QVERIFY(!run->isEnabled());
        QVERIFY(clickWhenReady(wizard, "rungBackButton"));

        auto countShutdowns = [&] {
            int n = 0;
            for (const QStringList& argv : f.changes())
                n += argv.value(0) == u"xl" && argv.value(1) == u"shutdown";
            return n;
        };
        // Stop mid-rung: reported as cancelled, the state read again.
        wizard->selectRung(RungId::CleanShutdown);
        QVERIFY(clickWhenReady(wizard, "useRungButton"));
        QVERIFY(clickWhenReady(wizard, "runRungButton"));
        QVERIFY(QTest::qWaitFor([&] { return countShutdowns() == 1; }, 10000));
        QVERIFY(clickWhenReady(wizard, "cancelRungButton"));
        QVERIFY(QTest::qWaitFor([&] { return wizard->currentPage() == RescueWizard::ResultPage; }, 20000));
        QCOMPARE(wizard->run()->lastOutcome(), RescueRun::Outcome::Cancelled);
        QVERIFY(child<QLabel>(wizard, "resultHeadline")->text().contains(u"Cancelled"_s));
        QVERIFY(QTest::qWaitFor([&] { return wizard->run()->phase() == RescueRun::Phase::Ready; }, 20000));
        QVERIFY(wizard->run()->situation().domain.isPresent());

        // The connection killed mid-rung: lost, reconnected by itself, diagnosed again,
        // and the command is not sent again.
        QVERIFY(clickWhenReady(wizard, "backToLadderButton"));
        wizard->selectRung(RungId::CleanShutdown);
        QVERIFY(clickWhenReady(wizard, "useRungButton"));
        QVERIFY(clickWhenReady(wizard, "runRungButton"));
        QVERIFY(QTest::qWaitFor([&] { return countShutdowns() == 2; }, 10000));
        // Mid-rung: the host has the command (it waits on a guest that ignores it) and the
        // wizard still runs the rung.
        QCOMPARE(wizard->run()->phase(), RescueRun::Phase::Running);
        f.pool.harness(u"xen-xl"_s)->killConnections();
        QVERIFY(
            QTest::qWaitFor([&] { return wizard->run()->lastOutcome() == RescueRun::Outcome::ConnectionLost; }, 20000));
        QVERIFY(child<MessageBar>(wizard, "wizardMessage")->isVisible());
        QVERIFY(QTest::qWaitFor([&] { return wizard->run()->phase() == RescueRun::Phase::Ready; }, 40000));
        // Not sent again: a whole diagnosis more over the new connection, and still two.
        QSignalSpy diagnosed(wizard->run(), &RescueRun::diagnosed);
        wizard->run()->diagnose();
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(30000));
        QCOMPARE(wizard->run()->phase(), RescueRun::Phase::Ready);
        QCOMPARE(countShutdowns(), 2);
        const RungAttempt* attempt = wizard->run()->situation().lastAttempt(RungId::CleanShutdown);
        QVERIFY(attempt);
        QCOMPARE(attempt->code, u"CLI_LOST_CONNECTION"_s);
        // The transcript exports for the incident report.
        QTemporaryDir out;
        QVERIFY(wizard->exportTranscript(out.filePath(u"t.html"_s)));
        QFile html(out.filePath(u"t.html"_s));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray text = html.readAll();
        QVERIFY(text.contains("xl shutdown -w 1"));
        QVERIFY(text.contains("connection"));
        wizard->close();
    }
};

QTEST_MAIN(TestRescueWizard)
#include "tst_rescuewizard.moc"
