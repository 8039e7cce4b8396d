#include "XeRecords.h"

#include "HostText.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace xr {

namespace {

const QStringView kNotInDatabase = u"<not in database>";
const QStringView kExpensiveField = u"<expensive field>";

struct FieldLine
{
    QStringView name;
    XeFieldAccess access = XeFieldAccess::None;
    bool deprecated = false;
    QStringView value;
};

XeFieldAccess accessFromMarker(QStringView marker)
{
    // The marker is the five characters "( RO)" etc.; see print_field in xen-api's
    // cli_operations.ml.
    if (marker.size() != 5 || marker[0] != u'(' || marker[4] != u')')
        return XeFieldAccess::None;
    const QStringView inner = marker.mid(1, 3);
    if (inner == u" RO")
        return XeFieldAccess::RO;
    if (inner == u" RW")
        return XeFieldAccess::RW;
    if (inner == u"MRO")
        return XeFieldAccess::MRO;
    if (inner == u"MRW")
        return XeFieldAccess::MRW;
    if (inner == u"SRO")
        return XeFieldAccess::SRO;
    if (inner == u"SRW")
        return XeFieldAccess::SRW;
    return XeFieldAccess::None;
}

qsizetype skipSpaces(QStringView s, qsizetype i)
{
    while (i < s.size() && (s[i] == u' ' || s[i] == u'\t'))
        ++i;
    return i;
}

// After the key: optional padding, ':', then the value after one space. An empty value
// may have lost its trailing space (copy and paste, or an older xe).
std::optional<QStringView> valueAfterColon(QStringView line, qsizetype i)
{
    i = skipSpaces(line, i);
    if (i >= line.size() || line[i] != u':')
        return std::nullopt;
    ++i;
    if (i < line.size()) {
        if (line[i] != u' ')
            return std::nullopt;
        ++i;
    }
    return line.mid(i);
}

// `name (XXX)[ [DEPRECATED]]<padding>: value`. Field names never contain spaces, so the
// marker must follow the first word.
std::optional<FieldLine> matchMarkedField(QStringView line)
{
    const qsizetype begin = skipSpaces(line, 0);
    qsizetype end = begin;
    while (end < line.size() && line[end] != u' ' && line[end] != u'\t')
        ++end;
    if (end == begin || end + 6 > line.size() || line[end] != u' ')
        return std::nullopt;
    FieldLine f;
    f.access = accessFromMarker(line.mid(end + 1, 5));
    if (f.access == XeFieldAccess::None)
        return std::nullopt;
    f.name = line.mid(begin, end - begin);
    qsizetype i = end + 6;
    const QStringView deprecated = u" [DEPRECATED]";
    if (line.mid(i).startsWith(deprecated)) {
        f.deprecated = true;
        i += deprecated.size();
    }
    const auto value = valueAfterColon(line, i);
    if (!value)
        return std::nullopt;
    f.value = *value;
    return f;
}

// `key<padding>: value` without a marker (xe host-cpu-info and friends). xe pads every
// key to a common width (cli_printer.ml: the first key on the right, the others on the
// left), so a key with no padding on either side ("bash: xe: command not found") is not
// a field.
std::optional<FieldLine> matchPlainField(QStringView line)
{
    const qsizetype begin = skipSpaces(line, 0);
    qsizetype end = begin;
    while (end < line.size() && line[end] != u' ' && line[end] != u'\t' && line[end] != u':')
        ++end;
    if (end == begin)
        return std::nullopt;
    if (begin == 0 && (end >= line.size() || line[end] == u':'))
        return std::nullopt;
    const auto value = valueAfterColon(line, end);
    if (!value)
        return std::nullopt;
    FieldLine f;
    f.name = line.mid(begin, end - begin);
    f.value = *value;
    return f;
}

class RecordBuilder
{
public:
    explicit RecordBuilder(XeRecordList& out)
        : m_out(out)
    {}

