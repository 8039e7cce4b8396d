#include "ErrorCatalogue.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace xr {

namespace {

constexpr auto kContext = "xr::ErrorCatalogue";

const QString kEn = QStringLiteral("en");

struct RiskName
{
    CatalogueRisk risk;
    const char16_t* name;
};
constexpr RiskName kRiskNames[] = {
    {CatalogueRisk::Safe, u"safe"}, {CatalogueRisk::Low, u"low"},           {CatalogueRisk::Medium, u"medium"},
    {CatalogueRisk::High, u"high"}, {CatalogueRisk::Critical, u"critical"},
};

const QStringList& knownFlavours()
{
    static const QStringList flavours{QStringLiteral("xapi"), QStringLiteral("xl"), QStringLiteral("xm"),
                                      QStringLiteral("any")};
    return flavours;
}

bool isKebabId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return re.match(id).hasMatch();
}

// The regex source with backslashes before punctuation removed, so that a prefilter
// such as "(vbd) could" can be found in "\(vbd\) could".
QString unescapePunctuation(const QString& regex)
{
    QString out;
    out.reserve(regex.size());
    for (qsizetype i = 0; i < regex.size(); ++i) {
        const QChar c = regex.at(i);
        if (c == u'\\' && i + 1 < regex.size() && !regex.at(i + 1).isLetterOrNumber()) {
            out += regex.at(++i);
            continue;
        }
        out += c;
    }
    return out;
}

// Reads {"en": ..., "zh_CN": ...}; English is required, every value must be a non-empty string.
std::optional<LocalizedText> readText(const QJsonValue& value, const QString& field, QStringList& errors)
{
    if (!value.isObject()) {
        errors << QCoreApplication::translate(
                      kContext, "\"%1\" must be an object of texts keyed by language (\"en\", \"zh_CN\").")
                      .arg(field);
        return std::nullopt;
    }
    LocalizedText text;
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString s = it.value().toString().trimmed();
        if (!it.value().isString() || s.isEmpty()) {
            errors << QCoreApplication::translate(kContext,
                                                  "\"%1\" has an empty or non-text value for language \"%2\".")
                          .arg(field, it.key());
            return std::nullopt;
        }
        text.byLanguage.insert(it.key(), s);
    }
    if (!text.byLanguage.contains(kEn)) {
        errors << QCoreApplication::translate(kContext, "\"%1\" has no English (\"en\") text.").arg(field);
        return std::nullopt;
    }
    return text;
}

// Validates one needle (literal or prefilter) and returns its UTF-8 bytes.
std::optional<QByteArray> readNeedle(const QJsonValue& value, const QString& what, QStringList& errors)
{
    if (!value.isString() || value.toString().isEmpty()) {
        errors << QCoreApplication::translate(kContext, "The %1 must be a non-empty string.").arg(what);
        return std::nullopt;
    }
    const QString s = value.toString();
    if (s.contains(u'\n') || s.contains(u'\r')) {
        errors << QCoreApplication::translate(kContext,
                                              "The %1 \"%2\" contains a line break; patterns match single lines.")
                      .arg(what, s);
        return std::nullopt;
    }
    const QByteArray bytes = s.toUtf8();
    if (bytes.size() < ErrorCatalogue::kMinNeedleBytes) {
        errors << QCoreApplication::translate(kContext,
                                              "The %1 \"%2\" is shorter than %3 bytes and would match too many lines.")
                      .arg(what, s)
                      .arg(ErrorCatalogue::kMinNeedleBytes);
        return std::nullopt;
    }
    return bytes;
}

