#pragma once

// The classes `xe` lists and how it lists them: CLASS-list, CLASS-param-list,
// CLASS-param-get (cli_operations.ml, cli_printer.ml).

#include "SimXeCommon.h"

#include <functional>

namespace xr::sim::detail::xe {

/// One class of xe objects: its names and every record of it.
struct XeClass
{
    QString cls;     // xe name: vm, host, ...
    QString errName; // UUID_INVALID type: VM, host, ...
    QStringList defaults;
    std::function<QList<Rec>(Ctx&)> all;
};

QList<XeClass> classes();
SimCommandOutput listCmd(Ctx& c, const XeClass& cls, const Params& p);
SimCommandOutput paramListCmd(Ctx& c, const XeClass& cls, const Params& p);
SimCommandOutput paramGetCmd(Ctx& c, const XeClass& cls, const Params& p);

} // namespace xr::sim::detail::xe
