#include "LogFindBar.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

namespace xr {

LogFindBar::LogFindBar(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Re&gex"), this))
    , m_case(new QCheckBox(tr("Match &case"), this))
    , m_prev(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("logFindBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    auto* label = new QLabel(tr("Find:"), this);
    label->setBuddy(m_edit);
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setPlaceholderText(tr("text or regular expression"));
    m_edit->setAccessibleName(tr("Find in log"));
    m_edit->setClearButtonEnabled(true);
    m_regex->setObjectName(QStringLiteral("findRegex"));
    m_case->setObjectName(QStringLiteral("findCase"));
    m_prev->setObjectName(QStringLiteral("findPrevious"));
    m_prev->setArrowType(Qt::UpArrow);
    m_prev->setToolTip(
        tr("Previous match (%1)").arg(QKeySequence(QKeySequence::FindPrevious).toString(QKeySequence::NativeText)));
    m_prev->setAccessibleName(tr("Previous match"));
    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(
        tr("Next match (%1)").arg(QKeySequence(QKeySequence::FindNext).toString(QKeySequence::NativeText)));
    m_next->setAccessibleName(tr("Next match"));
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setMinimumWidth(120);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(100);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("findCancel"));
    m_cancel->hide();
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setToolTip(tr("Close the find bar (Esc)"));
    close->setAccessibleName(tr("Close find bar"));
    close->setAutoRaise(true);
    layout->addWidget(label);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_regex);
    layout->addWidget(m_case);
    layout->addWidget(m_prev);
    layout->addWidget(m_next);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(close);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &LogFindBar::searchRequested);
    connect(m_edit, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString& t) {
        if (t.isEmpty())
            Q_EMIT searchRequested();
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (m_debounce->isActive()) {
            m_debounce->stop();
            Q_EMIT searchRequested();
        }
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            Q_EMIT previousRequested();
        else
            Q_EMIT nextRequested();
    });
    connect(m_regex, &QCheckBox::toggled, this, &LogFindBar::searchRequested);
    connect(m_case, &QCheckBox::toggled, this, &LogFindBar::searchRequested);
    connect(m_prev, &QToolButton::clicked, this, &LogFindBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &LogFindBar::nextRequested);
    connect(m_cancel, &QToolButton::clicked, this, &LogFindBar::cancelRequested);
    connect(close, &QToolButton::clicked, this, &LogFindBar::closeRequested);
}

LogFindBar::~LogFindBar() = default;

LogSearchQuery LogFindBar::query() const
{
    LogSearchQuery q;
    q.pattern = m_edit->text();
    q.regex = m_regex->isChecked();
    q.caseSensitive = m_case->isChecked();
    return q;
}

void LogFindBar::activate()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void LogFindBar::setProgress(int perMille)
{
    m_progress->setVisible(perMille >= 0);
    m_cancel->setVisible(perMille >= 0);
    if (perMille >= 0)
        m_progress->setValue(perMille);
}

void LogFindBar::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette pal = palette();
    if (error) // a red that reads on the theme's background, light or dark
        pal.setColor(QPalette::WindowText,
                     pal.color(QPalette::Window).lightnessF() < 0.5 ? QColor(255, 120, 110) : QColor(190, 0, 0));
    m_status->setPalette(pal);
}

void LogFindBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT closeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace xr
