#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace xr {

/// One `key : value` line of `xl info` / `xm info`.
struct XenInfoEntry
{
    QString key;
    QString value;
    qsizetype line = 0;
};

/// `xl info` or `xm info` as ordered key/value pairs, with accessors for what the rescue
/// needs (memory in MiB, Xen version, the hypervisor command line with dom0_mem).
struct XenInfo
{
    QList<XenInfoEntry> entries;
    ParseReport report;

    bool contains(QStringView key) const;
    /// The value of the first entry named `key`, or a null QString.
    QString value(QStringView key) const;
    std::optional<qint64> integer(QStringView key) const;
    /// `total_memory` / `free_memory`: xl and xm print MiB.
    std::optional<qint64> totalMemoryMiB() const { return integer(u"total_memory"); }
    std::optional<qint64> freeMemoryMiB() const { return integer(u"free_memory"); }
    /// `xen_version`, or `xen_major.xen_minor` + `xen_extra` on Xen 3.x which lacks it.
    QString xenVersion() const;
    /// `xen_commandline` (where `dom0_mem=` lives); null when absent (Xen < 3.3).
    QString xenCommandLine() const { return value(u"xen_commandline"); }

    /// Lines are `key<padding>: value`, possibly indented (man pages) and with empty
    /// values. A line without a key continues the previous value.
    static Result<XenInfo> parse(QByteArrayView output);
};

} // namespace xr
