#include "SimDomains.h"

namespace xr::sim::detail {

// `list_domains` of a xapi host (the hypervisor's view, without xapi).
SimCommandOutput runListDomains(Ctx& c, const QStringList& args)
{
    bool minimal = false, memory = false, bytes = false, pages = false, all = false;
    std::optional<int> domid;
    QString warnings;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == u"-minimal")
            minimal = true;
        else if (a == u"-memory")
            memory = true;
        else if (a == u"-bytes")
            bytes = true;
        else if (a == u"-pages")
            pages = true;
        else if (a == u"-all")
            memory = all = true;
        else if (a == u"-domid" && i + 1 < args.size()) {
            bool ok = false;
            const int d = args[++i].toInt(&ok);
            if (!ok)
                return c.fail(2,
                              QStringLiteral("list_domains: wrong argument `%1'; option `-domid' expects an integer.\n")
                                  .arg(args[i]));
            domid = d;
        } else
            warnings += QStringLiteral("Warning, ignoring unknown argument: %1").arg(a);
    }
    c.print(warnings);
    if (bytes && pages)
        return c.fail(2, QStringLiteral("Fatal error: exception Failure(\"Too many units specified.\")\n"));
    QStringList cols{QStringLiteral("id"), QStringLiteral("uuid"), QStringLiteral("state")};
    if (minimal)
        cols = {QStringLiteral("uuid")};
    else {
        if (memory) {
            const QString unit = pages   ? QStringLiteral("pages")
                                 : bytes ? QStringLiteral("bytes")
                                         : QStringLiteral("MiB");
            cols << QStringLiteral("tot ") + unit << QStringLiteral("max ") + unit << QStringLiteral("shadow ") + unit;
        }
        if (all)
            cols << QStringLiteral("shutdown code") << QStringLiteral("sif") << QStringLiteral("cpu time")
                 << QStringLiteral("vcpus online") << QStringLiteral("max vcpu id") << QStringLiteral("ssidref");
    }
    QList<SimDomain> doms = c.host.domains;
    std::sort(doms.begin(), doms.end(), [](const SimDomain& a, const SimDomain& b) { return a.domid < b.domid; });
    if (domid) {
        const auto it = std::find_if(doms.begin(), doms.end(), [&](const SimDomain& d) { return d.domid == *domid; });
        if (it == doms.end())
            return c.fail(2, QStringLiteral("Fatal error: exception Xenctrl.Error(\"getinfo failed: domain %1: "
                                            "getinfo got domain %2: hypercall 36 fail: 3: No such process "
                                            "(ret -1)\")\n")
                                 .arg(*domid)
                                 .arg(*domid + 1));
        doms = {*it};
    }
    QList<QStringList> rows;
    if (!minimal)
        rows.append(cols);
    for (const SimDomain& d : doms) {
        const qint64 totPages = d.memoryKiB / 4;
        const qint64 maxPages = d.maxMemoryKiB / 4;
        const qint64 shadowMiB = d.hvm ? (d.maxMemoryKiB / 1024 / 256 + 1) * d.vcpus : 0;
        auto mem = [&](qint64 p, bool isMax) -> QString {
            if (isMax && d.domid == 0)
                return QStringLiteral("N/A");
            if (pages)
                return QString::number(p);
            if (bytes)
                return QString::number(p * 4096);
            return QString::number((p * 4096 + 1048575) / 1048576);
        };
        auto shadow = [&]() -> QString {
            if (pages)
                return QString::number(shadowMiB * 256);
            if (bytes)
                return QString::number(shadowMiB * 1048576);
            return QString::number(shadowMiB);
        };
        QString state;
        state += d.dying ? u'D' : u' ';
        state += d.shutdown ? u'S' : u' ';
        state += d.paused ? u'P' : u' ';
        state += d.blocked ? u'B' : u' ';
        state += d.running ? u'R' : u' ';
        state += d.hvm ? u'H' : u' ';
        QStringList row;
        for (const QString& col : cols) {
            if (col == u"id")
                row << QString::number(d.domid);
            else if (col == u"uuid")
                row << d.vmUuid;
            else if (col == u"state")
                row << state;
            else if (col == u"max vcpu id")
                row << QString::number(qMax(0, d.vcpus - 1));
            else if (col.startsWith(u"tot "))
                row << mem(totPages, false);
            else if (col.startsWith(u"max "))
                row << mem(maxPages, true);
            else if (col.startsWith(u"shadow "))
                row << shadow();
            else if (col == u"shutdown code")
                row << QString::number(d.crashed ? 3 : 0);
            else if (col == u"sif")
                row << QString::number(d.dying ? 0 : 0x83f00 + d.domid * 0x1d7);
            else if (col == u"cpu time")
                row << QString::number(qint64(d.cpuSeconds(c.now) * 1e9));
            else if (col == u"vcpus online")
                row << QString::number(d.dying ? 0 : d.vcpus);
            else if (col == u"max vcpu id")
                row << QString::number(qMax(0, d.vcpus - 1));
            else
                row << QStringLiteral("0");
        }
        rows.append(row);
    }
    QList<qsizetype> widths(cols.size(), 0);
    for (const QStringList& r : rows)
        for (qsizetype i = 0; i < r.size(); ++i)
            widths[i] = qMax(widths[i], r[i].size());
    for (const QStringList& r : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < r.size(); ++i)
            cells << r[i].rightJustified(widths[i], u' ');
        c.print(cells.join(QStringLiteral(" | ")) + u'\n');
    }
    return c.out;
}

} // namespace xr::sim::detail
