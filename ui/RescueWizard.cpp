#include "RescueWizard.h"

#include "MessageBar.h"
#include "RescueWizardText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace xr {

namespace {

constexpr int kRungRole = Qt::UserRole + 1;

bool isDark(const QPalette& p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

QIcon riskIcon(RiskLevel risk)
{
    QStyle* style = QApplication::style();
    switch (risk) {
    case RiskLevel::None:
    case RiskLevel::Safe:
    case RiskLevel::Low:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case RiskLevel::Medium:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case RiskLevel::High:
    case RiskLevel::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

QString esc(const QString& s)
{
    return RescueWizardText::escaped(s);
}

QString commandsText(const Rung& rung)
{
    return RescueWizardText::commandsText(rung);
}

} // namespace

QColor RescueWizard::riskColour(RiskLevel risk, const QPalette& palette)
{
    const bool dark = isDark(palette);
    switch (risk) {
    case RiskLevel::None:
    case RiskLevel::Safe:
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x5e, 0x20);
    case RiskLevel::Low:
        return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x0d, 0x47, 0xa1);
    case RiskLevel::Medium:
        return dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x8a, 0x5a, 0x00);
    case RiskLevel::High:
        return dark ? QColor(0xff, 0x8a, 0x65) : QColor(0xbf, 0x36, 0x0c);
    case RiskLevel::Critical:
        return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xb0, 0x00, 0x20);
    }
    return palette.color(QPalette::WindowText);
}

RescueWizard::RescueWizard(RescueRun* run, QWidget* parent)
    : QDialog(parent)
    , m_run(run)
{
    m_run->setParent(this);
    setObjectName(QStringLiteral("rescueWizard"));
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    setWindowTitle(m_run->title());
    resize(820, 620);

    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("wizardTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setTextFormat(Qt::PlainText);
    m_steps = new QLabel(this);
    m_steps->setObjectName(QStringLiteral("wizardSteps"));
    header->addWidget(m_title, 1);
    header->addWidget(m_steps);
    layout->addLayout(header);
    m_message = new MessageBar(this);
    m_message->setObjectName(QStringLiteral("wizardMessage"));
    layout->addWidget(m_message);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);

    buildDiagnosisPage();
    buildLadderPage();
    buildRungPage();
    buildRunPage();
    buildResultPage();

    connect(m_run, &RescueRun::transcriptAdded, this, &RescueWizard::onTranscript);
    connect(m_run, &RescueRun::phaseChanged, this, &RescueWizard::onPhase);
    connect(m_run, &RescueRun::diagnosed, this, [this] {
        updateDiagnosis();
        updateLadder();
        if (currentPage() == ResultPage)
            updateResult();
    });
    connect(m_run, &RescueRun::rungFinished, this, &RescueWizard::onRungFinished);
    connect(m_run, &RescueRun::checkProgress, this, [this](int elapsed, int timeout, const QString& text) {
        m_checkProgress->setRange(0, std::max(1, timeout));
        m_checkProgress->setValue(std::min(elapsed, timeout));
        m_checkText->setText(tr("Checking… %1 s of %2 s: %3").arg(elapsed).arg(timeout).arg(text));
    });
    for (const TranscriptEntry& e : m_run->transcript())
        onTranscript(e);
    showPage(DiagnosisPage);
    updateHeader();
    updateDiagnosis();
    if (m_run->phase() == RescueRun::Phase::Idle)
        m_run->diagnose();
}

RescueWizard::~RescueWizard() = default;

// --- Pages ---------------------------------------------------------------------------------------

void RescueWizard::buildDiagnosisPage()
{
    auto* page = new QWidget(m_pages);
    auto* l = new QVBoxLayout(page);
    auto* heading = new QLabel(tr("<b>Step 1: diagnosis.</b> Both views of the VM, read afresh from the hosts."), page);
    l->addWidget(heading);
    m_diagnosis = new QTextBrowser(page);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisView"));
    m_diagnosis->setOpenLinks(false);
    l->addWidget(m_diagnosis, 1);
    auto* buttons = new QHBoxLayout;
    m_rediagnose = new QPushButton(tr("&Diagnose Again"), page);
    m_rediagnose->setObjectName(QStringLiteral("rediagnoseButton"));
    connect(m_rediagnose, &QPushButton::clicked, this, [this] { m_run->diagnose(); });
    m_toLadder = new QPushButton(tr("&Show the Ladder >"), page);
    m_toLadder->setObjectName(QStringLiteral("toLadderButton"));
    m_toLadder->setDefault(true);
    connect(m_toLadder, &QPushButton::clicked, this, [this] { showPage(LadderPage); });
    buttons->addWidget(m_rediagnose);
    buttons->addStretch(1);
    buttons->addWidget(m_toLadder);
    l->addLayout(buttons);
    m_pages->addWidget(page);
}

