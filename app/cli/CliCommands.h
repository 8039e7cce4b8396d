#pragma once

#include "CliDispatcher.h"

class QTextStream;

namespace xr {

/// `xenrescue-cli read KIND FILE|-`: host output as normalised JSON.
int runReadCommand(CliDispatcher::Context& context);
/// `xenrescue-cli ladder --flavour F --version V --state FILE|- [--json]`: the recovery
/// ladder for a described situation (offline "what if").
int runLadderCommand(CliDispatcher::Context& context);
/// `xenrescue-cli status [user@]host[:port] [--json] | --demo SCENARIO`: one poll cycle of a
/// host through HostSession: flavour, version, xapi health, every VM with both views.
int runStatusCommand(CliDispatcher::Context& context);
/// `xenrescue-cli plan [user@]host[:port] VM [--json] | --demo SCENARIO [HOST] VM`: the live
/// diagnosis and the recovery ladder of one VM (dry run: only reads are sent).
int runPlanCommand(CliDispatcher::Context& context);
/// `xenrescue-cli scan [--json] FILE...`: the error catalogue's hits in logs (.gz too).
int runScanCommand(CliDispatcher::Context& context);
/// `xenrescue-cli network [user@]host [--json|--dot] | --demo SCENARIO`: the topology and checks.
int runNetworkCommand(CliDispatcher::Context& context);
/// `xenrescue-cli memory [user@]host [--json] | --demo SCENARIO`: memory figures, settings, advice.
int runMemoryCommand(CliDispatcher::Context& context);

struct Ladder;
/// The ladder as the `ladder` command prints it.
void printLadderText(const Ladder& ladder, QTextStream& out);

} // namespace xr
