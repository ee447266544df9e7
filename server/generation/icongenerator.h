#pragma once

#include "http/apierror.h"
#include "icons/icondesign.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class ServerConfig;

// What POST /api/icons asks a generator for. The caller (the icons controller) has already
// validated and sanitised every field: prompt trimmed and 1–1000 characters, variantCount 1..3,
// referenceSvg and attachment SVGs passed through SvgSanitizer. Generators still clamp
// variantCount defensively.
using GenerationIntent = api::Intent; // the API's intent (shared/api/apienums.h)

struct GenerationAttachment
{
    QString name;
    QString svg; // sanitised
};

struct GenerationRequest
{
    QString prompt;
    GenerationIntent intent = GenerationIntent::Create;
    ColorMode colorMode = ColorMode::Dark;
    int variantCount = 1;           // 1..3
    QString referenceSvg;           // sanitised; the icon to refine as SVG
    QJsonObject referenceScene;     // validated scene of the icon to refine (Refine; empty for plain SVG)
    bool referenceImported = false; // the icon to refine is an imported SVG (so it has no scene)
    QList<GenerationAttachment> attachments; // style references, ≤ 5
    QString seed; // scopes the ids of the output SVGs (e.g. the asset id); empty → derived from the prompt
};

struct GeneratedVariant
{
    QString name;         // "Fillet", "Fillet (Tangent)", …
    QString svg;          // sanitised, renders with QSvgRenderer
    QStringList warnings; // design-check findings left after the one regeneration (Anthropic SVG output)
    QJsonObject scene;    // the scene it was rendered from (built-in engine, Claude's tool use); empty for
                          // free SVG (ANTHROPIC_OUTPUT=svg)
};

// Either variants (1..variantCount, never empty) or an error ready to send to the client:
// 503 + Retry-After (upstream busy, rate-limited, down or too slow), 502 (upstream rejected the
// request or returned nothing usable) or 422 prompt_not_understood with "suggestions" (the built-in
// generator recognised nothing to draw). The message never carries upstream text or the key.
struct GenerationResult
{
    QList<GeneratedVariant> variants;
    std::optional<ApiError> error;
    // What the generator understood of the prompt ({summary, concepts, parameters, ignoredWords});
    // the built-in engine always says, an upstream model does not.
    std::optional<QJsonObject> interpretation;

    bool ok() const { return !error.has_value(); }
    static GenerationResult success(QList<GeneratedVariant> variants);
    static GenerationResult failure(ApiError error);
};

// One icon generator, shared by all requests (thread-safe).
//
// generate() may be called from any thread, any number of times concurrently. `done` is called
// exactly once per call:
//  - BuiltinGenerator computes synchronously and calls `done` on the calling thread before
//    generate() returns (a 3-variant request takes a few milliseconds);
//  - AnthropicGenerator returns at once and calls `done` later on its own generation thread.
// So `done` must not assume a thread: hop to the database pool (Database::run) to store the
// asset and answer through Reply (thread-safe). Keep the callback short; never block in it.
// Destroying a generator fails every generation still in flight with 503 (shutdown) before the
// destructor returns, so every callback still runs exactly once.
//
// Typical use in the icons controller:
//   m_generator->generate(request, [db, reply, userId](GenerationResult result) {
//       if (!result.ok()) { reply.fail(*result.error); return; }
//       db->run(... store result.variants in one transaction ..., reply);
//   });
class IconGenerator
{
public:
    using Callback = std::function<void(GenerationResult)>;

    virtual ~IconGenerator() = default;
    virtual QString name() const = 0; // "builtin" | "anthropic" (for logs and the asset's metadata)
    virtual void generate(const GenerationRequest &request, Callback done) = 0;
};

namespace GeneratorFactory {
// Chooses by ICON_GENERATOR (`anthropic` | `builtin`); unset → `anthropic` when ANTHROPIC_API_KEY is
// set, else `builtin`. Validates every generation setting up front and throws ConfigError naming
// the variable: ICON_GENERATOR=anthropic without ANTHROPIC_API_KEY, an unknown ICON_GENERATOR, an
// invalid ANTHROPIC_BASE_URL (http:// only for loopback hosts), GENERATION_TIMEOUT_S outside 1..600.
std::unique_ptr<IconGenerator> fromConfig(const ServerConfig &config);
} // namespace GeneratorFactory
