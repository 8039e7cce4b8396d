#pragma once

#include "RungContext.h"

#include <span>

// The known refusals as data: one table, each entry with the rungs and flavours it
// concerns, its explanation and the rung that fits next.
namespace xr::ladder {

struct RefusalSpec
{
    const char16_t* code;
    /// Lower-case fragments of xl/xm/shell output that mean this (no xe code there).
    const char* patterns[4];
    const char* text;
    RungId next;
    bool hasNext;
    bool wedged;
    quint32 rungs;
    quint32 flavours;
};

/// Every known refusal.
std::span<const RefusalSpec> refusalSpecs();
/// The refusal with this code, or nullptr.
const RefusalSpec* refusalByCode(QStringView code);
/// The refusals a rung can meet on a flavour, translated.
QList<Refusal> refusalsFor(RungId rung, FlavourKind flavour);

} // namespace xr::ladder
