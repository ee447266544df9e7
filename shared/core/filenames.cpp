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

QString iconFileName(const QString &prompt, int variantIndex, int variantCount, const QString &extension)
{
    return variantFileName(sanitizeFilename(prompt, prompt.trimmed().isEmpty() ? QStringLiteral("icon")
                                                                               : QStringLiteral("export")),
                           variantIndex, variantCount, extension);
}

QString variantFileName(const QString &base, int variantIndex, int variantCount, const QString &extension)
{
    QString name = base;
    if (variantCount > 1)
        name += QStringLiteral("_variant_%1").arg(variantIndex + 1);
    QString ext = extension;
    if (ext.startsWith(QLatin1Char('.')))
        ext.remove(0, 1);
    return ext.isEmpty() ? name : name + QLatin1Char('.') + ext.toLower();
}
