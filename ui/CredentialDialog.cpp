#include "CredentialDialog.h"

#include "ui_CredentialDialog.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace xr {

CredentialDialog::CredentialDialog(const CredentialRequest& request, bool rememberByDefault, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CredentialDialog>())
    , m_request(request)
{
    m_ui->setupUi(this);
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);

    QStringList prompts = request.prompts;
    QList<bool> echo = request.echo;
    switch (request.kind) {
    case CredentialRequest::Kind::Password:
        setWindowTitle(tr("Password"));
        m_ui->titleLabel->setText(tr("Password for %1").arg(request.endpointKey));
        // The title names the account; the field needs only a short label.
        prompts = {tr("Password:")};
        break;
    case CredentialRequest::Kind::KeyPassphrase:
        setWindowTitle(tr("Key Passphrase"));
        m_ui->titleLabel->setText(tr("Passphrase for the key %1 (to connect to %2)")
                                      .arg(QDir::toNativeSeparators(request.keyFile), request.endpointKey));
        prompts = {tr("Passphrase:")};
        break;
    case CredentialRequest::Kind::KeyboardInteractive:
        setWindowTitle(tr("Host Question"));
        m_ui->titleLabel->setText(request.name.isEmpty() ? tr("%1 asks:").arg(request.endpointKey)
                                                         : tr("%1 asks (%2):").arg(request.endpointKey, request.name));
        break;
    }
    m_ui->instructionLabel->setText(request.instruction);
    m_ui->instructionLabel->setVisible(!request.instruction.isEmpty());

    for (int i = 0; i < prompts.size(); ++i) {
        auto* edit = new QLineEdit(m_ui->promptsWidget);
        edit->setObjectName(QStringLiteral("answerEdit%1").arg(i));
        const bool visible = i < echo.size() && echo.at(i);
        edit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
        edit->setAccessibleName(prompts.at(i));
        if (!visible) {
            edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
        }
        auto* label = new QLabel(prompts.at(i).trimmed(), m_ui->promptsWidget);
        label->setBuddy(edit);
        m_ui->promptsLayout->addRow(label, edit);
        m_edits.append(edit);
    }
    if (!m_edits.isEmpty())
        m_edits.first()->setFocus();

    m_ui->failedLabel->setVisible(request.previousFailed);
    m_ui->failedLabel->setText(request.kind == CredentialRequest::Kind::KeyPassphrase
                                   ? tr("The last passphrase did not unlock the key. Please type it again.")
                                   : tr("The host refused the last answer. Please check it and try again."));
    if (request.previousFailed) {
        QFont bold = m_ui->failedLabel->font();
        bold.setBold(true);
        m_ui->failedLabel->setFont(bold);
    }

    // keyboard-interactive answers are often one-time codes: nothing to remember.
    const bool canRemember = request.kind != CredentialRequest::Kind::KeyboardInteractive;
    m_ui->rememberCheck->setVisible(canRemember);
    m_ui->rememberCheck->setChecked(canRemember && rememberByDefault && request.keychainNote.isEmpty());
    m_ui->keychainNoteLabel->setText(request.keychainNote);
    m_ui->keychainNoteLabel->setVisible(!request.keychainNote.isEmpty());
    m_ui->keychainNoteLabel->setForegroundRole(QPalette::PlaceholderText);

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Continue"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(440);
    adjustSize();
}

CredentialDialog::~CredentialDialog()
{
    clearAnswers();
}

QStringList CredentialDialog::answers() const
{
    QStringList result;
    for (const QLineEdit* edit : m_edits)
        result.append(edit->text());
    return result;
}

bool CredentialDialog::remember() const
{
    return !m_ui->rememberCheck->isHidden() && m_ui->rememberCheck->isChecked();
}

void CredentialDialog::clearAnswers()
{
    for (QLineEdit* edit : m_edits)
        edit->clear();
}

} // namespace xr
