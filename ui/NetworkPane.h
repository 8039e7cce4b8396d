#pragma once

#include "NetworkTopology.h"
#include "PoolState.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace xr {

class AuditLog;
class CommandGateway;
class HostSession;
class LiveHost;
class EmptyStatePane;
class NetworkReader;
class RemoteHost;

/// The Network tab (issue 8): one host's physical NICs -> bridges -> VM interfaces -> VMs, drawn
/// left to right with names, MACs, VLANs, MTU and link state; the checks' findings drawn as
/// numbered warning markers and listed below; zoom (Ctrl+wheel, +/-), pan (drag), fit; export to
/// SVG and PNG; the same content as a table. Selecting a VM in the tree highlights its path.
class NetworkPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPane)

public:
    explicit NetworkPane(QWidget* parent = nullptr);
    ~NetworkPane() override;

    /// Shown instead of the drawing while there is no host to draw (MainWindow's texts).
    void setTitle(const QString& title);
    void setText(const QString& text);

    /// Follows `host`: reads its network when it differs from the current one (or on refresh()).
    /// `audit` may be nullptr (lab hosts).
    /// Follows a host's live session (never a copy of its identity): while its xapi does not
    /// answer, the pane reads without `xe` and says so. `audit` records the reads (nullptr for
    /// lab hosts).
    void setSession(HostSession* session, const QString& hostId, AuditLog* audit);
    /// Whether the last read left `xe` out because xapi was not answering.
    bool readsWithoutXe() const;
    /// Back to the empty state (no host selected or not connected).
    void clearHost();
    /// Highlights a VM's path (uuid, name or "domN"); empty clears the highlight.
    void setSelectedVm(const QString& vmKey);
    void refresh();

    const NetworkTopology& topology() const { return m_topology; }
    QStringList highlighted() const { return m_highlight; }
    QGraphicsScene* scene() const { return m_scene; }
    bool exportSvg(const QString& path) const;
    bool exportPng(const QString& path) const;

Q_SIGNALS:
    /// A topology was read and drawn.
    void topologyShown();

private:
    void showTopology(const NetworkTopology& topology);
    void redraw();
    void fillTable();
    void fillFindings();
    void zoomBy(double factor);
    void fit();
    void exportTo(bool svg);
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

    QStackedWidget* m_stack;
    EmptyStatePane* m_empty;
    QWidget* m_content;
    QLabel* m_status;
    QToolButton* m_refresh;
    QToolButton* m_zoomIn;
    QToolButton* m_zoomOut;
    QToolButton* m_fit;
    QToolButton* m_exportSvg;
    QToolButton* m_exportPng;
    QCheckBox* m_asTable;
    QStackedWidget* m_views;
    QGraphicsView* m_view;
    QGraphicsScene* m_scene;
    QTableWidget* m_table;
    QListWidget* m_findings;

    LiveHost* m_live;
    HostIdentity m_identity;
    QString m_name;
    QLabel* m_xapiNotice = nullptr;
    QPointer<NetworkReader> m_reader;
    NetworkTopology m_topology;
    bool m_hasTopology = false;
    bool m_autoFit = true; // until the user zooms
    QString m_selectedVm;
    QStringList m_highlight;
};

} // namespace xr
