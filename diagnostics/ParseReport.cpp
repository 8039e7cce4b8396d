#include "ParseReport.h"

#include <QCoreApplication>

namespace xr {

void ParseReport::addProblem(qsizetype line, const QString& message)
{
    partial = true;
    addNote(line, message);
}

void ParseReport::addNote(qsizetype line, const QString& message)
{
    if (issues.size() >= MaxIssues) {
        ++omittedIssues;
        return;
    }
    issues.append(ParseIssue{line, message});
}

QString ParseReport::summary() const
{
    QStringList lines;
    for (const ParseIssue& issue : issues) {
        if (issue.line > 0)
            lines.append(
                QCoreApplication::translate("xr::ParseReport", "line %1: %2").arg(issue.line).arg(issue.message));
        else
            lines.append(issue.message);
    }
    if (omittedIssues > 0)
        lines.append(QCoreApplication::translate("xr::ParseReport", "(%n more issue(s) not shown)", nullptr,
                                                 int(qMin<qsizetype>(omittedIssues, INT_MAX))));
    return lines.join(u'\n');
}

} // namespace xr
