#include "HistoryPane.h"

#include "AuditHistoryModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace xr {

HistoryPane::HistoryPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new AuditHistoryModel(this))
    , m_host(new QComboBox(this))
    , m_vm(new QLineEdit(this))
    , m_actionsOnly(new QCheckBox(tr("Only &actions"), this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* filters = new QHBoxLayout;
    auto* hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    m_host->setObjectName(QStringLiteral("historyHost"));
    m_host->setAccessibleName(tr("Filter the history by host"));
    m_host->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* vmLabel = new QLabel(tr("&VM:"), this);
    vmLabel->setBuddy(m_vm);
    m_vm->setObjectName(QStringLiteral("historyVm"));
    m_vm->setPlaceholderText(tr("name or UUID"));
    m_vm->setClearButtonEnabled(true);
    m_vm->setAccessibleName(tr("Filter the history by VM"));
    m_actionsOnly->setObjectName(QStringLiteral("historyActionsOnly"));
    m_actionsOnly->setToolTip(tr("Hide the reads XenRescue makes to follow the hosts' state"));
    m_actionsOnly->setChecked(true);
    filters->addWidget(hostLabel);
    filters->addWidget(m_host);
    filters->addWidget(vmLabel);
    filters->addWidget(m_vm, 1);
    filters->addWidget(m_actionsOnly);
    layout->addLayout(filters);

    m_model->setActionsOnly(true);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setAccessibleName(tr("Audit log"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->resizeSection(AuditHistoryModel::TimeColumn, 150);
    m_view->header()->resizeSection(AuditHistoryModel::HostColumn, 160);
    m_view->header()->resizeSection(AuditHistoryModel::VmColumn, 130);
    m_view->header()->resizeSection(AuditHistoryModel::ActionColumn, 150);
    m_view->header()->resizeSection(AuditHistoryModel::CommandColumn, 320);
    layout->addWidget(m_view, 1);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_reload.setSingleShot(true);
    m_reload.setInterval(400);
    connect(&m_reload, &QTimer::timeout, this, &HistoryPane::reload);
    connect(m_host, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setHostFilter(m_host->currentData().toString()); });
    connect(m_vm, &QLineEdit::textChanged, m_model, &AuditHistoryModel::setVmFilter);
    connect(m_actionsOnly, &QCheckBox::toggled, m_model, &AuditHistoryModel::setActionsOnly);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_status->setText(tr("%1 of %2 entries shown · %3")
                              .arg(m_model->rowCount())
                              .arg(m_model->totalCount())
                              .arg(QDir::toNativeSeparators(m_model->filePath())));
    });
    updateHosts();
}

HistoryPane::~HistoryPane() = default;

void HistoryPane::setLogFile(const QString& path)
{
    if (path == m_model->filePath())
        return;
    const Result<void> r = m_model->load(path);
    if (!r)
        m_status->setText(r.errorMessage());
    updateHosts();
}

void HistoryPane::scheduleReload()
{
    m_reload.start();
}

void HistoryPane::reload()
{
    const Result<void> r = m_model->reload();
    if (!r)
        m_status->setText(r.errorMessage());
    updateHosts();
}

void HistoryPane::setVmFilter(const QString& text)
{
    m_vm->setText(text);
}

void HistoryPane::updateHosts()
{
    const QString current = m_host->currentData().toString();
    const QSignalBlocker block(m_host);
    m_host->clear();
    m_host->addItem(tr("All hosts"), QString());
    for (const QString& h : m_model->hosts())
        m_host->addItem(h, h);
    const int index = m_host->findData(current);
    m_host->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0 && !current.isEmpty())
        m_model->setHostFilter(QString());
}

} // namespace xr
