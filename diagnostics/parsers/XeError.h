#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xr {

/// Where an `xe` failure came from: xapi refused the call (Server), or the `xe` client
/// never got an answer (LostConnection, ConnectionFailed...). The second group is what a
/// wedged or stopped xapi looks like.
enum class XeErrorKind {
    Server,           ///< xapi answered with an API error (code from datamodel_errors.ml)
    LostConnection,   ///< "Lost connection to the server."
    ConnectionFailed, ///< "Error: <reason> (calling <function> <arg>)", e.g. connection refused
    CannotContact,    ///< "Unable to contact server..." / "Failed to contact a running management agent."
    Authentication,   ///< "Authentication failed" / "Username/password must be specified"
    Usage,            ///< syntax error, unknown command, missing parameter
    Client,           ///< any other "Error: ..." line printed by xe (or xm)
    Unrecognised,     ///< text that matches no known shape; `message` holds its first line
};

/// One named parameter of an xapi error as the CLI printed it (`vm: <uuid> (<name>)`).
/// Positional parameters (`Error parameters: a, b` or `CODE: [ a; b ]`) get the names
/// from the error's definition when it is known, otherwise an empty name.
struct XeErrorParam
{
    QString name;
    QString value;
    bool operator==(const XeErrorParam&) const = default;
};

/// An object reference as the CLI prints it in error parameters: a UUID followed by the
/// name-label in parentheses, or just the text when xapi had nothing better.
struct XeObjectRef
{
    QString uuid;
    QString name;
};

/// A structured `xe` failure: code, parameters in order, and the message line.
struct XeError
{
    XeErrorKind kind = XeErrorKind::Unrecognised;
    /// xapi error code such as "VM_BAD_POWER_STATE"; for client-side failures a XenRescue
    /// code: "CLI_LOST_CONNECTION", "CLI_CONNECTION_FAILED", "CLI_CANNOT_CONTACT",
    /// "CLI_AUTHENTICATION", "CLI_USAGE", "CLI_ERROR"; empty when not recognised.
    QString code;
    QList<XeErrorParam> params;
    /// The human message as printed (first line of the error), whitespace kept.
    QString message;
    ParseReport report;

    /// True when xapi itself was not reachable: the rung needs a path that avoids xapi.
    bool isTransportFailure() const
    {
        return kind == XeErrorKind::LostConnection || kind == XeErrorKind::ConnectionFailed ||
               kind == XeErrorKind::CannotContact;
    }
    /// The first parameter named `name`, or a null QString. A value of `<unknown>` means
    /// xapi did not send it (DOMAIN_EXISTS often lacks its domid).
    QString param(QStringView name) const;
    bool hasParam(QStringView name) const;
    /// `param(name)` unless it is missing or `<unknown>`.
    std::optional<QString> knownParam(QStringView name) const;

    /// Parses what `xe` (or xapi's log rendering of an API error) printed on failure.
    /// Fails only for empty or binary input; text of no known shape comes back as
    /// kind Unrecognised, flagged partial.
    static Result<XeError> parse(QByteArrayView output);
    /// Splits "76af1940-... (ubuntu-0)" into UUID and name.
    static XeObjectRef parseObjectRef(QStringView value);
    /// Parameter names of a known xapi error code, in the order xapi sends them; empty for
    /// codes this build does not know.
    static QStringList knownParameterNames(QStringView code);
    static bool isKnownCode(QStringView code);
};

} // namespace xr
