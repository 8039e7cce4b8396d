#include "SshdHarness.h"

#include "ProcessResult.h"
#include "ProcessTable.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>

namespace xr::test {

namespace {

constexpr int kStartTimeoutMs = 15000;
constexpr int kStopTimeoutMs = 5000;
constexpr int kToolTimeoutMs = 30000;
constexpr int kFreshPortAttempts = 8;
constexpr int kSamePortAttempts = 20; // 250 ms apart: another process may hold it briefly
constexpr int kExitConfigRejected = 98;

const QString kMarkerName = QStringLiteral("XR_SSHD_HARNESS");

QString randomHex(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char& c : data) {
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    }
    return QString::fromLatin1(data.toHex());
}

// Keyword of an sshd_config line, lower case ("" for blanks and comments).
QString keywordOf(const QString& line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'))) {
        return {};
    }
    qsizetype end = 0;
    while (end < trimmed.size() && !trimmed.at(end).isSpace() && trimmed.at(end) != QLatin1Char('=')) {
        ++end;
    }
    return trimmed.left(end).toLower();
}

QString valueOf(const QString& line)
{
    QString rest = line.trimmed().mid(keywordOf(line).size()).trimmed();
    if (rest.startsWith(QLatin1Char('='))) {
        rest = rest.mid(1).trimmed();
    }
    return rest;
}

bool writeWholeFile(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    if (permissions) {
        file.setPermissions(permissions);
    }
    return file.write(data) == data.size();
}

QByteArray readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

bool generateKey(const QString& type, const QString& path, const QString& passphrase, const QString& comment,
                 QString* error)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".pub"));
    const ProcessResult keygen = runProcess(QStringLiteral("ssh-keygen"),
                                            {QStringLiteral("-q"), QStringLiteral("-t"), type, QStringLiteral("-N"),
                                             passphrase, QStringLiteral("-C"), comment, QStringLiteral("-f"), path},
                                            kToolTimeoutMs);
    if (!keygen.ok()) {
        *error = QStringLiteral("ssh-keygen -t %1 failed: %2").arg(type, keygen.describe());
        return false;
    }
    return true;
}

} // namespace

SshdHarness::SshdHarness(SshdOptions options)
    : m_dir(QDir::tempPath() + QStringLiteral("/xr-sshd-XXXXXX"))
    , m_options(std::move(options))
    , m_id(randomHex(8))
    , m_passphrase(QStringLiteral("xr-pass-") + randomHex(8))
{
    if (m_options.passwordAuth) {
        m_password = m_options.password.isEmpty() ? QStringLiteral("xr-pw-") + randomHex(8) : m_options.password;
    }
    m_sshd = QStandardPaths::findExecutable(
        QStringLiteral("sshd"),
        {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/sbin")});
    if (m_sshd.isEmpty()) {
        m_sshd = QStandardPaths::findExecutable(QStringLiteral("sshd"));
    }
}

SshdHarness::~SshdHarness()
{
    stop();
}

bool SshdHarness::useNamespace() const
{
    return m_options.ownMountNamespace || m_options.passwordAuth || !m_options.setupScript.isEmpty();
}

bool SshdHarness::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool SshdHarness::start()
{
    if (isRunning()) {
        return true;
    }
    m_error.clear();
#ifndef Q_OS_LINUX
    return fail(QStringLiteral("SshdHarness runs on Linux only"));
#else
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString()));
    }
    if (m_sshd.isEmpty()) {
        return fail(QStringLiteral("sshd not found in /usr/sbin, /sbin or PATH (install openssh-server)"));
    }
    if (!QDir().mkpath(QStringLiteral("/run/sshd"))) {
        return fail(QStringLiteral("cannot create /run/sshd (sshd's privilege separation dir; run as root)"));
    }
    if (useNamespace() && QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty()) {
        return fail(QStringLiteral("unshare not found (install util-linux); needed for a private mount namespace"));
    }
    if (!m_filesReady && !prepareFiles()) {
        return false;
    }
    return launchWithRetries(false);
#endif
}

