#pragma once

#include "HostFlavour.h"
#include "PoolState.h"
#include "ScopeReader.h"
#include "VmSituation.h"

#include <QObject>
#include <QStringList>

namespace xr {

class PoolMonitor;

/// What one diagnosis (or one check of a rung) found about the VM.
struct DiagnosisFinding
{
    /// A connection dropped during the read: nothing below is known.
    bool lost = false;
    QString lostHost;
    /// The host that answered for the pool is gone.
    bool failed = false;
    QString error;
    HostFlavour flavour;
    /// The VM with both views merged, as read now.
    VmState vm;
    /// The situation the ladder is built from (previousAttempts is the run's to fill).
    VmSituation situation;
    /// Why xapi's view could not be read (for the transcript); empty when it was.
    QString xapiNote;
    /// Domain lists that could not be read, one sentence each.
    QStringList warnings;
};

/// One read of a VM's scope for a rescue: the VM's xapi record and pending tasks, HA, and every
/// connected host's domains, through the one reader (ScopeRead plan, ScopeReader, ScopeRead
/// merge) with the poll's thresholds; then the VmSituation the ladder is built from.
/// Deleting it stops the reads in flight.
class RescueDiagnosis final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RescueDiagnosis)

public:
    struct Target
    {
        QString vmId;
        /// The VM as last known (the tree's or the last diagnosis').
        VmState vm;
        /// Its scope: a pool model id or a standalone host id.
        QString scopeId;
        /// The session that answers for xapi (or the standalone host's).
        QString sourceId;
        /// A check reads less (no HA).
        bool forCheck = false;
    };

    RescueDiagnosis(PoolMonitor* monitor, ScopeReader::Sender sender, Target target,
                    const DiagnosisThresholds& thresholds, QObject* parent = nullptr);
    ~RescueDiagnosis() override;

    /// Sends the reads; finished() when they are all back (maybe before this returns).
    void start();
    const DiagnosisFinding& finding() const { return m_finding; }

    /// The request for a VM's scope: the xapi source reads the VM and its tasks (and HA),
    /// every connected, identified host of the pool lists its domains.
    static ScopeRequest requestFor(const PoolMonitor& monitor, const Target& target);

Q_SIGNALS:
    void finished();

private:
    void finish();
    QString hostKeyOf(const QString& sessionId) const;

    PoolMonitor* m_monitor;
    ScopeReader::Sender m_sender;
    Target m_target;
    DiagnosisThresholds m_thresholds;
    ScopeReader* m_reader = nullptr;
    DiagnosisFinding m_finding;
};

} // namespace xr
