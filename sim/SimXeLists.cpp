#include "SimXeLists.h"

#include "SimNetwork.h"
#include "SimXeRecords.h"

namespace xr::sim::detail::xe {

namespace {

QString printRecord(const Rec& r)
{
    qsizetype maxlen = 0;
    for (const F& f : r)
        maxlen = qMax(maxlen, f.key().size());
    maxlen += 4;
    QStringList lines;
    for (qsizetype i = 0; i < r.size(); ++i) {
        const QString k = r[i].key();
        lines << (i == 0 ? k.leftJustified(maxlen, u' ') : k.rightJustified(maxlen, u' ')) + QStringLiteral(": ") +
                     r[i].value;
    }
    // multi_line_record ends with "\n", the printer adds "\n", the client print_endline.
    return lines.join(u'\n') + QStringLiteral("\n\n\n");
}

QString escapeCommas(const QString& s)
{
    QString out;
    for (const QChar ch : s) {
        if (ch == u',')
            out += QStringLiteral("\\,");
        else if (ch == u'\\')
            out += QStringLiteral("\\\\");
        else
            out += ch;
    }
    return out;
}

// Keeps records whose field `k` equals `v` (sets: contains; unknown fields match nothing).
QList<Rec> filterRecords(const QList<Rec>& recs, const QString& k, const QString& v)
{
    QList<Rec> out;
    for (const Rec& r : recs) {
        const F* f = field(r, k);
        if (!f)
            continue;
        if (f->value == v)
            out << r;
    }
    return out;
}

std::optional<Rec> recordByUuid(Ctx& c, const XeClass& cls, const QString& uuid)
{
    for (const Rec& r : cls.all(c))
        if (const F* f = field(r, QStringLiteral("uuid")); f && f->value == uuid)
            return r;
    return std::nullopt;
}

} // namespace

QList<XeClass> classes()
{
    return {
        {QStringLiteral("vm"),
         QStringLiteral("VM"),
         {QStringLiteral("name-label"), QStringLiteral("uuid"), QStringLiteral("power-state")},
         [](Ctx& c) {
             QList<Rec> out;
             for (SimVm& vm : c.pool.vms)
                 out << vmRecord(c, vm);
             return out;
         }},
        {QStringLiteral("host"),
         QStringLiteral("host"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description")},
         [](Ctx& c) {
             QList<Rec> out;
             for (SimHostModel& h : c.pool.hosts)
                 out << hostRecord(c, h);
             return out;
         }},
        {QStringLiteral("pool"),
         QStringLiteral("pool"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("master"), QStringLiteral("default-SR")},
         [](Ctx& c) { return QList<Rec>{poolRecord(c)}; }},
        {QStringLiteral("task"),
         QStringLiteral("task"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("status"), QStringLiteral("progress")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimTask& t : c.pool.tasks)
                 out << taskRecord(c, t);
             return out;
         }},
        {QStringLiteral("network"),
         QStringLiteral("network"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("bridge")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimNetwork& n : c.pool.networks)
                 out << networkRecord(c, n);
             return out;
         }},
        {QStringLiteral("pif"),
         QStringLiteral("PIF"),
         {QStringLiteral("uuid"), QStringLiteral("device"), QStringLiteral("currently-attached"),
          QStringLiteral("VLAN"), QStringLiteral("network-uuid")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimPif& p : c.pool.pifs)
                 out << pifRecord(c, p);
             return out;
         }},
        {QStringLiteral("vif"),
         QStringLiteral("VIF"),
         {QStringLiteral("uuid"), QStringLiteral("device"), QStringLiteral("vm-uuid"), QStringLiteral("network-uuid")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimVif& v : c.pool.vifs)
                 out << vifRecord(c, v);
             return out;
         }},
        {QStringLiteral("sr"),
         QStringLiteral("SR"),
         {QStringLiteral("uuid"), QStringLiteral("name-label"), QStringLiteral("name-description"),
          QStringLiteral("host"), QStringLiteral("type"), QStringLiteral("content-type")},
         [](Ctx& c) {
             QList<Rec> out;
             for (const SimSr& s : c.pool.srs)
                 out << srRecord(c, s);
             return out;
         }},
    };
}

SimCommandOutput listCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    QList<Rec> recs = cls.all(c);
    if (cls.cls == u"vm")
        recs = filterRecords(recs, QStringLiteral("is-a-template"), QStringLiteral("false"));
    for (const auto& [k, v] : p.kv)
        if (!isStdParam(k))
            recs = filterRecords(recs, k, v);
    QStringList wanted = cls.defaults;
    const QString params = p.get(QStringLiteral("params"));
    if (params == u"all")
        wanted.clear();
    else if (!params.isEmpty())
        wanted = params.split(u',');
    QList<Rec> printed;
    for (const Rec& r : recs) {
        Rec out;
        for (F f : r) {
            if (!wanted.isEmpty() && !wanted.contains(f.name))
                continue;
            if (f.expensive)
                f.value = QLatin1String(Expensive);
            out << f;
        }
        printed << out;
    }
    if (p.minimal) {
        QStringList values;
        for (const Rec& r : printed)
            if (!r.isEmpty())
                values << escapeCommas(r.first().value);
        c.print(values.join(u',') + u'\n');
        return c.out;
    }
    for (const Rec& r : printed)
        if (!r.isEmpty())
            c.print(printRecord(r));
    return c.out;
}

SimCommandOutput paramListCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    if (!p.has(QStringLiteral("uuid")))
        return c.fail(1, QStringLiteral("Required parameter not found: uuid\n"));
    const auto rec = recordByUuid(c, cls, p.get(QStringLiteral("uuid")));
    if (!rec)
        return uuidInvalid(c, cls.errName, p.get(QStringLiteral("uuid")));
    c.print(printRecord(*rec));
    return c.out;
}

SimCommandOutput paramGetCmd(Ctx& c, const XeClass& cls, const Params& p)
{
    for (const char* req : {"uuid", "param-name"})
        if (!p.has(QLatin1String(req)))
            return c.fail(1, QStringLiteral("Required parameter not found: %1\n").arg(QLatin1String(req)));
    const auto rec = recordByUuid(c, cls, p.get(QStringLiteral("uuid")));
    if (!rec)
        return uuidInvalid(c, cls.errName, p.get(QStringLiteral("uuid")));
    const QString name = p.get(QStringLiteral("param-name"));
    const F* f = field(*rec, name);
    if (!f)
        return cliError(c, QStringLiteral("Unknown field '%1'").arg(name));
    if (p.has(QStringLiteral("param-key"))) {
        if (f->kind != 'M')
            return cliError(c, QStringLiteral("Key %1 not found in map").arg(p.get(QStringLiteral("param-key"))));
        const QString key = p.get(QStringLiteral("param-key"));
        for (const QString& entry : f->value.split(QStringLiteral("; "))) {
            if (entry.startsWith(key + QStringLiteral(": "))) {
                c.print(entry.mid(key.size() + 2) + u'\n');
                return c.out;
            }
        }
        return cliError(c, QStringLiteral("Key %1 not found in map").arg(key));
    }
    c.print(f->value + u'\n');
    return c.out;
}

} // namespace xr::sim::detail::xe
