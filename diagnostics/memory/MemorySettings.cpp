#include "MemorySettings.h"

#include "HostText.h"
#include "ParserSupport.h"
#include "SexpReader.h"

#include <QCoreApplication>
#include <QSet>

namespace xr {

namespace {

constexpr qsizetype kMaxEntries = 65536;
// 2^52 KiB (4 EiB): far above any host, low enough that no shift below overflows.
constexpr quint64 kMaxKib = quint64(1) << 52;

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::MemorySettings", text);
}

// Xen's parse_size_and_unit after simple_strtoull(s, 0): "0x" is hex, a leading 0 octal.
// Returns the KiB and how many characters were read, or nullopt.
std::optional<std::pair<quint64, qsizetype>> readSize(QStringView s)
{
    qsizetype i = 0;
    int base = 10;
    if (s.size() > 2 && s[0] == u'0' && (s[1] == u'x' || s[1] == u'X')) {
        base = 16;
        i = 2;
    } else if (s.size() > 1 && s[0] == u'0' && s[1].isDigit()) {
        base = 8;
        i = 1;
    }
    const qsizetype digitsBegin = i;
    quint64 value = 0;
    for (; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        int d = -1;
        if (c >= u'0' && c <= u'9')
            d = c - u'0';
        else if (base == 16 && c >= u'a' && c <= u'f')
            d = c - u'a' + 10;
        else if (base == 16 && c >= u'A' && c <= u'F')
            d = c - u'A' + 10;
        if (d < 0 || d >= base)
            break;
        value = value * quint64(base) + quint64(d);
        if (value > kMaxKib * 1024)
            return std::nullopt;
    }
    if (i == digitsBegin && base != 8)
        return std::nullopt;
    return std::make_pair(value, i);
}

std::optional<Dom0MemAmount> parseAmount(QStringView s)
{
    Dom0MemAmount a;
    a.text = s.toString();
    if (s.startsWith(u'-')) {
        a.allBut = true;
        s = s.mid(1);
    }
    bool haveSize = false;
    bool havePercent = false;
    for (int items = 0; items < 2; ++items) {
        if (s.isEmpty() || !s[0].isDigit())
            return std::nullopt;
        const auto number = readSize(s);
        if (!number)
            return std::nullopt;
        quint64 value = number->first;
        qsizetype i = number->second;
        if (i < s.size() && s[i] == u'%') {
            if (havePercent || value >= 100)
                return std::nullopt;
            a.percent = int(value);
            havePercent = true;
            ++i;
        } else {
            if (haveSize)
                return std::nullopt;
            int shift = 0; // in KiB
            bool bytes = false;
            if (i < s.size()) {
                switch (s[i].unicode()) {
                case u'T':
                case u't':
                    shift = 30;
                    break;
                case u'G':
                case u'g':
                    shift = 20;
                    break;
                case u'M':
                case u'm':
                    shift = 10;
                    break;
                case u'K':
                case u'k':
                    break;
                case u'B':
                case u'b':
                    bytes = true;
                    break;
                default:
                    shift = -1;
                    break;
                }
                if (shift >= 0 || bytes)
                    ++i;
            }
            if (shift < 0)
                shift = 0; // no unit: KiB
            if (bytes) {
                value /= 1024;
            } else {
                if (value > (kMaxKib >> shift))
                    return std::nullopt;
                value <<= shift;
            }
            a.kib = qint64(value);
            haveSize = true;
        }
        s = s.mid(i);
        if (s.startsWith(u'+') && items == 0) {
            s = s.mid(1);
            continue;
        }
        break;
    }
    if (!s.isEmpty())
        return std::nullopt;
    return a;
}

void merge(Dom0Mem& into, const Dom0Mem& from)
{
    if (from.initial)
        into.initial = from.initial;
    if (from.min)
        into.min = from.min;
    if (from.max)
        into.max = from.max;
    if (!into.text.isEmpty())
        into.text += u' ';
    into.text += from.text;
}

QString basename(QStringView path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return path.mid(slash + 1).toString();
}

// The text of a quoted title: menuentry 'XCP-ng' {  /  menuentry "Debian, with Xen" --class
QString quotedTitle(QStringView rest)
{
    rest = rest.trimmed();
    if (rest.isEmpty())
        return {};
    const QChar q = rest[0];
    if (q == u'\'' || q == u'"') {
        const qsizetype end = rest.indexOf(q, 1);
        return (end < 0 ? rest.mid(1) : rest.mid(1, end - 1)).toString();
    }
    const qsizetype space = rest.indexOf(u' ');
    return (space < 0 ? rest : rest.left(space)).toString();
}

// The arguments after the first word (the image path) of `rest`.
QStringView afterFirstWord(QStringView rest)
{
    rest = rest.trimmed();
    qsizetype i = 0;
    while (i < rest.size() && rest[i] != u' ' && rest[i] != u'\t')
        ++i;
    return rest.mid(i).trimmed();
}

QStringView firstWord(QStringView rest)
{
    rest = rest.trimmed();
    qsizetype i = 0;
    while (i < rest.size() && rest[i] != u' ' && rest[i] != u'\t')
        ++i;
    return rest.left(i);
}

bool isXenImage(QStringView path)
{
    return basename(path).startsWith(u"xen", Qt::CaseInsensitive);
}

// xend's get_config_bool.
std::optional<bool> xendBool(QStringView v)
{
    const QString s = v.toString().toLower();
    if (s == u"yes" || s == u"y" || s == u"1" || s == u"on" || s == u"true" || s == u"t")
        return true;
    if (s == u"no" || s == u"n" || s == u"0" || s == u"off" || s == u"false" || s == u"f")
        return false;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// xl.conf (libxlu_cfg_l.l / libxlu_cfg_y.y)

struct XlToken
{
    enum class Kind {
        End,
        Newline,
        Semicolon,
        Comma,
        Equals,
        PlusEquals,
        Open,
        Close,
        Ident,
        Number,
        String,
        BadString, // unterminated
        Junk,
    };
    Kind kind = Kind::End;
    QString text;
    qsizetype line = 0;
};

class XlLexer final
{
public:
    explicit XlLexer(QStringView text)
        : m_s(text)
    {}

    XlToken next();
    qsizetype line() const { return m_line; }

private:
    QStringView m_s;
    qsizetype m_i = 0;
    qsizetype m_line = 1;
};

bool isIdentStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-';
}

XlToken XlLexer::next()
{
    XlToken t;
    while (m_i < m_s.size()) {
        const QChar c = m_s[m_i];
        if (c == u' ' || c == u'\t' || c == u'\r') {
            ++m_i;
        } else if (c == u'#') {
            while (m_i < m_s.size() && m_s[m_i] != u'\n')
                ++m_i;
        } else {
            break;
        }
    }
    t.line = m_line;
    if (m_i >= m_s.size())
        return t;
    const QChar c = m_s[m_i];
    const auto single = [&](XlToken::Kind k) {
        ++m_i;
        t.kind = k;
        return t;
    };
    switch (c.unicode()) {
    case u'\n':
        ++m_line;
        return single(XlToken::Kind::Newline);
    case u';':
        return single(XlToken::Kind::Semicolon);
    case u',':
        return single(XlToken::Kind::Comma);
    case u'=':
        return single(XlToken::Kind::Equals);
    case u'[':
        return single(XlToken::Kind::Open);
    case u']':
        return single(XlToken::Kind::Close);
    case u'+':
        if (m_i + 1 < m_s.size() && m_s[m_i + 1] == u'=') {
            m_i += 2;
            t.kind = XlToken::Kind::PlusEquals;
            return t;
        }
        return single(XlToken::Kind::Junk);
    case u'"':
    case u'\'': {
        const QChar quote = c;
        ++m_i;
        while (m_i < m_s.size() && m_s[m_i] != quote && m_s[m_i] != u'\n') {
            if (m_s[m_i] == u'\\' && m_i + 1 < m_s.size() && m_s[m_i + 1] != u'\n') {
                const QChar e = m_s[m_i + 1];
                m_i += 2;
                switch (e.unicode()) {
                case u'n':
                    t.text += u'\n';
                    break;
                case u't':
                    t.text += u'\t';
                    break;
                case u'r':
                    t.text += u'\r';
                    break;
                default:
                    t.text += e;
                    break;
                }
                continue;
            }
            t.text += m_s[m_i++];
        }
        if (m_i < m_s.size() && m_s[m_i] == quote) {
            ++m_i;
            t.kind = XlToken::Kind::String;
        } else {
            t.kind = XlToken::Kind::BadString;
        }
        return t;
    }
    default:
        break;
    }
    if (c.isDigit()) {
        const qsizetype begin = m_i;
        while (m_i < m_s.size() && (m_s[m_i].isLetterOrNumber()))
            ++m_i;
        t.text = m_s.mid(begin, m_i - begin).toString();
        bool ok = false;
        if (t.text.startsWith(u"0x") || t.text.startsWith(u"0X"))
            t.text.mid(2).toULongLong(&ok, 16);
        else
            t.text.toULongLong(&ok, 10);
        t.kind = ok ? XlToken::Kind::Number : XlToken::Kind::Junk;
        return t;
    }
    if (isIdentStart(c)) {
        const qsizetype begin = m_i;
        while (m_i < m_s.size() && isIdentChar(m_s[m_i]))
            ++m_i;
        t.text = m_s.mid(begin, m_i - begin).toString();
        t.kind = XlToken::Kind::Ident;
        return t;
    }
    // Anything else: one junk word up to white space.
    const qsizetype begin = m_i;
    while (m_i < m_s.size() && !m_s[m_i].isSpace() && m_s[m_i] != u';')
        ++m_i;
    if (m_i == begin)
        ++m_i;
    t.text = m_s.mid(begin, m_i - begin).toString();
    t.kind = XlToken::Kind::Junk;
    return t;
}

class XlConfParser final
{
public:
    XlConfParser(QStringView text, XlConf& out)
        : m_lexer(text)
        , m_out(out)
    {}
    void run();

private:
    void advance() { m_tok = m_lexer.next(); }
    bool atEndOfStatement() const
    {
        return m_tok.kind == XlToken::Kind::Newline || m_tok.kind == XlToken::Kind::Semicolon ||
               m_tok.kind == XlToken::Kind::End;
    }
    void skipLine()
    {
        while (m_tok.kind != XlToken::Kind::Newline && m_tok.kind != XlToken::Kind::End)
            advance();
    }
    void syntaxError(qsizetype line, const QString& near)
    {
        m_out.report.addProblem(line, tr("xl cannot parse this line (near \"%1\") and skips it.").arg(elide(near)));
    }
    bool readList(XlConfEntry& e);

