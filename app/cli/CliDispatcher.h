#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QTextStream;

namespace xr {

/// xenrescue-cli's subcommands: "xenrescue-cli COMMAND [options]". Each command parses its
/// own options; the dispatcher handles --help, --version and unknown commands.
class CliDispatcher final
{
    Q_DECLARE_TR_FUNCTIONS(CliDispatcher)

public:
    struct Context
    {
        QStringList arguments; // the command's own arguments, the command name first
        QTextStream& out;
        QTextStream& err;
    };
    using Handler = std::function<int(Context&)>;

    struct Command
    {
        QString name;
        QString summary;
        Handler run;
    };

    CliDispatcher();

    void addCommand(Command command);
    /// Runs the command line (arguments as QCoreApplication::arguments()); returns the exit code.
    int dispatch(const QStringList& arguments, QTextStream& out, QTextStream& err) const;
    QString usage() const;

private:
    QList<Command> m_commands;
};

} // namespace xr
