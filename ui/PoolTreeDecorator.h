#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>

namespace xr {

/// Icons for PoolTreeModel's rows: pools; hosts by connection state and xapi health; VMs by
/// power state (filled running, empty halted, half paused/suspended) with a warning badge when
/// xapi and the hypervisor disagree or an operation is stuck. Stale rows are greyed.
class PoolTreeDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolTreeDecorator)

public:
    explicit PoolTreeDecorator(QObject* parent = nullptr);
    ~PoolTreeDecorator() override;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    /// "vm-running", "vm-halted", "vm-paused" for a VM row of PoolTreeModel.
    static QString vmIconName(const QModelIndex& index);

private:
    QIcon icon(const QString& name, bool badge) const;

    mutable QHash<QString, QIcon> m_icons;
};

/// Filters the pool tree by free text (name, UUID, state, problem text) and, optionally, to
/// the rows with a problem; parents of a match stay visible. Sorts hosts before the VMs
/// resident nowhere, then by name.
class PoolFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolFilterProxyModel)

public:
    explicit PoolFilterProxyModel(QObject* parent = nullptr);
    ~PoolFilterProxyModel() override;

    void setFilterText(const QString& text);
    void setOnlyProblems(bool only);
    bool onlyProblems() const { return m_onlyProblems; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    bool m_onlyProblems = false;
};

} // namespace xr
