// xenrescue-cli network [user@]host[:port] [--json|--dot] | --demo SCENARIO [HOST]
// xenrescue-cli memory  [user@]host[:port] [--json]       | --demo SCENARIO [HOST]
#include "CliCommands.h"
#include "CliHost.h"
#include "HostText.h"
#include "MemoryReader.h"
#include "NetworkReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace xr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

struct HostOptions
{
    QString host;
    QString demo;
    double timeout = 15;
};

// Parses the options both commands share; returns -1 to go on, else an exit code.
int parseHostOptions(CliDispatcher::Context& context, QCommandLineParser& parser, const QString& command,
                     const QString& description, HostOptions& out)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), tr("[user@]host[:port]; with --demo, a lab host name."));
    parser.addOption({QStringLiteral("demo"), tr("Use the simulated lab pool SCENARIO instead of SSH."),
                      QStringLiteral("SCENARIO")});
    parser.addOption({QStringLiteral("timeout"), tr("Seconds to wait for each command (default 15)."),
                      QStringLiteral("S"), QStringLiteral("15")});
    if (!parser.parse(context.arguments)) {
        context.err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        context.out << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    out.demo = parser.value(QStringLiteral("demo"));
    if (positional.size() > 1 || (positional.isEmpty() && out.demo.isEmpty())) {
        context.err << tr("xenrescue-cli %1: give one host ([user@]host[:port]) or --demo SCENARIO.").arg(command)
                    << '\n';
        return 2;
    }
    out.host = positional.value(0);
    bool ok = false;
    out.timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || out.timeout <= 0) {
        context.err << tr("xenrescue-cli %1: --timeout takes a number of seconds.").arg(command) << '\n';
        return 2;
    }
    return -1;
}

QString mib(qint64 v)
{
    return v < 0 ? QStringLiteral("-") : tr("%1 MiB").arg(v);
}

} // namespace

int runNetworkCommand(CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), tr("Print the topology as JSON (nodes, edges, findings).")});
    parser.addOption({QStringLiteral("dot"), tr("Print the topology as a Graphviz graph.")});
    HostOptions o;
    const int parsed = parseHostOptions(
        context, parser, QStringLiteral("network"),
        tr("Connect to a host and print its network as the Network tab draws it: physical NICs, bridges, the VMs' "
           "interfaces and the VMs, with the checks' findings."),
        o);
    if (parsed >= 0)
        return parsed;
    if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("dot"))) {
        context.err << tr("xenrescue-cli network: choose --json or --dot, not both.") << '\n';
        return 2;
    }
    CliHost host;
    if (const int rc = connectCliHost(context, QStringLiteral("network"), o.host, o.demo, o.timeout, host); rc != 0)
        return rc;
    NetworkReader reader(host.transport.get(), host.identity, host.audit.get());
    NetworkTopology topology;
    QEventLoop loop;
    QObject::connect(&reader, &NetworkReader::finished, &loop, [&](const NetworkTopology& t) {
        topology = t;
        loop.quit();
    });
    reader.start();
    loop.exec();
    host.transport->disconnectFromHost();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject root = topology.toJson();
        root.insert(QStringLiteral("host"), host.identity.hostname);
        root.insert(QStringLiteral("flavour"), HostFlavour::kindName(host.identity.flavour.kind));
        context.out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (parser.isSet(QStringLiteral("dot"))) {
        context.out << topology.toDot();
        return 0;
    }
    QTextStream& out = context.out;
    out << tr("Network of %1 (%2)").arg(visibleText(host.identity.hostname), host.identity.flavour.displayName())
        << "\n\n";
    for (const TopologyNode* b : topology.nodesOfKind(TopologyNode::Kind::Bridge)) {
        out << tr("Bridge %1").arg(visibleText(b->name));
        if (!b->network.isEmpty())
            out << " (" << visibleText(b->network) << ')';
        out << '\n';
        for (const TopologyEdge& e : std::as_const(topology.edges)) {
            if (e.to == b->id)
                if (const TopologyNode* n = topology.node(e.from))
                    out << "  " << tr("uplink %1 %2").arg(visibleText(n->name), n->mac).trimmed() << '\n';
            if (e.from == b->id)
                if (const TopologyNode* v = topology.node(e.to)) {
                    QString vm;
                    for (const TopologyEdge& e2 : std::as_const(topology.edges))
                        if (e2.from == v->id)
                            if (const TopologyNode* m = topology.node(e2.to))
                                vm = m->name;
                    out << "  " << tr("%1 -> %2 %3").arg(visibleText(v->name), visibleText(vm), v->mac).trimmed()
                        << '\n';
                }
        }
    }
    out << '\n';
    if (topology.findings.isEmpty())
        out << tr("No problems found by the network checks.") << '\n';
    for (qsizetype i = 0; i < topology.findings.size(); ++i)
        out << QStringLiteral("[%1] ").arg(i + 1) << visibleText(topology.findings[i].title) << '\n'
            << "    " << visibleText(topology.findings[i].detail) << '\n';
    for (const QString& n : std::as_const(topology.notes))
        out << tr("Note: %1").arg(visibleText(n)) << '\n';
    return 0;
}

