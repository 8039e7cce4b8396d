#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace xr {

class LineIndex;
class LogSource;

/// The in-memory side of a LogSource: a remote log read from its end (the last screenfuls
/// first, the chunk before each time the user scrolls back), or a command's output, held as
/// bytes with their line index. A remote log scrolled back past the memory limit (or loaded
/// whole) is copied whole to a file of our own, with progress, and handed to LocalLogIndex.
class RemoteLogPager final
{
public:
    explicit RemoteLogPager(LogSource& source);
    Q_DISABLE_COPY_MOVE(RemoteLogPager)

    /// Opens the source: reads the last tail bytes of the remote file.
    void openTail();
    /// Opens the source: runs the command and holds its whole output.
    void openCommand();
    /// Reads the chunk before what is held (all: everything before it), or copies the whole
    /// file when that would pass the memory limit.
    void loadOlder(bool all);

    /// The bytes held, from the source's base offset on.
    const QByteArray& data() const { return m_data; }
    /// Adds followed bytes after what is held and indexes them into `index`.
    void append(LineIndex& index, const QByteArray& more);
    /// Holds nothing (the source reads a file through its index now).
    void clear() { m_data.clear(); }

private:
    struct Built;

    // Indexes `data` (from file offset `base`; trimHead: a read from the middle of the file,
    // whose partial first line goes) off the GUI thread and makes it the source's lines.
    void applyWhole(QByteArray data, qint64 base, qint64 fileSize, const QDateTime& modified, bool trimHead);
    // Copied to a file of our own with progress, then read through its index.
    void copyWhole();
    // The year map of a syslog file held, built off the GUI thread after the lines are shown.
    void inferYears();

    LogSource& m_source;
    QByteArray m_data; // the bytes from the source's base offset on
};

} // namespace xr