void RescueWizard::buildLadderPage()
{
    auto* page = new QWidget(m_pages);
    auto* l = new QVBoxLayout(page);
    l->addWidget(new QLabel(tr("<b>Step 2: the ladder.</b> Least dangerous first. The recommended rung is "
                               "selected; you may pick another one that applies."),
                            page));
    m_ladder = new QTreeWidget(page);
    m_ladder->setObjectName(QStringLiteral("ladderView"));
    m_ladder->setRootIsDecorated(false);
    m_ladder->setHeaderLabels({tr("Rung"), tr("What"), tr("Risk"), tr("Now")});
    m_ladder->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_ladder->header()->setStretchLastSection(true);
    m_ladder->setAccessibleName(tr("Recovery ladder"));
    m_ladder->setWordWrap(true);
    connect(m_ladder, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item)
            return;
        m_selected = RungId(item->data(0, kRungRole).toInt());
        const Rung* r = m_run->ladder().rung(*m_selected);
        if (!r)
            return;
        m_useRung->setText(r->checklistOnly ? tr("Open the checklist for \"%1\" >").arg(r->title)
                                            : tr("Use \"%1\" >").arg(r->title));
        m_useRung->setEnabled(r->id != RungId::Diagnose && (r->applies || r->checklistOnly));
        QString detail = QStringLiteral("<b>%1 %2</b> (%3): %4")
                             .arg(r->number.toHtmlEscaped(), r->title.toHtmlEscaped(),
                                  RecoveryLadder::riskDisplayName(r->risk).toHtmlEscaped(), esc(r->explanation));
        if (!r->applies && !r->checklistOnly && r->id != RungId::Diagnose)
            detail += QStringLiteral("<br><b>%1</b> %2").arg(tr("Not now:"), esc(r->whyNot));
        m_ladderDetail->setText(detail);
    });
    connect(m_ladder, &QTreeWidget::itemActivated, this, [this] {
        if (m_useRung->isEnabled())
            m_useRung->click();
    });
    l->addWidget(m_ladder, 1);
    m_ladderDetail = new QLabel(page);
    m_ladderDetail->setObjectName(QStringLiteral("ladderDetail"));
    m_ladderDetail->setWordWrap(true);
    m_ladderDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ladderDetail->setMinimumHeight(m_ladderDetail->fontMetrics().lineSpacing() * 4);
    m_ladderDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    l->addWidget(m_ladderDetail);
    auto* buttons = new QHBoxLayout;
    auto* back = new QPushButton(tr("< &Back"), page);
    connect(back, &QPushButton::clicked, this, [this] { showPage(DiagnosisPage); });
    m_useRung = new QPushButton(tr("Use >"), page);
    m_useRung->setObjectName(QStringLiteral("useRungButton"));
    m_useRung->setDefault(true);
    connect(m_useRung, &QPushButton::clicked, this, [this] {
        showRung();
        showPage(RungPage);
    });
    buttons->addWidget(back);
    buttons->addStretch(1);
    buttons->addWidget(m_useRung);
    l->addLayout(buttons);
    m_pages->addWidget(page);
}

