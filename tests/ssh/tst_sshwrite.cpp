// FileOperationKind::Write over real SFTP (issue 8, the dom0 memory change): a file is replaced
// through a temporary file renamed over it and keeps its permissions; an exclusive write (a
// backup) creates a file and refuses to overwrite one; a missing folder fails cleanly.
// Issue 14 (trust under faults, item 5): sshd killed after every step of a replacing write
// never leaves the path without a file nor with anything but the old or the new content.
#include "HostWait.h"
#include "SshFiles.h"
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

    static QByteArray readLocal(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QByteArrayLiteral("<no file at the path>");
        return f.readAll();
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

    void interruptedReplaceKeepsOldOrNew_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("temp-opened") << int(SshFiles::WriteStep::TempOpened);
        QTest::newRow("data-written") << int(SshFiles::WriteStep::DataWritten);
        QTest::newRow("synced") << int(SshFiles::WriteStep::Synced);
        QTest::newRow("closed") << int(SshFiles::WriteStep::Closed);
        QTest::newRow("renamed") << int(SshFiles::WriteStep::Renamed);
        QTest::newRow("folder-synced") << int(SshFiles::WriteStep::FolderSynced);
    }

    void interruptedReplaceKeepsOldOrNew()
    {
        QFETCH(int, step);
        auto host = connected();
        QVERIFY(host);
        const QByteArray before = "GRUB_TIMEOUT=5\nGRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=1024M,max:1024M\"\n";
        const QByteArray after = "GRUB_TIMEOUT=5\nGRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=4096M,max:4096M\"\n";
        const QString path = m_sshd->writeFile(QStringLiteral("etc/default/grub-cut-%1").arg(step), before);
        QVERIFY(!path.isEmpty());
        // Runs on the connection's thread after each step: the target as it is then, and the kill.
        QList<QPair<int, QByteArray>> seen;
        bool killed = false;
        SshFiles::setWriteStepHookForTests([&](SshFiles::WriteStep s) {
            seen.append({int(s), readLocal(path)});
            if (int(s) == step && !killed) {
                killed = true;
                m_sshd->killConnections();
                seen.append({-1, readLocal(path)});
            }
        });
        const FileResult w = wait(host->writeFile(path, after));
        SshFiles::setWriteStepHookForTests({});
        QVERIFY2(killed, "the write never reached the step");
        for (const auto& [s, content] : std::as_const(seen))
            QVERIFY2(
                content == before || content == after,
                qPrintable(QStringLiteral("after step %1 the target held: %2").arg(s).arg(QString::fromUtf8(content))));
        const QByteArray now = readLocal(path);
        if (step < int(SshFiles::WriteStep::Renamed)) {
            QCOMPARE(now, before);
            QVERIFY(!w.ok);
            QVERIFY(!w.error.isEmpty());
        } else {
            QCOMPARE(now, after); // renamed in: done, whatever the folder's fsync answered
        }
        qInfo("killed after step %d: write %s (%s); target holds the %s content", step, w.ok ? "ok" : "failed",
              qPrintable(w.error), now == after ? "new" : "old");

        // A new connection finishes the job and sweeps the temporary file the cut left behind.
        auto again = connected();
        QVERIFY(again);
        const FileResult w2 = wait(again->writeFile(path, after));
        QVERIFY2(w2.ok, qPrintable(w2.error));
        QCOMPARE(readLocal(path), after);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".xenrescue-tmp")));
    }

    void replaceFlushesToDisk()
    {
        // OpenSSH's sftp-server offers fsync@openssh.com: no note about a missing flush.
        auto host = connected();
        QVERIFY(host);
        const QString path = m_sshd->writeFile(QStringLiteral("etc/xen/xl-sync.conf"), "autoballoon=\"on\"\n");
        QList<int> steps;
        SshFiles::setWriteStepHookForTests([&](SshFiles::WriteStep s) { steps.append(int(s)); });
        const FileResult w = wait(host->writeFile(path, "autoballoon=\"off\"\n"));
        SshFiles::setWriteStepHookForTests({});
        QVERIFY2(w.ok, qPrintable(w.error));
        QVERIFY2(w.note.isEmpty(), qPrintable(w.note));
        QCOMPARE(steps, (QList<int>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(readLocal(path), QByteArray("autoballoon=\"off\"\n"));
    }

    void replaceRefusesFolder()
    {
        auto host = connected();
        QVERIFY(host);
        const QString file = m_sshd->writeFile(QStringLiteral("etc/grub.d/keep"), "x\n");
        const QString folder = QFileInfo(file).absolutePath();
        const FileResult w = wait(host->writeFile(folder, "not a folder\n"));
        QVERIFY(!w.ok);
        QVERIFY(QFileInfo(folder).isDir());
        QCOMPARE(readLocal(file), QByteArray("x\n"));
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
