#include "HostFlavour.h"

#include "HostText.h"

#include <QCoreApplication>

namespace xr {

namespace {

struct ToolInfo
{
    HostTool tool;
    const char16_t* name;
    const char16_t* path;
};

const ToolInfo kTools[] = {
    {HostTool::Xe, u"xe", u"xe"},
    {HostTool::Xl, u"xl", u"xl"},
    {HostTool::Xm, u"xm", u"xm"},
    {HostTool::ListDomains, u"list_domains", u"list_domains"},
    {HostTool::XenopsLegacy, u"xenops", u"/opt/xensource/debug/xenops"},
    {HostTool::CrashGuest, u"crash_guest", u"/usr/lib/xen/bin/crash_guest"},
    {HostTool::XenopsCli, u"xenops-cli", u"xenops-cli"},
    {HostTool::TapCtl, u"tap-ctl", u"tap-ctl"},
    {HostTool::ToolstackRestart, u"xe-toolstack-restart", u"xe-toolstack-restart"},
    {HostTool::Xend, u"xend", u"xend"},
};

QString unquoteInventoryValue(QStringView v)
{
    v = v.trimmed();
    if (v.size() >= 2 && (v.front() == u'\'' || v.front() == u'"') && v.back() == v.front())
        v = v.mid(1, v.size() - 2);
    return v.toString();
}

} // namespace

int compareVersions(QStringView a, QStringView b)
{
    const QList<QStringView> pa = a.split(u'.');
    const QList<QStringView> pb = b.split(u'.');
    const qsizetype n = std::max(pa.size(), pb.size());
    for (qsizetype i = 0; i < n; ++i) {
        // "6.2.0-70446c" and "8.2.1a": the leading digits decide.
        auto num = [](const QList<QStringView>& parts, qsizetype i) -> qint64 {
            if (i >= parts.size())
                return 0;
            qsizetype end = 0;
            const QStringView p = parts[i];
            while (end < p.size() && end < 9 && p[end].isDigit())
                ++end;
            return end == 0 ? 0 : p.left(end).toLongLong();
        };
        const qint64 x = num(pa, i);
        const qint64 y = num(pb, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

HostTools HostTools::defaultsFor(FlavourKind kind)
{
    HostTools t;
    switch (kind) {
    case FlavourKind::XapiLegacy:
        for (HostTool x : {HostTool::Xe, HostTool::ListDomains, HostTool::XenopsLegacy, HostTool::CrashGuest,
                           HostTool::TapCtl, HostTool::ToolstackRestart})
            t.set(x);
        break;
    case FlavourKind::XapiModern:
        for (HostTool x : {HostTool::Xe, HostTool::Xl, HostTool::ListDomains, HostTool::XenopsCli, HostTool::TapCtl,
                           HostTool::ToolstackRestart})
            t.set(x);
        break;
    case FlavourKind::Xl:
        t.set(HostTool::Xl);
        break;
    case FlavourKind::Xm:
        t.set(HostTool::Xm);
        t.set(HostTool::Xend);
        break;
    }
    return t;
}

QList<HostTool> HostTools::all()
{
    QList<HostTool> out;
    for (const ToolInfo& i : kTools)
        out.append(i.tool);
    return out;
}

QString HostTools::name(HostTool tool)
{
    for (const ToolInfo& i : kTools) {
        if (i.tool == tool)
            return QString::fromUtf16(i.name);
    }
    return {};
}

std::optional<HostTool> HostTools::fromName(QStringView name)
{
    for (const ToolInfo& i : kTools) {
        if (name == QStringView(i.name) || name == QStringView(i.path))
            return i.tool;
    }
    return std::nullopt;
}

QString HostTools::path(HostTool tool)
{
    for (const ToolInfo& i : kTools) {
        if (i.tool == tool)
            return QString::fromUtf16(i.path);
    }
    return {};
}

QString HostFlavour::displayName() const
{
    const QString product = (productBrand + u' ' + productVersion).trimmed();
    switch (kind) {
    case FlavourKind::XapiLegacy:
        return product.isEmpty() ? QCoreApplication::translate("RecoveryLadder", "XenServer <= 6.2 (legacy xapi)")
                                 : QCoreApplication::translate("RecoveryLadder", "%1 (legacy xapi)").arg(product);
    case FlavourKind::XapiModern:
        return product.isEmpty() ? QCoreApplication::translate("RecoveryLadder", "XenServer 6.5+ / XCP-ng (xapi)")
                                 : QCoreApplication::translate("RecoveryLadder", "%1 (xapi)").arg(product);
    case FlavourKind::Xl:
        return productVersion.isEmpty()
                   ? QCoreApplication::translate("RecoveryLadder", "Xen with the xl toolstack")
                   : QCoreApplication::translate("RecoveryLadder", "Xen %1 with the xl toolstack").arg(productVersion);
    case FlavourKind::Xm:
        return productVersion.isEmpty()
                   ? QCoreApplication::translate("RecoveryLadder", "Xen with xm/xend")
                   : QCoreApplication::translate("RecoveryLadder", "Xen %1 with xm/xend").arg(productVersion);
    }
    return {};
}

HostFlavour HostFlavour::fromInventoryFields(const QString& productBrand, const QString& productVersion,
                                             const QString& platformVersion)
{
    HostFlavour f;
    f.productBrand = productBrand;
    f.productVersion = productVersion;
    f.platformVersion = platformVersion;
    const QString brand = productBrand.toLower();
    bool legacy = false;
    if (brand.contains(u"xcp-ng")) {
        legacy = false;
    } else if (!platformVersion.isEmpty()) {
        // PLATFORM_VERSION 1.8.0 is XenServer 6.2 (and XCP 1.x is lower); 6.5 shipped 1.9.0.
        legacy = compareVersions(platformVersion, u"1.9") < 0;
    } else if (brand == u"xcp") {
        legacy = true; // Xen Cloud Platform 1.x, built from XenServer 6.0/6.1
    } else if (!productVersion.isEmpty()) {
        legacy = compareVersions(productVersion, u"6.5") < 0;
    }
    f.kind = legacy ? FlavourKind::XapiLegacy : FlavourKind::XapiModern;
    return f;
}

Result<HostFlavour> HostFlavour::fromInventory(QByteArrayView inventoryText)
{
    ParseReport report;
    const HostText text(inventoryText, report);
    QString brand;
    QString product;
    QString platform;
    bool any = false;
    for (const QStringView line : text.lines()) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QStringView key = line.left(eq).trimmed();
        const QString value = unquoteInventoryValue(line.mid(eq + 1));
        if (key == u"PRODUCT_BRAND") {
            brand = value;
            any = true;
        } else if (key == u"PRODUCT_VERSION") {
            product = value;
            any = true;
        } else if (key == u"PLATFORM_VERSION") {
            platform = value;
            any = true;
        }
    }
    if (!any) {
        return Result<HostFlavour>::failure(
            QCoreApplication::translate("RecoveryLadder",
                                        "The inventory names no product or platform version (PRODUCT_BRAND, "
                                        "PRODUCT_VERSION, PLATFORM_VERSION)."),
            QStringLiteral("no-version"));
    }
    return fromInventoryFields(brand, product, platform);
}

std::optional<HostFlavour> HostFlavour::fromTools(const HostTools& tools, const std::optional<HostFlavour>& inventory)
{
    if (inventory)
        return inventory;
    HostFlavour f;
    if (tools.has(HostTool::Xe)) {
        // No inventory to read: the legacy debug tools are the generation's fingerprint.
        f.kind = tools.has(HostTool::XenopsLegacy) ? FlavourKind::XapiLegacy : FlavourKind::XapiModern;
        return f;
    }
    if (tools.has(HostTool::Xm) && (tools.has(HostTool::Xend) || !tools.has(HostTool::Xl))) {
        f.kind = FlavourKind::Xm;
        return f;
    }
    if (tools.has(HostTool::Xl)) {
        f.kind = FlavourKind::Xl;
        return f;
    }
    return std::nullopt;
}

Result<HostFlavour> HostFlavour::fromName(QStringView flavour, const QString& version)
{
    const QString name = flavour.toString().toLower();
    if (const auto kind = kindFromName(name)) {
        HostFlavour f;
        f.kind = *kind;
        f.productVersion = version;
        return f;
    }
    if (name == u"xenserver" || name == u"citrix" || name == u"citrix-hypervisor" || name == u"xapi") {
        const QString brand = name == u"xapi" ? QString() : QStringLiteral("XenServer");
        // A XenServer without a version is taken as a current one.
        return fromInventoryFields(brand, version, QString());
    }
    if (name == u"xcp-ng" || name == u"xcpng")
        return fromInventoryFields(QStringLiteral("XCP-ng"), version, QString());
    if (name == u"xcp")
        return fromInventoryFields(QStringLiteral("XCP"), version, QString());
    return Result<HostFlavour>::failure(
        QCoreApplication::translate("RecoveryLadder",
                                    "Unknown flavour \"%1\": use xenserver, xcp-ng, xcp, xapi-legacy, "
                                    "xapi-modern, xl or xm.")
            .arg(elide(flavour, 40)),
        QStringLiteral("unknown-flavour"));
}

QString HostFlavour::kindName(FlavourKind kind)
{
    switch (kind) {
    case FlavourKind::XapiLegacy:
        return QStringLiteral("xapi-legacy");
    case FlavourKind::XapiModern:
        return QStringLiteral("xapi-modern");
    case FlavourKind::Xl:
        return QStringLiteral("xl");
    case FlavourKind::Xm:
        return QStringLiteral("xm");
    }
    return {};
}

std::optional<FlavourKind> HostFlavour::kindFromName(QStringView name)
{
    for (FlavourKind k : {FlavourKind::XapiLegacy, FlavourKind::XapiModern, FlavourKind::Xl, FlavourKind::Xm}) {
        if (name == kindName(k))
            return k;
    }
    return std::nullopt;
}

} // namespace xr
