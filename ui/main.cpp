#include "AppInfo.h"
#include "AppPaths.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "ProcessHardening.h"
#include "Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <optional>

namespace {

/// Answers --help and --version before any QGuiApplication exists, so both work without
/// a display (over SSH, in a console, in CI). Returns an exit code when the program is done.
std::optional<int> handleInfoOptions(int argc, char** argv)
{
    QCoreApplication core(argc, argv);
    xr::AppInfo::applyNames();
    xr::AppInfo::installTranslations(core);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "XenRescue: find out why a Xen virtual machine hangs and recover it "
                                            "safely over SSH."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption noAutoConnect(QStringLiteral("no-connect"),
                                           QCoreApplication::translate("main", "Do not connect to the hosts marked "
                                                                               "\"connect on start\"."));
    parser.addOption(noAutoConnect);
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Practise on a simulated lab pool inside XenRescue (no network, nothing "
                                            "saved). An optional SCENARIO follows: %1. Without saved hosts XenRescue "
                                            "starts this way anyway.")
            .arg(xr::DemoSession::scenarioNames().join(QStringLiteral(", "))));
    parser.addOption(demo);
    // Qt's own options (-platform, -style...) are for QApplication: ignore what we do not know.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        std::fputs(qPrintable(QCoreApplication::translate("main", "\nQt options such as -platform and -style "
                                                                  "are accepted too.\n")),
                   stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("%s %s\n", qPrintable(xr::AppInfo::displayName()), qPrintable(xr::AppInfo::version()));
        return 0;
    }
    const xr::DemoRequest request = xr::DemoSession::parseArguments(QCoreApplication::arguments().mid(1));
    if (!request.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(request.error));
        return 2;
    }
    return std::nullopt;
}

bool hasArgument(int argc, char** argv, const char* name)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], name) == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    // Before any secret can be read: none of them may end up in a core file.
    const QString hardening = xr::ProcessHardening::disableCoreDumps();
    if (!hardening.isEmpty())
        std::fprintf(stderr, "xenrescue: core dumps could not be turned off: %s\n",
                     hardening.toLocal8Bit().constData());
    if (const std::optional<int> done = handleInfoOptions(argc, argv))
        return *done;

    QApplication app(argc, argv);
    xr::AppInfo::applyNames();
    QGuiApplication::setApplicationDisplayName(xr::AppInfo::displayName());
    QGuiApplication::setDesktopFileName(QStringLiteral("xenrescue"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/xenrescue.svg")));
    xr::AppInfo::installTranslations(app);

    const xr::AppPaths paths = xr::AppPaths::standard();
    paths.ensureDirectories();
    xr::Workspace workspace(paths);
    xr::MainWindow window(&workspace);
    const xr::DemoRequest request = xr::DemoSession::parseArguments(QCoreApplication::arguments().mid(1));
    const bool anySaved = !workspace.inventory()->hosts().isEmpty();
    workspace.start(xr::DemoSession::startupScenario(request, anySaved), !hasArgument(argc, argv, "--no-connect"));
    window.show();
    return QApplication::exec();
}
