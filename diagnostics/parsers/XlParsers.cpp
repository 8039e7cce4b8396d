#include "XlParsers.h"

#include "HostText.h"
#include "ParserSupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

namespace xr {

using detail::parseUnsigned;

namespace {

constexpr qsizetype kMaxRows = 65536;
// The console ring is at most a few MiB; this many lines is not a real ring.
constexpr qsizetype kMaxDmesgLines = 262144;
constexpr qsizetype kMaxJsonBytes = 64 * 1024 * 1024;

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::XlParsers", text);
}

// "1 day,  3:04:05", "12 days,  0:00:01", " 3:04:05", "3:04" (-s).
struct UptimeValue
{
    qint64 seconds = 0;
    bool hasSeconds = true;
};

std::optional<UptimeValue> parseUptimeText(QStringView t)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(?:(\\d{1,9}) days?,\\s+)?(\\d{1,2}):(\\d\\d)(?::(\\d\\d))?\\s*$"));
    const QRegularExpressionMatch m = re.match(t.toString());
    if (!m.hasMatch())
        return std::nullopt;
    UptimeValue v;
    const qint64 days = m.capturedView(1).isEmpty() ? 0 : m.capturedView(1).toLongLong();
    const qint64 hours = m.capturedView(2).toLongLong();
    const qint64 minutes = m.capturedView(3).toLongLong();
    if (hours > 23 || minutes > 59)
        return std::nullopt;
    v.hasSeconds = m.capturedLength(4) > 0;
    const qint64 secs = v.hasSeconds ? m.capturedView(4).toLongLong() : 0;
    if (secs > 59)
        return std::nullopt;
    v.seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
    return v;
}

bool isDecimal(QStringView t)
{
    bool ok = false;
    const double v = t.toDouble(&ok);
    return ok && std::isfinite(v) && v >= 0 && !t.isEmpty() && t[0].isDigit();
}

bool isVcpuState(QStringView t)
{
    return t.size() == 3 && (t[0] == u'r' || t[0] == u'-') && (t[1] == u'b' || t[1] == u'-') &&
           (t[2] == u'p' || t[2] == u'-');
}

QString jsonString(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    return v.isString() ? v.toString() : QString();
}

std::optional<qint64> jsonInteger(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < 0 || d > 9.0e15 || d != std::floor(d))
        return std::nullopt;
    return qint64(d);
}

bool jsonFlag(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    return v.isBool() ? v.toBool() : v.toInt() != 0;
}

// libxl keeps memory in KiB; "-1" and LIBXL_MEMKB_DEFAULT (~0) mean "not set".
std::optional<qint64> memoryMiB(const QJsonObject& o, const char* key)
{
    const auto kib = jsonInteger(o, key);
    if (!kib || *kib >= (qint64(1) << 50))
        return std::nullopt;
    return *kib / 1024;
}

} // namespace

const DomainUptime* UptimeList::byId(qint64 domid) const
{
    for (const DomainUptime& d : domains) {
        if (d.domid == domid)
            return &d;
    }
    return nullptr;
}

QList<const VcpuInfo*> VcpuList::ofDomain(qint64 domid) const
{
    QList<const VcpuInfo*> out;
    for (const VcpuInfo& v : vcpus) {
        if (v.domid == domid)
            out.append(&v);
    }
    return out;
}

const XlDomainDetails* XlDomainDetailsList::byId(qint64 domid) const
{
    for (const XlDomainDetails& d : domains) {
        if (d.domid == domid)
            return &d;
    }
    return nullptr;
}

