#pragma once

#include <QString>

namespace xr {

/// Names of the embedded resources, so a typo is caught in one place.
class Resources final
{
public:
    Resources() = delete;

    /// ":/icons/NAME.svg"
    static QString icon(const QString& name);
    /// The folder holding the embedded translations (xenrescue_LANG.qm).
    static QString translationsFolder();
};

} // namespace xr
