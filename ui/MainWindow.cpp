#include "MainWindow.h"

#include "AppInfo.h"
#include "CommandGateway.h"
#include "ConnectDialog.h"
#include "ConnectionManager.h"
#include "DemoSession.h"
#include "HistoryPane.h"
#include "HostPrompter.h"
#include "HostSession.h"
#include "Inventory.h"
#include "LabPoolBanner.h"
#include "LogBrowserWindow.h"
#include "LogsTab.h"
#include "MemoryPane.h"
#include "MessageBar.h"
#include "NetworkPane.h"
#include "OverviewPage.h"
#include "PoolMonitor.h"
#include "PoolTreeDecorator.h"
#include "PoolTreeModel.h"
#include "PractiseDialog.h"
#include "RescueRun.h"
#include "RescueWizard.h"
#include "Resources.h"
#include "TeardownPrompt.h"
#include "VmActions.h"
#include "Workspace.h"
#include "XapiBanner.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace xr {

MainWindow::MainWindow(Workspace* workspace, QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_connections(workspace->connections())
    , m_prompter(new HostPrompter(workspace->connections(), this))
    , m_poolModel(workspace->poolModel())
    , m_monitor(workspace->monitor())
    , m_poolDecorator(new PoolTreeDecorator(this))
    , m_poolFilter(new PoolFilterProxyModel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(AppInfo::displayName());
    setWindowIcon(QIcon(Resources::icon(QStringLiteral("xenrescue"))));
    m_poolDecorator->setSourceModel(m_poolModel);
    m_poolFilter->setSourceModel(m_poolDecorator);

    createActions();
    createMenus();
    createToolBar();
    createCentralWidget();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusSummary"));
    statusBar()->addWidget(m_statusLabel, 1);

    // The window observes the workspace: every change schedules one update of what it shows.
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(0);
    connect(&m_updateTimer, &QTimer::timeout, this, &MainWindow::updateAll);
    ConnectionManager* connections = m_connections;
    connect(m_monitor, &PoolMonitor::xapiProblemsChanged, this, &MainWindow::scheduleUpdate);
    connect(m_monitor, &PoolMonitor::refreshed, this, [this] {
        if (!m_wantedHostId.isEmpty()) {
            if (currentHostId() != m_wantedHostId)
                selectItem(m_monitor->hostModelId(m_wantedHostId));
            const HostSession* s = m_monitor->session(m_wantedHostId);
            if (!s || (s->isIdentified() && currentHostId() == m_wantedHostId))
                m_wantedHostId.clear();
        }
        scheduleUpdate();
    });
    connect(workspace, &Workspace::membersOffered, this, &MainWindow::offerPoolMembers);
    connect(workspace, &Workspace::vmActionFinished, this, &MainWindow::onVmActionFinished);
    connect(m_monitor, &PoolMonitor::auditFailed, this, &MainWindow::showAuditFailure);
    connect(workspace->gateway(), &CommandGateway::auditFailed, this, &MainWindow::showAuditFailure);

    connect(connections, &ConnectionManager::hostStateChanged, this, &MainWindow::onHostStateChanged);
    connect(connections, &ConnectionManager::hostCreated, this, &MainWindow::scheduleUpdate);
    connect(connections, &ConnectionManager::hostChanged, this, &MainWindow::scheduleUpdate);
    connect(connections, &ConnectionManager::hostRemoved, this, [this](const QString& id) {
        if (id == m_messageHostId) {
            m_messageBar->hide();
            m_messageHostId.clear();
        }
        scheduleUpdate();
    });
    connect(m_poolFilter, &QAbstractItemModel::rowsInserted, this, &MainWindow::expandContainers);

    DemoSession* demo = workspace->demo();
    connect(demo, &DemoSession::activeChanged, this, &MainWindow::onDemoActiveChanged);
    connect(demo, &DemoSession::scenarioStarted, this, &MainWindow::onDemoScenarioStarted);
    if (demo->isActive())
        onDemoScenarioStarted(demo->scenario());
    onDemoActiveChanged(demo->isActive());

    resize(1100, 700);
    restoreLayout();
    updateAll();
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralWidget()
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->setChildrenCollapsible(false);

    // Left: filter and tree.
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    m_filterEdit = new QLineEdit(left);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter: name, UUID, state"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter the host tree"));
    m_onlyProblems = new QCheckBox(tr("Only problems"), left);
    m_onlyProblems->setObjectName(QStringLiteral("onlyProblemsCheck"));
    m_tree = new QTreeView(left);
    m_tree->setObjectName(QStringLiteral("hostTree"));
    m_tree->setAccessibleName(tr("Pools, hosts and VMs"));
    m_tree->setModel(m_poolFilter);
    m_tree->setHeaderHidden(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(PoolTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    // A click or key in the tree is the user choosing: selectHost()'s wish must not take the
    // selection back at the next refresh.
    m_tree->installEventFilter(this);
    m_tree->viewport()->installEventFilter(this);
    // Fixed starting widths: ResizeToContents measures every row, thousands of them, on each layout.
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(PoolTreeModel::NameColumn, 190);
    m_tree->header()->resizeSection(PoolTreeModel::StateColumn, 150);
    m_tree->header()->resizeSection(PoolTreeModel::DomainColumn, 70);
    leftLayout->addWidget(m_filterEdit);
    leftLayout->addWidget(m_onlyProblems);
    leftLayout->addWidget(m_tree, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_poolFilter, &PoolFilterProxyModel::setFilterText);
    connect(m_onlyProblems, &QCheckBox::toggled, m_onlyProblemsAction, &QAction::setChecked);
    connect(m_onlyProblemsAction, &QAction::toggled, m_onlyProblems, &QCheckBox::setChecked);
    connect(m_onlyProblemsAction, &QAction::toggled, m_poolFilter, &PoolFilterProxyModel::setOnlyProblems);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged);
    connect(m_poolDecorator, &PoolTreeDecorator::repaintNeeded, m_tree->viewport(), qOverload<>(&QWidget::update));
    connect(m_tree, &QTreeView::activated, this, [this] {
        // A VM with a problem badge: straight to its rescue.
        if (const std::optional<VmState> vm = currentVm(); vm && vm->problems && !vm->isControlDomain) {
            openRescueWizard(vm->id);
            return;
        }
        const QString id = currentHostId();
        if (!id.isEmpty() && m_connections->host(id) && !m_connections->host(id)->isConnected())
            connectSelected();
    });

    // Right: message bar above the tabs.
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 6, 6, 6);
    m_messageBar = new MessageBar(right);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    rightLayout->addWidget(m_messageBar);
    m_xapiBanner = new XapiBanner(right);
    connect(m_xapiBanner, &XapiBanner::restartToolstackRequested, this, &MainWindow::openRescueOnHost);
    rightLayout->addWidget(m_xapiBanner->bar());

    m_tabs = new QTabWidget(right);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);

    m_overview = new OverviewPage(m_connections, m_monitor, m_poolModel, m_tabs);
    connect(m_overview, &OverviewPage::connectRequested, this, &MainWindow::connectSelected);
    connect(m_overview, &OverviewPage::disconnectRequested, this, &MainWindow::disconnectSelected);

    m_logsTab = new xr::LogsTab(m_connections, m_monitor, m_tabs);
    connect(m_logsTab, &xr::LogsTab::browserRequested, this, &MainWindow::openLogBrowser);
    connect(m_logsTab, &xr::LogsTab::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    m_networkPane = new NetworkPane(m_tabs);
    m_networkPane->setObjectName(QStringLiteral("networkTab"));
    m_memoryPane = new MemoryPane(m_tabs);
    m_memoryPane->setObjectName(QStringLiteral("memoryTab"));
    m_history = new HistoryPane(m_tabs);
    m_history->setObjectName(QStringLiteral("historyPane"));
    m_history->setLogFile(m_workspace->gateway()->historyLogFile());
    connect(m_workspace->gateway(), &CommandGateway::auditWritten, m_history, &HistoryPane::scheduleReload);

    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_logsTab, tr("Logs"));
    m_tabs->addTab(m_networkPane, tr("Network"));
    m_tabs->addTab(m_memoryPane, tr("Memory"));
    m_tabs->addTab(m_history, tr("History"));
    rightLayout->addWidget(m_tabs, 1);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({520, 580});

    // The lab pool banner spans the window above everything else in it.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_banner = new LabPoolBanner(central);
    m_banner->setActions(m_practiseAction, m_leaveLabAction);
    m_banner->hide();
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);
}

