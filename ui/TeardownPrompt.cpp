#include "TeardownPrompt.h"

#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "HostText.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace xr {

QString TeardownPrompt::describe(Workspace* workspace, const InFlightAction& a)
{
    const QString host = visibleText(workspace->connections()->hostLabel(a.hostId));
    const qint64 seconds = a.sent.secsTo(QDateTime::currentDateTimeUtc());
    QString what = a.context.action.isEmpty() ? tr("a command") : a.context.action;
    if (!a.context.vmName.isEmpty())
        what = tr("%1 of VM %2").arg(what, visibleText(a.context.vmName));
    return tr("• %1 on %2, running for %3 s:\n    %4")
        .arg(what, host)
        .arg(seconds)
        .arg(visibleText(a.command.left(300)));
}

void TeardownPrompt::ask(QWidget* parent, Workspace* workspace, const QStringList& hostIds, const QString& what,
                         std::function<void()> proceed)
{
    const QList<InFlightAction> actions = workspace->actionsInFlight(hostIds);
    if (actions.isEmpty()) {
        proceed();
        return;
    }
    QStringList lines;
    for (const InFlightAction& a : actions)
        lines << describe(workspace, a);
    auto* box = new QMessageBox(QMessageBox::Warning, what,
                                tr("%n command(s) that change something still run:", nullptr, int(actions.size())),
                                QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("teardownBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setWindowModality(Qt::WindowModal);
    box->setText(
        tr("%1 now would end what XenRescue is doing on the host.\n\n%2").arg(what, lines.join(QLatin1Char('\n'))));
    box->setInformativeText(
        tr("Stopping a command half-way can leave the host worse than before (a toolstack restart cut short can "
           "leave xapi stopped; a boot configuration update cut short can leave it half-written).\n\n"
           "Wait for them: XenRescue goes on once they have finished.\n"
           "Stop them now: they are stopped on the host.\n"
           "Keep them running on the host: XenRescue stops watching them; check their result on the host.\n"
           "Every choice is written to the audit log."));
    QPushButton* wait = box->addButton(tr("&Wait for Them"), QMessageBox::AcceptRole);
    wait->setObjectName(QStringLiteral("teardownWait"));
    QPushButton* stop = box->addButton(tr("&Stop Them Now"), QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("teardownStop"));
    QPushButton* keep = box->addButton(tr("&Keep Them Running on the Host"), QMessageBox::ActionRole);
    keep->setObjectName(QStringLiteral("teardownKeep"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("teardownCancel"));
    box->setDefaultButton(wait);
    box->setEscapeButton(cancel);
    QPointer<QWidget> context(parent);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [workspace, hostIds, context, wait, stop, keep, proceed](QAbstractButton* b) {
                         QObject* owner = context ? static_cast<QObject*>(context.data()) : workspace;
                         if (b == stop)
                             workspace->gateway()->stopActions(hostIds);
                         else if (b == keep)
                             workspace->gateway()->detachActions(hostIds);
                         else if (b != wait)
                             return; // Cancel: nothing happens
                         workspace->whenNoActions(hostIds, owner, proceed);
                     });
    box->open();
}

} // namespace xr
