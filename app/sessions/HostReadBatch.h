#pragma once

#include "RemoteHost.h"
#include "ShellCommand.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace xr {

class AuditLog;

/// Runs a set of read-only commands and file reads on one host in parallel and reports once
/// when all have ended (each with its own deadline; a wedged xapi delays nothing else). The
/// commands are written to the audit log when `audit` is set (real hosts).
class HostReadBatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostReadBatch)

public:
    HostReadBatch(RemoteHost* host, AuditLog* audit, QObject* parent = nullptr);
    ~HostReadBatch() override;

    void addCommand(const QString& key, const ShellCommand& command, int timeoutMs = 15000);
    void addFile(const QString& key, const QString& path, qint64 maxBytes = 1024 * 1024);
    void addList(const QString& key, const QString& path);
    /// Starts everything added; finished() follows (also when nothing was added).
    void start();

    /// The command's standard output when it ran (any exit status but 126/127: a missing
    /// program); nullopt when it is missing, timed out or could not run.
    std::optional<QByteArray> output(const QString& key) const;
    /// The file's content, nullopt when it could not be read.
    std::optional<QByteArray> file(const QString& key) const;
    QList<RemoteFileInfo> entries(const QString& key) const;
    /// One translated sentence per command or read that failed (not for missing programs).
    QStringList problems() const { return m_problems; }

Q_SIGNALS:
    void finished();

private:
    struct Job
    {
        QString key;
        bool isCommand = true;
        CommandRequest request;
        FileRequest file;
    };
    void launch();
    void done();

    static constexpr int MaxParallel = 4;

    QPointer<RemoteHost> m_host;
    AuditLog* m_audit;
    QList<Job> m_jobs;
    int m_pending = 0;
    int m_running = 0;
    qsizetype m_next = 0;
    bool m_started = false;
    QHash<QString, CommandResult> m_commands;
    QHash<QString, FileResult> m_files;
    QStringList m_problems;
};

} // namespace xr
