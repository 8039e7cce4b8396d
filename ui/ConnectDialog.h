#pragma once

#include "Inventory.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConnectDialog;
}

namespace xr {

/// Asks where and how to connect. Never asks for a password: that is asked by the
/// transport when the server wants one (CredentialDialog).
///
/// Tests fill it through its object names: hostEdit, portSpin, userEdit, authCombo
/// (item data: int(AuthMethod)), keyFileEdit, nameEdit, rememberCheck, connectOnStartCheck,
/// and accept it with the buttonBox's Ok button (enabled once the form is complete).
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(QWidget* parent = nullptr);
    ~ConnectDialog() override;

    /// Pre-fills the form from a saved host (to reconnect or edit it).
    void setSavedHost(const SavedHost& host);
    /// The form as a saved host (id empty); host, user and key file trimmed. A host typed as
    /// user@host:port is split into its parts.
    SavedHost savedHost() const;
    SshEndpoint endpoint() const { return savedHost().endpoint; }

    bool isComplete() const;

private:
    void updateState();
    void browseKeyFile();
    void splitHostField();

    std::unique_ptr<Ui::ConnectDialog> m_ui;
};

} // namespace xr
