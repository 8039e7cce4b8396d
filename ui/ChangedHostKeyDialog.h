#pragma once

#include "SshTypes.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ChangedHostKeyDialog;
}

namespace xr {

/// Says that a host offered a key other than the one on record, and that XenRescue refused
/// to connect. There is deliberately no way to accept the key here: the admin checks it on
/// the host and removes the old entry from the known_hosts file named in the dialog.
/// Its only buttons are Close (closeButton) and Copy command (copyButton); accept() is
/// turned into reject(), so result() is always Rejected.
class ChangedHostKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangedHostKeyDialog)

public:
    explicit ChangedHostKeyDialog(const HostKeyInfo& info, QWidget* parent = nullptr);
    ~ChangedHostKeyDialog() override;

    QString fingerprint() const;
    QString removeCommand() const;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::ChangedHostKeyDialog> m_ui;
};

} // namespace xr
