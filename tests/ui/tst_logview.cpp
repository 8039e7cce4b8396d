// Log browsing in the GUI (issue 7), driven with QTest: the find bar (Ctrl+F, plain, regex,
// case, next/previous, count), filters (matching lines, warnings and worse, known
// problems), the explanation of a known problem, copy, go to time, wrap; the Logs tab of the
// main window on the demo lab (file list, open, scan for known problems with jump-to); the
// Log Browser window (sync by time across two hosts, merged view with source column).

#include "AppPaths.h"
#include "ConnectionManager.h"
#include "DemoSession.h"
#include "HostSession.h"
#include "Inventory.h"
#include "LogBrowserPane.h"
#include "LogBrowserWindow.h"
#include "LogFileModel.h"
#include "LogFindBar.h"
#include "LogPane.h"
#include "LogSource.h"
#include "LogView.h"
#include "LogsTab.h"
#include "MainWindow.h"
#include "MergedLog.h"
#include "PoolMonitor.h"
#include "SimHost.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace xr;

namespace {

constexpr int kWaitMs = 20000;
// A literal of the catalogue's pygrub-no-data entry.
const char* const kKnownProblem = "Boot loader didn't return any data";

QByteArray testLog(int lines, int* warnings, int* needles)
{
    QByteArray out;
    *warnings = 0;
    *needles = 0;
    for (int i = 0; i < lines; ++i) {
        const QTime t = QTime(8, 0).addSecs(i);
        const char* level = "debug";
        if (i % 100 == 7) {
            level = "warn";
            ++*warnings;
        } else if (i % 250 == 11) {
            level = "error";
            ++*warnings;
        }
        QByteArray text = "task " + QByteArray::number(i) + " did its work";
        if (i % 500 == 3) {
            text = "found the needle in line " + QByteArray::number(i);
            ++*needles;
        }
        if (i == 2500)
            text = QByteArray("VM.start failed: ") + kKnownProblem;
        out += "Nov 21 " + t.toString(QStringLiteral("HH:mm:ss")).toLatin1() + " xs-01 xapi: [" + level +
               "|xs-01|42 |VM.start R:abc|xapi] " + text + '\n';
    }
    return out;
}

// Writes testLog(lines) to `path` and returns it as a local log.
LogOrigin writeTestLog(const QString& path, int lines, int* warnings, int* needles)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(testLog(lines, warnings, needles));
    LogOrigin origin;
    origin.kind = LogOrigin::Kind::LocalFile;
    origin.path = path;
    return origin;
}

// Shows `pane` with `source` (its tail large enough for the whole test log) and opens it.
bool showAndOpen(LogPane& pane, LogSource& source)
{
    source.setTailBytes(16 << 20);
    pane.setDocument(&source);
    pane.resize(1000, 600);
    pane.show();
    if (!QTest::qWaitForWindowExposed(&pane))
        return false;
    source.open();
    return QTest::qWaitFor([&] { return source.isReady(); }, kWaitMs);
}

} // namespace