MessageBar* MainWindow::xapiBanner() const
{
    return m_xapiBanner->bar();
}

QString MainWindow::currentItemId() const
{
    return m_tree->currentIndex().siblingAtColumn(0).data(PoolTreeModel::IdRole).toString();
}

void MainWindow::selectItem(const QString& modelId)
{
    const QModelIndex source = m_poolModel->indexOf(modelId);
    const QModelIndex proxy = m_poolFilter->mapFromSource(m_poolDecorator->mapFromSource(source));
    if (proxy.isValid())
        m_tree->setCurrentIndex(proxy);
}

QString MainWindow::sessionIdForModelId(const QString& modelId) const
{
    return m_monitor->sessionIdForModelId(modelId);
}

QString MainWindow::currentHostId() const
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    if (!index.isValid() || index.data(PoolTreeModel::KindRole).toInt() != int(PoolTreeModel::Kind::Host))
        return {};
    return sessionIdForModelId(index.data(PoolTreeModel::IdRole).toString());
}

void MainWindow::selectHost(const QString& id)
{
    m_wantedHostId = id;
    selectItem(m_monitor->hostModelId(id));
}

void MainWindow::expandContainers(const QModelIndex& parent, int first, int last)
{
    // Pools and hosts open as they appear; VMs have nothing under them. After the insertion
    // has settled: expanding inside the proxies' rowsInserted re-enters them.
    QList<QPersistentModelIndex> rows;
    for (int row = first; row <= last; ++row)
        rows << QPersistentModelIndex(m_poolFilter->index(row, 0, parent));
    QTimer::singleShot(0, this, [this, rows] {
        for (const QPersistentModelIndex& index : rows) {
            if (!index.isValid() || index.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm))
                continue;
            m_tree->expand(index);
            for (int r = 0; r < m_poolFilter->rowCount(index); ++r) {
                const QModelIndex child = m_poolFilter->index(r, 0, index);
                if (child.data(PoolTreeModel::KindRole).toInt() != int(PoolTreeModel::Kind::Vm))
                    m_tree->expand(child);
            }
        }
    });
}

