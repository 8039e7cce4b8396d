// MainWindow's actions: creating them, the menus and the toolbar that hold them, the tree's
// context menu, and keeping their enabled state and tooltips in step with the selection.
#include "MainWindow.h"

#include "ConnectionManager.h"
#include "DemoSession.h"
#include "HostSession.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "Resources.h"
#include "TeardownPrompt.h"
#include "VmActions.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QIcon>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QTreeView>

namespace xr {

QAction* MainWindow::makeAction(const QString& objectName, const QString& text, const QString& icon)
{
    auto* action = new QAction(text, this);
    action->setObjectName(objectName);
    if (!icon.isEmpty())
        action->setIcon(QIcon(Resources::icon(icon)));
    return action;
}

void MainWindow::setUnavailable(QAction* action, const QString& what, const QString& why)
{
    action->setEnabled(false);
    const QString tip = tr("%1\nNot available yet: %2").arg(what, why);
    action->setToolTip(tip);
    action->setStatusTip(what);
}

void MainWindow::createActions()
{
    m_connectAction = makeAction(QStringLiteral("actionConnect"), tr("&Connect…"), QStringLiteral("connect"));
    m_connectAction->setShortcut(QKeySequence::New);
    m_connectAction->setToolTip(
        tr("Connect to a host over SSH (%1)").arg(m_connectAction->shortcut().toString(QKeySequence::NativeText)));
    m_connectAction->setStatusTip(tr("Connect to a XenServer, XCP-ng or Xen host over SSH"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);

    m_quitAction = makeAction(QStringLiteral("actionQuit"), tr("&Quit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_refreshAction = makeAction(QStringLiteral("actionRefresh"), tr("&Refresh"), QStringLiteral("refresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Read the state of the selected host (or of every host) and its VMs again"));
    m_refreshAction->setToolTip(
        tr("Read the state again now (%1)").arg(m_refreshAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshSelected);

    m_hostConnectAction = makeAction(QStringLiteral("actionHostConnect"), tr("C&onnect"));
    m_hostConnectAction->setStatusTip(tr("Connect to the selected host"));
    connect(m_hostConnectAction, &QAction::triggered, this, &MainWindow::connectSelected);
    m_hostDisconnectAction = makeAction(QStringLiteral("actionHostDisconnect"), tr("&Disconnect"));
    m_hostDisconnectAction->setStatusTip(tr("Close the connection to the selected host"));
    connect(m_hostDisconnectAction, &QAction::triggered, this, &MainWindow::disconnectSelected);
    m_hostRemoveAction = makeAction(QStringLiteral("actionHostRemove"), tr("&Remove from List…"));
    m_hostRemoveAction->setStatusTip(tr("Forget the selected host (its saved passwords stay in the keychain)"));
    connect(m_hostRemoveAction, &QAction::triggered, this, &MainWindow::removeSelected);

    m_startAction = makeAction(QStringLiteral("actionStart"), tr("S&tart"), QStringLiteral("vm-running"));
    m_startAction->setStatusTip(tr("Start the selected VM"));
    connect(m_startAction, &QAction::triggered, this, [this] { runVmAction(VmAction::Start); });
    m_shutdownAction = makeAction(QStringLiteral("actionShutdown"), tr("&Shut Down"), QStringLiteral("shutdown"));
    m_shutdownAction->setStatusTip(tr("Ask the selected VM to shut down cleanly"));
    connect(m_shutdownAction, &QAction::triggered, this, [this] { runVmAction(VmAction::Shutdown); });
    m_forceShutdownAction =
        makeAction(QStringLiteral("actionForceShutdown"), tr("&Force Shutdown…"), QStringLiteral("force-shutdown"));
    m_forceShutdownAction->setStatusTip(tr("Power off the selected VM without asking its operating system"));
    connect(m_forceShutdownAction, &QAction::triggered, this, [this] { runVmAction(VmAction::ForceShutdown); });
    m_rebootAction = makeAction(QStringLiteral("actionReboot"), tr("Re&boot"), QStringLiteral("reboot"));
    m_rebootAction->setStatusTip(tr("Restart the selected VM cleanly"));
    connect(m_rebootAction, &QAction::triggered, this, [this] { runVmAction(VmAction::Reboot); });
    m_forceRebootAction = makeAction(QStringLiteral("actionForceReboot"), tr("Force Re&boot…"));
    m_forceRebootAction->setStatusTip(tr("Reset the selected VM without asking its operating system"));
    connect(m_forceRebootAction, &QAction::triggered, this, [this] { runVmAction(VmAction::ForceReboot); });
    m_rescueAction = makeAction(QStringLiteral("actionRescue"), tr("Rescue &VM…"), QStringLiteral("rescue"));
    m_rescueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_rescueAction->setStatusTip(tr("Diagnose a hung VM and walk the recovery steps, safest first"));
    connect(m_rescueAction, &QAction::triggered, this, [this] {
        if (const std::optional<VmState> vm = currentVm())
            openRescueWizard(vm->id);
    });
    m_copyUuidAction = makeAction(QStringLiteral("actionCopyUuid"), tr("Copy &UUID"));
    m_copyUuidAction->setStatusTip(tr("Copy the selected item's UUID to the clipboard"));
    connect(m_copyUuidAction, &QAction::triggered, this, [this] {
        const QString uuid = m_tree->currentIndex().siblingAtColumn(0).data(PoolTreeModel::UuidRole).toString();
        if (!uuid.isEmpty())
            QApplication::clipboard()->setText(uuid);
    });
    m_logsAction = makeAction(QStringLiteral("actionLogs"), tr("&Logs"), QStringLiteral("logs"));
    m_logsAction->setToolTip(tr("Open the Log Browser: logs of any host side by side, synchronised or merged by time"));
    connect(m_logsAction, &QAction::triggered, this, [this] { openLogBrowser(); });

    m_filterAction = makeAction(QStringLiteral("actionFilter"), tr("&Filter the Tree"));
    m_filterAction->setShortcut(QKeySequence::Find);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    m_onlyProblemsAction = makeAction(QStringLiteral("actionOnlyProblems"), tr("Only &Problems"));
    m_onlyProblemsAction->setCheckable(true);
    m_onlyProblemsAction->setStatusTip(tr("Show only hosts that need attention"));

    m_dataFolderAction = makeAction(QStringLiteral("actionDataFolder"), tr("Open &Data Folder"));
    m_dataFolderAction->setStatusTip(tr("Open the folder with XenRescue's known_hosts file and audit log"));
    connect(m_dataFolderAction, &QAction::triggered, this, &MainWindow::openDataFolder);

    m_aboutAction = makeAction(QStringLiteral("actionAbout"), tr("&About XenRescue"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = makeAction(QStringLiteral("actionAboutQt"), tr("About &Qt"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_practiseAction = makeAction(QStringLiteral("actionPractise"), tr("&Practise a Rescue…"));
    m_practiseAction->setStatusTip(tr("Practise on a simulated lab pool with a hung VM; nothing real is touched"));
    m_practiseAction->setToolTip(tr("Choose a practice scenario: a simulated lab pool inside XenRescue"));
    m_practiseAction->setEnabled(true);
    connect(m_practiseAction, &QAction::triggered, this, &MainWindow::showPractiseDialog);
    m_leaveLabAction = makeAction(QStringLiteral("actionLeaveLabPool"), tr("&Leave the Lab Pool"));
    m_leaveLabAction->setToolTip(tr("Close the lab pool and show your saved hosts"));
    m_leaveLabAction->setStatusTip(m_leaveLabAction->toolTip());
    m_leaveLabAction->setEnabled(false);
    connect(m_leaveLabAction, &QAction::triggered, this, [this] {
        TeardownPrompt::ask(this, m_workspace, m_workspace->hostsTornDownByLab(false), tr("Leaving the lab pool"),
                            [this] { m_workspace->demo()->stop(); });
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    view->addAction(m_filterAction);
    view->addAction(m_onlyProblemsAction);

    QMenu* host = menuBar()->addMenu(tr("&Host"));
    host->addAction(m_hostConnectAction);
    host->addAction(m_hostDisconnectAction);
    host->addAction(m_refreshAction);
    host->addSeparator();
    host->addAction(m_hostRemoveAction);

    QMenu* vm = menuBar()->addMenu(tr("V&M"));
    vm->addAction(m_startAction);
    vm->addAction(m_shutdownAction);
    vm->addAction(m_rebootAction);
    vm->addSeparator();
    vm->addAction(m_forceShutdownAction);
    vm->addAction(m_forceRebootAction);
    vm->addSeparator();
    vm->addAction(m_rescueAction);
    vm->addAction(m_copyUuidAction);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_logsAction);
    tools->addSeparator();
    tools->addAction(m_dataFolderAction);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_practiseAction);
    help->addAction(m_leaveLabAction);
    help->addSeparator();
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);

    for (QMenu* menu : {file, view, host, vm, tools, help})
        menu->setToolTipsVisible(true);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Main Toolbar"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->addAction(m_connectAction);
    m_toolBar->addAction(m_refreshAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_startAction);
    m_toolBar->addAction(m_shutdownAction);
    m_toolBar->addAction(m_forceShutdownAction);
    m_toolBar->addAction(m_rebootAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_rescueAction);
    m_toolBar->addAction(m_logsAction);

    m_toolbarAction = m_toolBar->toggleViewAction();
    m_toolbarAction->setObjectName(QStringLiteral("actionShowToolbar"));
    m_toolbarAction->setText(tr("Show &Toolbar"));
    menuBar()->findChild<QMenu*>(QStringLiteral("menuView"))->addSeparator();
    menuBar()->findChild<QMenu*>(QStringLiteral("menuView"))->addAction(m_toolbarAction);
}

void MainWindow::updateActions()
{
    {
        const std::optional<VmState> vm = currentVm();
        const QString noVm = tr("Select a VM in the tree first.");
        HostSession* s = vm ? m_monitor->session(sessionIdForModelId(vm->hostId)) : nullptr;
        if (vm && !s) {
            if (const std::optional<std::pair<QString, VmState>> f = m_monitor->findVm(vm->id))
                s = m_monitor->session(m_monitor->xapiSourceId(f->first));
        }
        const FlavourKind kind = s && s->isIdentified() ? s->identity().flavour.kind : FlavourKind::XapiModern;
        const bool live = vm && s && s->host() && s->host()->isConnected();
        const qint64 domid = vm && vm->domain.isPresent() ? vm->domain.domid : -1;
        for (auto [action, a] :
             {std::pair{VmAction::Start, m_startAction}, std::pair{VmAction::Shutdown, m_shutdownAction},
              std::pair{VmAction::ForceShutdown, m_forceShutdownAction}, std::pair{VmAction::Reboot, m_rebootAction},
              std::pair{VmAction::ForceReboot, m_forceRebootAction}}) {
            QString why;
            bool ok = vm && live && !vm->isControlDomain &&
                      VmActions::command(action, VmActionTarget{kind, vm->uuid, domid}, &why).has_value();
            if (!vm)
                why = noVm;
            else if (vm->isControlDomain)
                why = tr("Not for the control domain (dom0).");
            else if (!live)
                why = tr("The VM's host is not connected.");
            else if (ok)
                why = vmActionProblem(action, *vm);
            ok = ok && why.isEmpty();
            a->setEnabled(ok);
            a->setToolTip(ok ? a->statusTip() : a->statusTip() + QLatin1Char('\n') + why);
        }
        m_rescueAction->setEnabled(vm && !vm->isControlDomain);
        m_rescueAction->setToolTip(vm ? m_rescueAction->statusTip()
                                      : m_rescueAction->statusTip() + QLatin1Char('\n') + noVm);
        m_copyUuidAction->setEnabled(
            !m_tree->currentIndex().siblingAtColumn(0).data(PoolTreeModel::UuidRole).toString().isEmpty());
    }

    const QString id = currentHostId();
    const RemoteHost* host = id.isEmpty() ? nullptr : m_connections->host(id);
    const HostState state = host ? host->state() : HostState::Disconnected;
    const bool idle = state == HostState::Disconnected || state == HostState::Failed || state == HostState::Lost;
    m_hostConnectAction->setEnabled(host && idle);
    m_hostDisconnectAction->setEnabled(host && !idle);
    m_hostRemoveAction->setEnabled(host != nullptr);
    const QString select = tr("Select a host in the tree first.");
    m_hostConnectAction->setToolTip(host ? tr("Connect to %1").arg(host->displayName()) : select);
    m_hostDisconnectAction->setToolTip(host ? tr("Disconnect from %1").arg(host->displayName()) : select);
    m_hostRemoveAction->setToolTip(host ? tr("Forget %1").arg(host->displayName()) : select);
}

QString MainWindow::vmActionProblem(VmAction action, const VmState& vm)
{
    // xapi's records of this VM cannot be told apart (a forged or odd name): no action until
    // it is read by uuid=.
    if (const QString why = VmActions::refusal(vm); !why.isEmpty())
        return why;
    const bool running = vm.hasXapi
                             ? (vm.powerState == XapiPowerState::Running || vm.powerState == XapiPowerState::Paused)
                             : vm.domain.isPresent();
    if (action == VmAction::Start) {
        if (vm.hasXapi && vm.powerState != XapiPowerState::Halted)
            return tr("The VM is not halted.");
    } else if (!running) {
        return tr("The VM is not running.");
    }
    // xapi says what it would accept now; a hung VM is often busy with an operation.
    static const char* const ops[] = {"start", "clean_shutdown", "hard_shutdown", "clean_reboot", "hard_reboot"};
    const QString op = QString::fromLatin1(ops[int(action)]);
    if (vm.hasXapi && !vm.allowedOperations.isEmpty() && !vm.allowedOperations.contains(op)) {
        return vm.currentOperations.isEmpty()
                   ? tr("xapi does not allow this now. Rescue VM… finds out why and what works.")
                   : tr("xapi does not allow this now: it is busy with %1. Rescue VM… finds a way.")
                         .arg(vm.currentOperations.join(QStringLiteral(", ")));
    }
    return {};
}

void MainWindow::showTreeMenu(const QPoint& pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    if (currentVm()) {
        menu.addAction(m_rescueAction);
        menu.addSeparator();
        menu.addActions({m_startAction, m_shutdownAction, m_rebootAction});
        menu.addSeparator();
        menu.addActions({m_forceShutdownAction, m_forceRebootAction});
        menu.addSeparator();
        menu.addAction(m_copyUuidAction);
    } else {
        menu.addActions({m_hostConnectAction, m_hostDisconnectAction, m_refreshAction});
        menu.addSeparator();
        if (m_copyUuidAction->isEnabled())
            menu.addAction(m_copyUuidAction);
        menu.addAction(m_hostRemoveAction);
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace xr
