#include "AuditHistoryModel.h"

#include <QSet>

#include <algorithm>

namespace xr {

AuditHistoryModel::AuditHistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

AuditHistoryModel::~AuditHistoryModel() = default;

Result<void> AuditHistoryModel::load(const QString& path, int maxEntries)
{
    m_path = path;
    m_max = maxEntries;
    return reload();
}

Result<void> AuditHistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_rows.clear();
    Result<QList<AuditEntry>> read =
        m_path.isEmpty() ? Result<QList<AuditEntry>>(QList<AuditEntry>{}) : AuditLog::readTail(m_path, m_max);
    if (read) {
        m_entries = std::move(read.value());
        std::reverse(m_entries.begin(), m_entries.end());
    }
    refilter();
    endResetModel();
    if (!read)
        return Result<void>::failure(read.errorMessage());
    return Result<void>::success();
}

void AuditHistoryModel::refilter()
{
    m_rows.clear();
    for (int i = 0; i < m_entries.size(); ++i) {
        const AuditEntry& e = m_entries[i];
        if (!m_host.isEmpty() && e.host != m_host)
            continue;
        // Actions change something; the rescue's own reads (its diagnosis and checks) do not.
        if (m_actionsOnly && (e.action.isEmpty() || e.action == u"diagnose" || e.action == u"check"))
            continue;
        if (!m_vm.isEmpty() && !e.vmName.contains(m_vm, Qt::CaseInsensitive) &&
            !e.vmUuid.contains(m_vm, Qt::CaseInsensitive))
            continue;
        m_rows.append(i);
    }
}

void AuditHistoryModel::setHostFilter(const QString& host)
{
    if (host == m_host)
        return;
    beginResetModel();
    m_host = host;
    refilter();
    endResetModel();
}

void AuditHistoryModel::setVmFilter(const QString& text)
{
    const QString t = text.trimmed();
    if (t == m_vm)
        return;
    beginResetModel();
    m_vm = t;
    refilter();
    endResetModel();
}

void AuditHistoryModel::setActionsOnly(bool only)
{
    if (only == m_actionsOnly)
        return;
    beginResetModel();
    m_actionsOnly = only;
    refilter();
    endResetModel();
}

QStringList AuditHistoryModel::hosts() const
{
    QSet<QString> seen;
    for (const AuditEntry& e : m_entries)
        seen.insert(e.host);
    QStringList out(seen.begin(), seen.end());
    out.sort();
    return out;
}

int AuditHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditHistoryModel::outcomeText(const AuditEntry& e)
{
    switch (e.outcome) {
    case AuditOutcome::Sent:
        return tr("sent");
    case AuditOutcome::Finished:
        return e.exitStatus == 0 ? tr("exit 0") : tr("exit %1").arg(e.exitStatus);
    case AuditOutcome::TimedOut:
        return tr("timed out");
    case AuditOutcome::Cancelled:
        return tr("cancelled");
    case AuditOutcome::ConnectionLost:
        return tr("connection lost");
    case AuditOutcome::Failed:
        return tr("not started");
    case AuditOutcome::NotSent:
        return tr("not sent");
    case AuditOutcome::Abandoned:
        return tr("abandoned");
    case AuditOutcome::Unknown:
        break;
    }
    return tr("unknown");
}

QVariant AuditHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const AuditEntry& e = m_entries[m_rows[index.row()]];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        QString v;
        switch (index.column()) {
        case TimeColumn:
            v = e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            break;
        case HostColumn:
            v = e.host;
            break;
        case VmColumn:
            v = e.vmName.isEmpty() ? e.vmUuid : e.vmName;
            break;
        case ActionColumn:
            v = e.action;
            break;
        case CommandColumn:
            v = e.command;
            break;
        case OutcomeColumn:
            v = outcomeText(e);
            break;
        default:
            break;
        }
        if (role == Qt::DisplayRole) {
            // One line per row: newlines in a command or a hostile name are shown, not obeyed.
            for (QChar& c : v) {
                if (c.unicode() < 0x20)
                    c = QChar(0x2424);
            }
        } else if (index.column() == VmColumn && !e.vmUuid.isEmpty()) {
            v += QLatin1Char('\n') + e.vmUuid;
        }
        return v;
    }
    switch (role) {
    case RunIdRole:
        return e.runId;
    case VmUuidRole:
        return e.vmUuid;
    case HostRole:
        return e.host;
    default:
        return {};
    }
}

QVariant AuditHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case HostColumn:
        return tr("Host");
    case VmColumn:
        return tr("VM");
    case ActionColumn:
        return tr("Action");
    case CommandColumn:
        return tr("Command");
    case OutcomeColumn:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace xr
