#include "HostPrompter.h"

#include "ChangedHostKeyDialog.h"
#include "ConnectionManager.h"
#include "CredentialDialog.h"
#include "HostKeyDialog.h"
#include "SshHost.h"

namespace xr {

HostPrompter::HostPrompter(ConnectionManager* connections, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_connections(connections)
    , m_parent(dialogParent)
{
    connect(connections, &ConnectionManager::hostCreated, this, &HostPrompter::watch);
    connect(connections, &ConnectionManager::hostRemoved, this, [this](const QString& id) {
        if (QDialog* d = m_prompts.take(id))
            d->close();
    });
    for (const QString& id : connections->hostIds())
        watch(id, connections->host(id));
}

HostPrompter::~HostPrompter() = default;

QDialog* HostPrompter::activePrompt(const QString& hostId) const
{
    return m_prompts.value(hostId);
}

void HostPrompter::watch(const QString& id, RemoteHost* host)
{
    auto* ssh = qobject_cast<SshHost*>(host);
    if (!ssh)
        return;
    connect(ssh, &SshHost::hostKeyPrompt, this,
            [this, id, ssh](const HostKeyInfo& info) { onHostKeyPrompt(id, ssh, info); });
    connect(ssh, &SshHost::credentialsRequested, this,
            [this, id, ssh](const CredentialRequest& request) { onCredentialsRequested(id, ssh, request); });
}

void HostPrompter::show(const QString& id, QDialog* dialog)
{
    if (QDialog* previous = m_prompts.value(id))
        previous->close();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_prompts.insert(id, dialog);
    dialog->open();
    Q_EMIT promptShown(id, dialog);
}

void HostPrompter::onHostKeyPrompt(const QString& id, SshHost* host, const HostKeyInfo& info)
{
    if (info.status == HostKeyInfo::Status::Changed) {
        show(id, new ChangedHostKeyDialog(info, m_parent));
        return;
    }
    if (info.status == HostKeyInfo::Status::Trusted)
        return;
    auto* dialog = new HostKeyDialog(info, m_parent);
    QPointer<SshHost> target(host);
    connect(dialog, &HostKeyDialog::decided, this, [target](HostKeyDialog::Decision decision) {
        if (!target)
            return;
        switch (decision) {
        case HostKeyDialog::Decision::TrustAndRemember:
            target->acceptHostKey(true);
            break;
        case HostKeyDialog::Decision::TrustOnce:
            target->acceptHostKey(false);
            break;
        case HostKeyDialog::Decision::Cancel:
            target->rejectHostKey();
            break;
        }
    });
    show(id, dialog);
}

void HostPrompter::onCredentialsRequested(const QString& id, SshHost* host, const CredentialRequest& request)
{
    const std::optional<SavedHost> saved = m_connections->savedHost(id);
    auto* dialog = new CredentialDialog(request, saved && saved->rememberSecrets, m_parent);
    QPointer<SshHost> target(host);
    QPointer<CredentialDialog> guard(dialog);
    connect(dialog, &QDialog::finished, this, [this, id, target, guard](int result) {
        if (!target || !guard)
            return;
        if (result != QDialog::Accepted) {
            target->cancelCredentials();
            return;
        }
        const bool remember = guard->remember();
        target->provideCredentials(guard->answers(), remember);
        guard->clearAnswers();
        // Keep the user's keychain choice for next time (a preference, not a secret).
        if (std::optional<SavedHost> h = m_connections->savedHost(id);
            h && h->rememberSecrets != remember &&
            guard->request().kind != CredentialRequest::Kind::KeyboardInteractive) {
            h->rememberSecrets = remember;
            m_connections->inventory()->update(*h);
        }
    });
    show(id, dialog);
}

} // namespace xr
