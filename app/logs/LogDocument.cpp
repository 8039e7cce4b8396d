#include "LogDocument.h"

namespace xr {

std::optional<qint64> LogDocument::nearestTimeKey(quint64 i) const
{
    const quint64 n = lineCount();
    if (n == 0)
        return std::nullopt;
    for (quint64 j = i; j < n && j < i + 64; ++j)
        if (const auto key = timeKey(j))
            return key;
    for (quint64 j = i; j > 0 && j + 64 > i; --j)
        if (const auto key = timeKey(j - 1))
            return key;
    return std::nullopt;
}

quint64 LogDocument::lineAtTime(qint64 key) const
{
    const quint64 n = lineCount();
    if (n == 0)
        return 0;
    // Invariant: every stamped line before `lo` is earlier than key; lines at `hi` and on are not.
    quint64 lo = 0;
    quint64 hi = n;
    while (lo < hi) {
        const quint64 mid = lo + (hi - lo) / 2;
        std::optional<qint64> k;
        quint64 j = mid;
        for (; j < hi && j < mid + 64; ++j)
            if ((k = timeKey(j)))
                break;
        if (!k) {
            // No stamp between mid and hi (or within reach): decide on the half before mid.
            hi = mid;
            continue;
        }
        if (*k < key)
            lo = j + 1;
        else
            hi = mid;
    }
    return qMin(lo, n - 1);
}

} // namespace xr
