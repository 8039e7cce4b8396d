#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// Shared helpers for the diagnostics parser tests: the real samples in tests/data and the
// hostile inputs every parser must survive.
namespace xrtest {

// The samples live in tests/data (XR_TEST_DATA_DIR, set by xr_add_test).
inline QString dataPath(const char* name)
{
    return QStringLiteral(XR_TEST_DATA_DIR "/") + QString::fromUtf8(name);
}

// Empty when the file cannot be read: every caller checks with QVERIFY(!x.isEmpty()).
inline QByteArray readSample(const char* name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Deterministic bytes with plenty of NULs and invalid UTF-8, like a core file or an
// image sent by mistake.
inline QByteArray binaryNoise(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = char(x & 0xff);
    }
    return out;
}

// Repeats `unit` until the result is at least `size` bytes.
inline QByteArray repeatTo(const QByteArray& unit, qsizetype size)
{
    QByteArray out;
    out.reserve(size + unit.size());
    while (out.size() < size)
        out += unit;
    return out;
}

// 0xC3 0x28 is an invalid two-byte sequence; 0xFF never appears in UTF-8.
inline QByteArray invalidUtf8Name()
{
    return QByteArray("caf\xc3\x28-vm-\xff", 10);
}

} // namespace xrtest
