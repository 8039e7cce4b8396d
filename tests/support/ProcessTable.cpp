#include "ProcessTable.h"

#include <QDir>
#include <QFile>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace xr::test {

namespace {

QByteArray readProcFile(qint64 pid, const char* name)
{
    // /proc files report size 0; QFile::readAll() reads them to EOF anyway.
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
bool parseStat(const QByteArray& stat, char* state, qint64* parent)
{
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.size()) {
        return false;
    }
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty()) {
        return false;
    }
    *state = fields.at(0).at(0);
    bool ok = false;
    *parent = fields.at(1).toLongLong(&ok);
    return ok;
}

QString readLink(const QString& path)
{
#ifdef Q_OS_LINUX
    const QByteArray encoded = QFile::encodeName(path);
    char buffer[4096];
    const ssize_t n = ::readlink(encoded.constData(), buffer, sizeof(buffer) - 1);
    if (n <= 0) {
        return {};
    }
    return QFile::decodeName(QByteArray(buffer, static_cast<qsizetype>(n)));
#else
    Q_UNUSED(path);
    return {};
#endif
}

} // namespace

ProcessTable ProcessTable::snapshot()
{
    ProcessTable table;
#ifdef Q_OS_LINUX
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok) {
            continue;
        }
        char state = 0;
        qint64 parent = 0;
        if (parseStat(readProcFile(pid, "stat"), &state, &parent)) {
            table.m_parent.insert(pid, parent);
        }
    }
#endif
    return table;
}

QList<qint64> ProcessTable::pids() const
{
    return m_parent.keys();
}

qint64 ProcessTable::parentOf(qint64 pid) const
{
    return m_parent.value(pid, 0);
}

QList<qint64> ProcessTable::childrenOf(qint64 pid) const
{
    QList<qint64> children;
    for (auto it = m_parent.cbegin(); it != m_parent.cend(); ++it) {
        if (it.value() == pid && it.key() != pid) {
            children.append(it.key());
        }
    }
    return children;
}

QList<qint64> ProcessTable::descendantsOf(qint64 pid) const
{
    QHash<qint64, QList<qint64>> children;
    for (auto it = m_parent.cbegin(); it != m_parent.cend(); ++it) {
        if (it.key() != it.value()) {
            children[it.value()].append(it.key());
        }
    }
    QList<qint64> result;
    QList<qint64> queue{pid};
    while (!queue.isEmpty()) {
        const qint64 current = queue.takeFirst();
        for (const qint64 child : children.value(current)) {
            if (child != pid && !result.contains(child)) {
                result.append(child);
                queue.append(child);
            }
        }
    }
    return result;
}

QString ProcessTable::commandLine(qint64 pid)
{
    QByteArray raw = readProcFile(pid, "cmdline");
    while (raw.endsWith('\0')) {
        raw.chop(1);
    }
    raw.replace('\0', ' ');
    return QString::fromLocal8Bit(raw);
}

QByteArray ProcessTable::environment(qint64 pid)
{
    return readProcFile(pid, "environ");
}

QString ProcessTable::executable(qint64 pid)
{
    return readLink(QStringLiteral("/proc/%1/exe").arg(pid));
}

QString ProcessTable::mountNamespace(qint64 pid)
{
    return readLink(QStringLiteral("/proc/%1/ns/mnt").arg(pid));
}

bool ProcessTable::isAlive(qint64 pid)
{
    if (pid <= 0) {
        return false;
    }
    char state = 0;
    qint64 parent = 0;
    if (!parseStat(readProcFile(pid, "stat"), &state, &parent)) {
        return false;
    }
    return state != 'Z' && state != 'X' && state != 'x';
}

bool ProcessTable::sendSignal(qint64 pid, Signal signal)
{
#ifdef Q_OS_LINUX
    if (pid <= 1) {
        return false;
    }
    int number = SIGKILL;
    switch (signal) {
    case Signal::Stop:
        number = SIGSTOP;
        break;
    case Signal::Continue:
        number = SIGCONT;
        break;
    case Signal::Terminate:
        number = SIGTERM;
        break;
    case Signal::Kill:
        number = SIGKILL;
        break;
    }
    return ::kill(static_cast<pid_t>(pid), number) == 0;
#else
    Q_UNUSED(pid);
    Q_UNUSED(signal);
    return false;
#endif
}

qint64 ProcessTable::selfPid()
{
#ifdef Q_OS_LINUX
    return static_cast<qint64>(::getpid());
#else
    return 0;
#endif
}

} // namespace xr::test
