#include "MemoryPane.h"

#include "HostSession.h"
#include "ReadableIdentity.h"

#include "Dom0MemDialog.h"
#include "EmptyStatePane.h"
#include "MemoryChart.h"
#include "RemoteHost.h"
#include "Resources.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace xr {

namespace {

QString clean(const QString& s)
{
    QString out;
    for (QChar c : s)
        out += c.isPrint() || c == u' ' ? c : QChar(u'?');
    return out.toHtmlEscaped();
}

QString mib(qint64 v)
{
    return v < 0 ? MemoryPane::tr("unknown") : MemoryPane::tr("%1 MiB").arg(v);
}

} // namespace

MemoryPane::MemoryPane(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyStatePane(this))
    , m_content(new QWidget(this))
    , m_status(new QLabel(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_change(new QPushButton(tr("&Change dom0 Memory…"), this))
    , m_chart(new MemoryChart(this))
    , m_settings(new QLabel(this))
    , m_adviceBox(new QWidget(this))
    , m_adviceLayout(new QVBoxLayout(m_adviceBox))
{
    m_live = new LiveHost(this);
    connect(m_live, &LiveHost::readAgain, this, [this] {
        if (m_stack->currentWidget() == m_content)
            refresh();
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_empty->setObjectName(QStringLiteral("memoryPane")); // the empty state, as MainWindow's tests know it
    m_empty->setIcon(Resources::icon(QStringLiteral("host")));
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_content);

    auto* content = new QVBoxLayout(m_content);
    auto* bar = new QHBoxLayout;
    m_status->setObjectName(QStringLiteral("memoryStatus"));
    m_status->setWordWrap(true);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_refresh);
    bar->addWidget(m_change);
    content->addLayout(bar);
    m_xapiNotice = new QLabel(m_content);
    m_xapiNotice->setObjectName(QStringLiteral("memoryXapiNotice"));
    m_xapiNotice->setWordWrap(true);
    m_xapiNotice->setVisible(false);
    content->addWidget(m_xapiNotice);
    m_change->setObjectName(QStringLiteral("changeDom0Memory"));
    m_change->setEnabled(false);
    connect(m_refresh, &QPushButton::clicked, this, &MemoryPane::refresh);
    connect(m_change, &QPushButton::clicked, this, &MemoryPane::openChangeDialog);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget(scroll);
    auto* innerLayout = new QVBoxLayout(inner);
    m_chart->setObjectName(QStringLiteral("memoryChart"));
    innerLayout->addWidget(m_chart);
    auto* settingsTitle = new QLabel(tr("<b>dom0's memory settings</b>"), inner);
    innerLayout->addWidget(settingsTitle);
    m_settings->setObjectName(QStringLiteral("memorySettings"));
    m_settings->setTextFormat(Qt::RichText);
    m_settings->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_settings->setFocusPolicy(Qt::StrongFocus);
    m_settings->setWordWrap(true);
    innerLayout->addWidget(m_settings);
    auto* adviceTitle = new QLabel(tr("<b>Advice</b>"), inner);
    innerLayout->addWidget(adviceTitle);
    m_adviceBox->setObjectName(QStringLiteral("memoryAdvice"));
    m_adviceLayout->setContentsMargins(0, 0, 0, 0);
    innerLayout->addWidget(m_adviceBox);
    innerLayout->addStretch(1);
    scroll->setWidget(inner);
    content->addWidget(scroll, 1);
    clearHost();
}

MemoryPane::~MemoryPane() = default;

bool MemoryPane::readsWithoutXe() const
{
    return m_live->readsWithoutXe();
}

void MemoryPane::setTitle(const QString& title)
{
    m_empty->setTitle(title);
}

void MemoryPane::setText(const QString& text)
{
    m_empty->setText(text);
}

void MemoryPane::clearHost()
{
    if (m_reader)
        m_reader->deleteLater();
    m_live->follow(nullptr, {}, nullptr);
    m_hasReading = false;
    m_stack->setCurrentWidget(m_empty);
}

void MemoryPane::setSession(HostSession* session, const QString& hostId, AuditLog* audit, CommandGateway* gateway)
{
    if (!m_live->follow(session, hostId, audit) && m_stack->currentWidget() == m_content)
        return; // the same live session: it says itself when to read again
    m_gateway = gateway;
    m_hasReading = false;
    m_change->setEnabled(false);
    m_chart->setReport({});
    m_settings->clear();
    m_stack->setCurrentWidget(m_content);
    refresh();
}

void MemoryPane::refresh()
{
    if (!m_live->canRead())
        return;
    const ReadableIdentity readable = m_live->startRead();
    m_identity = readable.identity;
    m_name = m_identity.hostname;
    m_xapiNotice->setText(readable.notice);
    m_xapiNotice->setVisible(readable.withoutXe);
    if (m_reader)
        m_reader->deleteLater();
    m_status->setText(tr("Reading the memory of %1…").arg(clean(m_name)));
    m_refresh->setEnabled(false);
    m_reader = new MemoryReader(m_live->host(), m_identity, m_live->audit(), this);
    MemoryReader* reader = m_reader;
    connect(reader, &MemoryReader::finished, this, [this, reader](const MemoryReading& r) {
        reader->deleteLater();
        if (reader == m_reader)
            showReading(r);
    });
    reader->start();
}

void MemoryPane::showReading(const MemoryReading& reading)
{
    m_reading = reading;
    m_hasReading = true;
    m_refresh->setEnabled(true);
    const MemoryReport& r = reading.report;
    QString status = tr("%1: %2 in total, %3 free").arg(clean(m_name), mib(r.totalMiB), mib(r.freeMiB));
    if (!r.notes.isEmpty())
        status += QStringLiteral(" · ") + tr("read in part: %1").arg(r.notes.join(QStringLiteral("; ")));
    m_status->setText(status);
    m_chart->setReport(r);

    QStringList rows;
    auto row = [&rows](const QString& name, const QString& value, const QString& source) {
        rows << QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td><b>%2</b></td><td>&nbsp;&nbsp;%3</td></tr>")
                    .arg(name, value, source.isEmpty() ? QString() : tr("from %1").arg(clean(source)));
    };
    row(tr("Xen overhead"), mib(r.xenMiB), QString());
    row(tr("dom0 now"), mib(r.dom0MiB), QString());
    row(tr("dom0_mem at boot"), r.dom0Mem ? clean(r.dom0Mem->text) : tr("not set: dom0 starts with all memory"),
        r.dom0MemSource);
    if (r.autoballoon)
        row(tr("autoballoon"), MemoryReport::autoballoonKey(*r.autoballoon), QStringLiteral("/etc/xen/xl.conf"));
    if (r.xendMinMemMiB || r.xendBallooning) {
        row(tr("dom0-min-mem"), r.xendMinMemMiB ? mib(*r.xendMinMemMiB) : tr("not set"),
            QStringLiteral("/etc/xen/xend-config.sxp"));
        row(tr("enable-dom0-ballooning"),
            r.xendBallooning ? (*r.xendBallooning ? tr("yes") : tr("no")) : tr("not set (yes)"),
            QStringLiteral("/etc/xen/xend-config.sxp"));
    }
    if (r.recommendedDom0MiB > 0)
        row(tr("Recommended for dom0"), mib(r.recommendedDom0MiB), QString());
    m_settings->setText(QStringLiteral("<table>") + rows.join(QString()) + QStringLiteral("</table>"));

    while (QLayoutItem* item = m_adviceLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QPalette pal = palette();
    for (const MemoryAdvice& a : r.advice) {
        auto* card = new QFrame(m_adviceBox);
        card->setFrameShape(QFrame::StyledPanel);
        card->setObjectName(QStringLiteral("advice-") + a.id);
        auto* h = new QHBoxLayout(card);
        auto* icon = new QLabel(card);
        const QString iconName = a.level == MemoryAdvice::Level::Good      ? QStringLiteral("info")
                                 : a.level == MemoryAdvice::Level::Warning ? QStringLiteral("warning")
                                                                           : QStringLiteral("info");
        icon->setPixmap(QIcon(Resources::icon(iconName)).pixmap(24, 24));
        icon->setAlignment(Qt::AlignTop);
        h->addWidget(icon);
        const QString level = a.level == MemoryAdvice::Level::Good      ? tr("Good")
                              : a.level == MemoryAdvice::Level::Warning ? tr("Warning")
                                                                        : tr("Suggestion");
        auto* text = new QLabel(
            QStringLiteral("<b>%1: %2</b><br>%3").arg(level, a.title.toHtmlEscaped(), a.reason.toHtmlEscaped()), card);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setFocusPolicy(Qt::StrongFocus);
        text->setAccessibleName(level + QStringLiteral(": ") + a.title);
        text->setAccessibleDescription(a.reason);
        h->addWidget(text, 1);
        Q_UNUSED(pal);
        m_adviceLayout->addWidget(card);
    }
    m_change->setEnabled(reading.bootConfig.has_value() || reading.identity.flavour.isXapi());
    Q_EMIT reportShown();
}

void MemoryPane::openChangeDialog()
{
    if (!m_hasReading || !m_live->host() || !m_gateway)
        return;
    auto* dialog = new Dom0MemDialog(m_gateway, m_live->hostId(), m_live->host(), m_reading, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &Dom0MemDialog::changed, this, &MemoryPane::refresh);
    dialog->open();
}

} // namespace xr
