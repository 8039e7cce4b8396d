#include "GzipReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace xr {

namespace {

// Compressed bytes are read from the device in blocks of this size.
constexpr qsizetype kInputBlock = 256 * 1024;

bool hasCompressedMagic(const QByteArray& data, qsizetype pos)
{
    return data.size() - pos >= 2 && uchar(data[pos]) == 0x1f && uchar(data[pos + 1]) == 0x8b;
}

} // namespace

struct GzipReader::Stream
{
    z_stream z{};
    bool initialised = false;

    ~Stream()
    {
        if (initialised)
            inflateEnd(&z);
    }
};

GzipReader::GzipReader(QIODevice& source, Format format)
    : m_source(source)
    , m_format(format)
{}

GzipReader::~GzipReader() = default;

void GzipReader::fail(const QString& message)
{
    m_state = State::Failed;
    m_error = message;
    m_in.clear();
    m_inPos = 0;
}

// Makes sure unconsumed input is there unless the device is exhausted. False on a read error.
bool GzipReader::fillInput()
{
    if (m_inPos < m_in.size() || m_sourceAtEnd)
        return true;
    m_in.resize(kInputBlock);
    m_inPos = 0;
    const qint64 n = m_source.read(m_in.data(), kInputBlock);
    if (n < 0) {
        m_in.clear();
        return false;
    }
    m_in.resize(n);
    if (n == 0)
        m_sourceAtEnd = true;
    return true;
}

// Decides between plain and compressed from the first bytes.
bool GzipReader::start()
{
    // Two bytes are needed for the magic; a device may hand out fewer per read (a pipe).
    while (m_in.size() - m_inPos < 2 && !m_sourceAtEnd) {
        const QByteArray rest = m_in.mid(m_inPos);
        m_in.clear();
        m_inPos = 0;
        if (!fillInput())
            return false;
        m_in.prepend(rest);
    }
    m_compressed = hasCompressedMagic(m_in, m_inPos);
    if (!m_compressed && m_format == Format::Gzip) {
        fail(m_in.size() == m_inPos ? QCoreApplication::translate("GzipReader", "the file is empty, not gzip data.")
                                    : QCoreApplication::translate("GzipReader", "not gzip data (no gzip header)."));
        return true;
    }
    if (!m_compressed) {
        m_state = State::Plain;
        return true;
    }
    m_stream = std::make_unique<Stream>();
    // 15 + 32: a 32 KiB window, gzip or zlib header detected by zlib.
    if (inflateInit2(&m_stream->z, 15 + 32) != Z_OK) {
        fail(QCoreApplication::translate("GzipReader", "cannot start decompression (out of memory?)."));
        return true;
    }
    m_stream->initialised = true;
    m_state = State::Inflating;
    return true;
}

QByteArray GzipReader::read(qsizetype maxBytes)
{
    if (maxBytes <= 0 || m_state == State::End || m_state == State::Failed)
        return {};
    const QString readError = QCoreApplication::translate("GzipReader", "read error: %1");
    if (m_state == State::Start && !start()) {
        fail(readError.arg(m_source.errorString()));
        return {};
    }
    if (m_state == State::Failed)
        return {};

    if (m_state == State::Plain) {
        QByteArray out;
        // Bytes already read while sniffing come first.
        if (m_inPos < m_in.size()) {
            out = m_in.mid(m_inPos, maxBytes);
            m_inPos += out.size();
            return out;
        }
        out.resize(maxBytes);
        const qint64 n = m_source.read(out.data(), maxBytes);
        if (n < 0) {
            fail(readError.arg(m_source.errorString()));
            return {};
        }
        out.resize(n);
        if (n == 0)
            m_state = State::End;
        return out;
    }

    QByteArray out(maxBytes, Qt::Uninitialized);
    qsizetype produced = 0;
    z_stream& z = m_stream->z;
    while (produced < maxBytes) {
        if (!fillInput()) {
            fail(readError.arg(m_source.errorString()));
            break;
        }
        if (m_state == State::BetweenMembers) {
            // After a member: another member, zero padding, or the end.
            while (m_inPos < m_in.size() && m_in[m_inPos] == '\0')
                ++m_inPos;
            if (m_inPos == m_in.size()) {
                if (m_sourceAtEnd) {
                    m_state = State::End;
                    break;
                }
                continue;
            }
            if (m_in.size() - m_inPos < 2 && !m_sourceAtEnd) {
                // Keep the lone byte and read more to see the whole magic.
                const QByteArray rest = m_in.mid(m_inPos);
                m_in.clear();
                m_inPos = 0;
                if (!fillInput()) {
                    fail(readError.arg(m_source.errorString()));
                    break;
                }
                m_in.prepend(rest);
                continue;
            }
            if (!hasCompressedMagic(m_in, m_inPos)) {
                fail(QCoreApplication::translate("GzipReader", "unexpected data after the compressed data."));
                break;
            }
            if (inflateReset(&z) != Z_OK) {
                fail(QCoreApplication::translate("GzipReader", "cannot restart decompression."));
                break;
            }
            m_state = State::Inflating;
        }
        const qsizetype available = m_in.size() - m_inPos;
        // zlib counts in uInt: hand it at most 1 GiB at a time.
        const uInt inCount = uInt(std::min<qsizetype>(available, 1 << 30));
        const uInt outCount = uInt(std::min<qsizetype>(maxBytes - produced, 1 << 30));
        z.next_in = reinterpret_cast<Bytef*>(m_in.data() + m_inPos);
        z.avail_in = inCount;
        z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        z.avail_out = outCount;
        const int rc = inflate(&z, Z_NO_FLUSH);
        m_inPos += qsizetype(inCount - z.avail_in);
        produced += qsizetype(outCount - z.avail_out);
        if (rc == Z_STREAM_END) {
            m_state = State::BetweenMembers;
        } else if (rc == Z_BUF_ERROR) {
            // No progress possible: more room is needed (the caller's next read), or more
            // input, which the loop reads unless the device has no more.
            if (z.avail_out == 0)
                break;
            if (available == 0 && m_sourceAtEnd) {
                fail(QCoreApplication::translate("GzipReader", "the compressed data ends early (truncated file)."));
                break;
            }
        } else if (rc != Z_OK) {
            const QString detail = z.msg ? QString::fromUtf8(z.msg) : QString::number(rc);
            fail(QCoreApplication::translate("GzipReader", "corrupt compressed data (%1).").arg(detail));
            break;
        }
    }
    out.resize(produced);
    return out;
}

