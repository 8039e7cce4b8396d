#pragma once

#include "HostFlavour.h"
#include "Result.h"
#include "ShellCommand.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace xr {

/// One line a file edit changes: replaced in place, or added at the end (oldText null).
struct LineChange
{
    /// 1-based line number in the edited file.
    qsizetype line = 0;
    QString oldText;
    QString newText;
    bool operator==(const LineChange&) const = default;
};

/// A whole-file edit computed locally: the file as read, the file as it will be written, the
/// lines that differ and where the untouched copy is kept.
struct FileEdit
{
    QString path;
    QByteArray before;
    QByteArray after;
    QList<LineChange> changes;
    /// `PATH.xenrescue-YYYYmmdd-HHMMSS`: written (never overwriting) before the file changes.
    QString backupPath;

    bool isNoOp() const { return before == after; }
    /// A unified diff (`--- PATH`, `+++ PATH`, one hunk per change with one line of context).
    QString diff() const;
};

/// The guided "Change dom0 memory" action as data (XEN-FIELD-GUIDE section 7): what is backed
/// up, which lines of which files change, which commands run, and what must hold first.
///   - xapi hosts: `xen-cmdline --set-xen dom0_mem=NM,max:NM` (it rewrites the boot loader's
///     Xen lines); the boot configuration is backed up first; the host must be disabled
///     (maintenance mode) first, as XenCenter requires.
///   - xl hosts: GRUB_CMDLINE_XEN_DEFAULT in /etc/default/grub, then `update-grub`;
///     `autoballoon="off"` in /etc/xen/xl.conf.
///   - xm hosts: the same boot line, and `(dom0-min-mem N)` + `(enable-dom0-ballooning no)` in
///     /etc/xen/xend-config.sxp.
/// The change takes effect at the next reboot.
struct Dom0MemPlan
{
    FlavourKind flavour = FlavourKind::Xl;
    qint64 newMiB = 0;
    /// "4096M,max:4096M".
    QString dom0MemValue;
    /// Files edited over SFTP (backup first, then a temporary file renamed over the original).
    QList<FileEdit> edits;
    /// Files only copied before the commands run (xapi: the boot configuration xen-cmdline edits).
    QList<FileEdit> backupsOnly;
    /// Commands run after the edits, in order.
    QList<ShellCommand> commands;
    bool requiresMaintenanceMode = false;
    bool rebootNeeded = true;
    /// The smallest size offered on this host and why (vendorMinimumMiB()); shown in the preview.
    qint64 minimumMiB = 256;
    QString minimumReason;

    /// Every command and edit as the user will see them, one per line.
    QString preview() const;

    /// 256 MiB .. 3/4 of the host (or 1 TiB when the host's size is unknown); a translated
    /// error otherwise. Without the vendor: the floor below is the one to use (validateSize
    /// with the flavour).
    static Result<qint64> validateSize(qint64 newMiB, qint64 hostTotalMiB);
    /// As above, with the vendor's floor (vendorMinimumMiB()) instead of 256 MiB.
    static Result<qint64> validateSize(qint64 newMiB, qint64 hostTotalMiB, FlavourKind flavour,
                                       const QString& productBrand);
    /// The smallest dom0 XenRescue offers, following the vendor (XEN-FIELD-GUIDE section 7),
    /// with the reason (translated) in @p reason: XCP-ng 2 GiB (its documented minimum),
    /// XenServer / Citrix Hypervisor and other xapi hosts 1 GiB (the installer's base:
    /// 1 GiB + 5 % of RAM), plain Xen (xl, xm) 256 MiB.
    static qint64 vendorMinimumMiB(FlavourKind flavour, const QString& productBrand, QString* reason = nullptr);
    /// `PATH.xenrescue-STAMP`.
    static QString backupPathFor(const QString& path, const QString& stamp);

    /// xapi: `xen-cmdline` at `xenCmdlinePath`; the boot configuration read from `bootPath`
    /// is backed up and its expected change previewed.
    /// Below the vendor's floor for @p productBrand (vendorMinimumMiB(); empty: XenServer's) it fails
    /// with code "too-small".
    static Result<Dom0MemPlan> forXapi(qint64 newMiB, const QString& xenCmdlinePath, const QString& bootPath,
                                       const QByteArray& bootConfig, const QString& stamp,
                                       const QString& productBrand = {});
    /// `xen-cmdline --get-xen dom0_mem`: what the boot configuration says after --set-xen.
    static ShellCommand xenCmdlineReadBack(const QString& xenCmdlinePath);
    /// Checks what `xen-cmdline --get-xen dom0_mem` printed after --set-xen: one line
    /// `dom0_mem=VALUE` holding exactly the plan's dom0MemValue. A translated error otherwise.
    Result<void> checkReadBack(const QByteArray& getXenOutput) const;
    /// xl: /etc/default/grub (or a menu.lst / grub.cfg given instead), then update-grub; xl.conf
    /// when it is read (its autoballoon set to "off").
    static Result<Dom0MemPlan> forXl(qint64 newMiB, const QString& bootPath, const QByteArray& bootConfig,
                                     const QString& xlConfPath, const std::optional<QByteArray>& xlConf,
                                     const QString& stamp);
    /// xm: the boot line as for xl, and xend-config.sxp.
    static Result<Dom0MemPlan> forXm(qint64 newMiB, const QString& bootPath, const QByteArray& bootConfig,
                                     const QString& xendConfigPath, const QByteArray& xendConfig, const QString& stamp);

    /// Sets dom0_mem on the Xen command line(s) of a boot file: `GRUB_CMDLINE_XEN_DEFAULT="..."`
    /// (or GRUB_CMDLINE_XEN; added when neither exists) in /etc/default/grub, every
    /// `kernel .../xen...` line of menu.lst, every `multiboot[2] .../xen...` line of grub.cfg.
    /// Earlier dom0_mem words on the line are replaced by one.
    static Result<FileEdit> setBootDom0Mem(const QString& path, const QByteArray& content, qint64 newMiB);
    /// `autoballoon="off"`: replaces the setting xl uses (its last line) or adds it.
    static Result<FileEdit> setXlAutoballoonOff(const QString& path, const QByteArray& content);
    /// `(dom0-min-mem N)` and `(enable-dom0-ballooning no)`: replaces the first form of each (the
    /// one xend reads) or adds it.
    static Result<FileEdit> setXendMemory(const QString& path, const QByteArray& content, qint64 newMiB);
    /// `xe host-param-get uuid=H param-name=enabled`: "false" means maintenance mode.
    static ShellCommand maintenanceCheckCommand(const QString& xePath, const QString& hostUuid);
};

} // namespace xr
