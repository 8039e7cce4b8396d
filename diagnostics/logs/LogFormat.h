#pragma once

// The line types, the syslog year walk and the parser come with the detection: what reads
// a log needs all of them.
#include "LogLine.h"
#include "LogParser.h"
#include "SyslogYears.h"

#include <QByteArrayView>
#include <QStringView>

namespace xr {

/// Detects a log's format from its first lines.
class LogFormat final
{
public:
    /// Looks at up to the first 64 lines of `head` (a few KiB from the start of the file
    /// are enough) and, when the text alone does not tell, at `fileName` (a path or base
    /// name such as "xensource.log", "SMlog.2.gz", "qemu-dm-7.log").
    static LogFormatKind detect(QByteArrayView head, QStringView fileName = {});
};

} // namespace xr
