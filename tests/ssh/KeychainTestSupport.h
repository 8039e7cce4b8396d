#pragma once

// Helpers shared by the keychain tests: synchronous wrappers over CredentialStore's
// callbacks (QTest::qWaitFor keeps the event loop running while they wait) and a scan for
// leaked secrets. Waiting for a host to connect: HostWait.h.

#include "CredentialStore.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <optional>

namespace xr::test {

// How long a keychain call may take to answer (D-Bus, gnome-keyring's first unlock).
constexpr int AnswerTimeoutMs = 20000;

struct ReadOutcome
{
    bool done = false;
    bool ok = false;
    QString value;
    QString error;
    CredentialStore::ErrorCode code = CredentialStore::ErrorCode::NotFound;
};

inline ReadOutcome readNow(CredentialStore& store, const QString& key)
{
    ReadOutcome out;
    store.read(key, [&out](const Result<QString>& r, CredentialStore::ErrorCode code) {
        out.done = true;
        out.ok = r.ok();
        out.value = r.ok() ? r.value() : QString();
        out.error = r.errorMessage();
        out.code = code;
    });
    (void)QTest::qWaitFor([&out] { return out.done; }, AnswerTimeoutMs); // not done: out says so
    return out;
}

inline Result<void> writeNow(CredentialStore& store, const QString& key, const QString& value)
{
    std::optional<Result<void>> out;
    store.write(key, value, [&out](const Result<void>& r) { out = r; });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, AnswerTimeoutMs);
    return out.value_or(Result<void>::failure(QStringLiteral("test: no answer from the keychain")));
}

inline Result<void> removeNow(CredentialStore& store, const QString& key)
{
    std::optional<Result<void>> out;
    store.remove(key, [&out](const Result<void>& r) { out = r; });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, AnswerTimeoutMs);
    return out.value_or(Result<void>::failure(QStringLiteral("test: no answer from the keychain")));
}

// Every file under dir whose bytes contain secret.
inline QStringList filesContaining(const QString& dir, const QString& secret)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QStringLiteral("/keyrings/")))
            continue; // the keychain's own encrypted store
        QFile f(path);
        if (f.size() > 64 * 1024 * 1024 || !f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        if (data.contains(secret.toUtf8()) || data.contains(secret.toUtf8().toBase64()))
            hits << path;
    }
    return hits;
}

} // namespace xr::test
