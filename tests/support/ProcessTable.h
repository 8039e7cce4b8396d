#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace xr::test {

/// A snapshot of the machine's processes read from /proc (parent links), plus per-process
/// look-ups. Linux only: elsewhere every snapshot is empty and every look-up answers "nothing".
class ProcessTable final
{
public:
    enum class Signal { Stop, Continue, Terminate, Kill };

    static ProcessTable snapshot();

    QList<qint64> pids() const;
    qint64 parentOf(qint64 pid) const; // 0 when unknown
    QList<qint64> childrenOf(qint64 pid) const;
    QList<qint64> descendantsOf(qint64 pid) const; // children, grandchildren...; not pid itself

    /// Command line with the NUL separators turned into spaces, trailing space removed.
    static QString commandLine(qint64 pid);
    /// Raw /proc/PID/environ (NUL-separated NAME=value entries).
    static QByteArray environment(qint64 pid);
    static QString executable(qint64 pid);
    /// "mnt:[4026531841]" or empty when unreadable.
    static QString mountNamespace(qint64 pid);
    /// Exists and is not a zombie.
    static bool isAlive(qint64 pid);
    static bool sendSignal(qint64 pid, Signal signal);
    static qint64 selfPid();

private:
    QHash<qint64, qint64> m_parent;
};

} // namespace xr::test
