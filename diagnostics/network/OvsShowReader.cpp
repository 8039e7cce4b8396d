#include "OvsShowReader.h"

#include "NetworkParserSupport.h"
#include "ParserSupport.h"
#include "XeMinimal.h"

namespace xr {

using detail::parseUnsigned;
using netparse::kMaxBridges;
using netparse::kMaxInterfaces;
using netparse::tr;

namespace {

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

} // namespace

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

} // namespace xr
