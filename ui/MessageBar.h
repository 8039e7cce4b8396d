#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace xr {

/// An inline message above a pane (errors and warnings that must not block the window):
/// an icon, a sentence, optional action buttons and a close button. Tinted from the
/// palette so dark themes stay readable.
class MessageBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Type { Information, Positive, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);
    ~MessageBar() override;

    /// Shows the bar with a message; replaces the previous message and its actions.
    void showMessage(Type type, const QString& text);
    /// Adds a button for an action to the message on display (removed by the next message).
    void addAction(QAction* action);
    void clearActions();
    QString text() const;
    Type type() const { return m_type; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QColor tint() const;

    Type m_type = Type::Information;
    QLabel* m_icon;
    QLabel* m_text;
    QHBoxLayout* m_actions;
    QToolButton* m_close;
};

} // namespace xr
