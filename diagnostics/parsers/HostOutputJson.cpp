#include "HostOutputJson.h"

#include "ToolstackRestart.h"

#include "DomainList.h"
#include "HostText.h"
#include "MemorySettings.h"
#include "NetworkParsers.h"
#include "XeError.h"
#include "XeMinimal.h"
#include "XeRecords.h"
#include "XenInfo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace xr {

namespace {

using App = QCoreApplication;

struct KindName
{
    HostOutputKind kind;
    const char16_t* name;
};

const KindName kKinds[] = {
    {HostOutputKind::Xe, u"xe"},
    {HostOutputKind::XeMinimal, u"xe-minimal"},
    {HostOutputKind::XeError, u"xe-error"},
    {HostOutputKind::ListDomains, u"list_domains"},
    {HostOutputKind::XlList, u"xl-list"},
    {HostOutputKind::XmList, u"xm-list"},
    {HostOutputKind::XlInfo, u"xl-info"},
    {HostOutputKind::XmInfo, u"xm-info"},
    {HostOutputKind::Brctl, u"brctl"},
    {HostOutputKind::OvsVsctl, u"ovs-vsctl"},
    {HostOutputKind::IpLink, u"ip-link"},
    {HostOutputKind::Dom0Mem, u"dom0-mem"},
    {HostOutputKind::XendConfig, u"xend-config"},
    {HostOutputKind::XlConf, u"xl-conf"},
    {HostOutputKind::ToolstackRestart, u"toolstack-restart"},
};

QJsonValue optionalInt(const std::optional<qint64>& v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInt(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalBool(const std::optional<bool>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

QJsonObject keyValues(const QList<KeyValue>& list)
{
    QJsonObject o;
    for (const KeyValue& kv : list)
        o[kv.key] = kv.value;
    return o;
}

void addReport(QJsonObject& o, const ParseReport& report)
{
    o[u"partial"] = report.partial;
    if (report.invalidUtf8)
        o[u"invalidUtf8"] = true;
    if (!report.issues.isEmpty()) {
        QJsonArray issues;
        for (const ParseIssue& i : report.issues) {
            QJsonObject io;
            io[u"line"] = double(i.line);
            io[u"message"] = i.message;
            issues.append(io);
        }
        o[u"issues"] = issues;
        if (report.omittedIssues > 0)
            o[u"omittedIssues"] = double(report.omittedIssues);
    }
}

QJsonValue backendJson(const std::optional<XenBackendName>& b)
{
    if (!b)
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o[u"kind"] = b->kind == XenBackendName::Kind::Vif   ? QStringLiteral("vif")
                 : b->kind == XenBackendName::Kind::Tap ? QStringLiteral("tap")
                                                        : QStringLiteral("vif-emu");
    o[u"domid"] = b->domid;
    o[u"devid"] = b->devid;
    return o;
}

QJsonObject xeRecords(const XeRecordList& list)
{
    QJsonArray records;
    for (const XeRecord& r : list.records) {
        QJsonObject ro;
        for (const XeField& f : r.fields) {
            if (ro.contains(f.name))
                continue; // the first wins; the record is flagged ambiguous by the parser
            if (f.isPlaceholder())
                ro[f.name] = QJsonValue(QJsonValue::Null);
            else if (f.isMap()) {
                QJsonObject m;
                for (const XeMapEntry& e : XeRecords::parseMap(f.value).entries)
                    m[e.key] = e.value;
                ro[f.name] = m;
            } else if (f.isSet()) {
                ro[f.name] = toArray(XeRecords::parseSet(f.value));
            } else {
                ro[f.name] = f.value;
            }
        }
        records.append(ro);
    }
    QJsonObject o;
    o[u"records"] = records;
    addReport(o, list.report);
    return o;
}

QJsonObject domains(const DomainList& list)
{
    QJsonArray arr;
    for (const Domain& d : list.domains) {
        QJsonObject o;
        o[u"id"] = d.id >= 0 ? QJsonValue(double(d.id)) : QJsonValue(QJsonValue::Null);
        o[u"name"] = d.name.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.name);
        o[u"uuid"] = d.uuid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.uuid);
        o[u"state"] = d.state.toXlString();
        o[u"dying"] = d.state.dying || d.hasNullName();
        if (d.state.hvm)
            o[u"hvm"] = *d.state.hvm;
        o[u"memoryMiB"] = optionalInt(d.memoryMiB);
        o[u"vcpus"] = optionalInt(d.vcpus);
        arr.append(o);
    }
    QJsonObject o;
    o[u"domains"] = arr;
    addReport(o, list.report);
    return o;
}

QJsonObject xenInfo(const XenInfo& info)
{
    QJsonObject values;
    for (const XenInfoEntry& e : info.entries) {
        if (!values.contains(e.key))
            values[e.key] = e.value;
    }
    QJsonObject o;
    o[u"values"] = values;
    o[u"totalMemoryMiB"] = optionalInt(info.totalMemoryMiB());
    o[u"freeMemoryMiB"] = optionalInt(info.freeMemoryMiB());
    addReport(o, info.report);
    return o;
}

QJsonObject bridges(const BridgeList& list)
{
    QJsonArray arr;
    for (const Bridge& b : list.bridges) {
        QJsonObject bo;
        bo[u"name"] = b.name;
        bo[u"kind"] = b.kind == Bridge::Kind::Linux ? QStringLiteral("linux") : QStringLiteral("openvswitch");
        if (!b.bridgeId.isEmpty())
            bo[u"bridgeId"] = b.bridgeId;
        if (b.stpEnabled)
            bo[u"stpEnabled"] = *b.stpEnabled;
        if (!b.failMode.isEmpty())
            bo[u"failMode"] = b.failMode;
        if (!b.properties.isEmpty())
            bo[u"properties"] = keyValues(b.properties);
        QJsonArray ports;
        for (const BridgePort& p : b.ports) {
            QJsonObject po;
            po[u"name"] = p.name;
            if (p.vlanTag)
                po[u"vlanTag"] = *p.vlanTag;
            if (!p.trunks.isEmpty()) {
                QJsonArray t;
                for (int x : p.trunks)
                    t.append(x);
                po[u"trunks"] = t;
            }
            QJsonArray ifaces;
            for (const BridgeInterface& i : p.interfaces) {
                QJsonObject io;
                io[u"name"] = i.name;
                if (!i.type.isEmpty())
                    io[u"type"] = i.type;
                if (!i.options.isEmpty())
                    io[u"options"] = keyValues(i.options);
                if (!i.error.isEmpty())
                    io[u"error"] = i.error;
                io[u"backend"] = backendJson(i.backend);
                ifaces.append(io);
            }
            po[u"interfaces"] = ifaces;
            ports.append(po);
        }
        bo[u"ports"] = ports;
        bo[u"interfaces"] = toArray(b.interfaceNames());
        arr.append(bo);
    }
    QJsonObject o;
    o[u"bridges"] = arr;
    if (!list.ovsVersion.isEmpty())
        o[u"ovsVersion"] = list.ovsVersion;
    addReport(o, list.report);
    return o;
}

QJsonObject interfaces(const NetInterfaceList& list)
{
    QJsonArray arr;
    for (const NetInterface& i : list.interfaces) {
        QJsonObject io;
        io[u"index"] = i.index >= 0 ? QJsonValue(double(i.index)) : QJsonValue(QJsonValue::Null);
        io[u"name"] = i.name;
        if (!i.parent.isEmpty())
            io[u"parent"] = i.parent;
        io[u"flags"] = toArray(i.flags);
        io[u"mtu"] = optionalInt(i.mtu);
        io[u"master"] = i.master.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(i.master);
        io[u"state"] = i.state;
        io[u"linkType"] = i.linkType;
        io[u"mac"] = i.mac;
        QJsonArray addrs;
        for (const NetAddress& a : i.addresses) {
            QJsonObject ao;
            ao[u"family"] = a.family;
            ao[u"address"] = a.address;
            addrs.append(ao);
        }
        io[u"addresses"] = addrs;
        io[u"backend"] = backendJson(i.backend);
        arr.append(io);
    }
    QJsonObject o;
    o[u"interfaces"] = arr;
    addReport(o, list.report);
    return o;
}

QJsonValue amountJson(const std::optional<Dom0MemAmount>& a)
{
    if (!a)
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o[u"mib"] = optionalInt(a->mib());
    if (a->percent)
        o[u"percent"] = a->percent;
    if (a->allBut)
        o[u"allBut"] = true;
    o[u"text"] = a->text;
    return o;
}

QJsonValue dom0MemJson(const std::optional<Dom0Mem>& m)
{
    if (!m)
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o[u"text"] = m->text;
    o[u"initialMiB"] = optionalInt(m->initialMiB());
    o[u"minMiB"] = optionalInt(m->minMiB());
    o[u"maxMiB"] = optionalInt(m->maxMiB());
    o[u"pinned"] = m->isPinned();
    o[u"initial"] = amountJson(m->initial);
    o[u"min"] = amountJson(m->min);
    o[u"max"] = amountJson(m->max);
    return o;
}

QString sourceName(XenCommandLine::Source s)
{
    switch (s) {
    case XenCommandLine::Source::XenCmdline:
        return QStringLiteral("xen-cmdline");
    case XenCommandLine::Source::Grub2:
        return QStringLiteral("grub2");
    case XenCommandLine::Source::GrubLegacy:
        return QStringLiteral("grub-legacy");
    case XenCommandLine::Source::Extlinux:
        return QStringLiteral("extlinux");
    case XenCommandLine::Source::DefaultGrub:
        return QStringLiteral("default-grub");
    case XenCommandLine::Source::XlInfo:
        return QStringLiteral("xl-info");
    case XenCommandLine::Source::Dmesg:
        return QStringLiteral("dmesg");
    }
    return {};
}

QJsonObject bootConfig(const XenBootConfig& c)
{
    QJsonArray lines;
    for (const XenCommandLine& l : c.commandLines) {
        QJsonObject lo;
        lo[u"source"] = sourceName(l.source);
        lo[u"line"] = double(l.line);
        lo[u"arguments"] = l.arguments;
        if (!l.entryTitle.isEmpty())
            lo[u"entryTitle"] = l.entryTitle;
        lo[u"dom0Mem"] = dom0MemJson(l.dom0Mem);
        lines.append(lo);
    }
    QJsonObject o;
    o[u"commandLines"] = lines;
    o[u"dom0Mem"] = dom0MemJson(c.dom0Mem());
    addReport(o, c.report);
    return o;
}

QJsonObject xendConfig(const XendConfig& c)
{
    QJsonObject entries;
    for (const XendConfigEntry& e : c.entries) {
        if (!entries.contains(e.key))
            entries[e.key] = e.value;
    }
    QJsonObject o;
    o[u"entries"] = entries;
    o[u"dom0MinMemMiB"] = optionalInt(c.dom0MinMemMiB);
    o[u"enableDom0Ballooning"] = optionalBool(c.enableDom0Ballooning);
    o[u"totalAvailableMemoryGiB"] = optionalInt(c.totalAvailableMemoryGiB);
    o[u"dom0Cpus"] = optionalInt(c.dom0Cpus);
    addReport(o, c.report);
    return o;
}

QJsonObject toolstackRestart(const ToolstackRestart& t)
{
    QJsonArray steps;
    for (const ToolstackStep& s : t.steps) {
        QJsonObject o;
        o[u"action"] = s.action == ToolstackStep::Action::Stop ? QStringLiteral("stop") : QStringLiteral("start");
        o[u"service"] = s.service;
        o[u"status"] = s.status == ToolstackStep::Status::Ok       ? QStringLiteral("ok")
                       : s.status == ToolstackStep::Status::Failed ? QStringLiteral("failed")
                                                                   : QStringLiteral("unknown");
        if (!s.detail.isEmpty())
            o[u"detail"] = s.detail;
        steps.append(o);
    }
    QJsonObject o;
    o[u"steps"] = steps;
    o[u"done"] = t.done;
    o[u"succeeded"] = t.succeeded();
    o[u"xapiStarted"] = t.xapiStarted();
    addReport(o, t.report);
    return o;
}

QJsonObject xlConf(const XlConf& c)
{
    QJsonObject entries;
    for (const XlConfEntry& e : c.entries) {
        if (!e.isValid())
            continue;
        // The last valid assignment is the one xl uses.
        entries[e.key] = e.type == XlConfEntry::Type::List ? QJsonValue(toArray(e.items)) : QJsonValue(e.value);
    }
    QJsonObject o;
    o[u"entries"] = entries;
    switch (c.autoballoon()) {
    case Autoballoon::Auto:
        o[u"autoballoon"] = QStringLiteral("auto");
        break;
    case Autoballoon::On:
        o[u"autoballoon"] = QStringLiteral("on");
        break;
    case Autoballoon::Off:
        o[u"autoballoon"] = QStringLiteral("off");
        break;
    }
    addReport(o, c.report);
    return o;
}

QJsonObject xeError(const XeError& e)
{
    QJsonObject o;
    o[u"code"] = e.code;
    QJsonArray params;
    for (const XeErrorParam& p : e.params) {
        QJsonObject po;
        po[u"name"] = p.name;
        po[u"value"] = p.value;
        params.append(po);
    }
    o[u"params"] = params;
    o[u"message"] = e.message;
    o[u"transportFailure"] = e.isTransportFailure();
    addReport(o, e.report);
    return o;
}

template <typename T, typename F>
Result<QJsonObject> convert(const Result<T>& r, F&& f)
{
    if (!r.ok())
        return Result<QJsonObject>(r.error());
    return f(r.value());
}

} // namespace

QString HostOutputJson::kindName(HostOutputKind kind)
{
    for (const KindName& k : kKinds) {
        if (k.kind == kind)
            return QString::fromUtf16(k.name);
    }
    return {};
}

std::optional<HostOutputKind> HostOutputJson::kindFromName(QStringView name)
{
    for (const KindName& k : kKinds) {
        if (name == QStringView(k.name))
            return k.kind;
    }
    // Spellings admins type: the command names themselves.
    if (name == u"xl-list-domains" || name == u"list-domains")
        return HostOutputKind::ListDomains;
    return std::nullopt;
}

QStringList HostOutputJson::kindNames()
{
    QStringList out;
    for (const KindName& k : kKinds)
        out.append(QString::fromUtf16(k.name));
    return out;
}

std::optional<HostOutputKind> HostOutputJson::detect(QByteArrayView output)
{
    ParseReport scratch;
    const HostText text(output, scratch);
    if (text.isBlank() || text.isMostlyBinary())
        return std::nullopt;
    static const QRegularExpression xeField(
        QStringLiteral(R"(^\s*[\w.-]+ \((?: RO| RW|MRO|MRW|SRO|SRW)\)(?: \[DEPRECATED\])?\s*:)"));
    static const QRegularExpression ipLine(QStringLiteral(R"(^\d+: [^:\s]+(?:@\S+)?: <)"));
    static const QRegularExpression infoLine(QStringLiteral(R"(^\s*[a-z_]+\s+:( |$))"));
    static const QRegularExpression confLine(QStringLiteral(R"(^\s*[A-Za-z_][\w.]*\s*\+?=\s*\S)"));
    static const QRegularExpression plainXeField(QStringLiteral(R"(^\s*uuid\s*:\s*[0-9a-fA-F-]{36}\s*$)"));

    QList<QStringView> lines;
    for (const QStringView l : text.lines()) {
        const QStringView t = l.trimmed();
        if (!t.isEmpty() && !t.startsWith(u'#'))
            lines.append(l);
    }
    if (lines.isEmpty())
        return HostOutputKind::XlConf; // comments only: a config file with nothing set
    const QStringView first = lines.first().trimmed();

    for (const QStringView l : lines) {
        const QString s = l.toString();
        if (xeField.match(s).hasMatch())
            return HostOutputKind::Xe;
    }
    if (first.startsWith(u"(domain"))
        return HostOutputKind::XmList;
    if ((first.startsWith(u'(') && !first.startsWith(u"(XEN)")) || text.text().contains(u"(xend-"))
        return HostOutputKind::XendConfig;
    if (first.startsWith(u"bridge name"))
        return HostOutputKind::Brctl;
    if (first.startsWith(u"Executing xe-toolstack-restart") ||
        ((first.startsWith(u"Stopping ") || first.startsWith(u"Starting ")) && first.contains(u':')))
        return HostOutputKind::ToolstackRestart;
    for (const QStringView l : lines) {
        const QStringView t = l.trimmed();
        if (t.startsWith(u"Bridge ") || t.startsWith(u"ovs_version:") || t.startsWith(u"Port "))
            return HostOutputKind::OvsVsctl;
    }
    if (ipLine.match(first.toString()).hasMatch())
        return HostOutputKind::IpLink;
    if (first.contains(u" | ") || (first.startsWith(u"id ") && first.contains(u'|')))
        return HostOutputKind::ListDomains;
    if (first.startsWith(u"Name ") && first.contains(u"ID")) {
        if (first.contains(u"Mem(MiB)") || first.contains(u"Label"))
            return HostOutputKind::XmList;
        return HostOutputKind::XlList;
    }
    int infoLines = 0;
    for (const QStringView l : lines) {
        if (infoLine.match(l.toString()).hasMatch())
            ++infoLines;
    }
    if (infoLines * 2 > lines.size()) {
        for (const QStringView l : lines) {
            if (l.trimmed().startsWith(u"xend_config_format") && !text.text().contains(u"xen_commandline"))
                return HostOutputKind::XmInfo;
        }
        return HostOutputKind::XlInfo;
    }
    if (text.text().contains(u"dom0_mem=") || text.text().contains(u"xen.gz") || text.text().contains(u"multiboot"))
        return HostOutputKind::Dom0Mem;
    bool singleWords = true;
    bool anyUuid = false;
    for (const QStringView l : lines) {
        const QStringView t = l.trimmed();
        if (splitWhitespace(t).size() != 1 || t.contains(u':') || t.contains(u'=') || t.contains(u','))
            singleWords = false;
        if (XeMinimal::isUuid(t))
            anyUuid = true;
    }
    if (singleWords && !anyUuid)
        return HostOutputKind::OvsVsctl; // ovs-vsctl list-br: one bridge name per line
    if (lines.size() == 1) {
        bool allUuids = true;
        for (const QStringView v : first.split(u',')) {
            if (!XeMinimal::isUuid(v.trimmed()))
                allUuids = false;
        }
        if (allUuids)
            return HostOutputKind::XeMinimal;
    }
    for (const QStringView l : lines) {
        if (plainXeField.match(l.toString()).hasMatch())
            return HostOutputKind::Xe;
    }
    {
        const Result<XeError> e = XeError::parse(output);
        // Error output is a few lines; a log full of "Error:" lines is not one error.
        if (e.ok() && e->kind != XeErrorKind::Unrecognised && lines.size() <= 20)
            return HostOutputKind::XeError;
    }
    int confLines = 0;
    for (const QStringView l : lines) {
        if (confLine.match(l.toString()).hasMatch())
            ++confLines;
    }
    if (confLines * 2 > lines.size())
        return HostOutputKind::XlConf;
    return std::nullopt;
}

Result<QJsonObject> HostOutputJson::read(HostOutputKind kind, QByteArrayView output)
{
    {
        ParseReport scratch;
        const HostText text(output, scratch);
        if (text.isBlank())
            return Result<QJsonObject>::failure(App::translate("RecoveryLadder", "The input is empty."),
                                                QStringLiteral("empty"));
        if (text.isMostlyBinary())
            return Result<QJsonObject>::failure(
                App::translate("RecoveryLadder", "The input is binary data, not command output."),
                QStringLiteral("binary"));
    }
    Result<QJsonObject> r = Result<QJsonObject>::failure(QString());
    switch (kind) {
    case HostOutputKind::Xe:
        r = convert(XeRecords::parse(output), xeRecords);
        break;
    case HostOutputKind::XeMinimal:
        r = convert(XeMinimal::parse(output), [](const XeMinimalList& l) {
            QJsonObject o;
            o[u"values"] = toArray(l.values);
            addReport(o, l.report);
            return o;
        });
        break;
    case HostOutputKind::XeError:
        r = convert(XeError::parse(output), xeError);
        break;
    case HostOutputKind::ListDomains:
        r = convert(DomainListParser::parseListDomains(output), domains);
        break;
    case HostOutputKind::XlList:
        r = convert(DomainListParser::parseXlList(output), domains);
        break;
    case HostOutputKind::XmList: {
        // `xm list` and `xm list --long` both answer to xm-list.
        ParseReport scratch;
        const HostText text(output, scratch);
        const bool sexp = text.text().trimmed().startsWith(u'(');
        r = convert(sexp ? DomainListParser::parseXmListLong(output) : DomainListParser::parseXmList(output), domains);
        break;
    }
    case HostOutputKind::XlInfo:
    case HostOutputKind::XmInfo:
        r = convert(XenInfo::parse(output), xenInfo);
        break;
    case HostOutputKind::Brctl:
        r = convert(NetworkParsers::parseBrctlShow(output), bridges);
        break;
    case HostOutputKind::OvsVsctl: {
        ParseReport scratch;
        const HostText text(output, scratch);
        bool show = false;
        for (const QStringView l : text.lines()) {
            const QStringView t = l.trimmed();
            if (t.startsWith(u"Bridge ") || t.startsWith(u"Port ") || t.startsWith(u"ovs_version") ||
                t.startsWith(u"Manager ") || XeMinimal::isUuid(t))
                show = true;
        }
        r = convert(show ? NetworkParsers::parseOvsVsctlShow(output) : NetworkParsers::parseOvsListBridges(output),
                    bridges);
        break;
    }
    case HostOutputKind::IpLink:
        r = convert(NetworkParsers::parseIpLink(output), interfaces);
        break;
    case HostOutputKind::Dom0Mem:
        r = convert(MemorySettings::parseBootConfig(output), bootConfig);
        break;
    case HostOutputKind::XendConfig:
        r = convert(MemorySettings::parseXendConfig(output), xendConfig);
        break;
    case HostOutputKind::XlConf:
        r = convert(MemorySettings::parseXlConf(output), xlConf);
        break;
    case HostOutputKind::ToolstackRestart:
        r = convert(ToolstackRestart::parse(output), toolstackRestart);
        break;
    }
    if (!r.ok())
        return r;
    QJsonObject o = r.value();
    o[u"kind"] = kindName(kind);
    return o;
}

} // namespace xr
