#include "LogMerge.h"

#include <algorithm>

namespace xr {

std::vector<qint64> logTimeKeys(QByteArrayView data, const LineIndex& index, const LogParser& parser,
                                const std::atomic<bool>& cancel, const LogProgress& progress)
{
    const quint64 n = index.lineCount();
    std::vector<qint64> keys;
    keys.reserve(n);
    for (quint64 l = 0; l < n; l = std::min(n, l + 65536)) {
        if (cancel.load(std::memory_order_relaxed))
            return {};
        if (progress)
            progress(l, n);
        appendTimeKeys(keys, data, 0, index, std::min(n, l + 65536), parser);
    }
    if (progress)
        progress(n, n);
    return keys;
}

void appendTimeKeys(std::vector<qint64>& keys, QByteArrayView data, quint64 dataOffset, const LineIndex& index,
                    quint64 endLine, const LogParser& parser)
{
    qint64 previous = keys.empty() ? NoTimeKey : keys.back();
    for (quint64 l = keys.size(); l < endLine; ++l) {
        if (const auto key = parser.timeKey(index.line(data, l, dataOffset), l))
            previous = *key;
        keys.push_back(previous);
    }
}

MergeResult mergeByTime(const std::vector<std::span<const qint64>>& keys, const std::atomic<bool>& cancel,
                        const LogProgress& progress)
{
    MergeResult out;
    const std::size_t k = std::min<std::size_t>(keys.size(), MergedLine::MaxSources);
    quint64 total = 0;
    for (std::size_t s = 0; s < k; ++s)
        total += keys[s].size();
    out.lines.reserve(total);
    std::vector<quint64> pos(k, 0);

    // Few sources (2-4 panes): a linear pick of the smallest head beats a heap. The chosen
    // source then emits its whole run of lines that still sort first, without re-picking.
    quint64 done = 0;
    quint64 nextCheck = 0;
    while (true) {
        if (done >= nextCheck) {
            if (cancel.load(std::memory_order_relaxed)) {
                out.cancelled = true;
                return out;
            }
            if (progress)
                progress(done, total);
            nextCheck = done + (1 << 18);
        }
        std::size_t best = k;
        std::size_t second = k;
        for (std::size_t s = 0; s < k; ++s) {
            if (pos[s] >= keys[s].size())
                continue;
            const qint64 key = keys[s][pos[s]];
            if (best == k || key < keys[best][pos[best]]) {
                second = best;
                best = s;
            } else if (second == k || key < keys[second][pos[second]]) {
                second = s;
            }
        }
        if (best == k)
            break;
        const std::span<const qint64> run = keys[best];
        quint64 p = pos[best];
        if (second == k) {
            for (; p < run.size(); ++p)
                out.lines.emplace_back(quint32(best), p);
        } else {
            // Equal keys: the lower source index goes first (stability across sources).
            const qint64 limit = keys[second][pos[second]];
            const bool takeEqual = best < second;
            do {
                out.lines.emplace_back(quint32(best), p);
                ++p;
            } while (p < run.size() && (run[p] < limit || (takeEqual && run[p] == limit)) &&
                     p - pos[best] < (1u << 16));
        }
        done += p - pos[best];
        pos[best] = p;
    }
    if (progress)
        progress(total, total);
    return out;
}

} // namespace xr
