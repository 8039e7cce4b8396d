#include "SexpReader.h"

#include "HostText.h"

#include <QCoreApplication>

namespace xr {

namespace {

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r';
}

// sxp.py's is_separator: these end an atom (and then start the next one).
bool isSeparator(char16_t c)
{
    switch (c) {
    case u'{':
    case u'}':
    case u'(':
    case u')':
    case u'<':
    case u'>':
    case u'[':
    case u']':
    case u'!':
    case u';':
        return true;
    default:
        return false;
    }
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

// The inverse of sxp.py's atomp(): what may be written without quotes.
bool needsQuotes(const QString& s)
{
    if (s.isEmpty())
        return true;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const bool plain = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                           u == u'.' || u == u'-' || u == u'_' || u == u':' || u == u'/' || u == u'~' || u == u'@';
        if (!plain)
            return true;
    }
    return false;
}

void writeNode(const SexpNode& node, QString& out)
{
    if (node.isList()) {
        out += u'(';
        for (qsizetype i = 0; i < node.children.size(); ++i) {
            if (i)
                out += u' ';
            writeNode(node.children[i], out);
        }
        out += u')';
        return;
    }
    if (!needsQuotes(node.text)) {
        out += node.text;
        return;
    }
    out += u'\'';
    for (const QChar c : node.text) {
        switch (c.unicode()) {
        case u'\\':
            out += QStringView(u"\\\\");
            break;
        case u'\'':
            out += QStringView(u"\\'");
            break;
        case u'\n':
            out += QStringView(u"\\n");
            break;
        case u'\t':
            out += QStringView(u"\\t");
            break;
        case u'\r':
            out += QStringView(u"\\r");
            break;
        default:
            out += c;
        }
    }
    out += u'\'';
}

} // namespace

QString SexpNode::head() const
{
    if (!isList() || children.isEmpty() || !children.first().isAtom())
        return {};
    return children.first().text;
}

const SexpNode* SexpNode::child(QStringView name) const
{
    for (qsizetype i = 1; i < children.size(); ++i) {
        const SexpNode& c = children[i];
        if (c.isList() && !c.children.isEmpty() && c.children.first().isAtom() && c.children.first().text == name)
            return &c;
    }
    return nullptr;
}

QList<const SexpNode*> SexpNode::childrenNamed(QStringView name) const
{
    QList<const SexpNode*> out;
    for (qsizetype i = 1; i < children.size(); ++i) {
        const SexpNode& c = children[i];
        if (c.isList() && !c.children.isEmpty() && c.children.first().isAtom() && c.children.first().text == name)
            out.append(&c);
    }
    return out;
}

QString SexpNode::value(QStringView name) const
{
    const SexpNode* c = child(name);
    if (!c)
        return {};
    if (c->children.size() < 2 || !c->children[1].isAtom())
        return QStringLiteral("");
    return c->children[1].text;
}

QString SexpNode::toString() const
{
    QString out;
    writeNode(*this, out);
    return out;
}

const SexpNode* SexpDocument::form(QStringView head) const
{
    for (const SexpNode& f : forms) {
        if (f.head() == head)
            return &f;
    }
    return nullptr;
}

QList<const SexpNode*> SexpDocument::formsNamed(QStringView head) const
{
    QList<const SexpNode*> out;
    for (const SexpNode& f : forms) {
        if (f.head() == head)
            out.append(&f);
    }
    return out;
}

