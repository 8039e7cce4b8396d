#include "NetworkParsers.h"

#include "HostText.h"
#include "ParserSupport.h"
#include "XeMinimal.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace xr {

using detail::parseUnsigned;

namespace {

// No dom0 has this many interfaces or bridges (a Linux bridge takes 1024 ports, an OVS
// bridge 65280); the caps keep hostile input cheap.
constexpr qsizetype kMaxBridges = 65536;
constexpr qsizetype kMaxInterfaces = 65536;
// Xen's first reserved domid (DOMID_FIRST_RESERVED).
constexpr int kFirstReservedDomid = 0x7FF0;

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::NetworkParsers", text);
}

bool isHex(QStringView s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return !s.isEmpty();
}

// brctl's bridge id: 4 hex digits of priority, a dot, the 12 hex digits of the MAC.
bool isBridgeId(QStringView s)
{
    return s.size() == 17 && s[4] == u'.' && isHex(s.left(4)) && isHex(s.mid(5));
}

bool isMac(QStringView s)
{
    if (s.size() != 17)
        return false;
    for (qsizetype i = 0; i < 17; ++i) {
        if (i % 3 == 2 ? s[i] != u':' : !isHex(s.mid(i, 1)))
            return false;
    }
    return true;
}

qsizetype indentOf(QStringView line)
{
    qsizetype n = 0;
    for (const QChar c : line) {
        if (c == u' ')
            ++n;
        else if (c == u'\t')
            n += 8 - n % 8;
        else
            break;
    }
    return n;
}

bool startsWithSpace(QStringView line)
{
    return !line.isEmpty() && (line[0] == u' ' || line[0] == u'\t');
}

// ---------------------------------------------------------------------------------------
// Open vSwitch values: ovs-vsctl prints strings bare when they look like identifiers and
// as JSON strings otherwise (ovsdb_atom_to_string).

struct Unquoted
{
    QString text;
    qsizetype consumed = 0;
    bool ok = true;
};

// Reads one OVS atom at the start of `s`: a JSON string, or bare text up to one of `stops`.
Unquoted readOvsAtom(QStringView s, QStringView stops)
{
    Unquoted out;
    if (s.isEmpty() || s[0] != u'"') {
        qsizetype i = 0;
        while (i < s.size() && !stops.contains(s[i]))
            ++i;
        out.text = s.left(i).trimmed().toString();
        out.consumed = i;
        return out;
    }
    qsizetype i = 1;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c == u'"') {
            out.consumed = i + 1;
            return out;
        }
        if (c != u'\\') {
            out.text += c;
            ++i;
            continue;
        }
        if (i + 1 >= s.size())
            break;
        const QChar e = s[i + 1];
        i += 2;
        switch (e.unicode()) {
        case u'n':
            out.text += u'\n';
            break;
        case u't':
            out.text += u'\t';
            break;
        case u'r':
            out.text += u'\r';
            break;
        case u'b':
            out.text += u'\b';
            break;
        case u'f':
            out.text += u'\f';
            break;
        case u'u': {
            bool ok = false;
            const uint code = i + 4 <= s.size() ? s.mid(i, 4).toUInt(&ok, 16) : 0;
            if (!ok) {
                out.ok = false;
                out.consumed = s.size();
                return out;
            }
            out.text += QChar(char16_t(code));
            i += 4;
            break;
        }
        default:
            out.text += e;
            break;
        }
    }
    // No closing quote: the value was cut.
    out.ok = false;
    out.consumed = s.size();
    return out;
}

// `{peer=patch-int, remote_ip="10.0.0.2"}` into pairs; false when the map is malformed.
bool readOvsMap(QStringView s, QList<KeyValue>& out)
{
    s = s.trimmed();
    if (s.size() < 2 || s.front() != u'{' || s.back() != u'}')
        return false;
    s = s.mid(1, s.size() - 2);
    qsizetype i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == u' ' || s[i] == u','))
            ++i;
        if (i >= s.size())
            break;
        const Unquoted key = readOvsAtom(s.mid(i), u"=,");
        i += key.consumed;
        if (!key.ok || i >= s.size() || s[i] != u'=')
            return false;
        ++i;
        const Unquoted value = readOvsAtom(s.mid(i), u",");
        i += value.consumed;
        if (!value.ok)
            return false;
        out.append(KeyValue{key.text, value.text});
    }
    return true;
}

