#pragma once

// The log corpus the log benchmarks share: a xensource.log of any size built from the line
// shapes of the real samples in tests/data (XR_TEST_DATA_DIR must be defined).
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace xr::bench {

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The message part ("proc: [level|...] text") of every syslog-form xensource line in the
// samples, and the raw-format lines rewritten to the syslog form.
inline QList<QByteArray> lineShapes()
{
    const QString dir = QStringLiteral(XR_TEST_DATA_DIR "/");
    QList<QByteArray> out;
    for (const char* name :
         {"xensource-log__lnav-xenserver-logs-samples.txt", "xensource-log__rbdsr-issue-39-xenopsd-vif-add.txt",
          "xensource-log__xcpng-issue-561-ng02.txt", "squeezed-log__xcpng-issue-292-poweredge1.txt",
          "syslog-xapi__mirage-xen-arm-builder-issue-53-cubietruck.txt"}) {
        for (const QByteArray& line : readAll(dir + QString::fromLatin1(name)).split('\n')) {
            if (line.size() < 20)
                continue;
            // Drop "Mon dd HH:MM:SS host ".
            const qsizetype hostEnd = line.indexOf(' ', 16);
            if (hostEnd > 0)
                out.append(line.mid(hostEnd + 1));
        }
    }
    for (const QByteArray& line :
         readAll(dir + QStringLiteral("xensource-log-raw-format__ubuntuforums-archive-2013-xcp-xapi-log.txt"))
             .split('\n')) {
        const qsizetype bar = line.indexOf('|');
        if (bar > 0)
            out.append("xapi: [" + line.mid(bar + 1));
    }
    return out;
}

// Writes `size` bytes of log to `path`: real shapes, advancing time, digits varied so the
// text does not repeat exactly.
inline bool buildLog(const QString& path, qint64 size)
{
    const QList<QByteArray> shapes = lineShapes();
    if (shapes.isEmpty())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    quint32 x = 2463534242u;
    auto next = [&x]() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    };
    QByteArray block;
    block.reserve(9 << 20);
    qint64 written = 0;
    qint64 t = 0; // seconds since Dec 1, 00:00
    char stamp[64];
    while (written < size) {
        block.clear();
        while (block.size() < (8 << 20)) {
            t += next() % 3 == 0 ? 1 : 0;
            const qint64 day = t / 86400;
            const int month = int((11 + day / 31) % 12);
            const int dom = int(day % 31) % 28 + 1;
            std::snprintf(stamp, sizeof stamp, "%s %2d %02d:%02d:%02d xs-host-01 ", months[month], dom,
                          int(t / 3600 % 24), int(t / 60 % 60), int(t % 60));
            block += stamp;
            QByteArray shape = shapes[qsizetype(next() % quint32(shapes.size()))];
            for (qsizetype i = shape.indexOf('|'); i >= 0 && i < shape.size(); ++i) {
                if (shape[i] >= '0' && shape[i] <= '9')
                    shape[i] = char('0' + next() % 10);
            }
            block += shape;
            block += '\n';
        }
        // Whole lines only: the file ends with "\n", as a log does.
        qint64 n = std::min<qint64>(block.size(), size - written);
        if (n < block.size()) {
            n = block.lastIndexOf('\n', n - 1) + 1;
            if (n == 0)
                break;
            size = written + n;
        }
        if (f.write(block.constData(), n) != n)
            return false;
        written += n;
    }
    return true;
}

} // namespace xr::bench
