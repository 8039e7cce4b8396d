#pragma once

#include "HostText.h"
#include "Network.h"

#include <QList>
#include <QStringView>

namespace xr {

/// Reads `ifconfig` (`-a`) output in both net-tools layouts (old `Link encap:` and 2.x
/// `flags=`) into a NetInterfaceList. Internal to NetworkParsers::parseIfconfig().
class IfconfigReader final
{
public:
    explicit IfconfigReader(NetInterfaceList& out)
        : m_out(out)
    {}
    void readLine(QStringView line, qsizetype lineNo);
    void finish();

private:
    void startOld(QStringView line, qsizetype lineNo);
    void startNew(QStringView line, qsizetype lineNo);
    void detailOld(QStringView line, const QList<TextToken>& tokens);
    void detailNew(const QList<TextToken>& tokens);

    NetInterfaceList& m_out;
    bool m_newLayout = false;
    bool m_sawCounters = false;
    bool m_stopped = false;
};

} // namespace xr