// `[10, 20]` or a single number.
bool readOvsIntSet(QStringView s, QList<int>& out)
{
    s = s.trimmed();
    if (s.startsWith(u'[')) {
        if (!s.endsWith(u']'))
            return false;
        s = s.mid(1, s.size() - 2);
    }
    for (QStringView part : s.split(u',')) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        const auto v = parseUnsigned(part);
        if (!v || *v > 4095)
            return false;
        out.append(int(*v));
    }
    return true;
}

class OvsShowReader final
{
public:
    explicit OvsShowReader(BridgeList& out)
        : m_out(out)
    {}

    void readLine(QStringView line, qsizetype lineNo);
    void finish(qsizetype lastLine);

private:
    enum class Kind {
        Root,
        Manager,
        Bridge,
        Controller,
        Port,
        Interface,
    };
    struct Frame
    {
        qsizetype indent;
        Kind kind;
    };

    void problem(qsizetype lineNo, const QString& message) { m_out.report.addProblem(lineNo, message); }
    bool readName(QStringView rest, qsizetype lineNo, QString& name);
    void keyValue(Kind parent, QStringView key, QStringView value, qsizetype lineNo);
    void checkLastPort();

    BridgeList& m_out;
    QList<Frame> m_stack;
    QSet<QString> m_bridgeNames;
    qsizetype m_interfaceCount = 0;
    bool m_stopped = false;
};

bool OvsShowReader::readName(QStringView rest, qsizetype lineNo, QString& name)
{
    const Unquoted atom = readOvsAtom(rest.trimmed(), u"");
    if (!atom.ok || atom.text.isEmpty()) {
        problem(lineNo, tr("The name on this line is cut or empty."));
        return false;
    }
    name = atom.text;
    return true;
}

void OvsShowReader::checkLastPort()
{
    if (m_out.bridges.isEmpty() || m_out.bridges.last().ports.isEmpty())
        return;
    const BridgePort& port = m_out.bridges.last().ports.last();
    if (port.interfaces.isEmpty()) {
        problem(port.line, tr("Port \"%1\" lists no interface; the output may be cut.").arg(elide(port.name)));
    }
}

void OvsShowReader::keyValue(Kind parent, QStringView key, QStringView value, qsizetype lineNo)
{
    const QString text = readOvsAtom(value, u"").text;
    switch (parent) {
    case Kind::Root:
        if (key == u"ovs_version")
            m_out.ovsVersion = text;
        else
            problem(lineNo, tr("Unexpected \"%1\" outside a bridge.").arg(elide(key)));
        return;
    case Kind::Manager:
    case Kind::Controller:
        // is_connected, role, status: state of the connection, not of the layout.
        return;
    case Kind::Bridge: {
        Bridge& b = m_out.bridges.last();
        if (key == u"fail_mode")
            b.failMode = text;
        else if (key == u"datapath_type")
            b.datapathType = text;
        else
            b.properties.append(KeyValue{key.toString(), value.toString()});
        return;
    }
    case Kind::Port: {
        BridgePort& p = m_out.bridges.last().ports.last();
        if (key == u"tag") {
            const auto tag = parseUnsigned(value.trimmed());
            if (tag && *tag <= 4095)
                p.vlanTag = int(*tag);
            else
                problem(lineNo, tr("The VLAN tag \"%1\" is not a number from 0 to 4095.").arg(elide(value)));
        } else if (key == u"trunks") {
            if (!readOvsIntSet(value, p.trunks))
                problem(lineNo, tr("The trunk list \"%1\" cannot be read.").arg(elide(value)));
        } else {
            p.properties.append(KeyValue{key.toString(), value.toString()});
        }
        return;
    }
    case Kind::Interface: {
        BridgeInterface& i = m_out.bridges.last().ports.last().interfaces.last();
        if (key == u"type") {
            i.type = text;
        } else if (key == u"options") {
            if (!readOvsMap(value, i.options))
                problem(lineNo, tr("The options \"%1\" cannot be read.").arg(elide(value)));
        } else if (key == u"error") {
            i.error = text;
        } else {
            i.properties.append(KeyValue{key.toString(), value.toString()});
        }
        return;
    }
    }
}

