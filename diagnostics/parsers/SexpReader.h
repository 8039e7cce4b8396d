#pragma once

#include "ParseReport.h"
#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace xr {

/// One node of an s-expression as xend writes it (`xm list --long`, xend-config.sxp): an
/// atom (bare or quoted) or a list. Xend gives atoms no types, so neither does this.
struct SexpNode
{
    enum class Type {
        Atom,
        List,
    };

    Type type = Type::Atom;
    /// The atom's text, escapes resolved; empty for lists.
    QString text;
    /// The atom was written in quotes ('' gives an empty atom, unlike a missing one).
    bool quoted = false;
    QList<SexpNode> children;
    /// 1-based position of the node's first character.
    qsizetype line = 0;
    qsizetype column = 0;

    bool isList() const { return type == Type::List; }
    bool isAtom() const { return type == Type::Atom; }
    /// For `(name ...)`: "name"; empty for atoms and for lists that start with a list.
    QString head() const;
    /// The first child list whose head is `name`, or nullptr: `(domain (domid 15))`
    /// child("domid") is `(domid 15)`.
    const SexpNode* child(QStringView name) const;
    /// Every child list whose head is `name` (a domain has one `(device ...)` per device).
    QList<const SexpNode*> childrenNamed(QStringView name) const;
    /// The atom after the head of child(name): value("domid") is "15". Null QString when
    /// absent; empty when the list is `(name )`.
    QString value(QStringView name) const;
    /// Writes the node back in xend's syntax (atoms quoted when they need it).
    QString toString() const;
};

/// The top-level forms of an s-expression text, in order.
struct SexpDocument
{
    QList<SexpNode> forms;
    ParseReport report;

    /// The first top-level list with this head.
    const SexpNode* form(QStringView head) const;
    QList<const SexpNode*> formsNamed(QStringView head) const;
};

/// Reads s-expressions with the rules of xend's `sxp.py` parser: `#` comments to end of
/// line, atoms ended by white space, parentheses, `#` and the separators `{}<>[]!;`,
/// strings in single or double quotes with `\n`-style, octal and `\x` escapes. Input that
/// ends inside a list or string gives what was read with the open lists closed, flagged
/// partial; nesting deeper than `MaxDepth` or more than `MaxNodes` nodes is refused.
class SexpReader final
{
public:
    static constexpr int MaxDepth = 256;
    static constexpr qsizetype MaxNodes = 1024 * 1024;

    static Result<SexpDocument> parse(QByteArrayView input);
};

} // namespace xr