void MainWindow::openRescueOnHost(const QString& hostId)
{
    // The selected VM if it is on that host, else the VM there that looks worst.
    if (const std::optional<VmState> vm = currentVm(); vm && vm->hostId == hostId) {
        openRescueWizard(vm->id);
        return;
    }
    std::optional<VmState> best;
    for (const QString& scope : m_monitor->scopes()) {
        const QList<VmState> vms = m_monitor->vms(scope);
        for (const VmState& vm : vms) {
            if (vm.hostId != hostId || vm.isControlDomain)
                continue;
            if (!best || (vm.problems && !best->problems))
                best = vm;
        }
    }
    if (best)
        openRescueWizard(best->id);
    else
        m_messageBar->showMessage(MessageBar::Type::Information,
                                  tr("Select a VM on that host, then choose Rescue VM…: restarting the "
                                     "toolstack is rung 3 of its ladder."));
}

void MainWindow::onSelectionChanged()
{
    updatePanes();
    updateActions();
}

void MainWindow::followHostInPanes()
{
    QString sessionId = currentHostId();
    QString vmKey;
    const QModelIndex item = m_tree->currentIndex().siblingAtColumn(0);
    if (sessionId.isEmpty() && item.isValid() &&
        item.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm)) {
        sessionId = sessionIdForModelId(item.parent().data(PoolTreeModel::IdRole).toString());
        const QString uuid = item.data(PoolTreeModel::UuidRole).toString();
        const int domid = item.data(PoolTreeModel::DomainIdRole).toInt();
        vmKey = !uuid.isEmpty() ? uuid : domid >= 0 ? QStringLiteral("dom%1").arg(domid) : item.data().toString();
    }
    const HostSession* s = sessionId.isEmpty() ? nullptr : m_monitor->session(sessionId);
    RemoteHost* host = s ? s->host() : nullptr;
    if (!s || !s->isIdentified() || !host || !host->isConnected()) {
        m_networkPane->clearHost();
        m_memoryPane->clearHost();
        return;
    }
    // The panes follow the live session: while xapi does not answer they read without xe.
    CommandGateway* gateway = m_workspace->gateway();
    AuditLog* audit = m_connections->isUnsaved(sessionId) ? nullptr : &gateway->auditLog();
    HostSession* live = m_monitor->session(sessionId);
    m_networkPane->setSession(live, sessionId, audit);
    m_networkPane->setSelectedVm(vmKey);
    m_memoryPane->setSession(live, sessionId, audit, gateway);
}

