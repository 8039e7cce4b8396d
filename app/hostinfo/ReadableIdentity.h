#pragma once

#include "PoolState.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace xr {

class AuditLog;
class HostSession;
class RemoteHost;

/// What a reader of a host (Network, Memory) may use right now, taken from the host's live
/// session: its identity, with `xe` withheld while xapi does not answer (a hung xe holds an
/// SSH channel until its deadline, and a rescue needs those channels).
struct ReadableIdentity
{
    HostIdentity identity;
    bool withoutXe = false;
    /// What to tell the admin when xe is withheld; empty otherwise.
    QString notice;
};

ReadableIdentity readableIdentity(const HostSession& session);

/// What a pane that reads a host follows: the host's live session (never a copy of its
/// identity). It says when to read again: the host was identified, or xapi stopped or started
/// answering since the last read (so that xe is left out, or used again, at once).
class LiveHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveHost)

public:
    explicit LiveHost(QObject* parent = nullptr);
    ~LiveHost() override;

    /// Follows `session` (nullptr: none); `audit` records the reads (nullptr for lab hosts).
    /// False when it follows that session already.
    bool follow(HostSession* session, const QString& hostId, AuditLog* audit);
    HostSession* session() const { return m_session; }
    QString hostId() const { return m_hostId; }
    RemoteHost* host() const;
    AuditLog* audit() const { return m_audit; }
    /// Connected and identified: a read can start now.
    bool canRead() const;
    /// What to read with now; remembered, so that readAgain() fires when it would change.
    ReadableIdentity startRead();
    /// The last read left xe out.
    bool readsWithoutXe() const { return m_withoutXe; }

Q_SIGNALS:
    void readAgain();

private:
    void onXapiHealth();

    QPointer<HostSession> m_session;
    QString m_hostId;
    AuditLog* m_audit = nullptr;
    bool m_withoutXe = false;
};

} // namespace xr
