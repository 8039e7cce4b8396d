#include "MemoryReport.h"

#include "DomainList.h"
#include "XeRecords.h"
#include "XenInfo.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace xr {

namespace {

constexpr qint64 MiB = 1024 * 1024;

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::MemoryReport", text);
}

qint64 bytesToMiB(std::optional<qint64> bytes)
{
    return bytes && *bytes >= 0 ? *bytes / MiB : -1;
}

QString mibText(qint64 mib)
{
    if (mib >= 1024 && mib % 1024 == 0)
        return tr("%1 GiB").arg(mib / 1024);
    return tr("%1 MiB").arg(mib);
}

} // namespace

QString MemoryAdvice::levelKey(Level level)
{
    switch (level) {
    case Level::Good:
        return QStringLiteral("good");
    case Level::Suggestion:
        return QStringLiteral("suggestion");
    case Level::Warning:
        return QStringLiteral("warning");
    }
    return {};
}

QString MemoryReport::autoballoonKey(Autoballoon a)
{
    switch (a) {
    case Autoballoon::Auto:
        return QStringLiteral("auto");
    case Autoballoon::On:
        return QStringLiteral("on");
    case Autoballoon::Off:
        return QStringLiteral("off");
    }
    return {};
}

const MemoryAdvice* MemoryReport::adviceById(const QString& id) const
{
    for (const MemoryAdvice& a : advice)
        if (a.id == id)
            return &a;
    return nullptr;
}

qint64 MemoryReport::recommendedDom0(FlavourKind flavour, const QString& productBrand, qint64 totalMiB, QString* basis)
{
    if (totalMiB <= 0)
        return -1;
    if (flavour == FlavourKind::XapiModern && productBrand.contains(QStringLiteral("XCP-ng"), Qt::CaseInsensitive)) {
        if (basis)
            *basis = tr("XCP-ng recommends at least 2 GiB for dom0: 4 GiB on hosts with less than 128 GiB of RAM, "
                        "8 GiB from 128 GiB.");
        return totalMiB >= 128 * 1024 - 512 ? 8192 : 4096;
    }
    if (flavour == FlavourKind::XapiModern || flavour == FlavourKind::XapiLegacy) {
        if (basis)
            *basis = tr("XenServer sizes dom0 at 1 GiB plus 5 % of the host's RAM, at most 8 GiB.");
        const qint64 v = 1024 + totalMiB * 5 / 100;
        return std::min<qint64>(8192, (v + 15) / 16 * 16);
    }
    if (basis)
        *basis = tr("Plain Xen has no vendor figure: give dom0 a fixed size that covers its own work (the "
                    "chapter's hosts used about 512 MiB; 1 to 4 GiB is common today).");
    return -1;
}

