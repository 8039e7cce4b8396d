#include "XenInfo.h"

#include "HostText.h"

#include <QCoreApplication>
#include <QSet>

namespace xr {

namespace {

// "key<spaces>: value": keys are identifiers (total_memory, xen_commandline).
std::optional<XenInfoEntry> matchEntry(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == u' ' || line[i] == u'\t'))
        ++i;
    const qsizetype begin = i;
    while (i < line.size() && (line[i].isLetterOrNumber() || line[i] == u'_' || line[i] == u'-'))
        ++i;
    const qsizetype end = i;
    if (end == begin)
        return std::nullopt;
    while (i < line.size() && (line[i] == u' ' || line[i] == u'\t'))
        ++i;
    // xl and xm pad every key to a fixed width, so "key :" always has a space before the
    // colon; "libxl: error: ..." and "xl: command not found" do not.
    if (i == end || i >= line.size() || line[i] != u':')
        return std::nullopt;
    ++i;
    if (i < line.size() && line[i] == u' ')
        ++i;
    return XenInfoEntry{line.mid(begin, end - begin).toString(), line.mid(i).toString(), 0};
}

} // namespace

bool XenInfo::contains(QStringView key) const
{
    for (const XenInfoEntry& e : entries) {
        if (e.key == key)
            return true;
    }
    return false;
}

QString XenInfo::value(QStringView key) const
{
    for (const XenInfoEntry& e : entries) {
        if (e.key == key)
            return e.value;
    }
    return {};
}

std::optional<qint64> XenInfo::integer(QStringView key) const
{
    bool ok = false;
    const qint64 v = QStringView(value(key)).trimmed().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

QString XenInfo::xenVersion() const
{
    const QString version = value(u"xen_version");
    if (!version.isEmpty())
        return version;
    if (!contains(u"xen_major") || !contains(u"xen_minor"))
        return {};
    return value(u"xen_major").trimmed() + u'.' + value(u"xen_minor").trimmed() + value(u"xen_extra").trimmed();
}

Result<XenInfo> XenInfo::parse(QByteArrayView output)
{
    XenInfo info;
    const HostText text(output, info.report);
    if (text.isBlank()) {
        return Result<XenInfo>::failure(
            QCoreApplication::translate("xr::XenInfo", "The output of xl/xm info is empty."), QStringLiteral("empty"));
    }
    if (text.isMostlyBinary()) {
        return Result<XenInfo>::failure(
            QCoreApplication::translate("xr::XenInfo", "This is binary data, not xl/xm info output."),
            QStringLiteral("binary"));
    }
    // xl info prints about 35 keys; thousands means this is not xl info.
    constexpr qsizetype maxEntries = 4096;
    QSet<QString> keys;
    const QList<QStringView>& lines = text.lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        if (line.trimmed().isEmpty())
            continue;
        if (info.entries.size() >= maxEntries) {
            info.report.addProblem(i + 1, QCoreApplication::translate("xr::XenInfo",
                                                                      "More than %1 keys: this is not xl/xm info "
                                                                      "output; the rest was not read.")
                                              .arg(maxEntries));
            break;
        }
        if (auto entry = matchEntry(line)) {
            entry->line = i + 1;
            // The same key twice can only come from a value with a line break in it.
            if (keys.contains(entry->key)) {
                info.report.addProblem(
                    i + 1,
                    QCoreApplication::translate("xr::XenInfo", "The key \"%1\" appears twice.").arg(elide(entry->key)));
            }
            keys.insert(entry->key);
            info.entries.append(std::move(*entry));
            continue;
        }
        if (!info.entries.isEmpty()) {
            // Long values (hw_caps, xen_commandline) wrapped by hand in documentation.
            info.entries.last().value += u' ';
            info.entries.last().value += line.trimmed();
            info.report.addNote(
                i + 1, QCoreApplication::translate("xr::XenInfo", "The value of \"%1\" continues on this line.")
                           .arg(info.entries.last().key));
            continue;
        }
        info.report.addProblem(i + 1, QCoreApplication::translate("xr::XenInfo", "This line is not \"key : value\": "
                                                                                 "\"%1\".")
                                          .arg(elide(line)));
    }
    if (info.entries.isEmpty()) {
        return Result<XenInfo>::failure(
            QCoreApplication::translate("xr::XenInfo", "The output holds no \"key : value\" line of xl/xm info."),
            QStringLiteral("not-xen-info"));
    }
    if (text.lastLineUnterminated()) {
        info.report.addProblem(lines.size(),
                               QCoreApplication::translate("xr::XenInfo", "The output ends in the middle of a line; it "
                                                                          "was probably cut off."));
    }
    return info;
}

} // namespace xr
