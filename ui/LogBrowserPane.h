#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;

namespace xr {

class ConnectionManager;
class LogFileModel;
class LogPane;
class LogSource;
class PoolMonitor;
class RemoteHost;
struct LogOrigin;

/// One pane of the Log Browser: which log (any connected host, or this computer; a file of
/// the host's list, any path, or a command output) above a LogPane showing it.
class LogBrowserPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogBrowserPane)

public:
    LogBrowserPane(ConnectionManager* connections, PoolMonitor* monitor, QWidget* parent = nullptr);
    ~LogBrowserPane() override;

    /// Fills the host choice again (hosts connected now), keeping the current one.
    void refreshHosts();
    /// Chooses host `id` (empty: this computer).
    void setHost(const QString& id);
    QString hostId() const;
    /// Opens a log in this pane, replacing the one shown. `host` may be null for a local file.
    void open(RemoteHost* host, const LogOrigin& origin);
    LogPane* pane() const { return m_pane; }
    LogSource* source() const { return m_source; }
    QComboBox* pathBox() const { return m_path; }

Q_SIGNALS:
    void opened();
    /// `old` is about to be deleted (a merged view using it must let go first).
    void replacing(xr::LogSource* old);

private:
    void openChosen();

    ConnectionManager* m_connections;
    PoolMonitor* m_monitor;
    QComboBox* m_host;
    QComboBox* m_path;
    LogFileModel* m_files;
    LogPane* m_pane;
    LogSource* m_source = nullptr;
};

} // namespace xr
