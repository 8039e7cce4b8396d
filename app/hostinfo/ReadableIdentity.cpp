#include "ReadableIdentity.h"

#include "HostSession.h"
#include "RemoteHost.h"

#include <QCoreApplication>

namespace xr {

ReadableIdentity readableIdentity(const HostSession& session)
{
    ReadableIdentity r;
    r.identity = session.identity();
    const XapiHealth health = session.xapiHealth();
    if (session.isXapi() && (health == XapiHealth::NotAnswering || health == XapiHealth::Refused)) {
        r.identity.tools.set(HostTool::Xe, false);
        r.withoutXe = true;
        r.notice =
            QCoreApplication::translate(
                "ReadableIdentity",
                "xapi is not answering on %1: read without xe, from what dom0 itself says (names of VMs and networks "
                "may be missing). It is read again with xe once xapi answers.")
                .arg(r.identity.hostname);
    }
    return r;
}

LiveHost::LiveHost(QObject* parent)
    : QObject(parent)
{}

LiveHost::~LiveHost() = default;

bool LiveHost::follow(HostSession* session, const QString& hostId, AuditLog* audit)
{
    if (session == m_session && hostId == m_hostId)
        return false;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    m_hostId = hostId;
    m_audit = audit;
    m_withoutXe = false;
    if (session) {
        connect(session, &HostSession::xapiHealthChanged, this, &LiveHost::onXapiHealth);
        connect(session, &HostSession::identified, this, &LiveHost::readAgain);
    }
    return true;
}

RemoteHost* LiveHost::host() const
{
    return m_session ? m_session->host() : nullptr;
}

bool LiveHost::canRead() const
{
    const RemoteHost* h = host();
    return m_session && h && h->isConnected() && m_session->isIdentified();
}

ReadableIdentity LiveHost::startRead()
{
    ReadableIdentity r = m_session ? readableIdentity(*m_session) : ReadableIdentity{};
    m_withoutXe = r.withoutXe;
    return r;
}

void LiveHost::onXapiHealth()
{
    // At once: a read that would call xe against a wedged xapi holds a channel until its
    // deadline (and a rescue needs those channels). Once xapi answers again, read it all.
    if (m_session && readableIdentity(*m_session).withoutXe != m_withoutXe)
        Q_EMIT readAgain();
}

} // namespace xr
