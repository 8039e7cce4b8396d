#pragma once

#include "SshTypes.h"

#include <QDialog>
#include <QList>

#include <memory>

class QLineEdit;

namespace Ui {
class CredentialDialog;
}

namespace xr {

/// Asks for what the server wants: a password, a key's passphrase, or the answers to a
/// keyboard-interactive round (one field per prompt, hidden unless the server allows echo).
/// Says when the last answer was refused and why the keychain could not answer.
///
/// Tests type into answerEdit0, answerEdit1... (object names), set rememberCheck, and press
/// the buttonBox's Ok button; answers() and remember() hold the result.
class CredentialDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialDialog)

public:
    explicit CredentialDialog(const CredentialRequest& request, bool rememberByDefault = false,
                              QWidget* parent = nullptr);
    ~CredentialDialog() override;

    CredentialRequest request() const { return m_request; }
    QStringList answers() const;
    bool remember() const;
    int promptCount() const { return int(m_edits.size()); }

    /// Clears the typed answers (called once they were handed over).
    void clearAnswers();

private:
    std::unique_ptr<Ui::CredentialDialog> m_ui;
    CredentialRequest m_request;
    QList<QLineEdit*> m_edits;
};

} // namespace xr
