#pragma once

#include "HostSummaryWidget.h"

#include <QStackedWidget>

class QLabel;
class QModelIndex;
class QScrollArea;

namespace xr {

class ConnectionManager;
class EmptyStatePane;
class PoolMonitor;
class PoolTreeModel;

/// The Overview tab: what is selected in the pool tree. A host shows its summary (state,
/// flavour, xapi's health, pool role); a VM, a pool or a pool member without a connection
/// shows its details; nothing selected shows what to do next.
class OverviewPage final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)

public:
    OverviewPage(ConnectionManager* connections, PoolMonitor* monitor, PoolTreeModel* poolModel,
                 QWidget* parent = nullptr);
    ~OverviewPage() override;

    /// Shows the host `hostId` (a session id) if there is one, else the pool tree row `item`
    /// (an index of the PoolTreeModel) if valid, else the empty state. `connectKey` is the
    /// Connect… shortcut, named in the empty state's advice.
    void showSelection(const QString& hostId, const QModelIndex& item, const QString& connectKey);

    /// The details of a VM, a pool or a pool member without a connection, as rich text.
    QString detailsHtml(const QModelIndex& index) const;
    /// What the host's session has read, for the host summary.
    HostSummaryWidget::Facts hostFacts(const QString& sessionId) const;

Q_SIGNALS:
    /// The host summary's Connect and Disconnect buttons, for the host on display.
    void connectRequested();
    void disconnectRequested();

private:
    ConnectionManager* m_connections;
    PoolMonitor* m_monitor;
    PoolTreeModel* m_poolModel;
    EmptyStatePane* m_empty;
    HostSummaryWidget* m_hostSummary;
    QLabel* m_details;
    QScrollArea* m_detailsPage;
};

} // namespace xr
