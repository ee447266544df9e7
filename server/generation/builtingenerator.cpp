#include "builtingenerator.h"

#include "core/logging.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"
#include "vocabulary/scenerefiner.h"

namespace {

GenerationError notUnderstood(const QString &message, const QStringList &suggestions)
{
    return GenerationError::notUnderstood(QStringLiteral("prompt_not_understood"), message, suggestions);
}

GenerationResult refine(const GenerationRequest &request, const QString &scope)
{
    if (request.referenceScene.isEmpty()) {
        const QString message =
            request.referenceImported
                ? QStringLiteral(
                      "This icon is an imported SVG: it has no scene, and the built-in generator "
                      "refines scenes only. Create a new icon from a prompt, or refine it with Claude "
                      "(ICON_GENERATOR=anthropic).")
                : QStringLiteral(
                      "The icon to refine is plain SVG without a scene: the built-in generator refines "
                      "icons drawn from scenes. Send 'referenceIcon' with the id of a generated icon, "
                      "or create a new icon from a prompt.");
        return GenerationResult::failure(
            GenerationError::notUnderstood(QStringLiteral("refine_needs_scene"), message));
    }
    scene::SceneParseResult parsed = scene::SceneParser::fromJson(request.referenceScene);
    if (!parsed.ok()) // the caller validated it; a stored scene of an older format ends here
        return GenerationResult::failure(GenerationError::notUnderstood(
            QStringLiteral("refine_needs_scene"),
            QStringLiteral("The scene of the icon to refine cannot be read by this version.")));
    const vocab::RefineResult refined = vocab::SceneRefiner::builtin().refine(parsed.scene, request.prompt);
    if (refined.status == vocab::RefineResult::Status::NotUnderstood)
        return GenerationResult::failure(notUnderstood(refined.message, refined.suggestions));
    if (refined.status == vocab::RefineResult::Status::NotPossible && refined.errors.isEmpty())
        return GenerationResult::failure(
            GenerationError::notUnderstood(QStringLiteral("refinement_not_possible"), refined.message));
    const scene::RenderResult rendered =
        refined.status == vocab::RefineResult::Status::Refined
            ? scene::SceneRenderer::render(refined.scene, request.colorMode, scope + QStringLiteral(":0"))
            : scene::RenderResult{};
    if (!rendered.ok()) {
        QStringList why = refined.errors;
        for (const scene::SceneError &e : rendered.errors)
            why << e.toString();
        qCWarning(lcGeneration).noquote()
            << "refined scene cannot be drawn:" << why.join(QStringLiteral("; "));
        return GenerationResult::failure(GenerationError::notUnderstood(
            QStringLiteral("refinement_not_possible"),
            QStringLiteral("The icon cannot be drawn that way (%1).").arg(why.value(0).left(200))));
    }
    GenerationResult out = GenerationResult::success(
        {GeneratedVariant{refined.scene.name.isEmpty() ? parsed.scene.name : refined.scene.name,
                          rendered.svg,
                          {},
                          refined.sceneJson}});
    out.interpretation = refined.interpretation;
    return out;
}

} // namespace

GenerationResult BuiltinGenerator::run(const GenerationRequest &request)
{
    const vocab::IconEngine &engine = vocab::IconEngine::builtin();
    const QString scope = request.seed.isEmpty() ? request.prompt.simplified().toLower() : request.seed;
    if (request.intent == GenerationIntent::Refine)
        return refine(request, scope);
    vocab::EngineResult result =
        engine.generate(request.prompt, std::clamp(request.variantCount, 1, 3), request.colorMode, scope);
    if (!result.understood()) {
        return GenerationResult::failure(notUnderstood(
            QStringLiteral("The built-in generator does not know what to draw for this prompt; try one "
                           "of the suggestions or name a CAD tool (box, gear, fillet, polar array …)."),
            result.interpretation.suggestions));
    }
    if (!result.errors.isEmpty() || result.variants.isEmpty()) {
        // Our own recipes must always draw: this is a bug of the vocabulary, not a user error.
        qCCritical(lcGeneration).noquote() << "built-in engine failed on" << result.interpretation.summary()
                                           << ":" << result.errors.join(QStringLiteral("; "));
        return GenerationResult::failure(GenerationError::internal());
    }
    QList<GeneratedVariant> variants;
    for (vocab::EngineVariant &v : result.variants)
        variants.append({v.name, v.svg, {}, v.sceneJson});
    GenerationResult out = GenerationResult::success(std::move(variants));
    out.interpretation = result.interpretation.toJson();
    return out;
}

void BuiltinGenerator::generate(const GenerationRequest &request, Callback done)
{
    GenerationResult result = run(request);
    done(std::move(result));
}