void RescueWizard::buildRungPage()
{
    auto* page = new QWidget(m_pages);
    auto* l = new QVBoxLayout(page);
    auto* top = new QHBoxLayout;
    m_rungTitle = new QLabel(page);
    m_rungTitle->setObjectName(QStringLiteral("rungTitle"));
    m_rungTitle->setTextFormat(Qt::PlainText);
    QFont f = m_rungTitle->font();
    f.setBold(true);
    m_rungTitle->setFont(f);
    m_rungRisk = new QLabel(page);
    m_rungRisk->setObjectName(QStringLiteral("rungRisk"));
    m_rungRiskIcon = new QLabel(page);
    m_rungRiskIcon->setObjectName(QStringLiteral("rungRiskIcon"));
    top->addWidget(m_rungTitle, 1);
    top->addWidget(m_rungRiskIcon);
    top->addWidget(m_rungRisk);
    l->addLayout(top);
    m_rungText = new QTextBrowser(page);
    m_rungText->setObjectName(QStringLiteral("rungText"));
    l->addWidget(m_rungText, 2);
    m_runsOn = new QLabel(page);
    m_runsOn->setObjectName(QStringLiteral("runsOnLabel"));
    m_runsOn->setTextFormat(Qt::PlainText);
    l->addWidget(m_runsOn);
    auto* cmdRow = new QHBoxLayout;
    m_commands = new QPlainTextEdit(page);
    m_commands->setObjectName(QStringLiteral("commandsView"));
    m_commands->setReadOnly(true);
    m_commands->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commands->setMaximumHeight(90);
    m_commands->setAccessibleName(tr("Exact commands"));
    m_copy = new QPushButton(tr("&Copy"), page);
    m_copy->setObjectName(QStringLiteral("copyCommandsButton"));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_commands->toPlainText());
        m_message->showMessage(MessageBar::Type::Information, tr("The commands are on the clipboard."));
    });
    cmdRow->addWidget(m_commands, 1);
    cmdRow->addWidget(m_copy, 0, Qt::AlignTop);
    l->addLayout(cmdRow);
    m_checklist = new QTreeWidget(page);
    m_checklist->setObjectName(QStringLiteral("checklistView"));
    m_checklist->setHeaderHidden(true);
    m_checklist->setRootIsDecorated(false);
    m_checklist->setWordWrap(true);
    l->addWidget(m_checklist, 2);
    m_showOnly = new QCheckBox(tr("&Only show me the commands: I will type them myself, then XenRescue checks"), page);
    m_showOnly->setObjectName(QStringLiteral("showOnlyCheck"));
    connect(m_showOnly, &QCheckBox::toggled, this, &RescueWizard::updateRunButton);
    l->addWidget(m_showOnly);
    m_acknowledge = new QCheckBox(page);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeCheck"));
    connect(m_acknowledge, &QCheckBox::toggled, this, &RescueWizard::updateRunButton);
    l->addWidget(m_acknowledge);
    auto* typeRow = new QHBoxLayout;
    m_typeLabel = new QLabel(page);
    m_typeLabel->setObjectName(QStringLiteral("typeNameLabel"));
    m_typeLabel->setWordWrap(true);
    m_typeName = new QLineEdit(page);
    m_typeName->setObjectName(QStringLiteral("typeNameEdit"));
    m_typeName->setAccessibleName(tr("Type the VM's name to confirm"));
    m_typeLabel->setBuddy(m_typeName);
    connect(m_typeName, &QLineEdit::textChanged, this, &RescueWizard::updateRunButton);
    typeRow->addWidget(m_typeLabel, 1);
    typeRow->addWidget(m_typeName, 1);
    l->addLayout(typeRow);
    auto* buttons = new QHBoxLayout;
    m_rungBack = new QPushButton(tr("< &Back to the Ladder"), page);
    m_rungBack->setObjectName(QStringLiteral("rungBackButton"));
    connect(m_rungBack, &QPushButton::clicked, this, [this] { showPage(LadderPage); });
    m_connectHost = new QPushButton(page);
    m_connectHost->setObjectName(QStringLiteral("connectHostButton"));
    m_connectHost->setVisible(false);
    connect(m_connectHost, &QPushButton::clicked, this, [this] {
        m_connectHost->setEnabled(false);
        Q_EMIT connectHostRequested(m_run->situation().residentHost.uuid);
    });
    // While a rung waits for its host to be connected, look again every second.
    m_reach = new QTimer(this);
    m_reach->setInterval(1000);
    connect(m_reach, &QTimer::timeout, this, [this] {
        if (currentPage() == RungPage)
            updateRunButton();
        else
            m_reach->stop();
    });
    m_runRung = new QPushButton(tr("&Run"), page);
    m_runRung->setObjectName(QStringLiteral("runRungButton"));
    connect(m_runRung, &QPushButton::clicked, this, &RescueWizard::startRung);
    buttons->addWidget(m_rungBack);
    buttons->addStretch(1);
    buttons->addWidget(m_connectHost);
    buttons->addWidget(m_runRung);
    l->addLayout(buttons);
    m_pages->addWidget(page);
}

