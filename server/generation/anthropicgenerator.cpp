#include "anthropicgenerator.h"

#include "core/config.h"
#include "core/logging.h"
#include "icons/designcheck.h"
#include "promptbuilder.h"
#include "sceneoutput.h"
#include "svg/svgsanitizer.h"
#include "variantparser.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr qint64 kMaxServerRetryDelayMs = 60'000; // retry-after above this is not waited for (AN-11)
constexpr int kDefaultRetryAfterS = 5;
constexpr int kSpendCapRetryAfterS = 60;

const QString kBusyMessage = QStringLiteral("The icon service is busy. Try again in a moment.");
const QString kTimeoutMessage =
    QStringLiteral("The icon service did not answer in time. Try again in a moment.");
const QString kUnreachableMessage =
    QStringLiteral("The icon service could not be reached. Try again in a moment.");
const QString kRejectedMessage = QStringLiteral("The icon service rejected the request.");
const QString kUnusableMessage = QStringLiteral("The icon service returned no usable icon.");
const QString kRefusedMessage =
    QStringLiteral("The icon service declined to draw this prompt. Try describing the tool differently.");
const QString kShutdownMessage = QStringLiteral("The server is shutting down. Try again in a moment.");

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Upstream error text can go to the operator log, but never anything holding the key.
QString forLog(QString text, const QByteArray &key)
{
    if (!key.isEmpty())
        text.replace(QString::fromUtf8(key), QStringLiteral("[redacted]"));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.left(300);
}

QString defaultName(const QString &prompt, int index)
{
    QStringList words = prompt.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts).mid(0, 4);
    for (QString &w : words)
        w[0] = w[0].toUpper();
    QString name = words.join(QLatin1Char(' ')).left(40).trimmed();
    if (name.isEmpty())
        name = QStringLiteral("Icon");
    return index == 0 ? name : QStringLiteral("%1 (%2)").arg(name).arg(index + 1);
}

} // namespace

// --- Settings -------------------------------------------------------------------------------------

AnthropicSettings AnthropicSettings::fromConfig(const ServerConfig &config)
{
    AnthropicSettings s;
    s.apiKey = config.value(QStringLiteral("ANTHROPIC_API_KEY")).trimmed().toUtf8();
    if (s.apiKey.isEmpty())
        throw ConfigError(QStringLiteral("ANTHROPIC_API_KEY"),
                          QStringLiteral("is required when ICON_GENERATOR is anthropic"));
    for (char c : std::as_const(s.apiKey)) {
        if (uchar(c) < 0x21 || uchar(c) > 0x7e)
            throw ConfigError(QStringLiteral("ANTHROPIC_API_KEY"),
                              QStringLiteral("contains characters that cannot go in an HTTP header"));
    }

    const QString base =
        config.value(QStringLiteral("ANTHROPIC_BASE_URL"), QStringLiteral("https://api.anthropic.com"));
    QUrl url(base.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")) || url.hasQuery() ||
        url.hasFragment() || !url.userInfo().isEmpty())
        throw ConfigError(QStringLiteral("ANTHROPIC_BASE_URL"),
                          QStringLiteral("must be an http(s) URL without query, fragment or credentials"));
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        throw ConfigError(QStringLiteral("ANTHROPIC_BASE_URL"),
                          QStringLiteral("must use https unless it points at a loopback address"));
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v1/messages"));
    s.endpoint = url;

    s.model = config.value(QStringLiteral("ANTHROPIC_MODEL"), s.model).trimmed();
    if (s.model.isEmpty() || s.model.size() > 200)
        throw ConfigError(QStringLiteral("ANTHROPIC_MODEL"), QStringLiteral("must be a model name"));
    s.timeoutMs = config.intValue(QStringLiteral("GENERATION_TIMEOUT_S"), 90, 1, 600) * 1000;
    const QString output =
        config.value(QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("scene")).trimmed().toLower();
    if (output == QLatin1String("svg"))
        s.output = Output::Svg;
    else if (output != QLatin1String("scene"))
        throw ConfigError(QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("must be \"scene\" or \"svg\""));
    if (s.output == Output::Scene)
        s.maxTokens = 8000; // three scenes of JSON take more tokens than three SVGs
    return s;
}

// --- One generation -------------------------------------------------------------------------------

