#include "engineiconsource.h"

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
        const vocab::EngineResult result =
            vocab::IconEngine::builtin().generate(prompt, variants, style, prompt.simplified().toLower());
        Drawing drawing;
        if (!result.understood()) {
            drawing.status = Drawing::Status::NotUnderstood;
            drawing.suggestions = result.interpretation.suggestions;
            drawing.message = QStringLiteral("The built-in engine does not know what to draw for this prompt; try "
                                             "one of the suggestions or name a CAD tool (box, gear, fillet, polar "
                                             "array …).");
            return drawing;
        }
        if (!result.errors.isEmpty() || result.variants.isEmpty()) {
            // A recipe that cannot draw is a bug of the vocabulary, never the user's prompt.
            drawing.status = Drawing::Status::Failed;
            drawing.message = QStringLiteral("the built-in engine could not draw \"%1\" (%2); please report it.")
                                  .arg(result.interpretation.summary(), result.errors.join(QStringLiteral("; ")));
            return drawing;
        }
        drawing.status = Drawing::Status::Drawn;
        drawing.interpretation = result.interpretation.toJson();
        for (const vocab::EngineVariant &v : result.variants)
            drawing.variants.append({v.name, v.svg});
        return drawing;
    }
};

} // namespace

std::unique_ptr<IconSource> makeBuiltinSource()
{
    return std::make_unique<EngineIconSource>();
}

} // namespace cli
