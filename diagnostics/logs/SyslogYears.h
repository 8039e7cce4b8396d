#pragma once

#include "LineIndex.h"

#include <QByteArrayView>
#include <QDateTime>

#include <atomic>
#include <vector>

namespace xr {

/// The year of every syslog line of one file (syslog stamps have none), fixed from a
/// reference date known to be at or after the file's last line: the file's mtime.
///
/// Walking the file, a month step back of six months or more (Dec -> Jan) starts a new
/// year, a step forward of ten months or more goes back one (Jan -> Dec: out-of-order
/// lines around New Year). The last year is the reference's, or the one before when the latest line's
/// date would otherwise lie after the reference; earlier ones count back from there, so
/// no timestamp lies in the future whatever the file spans.
class SyslogYears final
{
public:
    SyslogYears() = default;
    /// Reads only the month/day/time at the start of each line (cheap).
    static SyslogYears infer(QByteArrayView data, const LineIndex& index, const QDateTime& reference,
                             const std::atomic<bool>* cancel = nullptr);

    /// The same walk fed line by line, for a log read in pieces (or followed): add() the
    /// start of each line in order, take result() at any time.
    class Builder final
    {
    public:
        /// `head`: the first bytes of line `line` (64 are enough; a line break at its end
        /// is ignored).
        void add(QByteArrayView head, quint64 line);
        /// The years so far, counted back from `reference` (see the class comment).
        SyslogYears result(const QDateTime& reference) const;
        /// Continues with the walk of the lines that follow (`next`, whose line numbers
        /// start at 0 for line `firstLine` of this walk): two parts of a file walked at once.
        void append(const Builder& next, quint64 firstLine);

    private:
        std::vector<quint64> m_firstLine;
        std::vector<int> m_offsets;
        int m_offset = 0;
        int m_maxOffset = 0;
        int m_prevMonth = 0;
        int m_firstMonth = 0;                                     // of the first stamp seen
        char m_prevName[3] = {};                                  // of m_prevMonth, as written
        int m_latestMonth = 0, m_latestDay = 0, m_latestMsec = 0; // the last line seen at m_maxOffset
        // A later line of the same month, not parsed yet: the latest, if it is a stamp.
        char m_pending[32] = {};
        int m_pendingSize = 0;
    };

    bool isEmpty() const { return m_firstLine.empty(); }
    /// The year of line `line` (any line: continuation lines get their segment's year).
    int yearOf(quint64 line) const;

private:
    std::vector<quint64> m_firstLine; // first line of each year segment, increasing
    std::vector<int> m_year;
};

} // namespace xr
