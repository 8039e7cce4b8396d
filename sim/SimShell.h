#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr::sim {

/// One simple command of a parsed line, and how it joins the previous one.
struct SimShellStep
{
    enum class Join { First, Always, IfSuccess, IfFailure }; // start, `;`/newline, `&&`, `||`
    Join join = Join::First;
    QStringList argv;
    bool stderrToStdout = false; // 2>&1
    bool discardStdout = false;  // >/dev/null
    bool discardStderr = false;  // 2>/dev/null
};

/// The subset of POSIX shell a simulated host understands (SimHost runs command strings
/// without a real shell). Enough for what XenRescue sends — `program 'quoted' args` from
/// ShellCommand::toShell() — plus short sequences:
///   - words, single quotes (literal, `'\''` to embed a quote), double quotes (with `\"`,
///     `\\`, `\$`, `` \` `` escapes), backslash escapes outside quotes;
///   - `;`, newline, `&&`, `||` between simple commands;
///   - redirections `2>&1`, `>/dev/null`, `2>/dev/null`, `>&2` is not supported.
/// Anything that would expand or run something else — `$`, backticks, `|`, `<`, `>` to a
/// file, `&`, globbing characters outside quotes (`*`, `?`, `[`) — is refused with a parse
/// error, so hostile text can never be executed, only passed as an argument.
class SimShell final
{
public:
    /// Parses `line`; nullopt with `error` set for syntax outside the subset.
    static std::optional<QList<SimShellStep>> parse(const QString& line, QString* error = nullptr);
};

} // namespace xr::sim
