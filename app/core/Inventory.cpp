#include "Inventory.h"

#include <QSettings>
#include <QUuid>

#include <algorithm>

namespace xr {

namespace {
const QString kGroup = QStringLiteral("hosts");

bool sameEndpoint(const SshEndpoint& a, const SshEndpoint& b)
{
    const int portA = a.port == 0 ? 22 : a.port;
    const int portB = b.port == 0 ? 22 : b.port;
    return a.host.compare(b.host, Qt::CaseInsensitive) == 0 && portA == portB && a.user == b.user;
}
} // namespace

Inventory::Inventory(const QString& settingsFile, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{}

Inventory::~Inventory() = default;

QString Inventory::settingsFile() const
{
    return m_settings->fileName();
}

QString Inventory::authMethodKey(AuthMethod method)
{
    switch (method) {
    case AuthMethod::Auto:
        return QStringLiteral("auto");
    case AuthMethod::Agent:
        return QStringLiteral("agent");
    case AuthMethod::KeyFile:
        return QStringLiteral("keyfile");
    case AuthMethod::Password:
        return QStringLiteral("password");
    case AuthMethod::KeyboardInteractive:
        return QStringLiteral("keyboard-interactive");
    }
    return QStringLiteral("auto");
}

AuthMethod Inventory::authMethodFromKey(const QString& key)
{
    for (AuthMethod m :
         {AuthMethod::Agent, AuthMethod::KeyFile, AuthMethod::Password, AuthMethod::KeyboardInteractive}) {
        if (authMethodKey(m) == key)
            return m;
    }
    return AuthMethod::Auto;
}

QList<SavedHost> Inventory::hosts() const
{
    QList<SavedHost> result;
    m_settings->beginGroup(kGroup);
    const QStringList ids = m_settings->childGroups();
    for (const QString& id : ids) {
        m_settings->beginGroup(id);
        SavedHost h;
        h.id = id;
        h.label = m_settings->value(QStringLiteral("label")).toString();
        h.endpoint.host = m_settings->value(QStringLiteral("host")).toString();
        h.endpoint.port = m_settings->value(QStringLiteral("port"), 22).toInt();
        h.endpoint.user = m_settings->value(QStringLiteral("user")).toString();
        h.endpoint.auth = authMethodFromKey(m_settings->value(QStringLiteral("auth")).toString());
        h.endpoint.identityFile = m_settings->value(QStringLiteral("identityFile")).toString();
        h.connectOnStart = m_settings->value(QStringLiteral("connectOnStart"), false).toBool();
        h.rememberSecrets = m_settings->value(QStringLiteral("rememberInKeychain"), false).toBool();
        m_settings->endGroup();
        if (!h.endpoint.host.isEmpty())
            result.append(h);
    }
    m_settings->endGroup();
    std::sort(result.begin(), result.end(), [](const SavedHost& a, const SavedHost& b) {
        return a.displayLabel().compare(b.displayLabel(), Qt::CaseInsensitive) < 0;
    });
    return result;
}

std::optional<SavedHost> Inventory::host(const QString& id) const
{
    const QList<SavedHost> all = hosts();
    auto it = std::find_if(all.begin(), all.end(), [&](const SavedHost& h) { return h.id == id; });
    if (it == all.end())
        return std::nullopt;
    return *it;
}

std::optional<SavedHost> Inventory::find(const SshEndpoint& endpoint) const
{
    const QList<SavedHost> all = hosts();
    auto it =
        std::find_if(all.begin(), all.end(), [&](const SavedHost& h) { return sameEndpoint(h.endpoint, endpoint); });
    if (it == all.end())
        return std::nullopt;
    return *it;
}

void Inventory::write(const SavedHost& h)
{
    // Only these keys are ever written: there is no field for a secret.
    m_settings->beginGroup(kGroup);
    m_settings->beginGroup(h.id);
    m_settings->remove(QString());
    m_settings->setValue(QStringLiteral("label"), h.label);
    m_settings->setValue(QStringLiteral("host"), h.endpoint.host);
    m_settings->setValue(QStringLiteral("port"), h.endpoint.port == 0 ? 22 : h.endpoint.port);
    m_settings->setValue(QStringLiteral("user"), h.endpoint.user);
    m_settings->setValue(QStringLiteral("auth"), authMethodKey(h.endpoint.auth));
    m_settings->setValue(QStringLiteral("identityFile"), h.endpoint.identityFile);
    m_settings->setValue(QStringLiteral("connectOnStart"), h.connectOnStart);
    m_settings->setValue(QStringLiteral("rememberInKeychain"), h.rememberSecrets);
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
}

QString Inventory::add(SavedHost h)
{
    h.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    write(h);
    Q_EMIT hostAdded(h.id);
    return h.id;
}

bool Inventory::update(const SavedHost& h)
{
    if (h.id.isEmpty() || !host(h.id))
        return false;
    write(h);
    Q_EMIT hostChanged(h.id);
    return true;
}

bool Inventory::remove(const QString& id)
{
    if (id.isEmpty() || !host(id))
        return false;
    m_settings->beginGroup(kGroup);
    m_settings->remove(id);
    m_settings->endGroup();
    m_settings->sync();
    Q_EMIT hostRemoved(id);
    return true;
}

void Inventory::setPoolMembers(const QString& poolUuid, const QString& poolName, const QList<SavedPoolMember>& members)
{
    if (poolUuid.isEmpty() || poolUuid.contains(u'/') || poolUuid.contains(u'\\'))
        return;
    if (poolMembers(poolUuid) == members && this->poolName(poolUuid) == poolName)
        return;
    m_settings->beginGroup(QStringLiteral("pools"));
    m_settings->remove(poolUuid);
    m_settings->beginGroup(poolUuid);
    m_settings->setValue(QStringLiteral("name"), poolName);
    m_settings->beginWriteArray(QStringLiteral("members"), int(members.size()));
    for (int i = 0; i < members.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("uuid"), members[i].uuid);
        m_settings->setValue(QStringLiteral("name"), members[i].name);
        m_settings->setValue(QStringLiteral("address"), members[i].address);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
}

QList<SavedPoolMember> Inventory::poolMembers(const QString& poolUuid) const
{
    QList<SavedPoolMember> out;
    m_settings->beginGroup(QStringLiteral("pools"));
    m_settings->beginGroup(poolUuid);
    const int n = m_settings->beginReadArray(QStringLiteral("members"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        SavedPoolMember m{m_settings->value(QStringLiteral("uuid")).toString(),
                          m_settings->value(QStringLiteral("name")).toString(),
                          m_settings->value(QStringLiteral("address")).toString()};
        if (!m.uuid.isEmpty())
            out.append(m);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->endGroup();
    return out;
}

QString Inventory::poolName(const QString& poolUuid) const
{
    return m_settings->value(QStringLiteral("pools/%1/name").arg(poolUuid)).toString();
}

QStringList Inventory::pools() const
{
    m_settings->beginGroup(QStringLiteral("pools"));
    const QStringList out = m_settings->childGroups();
    m_settings->endGroup();
    return out;
}

} // namespace xr