void MainWindow::updatePanes()
{
    followHostInPanes();
    const QString id = currentHostId();
    const bool anyHost = !m_connections->hostIds().isEmpty();
    const QString connectKey = m_connectAction->shortcut().toString(QKeySequence::NativeText);

    // The Overview shows the row of the source model, the one its details are about.
    const QModelIndex item = m_tree->currentIndex().siblingAtColumn(0);
    m_overview->showSelection(id, m_poolDecorator->mapToSource(m_poolFilter->mapToSource(item)), connectKey);

    if (id.isEmpty()) {
        const QString select = anyHost ? tr("Select a host in the tree first.")
                                       : tr("Connect to a host first: choose Connect… (%1).").arg(connectKey);
        // A VM selected: its host's logs, as the Network and Memory tabs show its host.
        const QString vmHost =
            item.isValid() && item.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm)
                ? sessionIdForModelId(item.parent().data(PoolTreeModel::IdRole).toString())
                : QString();
        if (const HostSession* s = vmHost.isEmpty() ? nullptr : m_monitor->session(vmHost); s && s->host())
            m_logsTab->setHost(vmHost, m_connections->hostLabel(vmHost), s->host()->isConnected());
        else
            m_logsTab->setHost({}, {}, false, select);
        m_networkPane->setTitle(tr("Network"));
        m_networkPane->setText(tr("The path from physical NICs through bridges to each VM's virtual interfaces will "
                                  "be drawn here. %1")
                                   .arg(select));
        m_memoryPane->setTitle(tr("Memory"));
        m_memoryPane->setText(tr("How the host's memory is shared between Xen, dom0 and each VM, and dom0's memory "
                                 "settings, will appear here. %1")
                                  .arg(select));
        return;
    }

    const QString name = m_connections->hostLabel(id);
    const bool connected = m_connections->hostState(id) == HostState::Connected;
    const QString notConnected = tr("Connect to %1 to see this.").arg(name);
    m_logsTab->setHost(id, name, connected);
    m_networkPane->setTitle(tr("Network of %1").arg(name));
    m_networkPane->setText(tr("Physical NICs, bridges and the VMs' virtual interfaces will be drawn here. %1")
                               .arg(connected ? tr("Reading the host first…") : notConnected));
    m_memoryPane->setTitle(tr("Memory of %1").arg(name));
    m_memoryPane->setText(tr("Xen, dom0 and VM memory, and dom0's memory settings, will appear here. %1")
                              .arg(connected ? tr("Reading the host first…") : notConnected));
}

void MainWindow::openLogBrowser(const QString& hostId)
{
    auto* browser = new LogBrowserWindow(m_connections, m_monitor, this);
    browser->setWindowFlag(Qt::Window);
    browser->setDefaultHost(hostId.isEmpty() ? currentHostId() : hostId);
    browser->show();
}

std::optional<VmState> MainWindow::currentVm() const
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    if (!index.isValid() || index.data(PoolTreeModel::KindRole).toInt() != int(PoolTreeModel::Kind::Vm))
        return std::nullopt;
    const QVariant v = index.data(PoolTreeModel::VmStateRole);
    if (!v.canConvert<VmState>())
        return std::nullopt;
    return v.value<VmState>();
}

