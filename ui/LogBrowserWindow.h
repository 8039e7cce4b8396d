#pragma once

#include "MergedLog.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QSplitter;
class QStackedWidget;

namespace xr {

class ConnectionManager;
class LogBrowserPane;
class LogPane;
class PoolMonitor;

/// The Log Browser: two to four logs side by side, from any host. "Sync by Time" scrolls the
/// other panes to the nearest timestamp of the line selected in one (a binary search on each
/// log's line index); "Merge" interleaves the open logs by time in one view with a coloured
/// source column (lnav-style), across hosts.
class LogBrowserWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogBrowserWindow)

public:
    static constexpr int MinPanes = 2;
    static constexpr int MaxPanes = 4;

    LogBrowserWindow(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent = nullptr);
    ~LogBrowserWindow() override;

    QList<LogBrowserPane*> panes() const;
    LogBrowserPane* addPane();
    void removePane();
    /// Every pane offers the hosts connected now; new panes start on `hostId`.
    void setDefaultHost(const QString& hostId);
    void setSyncByTime(bool on);
    bool syncByTime() const;
    /// Shows the open logs merged by time (true), or side by side again.
    void setMerged(bool on);
    bool isMerged() const;
    LogPane* mergedPane() const { return m_mergedPane; }
    MergedLog* mergedLog() const { return m_merged; }
    QAction* syncAction() const { return m_syncAction; }
    QAction* mergeAction() const { return m_mergeAction; }

private:
    void syncFrom(LogPane* pane);
    void updateActions();
    void dropMerge();

    ConnectionManager* m_connections;
    PoolMonitor* m_monitor;
    QString m_defaultHost;
    QStackedWidget* m_stack;
    QSplitter* m_split;
    LogPane* m_mergedPane;
    QPointer<MergedLog> m_merged;
    QAction* m_addAction;
    QAction* m_removeAction;
    QAction* m_syncAction;
    QAction* m_mergeAction;
    bool m_syncing = false;
};

} // namespace xr
