#pragma once

#include "RungContext.h"

#include <span>

// The ladder as data: the words of each rung (shared by every flavour) and one table per
// flavour saying, rung by rung, which builder, check, verification and host apply.
namespace xr::ladder {

struct RungText
{
    RungId id;
    const char16_t* idName;
    const char16_t* number;
    RiskLevel risk;
    const char* title;
    const char* explanation;
    const char* lost;
};

/// Every rung's words, in ladder order.
std::span<const RungText> rungTexts();
/// The words of `id` (the diagnosis' for an unknown id).
const RungText& textOf(RungId id);

using Builder = QList<ShellCommand> (*)(const RungContext&);
using Check = QString (*)(const RungContext&);
using VerifyFn = Verification (*)(const RungContext&);
using RoleFn = HostRole (*)(const RungContext&);

struct RungSpec
{
    RungId id;
    /// Non-null: the rung does not exist on this flavour, and this says why.
    const char* unavailable;
    std::optional<HostTool> tool;
    RoleFn role;
    bool needsXapi;
    bool needsVmUuid;
    Builder commands;
    Check check;
    VerifyFn verify;
};

/// The rungs of a flavour, in ladder order.
QList<const RungSpec*> tableFor(FlavourKind kind);

} // namespace xr::ladder
