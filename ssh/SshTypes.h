#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace xr {

enum class AuthMethod {
    Auto,               // agent, then key files, then password / keyboard-interactive
    Agent,              // ssh-agent (SSH_AUTH_SOCK) or Pageant
    KeyFile,            // identityFile, asking for its passphrase when it has one
    Password,           // "password" method
    KeyboardInteractive // "keyboard-interactive": every prompt is shown to the user
};

/// Where and as whom to connect. Empty fields are taken from ~/.ssh/config, then from
/// the defaults (port 22, the local user name).
struct SshEndpoint
{
    QString host;
    int port = 0;
    QString user;
    AuthMethod auth = AuthMethod::Auto;
    QString identityFile;
    QString sshConfigFile; // empty: ~/.ssh/config; "none": read no config file

    /// user@host:port with the values that will really be used (after config lookup).
    QString key() const;
};

/// Settings of the transport itself.
struct SshOptions
{
    int connectTimeoutMs = 15000;
    int keepaliveIntervalMs = 5000; // idle connections are probed this often
    int keepaliveMaxMissed = 3;     // probes without any answer before the host is lost
    int maxChannels = 8;            // commands at once; more wait their turn. OpenSSH's
                                    // MaxSessions is 10 by default, and a stopped command's
                                    // kill needs a channel of its own
    QString appKnownHostsFile;      // read-write, OpenSSH format; accepted keys go here
    QString userKnownHostsFile;     // read-only, normally ~/.ssh/known_hosts; empty: none
    bool useKeychain = true;        // passwords and passphrases through QtKeychain
};

/// The server's host key as presented during connect.
struct HostKeyInfo
{
    enum class Status { Unknown, Changed, Trusted };

    QString hostPort;          // "host:port" as written in known_hosts terms
    QString keyType;           // ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa...
    QString sha256Fingerprint; // SHA256:base64, as ssh-keygen -l prints it
    Status status = Status::Unknown;
    QString knownHostsFile; // where the trusted key is stored (Changed: the file to edit)
};

/// What the transport needs from the user to go on authenticating.
struct CredentialRequest
{
    enum class Kind { Password, KeyPassphrase, KeyboardInteractive };

    Kind kind = Kind::Password;
    QString endpointKey; // user@host:port
    QString keyFile;     // KeyPassphrase
    QString name;        // KeyboardInteractive: name and instruction from the server
    QString instruction;
    QStringList prompts;         // one answer is expected per prompt
    QList<bool> echo;            // per prompt: may the answer be shown while typed
    bool previousFailed = false; // the last answer (typed or from the keychain) was refused
    QString keychainNote;        // why the keychain could not help, when it could not
};

} // namespace xr

Q_DECLARE_METATYPE(xr::HostKeyInfo)
Q_DECLARE_METATYPE(xr::CredentialRequest)
