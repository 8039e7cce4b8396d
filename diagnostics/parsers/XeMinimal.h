#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QStringList>

namespace xr {

/// The values of an `xe ... --minimal` listing, in output order.
struct XeMinimalList
{
    QStringList values;
    ParseReport report;
};

/// Parses `xe ... --minimal` output: one line of values joined with ",", where xe writes
/// a "," inside a value as "\," and a backslash as "\\" (`escape_commas` in xen-api's
/// `cli_printer.ml`).
class XeMinimal final
{
public:
    /// Empty output means no matching object and gives an empty list. Spaces around each
    /// value are dropped: xe prints none, but documentation and pasted output add them.
    static Result<XeMinimalList> parse(QByteArrayView output);
    /// True when `s` has the 8-4-4-4-12 hex shape of a UUID.
    static bool isUuid(QStringView s);
};

} // namespace xr
