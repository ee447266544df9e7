#include "core/databasesettings.h"

DatabaseSettings DatabaseSettings::withName(const QString &databaseName) const
{
    DatabaseSettings copy = *this;
    copy.name = databaseName;
    return copy;
}

QString DatabaseSettings::describe() const
{
    return QStringLiteral("%1:%2/%3 as %4").arg(host).arg(port).arg(name, user);
}
