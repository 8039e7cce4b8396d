#include "LabPool.h"

#include "ProcessResult.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStandardPaths>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace xr::test {

namespace {

constexpr int kToolTimeoutMs = 30000;

// Characters that overlayfs' option parser or the PATH list would split on.
bool safeForMountOptions(const QString& path)
{
    return !path.contains(QLatin1Char(',')) && !path.contains(QLatin1Char(':')) && !path.contains(QLatin1Char('\\')) &&
           !path.contains(QLatin1Char(' '));
}

} // namespace

struct LabPool::Host
{
    LabPoolHost info;
    QString uuid;
    std::unique_ptr<SshdHarness> sshd;
};

LabPool::LabPool(QString labhostPath)
    : m_labhost(std::move(labhostPath))
{}

LabPool::~LabPool()
{
    stop();
}

bool LabPool::fail(const QString& message)
{
    m_error = message;
    stop();
    return false;
}

bool LabPool::checkNamespaces(QString* error)
{
    const auto failWith = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
#ifndef Q_OS_LINUX
    return failWith(QStringLiteral("a lab pool needs Linux mount namespaces"));
#else
    if (::geteuid() != 0)
        return failWith(QStringLiteral("a lab pool needs root: it mounts the simulated hosts' folders in private "
                                       "mount namespaces (unshare --mount) and runs sshd"));
    if (QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty())
        return failWith(QStringLiteral("unshare not found (install util-linux): a lab pool needs private mount "
                                       "namespaces"));
    QTemporaryDir probe(QDir::tempPath() + QStringLiteral("/xr-labprobe-XXXXXX"));
    if (!probe.isValid())
        return failWith(QStringLiteral("cannot create a temp dir: %1").arg(probe.errorString()));
    const QString upper = probe.filePath(QStringLiteral("upper"));
    const QString lower = probe.filePath(QStringLiteral("lower"));
    const QString target = probe.filePath(QStringLiteral("target"));
    QDir().mkpath(upper);
    QDir().mkpath(lower);
    QDir().mkpath(target);
    QFile marker(upper + QStringLiteral("/probe"));
    if (!marker.open(QIODevice::WriteOnly))
        return failWith(QStringLiteral("cannot write %1").arg(marker.fileName()));
    marker.close();
    const QString script =
        QStringLiteral("mount -t overlay overlay -o %1 %2 && test -e %3 && mount --bind %4 %5")
            .arg(shellQuote(QStringLiteral("lowerdir=%1:%2").arg(upper, lower)), shellQuote(target),
                 shellQuote(target + QStringLiteral("/probe")), shellQuote(upper), shellQuote(lower));
    const ProcessResult r =
        runProcess(QStringLiteral("unshare"),
                   {QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private"),
                    QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-ec"), script},
                   kToolTimeoutMs);
    if (!r.ok())
        return failWith(QStringLiteral("private mount namespaces with overlay and bind mounts are unavailable here "
                                       "(unshare --mount, mount -t overlay): %1")
                            .arg(r.describe()));
    return true;
#endif
}

bool LabPool::start(const QString& scenario)
{
    stop();
    m_error.clear();
    m_scenario = scenario;
    QString reason;
    if (!checkNamespaces(&reason))
        return fail(reason);
    if (!QFileInfo(m_labhost).isExecutable())
        return fail(QStringLiteral("xenrescue-labhost not found at '%1' (build it first)").arg(m_labhost));

    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/xr-labpool-XXXXXX"));
    if (!m_dir->isValid())
        return fail(QStringLiteral("cannot create a temp dir: %1").arg(m_dir->errorString()));
    if (!safeForMountOptions(m_dir->path()) || !safeForMountOptions(QFileInfo(m_labhost).absoluteFilePath()))
        return fail(QStringLiteral("the temp dir '%1' or the labhost path '%2' holds a character (',' ':' '\\' or a "
                                   "space) that overlay mount options cannot carry")
                        .arg(m_dir->path(), m_labhost));

    const ProcessResult init =
        runProcess(m_labhost, {QStringLiteral("--init"), m_dir->path(), scenario}, kToolTimeoutMs);
    if (!init.ok())
        return fail(QStringLiteral("xenrescue-labhost --init %1 failed: %2").arg(scenario, init.describe()));

    QFile stateFile(statePath());
    if (!stateFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(statePath()));
    const QJsonObject state = QJsonDocument::fromJson(stateFile.readAll()).object();
    const QString masterUuid = state.value(QStringLiteral("masterUuid")).toString();
    QList<std::shared_ptr<Host>> hosts;
    const QJsonArray hostArray = state.value(QStringLiteral("hosts")).toArray();
    for (const QJsonValue& value : hostArray) {
        const QJsonObject o = value.toObject();
        auto h = std::make_shared<Host>();
        h->uuid = o.value(QStringLiteral("uuid")).toString();
        h->info.name = o.value(QStringLiteral("name")).toString();
        h->info.flavour = o.value(QStringLiteral("flavour")).toString();
        h->info.master = h->uuid == masterUuid;
        h->info.reachable = !o.value(QStringLiteral("faults")).toObject().value(QStringLiteral("dead")).toBool();
        h->info.hostRoot = m_dir->filePath(QStringLiteral("hosts/") + h->info.name);
        if (h->info.name.isEmpty() || !safeForMountOptions(h->info.name) || h->info.name.contains(QLatin1Char('/')))
            return fail(QStringLiteral("scenario %1: a host name unfit for a path: '%2'").arg(scenario, h->info.name));
        hosts.append(h);
    }
    if (hosts.isEmpty())
        return fail(QStringLiteral("scenario %1 has no hosts (%2)").arg(scenario, statePath()));
    std::stable_partition(hosts.begin(), hosts.end(), [](const std::shared_ptr<Host>& h) { return h->info.master; });

    for (const auto& h : hosts) {
        m_hosts.append(h);
        if (h->info.reachable && !startHost(*h))
            return false;
    }
    return true;
}

bool LabPool::startHost(Host& host)
{
    const ProcessResult programs =
        runProcess(m_labhost, {QStringLiteral("--programs"), host.info.flavour}, kToolTimeoutMs);
    if (!programs.ok())
        return fail(
            QStringLiteral("xenrescue-labhost --programs %1 failed: %2").arg(host.info.flavour, programs.describe()));
    const QStringList paths = QString::fromUtf8(programs.standardOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts);

    QString setup;
    if (!writeMounts(host, paths, &setup))
        return false;

    const QString bin = m_dir->filePath(QStringLiteral("mounts/%1/bin").arg(host.info.name));
    SshdOptions options;
    options.ownMountNamespace = true;
    options.setupScript = setup;
    options.extraConfig = {
        QStringLiteral("SetEnv PATH=%1:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").arg(bin),
        QStringLiteral("SetEnv XR_LAB_STATE=%1").arg(statePath()),
        QStringLiteral("SetEnv XR_LAB_HOST=%1").arg(host.info.name),
        QStringLiteral("SetEnv XR_LAB_RECORD=%1").arg(recordPath()),
    };
    host.sshd = std::make_unique<SshdHarness>(options);
    if (!host.sshd->start())
        return fail(QStringLiteral("sshd for lab host %1: %2").arg(host.info.name, host.sshd->errorString()));
    host.info.address = host.sshd->host();
    host.info.port = host.sshd->port();
    host.info.user = host.sshd->user();
    host.info.fingerprint = host.sshd->hostKeyFingerprint();
    host.info.knownHostsLine = host.sshd->knownHostsLine();
    host.info.knownHostsPath = host.sshd->knownHostsPath();
    host.info.clientKeyPath = host.sshd->clientKeyPath();
    return true;
}

// Lays out, under mounts/<host>/, a bin folder of links (PATH) and one overlay layer per mount
// target, and writes the shell code that mounts them inside the host's namespace.
bool LabPool::writeMounts(Host& host, const QStringList& programs, QString* setupScript)
{
    const QString base = m_dir->filePath(QStringLiteral("mounts/") + host.info.name);
    const QString bin = base + QStringLiteral("/bin");
    const QString labhost = QFileInfo(m_labhost).absoluteFilePath();
    if (!QDir().mkpath(bin))
        return fail(QStringLiteral("cannot create %1").arg(bin));

    // Mount target (an existing folder, canonical) -> the layers that go over it, top first.
    QMap<QString, QStringList> layers;
    QMap<QString, QString> programLayer;
    for (const QString& program : programs) {
        if (!program.startsWith(QLatin1Char('/')))
            return fail(QStringLiteral("xenrescue-labhost --programs gave a relative path: %1").arg(program));
        const QString name = QFileInfo(program).fileName();
        if (!QFile::exists(bin + QLatin1Char('/') + name) && !QFile::link(labhost, bin + QLatin1Char('/') + name))
            return fail(QStringLiteral("cannot link %1/%2").arg(bin, name));

        // The deepest folder of the path that exists here is the mount target; the rest of the
        // path is created in the layer. /sbin -> usr/sbin resolves to /usr/sbin.
        QString existing = QFileInfo(program).path();
        while (!QFileInfo(existing).isDir())
            existing = QFileInfo(existing).path();
        const QString target = QFileInfo(existing).canonicalFilePath();
        if (target.isEmpty() || target == u"/")
            return fail(QStringLiteral("cannot place %1 inside a mount namespace: no folder on its path exists on "
                                       "this machine except / (an overlay on / would hide every other mount); "
                                       "create %2 first")
                            .arg(program, QStringLiteral("/") + program.section(QLatin1Char('/'), 1, 1)));
        if (!safeForMountOptions(target))
            return fail(
                QStringLiteral("cannot overlay %1: its path has a character overlay options cannot carry").arg(target));
        if (!programLayer.contains(target)) {
            programLayer.insert(target, base + QStringLiteral("/layer%1").arg(programLayer.size()));
            layers[target].append(programLayer.value(target));
        }
        const QString rest = QDir(existing).relativeFilePath(program);
        const QString inLayer = programLayer.value(target) + QLatin1Char('/') + rest;
        if (!QDir().mkpath(QFileInfo(inLayer).path()) || (!QFile::exists(inLayer) && !QFile::link(labhost, inLayer)))
            return fail(QStringLiteral("cannot create %1").arg(inLayer));
    }
    // /etc/hostname as the host would have it, above the host's own etc.
    const QString names = base + QStringLiteral("/etc-names");
    QFile hostname(names + QStringLiteral("/hostname"));
    if (!QDir().mkpath(names) || !hostname.open(QIODevice::WriteOnly) ||
        hostname.write(host.info.name.toUtf8() + '\n') < 0)
        return fail(QStringLiteral("cannot write %1").arg(hostname.fileName()));
    hostname.close();
    layers[QStringLiteral("/etc")].append(names);
    const QString etc = host.info.hostRoot + QStringLiteral("/etc");
    if (QFileInfo(etc).isDir())
        layers[QStringLiteral("/etc")].append(etc);

    QStringList lines;
    lines << QStringLiteral("# Lab host %1 (%2): its folders at the real paths, in this namespace only.")
                 .arg(host.info.name, host.info.flavour);
    lines
        << QStringLiteral("mount --bind %1 /var/log").arg(shellQuote(host.info.hostRoot + QStringLiteral("/var/log")));
    // Outer folders first, so an overlay deeper down sits on top of the outer one.
    QStringList targets = layers.keys();
    std::sort(targets.begin(), targets.end(),
              [](const QString& a, const QString& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    for (const QString& target : targets) {
        const QString lower = (layers.value(target) + QStringList{target}).join(QLatin1Char(':'));
        lines << QStringLiteral("mount -t overlay overlay -o %1 %2")
                     .arg(shellQuote(QStringLiteral("ro,lowerdir=") + lower), shellQuote(target));
    }
    *setupScript = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return true;
}

void LabPool::stop()
{
    for (const auto& h : std::as_const(m_hosts)) {
        if (h->sshd)
            h->sshd->stop();
    }
    m_hosts.clear();
    m_dir.reset();
}

QList<LabPoolHost> LabPool::hosts() const
{
    QList<LabPoolHost> out;
    for (const auto& h : m_hosts)
        out.append(h->info);
    return out;
}

LabPoolHost LabPool::host(const QString& name) const
{
    for (const auto& h : m_hosts) {
        if (h->info.name == name)
            return h->info;
    }
    return {};
}

SshdHarness* LabPool::harness(const QString& name) const
{
    for (const auto& h : m_hosts) {
        if (h->info.name == name)
            return h->sshd.get();
    }
    return nullptr;
}

QString LabPool::poolDir() const
{
    return m_dir ? m_dir->path() : QString();
}

QString LabPool::statePath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("state.json")) : QString();
}

QString LabPool::recordPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("record.jsonl")) : QString();
}

