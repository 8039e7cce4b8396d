#pragma once

// What a host says about its VMs, read and merged: the `xe` list parsers, the per-VM merge of
// xapi's view with the hypervisor's, and the words for power states, health and problems. No I/O.

#include "PoolTypes.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QFlags>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// Parsers from `xe` output to the app's value types, and the per-VM merge of both views.
class PoolState final
{
    Q_DECLARE_TR_FUNCTIONS(PoolState)

public:
    /// `xe vm-list params=...`; nullopt when the text is not an `xe` listing. Records that
    /// cannot be told apart from a forgery are kept and marked `ambiguous`. `onlyUuid`: the
    /// listing was asked for that VM alone (`uuid=`), so a record of any other uuid was
    /// printed by that VM's own values: it is dropped and the VM marked.
    static std::optional<QList<XapiVm>> parseVmList(QByteArrayView output, const QString& onlyUuid = {});
    static std::optional<QList<XapiTask>> parseTaskList(QByteArrayView output);
    static std::optional<QList<XapiHost>> parseHostList(QByteArrayView output);
    /// The first pool of `xe pool-list`.
    static std::optional<XapiPool> parsePoolList(QByteArrayView output);
    /// xapi's date format (20240611T09:12:01Z), also with dashes/colons and fractions.
    static QDateTime parseXapiDate(QStringView text);
    static XapiPowerState powerStateFromName(QStringView name);

    /// Merges xapi's records with every host's domains, per VM. Templates and snapshots are
    /// left out; the control domains stay in (the model hides them unless asked). One VM per
    /// uuid: records that share a uuid (or are marked ambiguous) become one VM flagged
    /// AmbiguousRecords, with only what all of them agree on.
    static QList<VmState> merge(const MergeInput& input);
    /// Updates `firstSeen` ("vmUuid/operation" -> time) from the VMs' current operations:
    /// new ones get `now`, gone ones are dropped.
    static void trackOperations(const QList<VmState>& vms, const QDateTime& now, QHash<QString, QDateTime>& firstSeen);
    /// A 64-bit hash of every field but `fingerprint` itself; never 0.
    static quint64 fingerprint(const VmState& vm);

    /// "running", "halted"... (JSON, CLI).
    static QString powerStateKey(XapiPowerState state);
    /// Translated power state.
    static QString powerStateText(XapiPowerState state);
    /// "answering", "slow", "not-answering", "refused".
    static QString healthKey(XapiHealth health);
    static QString healthText(XapiHealth health);
    /// Every single flag, in severity order.
    static QList<Disagreement> allDisagreements();
    /// "running-but-no-domain"... (JSON, CLI).
    static QString disagreementKey(Disagreement flag);
    /// A short badge text ("no domain", "stuck 47 min").
    static QString disagreementText(Disagreement flag);
    /// What the badge means, in a sentence or two.
    static QString disagreementExplanation(Disagreement flag);
    /// "7 -b----", "none", "?".
    static QString domainText(const DomainView& domain);
    /// "5 s", "3 min", "2 h".
    static QString durationText(qint64 seconds);
};

} // namespace xr