    void addField(const FieldLine& f, qsizetype lineNo)
    {
        if (!m_open) {
            m_out.records.append(XeRecord{});
            m_out.records.last().line = lineNo;
            if (!m_names.isEmpty())
                m_names.clear();
            m_open = true;
            m_marked = f.access != XeFieldAccess::None;
        }
        XeRecord& record = m_out.records.last();
        const qsizetype index = record.fields.size();
        bool sameAsPrevious = false;
        const QString name = sharedName(f.name, index, &sameAsPrevious);
        // While this record repeats the names of a previous record without duplicates, in
        // the same order, it cannot hold a duplicate either: skip the check (large pools
        // print thousands of records with the same ~90 fields).
        if (index == 0)
            m_prefixMatches = m_out.records.size() >= 2 && !m_out.records[m_out.records.size() - 2].ambiguous;
        m_prefixMatches = m_prefixMatches && sameAsPrevious;
        if (!m_prefixMatches && isDuplicate(record, name)) {
            if (!record.ambiguous) {
                m_out.report.addProblem(lineNo, QCoreApplication::translate(
                                                    "xr::XeRecords",
                                                    "The field \"%1\" appears twice in one record; a value may contain "
                                                    "a line break that imitates a field.")
                                                    .arg(elide(name)));
            }
            record.ambiguous = true;
            record.ambiguities |= XeAmbiguity::RepeatedField;
        }
        record.fields.append(XeField{name, f.access, f.deprecated, f.value.toString(), lineNo});
        m_pendingBlankLines = 0;
    }

    // A line that is not a field continues the last value: xe prints values verbatim, so
    // a description with a line break spills onto the next lines.
    bool appendContinuation(QStringView line, qsizetype lineNo)
    {
        if (m_out.records.isEmpty() || m_out.records.last().fields.isEmpty())
            return false;
        XeField& field = m_out.records.last().fields.last();
        for (qsizetype i = 0; i < m_pendingBlankLines + 1; ++i)
            field.value += u'\n';
        field.value += line;
        m_pendingBlankLines = 0;
        m_open = true;
        m_out.report.addNote(lineNo,
                             QCoreApplication::translate("xr::XeRecords", "The value of \"%1\" continues on this line.")
                                 .arg(elide(field.name)));
        return true;
    }

    void blankLine()
    {
        if (m_open || m_pendingBlankLines > 0)
            ++m_pendingBlankLines;
        m_open = false;
    }

    bool open() const { return m_open; }
    bool marked() const { return m_marked; }

private:
    // Listings repeat the same names in the same order; sharing the previous record's
    // string saves an allocation per field on large pools.
    QString sharedName(QStringView name, qsizetype index, bool* same) const
    {
        const qsizetype previous = m_out.records.size() - 2;
        if (previous >= 0) {
            const QList<XeField>& fields = m_out.records[previous].fields;
            if (index < fields.size() && fields[index].name == name) {
                *same = true;
                return fields[index].name;
            }
        }
        *same = false;
        return name.toString();
    }

    bool isDuplicate(const XeRecord& record, const QString& name)
    {
        // Records have a few dozen fields: a scan is cheaper than hashing until they grow.
        constexpr qsizetype scanLimit = 64;
        if (record.fields.size() < scanLimit) {
            for (const XeField& f : record.fields) {
                if (f.name == name)
                    return true;
            }
            return false;
        }
        if (m_names.isEmpty()) {
            for (const XeField& f : record.fields)
                m_names.insert(f.name);
        }
        const bool found = m_names.contains(name);
        m_names.insert(name);
        return found;
    }

    XeRecordList& m_out;
    QSet<QString> m_names;
    bool m_open = false;
    bool m_marked = false;
    bool m_prefixMatches = false;
    qsizetype m_pendingBlankLines = 0;
};

bool hasLineBreak(QStringView value)
{
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u == u'\n' || u == u'\r' || u == u'\v' || u == u'\f' || u == 0x85 || u == 0x2028 || u == 0x2029)
            return true;
    }
    return false;
}

QString uuidKey(const XeRecord& r)
{
    const XeField* f = r.field(u"uuid");
    return f ? f->value.trimmed().toLower() : QString();
}

void flag(XeRecordList& list, qsizetype index, XeAmbiguity why, const QString& message)
{
    XeRecord& r = list.records[index];
    if (r.ambiguities.testFlag(why))
        return;
    r.ambiguities |= why;
    r.ambiguous = true;
    list.report.addProblem(r.line, message);
}

