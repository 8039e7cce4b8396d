#pragma once

#include "LogSearch.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTimer;
class QToolButton;

namespace xr {

/// The find bar under a log view: text, plain or regular expression, case, previous/next,
/// the number of matching lines, and the progress of a running search with Cancel. It asks
/// for searches; the pane runs them.
class LogFindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFindBar)

public:
    explicit LogFindBar(QWidget* parent = nullptr);
    ~LogFindBar() override;

    LogSearchQuery query() const;
    QLineEdit* edit() const { return m_edit; }
    /// Focuses the text field with its text selected.
    void activate();
    /// Shows a running search's progress (0..1000), or hides it (-1).
    void setProgress(int perMille);
    void setStatus(const QString& text, bool error = false);

Q_SIGNALS:
    /// The query changed (typed, debounced, or options toggled); empty pattern: cleared.
    void searchRequested();
    void nextRequested();
    void previousRequested();
    void cancelRequested();
    void closeRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QLineEdit* m_edit;
    QCheckBox* m_regex;
    QCheckBox* m_case;
    QToolButton* m_prev;
    QToolButton* m_next;
    QLabel* m_status;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QTimer* m_debounce;
};

} // namespace xr
