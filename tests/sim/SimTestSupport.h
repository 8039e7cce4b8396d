#pragma once

#include "SimDispatcher.h"
#include "SimModel.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <QStringList>

// Helpers for the simulator tests: run a command on a pool value directly (no files), read
// a real sample from tests/data.
namespace xrtest {

struct Run
{
    int exit = 0;
    QByteArray out;
    QByteArray err;
    bool blocked = false;
};

inline Run runOn(xr::sim::SimPool& pool, const QString& host, const QStringList& argv)
{
    const xr::sim::SimCommandOutput o = xr::sim::SimDispatcher::run(pool, host, argv, QDateTime::currentDateTimeUtc());
    return Run{o.exitCode, o.out, o.err, o.wait.has_value()};
}

inline xr::sim::SimPool scenario(const char* name)
{
    return xr::sim::SimPool::fromScenario(QString::fromLatin1(name)).value();
}

inline QByteArray sample(const char* name)
{
    QFile f(QStringLiteral(XR_TEST_DATA_DIR "/") + QString::fromUtf8(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QString uuidOf(const xr::sim::SimPool& pool, const char* vmName)
{
    for (const xr::sim::SimVm& vm : pool.vms)
        if (vm.nameLabel == QString::fromUtf8(vmName))
            return vm.uuid;
    return {};
}

} // namespace xrtest
