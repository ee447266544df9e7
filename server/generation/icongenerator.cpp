#include "icongenerator.h"

#include "anthropicgenerator.h"
#include "builtingenerator.h"
#include "core/config.h"
#include "core/logging.h"

GenerationError::GenerationError(Kind kind, QString code, QString message)
    : m_kind(kind)
    , m_code(std::move(code))
    , m_message(std::move(message))
{}

GenerationError GenerationError::unavailable(QString message, int retryAfterSeconds)
{
    GenerationError e(Kind::Unavailable, {}, std::move(message));
    e.m_retryAfterSeconds = retryAfterSeconds;
    return e;
}

GenerationError GenerationError::unusable(QString message)
{
    return GenerationError(Kind::Unusable, {}, std::move(message));
}

GenerationError GenerationError::notUnderstood(QString code, QString message)
{
    return GenerationError(Kind::NotUnderstood, std::move(code), std::move(message));
}

GenerationError GenerationError::notUnderstood(QString code, QString message, QStringList suggestions)
{
    GenerationError e(Kind::NotUnderstood, std::move(code), std::move(message));
    e.m_suggestions = std::move(suggestions);
    return e;
}

GenerationError GenerationError::internal()
{
    return GenerationError(Kind::Internal, {}, {});
}

const char *GenerationError::kindName() const
{
    switch (m_kind) {
    case Kind::Unavailable:
        return "unavailable";
    case Kind::Unusable:
        return "unusable";
    case Kind::NotUnderstood:
        return "not_understood";
    case Kind::Internal:
        break;
    }
    return "internal";
}

GenerationResult GenerationResult::success(QList<GeneratedVariant> variants)
{
    GenerationResult r;
    r.variants = std::move(variants);
    return r;
}

GenerationResult GenerationResult::failure(GenerationError error)
{
    GenerationResult r;
    r.error = std::move(error);
    return r;
}

std::unique_ptr<IconGenerator> GeneratorFactory::fromConfig(const ServerConfig &config)
{
    const QString chosen = config.value(QStringLiteral("ICON_GENERATOR")).trimmed().toLower();
    QString kind = chosen;
    if (kind.isEmpty())
        kind = config.has(QStringLiteral("ANTHROPIC_API_KEY")) ? QStringLiteral("anthropic")
                                                               : QStringLiteral("builtin");
    if (kind == QLatin1String("builtin")) {
        // Validate the shared setting even here, so a typo surfaces before someone switches generators.
        config.intValue(QStringLiteral("GENERATION_TIMEOUT_S"), 90, 1, 600);
        qCInfo(lcGeneration) << "icon generator: built-in (offline)";
        return std::make_unique<BuiltinGenerator>();
    }
    if (kind == QLatin1String("anthropic")) {
        AnthropicSettings settings = AnthropicSettings::fromConfig(config);
        logging::registerSecret(settings.apiKey); // second line of defence; nothing logs it on purpose
        qCInfo(lcGeneration).noquote()
            << "icon generator: anthropic, model" << settings.model << "endpoint"
            << settings.endpoint.toString() << "timeout" << settings.timeoutMs / 1000 << "s";
        return std::make_unique<AnthropicGenerator>(std::move(settings));
    }
    throw ConfigError(QStringLiteral("ICON_GENERATOR"),
                      QStringLiteral("must be \"anthropic\" or \"builtin\""));
}