void RescueWizard::buildRunPage()
{
    auto* page = new QWidget(m_pages);
    auto* l = new QVBoxLayout(page);
    m_runStatus = new QLabel(page);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    m_runStatus->setWordWrap(true);
    l->addWidget(m_runStatus);
    m_transcript = new QPlainTextEdit(page);
    m_transcript->setObjectName(QStringLiteral("transcriptView"));
    m_transcript->setReadOnly(true);
    m_transcript->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_transcript->setAccessibleName(tr("Transcript"));
    m_transcript->setMaximumBlockCount(20000);
    l->addWidget(m_transcript, 1);
    m_checkText = new QLabel(page);
    m_checkText->setObjectName(QStringLiteral("checkText"));
    m_checkText->setWordWrap(true);
    l->addWidget(m_checkText);
    m_checkProgress = new QProgressBar(page);
    m_checkProgress->setObjectName(QStringLiteral("checkProgress"));
    m_checkProgress->setTextVisible(false);
    l->addWidget(m_checkProgress);
    auto* buttons = new QHBoxLayout;
    m_checkNow = new QPushButton(tr("I Ran Them: &Check Now"), page);
    m_checkNow->setObjectName(QStringLiteral("checkNowButton"));
    connect(m_checkNow, &QPushButton::clicked, this, [this] {
        const Result<void> started =
            m_selected ? m_run->checkOnly(*m_selected) : Result<void>::failure(tr("Choose a rung first."));
        if (!started)
            m_message->showMessage(MessageBar::Type::Error, started.errorMessage());
        m_checkNow->setEnabled(false);
    });
    m_cancel = new QPushButton(tr("&Stop"), page);
    m_cancel->setObjectName(QStringLiteral("cancelRungButton"));
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_run->cancel(); });
    m_toResult = new QPushButton(tr("&Result >"), page);
    m_toResult->setObjectName(QStringLiteral("toResultButton"));
    m_toResult->setVisible(false);
    connect(m_toResult, &QPushButton::clicked, this, [this] { showPage(ResultPage); });
    buttons->addWidget(m_checkNow);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_toResult);
    // While a command runs: how long it has been running, and when it will be stopped.
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (m_run->phase() != RescueRun::Phase::Running) {
            m_ticker->stop();
            return;
        }
        m_checkText->setText(tr("The command has been running for %1 s; it is stopped after %2 s. Stop ends it on "
                                "the host now.")
                                 .arg(m_runClock.elapsed() / 1000)
                                 .arg(m_run->commandTimeoutSeconds()));
    });
    l->addLayout(buttons);
    m_pages->addWidget(page);
}

void RescueWizard::buildResultPage()
{
    auto* page = new QWidget(m_pages);
    auto* l = new QVBoxLayout(page);
    m_resultHeadline = new QLabel(page);
    m_resultHeadline->setObjectName(QStringLiteral("resultHeadline"));
    QFont f = m_resultHeadline->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_resultHeadline->setFont(f);
    m_resultHeadline->setTextFormat(Qt::PlainText);
    l->addWidget(m_resultHeadline);
    m_resultText = new QTextBrowser(page);
    m_resultText->setObjectName(QStringLiteral("resultText"));
    l->addWidget(m_resultText, 1);
    auto* buttons = new QHBoxLayout;
    m_export = new QPushButton(tr("&Export Transcript…"), page);
    m_export->setObjectName(QStringLiteral("exportButton"));
    connect(m_export, &QPushButton::clicked, this, &RescueWizard::exportWithDialog);
    m_showTranscript = new QPushButton(tr("&Transcript"), page);
    m_showTranscript->setObjectName(QStringLiteral("showTranscriptButton"));
    connect(m_showTranscript, &QPushButton::clicked, this, [this] { showPage(RunPage); });
    m_backToLadder = new QPushButton(tr("< &Ladder"), page);
    m_backToLadder->setObjectName(QStringLiteral("backToLadderButton"));
    connect(m_backToLadder, &QPushButton::clicked, this, [this] { showPage(LadderPage); });
    m_startVm = new QPushButton(tr("S&tart the VM Again"), page);
    m_startVm->setObjectName(QStringLiteral("startVmButton"));
    connect(m_startVm, &QPushButton::clicked, this, [this] {
        m_startVm->setEnabled(false);
        Q_EMIT startVmRequested(m_run->vmUuid());
    });
    m_nextRung = new QPushButton(page);
    m_nextRung->setObjectName(QStringLiteral("nextRungButton"));
    m_nextRung->setDefault(true);
    connect(m_nextRung, &QPushButton::clicked, this, [this] {
        const Rung* next = m_run->ladder().recommended();
        if (!next)
            return;
        selectRung(next->id);
        showRung();
        showPage(RungPage);
    });
    buttons->addWidget(m_export);
    buttons->addWidget(m_showTranscript);
    buttons->addWidget(m_backToLadder);
    buttons->addStretch(1);
    buttons->addWidget(m_startVm);
    buttons->addWidget(m_nextRung);
    l->addLayout(buttons);
    m_pages->addWidget(page);
}

// --- Behaviour -------------------------------------------------------------------------------------

