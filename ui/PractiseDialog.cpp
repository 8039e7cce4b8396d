#include "PractiseDialog.h"

#include "DemoSession.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace xr {

PractiseDialog::PractiseDialog(const QString& currentScenario, QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("practiseDialog"));
    setWindowTitle(tr("Practise a Rescue"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Choose a lab pool to practise on. It runs inside XenRescue: no host is contacted "
                                "and nothing you do there is real. Starting a scenario replaces the lab pool shown "
                                "now with a fresh one."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_list->setAccessibleName(tr("Practice scenarios"));
    for (const QString& name : DemoSession::scenarioNames()) {
        auto* item = new QListWidgetItem(DemoSession::scenarioTitle(name), m_list);
        item->setData(Qt::UserRole, name);
        item->setToolTip(DemoSession::scenarioDescription(name));
    }
    layout->addWidget(m_list, 1);

    m_description->setObjectName(QStringLiteral("scenarioDescription"));
    m_description->setWordWrap(true);
    m_description->setMinimumHeight(m_description->fontMetrics().lineSpacing() * 3);
    m_description->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_description);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Practice"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &PractiseDialog::updateDescription);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);

    selectScenario(currentScenario.isEmpty() ? DemoSession::defaultScenario() : currentScenario);
    m_list->setFocus();
    m_list->setSpacing(1);
    resize(520, 400);
}

PractiseDialog::~PractiseDialog() = default;

QString PractiseDialog::scenario() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void PractiseDialog::selectScenario(const QString& scenario)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == scenario) {
            m_list->setCurrentRow(i);
            return;
        }
    }
    m_list->setCurrentRow(0);
}

void PractiseDialog::updateDescription()
{
    const QString name = scenario();
    m_description->setText(name.isEmpty() ? QString() : DemoSession::scenarioDescription(name));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name.isEmpty());
}

} // namespace xr
