#pragma once

#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>

namespace xr {

/// Adds what the QtCore tree model cannot: icons for pools and hosts by connection state,
/// and emphasis for rows that need attention.
class HostTreeDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostTreeDecorator)

public:
    explicit HostTreeDecorator(QObject* parent = nullptr);
    ~HostTreeDecorator() override;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    static QString hostIconName(int state);
};

/// Filters the tree by free text (name, address, state) and, optionally, to the rows
/// with a problem. Parents of a match stay visible.
class HostFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostFilterProxyModel)

public:
    explicit HostFilterProxyModel(QObject* parent = nullptr);
    ~HostFilterProxyModel() override;

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