class TestLogView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    static void waitIdle(LogPane& pane)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isSearching() && !pane.isFiltering(), kWaitMs);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void findFilterExplainCopy()
    {
        int warnings = 0;
        int needles = 0;
        const QString path = m_tmp.filePath(QStringLiteral("xensource.log"));
        LogPane pane;
        LogSource source(nullptr, writeTestLog(path, 5000, &warnings, &needles));
        QVERIFY(showAndOpen(pane, source));
        LogView* view = pane.view();
        QCOMPARE(view->rowCount(), quint64(5000));
        QVERIFY(!view->accessibleName().isEmpty());
        // Opens at its end.
        QCOMPARE(view->topLine() + quint64(view->visibleRows()), quint64(5000));

        // Ctrl+F in the view opens the find bar with the focus in it.
        view->setFocus();
        QVERIFY(!pane.findBar()->isVisible());
        QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(pane.findBar()->isVisible());
        QLineEdit* edit = pane.findBar()->edit();
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("needle"));
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(needles), kWaitMs);
        waitIdle(pane);
        auto* status = pane.findBar()->findChild<QLabel*>(QStringLiteral("findStatus"));
        QVERIFY2(status->text().contains(QString::number(needles)), qPrintable(status->text()));

        // Enter goes to the next match from the top, F3 on, Shift+F3 back; wraps around.
        view->setCurrentLine(0);
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(view->currentLine(), quint64(3));
        QVERIFY2(status->text().startsWith(QStringLiteral("1 of")), qPrintable(status->text()));
        QTest::keyClick(view, Qt::Key_F3);
        QCOMPARE(view->currentLine(), quint64(503));
        QTest::keyClick(view, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(view->currentLine(), quint64(3));
        QTest::mouseClick(pane.findBar()->findChild<QToolButton*>(QStringLiteral("findPrevious")), Qt::LeftButton);
        QCOMPARE(view->currentLine(), quint64(4503)); // wrapped to the last match

        // Case: "NEEDLE" matches only without "Match case".
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("NEEDLE"));
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(needles), kWaitMs);
        pane.findBar()->findChild<QCheckBox*>(QStringLiteral("findCase"))->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(0), kWaitMs);
        waitIdle(pane);
        pane.findBar()->findChild<QCheckBox*>(QStringLiteral("findCase"))->setChecked(false);

        // Regex.
        pane.findBar()->findChild<QCheckBox*>(QStringLiteral("findRegex"))->setChecked(true);
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("needle in line \\d+00\\b|task 4999 "));
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(1), kWaitMs);
        waitIdle(pane);
        QCOMPARE(pane.matches().front(), quint64(4999));
        // An invalid expression says so.
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("needle("));
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().isEmpty() && !pane.isSearching() && pane.matches().empty(), kWaitMs);
        pane.findBar()->findChild<QCheckBox*>(QStringLiteral("findRegex"))->setChecked(false);
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("needle"));
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(needles), kWaitMs);
        waitIdle(pane);

        // Filters from the combo box.
        QComboBox* filter = pane.filterBox();
        const auto choose = [&](const QString& text) {
            const int i = filter->findText(text);
            QVERIFY(i >= 0);
            filter->setCurrentIndex(i);
            Q_EMIT filter->activated(i);
        };
        choose(QStringLiteral("Matching lines"));
        QCOMPARE(view->rowCount(), quint64(needles));
        choose(QStringLiteral("Warnings and worse"));
        QTRY_COMPARE_WITH_TIMEOUT(view->rowCount(), quint64(warnings), kWaitMs);
        waitIdle(pane);
        choose(QStringLiteral("Known problems"));
        QTRY_COMPARE_WITH_TIMEOUT(view->rowCount(), quint64(1), kWaitMs);
        waitIdle(pane);
        QCOMPARE(view->lineOfRow(0), quint64(2500));

        // Clicking the known problem's line shows what it means and what to do.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(200, 5));
        QCOMPARE(view->currentLine(), quint64(2500));
        QVERIFY(pane.explanation()->isVisible());
        const QString explained = pane.explanation()->toPlainText();
        QVERIFY2(explained.contains(QStringLiteral("boot loader"), Qt::CaseInsensitive), qPrintable(explained));
        QVERIFY2(explained.contains(QStringLiteral("What to do")), qPrintable(explained));
        QVERIFY2(explained.startsWith(QStringLiteral("Known problem: The boot loader found no kernel")),
                 qPrintable(explained));

        // Ctrl+C copies the selected lines as they are in the log.
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8(source.lineBytes(2500)));

        // Back to all lines: the current line stays.
        choose(QStringLiteral("All lines"));
        QCOMPARE(view->rowCount(), quint64(5000));
        QCOMPARE(view->currentLine(), quint64(2500));
        // A line without a known problem hides the explanation; shift+Down extends the selection.
        QTest::keyClick(view, Qt::Key_Down);
        QVERIFY(!pane.explanation()->isVisible());
        QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(view->selectedText().split(QLatin1Char('\n')).size(), 2);

        // Go to time: 08:20:00 is line 1200.
        const QDateTime when = source.parsedLine(1200).timestamp;
        QVERIFY(pane.goToTime(when.toMSecsSinceEpoch()));
        QCOMPARE(view->currentLine(), quint64(1200));
        auto* timeEdit = pane.findChild<QDateTimeEdit*>(QStringLiteral("timeEdit"));
        QVERIFY(timeEdit);
        timeEdit->setDateTime(source.parsedLine(42).timestamp);
        QTest::mouseClick(pane.findChild<QToolButton*>(QStringLiteral("goTimeButton")), Qt::LeftButton);
        QCOMPARE(view->currentLine(), quint64(42));

        // Wrap and raw lines toggle without losing the place.
        QTest::mouseClick(pane.findChild<QToolButton*>(QStringLiteral("wrapButton")), Qt::LeftButton);
        QVERIFY(view->wrap());
        QTest::mouseClick(pane.findChild<QToolButton*>(QStringLiteral("columnsButton")), Qt::LeftButton);
        QVERIFY(!view->columns());
        QCOMPARE(view->currentLine(), quint64(42));
        view->repaint();

        // Esc closes the find bar.
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!pane.findBar()->isVisible());
    }

    void followedLinesAreSearchedAsTheyCome()
    {
        // A followed log with a find under way: new lines are searched as they arrive (a
        // line written in two parts counts once), the count and the last match follow.
        int warnings = 0;
        int needles = 0;
        const QString path = m_tmp.filePath(QStringLiteral("followed.log"));
        LogPane pane;
        LogSource source(nullptr, writeTestLog(path, 3000, &warnings, &needles));
        source.setFollowInterval(50);
        QVERIFY(showAndOpen(pane, source));
        source.setFollowing(true);
        pane.showFind();
        QTest::keyClicks(pane.findBar()->edit(), QStringLiteral("needle"));
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(needles), kWaitMs);
        waitIdle(pane);

        const auto append = [&](const QByteArray& text) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::Append));
            out.write(text);
        };
        append("Nov 21 09:00:00 xs-01 xapi: [debug|xs-01|42 ||xapi] another nee");
        QTRY_COMPARE_WITH_TIMEOUT(source.lineCount(), quint64(3001), kWaitMs);
        waitIdle(pane);
        QCOMPARE(pane.matches().size(), size_t(needles));
        append("dle, split in two\nNov 21 09:00:01 xs-01 xapi: [debug|xs-01|42 ||xapi] nothing here\n"
               "Nov 21 09:00:02 xs-01 xapi: [warn|xs-01|42 ||xapi] the needle again\n");
        QTRY_COMPARE_WITH_TIMEOUT(pane.matches().size(), size_t(needles + 2), kWaitMs);
        waitIdle(pane);
        QCOMPARE(pane.matches().back(), quint64(3002));
        QCOMPARE(pane.matches()[pane.matches().size() - 2], quint64(3000));
        auto* status = pane.findBar()->findChild<QLabel*>(QStringLiteral("findStatus"));
        QTRY_VERIFY2(status->text().contains(QString::number(needles + 2)), qPrintable(status->text()));
    }

    void logsTabOnTheDemoLab()
    {
        QTemporaryDir dir;
        AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                       dir.filePath(QStringLiteral("ssh"))};
        Workspace workspace{paths};
        ConnectionManager& connections = *workspace.connections();
        DemoSession* demo = workspace.demo();
        auto window = std::make_unique<MainWindow>(&workspace);
        QVERIFY(demo->start(QStringLiteral("demo")));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString id = demo->hostIds().constFirst();
        auto* sim = qobject_cast<sim::SimHost*>(connections.host(id));
        QVERIFY(sim);
        QTRY_VERIFY_WITH_TIMEOUT(sim->isConnected(), kWaitMs);
        // A known problem in the host's xensource.log.
        {
            QFile f(sim->lab()->store()->hostRoot(sim->hostName()) + QStringLiteral("/var/log/xensource.log"));
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray("Nov 21 10:41:03 xcp-lab-01 xapi: [error|xcp-lab-01|77 |VM.start R:1|xapi] ") +
                    kKnownProblem + '\n');
        }
        window->selectHost(id);
        window->tabs()->setCurrentIndex(MainWindow::LogsTab);
        auto* tab = window->findChild<LogsTab*>(QStringLiteral("logsTab"));
        QVERIFY(tab);
        QTRY_COMPARE_WITH_TIMEOUT(tab->hostId(), id, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(tab->fileModel()->rowCount() > 3, kWaitMs);
        QVERIFY(tab->fileView()->isVisible());

        // Double-click... activation of xensource.log opens it in a tab, at its end.
        int row = -1;
        for (int r = 0; r < tab->fileModel()->rowCount(); ++r)
            if (tab->fileModel()->index(r, 0).data(LogFileModel::PathRole) == QStringLiteral("/var/log/xensource.log"))
                row = r;
        QVERIFY(row >= 0);
        tab->fileView()->setCurrentIndex(tab->fileModel()->index(row, 0));
        Q_EMIT tab->fileView()->activated(tab->fileView()->currentIndex());
        QCOMPARE(tab->logTabs()->count(), 1);
        LogPane* pane = tab->currentPane();
        QVERIFY(pane && pane->source());
        QTRY_VERIFY_WITH_TIMEOUT(pane->source()->isReady(), kWaitMs);
        QVERIFY(pane->source()->lineCount() > 10);
        QVERIFY(pane->view()->isVisible());
        // Opening it again shows the same tab.
        Q_EMIT tab->fileView()->activated(tab->fileView()->currentIndex());
        QCOMPARE(tab->logTabs()->count(), 1);
        // A path typed by hand.
        auto* pathEdit = tab->findChild<QLineEdit*>(QStringLiteral("logPathEdit"));
        pathEdit->setText(QStringLiteral("/var/log/SMlog"));
        QTest::keyClick(pathEdit, Qt::Key_Return);
        QCOMPARE(tab->logTabs()->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(tab->currentPane()->source()->isReady(), kWaitMs);

        // Scan for known problems: one hit, in xensource.log; activating it jumps there.
        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("scanButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isScanning(), kWaitMs);
        QTreeWidget* problems = tab->problemList();
        QVERIFY(problems->isVisible());
        QTreeWidgetItem* hit = nullptr;
        for (int i = 0; i < problems->topLevelItemCount(); ++i)
            if (problems->topLevelItem(i)->text(2).contains(QString::fromLatin1(kKnownProblem)))
                hit = problems->topLevelItem(i);
        QVERIFY(hit);
        QVERIFY2(hit->text(1).endsWith(QStringLiteral("/var/log/xensource.log")), qPrintable(hit->text(1)));
        QVERIFY(!hit->text(0).isEmpty());
        Q_EMIT problems->itemActivated(hit, 0);
        QCOMPARE(tab->currentPane(), pane);
        QVERIFY(pane->source()->lineBytes(pane->view()->currentLine()).contains(kKnownProblem));
        QVERIFY(pane->explanation()->isVisible());

        // "Side by Side…" opens the Log Browser on this host, the Logs action too.
        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("sideBySideButton")), Qt::LeftButton);
        auto* browser = window->findChild<LogBrowserWindow*>(QStringLiteral("logBrowser"));
        QVERIFY(browser);
        QVERIFY(browser->isVisible());
        QCOMPARE(browser->panes().size(), 2);
        QCOMPARE(browser->panes().first()->hostId(), tab->hostId());
        delete browser;
        window->findChild<QAction*>(QStringLiteral("actionLogs"))->trigger();
        browser = window->findChild<LogBrowserWindow*>(QStringLiteral("logBrowser"));
        QVERIFY(browser && browser->isVisible());
        QVERIFY(!browser->panes().first()->hostId().isEmpty());
        delete browser;
        window.reset();
    }

    void browserSyncByTimeAndMerge()
    {
        QTemporaryDir dir;
        AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                       dir.filePath(QStringLiteral("ssh"))};
        Workspace workspace{paths};
        ConnectionManager& connections = *workspace.connections();
        DemoSession* demo = workspace.demo();
        QVERIFY(demo->start(QStringLiteral("demo")));
        const QStringList ids = demo->hostIds();
        QVERIFY(ids.size() >= 2);
        QList<sim::SimHost*> hosts;
        for (const QString& id : ids.first(2)) {
            auto* h = qobject_cast<sim::SimHost*>(connections.host(id));
            QVERIFY(h);
            QTRY_VERIFY_WITH_TIMEOUT(h->isConnected(), kWaitMs);
            hosts << h;
        }
        // Host 0 logs every 2 s, host 1 every 3 s, over the same 20 minutes.
        for (int k = 0; k < 2; ++k) {
            QFile f(hosts[k]->lab()->store()->hostRoot(hosts[k]->hostName()) + QStringLiteral("/var/log/sync.log"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int s = 0; s < 1200; s += 2 + k)
                f.write("Nov 21 " + QTime(9, 0).addSecs(s).toString(QStringLiteral("HH:mm:ss")).toLatin1() + " h" +
                        QByteArray::number(k) + " SM: [1] tick " + QByteArray::number(s) + '\n');
        }

        LogBrowserWindow browser(&connections, nullptr);
        browser.setAttribute(Qt::WA_DeleteOnClose, false);
        browser.setDefaultHost(ids.first());
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(browser.addPane());
        QVERIFY(browser.addPane());
        QVERIFY(!browser.addPane()); // four at most
        browser.removePane();
        browser.removePane();
        browser.removePane(); // two at least
        QCOMPARE(browser.panes().size(), 2);

        // Pane 0: host 0 chosen in the pane, path typed; pane 1: host 1.
        LogBrowserPane* p0 = browser.panes().at(0);
        LogBrowserPane* p1 = browser.panes().at(1);
        p1->setHost(ids.at(1));
        QCOMPARE(p1->hostId(), ids.at(1));
        // Each pane lists its host's logs.
        QTRY_VERIFY_WITH_TIMEOUT(p0->pathBox()->count() > 3 && p1->pathBox()->count() > 3, kWaitMs);
        p0->pathBox()->setEditText(QStringLiteral("/var/log/sync.log"));
        QTest::mouseClick(p0->findChild<QPushButton*>(QStringLiteral("browserOpen")), Qt::LeftButton);
        p1->pathBox()->setEditText(QStringLiteral("/var/log/sync.log"));
        QTest::keyClick(p1->pathBox()->lineEdit(), Qt::Key_Return);
        QVERIFY(p0->source() && p1->source());
        QTRY_VERIFY_WITH_TIMEOUT(p0->source()->isReady() && p1->source()->isReady(), kWaitMs);
        QCOMPARE(p0->source()->lineCount(), quint64(600));
        QCOMPARE(p1->source()->lineCount(), quint64(400));
        QVERIFY(p0->source()->origin().displayName().startsWith(QStringLiteral("xcp-lab-01:")));

        // Selecting tick 600 (09:10:00) on host 0 brings host 1 to its tick 600 (line 200).
        QVERIFY(browser.syncByTime());
        p0->pane()->view()->setCurrentLine(300);
        QCOMPARE(p1->pane()->view()->currentLine(), quint64(200));
        // 09:10:02 on host 0 -> host 1's next line, 09:10:03 (line 201).
        p0->pane()->view()->setCurrentLine(301);
        QCOMPARE(p1->pane()->view()->currentLine(), quint64(201));
        // And the other way round: 09:00:09 on host 1 -> 09:00:10 on host 0 (line 5).
        p1->pane()->view()->setCurrentLine(3);
        QCOMPARE(p0->pane()->view()->currentLine(), quint64(5));
        browser.setSyncByTime(false);
        p0->pane()->view()->setCurrentLine(0);
        QCOMPARE(p1->pane()->view()->currentLine(), quint64(3));

        // Merge: one view, both logs in time order, a source per line.
        browser.mergeAction()->trigger();
        QVERIFY(browser.isMerged());
        MergedLog* merged = browser.mergedLog();
        QVERIFY(merged);
        QTRY_VERIFY_WITH_TIMEOUT(merged->isReady(), kWaitMs);
        LogView* view = browser.mergedPane()->view();
        QVERIFY(view->isVisible());
        QCOMPARE(view->rowCount(), quint64(1000));
        QCOMPARE(merged->sourceCount(), 2);
        QVERIFY(view->sourceColour(0) != view->sourceColour(1));
        qint64 last = 0;
        for (quint64 i = 0; i < merged->lineCount(); ++i) {
            const qint64 k = *merged->timeKey(i);
            QVERIFY(k >= last);
            last = k;
        }
        // Equal stamps (every 6 s): host 0's line first.
        QCOMPARE(QString::fromUtf8(merged->lineBytes(0)), QStringLiteral("Nov 21 09:00:00 h0 SM: [1] tick 0"));
        QCOMPARE(QString::fromUtf8(merged->lineBytes(1)), QStringLiteral("Nov 21 09:00:00 h1 SM: [1] tick 0"));
        // Find works across the merged logs.
        browser.mergedPane()->showFind();
        QTest::keyClicks(browser.mergedPane()->findBar()->edit(), QStringLiteral("tick 600"));
        QTRY_COMPARE_WITH_TIMEOUT(browser.mergedPane()->matches().size(), size_t(2), kWaitMs);
        view->setCurrentLine(2);
        QVERIFY(view->selectedText().startsWith(merged->sourceName(0)));
        view->repaint();
        browser.mergeAction()->trigger();
        QVERIFY(!browser.isMerged());
        QVERIFY(!browser.mergedLog());
        QTRY_VERIFY_WITH_TIMEOUT(!browser.mergedPane()->isSearching(), kWaitMs);
    }
};

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