RescueWizard::Page RescueWizard::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void RescueWizard::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
    updateHeader();
    if (page == RungPage)
        m_runRung->setFocus();
    if (page == LadderPage)
        m_ladder->setFocus();
}

void RescueWizard::updateHeader()
{
    setWindowTitle(m_run->title());
    m_title->setText(m_run->title());
    const QStringList names{tr("Diagnosis"), tr("Ladder"), tr("Rung"), tr("Run and check"), tr("Result")};
    const int page = m_pages->currentIndex();
    m_steps->setText(tr("step %1 of %2: %3").arg(page + 1).arg(names.size()).arg(names.value(page)));
}

void RescueWizard::updateDiagnosis()
{
    const RescueRun::Phase phase = m_run->phase();
    const bool busy = phase == RescueRun::Phase::Diagnosing;
    m_rediagnose->setEnabled(!busy && phase != RescueRun::Phase::Running && phase != RescueRun::Phase::Verifying);
    m_toLadder->setEnabled(m_run->hasLadder() && !busy);
    if (phase == RescueRun::Phase::Failed) {
        m_diagnosis->setHtml(QStringLiteral("<p>%1</p>").arg(esc(m_run->errorMessage())));
        return;
    }
    if (!m_run->hasLadder()) {
        m_diagnosis->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Reading the VM's state from the hosts…")));
        return;
    }
    QString html = RescueWizardText::situationHtml(*m_run);
    if (busy)
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Reading again…"));
    m_diagnosis->setHtml(html);
}

void RescueWizard::updateLadder()
{
    const std::optional<RungId> keep = m_selected;
    m_ladder->clear();
    const Ladder& ladder = m_run->ladder();
    QTreeWidgetItem* recommended = nullptr;
    QTreeWidgetItem* kept = nullptr;
    for (const Rung& r : ladder.rungs) {
        auto* item = new QTreeWidgetItem(m_ladder);
        item->setData(0, kRungRole, int(r.id));
        item->setText(0, r.number);
        item->setText(1, r.title);
        item->setText(2, RecoveryLadder::riskDisplayName(r.risk));
        item->setIcon(2, riskIcon(r.risk));
        item->setForeground(2, riskColour(r.risk, palette()));
        QString now;
        if (r.id == RungId::Diagnose)
            now = tr("done");
        else if (r.checklistOnly)
            now = tr("checklist only: never run by XenRescue");
        else if (!r.applies)
            now = tr("not now: %1").arg(r.whyNot);
        if (const RungAttempt* a = m_run->situation().lastAttempt(r.id)) {
            const QString tried = a->outcome == AttemptOutcome::Succeeded ? tr("tried: worked")
                                  : a->code.isEmpty()                     ? tr("tried: no effect")
                                                                          : tr("tried: %1").arg(a->code);
            now = now.isEmpty() ? tried : tried + QStringLiteral("; ") + now;
        }
        if (r.recommended) {
            now = now.isEmpty() ? tr("◀ recommended") : tr("◀ recommended; %1").arg(now);
            QFont f = item->font(1);
            f.setBold(true);
            for (int c = 0; c < 4; ++c)
                item->setFont(c, f);
            recommended = item;
        }
        item->setText(3, now);
        item->setToolTip(1, r.explanation);
        item->setToolTip(3, now);
        if (!r.applies && !r.checklistOnly && r.id != RungId::Diagnose) {
            for (int c : {0, 1, 3})
                item->setForeground(c, palette().color(QPalette::Disabled, QPalette::Text));
        }
        if (keep && *keep == r.id)
            kept = item;
    }
    // After a rung the recommendation moves on: follow it unless the admin is mid-choice.
    QTreeWidgetItem* pick = currentPage() == LadderPage && kept ? kept : recommended;
    if (!pick)
        pick = kept;
    if (pick)
        m_ladder->setCurrentItem(pick);
    m_ladder->resizeColumnToContents(0);
    m_ladder->resizeColumnToContents(2);
}

std::optional<RungId> RescueWizard::selectedRung() const
{
    return m_selected;
}

void RescueWizard::selectRung(RungId id)
{
    for (int i = 0; i < m_ladder->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_ladder->topLevelItem(i);
        if (item->data(0, kRungRole).toInt() == int(id))
            m_ladder->setCurrentItem(item);
    }
    m_selected = id;
}

