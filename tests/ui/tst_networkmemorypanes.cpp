// The Network and Memory tabs (issue 8) on the in-process lab pool: the drawing's boxes are the
// topology's nodes, a VM's path is highlighted, findings are listed and marked, the table shows
// the same rows, SVG export is valid XML naming the nodes, PNG export is an image; the memory
// bars and advice cards; the dom0 memory dialog asks for the host name and refuses on a xapi
// host that is not in maintenance mode.
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "DemoSession.h"
#include "Dom0MemDialog.h"
#include "HostSession.h"
#include "InProcessLabHost.h"
#include "Inventory.h"
#include "MainWindow.h"
#include "MemoryChart.h"
#include "MemoryPane.h"
#include "NetworkPane.h"
#include "PoolMonitor.h"
#include "PoolTreeModel.h"
#include "SimHost.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QFile>
#include <QFrame>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace xr;

namespace {

using Lab = xr::test::InProcessLabHost;

bool start(Lab& l, const QString& scenario)
{
    return l.start(scenario);
}

QStringList drawnNodes(const QGraphicsScene* scene)
{
    QStringList out;
    for (const QGraphicsItem* i : scene->items())
        if (i->type() == QGraphicsRectItem::Type && !i->data(0).toString().isEmpty())
            out << i->data(0).toString();
    out.sort();
    return out;
}

} // namespace

