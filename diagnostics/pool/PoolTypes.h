#pragma once

#include "DomainList.h"
#include "HostFlavour.h"
#include "VmSituation.h"

#include <QDateTime>
#include <QFlags>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace xr {

/// Who a connected host is: read once per connection by HostSession's probe.
struct HostIdentity
{
    QString hostname;
    /// INSTALLATION_UUID of /etc/xensource-inventory (xapi's host uuid); empty on xl/xm hosts.
    QString uuid;
    QString controlDomainUuid;
    HostFlavour flavour;
    HostTools tools;
    /// Full paths (or names) `command -v` printed, by tool name ("list_domains" -> path).
    QHash<QString, QString> toolPaths;
    /// XEN_VERSION of the inventory, or xen_version of `xl info` / `xm info`.
    QString xenVersion;
    /// total_memory of `xl info` / `xm info` in MiB; -1 when not read (xapi hosts).
    qint64 totalMemoryMiB = -1;

    bool operator==(const HostIdentity&) const = default;
};

/// One VM as xapi's `xe vm-list` reports it.
struct XapiVm
{
    QString uuid;
    QString name;
    XapiPowerState powerState = XapiPowerState::Unknown;
    /// Host uuid; empty for `<not in database>` (halted VMs).
    QString residentOn;
    bool isControlDomain = false;
    bool isTemplate = false;
    bool isSnapshot = false;
    QStringList currentOperations;
    QStringList allowedOperations;
    /// `dom-id`; -1 when halted or unknown.
    qint64 domid = -1;
    qint64 memoryStaticMaxBytes = -1;
    int vcpus = -1;
    /// `HVM-boot-policy` is set: an HVM guest (the only hint both xapi generations print).
    bool hvm = false;
    /// The listing cannot tell this record apart from a forgery (XeRecord::ambiguous): its
    /// uuid appears twice, its name holds a line break, or its boundaries do not line up.
    bool ambiguous = false;

    bool operator==(const XapiVm&) const = default;
};

/// A pending xapi task (`xe task-list status=pending`).
struct XapiTask
{
    QString uuid;
    QString name;
    QString status;
    double progress = -1.0;
    QDateTime created;
    bool cancellable = false;
    QString residentOn;

    bool operator==(const XapiTask&) const = default;
};

/// A pool member as `xe host-list` reports it.
struct XapiHost
{
    QString uuid;
    QString name;
    QString address;
    bool enabled = true;
    /// host-metrics-live: false for a host xapi considers dead.
    bool live = true;

    bool operator==(const XapiHost&) const = default;
};

/// The pool as `xe pool-list` reports it.
struct XapiPool
{
    QString uuid;
    QString name;
    QString masterUuid;

    bool isKnown() const { return !uuid.isEmpty(); }
    bool operator==(const XapiPool&) const = default;
};

/// What xapi believes, read from one host (the master when it is connected).
struct XapiView
{
    /// At least one `xe vm-list` answered; the records are the last answer's.
    bool valid = false;
    QDateTime time;
    QList<XapiVm> vms;
    QList<XapiTask> tasks;

    bool operator==(const XapiView&) const = default;
};

/// What one host's hypervisor runs (`list_domains`, `xl list`, `xm list`).
struct HypervisorView
{
    bool valid = false;
    QDateTime time;
    DomainListFormat format = DomainListFormat::XlList;
    QList<Domain> domains;
    /// Why the last listing failed; empty when it worked.
    QString error;
};

/// Where xapi and the hypervisor disagree about a VM, or why the VM needs a look.
enum class Disagreement : quint32 {
    None = 0,
    RunningButNoDomain = 1u << 0,    ///< xapi: running/paused; the hypervisor has no domain
    HaltedButDomainExists = 1u << 1, ///< xapi: halted/suspended; a domain still exists
    DyingDomain = 1u << 2,           ///< the domain is dying or `(null)`: a backend holds it
    OperationStuck = 1u << 3,        ///< an operation/task has been pending past the threshold
    XapiUnknown = 1u << 4,           ///< xapi does not answer: its view is unknown or old
    DomainWithoutVm = 1u << 5,       ///< a domain xapi has no VM record for
    AmbiguousRecords = 1u << 6,      ///< xapi's records for it cannot be told apart: read it by uuid= before acting
};
Q_DECLARE_FLAGS(Disagreements, Disagreement)
Q_DECLARE_OPERATORS_FOR_FLAGS(Disagreements)

/// One VM with both views merged: what xapi believes next to what the hypervisor runs.
/// On xl/xm hosts there is no xapi view and the VMs are the domains.
struct VmState
{
    /// Stable identity: the VM's uuid; on hosts whose listing has no uuid (xl/xm list),
    /// "<hostId>/<name>" (or "<hostId>/domid/<N>" for a `(null)` domain).
    QString id;
    QString uuid;
    QString name;
    /// The model row it belongs under: a host id, or the pool id for a VM resident nowhere.
    QString parentId;
    /// The host whose hypervisor view was used (its id); empty when none.
    QString hostId;
    /// xapi has a record for it (always false on xl/xm hosts).
    bool hasXapi = false;
    XapiPowerState powerState = XapiPowerState::Unknown;
    bool isControlDomain = false;
    bool hvm = false;
    DomainView domain;
    QStringList currentOperations;
    QStringList allowedOperations;
    QList<PendingTask> tasks;
    /// Age of the oldest pending operation in seconds; -1 when none.
    qint64 operationAgeSeconds = -1;
    qint64 memoryMiB = -1;
    int vcpus = -1;
    XapiHealth xapiHealth = XapiHealth::Answering;
    Disagreements problems;
    /// The host it is on was lost: what is shown is the last known state.
    bool stale = false;
    /// PoolState::fingerprint() of the fields above, set by merge() (off the GUI thread) so
    /// that the model compares one number per VM; 0: not computed (compare the fields).
    quint64 fingerprint = 0;

    bool operator==(const VmState&) const = default;
    /// The part of the state a view shows in the tree (name, both states, problems,
    /// staleness): a change here is "changed recently"; task ages are not.
    bool sameAtAGlance(const VmState& other) const;
};

/// One host's contribution to a merge.
struct MergeHost
{
    /// The model id of the host (xapi host uuid, or the session id for xl/xm hosts).
    QString hostId;
    /// xapi's uuid of the host, matched against resident-on; empty on xl/xm hosts.
    QString xapiUuid;
    FlavourKind flavour = FlavourKind::XapiModern;
    /// nullptr when the host is not connected (never was, or lost before the first listing).
    const HypervisorView* hypervisor = nullptr;
    /// The session is lost: its last listing is old.
    bool stale = false;
    /// xapi's liveness of the host (host-metrics-live).
    bool live = true;
};

/// Everything merge() needs for one pool (or one standalone host).
struct MergeInput
{
    /// The scope id: VMs resident nowhere go under it (the pool's model id).
    QString scopeId;
    /// nullptr on xl/xm hosts.
    const XapiView* xapi = nullptr;
    XapiHealth xapiHealth = XapiHealth::Answering;
    /// The session xapi's view came from is lost.
    bool xapiStale = false;
    QList<MergeHost> hosts;
    QDateTime now;
    int stuckThresholdSeconds = 120;
    /// When each "vmUuid/operation" was first seen pending (kept by the caller between
    /// merges); nullptr to go by task ages only.
    const QHash<QString, QDateTime>* operationFirstSeen = nullptr;
};

} // namespace xr

Q_DECLARE_METATYPE(xr::VmState)
