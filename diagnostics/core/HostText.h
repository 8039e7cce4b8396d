#pragma once

#include "ParseReport.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

namespace xr {

/// Host output (bytes) decoded as UTF-8 and cut into lines. Every parser starts here so
/// that invalid UTF-8, NUL bytes and CRLF endings are handled, and reported, the same way.
class HostText final
{
public:
    /// Decodes `bytes`: invalid UTF-8 sequences and NUL bytes become U+FFFD and are noted
    /// in `report` (flags `invalidUtf8` / `binary`); a trailing "\r" is dropped per line.
    HostText(QByteArrayView bytes, ParseReport& report);

    const QString& text() const { return m_text; }
    /// The lines, as views into text(). A final line without "\n" is included.
    const QList<QStringView>& lines() const { return m_lines; }
    /// True when the input was not empty and did not end with a newline: command output
    /// always does, so the last line was probably cut.
    bool lastLineUnterminated() const { return m_lastLineUnterminated; }
    /// True when there is nothing but whitespace.
    bool isBlank() const;
    /// True when NUL bytes make up a large share of the input: it is a binary file, not
    /// text that happens to carry a stray NUL.
    bool isMostlyBinary() const { return m_mostlyBinary; }

private:
    QString m_text;
    QList<QStringView> m_lines;
    bool m_lastLineUnterminated = false;
    bool m_mostlyBinary = false;
};

/// Splits `s` on runs of spaces and tabs, keeping each token's position in `s`.
struct TextToken
{
    QStringView text;
    qsizetype position = 0;
};
QList<TextToken> splitWhitespace(QStringView s);

/// Host-controlled text (a VM's name, a path, a log line) made safe to show: control
/// characters (C0, DEL, C1: ESC starts every terminal sequence), format characters (bidi
/// controls, zero-width characters, BOM), unpaired surrogates and line/paragraph separators
/// become visible escapes (`\x1b`, `\u{202e}`), so the text can neither drive a terminal nor
/// hide or reorder what a person reads. Idempotent: safe to apply twice.
QString visibleText(QStringView s);

/// Shortens `s` for quoting in a message (hostile input can be megabytes long).
QString elide(QStringView s, qsizetype maxLength = 80);

} // namespace xr
