#include "LogPane.h"

#include "LogFindBar.h"
#include "LogSource.h"
#include "LogView.h"
#include "MergedLog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace xr {

namespace {

QToolButton* toolButton(QWidget* parent, const QString& name, const QString& text, const QString& tip,
                        bool checkable = false)
{
    auto* b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    return b;
}

void stopJob(QPointer<LogFilterJob>& job)
{
    if (!job)
        return;
    LogFilterJob* j = job.data();
    job.clear();
    if (!j)
        return;
    j->requestInterruption();
    if (QThreadPool::globalInstance()->tryTake(j)) {
        delete j;
        return;
    }
    // Running: it stops within a few MiB of work. Its queued signals die with it.
    while (!j->isDone())
        QThread::yieldCurrentThread();
    delete j;
}

} // namespace

const CatalogueMatcher& LogPane::catalogue()
{
    static const CatalogueMatcher matcher = [] {
        QFile file(QStringLiteral(":/knowledge/catalogue.json"));
        if (!file.open(QIODevice::ReadOnly))
            return CatalogueMatcher();
        QList<CatalogueProblem> problems;
        return CatalogueMatcher(ErrorCatalogue::fromJson(file.readAll(), problems));
    }();
    return matcher;
}

LogPane::LogPane(QWidget* parent)
    : QWidget(parent)
    , m_view(new LogView(this))
    , m_findBar(new LogFindBar(this))
    , m_explain(new QTextBrowser(this))
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_follow(toolButton(this, QStringLiteral("followButton"), tr("Follow"),
                          tr("Show new lines as they are written (copes with rotation and truncation)"), true))
    , m_wrap(toolButton(this, QStringLiteral("wrapButton"), tr("Wrap"), tr("Wrap long lines"), true))
    , m_columns(toolButton(this, QStringLiteral("columnsButton"), tr("Columns"),
                           tr("Show the parsed columns (time, host, process, level, thread and task) or the raw lines"),
                           true))
    , m_older(toolButton(this, QStringLiteral("olderButton"), tr("Load Older"),
                         tr("Read the part of the file before what is shown (scrolling to the top does it too)")))
    , m_download(toolButton(this, QStringLiteral("downloadButton"), tr("Download…"),
                            tr("Copy the whole file to this computer")))
    , m_timeEdit(new QDateTimeEdit(this))
    , m_goTime(toolButton(this, QStringLiteral("goTimeButton"), tr("Go to Time"),
                          tr("Jump to the first line at or after this time (the log's own clock)")))
    , m_filterBox(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_cancelDownload(toolButton(this, QStringLiteral("cancelDownload"), tr("Cancel"), tr("Cancel the download")))
    , m_rerun(new QTimer(this))
{
    setObjectName(QStringLiteral("logPane"));
    m_title->setObjectName(QStringLiteral("logTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_columns->setChecked(true);
    m_timeEdit->setObjectName(QStringLiteral("timeEdit"));
    m_timeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_timeEdit->setTimeSpec(Qt::UTC);
    m_timeEdit->setAccessibleName(tr("Time to go to"));
    m_filterBox->setObjectName(QStringLiteral("filterBox"));
    m_filterBox->setAccessibleName(tr("Filter lines"));
    m_filterBox->addItem(tr("All lines"), int(Filter::AllLines));
    m_filterBox->addItem(tr("Matching lines"), int(Filter::MatchingLines));
    m_filterBox->addItem(tr("Warnings and worse"), int(Filter::WarningsAndWorse));
    m_filterBox->addItem(tr("Known problems"), int(Filter::KnownProblems));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(140);
    m_progress->hide();
    m_cancelDownload->hide();
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setCatalogue(&catalogue());
    m_findBar->hide();
    m_explain->setObjectName(QStringLiteral("logExplanation"));
    m_explain->setAccessibleName(tr("Explanation of the known problem"));
    m_explain->setOpenExternalLinks(false);
    m_explain->hide();

    auto* top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 2);
    top->addWidget(m_title, 2);
    top->addWidget(m_status, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancelDownload);
    // A tool bar: what does not fit goes behind its extension button, so a narrow pane works.
    auto* tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("logPaneTools"));
    tools->setIconSize(QSize(16, 16));
    for (QWidget* w :
         {static_cast<QWidget*>(m_follow), static_cast<QWidget*>(m_wrap), static_cast<QWidget*>(m_columns)})
        tools->addWidget(w);
    // Widgets in a tool bar are shown and hidden through their actions.
    m_olderAction = tools->addWidget(m_older);
    m_downloadAction = tools->addWidget(m_download);
    tools->addSeparator();
    auto* filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filterBox);
    tools->addWidget(filterLabel);
    tools->addWidget(m_filterBox);
    tools->addSeparator();
    tools->addWidget(m_timeEdit);
    tools->addWidget(m_goTime);
    // Long titles and status lines give way rather than widen the window.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_explain);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(tools);
    layout->addWidget(split, 1);
    layout->addWidget(m_findBar);

    m_rerun->setSingleShot(true);
    m_rerun->setInterval(400);
    connect(m_rerun, &QTimer::timeout, this, [this] {
        if (!m_findBar->query().pattern.isEmpty())
            startFind();
        if (m_filter == Filter::WarningsAndWorse || m_filter == Filter::KnownProblems)
            startFilter();
    });

    // Find keys belong to the pane while it has focus (the main window's Ctrl+F filters its tree):
    // taken at ShortcutOverride, so no window shortcut sees them.
    m_view->installEventFilter(this);
    m_findBar->edit()->installEventFilter(this);

    connect(m_findBar, &LogFindBar::searchRequested, this, &LogPane::startFind);
    connect(m_findBar, &LogFindBar::nextRequested, this, &LogPane::findNext);
    connect(m_findBar, &LogFindBar::previousRequested, this, &LogPane::findPrevious);
    connect(m_findBar, &LogFindBar::cancelRequested, this, &LogPane::cancelFind);
    connect(m_findBar, &LogFindBar::closeRequested, this, [this] {
        m_findBar->hide();
        m_view->setFocus();
    });
    connect(m_wrap, &QToolButton::toggled, m_view, &LogView::setWrap);
    connect(m_columns, &QToolButton::toggled, m_view, &LogView::setColumns);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (LogSource* s = source()) {
            s->setFollowing(on);
            if (on)
                m_view->scrollToEnd();
        }
    });
    connect(m_older, &QToolButton::clicked, this, [this] {
        if (LogSource* s = source())
            s->loadOlder();
    });
    connect(m_view, &LogView::reachedTop, this, [this] {
        if (LogSource* s = source(); s && s->canLoadOlder() && !s->isLoadingOlder())
            s->loadOlder();
    });
    connect(m_download, &QToolButton::clicked, this, &LogPane::chooseDownload);
    connect(m_cancelDownload, &QToolButton::clicked, this, [this] {
        if (LogSource* s = source())
            s->cancelDownload();
    });
    connect(m_goTime, &QToolButton::clicked, this, [this] {
        const QDateTime t = m_timeEdit->dateTime();
        goToTime(QDateTime(t.date(), t.time(), Qt::UTC).toMSecsSinceEpoch());
    });
    connect(m_filterBox, &QComboBox::activated, this,
            [this](int i) { setFilter(Filter(m_filterBox->itemData(i).toInt())); });
    connect(m_view, &LogView::currentLineChanged, this, [this](quint64 line) {
        updateExplanation(line);
        if (m_doc) {
            if (const auto key = m_doc->nearestTimeKey(line)) {
                const QSignalBlocker block(m_timeEdit);
                m_timeEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(*key, Qt::UTC));
            }
        }
        Q_EMIT currentLineChanged(line);
    });
    setDocument(nullptr);
}

