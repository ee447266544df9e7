#pragma once

#include "icongenerator.h"

#include <QByteArray>
#include <QThread>
#include <QUrl>

class ServerConfig;

struct AnthropicSettings
{
    QByteArray apiKey; // ANTHROPIC_API_KEY (never logged)
    QUrl endpoint{
        QStringLiteral("https://api.anthropic.com/v1/messages")}; // ANTHROPIC_BASE_URL + /v1/messages
    QString model = QStringLiteral("claude-sonnet-4-20250514");   // ANTHROPIC_MODEL
    int maxTokens = 6000;
    qint64 timeoutMs =
        90'000;         // GENERATION_TIMEOUT_S: the whole generation, retries and regeneration included
    int maxRetries = 2; // per upstream call, like the official SDK
    // ANTHROPIC_OUTPUT: `scene` (default) asks for scenes through tool use and renders them with the
    // shared renderer; `svg` asks for raw SVG, sanitised and design-checked as before.
    enum class Output { Scene, Svg };
    Output output = Output::Scene;

    // Throws ConfigError naming the variable. http:// base URLs are accepted only for loopback hosts
    // (the local fake, a local proxy): anything else would send the key in clear text.
    static AnthropicSettings fromConfig(const ServerConfig &config);
};

// Generates icons with the Anthropic Messages API (non-streaming). Owns a "generation" QThread
// with the QNetworkAccessManager; every generation runs there as a small state machine:
//   request → [retry ≤ 2 on connection errors, timeouts, 408/409/429/5xx/529, honouring
//   retry-after(-ms) ≤ 60 s and x-should-retry, else jittered backoff] → then, by output:
//   scene (default): the forced tool call's input → SceneOutput::validate (strict parser + renderer) →
//     at most one repair call with the validation errors (tool_result, is_error) for invalid scenes →
//     the valid scenes, or 502 when none is valid (nothing stored);
//   svg: parse → sanitise → design check → at most one correction call for variants with findings.
// All of it within `timeoutMs`; when the deadline hits during the correction or repair call the
// first (valid) variants are returned. See icongenerator.h for the callback contract.
class AnthropicGenerator final : public IconGenerator
{
public:
    explicit AnthropicGenerator(AnthropicSettings settings);
    ~AnthropicGenerator() override;

    QString name() const override { return QStringLiteral("anthropic"); }
    void generate(const GenerationRequest &request, Callback done) override;

    const AnthropicSettings &settings() const { return m_settings; }

    class Worker;

private:
    AnthropicSettings m_settings;
    QThread m_thread;
    Worker *m_worker = nullptr;
};
