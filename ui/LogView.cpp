#include "LogView.h"

#include "LogDocument.h"
#include "LogSource.h"
#include "MergedLog.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextLayout>

#include <algorithm>

namespace xr {

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& p)
{
    return p.color(QPalette::Base).lightnessF() < 0.5;
}

constexpr int kMarkerChars = 2;
constexpr int kSourceChars = 22;
enum ColumnBits { TimeCol = 1, HostCol = 2, ProcessCol = 4, LevelCol = 8, ContextCol = 16 };
constexpr int kTimeChars = 19;
constexpr int kHostChars = 12;
constexpr int kProcessChars = 14;
constexpr int kLevelChars = 7;
constexpr int kContextChars = 22;

int columnsOf(LogFormatKind kind)
{
    switch (kind) {
    case LogFormatKind::XapiSyslog:
        return TimeCol | HostCol | ProcessCol | LevelCol | ContextCol;
    case LogFormatKind::XapiRaw:
        return TimeCol | HostCol | LevelCol | ContextCol;
    case LogFormatKind::SmLog:
    case LogFormatKind::Syslog:
        return TimeCol | HostCol | ProcessCol;
    case LogFormatKind::Xha:
        return TimeCol | LevelCol;
    case LogFormatKind::Xend:
        return TimeCol | LevelCol | ContextCol;
    case LogFormatKind::XenConsole:
        return TimeCol;
    case LogFormatKind::PlainText:
    case LogFormatKind::Unknown:
        break;
    }
    return 0;
}

QString fit(const QString& s, int chars)
{
    return s.size() > chars ? s.left(chars - 1) + QChar(0x2026) : s;
}

} // namespace

LogView::LogView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Log lines"));
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setMouseTracking(false);
    changeEvent(nullptr);
}

LogView::~LogView() = default;

void LogView::changeEvent(QEvent* event)
{
    if (event)
        QAbstractScrollArea::changeEvent(event);
    if (!event || event->type() == QEvent::FontChange) {
        const QFontMetrics fm(font());
        m_charWidth = qMax(1, fm.horizontalAdvance(QLatin1Char('M')));
        m_lineHeight = fm.height() + 2;
        updateScrollBars();
    }
}

