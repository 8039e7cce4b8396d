#pragma once

#include "PoolMonitor.h"

#include <QObject>
#include <QTimer>

class QAction;
class QWidget;

namespace xr {

class MessageBar;

/// The banner above the tabs while xapi does not answer on some host: one line per host,
/// with how long it has been silent (counted once a second while the banner shows), and a
/// Restart Toolstack… button for the first of them. It drives a MessageBar of its own (the
/// widget the window lays out); which VM's rescue the button opens is the window's choice.
class XapiBanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(XapiBanner)

public:
    /// Creates the banner's bar (hidden) as a child of `parent`.
    explicit XapiBanner(QWidget* parent);
    ~XapiBanner() override;

    /// The bar to lay out; objectName "xapiBanner".
    MessageBar* bar() const { return m_bar; }
    /// Shows the problems (the monitor's xapiProblems()); hides the bar when there are none.
    void setProblems(const QList<XapiProblem>& problems);

Q_SIGNALS:
    /// Restart Toolstack… was chosen for the host with this model id.
    void restartToolstackRequested(const QString& hostId);

private:
    void render();

    MessageBar* m_bar;
    QAction* m_restart;
    QString m_restartHostId;
    QList<XapiProblem> m_problems;
    QTimer m_clock;
};

} // namespace xr
