#include "LabPoolBanner.h"

#include "Resources.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>

namespace xr {

LabPoolBanner::LabPoolBanner(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_scenario(new QLabel(this))
    , m_choose(new QPushButton(this))
    , m_leave(new QPushButton(this))
{
    setObjectName(QStringLiteral("labPoolBanner"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(10);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(QIcon(Resources::icon(QStringLiteral("warning"))).pixmap(size, size));
    m_headline->setObjectName(QStringLiteral("labPoolHeadline"));
    m_headline->setText(tr("Lab pool — nothing here is real"));
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_scenario->setObjectName(QStringLiteral("labPoolScenario"));
    m_scenario->setWordWrap(true);
    m_scenario->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_choose->setObjectName(QStringLiteral("labPoolChooseButton"));
    m_leave->setObjectName(QStringLiteral("labPoolLeaveButton"));
    m_choose->hide();
    m_leave->hide();
    layout->addWidget(m_icon);
    layout->addWidget(m_headline);
    layout->addWidget(m_scenario, 1);
    layout->addWidget(m_choose);
    layout->addWidget(m_leave);

    setAccessibleName(m_headline->text());
    setAutoFillBackground(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

LabPoolBanner::~LabPoolBanner() = default;

QString LabPoolBanner::headline() const
{
    return m_headline->text();
}

QString LabPoolBanner::scenarioText() const
{
    return m_scenario->text();
}

void LabPoolBanner::setScenario(const QString& title, const QString& description)
{
    m_scenario->setText(tr("Practising: %1").arg(title));
    m_scenario->setToolTip(description);
    setAccessibleDescription(tr("Practising: %1. %2").arg(title, description));
}

void LabPoolBanner::setActions(QAction* chooseScenario, QAction* leave)
{
    const auto bind = [](QPushButton* button, QAction* action) {
        button->setText(action->text());
        button->setToolTip(action->toolTip());
        button->setVisible(true);
        QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
        QObject::connect(action, &QAction::changed, button, [button, action] {
            button->setText(action->text());
            button->setEnabled(action->isEnabled());
            button->setVisible(action->isVisible());
        });
    };
    bind(m_choose, chooseScenario);
    bind(m_leave, leave);
}

QColor LabPoolBanner::accentColour()
{
    return QColor(0xe0, 0x8a, 0x00); // amber: "caution, practice"
}

QColor LabPoolBanner::fillColour(const QPalette& palette)
{
    // Amber mixed into the window colour: a light amber on light palettes, a dark one on dark
    // palettes, so the palette's own text colour stays readable on it.
    const QColor base = palette.color(QPalette::Window);
    const QColor accent = accentColour();
    const bool dark = base.lightness() < 128;
    const int weight = dark ? 45 : 35; // percent of amber
    const auto mix = [weight](int a, int b) { return (a * (100 - weight) + b * weight) / 100; };
    return QColor(mix(base.red(), accent.red()), mix(base.green(), accent.green()), mix(base.blue(), accent.blue()));
}

void LabPoolBanner::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(rect(), fillColour(palette()));
    p.fillRect(QRect(0, height() - 2, width(), 2), accentColour());
    QWidget::paintEvent(event);
}

void LabPoolBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace xr
