#pragma once

#include "RescueRun.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace xr {

class MessageBar;

/// The rescue wizard (UI-SKETCH "Rescue wizard"): Diagnosis -> Ladder -> Rung -> Run &
/// verify -> Result, over one RescueRun. Non-modal: the main window stays usable. The
/// confirmation grows with the rung's risk and is asked afresh every time a rung is about
/// to run; the run refuses a rung without it anyway.
class RescueWizard final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RescueWizard)

public:
    enum Page { DiagnosisPage = 0, LadderPage, RungPage, RunPage, ResultPage };

    /// Takes ownership of `run`.
    RescueWizard(RescueRun* run, QWidget* parent = nullptr);
    ~RescueWizard() override;

    RescueRun* run() const { return m_run; }
    Page currentPage() const;
    /// The rung the ladder page has selected (and the rung page shows).
    std::optional<RungId> selectedRung() const;
    void selectRung(RungId id);
    /// Writes the transcript: HTML when the file name ends in .html/.htm, else text.
    bool exportTranscript(const QString& path, QString* error = nullptr) const;

    /// Colour of a risk level, readable on the given palette (dark themes too).
    static QColor riskColour(RiskLevel risk, const QPalette& palette);

Q_SIGNALS:
    /// The admin asked to start the VM again after a successful rescue.
    void startVmRequested(const QString& vmUuid);
    /// The rung runs on a pool member XenRescue is not connected to: connect to it.
    void connectHostRequested(const QString& hostUuid);

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void buildDiagnosisPage();
    void buildLadderPage();
    void buildRungPage();
    void buildRunPage();
    void buildResultPage();
    void showPage(Page page);
    void updateHeader();
    void updateDiagnosis();
    void updateLadder();
    void showRung();
    void updateRunButton();
    void startRung();
    void onTranscript(const TranscriptEntry& entry);
    void onPhase(RescueRun::Phase phase);
    void onRungFinished(RescueRun::Outcome outcome);
    void updateResult();
    void exportWithDialog();

    RescueRun* m_run;
    QLabel* m_title = nullptr;
    QLabel* m_steps = nullptr;
    MessageBar* m_message = nullptr;
    QStackedWidget* m_pages = nullptr;

    // Diagnosis
    QTextBrowser* m_diagnosis = nullptr;
    QPushButton* m_rediagnose = nullptr;
    QPushButton* m_toLadder = nullptr;

    // Ladder
    QTreeWidget* m_ladder = nullptr;
    QLabel* m_ladderDetail = nullptr;
    QPushButton* m_useRung = nullptr;

    // Rung
    QLabel* m_rungTitle = nullptr;
    QLabel* m_rungRisk = nullptr;
    QLabel* m_rungRiskIcon = nullptr;
    QTextBrowser* m_rungText = nullptr;
    QPlainTextEdit* m_commands = nullptr;
    QLabel* m_runsOn = nullptr;
    QPushButton* m_copy = nullptr;
    QCheckBox* m_showOnly = nullptr;
    QCheckBox* m_acknowledge = nullptr;
    QLabel* m_typeLabel = nullptr;
    QLineEdit* m_typeName = nullptr;
    QTreeWidget* m_checklist = nullptr;
    QPushButton* m_runRung = nullptr;
    QPushButton* m_rungBack = nullptr;
    QPushButton* m_connectHost = nullptr;
    QTimer* m_reach = nullptr;

    // Run & verify
    QLabel* m_runStatus = nullptr;
    QPlainTextEdit* m_transcript = nullptr;
    QProgressBar* m_checkProgress = nullptr;
    QLabel* m_checkText = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_checkNow = nullptr;
    QPushButton* m_toResult = nullptr;
    QTimer* m_ticker = nullptr;
    QElapsedTimer m_runClock;

    // Result
    QLabel* m_resultHeadline = nullptr;
    QTextBrowser* m_resultText = nullptr;
    QPushButton* m_nextRung = nullptr;
    QPushButton* m_startVm = nullptr;
    QPushButton* m_backToLadder = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_showTranscript = nullptr;

    std::optional<RungId> m_selected;
    bool m_shownOnly = false;
};

} // namespace xr
