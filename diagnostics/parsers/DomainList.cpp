#include "DomainList.h"

#include "HostText.h"
#include "SexpReader.h"
#include "XeMinimal.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace xr {

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kPageSize = 4096;
// Xen domain IDs stop below 0x7FF0, so no real listing comes near this many rows; the
// cap keeps hostile input from costing gigabytes.
constexpr qsizetype kMaxDomains = 65536;

// True (after reporting once) when the listing already holds kMaxDomains domains.
bool atDomainLimit(DomainList& out, qsizetype lineNo)
{
    if (out.domains.size() < kMaxDomains)
        return false;
    out.report.addProblem(lineNo, QCoreApplication::translate("xr::DomainListParser",
                                                              "More than %1 domains: this is not a real listing; the "
                                                              "rest was not read.")
                                      .arg(kMaxDomains));
    return true;
}

bool isUnsigned(QStringView t)
{
    if (t.isEmpty() || t.size() > 18)
        return false;
    for (const QChar c : t) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isDecimal(QStringView t)
{
    bool ok = false;
    const double v = t.toDouble(&ok);
    return ok && std::isfinite(v) && v >= 0 && (t[0].isDigit());
}

std::optional<qint64> toInt(QStringView t)
{
    bool ok = false;
    const qint64 v = t.trimmed().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a <= 0 ? 0 : (a + b - 1) / b;
}

Result<DomainList> emptyOrBinary(const HostText& text, const char* what)
{
    if (text.isMostlyBinary()) {
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser", "This is binary data, not %1 output.")
                .arg(QString::fromLatin1(what)),
            QStringLiteral("binary"));
    }
    return Result<DomainList>::failure(
        QCoreApplication::translate("xr::DomainListParser",
                                    "The output of %1 is empty; it always lists at least the control domain.")
            .arg(QString::fromLatin1(what)),
        QStringLiteral("empty"));
}

void checkUniqueIds(DomainList& out)
{
    QSet<qint64> seen;
    for (const Domain& d : out.domains) {
        if (d.id < 0)
            continue;
        if (seen.contains(d.id) && out.report.issues.size() < ParseReport::MaxIssues) {
            out.report.addProblem(d.line, QCoreApplication::translate("xr::DomainListParser",
                                                                      "Domain ID %1 is listed twice; a domain name may "
                                                                      "contain a line break.")
                                              .arg(d.id));
        }
        seen.insert(d.id);
    }
}

void noteCut(const HostText& text, DomainList& out)
{
    if (text.lastLineUnterminated()) {
        out.report.addProblem(text.lines().size(),
                              QCoreApplication::translate("xr::DomainListParser",
                                                          "The output ends in the middle of a line; it was probably "
                                                          "cut off."));
    }
}

// Header words that belong together: xl prints "Security Label" and "NODE Affinity".
QStringList headerColumns(const QList<TextToken>& tokens, qsizetype from)
{
    QStringList names;
    for (qsizetype i = from; i < tokens.size(); ++i) {
        const QStringView t = tokens[i].text;
        if (!names.isEmpty() &&
            ((t == u"Label" && names.last() == u"Security") || (t == u"Affinity" && names.last() == u"NODE"))) {
            names.last() += u' ';
            names.last() += t;
            continue;
        }
        names.append(t.toString());
    }
    return names;
}

bool isToolstackHeader(const QList<TextToken>& tokens)
{
    return tokens.size() >= 6 && tokens[0].text == u"Name" && tokens[1].text == u"ID";
}

