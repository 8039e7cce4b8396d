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
    return 0;
}
