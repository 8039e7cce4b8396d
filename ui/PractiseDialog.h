#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace xr {

/// "Practise a Rescue": lists the lab pool's scenarios with a sentence each, the current one
/// selected; Start (or a double click) accepts with the chosen scenario.
class PractiseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PractiseDialog)

public:
    explicit PractiseDialog(const QString& currentScenario, QWidget* parent = nullptr);
    ~PractiseDialog() override;

    /// The scenario selected (its name, e.g. "xapi-wedged").
    QString scenario() const;
    void selectScenario(const QString& scenario);

private:
    void updateDescription();

    QListWidget* m_list;
    QLabel* m_description;
    QDialogButtonBox* m_buttons;
};

} // namespace xr