bool SshdHarness::prepareFiles()
{
    const QString d = dir();
    if (!generateHostKey()) {
        return false;
    }
    if (!generateKey(QStringLiteral("ed25519"), clientKeyPath(), QString(), QStringLiteral("xr-harness-client"),
                     &m_error) ||
        !generateKey(QStringLiteral("ed25519"), passphraseKeyPath(), m_passphrase,
                     QStringLiteral("xr-harness-passphrase"), &m_error)) {
        return false;
    }
    if (!QDir().mkpath(homePath())) {
        return fail(QStringLiteral("cannot create %1").arg(homePath()));
    }
    const QByteArray authorized = readWholeFile(clientKeyPath() + QStringLiteral(".pub")) +
                                  readWholeFile(passphraseKeyPath() + QStringLiteral(".pub"));
    if (!writeWholeFile(d + QStringLiteral("/authorized_keys"), authorized)) {
        return fail(QStringLiteral("cannot write authorized_keys"));
    }
    if (m_options.passwordAuth) {
        // The password goes through stdin, not argv, so it never shows in a process list.
        const ProcessResult hash = runProcess(
            QStringLiteral("openssl"), {QStringLiteral("passwd"), QStringLiteral("-6"), QStringLiteral("-stdin")},
            kToolTimeoutMs, QProcessEnvironment(), m_password.toUtf8() + '\n');
        const QByteArray crypted = hash.standardOutput.trimmed();
        if (!hash.ok() || !crypted.startsWith("$6$")) {
            return fail(QStringLiteral("openssl passwd -6 failed: %1").arg(hash.describe()));
        }
        if (!writeWholeFile(d + QStringLiteral("/root.hash"), crypted + '\n',
                            QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            return fail(QStringLiteral("cannot write root.hash"));
        }
        // A private PAM stack: Debian's /etc/pam.d/sshd adds loginuid, motd, env... that tests do not need.
        const QByteArray pam = "auth required pam_unix.so\n"
                               "account required pam_unix.so\n"
                               "session required pam_permit.so\n"
                               "password required pam_deny.so\n";
        if (!writeWholeFile(d + QStringLiteral("/pam.sshd"), pam)) {
            return fail(QStringLiteral("cannot write pam.sshd"));
        }
    }
    if (!m_options.setupScript.isEmpty() &&
        !writeWholeFile(d + QStringLiteral("/setup.sh"), m_options.setupScript.toUtf8() + '\n')) {
        return fail(QStringLiteral("cannot write setup.sh"));
    }
    m_filesReady = true;
    return true;
}

bool SshdHarness::generateHostKey()
{
    if (!generateKey(m_options.keyType, hostKeyPath(), QString(), QStringLiteral("xr-harness-host"), &m_error)) {
        return false;
    }
    return readHostKey();
}

bool SshdHarness::readHostKey()
{
    const QString pub = hostKeyPath() + QStringLiteral(".pub");
    const QStringList fields = QString::fromUtf8(readWholeFile(pub)).simplified().split(QLatin1Char(' '));
    if (fields.size() < 2) {
        return fail(QStringLiteral("cannot read %1").arg(pub));
    }
    m_hostKeyLine = fields.at(0) + QLatin1Char(' ') + fields.at(1);
    const ProcessResult fp =
        runProcess(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"), pub},
                   kToolTimeoutMs);
    const QStringList fpFields = QString::fromUtf8(fp.standardOutput).simplified().split(QLatin1Char(' '));
    if (!fp.ok() || fpFields.size() < 2 || !fpFields.at(1).startsWith(QLatin1String("SHA256:"))) {
        return fail(QStringLiteral("ssh-keygen -l failed: %1").arg(fp.describe()));
    }
    m_fingerprint = fpFields.at(1);
    return true;
}

bool SshdHarness::writeConfig(int port)
{
    const QString d = dir();
    QStringList head;
    QStringList tail;
    // HOME points at an empty folder so that session shells do not run the machine's own dotfiles
    // (root's .bashrc may run tools such as pyenv that take locks, and a session killed by a test
    // would leave those locks stale for everyone). extraConfig's SetEnv comes later and wins.
    QStringList setEnv{kMarkerName + QLatin1Char('=') + m_id, QStringLiteral("HOME=") + homePath()};
    QSet<QString> overridden;
    bool inMatch = false;
    for (const QString& line : m_options.extraConfig) {
        const QString keyword = keywordOf(line);
        if (keyword == QLatin1String("match")) {
            inMatch = true;
        }
        if (inMatch) {
            tail.append(line);
        } else if (keyword == QLatin1String("setenv")) {
            setEnv.append(valueOf(line));
        } else {
            head.append(line);
            if (!keyword.isEmpty()) {
                overridden.insert(keyword);
            }
        }
    }

    const char* yesNo[] = {"no", "yes"};
    const bool pw = m_options.passwordAuth;
    const QList<std::pair<const char*, QString>> defaults{
        {"Port", QString::number(port)},
        {"ListenAddress", host()},
        {"HostKey", hostKeyPath()},
        {"AuthorizedKeysFile", d + QStringLiteral("/authorized_keys")},
        {"PermitRootLogin", QStringLiteral("yes")},
        // Keyboard-interactive exists only through PAM on Debian; password mode brings its own PAM stack.
        {"UsePAM", QLatin1String(yesNo[pw])},
        {"StrictModes", QStringLiteral("no")},
        {"PidFile", d + QStringLiteral("/sshd.pid")},
        {"Subsystem", QStringLiteral("sftp internal-sftp")},
        {"LogLevel", QStringLiteral("VERBOSE")},
        {"MaxSessions", QStringLiteral("100")},
        {"MaxStartups", QStringLiteral("100:30:200")},
        {"PubkeyAuthentication", QStringLiteral("yes")},
        {"PasswordAuthentication", QLatin1String(yesNo[pw])},
        {"KbdInteractiveAuthentication", QLatin1String(yesNo[pw])},
    };

    QString config = QStringLiteral("# Written by xr::test::SshdHarness\n");
    for (const QString& line : head) {
        config += line + QLatin1Char('\n');
    }
    for (const auto& [keyword, value] : defaults) {
        const QString name = QLatin1String(keyword);
        if (!overridden.contains(name.toLower())) {
            config += name + QLatin1Char(' ') + value + QLatin1Char('\n');
        }
    }
    // Sessions carry the marker so that processes that leave the process tree can still be found.
    config += QStringLiteral("SetEnv ") + setEnv.join(QLatin1Char(' ')) + QLatin1Char('\n');
    for (const QString& line : tail) {
        config += line + QLatin1Char('\n');
    }
    if (!writeWholeFile(configPath(), config.toUtf8())) {
        return fail(QStringLiteral("cannot write %1").arg(configPath()));
    }
    return true;
}

QString SshdHarness::launchScript() const
{
    const QString d = dir();
    QStringList lines{QStringLiteral("set -e"), QStringLiteral("export XR_SSHD_DIR=%1").arg(shellQuote(d))};
    if (!m_options.setupScript.isEmpty()) {
        lines.append(QStringLiteral(". %1").arg(shellQuote(d + QStringLiteral("/setup.sh"))));
    }
    if (m_options.passwordAuth) {
        // After setupScript, so an overlay it puts on /etc does not hide these two files.
        const QString shadow = shellQuote(d + QStringLiteral("/shadow"));
        lines.append(
            QStringLiteral("awk -F: -v OFS=: 'NR==FNR{h=$0;next} $1==\"root\"{$2=h} {print}' %1 /etc/shadow > %2")
                .arg(shellQuote(d + QStringLiteral("/root.hash")), shadow));
        lines.append(QStringLiteral("chmod 600 %1").arg(shadow));
        lines.append(QStringLiteral("mount --bind %1 /etc/shadow").arg(shadow));
        lines.append(
            QStringLiteral("mount --bind %1 /etc/pam.d/sshd").arg(shellQuote(d + QStringLiteral("/pam.sshd"))));
    }
    const QString sshd = shellQuote(m_sshd);
    const QString config = shellQuote(configPath());
    lines.append(QStringLiteral("%1 -t -f %2 || exit %3").arg(sshd, config).arg(kExitConfigRejected));
    lines.append(QStringLiteral("exec %1 -D -e -f %2").arg(sshd, config));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString SshdHarness::logTail(qint64 fromOffset) const
{
    QFile file(dir() + QStringLiteral("/sshd.log"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    file.seek(fromOffset);
    return QString::fromLocal8Bit(file.readAll());
}

bool SshdHarness::launchWithRetries(bool samePort)
{
    const int attempts = samePort ? kSamePortAttempts : kFreshPortAttempts;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        const int port = samePort ? m_port : freeLocalPort();
        if (port <= 0) {
            return fail(QStringLiteral("no free port on 127.0.0.1"));
        }
        switch (launch(port)) {
        case Launch::Ok:
            m_port = port;
            if (!writeWholeFile(knownHostsPath(), knownHostsLine().toUtf8() + '\n')) {
                return fail(QStringLiteral("cannot write %1").arg(knownHostsPath()));
            }
            return true;
        case Launch::Failed:
            return false;
        case Launch::PortBusy:
            if (samePort) {
                QThread::msleep(250);
            }
            break;
        }
    }
    return fail(QStringLiteral("sshd could not bind a port after %1 attempts (Address already in use)\n%2")
                    .arg(attempts)
                    .arg(sshdLog().right(4000)));
}

SshdHarness::Launch SshdHarness::launch(int port)
{
    if (!writeConfig(port)) {
        return Launch::Failed;
    }
    const QString logPath = dir() + QStringLiteral("/sshd.log");
    const qint64 logOffset = QFileInfo(logPath).size();

    m_process = std::make_unique<QProcess>();
    m_process->setStandardInputFile(QProcess::nullDevice());
    // A file, not a pipe: a test that blocks without an event loop must never stall sshd on a full pipe.
    m_process->setStandardOutputFile(logPath, QIODevice::Append);
    m_process->setStandardErrorFile(logPath, QIODevice::Append);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SSH_AUTH_SOCK"));
    m_process->setProcessEnvironment(env);
    // setpriv, unshare (no --fork) and sh all exec, so the QProcess pid ends up being the listening sshd.
    // setpriv --pdeathsig: if the test process dies (a crash, a kill by ctest's timeout), the
    // kernel kills sshd too, so no listener outlives its test.
    const QStringList orphanGuard{QStringLiteral("--pdeathsig"), QStringLiteral("KILL"), QStringLiteral("--")};
    if (useNamespace()) {
        m_process->start(QStringLiteral("setpriv"),
                         orphanGuard + QStringList{QStringLiteral("unshare"), QStringLiteral("--mount"),
                                                   QStringLiteral("--propagation"), QStringLiteral("private"),
                                                   QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                                   launchScript()});
    } else {
        m_process->start(QStringLiteral("setpriv"),
                         orphanGuard + QStringList{QStringLiteral("sh"), QStringLiteral("-c"), launchScript()});
    }
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        fail(QStringLiteral("cannot run sshd: %1").arg(m_process->errorString()));
        m_process.reset();
        return Launch::Failed;
    }
    const QString listening = QStringLiteral("Server listening on %1 port %2.").arg(host()).arg(port);
    QDeadlineTimer deadline(kStartTimeoutMs);
    while (true) {
        const QString log = logTail(logOffset);
        if (m_process->state() == QProcess::NotRunning) {
            const int code = m_process->exitCode();
            m_process.reset();
            if (log.contains(QLatin1String("Address already in use"))) {
                return Launch::PortBusy;
            }
            if (code == kExitConfigRejected) {
                fail(QStringLiteral("sshd -t rejected %1:\n%2").arg(configPath(), log));
            } else {
                fail(QStringLiteral("sshd exited with code %1 before listening:\n%2").arg(code).arg(log));
            }
            return Launch::Failed;
        }
        if (log.contains(listening)) {
            break;
        }
        if (deadline.hasExpired()) {
            m_pid = m_process->processId();
            stop();
            fail(QStringLiteral("sshd did not listen on port %1 within %2 ms:\n%3")
                     .arg(port)
                     .arg(kStartTimeoutMs)
                     .arg(log));
            return Launch::Failed;
        }
        m_process->waitForFinished(25);
    }
    m_pid = m_process->processId();
    if (useNamespace()) {
        m_mountNamespace = ProcessTable::mountNamespace(m_pid);
        if (m_mountNamespace.isEmpty() || m_mountNamespace == ProcessTable::mountNamespace(ProcessTable::selfPid())) {
            stop();
            fail(QStringLiteral("sshd is not in a mount namespace of its own (unshare --mount failed?)"));
            return Launch::Failed;
        }
    }
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(host()), static_cast<quint16>(port));
    // The banner comes from the per-connection sshd: once it is read, that process exists and
    // the wait below sees it go.
    QDeadlineTimer probeDeadline(kStartTimeoutMs);
    bool accepted = probe.waitForConnected(kStartTimeoutMs);
    while (accepted && !probe.canReadLine() && !probeDeadline.hasExpired()) {
        accepted = probe.waitForReadyRead(static_cast<int>(probeDeadline.remainingTime()));
    }
    accepted = accepted && probe.readLine().startsWith("SSH-2.0-");
    const QString probeError = probe.errorString();
    probe.abort();
    if (!accepted) {
        stop();
        fail(QStringLiteral("sshd logged that it listens on port %1 but a connection did not get its banner: %2\n%3")
                 .arg(port)
                 .arg(probeError, logTail(logOffset)));
        return Launch::Failed;
    }
    // Let the probe's per-connection sshd exit so that start() returns with the listener alone.
    const QString exe = ProcessTable::executable(m_pid);
    QDeadlineTimer settle(3000);
    while (!settle.hasExpired()) {
        const QList<qint64> children = ProcessTable::snapshot().childrenOf(m_pid);
        if (std::none_of(children.cbegin(), children.cend(), [&exe](qint64 pid) {
                return ProcessTable::isAlive(pid) && ProcessTable::executable(pid) == exe;
            })) {
            break;
        }
        m_process->waitForFinished(10);
    }
    return Launch::Ok;
}

QString SshdHarness::errorString() const
{
    return m_error;
}

bool SshdHarness::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QList<qint64> SshdHarness::collectServerProcesses() const
{
    if (m_pid <= 0) {
        return {};
    }
    const ProcessTable table = ProcessTable::snapshot();
    QSet<qint64> found;
    if (ProcessTable::isAlive(m_pid)) {
        found.insert(m_pid);
    }
    for (const qint64 pid : table.descendantsOf(m_pid)) {
        found.insert(pid);
    }
    const QByteArray marker = '\0' + kMarkerName.toLatin1() + '=' + m_id.toLatin1() + '\0';
    for (const qint64 pid : table.pids()) {
        if (found.contains(pid)) {
            continue;
        }
        if (!m_mountNamespace.isEmpty() && ProcessTable::mountNamespace(pid) == m_mountNamespace) {
            found.insert(pid);
            continue;
        }
        const QByteArray environ = '\0' + ProcessTable::environment(pid) + '\0';
        if (environ.contains(marker)) {
            found.insert(pid);
        }
    }
    found.remove(ProcessTable::selfPid());
    QList<qint64> result(found.cbegin(), found.cend());
    result.erase(std::remove_if(result.begin(), result.end(), [](qint64 pid) { return !ProcessTable::isAlive(pid); }),
                 result.end());
    std::sort(result.begin(), result.end());
    return result;
}

// SIGSTOP everything collect() finds until nothing new appears (a stopped process cannot fork
// more), then SIGKILL the lot and wait until they are gone or zombies.
void SshdHarness::freezeAndKill(const std::function<QList<qint64>()>& collect) const
{
    QSet<qint64> frozen;
    for (int round = 0; round < 50; ++round) {
        bool grew = false;
        for (const qint64 pid : collect()) {
            if (!frozen.contains(pid) && pid != ProcessTable::selfPid()) {
                ProcessTable::sendSignal(pid, ProcessTable::Signal::Stop);
                frozen.insert(pid);
                grew = true;
            }
        }
        if (!grew) {
            break;
        }
    }
    for (const qint64 pid : std::as_const(frozen)) {
        ProcessTable::sendSignal(pid, ProcessTable::Signal::Kill);
    }
    QDeadlineTimer deadline(kStopTimeoutMs);
    while (!deadline.hasExpired()) {
        if (std::none_of(frozen.cbegin(), frozen.cend(), [](qint64 pid) { return ProcessTable::isAlive(pid); })) {
            break;
        }
        if (m_process) {
            m_process->waitForFinished(10);
        } else {
            QThread::msleep(10);
        }
    }
}

void SshdHarness::stop()
{
    if (!m_process) {
        return;
    }
    if (m_pid <= 0) {
        m_pid = m_process->processId();
    }
    freezeAndKill([this] { return collectServerProcesses(); });
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
    }
    m_process->waitForFinished(kStopTimeoutMs);
    m_process.reset();
    m_pid = 0;
    m_mountNamespace.clear();
}