const XlDomainDetails* XlDomainDetailsList::byName(QStringView name) const
{
    for (const XlDomainDetails& d : domains) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

QString DmesgLog::commandLine() const
{
    for (const DmesgLine& l : lines) {
        if (l.hypervisor && l.text.startsWith(u"Command line:"))
            return l.text.mid(13).trimmed();
    }
    return {};
}

QString DmesgLog::xenVersion() const
{
    for (const DmesgLine& l : lines) {
        if (l.hypervisor && l.text.startsWith(u"Xen version ")) {
            const QList<TextToken> t = splitWhitespace(l.text);
            return t.size() >= 3 ? t[2].text.toString() : QString();
        }
    }
    return {};
}

Result<UptimeList> XlParsers::parseUptime(QByteArrayView output)
{
    const QString what = QStringLiteral("xl uptime");
    UptimeList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<UptimeList>(text, what);

    // " 10:11:12 up 1 day,  3:04, Domain-0 (0)": the name is between the last ", " before
    // " (" and the domid; names with ", " are read from the right.
    static const QRegularExpression shortRow(
        QStringLiteral("^\\s*\\d\\d:\\d\\d:\\d\\d up (.*?\\d{1,2}:\\d\\d), (.*) \\((\\d{1,9})\\)\\s*$"));
    bool header = false;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty())
            continue;
        const QList<TextToken> tokens = splitWhitespace(line);
        if (tokens.size() == 3 && tokens[0].text == u"Name" && tokens[1].text == u"ID" && tokens[2].text == u"Uptime") {
            header = true;
            continue;
        }
        if (detail::atLimit(out.report, out.domains.size(), kMaxRows, lineNo))
            break;
        DomainUptime d;
        d.line = lineNo;
        const QRegularExpressionMatch s = shortRow.match(line.toString());
        if (s.hasMatch()) {
            const auto v = parseUptimeText(s.capturedView(1));
            if (v) {
                d.name = s.captured(2);
                d.domid = s.capturedView(3).toLongLong();
                d.text = s.captured(1);
                d.seconds = v->seconds;
                d.hasSeconds = false;
                out.domains.append(std::move(d));
                continue;
            }
        }
        // "%-33s %4d %s": find the ID as the rightmost whole number followed by an uptime.
        bool found = false;
        for (qsizetype k = tokens.size() - 2; k >= 1 && !found; --k) {
            const auto id = parseUnsigned(tokens[k].text);
            if (!id)
                continue;
            const QStringView rest = line.mid(tokens[k + 1].position);
            const auto v = parseUptimeText(rest);
            if (!v || !v->hasSeconds)
                continue;
            d.name = line.left(tokens[k].position).trimmed().toString();
            d.domid = *id;
            d.text = rest.trimmed().toString();
            d.seconds = v->seconds;
            found = true;
        }
        if (!found) {
            detail::unknownLine(out.report, lineNo, line, what);
            continue;
        }
        out.domains.append(std::move(d));
    }
    if (out.domains.isEmpty()) {
        const QString first = lines.isEmpty() ? QString() : elide(lines.first().trimmed());
        return Result<UptimeList>::failure(header ? tr("xl uptime lists no domain.")
                                                  : tr("This is not an xl uptime table: \"%1\".").arg(first),
                                           QStringLiteral("not-uptime"));
    }
    if (!header && out.domains.first().hasSeconds)
        out.report.addNote(0, tr("The header line (Name ID Uptime) is missing."));
    detail::noteCut(text, out.report);
    return out;
}

Result<VcpuList> XlParsers::parseVcpuList(QByteArrayView output)
{
    const QString what = QStringLiteral("xl vcpu-list");
    VcpuList out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<VcpuList>(text, what);

    bool header = false;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty())
            continue;
        const QList<TextToken> tokens = splitWhitespace(line);
        if (tokens.size() >= 6 && tokens[0].text == u"Name" && tokens[1].text == u"ID" && tokens[2].text == u"VCPU") {
            header = true;
            continue;
        }
        if (detail::atLimit(out.report, out.vcpus.size(), 1 << 20, lineNo))
            break;
        qsizetype k = -1;
        for (qsizetype c = tokens.size() - 2; c >= 4; --c) {
            if (!isVcpuState(tokens[c].text) || !isDecimal(tokens[c + 1].text) || !parseUnsigned(tokens[c - 3].text) ||
                !parseUnsigned(tokens[c - 2].text) ||
                (tokens[c - 1].text != u"-" && !parseUnsigned(tokens[c - 1].text)))
                continue;
            k = c;
            break;
        }
        if (k < 0) {
            detail::unknownLine(out.report, lineNo, line, what);
            continue;
        }
        VcpuInfo v;
        v.line = lineNo;
        v.domainName = line.left(tokens[k - 3].position).trimmed().toString();
        v.domid = *parseUnsigned(tokens[k - 3].text);
        const auto vcpu = parseUnsigned(tokens[k - 2].text);
        const auto cpu = parseUnsigned(tokens[k - 1].text);
        if (*vcpu > INT_MAX || (cpu && *cpu > INT_MAX)) {
            detail::unknownLine(out.report, lineNo, line, what);
            continue;
        }
        v.vcpu = int(*vcpu);
        if (cpu)
            v.cpu = int(*cpu);
        const QStringView state = tokens[k].text;
        v.running = state[0] == u'r';
        v.blocked = state[1] == u'b';
        v.offline = state[2] == u'p';
        v.timeSeconds = tokens[k + 1].text.toDouble();
        if (k + 2 < tokens.size()) {
            const QStringView affinity = line.mid(tokens[k + 2].position).trimmed();
            const qsizetype slash = affinity.indexOf(u" / ");
            if (slash >= 0) {
                v.hardAffinity = affinity.left(slash).trimmed().toString();
                v.softAffinity = affinity.mid(slash + 3).trimmed().toString();
            } else {
                v.hardAffinity = affinity.toString();
            }
        } else {
            out.report.addProblem(
                lineNo, tr("The affinity of vCPU %1 of \"%2\" is missing.").arg(v.vcpu).arg(elide(v.domainName)));
        }
        out.vcpus.append(std::move(v));
    }
    if (out.vcpus.isEmpty()) {
        return Result<VcpuList>::failure(tr("The output of xl vcpu-list lists no vCPU."), QStringLiteral("no-vcpus"));
    }
    if (!header)
        out.report.addNote(0, tr("The header line (Name ID VCPU CPU State ...) is missing."));
    detail::noteCut(text, out.report);
    return out;
}

