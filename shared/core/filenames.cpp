#include "core/filenames.h"

#include <QRegularExpression>

QString sanitizeFilename(const QString &text, const QString &fallback)
{
    static const QRegularExpression camel(QStringLiteral("([a-z0-9])([A-Z])"));
    static const QRegularExpression disallowed(QStringLiteral("[^a-z0-9 \\-_]"));
    static const QRegularExpression separators(QStringLiteral("[\\s\\-_]+"));

    QString name = text;
    name.replace(camel, QStringLiteral("\\1 \\2"));
    name = name.toLower().trimmed();
    name.remove(disallowed);
    name.replace(separators, QStringLiteral("_"));
    // Separators at the ends carry no meaning once collapsed.
    while (name.startsWith(u'_'))
        name.remove(0, 1);
    name.truncate(64);
    while (name.endsWith(u'_'))
        name.chop(1);
    return name.isEmpty() ? fallback : name;
}
