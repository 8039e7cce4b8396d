#pragma once

#include "Result.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace xr {

namespace sim {
class SimLab;
}

class ConnectionManager;

/// What the command line asked about demo mode: `--demo`, `--demo SCENARIO`, `--demo=SCENARIO`.
struct DemoRequest
{
    bool requested = false;
    QString scenario; // empty: the default scenario
    QString error;    // user-facing; set for an unknown scenario or a misplaced option
};

/// The demo mode (ARCHITECTURE.md section 5): a lab pool simulated in process (SimLab and
/// one SimHost per host, no network) shown in the host tree in place of the saved hosts.
/// Lab hosts and real hosts never mix: start() takes the saved hosts out of the tree (the
/// inventory is untouched) and stop() puts them back. Nothing about the lab is saved and its
/// commands are not audited.
class DemoSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSession)

public:
    explicit DemoSession(ConnectionManager* connections, QObject* parent = nullptr);
    ~DemoSession() override;

    /// Replaces what the tree shows with the lab pool of `scenario` (a fresh one, also when
    /// the same scenario runs already) and connects its hosts. false with a message in
    /// `error` for an unknown scenario or when the lab cannot be laid out.
    [[nodiscard]] Result<void> start(const QString& scenario = defaultScenario());
    /// Removes the lab hosts and shows the saved hosts again (without connecting them).
    void stop();

    bool isActive() const { return m_lab != nullptr; }
    QString scenario() const { return m_scenario; }
    /// The ids of the lab hosts in the ConnectionManager, master first.
    QStringList hostIds() const { return m_hostIds; }

    static QString defaultScenario() { return QStringLiteral("demo"); }
    static QStringList scenarioNames();
    /// A short translated title and a translated sentence for the practice dialog.
    static QString scenarioTitle(const QString& scenario);
    static QString scenarioDescription(const QString& scenario);

    /// Reads the demo options from the command line (argv without the program name is fine too).
    static DemoRequest parseArguments(const QStringList& arguments);
    /// The scenario to start with, if any: the requested one, or the default one when no host
    /// is saved (a first start shows the lab pool rather than an empty window).
    static std::optional<QString> startupScenario(const DemoRequest& request, bool anyHostSaved);

Q_SIGNALS:
    /// Demo mode began or ended.
    void activeChanged(bool active);
    /// A (new) lab pool runs; also emitted when the same scenario restarts.
    void scenarioStarted(const QString& scenario);

private:
    void removeLabHosts();

    ConnectionManager* m_connections;
    std::shared_ptr<sim::SimLab> m_lab;
    QString m_scenario;
    QStringList m_hostIds;
};

} // namespace xr
