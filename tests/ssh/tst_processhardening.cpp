#include "ProcessHardening.h"

#include <QFile>
#include <QTest>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using xr::ProcessHardening;

// The helper both main()s call first: afterwards this process cannot dump core, so no
// password or passphrase it held can end up in a core file.
class TestProcessHardening final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coreDumpsAreOff()
    {
#ifndef Q_OS_LINUX
        QSKIP("Core dump settings are only changed on Linux.");
#else
        QVERIFY(!ProcessHardening::coreDumpsDisabled()); // the test runner's default: dumpable
        const QString problem = ProcessHardening::disableCoreDumps();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        QVERIFY(ProcessHardening::coreDumpsDisabled());
        QFile limits(QStringLiteral("/proc/self/limits"));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        const QByteArray text = limits.readAll();
        const QByteArray core = text.mid(text.indexOf("Max core file size")).split('\n').value(0);
        qInfo().noquote() << "PR_GET_DUMPABLE:" << prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) << "|"
                          << QString::fromLatin1(core.simplified());
        QCOMPARE(core.simplified(), QByteArray("Max core file size 0 0 bytes"));
#endif
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_processhardening.moc"
