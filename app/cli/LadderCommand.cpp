#include "CliCommands.h"
#include "CliHost.h"
#include "CliInput.h"
#include "HostText.h"

#include "LadderJson.h"
#include "RecoveryLadder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

namespace xr {

namespace {

QString roleText(const Rung& r)
{
    QString role;
    switch (r.runsOn) {
    case HostRole::PoolMaster:
        role = QCoreApplication::translate("cli", "pool master");
        break;
    case HostRole::ResidentHost:
        role = QCoreApplication::translate("cli", "resident host");
        break;
    case HostRole::OutOfBand:
        role = QCoreApplication::translate("cli", "out of band");
        break;
    }
    if (!r.runsOnHost.isEmpty() && r.runsOn != HostRole::OutOfBand)
        role += QStringLiteral(" (%1)").arg(r.runsOnHost);
    return role;
}

} // namespace

void printLadderText(const Ladder& ladder, QTextStream& out)
{
    out << QCoreApplication::translate("cli", "Recovery ladder for VM %1 (%2) on %3")
               .arg(ladder.vmName.isEmpty() ? QStringLiteral("-") : visibleText(ladder.vmName),
                    ladder.vmUuid.isEmpty() ? QStringLiteral("-") : visibleText(ladder.vmUuid),
                    ladder.flavour.displayName())
        << '\n';
    out << QCoreApplication::translate("cli", "Situation: %1").arg(visibleText(ladder.summary)) << "\n\n";
    out << QStringLiteral("    %1 %2 %3 %4 %5\n")
               .arg(QCoreApplication::translate("cli", "#").leftJustified(3),
                    QCoreApplication::translate("cli", "risk").leftJustified(9),
                    QCoreApplication::translate("cli", "applies").leftJustified(8),
                    QCoreApplication::translate("cli", "rung").leftJustified(32),
                    QCoreApplication::translate("cli", "runs on"));
    for (const Rung& r : ladder.rungs) {
        out << (r.recommended ? QStringLiteral("==> ") : QStringLiteral("    ")) << r.number.leftJustified(3) << ' '
            << RecoveryLadder::riskDisplayName(r.risk).leftJustified(9) << ' '
            << (r.applies ? QCoreApplication::translate("cli", "yes") : QCoreApplication::translate("cli", "no"))
                   .leftJustified(8)
            << ' ' << visibleText(r.title).leftJustified(32) << ' ' << roleText(r) << '\n';
        if (!r.applies) {
            out << QStringLiteral("        ")
                << QCoreApplication::translate("cli", "why not: %1").arg(visibleText(r.whyNot)) << '\n';
            continue;
        }
        for (const ShellCommand& c : r.commands)
            out << QStringLiteral("        $ ") << visibleText(c.toShell()) << '\n';
        for (const QString& n : r.notes)
            out << QStringLiteral("        ") << QCoreApplication::translate("cli", "note: %1").arg(visibleText(n))
                << '\n';
        for (const QString& item : r.checklist)
            out << QStringLiteral("        [ ] ") << visibleText(item) << '\n';
        if (r.recommended) {
            out << QStringLiteral("        ")
                << QCoreApplication::translate("cli", "can be lost: %1").arg(visibleText(r.whatCanBeLost)) << '\n';
            if (!r.verification.description.isEmpty())
                out << QStringLiteral("        ")
                    << QCoreApplication::translate("cli", "check: %1").arg(visibleText(r.verification.description))
                    << '\n';
        }
    }
    if (const Rung* rec = ladder.recommended())
        out << '\n'
            << QCoreApplication::translate("cli", "Recommended: %1 %2 (risk: %3).")
                   .arg(rec->number, visibleText(rec->title), RecoveryLadder::riskDisplayName(rec->risk))
            << '\n';
}

int runLadderCommand(CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Print the recovery ladder for a described situation (nothing is run). The state is a JSON object "
               "as written by the wizard (keys: vmUuid, vmName, xapiHealth, xapiPowerState, domain, pendingTasks, "
               "residentHost, toolsPresent, previousAttempts, ...)."));
    parser.addHelpOption();
    const QCommandLineOption flavour(QStringLiteral("flavour"),
                                     QCoreApplication::translate("cli", "xenserver, xcp-ng, xcp, xapi-legacy, "
                                                                        "xapi-modern, xl or xm."),
                                     QStringLiteral("F"));
    const QCommandLineOption version(
        QStringLiteral("version"), QCoreApplication::translate("cli", "Product version (XenServer <= 6.2 is legacy)."),
        QStringLiteral("V"));
    const QCommandLineOption state(QStringLiteral("state"),
                                   QCoreApplication::translate("cli", "The situation as JSON, or - for stdin."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("cli", "Print JSON."));
    parser.addOptions({flavour, version, state, json});
    if (!parser.parse(context.arguments)) {
        context.err << "xenrescue-cli ladder: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    if (!parser.isSet(flavour) || !parser.isSet(state)) {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli ladder: --flavour and --state are required.")
                    << '\n';
        return 2;
    }
    const Result<HostFlavour> f = HostFlavour::fromName(parser.value(flavour), parser.value(version));
    if (!f.ok()) {
        context.err << "xenrescue-cli ladder: " << f.errorMessage() << '\n';
        return 2;
    }
    QString error;
    const std::optional<QByteArray> data = readCliInput(parser.value(state), error);
    if (!data) {
        context.err << "xenrescue-cli ladder: " << error << '\n';
        return 2;
    }
    const Result<VmSituation> s = LadderJson::situationFromJson(*data);
    if (!s.ok()) {
        context.err << "xenrescue-cli ladder: " << s.errorMessage() << '\n';
        return 2;
    }
    const Ladder ladder = RecoveryLadder::build(*f, *s);
    if (parser.isSet(json))
        context.out << QString::fromUtf8(QJsonDocument(LadderJson::toJson(ladder)).toJson(QJsonDocument::Indented));
    else
        printLadderText(ladder, context.out);
    return 0;
}

} // namespace xr
