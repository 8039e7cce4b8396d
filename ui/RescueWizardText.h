#pragma once

#include "RescueRun.h"

#include <QCoreApplication>
#include <QString>

namespace xr {

/// The texts the rescue wizard shows that depend only on the run: the situation as HTML,
/// the exact commands of a rung, one transcript line. Its strings belong to the wizard's
/// translation context.
class RescueWizardText final
{
    Q_DECLARE_TR_FUNCTIONS(xr::RescueWizard)

public:
    /// HTML-escaped, with control characters made visible (a hostile name never lays out).
    static QString escaped(const QString& s);
    /// The rung's commands exactly as they are sent, one per line.
    static QString commandsText(const Rung& rung);
    /// Both views of the VM (xapi's and the hypervisor's), tasks, hosts, and the summary.
    static QString situationHtml(const RescueRun& run);
    /// `HH:mm:ss $ command`, `HH:mm:ss   output`... with control characters replaced.
    static QString transcriptLine(const TranscriptEntry& e);
};

} // namespace xr
