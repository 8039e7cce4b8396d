#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

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
