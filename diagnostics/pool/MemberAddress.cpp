#include "MemberAddress.h"

#include <QCoreApplication>

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace xr {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("xr::MemberAddress", text);
}

bool isAsciiLetterOrDigit(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

Result<MemberAddress::Kind> refuse(QStringView address, const QString& why, const QString& code)
{
    return Result<MemberAddress::Kind>::failure(
        tr("The pool reports the address \"%1\" for a member: %2 XenRescue connects only to IP addresses and "
           "host names (letters, digits, dots and hyphens).")
            .arg(MemberAddress::displayable(address), why),
        code);
}

} // namespace

QString MemberAddress::displayable(QStringView address)
{
    QString out;
    for (const QChar c : address.left(80)) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (address.size() > 80)
        out += QStringLiteral("…");
    return out;
}

Result<MemberAddress::Kind> MemberAddress::check(QStringView address)
{
    if (address.isEmpty())
        return refuse(address, tr("it is empty."), QStringLiteral("empty"));
    if (address.size() > 253)
        return refuse(address, tr("it is longer than 253 characters."), QStringLiteral("too-long"));
    if (address.front() == u'-')
        return refuse(address, tr("it starts with '-', which ssh would read as an option."),
                      QStringLiteral("leading-hyphen"));
    // Only ASCII goes to inet_pton and to the resolver; anything else is refused here.
    bool hasColon = false;
    for (const QChar c : address) {
        if (c == u':')
            hasColon = true;
        else if (!isAsciiLetterOrDigit(c) && c != u'.' && c != u'-')
            return refuse(address, tr("it holds a character that is not allowed (%1).").arg(displayable(QString(c))),
                          QStringLiteral("forbidden-character"));
    }
    const QByteArray ascii = address.toLatin1();
    if (hasColon) {
        in6_addr v6{};
        if (inet_pton(AF_INET6, ascii.constData(), &v6) == 1)
            return Kind::Ipv6;
        return refuse(address, tr("it is not a valid IPv6 address."), QStringLiteral("bad-ipv6"));
    }
    in_addr v4{};
    if (inet_pton(AF_INET, ascii.constData(), &v4) == 1)
        return Kind::Ipv4;
    const QList<QStringView> labels = address.split(u'.');
    for (const QStringView label : labels) {
        if (label.isEmpty() || label.size() > 63)
            return refuse(address, tr("a part between dots is empty or longer than 63 characters."),
                          QStringLiteral("bad-label"));
        if (label.front() == u'-' || label.back() == u'-')
            return refuse(address, tr("a part between dots starts or ends with '-'."), QStringLiteral("bad-label"));
    }
    const QStringView last = labels.back();
    if (std::all_of(last.begin(), last.end(), [](QChar c) { return c.isDigit(); }))
        return refuse(address, tr("it is neither a complete IPv4 address nor a host name."),
                      QStringLiteral("bad-ipv4"));
    return Kind::HostName;
}

} // namespace xr
