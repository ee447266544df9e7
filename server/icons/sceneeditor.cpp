#include "icons/sceneeditor.h"

#include "core/logging.h"
#include "http/apierror.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

namespace SceneEditor {

namespace {

QString noSceneMessage(const Icon &icon)
{
    return icon.source == api::IconSource::Imported
               ? QStringLiteral(
                     "This icon is an imported SVG: it has no scene, so no parameters or palette to "
                     "change.")
               : QStringLiteral("This icon was drawn as SVG, not from a scene: it has no parameters or "
                                "palette to change.");
}

} // namespace

QList<IconVariant> apply(const Icon &icon, const QMap<int, QVariantMap> &parameters,
                         std::optional<ColorMode> colorMode)
{
    const ColorMode mode = colorMode.value_or(icon.colorMode);
    QList<IconVariant> variants = icon.variants;
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        if (it.key() >= variants.size())
            throw ApiError::validation(
                QStringLiteral("variant"),
                QStringLiteral("The icon has %1 variant(s): 'variant' must be from 0 to %2.")
                    .arg(variants.size())
                    .arg(variants.size() - 1));
    }
    for (qsizetype index = 0; index < variants.size(); ++index) {
        IconVariant &variant = variants[index];
        const bool edited = parameters.contains(int(index));
        if (!edited && !colorMode)
            continue;
        if (variant.scene.isEmpty())
            throw ApiError::validation(edited ? QStringLiteral("parameters") : QStringLiteral("colorMode"),
                                       noSceneMessage(icon));
        scene::SceneParseResult parsed = scene::SceneParser::fromJson(variant.scene);
        if (!parsed.ok()) {
            qCWarning(lcIcons).noquote() << "stored scene of icon" << icon.id << "variant" << index
                                         << "does not parse:" << parsed.messages().value(0);
            throw ApiError::internal();
        }
        scene::Scene current = std::move(parsed.scene);
        QJsonObject sceneJson = variant.scene;
        if (edited && !parameters.value(int(index)).isEmpty()) {
            const QVariantMap &asked = parameters.value(int(index));
            QStringList names;
            for (const scene::ParameterSpec &p : std::as_const(current.parameters))
                names << p.name;
            QVariantMap values = current.values;
            for (auto v = asked.begin(); v != asked.end(); ++v) {
                const QString field = QStringLiteral("parameters.") + v.key().left(64);
                const auto spec =
                    std::find_if(current.parameters.cbegin(), current.parameters.cend(),
                                 [&](const scene::ParameterSpec &p) { return p.name == v.key(); });
                if (spec == current.parameters.cend())
                    throw ApiError::validation(
                        field, names.isEmpty()
                                   ? QStringLiteral("'%1' is not a parameter of this icon: it has none.")
                                         .arg(v.key().left(64))
                                   : QStringLiteral("'%1' is not a parameter of this icon; it has %2.")
                                         .arg(v.key().left(64), names.join(QStringLiteral(", "))));
                const auto accepted = spec->accept(v.value());
                if (!accepted)
                    throw ApiError::validation(field, QStringLiteral("The parameter '%1' (%2) must be %3.")
                                                          .arg(spec->name, spec->label, spec->rangeText()));
                values.insert(spec->name, *accepted);
            }
            QStringList errors;
            auto built = vocab::IconEngine::builtin().instantiate(current.source, values, &errors);
            if (!built) {
                // The values are in range, so this is a scene the engine cannot build again (another
                // vocabulary version) or a recipe bug: not the client's fault.
                qCWarning(lcIcons).noquote() << "icon" << icon.id << "variant" << index
                                             << "cannot be built again:" << errors.join(QStringLiteral("; "));
                throw ApiError::validation(QStringLiteral("parameters"),
                                           QStringLiteral("This icon's scene cannot be drawn again with new "
                                                          "values (it was not made by this version of the "
                                                          "built-in engine)."));
            }
            current = std::move(built->scene);
            sceneJson = built->sceneJson;
        }
        const scene::RenderResult rendered =
            scene::SceneRenderer::render(current, mode, icon.id + QLatin1Char(':') + QString::number(index));
        if (!rendered.ok()) {
            qCWarning(lcIcons).noquote() << "icon" << icon.id << "variant" << index
                                         << "does not render:" << rendered.errors.value(0).toString();
            throw ApiError::internal();
        }
        variant.svg = rendered.svg;
        variant.scene = sceneJson;
        variant.warnings.clear(); // drawn by the renderer: in the design system by construction
    }
    return variants;
}

} // namespace SceneEditor
