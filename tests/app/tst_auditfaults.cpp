// The audit log under faults (issue 14, item 6): two processes appending at once, a lock left
// by a crashed process, a line synced to disk before append returns, a full disk and a file
// that cannot grow (nothing half written, recordSent fails, the gateway sends nothing).
//
// The test binary is its own helper process: run with `--worker MODE ...` it appends lines or
// takes the lock and dies, instead of running the tests.
#include "AuditLog.h"
#include "CommandGateway.h"
#include "ConnectionManager.h"
#include "FakeRemoteHost.h"
#include "Inventory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <cstdlib>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace xr;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLinesPerWorker = 1000;

AuditEntry workerEntry(const QString& tag, int i)
{
    AuditEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.host = u"root@worker-"_s + tag + u":22"_s;
    e.user = u"root"_s;
    // Long enough that a torn or interleaved write would show in the middle of a line.
    e.command = u"xe vm-shutdown --force uuid=%1 # %2"_s.arg(i).arg(QString(200, QLatin1Char('x')));
    e.outcome = AuditOutcome::Sent;
    e.exitStatus = i;
    e.runId = tag;
    e.action = u"rung 1c force-shutdown"_s;
    return e;
}

// --worker append PATH TAG COUNT MAXBYTES KEEP GOFILE: waits for GOFILE, appends COUNT lines.
// --worker lock-and-die PATH: takes the log's lock and exits without releasing it.
int runWorker(const QStringList& args)
{
    const QString mode = args.value(0);
    const QString path = args.value(1);
    if (mode == u"lock-and-die") {
        auto* lock = new QLockFile(AuditLog::lockPath(path));
        if (!lock->tryLock(5000))
            return 2;
        std::fputs("locked\n", stdout);
        std::fflush(stdout);
        std::_Exit(0); // no destructor: the lock file stays, as after a crash
    }
    if (mode == u"append") {
        const QString tag = args.value(2);
        const int count = args.value(3).toInt();
        AuditLog log(path);
        log.setRotation(args.value(4).toLongLong(), args.value(5).toInt());
        log.setLockTimeout(30000);
        const QString go = args.value(6);
        QElapsedTimer waited;
        waited.start();
        while (!go.isEmpty() && !QFile::exists(go) && waited.elapsed() < 30000)
            QThread::msleep(1);
        for (int i = 0; i < count; ++i) {
            if (const Result<void> r = log.append(workerEntry(tag, i)); !r) {
                std::fprintf(stderr, "line %d: %s\n", i, qPrintable(r.errorMessage()));
                return 1;
            }
        }
        return 0;
    }
    return 3;
}

struct GatewayFixture
{
    QTemporaryDir dir;
    AppPaths paths{dir.filePath(u"data"_s), dir.filePath(u"config"_s), dir.filePath(u"ssh"_s)};
    Inventory inventory{paths.settingsFile()};
    ConnectionManager connections{paths, &inventory};
    CommandGateway gateway{&connections, paths.auditLogFile()};
    FakeRemoteHost* fake = nullptr;
    QString id;

    GatewayFixture()
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
};

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

#ifdef Q_OS_UNIX
/// Limits the size of the files this process may write (RLIMIT_FSIZE) while it lives; a
/// write past it fails with EFBIG (SIGXFSZ is ignored in initTestCase).
class FileSizeLimit final
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        m_ok = m_ok && setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit()
    {
        if (m_ok && setrlimit(RLIMIT_FSIZE, &m_saved) != 0)
            qFatal("cannot restore RLIMIT_FSIZE");
    }
    Q_DISABLE_COPY_MOVE(FileSizeLimit)
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    bool m_ok = false;
};
#endif

} // namespace

class TestAuditFaults final : public QObject
{
    Q_OBJECT

private:
    static QProcess* startWorker(const QStringList& args, QObject* parent)
    {
        auto* p = new QProcess(parent);
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start(QCoreApplication::applicationFilePath(), QStringList{u"--worker"_s} + args);
        return p;
    }

