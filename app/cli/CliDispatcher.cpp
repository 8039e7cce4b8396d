#include "CliDispatcher.h"

#include "AppInfo.h"

#include <QTextStream>

#include <algorithm>

namespace xr {

CliDispatcher::CliDispatcher() = default;

void CliDispatcher::addCommand(Command command)
{
    m_commands.append(std::move(command));
}

QString CliDispatcher::usage() const
{
    QString text;
    QTextStream s(&text);
    s << tr("Usage: xenrescue-cli [--help] [--version] COMMAND [options]") << '\n'
      << '\n'
      << tr("XenRescue for scripts and for consoles without a display.") << '\n'
      << '\n'
      << tr("Commands:") << '\n';
    qsizetype width = 0;
    for (const Command& c : m_commands)
        width = std::max(width, c.name.size());
    for (const Command& c : m_commands)
        s << QStringLiteral("  ") << c.name.leftJustified(width + 2) << c.summary << '\n';
    s << '\n'
      << tr("Options:") << '\n'
      << QStringLiteral("  -h, --help     ") << tr("Show this help, or a command's help after its name.") << '\n'
      << QStringLiteral("  -v, --version  ") << tr("Show the version.") << '\n';
    return text;
}

int CliDispatcher::dispatch(const QStringList& arguments, QTextStream& out, QTextStream& err) const
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        err << usage();
        return 2;
    }
    const QString first = args.first();
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help")) {
        out << usage();
        return 0;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        out << AppInfo::displayName() << ' ' << AppInfo::version() << '\n';
        return 0;
    }
    auto it = std::find_if(m_commands.begin(), m_commands.end(), [&](const Command& c) { return c.name == first; });
    if (it == m_commands.end()) {
        err << tr("xenrescue-cli: unknown command or option \"%1\".").arg(first) << '\n'
            << tr("Run \"xenrescue-cli --help\" to see the commands.") << '\n';
        return 2;
    }
    Context context{args, out, err};
    return it->run(context);
}

} // namespace xr
