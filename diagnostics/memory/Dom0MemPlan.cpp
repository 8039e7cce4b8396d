#include "Dom0MemPlan.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace xr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::Dom0MemPlan", text);
}

// Lines without their '\n'; a final line without a newline is kept as it is.
QList<QByteArray> splitLines(const QByteArray& content)
{
    QList<QByteArray> lines = content.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QByteArray joinLines(const QList<QByteArray>& lines, bool finalNewline)
{
    QByteArray out = lines.join('\n');
    if (finalNewline && !lines.isEmpty())
        out += '\n';
    return out;
}

bool isUtf8(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// Builds the edit from replaced and appended lines.
struct Editor
{
    QString path;
    QByteArray before;
    QList<QByteArray> lines;
    bool finalNewline = true;
    QList<LineChange> changes;
    QString error;

    Editor(const QString& p, const QByteArray& content)
        : path(p)
        , before(content)
        , lines(splitLines(content))
        , finalNewline(content.isEmpty() || content.endsWith('\n'))
    {}

    QString text(qsizetype i) const { return QString::fromUtf8(lines[i]); }
    bool replace(qsizetype i, const QString& newText)
    {
        if (!isUtf8(lines[i])) {
            error = tr("Line %1 of %2 is not valid UTF-8; XenRescue does not edit it.").arg(i + 1).arg(path);
            return false;
        }
        if (text(i) == newText)
            return true;
        changes << LineChange{i + 1, text(i), newText};
        lines[i] = newText.toUtf8();
        return true;
    }
    void append(const QString& newText)
    {
        lines << newText.toUtf8();
        changes << LineChange{lines.size(), QString(), newText};
        finalNewline = true;
    }
    Result<FileEdit> finish() const
    {
        if (!error.isEmpty())
            return Result<FileEdit>::failure(error, QStringLiteral("not-utf8"));
        FileEdit e;
        e.path = path;
        e.before = before;
        e.after = joinLines(lines, finalNewline);
        e.changes = changes;
        return e;
    }
};

QString dom0MemWord(qint64 mib)
{
    return QStringLiteral("dom0_mem=%1M,max:%1M").arg(mib);
}

// Replaces the dom0_mem words of a space-separated argument string by one (or appends it).
QString withDom0Mem(const QString& args, qint64 mib)
{
    static const QRegularExpression word(QStringLiteral(R"((^|\s+)dom0_mem=\S*)"));
    const QRegularExpressionMatch first = word.match(args);
    if (!first.hasMatch()) {
        if (args.trimmed().isEmpty())
            return dom0MemWord(mib);
        return args.endsWith(u' ') ? args + dom0MemWord(mib) : args + u' ' + dom0MemWord(mib);
    }
    QString out = args;
    out.remove(word);
    out.insert(first.capturedStart(), first.captured(1) + dom0MemWord(mib));
    return out;
}

} // namespace

QString FileEdit::diff() const
{
    QString out = QStringLiteral("--- %1\n+++ %1\n").arg(path);
    const QList<QByteArray> lines = splitLines(before);
    for (const LineChange& c : changes) {
        if (c.oldText.isNull()) {
            out += QStringLiteral("@@ -%1,0 +%2,1 @@\n+%3\n").arg(c.line - 1).arg(c.line).arg(c.newText);
            continue;
        }
        const qsizetype i = c.line - 1;
        out += QStringLiteral("@@ -%1 +%1 @@\n").arg(c.line);
        if (i > 0 && i - 1 < lines.size())
            out += u' ' + QString::fromUtf8(lines[i - 1]) + u'\n';
        out += u'-' + c.oldText + u'\n';
        out += u'+' + c.newText + u'\n';
    }
    return out;
}

QString Dom0MemPlan::preview() const
{
    QStringList out;
    if (!minimumReason.isEmpty())
        out << tr("# smallest size offered: %1 MiB. %2").arg(minimumMiB).arg(minimumReason);
    for (const FileEdit& b : backupsOnly)
        out << tr("# back up %1 to %2").arg(b.path, b.backupPath);
    for (const FileEdit& e : edits) {
        out << tr("# back up %1 to %2, then write the new version").arg(e.path, e.backupPath);
        for (const LineChange& c : e.changes)
            out << (c.oldText.isNull() ? tr("#   add line %1: %2").arg(c.line).arg(c.newText)
                                       : tr("#   line %1: %2").arg(c.line).arg(c.newText));
    }
    for (const ShellCommand& c : commands)
        out << c.toShell();
    return out.join(u'\n');
}

Result<qint64> Dom0MemPlan::validateSize(qint64 newMiB, qint64 hostTotalMiB)
{
    const qint64 max = hostTotalMiB > 0 ? hostTotalMiB * 3 / 4 : qint64(1) << 20;
    if (newMiB < 256)
        return Result<qint64>::failure(tr("dom0 needs at least 256 MiB."), QStringLiteral("too-small"));
    if (newMiB > max)
        return Result<qint64>::failure(
            tr("%1 MiB would leave too little for the guests: at most %2 MiB on this host.").arg(newMiB).arg(max),
            QStringLiteral("too-large"));
    return newMiB;
}

qint64 Dom0MemPlan::vendorMinimumMiB(FlavourKind flavour, const QString& productBrand, QString* reason)
{
    if (isXapiFlavour(flavour) && productBrand.contains(QStringLiteral("XCP-ng"), Qt::CaseInsensitive)) {
        if (reason)
            *reason = tr("XCP-ng documents 2 GiB as the least dom0 needs (4 GiB on hosts with less than 128 GiB of "
                         "RAM, 8 GiB from 128 GiB); below it xapi, the storage and network daemons and the "
                         "oom-killer fight over dom0's memory.");
        return 2048;
    }
    if (isXapiFlavour(flavour)) {
        if (reason)
            *reason = tr("XenServer gives dom0 1 GiB plus 5 % of the host's RAM at install; below 1 GiB its "
                         "toolstack (xapi, xenopsd, squeezed, the storage managers) does not run reliably.");
        return 1024;
    }
    if (reason)
        *reason = tr("Plain Xen sets no vendor floor; below 256 MiB dom0's kernel and toolstack do not fit.");
    return 256;
}

Result<qint64> Dom0MemPlan::validateSize(qint64 newMiB, qint64 hostTotalMiB, FlavourKind flavour,
                                         const QString& productBrand)
{
    QString reason;
    const qint64 min = vendorMinimumMiB(flavour, productBrand, &reason);
    if (newMiB < min)
        return Result<qint64>::failure(tr("dom0 needs at least %1 MiB here: %2").arg(min).arg(reason),
                                       QStringLiteral("too-small"));
    return validateSize(newMiB, hostTotalMiB);
}

ShellCommand Dom0MemPlan::xenCmdlineReadBack(const QString& xenCmdlinePath)
{
    return ShellCommand{xenCmdlinePath.isEmpty() ? QStringLiteral("/opt/xensource/libexec/xen-cmdline")
                                                 : xenCmdlinePath,
                        {QStringLiteral("--get-xen"), QStringLiteral("dom0_mem")}};
}

Result<void> Dom0MemPlan::checkReadBack(const QByteArray& getXenOutput) const
{
    const QString expected = QStringLiteral("dom0_mem=") + dom0MemValue;
    QStringList lines;
    for (const QByteArray& l : getXenOutput.split('\n'))
        if (!l.trimmed().isEmpty())
            lines << QString::fromUtf8(l.trimmed());
    if (lines.size() == 1 && lines.first() == expected)
        return Result<void>::success();
    const QString got = lines.isEmpty() ? tr("nothing") : lines.join(QStringLiteral(" | ")).left(200);
    return Result<void>::failure(
        tr("xen-cmdline --get-xen dom0_mem printed %1, not %2: the boot configuration does not say what was set.")
            .arg(got, expected),
        QStringLiteral("read-back-differs"));
}

QString Dom0MemPlan::backupPathFor(const QString& path, const QString& stamp)
{
    return path + QStringLiteral(".xenrescue-") + stamp;
}

ShellCommand Dom0MemPlan::maintenanceCheckCommand(const QString& xePath, const QString& hostUuid)
{
    return ShellCommand{
        xePath.isEmpty() ? QStringLiteral("xe") : xePath,
        {QStringLiteral("host-param-get"), QStringLiteral("uuid=") + hostUuid, QStringLiteral("param-name=enabled")}};
}

Result<FileEdit> Dom0MemPlan::setBootDom0Mem(const QString& path, const QByteArray& content, qint64 newMiB)
{
    Editor ed(path, content);
    static const QRegularExpression defaultGrub(QStringLiteral(R"(^(\s*GRUB_CMDLINE_XEN(_DEFAULT)?=)(["']?)(.*)$)"));
    static const QRegularExpression xenKernel(
        QStringLiteral(R"(^(\s*(kernel|multiboot2?)\s+\S*xen[^\s/]*(\.gz)?)(\s.*)?$)"));
    qsizetype defaultLine = -1;
    qsizetype plainLine = -1;
    QList<qsizetype> kernelLines;
    for (qsizetype i = 0; i < ed.lines.size(); ++i) {
        const QString l = ed.text(i);
        if (const QRegularExpressionMatch m = defaultGrub.match(l); m.hasMatch()) {
            if (m.captured(2).isEmpty())
                plainLine = i;
            else
                defaultLine = i;
        } else if (xenKernel.match(l).hasMatch()) {
            kernelLines << i;
        }
    }
    if (defaultLine >= 0 || plainLine >= 0) {
        const qsizetype i = defaultLine >= 0 ? defaultLine : plainLine;
        const QRegularExpressionMatch m = defaultGrub.match(ed.text(i));
        const QString quote = m.captured(3);
        QString value = m.captured(4);
        QString after;
        if (!quote.isEmpty()) {
            const qsizetype close = value.lastIndexOf(quote);
            if (close < 0)
                return Result<FileEdit>::failure(
                    tr("Line %1 of %2 has no closing quote; XenRescue does not edit it.").arg(i + 1).arg(path),
                    QStringLiteral("unreadable"));
            after = value.mid(close);
            value = value.left(close);
        }
        if (!ed.replace(i, m.captured(1) + quote + withDom0Mem(value, newMiB) + after))
            return ed.finish();
        return ed.finish();
    }
    if (!kernelLines.isEmpty()) {
        for (qsizetype i : std::as_const(kernelLines)) {
            const QRegularExpressionMatch m = xenKernel.match(ed.text(i));
            const QString args = m.captured(4);
            const QString newArgs = args.trimmed().isEmpty() ? u' ' + dom0MemWord(newMiB) : withDom0Mem(args, newMiB);
            if (!ed.replace(i, m.captured(1) + newArgs))
                return ed.finish();
        }
        return ed.finish();
    }
    if (path.endsWith(QStringLiteral("default/grub"))) {
        ed.append(QStringLiteral("GRUB_CMDLINE_XEN_DEFAULT=\"%1\"").arg(dom0MemWord(newMiB)));
        return ed.finish();
    }
    return Result<FileEdit>::failure(tr("%1 has no Xen boot line to change.").arg(path), QStringLiteral("no-xen-line"));
}

Result<FileEdit> Dom0MemPlan::setXlAutoballoonOff(const QString& path, const QByteArray& content)
{
    Editor ed(path, content);
    static const QRegularExpression setting(QStringLiteral(R"(^\s*autoballoon\s*=)"));
    qsizetype last = -1;
    for (qsizetype i = 0; i < ed.lines.size(); ++i)
        if (setting.match(ed.text(i)).hasMatch())
            last = i;
    if (last >= 0)
        ed.replace(last, QStringLiteral("autoballoon=\"off\""));
    else
        ed.append(QStringLiteral("autoballoon=\"off\""));
    return ed.finish();
}

Result<FileEdit> Dom0MemPlan::setXendMemory(const QString& path, const QByteArray& content, qint64 newMiB)
{
    Editor ed(path, content);
    static const QRegularExpression minMem(QStringLiteral(R"(^\s*\(dom0-min-mem\s)"));
    static const QRegularExpression balloon(QStringLiteral(R"(^\s*\(enable-dom0-ballooning\s)"));
    qsizetype minLine = -1;
    qsizetype balloonLine = -1;
    for (qsizetype i = 0; i < ed.lines.size(); ++i) {
        const QString l = ed.text(i);
        if (minLine < 0 && minMem.match(l).hasMatch())
            minLine = i;
        if (balloonLine < 0 && balloon.match(l).hasMatch())
            balloonLine = i;
    }
    const QString minText = QStringLiteral("(dom0-min-mem %1)").arg(newMiB);
    const QString balloonText = QStringLiteral("(enable-dom0-ballooning no)");
    if (minLine >= 0)
        ed.replace(minLine, minText);
    if (balloonLine >= 0)
        ed.replace(balloonLine, balloonText);
    if (minLine < 0)
        ed.append(minText);
    if (balloonLine < 0)
        ed.append(balloonText);
    return ed.finish();
}

Result<Dom0MemPlan> Dom0MemPlan::forXapi(qint64 newMiB, const QString& xenCmdlinePath, const QString& bootPath,
                                         const QByteArray& bootConfig, const QString& stamp,
                                         const QString& productBrand)
{
    Dom0MemPlan p;
    p.flavour = FlavourKind::XapiModern;
    p.minimumMiB = vendorMinimumMiB(p.flavour, productBrand, &p.minimumReason);
    if (newMiB < p.minimumMiB)
        return Result<Dom0MemPlan>::failure(
            tr("dom0 needs at least %1 MiB here: %2").arg(p.minimumMiB).arg(p.minimumReason),
            QStringLiteral("too-small"));
    p.newMiB = newMiB;
    p.dom0MemValue = QStringLiteral("%1M,max:%1M").arg(newMiB);
    p.requiresMaintenanceMode = true;
    if (!bootPath.isEmpty()) {
        // What xen-cmdline will do to the Xen lines, for the preview; the tool writes it.
        Result<FileEdit> e = setBootDom0Mem(bootPath, bootConfig, newMiB);
        FileEdit b;
        if (e)
            b = e.value();
        b.path = bootPath;
        b.before = bootConfig;
        if (!e)
            b.after = bootConfig;
        b.backupPath = backupPathFor(bootPath, stamp);
        p.backupsOnly << b;
    }
    p.commands << ShellCommand{xenCmdlinePath.isEmpty() ? QStringLiteral("/opt/xensource/libexec/xen-cmdline")
                                                        : xenCmdlinePath,
                               {QStringLiteral("--set-xen"), QStringLiteral("dom0_mem=") + p.dom0MemValue}};
    return p;
}

Result<Dom0MemPlan> Dom0MemPlan::forXl(qint64 newMiB, const QString& bootPath, const QByteArray& bootConfig,
                                       const QString& xlConfPath, const std::optional<QByteArray>& xlConf,
                                       const QString& stamp)
{
    Dom0MemPlan p;
    p.flavour = FlavourKind::Xl;
    p.newMiB = newMiB;
    p.minimumMiB = vendorMinimumMiB(p.flavour, QString(), &p.minimumReason);
    p.dom0MemValue = QStringLiteral("%1M,max:%1M").arg(newMiB);
    Result<FileEdit> boot = setBootDom0Mem(bootPath, bootConfig, newMiB);
    if (!boot)
        return Result<Dom0MemPlan>::failure(boot.errorMessage(), boot.error().code);
    boot->backupPath = backupPathFor(bootPath, stamp);
    if (!boot->isNoOp())
        p.edits << boot.value();
    if (xlConf) {
        Result<FileEdit> conf = setXlAutoballoonOff(xlConfPath, *xlConf);
        if (!conf)
            return Result<Dom0MemPlan>::failure(conf.errorMessage(), conf.error().code);
        conf->backupPath = backupPathFor(xlConfPath, stamp);
        if (!conf->isNoOp())
            p.edits << conf.value();
    }
    if (bootPath.endsWith(QStringLiteral("default/grub")) && !boot->isNoOp())
        p.commands << ShellCommand{QStringLiteral("update-grub"), {}};
    return p;
}

Result<Dom0MemPlan> Dom0MemPlan::forXm(qint64 newMiB, const QString& bootPath, const QByteArray& bootConfig,
                                       const QString& xendConfigPath, const QByteArray& xendConfig,
                                       const QString& stamp)
{
    Result<Dom0MemPlan> p = forXl(newMiB, bootPath, bootConfig, QString(), std::nullopt, stamp);
    if (!p)
        return p;
    p->flavour = FlavourKind::Xm;
    Result<FileEdit> conf = setXendMemory(xendConfigPath, xendConfig, newMiB);
    if (!conf)
        return Result<Dom0MemPlan>::failure(conf.errorMessage(), conf.error().code);
    conf->backupPath = backupPathFor(xendConfigPath, stamp);
    if (!conf->isNoOp())
        p->edits << conf.value();
    return p;
}

} // namespace xr