void RescueWizard::showRung()
{
    const Rung* r = m_selected ? m_run->ladder().rung(*m_selected) : nullptr;
    if (!r)
        return;
    m_rungTitle->setText(tr("Rung %1: %2").arg(r->number, r->title));
    const QColor colour = riskColour(r->risk, palette());
    m_rungRisk->setText(QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>")
                            .arg(colour.name(), RecoveryLadder::riskDisplayName(r->risk).toUpper().toHtmlEscaped()));
    m_rungRisk->setToolTip(tr("Risk: %1").arg(RecoveryLadder::riskDisplayName(r->risk)));
    const int iconSize = m_rungRisk->fontMetrics().height();
    m_rungRiskIcon->setPixmap(riskIcon(r->risk).pixmap(iconSize, iconSize));
    QString html = QStringLiteral("<p>%1</p>").arg(esc(r->explanation));
    if (!r->whatCanBeLost.isEmpty())
        html += QStringLiteral("<p><b>%1 %2</b></p>").arg(tr("What can be lost:"), esc(r->whatCanBeLost));
    if (!r->verification.description.isEmpty())
        html +=
            QStringLiteral("<p>%1 %2</p>").arg(tr("Afterwards XenRescue checks:"), esc(r->verification.description));
    for (const QString& n : r->notes)
        html += QStringLiteral("<p><i>%1</i></p>").arg(esc(n));
    if (!r->applies && !r->checklistOnly)
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Not now:"), esc(r->whyNot));
    m_rungText->setHtml(html);

    const QString host = r->runsOnHost.isEmpty() ? m_run->hostLabel(r->runsOn) : r->runsOnHost;
    m_commands->setPlainText(commandsText(*r));
    const bool checklist = r->checklistOnly;
    m_commands->setVisible(!checklist && !r->commands.isEmpty());
    m_copy->setVisible(!checklist && !r->commands.isEmpty());
    m_runsOn->setVisible(!checklist);
    m_runsOn->setText(r->risk >= RiskLevel::Medium
                          ? tr("Runs on %1 (as root, over SSH). A note goes to that host's system log first "
                               "(logger -t xenrescue).")
                                .arg(host)
                          : tr("Runs on %1 (as root, over SSH).").arg(host));
    m_checklist->setVisible(checklist);
    m_checklist->clear();
    for (const QString& step : r->checklist) {
        auto* item = new QTreeWidgetItem(m_checklist, {step});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
    }
    // A fresh confirmation every time: nothing carries over from an earlier visit.
    m_showOnly->setChecked(false);
    m_showOnly->setVisible(!checklist);
    m_acknowledge->setChecked(false);
    m_typeName->clear();
    const bool medium = r->risk == RiskLevel::Medium && !checklist;
    const bool high = (r->risk == RiskLevel::High || r->risk == RiskLevel::Critical) && !checklist;
    m_acknowledge->setVisible(medium);
    m_acknowledge->setText(
        tr("I understand what can be lost: %1")
            .arg(r->whatCanBeLost.isEmpty() ? tr("this rung changes the VM's state") : r->whatCanBeLost));
    m_typeLabel->setVisible(high);
    m_typeName->setVisible(high);
    const ConfirmationTarget target = m_run->confirmationTarget();
    m_typeLabel->setText(
        TypedConfirmation::ask(target) == TypedConfirmation::Ask::NameOrUuid
            ? tr("<b>%1 risk.</b> Type the VM's name <b>%2</b> (or its UUID) to confirm:")
                  .arg(RecoveryLadder::riskDisplayName(r->risk).toHtmlEscaped(), esc(target.name))
            : tr("<b>%1 risk.</b> Type this VM's full UUID <b>%2</b> to confirm (its name will not do: %3):")
                  .arg(RecoveryLadder::riskDisplayName(r->risk).toHtmlEscaped(), esc(target.uuid),
                       TypedConfirmation::whyUuid(target).toHtmlEscaped()));
    m_runRung->setVisible(!checklist);
    updateRunButton();
}

