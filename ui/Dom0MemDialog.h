#pragma once

#include "Dom0MemPlan.h"
#include "MemoryReader.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace xr {

class CommandGateway;
class Dom0MemChange;
class RemoteHost;

/// "Change dom0 memory" (issue 8), guided: the new size, the exact commands and file edits with
/// their backups and a diff preview, a reboot note, on xapi hosts the maintenance-mode
/// requirement, and the host's name typed to confirm. Applying runs Dom0MemChange and shows its
/// transcript; every write and command goes to the audit log (real hosts).
class Dom0MemDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dom0MemDialog)

public:
    Dom0MemDialog(CommandGateway* gateway, const QString& hostId, RemoteHost* host, const MemoryReading& reading,
                  QWidget* parent = nullptr);
    ~Dom0MemDialog() override;

    /// The plan for the size now chosen (nullopt with the reason shown when it cannot be made).
    const std::optional<Dom0MemPlan>& plan() const { return m_plan; }
    QString previewText() const;

Q_SIGNALS:
    /// The change was applied (the pane reads the host again).
    void changed();

public Q_SLOTS:
    /// Closing while the change runs asks first: wait for it, stop it after the step in
    /// flight, or keep it running without the dialog; never a silent stop half-way.
    void reject() override;

private:
    void updatePlan();
    void updateApply();
    void apply();

    QPointer<RemoteHost> m_host;
    MemoryReading m_reading;
    CommandGateway* m_gateway;
    QString m_hostId;
    QString m_stamp;
    QLabel* m_intro;
    QSpinBox* m_size;
    QLabel* m_error;
    QPlainTextEdit* m_preview;
    QLineEdit* m_confirm;
    QDialogButtonBox* m_buttons;
    QPushButton* m_apply;
    std::optional<Dom0MemPlan> m_plan;
    Dom0MemChange* m_change = nullptr;
    bool m_closeApproved = false;
};

} // namespace xr
