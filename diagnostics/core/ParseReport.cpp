#include "ParseReport.h"

#include <QCoreApplication>

namespace xr {

namespace {
// Qt 6.4's lupdate loops forever on a template argument list inside a translate() call,
// so the plural count is computed out here.
int clampedCount(qsizetype n)
{
    return int(qMin(n, qsizetype(INT_MAX)));
}
} // namespace

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
                                                 clampedCount(omittedIssues)));
    return lines.join(u'\n');
}

} // namespace xr