MemoryReport MemoryReport::build(const MemoryInputs& in)
{
    MemoryReport r;
    r.flavour = in.flavour;
    const bool xapi = in.flavour == FlavourKind::XapiLegacy || in.flavour == FlavourKind::XapiModern;
    auto note = [&r](const QString& what, const QString& why) { r.notes << tr("%1: %2").arg(what, why); };

    // Host totals.
    std::optional<XenInfo> info;
    if (in.xenInfo) {
        Result<XenInfo> x = XenInfo::parse(*in.xenInfo);
        if (x) {
            info = x.value();
            r.totalMiB = info->totalMemoryMiB().value_or(-1);
            r.freeMiB = info->freeMemoryMiB().value_or(-1);
        } else {
            note(QStringLiteral("xl info"), x.errorMessage());
        }
    }
    if (in.xeHost) {
        Result<XeRecordList> x = XeRecords::parse(*in.xeHost);
        if (x && !x->records.isEmpty()) {
            const XeRecord& h = x->records.first();
            if (r.totalMiB < 0)
                r.totalMiB = bytesToMiB(h.integer(u"memory-total"));
            if (r.freeMiB < 0)
                r.freeMiB = bytesToMiB(h.integer(u"memory-free"));
            r.xenMiB = bytesToMiB(h.integer(u"memory-overhead"));
        } else if (!x) {
            note(QStringLiteral("xe host-param-list"), x.errorMessage());
        }
    }

    // Domains: xapi's records first, the hypervisor's list for what xapi does not give.
    if (in.xeVms) {
        Result<XeRecordList> x = XeRecords::parse(*in.xeVms);
        if (x) {
            for (const XeRecord& v : x->records) {
                // A record that cannot be read as one is left out; one only flagged for its shape
                // or a line break in its name is a real VM using real memory: shown.
                if (v.isBroken() || v.boolean(u"is-a-template").value_or(false) ||
                    v.boolean(u"is-a-snapshot").value_or(false))
                    continue;
                if (!in.hostUuid.isEmpty() && v.contains(u"resident-on") && v.value(u"resident-on") != in.hostUuid)
                    continue;
                VmMemory m;
                m.name = v.value(u"name-label");
                m.uuid = v.value(u"uuid");
                m.domid = int(v.integer(u"dom-id").value_or(-1));
                m.controlDomain = v.boolean(u"is-control-domain").value_or(false);
                m.staticMinMiB = bytesToMiB(v.integer(u"memory-static-min"));
                m.staticMaxMiB = bytesToMiB(v.integer(u"memory-static-max"));
                m.dynamicMinMiB = bytesToMiB(v.integer(u"memory-dynamic-min"));
                m.dynamicMaxMiB = bytesToMiB(v.integer(u"memory-dynamic-max"));
                m.actualMiB = bytesToMiB(v.integer(u"memory-actual"));
                if (!m.controlDomain && v.value(u"power-state") != u"running" && v.value(u"power-state") != u"paused")
                    continue;
                r.vms << m;
            }
        } else {
            note(QStringLiteral("xe vm-list"), x.errorMessage());
        }
    }
    if (in.domainList) {
        Result<DomainList> d = DomainListParser::parse(*in.domainList);
        if (d) {
            for (const Domain& dom : d->domains) {
                auto it = std::find_if(r.vms.begin(), r.vms.end(), [&](const VmMemory& m) {
                    return (m.domid >= 0 && m.domid == dom.id) || (!dom.uuid.isEmpty() && m.uuid == dom.uuid);
                });
                if (it != r.vms.end()) {
                    if (it->actualMiB < 0 && dom.memoryMiB)
                        it->actualMiB = *dom.memoryMiB;
                    continue;
                }
                if (xapi && !r.vms.isEmpty())
                    continue; // xapi listed the host's VMs; other domains belong to no VM here
                VmMemory m;
                m.name = dom.name;
                m.uuid = dom.uuid;
                m.domid = int(dom.id);
                m.controlDomain = dom.id == 0;
                m.actualMiB = dom.memoryMiB.value_or(-1);
                m.staticMaxMiB = dom.maxMemoryMiB.value_or(-1);
                r.vms << m;
            }
        } else {
            note(QStringLiteral("xl/xm list"), d.errorMessage());
        }
    }
    std::stable_sort(r.vms.begin(), r.vms.end(), [](const VmMemory& a, const VmMemory& b) {
        if (a.controlDomain != b.controlDomain)
            return a.controlDomain;
        return a.name.localeAwareCompare(b.name) < 0;
    });
    for (const VmMemory& m : std::as_const(r.vms))
        if (m.controlDomain)
            r.dom0MiB = m.actualMiB;
    if (r.xenMiB < 0 && r.totalMiB > 0 && r.freeMiB >= 0 && !r.vms.isEmpty()) {
        qint64 used = 0;
        for (const VmMemory& m : std::as_const(r.vms))
            used += std::max<qint64>(0, m.actualMiB);
        r.xenMiB = std::max<qint64>(0, r.totalMiB - r.freeMiB - used);
    }

    // dom0_mem: xen-cmdline (xapi), else the running hypervisor's command line, else a boot file.
    if (in.xenCmdline) {
        const QString text = QString::fromUtf8(*in.xenCmdline).trimmed();
        Result<Dom0Mem> m = Dom0Mem::fromCommandLine(text);
        if (m) {
            r.dom0Mem = m.value();
            r.dom0MemSource = QStringLiteral("xen-cmdline --get-xen dom0_mem");
        } else if (m.error().code != u"absent") {
            note(QStringLiteral("xen-cmdline"), m.errorMessage());
        }
    }
    if (!r.dom0Mem && info && !info->xenCommandLine().isNull()) {
        Result<Dom0Mem> m = Dom0Mem::fromCommandLine(info->xenCommandLine());
        if (m) {
            r.dom0Mem = m.value();
            r.dom0MemSource = in.flavour == FlavourKind::Xm ? QStringLiteral("xm info: xen_commandline")
                                                            : QStringLiteral("xl info: xen_commandline");
        } else if (m.error().code != u"absent") {
            note(QStringLiteral("xen_commandline"), m.errorMessage());
        }
    }
    if (!r.dom0Mem && in.bootConfig) {
        Result<XenBootConfig> b = MemorySettings::parseBootConfig(*in.bootConfig);
        if (b && b->dom0Mem()) {
            r.dom0Mem = b->dom0Mem();
            r.dom0MemSource = in.bootConfigPath;
        }
    }
    if (in.xlConf) {
        Result<XlConf> c = MemorySettings::parseXlConf(*in.xlConf);
        if (c)
            r.autoballoon = c->autoballoon();
        else
            note(QStringLiteral("/etc/xen/xl.conf"), c.errorMessage());
    }
    if (in.xendConfig) {
        Result<XendConfig> c = MemorySettings::parseXendConfig(*in.xendConfig);
        if (c) {
            r.xendMinMemMiB = c->dom0MinMemMiB;
            r.xendBallooning = c->enableDom0Ballooning;
        } else {
            note(QStringLiteral("/etc/xen/xend-config.sxp"), c.errorMessage());
        }
    }

    // Advice.
    auto advise = [&r](const QString& id, MemoryAdvice::Level level, const QString& title, const QString& reason) {
        r.advice << MemoryAdvice{id, level, title, reason};
    };
    r.recommendedDom0MiB = recommendedDom0(in.flavour, in.productBrand, r.totalMiB, &r.recommendationBasis);
    const std::optional<qint64> bootMiB = r.dom0Mem ? r.dom0Mem->initialMiB() : std::nullopt;
    const qint64 dom0Size = bootMiB.value_or(r.dom0MiB);
    bool fixed = false;
    if (!r.dom0Mem || !r.dom0Mem->initial) {
        advise(QStringLiteral("dom0-mem-unset"), MemoryAdvice::Level::Warning, tr("dom0's memory is not fixed at boot"),
               tr("Without dom0_mem= on the hypervisor's command line dom0 starts with all of the host's memory "
                  "and hands it back by ballooning as guests start. Under load dom0 is then left short (the "
                  "oom-killer ends processes in dom0) and starting guests is slow. Set dom0_mem=N,max:N."));
    } else if (!r.dom0Mem->isPinned()) {
        advise(QStringLiteral("dom0-mem-not-pinned"), MemoryAdvice::Level::Suggestion,
               tr("dom0_mem has no matching max:"),
               tr("dom0_mem=%1 sets where dom0 starts but not a ceiling, so dom0 can still grow or be ballooned. "
                  "Write it as dom0_mem=%2M,max:%2M so its size is the same from boot to shutdown.")
                   .arg(r.dom0Mem->text)
                   .arg(bootMiB.value_or(0)));
    } else {
        fixed = true;
    }
    if (r.recommendedDom0MiB > 0 && dom0Size > 0) {
        if (dom0Size + 64 < r.recommendedDom0MiB)
            advise(QStringLiteral("dom0-below-recommended"), MemoryAdvice::Level::Warning,
                   tr("dom0 has %1; %2 is recommended for this host")
                       .arg(mibText(dom0Size), mibText(r.recommendedDom0MiB)),
                   r.recommendationBasis +
                       tr(" A dom0 that is too small swaps or kills processes under load; xapi, the storage "
                          "manager and qemu of HVM guests all run there."));
        else
            advise(QStringLiteral("dom0-as-recommended"), MemoryAdvice::Level::Good,
                   tr("dom0's size (%1) meets the recommendation (%2)")
                       .arg(mibText(dom0Size), mibText(r.recommendedDom0MiB)),
                   r.recommendationBasis);
    }
    bool ballooning = false;
    if (in.flavour == FlavourKind::Xl && r.autoballoon) {
        if (*r.autoballoon == Autoballoon::On) {
            ballooning = true;
            advise(QStringLiteral("autoballoon-on"), MemoryAdvice::Level::Suggestion, tr("xl still balloons dom0 down"),
                   tr("autoballoon is on in /etc/xen/xl.conf: xl takes memory from dom0 whenever a guest needs it, "
                      "even though dom0_mem fixes its size. Set autoballoon=\"off\" so dom0 keeps what it was "
                      "given."));
        } else if (*r.autoballoon == Autoballoon::Off && !fixed && (!r.dom0Mem || !r.dom0Mem->initial)) {
            advise(QStringLiteral("autoballoon-off-unpinned"), MemoryAdvice::Level::Warning,
                   tr("Ballooning is off but dom0 holds all memory"),
                   tr("autoballoon is off and no dom0_mem is set: dom0 starts with all of the host's memory and xl "
                      "will not take any back, so new guests fail to start for lack of memory. Set dom0_mem first."));
        }
    }
    if (in.flavour == FlavourKind::Xm && in.xendConfig) {
        if (r.xendBallooning.value_or(true)) {
            ballooning = true;
            advise(QStringLiteral("xend-ballooning-on"), MemoryAdvice::Level::Suggestion, tr("xend may balloon dom0"),
                   tr("xend-config.sxp does not say (enable-dom0-ballooning no), so xend shrinks dom0 down to "
                      "dom0-min-mem when guests need memory. With a fixed dom0_mem, turn it off."));
        }
        if (bootMiB && r.xendMinMemMiB.value_or(0) != *bootMiB) {
            advise(QStringLiteral("xend-min-mem-differs"), MemoryAdvice::Level::Suggestion,
                   tr("dom0-min-mem (%1) differs from dom0_mem (%2)")
                       .arg(r.xendMinMemMiB ? mibText(*r.xendMinMemMiB) : tr("not set"), mibText(*bootMiB)),
                   tr("The chapter's advice is to give xend the same figure as the boot line: (dom0-min-mem %1), so "
                      "xend never tries to take dom0 below its fixed size (guests then fail with \"I need ... KiB, "
                      "but dom0_min_mem is ...\" instead of starving dom0).")
                       .arg(*bootMiB));
            ballooning = true;
        }
    }
    if (fixed && !ballooning)
        advise(QStringLiteral("fixed-and-not-ballooning"), MemoryAdvice::Level::Good,
               tr("dom0 has a fixed size and is not ballooned"),
               tr("dom0_mem=%1 pins dom0's memory and nothing takes it back: what the chapter recommends.")
                   .arg(r.dom0Mem->text));
    return r;
}

