#include "clienticon.h"

QVariantMap iconToVariantMap(const ClientIcon &icon)
{
    QVariantList variants;
    for (const ClientIconVariant &v : icon.variants)
        variants << QVariantMap{{QStringLiteral("id"), v.id},
                                {QStringLiteral("name"), v.name},
                                {QStringLiteral("svg"), v.svg},
                                {QStringLiteral("warnings"), v.warnings}};
    return {{QStringLiteral("id"), icon.id},
            {QStringLiteral("prompt"), icon.prompt},
            {QStringLiteral("intent"), api::name(icon.intent)},
            {QStringLiteral("colorMode"), api::name(icon.colorMode)},
            {QStringLiteral("source"), api::name(icon.source)},
            {QStringLiteral("favorite"), icon.favorite},
            {QStringLiteral("selectedVariant"), icon.selectedVariant},
            {QStringLiteral("variantCount"), int(icon.variants.size())},
            {QStringLiteral("createdAt"), icon.createdAt},
            {QStringLiteral("interpretation"), icon.interpretation.toVariantMap()},
            {QStringLiteral("variants"), variants}};
}

QString svgDataUrl(const QString &svg)
{
    if (svg.isEmpty())
        return {};
    return QStringLiteral("data:image/svg+xml;base64,") + QString::fromLatin1(svg.toUtf8().toBase64());
}
