#include "Network.h"

#include "ParserSupport.h"

namespace xr {

using detail::parseUnsigned;

namespace {

// Xen's first reserved domid (DOMID_FIRST_RESERVED).
constexpr int kFirstReservedDomid = 0x7FF0;

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

} // namespace xr
