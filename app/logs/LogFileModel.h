#pragma once

#include "HostFlavour.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QString>

namespace xr {

class RemoteHost;
class RemoteOperation;

/// The logs worth reading on one host (XEN-FIELD-GUIDE section 4) for its flavour: the files
/// that exist under /var/log and /var/log/xen with their rotated siblings (`.1`, `.2.gz`...)
/// right after them, then the command outputs (`xl dmesg`, `xm dmesg`, `dmesg`).
class LogFileModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFileModel)

public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, ///< the remote path, or the command's name
        CommandRole,                 ///< the shell string for a command row, else empty
        IsRotatedRole,               ///< true for `.1`, `.2.gz`... siblings
    };

    struct Entry
    {
        QString path;    // /var/log/SMlog.1.gz, or "xl dmesg"
        QString command; // shell string for command outputs
        qint64 size = -1;
        QDateTime modified;
        bool rotated = false;
    };

    explicit LogFileModel(QObject* parent = nullptr);
    ~LogFileModel() override;

    /// Lists the host's logs (asynchronous: listed() or failed() follow).
    void refresh(RemoteHost* host, FlavourKind flavour);
    void clear();
    bool isListing() const { return m_pending > 0; }
    const QList<Entry>& entries() const { return m_entries; }

    /// True when a file name (a base name, rotation suffix included) is one of the flavour's logs.
    static bool isLogOf(FlavourKind flavour, const QString& folder, const QString& fileName);
    /// The command outputs worth reading on the flavour: (name, shell string).
    static QList<std::pair<QString, QString>> commandsOf(FlavourKind flavour);
    /// "SMlog.2.gz" -> ("SMlog", 2); "SMlog" -> ("SMlog", 0).
    static std::pair<QString, int> splitRotation(const QString& fileName);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void listed();
    void failed(const QString& message);

private:
    void finishListing();

    QList<Entry> m_entries;
    QList<Entry> m_collecting;
    QList<QPointer<RemoteOperation>> m_ops;
    QStringList m_errors;
    FlavourKind m_flavour = FlavourKind::XapiModern;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace xr