std::optional<CataloguePattern> readPattern(const QJsonValue& value, qsizetype index, QStringList& errors)
{
    const QString where = QCoreApplication::translate(kContext, "pattern %1").arg(index + 1);
    if (!value.isObject()) {
        errors
            << QCoreApplication::translate(kContext, "%1 must be an object with \"literal\" or \"regex\".").arg(where);
        return std::nullopt;
    }
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() != u"literal" && it.key() != u"regex" && it.key() != u"prefilter") {
            errors << QCoreApplication::translate(kContext, "%1 has an unknown field \"%2\".").arg(where, it.key());
            return std::nullopt;
        }
    }
    const bool hasLiteral = obj.contains(u"literal");
    const bool hasRegex = obj.contains(u"regex");
    if (hasLiteral == hasRegex) {
        errors
            << QCoreApplication::translate(kContext, "%1 needs exactly one of \"literal\" and \"regex\".").arg(where);
        return std::nullopt;
    }
    CataloguePattern p;
    if (hasLiteral) {
        if (obj.contains(u"prefilter")) {
            errors << QCoreApplication::translate(kContext, "%1: a literal needs no \"prefilter\".").arg(where);
            return std::nullopt;
        }
        const auto bytes = readNeedle(obj.value(u"literal"),
                                      QCoreApplication::translate(kContext, "literal of %1").arg(where), errors);
        if (!bytes)
            return std::nullopt;
        p.kind = CataloguePattern::Kind::Literal;
        p.literal = *bytes;
        return p;
    }
    p.kind = CataloguePattern::Kind::Regex;
    p.regex = obj.value(u"regex").toString();
    if (p.regex.isEmpty()) {
        errors << QCoreApplication::translate(kContext, "%1: \"regex\" must be a non-empty string.").arg(where);
        return std::nullopt;
    }
    const QRegularExpression re(p.regex);
    if (!re.isValid()) {
        errors << QCoreApplication::translate(kContext,
                                              "%1: the regular expression \"%2\" does not compile: %3 (at offset %4).")
                      .arg(where, p.regex, re.errorString())
                      .arg(re.patternErrorOffset());
        return std::nullopt;
    }
    if (!obj.contains(u"prefilter")) {
        errors << QCoreApplication::translate(kContext,
                                              "%1: the regular expression \"%2\" has no \"prefilter\" (a literal every "
                                              "matching line contains).")
                      .arg(where, p.regex);
        return std::nullopt;
    }
    const auto bytes = readNeedle(obj.value(u"prefilter"),
                                  QCoreApplication::translate(kContext, "prefilter of %1").arg(where), errors);
    if (!bytes)
        return std::nullopt;
    if (!unescapePunctuation(p.regex).contains(QString::fromUtf8(*bytes))) {
        errors << QCoreApplication::translate(
                      kContext, "%1: the prefilter \"%2\" does not appear literally in the regular expression \"%3\".")
                      .arg(where, QString::fromUtf8(*bytes), p.regex);
        return std::nullopt;
    }
    p.prefilter = *bytes;
    return p;
}

