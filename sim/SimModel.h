#pragma once

#include "SimHostConfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The lab pool model. Everything a simulated host prints is computed from these values, and
// the whole pool serialises to one JSON document (SimStateStore keeps it on disk, SimHost
// keeps it in memory), so a scenario is data: tests and the demo mode build one with
// SimPool::fromScenario() and change it by running commands.
//
// Faults (each mirrors what a real host shows; see the Sim*Faults structs):
//   VM   ignoresCleanShutdown  `xe vm-shutdown` / `xl shutdown` / `xm shutdown` are accepted, the
//                              guest never acts on them; xe leaves a pending VM.clean_shutdown task.
//   VM   diesOnlyAfterCrash    clean shutdown is ignored and destroy/hard shutdown fails (the
//                              domain will not let go) until the guest is crashed with
//                              `xl trigger D nmi` / `crash_guest D`; after that any shutdown works.
//   VM   lingersAfterDestroy   destroy leaves a dying `(null)` domain (`--p--d`, list_domains
//                              `D P`) held by a tapdisk that `tap-ctl list` shows; it goes away
//                              after `tap-ctl destroy`/`tap-ctl close` or after the host
//                              clears it (lingerClearsAfter commands, 0 = never).
//   VM   domainGone            xapi says running, the hypervisor has no domain (list_domains and
//                              xl list do not show it); a toolstack restart resyncs it to halted.
//   task blocksForce           the task sits in the VM's current-operations, so hard shutdown /
//                              hard reboot / start fail with OTHER_OPERATION_IN_PROGRESS until
//                              `xe task-cancel` (xapi normally cancels clean-shutdown tasks
//                              itself; this is the case where it cannot).
//   host xapiWedged            every `xe` on this host (and on members, which forward to the
//                              master) blocks until `xe-toolstack-restart` runs on it.
//   host xapiLostConnection    `xe` prints `Lost connection to the server.` (exit 1).
//   host xapiDown              `xe` prints `Error: Connection refused (calling connect )`.
//   host dead                  a pool member that is gone: host-metrics-live false, operations on
//                              its VMs fail with HOST_OFFLINE, vm-reset-powerstate is allowed
//                              (HOST_IS_LIVE otherwise); SimHost cannot connect to it.
//   host dropConnectionAfter   SimHost only: the SSH connection drops after N commands.
//   host xenstoredHung         `xenstore-read` blocks (xenstored does not answer) until the
//                              fault is cleared; XenRescue's domain guard times out on it.
//
// Test hook: SimPool::reuseDomid() makes a domain id change hands between two reads (the VM
// restarts in a new domain and another VM is started in its old id), as after a reboot.
namespace xr::sim {

/// The four kinds of dom0 the lab simulates (XEN-FIELD-GUIDE section 1).
enum class Flavour {
    XenServer62, ///< legacy xapi: xenops destroy_domain, crash_guest, xm-era tools, no xl
    XcpNg82,     ///< modern xapi (XCP-ng 8.2 / XenServer 8): xl, xenops-cli, no legacy tools
    XenXl,       ///< plain Xen 4.17 with the xl toolstack, no xapi
    XenXm,       ///< legacy Xen 4.1 with xm/xend, no xapi
};

QString flavourName(Flavour flavour);
std::optional<Flavour> flavourFromName(const QString& name);
bool hasXapi(Flavour flavour);

/// xapi's power state of a VM.
enum class PowerState { Halted, Running, Paused, Suspended };
QString powerStateName(PowerState state); // "halted", "running", ...
std::optional<PowerState> powerStateFromName(const QString& name);

/// A hypervisor domain on one host, with the flags Xen reports.
struct SimDomain
{
    int domid = 0;
    QString vmUuid; // the domain handle: the VM's UUID (dom0: the control domain's)
    QString name;   // xl/xm name; "(null)" once xenstore forgot it (dying)
    bool running = false;
    bool blocked = true;
    bool paused = false;
    bool shutdown = false;
    bool crashed = false;
    bool dying = false;
    bool hvm = false;
    qint64 memoryKiB = 0;
    qint64 maxMemoryKiB = 0;
    int vcpus = 1;
    QDateTime created;
    double cpuSecondsAtCreate = 0; // dom0 starts with boot-time cpu use
    int lingerCommandsLeft = 0;    // lingering domains: commands until the host reaps it (0 = never)
    int tapdiskPid = 0;            // a tapdisk holding this domain's disk (0 = none)
    int tapdiskMinor = 0;

