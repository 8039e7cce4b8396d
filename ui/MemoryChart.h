#pragma once

#include "MemoryReport.h"

#include <QWidget>

namespace xr {

/// The Memory tab's bars (issue 8): one stacked bar for the host (Xen, dom0, each VM, free) with
/// a legend, then one row per domain with its static range, dynamic range and actual size.
/// Colours come from the palette (dark themes work); the numbers are also in the accessible
/// description.
class MemoryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryChart)

public:
    explicit MemoryChart(QWidget* parent = nullptr);
    ~MemoryChart() override;

    void setReport(const MemoryReport& report);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Segment
    {
        QString label;
        qint64 mib = 0;
        QColor colour;
    };
    /// The host bar's segments in drawing order (tests read them).
    QList<Segment> segments() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    MemoryReport m_report;
};

} // namespace xr
