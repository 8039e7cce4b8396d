// Time stamps and log lines as the hosts write them (syslog, xensource.log), and values as
// xe prints them.

#include "SimInternal.h"

#include <QLocale>

namespace xr::sim::detail {

QString syslogStamp(const QDateTime& t)
{
    const QDateTime l = t.toUTC();
    const QLocale cl = QLocale::c();
    return cl.toString(l, QStringLiteral("MMM")) + u' ' + QStringLiteral("%1").arg(l.date().day(), 2) + u' ' +
           l.toString(QStringLiteral("HH:mm:ss"));
}

QString syslogLine(const QDateTime& t, const QString& host, const QString& proc, const QString& text)
{
    return syslogStamp(t) + u' ' + host + u' ' + proc + QStringLiteral(": ") + text;
}

QString xapiLogLine(const Ctx& c, const QString& proc, const QString& level, const QString& thread, const QString& task,
                    const QString& module, const QString& text)
{
    const QString hostField = c.host.flavour == Flavour::XenServer62 ? c.host.name : QString();
    const QString lvl = level.size() < 5 ? QString(u' ' + level) : level;
    return syslogLine(c.now, c.host.name, proc,
                      QStringLiteral("[%1|%2|%3|%4|%5] %6").arg(lvl, hostField, thread, task, module, text));
}

QString ocamlFloat(double v)
{
    QString s = QString::number(v, 'g', 12);
    if (!s.contains(u'.') && !s.contains(u'e'))
        s += u'.';
    return s;
}

QString xapiDate(const QDateTime& t)
{
    if (!t.isValid())
        return QStringLiteral("19700101T00:00:00Z");
    return t.toUTC().toString(QStringLiteral("yyyyMMdd'T'HH:mm:ss'Z'"));
}

} // namespace xr::sim::detail
