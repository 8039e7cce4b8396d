#include "ProcessHardening.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#endif

namespace xr {

QString ProcessHardening::disableCoreDumps()
{
#ifdef Q_OS_LINUX
    QString problems;
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        problems += QStringLiteral("setrlimit(RLIMIT_CORE): %1. ").arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        problems += QStringLiteral("prctl(PR_SET_DUMPABLE): %1.").arg(QString::fromLocal8Bit(std::strerror(errno)));
    return problems.trimmed();
#else
    return {};
#endif
}

bool ProcessHardening::coreDumpsDisabled()
{
#ifdef Q_OS_LINUX
    rlimit core{};
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 && getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0;
#else
    return false;
#endif
}

} // namespace xr
