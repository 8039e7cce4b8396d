#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace xr {

/// One service step of `xe-toolstack-restart` on a SysV-era XenServer
/// ("Stopping xapi: ..[  OK  ]", "Starting perfmon: [FAILED]").
struct ToolstackStep
{
    enum class Action { Stop, Start };
    enum class Status { Ok, Failed, Unknown };

    Action action = Action::Stop;
    QString service; // "xapi", "the v6 licensing daemon"...
    Status status = Status::Unknown;
    QString detail; // text between the colon and the status, e.g. "start-of-day complete."
    qsizetype line = 0;
};

/// What `xe-toolstack-restart` printed: the per-service steps on XenServer <= 6.x, or the
/// two lines of the systemd era ("Executing xe-toolstack-restart", "done."). The restart
/// is only trusted after a fresh look at the host (rung 3's verification); this says
/// whether the script itself reported a problem.
struct ToolstackRestart
{
    QList<ToolstackStep> steps;
    bool executingLine = false; // "Executing xe-toolstack-restart" (systemd era)
    bool done = false;          // the final "done."
    QStringList otherLines;     // anything else, kept for the transcript
    ParseReport report;

    QList<ToolstackStep> failedSteps() const;
    /// True when the script finished ("done.") and no step failed.
    bool succeeded() const { return done && failedSteps().isEmpty(); }
    /// True when xapi was started again and said so (SysV era), or the systemd script ran.
    bool xapiStarted() const;

    static Result<ToolstackRestart> parse(QByteArrayView output);
};

} // namespace xr