namespace {
QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / double(1 << 20), 'f', 1);
}
} // namespace

InflateResult GzipReader::inflateFile(const QString& from, const QString& to, const InflateLimits& limits)
{
    InflateResult r;
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        r.message = in.errorString();
        return r;
    }
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        r.message = out.errorString();
        return r;
    }
    const QString dir = QFileInfo(to).absolutePath();
    const auto freeBytes = [&]() -> qint64 {
        if (limits.freeBytes)
            return limits.freeBytes(dir);
        QStorageInfo storage(dir);
        return storage.isValid() ? storage.bytesAvailable() : -1; // unknown: not a reason to refuse
    };
    const qint64 compressedSize = in.size();
    const auto cut = [&](const QString& why) {
        r.cut = true;
        r.message = QCoreApplication::translate("xr::LogSource",
                                                "%1 Only the first %2 MiB of the log are shown: the rest (after %3 "
                                                "of %4 MiB of compressed data) was not inflated.")
                        .arg(why, mib(r.written), mib(in.pos()), mib(compressedSize));
    };
    constexpr qsizetype kPart = 4 << 20;
    GzipReader reader(in, GzipReader::Format::Auto);
    qint64 free = freeBytes();
    qint64 sinceFreeCheck = 0;
    for (;;) {
        const QByteArray part = reader.read(kPart);
        if (part.isEmpty())
            break;
        if (r.written + part.size() > limits.maxBytes) {
            cut(QCoreApplication::translate("xr::LogSource", "Inflating stopped at the limit of %1 MiB.")
                    .arg(mib(limits.maxBytes)));
            break;
        }
        if (r.written + part.size() > limits.ratioFloorBytes &&
            r.written + part.size() > limits.maxRatio * std::max<qint64>(1, in.pos())) {
            cut(QCoreApplication::translate("xr::LogSource",
                                            "Inflating stopped: the data expands more than %1 times, which no log "
                                            "does (a compressed file built to fill the disk?).")
                    .arg(limits.maxRatio));
            break;
        }
        if (sinceFreeCheck >= (64 << 20)) {
            free = freeBytes();
            sinceFreeCheck = 0;
        }
        if (free >= 0 && free - sinceFreeCheck - part.size() < limits.reserveBytes) {
            cut(QCoreApplication::translate("xr::LogSource",
                                            "Inflating stopped: the disk holding %1 has only %2 MiB free, and "
                                            "XenRescue keeps %3 MiB free.")
                    .arg(QDir::toNativeSeparators(dir), mib(std::max<qint64>(0, free - sinceFreeCheck)),
                         mib(limits.reserveBytes)));
            break;
        }
        if (out.write(part) != part.size()) {
            r.message = QCoreApplication::translate("xr::LogSource", "Cannot write the inflated log to %1: %2")
                            .arg(QDir::toNativeSeparators(to), out.errorString());
            return r;
        }
        r.written += part.size();
        sinceFreeCheck += part.size();
    }
    if (!out.flush()) {
        r.message = out.errorString();
        return r;
    }
    if (!r.cut && reader.hasError())
        r.message = reader.errorString();
    return r;
}

} // namespace xr