Result<XlDomainDetailsList> XlParsers::parseListLong(QByteArrayView output)
{
    const QString what = QStringLiteral("xl list -l");
    XlDomainDetailsList out;
    if (output.size() > kMaxJsonBytes) {
        return Result<XlDomainDetailsList>::failure(
            tr("The output of xl list -l is larger than %1 MiB; no real host prints that much.")
                .arg(kMaxJsonBytes / (1024 * 1024)),
            QStringLiteral("too-large"));
    }
    {
        const HostText text(output, out.report);
        if (detail::unusable(text))
            return detail::emptyOrBinary<XlDomainDetailsList>(text, what);
        if (text.text().trimmed().startsWith(u'(')) {
            return Result<XlDomainDetailsList>::failure(
                tr("This is s-expression output (xl list -l with output_format=\"sxp\" or xm list -l), not JSON."),
                QStringLiteral("sxp"));
        }
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(output.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        return Result<XlDomainDetailsList>::failure(
            tr("The output of xl list -l is not valid JSON (at byte %1: %2); it may be cut off.")
                .arg(error.offset)
                .arg(error.errorString()),
            QStringLiteral("invalid-json"));
    }
    QJsonArray items;
    if (doc.isArray())
        items = doc.array();
    else
        items.append(doc.object());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (detail::atLimit(out.report, out.domains.size(), kMaxRows, 0))
            break;
        if (!items[i].isObject()) {
            out.report.addProblem(0, tr("Item %1 of the list is not a domain object.").arg(i + 1));
            continue;
        }
        const QJsonObject item = items[i].toObject();
        XlDomainDetails d;
        const auto domid = jsonInteger(item, "domid");
        if (domid)
            d.domid = *domid;
        d.config = item.value(QLatin1StringView("config")).toObject();
        const QJsonObject cInfo = d.config.value(QLatin1StringView("c_info")).toObject();
        const QJsonObject bInfo = d.config.value(QLatin1StringView("b_info")).toObject();
        d.name = jsonString(cInfo, "name");
        d.uuid = jsonString(cInfo, "uuid");
        d.type = jsonString(cInfo, "type");
        d.maxMemoryMiB = memoryMiB(bInfo, "max_memkb");
        d.targetMemoryMiB = memoryMiB(bInfo, "target_memkb");
        const auto vcpus = jsonInteger(bInfo, "max_vcpus");
        if (vcpus && *vcpus <= INT_MAX)
            d.maxVcpus = int(*vcpus);
        for (const QJsonValue& n : d.config.value(QLatin1StringView("nics")).toArray()) {
            const QJsonObject o = n.toObject();
            XlDomainNic nic;
            const auto devid = jsonInteger(o, "devid");
            nic.devid = devid && *devid <= INT_MAX ? int(*devid) : -1;
            nic.mac = jsonString(o, "mac");
            nic.bridge = jsonString(o, "bridge");
            nic.script = jsonString(o, "script");
            nic.vifname = jsonString(o, "vifname");
            nic.model = jsonString(o, "model");
            d.nics.append(nic);
        }
        for (const QJsonValue& v : d.config.value(QLatin1StringView("disks")).toArray()) {
            const QJsonObject o = v.toObject();
            XlDomainDisk disk;
            disk.vdev = jsonString(o, "vdev");
            disk.target = jsonString(o, "pdev_path");
            disk.format = jsonString(o, "format");
            disk.readOnly = o.contains(QLatin1StringView("readwrite")) && !jsonFlag(o, "readwrite");
            disk.cdrom = jsonFlag(o, "is_cdrom");
            d.disks.append(disk);
        }
        if (!domid || d.name.isEmpty()) {
            out.report.addProblem(0, tr("Domain %1 of the list has no domid or no name.").arg(i + 1));
        }
        out.domains.append(std::move(d));
    }
    if (out.domains.isEmpty() && !out.report.partial && !doc.isArray()) {
        return Result<XlDomainDetailsList>::failure(tr("The JSON holds no domain."), QStringLiteral("no-domains"));
    }
    return out;
}

