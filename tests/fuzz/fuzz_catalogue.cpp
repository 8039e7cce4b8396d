// The error catalogue matcher: the shipped catalogue (embedded by xr_resources) scanned over
// the input, whole and in line-aligned chunks, and the single-line queries.
#include "FuzzSupport.h"

#include "ErrorCatalogue.h"

#include <QFile>

#include <cstdio>
#include <cstdlib>

namespace {

const xr::CatalogueMatcher& matcher()
{
    static const xr::CatalogueMatcher m = [] {
        QFile f(QStringLiteral(":/knowledge/catalogue.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fputs("fuzz_catalogue: the embedded catalogue is missing\n", stderr);
            std::abort();
        }
        const auto catalogue = xr::ErrorCatalogue::fromJson(f.readAll());
        if (!catalogue.ok()) {
            std::fprintf(stderr, "fuzz_catalogue: %s\n", qPrintable(catalogue.errorMessage()));
            std::abort();
        }
        return xr::CatalogueMatcher(*catalogue);
    }();
    return m;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    (void)matcher();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input = xrfuzz::bytes(data, size);
    const xr::CatalogueMatcher& m = matcher();
    const QList<xr::CatalogueHit> whole = m.scan(input);

    // The same buffer in two line-aligned chunks must give the same hits.
    const qsizetype half = input.size() / 2;
    const qsizetype cut = half == 0 ? 0 : input.first(half).lastIndexOf('\n') + 1;
    QList<xr::CatalogueHit> chunked;
    const auto sink = [&](const xr::CatalogueHit& h) {
        chunked.append(h);
        return true;
    };
    m.scan(input.first(cut), sink, 1, 0);
    const qint64 linesBefore = input.first(cut).count('\n');
    m.scan(input.sliced(cut), sink, 1 + linesBefore, cut);
    if (chunked.size() != whole.size())
        std::abort();
    for (qsizetype i = 0; i < whole.size(); ++i) {
        if (chunked[i].entryIndex != whole[i].entryIndex || chunked[i].lineNumber != whole[i].lineNumber ||
            chunked[i].lineOffset != whole[i].lineOffset)
            std::abort();
    }

    const qsizetype nl = input.indexOf('\n');
    const QByteArrayView firstLine = nl < 0 ? input : input.first(nl);
    const bool any = m.matchesLine(firstLine);
    if (any != !m.entriesForLine(firstLine).isEmpty())
        std::abort();
    (void)m.entriesForLine(QString::fromUtf8(firstLine));
    return 0;
}
