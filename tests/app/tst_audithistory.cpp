// The History tab's model over the audit log: newest first, filters, torn lines, hostile text.
#include "AuditHistoryModel.h"
#include "AuditLog.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;

class TestAuditHistory final : public QObject
{
    Q_OBJECT

private:
    static AuditEntry entry(int second, const QString& host, const QString& vm, const QString& action,
                            AuditOutcome outcome = AuditOutcome::Finished)
    {
        AuditEntry e;
        e.time = QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
        e.host = host;
        e.user = u"root"_s;
        e.command = u"xe vm-shutdown --force uuid=u-"_s + vm;
        e.outcome = outcome;
        e.exitStatus = 0;
        e.vmUuid = vm.isEmpty() ? QString() : u"u-"_s + vm;
        e.vmName = vm;
        e.action = action;
        return e;
    }

private Q_SLOTS:
    void readsFiltersAndStaysValid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        {
            AuditLog log(path);
            QVERIFY(log.append(entry(1, u"root@a:22"_s, {}, {})));
            QVERIFY(log.append(entry(2, u"root@a:22"_s, u"web\n01"_s, u"vm force-shutdown"_s, AuditOutcome::Sent)));
            QVERIFY(log.append(entry(3, u"root@a:22"_s, u"web\n01"_s, u"vm force-shutdown"_s)));
            QVERIFY(log.append(entry(4, u"root@b:22"_s, u"db"_s, u"rung 1b cancel-tasks"_s)));
            QVERIFY(log.append(entry(4, u"root@b:22"_s, u"db"_s, u"diagnose"_s)));
            QVERIFY(log.append(entry(4, u"root@b:22"_s, u"db"_s, u"check"_s)));
        }
        // A torn last line (a crash while writing) and garbage are skipped, not fatal.
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("not json\n{\"time\":\"2024-01-01T00:00:00Z\",\"host\":\"x\"");
        f.close();

        AuditHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(path));
        QCOMPARE(model.totalCount(), 6);
        QCOMPARE(model.rowCount(), 6);
        // Newest first.
        QCOMPARE(model.index(0, AuditHistoryModel::HostColumn).data().toString(), u"root@b:22"_s);
        // One line per row: a newline in a name is shown, never obeyed.
        const QString name = model.index(3, AuditHistoryModel::VmColumn).data().toString();
        QVERIFY(!name.contains(u'\n'));
        QVERIFY(name.startsWith(u"web"_s));
        QCOMPARE(model.index(4, AuditHistoryModel::OutcomeColumn).data().toString(), u"sent"_s);
        QCOMPARE(model.hosts(), (QStringList{u"root@a:22"_s, u"root@b:22"_s}));

        model.setActionsOnly(true);
        QCOMPARE(model.rowCount(), 3);
        model.setHostFilter(u"root@a:22"_s);
        QCOMPARE(model.rowCount(), 2);
        model.setVmFilter(u"WEB"_s);
        QCOMPARE(model.rowCount(), 2);
        model.setVmFilter(u"u-db"_s); // by UUID too
        QCOMPARE(model.rowCount(), 0);
        model.setHostFilter({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(AuditHistoryModel::VmUuidRole).toString(), u"u-db"_s);

        // More lines: reload sees them.
        {
            AuditLog log(path);
            QVERIFY(log.append(entry(5, u"root@b:22"_s, u"db"_s, u"rung 1c force-shutdown"_s)));
        }
        QVERIFY(model.reload());
        // The writer starts a fresh line after a torn one, so the new entry is whole.
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.totalCount(), 7);
    }

    void showsEntriesAcrossARotation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        const qint64 lineSize = AuditLog::toJsonLine(entry(10, u"root@a:22"_s, u"vm10"_s, u"rung 3"_s)).size();
        AuditLog log(path);
        log.setRotation(4 * lineSize, 5); // four lines per file
        for (int i = 10; i < 20; ++i)
            QVERIFY(log.append(entry(i, u"root@a:22"_s, u"vm%1"_s.arg(i), u"rung 3"_s)));
        QVERIFY(QFile::exists(AuditLog::rotatedPath(path, 2)));

        AuditHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(path));
        QCOMPARE(model.totalCount(), 10);
        // Newest first, from the current file down into audit.jsonl.2.
        for (int row = 0; row < 10; ++row)
            QCOMPARE(model.index(row, AuditHistoryModel::VmColumn).data().toString(), u"vm%1"_s.arg(19 - row));

        // The History pane reloads after more lines and another rotation: still all of them.
        for (int i = 20; i < 23; ++i)
            QVERIFY(log.append(entry(i, u"root@b:22"_s, u"vm%1"_s.arg(i), u"rung 3"_s)));
        QVERIFY(model.reload());
        QCOMPARE(model.totalCount(), 13);
        QCOMPARE(model.index(0, AuditHistoryModel::VmColumn).data().toString(), u"vm22"_s);
        QCOMPARE(model.hosts(), (QStringList{u"root@a:22"_s, u"root@b:22"_s}));
        model.setVmFilter(u"vm11"_s);
        QCOMPARE(model.rowCount(), 1); // from the oldest rotated file

        // The model's limit takes the newest entries, across files too.
        QVERIFY(model.load(path, 6));
        QCOMPARE(model.totalCount(), 6);
        model.setVmFilter({});
        QCOMPARE(model.index(5, AuditHistoryModel::VmColumn).data().toString(), u"vm17"_s);
    }

    void missingFileIsEmpty()
    {
        AuditHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(u"/nonexistent/xr/audit.jsonl"_s));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAuditHistory)
#include "tst_audithistory.moc"
