// The command gateway: the one road for commands whose record matters. Every action's
// "sent" line is written before the command goes out (and nothing goes out when it cannot
// be), its result is recorded with a known outcome and its run id, it is in flight on its
// host until then, and one deleted before its result came is recorded as abandoned.
#include "AuditLog.h"
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "FakeRemoteHost.h"
#include "Inventory.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {
struct Fixture
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(u"data"_s), dir.filePath(u"config"_s), dir.filePath(u"ssh"_s)};
    Inventory inventory{paths.settingsFile()};
    ConnectionManager connections{paths, &inventory};
    CommandGateway gateway{&connections, paths.auditLogFile()};
    FakeRemoteHost* fake = nullptr;
    QString id;

    Fixture()
    {
        connections.setHostFactory([this](const SavedHost&, const SshOptions&) {
            fake = new FakeRemoteHost(u"root@xs-03:22"_s);
            return fake;
        });
        SavedHost h;
        h.endpoint.host = u"xs-03"_s;
        h.endpoint.user = u"root"_s;
        id = connections.saveHost(h);
    }

    QList<AuditEntry> audit() const
    {
        const Result<QList<AuditEntry>> read = AuditLog::readTail(paths.auditLogFile());
        return read ? *read : QList<AuditEntry>{};
    }
};

const AuditContext kContext{u"run-7"_s, u"0b5a-uuid"_s, u"web-01"_s, u"rung 1c force-shutdown"_s};
} // namespace

class TestCommandGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void actionIsAuditedBeforeAndAfter()
    {
        Fixture f;
        f.fake->nextResult.outcome = CommandOutcome::Finished;
        f.fake->nextResult.exitStatus = 0;
        f.fake->nextResult.elapsedMs = 17;
        QSignalSpy inFlight(&f.gateway, &CommandGateway::inFlightChanged);
        const CommandRequest request{u"xe vm-shutdown --force uuid=0b5a-uuid"_s};
        const Result<RemoteCommand*> sent = f.gateway.runAction(f.id, request, kContext);
        QVERIFY(sent);
        std::unique_ptr<RemoteCommand> command(*sent);
        // The "sent" line is on disk before the result came.
        QList<AuditEntry> lines = f.audit();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].outcome, AuditOutcome::Sent);
        QCOMPARE(lines[0].command, request.command);
        QCOMPARE(lines[0].runId, u"run-7"_s);
        QVERIFY(f.gateway.hasActionInFlight(f.id));
        QCOMPARE(f.gateway.inFlight(f.id).size(), 1);
        QCOMPARE(f.gateway.inFlight().constFirst().context.action, kContext.action);

        QSignalSpy finished(command.get(), &RemoteOperation::finished);
        QVERIFY(finished.wait(2000));
        lines = f.audit();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[1].outcome, AuditOutcome::Finished);
        QCOMPARE(lines[1].exitStatus, 0);
        QCOMPARE(lines[1].durationMs, qint64(17));
        QCOMPARE(lines[1].runId, u"run-7"_s);
        QCOMPARE(lines[1].vmUuid, u"0b5a-uuid"_s);
        QCOMPARE(lines[1].user, u"root"_s);
        QVERIFY(!f.gateway.hasActionInFlight(f.id));
        QCOMPARE(inFlight.count(), 2);
    }

    void nothingIsSentWhenTheAuditLogCannotBeWritten()
    {
        Fixture f;
        // The audit log's path is taken by a directory: no line can be written.
        QVERIFY(QDir().mkpath(f.paths.auditLogFile()));
        QSignalSpy failed(&f.gateway, &CommandGateway::auditFailed);
        const Result<RemoteCommand*> sent =
            f.gateway.runAction(f.id, CommandRequest{u"xe-toolstack-restart"_s}, kContext);
        QVERIFY(!sent);
        QVERIFY2(sent.errorMessage().contains(u"Nothing was sent"_s), qPrintable(sent.errorMessage()));
        QCOMPARE(failed.count(), 1);
        QVERIFY(f.fake->sent.isEmpty());
        QVERIFY(!f.gateway.hasActionInFlight(f.id));

        const Result<RemoteFileOperation*> write =
            f.gateway.writeFile(f.id, u"/etc/default/grub"_s, "GRUB=1\n", false, kContext);
        QVERIFY(!write);
        QVERIFY(f.fake->sent.isEmpty());
    }

    void unknownHostIsRefused()
    {
        Fixture f;
        const Result<RemoteCommand*> sent = f.gateway.runAction(u"nope"_s, CommandRequest{u"true"_s}, kContext);
        QVERIFY(!sent);
        QVERIFY(f.audit().isEmpty());
    }

    void abandonedWhenDeletedBeforeItsResult()
    {
        Fixture f;
        f.fake->holdCommands = true;
        const Result<RemoteCommand*> sent = f.gateway.runAction(f.id, CommandRequest{u"xe-toolstack-restart"_s},
                                                                AuditContext{u"run-9"_s, {}, {}, u"rung 3"_s});
        QVERIFY(sent);
        QVERIFY(f.gateway.hasActionInFlight(f.id));
        delete *sent;
        QVERIFY(!f.gateway.hasActionInFlight(f.id));
        const QList<AuditEntry> lines = f.audit();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].outcome, AuditOutcome::Sent);
        QCOMPARE(lines[1].outcome, AuditOutcome::Abandoned);
        QCOMPARE(lines[1].runId, u"run-9"_s);
        QCOMPARE(AuditLog::outcomeKey(lines[1].outcome), u"abandoned"_s);
    }

    void fileWriteIsAuditedWithoutItsContent()
    {
        Fixture f;
        f.fake->nextFileResult.ok = true;
        const QByteArray secretLooking = "password=hunter2\n";
        const Result<RemoteFileOperation*> sent =
            f.gateway.writeFile(f.id, u"/etc/xen/xl.conf"_s, secretLooking, false, kContext);
        QVERIFY(sent);
        std::unique_ptr<RemoteFileOperation> op(*sent);
        QSignalSpy finished(op.get(), &RemoteOperation::finished);
        QVERIFY(finished.wait(2000));
        const QList<AuditEntry> lines = f.audit();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].command, u"write /etc/xen/xl.conf (17 bytes)"_s);
        QCOMPARE(lines[1].outcome, AuditOutcome::Finished);
        QCOMPARE(lines[1].exitStatus, 0);
        QFile raw(f.paths.auditLogFile());
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains("hunter2"));
    }

    void readIsRecordedOnceWhenItEnds()
    {
        Fixture f;
        f.fake->nextResult.outcome = CommandOutcome::TimedOut;
        const Result<RemoteCommand*> sent =
            f.gateway.runRead(f.id, CommandRequest{u"xe vm-list --minimal"_s}, AuditContext{u"run-1"_s, {}, {}, {}});
        QVERIFY(sent);
        std::unique_ptr<RemoteCommand> command(*sent);
        QVERIFY(!f.gateway.hasActionInFlight(f.id)); // a read is not an action
        QVERIFY(f.audit().isEmpty());
        QSignalSpy finished(command.get(), &RemoteOperation::finished);
        QVERIFY(finished.wait(2000));
        const QList<AuditEntry> lines = f.audit();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].outcome, AuditOutcome::TimedOut);
        QCOMPARE(lines[0].runId, u"run-1"_s);
    }

    void labHostsNeverReachTheRealLog()
    {
        Fixture f;
        auto* lab = new FakeRemoteHost(u"lab-01"_s);
        const QString labId = f.connections.addUnsavedHost(u"lab-01"_s, u"lab host"_s, lab);
        const Result<RemoteCommand*> quiet = f.gateway.runAction(labId, CommandRequest{u"xl destroy 7"_s}, kContext);
        QVERIFY(quiet);
        std::unique_ptr<RemoteCommand> first(*quiet);
        QVERIFY(f.audit().isEmpty());

        const QString labLog = f.dir.filePath(u"lab-audit.jsonl"_s);
        f.gateway.setLabAuditLog(labLog);
        QCOMPARE(f.gateway.historyLogFile(), labLog);
        const Result<RemoteCommand*> recorded = f.gateway.runAction(labId, CommandRequest{u"xl destroy 8"_s}, kContext);
        QVERIFY(recorded);
        std::unique_ptr<RemoteCommand> second(*recorded);
        QVERIFY(f.audit().isEmpty());
        const Result<QList<AuditEntry>> lab2 = AuditLog::readTail(labLog);
        QVERIFY(lab2);
        QCOMPARE(lab2->size(), 1);
        QCOMPARE(lab2->constFirst().command, u"xl destroy 8"_s);
    }
};

QTEST_GUILESS_MAIN(TestCommandGateway)
#include "tst_commandgateway.moc"
