#pragma once

#include "icons/icondesign.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <exception>

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

// Why a generation failed, in the generator's own terms: the generators know no HTTP. The top layer
// maps it to the answer (server/errormapping.cpp): Unavailable → 503 + Retry-After (upstream busy,
// rate-limited, down, too slow, or the server shutting down), Unusable → 502 (upstream rejected the
// request or returned nothing usable), NotUnderstood → 422 with `code` and, if given, "suggestions"
// (the built-in generator recognised nothing to draw or cannot refine), Internal → 500 (a bug).
// `message` is shown to clients: it never carries upstream text or the key.
class GenerationError : public std::exception
{
public:
    enum class Kind { Unavailable, Unusable, NotUnderstood, Internal };

    static GenerationError unavailable(QString message, int retryAfterSeconds);
    static GenerationError unusable(QString message);
    static GenerationError notUnderstood(QString code, QString message);
    static GenerationError notUnderstood(QString code, QString message, QStringList suggestions);
    static GenerationError internal();

    Kind kind() const { return m_kind; }
    // For logs: "unavailable", "unusable", "not_understood" or "internal".
    const char *kindName() const;
    const QString &code() const { return m_code; } // NotUnderstood: e.g. "prompt_not_understood"
    const QString &message() const { return m_message; }
    const std::optional<QStringList> &suggestions() const { return m_suggestions; }
    int retryAfterSeconds() const { return m_retryAfterSeconds; } // Unavailable
    const char *what() const noexcept override { return "GenerationError"; }

private:
    GenerationError(Kind kind, QString code, QString message);

    Kind m_kind;
    QString m_code;
    QString m_message;
    std::optional<QStringList> m_suggestions;
    int m_retryAfterSeconds = 0;
};

// Either variants (1..variantCount, never empty) or the reason there are none.
struct GenerationResult
{
    QList<GeneratedVariant> variants;
    std::optional<GenerationError> error;
    // What the generator understood of the prompt ({summary, concepts, parameters, ignoredWords});
    // the built-in engine always says, an upstream model does not.
    std::optional<QJsonObject> interpretation;

    bool ok() const { return !error.has_value(); }
    static GenerationResult success(QList<GeneratedVariant> variants);
    static GenerationResult failure(GenerationError error);
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
// Destroying a generator fails every generation still in flight as Unavailable (shutdown) before the
// destructor returns, so every callback still runs exactly once.
//
// Typical use in the icons controller:
//   m_generator->generate(request, [db, reply, userId](GenerationResult result) {
//       if (!result.ok()) { reply.fail(*result.error); return; } // mapped by the top layer
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
