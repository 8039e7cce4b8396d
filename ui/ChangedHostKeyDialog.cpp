#include "ChangedHostKeyDialog.h"

#include "HostKeyText.h"
#include "Resources.h"
#include "ui_ChangedHostKeyDialog.h"

#include <QClipboard>
#include <QDir>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QIcon>
#include <QPushButton>
#include <QStyle>

namespace xr {

ChangedHostKeyDialog::ChangedHostKeyDialog(const HostKeyInfo& info, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChangedHostKeyDialog>())
{
    m_ui->setupUi(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_ui->iconLabel->setPixmap(QIcon(Resources::icon(QStringLiteral("error"))).pixmap(iconSize, iconSize));
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->titleLabel->setText(
        tr("%1 offered a different host key than the one on record. XenRescue did not connect.").arg(info.hostPort));
    m_ui->riskLabel->setText(
        tr("Someone may be intercepting the connection (a man-in-the-middle attack) to capture your password or to "
           "run commands as you. The key also changes for harmless reasons: the host was reinstalled, its SSH keys "
           "were regenerated, or its address now belongs to another machine. Do not go on until you know which."));

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    mono.setFixedPitch(true);
    m_ui->hostValue->setText(info.hostPort);
    m_ui->keyTypeValue->setText(info.keyType);
    m_ui->fingerprintEdit->setFont(mono);
    m_ui->fingerprintEdit->setText(info.sha256Fingerprint);
    m_ui->fingerprintEdit->setAccessibleName(tr("SHA256 fingerprint now offered"));
    m_ui->fileValue->setText(QDir::toNativeSeparators(info.knownHostsFile));
    m_ui->verifyLabel->setText(tr("1. Check the new key on the host's own console (not over the network): run this "
                                  "and compare the SHA256 value with the one above."));
    m_ui->verifyCommandEdit->setFont(mono);
    m_ui->verifyCommandEdit->setText(HostKeyText::verifyCommand(info.keyType));
    m_ui->verifyCommandEdit->setAccessibleName(tr("Command to print the fingerprint on the host"));
    m_ui->removeLabel->setText(tr("2. Only if they match, remove the old entry from the known_hosts file and connect "
                                  "again; XenRescue will then ask about the new key:"));
    m_ui->removeCommandEdit->setFont(mono);
    m_ui->removeCommandEdit->setText(HostKeyText::removeCommand(info.hostPort, info.knownHostsFile));
    m_ui->removeCommandEdit->setAccessibleName(tr("Command to remove the old key"));

    QPushButton* close = m_ui->buttonBox->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setDefault(true);
    QPushButton* copy = m_ui->buttonBox->addButton(tr("&Copy Command"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setAutoDefault(false);
    copy->setToolTip(tr("Copy the command that removes the old entry"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ui->removeCommandEdit->text()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(620);
    adjustSize();
}

ChangedHostKeyDialog::~ChangedHostKeyDialog() = default;

QString ChangedHostKeyDialog::fingerprint() const
{
    return m_ui->fingerprintEdit->text();
}

QString ChangedHostKeyDialog::removeCommand() const
{
    return m_ui->removeCommandEdit->text();
}

void ChangedHostKeyDialog::accept()
{
    // There is nothing to accept here.
    reject();
}

} // namespace xr
