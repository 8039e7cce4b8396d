#pragma once

#include "Inventory.h"
#include "PoolState.h"
#include "RemoteTypes.h"

#include <QMainWindow>
#include <QTimer>

#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QToolBar;
class QTreeView;

namespace xr {

class ConnectionManager;
class DemoSession;
class MemoryPane;
class NetworkPane;
class OverviewPage;
class HostPrompter;
class LabPoolBanner;
class LogsTab;
class MessageBar;
class PoolFilterProxyModel;
class PoolMonitor;
class PoolTreeDecorator;
class PoolTreeModel;
class HistoryPane;
class RescueWizard;
class Workspace;
class XapiBanner;
enum class VmAction;
struct VmState;

/// The XenCenter-shaped main window: the host tree with a filter on the left; Overview,
/// Logs, Network, Memory and History tabs on the right; toolbar, menus, and a status bar
/// that sums up the hosts' states. It observes the Workspace (the app core) and shows it:
/// hosts, sessions, pools and commands are the workspace's; every change schedules one
/// coalesced update of what the window shows.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Tab { OverviewTab = 0, LogsTab, NetworkTab, MemoryTab, HistoryTab };

    explicit MainWindow(Workspace* workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The id of the host selected in the tree; empty when none is.
    QString currentHostId() const;
    void selectHost(const QString& id);

    QTabWidget* tabs() const { return m_tabs; }
    HostPrompter* prompter() const { return m_prompter; }
    MessageBar* messageBar() const { return m_messageBar; }
    QString statusSummary() const;
    PoolMonitor* poolMonitor() const { return m_monitor; }
    PoolTreeModel* poolModel() const { return m_poolModel; }
    /// The pool tree's id (PoolTreeModel::IdRole) of the selected row; empty when none.
    QString currentItemId() const;
    void selectItem(const QString& modelId);
    MessageBar* xapiBanner() const;
    HistoryPane* historyPane() const { return m_history; }

    /// Opens the rescue wizard for a VM (model id); returns it (it deletes itself on close).
    RescueWizard* openRescueWizard(const QString& vmId);
    /// Runs a VM action on the selected VM; forced ones ask first (non-blocking).
    void runVmAction(VmAction action);
    /// Why an action does not fit the VM's state now (xapi's power state and allowed
    /// operations); empty when it does.
    static QString vmActionProblem(VmAction action, const VmState& vm);

    Workspace* workspace() const { return m_workspace; }
    LabPoolBanner* labPoolBanner() const { return m_banner; }

public Q_SLOTS:
    /// Opens the connect dialog (non-blocking); on Connect the host is saved and connected.
    /// Connecting to a real host ends the demo mode: lab hosts and real hosts never mix.
    void showConnectDialog();
    /// Opens the scenario picker (non-blocking); Start restarts the lab pool with its choice.
    void showPractiseDialog();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createCentralWidget();
    // These four, showTreeMenu(), updateActions() and vmActionProblem() are in MainWindowActions.cpp.
    void createActions();
    void createMenus();
    void createToolBar();
    QAction* makeAction(const QString& objectName, const QString& text, const QString& icon = {});
    void setUnavailable(QAction* action, const QString& what, const QString& why);

    void onHostStateChanged(const QString& id, HostState state, const QString& message);
    void onSelectionChanged();
    void updatePanes();
    /// The Network and Memory tabs follow the selected host, or the host of the selected VM.
    void followHostInPanes();
    void updateActions();
    void updateStatus();
    void connectSelected();
    void disconnectSelected();
    void removeSelected();
    void showAbout();
    void openDataFolder();
    void onDemoActiveChanged(bool active);
    void showTreeMenu(const QPoint& pos);
    void offerPoolMembers(const QString& poolUuid, const QList<XapiHost>& offer);
    void showAuditFailure(const QString& message);
    void refreshSelected();
    void sendVmAction(VmAction action, const VmState& vm, const QString& runId = {});
    void onVmActionFinished(VmAction action, const QString& name, const CommandResult& result);
    /// One update of everything shown, at the next turn of the event loop.
    void scheduleUpdate();
    void updateAll();
    /// The selected row's VM; nullptr when the selection is not a VM.
    std::optional<VmState> currentVm() const;

    void onDemoScenarioStarted(const QString& scenario);
    /// Restart Toolstack… on the xapi banner: the rescue of the selected VM if it is on that
    /// host, else of the VM there that looks worst.
    void openRescueOnHost(const QString& hostId);
    /// Opens the Log Browser on `hostId` (empty: the selected host).
    void openLogBrowser(const QString& hostId = {});
    void expandContainers(const QModelIndex& parent, int first, int last);
    QString sessionIdForModelId(const QString& modelId) const;
    void restoreLayout();
    void saveLayout() const;

    Workspace* m_workspace;
    ConnectionManager* m_connections;
    HostPrompter* m_prompter;
    PoolTreeModel* m_poolModel;
    PoolMonitor* m_monitor;
    PoolTreeDecorator* m_poolDecorator;
    PoolFilterProxyModel* m_poolFilter;
    XapiBanner* m_xapiBanner = nullptr;
    // The host selectHost() asked for: selected again when its row changes id (identified).
    QString m_wantedHostId;

    QLineEdit* m_filterEdit = nullptr;
    QCheckBox* m_onlyProblems = nullptr;
    QTreeView* m_tree = nullptr;
    MessageBar* m_messageBar = nullptr;
    QString m_messageHostId;
    QTabWidget* m_tabs = nullptr;
    OverviewPage* m_overview = nullptr;
    xr::LogsTab* m_logsTab = nullptr; // qualified: MainWindow::LogsTab is a tab index
    NetworkPane* m_networkPane = nullptr;
    MemoryPane* m_memoryPane = nullptr;
    HistoryPane* m_history = nullptr;
    QLabel* m_statusLabel = nullptr;
    LabPoolBanner* m_banner = nullptr;
    QTimer m_updateTimer;
    // The admin answered the teardown question: close() goes through.
    bool m_closeApproved = false;

    QAction* m_connectAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_hostConnectAction = nullptr;
    QAction* m_hostDisconnectAction = nullptr;
    QAction* m_hostRemoveAction = nullptr;
    QAction* m_shutdownAction = nullptr;
    QAction* m_forceShutdownAction = nullptr;
    QAction* m_rebootAction = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_forceRebootAction = nullptr;
    QAction* m_copyUuidAction = nullptr;
    QAction* m_rescueAction = nullptr;
    QAction* m_logsAction = nullptr;
    QAction* m_filterAction = nullptr;
    QAction* m_onlyProblemsAction = nullptr;
    QAction* m_toolbarAction = nullptr;
    QAction* m_dataFolderAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QAction* m_practiseAction = nullptr;
    QAction* m_leaveLabAction = nullptr;
    QToolBar* m_toolBar = nullptr;
};

} // namespace xr
