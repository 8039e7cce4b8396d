#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace xr {

class AuditHistoryModel;

/// The History tab: the audit log, newest first, filterable by host and VM; only actions
/// (VM actions and rescue rungs) by default, every read on request.
class HistoryPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPane)

public:
    explicit HistoryPane(QWidget* parent = nullptr);
    ~HistoryPane() override;

    AuditHistoryModel* model() const { return m_model; }
    /// Shows the audit log at `path` (reads it now).
    void setLogFile(const QString& path);
    /// The log changed: read it again shortly (coalesced).
    void scheduleReload();
    /// Filters to one VM (by UUID), e.g. from the tree's selection; empty: all.
    void setVmFilter(const QString& text);
    void reload();

private:
    void updateHosts();

    AuditHistoryModel* m_model;
    QComboBox* m_host;
    QLineEdit* m_vm;
    QCheckBox* m_actionsOnly;
    QTreeView* m_view;
    QLabel* m_status;
    QTimer m_reload;
};

} // namespace xr
