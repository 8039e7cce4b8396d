#pragma once

#include "ShellCommand.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace xr {

/// The on-host check that a domain id still belongs to the VM it was read for. A domain id
/// is reused after a reboot or a destroy, so every command that addresses a domain by id
/// (`xl destroy 7`, `xm shutdown 7`, `xenops destroy_domain -domid 7`, `crash_guest 7`,
/// `xl trigger 7 nmi`) is wrapped so that the host itself reads xenstore right before acting,
/// in the same remote command:
///
///     /bin/sh -c 'SCRIPT' xenrescue-guard DOMID KEY EXPECTED PROGRAM ARGS...
///
/// SCRIPT is constant text (script()); the domid, the expected value and the action are its
/// positional parameters, quoted by ShellCommand like any other argument, so no data ever
/// becomes shell code. It reads `/local/domain/DOMID/KEY` with `xenstore-read` under
/// `timeout -s KILL 5` and runs the action with `exec` only when the value is EXPECTED.
///
/// KEY is `vm` (EXPECTED `/vm/<uuid>`) when the VM's UUID is known: libxl
/// (`libxl__domain_make`: `vm_path = "/vm/<uuid>"`, written as `<dompath>/vm`), xenopsd
/// (`Domain.make`: `vm_path = "/vm/" ^ uuid`, `writev dom_path ["vm", vm_path; ...]`) and
/// xend (`XendDomainInfo`: `XS_VMROOT + uuid`, with `-N` appended when `/vm/<uuid>` was taken
/// by a localhost relocation, accepted here) all store it so. Otherwise (xl/xm hosts read
/// with plain `xl list`/`xm list`, which print no UUID) KEY is `name`, which both toolstacks
/// keep unique among running domains. A missing key (the domain is gone or being torn down)
/// cannot confirm anything: refused.
class DomainGuard final
{
public:
    /// The domain id belongs to another VM now (or the VM was renamed away on xend).
    static constexpr int ExitReused = 97;
    /// xenstore has no such entry for the domain: it is gone or going; nothing is confirmed.
    static constexpr int ExitUnconfirmed = 96;
    /// xenstore did not answer within TimeoutSeconds (a stuck xenstored).
    static constexpr int ExitXenstoreTimeout = 98;
    static constexpr int TimeoutSeconds = 5;

    /// `$0` of the guard script: how the host's process list, the lab and the reader tell it.
    static QString scriptName();
    /// The constant script (POSIX sh).
    static QString script();

    /// The expected identity of a domain: the VM's UUID, else its name.
    struct Identity
    {
        qint64 domid = -1;
        QString vmUuid;
        QString name;
    };
    /// Whether `identity` can be checked on the host (a domid > 0 and a UUID or a usable name).
    static bool canGuard(const Identity& identity);
    /// `action` wrapped in the check; nullopt when the identity cannot be checked.
    static std::optional<ShellCommand> wrap(const ShellCommand& action, const Identity& identity);
    /// Whether `command` is a wrapped one.
    static bool isGuarded(const ShellCommand& command);
    /// The action inside a wrapped command (the command itself when it is not wrapped).
    static ShellCommand action(const ShellCommand& command);

    enum class Refusal {
        None,
        Reused,
        Unconfirmed,
        XenstoreTimeout,
    };
    /// Reads how a wrapped command ended: the guard's exit status and its `xenrescue-guard:`
    /// line on stderr together (an action that happens to exit 97 is not the guard).
    static Refusal readRefusal(int exitStatus, QByteArrayView stdErr);
    /// "domain-reused", "domain-unconfirmed", "xenstore-timeout": the codes of the ladder's
    /// refusal table (RefusalTable.cpp), which says what each means.
    static QString code(Refusal refusal);
};

} // namespace xr