void OvsShowReader::readLine(QStringView line, qsizetype lineNo)
{
    if (m_stopped)
        return;
    const QStringView content = line.trimmed();
    if (content.isEmpty())
        return;
    const qsizetype indent = indentOf(line);
    while (!m_stack.isEmpty() && m_stack.last().indent >= indent)
        m_stack.removeLast();
    const Kind parent = m_stack.isEmpty() ? Kind::Root : m_stack.last().kind;

    const qsizetype space = content.indexOf(u' ');
    const QStringView word = space < 0 ? content : content.left(space);
    const QStringView rest = space < 0 ? QStringView() : content.mid(space + 1);

    if (m_stack.isEmpty() && m_out.bridges.isEmpty() && m_out.ovsUuid.isEmpty() && XeMinimal::isUuid(content)) {
        m_out.ovsUuid = content.toString();
        m_stack.append(Frame{indent, Kind::Root});
        return;
    }
    if (word == u"Bridge" && !rest.isEmpty()) {
        if (parent != Kind::Root) {
            problem(lineNo, tr("A bridge inside another block: \"%1\".").arg(elide(content)));
            return;
        }
        checkLastPort();
        if (detail::atLimit(m_out.report, m_out.bridges.size(), kMaxBridges, lineNo)) {
            m_stopped = true;
            return;
        }
        Bridge b;
        b.kind = Bridge::Kind::OpenVSwitch;
        b.line = lineNo;
        if (!readName(rest, lineNo, b.name))
            return;
        if (m_bridgeNames.contains(b.name))
            problem(lineNo, tr("Bridge \"%1\" is listed twice.").arg(elide(b.name)));
        m_bridgeNames.insert(b.name);
        m_out.bridges.append(std::move(b));
        m_stack.append(Frame{indent, Kind::Bridge});
        return;
    }
    if ((word == u"Manager" || word == u"Controller") && !rest.isEmpty()) {
        const QString target = readOvsAtom(rest.trimmed(), u"").text;
        if (word == u"Manager" && parent == Kind::Root) {
            m_out.managers.append(target);
            m_stack.append(Frame{indent, Kind::Manager});
        } else if (word == u"Controller" && parent == Kind::Bridge) {
            m_out.bridges.last().controllers.append(target);
            m_stack.append(Frame{indent, Kind::Controller});
        } else {
            problem(lineNo, tr("\"%1\" is not where ovs-vsctl prints it.").arg(elide(content)));
        }
        return;
    }
    if (word == u"Port" && !rest.isEmpty()) {
        if (parent != Kind::Bridge) {
            problem(lineNo, tr("A port outside a bridge: \"%1\".").arg(elide(content)));
            return;
        }
        checkLastPort();
        BridgePort p;
        p.line = lineNo;
        if (!readName(rest, lineNo, p.name))
            return;
        m_out.bridges.last().ports.append(std::move(p));
        m_stack.append(Frame{indent, Kind::Port});
        return;
    }
    if (word == u"Interface" && !rest.isEmpty()) {
        if (parent != Kind::Port) {
            problem(lineNo, tr("An interface outside a port: \"%1\".").arg(elide(content)));
            return;
        }
        if (detail::atLimit(m_out.report, m_interfaceCount, kMaxInterfaces, lineNo)) {
            m_stopped = true;
            return;
        }
        BridgeInterface i;
        i.line = lineNo;
        if (!readName(rest, lineNo, i.name))
            return;
        i.backend = XenBackendName::fromInterfaceName(i.name);
        m_out.bridges.last().ports.last().interfaces.append(std::move(i));
        ++m_interfaceCount;
        m_stack.append(Frame{indent, Kind::Interface});
        return;
    }
    const qsizetype colon = content.indexOf(u':');
    if (colon > 0 && (colon + 1 == content.size() || content[colon + 1] == u' ')) {
        const QStringView key = content.left(colon);
        bool identifier = true;
        for (const QChar c : key)
            identifier = identifier && (c.isLetterOrNumber() || c == u'_' || c == u'-');
        if (identifier) {
            keyValue(parent, key, content.mid(colon + 1).trimmed(), lineNo);
            return;
        }
    }
    detail::unknownLine(m_out.report, lineNo, content, QStringLiteral("ovs-vsctl show"));
}

void OvsShowReader::finish(qsizetype lastLine)
{
    checkLastPort();
    if ((!m_out.bridges.isEmpty() || !m_out.ovsUuid.isEmpty()) && m_out.ovsVersion.isEmpty() && !m_stopped) {
        m_out.report.addNote(lastLine, tr("The ovs_version line that ends ovs-vsctl show is missing; the "
                                          "listing may be incomplete."));
    }
}