class TestNetworkMemoryPanes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void networkDrawing()
    {
        Lab l;
        QVERIFY(start(l, u"network-faults"_s));
        NetworkPane pane;
        pane.resize(1200, 800);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy shown(&pane, &NetworkPane::topologyShown);
        pane.setSession(l.session.get(), l.hostId, nullptr);
        QVERIFY(shown.wait(20000));
        const NetworkTopology& t = pane.topology();
        QStringList ids;
        for (const TopologyNode& n : t.nodes)
            ids << n.id;
        ids.sort();
        QCOMPARE(drawnNodes(pane.scene()), ids);
        // Findings: listed, numbered, and marked on the drawing (ellipses with the node id).
        auto* list = pane.findChild<QListWidget*>(u"networkFindings"_s);
        QCOMPARE(list->count(), 5);
        QVERIFY(list->item(0)->text().startsWith(u"1. "_s));
        int markers = 0;
        for (const QGraphicsItem* i : pane.scene()->items())
            markers += i->type() == QGraphicsEllipseItem::Type ? 1 : 0;
        QVERIFY(markers >= 5);
        // Selecting a VM highlights VM, vif, bridge, uplink.
        pane.setSelectedVm(u"web"_s);
        QCOMPARE(pane.highlighted().size(), 4);
        QVERIFY(pane.highlighted().contains(u"nic:eth0"_s));
        pane.setSelectedVm(QString());
        QVERIFY(pane.highlighted().isEmpty());
        // The table has a row per node, reachable from the checkbox.
        auto* table = pane.findChild<QTableWidget*>(u"networkTable"_s);
        QCOMPARE(table->rowCount(), t.nodes.size());
        auto* asTable = pane.findChild<QCheckBox*>();
        asTable->setChecked(true);
        QVERIFY(table->isVisible());
        QVERIFY(!table->accessibleName().isEmpty());
        asTable->setChecked(false);
        // Export: SVG is well-formed XML naming the bridges; PNG is an image.
        QTemporaryDir dir;
        const QString svg = dir.filePath(u"net.svg"_s);
        QVERIFY(pane.exportSvg(svg));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QXmlStreamReader reader(xml);
        int texts = 0;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement() && reader.name() == u"text")
                ++texts;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY(texts >= t.nodes.size());
        for (const char* name : {"xenbr0", "xenbr-int", "xenbr9", "eth0", "vif-legacy-rout", "dhcp-test"})
            QVERIFY2(xml.contains(name), name);
        const QString png = dir.filePath(u"net.png"_s);
        QVERIFY(pane.exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 400);
    }

    void emptyStateUntilHost()
    {
        NetworkPane pane;
        pane.setTitle(u"Network"_s);
        pane.setText(u"Select a host"_s);
        auto* stack = pane.findChild<QStackedWidget*>();
        QCOMPARE(stack->currentWidget()->objectName(), u"networkPane"_s);
    }

    void memoryPane()
    {
        Lab l;
        QVERIFY(start(l, u"memory-faults"_s));
        MemoryPane pane;
        pane.resize(1000, 800);
        pane.show();
        QSignalSpy shown(&pane, &MemoryPane::reportShown);
        pane.setSession(l.session.get(), l.hostId, nullptr, &l.gateway);
        QVERIFY(shown.wait(20000));
        const QList<MemoryChart::Segment> segs = pane.chart()->segments();
        QStringList labels;
        qint64 sum = 0;
        for (const MemoryChart::Segment& s : segs) {
            labels << s.label;
            sum += s.mib;
        }
        QCOMPARE(labels, (QStringList{u"Xen"_s, u"dom0"_s, u"files"_s, u"mail"_s, u"free"_s}));
        QCOMPARE(sum, pane.reading().report.totalMiB);
        QVERIFY(!pane.chart()->accessibleDescription().isEmpty());
        QVERIFY(pane.findChild<QFrame*>(u"advice-dom0-mem-unset"_s));
        QVERIFY(pane.findChild<QFrame*>(u"advice-xend-ballooning-on"_s));
        QVERIFY(pane.findChild<QLabel*>(u"memorySettings"_s)->text().contains(u"xend-config.sxp"_s));
        QVERIFY(pane.findChild<QPushButton*>(u"changeDom0Memory"_s)->isEnabled());
    }

    void mainWindowFollowsSelection()
    {
        // The app's objects as main.cpp builds them, in demo mode.
        QTemporaryDir dir;
        AppPaths paths{dir.filePath(u"data"_s), dir.filePath(u"config"_s), dir.filePath(u"ssh"_s)};
        Workspace workspace{paths};
        DemoSession* demo = workspace.demo();
        auto window = std::make_unique<MainWindow>(&workspace);
        HostSession::Options options;
        options.intervalMs = 250;
        options.maxIntervalMs = 1000;
        window->poolMonitor()->setSessionOptions(options);
        QVERIFY(demo->start(u"demo"_s));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto* tree = window->findChild<QTreeView*>(u"hostTree"_s);
        auto* network = window->findChild<NetworkPane*>(u"networkTab"_s);
        auto* memory = window->findChild<MemoryPane*>(u"memoryTab"_s);
        QVERIFY(tree && network && memory);
        const auto vmRow = [tree](const QString& name) {
            const QAbstractItemModel* m = tree->model();
            std::function<QModelIndex(const QModelIndex&)> find = [&](const QModelIndex& parent) -> QModelIndex {
                for (int r = 0; r < m->rowCount(parent); ++r) {
                    const QModelIndex i = m->index(r, 0, parent);
                    if (i.data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Vm) &&
                        i.data().toString() == name)
                        return i;
                    if (const QModelIndex below = find(i); below.isValid())
                        return below;
                }
                return {};
            };
            return find({});
        };
        QTRY_VERIFY_WITH_TIMEOUT(vmRow(u"web-01"_s).isValid() && vmRow(u"db-01"_s).isValid(), 20000);
        // Selecting web-01 draws its host and lights its path.
        tree->setCurrentIndex(vmRow(u"web-01"_s));
        QTRY_VERIFY_WITH_TIMEOUT(network->highlighted().contains(u"nic:eth0"_s), 20000);
        QVERIFY(network->highlighted().contains(u"vif:vif1.0"_s));
        QTRY_COMPARE_WITH_TIMEOUT(memory->reading().identity.hostname, u"xcp-lab-01"_s, 20000);
        // db-01 runs on the other host: both tabs follow.
        tree->setCurrentIndex(vmRow(u"db-01"_s));
        QTRY_VERIFY_WITH_TIMEOUT(network->highlighted().contains(u"vif:vif1.0"_s) &&
                                     network->topology().node(network->highlighted().value(0)) &&
                                     network->topology().node(network->highlighted().value(0))->name == u"db-01"_s,
                                 20000);
        QTRY_COMPARE_WITH_TIMEOUT(memory->reading().identity.hostname, u"xcp-lab-02"_s, 20000);
        window.reset();
    }

    // The panes follow the host's live session: when xapi stops answering they read again at
    // once without xe and say so (they used to keep their first identity, xe and all, because
    // their setHost() returned early on an unchanged host).
    void panesStopUsingXeWhenXapiStopsAnswering()
    {
        QTemporaryDir dir;
        AppPaths paths{dir.filePath(u"data"_s), dir.filePath(u"config"_s), dir.filePath(u"ssh"_s)};
        Workspace workspace{paths};
        auto window = std::make_unique<MainWindow>(&workspace);
        HostSession::Options options;
        options.intervalMs = 250;
        options.maxIntervalMs = 1000;
        options.xapiTimeoutMs = 1500;
        window->poolMonitor()->setSessionOptions(options);
        QVERIFY(workspace.demo()->start(u"demo"_s));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto* network = window->findChild<NetworkPane*>(u"networkTab"_s);
        auto* memory = window->findChild<MemoryPane*>(u"memoryTab"_s);
        auto* notice = memory->findChild<QLabel*>(u"memoryXapiNotice"_s);
        QVERIFY(network && memory && notice);
        const QString master = workspace.demo()->hostIds().constFirst();
        window->selectHost(master);
        QTRY_COMPARE_WITH_TIMEOUT(window->currentHostId(), master, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(memory->reading().identity.tools.has(HostTool::Xe), 20000);
        QVERIFY(!memory->readsWithoutXe() && !network->readsWithoutXe());
        QVERIFY(!notice->isVisibleTo(memory));

        auto* sim = qobject_cast<sim::SimHost*>(workspace.connections()->host(master));
        QVERIFY(sim);
        QVERIFY(sim->lab()->store()->update([](sim::SimPool& pool) {
            for (sim::SimHostModel& h : pool.hosts)
                h.faults.xapiWedged = true;
            return true;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!window->poolMonitor()->xapiProblems().isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(memory->readsWithoutXe() && network->readsWithoutXe(), 5000);
        QVERIFY(notice->isVisibleTo(memory));
        QVERIFY(notice->text().contains(u"xapi is not answering"_s));
        QTRY_VERIFY_WITH_TIMEOUT(memory->reading().identity.hostname == sim->hostName() &&
                                     !memory->reading().identity.tools.has(HostTool::Xe),
                                 20000);
        window.reset();
    }

    void dialogAppliesOnXl()
    {
        Lab l;
        QVERIFY(start(l, u"network-faults"_s));
        MemoryPane pane;
        QSignalSpy shown(&pane, &MemoryPane::reportShown);
        pane.setSession(l.session.get(), l.hostId, nullptr, &l.gateway);
        QVERIFY(shown.wait(20000));
        Dom0MemDialog dialog(&l.gateway, l.hostId, l.host.get(), pane.reading());
        QSignalSpy changed(&dialog, &Dom0MemDialog::changed);
        dialog.show();
        QVERIFY(dialog.plan().has_value());
        QCOMPARE(dialog.plan()->edits.size(), 1); // today's size: only xl.conf's autoballoon changes
        dialog.findChild<QSpinBox*>()->setValue(6144);
        QCOMPARE(dialog.plan()->edits.size(), 2); // /etc/default/grub and xl.conf
        QVERIFY(dialog.previewText().contains(u"+GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem="_s));
        QVERIFY(dialog.previewText().contains(u"+autoballoon=\"off\""_s));
        QVERIFY(dialog.previewText().contains(u"update-grub"_s));
        QTest::keyClicks(dialog.findChild<QLineEdit*>(u"dom0MemConfirm"_s), l.identity.hostname);
        dialog.findChild<QPushButton*>(u"dom0MemApply"_s)->click();
        QVERIFY(changed.wait(20000));
        QVERIFY(dialog.findChild<QLabel*>(u"dom0MemError"_s)->text().contains(u"Done"_s));
        QVERIFY(dialog.previewText().contains(u"reads back as written"_s));
        QFile conf(l.lab->store()->hostRoot(l.identity.hostname) + u"/etc/xen/xl.conf"_s);
        QVERIFY(conf.open(QIODevice::ReadOnly));
        QVERIFY(conf.readAll().endsWith("autoballoon=\"off\"\n"));
    }

    void dialogNeedsNameAndMaintenanceMode()
    {
        Lab l;
        QVERIFY(start(l, u"hung-vm-stuck-task"_s));
        MemoryPane pane;
        QSignalSpy shown(&pane, &MemoryPane::reportShown);
        pane.setSession(l.session.get(), l.hostId, nullptr, &l.gateway);
        QVERIFY(shown.wait(20000));
        Dom0MemDialog dialog(&l.gateway, l.hostId, l.host.get(), pane.reading());
        dialog.show();
        QVERIFY(dialog.plan().has_value());
        QVERIFY(dialog.previewText().contains(u"--set-xen dom0_mem="_s));
        QVERIFY(dialog.previewText().contains(u"param-name=enabled"_s));
        QVERIFY(dialog.previewText().contains(u"reboot"_s));
        auto* apply = dialog.findChild<QPushButton*>(u"dom0MemApply"_s);
        auto* confirm = dialog.findChild<QLineEdit*>(u"dom0MemConfirm"_s);
        QVERIFY(!apply->isEnabled());
        QTest::keyClicks(confirm, u"xcp-hun"_s);
        QVERIFY(!apply->isEnabled());
        QTest::keyClicks(confirm, u"g"_s);
        QVERIFY(apply->isEnabled());
        apply->click();
        auto* result = dialog.findChild<QLabel*>(u"dom0MemError"_s);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"maintenance mode"_s), 20000);
        QCOMPARE(l.lab->pool()->host(l.identity.hostname)->config.nextBootDom0MemMiB, 0);
    }
};

QTEST_MAIN(TestNetworkMemoryPanes)
#include "tst_networkmemorypanes.moc"