LogPane::~LogPane()
{
    for (QPointer<LogFilterJob>* job : {&m_findJob, &m_filterJob}) {
        if (*job) {
            stopJob(*job);
            pinDocument(false);
        }
    }
}

bool LogPane::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const bool find = key->matches(QKeySequence::Find);
    const bool next = key->matches(QKeySequence::FindNext);
    const bool previous = key->matches(QKeySequence::FindPrevious);
    if (!find && !next && !previous)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    if (find)
        showFind();
    else if (next)
        findNext();
    else
        findPrevious();
    return true;
}

LogSource* LogPane::source() const
{
    return qobject_cast<LogSource*>(m_docObject);
}

void LogPane::setDocument(LogDocument* document)
{
    if (m_findJob) {
        stopJob(m_findJob);
        pinDocument(false);
    }
    if (m_filterJob) {
        stopJob(m_filterJob);
        pinDocument(false);
    }
    if (m_docObject)
        disconnect(m_docObject, nullptr, this, nullptr);
    m_doc = document;
    m_docObject = dynamic_cast<QObject*>(document);
    m_matches.clear();
    m_filter = Filter::AllLines;
    m_filterBox->setCurrentIndex(0);
    m_view->setDocument(document);
    LogSource* s = source();
    m_follow->setEnabled(s && s->canFollow());
    m_follow->setChecked(s && s->isFollowing());
    m_olderAction->setVisible(s != nullptr);
    m_downloadAction->setVisible(s && s->canDownload());
    if (s) {
        m_title->setText(s->origin().displayName());
        connect(s, &LogSource::stateChanged, this, &LogPane::updateStatus);
        connect(s, &LogSource::busyChanged, this, &LogPane::updateStatus);
        connect(s, &LogSource::reloaded, this, &LogPane::onDocumentChanged);
        connect(s, &LogSource::linesPrepended, this, &LogPane::onDocumentChanged);
        connect(s, &LogSource::linesAppended, this, &LogPane::onLinesAppended);
        connect(s, &LogSource::rotated, this, [this](const QString& message) {
            m_status->setText(message);
            Q_EMIT statusMessage(message);
        });
        connect(s, &LogSource::downloadProgress, this, [this](qint64 done, qint64 total) {
            m_progress->show();
            m_cancelDownload->show();
            m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        });
        connect(s, &LogSource::downloadFinished, this, [this](bool, const QString& message) {
            m_progress->hide();
            m_cancelDownload->hide();
            m_status->setText(message);
            Q_EMIT statusMessage(message);
        });
    } else if (auto* merged = qobject_cast<MergedLog*>(m_docObject)) {
        QStringList names;
        for (int i = 0; i < merged->sourceCount(); ++i)
            names << merged->sourceName(i);
        m_title->setText(tr("Merged: %1").arg(names.join(QStringLiteral(" + "))));
        connect(merged, &MergedLog::built, this, &LogPane::onDocumentChanged);
        connect(merged, &MergedLog::linesAppended, this, &LogPane::onLinesAppended);
        connect(merged, &MergedLog::progress, this,
                [this](int pm) { m_status->setText(tr("Merging by time… %1%").arg(pm / 10)); });
    } else {
        m_title->setText(tr("No log open"));
    }
    updateStatus();
}

