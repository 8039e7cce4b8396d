#pragma once

#include "MemoryReader.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace xr {

class AuditLog;
class CommandGateway;
class HostSession;
class LiveHost;
class EmptyStatePane;
class MemoryChart;
class RemoteHost;

/// The Memory tab (issue 8): the host's memory as bars (Xen, dom0, each VM, free; each domain's
/// static/dynamic range and actual size), dom0's settings with where each was read, advice cards
/// with their reasons, and "Change dom0 memory…" (Dom0MemDialog).
class MemoryPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryPane)

public:
    explicit MemoryPane(QWidget* parent = nullptr);
    ~MemoryPane() override;

    void setTitle(const QString& title);
    void setText(const QString& text);
    /// Follows a host's live session (never a copy of its identity): while its xapi does not
    /// answer, the pane reads without `xe` and says so. `audit` records the reads (nullptr for
    /// lab hosts), `gateway` carries the dom0 memory change.
    void setSession(HostSession* session, const QString& hostId, AuditLog* audit, CommandGateway* gateway);
    /// Whether the last read left `xe` out because xapi was not answering.
    bool readsWithoutXe() const;
    void clearHost();
    void refresh();

    const MemoryReading& reading() const { return m_reading; }
    MemoryChart* chart() const { return m_chart; }

Q_SIGNALS:
    void reportShown();

private:
    void showReading(const MemoryReading& reading);
    void openChangeDialog();

    QStackedWidget* m_stack;
    EmptyStatePane* m_empty;
    QWidget* m_content;
    QLabel* m_status;
    QPushButton* m_refresh;
    QPushButton* m_change;
    MemoryChart* m_chart;
    QLabel* m_settings;
    QWidget* m_adviceBox;
    QVBoxLayout* m_adviceLayout;

    LiveHost* m_live;
    HostIdentity m_identity;
    QString m_name;
    CommandGateway* m_gateway = nullptr;
    QLabel* m_xapiNotice = nullptr;
    QPointer<MemoryReader> m_reader;
    MemoryReading m_reading;
    bool m_hasReading = false;
};

} // namespace xr
