#pragma once

#include <QString>
#include <QStringList>

namespace xr {

/// Quotes one argument for a POSIX shell (dom0's bash or sh). The only place in
/// XenRescue that turns data into shell text: every remote command goes through it.
QString shellQuote(const QString& argument);

/// A remote command as data: a program and its arguments, never a shell string built
/// by hand. toShell() quotes every element.
struct ShellCommand
{
    QString program;
    QStringList args;

    QString toShell() const;
    bool isEmpty() const { return program.isEmpty(); }
    bool operator==(const ShellCommand&) const = default;
};

} // namespace xr
