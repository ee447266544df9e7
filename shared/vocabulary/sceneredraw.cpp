#include "vocabulary/sceneredraw.h"

#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

namespace vocab {

std::optional<RedrawnScene> redrawScene(const QJsonObject &sceneJson, const QVariantMap &changes,
                                        ColorMode mode, const QString &scopeSeed, QStringList *errors)
{
    const auto fail = [&](const QString &message) {
        if (errors)
            *errors << message;
        return std::nullopt;
    };
    scene::SceneParseResult parsed = scene::SceneParser::fromJson(sceneJson);
    if (!parsed.ok())
        return fail(
            QStringLiteral("The stored scene is not valid: %1").arg(parsed.errors.value(0).toString()));
    scene::Scene drawn = std::move(parsed.scene);
    QJsonObject json = sceneJson;
    if (!changes.isEmpty()) {
        QVariantMap values = drawn.values;
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (!values.contains(it.key()))
                return fail(QStringLiteral("%1 is not a parameter of this icon.").arg(it.key()));
            values.insert(it.key(), it.value());
        }
        if (values != drawn.values) {
            const auto built = IconEngine::builtin().instantiate(drawn.source, values, errors);
            if (!built)
                return std::nullopt;
            drawn = built->scene;
            json = built->sceneJson;
        }
    }
    const scene::RenderResult rendered = scene::SceneRenderer::render(drawn, mode, scopeSeed);
    if (!rendered.ok())
        return fail(QStringLiteral("The scene cannot be drawn: %1").arg(rendered.errors.value(0).toString()));
    return RedrawnScene{json, rendered.svg};
}

} // namespace vocab