void LogPane::onDocumentChanged()
{
    updateStatus();
    if (m_doc && m_doc->lineCount() > 0 && !m_view->hasCurrentLine()) {
        if (const auto key = m_doc->nearestTimeKey(m_doc->lineCount() - 1)) {
            const QSignalBlocker block(m_timeEdit);
            m_timeEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(*key, Qt::UTC));
        }
    }
    if (!m_findBar->query().pattern.isEmpty() || m_filter != Filter::AllLines)
        m_rerun->start();
}

LogFilterRequest LogPane::findRequest() const
{
    LogFilterRequest request;
    request.kind = LogFilterRequest::Kind::Search;
    request.query = m_findBar->query();
    return request;
}

LogFilterRequest LogPane::filterRequest() const
{
    LogFilterRequest request;
    request.kind =
        m_filter == Filter::KnownProblems ? LogFilterRequest::Kind::Catalogue : LogFilterRequest::Kind::Severity;
    request.minSeverity = LogSeverity::Warning;
    request.matcher = catalogue();
    return request;
}

void LogPane::onLinesAppended(quint64 firstNew)
{
    // Followed lines: the find and the filter look at the new lines only, unless a full
    // run is under way or due (it sees them anyway).
    updateStatus();
    if (m_rerun->isActive())
        return;
    if (!source()) {
        // A merged view: its new lines come from several logs; one run sees them all.
        if (!m_findBar->query().pattern.isEmpty() || m_filter != Filter::AllLines)
            m_rerun->start();
        return;
    }
    if (!m_findBar->query().pattern.isEmpty()) {
        if (m_findJob) {
            m_rerun->start();
        } else {
            LogFilterRequest request = findRequest();
            request.firstLine = firstNew;
            m_findJob = startJob(std::move(request));
        }
    }
    if (m_filter == Filter::WarningsAndWorse || m_filter == Filter::KnownProblems) {
        if (m_filterJob) {
            m_rerun->start();
        } else {
            LogFilterRequest request = filterRequest();
            request.firstLine = firstNew;
            m_filterJob = startJob(std::move(request));
        }
    }
}

