#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace xr {

/// One row of `xl uptime` (or one line of `xl uptime -s`).
struct DomainUptime
{
    QString name;
    qint64 domid = -1;
    /// Uptime in seconds; `-s` prints no seconds, so they count as 0 there.
    qint64 seconds = 0;
    /// False for `xl uptime -s` (minute resolution).
    bool hasSeconds = true;
    /// As printed: "1 day,  3:04:05", " 3:04:05".
    QString text;
    qsizetype line = 0;
};

/// `xl uptime` in output order.
struct UptimeList
{
    QList<DomainUptime> domains;
    ParseReport report;

    const DomainUptime* byId(qint64 domid) const;
};

/// One vCPU of `xl vcpu-list` / `xm vcpu-list`.
struct VcpuInfo
{
    QString domainName;
    qint64 domid = -1;
    int vcpu = 0;
    /// The physical CPU it runs on; nullopt ("-") when the vCPU is offline.
    std::optional<int> cpu;
    bool running = false;
    bool blocked = false;
    /// State "--p": the vCPU is offline (paused).
    bool offline = false;
    double timeSeconds = 0;
    /// "all", "0-15", "0,2,4-7"; xm prints "any cpu". Soft affinity only from Xen 4.5's
    /// "Affinity (Hard / Soft)" column.
    QString hardAffinity;
    QString softAffinity;
    qsizetype line = 0;
};

/// `xl vcpu-list` in output order.
struct VcpuList
{
    QList<VcpuInfo> vcpus;
    ParseReport report;

    QList<const VcpuInfo*> ofDomain(qint64 domid) const;
};

/// A NIC of a domain's libxl configuration.
struct XlDomainNic
{
    int devid = -1;
    QString mac;
    QString bridge;
    QString script;
    QString vifname;
    QString model;
};

/// A disk of a domain's libxl configuration.
struct XlDomainDisk
{
    QString vdev;
    /// `pdev_path`: the backing file or device.
    QString target;
    QString format;
    bool readOnly = false;
    bool cdrom = false;
};

/// One domain of `xl list -l` (libxl's JSON: `{domid, config: {c_info, b_info, disks,
/// nics, ...}}`). Fields the JSON lacks stay empty.
struct XlDomainDetails
{
    qint64 domid = -1;
    QString name;
    QString uuid;
    /// c_info.type: "pv", "hvm", "pvh".
    QString type;
    std::optional<qint64> maxMemoryMiB;
    std::optional<qint64> targetMemoryMiB;
    std::optional<int> maxVcpus;
    QList<XlDomainNic> nics;
    QList<XlDomainDisk> disks;
    /// The whole `config` object, for fields this type does not name.
    QJsonObject config;
};

/// `xl list -l` in output order.
struct XlDomainDetailsList
{
    QList<XlDomainDetails> domains;
    ParseReport report;

    const XlDomainDetails* byId(qint64 domid) const;
    const XlDomainDetails* byName(QStringView name) const;
};

/// One line of the hypervisor's console ring (`xl dmesg`, `xm dmesg`).
struct DmesgLine
{
    /// The line starts with "(XEN)"; false for the ASCII-art banner, guest console
    /// lines and anything else in the ring.
    bool hypervisor = false;
    /// `[2024-01-01 00:00:00.123]` (console_timestamps=date/datems), as printed, no zone.
    std::optional<QDateTime> wallClock;
    /// `[   12.345678]` (console_timestamps=boot): seconds since boot.
    std::optional<double> uptimeSeconds;
    /// `[0000000c4a1f6b2d]` (console_timestamps=raw): the TSC.
    std::optional<quint64> rawTimestamp;
    /// `<0>`..`<7>` or `<G>` (guest) when the ring kept the level marker; empty otherwise.
    QString level;
    /// `(d1)` guest console output: the domid; -1 otherwise.
    qint64 guestDomid = -1;
    /// The message without prefix, timestamp and level.
    QString text;
    qsizetype line = 0;
};

/// The hypervisor console ring in order.
struct DmesgLog
{
    QList<DmesgLine> lines;
    ParseReport report;

    /// The text after "Command line:" (where `dom0_mem=` is), null when absent.
    QString commandLine() const;
    /// "4.17.5" from "Xen version 4.17.5 (...)", empty when absent.
    QString xenVersion() const;
};

/// Parsers for the other xl (and xm) commands the rescue reads: uptime, vcpu-list,
/// list -l and dmesg.
class XlParsers final
{
public:
    /// `xl uptime` (`Name ID Uptime` table) and `xl uptime -s` (` 10:11:12 up 1 day,
    /// 3:04, Domain-0 (0)`). Usage or error text gives code "not-uptime".
    static Result<UptimeList> parseUptime(QByteArrayView output);
    /// `xl vcpu-list` / `xm vcpu-list`: `Name ID VCPU CPU State Time(s) Affinity...`.
    /// Names may contain spaces; rows are read from the numeric columns.
    static Result<VcpuList> parseVcpuList(QByteArrayView output);
    /// `xl list -l` JSON (an array of domains, or one object). Input over 64 MiB is
    /// refused (code "too-large"); invalid JSON gives code "invalid-json" with the offset.
    static Result<XlDomainDetailsList> parseListLong(QByteArrayView output);
    /// `xl dmesg` / `xm dmesg`: "(XEN)" lines with or without timestamps and level
    /// markers; other lines kept with hypervisor = false.
    static Result<DmesgLog> parseDmesg(QByteArrayView output);
};

} // namespace xr
