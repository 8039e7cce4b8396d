// xenrescue-labhost: one command of a simulated Xen host.
//
// Invocation:
//   - as a link named after the tool (`xe`, `xl`, `xm`, `list_domains`, `xe-toolstack-restart`,
//     `xenops`, `crash_guest`, `brctl`, `ovs-vsctl`, `ip`, `tap-ctl`, `xen-cmdline`, `logger`,
//     `xenops-cli`): argv is the command line;
//   - `xenrescue-labhost PROGRAM ARGS...`: the same without a link;
//   - `xenrescue-labhost --sh 'LINE'`: a command string in the SimShell subset;
//   - `xenrescue-labhost --init DIR SCENARIO`: writes DIR/state.json and every host's files
//     (DIR/hosts/<name>/{etc,var/log}) for a named scenario and prints the state path;
//   - `xenrescue-labhost --programs FLAVOUR`: the tool paths a host of that flavour has
//     (xenserver-6.2, xcp-ng-8.2, xen-4.17-xl, xen-4.1-xm), one a line, for the links;
//   - `xenrescue-labhost --scenarios`: scenario names with one-line descriptions;
//   - `xenrescue-labhost --reuse-domid VM OTHER` (XR_LAB_STATE, XR_LAB_HOST): VM (UUID or name)
//     restarts in a new domain and the halted VM OTHER starts in its old domain id, as after a
//     reboot (SimPool::reuseDomid); prints the reused id. For practising the domain guard.
//
// Environment (the lab-pool harness sets them with sshd's SetEnv):
//   XR_LAB_STATE   path of the pool's state.json (required for commands)
//   XR_LAB_HOST    name of the host this is (required for commands)
//   XR_LAB_RECORD  record file, one JSON line per command (default: record.jsonl next to
//                  the state); see SimRunner.h for the line format.
//
// Exit status is the simulated tool's: xe errors 1, unknown tools 127 (with bash's
// message), usage errors as the real tool. A blocked command (wedged xapi) polls the state
// until it can finish; the caller's timeout ends it by signal, as for the real tool.

#include "SimDispatcher.h"
#include "SimModel.h"
#include "SimRunner.h"
#include "SimStateStore.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>
#include <cstdlib>

using namespace xr::sim;

namespace {

void write(FILE* stream, const QByteArray& data)
{
    if (!data.isEmpty())
        std::fwrite(data.constData(), 1, size_t(data.size()), stream);
    std::fflush(stream);
}

int usage()
{
    write(stderr, QByteArrayLiteral("usage: xenrescue-labhost PROGRAM [ARGS...] | --sh LINE | --init DIR SCENARIO | "
                                    "--programs FLAVOUR | --scenarios\n"));
    return 2;
}

QString env(const char* name)
{
    return QString::fromLocal8Bit(qgetenv(name));
}

} // namespace

int main(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const QString self = QFileInfo(args.value(0)).fileName();
    if (self == u"xenrescue-labhost") {
        args.removeFirst();
        if (args.isEmpty())
            return usage();
        if (args.first() == u"--scenarios") {
            for (const QString& s : SimPool::scenarioNames())
                write(stdout, (s + u'\t' + SimPool::scenarioDescription(s) + u'\n').toUtf8());
            return 0;
        }
        if (args.first() == u"--programs") {
            const std::optional<Flavour> f = flavourFromName(args.value(1));
            if (!f)
                return usage();
            write(stdout, (SimDispatcher::programPaths(*f).join(u'\n') + u'\n').toUtf8());
            return 0;
        }
        if (args.first() == u"--init") {
            const std::optional<SimPool> pool = SimPool::fromScenario(args.value(2));
            if (args.size() != 3 || !pool) {
                write(stderr, QStringLiteral("xenrescue-labhost: unknown scenario '%1'\n").arg(args.value(2)).toUtf8());
                return 2;
            }
            SimStateStore store(QDir(args.value(1)).absoluteFilePath(QStringLiteral("state.json")));
            QString error;
            if (!store.initialise(*pool, &error)) {
                write(stderr, (QStringLiteral("xenrescue-labhost: ") + error + u'\n').toUtf8());
                return 1;
            }
            write(stdout, (store.statePath() + u'\n').toUtf8());
            return 0;
        }
    }

    // A link anywhere else (e.g. the harness's PATH folder) stands for the tool of that name;
    // a link at the tool's real path keeps it, so a host without the tool says so.
    if (self != u"xenrescue-labhost" && args.first().contains(u'/')) {
        bool known = false;
        for (Flavour f : {Flavour::XenServer62, Flavour::XcpNg82, Flavour::XenXl, Flavour::XenXm})
            known = known || SimDispatcher::programPaths(f).contains(args.first());
        if (!known)
            args[0] = self;
    }

    const QString statePath = env("XR_LAB_STATE");
    const QString host = env("XR_LAB_HOST");
    if (statePath.isEmpty() || host.isEmpty()) {
        write(stderr, QByteArrayLiteral("xenrescue-labhost: XR_LAB_STATE and XR_LAB_HOST must name the lab pool state "
                                        "and this host\n"));
        return 127;
    }
    SimStateStore store(statePath);
    if (self == u"xenrescue-labhost" && args.value(0) == u"--reuse-domid") {
        if (args.size() != 3)
            return usage();
        int reused = -1;
        QString error;
        const bool ok = store.update(
            [&](SimPool& pool) {
                auto uuidOf = [&pool](const QString& vm) {
                    for (const SimVm& v : pool.vms) {
                        if (v.uuid == vm || v.nameLabel == vm)
                            return v.uuid;
                    }
                    return QString();
                };
                reused = pool.reuseDomid(host, uuidOf(args.value(1)), uuidOf(args.value(2)));
                return reused >= 0;
            },
            &error);
        if (!ok || reused < 0) {
            write(stderr, QByteArrayLiteral("xenrescue-labhost: the VM has no live domain on this host, or the other "
                                            "VM is not halted\n"));
            return 1;
        }
        write(stdout, QByteArray::number(reused) + '\n');
        return 0;
    }
    QString record = env("XR_LAB_RECORD");
    if (record.isEmpty())
        record = store.baseDir() + QStringLiteral("/record.jsonl");
    SimRunner runner(&store, host, record);
    SimRunner::Result r;
    if (args.value(0) == u"--sh") {
        if (args.size() != 2)
            return usage();
        r = runner.runShell(args.value(1));
    } else {
        r = runner.runArgv(args);
    }
    write(stdout, r.out);
    write(stderr, r.err);
    return r.exitCode;
}