void LogPane::updateStatus()
{
    m_older->setEnabled(source() && source()->canLoadOlder() && !source()->isLoadingOlder());
    if (LogSource* s = source()) {
        const QLocale locale;
        switch (s->state()) {
        case LogSource::State::Closed:
            m_status->clear();
            break;
        case LogSource::State::Opening:
            m_status->setText(tr("Reading…"));
            break;
        case LogSource::State::Failed:
            m_status->setText(s->errorString());
            break;
        case LogSource::State::Ready: {
            const QString lines = tr("%n line(s)", nullptr, int(qMin<quint64>(s->lineCount(), INT_MAX)));
            if (s->isLoadingOlder())
                m_status->setText(tr("%1 · reading older lines…").arg(lines));
            else if (s->canLoadOlder())
                m_status->setText(tr("%1 · last %2 of %3 loaded")
                                      .arg(lines, locale.formattedDataSize(s->fileSize() - s->baseOffset()),
                                           locale.formattedDataSize(s->fileSize())));
            else
                m_status->setText(tr("%1 · %2").arg(lines, locale.formattedDataSize(qint64(s->heldBytes()))));
            // Shown but readable: a damaged .gz, older lines that could not be read.
            if (!s->errorString().isEmpty())
                m_status->setText(tr("%1 · %2").arg(m_status->text(), s->errorString()));
            break;
        }
        }
    } else if (m_doc) {
        m_status->setText(tr("%n line(s)", nullptr, int(qMin<quint64>(m_doc->lineCount(), INT_MAX))));
    }
}

void LogPane::pinDocument(bool pin)
{
    if (LogSource* s = source()) {
        pin ? s->pin() : s->unpin();
    } else if (auto* merged = qobject_cast<MergedLog*>(m_docObject)) {
        for (LogSource* s : merged->sources())
            pin ? s->pin() : s->unpin();
    }
}

LogFilterJob* LogPane::startJob(LogFilterRequest request)
{
    auto* job = new LogFilterJob(*m_doc, std::move(request));
    pinDocument(true);
    connect(
        job, &LogFilterJob::progress, this,
        [this, job](int pm) {
            if (job == m_findJob)
                m_findBar->setProgress(pm);
            else if (job == m_filterJob)
                m_status->setText(tr("Filtering… %1%").arg(pm / 10));
        },
        Qt::QueuedConnection);
    connect(
        job, &LogFilterJob::finished, this, [this, job] { finishJob(job); }, Qt::QueuedConnection);
    connect(
        job, &LogFilterJob::failed, this,
        [this, job](const QString& message) {
            if (job == m_findJob) {
                m_findJob.clear();
                m_findBar->setProgress(-1);
                m_findBar->setStatus(message, true);
                m_matches.clear();
                m_view->clearHighlight();
            } else if (job == m_filterJob) {
                m_filterJob.clear();
            } else {
                return; // stopped and deleted by stopJob()
            }
            pinDocument(false);
            job->deleteLater();
        },
        Qt::QueuedConnection);
    QThreadPool::globalInstance()->start(job);
    return job;
}

void LogPane::finishJob(LogFilterJob* job)
{
    // A job over the new lines of a followed log replaces the lines from there on.
    const auto take = [job](std::vector<quint64>& lines) {
        const quint64 from = job->request().firstLine;
        if (from == 0) {
            lines = job->lines();
            return;
        }
        lines.erase(std::lower_bound(lines.begin(), lines.end(), from), lines.end());
        lines.insert(lines.end(), job->lines().begin(), job->lines().end());
    };
    if (job == m_findJob) {
        m_findJob.clear();
        take(m_matches);
        m_findBar->setProgress(-1);
        const QString count = tr("%n matching line(s)", nullptr, int(qMin<size_t>(m_matches.size(), INT_MAX)));
        m_findBar->setStatus(job->wasCancelled() ? tr("%1 (search cancelled)").arg(count) : count);
        if (m_filter == Filter::MatchingLines)
            m_view->setFilter(m_matches);
        Q_EMIT statusMessage(count);
    } else if (job == m_filterJob) {
        m_filterJob.clear();
        take(m_filterLines);
        m_view->setFilter(m_filterLines);
        updateStatus();
    } else {
        return; // stopped and deleted by stopJob()
    }
    pinDocument(false);
    job->deleteLater();
}

void LogPane::showFind()
{
    m_findBar->activate();
}

void LogPane::startFind()
{
    if (m_findJob) {
        stopJob(m_findJob);
        pinDocument(false);
    }
    const LogSearchQuery q = m_findBar->query();
    if (q.pattern.isEmpty() || !m_doc) {
        m_matches.clear();
        m_view->clearHighlight();
        m_findBar->setStatus(QString());
        m_findBar->setProgress(-1);
        if (m_filter == Filter::MatchingLines)
            m_view->clearFilter();
        return;
    }
    m_view->setHighlight(q);
    m_findBar->setProgress(0);
    m_findBar->setStatus(tr("Searching…"));
    m_findJob = startJob(findRequest());
}

void LogPane::cancelFind()
{
    if (m_findJob)
        m_findJob->requestInterruption();
}

void LogPane::cancelFilter()
{
    if (m_filterJob)
        m_filterJob->requestInterruption();
}

