#include "HostKeyDialog.h"

#include "HostKeyText.h"
#include "Resources.h"
#include "ui_HostKeyDialog.h"

#include <QDir>
#include <QFontDatabase>
#include <QIcon>
#include <QPushButton>
#include <QStyle>

namespace xr {

HostKeyDialog::HostKeyDialog(const HostKeyInfo& info, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HostKeyDialog>())
    , m_info(info)
{
    m_ui->setupUi(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_ui->iconLabel->setPixmap(QIcon(Resources::icon(QStringLiteral("warning"))).pixmap(iconSize, iconSize));

    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->titleLabel->setText(tr("XenRescue has never seen the host key of %1").arg(info.hostPort));
    m_ui->explanationLabel->setText(
        tr("This is normal the first time you connect to a host. It is also what an attacker between you and the "
           "host would show. Trust the key only once you have checked its fingerprint."));
    m_ui->hostValue->setText(info.hostPort);
    m_ui->keyTypeValue->setText(info.keyType);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    mono.setFixedPitch(true);
    m_ui->fingerprintEdit->setFont(mono);
    m_ui->fingerprintEdit->setText(info.sha256Fingerprint);
    m_ui->fingerprintEdit->setAccessibleName(tr("SHA256 fingerprint"));
    m_ui->verifyLabel->setText(tr("To check it, run this on the host's console (XenCenter's console tab, iDRAC, "
                                  "iLO...) and compare the SHA256 value it prints with the one above:"));
    m_ui->verifyCommandEdit->setFont(mono);
    m_ui->verifyCommandEdit->setText(HostKeyText::verifyCommand(info.keyType));
    m_ui->verifyCommandEdit->setAccessibleName(tr("Command to print the fingerprint on the host"));
    m_ui->storageLabel->setText(tr("\"Trust and remember\" adds the key to %1. \"Trust once\" connects this time "
                                   "only and asks again next time.")
                                    .arg(QDir::toNativeSeparators(info.knownHostsFile)));
    m_ui->storageLabel->setForegroundRole(QPalette::PlaceholderText);

    m_trustRemember = m_ui->buttonBox->addButton(tr("Trust and &Remember"), QDialogButtonBox::AcceptRole);
    m_trustRemember->setObjectName(QStringLiteral("trustRememberButton"));
    m_trustOnce = m_ui->buttonBox->addButton(tr("Trust &Once"), QDialogButtonBox::AcceptRole);
    m_trustOnce->setObjectName(QStringLiteral("trustOnceButton"));
    m_cancel = m_ui->buttonBox->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    for (QPushButton* b : {m_trustRemember, m_trustOnce})
        b->setAutoDefault(false);
    m_cancel->setDefault(true);
    m_cancel->setFocus();

    connect(m_trustRemember, &QPushButton::clicked, this, [this] { decide(Decision::TrustAndRemember); });
    connect(m_trustOnce, &QPushButton::clicked, this, [this] { decide(Decision::TrustOnce); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { decide(Decision::Cancel); });
    connect(this, &QDialog::rejected, this, [this] {
        // Escape or the close button.
        if (m_decision == Decision::Cancel)
            Q_EMIT decided(Decision::Cancel);
    });
    setMinimumWidth(560);
    adjustSize();
}

HostKeyDialog::~HostKeyDialog() = default;

QString HostKeyDialog::fingerprint() const
{
    return m_ui->fingerprintEdit->text();
}

void HostKeyDialog::decide(Decision decision)
{
    m_decision = decision;
    if (decision == Decision::Cancel) {
        reject(); // emits decided(Cancel) through rejected
        return;
    }
    Q_EMIT decided(decision);
    accept();
}

} // namespace xr
