#include "LogLine.h"

#include <QCoreApplication>

namespace xr {

// The context stays "xr::LogFormat": the names were translated there.
QString severityName(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return QCoreApplication::translate("xr::LogFormat", "Debug");
    case LogSeverity::Info:
        return QCoreApplication::translate("xr::LogFormat", "Info");
    case LogSeverity::Notice:
        return QCoreApplication::translate("xr::LogFormat", "Notice");
    case LogSeverity::Warning:
        return QCoreApplication::translate("xr::LogFormat", "Warning");
    case LogSeverity::Error:
        return QCoreApplication::translate("xr::LogFormat", "Error");
    case LogSeverity::Critical:
        return QCoreApplication::translate("xr::LogFormat", "Critical");
    case LogSeverity::Unknown:
        break;
    }
    return QCoreApplication::translate("xr::LogFormat", "Unknown");
}

QString severityKey(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return QStringLiteral("debug");
    case LogSeverity::Info:
        return QStringLiteral("info");
    case LogSeverity::Notice:
        return QStringLiteral("notice");
    case LogSeverity::Warning:
        return QStringLiteral("warning");
    case LogSeverity::Error:
        return QStringLiteral("error");
    case LogSeverity::Critical:
        return QStringLiteral("critical");
    case LogSeverity::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString formatName(LogFormatKind kind)
{
    switch (kind) {
    case LogFormatKind::XapiSyslog:
        return QCoreApplication::translate("xr::LogFormat", "xapi log (syslog)");
    case LogFormatKind::XapiRaw:
        return QCoreApplication::translate("xr::LogFormat", "xapi log");
    case LogFormatKind::SmLog:
        return QCoreApplication::translate("xr::LogFormat", "storage manager log (SMlog)");
    case LogFormatKind::Syslog:
        return QCoreApplication::translate("xr::LogFormat", "syslog");
    case LogFormatKind::Xha:
        return QCoreApplication::translate("xr::LogFormat", "HA daemon log (xha.log)");
    case LogFormatKind::Xend:
        return QCoreApplication::translate("xr::LogFormat", "xend log");
    case LogFormatKind::XenConsole:
        return QCoreApplication::translate("xr::LogFormat", "hypervisor console log");
    case LogFormatKind::PlainText:
        return QCoreApplication::translate("xr::LogFormat", "plain text log");
    case LogFormatKind::Unknown:
        break;
    }
    return QCoreApplication::translate("xr::LogFormat", "unknown log format");
}

} // namespace xr
