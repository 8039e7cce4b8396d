#pragma once

#include <QList>
#include <QString>

namespace xr {

/// One thing a parser noticed in host output: the 1-based line it was on (0 when it is
/// about the whole input) and a translated sentence for the user.
struct ParseIssue
{
    qsizetype line = 0;
    QString message;
};

/// What a parser noticed while reading host output that did not stop it. Parsers return
/// a value even when part of the input could not be read; `partial` says the value is
/// incomplete, so callers never mistake a truncated listing for the whole truth.
struct ParseReport
{
    /// Issues kept in full; later ones are only counted so hostile input cannot make
    /// the report itself huge.
    static constexpr qsizetype MaxIssues = 50;

    bool partial = false;
    bool invalidUtf8 = false;
    bool binary = false;
    QList<ParseIssue> issues;
    qsizetype omittedIssues = 0;

    /// Records an issue and marks the result as partial.
    void addProblem(qsizetype line, const QString& message);
    /// Records an issue that leaves the result complete (e.g. a value on two lines).
    void addNote(qsizetype line, const QString& message);

    bool isClean() const { return !partial && !invalidUtf8 && !binary && issues.isEmpty() && omittedIssues == 0; }
    /// All issue messages, one per line, prefixed with their line numbers.
    QString summary() const;
};

} // namespace xr
