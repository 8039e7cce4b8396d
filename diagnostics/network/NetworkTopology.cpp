#include "NetworkTopology.h"

#include "DomainList.h"
#include "HostText.h"
#include "NetworkParsers.h"
#include "XeRecords.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace xr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::NetworkTopology", text);
}

struct XeVif
{
    QString vmUuid;
    int device = -1;
    QString mac;
};

struct XeVm
{
    QString uuid;
    QString name;
    int domid = -1;
};

bool isTunnelType(const QString& type)
{
    return type == u"patch" || type == u"vxlan" || type == u"gre" || type == u"geneve" || type == u"stt";
}

QString dotEscape(const QString& s)
{
    QString out;
    for (QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c == u'\n' || c == u'\r') {
            out += QStringLiteral("\\n");
            continue;
        }
        if (!c.isPrint() && c != u' ') {
            out += u'?';
            continue;
        }
        out += c;
    }
    return out;
}

QString vmNodeId(const QString& uuid, int domid)
{
    return uuid.isEmpty() ? QStringLiteral("vm:dom%1").arg(domid) : QStringLiteral("vm:") + uuid;
}

// Unquotes one 'text' or "text" starting at text[i]; advances i past it.
QString readQuoted(const QString& text, qsizetype& i)
{
    const QChar q = text[i];
    const qsizetype close = text.indexOf(q, i + 1);
    if (close < 0) {
        const QString rest = text.mid(i + 1);
        i = text.size();
        return rest;
    }
    const QString out = text.mid(i + 1, close - i - 1);
    i = close + 1;
    return out;
}

} // namespace

QString TopologyNode::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Nic:
        return QStringLiteral("nic");
    case Kind::Bridge:
        return QStringLiteral("bridge");
    case Kind::Vif:
        return QStringLiteral("vif");
    case Kind::Vm:
        return QStringLiteral("vm");
    }
    return {};
}

QString NetworkFinding::checkKey(Check check)
{
    switch (check) {
    case Check::NoUplink:
        return QStringLiteral("no-uplink");
    case Check::BridgeNfOff:
        return QStringLiteral("bridge-nf-off");
    case Check::LongVifName:
        return QStringLiteral("long-vif-name");
    case Check::NoFixedMac:
        return QStringLiteral("no-fixed-mac");
    case Check::EmptyBridge:
        return QStringLiteral("empty-bridge");
    }
    return {};
}

std::optional<GuestNetConfig> GuestNetConfig::parse(const QString& file, QByteArrayView text)
{
    const QString s = QString::fromUtf8(text.data(), text.size());
    GuestNetConfig cfg;
    cfg.file = file;
    bool any = false;
    static const QRegularExpression nameRe(QStringLiteral(R"(^\s*name\s*=\s*(['"])(.*?)\1)"),
                                           QRegularExpression::MultilineOption);
    if (const auto m = nameRe.match(s); m.hasMatch()) {
        cfg.name = m.captured(2);
        any = true;
    }
    static const QRegularExpression vifRe(QStringLiteral(R"(^\s*vif\s*=\s*\[)"), QRegularExpression::MultilineOption);
    const auto m = vifRe.match(s);
    if (m.hasMatch()) {
        any = true;
        qsizetype i = m.capturedEnd();
        while (i < s.size() && s[i] != u']') {
            const QChar c = s[i];
            if (c == u'#') { // a comment inside the list runs to the end of the line
                const qsizetype nl = s.indexOf(u'\n', i);
                i = nl < 0 ? s.size() : nl + 1;
                continue;
            }
            if (c != u'\'' && c != u'"') {
                ++i;
                continue;
            }
            GuestVifConfig vif;
            vif.raw = readQuoted(s, i);
            for (const QString& part : vif.raw.split(u',', Qt::SkipEmptyParts)) {
                const qsizetype eq = part.indexOf(u'=');
                if (eq < 0)
                    continue;
                const QString key = part.left(eq).trimmed();
                const QString value = part.mid(eq + 1).trimmed();
                if (key == u"mac")
                    vif.mac = value;
                else if (key == u"bridge")
                    vif.bridge = value;
                else if (key == u"vifname")
                    vif.vifname = value;
            }
            cfg.vifs.append(vif);
        }
    }
    if (!any)
        return std::nullopt;
    return cfg;
}

