#include "SimShell.h"

namespace xr::sim {

namespace {

std::optional<QList<SimShellStep>> failWith(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<QList<SimShellStep>> SimShell::parse(const QString& line, QString* error)
{
    QList<SimShellStep> steps;
    SimShellStep cur;
    QString word;
    bool inWord = false;
    auto endWord = [&]() {
        if (inWord)
            cur.argv.append(word);
        word.clear();
        inWord = false;
    };
    auto endStep = [&](SimShellStep::Join nextJoin) -> bool {
        endWord();
        if (cur.argv.isEmpty()) {
            if (nextJoin == SimShellStep::Join::Always) {
                cur.join =
                    cur.join == SimShellStep::Join::First && steps.isEmpty() ? SimShellStep::Join::First : cur.join;
                return true; // empty statements between `;`/newlines are fine
            }
            return false;
        }
        steps.append(cur);
        cur = SimShellStep{};
        cur.join = nextJoin;
        return true;
    };

    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = line[i];
        if (ch == u'\'') {
            const qsizetype close = line.indexOf(u'\'', i + 1);
            if (close < 0)
                return failWith(error, QStringLiteral("unterminated single quote"));
            word += line.mid(i + 1, close - i - 1);
            inWord = true;
            i = close;
            continue;
        }
        if (ch == u'"') {
            inWord = true;
            qsizetype j = i + 1;
            for (; j < n; ++j) {
                const QChar d = line[j];
                if (d == u'"')
                    break;
                if (d == u'\\' && j + 1 < n &&
                    (line[j + 1] == u'"' || line[j + 1] == u'\\' || line[j + 1] == u'$' || line[j + 1] == u'`')) {
                    word += line[++j];
                    continue;
                }
                if (d == u'\\' && j + 1 < n && line[j + 1] == u'\n') {
                    ++j;
                    continue;
                }
                if (d == u'$' || d == u'`')
                    return failWith(error, QStringLiteral("expansion inside double quotes is not supported"));
                word += d;
            }
            if (j >= n)
                return failWith(error, QStringLiteral("unterminated double quote"));
            i = j;
            continue;
        }
        if (ch == u'\\') {
            if (i + 1 >= n)
                return failWith(error, QStringLiteral("trailing backslash"));
            if (line[i + 1] != u'\n') {
                word += line[i + 1];
                inWord = true;
            }
            ++i;
            continue;
        }
        if (ch == u' ' || ch == u'\t') {
            endWord();
            continue;
        }
        if (ch == u'\n' || ch == u';') {
            if (!endStep(SimShellStep::Join::Always))
                return failWith(error, QStringLiteral("syntax error near ';'"));
            continue;
        }
        if (ch == u'&' && i + 1 < n && line[i + 1] == u'&') {
            if (!endStep(SimShellStep::Join::IfSuccess))
                return failWith(error, QStringLiteral("syntax error near '&&'"));
            ++i;
            continue;
        }
        if (ch == u'|' && i + 1 < n && line[i + 1] == u'|') {
            if (!endStep(SimShellStep::Join::IfFailure))
                return failWith(error, QStringLiteral("syntax error near '||'"));
            ++i;
            continue;
        }
        if (ch == u'>' || (ch == u'2' && !inWord && i + 1 < n && line[i + 1] == u'>')) {
            endWord();
            const bool isErr = ch == u'2';
            qsizetype j = i + (isErr ? 2 : 1);
            if (isErr && j + 1 < n && line[j] == u'&' && line[j + 1] == u'1') {
                cur.stderrToStdout = true;
                i = j + 1;
                continue;
            }
            while (j < n && line[j] == u' ')
                ++j;
            const QString target = line.mid(j, 9);
            if (target != u"/dev/null")
                return failWith(error, QStringLiteral("redirection other than to /dev/null is not supported"));
            if (isErr)
                cur.discardStderr = true;
            else
                cur.discardStdout = true;
            i = j + 8;
            continue;
        }
        if (ch == u'$' || ch == u'`' || ch == u'|' || ch == u'&' || ch == u'<' || ch == u'>' || ch == u'(' ||
            ch == u')' || ch == u'*' || ch == u'?' || ch == u'[' || ch == u'{' || ch == u'}' || ch == u'~' ||
            (ch == u'#' && !inWord))
            return failWith(error, QStringLiteral("unsupported shell syntax: '%1'").arg(ch));
        word += ch;
        inWord = true;
    }
    endWord();
    if (!cur.argv.isEmpty())
        steps.append(cur);
    else if (cur.join == SimShellStep::Join::IfSuccess || cur.join == SimShellStep::Join::IfFailure)
        return failWith(error, QStringLiteral("syntax error: unexpected end of line"));
    return steps;
}

} // namespace xr::sim
