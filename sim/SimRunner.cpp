#include "SimRunner.h"

#include "SimDispatcher.h"
#include "SimShell.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace xr::sim {

SimRunner::SimRunner(SimStateStore* store, QString hostName, QString recordPath)
    : m_store(store)
    , m_host(std::move(hostName))
    , m_recordPath(std::move(recordPath))
{}

bool SimRunner::appendLog(const QString& hostRoot, const QString& relativeFile, const QString& line)
{
    const QString path = hostRoot + QStringLiteral("/var/log/") + relativeFile;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const QByteArray data = (line + u'\n').toUtf8();
    return f.write(data) == data.size();
}

QString SimRunner::localPath(const QString& hostRoot, const QString& remotePath)
{
    QString clean = QDir::cleanPath(QStringLiteral("/") + remotePath);
    return hostRoot + clean;
}

void SimRunner::record(const QStringList& argv, const QString& line)
{
    if (m_recordPath.isEmpty())
        return;
    QJsonObject o{{QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("host"), m_host},
                  {QStringLiteral("pid"), qint64(QCoreApplication::applicationPid())},
                  {QStringLiteral("argv"), QJsonArray::fromStringList(argv)}};
    if (!line.isNull()) {
        o.insert(QStringLiteral("via"), QStringLiteral("shell"));
        o.insert(QStringLiteral("line"), line);
    }
    QFile f(m_recordPath);
    if (f.open(QIODevice::WriteOnly | QIODevice::Append))
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
}

SimRunner::Result SimRunner::runArgv(const QStringList& argv, const std::function<bool()>& stop)
{
    Result result;
    std::optional<SimWait> wait;
    QString error;
    const QString root = m_store->hostRoot(m_host);
    bool first = true;
    for (;;) {
        SimCommandOutput out;
        const bool ok = m_store->update(
            [&](SimPool& pool) {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                if (first)
                    record(argv, m_shellLine);
                out = first ? SimDispatcher::run(pool, m_host, argv, now)
                            : SimDispatcher::resume(pool, m_host, *wait, now);
                for (const SimLogLine& l : out.logs)
                    appendLog(root, l.file, l.text);
                return out.changed || first;
            },
            &error);
        first = false;
        if (!ok) {
            result.error = error;
            result.exitCode = 1;
            result.err += QStringLiteral("xenrescue-labhost: %1\n").arg(error).toUtf8();
            return result;
        }
        result.out += out.out;
        result.err += out.err;
        result.exitCode = out.exitCode;
        if (!out.wait)
            return result;
        wait = out.wait;
        if (stop && stop()) {
            result.stopped = true;
            return result;
        }
        QThread::msleep(PollMs);
        if (stop && stop()) {
            result.stopped = true;
            return result;
        }
    }
}

SimRunner::Result SimRunner::builtin(const QStringList& argv, bool* handled)
{
    Result r;
    *handled = true;
    const QString cmd = argv.first();
    const QString root = m_store->hostRoot(m_host);
    auto flavour = [this]() -> std::optional<Flavour> {
        const std::optional<SimPool> p = m_store->load();
        if (!p)
            return std::nullopt;
        const SimHostModel* h = p->host(m_host);
        return h ? std::optional<Flavour>(h->flavour) : std::nullopt;
    };
    if (cmd == u"true" || cmd == u":")
        return r;
    if (cmd == u"false") {
        r.exitCode = 1;
        return r;
    }
    if (cmd == u"echo") {
        r.out = (argv.mid(1).join(u' ') + u'\n').toUtf8();
        return r;
    }
    if (cmd == u"hostname") {
        r.out = (m_host + u'\n').toUtf8();
        return r;
    }
    if (cmd == u"uname") {
        r.out = QByteArrayLiteral("Linux\n");
        return r;
    }
    if (cmd == u"command" && argv.value(1) == u"-v") {
        const std::optional<Flavour> f = flavour();
        r.exitCode = 1;
        for (const QString& name : argv.mid(2)) {
            if (!f)
                break;
            for (const QString& path : SimDispatcher::programPaths(*f)) {
                if (QFileInfo(path).fileName() == name || path == name) {
                    r.out += (path + u'\n').toUtf8();
                    r.exitCode = 0;
                }
            }
        }
        return r;
    }
    if (cmd == u"test") {
        const QString op = argv.value(1);
        const QString path = argv.value(2);
        const std::optional<Flavour> f = flavour();
        const bool isProgram = f && path.startsWith(u'/') && SimDispatcher::hasProgram(*f, path);
        const QFileInfo fi(localPath(root, path));
        bool yes = false;
        if (op == u"-x")
            yes = isProgram || (fi.isFile() && fi.isExecutable());
        else if (op == u"-e")
            yes = isProgram || fi.exists();
        else if (op == u"-f")
            yes = isProgram || fi.isFile();
        else if (op == u"-d")
            yes = fi.isDir();
        else if (op == u"-s")
            yes = fi.isFile() && fi.size() > 0;
        r.exitCode = yes ? 0 : 1;
        return r;
    }
    if (cmd == u"cat") {
        for (const QString& path : argv.mid(1)) {
            QFile file(localPath(root, path));
            if (!file.open(QIODevice::ReadOnly)) {
                r.err += QStringLiteral("cat: %1: No such file or directory\n").arg(path).toUtf8();
                r.exitCode = 1;
                continue;
            }
            r.out += file.readAll();
        }
        return r;
    }
    if (cmd == u"exit") {
        r.exitCode = argv.value(1, QStringLiteral("0")).toInt();
        return r;
    }
    *handled = false;
    return r;
}

