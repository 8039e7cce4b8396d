// bench_ssh: the SSH transport against OpenSSH on the same harness sshd, in one run.
// Prints figures, asserts nothing about wall-clock time (CONVENTIONS.md "Tests"): the exit
// status is non-zero only when something could not be run at all.
//
//   1. command round trip (`true`) on an open SshHost vs `ssh true` over a ControlMaster socket
//   2. one host's poll (three commands at once) vs one command alone, over SshHost
//   3. SFTP download of a large file via SshHost vs `scp` of the same file over the master socket
//      (both on an already open connection), plus readRange into memory and, like for like with
//      XenRescue's cipher preference, scp over a second master restricted to AES-GCM
//
// Usage: bench_ssh [--runs N] [--file-mib M] [--file-runs N] [--openssh-ciphers LIST]
// Exit status: 0 report printed (goals met or not), 1 a measurement failed, 2 setup failed.

#include "ProcessResult.h"
#include "SshHost.h"
#include "SshdHarness.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

using namespace xr;
using xr::test::ProcessResult;
using xr::test::SshdHarness;

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

// Progress and problems go to stderr so stdout stays the report.
void note(const QString& text)
{
    QTextStream err(stderr);
    err << text << Qt::endl;
}

struct Stats
{
    double median = 0;
    double p90 = 0;
    double min = 0;
};