    double cpuSeconds(const QDateTime& now) const;
    QJsonObject toJson() const;
    static SimDomain fromJson(const QJsonObject& o);
};

/// Per-VM faults (see the file comment).
struct SimVmFaults
{
    bool ignoresCleanShutdown = false;
    bool diesOnlyAfterCrash = false;
    bool lingersAfterDestroy = false;
    int lingerClearsAfter = 0;
    bool domainGone = false;

    QJsonObject toJson() const;
    static SimVmFaults fromJson(const QJsonObject& o);
};

/// A VM as xapi records it (on xl/xm hosts: a guest's configuration).
struct SimVm
{
    QString uuid;
    QString ref; // OpaqueRef:...
    QString nameLabel;
    QString nameDescription;
    bool isControlDomain = false;
    bool hvm = false;
    PowerState powerState = PowerState::Halted;
    QString residentOn; // host uuid; empty when halted
    QString affinity;   // host uuid or empty
    qint64 memoryStaticMin = 0;
    qint64 memoryStaticMax = 0;
    qint64 memoryDynamicMin = 0;
    qint64 memoryDynamicMax = 0;
    int vcpusMax = 1;
    int vcpusAtStartup = 1;
    QString osVersion; // "name: ...; uname: ..." style map text, empty without PV drivers
    QDateTime startTime;
    QDateTime installTime;
    QStringList currentOperationTasks; // task uuids in VM.current_operations
    QStringList vifUuids;
    SimVmFaults faults;

    QJsonObject toJson() const;
    static SimVm fromJson(const QJsonObject& o);
};

/// A xapi task.
struct SimTask
{
    QString uuid;
    QString ref;
    QString nameLabel; // e.g. Async.VM.clean_shutdown
    QString nameDescription;
    QString status = QStringLiteral("pending"); // pending, success, failure, cancelling, cancelled
    double progress = 0.0;
    QDateTime created;
    QDateTime finished;
    bool cancellable = true;
    bool blocksForce = false; // fault: hard shutdown cannot cancel it
    QString vmUuid;           // the VM it works on (empty: none)
    QString operation;        // VM operation name: clean_shutdown, clean_reboot, ...
    QString residentOn;       // host uuid
    QString errorInfo;

    QJsonObject toJson() const;
    static SimTask fromJson(const QJsonObject& o);
};

struct SimNetwork
{
    QString uuid;
    QString nameLabel;
    QString nameDescription;
    QString bridge;

    QJsonObject toJson() const;
    static SimNetwork fromJson(const QJsonObject& o);
};

/// A physical interface of a host (a xapi PIF; on xl/xm hosts just a NIC on a bridge).
struct SimPif
{
    QString uuid;
    QString hostUuid;
    QString device; // eth0
    QString mac;
    QString networkUuid;
    int vlan = -1;
    bool attached = true;
    bool management = false;
    QString ip;
    QString netmask;

    QJsonObject toJson() const;
    static SimPif fromJson(const QJsonObject& o);
};

struct SimVif
{
    QString uuid;
    QString vmUuid;
    int device = 0;
    QString mac;
    QString networkUuid;

    QJsonObject toJson() const;
    static SimVif fromJson(const QJsonObject& o);
};

struct SimSr
{
    QString uuid;
    QString nameLabel;
    QString nameDescription;
    QString type; // lvm, ext, nfs, iso, udev
    QString contentType;
    QString hostUuid; // local SRs; empty for shared
    qint64 physicalSize = 0;
    qint64 physicalUtilisation = 0;
    bool shared = false;

    QJsonObject toJson() const;
    static SimSr fromJson(const QJsonObject& o);
};

/// Per-host faults (see the file comment).
struct SimHostFaults
{
    bool xapiWedged = false;
    bool xapiLostConnection = false;
    bool xapiDown = false;
    bool dead = false;
    int dropConnectionAfter = 0;
    bool xenstoredHung = false;

