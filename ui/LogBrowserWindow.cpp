#include "LogBrowserWindow.h"

#include "LogBrowserPane.h"
#include "LogPane.h"
#include "LogSource.h"
#include "LogView.h"
#include "MergedLog.h"

#include <QAction>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace xr {

LogBrowserWindow::LogBrowserWindow(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent)
    : QMainWindow(parent)
    , m_connections(connections)
    , m_monitor(monitor)
    , m_stack(new QStackedWidget(this))
    , m_split(new QSplitter(Qt::Horizontal, m_stack))
    , m_mergedPane(new LogPane(m_stack))
{
    setObjectName(QStringLiteral("logBrowser"));
    setWindowTitle(tr("Logs — side by side"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_mergedPane->setObjectName(QStringLiteral("mergedPane"));
    m_stack->addWidget(m_split);
    m_stack->addWidget(m_mergedPane);
    setCentralWidget(m_stack);

    auto* tools = addToolBar(tr("Log Browser"));
    tools->setObjectName(QStringLiteral("logBrowserToolBar"));
    m_addAction = tools->addAction(tr("Add Pane"), this, [this] { addPane(); });
    m_addAction->setObjectName(QStringLiteral("actionAddPane"));
    m_removeAction = tools->addAction(tr("Remove Pane"), this, &LogBrowserWindow::removePane);
    m_removeAction->setObjectName(QStringLiteral("actionRemovePane"));
    tools->addSeparator();
    m_syncAction = tools->addAction(tr("Sync by Time"));
    m_syncAction->setObjectName(QStringLiteral("actionSyncByTime"));
    m_syncAction->setCheckable(true);
    m_syncAction->setChecked(true);
    m_syncAction->setToolTip(tr("Selecting a line scrolls the other panes to the nearest timestamp"));
    m_mergeAction = tools->addAction(tr("Merge"));
    m_mergeAction->setObjectName(QStringLiteral("actionMerge"));
    m_mergeAction->setCheckable(true);
    m_mergeAction->setToolTip(tr("Interleave the open logs by time in one view"));
    connect(m_mergeAction, &QAction::toggled, this, &LogBrowserWindow::setMerged);
    connect(m_mergedPane, &LogPane::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 5000); });

    for (int i = 0; i < MinPanes; ++i)
        addPane();
    resize(1400, 800);
    updateActions();
}

LogBrowserWindow::~LogBrowserWindow()
{
    dropMerge();
}

QList<LogBrowserPane*> LogBrowserWindow::panes() const
{
    QList<LogBrowserPane*> out;
    for (int i = 0; i < m_split->count(); ++i)
        if (auto* p = qobject_cast<LogBrowserPane*>(m_split->widget(i)))
            out << p;
    return out;
}

LogBrowserPane* LogBrowserWindow::addPane()
{
    if (panes().size() >= MaxPanes)
        return nullptr;
    auto* pane = new LogBrowserPane(m_connections, m_monitor, m_split);
    m_split->addWidget(pane);
    if (!m_defaultHost.isEmpty())
        pane->setHost(m_defaultHost);
    connect(pane->pane(), &LogPane::currentLineChanged, this, [this, pane] { syncFrom(pane->pane()); });
    connect(pane->pane(), &LogPane::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    connect(pane, &LogBrowserPane::replacing, this, [this](LogSource* old) {
        if (m_merged && m_merged->sources().contains(old))
            setMerged(false);
    });
    updateActions();
    return pane;
}

void LogBrowserWindow::removePane()
{
    const QList<LogBrowserPane*> all = panes();
    if (all.size() <= MinPanes)
        return;
    LogBrowserPane* last = all.constLast();
    if (m_merged && last->source() && m_merged->sources().contains(last->source()))
        setMerged(false);
    delete last;
    updateActions();
}

void LogBrowserWindow::setDefaultHost(const QString& hostId)
{
    m_defaultHost = hostId;
    for (LogBrowserPane* p : panes()) {
        p->refreshHosts();
        if (!hostId.isEmpty() && !p->source())
            p->setHost(hostId);
    }
}

void LogBrowserWindow::updateActions()
{
    const int n = int(panes().size());
    m_addAction->setEnabled(n < MaxPanes && !isMerged());
    m_removeAction->setEnabled(n > MinPanes && !isMerged());
}

void LogBrowserWindow::setSyncByTime(bool on)
{
    m_syncAction->setChecked(on);
}

bool LogBrowserWindow::syncByTime() const
{
    return m_syncAction->isChecked();
}

void LogBrowserWindow::syncFrom(LogPane* from)
{
    if (m_syncing || !syncByTime())
        return;
    const std::optional<qint64> key = from->currentTimeKey();
    if (!key)
        return;
    m_syncing = true;
    for (LogBrowserPane* p : panes())
        if (p->pane() != from && p->source() && p->source()->isReady())
            p->pane()->goToTime(*key);
    m_syncing = false;
}

bool LogBrowserWindow::isMerged() const
{
    return m_stack->currentWidget() == m_mergedPane;
}

void LogBrowserWindow::dropMerge()
{
    m_mergedPane->setDocument(nullptr);
    if (m_merged) {
        m_merged->cancel();
        delete m_merged.data();
    }
}

void LogBrowserWindow::setMerged(bool on)
{
    if (on == isMerged()) {
        const QSignalBlocker block(m_mergeAction);
        m_mergeAction->setChecked(on);
        return;
    }
    if (!on) {
        dropMerge();
        m_stack->setCurrentWidget(m_split);
        const QSignalBlocker block(m_mergeAction);
        m_mergeAction->setChecked(false);
        updateActions();
        return;
    }
    QList<LogSource*> sources;
    for (LogBrowserPane* p : panes())
        if (p->source() && p->source()->isReady())
            sources << p->source();
    if (sources.size() < 2) {
        statusBar()->showMessage(tr("Open at least two logs to merge them."), 5000);
        const QSignalBlocker block(m_mergeAction);
        m_mergeAction->setChecked(false);
        return;
    }
    dropMerge();
    m_merged = new MergedLog(sources, this);
    m_mergedPane->setDocument(m_merged);
    m_merged->build();
    m_stack->setCurrentWidget(m_mergedPane);
    const QSignalBlocker block(m_mergeAction);
    m_mergeAction->setChecked(true);
    updateActions();
}

} // namespace xr
