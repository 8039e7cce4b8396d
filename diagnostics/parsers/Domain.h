#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace xr {

/// The hypervisor's state flags for one domain. `xl list`/`xm list` print them as
/// r b p s c d (running, blocked, paused, shutdown, crashed, dying); `list_domains` as
/// D S P B R H (dying, shutdown, paused, blocked, running, HVM), without "crashed".
struct DomainState
{
    bool running = false;
    bool blocked = false;
    bool paused = false;
    bool shutdown = false;
    bool crashed = false;
    bool dying = false;
    /// Only list_domains reports the guest type.
    std::optional<bool> hvm;

    /// Reads "r-----", "--p---", "-b----" (six places, '-' when unset). nullopt when the
    /// text is not a state field.
    static std::optional<DomainState> fromXl(QStringView flags);
    /// Reads list_domains' six-character cell ("    R ", "D     ", "   B H").
    static std::optional<DomainState> fromListDomains(QStringView cell);
    /// The xl spelling, e.g. "--p--d".
    QString toXlString() const;
    /// No flag set: xm shows "------" for a domain that is runnable but not on a CPU.
    bool isEmpty() const { return !running && !blocked && !paused && !shutdown && !crashed && !dying; }
    bool operator==(const DomainState&) const = default;
};

/// A column of a domain listing this type has no field for (`Claimed`, `Label`,
/// list_domains' `shutdown code`, `sif`...), kept by its header name.
struct DomainColumn
{
    QString name;
    QString value;
    bool operator==(const DomainColumn&) const = default;
};

/// One domain as the hypervisor sees it, from `list_domains`, `xl list`, `xm list` or
/// `xm list --long`. Fields a listing does not show stay empty / nullopt.
struct Domain
{
    /// domid; -1 when the listing has none (`list_domains -minimal`, a halted xend domain).
    qint64 id = -1;
    /// Empty for list_domains, which knows no names. "(null)" marks a domain whose name
    /// is already gone from xenstore: a dying or zombie domain.
    QString name;
    QString uuid;
    DomainState state;
    std::optional<qint64> memoryMiB;
    std::optional<qint64> maxMemoryMiB;
    std::optional<qint64> shadowMemoryMiB;
    std::optional<int> vcpus;
    std::optional<double> cpuTimeSeconds;
    QList<DomainColumn> extraColumns;
    /// 1-based line of the row in the input.
    qsizetype line = 0;

    bool isControlDomain() const { return id == 0; }
    bool hasNullName() const { return name == u"(null)"; }
    /// The value of an extra column, or a null QString.
    QString column(QStringView name) const;
};

} // namespace xr