    // Both workers start on the same signal, append `lines` lines each, and must succeed.
    static bool runTwoWorkers(const QString& path, int lines, qint64 maxBytes, int keep, const QString& goFile)
    {
        QObject owner;
        QList<QProcess*> workers;
        for (const QString& tag : {u"A"_s, u"B"_s}) {
            workers.append(startWorker({u"append"_s, path, tag, QString::number(lines), QString::number(maxBytes),
                                        QString::number(keep), goFile},
                                       &owner));
        }
        for (QProcess* p : workers) {
            if (!p->waitForStarted(10000))
                return false;
        }
        QFile go(goFile);
        if (!go.open(QIODevice::WriteOnly))
            return false;
        go.close();
        bool ok = true;
        for (QProcess* p : workers) {
            ok = p->waitForFinished(240000) && p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0 && ok;
        }
        return ok;
    }

    // Every worker line exactly once, in each worker's order; returns how often the writer changed.
    static int checkWorkerLines(const QList<AuditEntry>& entries, int lines)
    {
        QHash<QString, int> next;
        int switches = 0;
        QString last;
        for (const AuditEntry& e : entries) {
            if (e.runId != u"A"_s && e.runId != u"B"_s)
                return -1;
            if (e.exitStatus != next.value(e.runId)) // nothing lost, nothing twice, in order
                return -1;
            if (e.command != workerEntry(e.runId, e.exitStatus).command)
                return -1;
            next[e.runId] = e.exitStatus + 1;
            if (!last.isEmpty() && last != e.runId)
                ++switches;
            last = e.runId;
        }
        if (next.value(u"A"_s) != lines || next.value(u"B"_s) != lines)
            return -1;
        return switches;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
#ifdef Q_OS_UNIX
        // Past RLIMIT_FSIZE a write fails with EFBIG instead of killing the process.
        std::signal(SIGXFSZ, SIG_IGN);
#endif
    }

    void twoProcessesAppendWholeLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        QVERIFY(runTwoWorkers(path, kLinesPerWorker, AuditLog::kDefaultMaxBytes, AuditLog::kDefaultKeepFiles,
                              dir.filePath(u"go"_s)));