Result<DomainList> parseToolstackTable(QByteArrayView output, DomainListFormat format, const char* command)
{
    DomainList out;
    out.format = format;
    const HostText text(output, out.report);
    if (text.isBlank() || text.isMostlyBinary())
        return emptyOrBinary(text, command);

    bool headerFound = false;
    QStringList extraNames;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty())
            continue;
        if (atDomainLimit(out, lineNo))
            break;
        const QList<TextToken> tokens = splitWhitespace(line);
        if (isToolstackHeader(tokens)) {
            qsizetype timeIndex = -1;
            for (qsizetype t = 0; t < tokens.size(); ++t) {
                if (tokens[t].text == u"Time(s)")
                    timeIndex = t;
            }
            extraNames = timeIndex >= 0 ? headerColumns(tokens, timeIndex + 1) : QStringList();
            headerFound = true;
            continue;
        }

        // Read from the numeric columns inward: a name may contain spaces (or digits),
        // so the state field is the rightmost token that has three whole numbers before
        // it and a time after it.
        qsizetype k = -1;
        for (qsizetype c = tokens.size() - 2; c >= 4; --c) {
            const qsizetype after = tokens.size() - (c + 2);
            if (headerFound && extraNames.isEmpty() && after != 0)
                continue;
            if (!DomainState::fromXl(tokens[c].text) || !isUnsigned(tokens[c - 3].text) ||
                !isUnsigned(tokens[c - 2].text) || !isUnsigned(tokens[c - 1].text) || !isDecimal(tokens[c + 1].text))
                continue;
            k = c;
            break;
        }
        if (k < 0) {
            out.report.addProblem(
                lineNo, QCoreApplication::translate("xr::DomainListParser", "This line is not a domain: \"%1\".")
                            .arg(elide(line)));
            continue;
        }
        Domain d;
        d.line = lineNo;
        d.name = line.left(tokens[k - 3].position).trimmed().toString();
        d.id = tokens[k - 3].text.toLongLong();
        d.memoryMiB = tokens[k - 2].text.toLongLong();
        d.vcpus = tokens[k - 1].text.toInt();
        d.state = *DomainState::fromXl(tokens[k].text);
        d.cpuTimeSeconds = tokens[k + 1].text.toDouble();

        const qsizetype firstExtra = k + 2;
        const qsizetype extraCount = tokens.size() - firstExtra;
        if (extraCount > 0) {
            if (extraCount == extraNames.size()) {
                for (qsizetype e = 0; e < extraCount; ++e)
                    d.extraColumns.append(DomainColumn{extraNames[e], tokens[firstExtra + e].text.toString()});
            } else {
                // Values with spaces (labels) or a header we did not see: keep the text whole.
                d.extraColumns.append(
                    DomainColumn{extraNames.join(u' '), line.mid(tokens[firstExtra].position).trimmed().toString()});
            }
            for (qsizetype e = firstExtra; e < tokens.size(); ++e) {
                if (XeMinimal::isUuid(tokens[e].text)) {
                    d.uuid = tokens[e].text.toString();
                    break;
                }
            }
        }
        out.domains.append(std::move(d));
    }

    if (out.domains.isEmpty()) {
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser", "The output of %1 lists no domain.")
                .arg(QString::fromLatin1(command)),
            QStringLiteral("no-domains"));
    }
    if (!headerFound) {
        out.report.addNote(
            0, QCoreApplication::translate("xr::DomainListParser", "The header line (Name ID Mem ...) is missing."));
    }
    checkUniqueIds(out);
    noteCut(text, out);
    return out;
}

std::optional<qint64> memoryCell(QStringView cell, QStringView unit)
{
    const QStringView v = cell.trimmed();
    if (v == u"N/A")
        return std::nullopt;
    const auto n = toInt(v);
    if (!n)
        return std::nullopt;
    if (unit == u"MiB")
        return *n;
    if (unit == u"bytes")
        return ceilDiv(*n, kMiB);
    if (unit == u"pages")
        return ceilDiv(*n * kPageSize, kMiB);
    return std::nullopt;
}

Result<DomainList> parseListDomainsMinimal(const HostText& text, DomainList out)
{
    out.format = DomainListFormat::ListDomainsMinimal;
    for (qsizetype i = 0; i < text.lines().size(); ++i) {
        const QStringView line = text.lines()[i].trimmed();
        if (line.isEmpty())
            continue;
        if (atDomainLimit(out, i + 1))
            break;
        if (!XeMinimal::isUuid(line)) {
            out.report.addProblem(
                i + 1, QCoreApplication::translate("xr::DomainListParser", "This line is not a domain UUID: \"%1\".")
                           .arg(elide(line)));
            continue;
        }
        Domain d;
        d.uuid = line.toString();
        d.line = i + 1;
        out.domains.append(std::move(d));
    }
    if (out.domains.isEmpty()) {
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser", "The output of list_domains lists no domain."),
            QStringLiteral("no-domains"));
    }
    noteCut(text, out);
    return out;
}

} // namespace

std::optional<DomainState> DomainState::fromXl(QStringView flags)
{
    // Six places in the order of xl's and xm's "State" column.
    static constexpr char16_t letters[] = u"rbpscd";
    if (flags.size() != 6)
        return std::nullopt;
    DomainState s;
    bool* fields[] = {&s.running, &s.blocked, &s.paused, &s.shutdown, &s.crashed, &s.dying};
    for (qsizetype i = 0; i < 6; ++i) {
        if (flags[i] == letters[i])
            *fields[i] = true;
        else if (flags[i] != u'-')
            return std::nullopt;
    }
    return s;
}

