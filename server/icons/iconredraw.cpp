#include "icons/iconredraw.h"

#include "http/apierror.h"
#include "icons/designcheck.h"
#include "vocabulary/sceneredraw.h"

namespace IconRedraw {

bool redrawable(const Icon &icon)
{
    for (const IconVariant &v : icon.variants) {
        if (v.scene.isEmpty())
            return false;
    }
    return !icon.variants.isEmpty();
}

void apply(Icon &icon, const QHash<int, QVariantMap> &parameters, std::optional<ColorMode> colorMode)
{
    const auto unprocessable = [](const QString &code, const QString &message) {
        return ApiError(422, code, message, QStringLiteral("ValidationError"));
    };
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        if (it.key() >= icon.variants.size())
            throw ApiError::validation(
                QStringLiteral("variant"),
                QStringLiteral("The field 'variant' must be from 0 to %1.").arg(icon.variants.size() - 1));
        if (icon.variants.at(it.key()).scene.isEmpty())
            throw unprocessable(
                QStringLiteral("no_scene"),
                icon.source == QLatin1String("imported")
                    ? QStringLiteral("Imported icons are plain SVG: they have no parameters.")
                    : QStringLiteral("This variant was drawn as SVG, not from a scene: it has no "
                                     "parameters."));
    }
    const bool newInk = colorMode && IconDesign::colorModeName(*colorMode) != icon.colorMode;
    if (newInk && !redrawable(icon))
        throw unprocessable(QStringLiteral("no_scene"),
                            QStringLiteral("Only icons drawn from a scene can be drawn in another ink; this "
                                           "one is plain SVG."));
    const ColorMode ink =
        colorMode.value_or(IconDesign::colorModeFromName(icon.colorMode).value_or(ColorMode::Dark));
    QList<IconVariant> variants = icon.variants;
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const bool changed = parameters.contains(int(i));
        if (!changed && !newInk)
            continue;
        QStringList errors;
        const auto redrawn = vocab::redrawScene(variants.at(i).scene, parameters.value(int(i)), ink,
                                                icon.id + QLatin1Char(':') + QString::number(i), &errors);
        if (!redrawn) {
            const QString field = parameters.size() > 1 ? QStringLiteral("parameters[%1]").arg(i)
                                                        : QStringLiteral("parameters");
            throw ApiError::validation(field, errors.value(0, QStringLiteral("The icon cannot be drawn.")));
        }
        IconVariant &v = variants[i];
        v.scene = redrawn->sceneJson;
        v.svg = redrawn->svg;
        v.warnings = checkIconDesign(v.svg).warnings;
    }
    icon.variants = std::move(variants);
    icon.colorMode = IconDesign::colorModeName(ink);
}

} // namespace IconRedraw
