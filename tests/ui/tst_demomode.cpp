// The demo mode: the in-process lab pool shown instead of the saved hosts, its banner, the
// Practise a Rescue dialog, and leaving it (Connect… to a real host, Leave the Lab Pool).

#include "../app/FakeRemoteHost.h"
#include "CommandGateway.h"
#include "ConnectDialog.h"
#include "ConnectionManager.h"
#include "DemoSession.h"
#include "LabPoolBanner.h"
#include "MainWindow.h"
#include "PoolTreeModel.h"
#include "PractiseDialog.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace xr;

namespace {

/// The app's objects as main.cpp builds them, on temp folders; saved hosts get fake transports.
struct Fixture
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                   dir.filePath(QStringLiteral("ssh"))};
    Workspace workspace{paths};
    Inventory& inventory = *workspace.inventory();
    ConnectionManager& connections = *workspace.connections();
    QHash<QString, FakeRemoteHost*> fakes;
    DemoSession* demo = workspace.demo();
    std::unique_ptr<MainWindow> window;

    Fixture()
    {
        connections.setHostFactory([this](const SavedHost& saved, const SshOptions&) {
            auto* h = new FakeRemoteHost(QStringLiteral("root@%1:22").arg(saved.endpoint.host));
            fakes.insert(saved.endpoint.host, h);
            return h;
        });
    }
    ~Fixture() { window.reset(); }

    void saveHost(const QString& name)
    {
        SavedHost h;
        h.endpoint.host = name;
        h.endpoint.user = QStringLiteral("root");
        h.endpoint.port = 22;
        inventory.add(h);
    }

    /// What main.cpp does after building the objects.
    void startApp(const QStringList& arguments = {})
    {
        window = std::make_unique<MainWindow>(&workspace);
        const DemoRequest request = DemoSession::parseArguments(arguments);
        if (const auto scenario = DemoSession::startupScenario(request, !inventory.hosts().isEmpty()))
            QVERIFY(demo->start(*scenario));
        else
            connections.loadInventory(false);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }

    QStringList treeHostNames() const
    {
        QStringList names;
        for (const QString& id : connections.hostIds())
            names.append(connections.hostLabel(id));
        names.sort();
        return names;
    }

    bool allConnected() const
    {
        const QStringList ids = connections.hostIds();
        return !ids.isEmpty() && std::all_of(ids.cbegin(), ids.cend(), [this](const QString& id) {
            return connections.hostState(id) == HostState::Connected;
        });
    }
};

} // namespace

