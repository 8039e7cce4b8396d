#include "XeMinimal.h"

#include "HostText.h"

#include <QCoreApplication>

namespace xr {

bool XeMinimal::isUuid(QStringView s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

Result<XeMinimalList> XeMinimal::parse(QByteArrayView output)
{
    XeMinimalList out;
    const HostText text(output, out.report);
    if (text.isBlank())
        return out;
    if (text.isMostlyBinary()) {
        return Result<XeMinimalList>::failure(
            QCoreApplication::translate("xr::XeMinimal", "This is binary data, not xe --minimal output."),
            QStringLiteral("binary"));
    }

    // Real output is one line; anything after the first non-blank line is something else
    // (an error, a warning) and is reported, not merged into the values.
    qsizetype lineNo = 0;
    QStringView line;
    for (qsizetype i = 0; i < text.lines().size(); ++i) {
        const QStringView l = text.lines()[i];
        if (l.trimmed().isEmpty())
            continue;
        if (lineNo == 0) {
            lineNo = i + 1;
            line = l;
        } else {
            out.report.addProblem(
                i + 1, QCoreApplication::translate("xr::XeMinimal", "Unexpected extra line after the list: \"%1\".")
                           .arg(elide(l)));
        }
    }

    // Values without a backslash (all UUID lists) are copied in one piece.
    const bool hasEscapes = line.contains(u'\\');
    QString current;
    bool escaped = false;
    auto flush = [&]() {
        out.values.append(QStringView(current).trimmed().toString());
        current.clear();
    };
    if (!hasEscapes) {
        qsizetype start = 0;
        while (start <= line.size()) {
            qsizetype comma = line.indexOf(u',', start);
            if (comma < 0)
                comma = line.size();
            out.values.append(line.mid(start, comma - start).trimmed().toString());
            start = comma + 1;
        }
    } else {
        for (const QChar c : line) {
            if (escaped) {
                current += c;
                escaped = false;
            } else if (c == u'\\') {
                escaped = true;
            } else if (c == u',') {
                flush();
            } else {
                current += c;
            }
        }
    }
    if (escaped) {
        current += u'\\';
        out.report.addProblem(lineNo, QCoreApplication::translate("xr::XeMinimal",
                                                                  "The list ends with a lone backslash; it was "
                                                                  "probably cut off."));
    }
    if (hasEscapes)
        flush();
    for (qsizetype i = 0; i < out.values.size(); ++i) {
        if (out.values[i].isEmpty()) {
            out.report.addNote(
                lineNo, QCoreApplication::translate("xr::XeMinimal", "Value %1 of the list is empty.").arg(i + 1));
        }
    }
    if (text.lastLineUnterminated()) {
        out.report.addProblem(text.lines().size(), QCoreApplication::translate(
                                                       "xr::XeMinimal", "The output ends in the middle of a line; it "
                                                                        "was probably cut off."));
    }
    return out;
}

} // namespace xr
