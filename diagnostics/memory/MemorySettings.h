#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// One amount of Xen's `dom0_mem=`: a size (`512M`, `4G`, plain number = KiB, `B` =
/// bytes), a share of host memory (`10%`, Xen 4.11+), a size plus a share (`1G+5%`), and,
/// with a leading `-`, "all host memory but this" (`-1G`).
struct Dom0MemAmount
{
    /// The size part in KiB (0 when only a percentage was given).
    qint64 kib = 0;
    /// The percentage part, 0-99.
    int percent = 0;
    /// Leading "-": the amount is what is left to the other domains.
    bool allBut = false;
    QString text;

    /// A fixed size, independent of the host's memory.
    bool isAbsolute() const { return percent == 0 && !allBut; }
    /// The size in MiB (KiB / 1024, rounded down) when isAbsolute().
    std::optional<qint64> mib() const;
    /// The size in MiB on a host with `hostMiB` of memory, as Xen computes it.
    qint64 resolveMiB(qint64 hostMiB) const;
    bool operator==(const Dom0MemAmount&) const = default;
};

/// dom0's memory as the hypervisor command line sets it: `dom0_mem=512M`,
/// `1024M,max:1024M`, `min:1024M`, `max:4096M`... Several `dom0_mem=` words combine, a
/// later value replacing an earlier one of the same kind (Xen parses each in turn).
struct Dom0Mem
{
    std::optional<Dom0MemAmount> initial;
    std::optional<Dom0MemAmount> min;
    std::optional<Dom0MemAmount> max;
    /// The value(s) as written, e.g. "min:1024M max:4096M".
    QString text;

    std::optional<qint64> initialMiB() const { return initial ? initial->mib() : std::nullopt; }
    std::optional<qint64> minMiB() const { return min ? min->mib() : std::nullopt; }
    std::optional<qint64> maxMiB() const { return max ? max->mib() : std::nullopt; }
    /// dom0 has a fixed size: the initial amount equals max (the XEN-FIELD-GUIDE advice,
    /// `dom0_mem=N,max:N`).
    bool isPinned() const { return initial && max && *initial == *max; }

    /// Parses the value after `dom0_mem=` ("4096M,max:4096M"); code "invalid" on error.
    static Result<Dom0Mem> parse(QStringView value);
    /// Finds every `dom0_mem=` word of a hypervisor command line (xl info's
    /// `xen_commandline`, `(XEN) Command line:`) and combines them. Code "absent" when
    /// there is none, "invalid" when one cannot be read.
    static Result<Dom0Mem> fromCommandLine(QStringView commandLine);
};

/// A hypervisor command line found in a boot configuration or in command output.
struct XenCommandLine
{
    enum class Source {
        XenCmdline,  ///< `xen-cmdline --get-xen dom0_mem` output: `dom0_mem=...`
        Grub2,       ///< grub.cfg `multiboot2 /boot/xen.gz ...` (or `multiboot`)
        GrubLegacy,  ///< menu.lst `kernel /boot/xen.gz ...`
        Extlinux,    ///< extlinux.conf `append /boot/xen.gz ... --- /boot/vmlinuz ...`
        DefaultGrub, ///< /etc/default/grub `GRUB_CMDLINE_XEN[_DEFAULT]="..."`
        XlInfo,      ///< `xl info`'s `xen_commandline : ...`
        Dmesg,       ///< `(XEN) Command line: ...` of xl/xm dmesg
    };

    Source source = Source::XenCmdline;
    /// The hypervisor's arguments only (no image path, no dom0 kernel part).
    QString arguments;
    /// The boot menu entry the line belongs to (grub `menuentry`, menu.lst `title`,
    /// extlinux `label`); empty elsewhere.
    QString entryTitle;
    /// Set when the line has a readable `dom0_mem=`.
    std::optional<Dom0Mem> dom0Mem;
    qsizetype line = 0;
};