// Records that only a forgery could print: a uuid twice, a name over several lines, a
// record whose fields are not the listing's. A hostile value can imitate every other
// part of the format, so these are the signs that remain.
void flagAmbiguities(XeRecordList& list)
{
    const qsizetype n = list.records.size();
    for (qsizetype i = 0; i < n; ++i) {
        const XeField* name = list.records[i].field(u"name-label");
        if (name && hasLineBreak(name->value))
            flag(list, i, XeAmbiguity::LineBreakInName,
                 QCoreApplication::translate(
                     "xr::XeRecords",
                     "This record's name-label holds a line break: the lines after it may imitate fields or "
                     "records."));
    }
    if (n < 2)
        return;

    QHash<QString, QList<qsizetype>> byUuid;
    for (qsizetype i = 0; i < n; ++i) {
        const QString uuid = uuidKey(list.records[i]);
        if (!uuid.isEmpty())
            byUuid[uuid].append(i);
    }
    QList<qsizetype> suspects;
    for (auto it = byUuid.cbegin(); it != byUuid.cend(); ++it) {
        if (it->size() < 2)
            continue;
        for (const qsizetype i : *it) {
            flag(list, i, XeAmbiguity::RepeatedUuid,
                 QCoreApplication::translate("xr::XeRecords",
                                             "The uuid %1 appears in %2 records: one of them was printed by "
                                             "another record's value.")
                     .arg(elide(it.key()))
                     .arg(it->size()));
            suspects.append(i);
        }
    }

    // Every record of one listing has the same fields in the same order (the params
    // asked for, or the class's): the most common shape is the format.
    QHash<QString, qsizetype> shapeCount;
    QList<QString> shapes;
    shapes.reserve(n);
    for (const XeRecord& r : list.records) {
        QString shape;
        for (const XeField& f : r.fields) {
            shape += f.name;
            shape += u'\n';
        }
        ++shapeCount[shape];
        shapes.append(shape);
    }
    if (shapeCount.size() > 1) {
        qsizetype best = 0;
        qsizetype bestCount = 0;
        QString format;
        for (auto it = shapeCount.cbegin(); it != shapeCount.cend(); ++it) {
            if (it.value() > best) {
                best = it.value();
                bestCount = 1;
                format = it.key();
            } else if (it.value() == best) {
                ++bestCount;
            }
        }
        // A tie: no shape can be called the format, so no record is known to be whole.
        for (qsizetype i = 0; i < n; ++i) {
            if (bestCount == 1 && shapes[i] == format)
                continue;
            flag(list, i, XeAmbiguity::Misaligned,
                 QCoreApplication::translate(
                     "xr::XeRecords",
                     "This record's fields are not those of the other records: a value with line breaks may have "
                     "cut it or printed it."));
        }
    }
    // A record that claims another's uuid was printed by a value, most likely the name of the
    // record just before it. (A misaligned record is flagged itself: its own value may be
    // what imitates a field, and its neighbour need not be involved.)
    for (const qsizetype i : suspects) {
        if (i > 0)
            flag(list, i - 1, XeAmbiguity::BeforeForgery,
                 QCoreApplication::translate(
                     "xr::XeRecords", "The next record looks forged, and this record's value may be what printed it."));
    }
}

} // namespace

bool XeRecordList::hasAmbiguity() const
{
    return std::any_of(records.cbegin(), records.cend(), [](const XeRecord& r) { return r.ambiguous; });
}

bool XeMap::contains(QStringView key) const
{
    for (const XeMapEntry& e : entries) {
        if (e.key == key)
            return true;
    }
    return false;
}

QString XeMap::value(QStringView key) const
{
    for (const XeMapEntry& e : entries) {
        if (e.key == key)
            return e.value;
    }
    return {};
}

bool XeField::isPlaceholder() const
{
    return value == kNotInDatabase || value == kExpensiveField;
}