void MainWindow::offerPoolMembers(const QString& poolUuid, const QList<XapiHost>& offer)
{
    QStringList names;
    for (const XapiHost& h : offer)
        names << QStringLiteral("%1 (%2)").arg(h.name, h.address);
    m_messageHostId.clear();
    m_messageBar->showMessage(MessageBar::Type::Information,
                              tr("XenRescue is not connected to %n member(s) of this pool: %1. Rescue steps that "
                                 "destroy or crash a domain run on the VM's own host, so connect to them now, while "
                                 "you can.",
                                 nullptr, int(offer.size()))
                                  .arg(names.join(QStringLiteral(", "))));
    auto* connectAll = new QAction(tr("Connect to Them"), m_messageBar);
    connectAll->setObjectName(QStringLiteral("actionConnectMembers"));
    connect(connectAll, &QAction::triggered, this, [this, poolUuid, offer] {
        m_workspace->connectPoolMembers(poolUuid, offer);
        m_messageBar->hide();
    });
    m_messageBar->addAction(connectAll);
}

void MainWindow::showAuditFailure(const QString& message)
{
    m_messageHostId.clear();
    m_messageBar->showMessage(MessageBar::Type::Error, message);
}

void MainWindow::refreshSelected()
{
    const std::optional<VmState> vm = currentVm();
    m_workspace->refresh(vm ? vm->hostId : currentItemId());
    statusBar()->showMessage(tr("Reading the state again…"), 3000);
}

RescueWizard* MainWindow::openRescueWizard(const QString& vmId)
{
    // One wizard per VM: a second request brings the open one forward.
    const QList<RescueWizard*> open = findChildren<RescueWizard*>();
    for (RescueWizard* w : open) {
        if (w->run()->vmId() == vmId) {
            w->show();
            w->raise();
            w->activateWindow();
            return w;
        }
    }
    RescueRun* run = m_workspace->createRescue(vmId);
    auto* wizard = new RescueWizard(run, this);
    connect(wizard, &RescueWizard::connectHostRequested, this, [this, vmId](const QString& hostUuid) {
        // A pool member without a session (rungs 4 and 5 run there): saved and connected with
        // the credentials of the pool's other hosts.
        m_workspace->connectPoolMemberOf(vmId, hostUuid);
    });
    connect(wizard, &RescueWizard::startVmRequested, this, [this, vmId, run] {
        if (const std::optional<std::pair<QString, VmState>> found = m_monitor->findVm(vmId))
            sendVmAction(VmAction::Start, found->second, run->runId());
    });
    wizard->show();
    return wizard;
}