class TestDemoMode final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parsesTheDemoOption()
    {
        const DemoRequest none = DemoSession::parseArguments({QStringLiteral("--no-connect")});
        QVERIFY(!none.requested);
        const DemoRequest plain = DemoSession::parseArguments({QStringLiteral("--demo")});
        QVERIFY(plain.requested);
        QVERIFY(plain.scenario.isEmpty());
        QVERIFY(plain.error.isEmpty());
        const DemoRequest named =
            DemoSession::parseArguments({QStringLiteral("--demo"), QStringLiteral("xapi-wedged")});
        QCOMPARE(named.scenario, QStringLiteral("xapi-wedged"));
        const DemoRequest equals = DemoSession::parseArguments({QStringLiteral("--demo=legacy-62")});
        QVERIFY(equals.requested);
        QCOMPARE(equals.scenario, QStringLiteral("legacy-62"));
        // An option after --demo is not a scenario.
        const DemoRequest option =
            DemoSession::parseArguments({QStringLiteral("--demo"), QStringLiteral("--no-connect")});
        QVERIFY(option.requested);
        QVERIFY(option.scenario.isEmpty());
        const DemoRequest unknown = DemoSession::parseArguments({QStringLiteral("--demo"), QStringLiteral("nope")});
        QVERIFY(unknown.error.contains(QStringLiteral("nope")));
        QVERIFY(unknown.error.contains(QStringLiteral("xapi-wedged")));

        QCOMPARE(DemoSession::startupScenario(plain, true), std::optional<QString>(QStringLiteral("demo")));
        QCOMPARE(DemoSession::startupScenario(named, true), std::optional<QString>(QStringLiteral("xapi-wedged")));
        QCOMPARE(DemoSession::startupScenario(none, false), std::optional<QString>(QStringLiteral("demo")));
        QCOMPARE(DemoSession::startupScenario(none, true), std::nullopt);
        QCOMPARE(DemoSession::startupScenario(unknown, true), std::nullopt);
        // Every scenario has a translated title and description.
        for (const QString& s : DemoSession::scenarioNames()) {
            QVERIFY(DemoSession::scenarioTitle(s) != s);
            QVERIFY(!DemoSession::scenarioDescription(s).isEmpty());
        }
    }

    void noSavedHostStartsTheLabPool()
    {
        Fixture f;
        f.startApp();
        QVERIFY(f.demo->isActive());
        LabPoolBanner* banner = f.window->findChild<LabPoolBanner*>(QStringLiteral("labPoolBanner"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->headline(), QStringLiteral("Lab pool — nothing here is real"));
        QCOMPARE(banner->accessibleName(), QStringLiteral("Lab pool — nothing here is real"));
        QVERIFY(banner->scenarioText().contains(DemoSession::scenarioTitle(QStringLiteral("demo"))));
        // At the top of the window's content, across its whole width.
        QCOMPARE(banner->mapTo(f.window.get(), QPoint(0, 0)).x(), 0);
        QCOMPARE(banner->width(), f.window->centralWidget()->width());
        QVERIFY(f.window->windowTitle().contains(QStringLiteral("Lab Pool")));

        QCOMPARE(f.treeHostNames(), (QStringList{QStringLiteral("xcp-lab-01"), QStringLiteral("xcp-lab-02")}));
        QTRY_VERIFY_WITH_TIMEOUT(f.allConnected(), 10000);
        // Connected without a prompt, and nothing saved.
        QVERIFY(!QApplication::activeModalWidget());
        const QList<QDialog*> dialogs = f.window->findChildren<QDialog*>();
        QVERIFY(std::none_of(dialogs.cbegin(), dialogs.cend(), [](QDialog* d) { return d->isVisible(); }));
        QVERIFY(f.inventory.hosts().isEmpty());
        // (One QFile, opened and read: three QFile objects would read one that was never opened.)
        QFile settings(f.paths.settingsFile());
        if (settings.exists()) {
            QVERIFY(settings.open(QIODevice::ReadOnly));
            QVERIFY(!settings.readAll().contains("xcp-lab"));
        }
        // The pool row (once xapi named it) and the master selected.
        auto* tree = f.window->findChild<QTreeView*>(QStringLiteral("hostTree"));
        QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(f.window->currentHostId(), f.demo->hostIds().constFirst(), 10000);
        QVERIFY2(tree->model()->index(0, 0).data(PoolTreeModel::KindRole).toInt() == int(PoolTreeModel::Kind::Pool),
                 qPrintable(tree->model()->index(0, 0).data().toString()));
        // A lab host runs commands in process; an action sent to it through the gateway, the
        // one road every action takes, stays out of the real audit log. (Sent straight to the
        // transport, as this test did before, it could never have reached the log at all.)
        const QString labHost = f.demo->hostIds().constFirst();
        Result<RemoteCommand*> sent = f.workspace.gateway()->runAction(
            labHost, CommandRequest{QStringLiteral("xe host-list --minimal")},
            AuditContext{QString(), QString(), QString(), QStringLiteral("demo test")});
        QVERIFY2(sent.ok(), qPrintable(sent.errorMessage()));
        std::unique_ptr<RemoteCommand> cmd(sent.value());
        QTRY_VERIFY(cmd->isFinished());
        QVERIFY(cmd->result().succeeded());
        QCOMPARE(cmd->result().stdOut.count(',') + 1, 2);
        QFile audit(f.paths.auditLogFile());
        if (audit.exists()) {
            QVERIFY2(audit.open(QIODevice::ReadOnly), qPrintable(audit.errorString()));
            const QByteArray written = audit.readAll();
            QVERIFY2(!written.contains("host-list"), written.constData());
        }
        // Where the gateway did record it: the lab's own log, when it has one.
        const QString history = f.workspace.gateway()->historyLogFile();
        qInfo().noquote() << "real audit log exists:" << audit.exists() << "| history log:" << history;
        if (!history.isEmpty() && history != f.paths.auditLogFile()) {
            QFile lab(history);
            QTRY_VERIFY(lab.exists());
            QVERIFY(lab.open(QIODevice::ReadOnly));
            QVERIFY(lab.readAll().contains("host-list"));
        }
    }

    void demoOptionWinsOverSavedHosts()
    {
        Fixture f;
        f.saveHost(QStringLiteral("xs-real"));
        f.startApp({QStringLiteral("--demo"), QStringLiteral("xl-host")});
        QCOMPARE(f.demo->scenario(), QStringLiteral("xl-host"));
        // Never mixed: the saved host is not in the tree, and was not connected.
        QCOMPARE(f.treeHostNames(), QStringList{QStringLiteral("xen-xl")});
        QVERIFY(f.fakes.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(f.allConnected(), 10000);
        QVERIFY(f.window->labPoolBanner()->isVisible());
        // Leaving brings the saved host back.
        f.window->findChild<QAction*>(QStringLiteral("actionLeaveLabPool"))->trigger();
        QVERIFY(!f.demo->isActive());
        QVERIFY(!f.window->labPoolBanner()->isVisible());
        QCOMPARE(f.treeHostNames(), QStringList{QStringLiteral("xs-real")});
        QCOMPARE(f.inventory.hosts().size(), 1);
    }

    void practiseDialogSwitchesTheScenario()
    {
        Fixture f;
        f.startApp();
        QTRY_VERIFY_WITH_TIMEOUT(f.allConnected(), 10000);
        QAction* practise = f.window->findChild<QAction*>(QStringLiteral("actionPractise"));
        QVERIFY(practise && practise->isEnabled());
        // In the Help menu.
        QMenu* help = nullptr;
        for (QAction* a : f.window->menuBar()->actions()) {
            if (a->menu() && a->menu()->actions().contains(practise))
                help = a->menu();
        }
        QVERIFY(help);
        QCOMPARE(help->title(), QStringLiteral("&Help"));

        // The banner's button opens it too.
        QPushButton* choose = f.window->labPoolBanner()->findChild<QPushButton*>(QStringLiteral("labPoolChooseButton"));
        QVERIFY(choose && choose->isVisible());
        QTest::mouseClick(choose, Qt::LeftButton);
        PractiseDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = f.window->findChild<PractiseDialog*>()) != nullptr);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->scenario(), QStringLiteral("demo"));
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("scenarioList"));
        QCOMPARE(list->count(), DemoSession::scenarioNames().size());
        auto* description = dialog->findChild<QLabel*>(QStringLiteral("scenarioDescription"));
        QCOMPARE(description->text(), DemoSession::scenarioDescription(QStringLiteral("demo")));

        // Keyboard: down to "xapi no longer answers" (the third scenario).
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(dialog->scenario(), QStringLiteral("xapi-wedged"));
        QCOMPARE(description->text(), DemoSession::scenarioDescription(QStringLiteral("xapi-wedged")));
        QPushButton* start = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QCOMPARE(start->text(), QStringLiteral("&Start Practice"));
        QTest::mouseClick(start, Qt::LeftButton);

        QTRY_COMPARE(f.demo->scenario(), QStringLiteral("xapi-wedged"));
        QCOMPARE(f.treeHostNames(), QStringList{QStringLiteral("xcp-wedged")});
        QTRY_VERIFY_WITH_TIMEOUT(f.allConnected(), 10000);
        QVERIFY(f.window->labPoolBanner()->scenarioText().contains(
            DemoSession::scenarioTitle(QStringLiteral("xapi-wedged"))));
        QVERIFY(f.inventory.hosts().isEmpty());

        // Choosing the same scenario again gives a fresh pool.
        const QStringList before = f.demo->hostIds();
        QVERIFY(f.demo->start(QStringLiteral("xapi-wedged")));
        QVERIFY(f.demo->hostIds() != before);
        QCOMPARE(f.connections.hostIds().size(), 1);
    }

    void bannerAbsentWhenARealHostIsSaved()
    {
        Fixture f;
        f.saveHost(QStringLiteral("xs-01"));
        f.startApp();
        QVERIFY(!f.demo->isActive());
        QVERIFY(!f.window->labPoolBanner()->isVisible());
        QVERIFY(!f.window->windowTitle().contains(QStringLiteral("Lab Pool")));
        QCOMPARE(f.treeHostNames(), QStringList{QStringLiteral("xs-01")});
        // Practising is still offered; leaving is not (there is nothing to leave).
        QVERIFY(f.window->findChild<QAction*>(QStringLiteral("actionPractise"))->isEnabled());
        QVERIFY(!f.window->findChild<QAction*>(QStringLiteral("actionLeaveLabPool"))->isEnabled());
    }

    void connectingToARealHostEndsTheDemo()
    {
        Fixture f;
        f.startApp();
        QTRY_VERIFY_WITH_TIMEOUT(f.allConnected(), 10000);
        f.window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = f.window->findChild<ConnectDialog*>()) != nullptr);
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("hostEdit")), QStringLiteral("xs-02"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_VERIFY(!f.demo->isActive());
        QVERIFY(!f.window->labPoolBanner()->isVisible());
        QCOMPARE(f.treeHostNames(), QStringList{QStringLiteral("xs-02")});
        QCOMPARE(f.inventory.hosts().size(), 1);
        QVERIFY(f.fakes.value(QStringLiteral("xs-02")));
        QCOMPARE(f.fakes.value(QStringLiteral("xs-02"))->connectCalls, 1);
    }

    void cancellingTheConnectDialogKeepsTheDemo()
    {
        Fixture f;
        f.startApp();
        f.window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = f.window->findChild<ConnectDialog*>()) != nullptr);
        dialog->reject();
        QVERIFY(f.demo->isActive());
        QVERIFY(f.window->labPoolBanner()->isVisible());
        QCOMPARE(f.connections.hostIds().size(), 2);
    }

    void bannerColourFollowsThePalette()
    {
        QPalette light;
        light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
        const QColor onLight = LabPoolBanner::fillColour(light);
        const QColor onDark = LabPoolBanner::fillColour(dark);
        QVERIFY(onLight.lightness() > 150);
        QVERIFY(onDark.lightness() < 100);
        // Visibly tinted: more red than blue on both.
        QVERIFY(onLight.red() - onLight.blue() > 40);
        QVERIFY(onDark.red() - onDark.blue() > 40);
    }
};

QTEST_MAIN(TestDemoMode)
#include "tst_demomode.moc"