        const QByteArray data = contents(path);
        QVERIFY(data.endsWith('\n'));
        const QList<QByteArray> lines = data.chopped(1).split('\n');
        QCOMPARE(lines.size(), 2 * kLinesPerWorker);
        QList<AuditEntry> entries;
        for (const QByteArray& line : lines) {
            const std::optional<AuditEntry> e = AuditLog::fromJsonLine(line);
            QVERIFY2(e, line.left(200).constData());
            entries.append(*e);
        }
        const int switches = checkWorkerLines(entries, kLinesPerWorker);
        QVERIFY(switches >= 0);
        qInfo("2 x %d lines: %lld whole lines, the writer changed %d times", kLinesPerWorker, qint64(lines.size()),
              switches);
        QVERIFY(!QFile::exists(AuditLog::lockPath(path)));
    }

    void twoProcessesRotateWithoutLoss()
    {
        // Rotations race with appends of the other process: under the lock none is lost.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        const qint64 maxBytes = 16 * 1024;
        constexpr int kLines = 300;
        QVERIFY(runTwoWorkers(path, kLines, maxBytes, 100, dir.filePath(u"go"_s)));

        int files = 0;
        qint64 lines = 0;
        for (int i = 0; i <= 100; ++i) {
            const QString name = i == 0 ? path : AuditLog::rotatedPath(path, i);
            if (!QFile::exists(name))
                break;
            const QByteArray data = contents(name);
            QVERIFY(data.size() <= maxBytes);
            QVERIFY(data.endsWith('\n'));
            lines += data.count('\n');
            ++files;
        }
        QCOMPARE(lines, qint64(2 * kLines));
        QVERIFY(files > 5);
        const Result<QList<AuditEntry>> all = AuditLog::readTail(path, 0);
        QVERIFY(all);
        QCOMPARE(all->size(), 2 * kLines);
        QVERIFY(checkWorkerLines(*all, kLines) >= 0);
        qInfo("2 x %d lines over %d rotated files: %lld lines, all read back in order", kLines, files, lines);
    }

    void staleLockOfACrashedProcessIsTakenOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        QObject owner;
        QProcess* crashed = startWorker({u"lock-and-die"_s, path}, &owner);
        QVERIFY(crashed->waitForFinished(10000));
        QCOMPARE(crashed->readAllStandardOutput(), QByteArray("locked\n"));
        QVERIFY(QFile::exists(AuditLog::lockPath(path))); // left behind

        AuditLog log(path);
        log.setLockTimeout(5000);
        QElapsedTimer took;
        took.start();
        const Result<void> written = log.append(workerEntry(u"A"_s, 0));
        QVERIFY2(written, qPrintable(written.errorMessage()));
        qInfo("a lock left by a dead process was taken over after %lld ms", took.elapsed());
        const Result<QList<AuditEntry>> read = AuditLog::readTail(path);
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QVERIFY(!QFile::exists(AuditLog::lockPath(path)));
    }

    void lineIsSyncedBeforeAppendReturns()
    {
#ifdef Q_OS_LINUX
        // Only the system calls show it: the line's write(2) is followed by an fsync of the
        // same descriptor (and the new file's folder is synced) before the process goes on.
        const QString strace = QStandardPaths::findExecutable(u"strace"_s);
        if (strace.isEmpty())
            QSKIP("strace is not installed: the system calls of an append cannot be watched");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        const QString trace = dir.filePath(u"trace"_s);
        QProcess p;
        p.start(strace,
                {u"-f"_s, u"-qq"_s, u"-e"_s, u"signal=none"_s, u"-e"_s, u"trace=openat,write,fsync,fdatasync,close"_s,
                 u"-s"_s, u"16"_s, u"-o"_s, trace, QCoreApplication::applicationFilePath(), u"--worker"_s, u"append"_s,
                 path, u"A"_s, u"2"_s, QString::number(AuditLog::kDefaultMaxBytes), u"5"_s, QString()});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray errors = p.readAllStandardError();
        if (p.exitCode() != 0 && errors.contains("ptrace"))
            QSKIP(qPrintable(u"strace cannot trace here: "_s + QString::fromLocal8Bit(errors.trimmed())));
        QVERIFY2(p.exitCode() == 0, errors.constData());
        QCOMPARE(contents(path).count('\n'), 2);

        const QList<QByteArray> calls = contents(trace).split('\n');
        const QByteArray folder = "openat(AT_FDCWD, \"" + QFile::encodeName(dir.path()) + "\", ";
        int appends = 0;
        int syncedAppends = 0;
        int dirSyncs = 0;
        QByteArray lineFd;
        QByteArray dirFd;
        for (const QByteArray& raw : calls) {
            const QByteArray call = raw.mid(raw.indexOf(' ') + 1).trimmed(); // drop the pid
            const QByteArray fd = call.mid(call.indexOf('(') + 1, call.indexOf(',') - call.indexOf('(') - 1);
            if (call.startsWith("write(") && call.contains(", \"{\\\"")) { // a JSON line
                lineFd = fd;
                ++appends;
            } else if (!lineFd.isEmpty() &&
                       (call.startsWith("fsync(" + lineFd + ")") || call.startsWith("fdatasync(" + lineFd + ")"))) {
                ++syncedAppends;
                lineFd.clear();
            } else if (!lineFd.isEmpty() && call.startsWith("close(" + lineFd + ")")) {
                lineFd.clear(); // closed unsynced: the count below fails
            } else if (call.startsWith(folder) && call.contains("O_DIRECTORY")) {
                dirFd = call.mid(call.lastIndexOf('=') + 1).trimmed();
            } else if (!dirFd.isEmpty() && call.startsWith("fsync(" + dirFd + ")")) {
                ++dirSyncs; // the folder that got the new file
                dirFd.clear();
            }
        }
        qInfo("%d lines written, %d synced before their file was closed, %d folder syncs", appends, syncedAppends,
              dirSyncs);
        QCOMPARE(appends, 2);
        QCOMPARE(syncedAppends, 2);
        QCOMPARE(dirSyncs, 1); // the file was created once
#else
        QSKIP("the system calls are watched with strace, on Linux only");
#endif
    }

    void fileThatCannotGrowRefusesTheSentLine()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path);
        for (int i = 0; i < 5; ++i)
            QVERIFY(log.append(workerEntry(u"A"_s, i)));
        const QByteArray before = contents(path);
        const CommandRequest request{u"xe vm-shutdown --force uuid=0b5a"_s};
        {
            // Room for a part of the next line only: the write is cut short, then refused.
            const FileSizeLimit limit(rlim_t(before.size() + 40));
            QVERIFY(limit.ok());
            const Result<void> sent =
                log.recordSent(u"root@xs-01:22"_s, u"root"_s, request, AuditContext{}, QDateTime::currentDateTimeUtc());
            QVERIFY(!sent);
            qInfo("%s", qPrintable(sent.errorMessage()));
            QVERIFY2(sent.errorMessage().contains(u"the file cannot grow"_s), qPrintable(sent.errorMessage()));
            QVERIFY(sent.errorMessage().contains(u"Nothing was added"_s));
            QCOMPARE(sent.error().code, u"audit-file-too-large"_s);
        }
        // Nothing half: the file is as it was, whole lines only.
        QCOMPARE(contents(path), before);
        // Room again: the log goes on with whole lines.
        QVERIFY(
            log.recordSent(u"root@xs-01:22"_s, u"root"_s, request, AuditContext{}, QDateTime::currentDateTimeUtc()));
        const Result<QList<AuditEntry>> read = AuditLog::readTail(path);
        QVERIFY(read);
        QCOMPARE(read->size(), 6);
        QCOMPARE(read->constLast().command, request.command);
