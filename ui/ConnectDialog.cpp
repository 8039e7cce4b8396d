#include "ConnectDialog.h"

#include "ui_ConnectDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QRegularExpression>

#include <optional>

namespace xr {

ConnectDialog::ConnectDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectDialog>())
{
    m_ui->setupUi(this);
    m_ui->authCombo->addItem(tr("Automatic (agent, then key files, then password)"), int(AuthMethod::Auto));
    m_ui->authCombo->addItem(tr("SSH agent"), int(AuthMethod::Agent));
    m_ui->authCombo->addItem(tr("Key file"), int(AuthMethod::KeyFile));
    m_ui->authCombo->addItem(tr("Password"), int(AuthMethod::Password));
    m_ui->authCombo->addItem(tr("Keyboard-interactive"), int(AuthMethod::KeyboardInteractive));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_ui->authHintLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->browseButton->setAccessibleName(tr("Browse for a key file"));

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->hostEdit, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_ui->hostEdit, &QLineEdit::editingFinished, this, &ConnectDialog::splitHostField);
    connect(m_ui->keyFileEdit, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_ui->authCombo, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateState);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ConnectDialog::browseKeyFile);
    updateState();
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::setSavedHost(const SavedHost& host)
{
    m_ui->hostEdit->setText(host.endpoint.host);
    m_ui->portSpin->setValue(host.endpoint.port == 0 ? 22 : host.endpoint.port);
    m_ui->userEdit->setText(host.endpoint.user);
    m_ui->authCombo->setCurrentIndex(std::max(0, m_ui->authCombo->findData(int(host.endpoint.auth))));
    m_ui->keyFileEdit->setText(host.endpoint.identityFile);
    m_ui->nameEdit->setText(host.label);
    m_ui->rememberCheck->setChecked(host.rememberSecrets);
    m_ui->connectOnStartCheck->setChecked(host.connectOnStart);
    updateState();
}

namespace {
struct HostField
{
    QString user;
    QString host;
    int port = 0;
};

// Admins paste "root@xs-01:2222" or "[fe80::1]:22" out of habit: take it apart.
std::optional<HostField> parseHostField(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(?:([^@\\s]+)@)?([^@:\\s\\[\\]]+|\\[[^\\]]+\\])(?::(\\d+))?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    HostField f;
    f.user = m.captured(1);
    f.port = m.captured(3).toInt();
    f.host = m.captured(2);
    if (f.host.startsWith(QLatin1Char('[')))
        f.host = f.host.mid(1, f.host.size() - 2);
    return f;
}
} // namespace

void ConnectDialog::splitHostField()
{
    const std::optional<HostField> f = parseHostField(m_ui->hostEdit->text());
    if (!f)
        return;
    if (!f->user.isEmpty())
        m_ui->userEdit->setText(f->user);
    if (f->port > 0)
        m_ui->portSpin->setValue(f->port);
    if (f->host != m_ui->hostEdit->text())
        m_ui->hostEdit->setText(f->host);
}

SavedHost ConnectDialog::savedHost() const
{
    SavedHost h;
    h.label = m_ui->nameEdit->text().trimmed();
    h.endpoint.host = m_ui->hostEdit->text().trimmed();
    h.endpoint.port = m_ui->portSpin->value();
    h.endpoint.user = m_ui->userEdit->text().trimmed();
    // The field may still hold "user@host:port" if it never lost focus (Enter, a script).
    if (const std::optional<HostField> f = parseHostField(h.endpoint.host)) {
        h.endpoint.host = f->host;
        if (!f->user.isEmpty())
            h.endpoint.user = f->user;
        if (f->port > 0)
            h.endpoint.port = f->port;
    }
    h.endpoint.auth = AuthMethod(m_ui->authCombo->currentData().toInt());
    if (h.endpoint.auth == AuthMethod::KeyFile || h.endpoint.auth == AuthMethod::Auto)
        h.endpoint.identityFile = m_ui->keyFileEdit->text().trimmed();
    h.rememberSecrets = m_ui->rememberCheck->isChecked();
    h.connectOnStart = m_ui->connectOnStartCheck->isChecked();
    return h;
}

bool ConnectDialog::isComplete() const
{
    const QString host = m_ui->hostEdit->text().trimmed();
    if (host.isEmpty() || host.contains(QRegularExpression(QStringLiteral("\\s"))))
        return false;
    const auto auth = AuthMethod(m_ui->authCombo->currentData().toInt());
    return auth != AuthMethod::KeyFile || !m_ui->keyFileEdit->text().trimmed().isEmpty();
}

void ConnectDialog::updateState()
{
    const auto auth = AuthMethod(m_ui->authCombo->currentData().toInt());
    const bool usesKeyFile = auth == AuthMethod::KeyFile || auth == AuthMethod::Auto;
    m_ui->keyFileEdit->setEnabled(usesKeyFile);
    m_ui->browseButton->setEnabled(usesKeyFile);
    switch (auth) {
    case AuthMethod::Auto:
        m_ui->authHintLabel->setText(tr("Tries the SSH agent, then this key file (or the usual ones in ~/.ssh), "
                                        "then asks for a password."));
        break;
    case AuthMethod::Agent:
        m_ui->authHintLabel->setText(tr("Uses the keys loaded in ssh-agent (Pageant on Windows)."));
        break;
    case AuthMethod::KeyFile:
        m_ui->authHintLabel->setText(tr("Uses this private key; you are asked for its passphrase if it has one."));
        break;
    case AuthMethod::Password:
        m_ui->authHintLabel->setText(tr("You are asked for the password when the host wants it."));
        break;
    case AuthMethod::KeyboardInteractive:
        m_ui->authHintLabel->setText(tr("Every question the host asks (password, one-time code) is shown to you."));
        break;
    }
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(isComplete());
}

void ConnectDialog::browseKeyFile()
{
    // Non-blocking: the file dialog reports back through a signal.
    auto* dialog = new QFileDialog(this, tr("Choose a Private Key"), QDir::home().filePath(QStringLiteral(".ssh")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setFilter(QDir::Files | QDir::Hidden);
    dialog->setNameFilters({tr("Private keys (id_* *.pem *.key)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString& file) { m_ui->keyFileEdit->setText(QDir::toNativeSeparators(file)); });
    dialog->open();
}

} // namespace xr
