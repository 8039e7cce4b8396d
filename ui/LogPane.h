#pragma once

#include "ErrorCatalogue.h"
#include "LogFilterJob.h"

#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QProgressBar;
class QTextBrowser;
class QToolButton;
class QTimer;

namespace xr {

class LogDocument;
class LogFindBar;
class LogSource;
class LogView;
class MergedLog;

/// One log on screen with everything to read it: follow, wrap, parsed columns, go to time,
/// download, a filter (matching lines, warnings and worse, known problems), the find bar
/// (Ctrl+F) and, for a line the error catalogue knows, its explanation and steps.
/// Shows a LogSource (one log) or a MergedLog (several by time).
class LogPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPane)

public:
    enum class Filter { AllLines, MatchingLines, WarningsAndWorse, KnownProblems };

    explicit LogPane(QWidget* parent = nullptr);
    ~LogPane() override;

    /// Shows `document` (not owned; a LogSource or a MergedLog).
    void setDocument(LogDocument* document);
    LogDocument* document() const { return m_doc; }
    LogSource* source() const;
    LogView* view() const { return m_view; }
    LogFindBar* findBar() const { return m_findBar; }
    QTextBrowser* explanation() const { return m_explain; }
    QComboBox* filterBox() const { return m_filterBox; }

    /// The error catalogue every pane marks lines with (the embedded catalogue.json).
    static const CatalogueMatcher& catalogue();

    void showFind();
    void findNext();
    void findPrevious();
    /// Matching lines of the last finished search (ascending document lines).
    const std::vector<quint64>& matches() const { return m_matches; }
    bool isSearching() const { return !m_findJob.isNull(); }
    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }
    bool isFiltering() const { return !m_filterJob.isNull(); }
    /// Jumps to the first line at or after `key` (LogParser::timeKey); false without lines.
    bool goToTime(qint64 key);
    /// The time key of the current line (or of the nearest stamped line).
    std::optional<qint64> currentTimeKey() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    /// The user made another line current (sync by time follows it).
    void currentLineChanged(quint64 line);
    /// A status sentence for the window's status bar.
    void statusMessage(const QString& text);

private:
    void startFind();
    void startFilter();
    void cancelFind();
    void cancelFilter();
    LogFilterJob* startJob(LogFilterRequest request);
    void finishJob(LogFilterJob* job);
    void pinDocument(bool pin);
    void updateExplanation(quint64 line);
    void updateStatus();
    void onDocumentChanged();
    void onLinesAppended(quint64 firstNew);
    /// The job for the find bar's query, and for the filter shown (warnings or known problems).
    LogFilterRequest findRequest() const;
    LogFilterRequest filterRequest() const;
    void chooseDownload();

    LogDocument* m_doc = nullptr;
    QPointer<QObject> m_docObject;
    LogView* m_view;
    LogFindBar* m_findBar;
    QTextBrowser* m_explain;
    QLabel* m_title;
    QLabel* m_status;
    QToolButton* m_follow;
    QToolButton* m_wrap;
    QToolButton* m_columns;
    QToolButton* m_older;
    QToolButton* m_download;
    QAction* m_olderAction = nullptr;
    QAction* m_downloadAction = nullptr;
    QDateTimeEdit* m_timeEdit;
    QToolButton* m_goTime;
    QComboBox* m_filterBox;
    QProgressBar* m_progress;
    QToolButton* m_cancelDownload;
    QTimer* m_rerun;

    QPointer<LogFilterJob> m_findJob;
    QPointer<LogFilterJob> m_filterJob;
    std::vector<quint64> m_matches;
    std::vector<quint64> m_filterLines;
    Filter m_filter = Filter::AllLines;
};

} // namespace xr
