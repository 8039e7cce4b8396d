#include "MergedLog.h"

#include "LogSource.h"
#include "OffThread.h"

#include <QMetaObject>
#include <QThread>
#include <QTimer>

#include <span>

namespace xr {

namespace {

struct MergeOutput
{
    std::vector<MergedLine> lines;
    std::vector<std::vector<quint64>> inverse;
    std::vector<qint64> lastKeys;
    bool cancelled = false;
};

} // namespace

MergedLog::MergedLog(QList<LogSource*> sources, QObject* parent)
    : QObject(parent)
    , m_sources(std::move(sources))
    , m_extendTimer(new QTimer(this))
{
    // Followed lines arrive in bursts: taken in together, a moment later.
    m_extendTimer->setSingleShot(true);
    m_extendTimer->setInterval(150);
    connect(m_extendTimer, &QTimer::timeout, this, &MergedLog::extend);
    if (m_sources.size() > int(MergedLine::MaxSources))
        m_sources.resize(MergedLine::MaxSources);
    // Line numbers of a source change when older lines arrive or it is read again.
    for (LogSource* s : std::as_const(m_sources)) {
        const auto invalidate = [this] {
            m_lines.clear();
            m_inverse.clear();
            m_ready = false;
            Q_EMIT cleared();
            if (m_building)
                m_rebuild = true;
            else
                build();
        };
        connect(s, &LogSource::reloaded, this, invalidate);
        connect(s, &LogSource::linesPrepended, this, invalidate);
        connect(s, &LogSource::linesAppended, m_extendTimer, qOverload<>(&QTimer::start));
    }
}

void MergedLog::extend()
{
    if (!m_ready || m_building)
        return; // a build under way takes them in
    for (const LogSource* s : std::as_const(m_sources)) {
        if (s->isPinned()) {
            // A job reads the merge (and its line map) meanwhile: later.
            m_extendTimer->start();
            return;
        }
    }
    // The new lines of each source (a grown last line is in already), their keys as the
    // build gives them, merged among themselves and put at the end.
    std::vector<std::vector<qint64>> tails(m_sources.size());
    std::vector<std::span<const qint64>> spans;
    bool any = false;
    for (int s = 0; s < m_sources.size(); ++s) {
        const LogSource* src = m_sources.at(s);
        const quint64 have = m_inverse[std::size_t(s)].size();
        if (src->lineCount() < have)
            return; // read again: a rebuild is coming
        qint64 previous = m_lastKeys[std::size_t(s)];
        for (quint64 l = have; l < src->lineCount(); ++l) {
            if (const auto key = src->timeKey(l))
                previous = *key;
            tails[std::size_t(s)].push_back(previous);
        }
        any = any || !tails[std::size_t(s)].empty();
        spans.emplace_back(tails[std::size_t(s)]);
    }
    if (!any)
        return;
    const std::atomic<bool> never{false};
    const MergeResult merged = mergeByTime(spans, never);
    const quint64 firstNew = m_lines.size();
    for (const MergedLine& m : merged.lines) {
        std::vector<quint64>& inverse = m_inverse[m.source()];
        const MergedLine line(m.source(), inverse.size());
        inverse.push_back(m_lines.size());
        m_lines.push_back(line);
    }
    for (std::size_t s = 0; s < tails.size(); ++s)
        if (!tails[s].empty())
            m_lastKeys[s] = tails[s].back();
    Q_EMIT linesAppended(firstNew);
}

MergedLog::~MergedLog()
{
    // The worker reads the sources' bytes: it stops within a few MiB once cancelled, and the
    // sources (deleted after this, maybe) must not be read after that. Its pins go with it.
    cancel();
    if (m_running)
        while (m_running->load())
            QThread::yieldCurrentThread();
    if (m_building)
        for (LogSource* s : std::as_const(m_sources))
            s->unpin();
}

void MergedLog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void MergedLog::build()
{
    if (m_building)
        return;
    m_building = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = std::make_shared<std::atomic<bool>>(true);
    struct Input
    {
        const LogSource* source; // pinned until the worker is done
        LogParser parser;
        QDateTime yearsReference; // valid: the source's year map is not there yet, build one
    };
    std::vector<Input> inputs;
    quint64 totalBytes = 0;
    for (LogSource* s : std::as_const(m_sources)) {
        s->pin();
        inputs.push_back({s, s->parserFor(0), s->hasYears() ? QDateTime() : s->yearsReference()});
        totalBytes += s->heldBytes();
    }
    MergedLog* self = this; // outlives the worker: the destructor waits for it
    runOffThread(
        this,
        [inputs = std::move(inputs), cancel = m_cancel, running = m_running, totalBytes, self]() mutable {
            struct Done
            {
                std::shared_ptr<std::atomic<bool>> running;
                ~Done() { running->store(false); }
            } done_{running};
            MergeOutput out;
            std::vector<std::vector<qint64>> keys;
            quint64 done = 0;
            int lastPerMille = -1;
            const auto report = [&](quint64 d) {
                const int pm = totalBytes ? int(qMin<quint64>(1000, (d * 900) / totalBytes)) : 0;
                if (pm != lastPerMille) {
                    lastPerMille = pm;
                    QMetaObject::invokeMethod(
                        self, [self, pm] { Q_EMIT self->progress(pm); }, Qt::QueuedConnection);
                }
            };
            for (Input& in : inputs) {
                const LineIndex& index = in.source->index();
                const quint64 n = index.lineCount();
                const quint64 origin = index.origin();
                if (in.yearsReference.isValid()) {
                    SyslogYears::Builder years;
                    in.source->readBlocks(0, n, [&](const LogBlock& b) {
                        for (quint64 l = b.firstLine; l < b.endLine; ++l) {
                            const QByteArrayView line = index.line(b.bytes, l, b.offset);
                            years.add(line.first(qMin<qsizetype>(line.size(), 64)), l);
                        }
                        return !cancel->load();
                    });
                    in.parser.setYears(years.result(in.yearsReference));
                }
                std::vector<qint64> k;
                k.reserve(n);
                QString error;
                const bool complete = in.source->readBlocks(
                    0, n,
                    [&](const LogBlock& b) {
                        appendTimeKeys(k, b.bytes, b.offset, index, b.endLine, in.parser);
                        report(done + (index.nextLineStart(b.endLine - 1) - origin));
                        return !cancel->load();
                    },
                    &error);
                done += in.source->heldBytes();
                if (cancel->load() || !complete) {
                    // A file that changed under the merge: it is read again when the
                    // source reloads (cleared()); until then the merge shows nothing.
                    out.cancelled = true;
                    return out;
                }
                keys.push_back(std::move(k));
            }
            std::vector<std::span<const qint64>> spans;
            for (const auto& k : keys)
                spans.emplace_back(k);
            MergeResult merged = mergeByTime(spans, *cancel);
            out.cancelled = merged.cancelled;
            out.lines = std::move(merged.lines);
            out.inverse.resize(keys.size());
            for (size_t s = 0; s < keys.size(); ++s) {
                out.inverse[s].resize(keys[s].size());
                out.lastKeys.push_back(keys[s].empty() ? NoTimeKey : keys[s].back());
            }
            for (quint64 i = 0; i < out.lines.size(); ++i)
                out.inverse[out.lines[i].source()][out.lines[i].line()] = i;
            return out;
        },
        [this](MergeOutput out) {
            for (LogSource* s : std::as_const(m_sources))
                s->unpin();
            m_building = false;
            if (m_rebuild) {
                m_rebuild = false;
                build();
                return;
            }
            if (out.cancelled)
                return;
            m_lines = std::move(out.lines);
            m_inverse = std::move(out.inverse);
            m_lastKeys = std::move(out.lastKeys);
            m_ready = true;
            m_extendTimer->start(); // lines that came while it was built
            Q_EMIT progress(1000);
            Q_EMIT built();
        });
}

quint64 MergedLog::linesMergedOf(int source) const
{
    return source >= 0 && size_t(source) < m_inverse.size() ? m_inverse[size_t(source)].size() : 0;
}

quint64 MergedLog::mergedIndexOf(int source, quint64 line) const
{
    if (source < 0 || size_t(source) >= m_inverse.size() || m_inverse[source].empty())
        return 0;
    return m_inverse[source][qMin<quint64>(line, m_inverse[source].size() - 1)];
}

QByteArrayView MergedLog::lineBytes(quint64 i) const
{
    const MergedLine& m = m_lines[i];
    return m_sources.at(int(m.source()))->lineBytes(m.line());
}

const LogParser& MergedLog::parserFor(quint64 i) const
{
    return m_sources.at(int(m_lines[i].source()))->parserFor(0);
}

QString MergedLog::sourceName(int source) const
{
    return m_sources.value(source) ? m_sources.at(source)->origin().displayName() : QString();
}

} // namespace xr
