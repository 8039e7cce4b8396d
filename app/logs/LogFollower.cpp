#include "LogFollower.h"

#include "LocalLogIndex.h"
#include "LogSource.h"
#include "RemoteLogPager.h"

#include <QTimer>

namespace xr {

LogFollower::LogFollower(LogSource& source)
    : m_source(source)
    , m_timer(new QTimer(&source))
{
    m_timer->setInterval(1000);
    QObject::connect(m_timer, &QTimer::timeout, &source, [this] { poll(); });
}

void LogFollower::setFollowing(bool on)
{
    on = on && m_source.canFollow();
    if (m_following == on)
        return;
    m_following = on;
    if (on && m_source.m_state == LogSource::State::Ready) {
        m_timer->start();
        poll();
    } else if (!on) {
        m_timer->stop();
    }
}

void LogFollower::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void LogFollower::suspend()
{
    m_timer->stop();
    m_polling = false;
}

void LogFollower::resume()
{
    if (m_following)
        m_timer->start();
}

void LogFollower::poll()
{
    LogSource& s = m_source;
    if (!s.canFollow() || m_polling || s.m_pins > 0 || s.m_state != LogSource::State::Ready)
        return;
    const qint64 held = qint64(s.heldBytes());
    const qint64 overlap = qMin(LocalLogIndex::TailKeep, held);
    const qint64 end = s.m_base + held;
    const int generation = s.m_generation;
    m_polling = true;
    s.readRange(end - overlap, s.m_chunkBytes, false, [this, &s, generation, overlap, end](const FileResult& r) {
        m_polling = false;
        if (generation != s.m_generation || s.m_state != LogSource::State::Ready)
            return;
        if (!r.ok)
            return; // rotated away and not created again yet, or a hiccup: the next poll tries again
        const bool same = r.offset == end - overlap && r.data.size() >= overlap &&
                          QByteArrayView(r.data).first(overlap) == s.tailBytes(overlap);
        if (!same) {
            const QString name = s.m_origin.displayName();
            return s.reopenAfter(
                r.info.size < end
                    ? LogSource::tr("%1 was truncated or rotated; showing it again from its end.").arg(name)
                    : LogSource::tr("%1 was rotated; showing the new file from its end.").arg(name));
        }
        s.m_fileSize = qMax(s.m_fileSize, r.info.size);
        if (r.info.modified.isValid())
            s.m_modified = r.info.modified;
        if (r.data.size() > overlap) {
            const bool more = r.data.size() >= s.m_chunkBytes;
            s.whenUnpinned([this, &s, generation, more, data = r.data.mid(overlap)] {
                if (generation != s.m_generation)
                    return;
                append(data);
                if (more)
                    QTimer::singleShot(0, &s, [this] { poll(); });
            });
        }
    });
}

void LogFollower::append(const QByteArray& more)
{
    LogSource& s = m_source;
    const quint64 oldCount = s.m_index->lineCount();
    const quint64 firstNew = s.m_index->lastLineUnterminated() ? oldCount - 1 : oldCount;
    if (s.m_index.use_count() > 1) // a year map is being built on it
        s.m_index = std::make_shared<LineIndex>(*s.m_index);
    if (!s.m_local->isActive()) {
        s.m_pager->append(*s.m_index, more);
        Q_EMIT s.linesAppended(firstNew);
        return;
    }
    const bool feedYears = LogSource::hasSyslogStamps(s.m_parser.kind());
    if (const Result<void> added = s.m_local->append(*s.m_index, more, firstNew, feedYears); !added) {
        s.m_error = LogSource::tr("Cannot add the new lines to the copy of %1: %2")
                        .arg(s.m_origin.displayName(), added.errorMessage());
        return;
    }
    if (feedYears)
        s.m_parser.setYears(s.m_local->years(s.yearsReference()));
    Q_EMIT s.linesAppended(firstNew);
}

} // namespace xr