void LogPane::findNext()
{
    if (m_matches.empty())
        return;
    const quint64 from = m_view->hasCurrentLine() ? m_view->currentLine() + 1 : m_view->topLine();
    auto it = std::lower_bound(m_matches.begin(), m_matches.end(), from);
    if (it == m_matches.end())
        it = m_matches.begin(); // wrap around
    m_view->setCurrentLine(*it);
    m_findBar->setStatus(tr("%1 of %2").arg(qint64(it - m_matches.begin()) + 1).arg(m_matches.size()));
}

void LogPane::findPrevious()
{
    if (m_matches.empty())
        return;
    const quint64 from = m_view->hasCurrentLine() ? m_view->currentLine() : m_view->topLine();
    auto it = std::lower_bound(m_matches.begin(), m_matches.end(), from);
    if (it == m_matches.begin())
        it = m_matches.end();
    --it;
    m_view->setCurrentLine(*it);
    m_findBar->setStatus(tr("%1 of %2").arg(qint64(it - m_matches.begin()) + 1).arg(m_matches.size()));
}

void LogPane::setFilter(Filter filter)
{
    m_filter = filter;
    const int index = m_filterBox->findData(int(filter));
    if (index >= 0 && m_filterBox->currentIndex() != index)
        m_filterBox->setCurrentIndex(index);
    startFilter();
}

void LogPane::startFilter()
{
    if (m_filterJob) {
        stopJob(m_filterJob);
        pinDocument(false);
    }
    switch (m_filter) {
    case Filter::AllLines:
        m_view->clearFilter();
        updateStatus();
        return;
    case Filter::MatchingLines:
        if (m_findBar->query().pattern.isEmpty()) {
            showFind();
            m_view->setFilter({});
        } else {
            m_view->setFilter(m_matches);
        }
        return;
    case Filter::WarningsAndWorse:
    case Filter::KnownProblems:
        break;
    }
    if (!m_doc)
        return;
    m_filterJob = startJob(filterRequest());
}

bool LogPane::goToTime(qint64 key)
{
    if (!m_doc || m_doc->lineCount() == 0)
        return false;
    m_view->setCurrentLine(m_doc->lineAtTime(key));
    return true;
}

std::optional<qint64> LogPane::currentTimeKey() const
{
    if (!m_doc || m_doc->lineCount() == 0)
        return std::nullopt;
    return m_doc->nearestTimeKey(m_view->hasCurrentLine() ? m_view->currentLine() : m_view->topLine());
}

void LogPane::updateExplanation(quint64 line)
{
    if (!m_doc || line >= m_doc->lineCount()) {
        m_explain->hide();
        return;
    }
    const CatalogueMatcher& matcher = catalogue();
    const QList<qsizetype> entries = matcher.entriesForLine(m_doc->lineBytes(line));
    if (entries.isEmpty()) {
        m_explain->hide();
        return;
    }
    const QLocale locale;
    QString html;
    for (qsizetype i : entries) {
        const CatalogueEntry& e = matcher.catalogue().entries().at(i);
        html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                    .arg(tr("Known problem: %1").arg(e.title.text(locale).toHtmlEscaped()),
                         e.meaning.text(locale).toHtmlEscaped());
        if (!e.steps.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b></p><ol>").arg(tr("What to do").toHtmlEscaped());
            for (const CatalogueStep& s : e.steps) {
                html += QStringLiteral("<li>") + s.text.text(locale).toHtmlEscaped();
                if (!s.command.isEmpty())
                    html += QStringLiteral("<br><code>%1</code>").arg(s.command.toHtmlEscaped());
                if (s.risk)
                    html += QStringLiteral(" <i>(%1)</i>").arg(tr("risk: %1").arg(catalogueRiskToString(*s.risk)));
                html += QStringLiteral("</li>");
            }
            html += QStringLiteral("</ol>");
        }
    }
    m_explain->setHtml(html);
    m_explain->show();
    // The title first, once the just-shown panel has its size.
    QTimer::singleShot(0, m_explain, [e = m_explain] { e->verticalScrollBar()->setValue(0); });
}

void LogPane::chooseDownload()
{
    LogSource* s = source();
    if (!s || !s->canDownload() || s->isDownloading())
        return;
    auto* dialog = new QFileDialog(this, tr("Download %1").arg(s->origin().displayName()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(QFileInfo(s->origin().path).fileName());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (LogSource* src = source()) {
            src->download(path);
            m_progress->setValue(0);
            m_progress->show();
            m_cancelDownload->show();
        }
    });
    dialog->open();
}

} // namespace xr