// ---------------------------------------------------------------------------------------
// ip link / ip addr

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

// ---------------------------------------------------------------------------------------
// ifconfig

// `key:value` inside an old net-tools line: "HWaddr" is followed by a space instead.
QString oldIfconfigValue(const QList<TextToken>& tokens, QStringView key)
{
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        const QStringView tok = tokens[t].text;
        if (tok.startsWith(key) && tok.size() > key.size() && tok[key.size()] == u':')
            return tok.mid(key.size() + 1).toString();
        if (tok.size() == key.size() + 1 && tok.startsWith(key) && tok.endsWith(u':') && t + 1 < tokens.size())
            return tokens[t + 1].text.toString();
    }
    return {};
}

// The value after `key` in a 2.x line ("mtu 1500", "bytes 2992").
QString newIfconfigValue(const QList<TextToken>& tokens, QStringView key)
{
    for (qsizetype t = 0; t + 1 < tokens.size(); ++t) {
        if (tokens[t].text == key)
            return tokens[t + 1].text.toString();
    }
    return {};
}

QString linkTypeOf(QStringView encap)
{
    if (encap == u"Ethernet")
        return QStringLiteral("ether");
    if (encap == u"Local Loopback" || encap == u"Loopback")
        return QStringLiteral("loopback");
    return encap.toString().toLower();
}

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

void IfconfigReader::startOld(QStringView line, qsizetype lineNo)
{
    NetInterface nic;
    nic.line = lineNo;
    const qsizetype end = line.indexOf(u' ');
    nic.name = line.left(end).toString();
    // net-tools 1.60 prints "%-9.9s ": a name that fills the column may have been cut.
    nic.nameMayBeCut = nic.name.size() == 9;
    const qsizetype encap = line.indexOf(u"Link encap:");
    const qsizetype hw = line.indexOf(u"HWaddr");
    if (encap >= 0) {
        const qsizetype from = encap + 11;
        const qsizetype to = hw > from ? hw : line.size();
        nic.linkType = linkTypeOf(line.mid(from, to - from).trimmed());
    }
    if (hw >= 0) {
        const QList<TextToken> t = splitWhitespace(line.mid(hw + 6));
        if (!t.isEmpty())
            nic.mac = t[0].text.toString().toLower();
    }
    nic.backend = XenBackendName::fromInterfaceName(nic.name);
    m_out.interfaces.append(std::move(nic));
}

void IfconfigReader::startNew(QStringView line, qsizetype lineNo)
{
    NetInterface nic;
    nic.line = lineNo;
    const qsizetype colon = line.indexOf(u": flags=");
    nic.name = line.left(colon).toString();
    const QStringView rest = line.mid(colon + 8);
    const qsizetype lt = rest.indexOf(u'<');
    const qsizetype gt = rest.indexOf(u'>');
    if (lt >= 0 && gt > lt) {
        for (const QStringView f : rest.mid(lt + 1, gt - lt - 1).split(u',', Qt::SkipEmptyParts))
            nic.flags.append(f.toString());
    } else {
        m_out.report.addProblem(lineNo, tr("The flags of \"%1\" are cut.").arg(elide(nic.name)));
    }
    const QList<TextToken> tokens = splitWhitespace(rest);
    const auto mtu = parseUnsigned(newIfconfigValue(tokens, u"mtu"));
    if (mtu && *mtu <= 1 << 24)
        nic.mtu = int(*mtu);
    nic.backend = XenBackendName::fromInterfaceName(nic.name);
    m_out.interfaces.append(std::move(nic));
}

