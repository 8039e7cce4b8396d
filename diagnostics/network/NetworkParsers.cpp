#include "NetworkParsers.h"

#include "HostText.h"
#include "IfconfigReader.h"
#include "IpReader.h"
#include "NetworkParserSupport.h"
#include "OvsShowReader.h"
#include "ParserSupport.h"

#include <QCoreApplication>
#include <QSet>

namespace xr {

using netparse::isHex;
using netparse::kMaxBridges;
using netparse::kMaxInterfaces;
using netparse::startsWithSpace;
using netparse::tr;

namespace {

// brctl's bridge id: 4 hex digits of priority, a dot, the 12 hex digits of the MAC.
bool isBridgeId(QStringView s)
{
    return s.size() == 17 && s[4] == u'.' && isHex(s.left(4)) && isHex(s.mid(5));
}

Result<NetInterfaceList> noInterfaces(const QString& what)
{
    return Result<NetInterfaceList>::failure(
        QCoreApplication::translate("xr::NetworkParsers", "The output of %1 lists no interface.").arg(what),
        QStringLiteral("no-interfaces"));
}

} // namespace

Result<BridgeList> NetworkParsers::parseBrctlShow(QByteArrayView output)
{
    const QString what = QStringLiteral("brctl show");
    BridgeList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<BridgeList>(text, what);

    bool header = false;
    qsizetype interfaceCount = 0;
    QSet<QString> seenInterfaces;
    QSet<QString> seenBridges;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty())
            continue;
        if (line.startsWith(u"bridge name")) {
            header = true;
            continue;
        }
        const QList<TextToken> tokens = splitWhitespace(line);
        QStringView interfaceName;
        if (startsWithSpace(line)) {
            if (out.bridges.isEmpty() || tokens.size() != 1) {
                detail::unknownLine(out.report, lineNo, line, what);
                continue;
            }
            interfaceName = tokens[0].text;
        } else {
            if (tokens.size() < 3 || !isBridgeId(tokens[1].text) ||
                (tokens[2].text != u"yes" && tokens[2].text != u"no") || tokens.size() > 4) {
                // Also brctl's own complaints ("can't get info ...") about one bridge.
                detail::unknownLine(out.report, lineNo, line, what);
                continue;
            }
            if (detail::atLimit(out.report, out.bridges.size(), kMaxBridges, lineNo))
                break;
            Bridge b;
            b.kind = Bridge::Kind::Linux;
            b.name = tokens[0].text.toString();
            b.bridgeId = tokens[1].text.toString();
            b.stpEnabled = tokens[2].text == u"yes";
            b.line = lineNo;
            if (seenBridges.contains(b.name))
                out.report.addProblem(lineNo, tr("Bridge \"%1\" is listed twice.").arg(elide(b.name)));
            seenBridges.insert(b.name);
            out.bridges.append(std::move(b));
            if (tokens.size() == 4)
                interfaceName = tokens[3].text;
        }
        if (interfaceName.isEmpty())
            continue;
        if (detail::atLimit(out.report, interfaceCount, kMaxInterfaces, lineNo))
            break;
        const QString name = interfaceName.toString();
        // An interface has one master: twice means lines were mixed up.
        if (seenInterfaces.contains(name))
            out.report.addProblem(lineNo, tr("Interface \"%1\" is listed twice.").arg(elide(name)));
        seenInterfaces.insert(name);
        BridgeInterface iface;
        iface.name = name;
        iface.line = lineNo;
        iface.backend = XenBackendName::fromInterfaceName(name);
        BridgePort port;
        port.name = name;
        port.line = lineNo;
        port.interfaces.append(std::move(iface));
        out.bridges.last().ports.append(std::move(port));
        ++interfaceCount;
    }
    if (out.bridges.isEmpty() && !header) {
        return Result<BridgeList>::failure(
            tr("This is not brctl show output (no \"bridge name\" header and no bridge)."),
            QStringLiteral("not-brctl"));
    }
    if (!header)
        out.report.addNote(0, tr("The header line (bridge name, bridge id ...) is missing."));
    detail::noteCut(text, out.report);
    return out;
}

Result<BridgeList> NetworkParsers::parseOvsVsctlShow(QByteArrayView output)
{
    const QString what = QStringLiteral("ovs-vsctl show");
    BridgeList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<BridgeList>(text, what);
    OvsShowReader reader(out);
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i)
        reader.readLine(lines[i], i + 1);
    if (out.bridges.isEmpty() && out.ovsVersion.isEmpty() && out.ovsUuid.isEmpty()) {
        return Result<BridgeList>::failure(tr("This is not ovs-vsctl show output (no Bridge block, no ovs_version)."),
                                           QStringLiteral("not-ovs"));
    }
    reader.finish(lines.size());
    detail::noteCut(text, out.report);
    return out;
}

Result<BridgeList> NetworkParsers::parseOvsListBridges(QByteArrayView output)
{
    BridgeList out;
    const HostText text(output, out.report);
    if (text.isMostlyBinary())
        return detail::emptyOrBinary<BridgeList>(text, QStringLiteral("ovs-vsctl list-br"));
    QSet<QString> seen;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView name = lines[i].trimmed();
        if (name.isEmpty())
            continue;
        if (detail::atLimit(out.report, out.bridges.size(), kMaxBridges, i + 1))
            break;
        // Interface names hold no white space; ovs-vsctl's errors ("ovs-vsctl: unix:...
        // database connection failed") do.
        if (name.contains(u' ') || name.contains(u'\t')) {
            detail::unknownLine(out.report, i + 1, name, QStringLiteral("ovs-vsctl list-br"));
            continue;
        }
        Bridge b;
        b.kind = Bridge::Kind::OpenVSwitch;
        b.name = name.toString();
        b.line = i + 1;
        if (seen.contains(b.name))
            out.report.addProblem(i + 1, tr("Bridge \"%1\" is listed twice.").arg(elide(b.name)));
        seen.insert(b.name);
        out.bridges.append(std::move(b));
    }
    if (out.bridges.isEmpty() && out.report.partial) {
        return Result<BridgeList>::failure(tr("This is not ovs-vsctl list-br output: %1").arg(out.report.summary()),
                                           QStringLiteral("not-ovs"));
    }
    detail::noteCut(text, out.report);
    return out;
}

Result<NetInterfaceList> NetworkParsers::parseIpLink(QByteArrayView output)
{
    const QString what = QStringLiteral("ip link");
    NetInterfaceList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<NetInterfaceList>(text, what);
    IpReader reader(out);
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i)
        reader.readRecordLine(lines[i], i + 1);
    if (out.interfaces.isEmpty())
        return noInterfaces(what);
    reader.finish();
    detail::noteCut(text, out.report);
    return out;
}

Result<NetInterfaceList> NetworkParsers::parseIfconfig(QByteArrayView output)
{
    const QString what = QStringLiteral("ifconfig");
    NetInterfaceList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<NetInterfaceList>(text, what);
    IfconfigReader reader(out);
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i)
        reader.readLine(lines[i], i + 1);
    if (out.interfaces.isEmpty())
        return noInterfaces(what);
    reader.finish();
    detail::noteCut(text, out.report);
    return out;
}

} // namespace xr