QList<LabRecord> LabPool::record() const
{
    return m_dir ? readRecord(recordPath()) : QList<LabRecord>{};
}

QList<LabRecord> LabPool::readRecord(const QString& path)
{
    QList<LabRecord> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        LabRecord r;
        r.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        r.host = o.value(QStringLiteral("host")).toString();
        r.pid = o.value(QStringLiteral("pid")).toInteger();
        const QJsonArray argv = o.value(QStringLiteral("argv")).toArray();
        for (const QJsonValue& a : argv)
            r.argv.append(a.toString());
        r.line = o.value(QStringLiteral("line")).toString();
        out.append(r);
    }
    return out;
}

bool LabPool::isReadOnly(const QStringList& argv)
{
    const QString tool = argv.value(0).section(u'/', -1);
    const QString sub = argv.value(1);
    static const QStringList readTools{u"list_domains"_s, u"cat"_s,  u"hostname"_s, u"echo"_s,  u"command"_s,
                                       u"test"_s,         u"ip"_s,   u"grep"_s,     u"zgrep"_s, u"head"_s,
                                       u"tail"_s,         u"ls"_s,   u"stat"_s,     u"uname"_s, u"dmesg"_s,
                                       u"wc"_s,           u"true"_s, u"printf"_s};
    if (readTools.contains(tool))
        return true;
    if (tool == u"xe")
        return sub.endsWith(u"-list"_s) || sub.endsWith(u"-param-get"_s) || sub.endsWith(u"-param-list"_s);
    if (tool == u"xl" || tool == u"xm") {
        static const QStringList reads{u"list"_s,      u"info"_s,         u"uptime"_s, u"dmesg"_s,
                                       u"vcpu-list"_s, u"network-list"_s, u"vm-list"_s};
        return reads.contains(sub);
    }
    if (tool == u"tap-ctl")
        return sub == u"list";
    if (tool == u"brctl")
        return sub == u"show";
    if (tool == u"ovs-vsctl")
        return sub == u"show" || sub == u"list-br" || sub == u"list-ports";
    if (tool == u"sysctl")
        return !argv.contains(u"-w"_s) &&
               !std::any_of(argv.begin() + 1, argv.end(), [](const QString& a) { return a.contains(u'='); });
    if (tool == u"iptables" || tool == u"ebtables")
        return sub == u"-S" || sub == u"-L" || sub == u"-nL";
    if (tool == u"xen-cmdline")
        return sub.startsWith(u"--get"_s);
    return false;
}

QList<QStringList> LabPool::changesIn(const QList<LabRecord>& records)
{
    QList<QStringList> out;
    for (const LabRecord& r : records) {
        if (r.argv.isEmpty() || isReadOnly(r.argv))
            continue;
        QStringList argv = r.argv;
        argv[0] = argv[0].section(u'/', -1);
        out << argv;
    }
    return out;
}

} // namespace xr::test