void IfconfigReader::detailOld(QStringView line, const QList<TextToken>& tokens)
{
    NetInterface& nic = m_out.interfaces.last();
    const QStringView first = tokens[0].text;
    if (first == u"inet" && tokens.size() >= 2 && tokens[1].text.startsWith(u"addr:")) {
        NetAddress a;
        a.family = QStringLiteral("inet");
        a.address = oldIfconfigValue(tokens, u"addr");
        a.broadcast = oldIfconfigValue(tokens, u"Bcast");
        a.netmask = oldIfconfigValue(tokens, u"Mask");
        nic.addresses.append(a);
    } else if (first == u"inet6" && tokens.size() >= 3 && tokens[1].text == u"addr:") {
        NetAddress a;
        a.family = QStringLiteral("inet6");
        a.address = tokens[2].text.toString();
        a.scope = oldIfconfigValue(tokens, u"Scope").toLower();
        nic.addresses.append(a);
    } else if (line.contains(u"MTU:")) {
        for (const TextToken& t : tokens) {
            if (t.text.startsWith(u"MTU:")) {
                const auto mtu = parseUnsigned(t.text.mid(4));
                if (mtu && *mtu <= 1 << 24)
                    nic.mtu = int(*mtu);
            } else if (!t.text.contains(u':')) {
                nic.flags.append(t.text.toString());
            }
        }
    } else if (first.startsWith(u"collisions:")) {
        nic.txQueueLength = parseUnsigned(oldIfconfigValue(tokens, u"txqueuelen"));
    } else if (first.startsWith(u"RX") && tokens.size() >= 2 && tokens[1].text.startsWith(u"bytes:")) {
        nic.rxBytes = parseUnsigned(tokens[1].text.mid(6));
        for (qsizetype t = 2; t + 1 < tokens.size(); ++t) {
            if (tokens[t].text == u"TX" && tokens[t + 1].text.startsWith(u"bytes:")) {
                nic.txBytes = parseUnsigned(tokens[t + 1].text.mid(6));
                m_sawCounters = true;
            }
        }
    }
}

void IfconfigReader::detailNew(const QList<TextToken>& tokens)
{
    NetInterface& nic = m_out.interfaces.last();
    const QStringView first = tokens[0].text;
    if ((first == u"inet" || first == u"inet6") && tokens.size() >= 2) {
        NetAddress a;
        a.family = first.toString();
        a.address = tokens[1].text.toString();
        a.netmask = newIfconfigValue(tokens, u"netmask");
        a.broadcast = newIfconfigValue(tokens, u"broadcast");
        const QString prefix = newIfconfigValue(tokens, u"prefixlen");
        if (!prefix.isEmpty())
            a.address += u'/' + prefix;
        const QString scope = newIfconfigValue(tokens, u"scopeid");
        const qsizetype lt = scope.indexOf(u'<');
        if (lt >= 0 && scope.endsWith(u'>'))
            a.scope = scope.mid(lt + 1, scope.size() - lt - 2);
        nic.addresses.append(a);
    } else if (first == u"ether" || first == u"loop" || first == u"unspec" || first == u"infiniband") {
        nic.linkType = first == u"loop" ? QStringLiteral("loopback") : first.toString();
        if (first != u"loop" && tokens.size() >= 2)
            nic.mac = tokens[1].text.toString().toLower();
        nic.txQueueLength = parseUnsigned(newIfconfigValue(tokens, u"txqueuelen"));
    } else if (first == u"RX" && tokens.size() >= 2 && tokens[1].text == u"packets") {
        nic.rxBytes = parseUnsigned(newIfconfigValue(tokens, u"bytes"));
    } else if (first == u"TX" && tokens.size() >= 2 && tokens[1].text == u"packets") {
        nic.txBytes = parseUnsigned(newIfconfigValue(tokens, u"bytes"));
    } else if (first == u"TX" && tokens.size() >= 2 && tokens[1].text == u"errors") {
        m_sawCounters = true;
    }
}

void IfconfigReader::readLine(QStringView line, qsizetype lineNo)
{
    if (m_stopped || line.trimmed().isEmpty())
        return;
    if (!startsWithSpace(line)) {
        if (detail::atLimit(m_out.report, m_out.interfaces.size(), kMaxInterfaces, lineNo)) {
            m_stopped = true;
            return;
        }
        if (!m_out.interfaces.isEmpty() && !m_sawCounters) {
            m_out.report.addProblem(
                m_out.interfaces.last().line,
                tr("The record of \"%1\" has no traffic counters.").arg(elide(m_out.interfaces.last().name)));
        }
        m_sawCounters = false;
        const qsizetype space = line.indexOf(u' ');
        const QStringView firstWord = space < 0 ? line : line.left(space);
        if (line.contains(u": flags=") && firstWord.endsWith(u':')) {
            m_newLayout = true;
            startNew(line, lineNo);
        } else if (line.contains(u"Link encap:")) {
            m_newLayout = false;
            startOld(line, lineNo);
        } else {
            detail::unknownLine(m_out.report, lineNo, line, QStringLiteral("ifconfig"));
        }
        return;
    }
    if (m_out.interfaces.isEmpty()) {
        detail::unknownLine(m_out.report, lineNo, line, QStringLiteral("ifconfig"));
        return;
    }
    const QList<TextToken> tokens = splitWhitespace(line);
    if (m_newLayout)
        detailNew(tokens);
    else
        detailOld(line, tokens);
}

