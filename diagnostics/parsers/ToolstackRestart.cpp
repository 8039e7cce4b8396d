#include "ToolstackRestart.h"

#include "HostText.h"
#include "ParserSupport.h"

#include <QRegularExpression>

namespace xr {

QList<ToolstackStep> ToolstackRestart::failedSteps() const
{
    QList<ToolstackStep> failed;
    for (const ToolstackStep& s : steps) {
        if (s.status == ToolstackStep::Status::Failed)
            failed << s;
    }
    return failed;
}

bool ToolstackRestart::xapiStarted() const
{
    if (executingLine)
        return done;
    for (const ToolstackStep& s : steps) {
        if (s.action == ToolstackStep::Action::Start && s.service == u"xapi")
            return s.status == ToolstackStep::Status::Ok;
    }
    return false;
}

Result<ToolstackRestart> ToolstackRestart::parse(QByteArrayView output)
{
    ToolstackRestart r;
    const HostText text(output, r.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<ToolstackRestart>(text, QStringLiteral("xe-toolstack-restart"));
    detail::noteCut(text, r.report);

    // The init scripts print "Stopping NAME: " then progress dots or a message, and end the
    // line with a status in brackets whose padding varies ("[  OK  ]", "[ OK ]", "[FAILED]").
    static const QRegularExpression step(QStringLiteral(
        "^\\s*(Stopping|Starting)\\s+(.+?):\\s*(.*?)\\s*(?:\\[\\s*(OK|FAILED|PASSED|WARNING)\\s*\\])?\\s*$"));
    qsizetype lineNo = 0;
    for (QStringView line : text.lines()) {
        ++lineNo;
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed == u"done.") {
            r.done = true;
            continue;
        }
        if (trimmed.startsWith(u"Executing xe-toolstack-restart")) {
            r.executingLine = true;
            continue;
        }
        const QRegularExpressionMatch m = step.match(line.toString());
        if (m.hasMatch()) {
            if (detail::atLimit(r.report, r.steps.size(), 1000, lineNo))
                break;
            ToolstackStep s;
            s.action = m.captured(1) == u"Stopping" ? ToolstackStep::Action::Stop : ToolstackStep::Action::Start;
            s.service = m.captured(2);
            QString detailText = m.captured(3);
            while (detailText.startsWith(u'.'))
                detailText.remove(0, 1); // progress dots
            s.detail = detailText.trimmed();
            const QString status = m.captured(4);
            if (status == u"FAILED")
                s.status = ToolstackStep::Status::Failed;
            else if (status == u"OK" || status == u"PASSED")
                s.status = ToolstackStep::Status::Ok;
            else
                s.status = ToolstackStep::Status::Unknown; // no status yet (cut), or WARNING
            s.line = lineNo;
            r.steps << s;
            continue;
        }
        if (r.otherLines.size() < 1000)
            r.otherLines << trimmed.toString();
    }
    if (r.steps.isEmpty() && !r.executingLine && !r.done) {
        return Result<ToolstackRestart>::failure(
            QCoreApplication::translate("xr::ToolstackRestart",
                                        "This does not look like the output of xe-toolstack-restart."),
            QStringLiteral("unrecognised"));
    }
    if (!r.done) {
        r.report.addProblem(lineNo, QCoreApplication::translate("xr::ToolstackRestart",
                                                                "The restart did not report \"done.\": it may have "
                                                                "been stopped or cut off."));
    }
    return r;
}

} // namespace xr