// Reads one entry; every problem found goes to `errors` (all of them, not just the first).
std::optional<CatalogueEntry> readEntry(const QJsonObject& obj, QStringList& errors)
{
    static const QStringList kFields{QStringLiteral("id"),      QStringLiteral("patterns"), QStringLiteral("title"),
                                     QStringLiteral("meaning"), QStringLiteral("steps"),    QStringLiteral("risk"),
                                     QStringLiteral("source"),  QStringLiteral("flavours")};
    const qsizetype errorsBefore = errors.size();
    CatalogueEntry e;
    for (const QString& f : kFields) {
        if (!obj.contains(f))
            errors << QCoreApplication::translate(kContext, "Missing field \"%1\".").arg(f);
    }
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!kFields.contains(it.key()))
            errors << QCoreApplication::translate(kContext, "Unknown field \"%1\".").arg(it.key());
    }
    if (errors.size() > errorsBefore)
        return std::nullopt;

    e.id = obj.value(u"id").toString();
    if (!isKebabId(e.id))
        errors << QCoreApplication::translate(kContext, "The id \"%1\" is not kebab-case (a-z, 0-9 and single dashes).")
                      .arg(e.id);

    const QJsonValue patterns = obj.value(u"patterns");
    if (!patterns.isArray() || patterns.toArray().isEmpty()) {
        errors << QCoreApplication::translate(kContext, "\"patterns\" must be a non-empty list.");
    } else {
        const QJsonArray arr = patterns.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (auto p = readPattern(arr.at(i), i, errors))
                e.patterns << *p;
        }
    }

    if (auto t = readText(obj.value(u"title"), QStringLiteral("title"), errors))
        e.title = *t;
    if (auto t = readText(obj.value(u"meaning"), QStringLiteral("meaning"), errors))
        e.meaning = *t;

    const auto risk = catalogueRiskFromString(obj.value(u"risk").toString());
    if (!risk)
        errors << QCoreApplication::translate(kContext, "\"risk\" must be one of safe, low, medium, high, critical.");
    else
        e.risk = *risk;

    const QJsonValue steps = obj.value(u"steps");
    if (!steps.isArray() || steps.toArray().isEmpty()) {
        errors << QCoreApplication::translate(kContext, "\"steps\" must be a non-empty list.");
    } else {
        const QJsonArray arr = steps.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString where = QCoreApplication::translate(kContext, "step %1").arg(i + 1);
            if (!arr.at(i).isObject()) {
                errors << QCoreApplication::translate(kContext, "%1 must be an object.").arg(where);
                continue;
            }
            const QJsonObject so = arr.at(i).toObject();
            CatalogueStep step;
            for (auto it = so.begin(); it != so.end(); ++it) {
                if (it.key() != u"text" && it.key() != u"command" && it.key() != u"risk")
                    errors << QCoreApplication::translate(kContext, "%1 has an unknown field \"%2\".")
                                  .arg(where, it.key());
            }
            if (auto t = readText(so.value(u"text"), where, errors))
                step.text = *t;
            if (so.contains(u"command")) {
                step.command = so.value(u"command").toString();
                if (!so.value(u"command").isString() || step.command.trimmed().isEmpty())
                    errors << QCoreApplication::translate(kContext, "%1: \"command\" must be a non-empty string.")
                                  .arg(where);
            }
            if (so.contains(u"risk")) {
                step.risk = catalogueRiskFromString(so.value(u"risk").toString());
                if (!step.risk)
                    errors << QCoreApplication::translate(
                                  kContext, "%1: \"risk\" must be one of safe, low, medium, high, critical.")
                                  .arg(where);
                else if (risk && *step.risk > *risk)
                    errors << QCoreApplication::translate(kContext, "%1 is riskier (%2) than the entry's risk (%3).")
                                  .arg(where, catalogueRiskToString(*step.risk), catalogueRiskToString(*risk));
            }
            e.steps << step;
        }
    }

    e.source = obj.value(u"source").toString().trimmed();
    if (e.source.isEmpty())
        errors << QCoreApplication::translate(kContext, "\"source\" must say where the knowledge comes from.");

    const QJsonValue flavours = obj.value(u"flavours");
    if (!flavours.isArray() || flavours.toArray().isEmpty()) {
        errors << QCoreApplication::translate(kContext,
                                              "\"flavours\" must be a non-empty list of xapi, xl, xm or any.");
    } else {
        for (const QJsonValue& v : flavours.toArray()) {
            const QString f = v.toString();
            if (!knownFlavours().contains(f))
                errors << QCoreApplication::translate(kContext, "Unknown flavour \"%1\" (use xapi, xl, xm or any).")
                              .arg(v.toString());
            else if (!e.flavours.contains(f))
                e.flavours << f;
        }
    }

    if (errors.size() > errorsBefore)
        return std::nullopt;
    return e;
}

} // namespace

std::optional<CatalogueRisk> catalogueRiskFromString(QStringView text)
{
    for (const RiskName& r : kRiskNames) {
        if (text == QStringView(r.name))
            return r.risk;
    }
    return std::nullopt;
}

QString catalogueRiskToString(CatalogueRisk risk)
{
    for (const RiskName& r : kRiskNames) {
        if (r.risk == risk)
            return QString::fromUtf16(r.name);
    }
    return {};
}

QString LocalizedText::text(QStringView language) const
{
    if (language.isEmpty())
        return english();
    const QString exact = byLanguage.value(language.toString());
    if (!exact.isEmpty())
        return exact;
    // "zh" or "zh_TW" still prefers another Chinese text over English.
    const QStringView base = language.left(language.indexOf(u'_') < 0 ? language.size() : language.indexOf(u'_'));
    for (auto it = byLanguage.begin(); it != byLanguage.end(); ++it) {
        const QStringView key(it.key());
        if (key == base || key.startsWith(base.toString() + u'_'))
            return it.value();
    }
    return english();
}

