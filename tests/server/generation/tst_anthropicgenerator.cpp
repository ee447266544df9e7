#include "core/config.h"
#include "errormapping.h"
#include "fakeanthropic.h"
#include "generation/anthropicgenerator.h"
#include "generation/builtingenerator.h"
#include "generation/promptbuilder.h"
#include "generation/variantparser.h"
#include "icons/designcheck.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <atomic>

using errormapping::httpErrorFor;

namespace {

// A design-conforming icon (the original's arch example, dark palette).
const QString kArch = QStringLiteral(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
    "<g id=\"Guide\" fill=\"none\" stroke=\"#71717a\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\">"
    "<line x1=\"4\" y1=\"28\" x2=\"28\" y2=\"28\"/><line x1=\"16\" y1=\"4\" x2=\"16\" y2=\"28\"/></g>"
    "<g id=\"Primary\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\" stroke-linecap=\"round\" "
    "stroke-linejoin=\"round\"><path d=\"M 4,28 Q 4,4 16,4 Q 28,4 28,28\"/></g>"
    "<g id=\"Grips\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.5\">"
    "<rect x=\"3\" y=\"27\" width=\"2\" height=\"2\"/><rect x=\"15\" y=\"3\" width=\"2\" height=\"2\"/>"
    "<rect x=\"27\" y=\"27\" width=\"2\" height=\"2\"/></g></svg>");

// Same icon with its geometry leaving the bounds: fails the design check.
QString offCanvas()
{
    return QString(kArch).replace(QStringLiteral("M 4,28 Q 4,4 16,4 Q 28,4 28,28"),
                                  QStringLiteral("M 1,31 Q 1,1 16,1 Q 31,1 31,31"));
}

const QString kMalicious = QStringLiteral(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 32 "
    "32\" "
    "onload=\"alert(1)\"><script>alert(document.cookie)</script>"
    "<g id=\"Primary\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\" onclick=\"steal()\">"
    "<path d=\"M 4,16 L 28,16\" style=\"stroke:url(https://evil.example/x)\"/></g>"
    "<foreignObject width=\"32\" height=\"32\">javascript:alert(1)</foreignObject>"
    "<a xlink:href=\"javascript:alert(2)\"><rect x=\"4\" y=\"4\" width=\"2\" height=\"2\"/></a>"
    "<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"
    "<g id=\"Grips\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.5\">"
    "<rect x=\"3\" y=\"15\" width=\"2\" height=\"2\"/><rect x=\"27\" y=\"15\" width=\"2\" "
    "height=\"2\"/></g></svg>");

struct Outcome
{
    GenerationResult result;
    qint64 ms = 0;
};

// Log capture, to prove the key never reaches a log line.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << QString::fromUtf8(context.category ? context.category : "") + QLatin1Char(' ') + message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestAnthropicGenerator : public QObject
{
    Q_OBJECT

    FakeAnthropic *m_fake = nullptr;

    QProcessEnvironment environment(const QHash<QString, QString> &extra = {})
    {
        // Exactly what an operator would set.
        QProcessEnvironment env;
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), m_fake->apiKey);
        env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), m_fake->baseUrl().toString());
        env.insert(QStringLiteral("GENERATION_TIMEOUT_S"), QStringLiteral("5"));
        // The raw-SVG output (sanitiser, design check, correction round); scenes have their own tests.
        env.insert(QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("svg"));
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (it.value().isNull())
                env.remove(it.key());
            else
                env.insert(it.key(), it.value());
        }
        return env;
    }

    std::unique_ptr<IconGenerator> makeGenerator(const QHash<QString, QString> &extra = {})
    {
        return GeneratorFactory::fromConfig(ServerConfig::load(environment(extra)));
    }

    static GenerationRequest request(const QString &prompt = QStringLiteral("arch"), int count = 1)
    {
        GenerationRequest r;
        r.prompt = prompt;
        r.variantCount = count;
        r.seed = QStringLiteral("0190f5a2-asset");
        return r;
    }

    // Runs one generation, serving the fake from this thread's event loop meanwhile.
    Outcome run(IconGenerator &generator, const GenerationRequest &r, int waitMs = 20000)
    {
        struct Shared
        {
            QMutex mutex;
            std::optional<GenerationResult> result;
            std::atomic<int> calls{0};
        };
        auto shared = std::make_shared<Shared>();
        QElapsedTimer clock;
        clock.start();
        generator.generate(r, [shared](GenerationResult result) {
            QMutexLocker lock(&shared->mutex);
            shared->result = std::move(result);
            ++shared->calls;
        });
        QDeadlineTimer deadline(waitMs);
        while (shared->calls.load() == 0 && !deadline.hasExpired())
            QTest::qWait(5);
        Outcome out;
        if (shared->calls.load() == 0) {
            QTest::qFail("the generation never called back", __FILE__, __LINE__);
            out.result = GenerationResult::failure(GenerationError::internal());
            return out;
        }
        out.ms = clock.elapsed();
        QTest::qWait(20); // a second callback would show up here
        [&] { QCOMPARE(shared->calls.load(), 1); }();
        QMutexLocker lock(&shared->mutex);
        out.result = std::move(*shared->result);
        return out;
    }

    static QByteArray retryAfter(const ApiError &e)
    {
        for (const auto &[name, value] : e.headers()) {
            if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    // The client-facing error: status, Retry-After, and a message of our own.
    void verifyError(const Outcome &o, int status, const QString &message, const QByteArray &retry = {})
    {
        QVERIFY(!o.result.ok());
        QVERIFY(o.result.variants.isEmpty());
        const ApiError e = httpErrorFor(*o.result.error);
        QCOMPARE(e.status(), status);
        QCOMPARE(e.message(), message);
        if (status == 503)
            QCOMPARE(retryAfter(e), retry.isEmpty() ? QByteArray("5") : retry);
        const QByteArray body = QJsonDocument(e.toJson("req-1")).toJson();
        for (const char *upstream : {"rate limit", "x-api-key", "Overloaded", "invalid_request", "cloudflare",
                                     "sk-ant", "api_error", "req_011C"})
            QVERIFY2(!body.contains(upstream), body.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fake = new FakeAnthropic(this);
        QVERIFY(m_fake->start());
        g_previousHandler = qInstallMessageHandler(captureLog);
    }

    void init() { m_fake->clear(); }

    void cleanup() { QCOMPARE(m_fake->pendingAnswers(), 0); }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        // AN-14: whatever happened above, the key never reached a log line.
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_log.isEmpty());
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!line.contains(m_fake->apiKey), qPrintable(line));
    }

    // --- The fake itself speaks the real wire format -----------------------------------------------

    void fakeValidatesLikeTheRealApi()
    {
        QNetworkAccessManager nam;
        auto post = [&](QList<QPair<QByteArray, QByteArray>> headers, const QByteArray &body) {
            QNetworkRequest rq(QUrl(m_fake->baseUrl().toString() + QStringLiteral("/v1/messages")));
            for (const auto &[k, v] : headers)
                rq.setRawHeader(k, v);
            QNetworkReply *reply = nam.post(rq, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(5000);
            reply->deleteLater();
            return reply;
        };
        const QByteArray key = m_fake->apiKey.toUtf8();
        const QByteArray good =
            R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]})";
        const QPair<QByteArray, QByteArray> json{"content-type", "application/json"};

        QNetworkReply *r = post({json, {"anthropic-version", "2023-06-01"}}, good);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QJsonObject body = QJsonDocument::fromJson(r->readAll()).object();
        QCOMPARE(body.value("type").toString(), QStringLiteral("error"));
        QCOMPARE(body.value("error").toObject().value("type").toString(),
                 QStringLiteral("authentication_error"));
        QVERIFY(body.value("request_id").toString().startsWith(QLatin1String("req_")));
        QCOMPARE(r->rawHeader("request-id"), body.value("request_id").toString().toLatin1());
        QVERIFY(!r->rawHeader("anthropic-ratelimit-requests-remaining").isEmpty());

        r = post({json, {"x-api-key", key}}, good);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        r = post({json, {"x-api-key", key}, {"anthropic-version", "2023-06-01"}},
                 R"({"model":"m","messages":[]})");
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QCOMPARE(QJsonDocument::fromJson(r->readAll())
                     .object()
                     .value("error")
                     .toObject()
                     .value("message")
                     .toString(),
                 QStringLiteral("max_tokens: Field required"));
        QCOMPARE(m_fake->scriptedRequestCount(), 0);

        m_fake->enqueue(FakeAnthropic::message(QStringLiteral("hello")));
        r = post({json, {"x-api-key", key}, {"anthropic-version", "2023-06-01"}}, good);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        body = QJsonDocument::fromJson(r->readAll()).object();
        QCOMPARE(body.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(body.value("stop_reason").toString(), QStringLiteral("end_turn"));
        QCOMPARE(body.value("content").toArray().at(0).toObject().value("text").toString(),
                 QStringLiteral("hello"));
        QVERIFY(body.value("usage").toObject().contains("input_tokens"));
        for (const char *h :
             {"anthropic-ratelimit-requests-limit", "anthropic-ratelimit-tokens-reset",
              "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-output-tokens-limit"})
            QVERIFY2(!r->rawHeader(h).isEmpty(), h);
        QCOMPARE(m_fake->scriptedRequestCount(), 1);
        QCOMPARE(m_fake->requests().size(), 4);
    }

    // Tool use as the API takes and answers it: tools need an object input_schema, a forced tool_choice
    // must name one of them, and every tool_use needs its tool_result in the next user turn.
    void fakeSpeaksToolUse()
    {
        QNetworkAccessManager nam;
        const auto post = [&](const QByteArray &body) {
            QNetworkRequest rq(QUrl(m_fake->baseUrl().toString() + QStringLiteral("/v1/messages")));
            rq.setRawHeader("content-type", "application/json");
            rq.setRawHeader("x-api-key", m_fake->apiKey.toUtf8());
            rq.setRawHeader("anthropic-version", "2023-06-01");
            QNetworkReply *reply = nam.post(rq, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(5000);
            reply->deleteLater();
            return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                  QJsonDocument::fromJson(reply->readAll()).object());
        };
        const QByteArray start =
            R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],)";
        auto [status, body] = post(start + R"("tools":[{"name":"draw"}]})");
        QCOMPARE(status, 400);
        QCOMPARE(body.value("error").toObject().value("message").toString(),
                 QStringLiteral("tools.0.custom.input_schema: Field required"));
        std::tie(status, body) = post(start + R"("tools":[{"name":"draw","input_schema":{"type":"object"}}],)"
                                              R"("tool_choice":{"type":"tool","name":"paint"}})");
        QCOMPARE(status, 400);
        QVERIFY(body.value("error").toObject().value("message").toString().contains(QLatin1String("paint")));
        std::tie(status, body) = post(
            R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"},)"
            R"({"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"draw","input":{}}]},)"
            R"({"role":"user","content":"again"}]})");
        QCOMPARE(status, 400);
        QVERIFY(
            body.value("error").toObject().value("message").toString().contains(QLatin1String("toolu_01A")));
        QCOMPARE(m_fake->scriptedRequestCount(), 0);

        m_fake->enqueue(
            FakeAnthropic::toolUse(QStringLiteral("draw"), QJsonObject{{"variants", QJsonArray{}}}));
        std::tie(status, body) = post(start + R"("tools":[{"name":"draw","input_schema":{"type":"object"}}],)"
                                              R"("tool_choice":{"type":"tool","name":"draw"}})");
        QCOMPARE(status, 200);
        QCOMPARE(body.value("stop_reason").toString(), QStringLiteral("tool_use"));
        const QJsonObject block = body.value("content").toArray().at(0).toObject();
        QCOMPARE(block.value("type").toString(), QStringLiteral("tool_use"));
        QVERIFY(block.value("id").toString().startsWith(QLatin1String("toolu_01")));
        QCOMPARE(block.value("name").toString(), QStringLiteral("draw"));
        QVERIFY(block.value("input").toObject().contains("variants"));
    }

    // --- Configuration -------------------------------------------------------------------------------

    void factoryChoosesByConfiguration()
    {
        QCOMPARE(makeGenerator()->name(), QStringLiteral("anthropic"));
        QCOMPARE(makeGenerator({{"ICON_GENERATOR", "builtin"}})->name(), QStringLiteral("builtin"));
        QCOMPARE(makeGenerator({{"ANTHROPIC_API_KEY", QString()}})->name(), QStringLiteral("builtin"));
        QCOMPARE(makeGenerator({{"ICON_GENERATOR", " Anthropic "}})->name(), QStringLiteral("anthropic"));

        auto configError = [&](const QHash<QString, QString> &extra) -> QString {
            try {
                makeGenerator(extra);
            } catch (const ConfigError &e) {
                return e.variable();
            }
            return QStringLiteral("(no error)");
        };
        QCOMPARE(configError({{"ICON_GENERATOR", "anthropic"}, {"ANTHROPIC_API_KEY", QString()}}),
                 QStringLiteral("ANTHROPIC_API_KEY"));
        QCOMPARE(configError({{"ICON_GENERATOR", "openai"}}), QStringLiteral("ICON_GENERATOR"));
        QCOMPARE(configError({{"ANTHROPIC_BASE_URL", "http://api.example.com"}}),
                 QStringLiteral("ANTHROPIC_BASE_URL"));
        QCOMPARE(configError({{"ANTHROPIC_BASE_URL", "ftp://127.0.0.1"}}),
                 QStringLiteral("ANTHROPIC_BASE_URL"));
        QCOMPARE(configError({{"ANTHROPIC_BASE_URL", "https://user:pw@proxy.example"}}),
                 QStringLiteral("ANTHROPIC_BASE_URL"));
        QCOMPARE(configError({{"GENERATION_TIMEOUT_S", "0"}}), QStringLiteral("GENERATION_TIMEOUT_S"));
        QCOMPARE(configError({{"GENERATION_TIMEOUT_S", "soon"}}), QStringLiteral("GENERATION_TIMEOUT_S"));

        const AnthropicSettings defaults = AnthropicSettings::fromConfig(ServerConfig::load(
            environment({{"ANTHROPIC_BASE_URL", QString()}, {"GENERATION_TIMEOUT_S", QString()}})));
        QCOMPARE(defaults.endpoint, QUrl(QStringLiteral("https://api.anthropic.com/v1/messages")));
        QCOMPARE(defaults.model, QStringLiteral("claude-sonnet-4-20250514"));
        QCOMPARE(defaults.maxTokens, 6000);
        QCOMPARE(defaults.timeoutMs, 90000);
        const AnthropicSettings proxied = AnthropicSettings::fromConfig(
            ServerConfig::load(environment({{"ANTHROPIC_BASE_URL", "https://gateway.example/anthropic/"}})));
        QCOMPARE(proxied.endpoint, QUrl(QStringLiteral("https://gateway.example/anthropic/v1/messages")));
    }

    // --- Success and what we send ---------------------------------------------------------------------

    void successSendsTheRealRequest()
    {
        auto generator = makeGenerator({{"ANTHROPIC_MODEL", "claude-test-model"}});
        m_fake->enqueue(FakeAnthropic::variants(
            {{QStringLiteral("Arch"), kArch}, {QStringLiteral("Arch (Wide)"), kArch}}));
        const Outcome o = run(*generator, request(QStringLiteral("arch"), 2));
        QVERIFY2(o.result.ok(), o.result.ok() ? "" : qPrintable(o.result.error->message()));
        QCOMPARE(o.result.variants.size(), 2);
        QCOMPARE(o.result.variants[0].name, QStringLiteral("Arch"));
        QCOMPARE(o.result.variants[1].name, QStringLiteral("Arch (Wide)"));
        for (const GeneratedVariant &v : o.result.variants) {
            QVERIFY(v.warnings.isEmpty());
            QVERIFY(v.svg.contains(QLatin1String("id=\"Guide_"))); // sanitised: ids scoped
            QVERIFY(checkIconDesign(v.svg, ToolType::Drawing).passes());
        }
        QVERIFY(o.result.variants[0].svg != o.result.variants[1].svg); // distinct id scopes per variant

        QCOMPARE(m_fake->requests().size(), 1);
        const FakeAnthropic::RecordedRequest &rq = m_fake->requests().first();
        QCOMPARE(rq.method, QByteArray("POST"));
        QCOMPARE(rq.path, QByteArray("/v1/messages"));
        QCOMPARE(rq.header("x-api-key"), m_fake->apiKey.toUtf8());
        QCOMPARE(rq.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(rq.header("content-type"), QByteArray("application/json"));
        QVERIFY(!rq.header("authorization").size());
        const QJsonObject body = rq.json();
        QCOMPARE(body.value("model").toString(), QStringLiteral("claude-test-model"));
        QCOMPARE(body.value("max_tokens").toInt(), 6000);
        QVERIFY(!body.contains("stream"));
        const QString system = body.value("system").toString();
        for (const char *needle : {"0 0 32 32",
                                   "[4,28]",
                                   "id=\"Guide\"",
                                   "stroke-width=\"0.25\"",
                                   "stroke-dasharray=\"2 1\"",
                                   "stroke-width=\"0.5\"",
                                   "stroke-linecap=\"round\"",
                                   "#71717a",
                                   "#52525b",
                                   "#000000",
                                   "DRAWING tools",
                                   "ANALYSIS tools",
                                   "MODIFICATION tools",
                                   "two Q segments",
                                   "M 4,28 Q 4,4 16,4 Q 28,4 28,28",
                                   "<clipPath>",
                                   "<style>",
                                   "<text>",
                                   "Generate 2 variant(s)",
                                   "{\"variants\":["})
            QVERIFY2(system.contains(QLatin1String(needle)), needle);
        const QJsonArray messages = body.value("messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value("role").toString(), QStringLiteral("user"));
        const QString user = messages[0].toObject().value("content").toString();
        QVERIFY(user.contains(QLatin1String("<task>Create icon for: \"arch\"</task>")));
        QVERIFY(user.contains(QLatin1String("<requirements>")));
        QVERIFY(user.contains(QLatin1String("VERIFY the grip count")));
        QCOMPARE(messages[1].toObject().value("role").toString(), QStringLiteral("assistant"));
        QCOMPARE(messages[1].toObject().value("content").toString(), QStringLiteral("{\"variants\":["));
    }

    void lightModeAndRefineAndStyleReferencesShapeThePrompt()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        GenerationRequest r = request(QStringLiteral("make the arch taller"));
        r.intent = GenerationIntent::Refine;
        r.colorMode = ColorMode::Light;
        r.referenceSvg =
            QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\n  <!-- c -->\n"
                           "  <path d=\"M4 4L28 28\"/>\n</svg>");
        r.attachments = {
            {QStringLiteral("ref.svg"), QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle "
                                                       "cx=\"16\" cy=\"16\" r=\"4\"/></svg>")}};
        QVERIFY(run(*generator, r).result.ok());
        const QJsonObject body = m_fake->requests().first().json();
        const QString system = body.value("system").toString();
        QVERIFY(system.contains(QLatin1String(palette(ColorMode::Light).primary)));
        QVERIFY(!system.contains(QLatin1String(palette(ColorMode::Dark).guide)));
        const QString user = body.value("messages").toArray()[0].toObject().value("content").toString();
        QVERIFY(user.contains(QLatin1String("<task>REFINE")));
        QVERIFY(user.contains(QLatin1String("<current_design>")));
        QVERIFY(user.contains(QLatin1String("<path d=\"M4 4L28 28\"/></svg>"))); // minified, comment gone
        QVERIFY(!user.contains(QLatin1String("<!--")));
        QVERIFY(user.contains(QLatin1String("<refinement_instructions>\nmake the arch taller")));
        QVERIFY(user.contains(QLatin1String("<style_references>")));
        QVERIFY(user.contains(QLatin1String("Reference 1: <svg")));
        QVERIFY(user.contains(QLatin1String("<requirements>")));
    }

    void prefillIsPrependedOnce()
    {
        auto generator = makeGenerator();
        // The model repeated the prefill: it must not be prepended a second time.
        const QString repeated =
            QStringLiteral("{\"variants\":[{\"id\":\"v1\",\"name\":\"Arch\",\"svg\":%1}]}")
                .arg(QString::fromUtf8(
                    QJsonDocument(QJsonArray{kArch}).toJson(QJsonDocument::Compact).mid(1).chopped(1)));
        m_fake->enqueue(FakeAnthropic::message(repeated));
        Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QCOMPARE(o.result.variants.size(), 1);
        QCOMPARE(o.result.variants[0].name, QStringLiteral("Arch"));
        QVERIFY(o.result.variants[0].warnings.isEmpty());
    }

    void parserToleratesProseFencesAndEscapes()
    {
        const QString svg =
            QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M4 4L8 8\"/></svg>");
        const QString item = QString::fromUtf8(
            QJsonDocument(QJsonObject{{"name", "A"}, {"svg", svg}}).toJson(QJsonDocument::Compact));
        // Continuation of the prefill, with prose after it.
        auto v = VariantParser::parse(item + QStringLiteral("]}\n\nI hope this helps! {not json}"));
        QCOMPARE(v.size(), 1);
        QCOMPARE(v[0].name, QStringLiteral("A"));
        QCOMPARE(v[0].svg, svg);
        // The model closed the prefill and answered with fenced JSON.
        v = VariantParser::parse(QStringLiteral("]}\nSure:\n```json\n{\"variants\":[") + item +
                                 QStringLiteral("]}\n```"));
        QCOMPARE(v.size(), 1);
        QCOMPARE(v[0].svg, svg);
        // Prose with a fenced SVG.
        v = VariantParser::parse(QStringLiteral("]}\nHere is your icon:\n```svg\n") + svg +
                                 QStringLiteral("\n```\n"));
        QCOMPARE(v.size(), 1);
        QCOMPARE(v[0].svg, svg);
        QVERIFY(v[0].name.isEmpty());
        // Broken JSON: the escaped SVG is recovered and unescaped.
        v = VariantParser::parse(item.chopped(1) + QStringLiteral(",\"oops"));
        QCOMPARE(v.size(), 1);
        QCOMPARE(v[0].svg, svg);
        // Nothing usable.
        QVERIFY(VariantParser::parse(QStringLiteral("I cannot draw that.")).isEmpty());
        QVERIFY(
            VariantParser::parse(QStringLiteral("{\"id\":\"v1\",\"name\":\"x\",\"svg\":\"\"}]}")).isEmpty());
    }

    void proseAndFencedSvgIsUsed()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(
            FakeAnthropic::message(QStringLiteral("]}\n\nHere is the icon you asked for:\n\n```svg\n") +
                                   kArch + QStringLiteral("\n```\nIt shows an arch.")));
        const Outcome o = run(*generator, request(QStringLiteral("arch tool for vaults")));
        QVERIFY(o.result.ok());
        QCOMPARE(o.result.variants.size(), 1);
        QCOMPARE(o.result.variants[0].name, QStringLiteral("Arch Tool For Vaults"));
        QVERIFY(o.result.variants[0].warnings.isEmpty());
    }

    void maliciousSvgIsSanitised()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Line"), kMalicious}}));
        const Outcome o = run(*generator, request(QStringLiteral("line")));
        QVERIFY(o.result.ok());
        QString svg = o.result.variants[0].svg.toLower();
        QVERIFY(svg.contains(QLatin1String("<path"))); // the benign geometry survives
        svg.remove(QLatin1String("http://www.w3.org/2000/svg"));
        for (const char *bad : {"script", "onload", "onclick", "javascript:", "data:", "foreignobject",
                                "iframe", "evil.example", "http", "<image", "<a ", "href", "style="})
            QVERIFY2(!svg.contains(QLatin1String(bad)), bad);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // --- Unusable output → 502, never a stored icon, never a fallback shape ------------------------------

    void unusableOutputIsABadGateway_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("max_tokens truncation") << 0;
        QTest::newRow("refusal") << 1;
        QTest::newRow("empty content") << 2;
        QTest::newRow("no svg in prose") << 3;
        QTest::newRow("only rejected svg") << 4;
        QTest::newRow("invalid json body") << 5;
        QTest::newRow("xhtml inside svg") << 7;
        QTest::newRow("non-text blocks only") << 6;
    }
    void unusableOutputIsABadGateway()
    {
        QFETCH(int, kind);
        auto generator = makeGenerator();
        QString message = QStringLiteral("The icon service returned no usable icon.");
        switch (kind) {
        case 0:
            m_fake->enqueue(
                FakeAnthropic::message(QStringLiteral("{\"id\":\"v1\",\"name\":\"Arch\",\"svg\":\"") +
                                           kArch.left(120).replace(QLatin1Char('"'), QLatin1String("\\\"")),
                                       QStringLiteral("max_tokens")));
            break;
        case 1:
            m_fake->enqueue(
                FakeAnthropic::message(QStringLiteral("I can't help with that."), QStringLiteral("refusal")));
            message = QStringLiteral(
                "The icon service declined to draw this prompt. Try describing the tool differently.");
            break;
        case 2:
            m_fake->enqueue(FakeAnthropic::messageWithContent(QJsonArray{}, QStringLiteral("end_turn")));
            break;
        case 3:
            m_fake->enqueue(FakeAnthropic::message(QStringLiteral("]}\nI would draw a nice arch here.")));
            break;
        case 4:
            m_fake->enqueue(FakeAnthropic::variants(
                {{QStringLiteral("X"), QStringLiteral("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg "
                                                      "xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")},
                 {QStringLiteral("Y"), QStringLiteral("<html><svg></svg></html>")}}));
            break;
        case 5:
            m_fake->enqueue(FakeAnthropic::invalidJson());
            break;
        case 7:
            m_fake->enqueue(FakeAnthropic::variants(
                {{QStringLiteral("X"),
                  QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe "
                                 "xmlns=\"http://www.w3.org/1999/xhtml\" "
                                 "src=\"javascript:alert(1)\"/></foreignObject></svg>")}}));
            break;
        case 6:
            m_fake->enqueue(FakeAnthropic::messageWithContent(
                QJsonArray{QJsonObject{{"type", "thinking"}, {"thinking", QStringLiteral("<svg></svg>")}}},
                QStringLiteral("end_turn")));
            break;
        }
        const Outcome o = run(*generator, request());
        verifyError(o, 502, message);
        QCOMPARE(m_fake->requests().size(), 1); // not retried
    }

    // --- Upstream errors ---------------------------------------------------------------------------------

    void clientErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("404") << 404;
        QTest::newRow("413 html") << 413;
    }
    void clientErrorsAreNotRetried()
    {
        QFETCH(int, status);
        auto generator = makeGenerator();
        if (status == 413)
            m_fake->enqueue(FakeAnthropic::htmlTooLarge());
        else
            m_fake->enqueue(FakeAnthropic::error(status, FakeAnthropic::errorTypeFor(status),
                                                 QStringLiteral("invalid_request upstream detail")));
        const Outcome o = run(*generator, request());
        verifyError(o, 502, QStringLiteral("The icon service rejected the request."));
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void wrongKeyIsABadGatewayAndNeverLogged()
    {
        auto generator = makeGenerator({{"ANTHROPIC_API_KEY", "sk-ant-wrong-key-000000000000"}});
        const Outcome o = run(*generator, request());
        verifyError(o, 502, QStringLiteral("The icon service rejected the request."));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().header("x-api-key"), QByteArray("sk-ant-wrong-key-000000000000"));
        QMutexLocker lock(&g_logMutex);
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!line.contains(QLatin1String("sk-ant-wrong-key")), qPrintable(line));
        QVERIFY(std::any_of(g_log.begin(), g_log.end(),
                            [](const QString &l) { return l.contains(QLatin1String("401")); }));
    }

    void busyUpstreamIsRetriedThenSucceeds_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("408") << 408;
        QTest::newRow("409") << 409;
        QTest::newRow("429 retry-after-ms") << 429;
        QTest::newRow("500") << 500;
        QTest::newRow("504") << 504;
        QTest::newRow("529 overloaded") << 529;
    }
    void busyUpstreamIsRetriedThenSucceeds()
    {
        QFETCH(int, status);
        auto generator = makeGenerator();
        m_fake->enqueue(
            FakeAnthropic::error(status, FakeAnthropic::errorTypeFor(status), QStringLiteral("busy"))
                .withHeader("retry-after-ms", "30"));
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        const Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QCOMPARE(m_fake->requests().size(), 2);
        QCOMPARE(m_fake->requests()[0].body, m_fake->requests()[1].body); // the same request again
        QVERIFY(o.ms < 2000);
    }

    void retriesStopAfterTwo()
    {
        auto generator = makeGenerator();
        for (int i = 0; i < 3; ++i)
            m_fake->enqueue(FakeAnthropic::overloaded().withHeader("retry-after", "1"));
        const Outcome o = run(*generator, request());
        verifyError(o, 503, QStringLiteral("The icon service is busy. Try again in a moment."), "1");
        QCOMPARE(m_fake->requests().size(), 3);
        QVERIFY2(o.ms >= 1900, qPrintable(QString::number(o.ms))); // retry-after: 1 honoured twice
    }

    void backoffWithoutRetryAfterIsJitteredExponential()
    {
        auto generator = makeGenerator();
        for (int i = 0; i < 3; ++i)
            m_fake->enqueue(FakeAnthropic::error(500, QStringLiteral("api_error"),
                                                 QStringLiteral("Internal server error")));
        const Outcome o = run(*generator, request());
        verifyError(o, 503, QStringLiteral("The icon service is busy. Try again in a moment."));
        QCOMPARE(m_fake->requests().size(), 3);
        // 0.5 s and 1 s, each × (0.75–1.0): 1.125–1.5 s in all.
        QVERIFY2(o.ms >= 1100 && o.ms < 4000, qPrintable(QString::number(o.ms)));
    }

    void rateLimitWithoutRetryAfterIsASpendCap()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::rateLimited(std::nullopt));
        const Outcome o = run(*generator, request());
        verifyError(o, 503, QStringLiteral("The icon service is busy. Try again in a moment."), "60");
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void rateLimitRetryAfterIsPassedOn()
    {
        auto generator = makeGenerator({{"GENERATION_TIMEOUT_S", "2"}});
        m_fake->enqueue(FakeAnthropic::rateLimited(30)); // longer than the 2 s budget: stop at once
        const Outcome o = run(*generator, request());
        verifyError(o, 503, QStringLiteral("The icon service is busy. Try again in a moment."), "30");
        QCOMPARE(m_fake->requests().size(), 1);
        QVERIFY(o.ms < 1000);
        // Over 60 s: not waited for even with budget left.
        auto patient = makeGenerator({{"GENERATION_TIMEOUT_S", "600"}});
        m_fake->clear();
        m_fake->enqueue(FakeAnthropic::rateLimited(120));
        const Outcome o2 = run(*patient, request());
        verifyError(o2, 503, QStringLiteral("The icon service is busy. Try again in a moment."), "120");
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void shouldRetryHeaderWins()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::error(500, QStringLiteral("api_error"), QStringLiteral("x"))
                            .withHeader("x-should-retry", "false"));
        verifyError(run(*generator, request()), 503,
                    QStringLiteral("The icon service is busy. Try again in a moment."));
        QCOMPARE(m_fake->requests().size(), 1);

        m_fake->clear();
        m_fake->enqueue(
            FakeAnthropic::error(400, QStringLiteral("invalid_request_error"), QStringLiteral("x"))
                .withHeader("x-should-retry", "true")
                .withHeader("retry-after-ms", "20"));
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        QVERIFY(run(*generator, request()).result.ok());
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void connectionResetIsRetried()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::connectionReset());
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}));
        const Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void connectionRefusedIsUnavailable()
    {
        // A port nobody listens on: every attempt fails to connect.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        auto generator =
            makeGenerator({{"ANTHROPIC_BASE_URL", QStringLiteral("http://127.0.0.1:%1").arg(port)}});
        const Outcome o = run(*generator, request());
        verifyError(o, 503, QStringLiteral("The icon service could not be reached. Try again in a moment."));
        QVERIFY(o.ms >= 1000); // two backoffs
    }

    void slowerThanTheDeadline()
    {
        auto generator = makeGenerator({{"GENERATION_TIMEOUT_S", "1"}});
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(4000));
        const Outcome o = run(*generator, request());
        verifyError(o, 503,
                    QStringLiteral("The icon service did not answer in time. Try again in a moment."));
        QVERIFY2(o.ms >= 950 && o.ms < 3000, qPrintable(QString::number(o.ms)));
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // --- Design check and the one regeneration ---------------------------------------------------------

    void failingVariantIsRegeneratedOnce()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants(
            {{QStringLiteral("Arch"), offCanvas()}, {QStringLiteral("Arch 2"), kArch}}));
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch (Fixed)"), kArch}}));
        const Outcome o = run(*generator, request(QStringLiteral("arch"), 2));
        QVERIFY(o.result.ok());
        QCOMPARE(o.result.variants.size(), 2);
        QCOMPARE(o.result.variants[0].name, QStringLiteral("Arch (Fixed)"));
        QVERIFY(o.result.variants[0].warnings.isEmpty());
        QVERIFY(o.result.variants[1].warnings.isEmpty());
        QCOMPARE(m_fake->requests().size(), 2);

        const QJsonArray messages = m_fake->requests()[1].json().value("messages").toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0], m_fake->requests()[0].json().value("messages").toArray()[0]);
        QCOMPARE(messages[1].toObject().value("role").toString(), QStringLiteral("assistant"));
        QVERIFY(
            messages[1].toObject().value("content").toString().startsWith(QLatin1String("{\"variants\":[{")));
        const QString correction = messages[2].toObject().value("content").toString();
        QVERIFY(correction.contains(QLatin1String("exactly these 1 icon(s)")));
        QVERIFY(correction.contains(QStringLiteral("leaves the 4–28 bounds")));
        QCOMPARE(messages[3].toObject().value("content").toString(), QStringLiteral("{\"variants\":["));
    }

    void variantStillFailingKeepsItsWarnings()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), offCanvas()}}));
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), offCanvas()}}));
        const Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QVERIFY(!o.result.variants[0].warnings.isEmpty());
        QVERIFY(o.result.variants[0].warnings.join(QLatin1Char(' ')).contains(QLatin1String("bounds")));
        QCOMPARE(m_fake->requests().size(), 2); // regenerated once, not more
    }

    void failedCorrectionCallKeepsTheFirstVariants()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), offCanvas()}}));
        m_fake->enqueue(
            FakeAnthropic::error(400, QStringLiteral("invalid_request_error"), QStringLiteral("x")));
        const Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QCOMPARE(o.result.variants.size(), 1);
        QVERIFY(!o.result.variants[0].warnings.isEmpty());
    }

    void correctionRespectsTheDeadline()
    {
        auto generator = makeGenerator({{"GENERATION_TIMEOUT_S", "1"}});
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), offCanvas()}}));
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(5000));
        const Outcome o = run(*generator, request());
        QVERIFY(o.result.ok());
        QVERIFY(!o.result.variants[0].warnings.isEmpty());
        QVERIFY2(o.ms < 3000, qPrintable(QString::number(o.ms))); // not the 3 s of the slow answer
    }

    // --- Lifetime -------------------------------------------------------------------------------------

    void destroyingTheGeneratorAnswersInFlightGenerations()
    {
        auto generator = makeGenerator();
        m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(3000));
        std::atomic<int> calls{0};
        std::optional<int> status;
        QMutex mutex;
        generator->generate(request(), [&](GenerationResult r) {
            QMutexLocker lock(&mutex);
            status = r.ok() ? 200 : httpErrorFor(*r.error).status();
            ++calls;
        });
        QTRY_COMPARE(m_fake->requests().size(), 1);
        generator.reset();
        QCOMPARE(calls.load(), 1);
        QCOMPARE(status.value_or(0), 503);
        QTest::qWait(50);
        QCOMPARE(calls.load(), 1);
    }

    void concurrentGenerations()
    {
        auto generator = makeGenerator();
        for (int i = 0; i < 4; ++i)
            m_fake->enqueue(FakeAnthropic::variants({{QStringLiteral("Arch"), kArch}}).delayed(600));
        std::atomic<int> ok{0};
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 4; ++i)
            generator->generate(request(), [&](GenerationResult r) { ok += r.ok() ? 1 : 0; });
        QTRY_COMPARE_WITH_TIMEOUT(ok.load(), 4, 5000);
        QVERIFY2(t.elapsed() < 1800, qPrintable(QString::number(t.elapsed()))); // in parallel, not in turn
    }
};

QTEST_MAIN(TestAnthropicGenerator)
#include "tst_anthropicgenerator.moc"