int runMemoryCommand(CliDispatcher::Context& context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), tr("Print JSON.")});
    HostOptions o;
    const int parsed = parseHostOptions(
        context, parser, QStringLiteral("memory"),
        tr("Connect to a host and print its memory: total, free, Xen, dom0 and each VM, dom0's boot and ballooning "
           "settings, and advice with its reasons."),
        o);
    if (parsed >= 0)
        return parsed;
    CliHost host;
    if (const int rc = connectCliHost(context, QStringLiteral("memory"), o.host, o.demo, o.timeout, host); rc != 0)
        return rc;
    MemoryReader reader(host.transport.get(), host.identity, host.audit.get());
    MemoryReading reading;
    QEventLoop loop;
    QObject::connect(&reader, &MemoryReader::finished, &loop, [&](const MemoryReading& r) {
        reading = r;
        loop.quit();
    });
    reader.start();
    loop.exec();
    host.transport->disconnectFromHost();
    const MemoryReport& r = reading.report;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject root = r.toJson();
        root.insert(QStringLiteral("host"), host.identity.hostname);
        context.out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return 0;
    }
    QTextStream& out = context.out;
    out << tr("Memory of %1 (%2)").arg(visibleText(host.identity.hostname), host.identity.flavour.displayName())
        << "\n\n";
    out << tr("Total:    %1").arg(mib(r.totalMiB)) << '\n';
    out << tr("Free:     %1").arg(mib(r.freeMiB)) << '\n';
    out << tr("Xen:      %1").arg(mib(r.xenMiB)) << '\n';
    out << tr("dom0:     %1").arg(mib(r.dom0MiB)) << '\n';
    out << tr("dom0_mem: %1")
               .arg(r.dom0Mem ? QStringLiteral("%1 (%2)").arg(r.dom0Mem->text, r.dom0MemSource) : tr("not set"))
        << '\n';
    if (r.autoballoon)
        out << tr("autoballoon (xl.conf): %1").arg(MemoryReport::autoballoonKey(*r.autoballoon)) << '\n';
    if (r.xendMinMemMiB)
        out << tr("dom0-min-mem (xend-config.sxp): %1").arg(mib(*r.xendMinMemMiB)) << '\n';
    if (r.xendBallooning)
        out << tr("enable-dom0-ballooning: %1").arg(*r.xendBallooning ? tr("yes") : tr("no")) << '\n';
    out << '\n';
    for (const VmMemory& v : r.vms)
        out << QStringLiteral("  %1  %2").arg(visibleText(v.name).leftJustified(32), mib(v.actualMiB)) << '\n';
    out << '\n';
    for (const MemoryAdvice& a : r.advice)
        out << QStringLiteral("[%1] ").arg(MemoryAdvice::levelKey(a.level)) << visibleText(a.title) << '\n'
            << "    " << visibleText(a.reason) << '\n';
    for (const QString& n : r.notes)
        out << tr("Note: %1").arg(visibleText(n)) << '\n';
    return 0;
}

} // namespace xr
