#include "SimStateStore.h"

#include "SimNetwork.h"

#include "SimDispatcher.h"
#include "SimInternal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QSaveFile>

namespace xr::sim {

namespace {

// QLockFile guards against other processes; threads of one process (SimHost's pool) also
// take this mutex, since a lock file is not meant to be shared by threads.
QMutex& processMutex()
{
    static QMutex m;
    return m;
}

quint32 crc32(const QByteArray& data)
{
    quint32 crc = 0xffffffffu;
    for (const char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A .gz file (RFC 1952) from qCompress's zlib stream: same deflate data, other framing.
QByteArray gzip(const QByteArray& data)
{
    const QByteArray z = qCompress(data, 6);
    // qCompress: 4-byte big-endian length, 2-byte zlib header, deflate data, 4-byte adler32.
    const QByteArray deflate = z.mid(6, z.size() - 6 - 4);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    out += deflate;
    const quint32 crc = crc32(data);
    const quint32 size = quint32(data.size());
    for (int i = 0; i < 4; ++i)
        out += char((crc >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i)
        out += char((size >> (8 * i)) & 0xff);
    return out;
}

bool writeFile(const QString& path, const QByteArray& data, QString* error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QByteArray historyLog(const SimPool& pool, const SimHostModel& host, const QString& file, const QDateTime& until,
                      int lines)
{
    SimPool copy = pool;
    SimHostModel* h = copy.host(host.uuid);
    detail::Ctx c{copy, *h, until, {}};
    QStringList out;
    for (int i = lines; i > 0; --i) {
        c.now = until.addSecs(-i * 97);
        if (file.startsWith(u"xensource")) {
            out << detail::xapiLogLine(c, QStringLiteral("xapi"), QStringLiteral("debug"),
                                       QStringLiteral("%1 /var/lib/xcp/xapi").arg(5400 + i), QString(),
                                       QStringLiteral("dummytaskhelper"),
                                       QStringLiteral("task dispatch:event.from D:%1 created by task D:5edcc7b66c3b")
                                           .arg(QString::number(0xe67010a3b45cull + quint64(i), 16)));
            out << detail::xapiLogLine(c, QStringLiteral("xcp-rrdd"), QStringLiteral("info"), QStringLiteral("9 "),
                                       QString(), QStringLiteral("rrdd_main"),
                                       QStringLiteral("memfree has changed to %1 in domain 0").arg(165064 + i * 8));
        } else if (file == u"SMlog") {
            out << detail::syslogLine(c.now, h->name, QStringLiteral("SM"),
                                      QStringLiteral("[%1] lock: acquired /var/lock/sm/.nil/lvm").arg(27000 + i));
            out << detail::syslogLine(c.now, h->name, QStringLiteral("SM"),
                                      QStringLiteral("[%1]   pread SUCCESS").arg(27000 + i));
            out << detail::syslogLine(c.now, h->name, QStringLiteral("SM"),
                                      QStringLiteral("[%1] lock: released /var/lock/sm/.nil/lvm").arg(27000 + i));
        } else if (file == u"daemon.log") {
            out << detail::syslogLine(
                c.now, h->name, QStringLiteral("squeezed"),
                QStringLiteral("[debug|%1|3 ||xenops] watch /memory/uncooperative <-").arg(h->name));
        } else if (file == u"xen/xend.log") {
            out << QStringLiteral("[%1 2211] DEBUG (XendDomainInfo:%2) Storing domain details: {'console/port': '2', "
                                  "'name': 'dns', 'console/limit': '1048576', 'vm': '/vm/%3'}")
                       .arg(c.now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                       .arg(1790 + i)
                       .arg(h->uuid);
        } else {
            out << detail::syslogLine(c.now, h->name, QStringLiteral("systemd[1]"),
                                      QStringLiteral("Started Session %1 of user root.").arg(100 + i));
        }
    }
    return (out.join(u'\n') + u'\n').toUtf8();
}

} // namespace

bool layOutHostFiles(const SimPool& pool, const SimHostModel& host, const QString& root, QString* error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString log = root + QStringLiteral("/var/log/");
    QDir().mkpath(log + QStringLiteral("xen"));
    bool ok = true;
    if (hasXapi(host.flavour)) {
        ok &= writeFile(root + QStringLiteral("/etc/xensource-inventory"), host.inventoryText().toUtf8(), error);
        ok &= writeFile(root + QStringLiteral("/etc/xensource/pool.conf"),
                        pool.masterUuid == host.uuid
                            ? QByteArrayLiteral("master")
                            : (QStringLiteral("slave:") +
                               (pool.host(pool.masterUuid) ? pool.host(pool.masterUuid)->address : QString()))
                                  .toUtf8(),
                        error);
        ok &= writeFile(log + QStringLiteral("xensource.log"),
                        historyLog(pool, host, QStringLiteral("xensource.log"), now, 40), error);
        ok &= writeFile(log + QStringLiteral("xensource.log.1"),
                        historyLog(pool, host, QStringLiteral("xensource.log"), now.addDays(-1), 60), error);
        ok &= writeFile(log + QStringLiteral("xensource.log.2.gz"),
                        gzip(historyLog(pool, host, QStringLiteral("xensource.log"), now.addDays(-2), 80)), error);
        ok &= writeFile(log + QStringLiteral("SMlog"), historyLog(pool, host, QStringLiteral("SMlog"), now, 20), error);
        ok &= writeFile(log + QStringLiteral("SMlog.1.gz"),
                        gzip(historyLog(pool, host, QStringLiteral("SMlog"), now.addDays(-1), 30)), error);
        ok &= writeFile(log + QStringLiteral("daemon.log"),
                        historyLog(pool, host, QStringLiteral("daemon.log"), now, 10), error);
        ok &= writeFile(log + QStringLiteral("xen/hypervisor.log"), host.xenDmesg.toUtf8(), error);
    } else if (host.flavour == Flavour::XenXl) {
        ok &= writeFile(log + QStringLiteral("xen/xen-hotplug.log"), QByteArray(), error);
        ok &= writeFile(log + QStringLiteral("daemon.log"),
                        historyLog(pool, host, QStringLiteral("daemon.log"), now, 10), error);
    } else {
        ok &= writeFile(log + QStringLiteral("xen/xend.log"),
                        historyLog(pool, host, QStringLiteral("xen/xend.log"), now, 15), error);
        ok &= writeFile(log + QStringLiteral("xen/xend-debug.log"), QByteArray(), error);
        ok &= writeFile(log + QStringLiteral("xen/xen-hotplug.log"), QByteArray(), error);
    }
    ok &= writeFile(log + SimDispatcher::syslogFile(host.flavour),
                    historyLog(pool, host, SimDispatcher::syslogFile(host.flavour), now, 5), error);
    ok &= writeFile(log + QStringLiteral("kern.log"), QByteArray(), error);
    ok &= layOutConfigFiles(pool, host, root, error); // SimNetwork.cpp
    return ok;
}

SimStateStore::SimStateStore(QString statePath)
    : m_statePath(std::move(statePath))
{}

QString SimStateStore::baseDir() const
{
    return QFileInfo(m_statePath).absolutePath();
}

QString SimStateStore::hostRoot(const QString& hostName) const
{
    return baseDir() + QStringLiteral("/hosts/") + hostName;
}

bool SimStateStore::initialise(const SimPool& pool, QString* error)
{
    if (!QDir().mkpath(baseDir())) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(baseDir());
        return false;
    }
    QMutexLocker guard(&processMutex());
    QLockFile lock(m_statePath + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(LockTimeoutMs)) {
        if (error)
            *error = QStringLiteral("cannot lock %1").arg(m_statePath);
        return false;
    }
    for (const SimHostModel& h : pool.hosts)
        if (!layOutHostFiles(pool, h, hostRoot(h.name), error))
            return false;
    return writeUnlocked(pool, error);
}

std::optional<SimPool> SimStateStore::readUnlocked(QString* error) const
{
    QFile f(m_statePath);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(m_statePath, f.errorString());
        return std::nullopt;
    }
    return SimPool::fromJson(f.readAll(), error);
}

bool SimStateStore::writeUnlocked(const SimPool& pool, QString* error)
{
    QSaveFile f(m_statePath);
    if (!f.open(QIODevice::WriteOnly) || f.write(pool.toJson()) < 0 || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(m_statePath, f.errorString());
        return false;
    }
    return true;
}

std::optional<SimPool> SimStateStore::load(QString* error) const
{
    QMutexLocker guard(&processMutex());
    QLockFile lock(m_statePath + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(LockTimeoutMs)) {
        if (error)
            *error = QStringLiteral("cannot lock %1").arg(m_statePath);
        return std::nullopt;
    }
    return readUnlocked(error);
}

bool SimStateStore::update(const std::function<bool(SimPool&)>& change, QString* error)
{
    QMutexLocker guard(&processMutex());
    QLockFile lock(m_statePath + QStringLiteral(".lock"));
    // Never break a lock by age: a holder is always a live short command (a blocked xe
    // releases the lock while it waits). QLockFile still removes locks of dead processes.
    lock.setStaleLockTime(0);
    if (!lock.tryLock(LockTimeoutMs)) {
        if (error)
            *error = QStringLiteral("cannot lock %1").arg(m_statePath);
        return false;
    }
    std::optional<SimPool> pool = readUnlocked(error);
    if (!pool)
        return false;
    if (!change(*pool))
        return true;
    ++pool->revision;
    return writeUnlocked(*pool, error);
}

} // namespace xr::sim
