#include "engineiconsource.h"

#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

namespace cli {

namespace {

class EngineIconSource : public IconSource
{
public:
    QString description() const override { return QStringLiteral("built-in engine"); }

    Drawing draw(const QString &prompt, int variants, ColorMode style) override
    {
        // The scope seed makes the SVG ids of an icon unique as the server's would be, and the same
        // on every run: the files of a toolbar only change when the drawing does.
        const QString scopeSeed = prompt.simplified().toLower();
        const vocab::EngineResult result =
            vocab::IconEngine::builtin().generate(prompt, variants, style, scopeSeed);
        Drawing drawing;
        if (!result.understood()) {
            drawing.status = Drawing::Status::NotUnderstood;
            drawing.suggestions = result.interpretation.suggestions;
            drawing.message =
                QStringLiteral("The built-in engine does not know what to draw for this prompt; try "
                               "one of the suggestions or name a CAD tool (box, gear, fillet, polar "
                               "array …).");
            return drawing;
        }
        if (!result.errors.isEmpty() || result.variants.isEmpty()) {
            // A recipe that cannot draw is a bug of the vocabulary, never the user's prompt.
            drawing.status = Drawing::Status::Failed;
            drawing.message =
                QStringLiteral("the built-in engine could not draw \"%1\" (%2); please report it.")
                    .arg(result.interpretation.summary(), result.errors.join(QStringLiteral("; ")));
            return drawing;
        }
        drawing.status = Drawing::Status::Drawn;
        drawing.interpretation = result.interpretation.toJson();
        for (qsizetype i = 0; i < result.variants.size(); ++i) {
            const vocab::EngineVariant &v = result.variants.at(i);
            // The same ids as the vector (the engine's seed per variant), drawn for each raster size.
            const QString seed = scopeSeed + QLatin1Char(':') + QString::number(i);
            auto hinted = [scene = v.scene, svg = v.svg, style, seed](int size) {
                if (size > scene::SceneRenderer::hintingMaxPixels)
                    return svg;
                scene::RenderOptions options;
                options.pixelSize = size;
                const scene::RenderResult r = scene::SceneRenderer::render(scene, style, seed, options);
                return r.ok() ? r.svg : svg;
            };
            drawing.variants.append({v.name, v.svg, hinted});
        }
        return drawing;
    }
};

} // namespace

std::unique_ptr<IconSource> makeBuiltinSource()
{
    return std::make_unique<EngineIconSource>();
}

} // namespace cli
