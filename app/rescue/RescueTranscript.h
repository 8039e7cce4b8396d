#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace xr {

/// One line of a rescue's transcript: what was found, sent, printed and concluded.
struct TranscriptEntry
{
    enum class Kind {
        Info,
        Diagnosis,
        Command, ///< a command as sent (the exact string)
        StdOut,
        StdErr,
        Result, ///< how a command ended
        Check,  ///< one verification poll
        Warning,
        Error,
        Success,
    };
    QDateTime time;
    Kind kind = Kind::Info;
    /// The host a command ran on (user@host:port); empty for the run's own lines.
    QString host;
    QString text;
};

/// A rescue's transcript with bounds: a command that prints without end cannot fill memory.
/// Past maxEntries or maxTextBytes of text, one last entry says what was cut (and counts it).
class TranscriptLog final
{
    Q_DECLARE_TR_FUNCTIONS(RescueTranscript)

public:
    static constexpr qsizetype kDefaultMaxEntries = 20000;
    static constexpr qint64 kDefaultMaxTextBytes = 16 * 1024 * 1024;

    explicit TranscriptLog(qsizetype maxEntries = kDefaultMaxEntries, qint64 maxTextBytes = kDefaultMaxTextBytes);

    /// Keeps `e` and returns it; once full, returns the one entry saying so (the first time)
    /// or nothing (the cut entries are only counted).
    std::optional<TranscriptEntry> append(TranscriptEntry e);
    const QList<TranscriptEntry>& entries() const { return m_entries; }
    /// How many entries were left out.
    qint64 cutEntries() const { return m_cutEntries; }

private:
    QString cutText() const;

    qsizetype m_maxEntries;
    qint64 m_maxTextBytes;
    QList<TranscriptEntry> m_entries;
    qint64 m_textBytes = 0;
    qint64 m_cutEntries = 0;
    qint64 m_cutBytes = 0;
};

/// The transcript as an incident report: plain text and HTML (every value escaped).
class RescueTranscript final
{
    Q_DECLARE_TR_FUNCTIONS(RescueTranscript)

public:
    static QString toText(const QString& title, const QList<TranscriptEntry>& entries);
    static QString toHtml(const QString& title, const QList<TranscriptEntry>& entries);
    static QString kindName(TranscriptEntry::Kind kind);
    /// Control characters shown as visible escapes: a transcript line is one line.
    static QString printable(const QString& text);
};

} // namespace xr
