#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace xr {

/// How dangerous a step (or the worst step of an entry) is, in the recovery ladder's terms.
enum class CatalogueRisk { Safe, Low, Medium, High, Critical };

/// "safe", "low"... as written in the catalogue; nullopt for anything else.
std::optional<CatalogueRisk> catalogueRiskFromString(QStringView text);
QString catalogueRiskToString(CatalogueRisk risk);

/// One text in several languages. English ("en") is always present in a loaded catalogue;
/// other languages are keyed as in the JSON ("zh_CN").
struct LocalizedText
{
    QMap<QString, QString> byLanguage;

    /// The text for `language` ("zh_CN", "zh", "en_GB"...): exact key, then the same base
    /// language, then English.
    QString text(QStringView language) const;
    /// The text for the UI language of `locale` (QLocale::name(), e.g. "zh_CN").
    QString text(const QLocale& locale) const { return text(locale.name()); }
    QString english() const { return byLanguage.value(QStringLiteral("en")); }
    bool has(const QString& language) const { return !byLanguage.value(language).isEmpty(); }
};

/// One thing to do about a known problem: the explanation, and the exact command when
/// there is one (placeholders in angle brackets, e.g. `<vm-uuid>`).
struct CatalogueStep
{
    LocalizedText text;
    QString command;
    std::optional<CatalogueRisk> risk;
};

/// How an entry recognises a line. A literal matches when the line contains it (bytes,
/// case-sensitive). A regular expression is tried only on lines that contain its
/// prefilter, so a regex pattern matches when the line contains the prefilter AND the
/// expression matches the line.
struct CataloguePattern
{
    enum class Kind { Literal, Regex };
    Kind kind = Kind::Literal;
    QByteArray literal;   ///< UTF-8, for Literal
    QString regex;        ///< for Regex
    QByteArray prefilter; ///< UTF-8, for Regex
};

/// A known problem: how to recognise it, what it means, what to do.
struct CatalogueEntry
{
    QString id; ///< kebab-case, unique
    QList<CataloguePattern> patterns;
    LocalizedText title;
    LocalizedText meaning;
    QList<CatalogueStep> steps;
    CatalogueRisk risk = CatalogueRisk::Safe; ///< the worst of the steps
    QString source;                           ///< where the knowledge comes from
    QStringList flavours;                     ///< "xapi", "xl", "xm" or "any"

    /// True when the entry is about `flavour` ("xapi", "xl", "xm") or about any host.
    bool appliesTo(QStringView flavour) const;
};

/// A reason an entry (or the whole document) was rejected.
struct CatalogueProblem
{
    qsizetype entryIndex = -1; ///< -1: the document itself
    QString entryId;           ///< empty when the entry has no usable id
    QString message;           ///< translated, names the field
};

/// The knowledge catalogue (resources/knowledge/catalogue.json): known Xen error messages
/// with explanations and steps. Loaded from bytes handed in (no file I/O here); every
/// entry is validated and bad entries are reported, not silently used.
class ErrorCatalogue final
{
public:
    /// Minimum length in bytes of a literal or prefilter: shorter ones would make the
    /// prefilter fire on most lines.
    static constexpr qsizetype kMinNeedleBytes = 6;

    ErrorCatalogue() = default;

    /// Loads a catalogue; fails if the document or any entry is invalid (the message lists
    /// every problem, one per line).
    static Result<ErrorCatalogue> fromJson(QByteArrayView json);
    /// Loads what is valid and reports the rest in `problems` (empty when all is well).
    static ErrorCatalogue fromJson(QByteArrayView json, QList<CatalogueProblem>& problems);

    const QList<CatalogueEntry>& entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    /// Index of the entry with this id, or -1.
    qsizetype indexOf(QStringView id) const;
    /// The entry with this id, or nullptr.
    const CatalogueEntry* entry(QStringView id) const;

private:
    QList<CatalogueEntry> m_entries;
};

/// One line that matched one catalogue entry.
struct CatalogueHit
{
    qsizetype entryIndex = -1; ///< index into ErrorCatalogue::entries()
    QString entryId;
    qint64 lineNumber = 0; ///< 1-based
    qint64 lineOffset = 0; ///< byte offset of the line's first byte in the buffer
    qint64 lineLength = 0; ///< bytes, without the line break
    /// The line as text (invalid UTF-8 replaced), at most kMaxHitTextBytes of it.
    QString text;

    static constexpr qsizetype kMaxHitTextBytes = 4096;
};

/// Finds catalogue entries in text. A multi-pattern prefilter (a bitmap of the rarest 4
/// bytes of every literal and prefilter, tested at every position) runs over the bytes; only a line holding one of
/// them is looked at further, and a regular expression only ever runs on such a single line. Lines end at '\n'; a '\r'
/// before it is not part of the line. Const methods are safe to call from several threads at once; copies are cheap
/// (shared, immutable state).
class CatalogueMatcher final
{
public:
    /// Called for every hit in buffer order (line, then entry index); return false to stop.
    using HitSink = std::function<bool(const CatalogueHit&)>;

    CatalogueMatcher();
    explicit CatalogueMatcher(const ErrorCatalogue& catalogue);
    ~CatalogueMatcher();
    CatalogueMatcher(const CatalogueMatcher&);
    CatalogueMatcher& operator=(const CatalogueMatcher&);

    const ErrorCatalogue& catalogue() const;

    /// Every hit in a whole buffer (a log in memory, a command's output).
    QList<CatalogueHit> scan(QByteArrayView buffer) const;
    /// Streams the hits of `buffer` to `sink`. `firstLineNumber` and `baseOffset` let a
    /// caller scan a large file in line-aligned chunks. Returns false if the sink stopped.
    bool scan(QByteArrayView buffer, const HitSink& sink, qint64 firstLineNumber = 1, qint64 baseOffset = 0) const;

    /// For the log viewer: does this single line (no line break) match any entry?
    bool matchesLine(QByteArrayView line) const;
    /// The indexes of the entries this single line matches, ascending.
    QList<qsizetype> entriesForLine(QByteArrayView line) const;
    /// Same for text already decoded (converted to UTF-8 first).
    QList<qsizetype> entriesForLine(QStringView line) const;

    /// Number of distinct literals and prefilters the prefilter searches for.
    qsizetype needleCount() const;

private:
    struct Impl;
    std::shared_ptr<const Impl> m_d;
};

} // namespace xr