bool SshdHarness::restart(bool newHostKey)
{
    if (m_port <= 0 || !m_filesReady) {
        return start();
    }
    stop();
    m_error.clear();
    if (newHostKey && !generateHostKey()) {
        return false;
    }
    return launchWithRetries(true);
}

void SshdHarness::killConnections()
{
    if (!isRunning() || m_pid <= 0) {
        return;
    }
    const QString exe = ProcessTable::executable(m_pid);
    // Per-connection sshd are the listener's children running the sshd binary; setupScript's own
    // background children (started before sh exec'd sshd) run something else and stay.
    freezeAndKill([this, exe] {
        const ProcessTable table = ProcessTable::snapshot();
        QList<qint64> result;
        for (const qint64 child : table.childrenOf(m_pid)) {
            if (ProcessTable::executable(child) == exe) {
                result.append(child);
                result.append(table.descendantsOf(child));
            }
        }
        return result;
    });
}

QString SshdHarness::host() const
{
    return QStringLiteral("127.0.0.1");
}

int SshdHarness::port() const
{
    return m_port;
}

QString SshdHarness::user() const
{
    return QStringLiteral("root");
}

QString SshdHarness::dir() const
{
    return m_dir.path();
}

QString SshdHarness::clientKeyPath() const
{
    return dir() + QStringLiteral("/client_ed25519");
}

