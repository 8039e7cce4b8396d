#include "LogsTab.h"

#include "ConnectionManager.h"
#include "EmptyStatePane.h"
#include "HostSession.h"
#include "LogFileModel.h"
#include "LogFilterJob.h"
#include "LogPane.h"
#include "LogSource.h"
#include "LogView.h"
#include "PoolMonitor.h"
#include "RemoteHost.h"
#include "Resources.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThread>
#include <QThreadPool>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace xr {

namespace {
constexpr int kLineRole = Qt::UserRole + 1;
constexpr int kPaneRole = Qt::UserRole + 2;
} // namespace

LogsTab::LogsTab(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_monitor(monitor)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyStatePane(m_stack))
    , m_hostLabel(new QLabel(this))
    , m_files(new LogFileModel(this))
    , m_fileView(new QTreeView(this))
    , m_pathEdit(new QLineEdit(this))
    , m_scan(new QPushButton(tr("Scan for &Known Problems"), this))
    , m_tabs(new QTabWidget(this))
    , m_hint(new QLabel(this))
    , m_problems(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("logsTab"));
    m_empty->setObjectName(QStringLiteral("logsPane"));
    m_empty->setIcon(Resources::icon(QStringLiteral("logs")));

    auto* page = new QWidget(m_stack);
    auto* left = new QWidget(page);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_hostLabel->setObjectName(QStringLiteral("logsHostLabel"));
    m_fileView->setObjectName(QStringLiteral("logFileList"));
    m_fileView->setAccessibleName(tr("Log files"));
    m_fileView->setModel(m_files);
    m_fileView->setRootIsDecorated(false);
    m_fileView->setAllColumnsShowFocus(true);
    m_fileView->setTextElideMode(Qt::ElideMiddle);
    m_fileView->setMinimumWidth(160);
    m_fileView->header()->setStretchLastSection(false);
    m_fileView->header()->setSectionResizeMode(LogFileModel::NameColumn, QHeaderView::Stretch);
    m_fileView->header()->setSectionResizeMode(LogFileModel::SizeColumn, QHeaderView::ResizeToContents);
    m_fileView->header()->setSectionResizeMode(LogFileModel::ModifiedColumn, QHeaderView::ResizeToContents);
    m_pathEdit->setObjectName(QStringLiteral("logPathEdit"));
    m_pathEdit->setPlaceholderText(tr("Other path on the host, e.g. /var/log/xen/qemu-dm-7.log"));
    m_pathEdit->setAccessibleName(tr("Remote path to open"));
    auto* openPath = new QPushButton(tr("&Open"), left);
    openPath->setObjectName(QStringLiteral("openPathButton"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathEdit, 1);
    pathRow->addWidget(openPath);
    auto* refresh = new QPushButton(tr("Refresh List"), left);
    auto* local = new QPushButton(tr("Open &Local File…"), left);
    local->setObjectName(QStringLiteral("openLocalButton"));
    auto* browser = new QPushButton(tr("&Side by Side…"), left);
    browser->setObjectName(QStringLiteral("sideBySideButton"));
    browser->setToolTip(tr("Open the Log Browser: two to four logs from any host, synchronised or merged by time"));
    m_scan->setObjectName(QStringLiteral("scanButton"));
    m_scan->setToolTip(tr("Look for the error catalogue's known problems in every open log"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(local);
    auto* buttons2 = new QHBoxLayout;
    buttons2->addWidget(m_scan);
    buttons2->addWidget(browser);
    leftLayout->addWidget(m_hostLabel);
    leftLayout->addWidget(m_fileView, 1);
    leftLayout->addLayout(pathRow);
    leftLayout->addLayout(buttons);
    leftLayout->addLayout(buttons2);

    m_tabs->setObjectName(QStringLiteral("logTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    m_problems->setObjectName(QStringLiteral("knownProblems"));
    m_problems->setAccessibleName(tr("Known problems found"));
    m_problems->setHeaderLabels({tr("Known problem"), tr("Log"), tr("Line")});
    m_problems->setRootIsDecorated(false);
    m_problems->hide();
    m_hint->setObjectName(QStringLiteral("logsHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("Double-click a log on the left to read it: it opens at its end, older lines come as you "
                       "scroll up. Ctrl+F finds text; lines with a known problem carry a dot."));
    auto* rightPage = new QWidget(page);
    auto* rightLayout = new QVBoxLayout(rightPage);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_hint, 1);
    rightLayout->addWidget(m_tabs, 1);
    m_tabs->hide();
    auto* rightSplit = new QSplitter(Qt::Vertical, page);
    rightSplit->addWidget(rightPage);
    rightSplit->addWidget(m_problems);
    rightSplit->setStretchFactor(0, 3);
    rightSplit->setStretchFactor(1, 1);

    auto* split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(left);
    split->addWidget(rightSplit);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({280, 900});
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(split);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_fileView, &QTreeView::activated, this, &LogsTab::openSelected);
    connect(openPath, &QPushButton::clicked, this, &LogsTab::openPath);
    connect(m_pathEdit, &QLineEdit::returnPressed, this, &LogsTab::openPath);
    connect(local, &QPushButton::clicked, this, &LogsTab::openLocal);
    connect(refresh, &QPushButton::clicked, this, [this] {
        if (RemoteHost* h = m_connections->host(m_hostId); h && h->isConnected())
            m_files->refresh(h, flavour());
    });
    connect(browser, &QPushButton::clicked, this, [this] { Q_EMIT browserRequested(m_hostId); });
    connect(m_scan, &QPushButton::clicked, this, &LogsTab::scanForKnownProblems);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &LogsTab::closeTab);
    connect(m_files, &LogFileModel::failed, this, &LogsTab::statusMessage);
    connect(m_problems, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        auto* pane = qobject_cast<LogPane*>(item->data(0, kPaneRole).value<QObject*>());
        if (!pane || m_tabs->indexOf(pane) < 0)
            return;
        m_tabs->setCurrentWidget(pane);
        pane->view()->setCurrentLine(item->data(0, kLineRole).toULongLong());
        pane->view()->setFocus();
    });
    setHost({}, {}, false, {});
}

