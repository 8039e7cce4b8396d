#include "Dom0MemDialog.h"

#include "CommandGateway.h"
#include "Dom0MemChange.h"
#include "RemoteHost.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace xr {

Dom0MemDialog::Dom0MemDialog(CommandGateway* gateway, const QString& hostId, RemoteHost* host,
                             const MemoryReading& reading, QWidget* parent)
    : QDialog(parent)
    , m_host(host)
    , m_reading(reading)
    , m_gateway(gateway)
    , m_hostId(hostId)
    , m_stamp(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
    , m_intro(new QLabel(this))
    , m_size(new QSpinBox(this))
    , m_error(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
    , m_confirm(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_apply(m_buttons->addButton(tr("&Apply Change"), QDialogButtonBox::AcceptRole))
{
    const HostIdentity& id = reading.identity;
    setWindowTitle(tr("Change dom0 Memory on %1").arg(id.hostname));
    setObjectName(QStringLiteral("dom0MemDialog"));
    resize(760, 620);
    auto* layout = new QVBoxLayout(this);
    QString intro = tr("dom0's memory is set when the host boots. XenRescue backs up every file it changes "
                       "(FILE.xenrescue-%1), changes only the lines shown below, and records each step in the audit "
                       "log. <b>The new size applies after the host reboots.</b>")
                        .arg(m_stamp);
    if (id.flavour.isXapi())
        intro += QStringLiteral("<br><br>") +
                 tr("On XenServer and XCP-ng the host must be in <b>maintenance mode</b> first (disabled, its VMs "
                    "moved away): XenRescue checks with xe host-param-get and refuses otherwise.");
    m_intro->setText(intro);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto* form = new QFormLayout;
    const qint64 total = reading.report.totalMiB;
    // The smallest size offered follows the vendor (XCP-ng 2 GiB, XenServer 1 GiB), with why.
    QString floorReason;
    const qint64 floor = Dom0MemPlan::vendorMinimumMiB(reading.identity.flavour.kind,
                                                       reading.identity.flavour.productBrand, &floorReason);
    const qint64 ceiling = std::min<qint64>(total > 0 ? total * 3 / 4 : 1 << 20, 1 << 20);
    m_size->setRange(int(std::min(floor, ceiling)), int(ceiling));
    m_size->setToolTip(floorReason);
    m_size->setSingleStep(256);
    m_size->setSuffix(tr(" MiB"));
    qint64 initial = reading.report.recommendedDom0MiB > 0 ? reading.report.recommendedDom0MiB
                     : reading.report.dom0MiB > 0          ? reading.report.dom0MiB
                                                           : 1024;
    m_size->setValue(int(initial));
    m_size->setAccessibleName(tr("New dom0 memory in MiB"));
    form->addRow(tr("New dom0 &memory:"), m_size);
    layout->addLayout(form);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("dom0MemError"));
    layout->addWidget(m_error);

    auto* previewLabel = new QLabel(tr("What will be done (&preview):"), this);
    previewLabel->setBuddy(m_preview);
    layout->addWidget(previewLabel);
    m_preview->setReadOnly(true);
    m_preview->setObjectName(QStringLiteral("dom0MemPreview"));
    m_preview->setAccessibleName(tr("Commands, file edits and diff"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_preview, 1);

    auto* confirmLabel =
        new QLabel(tr("Type the host name <b>%1</b> to confirm:").arg(id.hostname.toHtmlEscaped()), this);
    confirmLabel->setBuddy(m_confirm);
    layout->addWidget(confirmLabel);
    m_confirm->setObjectName(QStringLiteral("dom0MemConfirm"));
    m_confirm->setAccessibleName(tr("Host name to confirm"));
    layout->addWidget(m_confirm);
    layout->addWidget(m_buttons);
    m_apply->setObjectName(QStringLiteral("dom0MemApply"));
    m_apply->setDefault(false);
    m_buttons->button(QDialogButtonBox::Close)->setDefault(true);

    connect(m_size, &QSpinBox::valueChanged, this, &Dom0MemDialog::updatePlan);
    connect(m_confirm, &QLineEdit::textChanged, this, &Dom0MemDialog::updateApply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    disconnect(m_buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_apply, &QPushButton::clicked, this, &Dom0MemDialog::apply);
    updatePlan();
}

Dom0MemDialog::~Dom0MemDialog() = default;

QString Dom0MemDialog::previewText() const
{
    return m_preview->toPlainText();
}

void Dom0MemDialog::updatePlan()
{
    const HostIdentity& id = m_reading.identity;
    const qint64 mib = m_size->value();
    m_plan.reset();
    QString error;
    if (const Result<qint64> ok =
            Dom0MemPlan::validateSize(mib, m_reading.report.totalMiB, id.flavour.kind, id.flavour.productBrand);
        !ok) {
        error = ok.errorMessage();
    } else if (id.flavour.isXapi()) {
        Result<Dom0MemPlan> p =
            Dom0MemPlan::forXapi(mib, MemoryReader::xenCmdlinePath(), m_reading.bootPath,
                                 m_reading.bootConfig.value_or(QByteArray()), m_stamp, id.flavour.productBrand);
        if (p)
            m_plan = p.value();
        else
            error = p.errorMessage();
        if (m_plan && !m_reading.bootConfig)
            m_plan->backupsOnly.clear();
    } else if (!m_reading.bootConfig) {
        error = tr("%1 could not be read, so XenRescue cannot change it.").arg(m_reading.bootPath);
    } else if (id.flavour.kind == FlavourKind::Xm) {
        if (!m_reading.toolstackConf) {
            error = tr("%1 could not be read.").arg(m_reading.toolstackConfPath);
        } else {
            Result<Dom0MemPlan> p = Dom0MemPlan::forXm(mib, m_reading.bootPath, *m_reading.bootConfig,
                                                       m_reading.toolstackConfPath, *m_reading.toolstackConf, m_stamp);
            if (p)
                m_plan = p.value();
            else
                error = p.errorMessage();
        }
    } else {
        Result<Dom0MemPlan> p = Dom0MemPlan::forXl(mib, m_reading.bootPath, *m_reading.bootConfig,
                                                   m_reading.toolstackConfPath, m_reading.toolstackConf, m_stamp);
        if (p)
            m_plan = p.value();
        else
            error = p.errorMessage();
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    QString text;
    if (m_plan) {
        text += tr("# On %1:").arg(id.hostname) + u'\n';
        if (m_plan->requiresMaintenanceMode)
            text += tr("# first: %1 must print false (maintenance mode)")
                        .arg(Dom0MemPlan::maintenanceCheckCommand(id.toolPaths.value(QStringLiteral("xe")), id.uuid)
                                 .toShell()) +
                    u'\n';
        text += m_plan->preview() + QStringLiteral("\n\n");
        for (const FileEdit& e : m_plan->edits)
            text += e.diff() + u'\n';
        for (const FileEdit& b : m_plan->backupsOnly)
            if (!b.changes.isEmpty())
                text += tr("# expected change made by xen-cmdline:") + u'\n' + b.diff() + u'\n';
        if (m_plan->edits.isEmpty() && m_plan->commands.isEmpty())
            text += tr("# Nothing to change: the files already say this.") + u'\n';
        text += tr("# Then reboot %1 for the new size to apply.").arg(id.hostname) + u'\n';
    }
    m_preview->setPlainText(text);
    updateApply();
}

void Dom0MemDialog::updateApply()
{
    const bool running = m_change != nullptr;
    m_apply->setEnabled(!running && m_plan && !(m_plan->edits.isEmpty() && m_plan->commands.isEmpty()) &&
                        m_confirm->text() == m_reading.identity.hostname && m_host && m_host->isConnected());
}

void Dom0MemDialog::reject()
{
    if (m_closeApproved || !m_change || !m_change->isRunning()) {
        QDialog::reject();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, windowTitle(),
                                tr("The dom0 memory change of %1 is still running. Stopping it half-way can leave "
                                   "its files changed and the boot configuration not yet updated.")
                                    .arg(m_reading.identity.hostname),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("dom0MemCloseBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("Wait: the dialog closes once the change has finished.\n"
                               "Stop: the step in flight is stopped and no further step runs.\n"
                               "Keep it running: the change goes on without this dialog; the audit log and "
                               "History show how it ended."));
    QPushButton* wait = box->addButton(tr("&Wait"), QMessageBox::AcceptRole);
    wait->setObjectName(QStringLiteral("dom0MemCloseWait"));
    QPushButton* stop = box->addButton(tr("&Stop"), QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("dom0MemCloseStop"));
    QPushButton* keep = box->addButton(tr("&Keep It Running"), QMessageBox::ActionRole);
    keep->setObjectName(QStringLiteral("dom0MemCloseKeep"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(wait);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, wait, stop, keep](QAbstractButton* b) {
        if (!m_change || !m_change->isRunning()) {
            m_closeApproved = true;
            QDialog::reject();
            return;
        }
        const auto closeWhenDone = [this] {
            connect(m_change, &Dom0MemChange::finished, this, [this] {
                m_closeApproved = true;
                QDialog::reject();
            });
        };
        if (b == wait) {
            closeWhenDone();
        } else if (b == stop) {
            closeWhenDone();
            m_change->stop();
        } else if (b == keep) {
            // The change outlives the dialog; it deletes itself once finished.
            Dom0MemChange* change = std::exchange(m_change, nullptr);
            change->setParent(m_gateway);
            connect(change, &Dom0MemChange::finished, change, &QObject::deleteLater);
            m_closeApproved = true;
            QDialog::reject();
        }
    });
    box->open();
}

void Dom0MemDialog::apply()
{
    if (!m_plan || m_confirm->text() != m_reading.identity.hostname || m_change)
        return;
    m_size->setEnabled(false);
    m_confirm->setEnabled(false);
    m_change = new Dom0MemChange(m_gateway, m_hostId, m_host, m_reading.identity, this);
    updateApply();
    m_preview->appendPlainText(QStringLiteral("\n") + tr("# Applying…"));
    connect(m_change, &Dom0MemChange::progress, this,
            [this](const QString& line) { m_preview->appendPlainText(line); });
    connect(m_change, &Dom0MemChange::finished, this, [this](bool ok, const QString& message) {
        m_error->setText(ok ? tr("<b>Done.</b> %1").arg(message.toHtmlEscaped())
                            : tr("<b>Not done.</b> %1").arg(message.toHtmlEscaped()));
        m_error->setVisible(true);
        if (ok)
            Q_EMIT changed();
    });
    m_change->run(*m_plan);
}

} // namespace xr
