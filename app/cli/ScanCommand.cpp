#include "CliCommands.h"

#include "ErrorCatalogue.h"
#include "GzipReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTextStream>

#include <optional>

namespace xr {

namespace {

// Decompressed bytes handed to the matcher at a time.
constexpr qsizetype kChunkBytes = 4 * 1024 * 1024;
// A line longer than this (no "\n" in sight) is scanned in pieces under one line number.
constexpr qsizetype kMaxCarriedLine = 64 * 1024 * 1024;

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
            m_out << file << ':' << hit.lineNumber << ": " << entry.id << ": " << entry.title.text(m_language) << '\n';
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
bool scanFile(const QString& path, const CatalogueMatcher& matcher, HitPrinter& printer, QString& error)
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
    const QString shownName = isStdin ? QCoreApplication::translate("cli", "(standard input)") : path;
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
        error = QCoreApplication::translate("cli", "cannot read %1: %2").arg(path, reader.errorString());
        return false;
    }
    return true;
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
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QCoreApplication::translate("cli", "Files to scan (.gz too), - for stdin."),
                                 QStringLiteral("FILE..."));
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
        if (!scanFile(path, *matcher, printer, error)) {
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