    QJsonObject toJson() const;
    static SimHostFaults fromJson(const QJsonObject& o);
};

/// One dom0: inventory, hardware, Xen, domains and faults.
struct SimHostModel
{
    QString name; // hostname and name-label
    QString uuid; // INSTALLATION_UUID = host uuid
    QString ref;
    Flavour flavour = Flavour::XcpNg82;
    QString controlDomainUuid;
    QString productBrand;
    QString productVersion;
    QString productVersionText;
    QString platformName;
    QString platformVersion;
    QString buildNumber;
    QString xenVersion; // 4.13.5
    QString kernelRelease;
    QString address;
    QString managementInterface = QStringLiteral("xenbr0");
    qint64 memoryTotalMiB = 65536;
    qint64 dom0MemMiB = 4096;
    int cpus = 16;
    bool openVSwitch = true;
    QDateTime bootTime;
    QList<SimDomain> domains;
    int nextDomid = 1;
    int toolstackRestarts = 0;
    int commandCount = 0; // commands run on this host (drives lingering domains, drops)
    SimHostFaults faults;
    QString xenDmesg; // boot log printed by xl/xm dmesg
    // Network checks and dom0 memory settings (SimNetwork.cpp).
    SimHostConfig config;

    bool isLive() const { return !faults.dead; }
    SimDomain* domain(int domid);
    SimDomain* domainOfVm(const QString& vmUuid); // the live (non-dying) one first
    qint64 freeMemoryMiB() const;
    /// The text of /etc/xensource-inventory (empty for xl/xm hosts).
    QString inventoryText() const;

    QJsonObject toJson() const;
    static SimHostModel fromJson(const QJsonObject& o);
};

/// A lab pool: hosts (the first master unless masterUuid says otherwise), VMs, tasks,
/// networks, PIFs, VIFs, SRs. Plain xl/xm hosts are "pools" of one host without xapi.
struct SimPool
{
    QString uuid;
    QString ref;
    QString nameLabel;
    QString nameDescription;
    QString masterUuid;
    QString defaultSrUuid;
    QList<SimHostModel> hosts;
    QList<SimVm> vms;
    QList<SimTask> tasks;
    QList<SimNetwork> networks;
    QList<SimPif> pifs;
    QList<SimVif> vifs;
    QList<SimSr> srs;
    quint64 revision = 0; // bumped by every change SimStateStore writes
    quint64 seed = 1;     // makes generated UUIDs/MACs repeatable per pool

    SimHostModel* host(const QString& uuidOrName);
    const SimHostModel* host(const QString& uuidOrName) const;
    SimHostModel* master();
    SimVm* vm(const QString& uuid);
    const SimVm* vm(const QString& uuid) const;
    SimVm* controlDomainOf(const QString& hostUuid);
    SimTask* task(const QString& uuid);
    const SimNetwork* network(const QString& uuid) const;

    /// The test hook for a reused domain id, on host `hostName`: VM `vmUuid` restarts in a new
    /// domain (its old domid is freed) and VM `otherVmUuid` (halted) starts in that old domid,
    /// both as xapi and the hypervisor record it. Returns the reused domid, or -1 when the VM
    /// has no live domain there or the other VM is not halted.
    int reuseDomid(const QString& hostName, const QString& vmUuid, const QString& otherVmUuid,
                   const QDateTime& now = QDateTime::currentDateTimeUtc());

    /// A fresh UUID / OpaqueRef / MAC derived from `seed` (repeatable runs).
    QString newUuid();
    QString newRef();
    QString newMac();

    QByteArray toJson() const;
    static std::optional<SimPool> fromJson(const QByteArray& json, QString* error = nullptr);

    /// Names accepted by fromScenario().
    static QStringList scenarioNames();
    /// Builds a named scenario (see scenarioDescription()); nullopt for an unknown name.
    /// "demo" is the default demo pool: a two-host XCP-ng pool with a hung VM.
    static std::optional<SimPool> fromScenario(const QString& name);
    /// One sentence per scenario, for `scripts/labpool` and the demo's "Practise a rescue".
    static QString scenarioDescription(const QString& name);
};

} // namespace xr::sim