bool CatalogueEntry::appliesTo(QStringView flavour) const
{
    for (const QString& f : flavours) {
        if (f == u"any" || f == flavour)
            return true;
    }
    return false;
}

Result<ErrorCatalogue> ErrorCatalogue::fromJson(QByteArrayView json)
{
    QList<CatalogueProblem> problems;
    ErrorCatalogue c = fromJson(json, problems);
    if (problems.isEmpty())
        return c;
    QStringList lines;
    for (const CatalogueProblem& p : problems) {
        if (p.entryIndex < 0)
            lines << p.message;
        else if (!p.entryId.isEmpty())
            lines << QCoreApplication::translate(kContext, "Entry %1 (%2): %3")
                         .arg(p.entryIndex + 1)
                         .arg(p.entryId, p.message);
        else
            lines << QCoreApplication::translate(kContext, "Entry %1: %2").arg(p.entryIndex + 1).arg(p.message);
    }
    return Result<ErrorCatalogue>::failure(lines.join(u'\n'), QStringLiteral("CATALOGUE_INVALID"));
}

ErrorCatalogue ErrorCatalogue::fromJson(QByteArrayView json, QList<CatalogueProblem>& problems)
{
    problems.clear();
    ErrorCatalogue out;
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &perr);
    if (perr.error != QJsonParseError::NoError) {
        problems << CatalogueProblem{
            -1,
            {},
            QCoreApplication::translate(kContext, "The catalogue is not valid JSON: %1 (at byte %2).")
                .arg(perr.errorString())
                .arg(perr.offset)};
        return out;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(u"format").toString() != u"xenrescue-catalogue") {
        problems << CatalogueProblem{
            -1,
            {},
            QCoreApplication::translate(kContext, "This is not a XenRescue catalogue (expected an object with "
                                                  "\"format\": \"xenrescue-catalogue\").")};
        return out;
    }
    if (root.value(u"version").toInt(-1) != 1) {
        problems << CatalogueProblem{
            -1,
            {},
            QCoreApplication::translate(kContext, "Unsupported catalogue version %1 (this build reads version 1).")
                .arg(root.value(u"version").toVariant().toString())};
        return out;
    }
    if (!root.value(u"entries").isArray()) {
        problems << CatalogueProblem{-1, {}, QCoreApplication::translate(kContext, "\"entries\" must be a list.")};
        return out;
    }
    const QJsonArray entries = root.value(u"entries").toArray();
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QStringList errors;
        const QJsonValue v = entries.at(i);
        const QString id = v.toObject().value(u"id").toString();
        std::optional<CatalogueEntry> e;
        if (!v.isObject())
            errors << QCoreApplication::translate(kContext, "An entry must be an object.");
        else
            e = readEntry(v.toObject(), errors);
        if (e && seen.contains(e->id)) {
            errors << QCoreApplication::translate(kContext, "Duplicate id \"%1\" (first used by entry %2).")
                          .arg(e->id)
                          .arg(seen.value(e->id) + 1);
            e.reset();
        }
        for (const QString& msg : std::as_const(errors))
            problems << CatalogueProblem{i, id, msg};
        if (e) {
            seen.insert(e->id, i);
            out.m_entries << *e;
        }
    }
    if (out.m_entries.isEmpty() && problems.isEmpty())
        problems << CatalogueProblem{-1, {}, QCoreApplication::translate(kContext, "The catalogue has no entries.")};
    return out;
}

qsizetype ErrorCatalogue::indexOf(QStringView id) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

const CatalogueEntry* ErrorCatalogue::entry(QStringView id) const
{
    const qsizetype i = indexOf(id);
    return i < 0 ? nullptr : &m_entries.at(i);
}

// ---------------------------------------------------------------------------------------
// Matcher prefilter: every needle (literal or prefilter) is represented by its rarest
// 4 bytes (by a rough byte-frequency ranking of log text: spaces, lower-case letters,
// digits and timestamp punctuation are common; capitals, '_', '(', '!' are not), hashed
// into a 256 Ki-bit bitmap. The scan tests every position with one 4-byte load, a
// multiply and one bit test. Positions are independent (no dependency chain from step to
// step as in skip-based algorithms), so the CPU overlaps them; a set bit sends the position
// to its bucket, where needles are compared in full.

