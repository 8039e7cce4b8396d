#pragma once

#include "SimModel.h"

#include <QString>

#include <functional>

namespace xr::sim {

/// A lab pool kept on disk: `<dir>/state.json` (the SimPool JSON), guarded by
/// `<dir>/state.json.lock` (QLockFile). Every command a lab host runs reads, changes and
/// writes the state while holding the lock, so any number of concurrent `xenrescue-labhost`
/// processes (and SSH channels) see one consistent pool. Writes go through a temporary file
/// and a rename, so a reader never sees half a file.
///
/// Layout of a lab pool directory (what the lab-pool harness and scripts/labpool create):
///   state.json            the pool (XR_LAB_STATE points here)
///   state.json.lock       the lock
///   record.jsonl          one JSON line per command run (XR_LAB_RECORD, default)
///   hosts/<name>/var/log  each host's logs (xensource.log, SMlog, daemon.log, xen/...)
///   hosts/<name>/etc      each host's /etc files (xensource-inventory, xen/xl.conf ...)
class SimStateStore final
{
public:
    explicit SimStateStore(QString statePath);

    QString statePath() const { return m_statePath; }
    /// The folder holding state.json: hosts/<name>/... live under it.
    QString baseDir() const;
    /// `<baseDir>/hosts/<host>`: the root of that host's simulated files.
    QString hostRoot(const QString& hostName) const;

    /// Writes `pool` as the new state (creating the folder) and lays out every host's
    /// files (inventory, logs). Fails with a message in `error`.
    bool initialise(const SimPool& pool, QString* error = nullptr);

    /// Reads the state under the lock.
    std::optional<SimPool> load(QString* error = nullptr) const;

    /// Read-modify-write under the lock: `change` returns true when it changed the pool,
    /// which is then written back with its revision bumped. Returns false when the state
    /// could not be read, locked or written (message in `error`).
    bool update(const std::function<bool(SimPool&)>& change, QString* error = nullptr);

    /// How long update()/load() wait for the lock before giving up.
    static constexpr int LockTimeoutMs = 30000;

private:
    std::optional<SimPool> readUnlocked(QString* error) const;
    bool writeUnlocked(const SimPool& pool, QString* error);

    QString m_statePath;
};

/// Creates a host's simulated file tree under `root` (etc/xensource-inventory, etc/xen,
/// var/log with seeded, partly rotated logs). Used by SimStateStore::initialise and SimHost.
bool layOutHostFiles(const SimPool& pool, const SimHostModel& host, const QString& root, QString* error = nullptr);

} // namespace xr::sim
