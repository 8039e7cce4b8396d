#pragma once

#include "Domain.h"
#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>

namespace xr {

/// Which command printed a domain listing.
enum class DomainListFormat {
    XlList,             ///< `xl list` (also `xl list -v`, `xl claims`)
    XmList,             ///< `xm list` (also `xm list --label`)
    XmListLong,         ///< `xm list --long` (xend s-expressions)
    ListDomains,        ///< XenServer's `list_domains` (` | ` table, any column set)
    ListDomainsMinimal, ///< `list_domains -minimal` (UUIDs only)
};

/// The domains of one listing, in output order.
struct DomainList
{
    DomainListFormat format = DomainListFormat::XlList;
    QList<Domain> domains;
    ParseReport report;

    const Domain* byId(qint64 id) const;
    const Domain* byUuid(QStringView uuid) const;
    const Domain* byName(QStringView name) const;
};

/// Parsers for the hypervisor's view of domains. They need no xapi, which is why the
/// rescue relies on them when xapi is wedged.
class DomainListParser final
{
public:
    /// `xl list`: header `Name ID Mem VCPUs State Time(s)` and any extra columns.
    /// Names may contain spaces; rows are read from the numeric columns inward.
    static Result<DomainList> parseXlList(QByteArrayView output);
    /// `xm list`: same layout (`Mem(MiB)` in Xen 3.0), optional `Label` column.
    static Result<DomainList> parseXmList(QByteArrayView output);
    /// `xm list --long` (also `-l`): one `(domain ...)` s-expression per domain.
    static Result<DomainList> parseXmListLong(QByteArrayView output);
    /// `list_domains` with any of `-memory`, `-bytes`, `-pages`, `-all`, `-domid N`,
    /// `-minimal`. Memory is converted to MiB (rounded up), cpu time to seconds.
    static Result<DomainList> parseListDomains(QByteArrayView output);
    /// Detects which of the above printed `output`.
    static Result<DomainList> parse(QByteArrayView output);
};

} // namespace xr
