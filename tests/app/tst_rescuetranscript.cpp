#include "RescueTranscript.h"

#include <QTest>

using namespace xr;

// The transcript a rescue keeps (RescueRun::add): a command that prints without end must not
// fill memory, and the report must say what was left out.
class TestRescueTranscript final : public QObject
{
    Q_OBJECT

    static TranscriptEntry line(const QString& text)
    {
        return TranscriptEntry{QDateTime::currentDateTimeUtc(), TranscriptEntry::Kind::StdOut, QString(), text};
    }

private Q_SLOTS:
    void defaultBounds()
    {
        TranscriptLog log;
        int shown = 0;
        for (int i = 0; i < 25000; ++i)
            shown += log.append(line(QStringLiteral("line %1").arg(i))) ? 1 : 0;
        QCOMPARE(log.entries().size(), TranscriptLog::kDefaultMaxEntries);
        QCOMPARE(shown, int(TranscriptLog::kDefaultMaxEntries)); // the note is shown once, like a line
        const TranscriptEntry& last = log.entries().last();
        qInfo().noquote() << last.text;
        QCOMPARE(last.kind, TranscriptEntry::Kind::Warning);
        QCOMPARE(log.cutEntries(), 25000 - (TranscriptLog::kDefaultMaxEntries - 1));
        QVERIFY(last.text.contains(QStringLiteral("5001 later entries")));
        QVERIFY(RescueTranscript::toText(QStringLiteral("t"), log.entries()).contains(QStringLiteral("left out")));
    }

    void textBound()
    {
        TranscriptLog log;
        const QString mebibyte(512 * 1024, QLatin1Char('x')); // 1 MiB as UTF-16
        for (int i = 0; i < 40; ++i)
            (void)log.append(line(mebibyte));
        qint64 kept = 0;
        for (const TranscriptEntry& e : log.entries())
            kept += e.text.size() * 2;
        QVERIFY(kept <= TranscriptLog::kDefaultMaxTextBytes + 4096);
        QCOMPARE(log.entries().size(), 17); // 16 MiB of text, then the note
        qInfo().noquote() << log.entries().last().text;
        QVERIFY(log.entries().last().text.contains(QStringLiteral("24 later entries")));
        QVERIFY(log.entries().last().text.contains(QStringLiteral("24576 KiB")));
    }

    void underTheBoundsNothingChanges()
    {
        TranscriptLog log(10, 1000);
        for (int i = 0; i < 9; ++i)
            QVERIFY(log.append(line(QString::number(i))));
        QCOMPARE(log.entries().size(), 9);
        QCOMPARE(log.cutEntries(), 0);
        QCOMPARE(log.entries().last().text, QStringLiteral("8"));
        QVERIFY(log.append(line(QStringLiteral("9")))); // the tenth place is the note's
        QCOMPARE(log.entries().last().kind, TranscriptEntry::Kind::Warning);
        QVERIFY(!log.append(line(QStringLiteral("10"))));
        QCOMPARE(log.entries().size(), 10);
        QCOMPARE(log.cutEntries(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRescueTranscript)
#include "tst_rescuetranscript.moc"
