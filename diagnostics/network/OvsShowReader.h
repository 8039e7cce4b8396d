#pragma once

#include "Network.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringView>

namespace xr {

/// Reads `ovs-vsctl show` line by line into a BridgeList: the blocks nest by indentation
/// (Manager, Bridge > Controller/Port > Interface) and carry `key: value` lines. Internal
/// to NetworkParsers::parseOvsVsctlShow().
class OvsShowReader final
{
public:
    explicit OvsShowReader(BridgeList& out)
        : m_out(out)
    {}

    void readLine(QStringView line, qsizetype lineNo);
    void finish(qsizetype lastLine);

private:
    enum class Kind {
        Root,
        Manager,
        Bridge,
        Controller,
        Port,
        Interface,
    };
    struct Frame
    {
        qsizetype indent;
        Kind kind;
    };

    void problem(qsizetype lineNo, const QString& message) { m_out.report.addProblem(lineNo, message); }
    bool readName(QStringView rest, qsizetype lineNo, QString& name);
    void keyValue(Kind parent, QStringView key, QStringView value, qsizetype lineNo);
    void checkLastPort();

    BridgeList& m_out;
    QList<Frame> m_stack;
    QSet<QString> m_bridgeNames;
    qsizetype m_interfaceCount = 0;
    bool m_stopped = false;
};

} // namespace xr