    XlLexer m_lexer;
    XlConf& m_out;
    XlToken m_tok;
};

bool XlConfParser::readList(XlConfEntry& e)
{
    e.type = XlConfEntry::Type::List;
    advance();
    bool expectValue = true;
    while (true) {
        if (m_tok.kind == XlToken::Kind::Newline) {
            advance();
            continue;
        }
        if (m_tok.kind == XlToken::Kind::Close) {
            advance();
            e.value = e.items.join(u", ");
            return true;
        }
        if (expectValue && (m_tok.kind == XlToken::Kind::String || m_tok.kind == XlToken::Kind::Number)) {
            if (e.items.size() < kMaxEntries)
                e.items.append(m_tok.text);
            expectValue = false;
            advance();
            continue;
        }
        if (!expectValue && m_tok.kind == XlToken::Kind::Comma) {
            expectValue = true;
            advance();
            continue;
        }
        return false;
    }
}

void XlConfParser::run()
{
    QSet<QString> seenAutoballoon;
    advance();
    while (m_tok.kind != XlToken::Kind::End) {
        if (m_tok.kind == XlToken::Kind::Newline || m_tok.kind == XlToken::Kind::Semicolon) {
            advance();
            continue;
        }
        if (detail::atLimit(m_out.report, m_out.entries.size(), kMaxEntries, m_tok.line))
            return;
        const qsizetype line = m_tok.line;
        if (m_tok.kind != XlToken::Kind::Ident) {
            syntaxError(line, m_tok.text);
            skipLine();
            continue;
        }
        XlConfEntry e;
        e.key = m_tok.text;
        e.line = line;
        advance();
        if (m_tok.kind != XlToken::Kind::Equals && m_tok.kind != XlToken::Kind::PlusEquals) {
            syntaxError(line, e.key);
            skipLine();
            continue;
        }
        e.append = m_tok.kind == XlToken::Kind::PlusEquals;
        advance();
        bool ok = true;
        switch (m_tok.kind) {
        case XlToken::Kind::String:
            e.type = XlConfEntry::Type::String;
            e.value = m_tok.text;
            advance();
            break;
        case XlToken::Kind::Number:
            e.type = XlConfEntry::Type::Number;
            e.value = m_tok.text;
            advance();
            break;
        case XlToken::Kind::Open:
            ok = readList(e);
            break;
        case XlToken::Kind::Ident:
            // `autoballoon=off`: xl's grammar wants a string or number here.
            e.type = XlConfEntry::Type::Bareword;
            e.value = m_tok.text;
            advance();
            m_out.report.addProblem(line, tr("The value of \"%1\" is not quoted: xl rejects the line and ignores "
                                             "the setting (write %1=\"%2\").")
                                              .arg(elide(e.key), elide(e.value)));
            break;
        case XlToken::Kind::BadString:
            m_out.report.addProblem(line, tr("The string value of \"%1\" has no closing quote.").arg(elide(e.key)));
            ok = false;
            break;
        default:
            ok = false;
            break;
        }
        if (ok && !atEndOfStatement())
            ok = false;
        if (!ok) {
            if (m_tok.kind != XlToken::Kind::BadString || e.type != XlConfEntry::Type::String)
                syntaxError(line, e.key);
            skipLine();
            continue;
        }
        if (e.key == u"autoballoon" && e.isValid()) {
            const QString& v = e.value;
            if (e.type == XlConfEntry::Type::List ||
                (v != u"on" && v != u"off" && v != u"auto" && v != u"1" && v != u"0")) {
                m_out.report.addNote(line, tr("xl does not know autoballoon \"%1\" and uses \"auto\".").arg(elide(v)));
            }
            if (seenAutoballoon.contains(e.key))
                m_out.report.addNote(line, tr("autoballoon is set again; xl uses the last setting."));
            seenAutoballoon.insert(e.key);
        }
        m_out.entries.append(std::move(e));
    }
}

} // namespace

