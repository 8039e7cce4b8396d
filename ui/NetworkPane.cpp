#include "NetworkPane.h"

#include "HostSession.h"
#include "ReadableIdentity.h"

#include "EmptyStatePane.h"
#include "NetworkReader.h"
#include "RemoteHost.h"
#include "Resources.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace xr {

namespace {

constexpr double NodeWidth = 236;
constexpr double NodeHeight = 58;
constexpr double RowGap = 14;
constexpr double GroupGap = 34;
constexpr double Columns[] = {0, 306, 612, 918};

QColor warningColour()
{
    // Readable on light and dark bases alike.
    return QColor(0xe0, 0x8a, 0x00);
}

QString clean(const QString& s)
{
    QString out;
    for (QChar c : s)
        out += c.isPrint() || c == u' ' ? c : QChar(u'?');
    return out.size() > 40 ? out.left(39) + QChar(0x2026) : out;
}

} // namespace

NetworkPane::NetworkPane(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyStatePane(this))
    , m_content(new QWidget(this))
    , m_status(new QLabel(this))
    , m_refresh(new QToolButton(this))
    , m_zoomIn(new QToolButton(this))
    , m_zoomOut(new QToolButton(this))
    , m_fit(new QToolButton(this))
    , m_exportSvg(new QToolButton(this))
    , m_exportPng(new QToolButton(this))
    , m_asTable(new QCheckBox(tr("Show as &table"), this))
    , m_views(new QStackedWidget(this))
    , m_view(new QGraphicsView(this))
    , m_scene(new QGraphicsScene(this))
    , m_table(new QTableWidget(this))
    , m_findings(new QListWidget(this))
{
    m_live = new LiveHost(this);
    connect(m_live, &LiveHost::readAgain, this, [this] {
        if (m_stack->currentWidget() == m_content)
            refresh();
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_empty->setObjectName(QStringLiteral("networkPane")); // the empty state, as MainWindow's tests know it
    m_empty->setIcon(Resources::icon(QStringLiteral("connect")));
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_content);

    auto* content = new QVBoxLayout(m_content);
    auto* bar = new QHBoxLayout;
    auto makeAction = [this](QToolButton* button, const QString& text, const QKeySequence& key,
                             const std::function<void()>& slot) {
        auto* action = new QAction(text, this);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            addAction(action);
        }
        connect(action, &QAction::triggered, this, slot);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    };
    makeAction(m_refresh, tr("&Refresh"), QKeySequence(), [this] { refresh(); });
    makeAction(m_zoomIn, tr("Zoom &in"), QKeySequence::ZoomIn, [this] { zoomBy(1.25); });
    makeAction(m_zoomOut, tr("Zoom &out"), QKeySequence::ZoomOut, [this] { zoomBy(0.8); });
    makeAction(m_fit, tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] {
        m_autoFit = true;
        fit();
    });
    makeAction(m_exportSvg, tr("Export &SVG…"), QKeySequence(), [this] { exportTo(true); });
    makeAction(m_exportPng, tr("Export &PNG…"), QKeySequence(), [this] { exportTo(false); });
    m_status->setObjectName(QStringLiteral("networkStatus"));
    m_status->setWordWrap(true);
    bar->addWidget(m_status, 1);
    for (QToolButton* b : {m_refresh, m_zoomIn, m_zoomOut, m_fit, m_exportSvg, m_exportPng})
        bar->addWidget(b);
    bar->addWidget(m_asTable);
    content->addLayout(bar);
    m_xapiNotice = new QLabel(m_content);
    m_xapiNotice->setObjectName(QStringLiteral("networkXapiNotice"));
    m_xapiNotice->setWordWrap(true);
    m_xapiNotice->setVisible(false);
    content->addWidget(m_xapiNotice);

    m_view->setObjectName(QStringLiteral("networkView"));
    m_view->setAccessibleName(tr("Network drawing"));
    m_view->setAccessibleDescription(tr("Physical NICs, bridges, VM interfaces and VMs from left to right. The same "
                                        "content is available as a table."));
    m_view->setScene(m_scene);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->viewport()->installEventFilter(this);
    m_table->setObjectName(QStringLiteral("networkTable"));
    m_table->setAccessibleName(tr("Network as a table"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_views->addWidget(m_view);
    m_views->addWidget(m_table);
    content->addWidget(m_views, 1);
    connect(m_asTable, &QCheckBox::toggled, this, [this](bool table) {
        m_views->setCurrentWidget(table ? static_cast<QWidget*>(m_table) : m_view);
        for (QToolButton* b : {m_zoomIn, m_zoomOut, m_fit})
            b->setEnabled(!table);
    });

    auto* findingsLabel = new QLabel(tr("Findings:"), this);
    findingsLabel->setBuddy(m_findings);
    content->addWidget(findingsLabel);
    m_findings->setObjectName(QStringLiteral("networkFindings"));
    m_findings->setAccessibleName(tr("Network findings"));
    m_findings->setWordWrap(true);
    m_findings->setMaximumHeight(170);
    content->addWidget(m_findings);
    connect(m_findings, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_topology.findings.size())
            return;
        for (QGraphicsItem* item : m_scene->items())
            if (item->data(0).toString() == m_topology.findings[row].nodeIds.value(0))
                m_view->ensureVisible(item);
    });
    clearHost();
}