void RescueWizard::updateRunButton()
{
    const Rung* r = m_selected ? m_run->ladder().rung(*m_selected) : nullptr;
    if (!r || r->checklistOnly) {
        m_runRung->setEnabled(false);
        return;
    }
    if (m_showOnly->isChecked()) {
        m_runRung->setText(tr("I Will Run Them &Myself >"));
        m_runRung->setEnabled(r->applies && m_run->phase() == RescueRun::Phase::Ready);
        return;
    }
    RescueRun::Confirmation c{r->id, m_acknowledge->isChecked(), m_typeName->text()};
    const QString problem = RescueRun::confirmationProblem(*r, c, m_run->confirmationTarget());
    m_runRung->setText(tr("&Run Rung %1").arg(r->number));
    const bool reachable = m_run->canReach(r->runsOn);
    const bool ready = r->applies && m_run->phase() == RescueRun::Phase::Ready && reachable;
    // A resident host known to the pool but not connected: offer to connect it here.
    const HostRef& resident = m_run->situation().residentHost;
    const bool offer = !reachable && r->runsOn == HostRole::ResidentHost && !resident.uuid.isEmpty() &&
                       !resident.address.isEmpty() && r->applies;
    m_connectHost->setVisible(offer);
    if (offer) {
        m_connectHost->setText(tr("&Connect to %1").arg(resident.label()));
        if (!m_reach->isActive())
            m_reach->start();
    } else {
        m_connectHost->setEnabled(true);
    }
    m_runRung->setEnabled(ready && problem.isEmpty());
    QString tip = problem;
    if (!r->applies)
        tip = r->whyNot;
    else if (m_run->phase() != RescueRun::Phase::Ready)
        tip = tr("Wait for the diagnosis to finish.");
    else if (!m_run->canReach(r->runsOn))
        tip = tr("XenRescue is not connected to the host this rung runs on.");
    m_runRung->setToolTip(tip);
}

void RescueWizard::startRung()
{
    const Rung* r = m_selected ? m_run->ladder().rung(*m_selected) : nullptr;
    if (!r)
        return;
    m_message->hide();
    m_checkProgress->setRange(0, 1);
    m_checkProgress->setValue(0);
    m_checkText->clear();
    if (m_showOnly->isChecked()) {
        m_shownOnly = true;
        m_runStatus->setText(
            tr("Run these commands on %1 yourself, then press \"I Ran Them: Check Now\":\n%2")
                .arg(r->runsOnHost.isEmpty() ? m_run->hostLabel(r->runsOn) : r->runsOnHost, commandsText(*r)));
        m_checkNow->setVisible(true);
        m_checkNow->setEnabled(true);
        m_cancel->setEnabled(false);
        showPage(RunPage);
        return;
    }
    m_shownOnly = false;
    const RescueRun::Confirmation c{r->id, m_acknowledge->isChecked(), m_typeName->text()};
    // Used once: the next rung (or this one again) asks afresh.
    m_acknowledge->setChecked(false);
    m_typeName->clear();
    if (const Result<void> started = m_run->runRung(r->id, c); !started) {
        m_message->showMessage(MessageBar::Type::Error, started.errorMessage());
        return;
    }
    m_checkNow->setVisible(false);
    m_toResult->setVisible(false);
    m_runStatus->setText(tr("Running rung %1 (%2)…").arg(r->number, r->title));
    m_runClock.start();
    m_ticker->start();
    showPage(RunPage);
}

void RescueWizard::onTranscript(const TranscriptEntry& e)
{
    m_transcript->appendPlainText(RescueWizardText::transcriptLine(e));
    m_transcript->verticalScrollBar()->setValue(m_transcript->verticalScrollBar()->maximum());
}

void RescueWizard::onPhase(RescueRun::Phase phase)
{
    updateDiagnosis();
    updateRunButton();
    const bool running = phase == RescueRun::Phase::Running || phase == RescueRun::Phase::Verifying;
    m_cancel->setEnabled(running);
    m_cancel->setText(phase == RescueRun::Phase::Verifying ? tr("&Stop Checking") : tr("&Stop the Command"));
    if (phase == RescueRun::Phase::Verifying) {
        m_runStatus->setText(tr("The commands finished. Checking that the rung took effect…"));
        m_checkProgress->setRange(0, std::max(1, m_run->checkTimeoutSeconds()));
        m_checkProgress->setValue(0);
        if (currentPage() != RunPage)
            showPage(RunPage);
    }
    if (phase == RescueRun::Phase::ConnectionLost) {
        m_message->showMessage(MessageBar::Type::Error,
                               tr("The connection was lost. Nothing will be repeated; XenRescue diagnoses again when "
                                  "the host is back, and any rung then needs a new confirmation."));
    } else if (phase == RescueRun::Phase::Ready && m_message->isVisible() && !m_run->errorMessage().isEmpty()) {
        m_message->hide();
    }
    if (phase == RescueRun::Phase::Failed)
        m_message->showMessage(MessageBar::Type::Error, m_run->errorMessage());
}

void RescueWizard::onRungFinished(RescueRun::Outcome)
{
    m_ticker->stop();
    m_toResult->setVisible(true);
    m_runStatus->setText(tr("Finished. The transcript stays here; the result is on the next page."));
    m_checkNow->setVisible(false);
    m_cancel->setEnabled(false);
    updateResult();
    showPage(ResultPage);
}