/// Every hypervisor command line of one file or output, in order.
struct XenBootConfig
{
    QList<XenCommandLine> commandLines;
    ParseReport report;

    /// dom0_mem of the first command line that sets it (grub boots the first entry by
    /// default), or nullopt.
    std::optional<Dom0Mem> dom0Mem() const;
};

/// One `(key value)` form of xend-config.sxp.
struct XendConfigEntry
{
    QString key;
    /// The value as text: the atom, or the rest of the form written back as s-expression.
    QString value;
    qsizetype line = 0;
};

/// `/etc/xen/xend-config.sxp` (xm hosts): every setting, plus the memory and CPU ones the
/// rescue needs. xend reads the first form with a given name, so later duplicates are
/// reported and ignored.
struct XendConfig
{
    QList<XendConfigEntry> entries;
    /// `(dom0-min-mem N)`: MiB dom0 may balloon down to.
    std::optional<qint64> dom0MinMemMiB;
    /// `(enable-dom0-ballooning yes|no)`.
    std::optional<bool> enableDom0Ballooning;
    /// `(total_available_memory N)`: GiB for all domains; 0 turns it off.
    std::optional<qint64> totalAvailableMemoryGiB;
    /// `(dom0-cpus N)`: 0 means all CPUs.
    std::optional<int> dom0Cpus;
    ParseReport report;

    /// The first value of `key`, or a null QString.
    QString value(QStringView key) const;
};

/// One `key = value` setting of xl.conf.
struct XlConfEntry
{
    enum class Type {
        String,   ///< "text" or 'text'
        Number,   ///< 1, 0x10
        List,     ///< [ "a", "b" ]
        Bareword, ///< an unquoted word: a syntax error to xl, which skips the line
    };

    QString key;
    Type type = Type::String;
    /// The string or number as text (unquoted, escapes resolved); lists join their items
    /// with ", ".
    QString value;
    QStringList items;
    /// Written `key += value` (appends to a list).
    bool append = false;
    qsizetype line = 0;

    /// xl uses the setting (a bareword line is dropped by xl's parser).
    bool isValid() const { return type != Type::Bareword; }
};

/// What xl does about ballooning dom0 when a guest needs memory (`autoballoon` in
/// xl.conf; "auto" by default since Xen 4.3: balloon only when dom0_mem is not set).
enum class Autoballoon {
    Auto,
    On,
    Off,
};

/// `/etc/xen/xl.conf` (xl hosts).
struct XlConf
{
    QList<XlConfEntry> entries;
    ParseReport report;

    /// The setting xl uses for `key`: the last valid one (xl keeps the last assignment).
    const XlConfEntry* entry(QStringView key) const;
    /// Its value, or a null QString.
    QString value(QStringView key) const;
    /// `autoballoon` as xl reads it: "on"/1 and "off"/0 (quoted or not), "auto"; absent,
    /// unreadable or unknown values leave xl's default, Auto.
    Autoballoon autoballoon() const;
};

/// Readers for dom0's memory settings (XEN-FIELD-GUIDE section 7): the hypervisor's
/// `dom0_mem=` wherever it is written, xend-config.sxp and xl.conf.
class MemorySettings final
{
public:
    /// Finds the hypervisor command lines in boot configuration or command output:
    /// grub.cfg, menu.lst, extlinux.conf, /etc/default/grub, `xen-cmdline --get-xen`,
    /// `xl info`, `xl dmesg` (other lines are skipped). Code "no-xen-line" when there is
    /// none.
    static Result<XenBootConfig> parseBootConfig(QByteArrayView text);
    /// xend-config.sxp through SexpReader.
    static Result<XendConfig> parseXendConfig(QByteArrayView text);
    /// xl.conf with the syntax of libxlu: `#` comments, `key = value` or `key += value`
    /// ended by a newline or `;`, strings in double or single quotes, numbers, lists.
    /// An empty file (or only comments) is valid: xl then uses its defaults.
    static Result<XlConf> parseXlConf(QByteArrayView text);
};

} // namespace xr
