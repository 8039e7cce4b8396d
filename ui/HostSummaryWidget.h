#pragma once

#include "RemoteTypes.h"
#include "VmSituation.h"

#include <QDateTime>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace xr {

/// The Overview pane for a host: where it is, its connection state in one sentence, what
/// XenRescue has read about it once connected (flavour, Xen version, health of xapi or xend,
/// pool role, memory), and the one obvious next action (connect, retry or disconnect).
class HostSummaryWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSummaryWidget)

public:
    explicit HostSummaryWidget(QWidget* parent = nullptr);
    ~HostSummaryWidget() override;

    /// What the host's session knows. Only what was read is shown: a field left empty (or
    /// -1) is left out of the pane.
    struct Facts
    {
        /// The probe identified the host; nothing below is shown until it has.
        bool identified = false;
        /// "XCP-ng 8.2.1 (xapi)", "Xen 4.17 with the xl toolstack".
        QString flavour;
        QString xenVersion;
        /// "xapi" or "xend"; empty on xl hosts (no management daemon to ask).
        QString daemon;
        XapiHealth health = XapiHealth::Answering;
        /// When the daemon last answered; invalid when it never did.
        QDateTime lastAnswer;
        /// When it stopped answering; invalid while it answers.
        QDateTime troubleSince;
        enum class Role { Unknown, Master, Member, Standalone };
        Role role = Role::Unknown;
        QString poolName;
        /// The master's name, for a member.
        QString masterName;
        qint64 totalMemoryMiB = -1;
    };

    void setHost(const QString& name, const QString& endpoint, HostState state, const QString& message);
    /// Call after setHost(); `now` is the time the ages are measured against.
    void setFacts(const Facts& facts, const QDateTime& now = QDateTime::currentDateTimeUtc());
    QString stateSentence() const;
    /// The texts shown for the facts, by row: "flavour", "xen", "health", "role", "memory";
    /// empty for a row that is hidden.
    QString factText(const QString& row) const;

    /// "answering (last answer 3 s ago)", "not answering for 2 min (last answer 5 min ago)".
    static QString healthSentence(const Facts& facts, const QDateTime& now);

Q_SIGNALS:
    void connectRequested();
    void disconnectRequested();

private:
    void setFactRow(QLabel* label, const QString& text);

    QLabel* m_icon;
    QLabel* m_name;
    QLabel* m_endpoint;
    QLabel* m_state;
    QLabel* m_message;
    QLabel* m_next;
    QFormLayout* m_form = nullptr;
    QLabel* m_flavour;
    QLabel* m_xen;
    QLabel* m_health;
    QLabel* m_role;
    QLabel* m_memory;
    HostState m_hostState = HostState::Disconnected;
    QPushButton* m_connect;
    QPushButton* m_disconnect;
};

} // namespace xr