void IfconfigReader::finish()
{
    if (!m_stopped && !m_out.interfaces.isEmpty() && !m_sawCounters) {
        m_out.report.addProblem(m_out.interfaces.last().line,
                                tr("The record of \"%1\" ends before its traffic counters; the output was probably "
                                   "cut.")
                                    .arg(elide(m_out.interfaces.last().name)));
    }
}

Result<NetInterfaceList> noInterfaces(const QString& what)
{
    return Result<NetInterfaceList>::failure(
        QCoreApplication::translate("xr::NetworkParsers", "The output of %1 lists no interface.").arg(what),
        QStringLiteral("no-interfaces"));
}

} // namespace

std::optional<XenBackendName> XenBackendName::fromInterfaceName(QStringView name)
{
    XenBackendName out;
    if (name.startsWith(u"vif")) {
        out.kind = Kind::Vif;
    } else if (name.startsWith(u"tap")) {
        out.kind = Kind::Tap;
    } else {
        return std::nullopt;
    }
    name = name.mid(3);
    if (out.kind == Kind::Vif && name.endsWith(u"-emu")) {
        out.kind = Kind::VifEmu;
        name.chop(4);
    }
    const qsizetype dot = name.indexOf(u'.');
    if (dot <= 0)
        return std::nullopt;
    const QStringView dom = name.left(dot);
    const QStringView dev = name.mid(dot + 1);
    // No leading zeros: the kernel names come from "%u".
    if ((dom.size() > 1 && dom[0] == u'0') || (dev.size() > 1 && dev[0] == u'0') || dev.size() > 9)
        return std::nullopt;
    const auto domid = parseUnsigned(dom);
    const auto devid = parseUnsigned(dev);
    if (!domid || !devid || *domid >= kFirstReservedDomid)
        return std::nullopt;
    out.domid = int(*domid);
    out.devid = int(*devid);
    return out;
}

QString BridgeInterface::option(QStringView key) const
{
    for (const KeyValue& kv : options) {
        if (kv.key == key)
            return kv.value;
    }
    return {};
}

const BridgePort* Bridge::port(QStringView name) const
{
    for (const BridgePort& p : ports) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QStringList Bridge::interfaceNames() const
{
    QStringList names;
    for (const BridgePort& p : ports) {
        for (const BridgeInterface& i : p.interfaces)
            names.append(i.name);
    }
    return names;
}

bool Bridge::hasInterface(QStringView name) const
{
    for (const BridgePort& p : ports) {
        for (const BridgeInterface& i : p.interfaces) {
            if (i.name == name)
                return true;
        }
    }
    return false;
}

const Bridge* BridgeList::byName(QStringView name) const
{
    for (const Bridge& b : bridges) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

const Bridge* BridgeList::bridgeOf(QStringView interfaceName) const
{
    for (const Bridge& b : bridges) {
        if (b.hasInterface(interfaceName))
            return &b;
    }
    return nullptr;
}

const NetInterface* NetInterfaceList::byName(QStringView name) const
{
    for (const NetInterface& i : interfaces) {
        if (i.name == name)
            return &i;
    }
    return nullptr;
}

const NetInterface* NetInterfaceList::byIndex(qint64 index) const
{
    for (const NetInterface& i : interfaces) {
        if (i.index == index)
            return &i;
    }
    return nullptr;
}

QList<const NetInterface*> NetInterfaceList::enslavedTo(QStringView master) const
{
    QList<const NetInterface*> out;
    for (const NetInterface& i : interfaces) {
        if (i.master == master)
            out.append(&i);
    }
    return out;
}

QList<const NetInterface*> NetInterfaceList::ofDomain(int domid) const
{
    QList<const NetInterface*> out;
    for (const NetInterface& i : interfaces) {
        if (i.backend && i.backend->domid == domid)
            out.append(&i);
    }
    return out;
}

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