SimRunner::Result SimRunner::runGuard(const QStringList& argv, const std::function<bool()>& stop)
{
    // argv: sh -c SCRIPT xenrescue-guard DOMID KEY EXPECTED PROGRAM ARGS... The messages and
    // exit statuses are the script's (96 unconfirmed, 97 reused, 98 xenstore timeout).
    Result r;
    const QString d = argv.value(4);
    const QString k = argv.value(5);
    const QString e = argv.value(6);
    const QStringList action = argv.mid(7);
    auto refuse = [&r](int code, const QString& text) {
        r.exitCode = code;
        r.err = (QStringLiteral("xenrescue-guard: ") + text + u'\n').toUtf8();
        return r;
    };
    QElapsedTimer clock;
    clock.start();
    bool timedOut = false;
    const Result read =
        runArgv({QStringLiteral("xenstore-read"), QStringLiteral("/local/domain/%1/%2").arg(d, k)}, [&]() {
            if (stop && stop())
                return true;
            timedOut = clock.elapsed() >= GuardTimeoutMs;
            return timedOut;
        });
    if (read.stopped && !timedOut) {
        r.stopped = true;
        return r;
    }
    if (timedOut)
        return refuse(98, QStringLiteral("xenstore did not answer within 5 s: domain %1 was not touched").arg(d));
    if (read.exitCode == 126 || read.exitCode == 127)
        return refuse(96, QStringLiteral("xenstore-read is missing: domain %1 cannot be confirmed as %2, so it was "
                                         "not touched")
                              .arg(d, e));
    if (read.exitCode != 0)
        return refuse(96, QStringLiteral("domain %1 has no %2 in xenstore (gone or going): it cannot be confirmed as "
                                         "%3, so it was not touched")
                              .arg(d, k, e));
    QString v = QString::fromUtf8(read.out);
    while (v.endsWith(u'\n'))
        v.chop(1);
    const bool relocated = k == u"vm" && v.size() > e.size() + 1 && v.startsWith(e + u'-') && v[e.size() + 1].isDigit();
    if (v != e && !relocated)
        return refuse(
            97, QStringLiteral("domain %1 is no longer %2 (its %3 is now %4): it was not touched").arg(d, e, k, v));
    if (action.isEmpty())
        return r;
    bool handled = false;
    Result done = builtin(action, &handled);
    return handled ? done : runArgv(action, stop);
}

SimRunner::Result SimRunner::runShell(const QString& line, const std::function<bool()>& stop)
{
    Result total;
    QString error;
    const std::optional<QList<SimShellStep>> steps = SimShell::parse(line, &error);
    if (!steps) {
        total.exitCode = 2;
        total.err = QStringLiteral("bash: %1\n").arg(error).toUtf8();
        return total;
    }
    m_shellLine = line;
    int last = 0;
    for (const SimShellStep& s : *steps) {
        if ((s.join == SimShellStep::Join::IfSuccess && last != 0) ||
            (s.join == SimShellStep::Join::IfFailure && last == 0))
            continue;
        bool handled = false;
        Result r;
        const QString program = s.argv.first();
        if ((program == u"sh" || program == u"/bin/sh") && s.argv.value(1) == u"-c") {
            if (s.argv.value(3) == u"xenrescue-guard" && s.argv.size() >= 7) {
                r = runGuard(s.argv, stop);
            } else {
                r.exitCode = 2;
                r.err = QByteArrayLiteral("sh: the lab runs only XenRescue's domain guard through sh -c\n");
            }
        } else {
            r = builtin(s.argv, &handled);
            if (!handled)
                r = runArgv(s.argv, stop);
        }
        if (s.stderrToStdout) {
            r.out += r.err;
            r.err.clear();
        }
        if (!s.discardStdout)
            total.out += r.out;
        if (!s.discardStderr)
            total.err += r.err;
        last = r.exitCode;
        total.exitCode = last;
        if (!r.error.isEmpty())
            total.error = r.error;
        if (r.stopped) {
            total.stopped = true;
            break;
        }
        if (s.argv.first() == u"exit")
            break;
    }
    m_shellLine = QString();
    return total;
}

} // namespace xr::sim