LogsTab::~LogsTab()
{
    cancelScan();
}

FlavourKind LogsTab::flavour() const
{
    if (m_monitor)
        if (const HostSession* s = m_monitor->session(m_hostId); s && s->isIdentified())
            return s->identity().flavour.kind;
    return FlavourKind::XapiModern;
}

void LogsTab::setHost(const QString& id, const QString& name, bool connected, const QString& hint)
{
    const bool identified = m_monitor && m_monitor->session(id) && m_monitor->session(id)->isIdentified();
    const bool changed = id != m_hostId || connected != m_connected;
    m_hostId = id;
    m_hostName = name;
    m_connected = connected;
    if (id.isEmpty() || !connected) {
        m_empty->setTitle(id.isEmpty() ? tr("Logs") : tr("Logs of %1").arg(name));
        m_empty->setText(id.isEmpty()
                             ? tr("The host's logs (xensource.log, SMlog, the hypervisor's own) are listed and read "
                                  "here, side by side and merged by time. %1")
                                   .arg(hint)
                             : tr("Connect to %1 to read its logs.").arg(name));
        // Logs already open stay readable: show them when there are any.
        m_stack->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0);
        if (changed) {
            m_files->clear();
            m_listed = false;
        }
        m_hostLabel->setText(id.isEmpty() ? tr("No host selected") : tr("%1 is not connected").arg(name));
        return;
    }
    m_stack->setCurrentIndex(1);
    m_hostLabel->setText(tr("Logs on %1").arg(name));
    // List again once the flavour is known (a first listing may have guessed it).
    if (changed || (!m_listed && identified)) {
        m_listed = identified;
        m_files->refresh(m_connections->host(id), flavour());
        disconnect(m_identifiedConnection);
        if (HostSession* s = m_monitor ? m_monitor->session(id) : nullptr; s && !identified)
            m_identifiedConnection = connect(s, &HostSession::identified, this, [this, id] {
                if (id == m_hostId && m_connected && !m_listed) {
                    m_listed = true;
                    m_files->refresh(m_connections->host(id), flavour());
                }
            });
    }
}

QList<LogPane*> LogsTab::panes() const
{
    QList<LogPane*> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* p = qobject_cast<LogPane*>(m_tabs->widget(i)))
            out << p;
    return out;
}

LogPane* LogsTab::currentPane() const
{
    return qobject_cast<LogPane*>(m_tabs->currentWidget());
}

LogPane* LogsTab::openLog(const LogOrigin& origin)
{
    for (LogPane* p : panes()) {
        if (p->source() && p->source()->origin().displayName() == origin.displayName()) {
            m_tabs->setCurrentWidget(p);
            return p;
        }
    }
    RemoteHost* host = origin.kind == LogOrigin::Kind::LocalFile ? nullptr : m_connections->host(m_hostId);
    if (origin.kind != LogOrigin::Kind::LocalFile && !host)
        return nullptr;
    auto* pane = new LogPane(m_tabs);
    auto* source = new LogSource(host, origin, pane);
    pane->setDocument(source);
    connect(pane, &LogPane::statusMessage, this, &LogsTab::statusMessage);
    const QString title = origin.kind == LogOrigin::Kind::LocalFile ? origin.path.section(QLatin1Char('/'), -1)
                                                                    : origin.path.section(QLatin1Char('/'), -1);
    const int index = m_tabs->addTab(pane, title);
    m_hint->hide();
    m_tabs->show();
    m_tabs->setTabToolTip(index, origin.displayName());
    m_tabs->setCurrentIndex(index);
    m_stack->setCurrentIndex(1);
    source->open();
    pane->view()->setFocus();
    return pane;
}