NetworkPane::~NetworkPane() = default;

bool NetworkPane::readsWithoutXe() const
{
    return m_live->readsWithoutXe();
}

void NetworkPane::setTitle(const QString& title)
{
    m_empty->setTitle(title);
}

void NetworkPane::setText(const QString& text)
{
    m_empty->setText(text);
}

void NetworkPane::clearHost()
{
    if (m_reader)
        m_reader->deleteLater();
    m_live->follow(nullptr, {}, nullptr);
    m_name.clear();
    m_hasTopology = false;
    m_stack->setCurrentWidget(m_empty);
}

void NetworkPane::setSession(HostSession* session, const QString& hostId, AuditLog* audit)
{
    if (!m_live->follow(session, hostId, audit) && m_stack->currentWidget() == m_content)
        return; // the same live session: it says itself when to read again
    m_hasTopology = false;
    m_topology = {};
    m_scene->clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_findings->clear();
    m_stack->setCurrentWidget(m_content);
    refresh();
}

void NetworkPane::refresh()
{
    if (!m_live->canRead())
        return;
    const ReadableIdentity readable = m_live->startRead();
    m_identity = readable.identity;
    m_name = m_identity.hostname;
    m_xapiNotice->setText(readable.notice);
    m_xapiNotice->setVisible(readable.withoutXe);
    if (m_reader)
        m_reader->deleteLater();
    m_status->setText(tr("Reading the network of %1…").arg(clean(m_name)));
    m_refresh->setEnabled(false);
    m_reader = new NetworkReader(m_live->host(), m_identity, m_live->audit(), this);
    NetworkReader* reader = m_reader;
    connect(reader, &NetworkReader::finished, this, [this, reader](const NetworkTopology& t) {
        reader->deleteLater();
        if (reader != m_reader)
            return;
        showTopology(t);
    });
    reader->start();
}

void NetworkPane::showTopology(const NetworkTopology& topology)
{
    m_topology = topology;
    m_hasTopology = true;
    m_refresh->setEnabled(true);
    QString status = tr("%1: %n bridge(s)", nullptr, int(topology.nodesOfKind(TopologyNode::Kind::Bridge).size()))
                         .arg(clean(m_name));
    status += QStringLiteral(" · ") +
              tr("%n VM interface(s)", nullptr, int(topology.nodesOfKind(TopologyNode::Kind::Vif).size()));
    status += QStringLiteral(" · ") + (topology.findings.isEmpty()
                                           ? tr("no problems found")
                                           : tr("%n problem(s) found", nullptr, int(topology.findings.size())));
    if (!topology.notes.isEmpty())
        status += QStringLiteral(" · ") + tr("read in part: %1").arg(topology.notes.join(QStringLiteral("; ")));
    m_status->setText(status);
    m_highlight = m_topology.pathOfVm(m_selectedVm);
    redraw();
    fillTable();
    fillFindings();
    m_autoFit = true;
    fit();
    Q_EMIT topologyShown();
}

void NetworkPane::setSelectedVm(const QString& vmKey)
{
    m_selectedVm = vmKey;
    const QStringList path = m_topology.pathOfVm(vmKey);
    if (path == m_highlight)
        return;
    m_highlight = path;
    if (m_hasTopology)
        redraw();
}

