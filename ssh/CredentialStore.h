#pragma once

#include "Result.h"

#include <QObject>

#include <functional>

namespace xr {

/// Passwords and key passphrases in the system keychain (Secret Service, Windows
/// Credential Store, macOS Keychain) through QtKeychain. There is no plaintext fallback:
/// when no keychain answers, callers get an error saying why and must ask the user.
/// Keys look like "password:user@host:port" or "passphrase:/path/to/key".
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    enum class ErrorCode { NotFound, NoKeychain };
    using ReadCallback = std::function<void(const Result<QString>& secret, ErrorCode code)>;
    using DoneCallback = std::function<void(const Result<void>& done)>;

    explicit CredentialStore(QObject* parent = nullptr);
    ~CredentialStore() override;

    static QString passwordKey(const QString& endpointKey);
    static QString passphraseKey(const QString& keyFile);

    void read(const QString& key, ReadCallback done);
    void write(const QString& key, const QString& secret, DoneCallback done = {});
    void remove(const QString& key, DoneCallback done = {});

    /// The service name under which XenRescue stores its secrets.
    static QString serviceName();
};

} // namespace xr
