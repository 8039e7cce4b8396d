#include "CliCommands.h"
#include "CliInput.h"

#include "HostOutputJson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace xr {

std::optional<QByteArray> readCliInput(const QString& path, QString& error)
{
    QFile file;
    bool opened = false;
    if (path == u"-")
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return data;
}

// Exit codes: 0 when something usable came out (JSON carries "partial": true when the
// parser could read only part of it, with the issues), 2 when nothing did (unreadable,
// empty or binary input, unknown KIND, output of another kind) with one line on stderr.
int runReadCommand(CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli", "Print host output as normalised JSON. KIND is one of: auto, %1.\n"
                                           "Exit status 0 when something was read (\"partial\": true when only part of "
                                           "it), 2 when nothing usable was found.")
            .arg(HostOutputJson::kindNames().join(QStringLiteral(", "))));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("KIND"), QCoreApplication::translate("cli", "What printed the input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QCoreApplication::translate("cli", "The file, or - for stdin."));
    const QCommandLineOption compact(QStringLiteral("compact"),
                                     QCoreApplication::translate("cli", "One line of JSON."));
    parser.addOption(compact);
    if (!parser.parse(context.arguments)) {
        context.err << "xenrescue-cli read: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2) {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli read: expected KIND and FILE (or -).") << '\n';
        return 2;
    }
    QString error;
    const std::optional<QByteArray> data = readCliInput(pos[1], error);
    if (!data) {
        context.err << "xenrescue-cli read: " << error << '\n';
        return 2;
    }
    std::optional<HostOutputKind> kind;
    if (pos[0] == u"auto") {
        kind = HostOutputJson::detect(*data);
        if (!kind) {
            // Empty and binary input get their own wording from read(); anything else is
            // text of no kind we know.
            const auto tried = HostOutputJson::read(HostOutputKind::XlConf, *data);
            const bool emptyOrBinary =
                !tried.ok() && (tried.error().code == u"empty" || tried.error().code == u"binary");
            context.err << "xenrescue-cli read: "
                        << (emptyOrBinary ? tried.errorMessage()
                                          : QCoreApplication::translate("cli", "cannot tell what printed this input; "
                                                                               "name the KIND."))
                        << '\n';
            return 2;
        }
    } else {
        kind = HostOutputJson::kindFromName(pos[0]);
        if (!kind) {
            context.err << QCoreApplication::translate("cli",
                                                       "xenrescue-cli read: unknown KIND \"%1\" (one of: auto, %2).")
                               .arg(pos[0], HostOutputJson::kindNames().join(QStringLiteral(", ")))
                        << '\n';
            return 2;
        }
    }
    const Result<QJsonObject> json = HostOutputJson::read(*kind, *data);
    if (!json.ok()) {
        context.err << "xenrescue-cli read: " << json.errorMessage().simplified() << '\n';
        return 2;
    }
    const QByteArray text =
        QJsonDocument(*json).toJson(parser.isSet(compact) ? QJsonDocument::Compact : QJsonDocument::Indented);
    context.out << QString::fromUtf8(text);
    if (!text.endsWith('\n'))
        context.out << '\n';
    return 0;
}

} // namespace xr
