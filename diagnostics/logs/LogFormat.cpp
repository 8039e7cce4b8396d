#include "LogFormat.h"

#include "LineHeader.h"

#include <algorithm>

namespace xr {

using namespace detail;

LogFormatKind LogFormat::detect(QByteArrayView head, QStringView fileName)
{
    int syslog = 0, xapi = 0, sm = 0, raw = 0, xha = 0, xend = 0, xen = 0, other = 0;
    qsizetype pos = 0;
    int lines = 0;
    while (pos < head.size() && lines < 64) {
        qsizetype nl = head.indexOf('\n', pos);
        const bool complete = nl >= 0;
        if (!complete)
            nl = head.size();
        QByteArrayView line = head.sliced(pos, nl - pos);
        pos = nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (trimmed(line).isEmpty())
            continue;
        const LineHeader h = readLineHeader(line);
        // Traceback and other continuation lines say nothing about the format.
        if (h.shape == LineShape::None && (line[0] == ' ' || line[0] == '\t' || line.startsWith("Traceback")))
            continue;
        ++lines;
        switch (h.shape) {
        case LineShape::Syslog:
        case LineShape::IsoSyslog:
            ++syslog;
            if (!h.xapiHost.isEmpty() || !h.thread.isEmpty() || !h.module.isEmpty() || !h.level.isEmpty())
                ++xapi;
            else if (h.process == "SM" || h.process == "SMGC")
                ++sm;
            break;
        case LineShape::Xha:
            ++xha;
            break;
        case LineShape::Xend:
            ++xend;
            break;
        case LineShape::XapiRaw:
            ++raw;
            break;
        case LineShape::XenConsole:
            ++xen;
            break;
        case LineShape::None:
            ++other;
            break;
        }
    }

    QString name = fileName.toString();
    name = name.mid(name.lastIndexOf(u'/') + 1).toLower();
    const auto nameIs = [&](const char16_t* prefix) { return name.startsWith(QStringView(prefix)); };

    const int best = std::max({syslog, raw, xha, xend, xen});
    if (best > 0 && best * 4 >= lines) {
        if (best == xend)
            return LogFormatKind::Xend;
        if (best == xha)
            return LogFormatKind::Xha;
        if (best == raw)
            return LogFormatKind::XapiRaw;
        if (best == syslog) {
            if (sm * 2 >= syslog || nameIs(u"smlog"))
                return LogFormatKind::SmLog;
            if (xapi * 2 >= syslog || nameIs(u"xensource"))
                return LogFormatKind::XapiSyslog;
            return LogFormatKind::Syslog;
        }
        return LogFormatKind::XenConsole;
    }
    // The text alone does not tell (free text, or only traceback lines so far).
    if (nameIs(u"xend.log") || nameIs(u"xend.log."))
        return LogFormatKind::Xend;
    if (nameIs(u"xensource") || nameIs(u"xcp-xapi"))
        return LogFormatKind::XapiSyslog;
    if (nameIs(u"smlog"))
        return LogFormatKind::SmLog;
    if (nameIs(u"xha"))
        return LogFormatKind::Xha;
    if (nameIs(u"hypervisor") || nameIs(u"xen-dmesg") || nameIs(u"console"))
        return LogFormatKind::XenConsole;
    if (nameIs(u"syslog") || nameIs(u"messages") || nameIs(u"daemon") || nameIs(u"kern") || nameIs(u"user.log"))
        return LogFormatKind::Syslog;
    if (lines == 0 && name.isEmpty())
        return LogFormatKind::Unknown;
    return LogFormatKind::PlainText;
}

} // namespace xr
