#include "Resources.h"

namespace xr {

QString Resources::icon(const QString& name)
{
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

QString Resources::translationsFolder()
{
    return QStringLiteral(":/i18n");
}

} // namespace xr
