#include "../app/FakeRemoteHost.h"
#include "AuditHistoryModel.h"
#include "AuditLog.h"
#include "CommandGateway.h"
#include "ConnectDialog.h"
#include "ConnectionManager.h"
#include "EmptyStatePane.h"
#include "HistoryPane.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "VmActions.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

#include <memory>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {
/// The app's objects on temp folders, with fake transports.
struct Fixture
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Workspace workspace{paths};
    Inventory& inventory = *workspace.inventory();
    ConnectionManager& connections = *workspace.connections();
    QHash<QString, FakeRemoteHost*> hosts;

    Fixture()
    {
        connections.setHostFactory([this](const SavedHost& saved, const SshOptions&) {
            auto* h = new FakeRemoteHost(QStringLiteral("root@%1:22").arg(saved.endpoint.host));
            hosts.insert(saved.endpoint.host, h);
            return h;
        });
    }
};
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensWithTabsAndEmptyStates()
    {
        Fixture f;
        MainWindow window(&f.workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTabWidget* tabs = window.tabs();
        QCOMPARE(tabs->count(), 5);
        const QStringList titles = {QStringLiteral("Overview"), QStringLiteral("Logs"), QStringLiteral("Network"),
                                    QStringLiteral("Memory"), QStringLiteral("History")};
        for (int i = 0; i < titles.size(); ++i)
            QCOMPARE(tabs->tabText(i), titles.at(i));

        // With no host at all, every pane says what will be there and that a host is needed.
        auto* overview = window.findChild<EmptyStatePane*>(QStringLiteral("overviewEmpty"));
        QVERIFY(overview && overview->isVisible());
        QCOMPARE(overview->title(), QStringLiteral("No hosts yet"));
        QVERIFY(overview->text().contains(QStringLiteral("Connect to a host")));
        const QList<QPair<const char*, const char*>> panes = {
            {"logsPane", "logs"}, {"networkPane", "bridges"}, {"memoryPane", "dom0"}};
        for (const auto& [name, what] : panes) {
            auto* pane = window.findChild<EmptyStatePane*>(QString::fromLatin1(name));
            QVERIFY2(pane, name);
            QVERIFY2(!pane->title().isEmpty(), name);
            QVERIFY2(pane->text().contains(QString::fromLatin1(what)), qPrintable(pane->text()));
            QVERIFY2(pane->text().contains(QStringLiteral("Connect to a host first")), qPrintable(pane->text()));
            QVERIFY(!pane->accessibleName().isEmpty());
        }
        // History lists the audit log, empty so far.
        QVERIFY(window.historyPane());
        QCOMPARE(window.historyPane()->model()->rowCount(), 0);
        QCOMPARE(window.historyPane()->model()->filePath(), f.paths.auditLogFile());
        QCOMPARE(window.statusSummary(), QStringLiteral("No hosts. Use Connect… to add one."));
        QCOMPARE(window.statusBar()->findChild<QLabel*>(QStringLiteral("statusSummary"))->text(),
                 window.statusSummary());
    }

    void actionsExist()
    {
        Fixture f;
        MainWindow window(&f.workspace);
        const auto action = [&](const char* name) { return window.findChild<QAction*>(QString::fromLatin1(name)); };

        for (const char* name :
             {"actionConnect", "actionQuit", "actionRefresh", "actionShutdown", "actionForceShutdown", "actionReboot",
              "actionRescue", "actionLogs", "actionAbout", "actionAboutQt", "actionFilter", "actionHostConnect",
              "actionHostDisconnect", "actionHostRemove", "actionOnlyProblems", "actionShowToolbar"})
            QVERIFY2(action(name), name);

        QVERIFY(action("actionConnect")->isEnabled());
        QCOMPARE(action("actionConnect")->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(action("actionQuit")->shortcut(), QKeySequence(QKeySequence::Quit));
        QCOMPARE(action("actionRefresh")->shortcut(), QKeySequence(QKeySequence::Refresh));
        QCOMPARE(action("actionFilter")->shortcut(), QKeySequence(QKeySequence::Find));

        // Not backed by a feature yet: disabled, and the tooltip says why.
        // The log browser is there (issue 7).
        QVERIFY(action("actionLogs")->isEnabled());
        // VM actions need a selected VM, and say so.
        for (const char* name : {"actionStart", "actionShutdown", "actionForceShutdown", "actionReboot",
                                 "actionForceReboot", "actionRescue"}) {
            QVERIFY2(action(name), name);
            QVERIFY2(!action(name)->isEnabled(), name);
            QVERIFY2(action(name)->toolTip().contains(QStringLiteral("Select a VM")), name);
        }
        QVERIFY(action("actionRefresh")->isEnabled());
        // Host actions need a selected host.
        QVERIFY(!action("actionHostConnect")->isEnabled());
        QVERIFY(!action("actionHostRemove")->isEnabled());

        // The toolbar carries the sketch's actions in order.
        auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QStringList names;
        for (QAction* a : toolBar->actions()) {
            if (!a->isSeparator())
                names.append(a->objectName());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("actionConnect"), QStringLiteral("actionRefresh"),
                                     QStringLiteral("actionStart"), QStringLiteral("actionShutdown"),
                                     QStringLiteral("actionForceShutdown"), QStringLiteral("actionReboot"),
                                     QStringLiteral("actionRescue"), QStringLiteral("actionLogs")}));
        QStringList menus;
        for (QAction* a : window.menuBar()->actions())
            menus.append(a->text().remove(QLatin1Char('&')));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("View"), QStringLiteral("Host"),
                                     QStringLiteral("VM"), QStringLiteral("Tools"), QStringLiteral("Help")}));
    }

    void vmActionsFollowTheVmState()
    {
        VmState vm;
        vm.hasXapi = true;
        vm.powerState = XapiPowerState::Running;
        vm.domain.presence = DomainPresence::Present;
        vm.allowedOperations = {u"clean_shutdown"_s, u"hard_shutdown"_s, u"clean_reboot"_s, u"hard_reboot"_s};
        QVERIFY(!MainWindow::vmActionProblem(VmAction::Start, vm).isEmpty());
        QVERIFY(MainWindow::vmActionProblem(VmAction::Shutdown, vm).isEmpty());
        QVERIFY(MainWindow::vmActionProblem(VmAction::ForceReboot, vm).isEmpty());
        // Busy with a stuck operation: xapi refuses the forced shutdown; the tooltip says why.
        vm.currentOperations = {u"clean_shutdown"_s};
        vm.allowedOperations = {u"clean_reboot"_s};
        const QString why = MainWindow::vmActionProblem(VmAction::ForceShutdown, vm);
        QVERIFY(why.contains(u"clean_shutdown"_s));
        QVERIFY(why.contains(u"Rescue"_s));
        vm.powerState = XapiPowerState::Halted;
        vm.domain.presence = DomainPresence::Absent;
        vm.allowedOperations = {u"start"_s};
        QVERIFY(MainWindow::vmActionProblem(VmAction::Start, vm).isEmpty());
        QVERIFY(!MainWindow::vmActionProblem(VmAction::Shutdown, vm).isEmpty());
        // xl/xm: the domain decides.
        VmState dom;
        dom.domain.presence = DomainPresence::Present;
        QVERIFY(MainWindow::vmActionProblem(VmAction::Reboot, dom).isEmpty());
        dom.domain.presence = DomainPresence::Absent;
        QVERIFY(!MainWindow::vmActionProblem(VmAction::Reboot, dom).isEmpty());
    }

    void connectFlowAddsHostToTree()
    {
        Fixture f;
        MainWindow window(&f.workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ConnectDialog*>()) != nullptr);
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("hostEdit")), QStringLiteral("xs-01"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_COMPARE(f.inventory.hosts().size(), 1);
        const QString id = f.inventory.hosts().first().id;
        FakeRemoteHost* host = f.hosts.value(QStringLiteral("xs-01"));
        QVERIFY(host);
        QCOMPARE(host->connectCalls, 1);
        QCOMPARE(window.currentHostId(), id);
        auto* tree = window.findChild<QTreeView*>(QStringLiteral("hostTree"));
        QCOMPARE(tree->model()->rowCount(), 1);
        QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("xs-01"));
        QVERIFY(!tree->currentIndex().data(Qt::DecorationRole).isNull());

        // The overview now describes the host, the other panes say why they are empty.
        auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("overviewStack"));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("hostSummary"));
        auto* logs = window.findChild<EmptyStatePane*>(QStringLiteral("logsPane"));
        QVERIFY2(logs->text().contains(QStringLiteral("Connect to xs-01")), qPrintable(logs->text()));
        QTRY_VERIFY(
            window.findChild<QAction*>(QStringLiteral("actionHostDisconnect"))->isEnabled()); // one coalesced update

        host->force(HostState::Connected);
        // Connected: the Logs tab lists the host's logs instead of the empty pane.
        QTRY_VERIFY(!logs->isVisibleTo(window.findChild<QWidget*>(QStringLiteral("logsTab"))));
        QVERIFY2(window.statusSummary().contains(QStringLiteral("connected: 1")), qPrintable(window.statusSummary()));

        // A failure is shown inline, with a way to retry; no modal box.
        host->force(HostState::Failed, QStringLiteral("Connection refused"));
        MessageBar* bar = window.messageBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->type(), MessageBar::Type::Error);
        QVERIFY2(bar->text().contains(QStringLiteral("Connection refused")), qPrintable(bar->text()));
        QVERIFY(!QApplication::activeModalWidget());
        auto* retry = bar->findChild<QPushButton*>();
        QVERIFY(retry);
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(host->connectCalls, 2);
        QVERIFY(!bar->isVisible());
        QVERIFY(window.statusSummary().contains(hostStateName(HostState::Connecting)));
    }

    // Closing the window, removing or disconnecting a host while a state-changing command runs
    // there asks first; the default never kills, and every choice reaches the audit log.
    void teardownAsksWhileAnActionRuns_data()
    {
        QTest::addColumn<QString>("teardown");
        QTest::addColumn<QString>("choice");
        QTest::addColumn<int>("outcome"); // AuditOutcome of the action's last line
        QTest::newRow("close, keep running") << u"close"_s << u"teardownKeep"_s << int(AuditOutcome::Abandoned);
        QTest::newRow("close, wait") << u"close"_s << u"teardownWait"_s << int(AuditOutcome::Finished);
        QTest::newRow("remove, stop") << u"remove"_s << u"teardownStop"_s << int(AuditOutcome::Cancelled);
        QTest::newRow("disconnect, keep") << u"disconnect"_s << u"teardownKeep"_s << int(AuditOutcome::Abandoned);
        QTest::newRow("close, cancel") << u"close"_s << u"teardownCancel"_s << -1;
    }

    void teardownAsksWhileAnActionRuns()
    {
        QFETCH(QString, teardown);
        QFETCH(QString, choice);
        QFETCH(int, outcome);
        Fixture f;
        auto window = std::make_unique<MainWindow>(&f.workspace);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        SavedHost saved;
        saved.endpoint.host = u"xs-01"_s;
        saved.endpoint.user = u"root"_s;
        const QString id = f.workspace.saveHost(saved);
        window->selectHost(id);
        // The fake goes with its host when the host is removed.
        QPointer<FakeRemoteHost> host = f.hosts.value(u"xs-01"_s);
        QVERIFY(host);
        host->force(HostState::Connected);
        host->holdCommands = true;
        const QString command = u"xe-toolstack-restart"_s;
        const Result<RemoteCommand*> sent = f.workspace.gateway()->runAction(
            id, CommandRequest{command}, AuditContext{u"run-1"_s, {}, {}, u"rung 3 restart-toolstack"_s});
        QVERIFY(sent);
        std::unique_ptr<RemoteCommand> owned(*sent);

        if (teardown == u"close") {
            window->close();
        } else if (teardown == u"disconnect") {
            QAction* disconnect = window->findChild<QAction*>(u"actionHostDisconnect"_s);
            QTRY_VERIFY(disconnect->isEnabled());
            disconnect->trigger();
        } else {
            QAction* remove = window->findChild<QAction*>(u"actionHostRemove"_s);
            QTRY_VERIFY(remove->isEnabled());
            remove->trigger();
            QMessageBox* confirm = nullptr;
            QTRY_VERIFY((confirm = window->findChild<QMessageBox*>(u"removeHostBox"_s)) != nullptr);
            for (QAbstractButton* b : confirm->buttons())
                if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
                    b->click();
        }
        // The question comes first: nothing was torn down yet, and nothing was stopped.
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window->findChild<QMessageBox*>(u"teardownBox"_s)) != nullptr);
        QVERIFY(window->isVisible());
        QVERIFY2(box->text().contains(command), qPrintable(box->text()));
        QCOMPARE(box->defaultButton()->objectName(), u"teardownWait"_s);
        QVERIFY(f.connections.hasHost(id));
        QVERIFY(host->ended.isEmpty());
        box->findChild<QPushButton*>(choice)->click();

        if (choice == u"teardownCancel") {
            QTest::qWait(50);
            QVERIFY(window->isVisible());
            QVERIFY(f.workspace.gateway()->hasActionInFlight(id));
            QVERIFY(host->ended.isEmpty());
            return;
        }
        if (choice == u"teardownWait") {
            QTest::qWait(50);
            QVERIFY(window->isVisible()); // still waiting: the command runs on
            QVERIFY(host->ended.isEmpty());
            host->finishHeld(command);
        }
        if (teardown == u"close")
            QTRY_VERIFY(!window->isVisible());
        else if (teardown == u"remove")
            QTRY_VERIFY(!f.connections.hasHost(id));
        else
            QTRY_COMPARE(f.connections.hostState(id), HostState::Disconnected);
        if (host && choice == u"teardownKeep")
            QCOMPARE(host->ended.value(command), CommandOutcome::Detached);
        if (host && choice == u"teardownStop")
            QCOMPARE(host->ended.value(command), CommandOutcome::Cancelled);
        QVERIFY(!f.workspace.gateway()->hasActionInFlight(id));
        const Result<QList<AuditEntry>> read = AuditLog::readTail(f.paths.auditLogFile());
        QVERIFY(read);
        QList<AuditEntry> audit; // the action's lines (the session's own reads are there too)
        for (const AuditEntry& e : *read)
            if (e.command == command)
                audit.append(e);
        QCOMPARE(audit.size(), 2);
        QCOMPARE(audit.at(0).outcome, AuditOutcome::Sent);
        QCOMPARE(int(audit.at(1).outcome), outcome);
        QCOMPARE(audit.at(1).runId, u"run-1"_s);
    }

    void filterNarrowsTree()
    {
        Fixture f;
        for (const char* name : {"xs-01", "xs-02", "old-xen"}) {
            SavedHost h;
            h.endpoint.host = QString::fromLatin1(name);
            f.inventory.add(h);
        }
        MainWindow window(&f.workspace);
        f.connections.loadInventory(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tree = window.findChild<QTreeView*>(QStringLiteral("hostTree"));
        QCOMPARE(tree->model()->rowCount(), 3);
        QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("old-xen")); // sorted

        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("filterEdit"));
        QTest::keyClicks(filter, QStringLiteral("xs-"));
        QCOMPARE(tree->model()->rowCount(), 2);
        filter->clear();
        QCOMPARE(tree->model()->rowCount(), 3);

        f.hosts.value(QStringLiteral("xs-02"))->force(HostState::Lost, QStringLiteral("keepalive timeout"));
        window.findChild<QAction*>(QStringLiteral("actionOnlyProblems"))->setChecked(true);
        QCOMPARE(tree->model()->rowCount(), 1);
        QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("xs-02"));
        QVERIFY(window.statusSummary().contains(QStringLiteral("with a problem: 1")));

        // Selecting a host without connecting offers to connect.
        window.findChild<QAction*>(QStringLiteral("actionOnlyProblems"))->setChecked(false);
        window.selectHost(f.inventory.hosts().first().id);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("actionHostConnect"))->isEnabled());
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("actionHostDisconnect"))->isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
