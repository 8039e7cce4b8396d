// FileOperationKind::Write over real SFTP (issue 8, the dom0 memory change): a file is replaced
// through a temporary file renamed over it and keeps its permissions; an exclusive write (a
// backup) creates a file and refuses to overwrite one; a missing folder fails cleanly.
#include "HostWait.h"
#include "SshHost.h"
#include "SshdHarness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace xr;
using xr::test::SshdHarness;

class TestSshWrite final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<SshdHarness> m_sshd;

    std::unique_ptr<SshHost> connected()
    {
        SshEndpoint e;
        e.host = m_sshd->host();
        e.port = m_sshd->port();
        e.user = m_sshd->user();
        e.auth = AuthMethod::KeyFile;
        e.identityFile = m_sshd->clientKeyPath();
        e.sshConfigFile = QStringLiteral("none");
        SshOptions o;
        o.appKnownHostsFile = m_tmp.filePath(QStringLiteral("app_known_hosts"));
        o.userKnownHostsFile = m_sshd->knownHostsPath();
        o.useKeychain = false;
        o.connectTimeoutMs = 10000;
        auto host = std::make_unique<SshHost>(e, o);
        host->connectToHost();
        return xr::test::waitConnected(*host) ? std::move(host) : nullptr;
    }

    static FileResult wait(RemoteFileOperation* raw)
    {
        std::unique_ptr<RemoteFileOperation> op(raw);
        QSignalSpy done(op.get(), &RemoteOperation::finished);
        if (!op->isFinished() && !done.wait(30000)) {
            FileResult r;
            r.error = QStringLiteral("test: no finished() signal");
            return r;
        }
        return op->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_sshd = std::make_unique<SshdHarness>();
        QVERIFY2(m_sshd->start(), qPrintable(m_sshd->errorString()));
    }

    void replaceKeepsPermissions()
    {
        auto host = connected();
        QVERIFY(host);
        const QString path = m_sshd->writeFile(QStringLiteral("etc/default/grub"), "GRUB_TIMEOUT=5\nold\n");
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        const FileResult w = wait(host->writeFile(path, "GRUB_TIMEOUT=5\nnew line\n"));
        QVERIFY2(w.ok, qPrintable(w.error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("GRUB_TIMEOUT=5\nnew line\n"));
        const QFileDevice::Permissions p = QFileInfo(path).permissions();
        QVERIFY(p.testFlag(QFileDevice::ReadGroup)); // 0640 kept, not the default 0644
        QVERIFY(!p.testFlag(QFileDevice::ReadOther));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".xenrescue-tmp")));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".xenrescue-old")));
        const FileResult back = wait(host->readRange(path, 0, 1024));
        QCOMPARE(back.data, QByteArray("GRUB_TIMEOUT=5\nnew line\n"));
    }

    void exclusiveNeverOverwrites()
    {
        auto host = connected();
        QVERIFY(host);
        const QString original = m_sshd->writeFile(QStringLiteral("etc/xen/xl.conf"), "autoballoon=\"on\"\n");
        const QString backup = original + QStringLiteral(".xenrescue-20261122-000000");
        const FileResult first = wait(host->writeFile(backup, "autoballoon=\"on\"\n", true));
        QVERIFY2(first.ok, qPrintable(first.error));
        const FileResult second = wait(host->writeFile(backup, "something else\n", true));
        QVERIFY(!second.ok);
        QVERIFY(!second.error.isEmpty());
        QFile f(backup);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("autoballoon=\"on\"\n"));
    }

    void missingFolderFails()
    {
        auto host = connected();
        QVERIFY(host);
        const FileResult r = wait(host->writeFile(m_tmp.filePath(QStringLiteral("no/such/dir/file")), "x"));
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSshWrite)
#include "tst_sshwrite.moc"