void NetworkPane::redraw()
{
    m_scene->clear();
    const QPalette pal = palette();
    m_view->setBackgroundBrush(pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    const QColor border = pal.color(QPalette::Mid);
    const QColor highlight = pal.color(QPalette::Highlight);
    const QColor warning = warningColour();

    // Layout: one band per bridge, its NICs on the left, its VM interfaces (and their VMs) on the right.
    QHash<QString, QPointF> pos;
    double y = 0;
    for (const TopologyNode* b : m_topology.nodesOfKind(TopologyNode::Kind::Bridge)) {
        QStringList nics;
        QStringList vifs;
        for (const TopologyEdge& e : m_topology.edges) {
            if (e.to == b->id && !pos.contains(e.from))
                nics << e.from;
            if (e.from == b->id && !pos.contains(e.to))
                vifs << e.to;
        }
        const qsizetype rows = std::max<qsizetype>({1, nics.size(), vifs.size()});
        for (qsizetype i = 0; i < nics.size(); ++i)
            pos.insert(nics[i], QPointF(Columns[0], y + double(i) * (NodeHeight + RowGap)));
        for (qsizetype i = 0; i < vifs.size(); ++i) {
            const double vy = y + double(i) * (NodeHeight + RowGap);
            pos.insert(vifs[i], QPointF(Columns[2], vy));
            for (const TopologyEdge& e : m_topology.edges)
                if (e.from == vifs[i] && !pos.contains(e.to))
                    pos.insert(e.to, QPointF(Columns[3], vy));
        }
        pos.insert(b->id, QPointF(Columns[1], y + double(rows - 1) * (NodeHeight + RowGap) / 2));
        y += double(rows) * (NodeHeight + RowGap) + GroupGap;
    }

    // Column headings.
    const QStringList headings{tr("Physical NICs"), tr("Bridges"), tr("VM interfaces"), tr("VMs")};
    QFont headingFont = font();
    headingFont.setBold(true);
    for (int c = 0; c < 4; ++c) {
        auto* h = m_scene->addSimpleText(headings[c], headingFont);
        h->setBrush(text);
        h->setPos(Columns[c], -34);
    }

    // Edges first, under the nodes.
    for (const TopologyEdge& e : m_topology.edges) {
        if (!pos.contains(e.from) || !pos.contains(e.to))
            continue;
        const QPointF a = pos.value(e.from) + QPointF(NodeWidth, NodeHeight / 2);
        const QPointF b = pos.value(e.to) + QPointF(0, NodeHeight / 2);
        const bool lit = m_highlight.contains(e.from) && m_highlight.contains(e.to);
        QPainterPath path(a);
        path.cubicTo(a + QPointF(40, 0), b - QPointF(40, 0), b);
        auto* line = m_scene->addPath(path, QPen(lit ? highlight : border, lit ? 3 : 1.5));
        line->setZValue(-1);
        if (e.vlan) {
            auto* label = m_scene->addSimpleText(tr("VLAN %1").arg(*e.vlan));
            label->setBrush(text);
            label->setPos((a + b) / 2 - QPointF(20, 16));
        }
    }

    QFont nameFont = font();
    nameFont.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    for (const TopologyNode& n : m_topology.nodes) {
        if (!pos.contains(n.id))
            continue;
        const QPointF p = pos.value(n.id);
        const QList<int> numbers = m_topology.findingNumbersOf(n.id);
        const bool lit = m_highlight.contains(n.id);
        QColor fill =
            n.kind == TopologyNode::Kind::Bridge ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base);
        if (lit)
            fill = pal.color(QPalette::Highlight).lighter(pal.color(QPalette::Base).lightness() > 128 ? 170 : 60);
        QPen pen(numbers.isEmpty() ? (lit ? highlight : border) : warning, lit || !numbers.isEmpty() ? 2.5 : 1);
        auto* box = m_scene->addRect(QRectF(p, QSizeF(NodeWidth, NodeHeight)), pen, fill);
        box->setData(0, n.id);
        QStringList lines;
        QString kind;
        switch (n.kind) {
        case TopologyNode::Kind::Nic:
            kind = tr("NIC");
            break;
        case TopologyNode::Kind::Bridge:
            kind = n.bridgeType == u"openvswitch" ? tr("Open vSwitch bridge") : tr("Linux bridge");
            break;
        case TopologyNode::Kind::Vif:
            kind =
                n.emulated ? tr("emulated NIC (domain %1)").arg(n.domid) : tr("VM interface (domain %1)").arg(n.domid);
            break;
        case TopologyNode::Kind::Vm:
            kind = n.domid >= 0 ? tr("VM, domain %1").arg(n.domid) : tr("VM");
            break;
        }
        QString second = !n.network.isEmpty() ? n.network : !n.mac.isEmpty() ? n.mac : kind;
        QStringList third;
        if (n.kind == TopologyNode::Kind::Vm && !n.vmUuid.isEmpty())
            third << n.vmUuid.left(13) + QChar(0x2026);
        if (n.vlan)
            third << tr("VLAN %1").arg(*n.vlan);
        if (n.mtu)
            third << tr("MTU %1").arg(*n.mtu);
        if (!n.state.isEmpty())
            third << n.state;
        if (n.kind == TopologyNode::Kind::Bridge && !n.mac.isEmpty() && !n.network.isEmpty())
            third.prepend(n.mac);
        auto* name = m_scene->addSimpleText(clean(n.name), nameFont);
        name->setBrush(lit ? pal.color(QPalette::Text) : text);
        name->setPos(p + QPointF(8, 5));
        auto* l2 = m_scene->addSimpleText(clean(second), small);
        l2->setBrush(text);
        l2->setPos(p + QPointF(8, 23));
        auto* l3 =
            m_scene->addSimpleText(third.isEmpty() && second != kind ? kind : third.join(QStringLiteral(" · ")), small);
        l3->setBrush(text);
        l3->setPos(p + QPointF(8, 39));
        QStringList tip{kind + QStringLiteral(": ") + n.name};
        if (!n.mac.isEmpty())
            tip << tr("MAC %1").arg(n.mac);
        for (int number : numbers)
            tip << QStringLiteral("[%1] ").arg(number) + m_topology.findings[number - 1].title;
        box->setToolTip(tip.join(u'\n'));
        // Numbered markers for the findings about this node.
        double mx = p.x() + NodeWidth - 12;
        for (int number : numbers) {
            auto* marker = m_scene->addEllipse(QRectF(mx - 9, p.y() - 9, 20, 20), QPen(warning), QBrush(warning));
            marker->setData(0, n.id);
            marker->setToolTip(m_topology.findings[number - 1].title);
            auto* t = m_scene->addSimpleText(QString::number(number), nameFont);
            t->setBrush(Qt::black);
            t->setPos(mx - 4 - (number > 9 ? 4 : 0), p.y() - 9);
            mx -= 24;
        }
    }
    if (m_topology.nodes.isEmpty()) {
        auto* t = m_scene->addSimpleText(tr("No bridge could be read on this host."));
        t->setBrush(text);
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

void NetworkPane::fillTable()
{
    const QStringList headers{tr("Kind"), tr("Name"), tr("Connected to"), tr("MAC"),
                              tr("VLAN"), tr("MTU"),  tr("State"),        tr("Findings")};
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(m_topology.nodes.size()));
    int row = 0;
    for (const TopologyNode& n : m_topology.nodes) {
        QStringList peers;
        for (const TopologyEdge& e : m_topology.edges) {
            if (e.from == n.id)
                if (const TopologyNode* o = m_topology.node(e.to))
                    peers << clean(o->name);
            if (e.to == n.id && n.kind != TopologyNode::Kind::Bridge)
                if (const TopologyNode* o = m_topology.node(e.from))
                    peers << clean(o->name);
        }
        QStringList numbers;
        for (int x : m_topology.findingNumbersOf(n.id))
            numbers << QString::number(x);
        QString kind;
        switch (n.kind) {
        case TopologyNode::Kind::Nic:
            kind = tr("NIC");
            break;
        case TopologyNode::Kind::Bridge:
            kind = n.bridgeType == u"openvswitch" ? tr("Open vSwitch bridge") : tr("Linux bridge");
            break;
        case TopologyNode::Kind::Vif:
            kind = tr("VM interface");
            break;
        case TopologyNode::Kind::Vm:
            kind = tr("VM");
            break;
        }
        const QStringList cells{kind,
                                clean(n.name) +
                                    (n.network.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(clean(n.network))),
                                peers.join(QStringLiteral(", ")),
                                n.mac,
                                n.vlan ? QString::number(*n.vlan) : QString(),
                                n.mtu ? QString::number(*n.mtu) : QString(),
                                n.state,
                                numbers.join(QStringLiteral(", "))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, n.id);
            if (!numbers.isEmpty())
                item->setForeground(warningColour());
            if (m_highlight.contains(n.id))
                item->setBackground(palette().color(QPalette::Highlight).lighter(150));
            m_table->setItem(row, c, item);
        }
        ++row;
    }
    m_table->resizeColumnsToContents();
}

