#pragma once

#include "RecoveryLadder.h"
#include "Result.h"
#include "VmSituation.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace xr {

/// JSON for the ladder: a VmSituation in and out (the CLI's `--state FILE`, saved
/// what-if cases) and a Ladder out. Keys are camelCase, enums lower-case words
/// ("running", "not-answering", "destroy-domain", "timed-out"); a domain's flags are the
/// xl spelling ("--p--d"). `toolsPresent` absent means "not probed".
class LadderJson final
{
public:
    static QJsonObject toJson(const VmSituation& situation);
    /// Strict about types and enum words (a typo must not silently become a default);
    /// keys that are absent keep their defaults.
    static Result<VmSituation> situationFromJson(const QJsonObject& object);
    static Result<VmSituation> situationFromJson(QByteArrayView json);

    static QJsonObject toJson(const Ladder& ladder);
    static QJsonObject toJson(const Rung& rung);

    static QString powerStateName(XapiPowerState state);
    static std::optional<XapiPowerState> powerStateFromName(QStringView name);
    static QString healthName(XapiHealth health);
    static std::optional<XapiHealth> healthFromName(QStringView name);
    static QString outcomeName(AttemptOutcome outcome);
    static std::optional<AttemptOutcome> outcomeFromName(QStringView name);
};

} // namespace xr