std::optional<DomainState> DomainState::fromListDomains(QStringView cell)
{
    // list_domains pads each flag place with a space; decode by letter, so a cell that
    // lost its trailing spaces still reads right.
    if (cell.size() > 6)
        cell = cell.trimmed();
    if (cell.size() > 6)
        return std::nullopt;
    DomainState s;
    s.hvm = false;
    for (const QChar c : cell) {
        switch (c.unicode()) {
        case u'D':
            s.dying = true;
            break;
        case u'S':
            s.shutdown = true;
            break;
        case u'P':
            s.paused = true;
            break;
        case u'B':
            s.blocked = true;
            break;
        case u'R':
            s.running = true;
            break;
        case u'H':
            s.hvm = true;
            break;
        case u' ':
            break;
        default:
            return std::nullopt;
        }
    }
    return s;
}

QString DomainState::toXlString() const
{
    QString s(6, u'-');
    if (running)
        s[0] = u'r';
    if (blocked)
        s[1] = u'b';
    if (paused)
        s[2] = u'p';
    if (shutdown)
        s[3] = u's';
    if (crashed)
        s[4] = u'c';
    if (dying)
        s[5] = u'd';
    return s;
}

QString Domain::column(QStringView name) const
{
    for (const DomainColumn& c : extraColumns) {
        if (c.name == name)
            return c.value;
    }
    return {};
}

const Domain* DomainList::byId(qint64 id) const
{
    for (const Domain& d : domains) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

const Domain* DomainList::byUuid(QStringView uuid) const
{
    for (const Domain& d : domains) {
        if (!d.uuid.isEmpty() && QStringView(d.uuid).compare(uuid, Qt::CaseInsensitive) == 0)
            return &d;
    }
    return nullptr;
}

const Domain* DomainList::byName(QStringView name) const
{
    for (const Domain& d : domains) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

Result<DomainList> DomainListParser::parseXlList(QByteArrayView output)
{
    return parseToolstackTable(output, DomainListFormat::XlList, "xl list");
}

Result<DomainList> DomainListParser::parseXmList(QByteArrayView output)
{
    return parseToolstackTable(output, DomainListFormat::XmList, "xm list");
}

Result<DomainList> DomainListParser::parseListDomains(QByteArrayView output)
{
    DomainList out;
    out.format = DomainListFormat::ListDomains;
    const HostText text(output, out.report);
    if (text.isBlank() || text.isMostlyBinary())
        return emptyOrBinary(text, "list_domains");

    const QList<QStringView>& lines = text.lines();
    qsizetype headerIndex = -1;
    QStringList columns;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines[i].contains(u" | "))
            continue;
        const QList<QStringView> cells = lines[i].split(u" | ");
        QStringList names;
        for (const QStringView c : cells)
            names.append(c.trimmed().toString());
        if (!names.contains(QStringLiteral("uuid")))
            continue;
        // list_domains prints "Warning, ignoring unknown argument: X" without a newline,
        // so the first header cell can carry it.
        if (names.first() != u"id" && names.first().endsWith(u"id")) {
            out.report.addNote(i + 1, QCoreApplication::translate("xr::DomainListParser",
                                                                  "list_domains printed a warning before the header: "
                                                                  "\"%1\".")
                                          .arg(elide(QStringView(names.first()).chopped(2).trimmed())));
            names.first() = QStringLiteral("id");
        }
        headerIndex = i;
        columns = names;
        break;
    }
    if (headerIndex < 0) {
        bool anyPipe = false;
        for (const QStringView l : lines)
            anyPipe = anyPipe || l.contains(u'|');
        if (!anyPipe)
            return parseListDomainsMinimal(text, std::move(out));
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser",
                                        "The list_domains header (id | uuid | state ...) is missing."),
            QStringLiteral("no-header"));
    }

    for (qsizetype i = headerIndex + 1; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const qsizetype lineNo = i + 1;
        if (line.trimmed().isEmpty())
            continue;
        if (atDomainLimit(out, lineNo))
            break;
        const QList<QStringView> cells = line.split(u" | ");
        if (cells.size() != columns.size()) {
            out.report.addProblem(lineNo, QCoreApplication::translate("xr::DomainListParser",
                                                                      "This line has %1 columns instead of %2: \"%3\".")
                                              .arg(cells.size())
                                              .arg(columns.size())
                                              .arg(elide(line)));
            continue;
        }
        Domain d;
        d.line = lineNo;
        bool valid = true;
        for (qsizetype c = 0; c < cells.size() && valid; ++c) {
            const QString& name = columns[c];
            const QStringView cell = cells[c];
            if (name == u"id") {
                const auto id = toInt(cell);
                valid = id.has_value() && *id >= 0;
                d.id = id.value_or(-1);
            } else if (name == u"uuid") {
                d.uuid = cell.trimmed().toString();
                valid = XeMinimal::isUuid(d.uuid);
            } else if (name == u"state") {
                const auto state = DomainState::fromListDomains(cell);
                valid = state.has_value();
                if (state)
                    d.state = *state;
            } else if (name.startsWith(u"tot ")) {
                d.memoryMiB = memoryCell(cell, QStringView(name).mid(4));
            } else if (name.startsWith(u"max ") && name != u"max vcpu id") {
                d.maxMemoryMiB = memoryCell(cell, QStringView(name).mid(4));
            } else if (name.startsWith(u"shadow ")) {
                d.shadowMemoryMiB = memoryCell(cell, QStringView(name).mid(7));
            } else if (name == u"cpu time") {
                // Nanoseconds (Xenctrl's cpu_time).
                if (const auto ns = toInt(cell))
                    d.cpuTimeSeconds = double(*ns) / 1e9;
            } else if (name == u"vcpus online") {
                if (const auto v = toInt(cell))
                    d.vcpus = int(*v);
            } else {
                d.extraColumns.append(DomainColumn{name, cell.trimmed().toString()});
            }
        }
        if (!valid) {
            out.report.addProblem(
                lineNo, QCoreApplication::translate("xr::DomainListParser", "This line is not a domain: \"%1\".")
                            .arg(elide(line)));
            continue;
        }
        out.domains.append(std::move(d));
    }
    if (out.domains.isEmpty()) {
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser", "The output of list_domains lists no domain."),
            QStringLiteral("no-domains"));
    }
    checkUniqueIds(out);
    noteCut(text, out);
    return out;
}