std::optional<qint64> Dom0MemAmount::mib() const
{
    if (!isAbsolute())
        return std::nullopt;
    return kib / 1024;
}

qint64 Dom0MemAmount::resolveMiB(qint64 hostMiB) const
{
    qint64 v = kib / 1024 + hostMiB * percent / 100;
    if (allBut)
        v = hostMiB - v;
    return qMax<qint64>(0, qMin(v, hostMiB));
}

Result<Dom0Mem> Dom0Mem::parse(QStringView value)
{
    Dom0Mem out;
    out.text = value.toString();
    if (value.isEmpty()) {
        return Result<Dom0Mem>::failure(tr("dom0_mem has no value."), QStringLiteral("invalid"));
    }
    for (QStringView part : value.split(u',')) {
        std::optional<Dom0MemAmount>* slot = &out.initial;
        if (part.startsWith(u"min:")) {
            slot = &out.min;
            part = part.mid(4);
        } else if (part.startsWith(u"max:")) {
            slot = &out.max;
            part = part.mid(4);
        }
        const auto amount = parseAmount(part);
        if (!amount) {
            return Result<Dom0Mem>::failure(
                tr("\"%1\" in dom0_mem=%2 is not a memory size.").arg(elide(part, 40), elide(value, 80)),
                QStringLiteral("invalid"));
        }
        *slot = amount;
    }
    return out;
}