void NetworkPane::fillFindings()
{
    m_findings->clear();
    if (m_topology.findings.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No problems found by the network checks (uplinks, anti-spoofing, "
                                            "interface names, fixed MACs, empty bridges)."));
        m_findings->addItem(item);
        return;
    }
    for (qsizetype i = 0; i < m_topology.findings.size(); ++i) {
        const NetworkFinding& f = m_topology.findings[i];
        auto* item = new QListWidgetItem(QIcon(Resources::icon(QStringLiteral("warning"))),
                                         QStringLiteral("%1. %2\n%3").arg(i + 1).arg(f.title, f.detail));
        item->setData(Qt::AccessibleTextRole, QStringLiteral("%1. %2. %3").arg(i + 1).arg(f.title, f.detail));
        m_findings->addItem(item);
    }
}

void NetworkPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_autoFit)
        QTimer::singleShot(0, this, [this] {
            if (m_autoFit)
                fit();
        });
}

void NetworkPane::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_autoFit && isVisible())
        fit();
}

void NetworkPane::zoomBy(double factor)
{
    m_autoFit = false;
    const double current = m_view->transform().m11();
    if ((factor > 1 && current > 6) || (factor < 1 && current < 0.1))
        return;
    m_view->scale(factor, factor);
}

void NetworkPane::fit()
{
    if (m_scene->items().isEmpty())
        return;
    m_view->resetTransform();
    const QRectF r = m_scene->sceneRect();
    if (m_view->viewport()->width() < 200 || r.isEmpty())
        return; // not laid out yet: showEvent fits again
    const double sx = m_view->viewport()->width() / r.width();
    const double sy = m_view->viewport()->height() / r.height();
    const double s = std::clamp(std::min(sx, sy), 0.2, 1.0);
    m_view->scale(s, s);
    m_view->centerOn(r.center());
}

