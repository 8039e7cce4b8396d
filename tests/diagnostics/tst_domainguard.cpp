// DomainGuard's script run by a real /bin/sh: a fake `xenstore-read` answers as a host would
// (or hangs, or is missing) and a fake action records that it ran. What runs on dom0 is this
// very text, so its branches are checked here, not by reading it.
#include "DomainGuard.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;

namespace {

const QString kVm = u"0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22"_s;

struct Ran
{
    int exit = -1;
    QByteArray err;
    bool acted = false;
    qint64 ms = 0;
};

class FakeHost
{
public:
    /// `xenstoreScript`: the body of the fake xenstore-read (sh); empty: no xenstore-read.
    explicit FakeHost(const QString& xenstoreScript)
    {
        if (!xenstoreScript.isEmpty())
            writeTool(u"xenstore-read"_s, xenstoreScript);
        // The action: records its argv, so the test sees whether the guard let it run.
        writeTool(u"xl"_s, u"echo \"$@\" > \"$XR_ACTED\"\n"_s);
    }

    Ran run(const ShellCommand& command) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PATH"_s, m_dir.path() + u":/usr/bin:/bin"_s);
        env.insert(u"XR_ACTED"_s, m_dir.filePath(u"acted"_s));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(u"/bin/sh"_s, {u"-c"_s, command.toShell()});
        p.waitForFinished(30000);
        Ran r;
        r.ms = t.elapsed();
        r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.err = p.readAllStandardError();
        QFile acted(m_dir.filePath(u"acted"_s));
        r.acted = acted.open(QIODevice::ReadOnly) && acted.readAll().trimmed() == "destroy 7";
        return r;
    }

private:
    void writeTool(const QString& name, const QString& body)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write((u"#!/bin/sh\n"_s + body).toUtf8());
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    QTemporaryDir m_dir;
};

ShellCommand destroy7(const QString& uuid = kVm, const QString& name = {})
{
    return DomainGuard::wrap(ShellCommand{u"xl"_s, {u"destroy"_s, u"7"_s}}, {7, uuid, name}).value();
}

/// A fake xenstore-read that answers `value` for /local/domain/7/<key> and fails otherwise
/// (as the real one: "couldn't read path", exit 1).
QString answers(const QString& key, const QString& value)
{
    return u"if [ \"$1\" = /local/domain/7/%1 ]; then echo '%2'; exit 0; fi\n"
           u"echo \"xenstore-read: couldn't read path $1\" >&2; exit 1\n"_s.arg(key, value);
}

} // namespace

class TestDomainGuard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(u"/bin/sh"_s))
            QFAIL("no /bin/sh");
    }

    void sameVmActs()
    {
        const Ran r = FakeHost(answers(u"vm"_s, u"/vm/"_s + kVm)).run(destroy7());
        QCOMPARE(r.exit, 0);
        QVERIFY(r.acted);
        QVERIFY(r.err.isEmpty());
    }

    void xendRelocatedPathActs()
    {
        // xend appends -N to /vm/<uuid> when a localhost relocation holds the plain path.
        const Ran r = FakeHost(answers(u"vm"_s, u"/vm/"_s + kVm + u"-1"_s)).run(destroy7());
        QCOMPARE(r.exit, 0);
        QVERIFY(r.acted);
    }

    void reusedIdIsRefused()
    {
        const QString other = u"2b9d8f00-1c2e-4e55-8a61-5d7c9e0f1a22"_s;
        const Ran r = FakeHost(answers(u"vm"_s, u"/vm/"_s + other)).run(destroy7());
        QCOMPARE(r.exit, DomainGuard::ExitReused);
        QVERIFY(!r.acted);
        QVERIFY2(r.err.contains("xenrescue-guard: domain 7 is no longer /vm/" + kVm.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains(other.toUtf8()));
        QCOMPARE(DomainGuard::readRefusal(r.exit, r.err), DomainGuard::Refusal::Reused);
        // A longer UUID that merely starts with ours is another VM, not a relocation.
        const Ran longer = FakeHost(answers(u"vm"_s, u"/vm/"_s + kVm + u"x"_s)).run(destroy7());
        QCOMPARE(longer.exit, DomainGuard::ExitReused);
        QVERIFY(!longer.acted);
    }

    void byName()
    {
        const Ran same = FakeHost(answers(u"name"_s, u"web"_s)).run(destroy7({}, u"web"_s));
        QCOMPARE(same.exit, 0);
        QVERIFY(same.acted);
        // No -N allowance for names: "web-2" is another guest.
        const Ran other = FakeHost(answers(u"name"_s, u"web-2"_s)).run(destroy7({}, u"web"_s));
        QCOMPARE(other.exit, DomainGuard::ExitReused);
        QVERIFY(!other.acted);
    }

    void missingKeyIsRefused()
    {
        const Ran r = FakeHost(answers(u"name"_s, u"web"_s)).run(destroy7()); // no vm key
        QCOMPARE(r.exit, DomainGuard::ExitUnconfirmed);
        QVERIFY(!r.acted);
        QCOMPARE(DomainGuard::readRefusal(r.exit, r.err), DomainGuard::Refusal::Unconfirmed);
    }

    void missingToolIsRefused()
    {
        const Ran r = FakeHost(QString()).run(destroy7());
        QCOMPARE(r.exit, DomainGuard::ExitUnconfirmed);
        QVERIFY(!r.acted);
        QVERIFY(r.err.contains("xenstore-read is missing"));
    }

    void hungXenstoreTimesOut()
    {
        if (QStandardPaths::findExecutable(u"timeout"_s).isEmpty())
            QFAIL("coreutils timeout is needed on the test machine");
        const Ran r = FakeHost(u"sleep 30\n"_s).run(destroy7());
        QCOMPARE(r.exit, DomainGuard::ExitXenstoreTimeout);
        QVERIFY(!r.acted);
        QVERIFY(r.ms < 20000);
        QCOMPARE(DomainGuard::readRefusal(r.exit, r.err), DomainGuard::Refusal::XenstoreTimeout);
    }

    void hostileValuesStayData()
    {
        // Whatever xenstore (or a name) holds never runs: it is compared and printed only.
        const Ran r = FakeHost(answers(u"name"_s, u"$(touch pwned); `id`"_s)).run(destroy7({}, u"web"_s));
        QCOMPARE(r.exit, DomainGuard::ExitReused);
        QVERIFY(!r.acted);
        QVERIFY(!QFile::exists(u"pwned"_s));
        const std::optional<ShellCommand> named =
            DomainGuard::wrap(ShellCommand{u"xl"_s, {u"destroy"_s, u"7"_s}}, {7, {}, u"a'b; $(halt)"_s});
        QVERIFY(named);
        QCOMPARE(named->args.at(5), u"a'b; $(halt)"_s);
        QVERIFY(!DomainGuard::wrap(ShellCommand{u"xl"_s, {u"destroy"_s, u"7"_s}}, {7, {}, u"two\nlines"_s}));
        QVERIFY(!DomainGuard::wrap(ShellCommand{u"xl"_s, {u"destroy"_s, u"0"_s}}, {0, kVm, {}}));
    }
};

QTEST_GUILESS_MAIN(TestDomainGuard)
#include "tst_domainguard.moc"