Result<Dom0Mem> Dom0Mem::fromCommandLine(QStringView commandLine)
{
    std::optional<Dom0Mem> out;
    for (const TextToken& word : splitWhitespace(commandLine)) {
        if (!word.text.startsWith(u"dom0_mem="))
            continue;
        auto one = parse(word.text.mid(9));
        if (!one)
            return one;
        if (!out)
            out = std::move(one.value());
        else
            merge(*out, *one);
    }
    if (!out) {
        return Result<Dom0Mem>::failure(tr("The hypervisor command line has no dom0_mem."), QStringLiteral("absent"));
    }
    return *out;
}

std::optional<Dom0Mem> XenBootConfig::dom0Mem() const
{
    for (const XenCommandLine& c : commandLines) {
        if (c.dom0Mem)
            return c.dom0Mem;
    }
    return std::nullopt;
}

Result<XenBootConfig> MemorySettings::parseBootConfig(QByteArrayView input)
{
    const QString what = QStringLiteral("boot configuration");
    XenBootConfig out;
    const HostText text(input, out.report);
    if (detail::unusable(text))
        return detail::emptyOrBinary<XenBootConfig>(text, what);

    QString title;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i].trimmed();
        const qsizetype lineNo = i + 1;
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringView word = firstWord(line);
        const QStringView rest = line.mid(word.size()).trimmed();
        XenCommandLine c;
        bool found = false;
        if (word == u"menuentry") {
            title = quotedTitle(rest);
        } else if (word == u"title") {
            title = rest.toString();
        } else if (word.compare(u"label", Qt::CaseInsensitive) == 0) {
            title = rest.toString();
        } else if ((word == u"multiboot2" || word == u"multiboot") && isXenImage(firstWord(rest))) {
            c.source = XenCommandLine::Source::Grub2;
            c.arguments = afterFirstWord(rest).toString();
            found = true;
        } else if (word == u"kernel" && isXenImage(firstWord(rest))) {
            c.source = XenCommandLine::Source::GrubLegacy;
            c.arguments = afterFirstWord(rest).toString();
            found = true;
        } else if (word.compare(u"append", Qt::CaseInsensitive) == 0 && isXenImage(firstWord(rest))) {
            c.source = XenCommandLine::Source::Extlinux;
            QStringView args = afterFirstWord(rest);
            const qsizetype sep = args.indexOf(u"---");
            if (sep >= 0)
                args = args.left(sep);
            c.arguments = args.trimmed().toString();
            found = true;
        } else if (line.startsWith(u"GRUB_CMDLINE_XEN=") || line.startsWith(u"GRUB_CMDLINE_XEN_DEFAULT=")) {
            QStringView value = line.mid(line.indexOf(u'=') + 1).trimmed();
            if (value.size() >= 2 && (value[0] == u'"' || value[0] == u'\'') && value.back() == value[0])
                value = value.mid(1, value.size() - 2);
            c.source = XenCommandLine::Source::DefaultGrub;
            c.arguments = value.trimmed().toString();
            found = true;
        } else if (word == u"xen_commandline" && rest.startsWith(u':')) {
            c.source = XenCommandLine::Source::XlInfo;
            c.arguments = rest.mid(1).trimmed().toString();
            found = true;
        } else if (line.startsWith(u"(XEN)") && line.contains(u"Command line:")) {
            c.source = XenCommandLine::Source::Dmesg;
            c.arguments = line.mid(line.indexOf(u"Command line:") + 13).trimmed().toString();
            found = true;
        } else if (word.startsWith(u"dom0_mem=")) {
            c.source = XenCommandLine::Source::XenCmdline;
            c.arguments = line.toString();
            found = true;
        }
        if (!found)
            continue;
        if (detail::atLimit(out.report, out.commandLines.size(), kMaxEntries, lineNo))
            break;
        c.line = lineNo;
        c.entryTitle = c.source == XenCommandLine::Source::Grub2 || c.source == XenCommandLine::Source::GrubLegacy ||
                               c.source == XenCommandLine::Source::Extlinux
                           ? title
                           : QString();
        auto mem = Dom0Mem::fromCommandLine(c.arguments);
        if (mem)
            c.dom0Mem = std::move(mem.value());
        else if (mem.error().code != u"absent")
            out.report.addProblem(lineNo, mem.errorMessage());
        out.commandLines.append(std::move(c));
    }
    if (out.commandLines.isEmpty()) {
        return Result<XenBootConfig>::failure(tr("No hypervisor command line was found (no Xen boot entry, "
                                                 "dom0_mem= line or xen_commandline)."),
                                              QStringLiteral("no-xen-line"));
    }
    detail::noteCut(text, out.report);
    return out;
}

