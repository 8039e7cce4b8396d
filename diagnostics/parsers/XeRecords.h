#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace xr {

/// The access marker `xe` prints after a field name: `( RO)`, `( RW)`, `(MRO)`, `(MRW)`,
/// `(SRO)`, `(SRW)`; None for output without markers (e.g. `xe host-cpu-info`).
enum class XeFieldAccess {
    None,
    RO,
    RW,
    MRO,
    MRW,
    SRO,
    SRW,
};

/// One `key: value` entry of an `xe` map field.
struct XeMapEntry
{
    QString key;
    QString value;
    bool operator==(const XeMapEntry&) const = default;
};

/// An `xe` map field value (`k: v; k2: v2`), in the order `xe` printed it.
struct XeMap
{
    QList<XeMapEntry> entries;

    bool contains(QStringView key) const;
    /// The value of the first entry named `key`, or a null QString.
    QString value(QStringView key) const;
    qsizetype size() const { return entries.size(); }
    bool isEmpty() const { return entries.isEmpty(); }
};

/// One field of an `xe` record as printed: name, marker, deprecation and the raw value
/// (everything after `": "`, with nothing trimmed: a name-label may end in a space).
struct XeField
{
    QString name;
    XeFieldAccess access = XeFieldAccess::None;
    bool deprecated = false;
    QString value;
    /// 1-based line of the field in the input.
    qsizetype line = 0;

    bool isMap() const { return access == XeFieldAccess::MRO || access == XeFieldAccess::MRW; }
    bool isSet() const { return access == XeFieldAccess::SRO || access == XeFieldAccess::SRW; }
    bool isWritable() const
    {
        return access == XeFieldAccess::RW || access == XeFieldAccess::MRW || access == XeFieldAccess::SRW;
    }
    /// `<not in database>` (a null reference) or `<expensive field>` (not computed by a
    /// listing): the field exists but carries no value.
    bool isPlaceholder() const;
};

/// Why a record cannot be told apart from a forgery. `xe` prints values verbatim, so a
/// name-label with line breaks can print field lines, blank lines and whole records of
/// its own; the output alone cannot say which of two such records is the real one.
enum class XeAmbiguity : quint8 {
    RepeatedField = 1u << 0,   ///< a field name appears twice in the record
    RepeatedUuid = 1u << 1,    ///< another record of the listing has the same uuid
    LineBreakInName = 1u << 2, ///< the name-label holds a line break
    Misaligned = 1u << 3,      ///< its field names are not the listing's: a record boundary that does not line up
    BeforeForgery = 1u << 4,   ///< the next record repeats a uuid: this record's value may have printed it
};
Q_DECLARE_FLAGS(XeAmbiguities, XeAmbiguity)
Q_DECLARE_OPERATORS_FOR_FLAGS(XeAmbiguities)

/// One `xe` record: its fields in output order.
struct XeRecord
{
    QList<XeField> fields;
    /// 1-based line of the first field.
    qsizetype line = 0;
    /// Why this record cannot be trusted to be one real record (empty: nothing seen).
    XeAmbiguities ambiguities;
    /// `ambiguities` is not empty: real `xe` output never looks like this, a hostile value
    /// can. Do not act on this record's values without reading the object by `uuid=`.
    bool ambiguous = false;
    /// Its own fields cannot be read as one record (a field repeats, or another record has its
    /// uuid): left out even where nothing is acted on (a drawing, a memory bar). A record only
    /// flagged for its shape or its name is still shown there; actions need it read by uuid=.
    bool isBroken() const
    {
        return ambiguities.testFlag(XeAmbiguity::RepeatedField) || ambiguities.testFlag(XeAmbiguity::RepeatedUuid);
    }

    const XeField* field(QStringView name) const;
    bool contains(QStringView name) const { return field(name) != nullptr; }
    /// The raw value, or a null QString when the field is absent.
    QString value(QStringView name) const;
    /// The value, or nullopt when the field is absent or a placeholder.
    std::optional<QString> knownValue(QStringView name) const;
    /// The value as a decimal integer (`memory-actual`, `VCPUs-number`, `VLAN`...).
    std::optional<qint64> integer(QStringView name) const;
    /// `true` / `false` values.
    std::optional<bool> boolean(QStringView name) const;
    XeMap map(QStringView name) const;
    QStringList set(QStringView name) const;
};

/// The records of one `xe` listing (`*-list`, `*-list params=...`, `*-param-list`).
struct XeRecordList
{
    QList<XeRecord> records;
    ParseReport report;

    /// Some record of the listing cannot be told apart from a forgery.
    bool hasAmbiguity() const;
};

/// Parses `xe` record output. Record and field shapes follow xen-api's CLI printer
/// (`cli_printer.ml`, `cli_operations.ml`): `name (MARKER)[ [DEPRECATED]]: value`,
/// left-padded keys, records separated by blank lines.
class XeRecords final
{
public:
    /// Empty output is a valid listing with no records (xe prints nothing when nothing
    /// matches). Fails only when non-blank input holds no record at all.
    static Result<XeRecordList> parse(QByteArrayView output);

    /// Splits a map value. Keys end at the first `": "`; a `"; "` inside a value is kept
    /// when the text after it is not itself `key: value`.
    static XeMap parseMap(QStringView value);
    /// Splits a set value (`a; b; c`, possibly with a trailing `"; "`).
    static QStringList parseSet(QStringView value);
    /// Text of a marker, e.g. "MRW"; empty for None.
    static QString accessName(XeFieldAccess access);
};

} // namespace xr
