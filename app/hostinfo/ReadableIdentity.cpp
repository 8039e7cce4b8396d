#include "ReadableIdentity.h"

#include "HostSession.h"

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

} // namespace xr
