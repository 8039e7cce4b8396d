#include "AppInfo.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace xr {

QString AppInfo::version()
{
    return QStringLiteral(XR_VERSION_STRING);
}

QString AppInfo::displayName()
{
    return QStringLiteral("XenRescue");
}

void AppInfo::applyNames()
{
    // No organisation: the data folder is then ~/.local/share/xenrescue rather than a
    // doubled xenrescue/xenrescue (or %APPDATA%\xenrescue on Windows).
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setOrganizationDomain(QStringLiteral("xenrescue.invalid"));
    QCoreApplication::setApplicationName(QStringLiteral("xenrescue"));
    QCoreApplication::setApplicationVersion(version());
}

bool AppInfo::installTranslations(QCoreApplication& app)
{
    const QLocale locale;
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
    } else {
        delete qtTranslator;
    }

    auto* translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("xenrescue"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

} // namespace xr