Stats statsOf(std::vector<double> v)
{
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    // Nearest-rank p90.
    const size_t rank = size_t(std::max<double>(1.0, std::ceil(0.9 * double(n))));
    s.p90 = v[std::min(n, rank) - 1];
    s.min = v.front();
    return s;
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Runs the event loop until op finishes or timeoutMs passes. A plain QEventLoop: the benchmark
// has no GUI to keep responsive and no QTest.
bool waitFinished(RemoteOperation* op, int timeoutMs)
{
    if (op->isFinished())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(op, &RemoteOperation::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    return op->isFinished();
}

bool waitConnected(SshHost& host, int timeoutMs)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&host, &RemoteHost::stateChanged, &loop, [&loop](HostState s) {
        if (s == HostState::Connected || s == HostState::Failed || s == HostState::Lost ||
            s == HostState::AwaitingHostKey || s == HostState::AwaitingCredentials)
            loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    host.connectToHost();
    if (host.state() != HostState::Connected)
        loop.exec();
    return host.state() == HostState::Connected;
}

// One command over SshHost; nullopt (and a note) when it did not succeed.
std::optional<double> timeCommand(SshHost& host, const QString& command)
{
    CommandRequest req;
    req.command = command;
    req.timeoutMs = 20000;
    QElapsedTimer t;
    t.start();
    std::unique_ptr<RemoteCommand> cmd(host.run(req));
    if (!waitFinished(cmd.get(), 30000) || !cmd->result().succeeded()) {
        note(QStringLiteral("command '%1' failed: %2").arg(command, cmd->result().error));
        return std::nullopt;
    }
    return msSince(t);
}

// count commands started at once; the time until the last one finished.
std::optional<double> timeParallel(SshHost& host, const QString& command, int count)
{
    CommandRequest req;
    req.command = command;
    req.timeoutMs = 20000;
    QElapsedTimer t;
    t.start();
    std::vector<std::unique_ptr<RemoteCommand>> cmds;
    for (int i = 0; i < count; ++i)
        cmds.emplace_back(host.run(req));
    for (auto& c : cmds) {
        if (!waitFinished(c.get(), 30000) || !c->result().succeeded()) {
            note(QStringLiteral("parallel command '%1' failed: %2").arg(command, c->result().error));
            return std::nullopt;
        }
    }
    return msSince(t);
}

std::optional<double> timeProcess(const QString& program, const QStringList& args, const QProcessEnvironment& env,
                                  int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    const ProcessResult r = xr::test::runProcess(program, args, timeoutMs, env);
    const double ms = msSince(t);
    if (!r.ok()) {
        note(QStringLiteral("%1 failed: %2").arg(program, r.describe()));
        return std::nullopt;
    }
    return ms;
}

// The harness's ssh options for scp, whose port flag is -P (-p means "preserve times" there).
QStringList scpOptions(const QStringList& sshOptions)
{
    QStringList args = sshOptions;
    const qsizetype at = args.indexOf(QStringLiteral("-p"));
    if (at >= 0)
        args[at] = QStringLiteral("-P");
    return args;
}

// An OpenSSH ControlMaster for the reference figures: its first client starts it
// (ControlPersist), later clients reuse its connection; `ssh -O exit` stops it on destruction.
class OpenSshMaster final
{
public:
    OpenSshMaster(const SshdHarness& sshd, const QString& controlPath, const QStringList& extra,
                  QProcessEnvironment env)
        : m_destination(sshd.destination())
        , m_env(std::move(env))
    {
        m_mux = QStringList{QStringLiteral("-o"), QStringLiteral("ControlMaster=auto"),
                            QStringLiteral("-o"), QStringLiteral("ControlPath=") + controlPath,
                            QStringLiteral("-o"), QStringLiteral("ControlPersist=60")} +
                extra;
        m_sshOptions = sshd.sshOptions();
    }
    ~OpenSshMaster()
    {
        if (m_started)
            xr::test::runProcess(QStringLiteral("ssh"),
                                 sshArgs() + QStringList{QStringLiteral("-O"), QStringLiteral("exit"), m_destination},
                                 10000, m_env);
    }
    OpenSshMaster(const OpenSshMaster&) = delete;
    OpenSshMaster& operator=(const OpenSshMaster&) = delete;

    bool start()
    {
        m_started = true; // stop it even if the first client failed after forking the master
        return timeProcess(QStringLiteral("ssh"), sshArgs() + QStringList{m_destination, QStringLiteral("true")}, m_env)
            .has_value();
    }
    // Overrides go first: ssh keeps the first value of an option.
    QStringList sshArgs() const { return m_mux + m_sshOptions; }
    QStringList scpArgs() const { return m_mux + scpOptions(m_sshOptions); }

private:
    QString m_destination;
    QProcessEnvironment m_env;
    QStringList m_mux;
    QStringList m_sshOptions;
    bool m_started = false;
};

struct Row
{
    QString figure;
    QString ours;
    QString reference;
    double ratio = 0;
    bool lowerIsBetter = true; // goal: ratio <= goal; otherwise ratio >= goal
    double goal = 0;           // 0: informational, no goal
};

QString ms(const Stats& s)
{
    return QStringLiteral("%1 ms (p90 %2)").arg(s.median, 0, 'f', 2).arg(s.p90, 0, 'f', 2);
}

QString mbps(double v)
{
    return QStringLiteral("%1 MB/s").arg(v, 0, 'f', 0);
}

void printTable(const QList<Row>& rows)
{
    const QStringList head{QStringLiteral("figure"), QStringLiteral("XenRescue"), QStringLiteral("reference"),
                           QStringLiteral("ratio"),  QStringLiteral("goal"),      QStringLiteral("result")};
    QList<QStringList> cells;
    for (const Row& r : rows) {
        const bool hasGoal = r.goal > 0;
        const bool pass = r.lowerIsBetter ? r.ratio <= r.goal : r.ratio >= r.goal;
        cells.append({r.figure, r.ours, r.reference,
                      r.ratio > 0 ? QStringLiteral("%1x").arg(r.ratio, 0, 'f', 2) : QStringLiteral("-"),
                      hasGoal ? QStringLiteral("%1 %2x")
                                    .arg(r.lowerIsBetter ? QStringLiteral("<=") : QStringLiteral(">="))
                                    .arg(r.goal, 0, 'f', 1)
                              : QStringLiteral("-"),
                      hasGoal ? (pass ? QStringLiteral("PASS") : QStringLiteral("MISS")) : QStringLiteral("info")});
    }
    QList<qsizetype> width(head.size(), 0);
    for (qsizetype i = 0; i < head.size(); ++i) {
        width[i] = head[i].size();
        for (const QStringList& c : cells)
            width[i] = std::max(width[i], c[i].size());
    }
    const auto line = [&](const QStringList& c) {
        QString s = QStringLiteral("|");
        for (qsizetype i = 0; i < c.size(); ++i)
            s += QLatin1Char(' ') + c[i].leftJustified(width[i]) + QStringLiteral(" |");
        out() << s << '\n';
    };
    line(head);
    QStringList rule;
    for (qsizetype w : width)
        rule << QString(w, QLatin1Char('-'));
    line(rule);
    for (const QStringList& c : cells)
        line(c);
    out().flush();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_ssh"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SSH transport vs OpenSSH on one loopback sshd."));
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Timed runs per latency figure."),
                                     QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption fileOpt(QStringLiteral("file-mib"), QStringLiteral("Size of the file read, in MiB."),
                                     QStringLiteral("M"), QStringLiteral("256"));
    const QCommandLineOption fileRunsOpt(QStringLiteral("file-runs"), QStringLiteral("Timed runs per file figure."),
                                         QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption ciphersOpt(
        QStringLiteral("openssh-ciphers"),
        QStringLiteral("Cipher list for the OpenSSH reference connection (default: OpenSSH's own)."),
        QStringLiteral("LIST"));
    parser.addOptions({runsOpt, fileOpt, fileRunsOpt, ciphersOpt});
    parser.process(app);
    const int runs = std::max(3, parser.value(runsOpt).toInt());
    const int fileRuns = std::max(1, parser.value(fileRunsOpt).toInt());
    const qint64 fileBytes = std::max<qint64>(1, parser.value(fileOpt).toLongLong()) * 1024 * 1024;
    constexpr int kWarmup = 5;

    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        note(QStringLiteral("no temp dir"));
        return 2;
    }
    SshdHarness sshd;
    if (!sshd.start()) {
        note(QStringLiteral("sshd harness: ") + sshd.errorString());
        return 2;
    }
    const QProcessEnvironment env = xr::test::sshClientEnvironment();
    QStringList ciphers;
    if (parser.isSet(ciphersOpt))
        ciphers << QStringLiteral("-o") << QStringLiteral("Ciphers=") + parser.value(ciphersOpt);
    OpenSshMaster master(sshd, tmp.filePath(QStringLiteral("cm-%C")), ciphers, env);
    // Like for like with XenRescue's cipher preference on CPUs with AES instructions.
    OpenSshMaster gcmMaster(
        sshd, tmp.filePath(QStringLiteral("cg-%C")),
        {QStringLiteral("-o"), QStringLiteral("Ciphers=aes256-gcm@openssh.com,aes128-gcm@openssh.com")}, env);

    SshEndpoint endpoint;
    endpoint.host = sshd.host();
    endpoint.port = sshd.port();
    endpoint.user = sshd.user();
    endpoint.auth = AuthMethod::KeyFile;
    endpoint.identityFile = sshd.clientKeyPath();
    endpoint.sshConfigFile = QStringLiteral("none");
    SshOptions options;
    options.appKnownHostsFile = tmp.filePath(QStringLiteral("app_known_hosts"));
    options.userKnownHostsFile = sshd.knownHostsPath();
    options.useKeychain = false;
    SshHost host(endpoint, options);
    if (!waitConnected(host, 20000)) {
        note(QStringLiteral("SshHost did not connect: ") + host.stateMessage());
        return 2;
    }

    if (!master.start() || !gcmMaster.start()) {
        note(QStringLiteral("could not start the OpenSSH ControlMasters"));
        return 2;
    }
    const auto sshTrue = [&] {
        return timeProcess(QStringLiteral("ssh"),
                           master.sshArgs() + QStringList{sshd.destination(), QStringLiteral("true")}, env);
    };

    QList<Row> rows;
    bool failed = false;

    // 1. Round trip. Interleaved so drift on a shared machine hits both sides alike.
    note(QStringLiteral("round trip: %1 runs each...").arg(runs));
    {
        for (int i = 0; i < kWarmup; ++i) {
            failed |= !timeCommand(host, QStringLiteral("true"));
            failed |= !sshTrue();
        }
        std::vector<double> ours, theirs;
        for (int i = 0; i < runs && !failed; ++i) {
            const auto a = timeCommand(host, QStringLiteral("true"));
            const auto b = sshTrue();
            failed |= !a || !b;
            if (a && b) {
                ours.push_back(*a);
                theirs.push_back(*b);
            }
        }
        if (!failed) {
            const Stats o = statsOf(ours), t = statsOf(theirs);
            rows.append({QStringLiteral("round trip `true` (median)"), ms(o), ms(t) + QStringLiteral(" ssh mux"),
                         o.median / t.median, true, 1.0});
        }
    }

    // 2. One host's poll: three commands at once vs one alone. `cat /proc/loadavg` is what a poll
    // costs the server (sshd forks a session, the shell forks cat); `sleep 0.2` costs it almost
    // nothing, so its ratio shows whether the channels themselves run in parallel.
    const auto poll = [&](const QString& cmd, int n) -> std::optional<std::pair<Stats, Stats>> {
        for (int i = 0; i < std::min(n, kWarmup) && !failed; ++i)
            failed |= !timeCommand(host, cmd) || !timeParallel(host, cmd, 3);
        std::vector<double> single, batch;
        for (int i = 0; i < n && !failed; ++i) {
            const auto a = timeCommand(host, cmd);
            const auto b = timeParallel(host, cmd, 3);
            failed |= !a || !b;
            if (a && b) {
                single.push_back(*a);
                batch.push_back(*b);
            }
        }
        if (failed)
            return std::nullopt;
        return std::pair{statsOf(single), statsOf(batch)};
    };
    note(QStringLiteral("poll: %1 runs each...").arg(runs));
    if (!failed) {
        if (const auto r = poll(QStringLiteral("cat /proc/loadavg"), runs))
            rows.append({QStringLiteral("poll: 3 at once vs 1 (median)"), ms(r->second),
                         ms(r->first) + QStringLiteral(" single"), r->second.median / r->first.median, true, 1.3});
    }
    if (!failed) {
        if (const auto r = poll(QStringLiteral("sleep 0.2"), std::min(runs, 10)))
            rows.append({QStringLiteral("  same, 3 x `sleep 0.2` vs 1"), ms(r->second),
                         ms(r->first) + QStringLiteral(" single"), r->second.median / r->first.median, true, 0});
    }

    // 3. Large file. Random bytes so no layer can compress it; in the page cache before timing.
    if (!failed) {
        note(QStringLiteral("file: writing %1 MiB...").arg(fileBytes / (1024 * 1024)));
        QByteArray data(qsizetype(fileBytes), Qt::Uninitialized);
        QRandomGenerator64 rng(20240527);
        rng.fillRange(reinterpret_cast<quint64*>(data.data()), data.size() / qsizetype(sizeof(quint64)));
        const QString remote = sshd.writeFile(QStringLiteral("bench/big.bin"), data);
        data = QByteArray();
        if (remote.isEmpty()) {
            note(QStringLiteral("could not write the test file"));
            failed = true;
        }
        const QString local = tmp.filePath(QStringLiteral("download.bin"));
        const QStringList scpFiles{QStringLiteral("-q"), sshd.destination() + QLatin1Char(':') + remote, local};
        const auto download = [&]() -> std::optional<double> {
            QFile::remove(local);
            QElapsedTimer t;
            t.start();
            std::unique_ptr<RemoteFileOperation> op(host.download(remote, local));
            if (!waitFinished(op.get(), 300000) || !op->result().ok) {
                note(QStringLiteral("download failed: ") + op->result().error);
                return std::nullopt;
            }
            const double s = msSince(t) / 1000;
            if (op->result().bytesTransferred != fileBytes || QFileInfo(local).size() != fileBytes) {
                note(QStringLiteral("download incomplete: %1 bytes").arg(op->result().bytesTransferred));
                return std::nullopt;
            }
            return double(fileBytes) / 1e6 / s;
        };
        const auto readRange = [&]() -> std::optional<double> {
            QElapsedTimer t;
            t.start();
            std::unique_ptr<RemoteFileOperation> op(host.readRange(remote, 0, fileBytes));
            if (!waitFinished(op.get(), 300000) || !op->result().ok || op->result().data.size() != fileBytes) {
                note(QStringLiteral("readRange failed: %1 (%2 bytes)")
                         .arg(op->result().error)
                         .arg(op->result().data.size()));
                return std::nullopt;
            }
            return double(fileBytes) / 1e6 / (msSince(t) / 1000);
        };
        const auto scp = [&](const OpenSshMaster& via) -> std::optional<double> {
            QFile::remove(local);
            const auto msTaken = timeProcess(QStringLiteral("scp"), via.scpArgs() + scpFiles, env, 300000);
            if (!msTaken)
                return std::nullopt;
            if (QFileInfo(local).size() != fileBytes) {
                note(QStringLiteral("scp copied %1 bytes").arg(QFileInfo(local).size()));
                return std::nullopt;
            }
            return double(fileBytes) / 1e6 / (*msTaken / 1000);
        };

        note(QStringLiteral("file: %1 runs each...").arg(fileRuns));
        std::vector<double> ours, theirs, mem, theirsGcm;
        // Warm-up: page cache, SFTP subsystem start, scp's first exec.
        if (!failed)
            failed |= !download() || !scp(master) || !readRange() || !scp(gcmMaster);
        for (int i = 0; i < fileRuns && !failed; ++i) {
            const auto a = download();
            const auto b = scp(master);
            const auto c = readRange();
            const auto d = scp(gcmMaster);
            failed |= !a || !b || !c || !d;
            if (a && b && c && d) {
                ours.push_back(*a);
                theirs.push_back(*b);
                mem.push_back(*c);
                theirsGcm.push_back(*d);
            }
        }
        QFile::remove(local);
        if (!failed) {
            const double o = statsOf(ours).median, t = statsOf(theirs).median, m = statsOf(mem).median;
            const QString size = QStringLiteral("%1 MiB").arg(fileBytes / (1024 * 1024));
            rows.append({QStringLiteral("SFTP download %1 (median)").arg(size), mbps(o),
                         mbps(t) + QStringLiteral(" scp"), o / t, false, 1.5});
            rows.append({QStringLiteral("SFTP readRange %1 to memory").arg(size), mbps(m),
                         mbps(t) + QStringLiteral(" scp"), m / t, false, 0});
            const double g = statsOf(theirsGcm).median;
            rows.append({QStringLiteral("  download vs scp -c aes-gcm"), mbps(o),
                         mbps(g) + QStringLiteral(" scp aes-gcm"), o / g, false, 0});
        }
    }

    host.disconnectFromHost();
    out() << "bench_ssh: OpenSSH sshd on 127.0.0.1:" << sshd.port() << ", " << runs << " runs per latency figure, "
          << fileRuns << " per file figure, medians\n";
    printTable(rows);
    if (failed) {
        note(QStringLiteral("bench_ssh: some measurements could not be run (see above)"));
        return 1;
    }
    return 0;
}
