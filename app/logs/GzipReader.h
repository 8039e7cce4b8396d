#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>

namespace xr {

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
