#include "AppInfo.h"
#include "AppPaths.h"
#include "CliCommands.h"
#include "CliDispatcher.h"
#include "Inventory.h"
#include "ProcessHardening.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

int listHosts(xr::CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("cli", "List the saved hosts."));
    parser.addHelpOption();
    if (!parser.parse(context.arguments)) {
        context.err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    const xr::AppPaths paths = xr::AppPaths::standard();
    const xr::Inventory inventory(paths.settingsFile());
    const QList<xr::SavedHost> hosts = inventory.hosts();
    if (hosts.isEmpty()) {
        context.out
            << QCoreApplication::translate("cli", "No saved hosts (settings file: %1).").arg(paths.settingsFile())
            << '\n';
        return 0;
    }
    for (const xr::SavedHost& h : hosts) {
        const QString user = h.endpoint.user.isEmpty() ? QString() : h.endpoint.user + QLatin1Char('@');
        context.out << h.displayLabel() << '\t' << user << h.endpoint.host << ':' << h.endpoint.port << '\t'
                    << xr::Inventory::authMethodKey(h.endpoint.auth) << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    // Before any secret can be read: none of them may end up in a core file.
    const QString hardening = xr::ProcessHardening::disableCoreDumps();
    QCoreApplication app(argc, argv);
    if (!hardening.isEmpty())
        qWarning("xenrescue-cli: core dumps could not be turned off: %s", qPrintable(hardening));
    xr::AppInfo::applyNames();
    xr::AppInfo::installTranslations(app);

    xr::CliDispatcher dispatcher;
    dispatcher.addCommand({QStringLiteral("hosts"),
                           QCoreApplication::translate("cli", "List the saved hosts (name, address, authentication)."),
                           listHosts});
    dispatcher.addCommand({QStringLiteral("read"),
                           QCoreApplication::translate("cli", "Print host output (xe, xl, xm, list_domains, "
                                                              "networking, dom0 memory) as normalised JSON."),
                           xr::runReadCommand});
    dispatcher.addCommand({QStringLiteral("ladder"),
                           QCoreApplication::translate("cli", "Print the recovery ladder for a described situation."),
                           xr::runLadderCommand});
    dispatcher.addCommand({QStringLiteral("status"),
                           QCoreApplication::translate("cli", "Connect to a host and print its flavour, xapi health "
                                                              "and VMs with both views of their state."),
                           xr::runStatusCommand});
    dispatcher.addCommand({QStringLiteral("plan"),
                           QCoreApplication::translate("cli", "Diagnose one VM live and print its recovery ladder "
                                                              "(dry run: nothing is changed)."),
                           xr::runPlanCommand});
    dispatcher.addCommand({QStringLiteral("scan"),
                           QCoreApplication::translate("cli", "Find the known errors of the catalogue in logs "
                                                              "(plain or .gz) and print each hit."),
                           xr::runScanCommand});
    dispatcher.addCommand(
        {QStringLiteral("network"),
         QCoreApplication::translate("cli", "Connect to a host and print its network topology "
                                            "(NICs, bridges, VM interfaces) and the checks' findings."),
         xr::runNetworkCommand});
    dispatcher.addCommand({QStringLiteral("memory"),
                           QCoreApplication::translate("cli", "Connect to a host and print its memory, dom0's "
                                                              "memory settings and advice."),
                           xr::runMemoryCommand});

    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = dispatcher.dispatch(QCoreApplication::arguments(), out, err);
    out.flush();
    err.flush();
    return code;
}