Result<SexpDocument> SexpReader::parse(QByteArrayView input)
{
    SexpDocument doc;
    const HostText text(input, doc.report);
    if (text.isMostlyBinary()) {
        return Result<SexpDocument>::failure(
            QCoreApplication::translate("xr::SexpReader", "This is binary data, not an s-expression."),
            QStringLiteral("binary"));
    }

    const QString& s = text.text();
    const qsizetype n = s.size();
    QList<SexpNode> stack; // lists being read, innermost last
    qsizetype nodes = 0;
    qsizetype line = 1;
    qsizetype lineStart = 0;

    auto tooLarge = [&]() {
        return Result<SexpDocument>::failure(
            QCoreApplication::translate(
                "xr::SexpReader", "The s-expression has more than %1 elements; it is too large to be xend output.")
                .arg(MaxNodes),
            QStringLiteral("too-large"));
    };
    auto add = [&](SexpNode&& node) {
        if (stack.isEmpty())
            doc.forms.append(std::move(node));
        else
            stack.last().children.append(std::move(node));
    };

    qsizetype i = 0;
    while (i < n) {
        const char16_t c = s[i].unicode();
        if (c == u'\n') {
            ++line;
            lineStart = i + 1;
            ++i;
            continue;
        }
        if (isSpace(c)) {
            ++i;
            continue;
        }
        const qsizetype column = i - lineStart + 1;
        if (c == u'#') {
            while (i < n && s[i] != u'\n')
                ++i;
            continue;
        }
        if (c == u'(') {
            if (stack.size() >= MaxDepth) {
                return Result<SexpDocument>::failure(
                    QCoreApplication::translate("xr::SexpReader",
                                                "Line %1: lists are nested more than %2 deep; this is not xend output.")
                        .arg(line)
                        .arg(MaxDepth),
                    QStringLiteral("too-deep"));
            }
            if (++nodes > MaxNodes)
                return tooLarge();
            SexpNode list;
            list.type = SexpNode::Type::List;
            list.line = line;
            list.column = column;
            stack.append(std::move(list));
            ++i;
            continue;
        }
        if (c == u')') {
            if (stack.isEmpty()) {
                doc.report.addProblem(
                    line, QCoreApplication::translate("xr::SexpReader", "A closing parenthesis has no opening one."));
            } else {
                SexpNode done = stack.takeLast();
                add(std::move(done));
            }
            ++i;
            continue;
        }
        if (++nodes > MaxNodes)
            return tooLarge();
        SexpNode atom;
        atom.line = line;
        atom.column = column;
        if (c == u'"' || c == u'\'') {
            atom.quoted = true;
            const char16_t delim = c;
            ++i;
            bool closed = false;
            while (i < n) {
                const char16_t d = s[i].unicode();
                if (d == delim) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == u'\n') {
                    ++line;
                    lineStart = i + 1;
                }
                if (d != u'\\' || i + 1 >= n) {
                    if (d == u'\\')
                        break; // a lone backslash at the very end: the string is cut
                    atom.text += QChar(d);
                    ++i;
                    continue;
                }
                const char16_t e = s[i + 1].unicode();
                i += 2;
                switch (e) {
                case u'a':
                    atom.text += QChar(u'\a');
                    break;
                case u'b':
                    atom.text += QChar(u'\b');
                    break;
                case u't':
                    atom.text += QChar(u'\t');
                    break;
                case u'n':
                    atom.text += QChar(u'\n');
                    break;
                case u'v':
                    atom.text += QChar(u'\v');
                    break;
                case u'f':
                    atom.text += QChar(u'\f');
                    break;
                case u'r':
                    atom.text += QChar(u'\r');
                    break;
                case u'\\':
                case u'\'':
                case u'"':
                    atom.text += QChar(e);
                    break;
                case u'x': {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i < n && hexValue(s[i].unicode()) >= 0) {
                        value = value * 16 + hexValue(s[i].unicode());
                        ++digits;
                        ++i;
                    }
                    atom.text += QChar(char16_t(value));
                    break;
                }
                default:
                    if (e >= u'0' && e <= u'7') {
                        int value = e - u'0';
                        int digits = 1;
                        while (digits < 3 && i < n && s[i] >= u'0' && s[i] <= u'7') {
                            value = value * 8 + (s[i].unicode() - u'0');
                            ++digits;
                            ++i;
                        }
                        atom.text += QChar(char16_t(value & 0xff));
                    } else {
                        // sxp.py keeps the backslash and drops the unknown character;
                        // do as xend does so values read the same.
                        atom.text += u'\\';
                    }
                }
            }
            if (!closed) {
                doc.report.addProblem(atom.line, QCoreApplication::translate("xr::SexpReader",
                                                                             "A quoted string is not closed; the "
                                                                             "input was probably cut off."));
            }
        } else {
            const qsizetype begin = i;
            ++i; // the first character may be a separator (sxp.py starts the atom with it)
            while (i < n) {
                const char16_t d = s[i].unicode();
                if (isSpace(d) || isSeparator(d) || d == u'#')
                    break;
                ++i;
            }
            atom.text = s.mid(begin, i - begin);
        }
        add(std::move(atom));
    }

    if (!stack.isEmpty()) {
        doc.report.addProblem(line, QCoreApplication::translate("xr::SexpReader",
                                                                "%n list(s) not closed at the end of the input; it was "
                                                                "probably cut off.",
                                                                nullptr, int(stack.size())));
        while (!stack.isEmpty()) {
            SexpNode done = stack.takeLast();
            add(std::move(done));
        }
    }
    return doc;
}

} // namespace xr
