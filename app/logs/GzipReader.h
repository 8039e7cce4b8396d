#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>
#include <memory>

namespace xr {

/// The bounds of inflating a compressed log into a file: a small `.gz` can expand into
/// gigabytes (a "zip bomb", or only a very repetitive log), and the disk it is written to is
/// shared with everything else.
struct InflateLimits
{
    qint64 maxBytes = qint64(8) << 30;         ///< never more than this, whatever the file
    qint64 maxRatio = 200;                     ///< inflated : compressed, once past ratioFloorBytes
    qint64 ratioFloorBytes = qint64(64) << 20; ///< a small file may compress as well as it likes
    qint64 reserveBytes = qint64(256) << 20;   ///< left free on the disk of the target
    /// Free bytes on the disk of the target; empty: QStorageInfo. Tests pass their own.
    std::function<qint64(const QString& path)> freeBytes;
};

/// How an inflation ended.
struct InflateResult
{
    qint64 written = 0; ///< bytes of inflated data in the target
    bool cut = false;   ///< stopped at a limit: `message` says which and what was left out
    QString message;    ///< empty on success; else what went wrong or what was cut
};

/// Reads a device in chunks and inflates gzip on the fly (rotated logs are `SMlog.2.gz`),
/// so a file of any size is processed with a bounded amount of memory. Concatenated gzip
/// members (what `cat a.gz b.gz` or logrotate's `delaycompress` can leave) are read one
/// after the other; zero padding after the last member is ignored, any other trailing
/// data, corrupt data and a truncated stream are errors.
class GzipReader final
{
public:
    enum class Format {
        Auto, ///< gzip (or zlib) when the data starts with its magic bytes, else plain bytes
        Gzip, ///< gzip required: anything else is an error
    };

    /// Reads from `source`, which must be open for reading and outlive the reader.
    explicit GzipReader(QIODevice& source, Format format = Format::Auto);
    ~GzipReader();
    GzipReader(const GzipReader&) = delete;
    GzipReader& operator=(const GzipReader&) = delete;

    /// Up to `maxBytes` (> 0) of decompressed data; empty at the end. On an error, the data
    /// decoded before it comes back and hasError() turns true.
    QByteArray read(qsizetype maxBytes);
    /// The whole input was read without error.
    bool atEnd() const { return m_state == State::End; }
    bool hasError() const { return m_state == State::Failed; }
    /// A translated sentence saying what is wrong with the data (or the device).
    QString errorString() const { return m_error; }
    /// True once the input was recognised as compressed.
    bool isCompressed() const { return m_compressed; }

    /// Inflates the file `from` (gzip, or plain) into `to` (truncated first), streaming: a
    /// few MiB in memory whatever the size. Stops at `limits`, saying what was left out; data
    /// before a corrupt or truncated part is kept and the message says what is wrong.
    static InflateResult inflateFile(const QString& from, const QString& to, const InflateLimits& limits = {});

private:
    enum class State { Start, Plain, Inflating, BetweenMembers, End, Failed };
    struct Stream;

    bool fillInput();
    bool start();
    void fail(const QString& message);

    QIODevice& m_source;
    Format m_format;
    State m_state = State::Start;
    bool m_compressed = false;
    bool m_sourceAtEnd = false;
    QByteArray m_in;       // compressed bytes read from the device
    qsizetype m_inPos = 0; // first byte of m_in not yet consumed
    std::unique_ptr<Stream> m_stream;
    QString m_error;
};

} // namespace xr