QJsonObject MemoryReport::toJson() const
{
    QJsonObject o;
    auto num = [&o](const char* key, qint64 v) {
        if (v >= 0)
            o.insert(QLatin1String(key), v);
        else
            o.insert(QLatin1String(key), QJsonValue());
    };
    o.insert(QStringLiteral("flavour"), HostFlavour::kindName(flavour));
    num("totalMiB", totalMiB);
    num("freeMiB", freeMiB);
    num("xenMiB", xenMiB);
    num("dom0MiB", dom0MiB);
    QJsonObject settings;
    if (dom0Mem) {
        QJsonObject d;
        d.insert(QStringLiteral("text"), dom0Mem->text);
        if (dom0Mem->initialMiB())
            d.insert(QStringLiteral("initialMiB"), *dom0Mem->initialMiB());
        if (dom0Mem->minMiB())
            d.insert(QStringLiteral("minMiB"), *dom0Mem->minMiB());
        if (dom0Mem->maxMiB())
            d.insert(QStringLiteral("maxMiB"), *dom0Mem->maxMiB());
        d.insert(QStringLiteral("pinned"), dom0Mem->isPinned());
        d.insert(QStringLiteral("source"), dom0MemSource);
        settings.insert(QStringLiteral("dom0_mem"), d);
    } else {
        settings.insert(QStringLiteral("dom0_mem"), QJsonValue());
    }
    if (autoballoon)
        settings.insert(QStringLiteral("autoballoon"), autoballoonKey(*autoballoon));
    if (xendMinMemMiB)
        settings.insert(QStringLiteral("dom0-min-mem"), *xendMinMemMiB);
    if (xendBallooning)
        settings.insert(QStringLiteral("enable-dom0-ballooning"), *xendBallooning);
    o.insert(QStringLiteral("settings"), settings);
    QJsonArray vs;
    for (const VmMemory& m : vms) {
        QJsonObject v;
        v.insert(QStringLiteral("name"), m.name);
        if (!m.uuid.isEmpty())
            v.insert(QStringLiteral("uuid"), m.uuid);
        if (m.domid >= 0)
            v.insert(QStringLiteral("domid"), m.domid);
        v.insert(QStringLiteral("controlDomain"), m.controlDomain);
        auto put = [&v](const char* key, qint64 x) {
            if (x >= 0)
                v.insert(QLatin1String(key), x);
        };
        put("staticMinMiB", m.staticMinMiB);
        put("staticMaxMiB", m.staticMaxMiB);
        put("dynamicMinMiB", m.dynamicMinMiB);
        put("dynamicMaxMiB", m.dynamicMaxMiB);
        put("actualMiB", m.actualMiB);
        vs.append(v);
    }
    o.insert(QStringLiteral("vms"), vs);
    if (recommendedDom0MiB > 0)
        o.insert(QStringLiteral("recommendedDom0MiB"), recommendedDom0MiB);
    o.insert(QStringLiteral("recommendationBasis"), recommendationBasis);
    QJsonArray as;
    for (const MemoryAdvice& a : advice) {
        QJsonObject x;
        x.insert(QStringLiteral("id"), a.id);
        x.insert(QStringLiteral("level"), MemoryAdvice::levelKey(a.level));
        x.insert(QStringLiteral("title"), a.title);
        x.insert(QStringLiteral("reason"), a.reason);
        as.append(x);
    }
    o.insert(QStringLiteral("advice"), as);
    o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return o;
}

} // namespace xr
