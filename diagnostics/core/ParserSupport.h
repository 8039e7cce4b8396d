#pragma once

#include "HostText.h"
#include "ParseReport.h"
#include "Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringView>

#include <optional>

// Small pieces shared by the line-oriented parsers (networking, memory settings, xl
// extras) so that they refuse unusable input, report cut output and read numbers the same
// way. Internal to diagnostics/: not part of its public API.
namespace xr::detail {

/// The failure for input that holds nothing or is a binary file; `what` names the
/// command ("brctl show"), untranslated because it is a command.
template <typename T>
Result<T> emptyOrBinary(const HostText& text, const QString& what)
{
    if (text.isMostlyBinary()) {
        return Result<T>::failure(
            QCoreApplication::translate("xr::Parsers", "This is binary data, not %1 output.").arg(what),
            QStringLiteral("binary"));
    }
    return Result<T>::failure(QCoreApplication::translate("xr::Parsers", "The output of %1 is empty.").arg(what),
                              QStringLiteral("empty"));
}

/// True when the text is blank or binary: parsers return emptyOrBinary() then.
inline bool unusable(const HostText& text)
{
    return text.isBlank() || text.isMostlyBinary();
}

/// Flags the result partial when the last line has no newline (command output always
/// ends with one, so the output was cut).
inline void noteCut(const HostText& text, ParseReport& report)
{
    if (text.lastLineUnterminated()) {
        report.addProblem(text.lines().size(),
                          QCoreApplication::translate("xr::Parsers", "The output ends in the middle of a line; it was "
                                                                     "probably cut off."));
    }
}

/// Reports (once) and returns true when `count` reached `limit` items: hostile input must
/// not cost gigabytes.
inline bool atLimit(ParseReport& report, qsizetype count, qsizetype limit, qsizetype lineNo)
{
    if (count < limit)
        return false;
    report.addProblem(lineNo, QCoreApplication::translate("xr::Parsers", "More than %1 entries: this is not real "
                                                                         "output; the rest was not read.")
                                  .arg(limit));
    return true;
}

/// A non-negative decimal without sign or spaces, at most 18 digits (fits qint64).
inline std::optional<qint64> parseUnsigned(QStringView t)
{
    if (t.isEmpty() || t.size() > 18)
        return std::nullopt;
    qint64 v = 0;
    for (const QChar c : t) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

/// "Unknown line" problem with the line quoted (elided).
inline void unknownLine(ParseReport& report, qsizetype lineNo, QStringView line, const QString& what)
{
    report.addProblem(lineNo, QCoreApplication::translate("xr::Parsers", "This line is not part of %1 output: \"%2\".")
                                  .arg(what, elide(line.trimmed())));
}

} // namespace xr::detail
