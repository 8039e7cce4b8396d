#include "HostText.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cstring>

namespace xr {

namespace {
// Qt 6.4's lupdate loops forever on a template argument list inside a translate() call,
// so the plural count is computed out here.
int clampedCount(qsizetype n)
{
    return int(qMin(n, qsizetype(INT_MAX)));
}
} // namespace

HostText::HostText(QByteArrayView bytes, ParseReport& report)
{
    qsizetype nulCount = 0;
    for (const char *p = bytes.data(), *end = bytes.data() + bytes.size(); p < end;) {
        const void* hit = std::memchr(p, 0, size_t(end - p));
        if (!hit)
            break;
        ++nulCount;
        p = static_cast<const char*>(hit) + 1;
    }
    // Only look for other control bytes when a NUL was seen: text output never has NULs,
    // and skipping the byte loop keeps clean 100 MiB listings fast.
    qsizetype controlCount = 0;
    if (nulCount > 0) {
        for (const char c : bytes) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != '\v' && u != 0x1b) || u == 0x7f)
                ++controlCount;
        }
    }

    QStringDecoder decoder(QStringDecoder::Utf8);
    m_text = decoder.decode(bytes);
    if (decoder.hasError()) {
        report.invalidUtf8 = true;
        report.addNote(0, QCoreApplication::translate("xr::HostText", "The output is not valid UTF-8; unreadable bytes "
                                                                      "are shown as \uFFFD."));
    }
    if (nulCount > 0) {
        report.binary = true;
        m_text.replace(QChar(u'\0'), QChar(QChar::ReplacementCharacter));
        // Random binary data has about 11% control bytes; text with a stray NUL has almost none.
        m_mostlyBinary = controlCount * 16 > bytes.size();
        report.addNote(0, QCoreApplication::translate("xr::HostText",
                                                      "The output contains %n NUL byte(s): it may be "
                                                      "binary data rather than command output.",
                                                      nullptr, clampedCount(nulCount)));
    }

    const QStringView all(m_text);
    qsizetype start = 0;
    while (start < all.size()) {
        qsizetype nl = all.indexOf(u'\n', start);
        const bool terminated = nl >= 0;
        if (!terminated)
            nl = all.size();
        QStringView line = all.mid(start, nl - start);
        if (line.endsWith(u'\r'))
            line.chop(1);
        m_lines.append(line);
        if (!terminated)
            m_lastLineUnterminated = true;
        start = nl + 1;
    }
}

bool HostText::isBlank() const
{
    for (const QChar c : m_text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

QList<TextToken> splitWhitespace(QStringView s)
{
    QList<TextToken> tokens;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        while (i < n && (s[i] == u' ' || s[i] == u'\t'))
            ++i;
        if (i >= n)
            break;
        const qsizetype begin = i;
        while (i < n && s[i] != u' ' && s[i] != u'\t')
            ++i;
        tokens.append(TextToken{s.mid(begin, i - begin), begin});
    }
    return tokens;
}

QString elide(QStringView s, qsizetype maxLength)
{
    if (s.size() <= maxLength)
        return s.toString();
    return s.left(maxLength).toString() + QChar(0x2026);
}

QString visibleText(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (const char32_t c : s.toUcs4()) {
        const QChar::Category cat = QChar::category(c);
        // Cc: C0, DEL, C1 (ESC starts every terminal sequence; C1 CSI/OSC do it in one).
        // Cf: bidi controls, zero-width characters, BOM, which reorder or hide what is shown.
        // Unpaired surrogates come out of toUcs4() as themselves; line and paragraph separators break lines.
        const bool hidden = cat == QChar::Other_Control || cat == QChar::Other_Format ||
                            cat == QChar::Other_Surrogate || cat == QChar::Separator_Line ||
                            cat == QChar::Separator_Paragraph;
        if (!hidden)
            out += QString::fromUcs4(&c, 1);
        else if (c < 0x100)
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u{%1}").arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace xr
