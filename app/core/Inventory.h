#pragma once

#include "SshTypes.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QSettings;

namespace xr {

/// A host the user saved. Everything needed to connect again, and never a secret:
/// passwords and passphrases live in the keychain only.
struct SavedHost
{
    QString id;    // stable, generated on add
    QString label; // shown in the tree; empty: the host name
    SshEndpoint endpoint;
    bool connectOnStart = false;
    bool rememberSecrets = false; // the user's choice for "remember in keychain"

    QString displayLabel() const { return label.isEmpty() ? endpoint.host : label; }
    friend bool operator==(const SavedHost& a, const SavedHost& b)
    {
        return a.id == b.id && a.label == b.label && a.endpoint.host == b.endpoint.host &&
               a.endpoint.port == b.endpoint.port && a.endpoint.user == b.endpoint.user &&
               a.endpoint.auth == b.endpoint.auth && a.endpoint.identityFile == b.endpoint.identityFile &&
               a.endpoint.sshConfigFile == b.endpoint.sshConfigFile && a.connectOnStart == b.connectOnStart &&
               a.rememberSecrets == b.rememberSecrets;
    }
};

/// A pool member as last discovered, remembered so that members stay known (and reachable)
/// after a restart even when the master's xapi does not answer.
struct SavedPoolMember
{
    QString uuid;
    QString name;
    QString address;
    bool operator==(const SavedPoolMember&) const = default;
};

/// The saved hosts, persisted in the settings file (QSettings, INI format). Writes are
/// synced at once so a crash loses nothing.
class Inventory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Inventory)

public:
    explicit Inventory(const QString& settingsFile, QObject* parent = nullptr);
    ~Inventory() override;

    QList<SavedHost> hosts() const;
    std::optional<SavedHost> host(const QString& id) const;
    /// The saved host with the same host name, port and user, if any.
    std::optional<SavedHost> find(const SshEndpoint& endpoint) const;

    /// Saves a new host (host.id is ignored and generated) and returns its id.
    QString add(SavedHost host);
    /// Replaces a saved host; false when the id is unknown.
    bool update(const SavedHost& host);
    bool remove(const QString& id);

    QString settingsFile() const;

    /// Remembers a pool's name and members (replacing what was remembered).
    void setPoolMembers(const QString& poolUuid, const QString& poolName, const QList<SavedPoolMember>& members);
    QList<SavedPoolMember> poolMembers(const QString& poolUuid) const;
    QString poolName(const QString& poolUuid) const;
    QStringList pools() const;

    static QString authMethodKey(AuthMethod method);
    static AuthMethod authMethodFromKey(const QString& key);

Q_SIGNALS:
    void hostAdded(const QString& id);
    void hostChanged(const QString& id);
    void hostRemoved(const QString& id);

private:
    void write(const SavedHost& host);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace xr

Q_DECLARE_METATYPE(xr::SavedHost)
