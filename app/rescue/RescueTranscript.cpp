#include "RescueTranscript.h"

#include <algorithm>

namespace xr {

namespace {

QString escapeHtml(const QString& s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

/// Control characters shown as visible escapes: a transcript line is one line.
QString printable(QString s)
{
    for (QChar& c : s) {
        if (c.unicode() < 0x20 && c != u'\t')
            c = QChar(0xFFFD);
    }
    return s;
}

} // namespace

TranscriptLog::TranscriptLog(qsizetype maxEntries, qint64 maxTextBytes)
    : m_maxEntries(std::max<qsizetype>(2, maxEntries))
    , m_maxTextBytes(std::max<qint64>(1, maxTextBytes))
{}

std::optional<TranscriptEntry> TranscriptLog::append(TranscriptEntry e)
{
    const qint64 bytes = qint64(e.text.size()) * qint64(sizeof(QChar));
    // One place is kept for the entry that says what was cut.
    if (m_cutEntries == 0 && m_entries.size() + 1 < m_maxEntries && m_textBytes + bytes <= m_maxTextBytes) {
        m_textBytes += bytes;
        m_entries.append(e);
        return e;
    }
    ++m_cutEntries;
    m_cutBytes += bytes;
    if (m_cutEntries == 1) {
        m_entries.append(TranscriptEntry{e.time, TranscriptEntry::Kind::Warning, {}, cutText()});
        return m_entries.last();
    }
    m_entries.last().text = cutText(); // the report counts everything that was left out
    return std::nullopt;
}

QString TranscriptLog::cutText() const
{
    return tr("The transcript is full (at most %1 entries and %2 MiB of text are kept): %3 later entries (%4 KiB of "
              "text) were left out. The audit log still has every command and how it ended.")
        .arg(m_maxEntries)
        .arg(m_maxTextBytes / double(1024 * 1024), 0, 'f', 1)
        .arg(m_cutEntries)
        .arg((m_cutBytes + 1023) / 1024);
}

QString RescueTranscript::printable(const QString& text)
{
    return xr::printable(text);
}

QString RescueTranscript::kindName(TranscriptEntry::Kind kind)
{
    switch (kind) {
    case TranscriptEntry::Kind::Info:
        return tr("info");
    case TranscriptEntry::Kind::Diagnosis:
        return tr("diagnosis");
    case TranscriptEntry::Kind::Command:
        return tr("command");
    case TranscriptEntry::Kind::StdOut:
        return tr("stdout");
    case TranscriptEntry::Kind::StdErr:
        return tr("stderr");
    case TranscriptEntry::Kind::Result:
        return tr("result");
    case TranscriptEntry::Kind::Check:
        return tr("check");
    case TranscriptEntry::Kind::Warning:
        return tr("warning");
    case TranscriptEntry::Kind::Error:
        return tr("error");
    case TranscriptEntry::Kind::Success:
        return tr("success");
    }
    return {};
}

QString RescueTranscript::toText(const QString& title, const QList<TranscriptEntry>& entries)
{
    QString out = title + QLatin1Char('\n') + QString(title.size(), QLatin1Char('=')) + QLatin1Char('\n');
    for (const TranscriptEntry& e : entries) {
        const QString head = e.time.toUTC().toString(Qt::ISODate) + QLatin1Char(' ') +
                             kindName(e.kind).leftJustified(9, QLatin1Char(' '));
        const QString host = e.host.isEmpty() ? QString() : QLatin1Char('[') + e.host + QStringLiteral("] ");
        const QStringList lines = e.text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            out += (i == 0 ? head : QString(head.size(), QLatin1Char(' '))) + QLatin1Char(' ') + host +
                   printable(lines[i]) + QLatin1Char('\n');
        }
    }
    return out;
}

QString RescueTranscript::toHtml(const QString& title, const QList<TranscriptEntry>& entries)
{
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                                 "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                                 "td{vertical-align:top;padding:2px 8px;border-bottom:1px solid #ddd}"
                                 "td.t{white-space:pre-wrap;font-family:monospace}"
                                 ".warning{color:#8a5a00}.error{color:#b00020}.success{color:#1b5e20}"
                                 ".command{font-weight:bold}.stderr{color:#8a3a00}</style></head><body>\n"
                                 "<h1>%1</h1>\n<table>\n")
                      .arg(title.toHtmlEscaped());
    for (const TranscriptEntry& e : entries) {
        QString cls;
        switch (e.kind) {
        case TranscriptEntry::Kind::Warning:
            cls = QStringLiteral("warning");
            break;
        case TranscriptEntry::Kind::Error:
            cls = QStringLiteral("error");
            break;
        case TranscriptEntry::Kind::Success:
            cls = QStringLiteral("success");
            break;
        case TranscriptEntry::Kind::Command:
            cls = QStringLiteral("command");
            break;
        case TranscriptEntry::Kind::StdErr:
            cls = QStringLiteral("stderr");
            break;
        default:
            break;
        }
        out += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td class=\"t\">%5</td></tr>\n")
                   .arg(cls, e.time.toUTC().toString(Qt::ISODate).toHtmlEscaped(), kindName(e.kind).toHtmlEscaped(),
                        e.host.toHtmlEscaped(), escapeHtml(printable(e.text).replace(QChar(0xFFFD), QChar(u'?'))));
    }
    out += QStringLiteral("</table>\n</body></html>\n");
    return out;
}

} // namespace xr