void LogsTab::openSelected()
{
    const QModelIndex index = m_fileView->currentIndex();
    if (!index.isValid())
        return;
    LogOrigin origin;
    origin.hostName = m_hostName;
    origin.path = index.data(LogFileModel::PathRole).toString();
    origin.command = index.data(LogFileModel::CommandRole).toString();
    origin.kind = origin.command.isEmpty() ? LogOrigin::Kind::RemoteFile : LogOrigin::Kind::Command;
    openLog(origin);
}

void LogsTab::openPath()
{
    const QString path = m_pathEdit->text().trimmed();
    if (path.isEmpty() || m_hostId.isEmpty())
        return;
    LogOrigin origin;
    origin.hostName = m_hostName;
    origin.path = path;
    openLog(origin);
}

void LogsTab::openLocal()
{
    auto* dialog = new QFileDialog(this, tr("Open a Local Log"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        LogOrigin origin;
        origin.kind = LogOrigin::Kind::LocalFile;
        origin.path = path;
        openLog(origin);
    });
    dialog->open();
}

void LogsTab::closeTab(int index)
{
    QWidget* w = m_tabs->widget(index);
    if (!w)
        return;
    if (isScanning())
        cancelScan();
    m_tabs->removeTab(index);
    for (int i = m_problems->topLevelItemCount() - 1; i >= 0; --i)
        if (m_problems->topLevelItem(i)->data(0, kPaneRole).value<QObject*>() == w)
            delete m_problems->takeTopLevelItem(i);
    delete w;
    if (m_tabs->count() == 0) {
        m_tabs->hide();
        m_hint->show();
        if (!m_connected)
            m_stack->setCurrentIndex(0);
    }
}

void LogsTab::cancelScan()
{
    const QList<QPointer<LogFilterJob>> jobs = m_scanJobs;
    m_scanJobs.clear();
    for (const QPointer<LogFilterJob>& job : jobs) {
        LogFilterJob* j = job.data();
        if (!j)
            continue;
        j->requestInterruption();
        if (!QThreadPool::globalInstance()->tryTake(j))
            while (!j->isDone())
                QThread::yieldCurrentThread();
        if (auto* pane = qobject_cast<LogPane*>(j->parent()); pane && pane->source())
            pane->source()->unpin();
        delete j;
    }
    m_scan->setEnabled(true);
}

void LogsTab::scanForKnownProblems()
{
    cancelScan();
    m_problems->clear();
    m_problems->show();
    const QList<LogPane*> open = panes();
    for (LogPane* pane : open) {
        LogSource* source = pane->source();
        if (!source || !source->isReady())
            continue;
        LogFilterRequest request;
        request.kind = LogFilterRequest::Kind::Catalogue;
        request.matcher = LogPane::catalogue();
        // Parented to the pane only to find it again; deleted here, never by the pane.
        auto* job = new LogFilterJob(*source, request);
        job->setParent(pane);
        source->pin();
        connect(
            job, &LogFilterJob::finished, this, [this, job, pane] { finishScanJob(job, pane); }, Qt::QueuedConnection);
        m_scanJobs.append(job);
        QThreadPool::globalInstance()->start(job);
    }
    if (m_scanJobs.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_problems, {tr("Open a log first: the scan reads the open logs.")});
        Q_UNUSED(item);
        return;
    }
    m_scan->setEnabled(false);
    Q_EMIT statusMessage(tr("Scanning %n log(s) for known problems…", nullptr, int(m_scanJobs.size())));
}

void LogsTab::finishScanJob(LogFilterJob* job, LogPane* pane)
{
    if (!m_scanJobs.contains(job))
        return; // cancelled and deleted
    m_scanJobs.removeAll(job);
    const CatalogueMatcher& matcher = LogPane::catalogue();
    const QLocale locale;
    LogSource* source = pane->source();
    for (const LogCatalogueHit& hit : job->hits()) {
        const CatalogueEntry& e = matcher.catalogue().entries().at(hit.entryIndex);
        auto* item = new QTreeWidgetItem(m_problems);
        item->setText(0, e.title.text(locale));
        item->setText(1, source->origin().displayName());
        item->setText(2, QString::fromUtf8(source->lineBytes(hit.line)).left(300));
        item->setToolTip(2, item->text(2));
        item->setData(0, kLineRole, QVariant::fromValue<qulonglong>(hit.line));
        item->setData(0, kPaneRole, QVariant::fromValue<QObject*>(pane));
    }
    source->unpin();
    job->setParent(nullptr);
    job->deleteLater();
    if (m_scanJobs.isEmpty()) {
        m_scan->setEnabled(true);
        const int n = m_problems->topLevelItemCount();
        if (n == 0)
            new QTreeWidgetItem(m_problems, {tr("No known problem in the open logs.")});
        Q_EMIT statusMessage(tr("%n known problem(s) found in the open logs.", nullptr, n));
    }
}

} // namespace xr
