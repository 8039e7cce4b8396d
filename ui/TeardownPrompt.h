#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QWidget;

namespace xr {

class Workspace;
struct InFlightAction;

/// Asks before something tears down hosts while a state-changing command runs on them
/// (closing the window, removing or disconnecting a host, entering or leaving the lab pool):
/// a killed `xe-toolstack-restart` can leave xapi stopped, a killed `update-grub` a half-written
/// boot configuration. The admin chooses:
///   - Wait for Them (the default): `proceed` runs once they have finished;
///   - Stop Them Now: they are stopped on the host (recorded "cancelled"), then `proceed`;
///   - Keep Them Running on the Host: XenRescue stops watching them (recorded "abandoned")
///     and they go on, then `proceed`;
///   - Cancel (Escape): nothing happens.
/// With nothing in flight `proceed` runs at once. Never blocks: the box is window-modal and
/// non-blocking (open()).
class TeardownPrompt final
{
    Q_DECLARE_TR_FUNCTIONS(xr::TeardownPrompt)

public:
    /// `what` says what would happen, e.g. "Closing XenRescue" (translated).
    static void ask(QWidget* parent, Workspace* workspace, const QStringList& hostIds, const QString& what,
                    std::function<void()> proceed);

private:
    /// One line per action: what it is, where it runs and for how long.
    static QString describe(Workspace* workspace, const InFlightAction& action);
};

} // namespace xr
