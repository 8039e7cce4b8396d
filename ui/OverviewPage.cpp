#include "OverviewPage.h"

#include "ConnectionManager.h"
#include "EmptyStatePane.h"
#include "HostSession.h"
#include "Inventory.h"
#include "PoolMonitor.h"
#include "PoolState.h"
#include "PoolTreeModel.h"
#include "Resources.h"

#include <QLabel>
#include <QScrollArea>

namespace xr {

OverviewPage::OverviewPage(ConnectionManager* connections, PoolMonitor* monitor, PoolTreeModel* poolModel,
                           QWidget* parent)
    : QStackedWidget(parent)
    , m_connections(connections)
    , m_monitor(monitor)
    , m_poolModel(poolModel)
    , m_empty(new EmptyStatePane(this))
    , m_hostSummary(new HostSummaryWidget(this))
    , m_details(new QLabel(this))
    , m_detailsPage(new QScrollArea(this))
{
    setObjectName(QStringLiteral("overviewStack"));
    m_empty->setObjectName(QStringLiteral("overviewEmpty"));
    m_empty->setIcon(Resources::icon(QStringLiteral("xenrescue")));
    m_hostSummary->setObjectName(QStringLiteral("hostSummary"));
    connect(m_hostSummary, &HostSummaryWidget::connectRequested, this, &OverviewPage::connectRequested);
    connect(m_hostSummary, &HostSummaryWidget::disconnectRequested, this, &OverviewPage::disconnectRequested);
    m_details->setObjectName(QStringLiteral("itemDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setContentsMargins(12, 12, 12, 12);
    m_detailsPage->setObjectName(QStringLiteral("itemDetailsPage"));
    m_detailsPage->setWidgetResizable(true);
    m_detailsPage->setFrameShape(QFrame::NoFrame);
    m_detailsPage->setWidget(m_details);
    addWidget(m_empty);
    addWidget(m_hostSummary);
    addWidget(m_detailsPage);
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::showSelection(const QString& hostId, const QModelIndex& item, const QString& connectKey)
{
    if (!hostId.isEmpty()) {
        const HostState state = m_connections->hostState(hostId);
        m_hostSummary->setHost(m_connections->hostLabel(hostId), m_connections->endpointText(hostId), state,
                               m_connections->hostStateMessage(hostId));
        m_hostSummary->setFacts(hostFacts(hostId));
        setCurrentWidget(m_hostSummary);
    } else if (item.isValid()) {
        m_details->setText(detailsHtml(item));
        setCurrentWidget(m_detailsPage);
    } else {
        setCurrentWidget(m_empty);
        if (!m_connections->hostIds().isEmpty()) {
            m_empty->setTitle(tr("Select a host or VM"));
            m_empty->setText(tr("Select a host or VM in the tree to see its state here: what xapi and the "
                                "hypervisor each report, what is stuck, and the safest next step."));
        } else {
            m_empty->setTitle(tr("No hosts yet"));
            m_empty->setText(tr("Connect to a host to start: choose Connect… (%1) and give the address of "
                                "a XenServer, XCP-ng or Xen dom0. XenRescue talks to it over SSH.")
                                 .arg(connectKey));
        }
    }
}

HostSummaryWidget::Facts OverviewPage::hostFacts(const QString& sessionId) const
{
    HostSummaryWidget::Facts facts;
    const HostSession* s = m_monitor->session(sessionId);
    if (!s || !s->isIdentified())
        return facts;
    const HostIdentity& identity = s->identity();
    facts.identified = true;
    facts.flavour = identity.flavour.displayName();
    facts.xenVersion = identity.xenVersion;
    facts.totalMemoryMiB = identity.totalMemoryMiB;
    switch (identity.flavour.kind) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        facts.daemon = QStringLiteral("xapi");
        break;
    case FlavourKind::Xm:
        facts.daemon = QStringLiteral("xend");
        break;
    case FlavourKind::Xl:
        break;
    }
    facts.health = s->xapiHealth();
    facts.troubleSince = s->xapiTroubleSince();
    facts.lastAnswer = s->lastXapiAnswer();
    if (!s->isXapi()) {
        facts.role = HostSummaryWidget::Facts::Role::Standalone;
    } else if (s->pool().isKnown()) {
        // The members as the monitor remembers them: still known while the master's xapi is wedged.
        facts.role =
            s->isPoolMaster() ? HostSummaryWidget::Facts::Role::Master : HostSummaryWidget::Facts::Role::Member;
        facts.poolName = s->pool().name;
        for (const XapiHost& h : m_monitor->poolMembers(s->pool().uuid))
            if (h.uuid == s->pool().masterUuid && h.uuid != identity.uuid)
                facts.masterName = h.name;
    }
    return facts;
}

QString OverviewPage::detailsHtml(const QModelIndex& index) const
{
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    const auto esc = [](const QString& t) { return t.toHtmlEscaped(); };
    QString html;
    const PoolTreeModel::Kind kind = m_poolModel->kind(index);
    if (kind == PoolTreeModel::Kind::Vm) {
        const VmState* vm = m_poolModel->vmState(index);
        if (!vm)
            return {};
        html +=
            QStringLiteral("<h2>%1</h2><p>%2</p><table>").arg(esc(PoolTreeModel::vmDisplayName(*vm)), esc(vm->uuid));
        QString xapi = vm->hasXapi ? PoolState::powerStateText(vm->powerState) : tr("no record");
        if (vm->xapiHealth == XapiHealth::NotAnswering || vm->xapiHealth == XapiHealth::Refused)
            xapi = tr("unknown: xapi is not answering (last known: %1)").arg(xapi);
        html += row(tr("xapi says"), esc(xapi));
        QString hv;
        if (vm->domain.isPresent()) {
            QStringList flags;
            const DomainState& st = vm->domain.state;
            if (st.running)
                flags << tr("running");
            if (st.blocked)
                flags << tr("blocked");
            if (st.paused)
                flags << tr("paused");
            if (st.shutdown)
                flags << tr("shut down");
            if (st.crashed)
                flags << tr("crashed");
            if (st.dying || vm->domain.isDying())
                flags << tr("dying");
            hv = tr("domain %1, state %2 (%3)")
                     .arg(vm->domain.domid)
                     .arg(st.toXlString(), flags.isEmpty() ? tr("runnable") : flags.join(QStringLiteral(", ")));
        } else if (vm->domain.isAbsent()) {
            hv = tr("no domain");
        } else {
            hv = tr("unknown (no listing from the host yet)");
        }
        html += row(tr("hypervisor"), esc(hv));
        const PoolTreeModel::HostRow* host = m_poolModel->hostRow(vm->hostId);
        html += row(tr("resident on"), esc(host ? host->name : (vm->hostId.isEmpty() ? tr("none") : vm->hostId)));
        if (!vm->currentOperations.isEmpty())
            html += row(tr("current operations"), esc(vm->currentOperations.join(QStringLiteral(", "))));
        for (const PendingTask& t : vm->tasks)
            html += row(tr("pending task"),
                        esc(tr("%1 · %2 · started %3 ago")
                                .arg(t.nameLabel,
                                     t.progress < 0 ? tr("progress unknown") : tr("%1 %").arg(int(t.progress * 100)),
                                     PoolState::durationText(t.ageSeconds))));
        QStringList sizes;
        if (vm->memoryMiB >= 0)
            sizes << (vm->memoryMiB >= 1024 ? tr("%1 GiB").arg(vm->memoryMiB / 1024.0, 0, 'g', 3)
                                            : tr("%1 MiB").arg(vm->memoryMiB));
        if (vm->vcpus > 0)
            sizes << tr("%n vCPU(s)", nullptr, vm->vcpus);
        if (vm->hvm)
            sizes << QStringLiteral("HVM");
        if (!sizes.isEmpty())
            html += row(tr("size"), esc(sizes.join(QStringLiteral(" · "))));
        html += QStringLiteral("</table>");
        if (vm->problems != Disagreements()) {
            // The most severe flag, in one sentence.
            for (Disagreement d : PoolState::allDisagreements()) {
                if (vm->problems.testFlag(d)) {
                    html += QStringLiteral("<p>⚠ %1</p>").arg(esc(PoolState::disagreementExplanation(d)));
                    break;
                }
            }
        } else {
            html += QStringLiteral("<p>%1</p>").arg(esc(tr("Both views agree; nothing looks wrong.")));
        }
        return html;
    }
    if (kind == PoolTreeModel::Kind::Pool) {
        html += QStringLiteral("<h2>%1</h2><p>%2</p><table>")
                    .arg(esc(index.data().toString()), esc(index.data(PoolTreeModel::UuidRole).toString()));
        QStringList members;
        for (int r = 0; r < m_poolModel->rowCount(index); ++r) {
            const QModelIndex child = m_poolModel->index(r, 0, index);
            if (m_poolModel->kind(child) != PoolTreeModel::Kind::Host)
                continue;
            const PoolTreeModel::HostRow* h = m_poolModel->hostRow(child.data(PoolTreeModel::IdRole).toString());
            if (!h)
                continue;
            if (h->isMaster)
                html += row(tr("master"), esc(h->name));
            members << esc(h->name) + QStringLiteral(" (") + esc(PoolTreeModel::hostStateText(*h)) +
                           QStringLiteral(")");
        }
        html += row(tr("members"), members.join(QStringLiteral("<br>")));
        html += QStringLiteral("</table>");
        return html;
    }
    // A pool member XenRescue has no connection to.
    if (const PoolTreeModel::HostRow* h = m_poolModel->hostRow(index.data(PoolTreeModel::IdRole).toString())) {
        html += QStringLiteral("<h2>%1</h2><table>").arg(esc(h->name));
        html += row(tr("state"), esc(PoolTreeModel::hostStateText(*h)));
        if (!h->address.isEmpty())
            html += row(tr("address"), esc(h->address));
        html += QStringLiteral("</table>");
    }
    return html;
}

} // namespace xr
