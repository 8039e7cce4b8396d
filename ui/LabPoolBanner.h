#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;

namespace xr {

/// The permanent banner of the demo mode: "Lab pool — nothing here is real", the scenario
/// being practised, and buttons to pick another scenario or leave the lab pool. Painted in
/// an amber mixed into the palette's window colour, so it stands out on light and dark
/// palettes and its text keeps the palette's contrast. It has no close button: as long as
/// the lab pool is shown, the banner is.
class LabPoolBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabPoolBanner)

public:
    explicit LabPoolBanner(QWidget* parent = nullptr);
    ~LabPoolBanner() override;

    /// The practised scenario's title and description (shown after the headline).
    void setScenario(const QString& title, const QString& description);
    /// The buttons trigger these actions (their text and tooltip are used).
    void setActions(QAction* chooseScenario, QAction* leave);
    QString headline() const;
    QString scenarioText() const;
    /// The fill colour for `palette` (exposed for tests).
    static QColor fillColour(const QPalette& palette);
    static QColor accentColour();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_scenario;
    QPushButton* m_choose;
    QPushButton* m_leave;
};

} // namespace xr