void MainWindow::runVmAction(VmAction action)
{
    const std::optional<VmState> vm = currentVm();
    if (!vm)
        return;
    if (!VmActions::isForced(action)) {
        sendVmAction(action, *vm);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, VmActions::displayName(action),
                                tr("%1 %2?").arg(VmActions::displayName(action), vm->name.toHtmlEscaped()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("forceActionBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setText(tr("%1 the VM \"%2\"?").arg(VmActions::displayName(action), vm->name.isEmpty() ? vm->uuid : vm->name));
    box->setInformativeText(VmActions::consequence(action) + QLatin1Char('\n') +
                            tr("If the VM is hung rather than just slow, Rescue VM… diagnoses it first and "
                               "picks the safest step."));
    QPushButton* go = box->addButton(VmActions::displayName(action), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("forceActionButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    const VmState target = *vm;
    connect(box, &QMessageBox::buttonClicked, this, [this, go, action, target](QAbstractButton* b) {
        if (b == go)
            sendVmAction(action, target);
    });
    box->open();
}

void MainWindow::sendVmAction(VmAction action, const VmState& vm, const QString& runId)
{
    const Result<void> sent = m_workspace->runVmAction(action, vm, runId);
    if (!sent) {
        m_messageBar->showMessage(MessageBar::Type::Error, sent.errorMessage());
        return;
    }
    statusBar()->showMessage(
        tr("%1: %2 sent").arg(VmActions::displayName(action), vm.name.isEmpty() ? vm.uuid : vm.name), 5000);
}

void MainWindow::onVmActionFinished(VmAction action, const QString& name, const CommandResult& r)
{
    if (r.succeeded()) {
        m_messageBar->showMessage(MessageBar::Type::Positive,
                                  tr("%1 of %2: done.").arg(VmActions::displayName(action), name));
        return;
    }
    QString why = r.error;
    if (why.isEmpty())
        why = QString::fromUtf8((r.stdErr.trimmed().isEmpty() ? r.stdOut : r.stdErr).trimmed().left(600));
    m_messageBar->showMessage(MessageBar::Type::Error,
                              tr("%1 of %2 failed: %3\nIf the VM is hung, Rescue VM… walks the safe steps.")
                                  .arg(VmActions::displayName(action), name, why));
}

void MainWindow::scheduleUpdate()
{
    m_updateTimer.start();
}

void MainWindow::updateAll()
{
    m_updateTimer.stop();
    m_xapiBanner->setProblems(m_monitor->xapiProblems());
    updatePanes();
    updateActions();
    updateStatus();
}

QString MainWindow::statusSummary() const
{
    const QStringList ids = m_connections->hostIds();
    if (ids.isEmpty())
        return tr("No hosts. Use Connect… to add one.");
    QStringList parts;
    int connected = 0;
    int problems = 0;
    for (const QString& id : ids) {
        const HostState state = m_connections->hostState(id);
        if (state == HostState::Connected)
            ++connected;
        if (ConnectionManager::isProblem(state))
            ++problems;
        if (state != HostState::Disconnected)
            parts.append(tr("%1 %2").arg(m_connections->hostLabel(id), hostStateName(state)));
    }
    QString totals = tr("Hosts: %1 · connected: %2").arg(ids.size()).arg(connected);
    if (problems > 0)
        totals += tr(" · with a problem: %1").arg(problems);
    int vms = 0;
    int vmProblems = 0;
    for (const QString& scope : m_monitor->scopes()) {
        for (const VmState& vm : m_monitor->vms(scope)) {
            if (vm.isControlDomain)
                continue;
            ++vms;
            vmProblems += vm.problems != Disagreements() ? 1 : 0;
        }
    }
    if (vms > 0)
        totals += tr(" · VMs: %1 · VMs with a problem: %2").arg(vms).arg(vmProblems);
    if (!m_monitor->xapiProblems().isEmpty())
        totals += tr(" · xapi not answering: %1").arg(m_monitor->xapiProblems().size());
    parts.append(totals);
    return parts.join(QStringLiteral(" · "));
}

void MainWindow::updateStatus()
{
    m_statusLabel->setText(statusSummary());
}

void MainWindow::onHostStateChanged(const QString& id, HostState state, const QString& message)
{
    scheduleUpdate();
    const QString name = m_connections->hostLabel(id);
    if (ConnectionManager::isProblem(state)) {
        m_messageHostId = id;
        const QString text = state == HostState::Lost ? tr("The connection to %1 was lost. %2").arg(name, message)
                                                      : tr("Could not connect to %1. %2").arg(name, message);
        m_messageBar->showMessage(MessageBar::Type::Error, text.trimmed());
        auto* retry = new QAction(tr("Try Again"), m_messageBar);
        retry->setToolTip(tr("Connect to %1 again").arg(name));
        connect(retry, &QAction::triggered, this, [this, id] {
            m_messageBar->hide();
            m_workspace->connectHost(id);
        });
        m_messageBar->addAction(retry);
    } else if (id == m_messageHostId && state != HostState::Disconnected) {
        m_messageBar->hide();
        m_messageHostId.clear();
    }
}

void MainWindow::showConnectDialog()
{
    auto* dialog = new ConnectDialog(this);
    dialog->setObjectName(QStringLiteral("connectDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SavedHost host = dialog->savedHost();
        const auto connectIt = [this, host] {
            if (m_workspace->isLabActive())
                m_workspace->demo()->stop(); // a real host: the lab pool makes room for the saved hosts
            const QString id = m_workspace->saveHost(host);
            selectHost(id);
            m_workspace->connectHost(id);
        };
        TeardownPrompt::ask(this, m_workspace, m_workspace->hostsTornDownByLab(false), tr("Leaving the lab pool"),
                            connectIt);
    });
    dialog->open();
}

void MainWindow::onDemoActiveChanged(bool active)
{
    // Lab hosts record their actions in a lab audit log of their own (the workspace sets it),
    // shown in History.
    m_history->setLogFile(m_workspace->gateway()->historyLogFile());
    m_banner->setVisible(active);
    m_leaveLabAction->setEnabled(active);
    m_leaveLabAction->setVisible(active);
    setWindowTitle(active ? tr("%1 — Lab Pool").arg(AppInfo::displayName()) : AppInfo::displayName());
    updatePanes();
    updateActions();
    updateStatus();
}

void MainWindow::onDemoScenarioStarted(const QString& scenario)
{
    m_banner->setScenario(DemoSession::scenarioTitle(scenario), DemoSession::scenarioDescription(scenario));
    if (const QStringList lab = m_workspace->demo()->hostIds(); !lab.isEmpty())
        selectHost(lab.constFirst());
}

void MainWindow::showPractiseDialog()
{
    auto* dialog = new PractiseDialog(m_workspace->demo()->scenario(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString scenario = dialog->scenario();
        TeardownPrompt::ask(this, m_workspace, m_workspace->hostsTornDownByLab(true), tr("Starting the lab pool"),
                            [this, scenario] {
                                if (const Result<void> started = m_workspace->demo()->start(scenario); !started) {
                                    m_messageHostId.clear();
                                    m_messageBar->showMessage(MessageBar::Type::Error, started.errorMessage());
                                }
                            });
    });
    dialog->open();
}

void MainWindow::connectSelected()
{
    const QString id = currentHostId();
    if (!id.isEmpty())
        m_workspace->connectHost(id);
}

void MainWindow::disconnectSelected()
{
    const QString id = currentHostId();
    if (id.isEmpty())
        return;
    TeardownPrompt::ask(this, m_workspace, {id}, tr("Disconnecting from %1").arg(m_connections->hostLabel(id)),
                        [this, id] { m_workspace->disconnectHost(id); });
}

void MainWindow::removeSelected()
{
    const QString id = currentHostId();
    if (id.isEmpty())
        return;
    const QString name = m_connections->hostLabel(id);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove Host"),
                                tr("Remove %1 from the list? XenRescue disconnects from it and forgets its "
                                   "connection settings. Passwords remembered in the keychain are not removed.")
                                    .arg(name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeHostBox"));
    box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton* button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            TeardownPrompt::ask(this, m_workspace, {id}, tr("Removing %1").arg(m_connections->hostLabel(id)),
                                [this, id] { m_workspace->removeHost(id); });
    });
    box->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About XenRescue"));
    box->setIconPixmap(QIcon(Resources::icon(QStringLiteral("xenrescue"))).pixmap(64, 64));
    box->setText(tr("<h3>XenRescue %1</h3>").arg(AppInfo::version()));
    box->setInformativeText(
        tr("<p>Finds out why a Xen virtual machine hangs and walks you through recovering it, safest step first, "
           "over SSH to dom0. A companion to XenCenter.</p>"
           "<p>Settings: %1<br>Data (known_hosts, audit log): %2</p>")
            .arg(QDir::toNativeSeparators(m_connections->paths().settingsFile()).toHtmlEscaped(),
                 QDir::toNativeSeparators(m_connections->paths().dataDir()).toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::openDataFolder()
{
    const QString dir = m_connections->paths().dataDir();
    QDir().mkpath(dir);
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir))) {
        m_messageHostId.clear();
        m_messageBar->showMessage(
            MessageBar::Type::Warning,
            tr("Could not open a file manager. The data folder is %1").arg(QDir::toNativeSeparators(dir)));
    }
}

void MainWindow::restoreLayout()
{
    const QSettings settings(m_connections->paths().settingsFile(), QSettings::IniFormat);
    restoreGeometry(settings.value(QStringLiteral("ui/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("ui/state")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings(m_connections->paths().settingsFile(), QSettings::IniFormat);
    settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("ui/state"), saveState());
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if ((watched == m_tree || (m_tree && watched == m_tree->viewport())) &&
        (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::KeyPress))
        m_wantedHostId.clear();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A state-changing command still running: ask first; the window closes once the admin's
    // choice has been carried out (never by killing it silently).
    if (!m_closeApproved && !m_workspace->actionsInFlight().isEmpty()) {
        event->ignore();
        TeardownPrompt::ask(this, m_workspace, {}, tr("Closing XenRescue"), [this] {
            m_closeApproved = true;
            close();
        });
        return;
    }
    saveLayout();
    event->accept();
}

} // namespace xr