const XeField* XeRecord::field(QStringView name) const
{
    for (const XeField& f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QString XeRecord::value(QStringView name) const
{
    const XeField* f = field(name);
    return f ? f->value : QString();
}

std::optional<QString> XeRecord::knownValue(QStringView name) const
{
    const XeField* f = field(name);
    if (!f || f->isPlaceholder())
        return std::nullopt;
    return f->value;
}

std::optional<qint64> XeRecord::integer(QStringView name) const
{
    const XeField* f = field(name);
    if (!f)
        return std::nullopt;
    bool ok = false;
    const qint64 v = QStringView(f->value).trimmed().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

std::optional<bool> XeRecord::boolean(QStringView name) const
{
    const XeField* f = field(name);
    if (!f)
        return std::nullopt;
    const QStringView v = QStringView(f->value).trimmed();
    if (v == u"true")
        return true;
    if (v == u"false")
        return false;
    return std::nullopt;
}

XeMap XeRecord::map(QStringView name) const
{
    const XeField* f = field(name);
    return f ? XeRecords::parseMap(f->value) : XeMap{};
}

QStringList XeRecord::set(QStringView name) const
{
    const XeField* f = field(name);
    return f ? XeRecords::parseSet(f->value) : QStringList{};
}

XeMap XeRecords::parseMap(QStringView value)
{
    // xapi joins entries with "; " and writes "key: value" without escaping anything, so
    // a piece without ": " can only be the rest of the previous value.
    XeMap map;
    const QStringView trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return map;
    qsizetype start = 0;
    while (start <= trimmed.size()) {
        qsizetype sep = trimmed.indexOf(u"; ", start);
        if (sep < 0)
            sep = trimmed.size();
        const QStringView piece = trimmed.mid(start, sep - start);
        const qsizetype colon = piece.indexOf(u": ");
        const bool keyOnly = piece.endsWith(u':') && colon < 0;
        if (colon > 0 || keyOnly) {
            const qsizetype keyEnd = colon > 0 ? colon : piece.size() - 1;
            map.entries.append(
                XeMapEntry{piece.left(keyEnd).toString(), colon > 0 ? piece.mid(colon + 2).toString() : QString()});
        } else if (!map.entries.isEmpty()) {
            map.entries.last().value += QStringView(u"; ");
            map.entries.last().value += piece;
        } else if (!piece.isEmpty()) {
            map.entries.append(XeMapEntry{piece.toString(), QString()});
        }
        start = sep + 2;
    }
    return map;
}

QStringList XeRecords::parseSet(QStringView value)
{
    QStringList items;
    QStringView rest = value.trimmed();
    if (rest.endsWith(u';'))
        rest.chop(1);
    qsizetype start = 0;
    while (start <= rest.size()) {
        qsizetype sep = rest.indexOf(u"; ", start);
        if (sep < 0)
            sep = rest.size();
        const QStringView item = rest.mid(start, sep - start).trimmed();
        if (!item.isEmpty())
            items.append(item.toString());
        start = sep + 2;
    }
    return items;
}

QString XeRecords::accessName(XeFieldAccess access)
{
    switch (access) {
    case XeFieldAccess::None:
        return {};
    case XeFieldAccess::RO:
        return QStringLiteral("RO");
    case XeFieldAccess::RW:
        return QStringLiteral("RW");
    case XeFieldAccess::MRO:
        return QStringLiteral("MRO");
    case XeFieldAccess::MRW:
        return QStringLiteral("MRW");
    case XeFieldAccess::SRO:
        return QStringLiteral("SRO");
    case XeFieldAccess::SRW:
        return QStringLiteral("SRW");
    }
    return {};
}

Result<XeRecordList> XeRecords::parse(QByteArrayView output)
{
    XeRecordList out;
    const HostText text(output, out.report);
    if (text.isBlank())
        return out;
    if (text.isMostlyBinary()) {
        return Result<XeRecordList>::failure(
            QCoreApplication::translate("xr::XeRecords", "This is binary data, not xe output."),
            QStringLiteral("binary"));
    }

    RecordBuilder builder(out);
    qsizetype strayLines = 0;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty()) {
            builder.blankLine();
            continue;
        }
        std::optional<FieldLine> field = matchMarkedField(line);
        // Inside a record with markers, a marker-less "a: b" line is part of a value; only
        // records printed without markers take such lines as fields.
        if (!field && !(builder.open() && builder.marked()))
            field = matchPlainField(line);
        if (field) {
            builder.addField(*field, lineNo);
            continue;
        }
        if (!builder.appendContinuation(line, lineNo)) {
            ++strayLines;
            out.report.addProblem(
                lineNo, QCoreApplication::translate("xr::XeRecords", "This line is not part of an xe record: \"%1\".")
                            .arg(elide(line)));
        }
    }

    if (out.records.isEmpty()) {
        return Result<XeRecordList>::failure(
            QCoreApplication::translate("xr::XeRecords", "The output holds no xe record (expected lines such as "
                                                         "\"uuid ( RO): ...\")."),
            QStringLiteral("not-xe-records"));
    }
    if (text.lastLineUnterminated())
        out.report.addProblem(
            lines.size(), QCoreApplication::translate(
                              "xr::XeRecords", "The output ends in the middle of a line; it was probably cut off."));
    Q_UNUSED(strayLines)
    flagAmbiguities(out);
    return out;
}

} // namespace xr