bool NetworkPane::exportSvg(const QString& path) const
{
    QSvgGenerator svg;
    svg.setFileName(path);
    const QRectF r = m_scene->sceneRect();
    svg.setSize(r.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), r.size()));
    svg.setTitle(tr("Network of %1").arg(m_name));
    svg.setDescription(tr("Drawn by XenRescue"));
    QPainter p;
    if (!p.begin(&svg))
        return false;
    p.fillRect(QRectF(QPointF(0, 0), r.size()), palette().color(QPalette::Base));
    m_scene->render(&p, QRectF(QPointF(0, 0), r.size()), r);
    return p.end();
}

bool NetworkPane::exportPng(const QString& path) const
{
    const QRectF r = m_scene->sceneRect();
    QImage image((r.size() * 2).toSize(), QImage::Format_ARGB32);
    image.fill(palette().color(QPalette::Base));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    m_scene->render(&p, QRectF(QPointF(0, 0), r.size() * 2), r);
    p.end();
    return image.save(path, "PNG");
}

void NetworkPane::exportTo(bool svg)
{
    if (!m_hasTopology)
        return;
    const QString suggested =
        QStringLiteral("network-%1.%2")
            .arg(clean(m_name).replace(u'/', u'_'), svg ? QStringLiteral("svg") : QStringLiteral("png"));
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export SVG") : tr("Export PNG"), suggested,
                                                      svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const bool ok = svg ? exportSvg(path) : exportPng(path);
    m_status->setText(ok ? tr("Saved %1").arg(path) : tr("Could not save %1").arg(path));
}

bool NetworkPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            zoomBy(wheel->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace xr
