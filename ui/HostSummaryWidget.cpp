#include "HostSummaryWidget.h"

#include "HostTreeDecorator.h"
#include "Resources.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace xr {

HostSummaryWidget::HostSummaryWidget(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_name(new QLabel(this))
    , m_endpoint(new QLabel(this))
    , m_state(new QLabel(this))
    , m_message(new QLabel(this))
    , m_next(new QLabel(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_disconnect(new QPushButton(tr("&Disconnect"), this))
{
    setAccessibleName(tr("Host overview"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);

    auto* header = new QHBoxLayout;
    header->addWidget(m_icon);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_name->setFont(big);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_name, 1);
    layout->addLayout(header);

    auto* form = new QFormLayout;
    form->addRow(tr("Address:"), m_endpoint);
    form->addRow(tr("Connection:"), m_state);
    form->addRow(QString(), m_message);
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addLayout(form);

    m_next->setWordWrap(true);
    m_next->setForegroundRole(QPalette::PlaceholderText);
    layout->addSpacing(12);
    layout->addWidget(m_next);
    layout->addStretch(1);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_disconnect);
    buttons->addWidget(m_connect);
    layout->addLayout(buttons);

    connect(m_connect, &QPushButton::clicked, this, &HostSummaryWidget::connectRequested);
    connect(m_disconnect, &QPushButton::clicked, this, &HostSummaryWidget::disconnectRequested);
}

HostSummaryWidget::~HostSummaryWidget() = default;

QString HostSummaryWidget::stateSentence() const
{
    return m_state->text();
}

void HostSummaryWidget::setHost(const QString& name, const QString& endpoint, HostState state, const QString& message)
{
    m_icon->setPixmap(QIcon(Resources::icon(HostTreeDecorator::hostIconName(int(state)))).pixmap(32, 32));
    m_name->setText(name);
    m_endpoint->setText(endpoint);
    m_state->setText(hostStateName(state));
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());

    bool canConnect = false;
    bool canDisconnect = false;
    switch (state) {
    case HostState::Disconnected:
        canConnect = true;
        m_connect->setText(tr("&Connect"));
        m_next->setText(tr("Not connected. Connect to read the host's state; XenRescue asks before trusting a new "
                           "host key or using a password."));
        break;
    case HostState::Lost:
    case HostState::Failed:
        canConnect = true;
        m_connect->setText(tr("&Try Again"));
        m_next->setText(tr("The connection did not work: the reason is above. Fix it and try again; nothing was "
                           "changed on the host."));
        break;
    case HostState::Connecting:
    case HostState::AwaitingHostKey:
    case HostState::Authenticating:
    case HostState::AwaitingCredentials:
        canDisconnect = true;
        m_next->setText(tr("Connecting. If a question is waiting (host key, password), it is in a dialog in front of "
                           "this window."));
        break;
    case HostState::Connected:
        canDisconnect = true;
        m_next->setText(tr("Connected. The pool, its VMs and their power state as xapi and the hypervisor see them "
                           "will be shown here in a coming version."));
        break;
    }
    m_connect->setVisible(canConnect);
    m_disconnect->setVisible(canDisconnect);
    m_connect->setDefault(canConnect);
}

} // namespace xr