namespace {

struct Upstream
{
    enum Kind { Ok, Busy, Timeout, Unreachable, Rejected, Unusable, Refused };
};

class GenerationJob : public QObject
{
public:
    GenerationJob(const AnthropicSettings &settings, QNetworkAccessManager *nam, GenerationRequest request,
                  IconGenerator::Callback done, QObject *parent)
        : QObject(parent)
        , m_settings(settings)
        , m_nam(nam)
        , m_request(std::move(request))
        , m_done(std::move(done))
        , m_deadline(settings.timeoutMs)
    {
        m_request.variantCount = std::clamp(m_request.variantCount, 1, 3);
        m_seed = m_request.seed.isEmpty() ? m_request.prompt : m_request.seed;
        m_scenes = settings.output == AnthropicSettings::Output::Scene;
        m_system = m_scenes ? PromptBuilder::sceneSystemPrompt(m_request.variantCount)
                            : PromptBuilder::systemPrompt(m_request.colorMode, m_request.variantCount);
    }

    void start()
    {
        m_clock.start();
        m_deadlineTimer.setSingleShot(true);
        m_deadlineTimer.setTimerType(Qt::PreciseTimer);
        connect(&m_deadlineTimer, &QTimer::timeout, this, &GenerationJob::onDeadline);
        m_deadlineTimer.start(int(m_settings.timeoutMs));
        m_retryTimer.setSingleShot(true);
        connect(&m_retryTimer, &QTimer::timeout, this, &GenerationJob::sendAttempt);

        // Scenes come through the forced tool call (no prefill: a forced tool_choice writes the tool_use).
        m_messages = m_scenes ? QJsonArray{userTurn(PromptBuilder::sceneUserMessage(m_request))}
                              : QJsonArray{userTurn(PromptBuilder::userMessage(m_request)), prefillTurn()};
        sendAttempt();
    }

    void abortForShutdown()
    {
        finish(
            GenerationResult::failure(GenerationError::unavailable(kShutdownMessage, kDefaultRetryAfterS)));
    }

private:
    enum class Phase { Initial, Correction, Repair };

