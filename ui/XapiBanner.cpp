#include "XapiBanner.h"

#include "MessageBar.h"

#include <QAction>
#include <QDateTime>
#include <QWidget>

namespace xr {

XapiBanner::XapiBanner(QWidget* parent)
    : QObject(parent)
    , m_bar(new MessageBar(parent))
    , m_restart(new QAction(tr("Restart Toolstack…"), m_bar))
{
    m_bar->setObjectName(QStringLiteral("xapiBanner"));
    m_bar->hide();
    // One action for the life of the banner: the bar makes a new button for it at each message.
    m_restart->setObjectName(QStringLiteral("actionBannerRestartToolstack"));
    m_restart->setToolTip(tr("Opens the rescue wizard for a VM on that host: restarting the toolstack is rung 3 of "
                             "the ladder, with its warning, exact command and check. Running VMs keep running."));
    connect(m_restart, &QAction::triggered, this, [this] { Q_EMIT restartToolstackRequested(m_restartHostId); });
    // The silence is counted in seconds: the text moves on while the bar shows.
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        if (m_bar->isHidden())
            m_clock.stop(); // closed, or no problem left: setProblems() starts it again
        else if (m_bar->isVisible())
            render();
    });
}

XapiBanner::~XapiBanner() = default;

void XapiBanner::setProblems(const QList<XapiProblem>& problems)
{
    m_problems = problems;
    render();
}

void XapiBanner::render()
{
    if (m_problems.isEmpty()) {
        m_bar->hide();
        m_clock.stop();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList lines;
    for (const XapiProblem& p : std::as_const(m_problems))
        lines << p.bannerText(now);
    const QString text = lines.join(QLatin1Char('\n'));
    if (m_bar->isVisible() && m_bar->text() == text)
        return;
    m_bar->showMessage(MessageBar::Type::Warning, text);
    m_clock.start();
    m_restartHostId = m_problems.constFirst().hostId;
    m_bar->addAction(m_restart);
}

} // namespace xr