QString SshdHarness::passphraseKeyPath() const
{
    return dir() + QStringLiteral("/client_passphrase_ed25519");
}

QString SshdHarness::passphrase() const
{
    return m_passphrase;
}

QString SshdHarness::password() const
{
    return m_password;
}

QString SshdHarness::hostKeyPath() const
{
    return dir() + QStringLiteral("/hostkey");
}

QString SshdHarness::hostKeyFingerprint() const
{
    return m_fingerprint;
}

QString SshdHarness::knownHostsLine() const
{
    if (m_hostKeyLine.isEmpty() || m_port <= 0) {
        return {};
    }
    return QStringLiteral("[%1]:%2 %3").arg(host()).arg(m_port).arg(m_hostKeyLine);
}

QString SshdHarness::knownHostsPath() const
{
    return dir() + QStringLiteral("/known_hosts");
}

QStringList SshdHarness::sshOptions(bool withClientKey) const
{
    const auto option = [](const QString& name, const QString& value) {
        return QStringList{QStringLiteral("-o"), name + QLatin1Char('=') + value};
    };
    QStringList args{QStringLiteral("-F"), QStringLiteral("/dev/null"), QStringLiteral("-p"), QString::number(m_port)};
    args += option(QStringLiteral("BatchMode"), QStringLiteral("yes"));
    args += option(QStringLiteral("StrictHostKeyChecking"), QStringLiteral("yes"));
    args += option(QStringLiteral("UserKnownHostsFile"), QLatin1Char('"') + knownHostsPath() + QLatin1Char('"'));
    args += option(QStringLiteral("GlobalKnownHostsFile"), QStringLiteral("/dev/null"));
    args += option(QStringLiteral("ConnectTimeout"), QStringLiteral("10"));
    args += option(QStringLiteral("LogLevel"), QStringLiteral("ERROR"));
    if (withClientKey) {
        args += option(QStringLiteral("IdentitiesOnly"), QStringLiteral("yes"));
        args += QStringList{QStringLiteral("-i"), clientKeyPath()};
    }
    return args;
}

QString SshdHarness::destination() const
{
    return user() + QLatin1Char('@') + host();
}

QString SshdHarness::homePath() const
{
    return dir() + QStringLiteral("/home");
}

QString SshdHarness::configPath() const
{
    return dir() + QStringLiteral("/sshd_config");
}

QString SshdHarness::sshdLog() const
{
    return logTail(0);
}

qint64 SshdHarness::sshdPid() const
{
    return isRunning() ? m_pid : 0;
}

QString SshdHarness::instanceId() const
{
    return m_id;
}

QList<qint64> SshdHarness::serverProcesses() const
{
    return collectServerProcesses();
}

QList<qint64> SshdHarness::serverProcessesMatching(const QString& marker) const
{
    QList<qint64> result;
    for (const qint64 pid : collectServerProcesses()) {
        if (ProcessTable::commandLine(pid).contains(marker)) {
            result.append(pid);
        }
    }
    return result;
}

QString SshdHarness::writeFile(const QString& relPath, const QByteArray& data) const
{
    const QString path = QDir(dir()).absoluteFilePath(relPath);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !writeWholeFile(path, data)) {
        return {};
    }
    return path;
}

int freeLocalPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    const int port = server.serverPort();
    server.close();
    return port;
}

} // namespace xr::test
