#include "HostTreeDecorator.h"

#include "HostTreeModel.h"
#include "Resources.h"

#include <QFont>
#include <QIcon>

namespace xr {

HostTreeDecorator::HostTreeDecorator(QObject* parent)
    : QIdentityProxyModel(parent)
{}

HostTreeDecorator::~HostTreeDecorator() = default;

QString HostTreeDecorator::hostIconName(int state)
{
    switch (HostState(state)) {
    case HostState::Connected:
        return QStringLiteral("host-connected");
    case HostState::Connecting:
    case HostState::AwaitingHostKey:
    case HostState::Authenticating:
    case HostState::AwaitingCredentials:
        return QStringLiteral("host-busy");
    case HostState::Lost:
    case HostState::Failed:
        return QStringLiteral("host-failed");
    case HostState::Disconnected:
        return QStringLiteral("host-offline");
    }
    return QStringLiteral("host");
}

QVariant HostTreeDecorator::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == HostTreeModel::NameColumn) {
        const auto kind = HostTreeModel::Kind(index.data(HostTreeModel::KindRole).toInt());
        if (kind == HostTreeModel::Kind::Pool)
            return QIcon(Resources::icon(QStringLiteral("pool")));
        return QIcon(Resources::icon(hostIconName(index.data(HostTreeModel::StateRole).toInt())));
    }
    if (role == Qt::FontRole && index.data(HostTreeModel::ProblemRole).toBool()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return QIdentityProxyModel::data(index, role);
}

HostFilterProxyModel::HostFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

HostFilterProxyModel::~HostFilterProxyModel() = default;

void HostFilterProxyModel::setFilterText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void HostFilterProxyModel::setOnlyProblems(bool only)
{
    m_onlyProblems = only;
    invalidateFilter();
}

bool HostFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex name = sourceModel()->index(sourceRow, HostTreeModel::NameColumn, sourceParent);
    if (m_onlyProblems) {
        const bool isHost = name.data(HostTreeModel::KindRole).toInt() == int(HostTreeModel::Kind::Host);
        if (isHost && !name.data(HostTreeModel::ProblemRole).toBool())
            return false;
        if (!isHost)
            return false; // a pool stays visible through its problem hosts (recursive filtering)
    }
    if (m_text.isEmpty())
        return true;
    const QModelIndex state = sourceModel()->index(sourceRow, HostTreeModel::StateColumn, sourceParent);
    for (const QString& field : {name.data().toString(), name.data(HostTreeModel::EndpointRole).toString(),
                                 state.data().toString(), name.data(HostTreeModel::IdRole).toString()}) {
        if (field.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool HostFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // Pools before standalone hosts, then by name.
    const int kindLeft = left.data(HostTreeModel::KindRole).toInt();
    const int kindRight = right.data(HostTreeModel::KindRole).toInt();
    if (kindLeft != kindRight)
        return kindLeft < kindRight;
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace xr
