#include "MemoryChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace xr {

namespace {

constexpr int BarHeight = 30;
constexpr int LegendLine = 20;
constexpr int RowHeight = 26;
constexpr int NameWidth = 200;

QString mibText(qint64 mib)
{
    if (mib < 0)
        return MemoryChart::tr("unknown");
    if (mib >= 10240)
        return MemoryChart::tr("%1 GiB").arg(double(mib) / 1024, 0, 'f', 1);
    return MemoryChart::tr("%1 MiB").arg(mib);
}

QString clean(const QString& s)
{
    QString out;
    for (QChar c : s)
        out += c.isPrint() || c == u' ' ? c : QChar(u'?');
    return out.size() > 32 ? out.left(31) + QChar(0x2026) : out;
}

} // namespace

MemoryChart::MemoryChart(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Memory bars"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

MemoryChart::~MemoryChart() = default;

void MemoryChart::setReport(const MemoryReport& report)
{
    m_report = report;
    QStringList parts;
    for (const Segment& s : segments())
        parts << tr("%1: %2").arg(s.label, mibText(s.mib));
    setAccessibleDescription(parts.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

QList<MemoryChart::Segment> MemoryChart::segments() const
{
    QList<Segment> out;
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    if (m_report.xenMiB > 0)
        out << Segment{tr("Xen"), m_report.xenMiB, pal.color(QPalette::Mid)};
    int hue = 0;
    for (const VmMemory& v : m_report.vms) {
        if (v.actualMiB <= 0)
            continue;
        if (v.controlDomain) {
            out << Segment{tr("dom0"), v.actualMiB, pal.color(QPalette::Highlight)};
            continue;
        }
        out << Segment{clean(v.name), v.actualMiB, QColor::fromHsv((200 + hue * 47) % 360, 110, dark ? 170 : 210)};
        ++hue;
    }
    if (m_report.freeMiB >= 0)
        out << Segment{tr("free"), m_report.freeMiB, pal.color(QPalette::Base)};
    return out;
}

QSize MemoryChart::sizeHint() const
{
    const qsizetype legendRows = (segments().size() + 2) / 3;
    return {640, int(BarHeight + 12 + legendRows * LegendLine + 16 + m_report.vms.size() * RowHeight + 30)};
}

QSize MemoryChart::minimumSizeHint() const
{
    return {360, sizeHint().height()};
}

void MemoryChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor frame = pal.color(QPalette::Mid);
    const int w = width() - 2;
    const QList<Segment> segs = segments();

    // Host bar.
    qint64 total = m_report.totalMiB;
    if (total <= 0)
        for (const Segment& s : segs)
            total += s.mib;
    double x = 1;
    for (const Segment& s : segs) {
        const double sw = total > 0 ? double(w) * double(s.mib) / double(total) : 0;
        p.fillRect(QRectF(x, 1, sw, BarHeight), s.colour);
        x += sw;
    }
    p.setPen(QPen(frame, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(1, 1, w, BarHeight));

    // Legend, three per line.
    int y = BarHeight + 12;
    const int colWidth = std::max(160, w / 3);
    for (qsizetype i = 0; i < segs.size(); ++i) {
        const int cx = int(i % 3) * colWidth + 1;
        const int cy = y + int(i / 3) * LegendLine;
        p.fillRect(QRect(cx, cy + 3, 12, 12), segs[i].colour);
        p.setPen(frame);
        p.drawRect(QRect(cx, cy + 3, 12, 12));
        p.setPen(text);
        p.drawText(QRect(cx + 18, cy, colWidth - 20, LegendLine), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("%1 %2").arg(segs[i].label, mibText(segs[i].mib)));
    }
    y += int((segs.size() + 2) / 3) * LegendLine + 16;

    // Per-domain rows: static range (outline), dynamic range (light), actual (solid).
    qint64 scale = 1;
    for (const VmMemory& v : m_report.vms)
        scale = std::max({scale, v.staticMaxMiB, v.dynamicMaxMiB, v.actualMiB});
    p.setPen(text);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(1, y, NameWidth, RowHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("Per domain"));
    p.setFont(font());
    p.drawText(QRect(NameWidth + 8, y, w - NameWidth - 8, RowHeight), Qt::AlignLeft | Qt::AlignVCenter,
               tr("outline: static min-max · light: dynamic min-max · solid: actual"));
    y += RowHeight;
    const int barX = NameWidth + 8;
    const int barW = std::max(40, w - barX - 150);
    auto at = [&](qint64 mib) { return barX + double(barW) * double(std::max<qint64>(0, mib)) / double(scale); };
    for (const VmMemory& v : m_report.vms) {
        const QColor accent = v.controlDomain ? pal.color(QPalette::Highlight) : pal.color(QPalette::Link);
        p.setPen(text);
        p.drawText(QRect(1, y, NameWidth, RowHeight), Qt::AlignLeft | Qt::AlignVCenter, clean(v.name));
        const double top = y + 5;
        const double h = RowHeight - 10;
        if (v.staticMaxMiB > 0) {
            p.setPen(QPen(frame, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(at(std::max<qint64>(0, v.staticMinMiB)), top,
                              at(v.staticMaxMiB) - at(std::max<qint64>(0, v.staticMinMiB)), h));
        }
        if (v.dynamicMaxMiB > 0) {
            QColor light = accent;
            light.setAlpha(90);
            p.fillRect(QRectF(at(std::max<qint64>(0, v.dynamicMinMiB)), top + 2,
                              at(v.dynamicMaxMiB) - at(std::max<qint64>(0, v.dynamicMinMiB)), h - 4),
                       light);
        }
        if (v.actualMiB > 0)
            p.fillRect(QRectF(barX, top + h / 2 - 3, at(v.actualMiB) - barX, 6), accent);
        p.setPen(text);
        p.drawText(QRect(barX + barW + 8, y, 142, RowHeight), Qt::AlignLeft | Qt::AlignVCenter, mibText(v.actualMiB));
        y += RowHeight;
    }
}

} // namespace xr
