#include "IpReader.h"

#include "NetworkParserSupport.h"
#include "ParserSupport.h"

namespace xr {

using detail::parseUnsigned;
using netparse::isMac;
using netparse::kMaxInterfaces;
using netparse::startsWithSpace;
using netparse::tr;

namespace {

// Header keys of an `ip link` record that take a value.
void readIpHeaderPairs(const QList<TextToken>& tokens, qsizetype from, NetInterface& nic)
{
    for (qsizetype t = from; t + 1 < tokens.size(); ++t) {
        const QStringView key = tokens[t].text;
        const QStringView value = tokens[t + 1].text;
        bool takesValue = true;
        if (key == u"mtu") {
            const auto v = parseUnsigned(value);
            if (v && *v <= 1 << 24)
                nic.mtu = int(*v);
        } else if (key == u"qdisc") {
            nic.qdisc = value.toString();
        } else if (key == u"master") {
            nic.master = value.toString();
        } else if (key == u"state") {
            nic.state = value.toString();
        } else if (key == u"mode") {
            nic.mode = value.toString();
        } else if (key == u"group") {
            nic.group = value.toString();
        } else if (key == u"qlen") {
            nic.txQueueLength = parseUnsigned(value);
        } else if (key != u"link-netnsid" && key != u"link-netns" && key != u"netns" && key != u"portid" &&
                   key != u"parentbus" && key != u"parentdev" && key != u"numtxqueues") {
            takesValue = false;
        }
        if (takesValue)
            ++t;
    }
}

// `inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0` (tokens from the family on).
NetAddress readIpAddress(const QList<TextToken>& tokens, qsizetype from)
{
    NetAddress a;
    a.family = tokens[from].text.toString();
    if (from + 1 < tokens.size())
        a.address = tokens[from + 1].text.toString();
    for (qsizetype t = from + 2; t + 1 < tokens.size(); ++t) {
        if (tokens[t].text == u"brd") {
            a.broadcast = tokens[++t].text.toString();
        } else if (tokens[t].text == u"scope") {
            a.scope = tokens[++t].text.toString();
        } else if (tokens[t].text == u"peer") {
            ++t;
        }
    }
    return a;
}

// `link/ether fe:ff:ff:ff:ff:ff brd ff:ff:ff:ff:ff:ff` (tokens from link/ on).
void readIpLinkLayer(const QList<TextToken>& tokens, qsizetype from, NetInterface& nic)
{
    nic.linkType = tokens[from].text.mid(5).toString();
    if (from + 1 < tokens.size() && tokens[from + 1].text != u"brd")
        nic.mac = tokens[from + 1].text.toString();
    for (qsizetype t = from + 1; t + 1 < tokens.size(); ++t) {
        if (tokens[t].text == u"brd") {
            nic.linkBroadcast = tokens[t + 1].text.toString();
            break;
        }
    }
}

struct IpRecordHead
{
    qint64 index = -1;
    QString name;
    QString parent;
    /// Position in the line after "N: name[@parent]" (and its colon, if any).
    qsizetype rest = 0;
    bool hasColon = false;
};

// `12: vif53.0@parent: ...` or, for ip -o addr, `12: vif53.0    inet ...`.
std::optional<IpRecordHead> readIpRecordHead(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i].isDigit())
        ++i;
    if (i == 0 || i >= line.size() || line[i] != u':')
        return std::nullopt;
    const auto index = parseUnsigned(line.left(i));
    if (!index)
        return std::nullopt;
    ++i;
    while (i < line.size() && line[i] == u' ')
        ++i;
    const qsizetype nameBegin = i;
    while (i < line.size() && line[i] != u' ' && line[i] != u'\t')
        ++i;
    QStringView name = line.mid(nameBegin, i - nameBegin);
    IpRecordHead head;
    head.index = *index;
    if (name.endsWith(u':')) {
        name.chop(1);
        head.hasColon = true;
    }
    if (name.isEmpty())
        return std::nullopt;
    const qsizetype at = name.indexOf(u'@');
    if (at > 0) {
        head.parent = name.mid(at + 1).toString();
        name = name.left(at);
    }
    head.name = name.toString();
    head.rest = i;
    return head;
}

} // namespace

void IpReader::readDetail(QStringView detail, qsizetype lineNo)
{
    NetInterface* nic = current();
    const QList<TextToken> tokens = splitWhitespace(detail);
    if (tokens.isEmpty() || !nic)
        return;
    const QStringView first = tokens[0].text;
    if (m_statsPending != 0) {
        const auto bytes = parseUnsigned(first);
        if (bytes) {
            (m_statsPending == 1 ? nic->rxBytes : nic->txBytes) = *bytes;
            m_statsPending = 0;
            return;
        }
        m_statsPending = 0;
    }
    if (first.startsWith(u"link/")) {
        readIpLinkLayer(tokens, 0, *nic);
        m_currentHasLink = true;
        if (nic->linkType == u"ether" && !isMac(nic->mac))
            m_out.report.addProblem(lineNo, tr("The MAC address of \"%1\" is cut or malformed.").arg(elide(nic->name)));
    } else if (first == u"altname" && tokens.size() >= 2) {
        nic->altNames.append(tokens[1].text.toString());
    } else if ((first == u"inet" || first == u"inet6") && tokens.size() >= 2) {
        nic->addresses.append(readIpAddress(tokens, 0));
    } else if (first == u"RX:" || first == u"TX:") {
        m_statsPending = first == u"RX:" ? 1 : 2;
    } else if (first == u"valid_lft" || first == u"vlan" || first.endsWith(u"_slave") || first == u"bridge" ||
               first == u"openvswitch" || first == u"bond" || first == u"veth" || first == u"tun" ||
               first == u"promiscuity" || first == u"RX" || first == u"TX" || first == u"prop" || first == u"vrf" ||
               first == u"macvlan" || first == u"gso_max_size") {
        // -d / -s details: not part of the layout this type describes.
    } else {
        m_out.report.addNote(lineNo, tr("This line of the interface record was not read: \"%1\".").arg(elide(detail)));
    }
}

