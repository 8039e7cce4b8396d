#include "ShellCommand.h"

namespace xr {

namespace {
bool isPlainShellWord(const QString& s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const bool plain = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                           u == u'_' || u == u'-' || u == u'.' || u == u'/' || u == u'=' || u == u',' || u == u':' ||
                           u == u'+' || u == u'@' || u == u'%';
        if (!plain)
            return false;
    }
    // A word that starts with '=' or contains it before any '/' is still inert in argument
    // position; '-' at the start is an option to the program, which quoting cannot change.
    return true;
}
} // namespace

QString shellQuote(const QString& argument)
{
    if (isPlainShellWord(argument))
        return argument;
    // Inside single quotes nothing is special except the quote itself, which is written
    // as '\'' (close, escaped quote, reopen). Newlines, $(), backticks and ; stay literal.
    QString quoted;
    quoted.reserve(argument.size() + 2);
    quoted += u'\'';
    for (const QChar c : argument) {
        if (c == u'\'')
            quoted += QStringLiteral("'\\''");
        else
            quoted += c;
    }
    quoted += u'\'';
    return quoted;
}

QString ShellCommand::toShell() const
{
    QString out = shellQuote(program);
    for (const QString& a : args) {
        out += u' ';
        out += shellQuote(a);
    }
    return out;
}

} // namespace xr