namespace {

constexpr int kGramBits = 18; // 256 Ki-bit bitmap: 32 KiB
constexpr quint32 kGrams = 1u << kGramBits;
constexpr int kGram = 4;

// Higher means more common in log text.
int byteRank(uchar c)
{
    if (c == ' ')
        return 255;
    if (std::strchr("etaoinsrhl", c) && c)
        return 230;
    if (c >= '0' && c <= '9')
        return 220; // timestamps, pids, addresses
    if (std::strchr("dcumfpgwybv:.-|[]/", c) && c)
        return 200;
    if (c >= 'a' && c <= 'z')
        return 150;
    if (std::strchr("=,'\"()_", c) && c)
        return 120;
    if (c >= 'A' && c <= 'Z')
        return 110;
    if (c == '\t')
        return 100;
    if (c < 0x20 || c >= 0x80)
        return 30;
    return 60; // other punctuation
}

// Hash of the 4 bytes at p.
inline quint32 gramAt(const uchar* p)
{
    return (qFromLittleEndian<quint32>(p) * 2654435761u) >> (32 - kGramBits);
}

struct NeedleRef
{
    qsizetype entry;
    qsizetype pattern;
};

struct GramNeedle
{
    quint32 needle;
    quint32 offset; // where the chosen 4 bytes sit in the needle
};

} // namespace

struct CatalogueMatcher::Impl
{
    ErrorCatalogue catalogue;
    std::vector<QByteArray> needles;
    std::vector<std::vector<NeedleRef>> refs;                            // per needle
    std::vector<std::vector<std::optional<QRegularExpression>>> regexes; // [entry][pattern], none for literals
    std::vector<quint64> gramBits;                                       // kGrams bits
    std::vector<quint32> bucketStart;                                    // kGrams + 1
    std::vector<GramNeedle> bucketNeedles;

    void build();
    // Calls onNeedle(needleId, start) for needles starting at or after `begin` and ending
    // by `end`, in order of their rare 4 bytes' position; stops when it returns false.
    template <typename F>
    void forEachNeedle(const char* begin, const char* end, F&& onNeedle) const;
    // Entry indexes (ascending, unique) for one line without its line break.
    template <typename Out>
    void lineEntries(QByteArrayView line, Out& out) const;
};

void CatalogueMatcher::Impl::build()
{
    QHash<QByteArray, quint32> needleIndex;
    const auto& entries = catalogue.entries();
    regexes.resize(size_t(entries.size()));
    for (qsizetype e = 0; e < entries.size(); ++e) {
        const auto& patterns = entries.at(e).patterns;
        regexes[size_t(e)].resize(size_t(patterns.size()));
        for (qsizetype p = 0; p < patterns.size(); ++p) {
            const CataloguePattern& pat = patterns.at(p);
            const QByteArray& needle = pat.kind == CataloguePattern::Kind::Literal ? pat.literal : pat.prefilter;
            if (pat.kind == CataloguePattern::Kind::Regex) {
                QRegularExpression re(pat.regex);
                re.optimize(); // compile now, not lazily on the first (possibly concurrent) match
                regexes[size_t(e)][size_t(p)] = re;
            }
            if (needle.size() < kGram)
                continue; // the catalogue's validation rules this out
            auto it = needleIndex.find(needle);
            if (it == needleIndex.end()) {
                it = needleIndex.insert(needle, quint32(needles.size()));
                needles.push_back(needle);
                refs.emplace_back();
            }
            refs[*it].push_back(NeedleRef{e, p});
        }
    }
    gramBits.assign(kGrams / 64, 0);
    bucketStart.assign(kGrams + 1, 0);
    std::vector<std::pair<quint32, GramNeedle>> chosen;
    for (quint32 k = 0; k < needles.size(); ++k) {
        const auto* s = reinterpret_cast<const uchar*>(needles[k].constData());
        quint32 best = 0;
        int bestRank = std::numeric_limits<int>::max();
        for (quint32 o = 0; o + kGram <= quint32(needles[k].size()); ++o) {
            const int rank = byteRank(s[o]) + byteRank(s[o + 1]) + byteRank(s[o + 2]) + byteRank(s[o + 3]);
            if (rank < bestRank) {
                bestRank = rank;
                best = o;
            }
        }
        const quint32 gram = gramAt(s + best);
        gramBits[gram / 64] |= quint64(1) << (gram % 64);
        chosen.push_back({gram, GramNeedle{k, best}});
    }
    std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [gram, pn] : chosen) {
        ++bucketStart[gram + 1];
        bucketNeedles.push_back(pn);
    }
    for (quint32 i = 0; i < kGrams; ++i)
        bucketStart[i + 1] += bucketStart[i];
}

