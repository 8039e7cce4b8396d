#include "MessageBar.h"

#include "Resources.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QResizeEvent>
#include <QStyle>
#include <QToolButton>

namespace xr {

MessageBar::MessageBar(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_actions(new QHBoxLayout)
    , m_close(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_actions);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide this message"));
    m_close->setAccessibleName(tr("Hide message"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    setAccessibleName(tr("Message bar"));
    setVisible(false);
}

MessageBar::~MessageBar() = default;

void MessageBar::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // A word-wrapped label does not make its parent layout tall enough by itself: ask the
    // layout how tall the text is at this width so long messages are never cut off.
    const int needed = layout()->heightForWidth(width());
    if (needed > 0 && needed != minimumHeight())
        setMinimumHeight(needed);
}

void MessageBar::showMessage(Type type, const QString& text)
{
    clearActions();
    m_type = type;
    QString icon;
    switch (type) {
    case Type::Information:
    case Type::Positive:
        icon = Resources::icon(QStringLiteral("info"));
        break;
    case Type::Warning:
        icon = Resources::icon(QStringLiteral("warning"));
        break;
    case Type::Error:
        icon = Resources::icon(QStringLiteral("error"));
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(QIcon(icon).pixmap(size, size));
    m_text->setText(text);
    setAccessibleDescription(text);
    setMinimumHeight(layout()->heightForWidth(qMax(width(), 200)));
    show();
    update();
}

void MessageBar::addAction(QAction* action)
{
    auto* button = new QPushButton(action->text(), this);
    button->setToolTip(action->toolTip());
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    m_actions->addWidget(button);
}

void MessageBar::clearActions()
{
    while (QLayoutItem* item = m_actions->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString MessageBar::text() const
{
    return m_text->text();
}

QColor MessageBar::tint() const
{
    switch (m_type) {
    case Type::Information:
        return QColor(0x3b, 0x7b, 0xbf);
    case Type::Positive:
        return QColor(0x2e, 0x9d, 0x5b);
    case Type::Warning:
        return QColor(0xe3, 0xa2, 0x1a);
    case Type::Error:
        return QColor(0xd0, 0x39, 0x2b);
    }
    return palette().color(QPalette::Highlight);
}

void MessageBar::paintEvent(QPaintEvent* event)
{
    // Mix the type's colour into the window colour, as KMessageWidget does, so the bar
    // is tinted on light and dark palettes alike.
    const QColor base = palette().color(QPalette::Window);
    const QColor accent = tint();
    const auto mix = [](int a, int b) { return (a * 4 + b) / 5; };
    const QColor fill(mix(base.red(), accent.red()), mix(base.green(), accent.green()),
                      mix(base.blue(), accent.blue()));
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(accent, 1));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    QWidget::paintEvent(event);
}

void MessageBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace xr
