#pragma once

#include "Result.h"

#include <QString>
#include <QStringView>

namespace xr {

/// Checks a pool member's address as xapi reports it (`xe host-list`, XapiHost::address)
/// before it becomes an SSH target (issue 14). The pool is not trusted: a forged record could
/// name `-oProxyCommand=...`, `%h`-style tokens an ssh configuration expands, or shell text.
/// Accepted: an IPv4 address in dotted-quad form, an IPv6 address (inet_pton's forms, no zone
/// id), or a host name of letters, digits, hyphens and dots: labels of 1 to 63 characters that
/// neither start nor end with a hyphen, at most 253 characters, the last label not all digits
/// (so no name reads as a short IPv4 form like `10.1`). Everything else is refused with a
/// translated reason naming the address with its control characters made visible.
class MemberAddress final
{
public:
    enum class Kind {
        Ipv4,
        Ipv6,
        HostName,
    };

    static Result<Kind> check(QStringView address);
    /// The address for a message: control and non-ASCII characters as \uXXXX, cut at 80 characters.
    static QString displayable(QStringView address);
};

} // namespace xr
