#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace xr {

/// Icons for PoolTreeModel's rows: pools; hosts by connection state and xapi health; VMs by
/// power state (filled running, empty halted, half paused/suspended) with a warning badge when
/// xapi and the hypervisor disagree or an operation is stuck. Stale rows are greyed.
class PoolTreeDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolTreeDecorator)

public:
    /// The icon of a host row for a connection state (HostState).
    static QString hostIconName(int state);

    explicit PoolTreeDecorator(QObject* parent = nullptr);
    ~PoolTreeDecorator() override;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    /// How long a changed row stays highlighted (its background fades out); 0: never.
    void setHighlightMs(int ms) { m_highlightMs = ms; }
    /// The highlight colour of a row changed `ageMs` ago; invalid once it has faded.
    static QColor highlightColour(qint64 ageMs, int highlightMs, const QPalette& palette);
    /// "vm-running", "vm-halted", "vm-paused" for a VM row of PoolTreeModel.
    static QString vmIconName(const QModelIndex& index);

Q_SIGNALS:
    /// A highlight is fading: the view should repaint.
    void repaintNeeded();

private:
    QIcon icon(const QString& name, bool badge) const;

    mutable QHash<QString, QIcon> m_icons;
    int m_highlightMs = 3000;
    // While a highlight fades the view is asked to repaint (repaintNeeded).
    mutable QTimer m_fade;
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
