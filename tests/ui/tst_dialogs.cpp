#include "ChangedHostKeyDialog.h"
#include "ConnectDialog.h"
#include "CredentialDialog.h"
#include "HostKeyDialog.h"
#include "HostKeyText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace xr;

namespace {
template <typename T>
T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

HostKeyInfo sampleKey(HostKeyInfo::Status status)
{
    HostKeyInfo info;
    info.hostPort = QStringLiteral("xs-01.example.com:2222");
    info.keyType = QStringLiteral("ssh-ed25519");
    info.sha256Fingerprint = QStringLiteral("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");
    info.status = status;
    info.knownHostsFile = QStringLiteral("/tmp/xr test/known_hosts");
    return info;
}
} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void connectDialogFillsEndpoint()
    {
        ConnectDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton* ok = child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no host yet

        auto* host = child<QLineEdit>(&dialog, "hostEdit");
        auto* port = child<QSpinBox>(&dialog, "portSpin");
        auto* user = child<QLineEdit>(&dialog, "userEdit");
        auto* auth = child<QComboBox>(&dialog, "authCombo");
        auto* keyFile = child<QLineEdit>(&dialog, "keyFileEdit");
        auto* remember = child<QCheckBox>(&dialog, "rememberCheck");
        auto* onStart = child<QCheckBox>(&dialog, "connectOnStartCheck");
        QVERIFY(host && port && user && auth && keyFile && remember && onStart);
        QCOMPARE(auth->count(), 5);

        QTest::keyClicks(host, QStringLiteral("xs-01.example.com"));
        QVERIFY(ok->isEnabled());
        port->setValue(2222);
        user->clear();
        QTest::keyClicks(user, QStringLiteral("admin"));
        auth->setCurrentIndex(auth->findData(int(AuthMethod::KeyFile)));
        QVERIFY(!ok->isEnabled()); // a key file is needed
        QTest::keyClicks(keyFile, QStringLiteral("/home/admin/.ssh/id_ed25519"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(remember, Qt::LeftButton);
        QTest::mouseClick(onStart, Qt::LeftButton);

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const SshEndpoint e = dialog.endpoint();
        QCOMPARE(e.host, QStringLiteral("xs-01.example.com"));
        QCOMPARE(e.port, 2222);
        QCOMPARE(e.user, QStringLiteral("admin"));
        QCOMPARE(e.auth, AuthMethod::KeyFile);
        QCOMPARE(e.identityFile, QStringLiteral("/home/admin/.ssh/id_ed25519"));
        const SavedHost saved = dialog.savedHost();
        QVERIFY(saved.rememberSecrets);
        QVERIFY(saved.connectOnStart);
        QVERIFY(saved.id.isEmpty());
    }

    void connectDialogSplitsUserHostPort()
    {
        ConnectDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* host = child<QLineEdit>(&dialog, "hostEdit");
        host->setFocus();
        QTest::keyClicks(host, QStringLiteral("ops@[fe80::1]:2200"));
        QTest::keyClick(host, Qt::Key_Tab);
        const SshEndpoint e = dialog.endpoint();
        QCOMPARE(e.host, QStringLiteral("fe80::1"));
        QCOMPARE(e.user, QStringLiteral("ops"));
        QCOMPARE(e.port, 2200);
        QCOMPARE(e.auth, AuthMethod::Auto);

        // Password auth carries no key file, and a host with a space is not accepted.
        auto* auth = child<QComboBox>(&dialog, "authCombo");
        auth->setCurrentIndex(auth->findData(int(AuthMethod::Password)));
        QVERIFY(dialog.endpoint().identityFile.isEmpty());
        host->setText(QStringLiteral("bad host"));
        QVERIFY(!dialog.isComplete());

        SavedHost saved;
        saved.endpoint.host = QStringLiteral("old-xen");
        saved.endpoint.port = 22;
        saved.endpoint.user = QStringLiteral("root");
        saved.endpoint.auth = AuthMethod::KeyboardInteractive;
        saved.rememberSecrets = true;
        dialog.setSavedHost(saved);
        QCOMPARE(dialog.savedHost(), saved);
    }

    void hostKeyDialogShowsFingerprint()
    {
        const HostKeyInfo info = sampleKey(HostKeyInfo::Status::Unknown);
        HostKeyDialog dialog(info);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto* fingerprint = child<QLineEdit>(&dialog, "fingerprintEdit");
        QVERIFY(fingerprint);
        QCOMPARE(fingerprint->text(), info.sha256Fingerprint);
        QCOMPARE(dialog.fingerprint(), info.sha256Fingerprint);
        QVERIFY(fingerprint->isReadOnly());
        QVERIFY(fingerprint->font().fixedPitch());
        QCOMPARE(child<QLabel>(&dialog, "hostValue")->text(), info.hostPort);
        QCOMPARE(child<QLabel>(&dialog, "keyTypeValue")->text(), info.keyType);
        QCOMPARE(child<QLineEdit>(&dialog, "verifyCommandEdit")->text(),
                 QStringLiteral("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"));
        QVERIFY(child<QLabel>(&dialog, "storageLabel")->text().contains(QStringLiteral("/tmp/xr test/known_hosts")));

        // Enter alone never trusts a key: Cancel is the default button.
        auto* cancel = child<QPushButton>(&dialog, "cancelButton");
        QVERIFY(cancel->isDefault());
        QSignalSpy decided(&dialog, &HostKeyDialog::decided);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(decided.first().first().value<HostKeyDialog::Decision>(), HostKeyDialog::Decision::Cancel);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void hostKeyDialogButtons_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<int>("decision");
        QTest::addColumn<int>("result");
        QTest::newRow("remember") << QStringLiteral("trustRememberButton")
                                  << int(HostKeyDialog::Decision::TrustAndRemember) << int(QDialog::Accepted);
        QTest::newRow("once") << QStringLiteral("trustOnceButton") << int(HostKeyDialog::Decision::TrustOnce)
                              << int(QDialog::Accepted);
        QTest::newRow("cancel") << QStringLiteral("cancelButton") << int(HostKeyDialog::Decision::Cancel)
                                << int(QDialog::Rejected);
    }

    void hostKeyDialogButtons()
    {
        QFETCH(QString, button);
        QFETCH(int, decision);
        QFETCH(int, result);
        HostKeyDialog dialog(sampleKey(HostKeyInfo::Status::Unknown));
        dialog.open();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy decided(&dialog, &HostKeyDialog::decided);
        auto* b = dialog.findChild<QPushButton*>(button);
        QVERIFY(b);
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(int(decided.first().first().value<HostKeyDialog::Decision>()), decision);
        QCOMPARE(int(dialog.decision()), decision);
        QCOMPARE(dialog.result(), result);
        QVERIFY(!dialog.isVisible());
    }

    void hostKeyDialogEscapeCancels()
    {
        HostKeyDialog dialog(sampleKey(HostKeyInfo::Status::Unknown));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy decided(&dialog, &HostKeyDialog::decided);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(dialog.decision(), HostKeyDialog::Decision::Cancel);
    }

    void changedKeyDialogHasNoAcceptPath()
    {
        const HostKeyInfo info = sampleKey(HostKeyInfo::Status::Changed);
        ChangedHostKeyDialog dialog(info);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(dialog.fingerprint(), info.sha256Fingerprint);
        QVERIFY(child<QLineEdit>(&dialog, "fingerprintEdit")->font().fixedPitch());
        QCOMPARE(child<QLabel>(&dialog, "fileValue")->text(), info.knownHostsFile);
        const QString risk = child<QLabel>(&dialog, "riskLabel")->text();
        QVERIFY2(risk.contains(QStringLiteral("man-in-the-middle")), qPrintable(risk));
        QCOMPARE(dialog.removeCommand(),
                 QStringLiteral("ssh-keygen -R '[xs-01.example.com]:2222' -f '/tmp/xr test/known_hosts'"));

        // Every button either closes or copies: none accepts.
        auto* box = child<QDialogButtonBox>(&dialog, "buttonBox");
        const QList<QAbstractButton*> buttons = box->buttons();
        QCOMPARE(buttons.size(), 2);
        for (QAbstractButton* b : buttons) {
            const QDialogButtonBox::ButtonRole role = box->buttonRole(b);
            QVERIFY(role != QDialogButtonBox::AcceptRole && role != QDialogButtonBox::YesRole &&
                    role != QDialogButtonBox::ApplyRole);
        }
        QVERIFY(dialog.findChildren<QCheckBox*>().isEmpty());
        // Even a programmatic accept() ends as a rejection.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        ChangedHostKeyDialog again(info);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTest::keyClick(&again, Qt::Key_Return);
        QCOMPARE(again.result(), int(QDialog::Rejected));
        QVERIFY(!again.isVisible());
    }

    void removeCommandForms()
    {
        QCOMPARE(HostKeyText::removeCommand(QStringLiteral("xs-02:22"), QStringLiteral("/k")),
                 QStringLiteral("ssh-keygen -R 'xs-02' -f '/k'"));
        QCOMPARE(HostKeyText::knownHostsName(QStringLiteral("[fe80::1]:2200")), QStringLiteral("[fe80::1]:2200"));
        QCOMPARE(HostKeyText::knownHostsName(QStringLiteral("fe80::1")), QStringLiteral("fe80::1"));
        QCOMPARE(HostKeyText::removeCommand(QStringLiteral("h:22"), QStringLiteral("/it's/known_hosts")),
                 QStringLiteral("ssh-keygen -R 'h' -f '/it'\\''s/known_hosts'"));
        QCOMPARE(HostKeyText::verifyCommand(QStringLiteral("ecdsa-sha2-nistp256")),
                 QStringLiteral("ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub"));
        QCOMPARE(HostKeyText::verifyCommand(QStringLiteral("rsa-sha2-512")),
                 QStringLiteral("ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub"));
    }

    void credentialDialogPassword()
    {
        CredentialRequest request;
        request.kind = CredentialRequest::Kind::Password;
        request.endpointKey = QStringLiteral("root@xs-01:22");
        request.previousFailed = true;
        request.keychainNote = QStringLiteral("No keychain: Cannot autolaunch D-Bus without X11 $DISPLAY");
        CredentialDialog dialog(request, true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(dialog.promptCount(), 1);
        auto* edit = child<QLineEdit>(&dialog, "answerEdit0");
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QVERIFY(child<QLabel>(&dialog, "failedLabel")->isVisible());
        auto* note = child<QLabel>(&dialog, "keychainNoteLabel");
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), request.keychainNote);
        QVERIFY(child<QLabel>(&dialog, "titleLabel")->text().contains(request.endpointKey));
        // The keychain could not help: remembering is not pre-selected.
        auto* remember = child<QCheckBox>(&dialog, "rememberCheck");
        QVERIFY(remember->isVisible());
        QVERIFY(!remember->isChecked());

        QTest::keyClicks(edit, QStringLiteral("s3cret pass"));
        QTest::mouseClick(remember, Qt::LeftButton);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.answers(), QStringList{QStringLiteral("s3cret pass")});
        QVERIFY(dialog.remember());
        dialog.clearAnswers();
        QCOMPARE(dialog.answers(), QStringList{QString()});
    }

    void credentialDialogKeyboardInteractive()
    {
        CredentialRequest request;
        request.kind = CredentialRequest::Kind::KeyboardInteractive;
        request.endpointKey = QStringLiteral("root@xs-02:22");
        request.name = QStringLiteral("2FA");
        request.instruction = QStringLiteral("Answer both questions");
        request.prompts = {QStringLiteral("Password: "), QStringLiteral("Token label: ")};
        request.echo = {false, true};
        CredentialDialog dialog(request, true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(dialog.promptCount(), 2);
        auto* first = child<QLineEdit>(&dialog, "answerEdit0");
        auto* second = child<QLineEdit>(&dialog, "answerEdit1");
        QCOMPARE(first->echoMode(), QLineEdit::Password);
        QCOMPARE(second->echoMode(), QLineEdit::Normal);
        QCOMPARE(child<QLabel>(&dialog, "instructionLabel")->text(), request.instruction);
        QVERIFY(!child<QLabel>(&dialog, "failedLabel")->isVisible());
        QVERIFY(!child<QLabel>(&dialog, "keychainNoteLabel")->isVisible());
        // One-time answers are not offered to the keychain.
        QVERIFY(!child<QCheckBox>(&dialog, "rememberCheck")->isVisible());

        QTest::keyClicks(first, QStringLiteral("pw"));
        QTest::keyClicks(second, QStringLiteral("blue"));
        QTest::mouseClick(child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.answers(), (QStringList{QStringLiteral("pw"), QStringLiteral("blue")}));
        QVERIFY(!dialog.remember());
    }

    void credentialDialogPassphraseCancel()
    {
        CredentialRequest request;
        request.kind = CredentialRequest::Kind::KeyPassphrase;
        request.endpointKey = QStringLiteral("root@xs-01:22");
        request.keyFile = QStringLiteral("/home/admin/.ssh/id_ed25519");
        CredentialDialog dialog(request, true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(child<QLabel>(&dialog, "titleLabel")->text().contains(request.keyFile));
        QVERIFY(child<QCheckBox>(&dialog, "rememberCheck")->isChecked()); // the host's saved preference
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
