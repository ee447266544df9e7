#include "api/icon.h"

#include <QJsonArray>

namespace api {

QJsonObject IconVariant::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("svg"), svg},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}};
    if (!scene.isEmpty())
        o.insert(QStringLiteral("scene"), scene);
    return o;
}

IconVariant IconVariant::fromJson(const QJsonObject &o)
{
    IconVariant variant;
    variant.id = o.value(QLatin1String("id")).toString();
    variant.name = o.value(QLatin1String("name")).toString();
    variant.svg = o.value(QLatin1String("svg")).toString();
    variant.scene = o.value(QLatin1String("scene")).toObject();
    for (const QJsonValue &w : o.value(QLatin1String("warnings")).toArray())
        variant.warnings << (w.isString() ? w.toString()
                                          : w.toObject().value(QLatin1String("message")).toString());
    return variant;
}

QString Icon::svg(int variant) const
{
    if (variants.isEmpty())
        return {};
    return variants.at(qBound(0, variant, int(variants.size()) - 1)).svg;
}

QString timeToJson(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject Icon::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("prompt"), prompt},
                  {QStringLiteral("intent"), name(intent)},
                  {QStringLiteral("colorMode"), name(colorMode)},
                  {QStringLiteral("source"), name(source)},
                  {QStringLiteral("favorite"), favorite},
                  {QStringLiteral("selectedVariant"), selectedVariant},
                  {QStringLiteral("createdAt"), timeToJson(createdAt)},
                  {QStringLiteral("updatedAt"), timeToJson(updatedAt.isValid() ? updatedAt : createdAt)}};
    if (!complete && selectedVariant < variants.size()) {
        o.insert(QStringLiteral("variantCount"), int(variants.size()));
        o.insert(QStringLiteral("selected"), variants.at(selectedVariant).toJson());
        return o;
    }
    QJsonArray array;
    for (const IconVariant &v : variants)
        array.append(v.toJson());
    o.insert(QStringLiteral("svg"), svg(0));
    o.insert(QStringLiteral("variants"), array);
    o.insert(QStringLiteral("interpretation"),
             interpretation.isEmpty() ? QJsonValue() : QJsonValue(interpretation));
    return o;
}

Icon Icon::fromJson(const QJsonObject &o)
{
    Icon icon;
    icon.id = o.value(QLatin1String("id")).toString();
    icon.prompt = o.value(QLatin1String("prompt")).toString();
    icon.intent = parseOr(o.value(QLatin1String("intent")).toString(), Intent::Create);
    icon.colorMode = parseOr(o.value(QLatin1String("colorMode")).toString(), ColorMode::Dark);
    icon.source = parseOr(o.value(QLatin1String("source")).toString(), IconSource::Generated);
    icon.favorite = o.value(QLatin1String("favorite")).toBool();
    icon.selectedVariant = o.value(QLatin1String("selectedVariant")).toInt(0);
    icon.createdAt = QDateTime::fromString(o.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    icon.updatedAt = QDateTime::fromString(o.value(QLatin1String("updatedAt")).toString(), Qt::ISODateWithMs);
    icon.interpretation = o.value(QLatin1String("interpretation")).toObject();
    if (o.value(QLatin1String("selected")).isObject()) {
        // The thumbnail shape: the selected variant among `variantCount` placeholders. Even a
        // single variant is not complete: the interpretation (and the scenes) come with the icon.
        const int count = qBound(1, o.value(QLatin1String("variantCount")).toInt(1), 3);
        icon.selectedVariant = qBound(0, icon.selectedVariant, count - 1);
        icon.variants.resize(count);
        icon.variants[icon.selectedVariant] =
            IconVariant::fromJson(o.value(QLatin1String("selected")).toObject());
        icon.complete = false;
        return icon;
    }
    for (const QJsonValue &v : o.value(QLatin1String("variants")).toArray())
        icon.variants << IconVariant::fromJson(v.toObject());
    if (icon.variants.isEmpty() && o.contains(QLatin1String("svg")))
        icon.variants << IconVariant{icon.id,
                                     o.value(QLatin1String("name")).toString(),
                                     o.value(QLatin1String("svg")).toString(),
                                     {},
                                     {}};
    icon.selectedVariant =
        icon.variants.isEmpty() ? 0 : qBound(0, icon.selectedVariant, int(icon.variants.size()) - 1);
    return icon;
}

} // namespace api