Result<DomainList> DomainListParser::parseXmListLong(QByteArrayView output)
{
    auto doc = SexpReader::parse(output);
    if (!doc)
        return Result<DomainList>(doc.error());
    DomainList out;
    out.format = DomainListFormat::XmListLong;
    out.report = doc->report;
    for (const SexpNode* form : doc->formsNamed(u"domain")) {
        Domain d;
        d.line = form->line;
        d.id = toInt(form->value(u"domid")).value_or(-1);
        d.name = form->value(u"name");
        d.uuid = form->value(u"uuid");
        d.memoryMiB = toInt(form->value(u"memory"));
        d.maxMemoryMiB = toInt(form->value(u"maxmem"));
        d.shadowMemoryMiB = toInt(form->value(u"shadow_memory"));
        const auto online = toInt(form->value(u"online_vcpus"));
        const auto vcpus = online ? online : toInt(form->value(u"vcpus"));
        if (vcpus)
            d.vcpus = int(*vcpus);
        const QString state = form->value(u"state");
        if (const auto s = DomainState::fromXl(state))
            d.state = *s;
        else if (!state.isNull())
            out.report.addProblem(
                form->line,
                QCoreApplication::translate("xr::DomainListParser", "Domain \"%1\" has an unreadable state \"%2\".")
                    .arg(elide(d.name), elide(state)));
        bool ok = false;
        const double cpu = form->value(u"cpu_time").toDouble(&ok);
        if (ok)
            d.cpuTimeSeconds = cpu;
        out.domains.append(std::move(d));
    }
    if (out.domains.isEmpty()) {
        return Result<DomainList>::failure(
            QCoreApplication::translate("xr::DomainListParser", "The output of xm list --long holds no (domain ...)."),
            QStringLiteral("no-domains"));
    }
    checkUniqueIds(out);
    return out;
}

Result<DomainList> DomainListParser::parse(QByteArrayView output)
{
    ParseReport scratch;
    const HostText text(output, scratch);
    for (const QStringView line : text.lines()) {
        const QStringView t = line.trimmed();
        if (t.isEmpty())
            continue;
        if (t.startsWith(u'('))
            return parseXmListLong(output);
        if (t.contains(u" | "))
            return parseListDomains(output);
        const QList<TextToken> tokens = splitWhitespace(t);
        if (isToolstackHeader(tokens)) {
            for (const TextToken& tok : tokens) {
                if (tok.text == u"Mem(MiB)")
                    return parseXmList(output);
            }
            return parseXlList(output);
        }
        if (XeMinimal::isUuid(t))
            return parseListDomains(output);
        break;
    }
    if (text.isBlank() || text.isMostlyBinary())
        return emptyOrBinary(text, "the domain list");
    // No header: try the toolstack table, whose rows are recognisable on their own.
    return parseXlList(output);
}

} // namespace xr
