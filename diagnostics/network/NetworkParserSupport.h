#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>

// What the network parsers (NetworkParsers.cpp and its readers) share: limits, the
// translation context, and character tests. Internal to diagnostics/network.
namespace xr::netparse {

// No dom0 has this many interfaces or bridges (a Linux bridge takes 1024 ports, an OVS
// bridge 65280); the caps keep hostile input cheap.
constexpr qsizetype kMaxBridges = 65536;
constexpr qsizetype kMaxInterfaces = 65536;

// One translation context for every network parser message, whichever reader says it.
inline QString tr(const char* text)
{
    return QCoreApplication::translate("xr::NetworkParsers", text);
}

inline bool isHex(QStringView s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return !s.isEmpty();
}

inline bool isMac(QStringView s)
{
    if (s.size() != 17)
        return false;
    for (qsizetype i = 0; i < 17; ++i) {
        if (i % 3 == 2 ? s[i] != u':' : !isHex(s.mid(i, 1)))
            return false;
    }
    return true;
}

inline bool startsWithSpace(QStringView line)
{
    return !line.isEmpty() && (line[0] == u' ' || line[0] == u'\t');
}

} // namespace xr::netparse
