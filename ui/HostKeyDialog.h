#pragma once

#include "SshTypes.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class HostKeyDialog;
}

namespace xr {

/// Asks whether to trust a host key XenRescue has not seen, showing the SHA256 fingerprint
/// and how to check it on the host itself. Cancel is the default button: Enter never trusts.
///
/// Tests read fingerprintEdit and press trustRememberButton, trustOnceButton or
/// cancelButton (all object names); decision() then says which was chosen.
class HostKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostKeyDialog)

public:
    enum class Decision { Cancel, TrustOnce, TrustAndRemember };
    Q_ENUM(Decision)

    explicit HostKeyDialog(const HostKeyInfo& info, QWidget* parent = nullptr);
    ~HostKeyDialog() override;

    Decision decision() const { return m_decision; }
    HostKeyInfo info() const { return m_info; }
    QString fingerprint() const;

Q_SIGNALS:
    /// Emitted once, when the dialog closes (Escape and the window's close button: Cancel).
    void decided(xr::HostKeyDialog::Decision decision);

private:
    void decide(Decision decision);

    std::unique_ptr<Ui::HostKeyDialog> m_ui;
    HostKeyInfo m_info;
    Decision m_decision = Decision::Cancel;
    QPushButton* m_trustRemember;
    QPushButton* m_trustOnce;
    QPushButton* m_cancel;
};

} // namespace xr
