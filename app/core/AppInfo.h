#pragma once

#include <QString>

class QCoreApplication;

namespace xr {

/// Names and version shared by both executables, and the translation setup they share.
class AppInfo final
{
public:
    AppInfo() = delete;

    static QString version();
    static QString displayName();

    /// Application and organisation names: they decide where QStandardPaths puts our files.
    static void applyNames();

    /// Installs the translations for the system locale (ours from the embedded .qm files,
    /// Qt's own from the Qt installation). Returns true when ours was found.
    static bool installTranslations(QCoreApplication& app);
};

} // namespace xr
