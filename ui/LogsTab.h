#pragma once

#include "HostFlavour.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace xr {

class ConnectionManager;
class EmptyStatePane;
class LogFileModel;
class LogFilterJob;
class LogPane;
class LogSource;
class PoolMonitor;
struct LogOrigin;

/// The main window's Logs tab for the selected host: the flavour's log files with size and
/// time (rotated siblings under each), command outputs, any other remote path or a local
/// file; each opened log in a tab of its own (tail first, see LogPane); "Scan for Known
/// Problems" lists the catalogue's hits across the open logs with jump-to.
class LogsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsTab)

public:
    LogsTab(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent = nullptr);
    ~LogsTab() override;

    /// Shows host `id`'s logs (empty: none selected; `hint` says what to do). Cheap when
    /// nothing changed.
    void setHost(const QString& id, const QString& name, bool connected, const QString& hint = {});
    QString hostId() const { return m_hostId; }

    /// Opens a log of the current host (or a local file) in a new tab, or shows its tab.
    LogPane* openLog(const LogOrigin& origin);
    LogPane* currentPane() const;
    QList<LogPane*> panes() const;
    LogFileModel* fileModel() const { return m_files; }
    QTreeView* fileView() const { return m_fileView; }
    QTreeWidget* problemList() const { return m_problems; }
    QTabWidget* logTabs() const { return m_tabs; }
    /// Runs the catalogue over every open log and lists the hits.
    void scanForKnownProblems();
    bool isScanning() const { return !m_scanJobs.isEmpty(); }

Q_SIGNALS:
    /// "Side by Side…": open the Log Browser for this host.
    void browserRequested(const QString& hostId);
    void statusMessage(const QString& text);

private:
    void openSelected();
    void openPath();
    void openLocal();
    void closeTab(int index);
    void finishScanJob(LogFilterJob* job, LogPane* pane);
    void cancelScan();
    FlavourKind flavour() const;

    ConnectionManager* m_connections;
    PoolMonitor* m_monitor;
    QString m_hostId;
    QString m_hostName;
    bool m_connected = false;
    bool m_listed = false;

    QStackedWidget* m_stack;
    EmptyStatePane* m_empty;
    QLabel* m_hostLabel;
    LogFileModel* m_files;
    QTreeView* m_fileView;
    QLineEdit* m_pathEdit;
    QPushButton* m_scan;
    QTabWidget* m_tabs;
    QLabel* m_hint;
    QTreeWidget* m_problems;
    QList<QPointer<LogFilterJob>> m_scanJobs;
    QMetaObject::Connection m_identifiedConnection;
};

} // namespace xr
