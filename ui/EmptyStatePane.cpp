#include "EmptyStatePane.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace xr {

EmptyStatePane::EmptyStatePane(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(2);
    layout->addWidget(m_icon, 0, Qt::AlignHCenter);
    layout->addWidget(m_title, 0, Qt::AlignHCenter);
    // A word-wrapped label needs a width to wrap at: keep the sentence in a readable column.
    auto* textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_text, 4);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addStretch(3);

    m_icon->setVisible(false);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignHCenter);
    m_title->setWordWrap(true);
    m_text->setAlignment(Qt::AlignHCenter);
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(320);
    m_text->setMaximumWidth(600);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(tr("Empty pane"));
}

EmptyStatePane::~EmptyStatePane() = default;

void EmptyStatePane::setIcon(const QString& iconPath)
{
    m_icon->setPixmap(QIcon(iconPath).pixmap(48, 48));
    m_icon->setVisible(!iconPath.isEmpty());
}

void EmptyStatePane::setTitle(const QString& title)
{
    m_title->setText(title);
    setAccessibleName(title);
}

void EmptyStatePane::setText(const QString& text)
{
    m_text->setText(text);
    setAccessibleDescription(text);
}

QString EmptyStatePane::title() const
{
    return m_title->text();
}

QString EmptyStatePane::text() const
{
    return m_text->text();
}

} // namespace xr
