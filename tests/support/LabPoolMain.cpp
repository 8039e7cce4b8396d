// xenrescue-labpool: starts a lab pool behind real sshd for trying by hand (scripts/labpool),
// prints how to reach each host, and stops everything on Ctrl+C. A developer tool: it needs
// root (mount namespaces) and is never installed.
//
//   xenrescue-labpool [SCENARIO]   start SCENARIO (default: demo)
//   xenrescue-labpool --list       scenario names with one-line descriptions

#include "LabPool.h"
#include "ProcessResult.h"
#include "SimModel.h"

#include <QCoreApplication>
#include <QStringList>

#include <csignal>
#include <cstdio>

#include <signal.h>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

void print(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

int list()
{
    for (const QString& name : xr::sim::SimPool::scenarioNames())
        print(QStringLiteral("%1\n    %2\n").arg(name, xr::sim::SimPool::scenarioDescription(name)));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.value(0) == u"--help" || args.value(0) == u"-h" || args.size() > 1) {
        print(QStringLiteral("usage: xenrescue-labpool [SCENARIO] | --list\n"));
        return args.size() > 1 ? 2 : 0;
    }
    if (args.value(0) == u"--list")
        return list();
    const QString scenario = args.value(0, QStringLiteral("demo"));
    if (!xr::sim::SimPool::scenarioNames().contains(scenario)) {
        std::fprintf(stderr, "xenrescue-labpool: unknown scenario '%s'; scenarios:\n", qPrintable(scenario));
        for (const QString& name : xr::sim::SimPool::scenarioNames())
            std::fprintf(stderr, "  %s\n", qPrintable(name));
        return 2;
    }

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        sigaction(s, &action, nullptr);

    xr::test::LabPool pool(QStringLiteral(XR_LABHOST));
    print(QStringLiteral("Starting lab pool '%1'…\n").arg(scenario));
    if (!pool.start(scenario)) {
        std::fprintf(stderr, "xenrescue-labpool: %s\n", qPrintable(pool.errorString()));
        return 1;
    }

    using xr::test::shellQuote;
    QString out = QStringLiteral("\nLab pool '%1' — nothing here is real.\n%2\n\n")
                      .arg(scenario, xr::sim::SimPool::scenarioDescription(scenario));
    for (const xr::test::LabPoolHost& h : pool.hosts()) {
        out += QStringLiteral("%1 (%2%3)\n")
                   .arg(h.name, h.flavour, h.master ? QStringLiteral(", pool master") : QString());
        if (!h.reachable) {
            out += QStringLiteral("  dead pool member: no sshd, as a real dead host does not answer\n\n");
            continue;
        }
        out += QStringLiteral("  ssh -i %1 -p %2 -o UserKnownHostsFile=%3 -o IdentitiesOnly=yes %4@%5\n")
                   .arg(shellQuote(h.clientKeyPath))
                   .arg(h.port)
                   .arg(shellQuote(h.knownHostsPath), h.user, h.address);
        out += QStringLiteral("  XenRescue: Connect… to %1@%2:%3, key file %4\n")
                   .arg(h.user, h.address)
                   .arg(h.port)
                   .arg(h.clientKeyPath);
        out += QStringLiteral("  host key:    %1\n").arg(h.fingerprint);
        out += QStringLiteral("  known_hosts: %1\n\n").arg(h.knownHostsLine);
    }
    out += QStringLiteral("State: %1\nEvery command the hosts run: %2\n\nPress Ctrl+C to stop the pool.\n")
               .arg(pool.statePath(), pool.recordPath());
    print(out);

    // Blocked only now: sshd and its sessions were forked before, with the usual mask.
    sigset_t blocked;
    sigset_t previous;
    sigemptyset(&blocked);
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        sigaddset(&blocked, s);
    sigprocmask(SIG_BLOCK, &blocked, &previous);
    while (!g_stop)
        sigsuspend(&previous);
    print(QStringLiteral("\nStopping the lab pool…\n"));
    pool.stop();
    return 0;
}