#else
        QSKIP("RLIMIT_FSIZE is POSIX");
#endif
    }

    void fullDiskRefusesTheSentLine()
    {
#ifdef Q_OS_LINUX
        // /dev/full answers every write with ENOSPC, as a full file system does.
        if (!QFileInfo(u"/dev/full"_s).isWritable())
            QSKIP("/dev/full is not available here");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        QVERIFY(QFile::link(u"/dev/full"_s, path));
        AuditLog log(path);
        const Result<void> sent = log.recordSent(u"root@xs-01:22"_s, u"root"_s, CommandRequest{u"xl destroy 7"_s},
                                                 AuditContext{}, QDateTime::currentDateTimeUtc());
        QVERIFY(!sent);
        qInfo("%s", qPrintable(sent.errorMessage()));
        QVERIFY2(sent.errorMessage().contains(u"the disk is full"_s), qPrintable(sent.errorMessage()));
        QCOMPARE(sent.error().code, u"audit-disk-full"_s);
#else
        QSKIP("/dev/full is Linux");
#endif
    }

    void gatewaySendsNothingWhenTheLogCannotGrow()
    {
#ifdef Q_OS_UNIX
        GatewayFixture f;
        const CommandRequest first{u"xe vm-shutdown --force uuid=0b5a"_s};
        const AuditContext context{u"run-7"_s, u"0b5a"_s, u"web-01"_s, u"vm force-shutdown"_s};
        f.fake->holdCommands = true;
        Result<RemoteCommand*> sent = f.gateway.runAction(f.id, first, context);
        QVERIFY(sent);
        std::unique_ptr<RemoteCommand> held(*sent);
        QCOMPARE(f.fake->sent.size(), 1);
        const QString path = f.paths.auditLogFile();
        const QByteArray before = contents(path);
        {
            const FileSizeLimit limit(rlim_t(before.size() + 40));
            QVERIFY(limit.ok());
            sent = f.gateway.runAction(f.id, CommandRequest{u"xe-toolstack-restart"_s}, context);
            QVERIFY(!sent);
            qInfo("%s", qPrintable(sent.errorMessage()));
            QVERIFY2(sent.errorMessage().contains(u"Nothing was sent"_s), qPrintable(sent.errorMessage()));
            QVERIFY(sent.errorMessage().contains(u"the file cannot grow"_s));
            const Result<RemoteFileOperation*> write =
                f.gateway.writeFile(f.id, u"/etc/default/grub"_s, "GRUB=1\n", false, context);
            QVERIFY(!write);
        }
        QCOMPARE(f.fake->sent, QStringList{first.command}); // the refused ones never reached the host
        QCOMPARE(f.gateway.inFlight(f.id).size(), 1);
        QCOMPARE(contents(path), before);
        held.reset(); // abandoned: its final line is written, room again
        const Result<QList<AuditEntry>> read = AuditLog::readTail(path);
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(1).outcome, AuditOutcome::Abandoned);
#else
        QSKIP("RLIMIT_FSIZE is POSIX");
#endif
    }
};

int main(int argc, char** argv)
{
    if (argc >= 2 && qstrcmp(argv[1], "--worker") == 0) {
        QCoreApplication app(argc, argv);
        return runWorker(app.arguments().mid(2));
    }
    QCoreApplication app(argc, argv);
    TestAuditFaults test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_auditfaults.moc"
