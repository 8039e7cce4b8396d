#pragma once

#include "SshTypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QDialog;
class QWidget;

namespace xr {

class ConnectionManager;
class RemoteHost;
class SshHost;

/// Answers the questions an SshHost asks while connecting: unknown host key
/// (HostKeyDialog -> acceptHostKey/rejectHostKey), changed host key (ChangedHostKeyDialog,
/// nothing to answer: the transport has already refused) and credentials (CredentialDialog
/// -> provideCredentials/cancelCredentials). Dialogs are window-modal and opened with
/// open(): the event loop keeps running, so other hosts go on connecting meanwhile.
class HostPrompter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostPrompter)

public:
    HostPrompter(ConnectionManager* connections, QWidget* dialogParent);
    ~HostPrompter() override;

    /// The prompt on display for a host, if any.
    QDialog* activePrompt(const QString& hostId) const;

Q_SIGNALS:
    /// A prompt is on screen (tests use this to fill it in).
    void promptShown(const QString& hostId, QDialog* dialog);

private:
    void watch(const QString& id, RemoteHost* host);
    void onHostKeyPrompt(const QString& id, SshHost* host, const HostKeyInfo& info);
    void onCredentialsRequested(const QString& id, SshHost* host, const CredentialRequest& request);
    void show(const QString& id, QDialog* dialog);

    ConnectionManager* m_connections;
    QPointer<QWidget> m_parent;
    QHash<QString, QPointer<QDialog>> m_prompts;
};

} // namespace xr