    static QJsonObject userTurn(const QString &text)
    {
        return QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                           {QStringLiteral("content"), text}};
    }
    static QJsonObject assistantTurn(const QString &text)
    {
        return QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                           {QStringLiteral("content"), text}};
    }
    static QJsonObject prefillTurn() { return assistantTurn(QLatin1String(VariantParser::kPrefill)); }

    void sendAttempt()
    {
        if (m_finished)
            return;
        const qint64 remaining = m_deadline.remainingTime();
        if (remaining <= 0)
            return onDeadline();

        QNetworkRequest request(m_settings.endpoint);
        request.setRawHeader("x-api-key", m_settings.apiKey);
        request.setRawHeader("anthropic-version", "2023-06-01");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("accept", "application/json");
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QByteArray("parametric-icons/" PARAMETRIC_VERSION));
        // A redirect would carry the key to wherever it points: treat it as an answer instead.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(int(std::min<qint64>(remaining, std::numeric_limits<int>::max())));

        QJsonObject body{
            {QStringLiteral("model"), m_settings.model},
            {QStringLiteral("max_tokens"), m_settings.maxTokens},
            {QStringLiteral("system"), m_system},
            {QStringLiteral("messages"), m_messages},
        };
        if (m_scenes) {
            body.insert(QStringLiteral("tools"),
                        QJsonArray{SceneOutput::toolDefinition(m_request.variantCount)});
            body.insert(QStringLiteral("tool_choice"), SceneOutput::toolChoice());
        }
        ++m_calls;
        m_reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply] { onReplyFinished(reply); });
    }

    void onReplyFinished(QNetworkReply *reply)
    {
        reply->deleteLater();
        if (reply != m_reply || m_finished)
            return;
        m_reply = nullptr;

        const QByteArray requestId = reply->rawHeader("request-id");
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError netError = reply->error();
        const bool transportFailure = status == 0 || (netError != QNetworkReply::NoError &&
                                                      int(netError) < 200); // network & proxy layer
        if (transportFailure) {
            const bool timedOut =
                netError == QNetworkReply::OperationCanceledError || netError == QNetworkReply::TimeoutError;
            qCWarning(lcGeneration).noquote()
                << "upstream" << (timedOut ? "timed out" : "connection failed") << "attempt" << m_retries + 1
                << "network error" << int(netError) << "http status" << status << "request-id"
                << (requestId.isEmpty() ? QByteArray("-") : requestId);
            return retryOrFail(timedOut ? Upstream::Timeout : Upstream::Unreachable, 0, /*retryable*/ true,
                               std::nullopt);
        }

        const QByteArray body = reply->readAll();
        if (status >= 200 && status < 300)
            return handleMessage(body, requestId);

        // Error answer: {"type":"error","error":{"type","message"},"request_id"} or an edge HTML page.
        const QJsonObject error =
            QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
        const QString errorType = error.value(QLatin1String("type")).toString(QStringLiteral("(not json)"));
        qCWarning(lcGeneration).noquote()
            << "upstream answered" << status << "type" << errorType << "request-id"
            << (requestId.isEmpty() ? QByteArray("-") : requestId) << "attempt" << m_retries + 1 << "message"
            << forLog(error.value(QLatin1String("message")).toString(), m_settings.apiKey);
        if (status == 401 || status == 403)
            qCCritical(lcGeneration) << "the Anthropic API refused the configured key (status" << status
                                     << "): check ANTHROPIC_API_KEY and the workspace permissions";

        // Retry-After as the server asked: retry-after-ms, else retry-after (seconds or HTTP date).
        std::optional<qint64> serverDelayMs;
        bool ok = false;
        const double ms = reply->rawHeader("retry-after-ms").toDouble(&ok);
        if (ok && ms >= 0) {
            serverDelayMs = qint64(std::ceil(ms));
        } else if (const QByteArray ra = reply->rawHeader("retry-after"); !ra.isEmpty()) {
            const double seconds = ra.toDouble(&ok);
            if (ok && seconds >= 0) {
                serverDelayMs = qint64(std::ceil(seconds * 1000));
            } else {
                const QDateTime at = QDateTime::fromString(QString::fromLatin1(ra), Qt::RFC2822Date);
                if (at.isValid())
                    serverDelayMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at));
            }
        }

        bool retryable = false;
        const QByteArray shouldRetry = reply->rawHeader("x-should-retry").toLower();
        if (shouldRetry == "true")
            retryable = true;
        else if (shouldRetry == "false")
            retryable = false;
        else if (status == 429)
            retryable = serverDelayMs.has_value(); // no retry-after: a spend cap, retrying cannot help (AN-7)
        else
            retryable = status == 408 || status == 409 || status >= 500;

        const bool busyStatus = status == 408 || status == 409 || status == 429 || status >= 500;
        if (status == 429 && !serverDelayMs)
            qCWarning(lcGeneration) << "429 without retry-after: likely a spend limit, not retried";
        retryOrFail(busyStatus ? Upstream::Busy : Upstream::Rejected, status, retryable, serverDelayMs);
    }

    void retryOrFail(Upstream::Kind kind, int status, bool retryable, std::optional<qint64> serverDelayMs)
    {
        const qint64 remaining = m_deadline.remainingTime();
        if (retryable && m_retries < m_settings.maxRetries) {
            qint64 delay;
            bool wait = true;
            if (serverDelayMs && *serverDelayMs > kMaxServerRetryDelayMs) {
                wait = false; // told to come back much later: do not hammer, answer now
            } else if (serverDelayMs && *serverDelayMs > 0) {
                delay = *serverDelayMs;
            } else {
                const double base = std::min(0.5 * std::pow(2.0, m_retries), 8.0);
                const double jitter = 1.0 - 0.25 * QRandomGenerator::global()->generateDouble();
                delay = qint64(base * jitter * 1000);
            }
            if (wait && delay < remaining) {
                ++m_retries;
                qCInfo(lcGeneration) << "retrying upstream call in" << delay << "ms, retry" << m_retries;
                m_retryTimer.start(int(delay));
                return;
            }
            if (wait)
                qCWarning(lcGeneration) << "not retrying: the wait of" << delay << "ms exceeds the remaining"
                                        << remaining << "ms of the generation deadline";
        }
        int retryAfterS = kDefaultRetryAfterS;
        if (serverDelayMs)
            retryAfterS = int(std::clamp<qint64>((*serverDelayMs + 999) / 1000, 1, 3600));
        else if (status == 429)
            retryAfterS = kSpendCapRetryAfterS;
        fail(kind, retryAfterS);
    }

    void fail(Upstream::Kind kind, int retryAfterS)
    {
        if (m_phase == Phase::Repair) {
            qCWarning(lcGeneration) << "repair call failed; keeping the valid scenes of the first answer";
            return finishScenes();
        }
        if (m_phase == Phase::Correction) {
            qCWarning(lcGeneration) << "correction call failed; returning the first variants with warnings";
            return finishWithVariants();
        }
        switch (kind) {
        case Upstream::Busy:
            return finish(GenerationResult::failure(GenerationError::unavailable(kBusyMessage, retryAfterS)));
        case Upstream::Timeout:
            return finish(
                GenerationResult::failure(GenerationError::unavailable(kTimeoutMessage, retryAfterS)));
        case Upstream::Unreachable:
            return finish(
                GenerationResult::failure(GenerationError::unavailable(kUnreachableMessage, retryAfterS)));
        case Upstream::Rejected:
            return finish(GenerationResult::failure(GenerationError::unusable(kRejectedMessage)));
        case Upstream::Refused:
            return finish(GenerationResult::failure(GenerationError::unusable(kRefusedMessage)));
        case Upstream::Unusable:
        case Upstream::Ok:
            return finish(GenerationResult::failure(GenerationError::unusable(kUnusableMessage)));
        }
    }

    void handleMessage(const QByteArray &body, const QByteArray &requestId)
    {
        const QString rid = requestId.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(requestId);
        QJsonParseError parseError;
        const QJsonObject message = QJsonDocument::fromJson(body, &parseError).object();
        if (parseError.error != QJsonParseError::NoError || message.isEmpty()) {
            qCWarning(lcGeneration).noquote() << "upstream 200 body is not a JSON message, request-id" << rid;
            return fail(Upstream::Unusable, 0);
        }
        const QString stopReason = message.value(QLatin1String("stop_reason")).toString();
        QString text;
        for (const QJsonValue &block : message.value(QLatin1String("content")).toArray()) {
            const QJsonObject b = block.toObject();
            if (b.value(QLatin1String("type")).toString() == QLatin1String("text"))
                text += b.value(QLatin1String("text")).toString();
        }
        if (stopReason == QLatin1String("refusal")) {
            qCWarning(lcGeneration).noquote() << "upstream refused the prompt, request-id" << rid;
            return fail(Upstream::Refused, 0);
        }
        if (stopReason == QLatin1String("max_tokens")) {
            qCWarning(lcGeneration).noquote() << "upstream output truncated (max_tokens), request-id" << rid;
            return fail(Upstream::Unusable, 0);
        }
        if (m_scenes)
            return handleScenes(message, rid);
        if (text.trimmed().isEmpty()) {
            qCWarning(lcGeneration).noquote()
                << "upstream returned no text, stop_reason" << stopReason << "request-id" << rid;
            return fail(Upstream::Unusable, 0);
        }

        const QList<VariantParser::Variant> parsed = VariantParser::parse(text);
        QList<GeneratedVariant> variants;
        int rejected = 0;
        for (const auto &p : parsed) {
            if (variants.size() >=
                (m_phase == Phase::Initial ? m_request.variantCount : m_corrections.size()))
                break;
            const int index =
                m_phase == Phase::Initial ? int(variants.size()) : m_correctionIndexes.value(variants.size());
            const SvgSanitizeResult clean =
                SvgSanitizer::sanitize(p.svg, m_seed + QLatin1Char(':') + QString::number(index));
            if (!clean.ok) {
                ++rejected;
                qCWarning(lcGeneration).noquote()
                    << "variant rejected by the sanitiser:" << clean.error << "request-id" << rid;
                if (m_phase == Phase::Correction)
                    variants.append(
                        GeneratedVariant{}); // keep the positions aligned with the corrections asked for
                continue;
            }
            GeneratedVariant v;
            v.name = p.name.left(80);
            v.svg = clean.svg;
            v.warnings = checkIconDesign(clean.svg, std::nullopt).warnings;
            variants.append(std::move(v));
        }

        if (m_phase == Phase::Correction)
            return applyCorrections(variants, rid);

        if (variants.isEmpty()) {
            qCWarning(lcGeneration).noquote() << "no usable SVG in the upstream answer (" << parsed.size()
                                              << "found," << rejected << "rejected), request-id" << rid;
            return fail(Upstream::Unusable, 0);
        }
        for (int i = 0; i < variants.size(); ++i) {
            if (variants[i].name.isEmpty())
                variants[i].name = defaultName(m_request.prompt, i);
        }
        m_variants = variants;

        // One correction call for every variant with findings, while the deadline allows.
        for (int i = 0; i < m_variants.size(); ++i) {
            if (!m_variants[i].warnings.isEmpty()) {
                m_correctionIndexes.append(i);
                m_corrections.append({m_variants[i].name, m_variants[i].svg, m_variants[i].warnings});
            }
        }
        if (m_corrections.isEmpty() || m_deadline.remainingTime() <= 0)
            return finishWithVariants();
        qCInfo(lcGeneration).noquote() << m_corrections.size() << "variant(s) failed the design check;"
                                       << "asking once for a correction, request-id" << rid;
        m_phase = Phase::Correction;
        m_retries = 0;
        m_messages = QJsonArray{m_messages.at(0),
                                assistantTurn((QLatin1String(VariantParser::kPrefill) + text).trimmed()),
                                userTurn(PromptBuilder::correctionMessage(m_corrections)), prefillTurn()};
        sendAttempt();
    }

    void applyCorrections(const QList<GeneratedVariant> &corrected, const QString &rid)
    {
        int improved = 0;
        for (int k = 0; k < m_correctionIndexes.size() && k < corrected.size(); ++k) {
            const GeneratedVariant &c = corrected.at(k);
            GeneratedVariant &original = m_variants[m_correctionIndexes.at(k)];
            if (c.svg.isEmpty() || c.warnings.size() >= original.warnings.size())
                continue;
            original.svg = c.svg;
            original.warnings = c.warnings;
            if (!c.name.trimmed().isEmpty())
                original.name = c.name.trimmed();
            ++improved;
        }
        qCInfo(lcGeneration).noquote() << "correction improved" << improved << "of" << m_corrections.size()
                                       << "variant(s), request-id" << rid;
        finishWithVariants();
    }

    void finishWithVariants() { finish(GenerationResult::success(m_variants)); }

    // The forced tool call's input: validated scenes, one repair round for the invalid ones.
    void handleScenes(const QJsonObject &message, const QString &rid)
    {
        QJsonObject toolUse;
        for (const QJsonValue &block : message.value(QLatin1String("content")).toArray()) {
            const QJsonObject b = block.toObject();
            if (b.value(QLatin1String("type")).toString() == QLatin1String("tool_use") &&
                b.value(QLatin1String("name")).toString() == QLatin1String(SceneOutput::kToolName)) {
                toolUse = b;
                break;
            }
        }
        if (toolUse.isEmpty()) {
            qCWarning(lcGeneration).noquote()
                << "upstream answer holds no" << SceneOutput::kToolName << "tool call, stop_reason"
                << message.value(QLatin1String("stop_reason")).toString() << "request-id" << rid;
            return m_phase == Phase::Repair ? finishScenes() : fail(Upstream::Unusable, 0);
        }
        SceneOutput::Validated checked =
            SceneOutput::validate(toolUse.value(QLatin1String("input")).toObject(), m_request.variantCount,
                                  m_request.colorMode, m_seed);
        if (m_phase == Phase::Repair) {
            int repaired = 0;
            for (qsizetype i = 0; i < checked.variants.size(); ++i) {
                if (!checked.variants.at(i))
                    continue;
                if (i < m_sceneVariants.size() && !m_sceneVariants.at(i))
                    ++repaired;
                if (i < m_sceneVariants.size())
                    m_sceneVariants[i] = checked.variants.at(i);
                else
                    m_sceneVariants.append(checked.variants.at(i));
            }
            qCInfo(lcGeneration).noquote() << "repair made" << repaired << "scene(s) valid;"
                                           << checked.errors.size() << "error(s) left, request-id" << rid;
            return finishScenes();
        }
        m_sceneVariants = checked.variants;
        const bool allValid = !checked.variants.isEmpty() && checked.validCount() == checked.variants.size();
        if (allValid || m_deadline.remainingTime() <= 0)
            return finishScenes();
        qCInfo(lcGeneration).noquote() << checked.errors.size() << "validation error(s) in the scenes;"
                                       << "asking once for a repair, request-id" << rid;
        for (const QString &e : std::as_const(checked.errors))
            qCDebug(lcGeneration).noquote() << "scene error:" << e.left(300);
        m_phase = Phase::Repair;
        m_retries = 0;
        // The conversation continues with Claude's tool call and its result: the errors.
        m_messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                      {QStringLiteral("content"), message.value(QLatin1String("content"))}});
        m_messages.append(
            QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                        {QStringLiteral("content"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("type"), QStringLiteral("tool_result")},
                             {QStringLiteral("tool_use_id"), toolUse.value(QLatin1String("id"))},
                             {QStringLiteral("is_error"), true},
                             {QStringLiteral("content"),
                              PromptBuilder::sceneRepairMessage(checked.errors, m_request.variantCount)}}}}});
        sendAttempt();
    }

    void finishScenes()
    {
        QList<GeneratedVariant> variants;
        for (const auto &v : std::as_const(m_sceneVariants)) {
            if (v)
                variants.append(*v);
        }
        if (variants.isEmpty()) {
            qCWarning(lcGeneration) << "no valid scene after the repair round; nothing is stored";
            return finish(GenerationResult::failure(GenerationError::unusable(kUnusableMessage)));
        }
        for (int i = 0; i < variants.size(); ++i) {
            if (variants[i].name.isEmpty())
                variants[i].name = defaultName(m_request.prompt, i);
        }
        finish(GenerationResult::success(std::move(variants)));
    }

    void onDeadline()
    {
        if (m_finished)
            return;
        if (m_reply) {
            QNetworkReply *reply = std::exchange(m_reply, nullptr);
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        m_retryTimer.stop();
        qCWarning(lcGeneration) << "generation deadline of" << m_settings.timeoutMs << "ms reached after"
                                << m_calls << "upstream call(s)";
        if (m_phase == Phase::Correction)
            return finishWithVariants();
        if (m_phase == Phase::Repair)
            return finishScenes();
        finish(GenerationResult::failure(GenerationError::unavailable(kTimeoutMessage, kDefaultRetryAfterS)));
    }

    void finish(GenerationResult result)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_deadlineTimer.stop();
        m_retryTimer.stop();
        if (m_reply) {
            QNetworkReply *reply = std::exchange(m_reply, nullptr);
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        if (result.ok())
            qCInfo(lcGeneration) << "generated" << result.variants.size() << "variant(s) in"
                                 << m_clock.elapsed() << "ms with" << m_calls << "upstream call(s)";
        else
            qCInfo(lcGeneration) << "generation failed with" << result.error->kindName() << "after"
                                 << m_clock.elapsed() << "ms and" << m_calls << "upstream call(s)";
        IconGenerator::Callback done = std::move(m_done);
        deleteLater();
        try {
            done(std::move(result));
        } catch (const std::exception &e) {
            qCCritical(lcGeneration) << "generation callback threw:" << e.what();
        }
    }

    const AnthropicSettings &m_settings;
    QNetworkAccessManager *m_nam;
    GenerationRequest m_request;
    IconGenerator::Callback m_done;
    QDeadlineTimer m_deadline;
    QElapsedTimer m_clock;
    QTimer m_deadlineTimer;
    QTimer m_retryTimer;
    QString m_seed;
    QString m_system;
    QJsonArray m_messages;
    QNetworkReply *m_reply = nullptr;
    Phase m_phase = Phase::Initial;
    int m_retries = 0;
    int m_calls = 0;
    bool m_finished = false;
    QList<GeneratedVariant> m_variants;
    QList<int> m_correctionIndexes;
    QList<PromptBuilder::Correction> m_corrections;
    bool m_scenes = true;
    QList<std::optional<GeneratedVariant>> m_sceneVariants;
};

} // namespace