template <typename F>
void CatalogueMatcher::Impl::forEachNeedle(const char* begin, const char* end, F&& onNeedle) const
{
    if (needles.empty() || end - begin < kGram)
        return;
    const auto* const b = reinterpret_cast<const uchar*>(begin);
    const auto* const e = reinterpret_cast<const uchar*>(end);
    const quint64* const bits = gramBits.data();
    const auto test = [bits](const uchar* p) {
        const quint32 v = gramAt(p);
        return (bits[v / 64] >> (v % 64)) & 1;
    };
    const uchar* p = b;
    const uchar* const last = e - (kGram - 1); // the last position with 4 bytes left
    while (p < last) {
        // Fast path: eight positions per round while no bit is set.
        if (last - p >= 8) {
            if (!(test(p) | test(p + 1) | test(p + 2) | test(p + 3) | test(p + 4) | test(p + 5) | test(p + 6) |
                  test(p + 7))) {
                p += 8;
                continue;
            }
        }
        if (test(p)) {
            const quint32 v = gramAt(p);
            for (quint32 i = bucketStart[v]; i < bucketStart[v + 1]; ++i) {
                const GramNeedle& pn = bucketNeedles[i];
                const QByteArray& n = needles[pn.needle];
                if (qsizetype(p - b) < qsizetype(pn.offset))
                    continue;
                const uchar* start = p - pn.offset;
                if (e - start < n.size() || std::memcmp(start, n.constData(), size_t(n.size())) != 0)
                    continue;
                if (!onNeedle(pn.needle, reinterpret_cast<const char*>(start)))
                    return;
            }
        }
        ++p;
    }
}

template <typename Out>
void CatalogueMatcher::Impl::lineEntries(QByteArrayView line, Out& out) const
{
    QVarLengthArray<quint32, 16> found;
    forEachNeedle(line.data(), line.data() + line.size(), [&found](quint32 needle, const char*) {
        found.push_back(needle);
        return true;
    });
    if (found.isEmpty())
        return;
    // Candidate (entry, pattern) pairs, ordered by entry.
    QVarLengthArray<NeedleRef, 16> cands;
    for (quint32 k : found) {
        for (const NeedleRef& r : refs[k])
            cands.push_back(r);
    }
    std::sort(cands.begin(), cands.end(), [](const NeedleRef& a, const NeedleRef& b) {
        return a.entry != b.entry ? a.entry < b.entry : a.pattern < b.pattern;
    });
    std::optional<QString> text; // decoded once, only if a regex has to run
    for (qsizetype i = 0; i < cands.size();) {
        const qsizetype entry = cands[i].entry;
        qsizetype j = i;
        while (j < cands.size() && cands[j].entry == entry)
            ++j;
        bool matched = false;
        // Literals first: a literal needle found means a match without any regex.
        for (qsizetype k = i; k < j && !matched; ++k) {
            if (!regexes[size_t(entry)][size_t(cands[k].pattern)])
                matched = true;
        }
        for (qsizetype k = i; k < j && !matched; ++k) {
            const auto& re = regexes[size_t(entry)][size_t(cands[k].pattern)];
            if (!re)
                continue;
            if (!text)
                text = QString::fromUtf8(line);
            matched = re->match(*text).hasMatch();
        }
        if (matched)
            out.push_back(entry);
        i = j;
    }
}