QString XendConfig::value(QStringView key) const
{
    for (const XendConfigEntry& e : entries) {
        if (e.key == key)
            return e.value;
    }
    return {};
}

Result<XendConfig> MemorySettings::parseXendConfig(QByteArrayView input)
{
    XendConfig out;
    {
        ParseReport probe;
        const HostText text(input, probe);
        if (detail::unusable(text))
            return detail::emptyOrBinary<XendConfig>(text, QStringLiteral("xend-config.sxp"));
    }
    auto doc = SexpReader::parse(input);
    if (!doc)
        return doc.error();
    out.report = doc->report;
    QSet<QString> seen;
    for (const SexpNode& form : doc->forms) {
        const QString key = form.head();
        if (!form.isList() || key.isEmpty()) {
            out.report.addProblem(form.line, tr("\"%1\" is not a (name value) setting.").arg(elide(form.toString())));
            continue;
        }
        if (detail::atLimit(out.report, out.entries.size(), kMaxEntries, form.line))
            break;
        XendConfigEntry e;
        e.key = key;
        e.line = form.line;
        if (form.children.size() == 2 && form.children[1].isAtom()) {
            e.value = form.children[1].text;
            // (vncpasswd '') is set, to nothing: keep it apart from a missing key.
            if (e.value.isNull())
                e.value = QStringLiteral("");
        } else {
            QStringList parts;
            for (qsizetype c = 1; c < form.children.size(); ++c)
                parts.append(form.children[c].toString());
            e.value = parts.join(u' ');
        }
        if (seen.contains(key)) {
            out.report.addNote(e.line, tr("\"%1\" is set again; xend uses the first setting.").arg(elide(key)));
            out.entries.append(std::move(e));
            continue;
        }
        seen.insert(key);
        const auto number = [&](qint64 max) -> std::optional<qint64> {
            const auto v = detail::parseUnsigned(QStringView(e.value).trimmed());
            if (!v || *v > max) {
                out.report.addProblem(
                    e.line, tr("The value of \"%1\" is not a whole number: \"%2\".").arg(key, elide(e.value)));
                return std::nullopt;
            }
            return v;
        };
        if (key == u"dom0-min-mem") {
            out.dom0MinMemMiB = number(qint64(1) << 40);
        } else if (key == u"total_available_memory") {
            out.totalAvailableMemoryGiB = number(qint64(1) << 30);
        } else if (key == u"dom0-cpus") {
            const auto v = number(1 << 20);
            if (v)
                out.dom0Cpus = int(*v);
        } else if (key == u"enable-dom0-ballooning") {
            out.enableDom0Ballooning = xendBool(e.value);
            if (!out.enableDom0Ballooning) {
                out.report.addProblem(e.line,
                                      tr("enable-dom0-ballooning must be yes or no, not \"%1\".").arg(elide(e.value)));
            }
        }
        out.entries.append(std::move(e));
    }
    return out;
}

const XlConfEntry* XlConf::entry(QStringView key) const
{
    for (qsizetype i = entries.size() - 1; i >= 0; --i) {
        if (entries[i].key == key && entries[i].isValid())
            return &entries[i];
    }
    return nullptr;
}

QString XlConf::value(QStringView key) const
{
    const XlConfEntry* e = entry(key);
    return e ? e->value : QString();
}

Autoballoon XlConf::autoballoon() const
{
    const XlConfEntry* e = entry(u"autoballoon");
    if (!e || e->type == XlConfEntry::Type::List)
        return Autoballoon::Auto;
    if (e->value == u"on" || e->value == u"1")
        return Autoballoon::On;
    if (e->value == u"off" || e->value == u"0")
        return Autoballoon::Off;
    return Autoballoon::Auto;
}

Result<XlConf> MemorySettings::parseXlConf(QByteArrayView input)
{
    XlConf out;
    const HostText text(input, out.report);
    if (text.isMostlyBinary())
        return detail::emptyOrBinary<XlConf>(text, QStringLiteral("xl.conf"));
    XlConfParser parser(text.text(), out);
    parser.run();
    detail::noteCut(text, out.report);
    return out;
}

} // namespace xr