void LogView::setDocument(LogDocument* document)
{
    if (m_docObject)
        disconnect(m_docObject, nullptr, this, nullptr);
    m_doc = document;
    m_docObject = dynamic_cast<QObject*>(document);
    m_filter.reset();
    m_current.reset();
    m_anchor.reset();
    m_maxWidth = 0;
    if (auto* source = qobject_cast<LogSource*>(m_docObject)) {
        connect(source, &LogSource::linesPrepended, this, &LogView::onPrepended);
        connect(source, &LogSource::linesAppended, this, &LogView::onAppended);
        connect(source, &LogSource::reloaded, this, &LogView::onReloaded);
        connect(source, &LogSource::yearsReady, viewport(), qOverload<>(&QWidget::update));
    } else if (auto* merged = qobject_cast<MergedLog*>(m_docObject)) {
        connect(merged, &MergedLog::built, this, &LogView::onReloaded);
        connect(merged, &MergedLog::cleared, this, &LogView::onReloaded);
        connect(merged, &MergedLog::linesAppended, this, &LogView::onAppended);
    }
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void LogView::setCatalogue(const CatalogueMatcher* matcher)
{
    m_matcher = matcher;
    viewport()->update();
}

quint64 LogView::rowCount() const
{
    if (m_filter)
        return m_filter->size();
    return m_doc ? m_doc->lineCount() : 0;
}

quint64 LogView::lineOfRow(quint64 row) const
{
    return m_filter ? (*m_filter)[row] : row;
}

void LogView::setFilter(std::vector<quint64> lines)
{
    const std::optional<quint64> keep = m_current ? std::optional<quint64>(lineOfRow(*m_current)) : std::nullopt;
    m_filter = std::move(lines);
    m_current.reset();
    m_anchor.reset();
    updateScrollBars();
    if (keep && rowCount() > 0)
        setCurrentLine(*keep);
    viewport()->update();
}

void LogView::clearFilter()
{
    if (!m_filter)
        return;
    const std::optional<quint64> keep = m_current ? std::optional<quint64>(lineOfRow(*m_current)) : std::nullopt;
    m_filter.reset();
    m_current.reset();
    m_anchor.reset();
    updateScrollBars();
    if (keep)
        setCurrentLine(*keep);
    viewport()->update();
}

void LogView::setHighlight(const LogSearchQuery& query)
{
    if (query.pattern.isEmpty())
        return clearHighlight();
    m_highlight = query;
    if (query.regex)
        m_highlightRe =
            QRegularExpression(query.pattern, query.caseSensitive ? QRegularExpression::NoPatternOption
                                                                  : QRegularExpression::CaseInsensitiveOption);
    viewport()->update();
}

void LogView::clearHighlight()
{
    m_highlight.reset();
    viewport()->update();
}

void LogView::setWrap(bool on)
{
    m_wrap = on;
    updateScrollBars();
    viewport()->update();
}

void LogView::setColumns(bool on)
{
    m_columns = on;
    m_maxWidth = 0;
    updateScrollBars();
    viewport()->update();
}

quint64 LogView::currentLine() const
{
    return m_current && *m_current < rowCount() ? lineOfRow(*m_current) : 0;
}

quint64 LogView::topLine() const
{
    const quint64 rows = rowCount();
    return rows == 0 ? 0 : lineOfRow(qMin<quint64>(quint64(verticalScrollBar()->value()), rows - 1));
}

int LogView::visibleRows() const
{
    return qMax(1, viewport()->height() / m_lineHeight);
}

void LogView::setCurrentLine(quint64 line)
{
    const quint64 rows = rowCount();
    if (rows == 0)
        return;
    quint64 row = line;
    if (m_filter) {
        const auto it = std::lower_bound(m_filter->begin(), m_filter->end(), line);
        row = quint64(it - m_filter->begin());
    }
    row = qMin(row, rows - 1);
    m_anchor.reset();
    m_current = row;
    const int half = visibleRows() / 2;
    verticalScrollBar()->setValue(int(qMax<qint64>(0, qint64(row) - half)));
    viewport()->update();
    Q_EMIT currentLineChanged(lineOfRow(row));
}

void LogView::scrollToEnd()
{
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void LogView::updateScrollBars()
{
    const quint64 rows = rowCount();
    const int page = visibleRows();
    // A QScrollBar is int-based: more rows than INT_MAX would need scaling, 2^31 lines is plenty.
    const qint64 maxTop = qMax<qint64>(0, qint64(rows) - (m_wrap ? 1 : page));
    verticalScrollBar()->setRange(0, int(qMin<qint64>(maxTop, std::numeric_limits<int>::max())));
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(1);
    const int textWidth = viewport()->width() - gutterWidth();
    horizontalScrollBar()->setRange(0, m_wrap ? 0 : qMax(0, m_maxWidth - textWidth));
    horizontalScrollBar()->setPageStep(qMax(1, textWidth));
    horizontalScrollBar()->setSingleStep(m_charWidth * 4);
}

void LogView::onPrepended(quint64 count)
{
    if (m_filter)
        for (quint64& l : *m_filter)
            l += count;
    QScrollBar* bar = verticalScrollBar();
    const int top = bar->value();
    updateScrollBars();
    if (!m_filter) {
        if (m_current)
            *m_current += count;
        if (m_anchor)
            *m_anchor += count;
        bar->setValue(int(qMin<quint64>(quint64(top) + count, quint64(bar->maximum()))));
    }
    viewport()->update();
}

void LogView::onAppended(quint64 firstNew)
{
    Q_UNUSED(firstNew);
    QScrollBar* bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    updateScrollBars();
    if (atEnd && m_stickToEnd && !m_filter)
        bar->setValue(bar->maximum());
    viewport()->update();
}

void LogView::onReloaded()
{
    m_filter.reset();
    m_current.reset();
    m_anchor.reset();
    updateScrollBars();
    if (qobject_cast<LogSource*>(m_docObject))
        scrollToEnd(); // a log opens at its end
    else
        verticalScrollBar()->setValue(0);
    viewport()->update();
}

int LogView::gutterWidth() const
{
    int chars = kMarkerChars;
    if (m_doc && m_doc->sourceCount() > 1)
        chars += kSourceChars + 1;
    return chars * m_charWidth + 4;
}

QColor LogView::sourceColour(int i) const
{
    static const int hues[] = {210, 30, 120, 280, 0, 170, 60, 320};
    const int hue = hues[i % int(std::size(hues))];
    return isDark(palette()) ? QColor::fromHsl(hue, 110, 70) : QColor::fromHsl(hue, 150, 200);
}

QList<LogView::Segment> LogView::segmentsFor(quint64 line, QColor* lineColour) const
{
    QList<Segment> out;
    const QPalette& pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor red = isDark(pal) ? QColor(255, 110, 100) : QColor(200, 0, 0);
    const QColor amber = isDark(pal) ? QColor(240, 190, 80) : QColor(170, 100, 0);
    const QByteArrayView bytes = m_doc->lineBytes(line);
    const LogParser& parser = m_doc->parserFor(line);
    const int cols = m_columns ? columnsOf(parser.kind()) : 0;
    *lineColour = text;
    if (cols == 0) {
        // Raw: severity guessed from words only for the colour.
        const LogLine l = parser.parseAt(bytes, m_doc->sourceLine(line));
        if (l.severity >= LogSeverity::Error && l.severity != LogSeverity::Unknown)
            *lineColour = mix(text, red, 0.75);
        else if (l.severity == LogSeverity::Warning)
            *lineColour = mix(text, amber, 0.75);
        out.append({QString::fromUtf8(bytes), 0, *lineColour});
        return out;
    }
    const LogLine l = parser.parseAt(bytes, m_doc->sourceLine(line));
    switch (l.severity) {
    case LogSeverity::Critical:
    case LogSeverity::Error:
        *lineColour = mix(text, red, 0.75);
        break;
    case LogSeverity::Warning:
        *lineColour = mix(text, amber, 0.75);
        break;
    case LogSeverity::Debug:
        *lineColour = mix(text, pal.color(QPalette::Base), 0.35);
        break;
    default:
        break;
    }
    const bool parsed = l.hasTimestamp || l.uptime >= 0;
    if (!parsed || l.continuation) {
        int indent = 0;
        for (int b : {TimeCol, HostCol, ProcessCol, LevelCol, ContextCol})
            if (cols & b)
                indent += (b == TimeCol      ? kTimeChars
                           : b == HostCol    ? kHostChars
                           : b == ProcessCol ? kProcessChars
                           : b == LevelCol   ? kLevelChars
                                             : kContextChars) +
                          1;
        out.append({QString(), indent, *lineColour});
        out.append({QString::fromUtf8(bytes), 0, *lineColour});
        return out;
    }
    const QColor dim = mix(text, pal.color(QPalette::Base), 0.3);
    if (cols & TimeCol) {
        QString t;
        if (l.hasTimestamp)
            t = l.timestamp.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        else
            t = QStringLiteral("[%1]").arg(l.uptime, 12, 'f', 6);
        out.append({t, kTimeChars + 1, dim});
    }
    if (cols & HostCol)
        out.append({fit(l.host.isEmpty() ? l.xapiHost : l.host, kHostChars), kHostChars + 1, dim});
    if (cols & ProcessCol) {
        QString p = l.process;
        if (l.pid >= 0)
            p += QStringLiteral("[%1]").arg(l.pid);
        out.append({fit(p, kProcessChars), kProcessChars + 1, dim});
    }
    if (cols & LevelCol) {
        const QString level = l.level.isEmpty() && l.severity != LogSeverity::Unknown && !l.severityGuessed
                                  ? severityKey(l.severity)
                                  : l.level;
        out.append({fit(level, kLevelChars), kLevelChars + 1, *lineColour});
    }
    if (cols & ContextCol) {
        QString c = l.thread;
        if (!l.task.isEmpty())
            c += (c.isEmpty() ? QString() : QStringLiteral(" ")) + l.task;
        if (c.isEmpty())
            c = l.module;
        out.append({fit(c, kContextChars), kContextChars + 1, dim});
    }
    QString message = l.message;
    if (l.repeatCount > 0)
        message = tr("(repeated %n times) ", nullptr, l.repeatCount) + message;
    out.append({message, 0, *lineColour});
    return out;
}

QList<std::pair<int, int>> LogView::matchesIn(const QString& text) const
{
    QList<std::pair<int, int>> out;
    if (!m_highlight || text.isEmpty())
        return out;
    if (m_highlight->regex) {
        if (!m_highlightRe.isValid())
            return out;
        auto it = m_highlightRe.globalMatch(text);
        while (it.hasNext() && out.size() < 200) {
            const auto m = it.next();
            if (m.capturedLength() > 0)
                out.append({int(m.capturedStart()), int(m.capturedLength())});
        }
        return out;
    }
    const Qt::CaseSensitivity cs = m_highlight->caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    qsizetype from = 0;
    while (out.size() < 200) {
        const qsizetype at = text.indexOf(m_highlight->pattern, from, cs);
        if (at < 0)
            break;
        out.append({int(at), int(m_highlight->pattern.size())});
        from = at + qMax<qsizetype>(1, m_highlight->pattern.size());
    }
    return out;
}

int LogView::rowHeight(quint64 row, int textWidth) const
{
    if (!m_wrap)
        return m_lineHeight;
    QColor colour;
    const QList<Segment> segs = segmentsFor(lineOfRow(row), &colour);
    int fixed = 0;
    for (const Segment& s : segs)
        if (s.chars > 0)
            fixed += s.chars * m_charWidth;
    const int width = qMax(m_charWidth * 20, textWidth - fixed);
    const int chars = qMax(1, width / m_charWidth);
    const int len = int(segs.constLast().text.size());
    return m_lineHeight * qMax(1, (len + chars - 1) / chars);
}

void LogView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    const QPalette& pal = palette();
    const int w = viewport()->width();
    const int h = viewport()->height();
    const int gutter = gutterWidth();
    const int hOffset = m_wrap ? 0 : horizontalScrollBar()->value();
    const quint64 rows = rowCount();
    if (!m_doc || rows == 0)
        return;
    const QFontMetrics fm(font());
    const int ascent = fm.ascent() + 1;
    const QColor highlightBg = mix(pal.color(QPalette::Base), QColor(255, 210, 0), isDark(pal) ? 0.45 : 0.6);
    const QColor markerColour = isDark(pal) ? QColor(255, 140, 60) : QColor(210, 90, 0);
    quint64 lo = 0, hi = 0;
    if (m_current) {
        lo = hi = *m_current;
        if (m_anchor) {
            lo = qMin(*m_anchor, *m_current);
            hi = qMax(*m_anchor, *m_current);
        }
    }
    int y = 0;
    int widest = m_maxWidth;
    for (quint64 row = quint64(verticalScrollBar()->value()); row < rows && y < h; ++row) {
        const quint64 line = lineOfRow(row);
        QColor lineColour;
        const QList<Segment> segs = segmentsFor(line, &lineColour);
        const bool selected = m_current && row >= lo && row <= hi;
        // Message layout (wrapped or not).
        int x = gutter - hOffset;
        int fixed = 0;
        for (const Segment& s : segs)
            if (s.chars > 0)
                fixed += s.chars * m_charWidth;
        const Segment& message = segs.constLast();
        QTextLayout layout(message.text, font());
        QTextOption option;
        option.setWrapMode(m_wrap ? QTextOption::WrapAtWordBoundaryOrAnywhere : QTextOption::NoWrap);
        layout.setTextOption(option);
        QList<QTextLayout::FormatRange> formats;
        for (const auto& [start, len] : matchesIn(message.text)) {
            QTextLayout::FormatRange r;
            r.start = start;
            r.length = len;
            r.format.setBackground(highlightBg);
            formats.append(r);
        }
        layout.setFormats(formats);
        const int messageWidth = qMax(m_charWidth * 20, w - gutter - fixed);
        layout.beginLayout();
        int lh = 0;
        for (;;) {
            QTextLine tl = layout.createLine();
            if (!tl.isValid())
                break;
            tl.setLineWidth(m_wrap ? messageWidth : 1e7);
            tl.setPosition(QPointF(0, lh));
            lh += m_lineHeight;
        }
        layout.endLayout();
        const int height = qMax(m_lineHeight, lh);
        if (selected)
            p.fillRect(QRect(0, y, w, height),
                       pal.color(hasFocus() ? QPalette::Active : QPalette::Inactive, QPalette::Highlight));
        // Gutter: catalogue marker, source tag.
        if (m_matcher && m_matcher->matchesLine(m_doc->lineBytes(line))) {
            p.setPen(Qt::NoPen);
            p.setBrush(markerColour);
            const int d = qMin(m_lineHeight - 6, m_charWidth + 2);
            p.drawEllipse(QRect(3, y + (m_lineHeight - d) / 2, d, d));
        }
        if (m_doc->sourceCount() > 1) {
            const int src = m_doc->sourceOf(line);
            const QRect tag(kMarkerChars * m_charWidth, y + 1, kSourceChars * m_charWidth, m_lineHeight - 2);
            p.fillRect(tag, sourceColour(src));
            p.setPen(isDark(pal) ? QColor(20, 20, 20) : QColor(0, 0, 0));
            // "host:file" (the folder left out): the same file of two hosts stays apart.
            const QString name = m_doc->sourceName(src);
            const qsizetype colon = name.indexOf(QStringLiteral(":/"));
            const QString label = colon > 0 ? name.left(colon + 1) + name.section(QLatin1Char('/'), -1)
                                            : name.section(QLatin1Char('/'), -1);
            p.drawText(tag.adjusted(2, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       fm.elidedText(label, Qt::ElideMiddle, tag.width() - 4));
        }
        p.save();
        p.setClipRect(QRect(gutter, y, w - gutter, height));
        const QColor selectedText = pal.color(QPalette::HighlightedText);
        for (const Segment& s : segs) {
            if (s.chars == 0)
                break;
            if (!s.text.isEmpty()) {
                for (const auto& [start, len] : matchesIn(s.text))
                    p.fillRect(QRect(x + start * m_charWidth, y, len * m_charWidth, m_lineHeight), highlightBg);
                p.setPen(selected ? selectedText : s.colour);
                p.drawText(QPoint(x, y + ascent), s.text);
            }
            x += s.chars * m_charWidth;
        }
        p.setPen(selected ? selectedText : message.colour);
        layout.draw(&p, QPointF(x, y));
        widest = qMax(widest, fixed + int(layout.maximumWidth()) + m_charWidth);
        p.restore();
        y += height;
    }
    if (!m_wrap && widest > m_maxWidth) {
        const_cast<LogView*>(this)->m_maxWidth = widest;
        QMetaObject::invokeMethod(this, &LogView::updateScrollBars, Qt::QueuedConnection);
    }
}

void LogView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void LogView::scrollContentsBy(int, int)
{
    viewport()->update();
    if (verticalScrollBar()->value() == 0 && rowCount() > 0)
        Q_EMIT reachedTop();
}

void LogView::wheelEvent(QWheelEvent* event)
{
    if (event->angleDelta().y() > 0 && verticalScrollBar()->value() == 0)
        Q_EMIT reachedTop();
    QAbstractScrollArea::wheelEvent(event);
}

std::optional<quint64> LogView::rowAt(int y) const
{
    const quint64 rows = rowCount();
    int top = 0;
    const int textWidth = viewport()->width() - gutterWidth();
    for (quint64 row = quint64(verticalScrollBar()->value()); row < rows; ++row) {
        const int height = rowHeight(row, textWidth);
        if (y < top + height)
            return row;
        top += height;
        if (top > viewport()->height())
            break;
    }
    return std::nullopt;
}

void LogView::setCurrentRow(quint64 row, bool extend)
{
    const quint64 rows = rowCount();
    if (rows == 0)
        return;
    row = qMin(row, rows - 1);
    if (extend && !m_anchor)
        m_anchor = m_current.value_or(row);
    else if (!extend)
        m_anchor.reset();
    m_current = row;
    ensureRowVisible(row);
    viewport()->update();
    Q_EMIT currentLineChanged(lineOfRow(row));
}

void LogView::ensureRowVisible(quint64 row)
{
    QScrollBar* bar = verticalScrollBar();
    const quint64 top = quint64(bar->value());
    const int page = m_wrap ? 1 : visibleRows();
    if (row < top)
        bar->setValue(int(row));
    else if (row >= top + quint64(page))
        bar->setValue(int(row - quint64(page) + 1));
}

void LogView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    if (const auto row = rowAt(event->position().toPoint().y()))
        setCurrentRow(*row, event->modifiers() & Qt::ShiftModifier);
}

void LogView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    if (const auto row = rowAt(event->position().toPoint().y()); row && m_current && *row != *m_current)
        setCurrentRow(*row, true);
}

