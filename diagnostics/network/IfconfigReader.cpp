#include "IfconfigReader.h"

#include "NetworkParserSupport.h"
#include "ParserSupport.h"

namespace xr {

using detail::parseUnsigned;
using netparse::kMaxInterfaces;
using netparse::startsWithSpace;
using netparse::tr;

namespace {

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

} // namespace

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

} // namespace xr
