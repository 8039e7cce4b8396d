#include "LogBrowserPane.h"

#include "ConnectionManager.h"
#include "HostSession.h"
#include "LogFileModel.h"
#include "LogPane.h"
#include "LogSource.h"
#include "PoolMonitor.h"
#include "RemoteHost.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace xr {

LogBrowserPane::LogBrowserPane(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_monitor(monitor)
    , m_host(new QComboBox(this))
    , m_path(new QComboBox(this))
    , m_files(new LogFileModel(this))
    , m_pane(new LogPane(this))
{
    setObjectName(QStringLiteral("logBrowserPane"));
    m_host->setObjectName(QStringLiteral("browserHost"));
    m_host->setAccessibleName(tr("Host"));
    m_path->setObjectName(QStringLiteral("browserPath"));
    m_path->setAccessibleName(tr("Log to show"));
    m_path->setEditable(true);
    m_path->setInsertPolicy(QComboBox::NoInsert);
    m_path->setModel(m_files);
    m_path->lineEdit()->setPlaceholderText(tr("a log of the list, or any path"));
    auto* open = new QPushButton(tr("Open"), this);
    open->setObjectName(QStringLiteral("browserOpen"));
    auto* row = new QHBoxLayout;
    row->setContentsMargins(2, 2, 2, 0);
    row->addWidget(m_host);
    row->addWidget(m_path, 1);
    row->addWidget(open);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_pane, 1);

    connect(open, &QPushButton::clicked, this, &LogBrowserPane::openChosen);
    connect(m_path->lineEdit(), &QLineEdit::returnPressed, this, &LogBrowserPane::openChosen);
    connect(m_path, &QComboBox::activated, this, &LogBrowserPane::openChosen);
    connect(m_host, &QComboBox::currentIndexChanged, this, [this] {
        const QString id = hostId();
        RemoteHost* h = id.isEmpty() ? nullptr : m_connections->host(id);
        if (!h || !h->isConnected()) {
            m_files->clear();
            return;
        }
        FlavourKind flavour = FlavourKind::XapiModern;
        if (const HostSession* s = m_monitor ? m_monitor->session(id) : nullptr; s && s->isIdentified())
            flavour = s->identity().flavour.kind;
        m_files->refresh(h, flavour);
    });
    refreshHosts();
}

LogBrowserPane::~LogBrowserPane() = default;

void LogBrowserPane::refreshHosts()
{
    const QString keep = hostId();
    QSignalBlocker block(m_host);
    m_host->clear();
    for (const QString& id : m_connections->hostIds()) {
        RemoteHost* h = m_connections->host(id);
        if (h && h->isConnected())
            m_host->addItem(m_connections->hostLabel(id), id);
    }
    m_host->addItem(tr("This computer"), QString());
    const int index = m_host->findData(keep);
    m_host->setCurrentIndex(-1);
    block.unblock();
    m_host->setCurrentIndex(qMax(0, index));
}

void LogBrowserPane::setHost(const QString& id)
{
    const int index = m_host->findData(id);
    if (index >= 0)
        m_host->setCurrentIndex(index);
}

QString LogBrowserPane::hostId() const
{
    return m_host->currentData().toString();
}

void LogBrowserPane::openChosen()
{
    const QString text = m_path->currentText().trimmed();
    if (text.isEmpty())
        return;
    LogOrigin origin;
    origin.hostName = m_host->currentText();
    const int row = m_path->currentIndex();
    const bool fromList = row >= 0 && m_path->itemText(row) == m_path->currentText();
    if (fromList) {
        const QModelIndex index = m_files->index(row, 0);
        origin.path = index.data(LogFileModel::PathRole).toString();
        origin.command = index.data(LogFileModel::CommandRole).toString();
    } else {
        origin.path = text;
    }
    const QString id = hostId();
    if (id.isEmpty()) {
        origin.kind = LogOrigin::Kind::LocalFile;
        open(nullptr, origin);
        return;
    }
    origin.kind = origin.command.isEmpty() ? LogOrigin::Kind::RemoteFile : LogOrigin::Kind::Command;
    open(m_connections->host(id), origin);
}

void LogBrowserPane::open(RemoteHost* host, const LogOrigin& origin)
{
    LogSource* old = m_source;
    if (old)
        Q_EMIT replacing(old);
    m_source = new LogSource(host, origin, this);
    m_pane->setDocument(m_source);
    delete old;
    m_source->open();
    Q_EMIT opened();
}

} // namespace xr