Result<DmesgLog> XlParsers::parseDmesg(QByteArrayView output)
{
    const QString what = QStringLiteral("xl dmesg");
    DmesgLog out;
    const HostText text(output, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<DmesgLog>(text, what);

    static const QRegularExpression wallClock(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?$"));
    qsizetype recognised = 0;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView raw = lines[i];
        const qsizetype lineNo = i + 1;
        if (raw.trimmed().isEmpty())
            continue;
        if (detail::atLimit(out.report, out.lines.size(), kMaxDmesgLines, lineNo))
            break;
        DmesgLine l;
        l.line = lineNo;
        QStringView rest = raw;
        const QStringView left = raw.trimmed();
        if (left.startsWith(u"(XEN)")) {
            l.hypervisor = true;
            ++recognised;
            rest = left.mid(5);
            if (rest.startsWith(u' '))
                rest = rest.mid(1);
            // A timestamp follows "(XEN) " directly; "(XEN)  [0000..., 0fff] (reserved)"
            // (two spaces) is an address range.
            if (rest.startsWith(u'[')) {
                const qsizetype close = rest.indexOf(u']');
                if (close > 0) {
                    const QStringView inside = rest.mid(1, close - 1);
                    const QStringView trimmed = inside.trimmed();
                    bool matched = false;
                    if (wallClock.match(inside.toString()).hasMatch()) {
                        const QDate date = QDate::fromString(inside.left(10).toString(), Qt::ISODate);
                        QTime time = QTime::fromString(inside.mid(11, 8).toString(), Qt::ISODate);
                        if (date.isValid() && time.isValid()) {
                            // ".123" or ".123456": keep the milliseconds.
                            const QString fraction = (inside.mid(20).toString() + QStringLiteral("000")).left(3);
                            if (inside.size() > 19)
                                time = time.addMSecs(fraction.toInt());
                            l.wallClock = QDateTime(date, time, QTimeZone::utc());
                            matched = true;
                        }
                    } else if (trimmed.size() == 16 && !trimmed.contains(u'.')) {
                        bool ok = false;
                        const quint64 tsc = trimmed.toULongLong(&ok, 16);
                        if (ok) {
                            l.rawTimestamp = tsc;
                            matched = true;
                        }
                    } else if (!trimmed.isEmpty() && trimmed[0].isDigit() && trimmed.contains(u'.') &&
                               isDecimal(trimmed)) {
                        l.uptimeSeconds = trimmed.toDouble();
                        matched = true;
                    }
                    if (matched) {
                        rest = rest.mid(close + 1);
                        if (rest.startsWith(u' '))
                            rest = rest.mid(1);
                    }
                }
            }
            if (rest.size() >= 3 && rest[0] == u'<' && rest[2] == u'>' && (rest[1].isDigit() || rest[1] == u'G')) {
                l.level = rest.mid(1, 1).toString();
                rest = rest.mid(3);
            }
        } else {
            rest = left;
        }
        // Guest console output: "(d1) text".
        if (rest.startsWith(u"(d")) {
            const qsizetype close = rest.indexOf(u')');
            const auto domid = close > 2 ? parseUnsigned(rest.mid(2, close - 2)) : std::nullopt;
            if (domid) {
                l.guestDomid = *domid;
                ++recognised;
                rest = rest.mid(close + 1);
                if (rest.startsWith(u' '))
                    rest = rest.mid(1);
            }
        }
        l.text = (l.hypervisor || l.guestDomid >= 0) ? rest.toString() : raw.toString();
        out.lines.append(std::move(l));
    }
    if (recognised == 0) {
        return Result<DmesgLog>::failure(tr("This is not xl/xm dmesg output: no line starts with \"(XEN)\"."),
                                         QStringLiteral("not-dmesg"));
    }
    detail::noteCut(text, out.report);
    return out;
}

} // namespace xr