namespace {

// Start of the line holding `p`, searching back no further than `floor` (a line start).
const char* lineStart(const char* floor, const char* p)
{
#if defined(__GLIBC__)
    const void* nl = memrchr(floor, '\n', size_t(p - floor));
    return nl ? static_cast<const char*>(nl) + 1 : floor;
#else
    while (p > floor && p[-1] != '\n')
        --p;
    return p;
#endif
}

QString hitText(QByteArrayView line)
{
    qsizetype n = line.size();
    if (n > CatalogueHit::kMaxHitTextBytes) {
        n = CatalogueHit::kMaxHitTextBytes;
        // Do not cut a UTF-8 sequence in half.
        while (n > 0 && (uchar(line[n]) & 0xC0) == 0x80)
            --n;
    }
    return QString::fromUtf8(line.first(n));
}

} // namespace

CatalogueMatcher::CatalogueMatcher()
    : CatalogueMatcher(ErrorCatalogue())
{}

CatalogueMatcher::CatalogueMatcher(const ErrorCatalogue& catalogue)
{
    auto d = std::make_shared<Impl>();
    d->catalogue = catalogue;
    d->build();
    m_d = std::move(d);
}

CatalogueMatcher::~CatalogueMatcher() = default;
CatalogueMatcher::CatalogueMatcher(const CatalogueMatcher&) = default;
CatalogueMatcher& CatalogueMatcher::operator=(const CatalogueMatcher&) = default;

const ErrorCatalogue& CatalogueMatcher::catalogue() const
{
    return m_d->catalogue;
}

qsizetype CatalogueMatcher::needleCount() const
{
    return qsizetype(m_d->needles.size());
}

QList<CatalogueHit> CatalogueMatcher::scan(QByteArrayView buffer) const
{
    QList<CatalogueHit> hits;
    scan(buffer, [&hits](const CatalogueHit& h) {
        hits << h;
        return true;
    });
    return hits;
}

bool CatalogueMatcher::scan(QByteArrayView buffer, const HitSink& sink, qint64 firstLineNumber, qint64 baseOffset) const
{
    const Impl& d = *m_d;
    const char* const begin = buffer.data();
    const char* const end = begin + buffer.size();
    const char* resume = begin;  // a line start; nothing before it is left to look at
    const char* counted = begin; // line breaks before this point are in lineNumber
    qint64 lineNumber = firstLineNumber;
    QVarLengthArray<qsizetype, 8> entries;
    while (resume < end) {
        const char* at = nullptr;
        d.forEachNeedle(resume, end, [&at](quint32, const char* start) {
            at = start;
            return false;
        });
        if (!at)
            break;
        const char* ls = lineStart(resume, at);
        const char* le = static_cast<const char*>(std::memchr(at, '\n', size_t(end - at)));
        if (!le)
            le = end;
        lineNumber += std::count(counted, ls, '\n');
        counted = ls;
        const char* contentEnd = (le > ls && le[-1] == '\r') ? le - 1 : le;
        const QByteArrayView line(ls, contentEnd - ls);
        entries.clear();
        d.lineEntries(line, entries);
        if (!entries.isEmpty()) {
            CatalogueHit hit;
            hit.lineNumber = lineNumber;
            hit.lineOffset = baseOffset + (ls - begin);
            hit.lineLength = line.size();
            hit.text = hitText(line);
            for (qsizetype e : entries) {
                hit.entryIndex = e;
                hit.entryId = d.catalogue.entries().at(e).id;
                if (!sink(hit))
                    return false;
            }
        }
        resume = le + (le < end ? 1 : 0);
    }
    return true;
}

bool CatalogueMatcher::matchesLine(QByteArrayView line) const
{
    QVarLengthArray<qsizetype, 8> entries;
    m_d->lineEntries(line, entries);
    return !entries.isEmpty();
}

QList<qsizetype> CatalogueMatcher::entriesForLine(QByteArrayView line) const
{
    QList<qsizetype> out;
    m_d->lineEntries(line, out);
    return out;
}

QList<qsizetype> CatalogueMatcher::entriesForLine(QStringView line) const
{
    return entriesForLine(QByteArrayView(line.toUtf8()));
}

} // namespace xr