void LogView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    const quint64 rows = rowCount();
    if (rows == 0)
        return QAbstractScrollArea::keyPressEvent(event);
    const quint64 cur = m_current.value_or(quint64(verticalScrollBar()->value()));
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const quint64 page = quint64(visibleRows());
    switch (event->key()) {
    case Qt::Key_Up:
        if (cur == 0)
            Q_EMIT reachedTop();
        setCurrentRow(cur > 0 ? cur - 1 : 0, shift);
        return;
    case Qt::Key_Down:
        setCurrentRow(cur + 1, shift);
        return;
    case Qt::Key_PageUp:
        if (cur < page)
            Q_EMIT reachedTop();
        setCurrentRow(cur > page ? cur - page : 0, shift);
        return;
    case Qt::Key_PageDown:
        setCurrentRow(cur + page, shift);
        return;
    case Qt::Key_Home:
        Q_EMIT reachedTop();
        setCurrentRow(0, shift);
        return;
    case Qt::Key_End:
        setCurrentRow(rows - 1, shift);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QString LogView::selectedText() const
{
    if (!m_doc || !m_current || *m_current >= rowCount())
        return {};
    quint64 lo = *m_current;
    quint64 hi = *m_current;
    if (m_anchor) {
        lo = qMin(lo, *m_anchor);
        hi = qMax(hi, *m_anchor);
    }
    hi = qMin(hi, rowCount() - 1);
    QStringList out;
    for (quint64 r = lo; r <= hi && out.size() < 100000; ++r) {
        QString text = QString::fromUtf8(m_doc->lineBytes(lineOfRow(r)));
        if (m_doc->sourceCount() > 1)
            text = m_doc->sourceName(m_doc->sourceOf(lineOfRow(r))) + QStringLiteral(": ") + text;
        out << text;
    }
    return out.join(QLatin1Char('\n'));
}

void LogView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace xr
