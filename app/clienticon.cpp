#include "clienticon.h"

#include <QJsonArray>

QVariantMap ClientIconVariant::toVariantMap() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("svg"), svg},
            {QStringLiteral("warnings"), warnings}};
}

QString ClientIcon::svg(int variant) const
{
    if (variants.isEmpty())
        return {};
    return variants.at(qBound(0, variant, int(variants.size()) - 1)).svg;
}

namespace {
ClientIconVariant variantFromJson(const QJsonObject &vo)
{
    ClientIconVariant variant;
    variant.id = vo.value(QStringLiteral("id")).toString();
    variant.name = vo.value(QStringLiteral("name")).toString();
    variant.svg = vo.value(QStringLiteral("svg")).toString();
    variant.scene = vo.value(QStringLiteral("scene")).toObject();
    for (const QJsonValue &w : vo.value(QStringLiteral("warnings")).toArray())
        variant.warnings << (w.isString() ? w.toString()
                                          : w.toObject().value(QStringLiteral("message")).toString());
    return variant;
}

QJsonObject variantToJson(const ClientIconVariant &v)
{
    QJsonObject o{{QStringLiteral("id"), v.id},
                  {QStringLiteral("name"), v.name},
                  {QStringLiteral("svg"), v.svg},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(v.warnings)}};
    if (!v.scene.isEmpty())
        o.insert(QStringLiteral("scene"), v.scene); // offline edits need it
    return o;
}
} // namespace

ClientIcon ClientIcon::fromJson(const QJsonObject &o)
{
    ClientIcon a;
    a.id = o.value(QStringLiteral("id")).toString();
    a.prompt = o.value(QStringLiteral("prompt")).toString();
    a.intent = o.value(QStringLiteral("intent")).toString(QStringLiteral("create"));
    a.colorMode = o.value(QStringLiteral("colorMode")).toString(QStringLiteral("dark"));
    a.source = o.value(QStringLiteral("source")).toString(QStringLiteral("generated"));
    a.favorite = o.value(QStringLiteral("favorite")).toBool();
    a.selectedVariant = o.value(QStringLiteral("selectedVariant")).toInt(0);
    a.createdAt = QDateTime::fromString(o.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    a.interpretation = o.value(QStringLiteral("interpretation")).toObject();
    if (o.value(QStringLiteral("selected")).isObject()) {
        // The thumbnail shape: the selected variant among `variantCount` placeholders. Even a
        // single variant is not complete: the interpretation (and the scenes) come with the icon.
        const int count = qBound(1, o.value(QStringLiteral("variantCount")).toInt(1), 3);
        a.selectedVariant = qBound(0, a.selectedVariant, count - 1);
        a.variants.resize(count);
        a.variants[a.selectedVariant] = variantFromJson(o.value(QStringLiteral("selected")).toObject());
        a.complete = false;
        return a;
    }
    for (const QJsonValue &v : o.value(QStringLiteral("variants")).toArray())
        a.variants << variantFromJson(v.toObject());
    // The seed's {id, svg} shape (and imports) may carry only the top-level svg.
    if (a.variants.isEmpty() && o.contains(QStringLiteral("svg")))
        a.variants << ClientIconVariant{a.id,
                                        o.value(QStringLiteral("name")).toString(),
                                        o.value(QStringLiteral("svg")).toString(),
                                        {},
                                        {}};
    a.selectedVariant = a.variants.isEmpty() ? 0 : qBound(0, a.selectedVariant, int(a.variants.size()) - 1);
    return a;
}

QJsonObject ClientIcon::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("prompt"), prompt},
                  {QStringLiteral("intent"), intent},
                  {QStringLiteral("colorMode"), colorMode},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("favorite"), favorite},
                  {QStringLiteral("selectedVariant"), selectedVariant},
                  {QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (!complete && selectedVariant < variants.size()) {
        o.insert(QStringLiteral("variantCount"), int(variants.size()));
        o.insert(QStringLiteral("selected"), variantToJson(variants.at(selectedVariant)));
        return o;
    }
    QJsonArray vs;
    for (const ClientIconVariant &v : variants)
        vs.append(variantToJson(v));
    o.insert(QStringLiteral("variants"), vs);
    o.insert(QStringLiteral("interpretation"),
             interpretation.isEmpty() ? QJsonValue() : QJsonValue(interpretation));
    return o;
}

QVariantMap ClientIcon::toVariantMap() const
{
    QVariantList vs;
    for (const ClientIconVariant &v : variants)
        vs << v.toVariantMap();
    return {{QStringLiteral("id"), id},
            {QStringLiteral("prompt"), prompt},
            {QStringLiteral("intent"), intent},
            {QStringLiteral("colorMode"), colorMode},
            {QStringLiteral("source"), source},
            {QStringLiteral("favorite"), favorite},
            {QStringLiteral("selectedVariant"), selectedVariant},
            {QStringLiteral("variantCount"), int(variants.size())},
            {QStringLiteral("createdAt"), createdAt},
            {QStringLiteral("interpretation"), interpretation.toVariantMap()},
            {QStringLiteral("variants"), vs}};
}

QString svgDataUrl(const QString &svg)
{
    if (svg.isEmpty())
        return {};
    return QStringLiteral("data:image/svg+xml;base64,") + QString::fromLatin1(svg.toUtf8().toBase64());
}
