#include "sceneoutput.h"

#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"

#include <QFile>
#include <QJsonDocument>

namespace SceneOutput {

const QJsonObject &sceneSchema()
{
    static const QJsonObject schema = [] {
        QFile file(QStringLiteral(":/scene/scene.schema.json"));
        file.open(QIODevice::ReadOnly);
        QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        o.remove(QStringLiteral("$schema"));
        return o;
    }();
    return schema;
}

QJsonObject toolDefinition(int variantCount)
{
    const int count = std::clamp(variantCount, 1, 3);
    QJsonObject scene = sceneSchema();
    const QJsonObject defs = scene.take(QStringLiteral("$defs")).toObject();
    // $refs point at the top level's $defs, so the definitions move up to the tool's input schema.
    QJsonObject refs;
    for (auto it = defs.begin(); it != defs.end(); ++it)
        refs.insert(it.key(), it.value());
    const QJsonObject input{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("variants"),
              QJsonObject{
                  {QStringLiteral("type"), QStringLiteral("array")},
                  {QStringLiteral("minItems"), count},
                  {QStringLiteral("maxItems"), count},
                  {QStringLiteral("items"),
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                               {QStringLiteral("properties"),
                                QJsonObject{{QStringLiteral("name"),
                                             QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                                            {QStringLiteral("scene"), scene}}},
                               {QStringLiteral("required"),
                                QJsonArray{QStringLiteral("name"), QStringLiteral("scene")}},
                               {QStringLiteral("additionalProperties"), false}}}}}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("variants")}},
        {QStringLiteral("$defs"), refs}};
    return QJsonObject{
        {QStringLiteral("name"), QLatin1String(kToolName)},
        {QStringLiteral("description"),
         QStringLiteral("Draws the icon variants as scenes of design-system elements. The app renders each "
                        "scene into the 32x32 SVG icon (strokes, dashes, grips and palette come from the "
                        "renderer). Call it with exactly %1 variant(s).")
             .arg(count)},
        {QStringLiteral("input_schema"), input}};
}

QJsonObject toolChoice()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("tool")},
                       {QStringLiteral("name"), QLatin1String(kToolName)}};
}

int Validated::validCount() const
{
    return int(std::count_if(variants.begin(), variants.end(), [](const auto &v) { return v.has_value(); }));
}

Validated validate(const QJsonObject &input, int variantCount, ColorMode mode, const QString &seed)
{
    Validated out;
    const int count = std::clamp(variantCount, 1, 3);
    const QJsonValue list = input.value(QLatin1String("variants"));
    if (!list.isArray() || list.toArray().isEmpty()) {
        out.errors << QStringLiteral("variants: must be a list of %1 {name, scene} object(s)").arg(count);
        return out;
    }
    const QJsonArray items = list.toArray();
    if (items.size() > count)
        out.errors << QStringLiteral("variants: %1 given, %2 asked for (the rest are ignored)")
                          .arg(items.size())
                          .arg(count);
    for (qsizetype i = 0; i < items.size() && i < count; ++i) {
        const QString at = QStringLiteral("variants[%1]").arg(i);
        const QJsonObject item = items.at(i).toObject();
        QJsonObject sceneJson = item.value(QLatin1String("scene")).toObject();
        if (sceneJson.isEmpty()) {
            out.errors << at + QStringLiteral(".scene: must be a scene object");
            out.variants << std::nullopt;
            continue;
        }
        // A free scene: it says where it came from, and it has nothing to build again.
        sceneJson.remove(QStringLiteral("parameters"));
        sceneJson.remove(QStringLiteral("values"));
        sceneJson.insert(QStringLiteral("source"),
                         QJsonObject{{QStringLiteral("engine"), QStringLiteral("anthropic")}});
        sceneJson.insert(QStringLiteral("format"), QString::fromLatin1(scene::formatName));
        sceneJson.insert(QStringLiteral("version"), scene::formatVersion);
        const scene::SceneParseResult parsed = scene::SceneParser::fromJson(sceneJson);
        if (!parsed.ok()) {
            for (const QString &m : parsed.messages())
                out.errors << at + QStringLiteral(".scene.") + m;
            out.variants << std::nullopt;
            continue;
        }
        const scene::RenderResult rendered =
            scene::SceneRenderer::render(parsed.scene, mode, seed + QLatin1Char(':') + QString::number(i));
        if (!rendered.ok()) {
            for (const scene::SceneError &e : rendered.errors)
                out.errors << at + QStringLiteral(".scene: ") + e.toString();
            out.variants << std::nullopt;
            continue;
        }
        GeneratedVariant v;
        v.name = item.value(QLatin1String("name")).toString().simplified().left(80);
        if (v.name.isEmpty())
            v.name = parsed.scene.name.left(80);
        v.svg = rendered.svg;
        v.scene = sceneJson;
        out.variants << v;
    }
    return out;
}

} // namespace SceneOutput
