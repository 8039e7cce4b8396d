#include "CredentialStore.h"

#include <QCoreApplication>

#include <qt6keychain/keychain.h>

namespace xr {

namespace {
CredentialStore::ErrorCode mapError(QKeychain::Error e)
{
    switch (e) {
    case QKeychain::EntryNotFound:
        return CredentialStore::ErrorCode::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::NotImplemented:
        return CredentialStore::ErrorCode::NoKeychain;
    default:
        // Anything else (no D-Bus, no Secret Service, a locked collection) means the same
        // to the user: the keychain cannot hold this secret now.
        return CredentialStore::ErrorCode::NoKeychain;
    }
}

QString describe(QKeychain::Job* job)
{
    return QCoreApplication::translate("CredentialStore", "The system keychain is not available (%1).")
        .arg(job->errorString());
}
} // namespace

CredentialStore::CredentialStore(QObject* parent)
    : QObject(parent)
{}
CredentialStore::~CredentialStore() = default;

QString CredentialStore::serviceName()
{
    return QStringLiteral("XenRescue");
}

QString CredentialStore::passwordKey(const QString& endpointKey)
{
    return QStringLiteral("password:") + endpointKey;
}

QString CredentialStore::passphraseKey(const QString& keyFile)
{
    return QStringLiteral("passphrase:") + keyFile;
}

void CredentialStore::read(const QString& key, ReadCallback done)
{
    // No parent: a job deleted while the keychain still answers crashes in QtKeychain;
    // it deletes itself when done, and the callback is dropped if this store is gone.
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError) {
            done(Result<QString>(job->textData()), ErrorCode::NotFound);
            return;
        }
        const ErrorCode code = mapError(job->error());
        const QString message = code == ErrorCode::NotFound
                                    ? QCoreApplication::translate("CredentialStore", "Nothing stored in the keychain.")
                                    : describe(job);
        done(Result<QString>::failure(message), code);
    });
    job->start();
}

void CredentialStore::write(const QString& key, const QString& secret, DoneCallback done)
{
    // No parent: a job deleted while the keychain still answers crashes in QtKeychain;
    // it deletes itself when done, and the callback is dropped if this store is gone.
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (!done)
            return;
        if (job->error() == QKeychain::NoError)
            done(Result<void>::success());
        else
            done(Result<void>::failure(describe(job)));
    });
    job->start();
}

void CredentialStore::remove(const QString& key, DoneCallback done)
{
    // No parent: a job deleted while the keychain still answers crashes in QtKeychain;
    // it deletes itself when done, and the callback is dropped if this store is gone.
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (!done)
            return;
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            done(Result<void>::success());
        else
            done(Result<void>::failure(describe(job)));
    });
    job->start();
}

} // namespace xr
