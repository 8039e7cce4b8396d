#pragma once

#include <QWidget>

class QLabel;

namespace xr {

/// What a pane shows while it has nothing to show: an icon, a title saying what will appear
/// here, and a sentence saying why it is empty and what to do about it.
class EmptyStatePane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStatePane)

public:
    explicit EmptyStatePane(QWidget* parent = nullptr);
    ~EmptyStatePane() override;

    void setIcon(const QString& iconPath);
    void setTitle(const QString& title);
    void setText(const QString& text);
    QString title() const;
    QString text() const;

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_text;
};

} // namespace xr