const TopologyNode* NetworkTopology::node(const QString& id) const
{
    for (const TopologyNode& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

QList<const TopologyNode*> NetworkTopology::nodesOfKind(TopologyNode::Kind kind) const
{
    QList<const TopologyNode*> out;
    for (const TopologyNode& n : nodes)
        if (n.kind == kind)
            out.append(&n);
    return out;
}

QStringList NetworkTopology::pathOfVm(const QString& vmKey) const
{
    QStringList out;
    if (vmKey.isEmpty())
        return out;
    QString vmId;
    for (const TopologyNode& n : nodes) {
        if (n.kind != TopologyNode::Kind::Vm)
            continue;
        if (n.vmUuid == vmKey || n.name == vmKey || QStringLiteral("dom%1").arg(n.domid) == vmKey || n.id == vmKey) {
            vmId = n.id;
            break;
        }
    }
    if (vmId.isEmpty())
        return out;
    out << vmId;
    // Walk the edges backwards: VM <- vifs <- bridges <- NICs.
    QStringList frontier{vmId};
    while (!frontier.isEmpty()) {
        QStringList next;
        for (const TopologyEdge& e : edges)
            if (frontier.contains(e.to) && !out.contains(e.from)) {
                out << e.from;
                next << e.from;
            }
        frontier = next;
    }
    return out;
}

QList<int> NetworkTopology::findingNumbersOf(const QString& nodeId) const
{
    QList<int> out;
    for (qsizetype i = 0; i < findings.size(); ++i)
        if (findings[i].nodeIds.contains(nodeId))
            out << int(i + 1);
    return out;
}

QJsonObject NetworkTopology::toJson() const
{
    QJsonArray ns;
    for (const TopologyNode& n : nodes) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), n.id);
        o.insert(QStringLiteral("kind"), TopologyNode::kindKey(n.kind));
        o.insert(QStringLiteral("name"), n.name);
        if (!n.mac.isEmpty())
            o.insert(QStringLiteral("mac"), n.mac);
        if (n.mtu)
            o.insert(QStringLiteral("mtu"), *n.mtu);
        if (n.vlan)
            o.insert(QStringLiteral("vlan"), *n.vlan);
        if (!n.state.isEmpty())
            o.insert(QStringLiteral("state"), n.state);
        if (!n.bridgeType.isEmpty())
            o.insert(QStringLiteral("bridgeType"), n.bridgeType);
        if (!n.network.isEmpty())
            o.insert(QStringLiteral("network"), n.network);
        if (!n.vmUuid.isEmpty())
            o.insert(QStringLiteral("vmUuid"), n.vmUuid);
        if (n.domid >= 0)
            o.insert(QStringLiteral("domid"), n.domid);
        if (n.kind == TopologyNode::Kind::Vif) {
            o.insert(QStringLiteral("devid"), n.devid);
            o.insert(QStringLiteral("emulated"), n.emulated);
        }
        const QList<int> f = findingNumbersOf(n.id);
        if (!f.isEmpty()) {
            QJsonArray a;
            for (int x : f)
                a.append(x);
            o.insert(QStringLiteral("findings"), a);
        }
        ns.append(o);
    }
    QJsonArray es;
    for (const TopologyEdge& e : edges) {
        QJsonObject o;
        o.insert(QStringLiteral("from"), e.from);
        o.insert(QStringLiteral("to"), e.to);
        if (e.vlan)
            o.insert(QStringLiteral("vlan"), *e.vlan);
        es.append(o);
    }
    QJsonArray fs;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const NetworkFinding& f = findings[i];
        QJsonObject o;
        o.insert(QStringLiteral("number"), int(i + 1));
        o.insert(QStringLiteral("check"), NetworkFinding::checkKey(f.check));
        o.insert(QStringLiteral("title"), f.title);
        o.insert(QStringLiteral("detail"), f.detail);
        o.insert(QStringLiteral("nodes"), QJsonArray::fromStringList(f.nodeIds));
        fs.append(o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("nodes"), ns);
    root.insert(QStringLiteral("edges"), es);
    root.insert(QStringLiteral("findings"), fs);
    root.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return root;
}

