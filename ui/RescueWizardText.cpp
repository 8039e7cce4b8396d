#include "RescueWizardText.h"

namespace xr {

QString RescueWizardText::escaped(const QString& s)
{
    QString out = s.toHtmlEscaped();
    // Control characters in a hostile name become visible, never layout.
    for (QChar& c : out) {
        if (c.unicode() < 0x20)
            c = QChar(0xFFFD);
    }
    return out;
}

QString RescueWizardText::commandsText(const Rung& rung)
{
    QStringList lines;
    for (const ShellCommand& c : rung.commands)
        lines << c.toShell();
    return lines.join(QLatin1Char('\n'));
}

QString RescueWizardText::situationHtml(const RescueRun& run)
{
    const VmSituation& s = run.situation();
    const bool xapi = isXapiFlavour(run.flavour());
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    auto row = [&html](const QString& k, const QString& v) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k.toHtmlEscaped(), v);
    };
    row(tr("VM"), escaped(s.vmName.isEmpty() ? tr("(no name)") : s.vmName) + QStringLiteral(" <small>") +
                      escaped(s.vmUuid) + QStringLiteral("</small>"));
    if (xapi) {
        row(tr("xapi believes"), s.xapiAnswers() ? escaped(PoolState::powerStateText(s.xapiPowerState))
                                                 : tr("unknown: xapi is %1").arg(PoolState::healthText(s.xapiHealth)));
    }
    row(tr("The hypervisor runs"), escaped(PoolState::domainText(s.domain)) +
                                       (s.domain.isDying() ? tr(" (dying: a backend still holds it)") : QString()));
    if (!s.currentOperations.isEmpty())
        row(tr("Current operations"), escaped(s.currentOperations.join(QStringLiteral(", "))));
    if (!s.pendingTasks.isEmpty()) {
        QStringList tasks;
        for (const PendingTask& t : s.pendingTasks) {
            QString line = escaped(t.nameLabel) + QStringLiteral(" <small>") + escaped(t.uuid) +
                           QStringLiteral("</small> ") + tr("pending %1").arg(PoolState::durationText(t.ageSeconds));
            if (t.progress >= 0)
                line += tr(", %1% done").arg(int(t.progress * 100));
            if (!t.cancellable)
                line += tr(", cannot be cancelled");
            tasks << line;
        }
        row(tr("Pending tasks"), tasks.join(QStringLiteral("<br>")));
    }
    if (s.residentHost.isKnown())
        row(tr("Resident host"),
            escaped(s.residentHost.label()) + (s.residentHost.alive ? QString() : tr(" (not live)")));
    if (xapi) {
        row(tr("xapi health (pool)"), escaped(PoolState::healthText(s.xapiHealth)));
        if (const std::optional<XapiHealth> resident = run.residentXapiHealth())
            row(tr("xapi on the resident host"), escaped(PoolState::healthText(*resident)));
        if (s.poolMaster.isKnown())
            row(tr("Pool master"), escaped(s.poolMaster.label()));
        row(tr("High availability"), s.haEnabled ? tr("on") : tr("off"));
    }
    html += QStringLiteral("</table>");
    if (!run.ladder().summary.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(escaped(run.ladder().summary));
    return html;
}

QString RescueWizardText::transcriptLine(const TranscriptEntry& e)
{
    const QString prefix = e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss")) + QLatin1Char(' ');
    QString tag;
    switch (e.kind) {
    case TranscriptEntry::Kind::Command:
        tag = QStringLiteral("$ ");
        break;
    case TranscriptEntry::Kind::StdErr:
        tag = QStringLiteral("! ");
        break;
    case TranscriptEntry::Kind::StdOut:
        tag = QStringLiteral("  ");
        break;
    default:
        tag = QLatin1Char('[') + RescueTranscript::kindName(e.kind) + QStringLiteral("] ");
        break;
    }
    QString text = e.text;
    for (QChar& c : text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t')
            c = QChar(0xFFFD);
    }
    const QString host =
        e.host.isEmpty() || e.kind == TranscriptEntry::Kind::StdOut || e.kind == TranscriptEntry::Kind::StdErr
            ? QString()
            : QLatin1Char('(') + e.host + QStringLiteral(") ");
    return prefix + tag + host + text;
}

} // namespace xr
