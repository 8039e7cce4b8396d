#pragma once

#include "ErrorCatalogue.h"
#include "LogSearch.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QRegularExpression>

#include <optional>
#include <vector>

namespace xr {

class LogDocument;

/// A log of any size on screen: only the visible lines are read, parsed and painted, so
/// millions of lines scroll without lag. Lines are coloured by severity and shown either
/// raw or in parsed columns (time, host, process, level, thread/task for xapi, message);
/// long lines scroll sideways or wrap. Lines matching the error catalogue carry a marker;
/// find matches are highlighted. A filter shows only some lines of the document. In a
/// merged view each line starts with a coloured tag naming its log.
class LogView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget* parent = nullptr);
    ~LogView() override;

    /// Shows `document` (not owned). A LogSource's new, older and reloaded lines are followed.
    void setDocument(LogDocument* document);
    LogDocument* document() const { return m_doc; }
    void setCatalogue(const CatalogueMatcher* matcher);

    /// Only these document lines (ascending) are shown.
    void setFilter(std::vector<quint64> lines);
    void clearFilter();
    bool isFiltered() const { return m_filter.has_value(); }
    /// Rows on screen: the document's lines, or the filter's.
    quint64 rowCount() const;
    quint64 lineOfRow(quint64 row) const;

    /// Every occurrence of `query` is highlighted in the visible lines.
    void setHighlight(const LogSearchQuery& query);
    void clearHighlight();

    void setWrap(bool on);
    bool wrap() const { return m_wrap; }
    void setColumns(bool on);
    bool columns() const { return m_columns; }
    /// Keeps the end in view when lines are appended while the last line is visible.
    void setStickToEnd(bool on) { m_stickToEnd = on; }

    bool hasCurrentLine() const { return m_current.has_value(); }
    /// The document line of the current row (0 when there is none).
    quint64 currentLine() const;
    /// Makes `line` (or, when filtered out, the nearest shown line after it) current and
    /// scrolls it into the middle of the view.
    void setCurrentLine(quint64 line);
    void scrollToEnd();
    /// Document line of the first visible row.
    quint64 topLine() const;
    /// Rows that fit in the view.
    int visibleRows() const;

    /// The selected lines (the current one, or the range shift extended), one per line.
    QString selectedText() const;
    void copySelection() const;

    /// Colour for source `i` of a merged view (palette-aware).
    QColor sourceColour(int i) const;

Q_SIGNALS:
    void currentLineChanged(quint64 line);
    /// The user scrolled to the very top: older lines would be welcome.
    void reachedTop();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;

private:
    struct Segment
    {
        QString text;
        int chars; // column width in characters; 0 = rest of the line
        QColor colour;
    };

    void updateScrollBars();
    void onPrepended(quint64 count);
    void onAppended(quint64 firstNew);
    void onReloaded();
    QList<Segment> segmentsFor(quint64 line, QColor* lineColour) const;
    int gutterWidth() const;
    int rowHeight(quint64 row, int textWidth) const;
    std::optional<quint64> rowAt(int y) const;
    void setCurrentRow(quint64 row, bool extend);
    void ensureRowVisible(quint64 row);
    QList<std::pair<int, int>> matchesIn(const QString& text) const;

    LogDocument* m_doc = nullptr;
    QPointer<QObject> m_docObject;
    const CatalogueMatcher* m_matcher = nullptr;
    std::optional<std::vector<quint64>> m_filter;
    std::optional<LogSearchQuery> m_highlight;
    QRegularExpression m_highlightRe;
    std::optional<quint64> m_current; // row
    std::optional<quint64> m_anchor;  // row where a shift-selection started
    bool m_wrap = false;
    bool m_columns = true;
    bool m_stickToEnd = true;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_maxWidth = 0; // widest line painted so far (horizontal scroll range)
};

} // namespace xr
