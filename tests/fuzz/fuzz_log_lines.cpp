// The log layer: format detection, the line parser over every line (sequential and random
// access, with the syslog year map), the line index, and a small plain and regex search.
#include "FuzzSupport.h"

#include "LineIndex.h"
#include "LogFormat.h"
#include "LogSearch.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

#include <array>
#include <atomic>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto [selector, input] = xrfuzz::select(data, size);
    // The file name is a detection hint; the selector also forces each format in turn so
    // every line shape's parser sees every input, not only the detected one.
    static constexpr std::array<const char16_t*, 8> kNames{u"",           u"xensource.log", u"SMlog.2.gz",
                                                           u"xha.log",    u"xend.log",      u"hypervisor.log",
                                                           u"daemon.log", u"qemu-dm-7.log"};
    const xr::LogFormatKind detected = xr::LogFormat::detect(input.first(std::min<qsizetype>(input.size(), 65536)),
                                                             QStringView(kNames[selector % kNames.size()]));
    const auto forced = xr::LogFormatKind((selector >> 3) % (int(xr::LogFormatKind::PlainText) + 1));

    xr::LineIndex index;
    std::atomic<bool> cancel{false};
    if (!index.build(input))
        return 0;
    const QDateTime reference(QDate(2024, 6, 5), QTime(12, 0), Qt::UTC);

    for (const xr::LogFormatKind kind : {detected, forced}) {
        xr::LogParser sequential(kind, reference);
        sequential.setBootTime(reference.addDays(-3));
        for (quint64 i = 0; i < index.lineCount(); ++i)
            (void)sequential.parse(index.line(input, i));

        xr::LogParser random(kind, reference);
        random.setYears(xr::SyslogYears::infer(input, index, reference));
        for (quint64 i = index.lineCount(); i-- > 0;) {
            const QByteArrayView line = index.line(input, i);
            (void)random.parseAt(line, i);
            (void)random.timeKey(line, i);
        }
        if (kind == forced)
            break;
    }

    if (index.indexedSize() > 0) {
        (void)index.lineAt(index.indexedSize() - 1);
        (void)index.lineAt(index.indexedSize() / 2, 0);
    }

    // Grow the index over a prefix, as when following a log.
    xr::LineIndex growing;
    growing.build(input.first(input.size() / 2));
    growing.append(input);

    xr::LogSearchQuery plain;
    plain.pattern = QString::fromLatin1(input.first(std::min<qsizetype>(input.size(), 3)));
    plain.caseSensitive = (selector & 0x80) != 0;
    (void)xr::searchLog(input, index, plain, cancel);
    xr::LogSearchQuery regex;
    regex.pattern = QStringLiteral("(?:error|fail(?:ed|ure)?)\\b.*(?:domid|vm)[ =:]\\d+");
    regex.regex = true;
    regex.caseSensitive = (selector & 0x40) != 0;
    (void)xr::searchLog(input, index, regex, cancel);

    // Read in pieces, as a local log is: the index built piece by piece from an origin and
    // two halves joined must equal the whole one, the year walk in two parts the walk of
    // all, and each piece searched alone must find what the whole search finds.
    if (index.lineCount() > 1) {
        const quint64 cutLine = 1 + selector % (index.lineCount() - 1);
        const quint64 cut = index.lineStart(cutLine);
        xr::LineIndex front;
        front.build(input.first(qsizetype(cut)));
        xr::LineIndex back(cut);
        for (quint64 at = cut; at < quint64(input.size());) {
            const quint64 n = std::min<quint64>(quint64(input.size()) - at, 1 + selector % 97);
            back.appendBytes(input.sliced(qsizetype(at), qsizetype(n)), at);
            at += n;
        }
        if (!front.appendIndex(std::move(back)) || front.lineCount() != index.lineCount() ||
            front.indexedSize() != index.indexedSize())
            __builtin_trap();
        for (quint64 i = 0; i < index.lineCount(); ++i)
            if (front.lineStart(i) != index.lineStart(i))
                __builtin_trap();

        xr::SyslogYears::Builder first, second;
        for (quint64 i = 0; i < index.lineCount(); ++i)
            (i < cutLine ? first : second).add(index.line(input, i), i < cutLine ? i : i - cutLine);
        first.append(second, cutLine);
        const xr::SyslogYears joined = first.result(reference);
        const xr::SyslogYears whole = xr::SyslogYears::infer(input, index, reference);
        for (quint64 i = 0; i < index.lineCount(); ++i)
            if (joined.yearOf(i) != whole.yearOf(i))
                __builtin_trap();

        const auto all = xr::searchLog(input, index, plain, cancel);
        xr::LogSearchQuery head = plain, tail = plain;
        head.lastLine = cutLine;
        tail.firstLine = cutLine;
        const auto a = xr::searchLog(input.first(qsizetype(cut)), index, head, cancel);
        const auto b = xr::searchLog(input.sliced(qsizetype(cut)), index, tail, cancel, {}, cut);
        if (all.ok() && a.ok() && b.ok()) {
            std::vector<quint64> pieces = a->lines;
            pieces.insert(pieces.end(), b->lines.begin(), b->lines.end());
            if (pieces != all->lines)
                __builtin_trap();
        }
    }
    return 0;
}