void RescueWizard::updateResult()
{
    const RescueRun::Outcome outcome = m_run->lastOutcome();
    const bool good = outcome == RescueRun::Outcome::Succeeded || outcome == RescueRun::Outcome::ShownOnly;
    QString headline = RescueRun::outcomeText(outcome);
    if (const std::optional<RungId> r = m_run->lastRung()) {
        if (const Rung* rung = m_run->ladder().rung(*r))
            headline = tr("Rung %1 (%2): %3").arg(rung->number, rung->title, headline);
    }
    m_resultHeadline->setText(headline);
    QPalette p = m_resultHeadline->palette();
    p.setColor(QPalette::WindowText, riskColour(good ? RiskLevel::Safe : RiskLevel::High, palette()));
    m_resultHeadline->setPalette(p);

    QString html = QStringLiteral("<p>%1</p>").arg(esc(m_run->lastExplanation()));
    if (const std::optional<RungId> s = m_run->suggestedNext()) {
        if (const Rung* next = m_run->ladder().rung(*s))
            html += QStringLiteral("<p>%1</p>")
                        .arg(tr("What fits next for this refusal: rung %1, %2.")
                                 .arg(next->number.toHtmlEscaped(), esc(next->title)));
    }
    const bool diagnosing = m_run->phase() == RescueRun::Phase::Diagnosing;
    html += QStringLiteral("<h3>%1</h3>").arg(diagnosing ? tr("Reading the state again…") : tr("The state now"));
    if (!diagnosing && m_run->hasLadder())
        html += RescueWizardText::situationHtml(*m_run);
    m_resultText->setHtml(html);

    const VmSituation& s = m_run->situation();
    const bool xapi = isXapiFlavour(m_run->flavour());
    const bool halted = s.xapiAnswers() && s.xapiPowerState == XapiPowerState::Halted && s.domain.isAbsent();
    m_startVm->setVisible(xapi && halted && !diagnosing);
    m_startVm->setEnabled(true);
    const Rung* next = m_run->hasLadder() && !diagnosing ? m_run->ladder().recommended() : nullptr;
    const bool nextUseful = next && next->id != RungId::Diagnose && !halted;
    m_nextRung->setVisible(nextUseful);
    if (nextUseful)
        m_nextRung->setText(tr("Next: Rung %1, %2 >").arg(next->number, next->title));
    m_backToLadder->setEnabled(!diagnosing && m_run->phase() != RescueRun::Phase::ConnectionLost);
}

bool RescueWizard::exportTranscript(const QString& path, QString* error) const
{
    const bool html = path.endsWith(QStringLiteral(".html"), Qt::CaseInsensitive) ||
                      path.endsWith(QStringLiteral(".htm"), Qt::CaseInsensitive);
    const QString title = m_run->title() + QStringLiteral(" (") + m_run->vmUuid() + QLatin1Char(')');
    const QString text = html ? RescueTranscript::toHtml(title, m_run->transcript())
                              : RescueTranscript::toText(title, m_run->transcript());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void RescueWizard::exportWithDialog()
{
    auto* dialog = new QFileDialog(this, tr("Export Transcript"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("Text (*.txt)"), tr("HTML (*.html)")});
    dialog->setDefaultSuffix(QStringLiteral("txt"));
    dialog->selectFile(QStringLiteral("xenrescue-%1.txt").arg(m_run->runId().left(8)));
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString& filter) {
        dialog->setDefaultSuffix(filter.contains(QStringLiteral("html")) ? QStringLiteral("html")
                                                                         : QStringLiteral("txt"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        QString error;
        if (exportTranscript(path, &error))
            m_message->showMessage(MessageBar::Type::Positive,
                                   tr("Transcript saved to %1.").arg(QDir::toNativeSeparators(path)));
        else
            m_message->showMessage(MessageBar::Type::Error, error);
    });
    dialog->open();
}

void RescueWizard::closeEvent(QCloseEvent* event)
{
    const RescueRun::Phase phase = m_run->phase();
    if (phase == RescueRun::Phase::Running || phase == RescueRun::Phase::Verifying) {
        m_message->showMessage(MessageBar::Type::Warning,
                               tr("A rung is running: stop it first (Stop), so that its outcome is on record."));
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

void RescueWizard::keyPressEvent(QKeyEvent* event)
{
    // Escape must not close the wizard in the middle of a rung.
    if (event->key() == Qt::Key_Escape) {
        close();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

} // namespace xr
