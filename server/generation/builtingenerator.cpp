#include "builtingenerator.h"

#include "core/logging.h"
#include "vocabulary/iconengine.h"

#include <QJsonArray>

GenerationResult BuiltinGenerator::run(const GenerationRequest &request)
{
    const vocab::IconEngine &engine = vocab::IconEngine::builtin();
    const QString scope = request.seed.isEmpty() ? request.prompt.simplified().toLower() : request.seed;
    vocab::EngineResult result =
        engine.generate(request.prompt, std::clamp(request.variantCount, 1, 3), request.colorMode, scope);
    if (!result.understood()) {
        const QStringList &suggestions = result.interpretation.suggestions;
        return GenerationResult::failure(
            ApiError(
                422, QStringLiteral("prompt_not_understood"),
                QStringLiteral("The built-in generator does not know what to draw for this prompt; try one "
                               "of the suggestions or name a CAD tool (box, gear, fillet, polar array …)."),
                QStringLiteral("ValidationError"))
                .withDetail(QStringLiteral("suggestions"), QJsonArray::fromStringList(suggestions)));
    }
    if (!result.errors.isEmpty() || result.variants.isEmpty()) {
        // Our own recipes must always draw: this is a bug of the vocabulary, not a user error.
        qCCritical(lcGeneration).noquote() << "built-in engine failed on" << result.interpretation.summary()
                                           << ":" << result.errors.join(QStringLiteral("; "));
        return GenerationResult::failure(ApiError::internal());
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
