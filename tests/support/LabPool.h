#pragma once

#include "SshdHarness.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace xr::test {

/// One host of a running lab pool, as a client reaches it.
struct LabPoolHost
{
    QString name;    // the simulated host name (xcp-lab-01)
    QString flavour; // xenserver-6.2, xcp-ng-8.2, xen-4.17-xl, xen-4.1-xm
    bool master = false;
    /// false for a dead pool member (fault `dead`): like a real dead host it has no sshd,
    /// port is 0.
    bool reachable = true;
    QString address; // 127.0.0.1
    int port = 0;
    QString user;           // root
    QString fingerprint;    // SHA256:...
    QString knownHostsLine; // [127.0.0.1]:PORT ssh-ed25519 AAAA...
    QString knownHostsPath; // a known_hosts file holding that line
    QString clientKeyPath;  // a private key the sshd accepts
    QString hostRoot;       // the host's simulated files on the machine (etc/, var/log/)
};

/// One command a lab host ran, from the pool's record file (see sim/SimRunner.h).
struct LabRecord
{
    QDateTime time;
    QString host;
    qint64 pid = 0;
    QStringList argv;
    QString line; // the command string when the in-process shell ran it
};

/// A lab pool behind real OpenSSH sshd (ARCHITECTURE.md section 5, issue 4): the scenario's
/// state is laid out by `xenrescue-labhost --init`, then every host gets its own SshdHarness
/// on 127.0.0.1 (own port and host key) in its own mount namespace, where
///   - /var/log is a bind mount of the host's simulated var/log (logs grow as commands run);
///   - /etc is a read-only overlay with the host's etc on top (xensource-inventory, xen/xl.conf,
///     xen/xend-config.sxp, xensource/pool.conf);
///   - every program the flavour has (`xenrescue-labhost --programs FLAVOUR`) appears at its
///     real path (/opt/xensource/bin/xe, /usr/lib/xen/bin/crash_guest, /usr/sbin/xl...) as a
///     link to xenrescue-labhost, through a read-only overlay on the deepest folder of that
///     path that exists on the machine (/opt, /usr/lib, /usr/sbin...), so nothing outside the
///     namespace changes;
///   - sessions get `SetEnv PATH=<links of the flavour's programs>:...`, XR_LAB_STATE,
///     XR_LAB_HOST and XR_LAB_RECORD, so `ssh host xe vm-list` runs the simulated xe.
/// When mount namespaces or overlay mounts are unavailable, start() fails and says why.
class LabPool final
{
public:
    /// `labhostPath`: the xenrescue-labhost executable.
    explicit LabPool(QString labhostPath);
    ~LabPool();
    LabPool(const LabPool&) = delete;
    LabPool& operator=(const LabPool&) = delete;

    /// Lays out `scenario` and starts one sshd per live host (master first). false + errorString()
    /// on any failure; what was started is stopped again.
    bool start(const QString& scenario);
    QString errorString() const { return m_error; }
    void stop();
    bool isRunning() const { return !m_hosts.isEmpty(); }

    QString scenario() const { return m_scenario; }
    QList<LabPoolHost> hosts() const;
    /// The host named `name`; a default value when there is none.
    LabPoolHost host(const QString& name) const;
    /// The sshd of host `name` (nullptr when unknown), for killConnections(), process checks...
    SshdHarness* harness(const QString& name) const;

    /// The pool folder: state.json, record.jsonl, hosts/<name>/...
    QString poolDir() const;
    QString statePath() const;
    QString recordPath() const;
    /// Every command recorded so far, oldest first.
    QList<LabRecord> record() const;
    /// A record.jsonl read back (the in-process lab writes the same file).
    static QList<LabRecord> readRecord(const QString& path);
    /// Whether a recorded command only reads (the polls, diagnoses, the panes' readers).
    static bool isReadOnly(const QStringList& argv);
    /// The commands that change something, each argv with the program's base name.
    static QList<QStringList> changesIn(const QList<LabRecord>& records);

    /// Checks that this machine can run a lab pool (root, unshare, overlay mounts in a private
    /// mount namespace); false with the reason in `error`.
    static bool checkNamespaces(QString* error);

private:
    struct Host;

    bool fail(const QString& message);
    bool startHost(Host& host);
    bool writeMounts(Host& host, const QStringList& programs, QString* setupScript);

    QString m_labhost;
    QString m_scenario;
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_dir;
    QList<std::shared_ptr<Host>> m_hosts;
};

} // namespace xr::test
