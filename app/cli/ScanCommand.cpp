#include "CliCommands.h"

#include "AppPaths.h"
#include "CliHost.h"
#include "ErrorCatalogue.h"
#include "GzipReader.h"
#include "HostText.h"
#include "RemoteHost.h"
#include "RemoteOperation.h"
#include "ShellCommand.h"
#include "SimHost.h"
#include "SshHost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <optional>

namespace xr {

namespace {

// Decompressed bytes handed to the matcher at a time.
constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;
// A line longer than this (no "\n" in sight) is scanned in pieces under one line number.
constexpr qsizetype kMaxCarriedLine = 64 * 1024 * 1024;
// The host's grep output held in memory; past it the file is copied and streamed instead.
constexpr qint64 kMaxGrepOutput = 64 * 1024 * 1024;

std::optional<CatalogueMatcher> loadMatcher(QString& error)
{
    QFile file(QStringLiteral(":/knowledge/catalogue.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        error = QCoreApplication::translate("cli", "the error catalogue is missing from this build.");
        return std::nullopt;
    }
    const Result<ErrorCatalogue> catalogue = ErrorCatalogue::fromJson(file.readAll());
    if (!catalogue.ok()) {
        error = catalogue.errorMessage().simplified();
        return std::nullopt;
    }
    return CatalogueMatcher(*catalogue);
}

// Prints hits as they are found: "FILE:LINE: ID: TITLE", or the elements of one JSON array
// (the brackets are printed by the caller).
class HitPrinter final
{
public:
    HitPrinter(QTextStream& out, const ErrorCatalogue& catalogue, bool json)
        : m_out(out)
        , m_catalogue(catalogue)
        , m_json(json)
        , m_language(QLocale().name())
    {}

    void print(const QString& file, const CatalogueHit& hit)
    {
        const CatalogueEntry& entry = m_catalogue.entries().at(hit.entryIndex);
        if (!m_json) {
            m_out << visibleText(file) << ':' << hit.lineNumber << ": " << entry.id << ": "
                  << entry.title.text(m_language) << '\n';
            return;
        }
        // English in JSON: scripts compare these texts, whatever the admin's language.
        QJsonObject o;
        o[u"file"] = file;
        o[u"line"] = double(hit.lineNumber);
        o[u"id"] = entry.id;
        o[u"title"] = entry.title.english();
        o[u"risk"] = catalogueRiskToString(entry.risk);
        o[u"text"] = hit.text;
        // The line's text is kept up to CatalogueHit::kMaxHitTextBytes: say how much was cut.
        if (const qint64 cut = hit.lineLength - hit.text.toUtf8().size();
            cut > 0 && hit.lineLength > CatalogueHit::kMaxHitTextBytes)
            o[u"text_cut_bytes"] = double(cut);
        m_out << (m_count == 0 ? "\n  " : ",\n  ")
              << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        ++m_count;
    }

    qint64 count() const { return m_count; }

private:
    QTextStream& m_out;
    const ErrorCatalogue& m_catalogue;
    bool m_json;
    QString m_language;
    qint64 m_count = 0;
};

// Scans one file (or stdin) in line-aligned chunks: the partial last line of a chunk is
// carried over to the next, so memory stays bounded whatever the file's size. Returns false
// with `error` set when the file could not be read (to the end).
bool scanFile(const QString& path, const CatalogueMatcher& matcher, HitPrinter& printer, QString& error,
              const QString& displayName = {})
{
    QFile file;
    const bool isStdin = path == u"-";
    if (!isStdin)
        file.setFileName(path);
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QString shownName = !displayName.isEmpty() ? displayName
                              : isStdin              ? QCoreApplication::translate("cli", "(standard input)")
                                                     : path;
    GzipReader reader(file, path.endsWith(u".gz") ? GzipReader::Format::Gzip : GzipReader::Format::Auto);

    qint64 lineNumber = 1;
    qint64 offset = 0;
    // A line scanned in pieces may hit the same entry in several: report it once.
    qint64 longLine = 0;
    QSet<qsizetype> longLineEntries;
    const auto sink = [&](const CatalogueHit& hit) {
        if (hit.lineNumber == longLine) {
            if (longLineEntries.contains(hit.entryIndex))
                return true;
            longLineEntries.insert(hit.entryIndex);
        }
        printer.print(shownName, hit);
        return true;
    };

    QByteArray buffer;
    while (true) {
        const QByteArray chunk = reader.read(kChunkBytes);
        const bool last = chunk.isEmpty() || reader.hasError() || reader.atEnd();
        buffer.append(chunk);
        qsizetype end = last ? buffer.size() : buffer.lastIndexOf('\n') + 1;
        bool piece = false;
        if (end == 0 && buffer.size() >= kMaxCarriedLine) {
            end = buffer.size();
            piece = true;
        }
        if (end > 0) {
            const QByteArrayView part(buffer.constData(), end);
            if (piece && longLine != lineNumber) {
                longLine = lineNumber;
                longLineEntries.clear();
            }
            matcher.scan(part, sink, lineNumber, offset);
            lineNumber += part.count('\n');
            offset += end;
            buffer.remove(0, end);
        }
        if (last)
            break;
    }
    if (reader.hasError()) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(visibleText(path), reader.errorString());
        return false;
    }
    return true;
}

// `[user@]host:/path`: a file on a host (the path is absolute; a local file of that name wins).
bool isRemoteTarget(const QString& arg)
{
    const qsizetype colon = arg.indexOf(u":/");
    return colon > 0 && !arg.left(colon).contains(u'/') && !QFileInfo::exists(arg);
}

// Waits for `op` without blocking forever; the operation's signals drive the loop.
void waitFor(RemoteOperation* op)
{
    if (op->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(op, &RemoteOperation::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

// Scans a remote log for the catalogue's entries. The host's own grep (zgrep for .gz) keeps
// only the lines holding one of the catalogue's literals or prefilters, so only those cross
// the network; the matcher then decides on each. Where grep cannot run (a lab host in demo
// mode, a host without it), the file is copied over SFTP and scanned like a local one.
bool scanRemote(const QString& target, const QString& demoScenario, const CatalogueMatcher& matcher,
                HitPrinter& printer, QTextStream& err, QString& error)
{
    const qsizetype colon = target.indexOf(u":/");
    const QString hostPart = target.left(colon);
    const QString path = target.mid(colon + 1);
    std::unique_ptr<RemoteHost> transport;
    std::shared_ptr<sim::SimLab> lab;
    SshHost* ssh = nullptr;
    if (!demoScenario.isEmpty()) {
        lab = sim::SimLab::fromScenario(demoScenario, &error);
        const QString name = hostPart.section(u'@', -1);
        if (!lab || !lab->hostNames().contains(name)) {
            error = QCoreApplication::translate("cli", "the lab scenario \"%1\" has no host \"%2\".")
                        .arg(demoScenario, name);
            return false;
        }
        transport = std::make_unique<sim::SimHost>(lab, name);
    } else {
        SshEndpoint e;
        e.host = hostPart;
        if (const qsizetype at = hostPart.lastIndexOf(u'@'); at >= 0) {
            e.user = hostPart.left(at);
            e.host = hostPart.mid(at + 1);
        }
        const AppPaths paths = AppPaths::standard();
        paths.ensureDirectories();
        e.sshConfigFile = paths.userSshConfigFile();
        auto host = std::make_unique<SshHost>(e, paths.sshOptions());
        ssh = host.get();
        transport = std::move(host);
    }

    QEventLoop loop;
    QString failure;
    if (ssh) {
        QObject::connect(ssh, &SshHost::hostKeyPrompt, &loop, [&](const HostKeyInfo& info) {
            failure =
                info.status == HostKeyInfo::Status::Changed
                    ? QCoreApplication::translate("cli", "the host key of %1 has CHANGED (%2); not connecting.")
                          .arg(info.hostPort, info.sha256Fingerprint)
                    : QCoreApplication::translate("cli", "the host key of %1 is not known (%2): accept it once in the "
                                                         "XenRescue window or add it to ~/.ssh/known_hosts.")
                          .arg(info.hostPort, info.sha256Fingerprint);
            ssh->rejectHostKey();
            loop.quit();
        });
        QObject::connect(ssh, &SshHost::credentialsRequested, &loop, [&](const CredentialRequest& request) {
            failure =
                QCoreApplication::translate("cli", "%1 needs a password or passphrase: use ssh-agent, a key, or store "
                                                   "it in the keychain from the XenRescue window.")
                    .arg(request.endpointKey);
            ssh->cancelCredentials();
            loop.quit();
        });
    }
    QObject::connect(transport.get(), &RemoteHost::stateChanged, &loop, [&](HostState state, const QString& message) {
        if (state == HostState::Connected) {
            loop.quit();
        } else if (state == HostState::Failed || state == HostState::Lost) {
            if (failure.isEmpty())
                failure = message;
            loop.quit();
        }
    });
    QTimer::singleShot(60000, &loop, [&] {
        failure = QCoreApplication::translate("cli", "no connection in 60 s.");
        loop.quit();
    });
    transport->connectToHost();
    if (!transport->isConnected())
        loop.exec();
    if (!transport->isConnected()) {
        error =
            QCoreApplication::translate("cli", "cannot reach %1: %2").arg(visibleText(hostPart), visibleText(failure));
        return false;
    }

    // The prefilter: every literal and prefilter of the catalogue, as fixed strings.
    QStringList args{QStringLiteral("LC_ALL=C"),
                     path.endsWith(u".gz") ? QStringLiteral("zgrep") : QStringLiteral("grep"), QStringLiteral("-n"),
                     QStringLiteral("-F")};
    QSet<QByteArray> needles;
    for (const CatalogueEntry& entry : matcher.catalogue().entries())
        for (const CataloguePattern& p : entry.patterns)
            needles.insert(p.kind == CataloguePattern::Kind::Literal ? p.literal : p.prefilter);
    for (const QByteArray& n : std::as_const(needles))
        args << QStringLiteral("-e") << QString::fromUtf8(n);
    args << QStringLiteral("--") << path;
    CommandRequest request;
    request.command = ShellCommand{QStringLiteral("env"), args}.toShell();
    request.timeoutMs = 600000;
    request.maxOutputBytes = kMaxGrepOutput;
    std::unique_ptr<RemoteCommand> grep(transport->run(request));
    waitFor(grep.get());
    const CommandResult& r = grep->result();
    if (r.outcome == CommandOutcome::Finished && (r.exitStatus == 0 || r.exitStatus == 1) && !r.truncated) {
        // "N:text" per candidate line.
        qsizetype pos = 0;
        const QByteArray& out = r.stdOut;
        while (pos < out.size()) {
            qsizetype nl = out.indexOf('\n', pos);
            if (nl < 0)
                nl = out.size();
            const QByteArrayView line(out.constData() + pos, nl - pos);
            pos = nl + 1;
            const qsizetype sep = line.indexOf(':');
            bool ok = false;
            const qint64 number = sep > 0 ? line.first(sep).toLongLong(&ok) : 0;
            if (!ok)
                continue;
            matcher.scan(
                line.sliced(sep + 1),
                [&](const CatalogueHit& hit) {
                    printer.print(target, hit);
                    return true;
                },
                number, 0);
        }
        transport->disconnectFromHost();
        return true;
    }
    if (r.outcome == CommandOutcome::Finished && r.exitStatus == 2 && !r.stdErr.isEmpty() &&
        !r.stdErr.contains("not found")) {
        // grep ran and could not read the file: say why, as it did.
        error = QCoreApplication::translate("cli", "cannot read %1: %2")
                    .arg(visibleText(target), visibleText(QString::fromUtf8(r.stdErr).trimmed()));
        transport->disconnectFromHost();
        return false;
    }

    // No grep there, or more candidate lines than are held in memory: copy the file and scan
    // it here (streaming).
    if (r.truncated)
        err << QCoreApplication::translate("cli",
                                           "xenrescue-cli scan: %1's grep kept more than %2 MiB of candidate lines of "
                                           "%3 (the rest was cut); copying the file to scan it here instead.")
                   .arg(visibleText(hostPart))
                   .arg(kMaxGrepOutput >> 20)
                   .arg(visibleText(path))
            << '\n';
    else
        err << QCoreApplication::translate("cli",
                                           "xenrescue-cli scan: %1 has no usable grep; copying %2 to scan it here.")
                   .arg(visibleText(hostPart), visibleText(path))
            << '\n';
    err.flush();
    QTemporaryDir dir;
    const QString local =
        dir.filePath(QStringLiteral("log") + (path.endsWith(u".gz") ? QStringLiteral(".gz") : QString()));
    std::unique_ptr<RemoteFileOperation> copy(transport->download(path, local));
    waitFor(copy.get());
    transport->disconnectFromHost();
    if (!copy->result().ok) {
        error = QCoreApplication::translate("cli", "cannot read %1: %2")
                    .arg(visibleText(target), visibleText(copy->result().error));
        return false;
    }
    return scanFile(local, matcher, printer, error, target);
}

} // namespace

// Exit codes: 0 when every file was scanned (with hits or not), 1 when a file could not be
// read (the others are still scanned), 2 on a usage error.
int runScanCommand(CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Scan logs or command output for the known errors of the catalogue and print each hit: "
               "file, line, entry id and title. Gzip files (rotated logs) are read as they are.\n"
               "Exit status 0 when every file was scanned (hits or not), 1 when a file could not be read, "
               "2 on a usage error."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QCoreApplication::translate("cli", "Files to scan (.gz too), - for stdin, or [user@]host:/path for a log on a "
                                           "host (only the lines the host's grep keeps are sent)."),
        QStringLiteral("FILE..."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("cli", "host:/path names a host of the simulated lab pool SCENARIO."),
        QStringLiteral("SCENARIO"));
    parser.addOption(demo);
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("cli", "Print a JSON array of {file, line, id, title, "
                                                                     "risk, text} (titles in English)."));
    parser.addOption(json);
    if (!parser.parse(context.arguments)) {
        context.err << "xenrescue-cli scan: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        context.err << QCoreApplication::translate("cli", "xenrescue-cli scan: expected at least one FILE (or -).")
                    << '\n';
        return 2;
    }
    QString error;
    const std::optional<CatalogueMatcher> matcher = loadMatcher(error);
    if (!matcher) {
        context.err << "xenrescue-cli scan: " << error << '\n';
        return 1;
    }

    const bool asJson = parser.isSet(json);
    HitPrinter printer(context.out, matcher->catalogue(), asJson);
    if (asJson)
        context.out << '[';
    int status = 0;
    for (const QString& path : files) {
        const bool ok = isRemoteTarget(path)
                            ? scanRemote(path, parser.value(demo), *matcher, printer, context.err, error)
                            : scanFile(path, *matcher, printer, error);
        if (!ok) {
            // Hits printed so far stay in the output; stderr says which file is incomplete.
            context.out.flush();
            context.err << "xenrescue-cli scan: " << error << '\n';
            context.err.flush();
            status = 1;
        }
    }
    if (asJson)
        context.out << (printer.count() == 0 ? "]\n" : "\n]\n");
    return status;
}

} // namespace xr
