#pragma once

#include <QByteArray>

class QTimer;

namespace xr {

class LogSource;

/// The follow side of a LogSource: polls the end of the file every interval, adds what
/// the file grew by, and sees a rotation or a truncation (the bytes before the end are not
/// what is held there any more, or the file is shorter): then the log is read again from its
/// end and the source says why (LogSource::rotated()).
class LogFollower final
{
public:
    explicit LogFollower(LogSource& source);
    Q_DISABLE_COPY_MOVE(LogFollower)

    bool isFollowing() const { return m_following; }
    void setFollowing(bool on);
    void setInterval(int ms);
    /// Checks for new lines now (follow mode does it every interval).
    void poll();
    /// Stops polling while the source is opened again (answers to a poll are dropped).
    void suspend();
    /// Polls again, when following, once the source is open.
    void resume();

private:
    // Adds `more`, the bytes after what is held, to the source's lines.
    void append(const QByteArray& more);

    LogSource& m_source;
    bool m_following = false;
    bool m_polling = false;
    QTimer* m_timer; // a child of the source
};

} // namespace xr