QString NetworkTopology::toDot() const
{
    QString s = QStringLiteral("digraph network {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
    for (const TopologyNode& n : nodes) {
        QStringList label{n.name};
        if (!n.network.isEmpty())
            label << n.network;
        if (!n.mac.isEmpty())
            label << n.mac;
        QStringList extra;
        if (n.vlan)
            extra << QStringLiteral("VLAN %1").arg(*n.vlan);
        if (n.mtu)
            extra << QStringLiteral("MTU %1").arg(*n.mtu);
        if (!n.state.isEmpty())
            extra << n.state;
        if (!extra.isEmpty())
            label << extra.join(QStringLiteral(", "));
        const QList<int> f = findingNumbersOf(n.id);
        QStringList marks;
        for (int x : f)
            marks << QStringLiteral("[%1]").arg(x);
        if (!marks.isEmpty())
            label << marks.join(u' ');
        QString shape;
        switch (n.kind) {
        case TopologyNode::Kind::Nic:
            shape = QStringLiteral("box3d");
            break;
        case TopologyNode::Kind::Bridge:
            shape = QStringLiteral("box");
            break;
        case TopologyNode::Kind::Vif:
            shape = QStringLiteral("ellipse");
            break;
        case TopologyNode::Kind::Vm:
            shape = QStringLiteral("component");
            break;
        }
        s += QStringLiteral("  \"%1\" [shape=%2, label=\"%3\"%4];\n")
                 .arg(dotEscape(n.id), shape, dotEscape(label.join(u'\n')),
                      f.isEmpty() ? QString() : QStringLiteral(", color=red"));
    }
    for (const TopologyEdge& e : edges) {
        s += QStringLiteral("  \"%1\" -> \"%2\"").arg(dotEscape(e.from), dotEscape(e.to));
        if (e.vlan)
            s += QStringLiteral(" [label=\"VLAN %1\"]").arg(*e.vlan);
        s += QStringLiteral(";\n");
    }
    s += QStringLiteral("}\n");
    return s;
}

NetworkTopology NetworkTopology::build(const NetworkInputs& in)
{
    NetworkTopology t;
    auto note = [&t](const QString& what, const Error& e) {
        t.notes << tr("%1 could not be read: %2").arg(what, e.message);
    };
    auto partial = [&t](const QString& what, const ParseReport& r) {
        if (r.partial)
            t.notes << tr("%1 was read only in part; the drawing may miss something.").arg(what);
    };

    // Interfaces (MAC, MTU, state, master).
    NetInterfaceList ifs;
    if (in.ipLink) {
        Result<NetInterfaceList> r = NetworkParsers::parseIpLink(*in.ipLink);
        if (r) {
            ifs = r.value();
            partial(QStringLiteral("ip link"), ifs.report);
        } else {
            note(QStringLiteral("ip link"), r.error());
        }
    }

    // Bridges: Open vSwitch first (xapi's default), then Linux bridges.
    QList<Bridge> bridges;
    QSet<QString> bridgeNames;
    if (in.ovsVsctlShow && !in.ovsVsctlShow->trimmed().isEmpty()) {
        Result<BridgeList> r = NetworkParsers::parseOvsVsctlShow(*in.ovsVsctlShow);
        if (r) {
            partial(QStringLiteral("ovs-vsctl show"), r->report);
            for (const Bridge& b : r->bridges)
                if (!bridgeNames.contains(b.name)) {
                    bridges << b;
                    bridgeNames.insert(b.name);
                }
        } else {
            note(QStringLiteral("ovs-vsctl show"), r.error());
        }
    }
    if (in.brctlShow && !in.brctlShow->trimmed().isEmpty()) {
        Result<BridgeList> r = NetworkParsers::parseBrctlShow(*in.brctlShow);
        if (r) {
            partial(QStringLiteral("brctl show"), r->report);
            for (const Bridge& b : r->bridges)
                if (!bridgeNames.contains(b.name)) {
                    bridges << b;
                    bridgeNames.insert(b.name);
                }
        } else if (r.error().code != u"empty") {
            note(QStringLiteral("brctl show"), r.error());
        }
    }
    if (bridges.isEmpty() && !in.brctlShow && !in.ovsVsctlShow)
        t.notes << tr("Neither brctl nor ovs-vsctl answered: no bridge can be drawn.");

    // xapi's view: networks by bridge, this host's PIFs by device, VIFs and VMs.
    QHash<QString, XeRecord> networkByBridge;
    QHash<QString, QString> bridgeOfNetwork;
    QHash<QString, XeRecord> pifByDevice;
    QList<XeVif> xeVifs;
    QHash<int, XeVm> vmByDomid;
    auto readXe = [&](const std::optional<QByteArray>& text, const QString& what) -> QList<XeRecord> {
        if (!text)
            return {};
        Result<XeRecordList> r = XeRecords::parse(*text);
        if (!r) {
            note(what, r.error());
            return {};
        }
        partial(what, r->report);
        QList<XeRecord> out;
        for (const XeRecord& rec : r->records)
            if (!rec.isBroken())
                out << rec;
        return out;
    };
    for (const XeRecord& n : readXe(in.xeNetworks, QStringLiteral("xe network-list"))) {
        networkByBridge.insert(n.value(u"bridge"), n);
        bridgeOfNetwork.insert(n.value(u"uuid"), n.value(u"bridge"));
    }
    for (const XeRecord& p : readXe(in.xePifs, QStringLiteral("xe pif-list"))) {
        if (!in.hostUuid.isEmpty() && p.contains(u"host-uuid") && p.value(u"host-uuid") != in.hostUuid)
            continue;
        pifByDevice.insert(p.value(u"device"), p);
    }
    for (const XeRecord& v : readXe(in.xeVifs, QStringLiteral("xe vif-list"))) {
        XeVif x;
        x.vmUuid = v.value(u"vm-uuid");
        x.device = int(v.integer(u"device").value_or(-1));
        x.mac = v.value(u"MAC");
        xeVifs << x;
    }
    for (const XeRecord& v : readXe(in.xeVms, QStringLiteral("xe vm-list"))) {
        const std::optional<qint64> domid = v.integer(u"dom-id");
        if (!domid || *domid < 0)
            continue;
        if (!in.hostUuid.isEmpty() && v.contains(u"resident-on") && v.value(u"resident-on") != in.hostUuid)
            continue;
        vmByDomid.insert(int(*domid), XeVm{v.value(u"uuid"), v.value(u"name-label"), int(*domid)});
    }
    QHash<int, QString> domainNames;
    QHash<QString, int> domidByName;
    if (in.domainList) {
        Result<DomainList> r = DomainListParser::parse(*in.domainList);
        if (r) {
            for (const Domain& d : r->domains) {
                domainNames.insert(int(d.id), d.name);
                domidByName.insert(d.name, int(d.id));
                if (!vmByDomid.contains(int(d.id)) && !d.uuid.isEmpty())
                    vmByDomid.insert(int(d.id), XeVm{d.uuid, d.name, int(d.id)});
            }
        } else {
            note(QStringLiteral("xl/xm list"), r.error());
        }
    }
    QHash<QString, const GuestNetConfig*> configByName;
    for (const GuestNetConfig& g : in.guestConfigs)
        if (!g.name.isEmpty())
            configByName.insert(g.name, &g);

    QSet<QString> seen;
    auto addNode = [&](const TopologyNode& n) {
        if (seen.contains(n.id))
            return;
        seen.insert(n.id);
        t.nodes << n;
    };
    auto applyLink = [&](TopologyNode& n, const QString& ifname) {
        if (const NetInterface* i = ifs.byName(ifname)) {
            if (n.mac.isEmpty())
                n.mac = i->mac;
            if (!n.mtu)
                n.mtu = i->mtu;
            n.state = i->hasNoCarrier()     ? QStringLiteral("NO-CARRIER")
                      : !i->state.isEmpty() ? i->state
                      : i->isUp()           ? QStringLiteral("UP")
                                            : QStringLiteral("DOWN");
        }
    };
    auto vmNameOf = [&](int domid) -> QString {
        if (vmByDomid.contains(domid))
            return vmByDomid.value(domid).name;
        return domainNames.value(domid);
    };

    // Which VM a custom vifname belongs to (xl/xm `vifname=`), also under its cut name.
    struct CustomVif
    {
        QString vm;
        int devid;
    };
    QHash<QString, CustomVif> customVifs;
    for (const GuestNetConfig& g : in.guestConfigs)
        for (qsizetype i = 0; i < g.vifs.size(); ++i)
            if (!g.vifs[i].vifname.isEmpty()) {
                customVifs.insert(g.vifs[i].vifname, CustomVif{g.name, int(i)});
                customVifs.insert(g.vifs[i].vifname.left(MaxInterfaceName), CustomVif{g.name, int(i)});
            }

    // bridge id -> counts for the checks
    QHash<QString, int> uplinks;
    QHash<QString, QStringList> vifsOnBridge;
    QHash<QString, int> portCount;

    for (const Bridge& b : bridges) {
        TopologyNode bn;
        bn.kind = TopologyNode::Kind::Bridge;
        bn.id = QStringLiteral("bridge:") + b.name;
        bn.name = b.name;
        bn.bridgeType = b.kind == Bridge::Kind::OpenVSwitch ? QStringLiteral("openvswitch") : QStringLiteral("linux");
        if (networkByBridge.contains(b.name)) {
            const XeRecord& net = networkByBridge[b.name];
            bn.network = net.value(u"name-label");
            if (const auto mtu = net.integer(u"MTU"))
                bn.mtu = int(*mtu);
        }
        applyLink(bn, b.name);
        addNode(bn);
        int ports = 0;
        for (const BridgePort& p : b.ports) {
            for (const BridgeInterface& i : p.interfaces) {
                if (i.name == b.name || i.type == u"internal")
                    continue;
                ++ports;
                const std::optional<XenBackendName> backend = XenBackendName::fromInterfaceName(i.name);
                int domid = -1;
                int devid = -1;
                bool emulated = false;
                if (backend) {
                    domid = backend->domid;
                    devid = backend->devid;
                    emulated = backend->isEmulated();
                } else if (customVifs.contains(i.name)) {
                    const CustomVif cv = customVifs.value(i.name);
                    domid = domidByName.value(cv.vm, -1);
                    devid = cv.devid;
                    if (domid < 0)
                        for (auto it = vmByDomid.cbegin(); it != vmByDomid.cend(); ++it)
                            if (it->name == cv.vm)
                                domid = it.key();
                }
                if (domid >= 0 || customVifs.contains(i.name)) {
                    TopologyNode vn;
                    vn.kind = TopologyNode::Kind::Vif;
                    vn.id = QStringLiteral("vif:") + i.name;
                    vn.name = i.name;
                    vn.domid = domid;
                    vn.devid = devid;
                    vn.emulated = emulated;
                    vn.vlan = p.vlanTag;
                    const XeVm vm = vmByDomid.value(domid);
                    for (const XeVif& xv : std::as_const(xeVifs))
                        if (!vm.uuid.isEmpty() && xv.vmUuid == vm.uuid && xv.device == devid)
                            vn.mac = xv.mac;
                    const QString vmName = vmNameOf(domid);
                    if (vn.mac.isEmpty() && configByName.contains(vmName)) {
                        const GuestNetConfig* g = configByName.value(vmName);
                        if (devid >= 0 && devid < g->vifs.size())
                            vn.mac = g->vifs[devid].mac;
                    }
                    vn.vmUuid = vm.uuid;
                    // The backend's own MAC (fe:ff:ff:ff:ff:ff) says nothing about the guest.
                    const QString guestMac = vn.mac;
                    applyLink(vn, i.name);
                    vn.mac = guestMac;
                    addNode(vn);
                    t.edges << TopologyEdge{bn.id, vn.id, p.vlanTag};
                    vifsOnBridge[bn.id] << vn.id;
                    if (domid >= 0 || !vmName.isEmpty()) {
                        TopologyNode vmn;
                        vmn.kind = TopologyNode::Kind::Vm;
                        vmn.id = vmNodeId(vm.uuid, domid);
                        vmn.name = vmName.isEmpty() ? QStringLiteral("domain %1").arg(domid) : vmName;
                        vmn.vmUuid = vm.uuid;
                        vmn.domid = domid;
                        addNode(vmn);
                        const TopologyEdge e{vn.id, vmn.id, {}};
                        if (!t.edges.contains(e))
                            t.edges << e;
                    }
                    continue;
                }
                // A physical NIC (or a bond member, a VLAN interface, a tunnel): the uplink.
                TopologyNode nn;
                nn.kind = TopologyNode::Kind::Nic;
                nn.id = QStringLiteral("nic:") + i.name;
                nn.name = i.name;
                if (pifByDevice.contains(i.name)) {
                    const XeRecord& pif = pifByDevice[i.name];
                    nn.mac = pif.value(u"MAC");
                    if (const auto vlan = pif.integer(u"VLAN"); vlan && *vlan >= 0)
                        nn.vlan = int(*vlan);
                    if (const auto mtu = pif.integer(u"MTU"))
                        nn.mtu = int(*mtu);
                }
                if (!nn.vlan && p.vlanTag)
                    nn.vlan = p.vlanTag;
                applyLink(nn, i.name);
                if (isTunnelType(i.type))
                    nn.state = i.type;
                addNode(nn);
                t.edges << TopologyEdge{nn.id, bn.id, p.vlanTag};
                ++uplinks[bn.id];
            }
        }
        portCount[bn.id] = ports;
    }

    // Checks (XEN-FIELD-GUIDE section 6).
    for (const Bridge& b : bridges) {
        const QString id = QStringLiteral("bridge:") + b.name;
        if (portCount.value(id) == 0) {
            NetworkFinding f;
            f.check = NetworkFinding::Check::EmptyBridge;
            f.title = tr("Bridge %1 has no interfaces").arg(elide(b.name));
            f.detail = tr("Nothing is attached to this bridge: no physical NIC and no VM. A guest configured "
                          "for it reaches nobody. Attach the host's NIC (or a VLAN interface) to it, or point "
                          "the guests' vif lines at the bridge that carries the traffic.");
            f.nodeIds << id;
            t.findings << f;
            continue;
        }
        if (!vifsOnBridge.value(id).isEmpty() && uplinks.value(id) == 0) {
            NetworkFinding f;
            f.check = NetworkFinding::Check::NoUplink;
            f.title = tr("VMs on bridge %1 have no way out").arg(elide(b.name));
            f.detail = tr("The bridge holds VM interfaces but no physical NIC, so these VMs reach only each "
                          "other on this host. Unless it is meant as a private network, put the uplink NIC "
                          "(for example eth0 or peth0) on the same bridge as the VMs' vifs, or move the "
                          "vifs to the bridge that has it.");
            f.nodeIds << id << vifsOnBridge.value(id);
            for (const QString& v : vifsOnBridge.value(id))
                for (const TopologyEdge& e : std::as_const(t.edges))
                    if (e.from == v && !f.nodeIds.contains(e.to))
                        f.nodeIds << e.to;
            t.findings << f;
        }
    }

    // Anti-spoofing through iptables (vif-bridge's antispoof=yes) needs bridged frames to
    // pass through iptables.
    if (in.iptablesForward) {
        const QString rules = QString::fromUtf8(*in.iptablesForward);
        QStringList guarded;
        static const QRegularExpression physdev(QStringLiteral(R"(--physdev-in\s+(\S+))"));
        for (auto it = physdev.globalMatch(rules); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (!guarded.contains(name))
                guarded << name;
        }
        const QString value =
            in.bridgeNfCallIptables ? QString::fromUtf8(*in.bridgeNfCallIptables).trimmed() : QString();
        const bool linuxBridges = std::any_of(bridges.cbegin(), bridges.cend(),
                                              [](const Bridge& b) { return b.kind == Bridge::Kind::Linux; });
        if (!guarded.isEmpty() && linuxBridges && value != u"1") {
            NetworkFinding f;
            f.check = NetworkFinding::Check::BridgeNfOff;
            f.title = tr("Anti-spoofing rules exist but bridged traffic bypasses iptables");
            f.detail = tr("iptables holds per-vif rules (--physdev-in) that should stop guests from using "
                          "addresses that are not theirs, but net.bridge.bridge-nf-call-iptables is %1, so "
                          "frames crossing the bridge never reach those rules. Load br_netfilter and set it "
                          "to 1 (sysctl -w net.bridge.bridge-nf-call-iptables=1, and in /etc/sysctl.conf).")
                           .arg(value.isEmpty() || !(value == u"0") ? tr("not available") : value);
            for (const QString& name : std::as_const(guarded))
                for (const TopologyEdge& e : std::as_const(t.edges))
                    if (e.to == QStringLiteral("vif:") + name && !f.nodeIds.contains(e.from))
                        f.nodeIds << e.from;
            if (f.nodeIds.isEmpty())
                for (const Bridge& b : bridges)
                    if (b.kind == Bridge::Kind::Linux)
                        f.nodeIds << QStringLiteral("bridge:") + b.name;
            t.findings << f;
        }
    }

    // Guest configuration checks (xl/xm): long custom vif names, interfaces without a fixed MAC.
    for (const GuestNetConfig& g : in.guestConfigs) {
        const int domid = domidByName.value(g.name, -1);
        QString vmId;
        for (const TopologyNode& n : std::as_const(t.nodes))
            if (n.kind == TopologyNode::Kind::Vm && n.name == g.name)
                vmId = n.id;
        for (qsizetype i = 0; i < g.vifs.size(); ++i) {
            const GuestVifConfig& v = g.vifs[i];
            if (v.vifname.size() > MaxInterfaceName) {
                NetworkFinding f;
                f.check = NetworkFinding::Check::LongVifName;
                f.title = tr("Interface name %1 of %2 is too long").arg(elide(v.vifname), elide(g.name));
                f.detail = tr("The kernel keeps %1 characters of an interface name; \"%2\" has %3. Depending on "
                              "the tools it is cut to \"%4\" or the interface is not created, and scripts or "
                              "firewall rules that use the full name miss it. Choose a vifname of at most %1 "
                              "characters in %5.")
                               .arg(MaxInterfaceName)
                               .arg(elide(v.vifname))
                               .arg(v.vifname.size())
                               .arg(elide(v.vifname.left(MaxInterfaceName)), elide(g.file));
                for (const QString& name : {v.vifname, v.vifname.left(MaxInterfaceName)})
                    if (seen.contains(QStringLiteral("vif:") + name) &&
                        !f.nodeIds.contains(QStringLiteral("vif:") + name))
                        f.nodeIds << QStringLiteral("vif:") + name;
                if (!vmId.isEmpty())
                    f.nodeIds << vmId;
                t.findings << f;
            }
            if (v.mac.isEmpty()) {
                NetworkFinding f;
                f.check = NetworkFinding::Check::NoFixedMac;
                f.title = tr("Interface %1 of %2 has no fixed MAC address").arg(i).arg(elide(g.name));
                f.detail = tr("Without mac= in its vif line the guest gets a new random MAC at every start, so "
                              "the guest's udev numbers its NIC anew (eth1, eth2, ...) and its network settings "
                              "stop applying. Add a fixed mac=00:16:3e:xx:xx:xx (the XenSource range) to the vif "
                              "line in %1.")
                               .arg(elide(g.file));
                if (!vmId.isEmpty())
                    f.nodeIds << vmId;
                if (domid >= 0 && seen.contains(QStringLiteral("vif:vif%1.%2").arg(domid).arg(i)))
                    f.nodeIds << QStringLiteral("vif:vif%1.%2").arg(domid).arg(i);
                t.findings << f;
            }
        }
    }
    return t;
}

} // namespace xr
