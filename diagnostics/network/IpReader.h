#pragma once

#include "Network.h"

#include <QHash>
#include <QStringView>

namespace xr {

/// Reads `ip link` / `ip addr` output, multi-line or `-o`, into a NetInterfaceList: one
/// record per interface, `ip -o addr` lines merged into the record of the same index.
/// Internal to NetworkParsers::parseIpLink().
class IpReader final
{
public:
    explicit IpReader(NetInterfaceList& out)
        : m_out(out)
    {}

    void readRecordLine(QStringView line, qsizetype lineNo);
    void finish();

private:
    // One physical (or, with -o, one backslash-separated) detail line of the current record.
    void readDetail(QStringView detail, qsizetype lineNo);
    NetInterface* current() { return m_current >= 0 ? &m_out.interfaces[m_current] : nullptr; }

    NetInterfaceList& m_out;
    // ifindex -> position in m_out.interfaces (the first record with that index).
    QHash<qint64, qsizetype> m_byIndex;
    qsizetype m_current = -1;
    bool m_currentHasLink = false;
    bool m_stopped = false;
    // The next line holds the numbers of an `RX:`/`TX:` statistics header (ip -s).
    int m_statsPending = 0;
};

} // namespace xr
