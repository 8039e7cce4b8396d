#include "HostSummaryWidget.h"

#include "PoolState.h"
#include "PoolTreeDecorator.h"
#include "Resources.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace xr {

HostSummaryWidget::HostSummaryWidget(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_name(new QLabel(this))
    , m_endpoint(new QLabel(this))
    , m_state(new QLabel(this))
    , m_message(new QLabel(this))
    , m_next(new QLabel(this))
    , m_flavour(new QLabel(this))
    , m_xen(new QLabel(this))
    , m_health(new QLabel(this))
    , m_role(new QLabel(this))
    , m_memory(new QLabel(this))
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

    m_form = new QFormLayout;
    m_form->addRow(tr("Address:"), m_endpoint);
    m_form->addRow(tr("Connection:"), m_state);
    m_form->addRow(QString(), m_message);
    m_form->addRow(tr("Toolstack:"), m_flavour);
    m_form->addRow(tr("Xen:"), m_xen);
    m_form->addRow(tr("Management:"), m_health);
    m_form->addRow(tr("Pool role:"), m_role);
    m_form->addRow(tr("Memory:"), m_memory);
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const std::pair<QLabel*, const char*> facts[] = {{m_flavour, "hostFlavour"},
                                                     {m_xen, "hostXenVersion"},
                                                     {m_health, "hostXapiHealth"},
                                                     {m_role, "hostPoolRole"},
                                                     {m_memory, "hostMemory"}};
    for (const auto& [label, name] : facts) {
        label->setObjectName(QLatin1String(name));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->setRowVisible(label, false);
    }
    layout->addLayout(m_form);

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

QString HostSummaryWidget::factText(const QString& row) const
{
    QLabel* const label = row == u"flavour"  ? m_flavour
                          : row == u"xen"    ? m_xen
                          : row == u"health" ? m_health
                          : row == u"role"   ? m_role
                          : row == u"memory" ? m_memory
                                             : nullptr;
    return label && m_form->isRowVisible(label) ? label->text() : QString();
}

void HostSummaryWidget::setFactRow(QLabel* label, const QString& text)
{
    label->setText(text);
    m_form->setRowVisible(label, !text.isEmpty());
}

QString HostSummaryWidget::healthSentence(const Facts& facts, const QDateTime& now)
{
    const auto ago = [&now](const QDateTime& t) { return PoolState::durationText(std::max<qint64>(0, t.secsTo(now))); };
    QString text;
    switch (facts.health) {
    case XapiHealth::Answering:
        text = tr("%1 is answering").arg(facts.daemon);
        break;
    case XapiHealth::Slow:
        text = tr("%1 is answering, but slowly").arg(facts.daemon);
        break;
    case XapiHealth::NotAnswering:
        text = facts.troubleSince.isValid()
                   ? tr("%1 is not answering (for %2)").arg(facts.daemon, ago(facts.troubleSince))
                   : tr("%1 is not answering").arg(facts.daemon);
        break;
    case XapiHealth::Refused:
        text = facts.troubleSince.isValid()
                   ? tr("%1 refuses connections (for %2)").arg(facts.daemon, ago(facts.troubleSince))
                   : tr("%1 refuses connections").arg(facts.daemon);
        break;
    }
    if (facts.lastAnswer.isValid())
        text = tr("%1; last answer %2 ago").arg(text, ago(facts.lastAnswer));
    else if (facts.health == XapiHealth::NotAnswering || facts.health == XapiHealth::Refused)
        text = tr("%1; no answer since XenRescue connected").arg(text);
    return text;
}

void HostSummaryWidget::setFacts(const Facts& facts, const QDateTime& now)
{
    // Only a connected, identified host has facts: a lost host's last reading is not shown
    // as if it were current.
    const bool show = facts.identified && m_hostState == HostState::Connected;
    setFactRow(m_flavour, show ? facts.flavour : QString());
    setFactRow(m_xen, show ? facts.xenVersion : QString());
    setFactRow(m_health, show && !facts.daemon.isEmpty() ? healthSentence(facts, now) : QString());
    QString role;
    if (show) {
        switch (facts.role) {
        case Facts::Role::Unknown:
            break;
        case Facts::Role::Master:
            role = facts.poolName.isEmpty() ? tr("pool master") : tr("master of pool %1").arg(facts.poolName);
            break;
        case Facts::Role::Member:
            role = facts.poolName.isEmpty() ? tr("pool member") : tr("member of pool %1").arg(facts.poolName);
            if (!facts.masterName.isEmpty())
                role = tr("%1 (master: %2)").arg(role, facts.masterName);
            break;
        case Facts::Role::Standalone:
            role = tr("standalone host (no pool)");
            break;
        }
    }
    setFactRow(m_role, role);
    QString memory;
    if (show && facts.totalMemoryMiB >= 0)
        memory = facts.totalMemoryMiB >= 1024 ? tr("%1 GiB total").arg(facts.totalMemoryMiB / 1024.0, 0, 'f', 1)
                                              : tr("%1 MiB total").arg(facts.totalMemoryMiB);
    setFactRow(m_memory, memory);
}

void HostSummaryWidget::setHost(const QString& name, const QString& endpoint, HostState state, const QString& message)
{
    m_icon->setPixmap(QIcon(Resources::icon(PoolTreeDecorator::hostIconName(int(state)))).pixmap(32, 32));
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
        m_next->setText(tr("Connected. Its VMs are in the tree, each with what xapi believes next to what the "
                           "hypervisor runs; select one to see both views."));
        break;
    }
    m_hostState = state;
    setFacts(Facts{});
    m_connect->setVisible(canConnect);
    m_disconnect->setVisible(canDisconnect);
    m_connect->setDefault(canConnect);
}

} // namespace xr
