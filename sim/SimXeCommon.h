#pragma once

// What the parts of the simulated `xe` share (SimXe.cpp, SimXeRecords, SimXeLists,
// SimXeVmOps): record fields, parameters, and xapi's error texts. Not part of the sim's
// public API.

#include "SimInternal.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace xr::sim::detail::xe {

inline constexpr const char* NotInDb = "<not in database>";
inline constexpr const char* Expensive = "<expensive field>";

/// One field of an xe record as cli_printer.ml prints it: `name ( RO): value`.
struct F
{
    QString name;
    char kind = ' '; // ' ', 'M' (map), 'S' (set)
    bool rw = false;
    QString value;
    bool expensive = false;
    bool deprecated = false;

    QString key() const
    {
        QString k = name + QStringLiteral(" (") + QChar::fromLatin1(kind) +
                    (rw ? QStringLiteral("RW)") : QStringLiteral("RO)"));
        if (deprecated)
            k += QStringLiteral(" [DEPRECATED]");
        return k;
    }
};
using Rec = QList<F>;

/// The command line after the xe command: `key=value` pairs and `--flags`.
struct Params
{
    QList<std::pair<QString, QString>> kv;
    bool minimal = false;

    bool has(const QString& k) const
    {
        for (const auto& p : kv)
            if (p.first == k)
                return true;
        return false;
    }
    QString get(const QString& k) const
    {
        for (const auto& p : kv)
            if (p.first == k)
                return p.second;
        return {};
    }
    bool flag(const QString& k) const
    {
        const QString v = get(k).toLower();
        return v == u"true" || v == u"yes" || v == u"on" || v == u"1";
    }
};

Params parseParams(const QStringList& args);
/// Parameters that select or steer rather than filter (cli_operations.ml stdparams + extras).
bool isStdParam(const QString& k);
QString boolStr(bool b);
/// XCP-ng 8.2 rather than XenServer 6.2.
bool modern(const Ctx& c);
/// Running or paused: the VM has a domain.
bool isLive(const SimVm& vm);
/// The field of a record by name, or nullptr.
const F* field(const Rec& r, const QString& name);

// Errors as xe prints them (cli_util.ml server_error; newcli.ml client errors).
SimCommandOutput serverError(Ctx& c, const QString& doc, const QList<std::pair<QString, QString>>& params);
SimCommandOutput cliError(Ctx& c, const QString& message);
QString vmRef(const SimVm& vm);
QString hostRef(const SimHostModel& h);
SimCommandOutput badPowerState(Ctx& c, const SimVm& vm, const QString& expected);
SimCommandOutput otherOperation(Ctx& c, const SimVm& vm, const SimTask& t);
SimCommandOutput hostOffline(Ctx& c, const SimHostModel& h);
SimCommandOutput internalError(Ctx& c, const QString& message);
SimCommandOutput uuidInvalid(Ctx& c, const QString& cls, const QString& uuid);

} // namespace xr::sim::detail::xe