// --- Worker on the generation thread ----------------------------------------------------------------

class AnthropicGenerator::Worker : public QObject
{
public:
    explicit Worker(const AnthropicSettings &settings)
        : m_settings(settings)
    {}

    void start(const GenerationRequest &request, Callback done)
    {
        if (!m_nam) {
            m_nam = new QNetworkAccessManager(this);
            m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        }
        auto *job = new GenerationJob(m_settings, m_nam, request, std::move(done), this);
        m_jobs.append(job);
        connect(job, &QObject::destroyed, this, [this](QObject *gone) { m_jobs.removeAll(gone); });
        job->start();
    }

    void shutdown()
    {
        // finish() only schedules deletion, so the copied pointers stay valid through the loop.
        const QList<QObject *> jobs = m_jobs;
        for (QObject *job : jobs)
            static_cast<GenerationJob *>(job)->abortForShutdown();
    }

private:
    const AnthropicSettings &m_settings;
    QNetworkAccessManager *m_nam = nullptr;
    QList<QObject *> m_jobs;
};

AnthropicGenerator::AnthropicGenerator(AnthropicSettings settings)
    : m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("generation"));
    m_worker = new Worker(m_settings);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

AnthropicGenerator::~AnthropicGenerator()
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->shutdown();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void AnthropicGenerator::generate(const GenerationRequest &request, Callback done)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, request, done = std::move(done)]() mutable { worker->start(request, std::move(done)); },
        Qt::QueuedConnection);
}
