#include "ConnectDialog.h"
#include "ConnectionManager.h"
#include "CredentialDialog.h"
#include "HostKeyDialog.h"
#include "HostPrompter.h"
#include "MainWindow.h"
#include "SshdHarness.h"
#include "Workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace xr;
using xr::test::SshdHarness;
using xr::test::SshdOptions;

// The connect flow as a user goes through it, against a real OpenSSH sshd on loopback:
// Connect… -> fill the form -> the host key prompt shows the server's fingerprint ->
// trust it -> (password prompt) -> the host shows as connected in the tree.
class TestConnectFlow final : public QObject
{
    Q_OBJECT

private:
    struct App
    {
        QTemporaryDir dir;
        AppPaths paths{dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("config")),
                       dir.filePath(QStringLiteral("ssh"))};
        Workspace workspace{paths};
        Inventory& inventory = *workspace.inventory();
        ConnectionManager& connections = *workspace.connections();
        MainWindow window{&workspace};
    };

    static ConnectDialog* openConnectDialog(MainWindow& window)
    {
        QAction* connectAction = window.findChild<QAction*>(QStringLiteral("actionConnect"));
        if (!connectAction)
            return nullptr;
        connectAction->trigger();
        return window.findChild<ConnectDialog*>(QStringLiteral("connectDialog"));
    }

    static void typeInto(QWidget* dialog, const char* name, const QString& text)
    {
        auto* edit = dialog->findChild<QLineEdit*>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    static void chooseAuth(ConnectDialog* dialog, AuthMethod method)
    {
        auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("authCombo"));
        QVERIFY(combo);
        const int index = combo->findData(int(method));
        QVERIFY(index >= 0);
        combo->setFocus();
        // Walk there with the keyboard, as a user would.
        while (combo->currentIndex() < index)
            QTest::keyClick(combo, Qt::Key_Down);
        while (combo->currentIndex() > index)
            QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentIndex(), index);
    }

    static void clickOk(QDialog* dialog)
    {
        auto* box = dialog->findChild<QDialogButtonBox*>();
        QVERIFY(box);
        QPushButton* ok = box->button(QDialogButtonBox::Ok);
        QVERIFY(ok);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    }

    static QStringList filesContaining(const QString& dir, const QByteArray& needle)
    {
        QStringList hits;
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                hits << path;
        }
        return hits;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void keyLoginWithHostKeyPrompt()
    {
        SshdHarness sshd;
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        App app;
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        QList<QPointer<QDialog>> prompts;
        connect(app.window.prompter(), &HostPrompter::promptShown, this,
                [&prompts](const QString&, QDialog* d) { prompts << d; });

        ConnectDialog* dialog = openConnectDialog(app.window);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        typeInto(dialog, "hostEdit", sshd.host());
        auto* port = dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"));
        QVERIFY(port);
        port->setValue(sshd.port());
        typeInto(dialog, "userEdit", sshd.user());
        chooseAuth(dialog, AuthMethod::KeyFile);
        typeInto(dialog, "keyFileEdit", sshd.clientKeyPath());
        clickOk(dialog);

        // The unknown host key is shown with the server's real fingerprint.
        QTRY_VERIFY_WITH_TIMEOUT(!prompts.isEmpty(), 15000);
        auto* keyDialog = qobject_cast<HostKeyDialog*>(prompts.first().data());
        QVERIFY(keyDialog);
        QVERIFY(keyDialog->isVisible());
        auto* fingerprint = keyDialog->findChild<QLineEdit*>(QStringLiteral("fingerprintEdit"));
        QVERIFY(fingerprint);
        QCOMPARE(fingerprint->text(), sshd.hostKeyFingerprint());
        QVERIFY(fingerprint->isReadOnly());
        auto* trust = keyDialog->findChild<QPushButton*>(QStringLiteral("trustRememberButton"));
        QVERIFY(trust);
        QTest::mouseClick(trust, Qt::LeftButton);

        // Connected, in the tree and in the status bar.
        const QStringList ids = app.connections.hostIds();
        QCOMPARE(ids.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(app.connections.hostState(ids.first()), HostState::Connected, 15000);
        QCOMPARE(hostStateName(app.connections.hostState(ids.first())), QStringLiteral("connected"));
        QVERIFY(app.window.statusSummary().contains(QStringLiteral("1")));
        QCOMPARE(prompts.size(), 1); // key login: nothing else was asked

        // The trusted key went to the app's own known_hosts, and the host was saved.
        QFile known(app.paths.appKnownHostsFile());
        QVERIFY(known.open(QIODevice::ReadOnly));
        QVERIFY(known.readAll().contains(QStringLiteral("[127.0.0.1]:%1").arg(sshd.port()).toUtf8()));
        QCOMPARE(app.inventory.hosts().size(), 1);
        QCOMPARE(app.inventory.hosts().first().endpoint.port, sshd.port());
    }

    void passwordLoginAsksThenConnectsAndStoresNoSecret()
    {
        SshdOptions so;
        so.passwordAuth = true;
        SshdHarness sshd(so);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        App app;
        app.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&app.window));

        QList<QPointer<QDialog>> prompts;
        connect(app.window.prompter(), &HostPrompter::promptShown, this,
                [&prompts](const QString&, QDialog* d) { prompts << d; });

        ConnectDialog* dialog = openConnectDialog(app.window);
        QVERIFY(dialog);
        typeInto(dialog, "hostEdit", QStringLiteral("root@127.0.0.1:%1").arg(sshd.port()));
        chooseAuth(dialog, AuthMethod::Password);
        clickOk(dialog);

        QTRY_VERIFY2_WITH_TIMEOUT(
            !prompts.isEmpty(),
            qPrintable(app.inventory.hosts().value(0).endpoint.key() + QLatin1Char(' ') +
                       hostStateName(app.connections.hostState(app.connections.hostIds().value(0)))),
            15000);
        auto* keyDialog = qobject_cast<HostKeyDialog*>(prompts.first().data());
        QVERIFY(keyDialog);
        QTest::mouseClick(keyDialog->findChild<QPushButton*>(QStringLiteral("trustOnceButton")), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(prompts.size(), 2, 15000);
        auto* credentials = qobject_cast<CredentialDialog*>(prompts.at(1).data());
        QVERIFY(credentials);
        auto* answer = credentials->findChild<QLineEdit*>(QStringLiteral("answerEdit0"));
        QVERIFY(answer);
        QCOMPARE(answer->echoMode(), QLineEdit::Password);
        QTest::keyClicks(answer, sshd.password());
        clickOk(credentials);

        const QString id = app.connections.hostIds().value(0);
        QTRY_COMPARE_WITH_TIMEOUT(app.connections.hostState(id), HostState::Connected, 20000);
        // Trusted once: nothing written to known_hosts.
        QVERIFY(!QFile::exists(app.paths.appKnownHostsFile()) || QFile(app.paths.appKnownHostsFile()).size() == 0);

        app.window.close(); // saves the layout and settings
        const QStringList hits = filesContaining(app.dir.path(), sshd.password().toUtf8());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
    }
};

QTEST_MAIN(TestConnectFlow)
#include "tst_connectflow.moc"
