#pragma once

#include "AuditLog.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace xr {

/// The audit log as a table for the History tab: newest first, filterable by host and by
/// VM (name or UUID, substring, case-insensitive). Reads the log's tail again on reload(), across
/// its rotated files (AuditLog::readTail), so a rotation does not empty the History tab.
class AuditHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditHistoryModel)

public:
    enum Column { TimeColumn = 0, HostColumn, VmColumn, ActionColumn, CommandColumn, OutcomeColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, VmUuidRole, HostRole };

    explicit AuditHistoryModel(QObject* parent = nullptr);
    ~AuditHistoryModel() override;

    /// Reads the last entries of `path` and its rotated files (at most `maxEntries`); an error leaves the model
    /// empty and is returned.
    Result<void> load(const QString& path, int maxEntries = 5000);
    /// Reads the same file again.
    Result<void> reload();
    QString filePath() const { return m_path; }

    void setHostFilter(const QString& host);
    void setVmFilter(const QString& text);
    /// Only the lines of actions (VM actions, rescue rungs, dom0 memory changes), not the
    /// reads of polling or of a rescue's diagnosis and checks.
    void setActionsOnly(bool only);
    /// Every host that appears in the loaded entries, sorted.
    QStringList hosts() const;
    const AuditEntry& entry(int row) const { return m_entries[m_rows[row]]; }
    int totalCount() const { return int(m_entries.size()); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeText(const AuditEntry& entry);

private:
    void refilter();

    QString m_path;
    int m_max = 5000;
    QList<AuditEntry> m_entries; // newest first
    QList<int> m_rows;           // indexes into m_entries that pass the filters
    QString m_host;
    QString m_vm;
    bool m_actionsOnly = false;
};

} // namespace xr
