#pragma once

#include "RemoteTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace xr {

/// The Overview pane for a host: where it is, its connection state in one sentence, and
/// the one obvious next action (connect, retry or disconnect).
class HostSummaryWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostSummaryWidget)

public:
    explicit HostSummaryWidget(QWidget* parent = nullptr);
    ~HostSummaryWidget() override;

    void setHost(const QString& name, const QString& endpoint, HostState state, const QString& message);
    QString stateSentence() const;

Q_SIGNALS:
    void connectRequested();
    void disconnectRequested();

private:
    QLabel* m_icon;
    QLabel* m_name;
    QLabel* m_endpoint;
    QLabel* m_state;
    QLabel* m_message;
    QLabel* m_next;
    QPushButton* m_connect;
    QPushButton* m_disconnect;
};

} // namespace xr