void IpReader::readRecordLine(QStringView line, qsizetype lineNo)
{
    if (m_stopped || line.trimmed().isEmpty())
        return;
    if (startsWithSpace(line)) {
        if (!current()) {
            detail::unknownLine(m_out.report, lineNo, line, QStringLiteral("ip link"));
            return;
        }
        readDetail(line, lineNo);
        return;
    }
    const auto head = readIpRecordHead(line);
    if (!head) {
        detail::unknownLine(m_out.report, lineNo, line, QStringLiteral("ip link"));
        return;
    }
    // With -o every record is one line and details follow a backslash.
    QList<QStringView> parts;
    {
        const QStringView all = line.mid(head->rest);
        qsizetype start = 0;
        for (qsizetype i = 0; i + 1 < all.size(); ++i) {
            if (all[i] == u'\\' && (all[i + 1] == u' ' || all[i + 1] == u'\t')) {
                parts.append(all.mid(start, i - start));
                start = i + 1;
            }
        }
        parts.append(all.mid(start));
        if (parts.last().trimmed() == u"\\")
            parts.removeLast();
    }
    const QStringView headRest = parts.first();
    const QList<TextToken> tokens = splitWhitespace(headRest);

    const bool isLinkRecord = head->hasColon && !tokens.isEmpty() && tokens[0].text.startsWith(u'<');
    const bool isAddrOnly =
        !head->hasColon && !tokens.isEmpty() &&
        (tokens[0].text == u"inet" || tokens[0].text == u"inet6" || tokens[0].text.startsWith(u"link/"));
    if (!isLinkRecord && !isAddrOnly) {
        detail::unknownLine(m_out.report, lineNo, line, QStringLiteral("ip link"));
        return;
    }
    if (m_current >= 0 && !m_currentHasLink) {
        // A multi-line record that never got its link/ line: lines were lost in between.
        m_out.report.addProblem(
            m_out.interfaces[m_current].line,
            tr("The record of \"%1\" has no link/ line.").arg(elide(m_out.interfaces[m_current].name)));
    }

    if (isAddrOnly) {
        // ip -o addr: one line per address, the link line is elsewhere (or absent).
        qsizetype found = m_byIndex.value(head->index, -1);
        if (found < 0) {
            if (detail::atLimit(m_out.report, m_out.interfaces.size(), kMaxInterfaces, lineNo)) {
                m_stopped = true;
                return;
            }
            NetInterface nic;
            nic.index = head->index;
            nic.name = head->name;
            nic.parent = head->parent;
            nic.line = lineNo;
            nic.backend = XenBackendName::fromInterfaceName(nic.name);
            m_out.interfaces.append(std::move(nic));
            found = m_out.interfaces.size() - 1;
            m_byIndex.insert(head->index, found);
        }
        m_current = found;
        m_currentHasLink = true;
        for (const QStringView part : parts)
            readDetail(part, lineNo);
        return;
    }

    if (detail::atLimit(m_out.report, m_out.interfaces.size(), kMaxInterfaces, lineNo)) {
        m_stopped = true;
        return;
    }
    NetInterface nic;
    nic.index = head->index;
    nic.name = head->name;
    nic.parent = head->parent;
    nic.line = lineNo;
    nic.backend = XenBackendName::fromInterfaceName(nic.name);
    const QStringView flagsToken = tokens[0].text;
    if (!flagsToken.endsWith(u'>')) {
        m_out.report.addProblem(lineNo, tr("The flags of \"%1\" are cut.").arg(elide(nic.name)));
    } else {
        for (const QStringView f : flagsToken.mid(1, flagsToken.size() - 2).split(u',', Qt::SkipEmptyParts))
            nic.flags.append(f.toString());
    }
    readIpHeaderPairs(tokens, 1, nic);
    if (m_byIndex.contains(nic.index))
        m_out.report.addProblem(lineNo, tr("Interface index %1 is listed twice.").arg(nic.index));
    m_out.interfaces.append(std::move(nic));
    m_current = m_out.interfaces.size() - 1;
    m_byIndex.insert(m_out.interfaces[m_current].index, m_current);
    m_currentHasLink = false;
    m_statsPending = 0;
    for (qsizetype p = 1; p < parts.size(); ++p)
        readDetail(parts[p], lineNo);
}

void IpReader::finish()
{
    if (m_current >= 0 && !m_currentHasLink && !m_stopped) {
        const NetInterface& nic = m_out.interfaces[m_current];
        m_out.report.addProblem(nic.line, tr("The record of \"%1\" ends before its link/ line; the output was "
                                             "probably cut.")
                                              .arg(elide(nic.name)));
    }
}

} // namespace xr
