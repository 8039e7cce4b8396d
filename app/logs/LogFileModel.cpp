#include "LogFileModel.h"

#include "RemoteHost.h"
#include "RemoteOperation.h"
#include "ShellCommand.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace xr {

LogFileModel::LogFileModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

LogFileModel::~LogFileModel()
{
    for (const QPointer<RemoteOperation>& op : std::as_const(m_ops))
        delete op.data();
}

std::pair<QString, int> LogFileModel::splitRotation(const QString& fileName)
{
    static const QRegularExpression re(QStringLiteral("^(.*)\\.(\\d+)(\\.gz)?$"));
    const QRegularExpressionMatch m = re.match(fileName);
    if (m.hasMatch())
        return {m.captured(1), m.captured(2).toInt()};
    QString base = fileName;
    if (base.endsWith(QStringLiteral(".gz")))
        base.chop(3);
    return {base, 0};
}

bool LogFileModel::isLogOf(FlavourKind flavour, const QString& folder, const QString& fileName)
{
    const QString base = splitRotation(fileName).first;
    const bool xen = folder.endsWith(QStringLiteral("/xen"));
    const auto any = [&](std::initializer_list<const char*> names) {
        return std::any_of(names.begin(), names.end(), [&](const char* n) { return base == QLatin1String(n); });
    };
    const auto qemu = base.startsWith(QStringLiteral("qemu-dm-")) && base.endsWith(QStringLiteral(".log"));
    switch (flavour) {
    case FlavourKind::XapiLegacy:
    case FlavourKind::XapiModern:
        if (xen)
            return qemu || any({"hypervisor.log", "xen-hotplug.log"});
        return any({"xensource.log", "SMlog", "daemon.log", "kern.log", "xha.log", "xenstored-access.log", "messages",
                    "user.log", "audit.log"});
    case FlavourKind::Xl:
        if (xen)
            return qemu || any({"xen-hotplug.log", "hypervisor.log", "xenstored.log", "xenstored-access.log"}) ||
                   (base.startsWith(QStringLiteral("xl-")) && base.endsWith(QStringLiteral(".log")));
        return any({"syslog", "messages", "kern.log", "daemon.log"});
    case FlavourKind::Xm:
        if (xen)
            return qemu || any({"xend.log", "xend-debug.log", "xen-hotplug.log", "xenstored-access.log"});
        return any({"syslog", "messages", "kern.log", "daemon.log"});
    }
    return false;
}

QList<std::pair<QString, QString>> LogFileModel::commandsOf(FlavourKind flavour)
{
    QList<std::pair<QString, QString>> out;
    const auto add = [&](const QString& program, const QStringList& args) {
        const ShellCommand c{program, args};
        out.append({(QStringList{program} + args).join(QLatin1Char(' ')), c.toShell()});
    };
    switch (flavour) {
    case FlavourKind::XapiModern:
    case FlavourKind::Xl:
        add(QStringLiteral("xl"), {QStringLiteral("dmesg")});
        break;
    case FlavourKind::Xm:
        add(QStringLiteral("xm"), {QStringLiteral("dmesg")});
        break;
    case FlavourKind::XapiLegacy:
        break;
    }
    add(QStringLiteral("dmesg"), {});
    return out;
}

void LogFileModel::clear()
{
    ++m_generation;
    for (const QPointer<RemoteOperation>& op : std::as_const(m_ops))
        delete op.data();
    m_ops.clear();
    m_pending = 0;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void LogFileModel::refresh(RemoteHost* host, FlavourKind flavour)
{
    clear();
    if (!host)
        return;
    m_flavour = flavour;
    m_collecting.clear();
    m_errors.clear();
    const int generation = m_generation;
    for (const QString& folder : {QStringLiteral("/var/log"), QStringLiteral("/var/log/xen")}) {
        RemoteFileOperation* op = host->list(folder);
        m_ops.append(op);
        ++m_pending;
        connect(op, &RemoteOperation::finished, this, [this, op, folder, generation] {
            const FileResult r = op->result();
            op->deleteLater();
            if (generation != m_generation)
                return;
            if (r.ok) {
                for (const RemoteFileInfo& e : r.entries) {
                    if (e.isDir || !isLogOf(m_flavour, folder, e.name))
                        continue;
                    Entry entry;
                    entry.path = folder + QLatin1Char('/') + e.name;
                    entry.size = e.size;
                    entry.modified = e.modified;
                    entry.rotated = splitRotation(e.name).second > 0 || e.name.endsWith(QStringLiteral(".gz"));
                    m_collecting.append(entry);
                }
            } else if (folder == QStringLiteral("/var/log")) {
                m_errors << r.error;
            }
            if (--m_pending == 0)
                finishListing();
        });
    }
}

void LogFileModel::finishListing()
{
    // Each log, then its rotated siblings by number; /var/log before /var/log/xen.
    std::sort(m_collecting.begin(), m_collecting.end(), [](const Entry& a, const Entry& b) {
        const QString da = a.path.section(QLatin1Char('/'), 0, -2);
        const QString db = b.path.section(QLatin1Char('/'), 0, -2);
        if (da != db)
            return da < db;
        const auto [ba, na] = splitRotation(a.path.section(QLatin1Char('/'), -1));
        const auto [bb, nb] = splitRotation(b.path.section(QLatin1Char('/'), -1));
        if (ba != bb)
            return ba.compare(bb, Qt::CaseInsensitive) < 0;
        return na < nb;
    });
    for (const auto& [name, shell] : commandsOf(m_flavour)) {
        Entry e;
        e.path = name;
        e.command = shell;
        m_collecting.append(e);
    }
    beginResetModel();
    m_entries = std::move(m_collecting);
    m_collecting.clear();
    endResetModel();
    if (!m_errors.isEmpty())
        Q_EMIT failed(m_errors.join(QLatin1Char('\n')));
    Q_EMIT listed();
}

int LogFileModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogFileModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogFileModel::data(const QModelIndex& index, int role) const
{
    // QComboBox asks for invalid indexes: no answer, and no warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_entries.size())
        return {};
    const Entry& e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: {
            if (!e.command.isEmpty())
                return QStringLiteral("$ ") + e.path; // a command's output
            // Relative to /var/log (the full path is the tooltip); rotated siblings indented.
            const QString prefix = QStringLiteral("/var/log/");
            const QString name = e.path.startsWith(prefix) ? e.path.mid(prefix.size()) : e.path;
            return (e.rotated ? QStringLiteral("    ") : QString()) + name;
        }
        case SizeColumn:
            return e.size < 0 ? QString() : QLocale().formattedDataSize(e.size);
        case ModifiedColumn: {
            if (!e.modified.isValid())
                return QString();
            // Today's files by time only: the column stays narrow.
            const QDateTime local = e.modified.toLocalTime();
            return local.date() == QDate::currentDate() ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                                        : QLocale().toString(local.date(), QLocale::ShortFormat);
        }
        }
        return {};
    case Qt::ToolTipRole:
        return e.command.isEmpty() ? tr("%1, modified %2").arg(e.path, QLocale().toString(e.modified.toLocalTime()))
                                   : tr("The output of %1 on the host").arg(e.command);
    case PathRole:
        return e.path;
    case CommandRole:
        return e.command;
    case IsRotatedRole:
        return e.rotated;
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    return {};
}

QVariant LogFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Log");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    }
    return {};
}

} // namespace xr
