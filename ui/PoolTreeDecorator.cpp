#include "PoolTreeDecorator.h"

#include "PoolTreeModel.h"
#include "Resources.h"

#include <QApplication>
#include <QDateTime>
#include <QFont>
#include <QPainter>
#include <QPalette>

namespace xr {

QString PoolTreeDecorator::hostIconName(int state)
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

PoolTreeDecorator::PoolTreeDecorator(QObject* parent)
    : QIdentityProxyModel(parent)
{
    m_fade.setSingleShot(true);
    m_fade.setInterval(100);
    connect(&m_fade, &QTimer::timeout, this, &PoolTreeDecorator::repaintNeeded);
}

PoolTreeDecorator::~PoolTreeDecorator() = default;

QString PoolTreeDecorator::vmIconName(const QModelIndex& index)
{
    switch (XapiPowerState(index.data(PoolTreeModel::PowerStateRole).toInt())) {
    case XapiPowerState::Running:
        return QStringLiteral("vm-running");
    case XapiPowerState::Paused:
    case XapiPowerState::Suspended:
        return QStringLiteral("vm-paused");
    case XapiPowerState::Halted:
        return QStringLiteral("vm-halted");
    case XapiPowerState::Unknown:
        break;
    }
    // No xapi view (xl/xm hosts, wedged xapi): the hypervisor's domain decides.
    return DomainPresence(index.data(PoolTreeModel::DomainPresenceRole).toInt()) == DomainPresence::Present
               ? QStringLiteral("vm-running")
               : QStringLiteral("vm-halted");
}

QIcon PoolTreeDecorator::icon(const QString& name, bool badge) const
{
    const QString key = badge ? name + QStringLiteral("+badge") : name;
    auto it = m_icons.constFind(key);
    if (it != m_icons.constEnd())
        return *it;
    QIcon result(Resources::icon(name));
    if (badge) {
        // The warning sign over the lower right quarter, at each size the view asks for.
        QIcon composed;
        const QIcon warning(Resources::icon(QStringLiteral("warning")));
        for (int size : {16, 22, 32, 48}) {
            QPixmap pixmap = result.pixmap(size, size);
            QPainter painter(&pixmap);
            const int b = size * 5 / 8;
            warning.paint(&painter, size - b, size - b, b, b);
            painter.end();
            composed.addPixmap(pixmap);
        }
        result = composed;
    }
    m_icons.insert(key, result);
    return result;
}

QColor PoolTreeDecorator::highlightColour(qint64 ageMs, int highlightMs, const QPalette& palette)
{
    if (ageMs < 0 || ageMs >= highlightMs || highlightMs <= 0)
        return {};
    QColor c = palette.color(QPalette::Highlight);
    // From 40% to nothing: noticeable, never hiding the text.
    c.setAlphaF(0.4 * (1.0 - double(ageMs) / highlightMs));
    return c;
}

QVariant PoolTreeDecorator::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QModelIndex source = mapToSource(index);
    const auto kind = PoolTreeModel::Kind(source.data(PoolTreeModel::KindRole).toInt());
    if (role == Qt::DecorationRole && index.column() == PoolTreeModel::NameColumn) {
        switch (kind) {
        case PoolTreeModel::Kind::Pool:
            return icon(QStringLiteral("pool"), source.data(PoolTreeModel::ProblemRole).toBool());
        case PoolTreeModel::Kind::Host: {
            const auto health = XapiHealth(source.data(PoolTreeModel::XapiHealthRole).toInt());
            const bool xapiDown = health == XapiHealth::NotAnswering || health == XapiHealth::Refused;
            return icon(hostIconName(source.data(PoolTreeModel::HostStateRole).toInt()), xapiDown);
        }
        case PoolTreeModel::Kind::Vm:
            return icon(vmIconName(source), source.data(PoolTreeModel::DisagreementRole).toInt() != 0);
        }
    }
    if (role == Qt::DecorationRole && index.column() == PoolTreeModel::ProblemColumn &&
        kind == PoolTreeModel::Kind::Vm && source.data(PoolTreeModel::DisagreementRole).toInt() != 0)
        return icon(QStringLiteral("warning"), false);
    if (role == Qt::BackgroundRole && m_highlightMs > 0) {
        const QDateTime changed = source.data(PoolTreeModel::ChangedAtRole).toDateTime();
        if (changed.isValid()) {
            const qint64 age = changed.msecsTo(QDateTime::currentDateTimeUtc());
            const QColor c = highlightColour(age, m_highlightMs, QApplication::palette());
            if (c.isValid()) {
                if (!m_fade.isActive())
                    m_fade.start();
                return c;
            }
        }
    }
    if (role == Qt::ForegroundRole && source.data(PoolTreeModel::StaleRole).toBool())
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::FontRole && kind != PoolTreeModel::Kind::Vm && source.data(PoolTreeModel::ProblemRole).toBool()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ToolTipRole && index.column() != PoolTreeModel::NameColumn)
        return QIdentityProxyModel::data(index.siblingAtColumn(PoolTreeModel::NameColumn), role);
    return QIdentityProxyModel::data(index, role);
}

PoolFilterProxyModel::PoolFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

PoolFilterProxyModel::~PoolFilterProxyModel() = default;

void PoolFilterProxyModel::setFilterText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void PoolFilterProxyModel::setOnlyProblems(bool only)
{
    if (m_onlyProblems == only)
        return;
    m_onlyProblems = only;
    invalidateFilter();
}

bool PoolFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    const QModelIndex index = model->index(sourceRow, 0, sourceParent);
    const auto kind = PoolTreeModel::Kind(index.data(PoolTreeModel::KindRole).toInt());
    if (m_onlyProblems) {
        // A row by itself (a container's ProblemRole also counts the VMs under it; recursive
        // filtering keeps the parents of a match).
        bool own = false;
        if (kind == PoolTreeModel::Kind::Vm) {
            own = index.data(PoolTreeModel::DisagreementRole).toInt() != 0;
        } else if (kind == PoolTreeModel::Kind::Host) {
            const auto health = XapiHealth(index.data(PoolTreeModel::XapiHealthRole).toInt());
            const auto state = HostState(index.data(PoolTreeModel::HostStateRole).toInt());
            own = health == XapiHealth::NotAnswering || health == XapiHealth::Refused || state == HostState::Lost ||
                  state == HostState::Failed;
        }
        if (!own)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < model->columnCount(sourceParent); ++c)
        if (model->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return index.data(PoolTreeModel::UuidRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool PoolFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int lk = left.data(PoolTreeModel::KindRole).toInt();
    const int rk = right.data(PoolTreeModel::KindRole).toInt();
    if (lk != rk)
        return lk < rk; // hosts before the VMs under a pool
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace xr
