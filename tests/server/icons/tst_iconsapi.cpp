// The icons API over real HTTP against an in-process ApiServer with the built-in generator (no
// Anthropic key): generation and storage, every validation rule (security-policy HT-5…HT-8),
// pagination, favourites, search, soft delete, IDOR (HT-16), import, SVG download headers (SV-12)
// and the per-user rate limit with a ManualClock (RL-1, RL-6).
#include "core/clock.h"
#include "core/filenames.h"
#include "db/database.h"
#include "db/sqlquery.h"
#include "icons/designcheck.h"
#include "server/httpclient.h"
#include "server/testserver.h"
#include "svg/svgsanitizer.h"
#include "testaccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

QString field(const HttpClient::Result &r)
{
    return r.json().value(QLatin1String("field")).toString();
}

const char *const kBenignSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="Primary" fill="none" stroke="#000" stroke-width="1"><path d="M4 28 L28 4"/></g><g id="Grips"><rect x="3" y="27" width="2" height="2" fill="#fff" stroke="#000" stroke-width="0.5"/></g></svg>)";

} // namespace

class TestIconsApi : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;
    // The same database, tight limits: GENERATION_BUILTIN_RATE_PER_MIN=10, ICON_IMPORT_MAX_STORED=3.
    std::unique_ptr<TestServer> m_limited;

    Database &db() { return m_server->server().database(); }

    // A client signed in as a fresh user.
    struct Client
    {
        TestAccount account;
        std::unique_ptr<HttpClient> http;
    };
    Client signIn(const QString &label = {}, TestServer *server = nullptr)
    {
        Client c;
        c.account = createTestAccount(db(), m_clock->now(), label);
        c.http = std::make_unique<HttpClient>((server ? server : m_server.get())->url());
        c.http->setBearer(c.account.token);
        return c;
    }

    qint64 count(const QString &sql, const QString &userId)
    {
        SqlQuery q(db().connection(), sql);
        q.bind(QStringLiteral(":user"), userId).exec();
        q.next();
        return q.value(0).toLongLong();
    }
    qint64 storedIcons(const QString &userId)
    {
        return count(QStringLiteral("SELECT count(*) FROM assets WHERE user_id = :user::uuid"), userId);
    }
    qint64 attempts(const QString &userId)
    {
        return count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                     userId);
    }

    QJsonObject create(HttpClient &http, const QJsonObject &body)
    {
        const auto r = http.postJson(QStringLiteral("/api/icons"), body);
        if (r.status != 201)
            qWarning() << "create failed:" << r.status << r.body;
        return r.status == 201 ? r.json() : QJsonObject();
    }

    HttpClient::Result rawPost(HttpClient &http, const QString &path, const QByteArray &body,
                               const QByteArray &contentType = "application/json")
    {
        return http.request("POST", path, body, {{"Content-Type", contentType}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        m_limited = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")},
                                  {QStringLiteral("GENERATION_BUILTIN_RATE_PER_MIN"), QStringLiteral("10")},
                                  {QStringLiteral("ICON_IMPORT_MAX_STORED"), QStringLiteral("3")}},
            options, m_server->database());
        QVERIFY2(m_limited->start(), qPrintable(m_limited->error()));
    }

    void cleanupTestCase()
    {
        m_limited.reset();
        m_server.reset();
    }

    // Acceptance: with no key, "fillet two curves" × 3 → three different, valid, design-conforming
    // icons, stored, and returned by GET /api/icons.
    void generatesThreeConformingVariantsAndStoresThem()
    {
        Client c = signIn();
        const auto r = c.http->postJson(QStringLiteral("/api/icons"),
                                        {{"prompt", "  fillet two curves  "}, {"variantCount", 3}});
        QCOMPARE(r.status, 201);
        const QJsonObject icon = r.json();
        QCOMPARE(icon.value("prompt").toString(), QStringLiteral("fillet two curves")); // trimmed
        QCOMPARE(icon.value("intent").toString(), QStringLiteral("create"));
        QCOMPARE(icon.value("colorMode").toString(), QStringLiteral("dark"));
        QCOMPARE(icon.value("source").toString(), QStringLiteral("generated"));
        QCOMPARE(icon.value("favorite").toBool(true), false);
        QCOMPARE(icon.value("selectedVariant").toInt(-1), 0);
        QVERIFY(QDateTime::fromString(icon.value("createdAt").toString(), Qt::ISODateWithMs).isValid());
        const QString id = icon.value("id").toString();
        QCOMPARE(QString::fromLatin1(r.header("Location")), QStringLiteral("/api/icons/") + id);

        const QJsonArray variants = icon.value("variants").toArray();
        QCOMPARE(variants.size(), 3);
        QCOMPARE(icon.value("svg").toString(), variants[0].toObject().value("svg").toString());
        QSet<QString> svgs, ids;
        for (const QJsonValue &v : variants) {
            const QJsonObject variant = v.toObject();
            const QString svg = variant.value("svg").toString();
            svgs.insert(svg);
            ids.insert(variant.value("id").toString());
            QVERIFY(!variant.value("name").toString().isEmpty());
            QVERIFY(variant.value("warnings").isArray());
            QCOMPARE(variant.value("warnings").toArray().size(), 0);
            const DesignReport report = checkIconDesign(svg);
            QVERIFY2(report.passes(), qPrintable(report.warnings.join(u"; ")));
            // Already sanitised: sanitising again changes nothing but the id scope suffix.
            const SvgSanitizeResult again = SvgSanitizer::sanitize(svg);
            QVERIFY(again.ok);
            static const QRegularExpression scope(QStringLiteral("_[0-9a-f]{8}\\b"));
            QCOMPARE(QString(again.svg).remove(scope), QString(svg).remove(scope));
        }
        QCOMPARE(svgs.size(), 3);
        QCOMPARE(ids.size(), 3);
        // What the engine understood, and each variant's scene (the source of its SVG).
        const QJsonObject interpretation = icon.value("interpretation").toObject();
        QCOMPARE(interpretation.value("summary").toString(), QStringLiteral("fillet · curve"));
        QCOMPARE(interpretation.value("ignoredWords").toArray(), QJsonArray());
        for (const QJsonValue &v : variants)
            QCOMPARE(v.toObject().value("scene").toObject().value("format").toString(),
                     QStringLiteral("parametric-icons/scene"));

        const auto list = c.http->get(QStringLiteral("/api/icons"));
        QCOMPARE(list.status, 200);
        const QJsonObject page = list.json();
        QCOMPARE(page.value("total").toInt(), 1);
        QCOMPARE(page.value("limit").toInt(), 20);
        QCOMPARE(page.value("offset").toInt(), 0);
        QCOMPARE(page.value("data").toArray().size(), 1);
        // History pages carry everything but the scenes.
        QJsonObject withoutScenes = icon;
        QJsonArray plainVariants;
        for (const QJsonValue &v : variants) {
            QJsonObject o = v.toObject();
            o.remove("scene");
            plainVariants.append(o);
        }
        withoutScenes.insert("variants", plainVariants);
        QCOMPARE(page.value("data").toArray()[0].toObject(), withoutScenes);

        const auto one = c.http->get(QStringLiteral("/api/icons/") + id);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json(), icon);
        QCOMPARE(storedIcons(c.account.userId), 1);
        // The lease was released with the insert.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_leases WHERE user_id = :user::uuid"),
                       c.account.userId),
                 0);
    }

    // A prompt in which the built-in generator recognises nothing: 422 with suggestions, the JSON
    // error body, nothing stored, the lease released.
    void unknownPromptAnswers422WithSuggestions()
    {
        Client c = signIn();
        const auto r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "a friendly cat"}});
        QCOMPARE(r.status, 422);
        const QJsonObject body = r.json();
        QCOMPARE(body.value("error").toString(), QStringLiteral("prompt_not_understood"));
        QCOMPARE(body.value("_tag").toString(), QStringLiteral("ValidationError"));
        QVERIFY(!body.value("message").toString().isEmpty());
        QCOMPARE(body.value("requestId").toString(), QString::fromLatin1(r.header("X-Request-Id")));
        const QJsonArray suggestions = body.value("suggestions").toArray();
        QVERIFY(!suggestions.isEmpty() && suggestions.size() <= 5);
        for (const QJsonValue &s : suggestions) {
            // Every suggestion is itself a prompt the generator understands.
            QCOMPARE(c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", s.toString()}}).status, 201);
        }
        QCOMPARE(storedIcons(c.account.userId), qint64(suggestions.size()));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_leases WHERE user_id = :user::uuid"),
                       c.account.userId),
                 0);
        // A near miss suggests the word that was meant.
        const auto typo = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "chamfre"}});
        QCOMPARE(typo.status, 422);
        QVERIFY(typo.json().value("suggestions").toArray().contains(QStringLiteral("chamfer")));
    }

    // POST returns what was understood, and the history keeps it.
    void interpretationIsReturnedAndStored()
    {
        Client c = signIn();
        const QJsonObject icon =
            create(*c.http, {{"prompt", "chamfer the corner of a box"}, {"variantCount", 3}});
        const QJsonObject in = icon.value("interpretation").toObject();
        QCOMPARE(in.value("summary").toString(), QStringLiteral("chamfer · box"));
        const QJsonArray concepts = in.value("concepts").toArray();
        QCOMPARE(concepts.size(), 2);
        QCOMPARE(concepts[0].toObject().value("id").toString(), QStringLiteral("chamfer"));
        QCOMPARE(concepts[0].toObject().value("role").toString(), QStringLiteral("operation"));
        QCOMPARE(concepts[1].toObject().value("id").toString(), QStringLiteral("box"));
        QVERIFY(in.value("parameters").isArray());
        QVERIFY(in.value("ignoredWords").isArray());
        const QString id = icon.value("id").toString();
        QCOMPARE(c.http->get(QStringLiteral("/api/icons/") + id).json().value("interpretation").toObject(),
                 in);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons"))
                     .json()
                     .value("data")
                     .toArray()[0]
                     .toObject()
                     .value("interpretation")
                     .toObject(),
                 in);
        const QJsonObject gear = create(*c.http, {{"prompt", "gear with eight teeth"}});
        const QJsonObject teeth =
            gear.value("interpretation").toObject().value("parameters").toArray()[0].toObject();
        QCOMPARE(teeth.value("name").toString(), QStringLiteral("teeth"));
        QCOMPARE(teeth.value("value").toInt(), 8);
        // Imported icons say nothing was interpreted.
        const auto imported =
            c.http->postJson(QStringLiteral("/api/icons/import"),
                             {{"name", "upload"}, {"svg", QString::fromLatin1(kBenignSvg)}});
        QVERIFY(imported.json().value("interpretation").isNull());
    }

    void lightModeAndRefine()
    {
        Client c = signIn();
        const QJsonObject dark = create(*c.http, {{"prompt", "polar array"}});
        const QJsonObject light = create(*c.http, {{"prompt", "polar array"}, {"colorMode", "light"}});
        QCOMPARE(light.value("colorMode").toString(), QStringLiteral("light"));
        QVERIFY(dark.value("svg").toString() != light.value("svg").toString());

        // The built-in generator refines scenes: an SVG alone is refused with the reason (and nothing
        // stored).
        const qint64 before = storedIcons(c.account.userId);
        const auto svgOnly = c.http->postJson(
            QStringLiteral("/api/icons"),
            {{"prompt", "make the polar array bolder"},
             {"intent", "refine"},
             {"referenceSvg", dark.value("svg").toString()},
             {"attachments",
              QJsonArray{QJsonObject{{"name", "ref"}, {"svg", QString::fromLatin1(kBenignSvg)}}}}});
        QCOMPARE(svgOnly.status, 422);
        QCOMPARE(svgOnly.json().value("error").toString(), QStringLiteral("refine_needs_scene"));
        QCOMPARE(storedIcons(c.account.userId), before);
        const QJsonObject refined = create(*c.http, {{"prompt", "more copies"},
                                                     {"intent", "refine"},
                                                     {"referenceIcon", dark.value("id").toString()},
                                                     {"colorMode", "light"}});
        QCOMPARE(refined.value("intent").toString(), QStringLiteral("refine"));
        QCOMPARE(refined.value("colorMode").toString(), QStringLiteral("light"));
        QCOMPARE(refined.value("variants").toArray().size(), 1);
    }

    void createValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString bigSvg =
            QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>%1</desc></svg>")
                .arg(QString(64 * 1024, u'x'));
        auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
        QTest::newRow("missing prompt") << json({{"variantCount", 1}}) << "prompt";
        QTest::newRow("null prompt") << json({{"prompt", QJsonValue::Null}}) << "prompt";
        QTest::newRow("number prompt") << json({{"prompt", 5}}) << "prompt";
        QTest::newRow("blank prompt") << json({{"prompt", " \t "}}) << "prompt";
        QTest::newRow("prompt too long") << json({{"prompt", QString(1001, u'a')}}) << "prompt";
        QTest::newRow("prompt with BEL") << json({{"prompt", QStringLiteral("fillet\u0007")}}) << "prompt";
        QTest::newRow("prompt with newline")
            << json({{"prompt", QStringLiteral("fillet\ncurves")}}) << "prompt";
        QTest::newRow("prompt with DEL") << json({{"prompt", QStringLiteral("fillet\u007f")}}) << "prompt";
        QTest::newRow("unknown intent") << json({{"prompt", "x"}, {"intent", "delete"}}) << "intent";
        QTest::newRow("intent number") << json({{"prompt", "x"}, {"intent", 1}}) << "intent";
        QTest::newRow("unknown colorMode") << json({{"prompt", "x"}, {"colorMode", "blue"}}) << "colorMode";
        QTest::newRow("variantCount 0") << json({{"prompt", "x"}, {"variantCount", 0}}) << "variantCount";
        QTest::newRow("variantCount 4") << json({{"prompt", "x"}, {"variantCount", 4}}) << "variantCount";
        QTest::newRow("variantCount 1.5")
            << QByteArray(R"({"prompt":"x","variantCount":1.5})") << "variantCount";
        QTest::newRow("variantCount string")
            << QByteArray(R"({"prompt":"x","variantCount":"2"})") << "variantCount";
        QTest::newRow("variantCount bool")
            << QByteArray(R"({"prompt":"x","variantCount":true})") << "variantCount";
        QTest::newRow("variantCount -0")
            << QByteArray(R"({"prompt":"x","variantCount":-0})") << "variantCount";
        QTest::newRow("variantCount 2^53+1")
            << QByteArray(R"({"prompt":"x","variantCount":9007199254740993})") << "variantCount";
        QTest::newRow("variantCount 2^63")
            << QByteArray(R"({"prompt":"x","variantCount":9223372036854775808})") << "variantCount";
        QTest::newRow("variantCount 1e309") << QByteArray(R"({"prompt":"x","variantCount":1e309})") << "";
        QTest::newRow("refine without reference")
            << json({{"prompt", "x"}, {"intent", "refine"}}) << "referenceSvg";
        QTest::newRow("referenceIcon not an id")
            << json({{"prompt", "x"}, {"intent", "refine"}, {"referenceIcon", "abc"}}) << "referenceIcon";
        QTest::newRow("referenceIcon unknown")
            << json({{"prompt", "x"},
                     {"intent", "refine"},
                     {"referenceIcon", "0190f5a2-0000-7000-8000-000000000000"}})
            << "referenceIcon";
        QTest::newRow("referenceScene invalid")
            << json({{"prompt", "x"},
                     {"intent", "refine"},
                     {"referenceScene", QJsonObject{{"toolType", "painting"}}}})
            << "referenceScene";
        QTest::newRow("referenceSvg not svg")
            << json({{"prompt", "x"}, {"referenceSvg", "<html><body/></html>"}}) << "referenceSvg";
        QTest::newRow("referenceSvg with DTD")
            << json({{"prompt", "x"},
                     {"referenceSvg", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg "
                                      "xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>"}})
            << "referenceSvg";
        QTest::newRow("referenceSvg number")
            << json({{"prompt", "x"}, {"referenceSvg", 3}}) << "referenceSvg";
        QTest::newRow("referenceSvg over 64 KiB")
            << json({{"prompt", "x"}, {"referenceSvg", bigSvg}}) << "referenceSvg";
        QTest::newRow("attachments not array")
            << json({{"prompt", "x"}, {"attachments", "svg"}}) << "attachments";
        QJsonArray six;
        for (int i = 0; i < 6; ++i)
            six.append(QJsonObject{{"name", "a"}, {"svg", QString::fromLatin1(kBenignSvg)}});
        QTest::newRow("six attachments") << json({{"prompt", "x"}, {"attachments", six}}) << "attachments";
        QTest::newRow("attachment not object")
            << json({{"prompt", "x"}, {"attachments", QJsonArray{"<svg/>"}}}) << "attachments[0]";
        QTest::newRow("attachment without svg")
            << json({{"prompt", "x"}, {"attachments", QJsonArray{QJsonObject{{"name", "a"}}}}})
            << "attachments[0].svg";
        QTest::newRow("attachment malformed svg")
            << json({{"prompt", "x"},
                     {"attachments",
                      QJsonArray{
                          QJsonObject{{"svg", QString::fromLatin1(kBenignSvg)}},
                          QJsonObject{{"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"}}}}})
            << "attachments[1].svg";
        QTest::newRow("attachment name with NUL escape")
            << QByteArray(R"({"prompt":"x","attachments":[{"name":"a\u0000b","svg":"<svg/>"}]})") << "";
        QTest::newRow("prompt with NUL escape") << QByteArray(R"({"prompt":"fil\u0000let"})") << "";
        QTest::newRow("array body") << QByteArray(R"([{"prompt":"x"}])") << "";
        QTest::newRow("truncated JSON") << QByteArray(R"({"prompt":"x")") << "";
        QTest::newRow("empty body") << QByteArray() << "";
    }

    // Every invalid request → 400 naming the field, nothing stored and nothing counted toward the
    // rate (so a client fixing its request is not throttled for its mistakes).
    void createValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        Client c = signIn();
        const auto r = rawPost(*c.http, QStringLiteral("/api/icons"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value("_tag").toString(), QStringLiteral("ValidationError"));
        QVERIFY(!r.json().value("message").toString().isEmpty());
        if (!field.isEmpty())
            QCOMPARE(::field(r), field);
        QCOMPARE(storedIcons(c.account.userId), 0);
        QCOMPARE(attempts(c.account.userId), 0);
    }

    void createBoundaries()
    {
        Client c = signIn();
        QJsonObject longest = create(*c.http, {{"prompt", QStringLiteral("gear ") + QString(995, u'a')}});
        QCOMPARE(longest.value("prompt").toString().size(), 1000);
        // Unicode is text, not a control character: RTL override, ZWJ, emoji and combining marks pass.
        const QString unicode = QStringLiteral("fillet \u202e\u200d\U0001F600 e\u0301");
        QCOMPARE(create(*c.http, {{"prompt", unicode}}).value("prompt").toString(), unicode);
        // Unknown fields are ignored.
        QVERIFY(!create(*c.http, {{"prompt", "trim"}, {"shape", "round"}}).isEmpty());
        // Sanitisable attachments are accepted even when they carried something dangerous.
        QVERIFY(!create(*c.http, {{"prompt", "offset"},
                                  {"attachments", QJsonArray{QJsonObject{
                                                      {"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                                              "onload=\"alert(1)\"><script>alert(1)</script>"
                                                              "<path d=\"M4 4 L28 28\"/></svg>"}}}}})
                     .isEmpty());
        const auto wrongType =
            rawPost(*c.http, QStringLiteral("/api/icons"), R"({"prompt":"x"})", "text/plain");
        QCOMPARE(wrongType.status, 415);
    }

    void unauthenticatedRequestsAreRefused()
    {
        HttpClient anonymous(m_server->url());
        const QString someId = QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d");
        QCOMPARE(anonymous.postJson(QStringLiteral("/api/icons"), {{"prompt", "x"}}).status, 401);
        QCOMPARE(anonymous.get(QStringLiteral("/api/icons")).status, 401);
        QCOMPARE(anonymous.get(QStringLiteral("/api/icons/") + someId).status, 401);
        QCOMPARE(anonymous.get(QStringLiteral("/api/icons/") + someId + QStringLiteral("/svg")).status, 401);
        QCOMPARE(anonymous.del(QStringLiteral("/api/icons/") + someId).status, 401);
        QCOMPARE(anonymous.patchJson(QStringLiteral("/api/icons/") + someId, {{"favorite", true}}).status,
                 401);
        QCOMPARE(anonymous.postJson(QStringLiteral("/api/icons/import"), {{"name", "x"}, {"svg", kBenignSvg}})
                     .status,
                 401);
        HttpClient forged(m_server->url());
        forged.setBearer("not-a-real-token");
        const auto r = forged.get(QStringLiteral("/api/icons"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("WWW-Authenticate").contains("invalid_token"));
    }

    void paginationValidation_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("limit -1") << "limit=-1"
                                  << "limit";
        QTest::newRow("limit 0") << "limit=0"
                                 << "limit";
        QTest::newRow("limit 101") << "limit=101"
                                   << "limit";
        QTest::newRow("limit abc") << "limit=abc"
                                   << "limit";
        QTest::newRow("limit 1e3") << "limit=1e3"
                                   << "limit";
        QTest::newRow("limit 1.0") << "limit=1.0"
                                   << "limit";
        QTest::newRow("limit huge") << "limit=999999999999999999999"
                                    << "limit";
        QTest::newRow("limit empty") << "limit="
                                     << "limit";
        QTest::newRow("limit +5") << "limit=%2B5"
                                  << "limit";
        QTest::newRow("limit repeated") << "limit=1&limit=2"
                                        << "limit";
        QTest::newRow("offset -1") << "offset=-1"
                                   << "offset";
        QTest::newRow("offset overflow") << "offset=9223372036854775808"
                                         << "offset";
        QTest::newRow("offset beyond cap") << "offset=100001"
                                           << "offset";
        QTest::newRow("offset abc") << "offset=abc"
                                    << "offset";
        QTest::newRow("offset repeated") << "offset=0&offset=0"
                                         << "offset";
        QTest::newRow("favorite yes") << "favorite=yes"
                                      << "favorite";
        QTest::newRow("favorite 1") << "favorite=1"
                                    << "favorite";
        QTest::newRow("favorite repeated") << "favorite=true&favorite=true"
                                           << "favorite";
        QTest::newRow("q with NUL") << "q=a%00b"
                                    << "q";
        QTest::newRow("q with newline") << "q=a%0Ab"
                                        << "q";
        QTest::newRow("q too long") << QStringLiteral("q=") + QString(201, u'q') << "q";
        QTest::newRow("q repeated") << "q=a&q=b"
                                    << "q";
        QTest::newRow("view unknown") << "view=compact"
                                      << "view";
        QTest::newRow("view repeated") << "view=full&view=full"
                                       << "view";
    }

    void paginationValidation()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        Client c = signIn();
        const auto r = c.http->get(QStringLiteral("/api/icons?") + query);
        QCOMPARE(r.status, 400);
        QCOMPARE(::field(r), field);
    }

    void paginationFavouritesAndSearch()
    {
        Client c = signIn();
        const QStringList prompts{QStringLiteral("line"),        QStringLiteral("fillet two curves"),
                                  QStringLiteral("polar array"), QStringLiteral("Array along a curve"),
                                  QStringLiteral("circle"),      QStringLiteral("50% scale")};
        QStringList ids;
        for (const QString &prompt : prompts) {
            ids.prepend(create(*c.http, {{"prompt", prompt}}).value("id").toString()); // newest first
            m_clock->advanceMs(10);
        }
        QVERIFY(!ids.contains(QString()));

        QStringList seen;
        for (int offset = 0; offset < 6; offset += 4) {
            const QJsonObject page =
                c.http->get(QStringLiteral("/api/icons?limit=4&offset=%1").arg(offset)).json();
            QCOMPARE(page.value("total").toInt(), 6);
            QCOMPARE(page.value("limit").toInt(), 4);
            QCOMPARE(page.value("offset").toInt(), offset);
            for (const QJsonValue &v : page.value("data").toArray())
                seen.append(v.toObject().value("id").toString());
        }
        QCOMPARE(seen, ids);
        const QJsonObject beyond = c.http->get(QStringLiteral("/api/icons?offset=100000")).json();
        QCOMPARE(beyond.value("data").toArray().size(), 0);
        QCOMPARE(beyond.value("total").toInt(), 6);

        // q: case-insensitive substring of the prompt; wildcards are literal.
        auto search = [&](const QString &q) {
            return c.http
                ->get(QStringLiteral("/api/icons?q=") + QString::fromLatin1(QUrl::toPercentEncoding(q)))
                .json();
        };
        QCOMPARE(search(QStringLiteral("ARRAY")).value("total").toInt(), 2);
        QCOMPARE(
            search(QStringLiteral("ARRAY")).value("data").toArray()[0].toObject().value("prompt").toString(),
            QStringLiteral("Array along a curve"));
        QCOMPARE(search(QStringLiteral("%")).value("total").toInt(), 1);
        QCOMPARE(search(QStringLiteral("_")).value("total").toInt(), 0);
        QCOMPARE(search(QStringLiteral("  curve ")).value("total").toInt(), 2); // trimmed
        QCOMPARE(search(QString()).value("total").toInt(), 6);                  // empty = no filter

        // Favourites.
        const auto fav = c.http->patchJson(QStringLiteral("/api/icons/") + ids[4], {{"favorite", true}});
        QCOMPARE(fav.status, 200);
        QCOMPARE(fav.json().value("favorite").toBool(), true);
        QVERIFY(c.http->patchJson(QStringLiteral("/api/icons/") + ids[1], {{"favorite", true}}).status ==
                200);
        QJsonObject favourites = c.http->get(QStringLiteral("/api/icons?favorite=true")).json();
        QCOMPARE(favourites.value("total").toInt(), 2);
        QCOMPARE(favourites.value("data").toArray()[0].toObject().value("id").toString(), ids[1]);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?favorite=false")).json().value("total").toInt(), 4);
        QCOMPARE(
            c.http->get(QStringLiteral("/api/icons?favorite=true&q=fillet")).json().value("total").toInt(),
            1);
        QVERIFY(c.http->patchJson(QStringLiteral("/api/icons/") + ids[1], {{"favorite", false}}).status ==
                200);
        favourites = c.http->get(QStringLiteral("/api/icons?favorite=true")).json();
        QCOMPARE(favourites.value("total").toInt(), 1);

        // Soft delete hides the icon from the list, the total, the search and the favourites.
        QCOMPARE(c.http->del(QStringLiteral("/api/icons/") + ids[4]).status, 204);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons")).json().value("total").toInt(), 5);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?favorite=true")).json().value("total").toInt(), 0);
        QCOMPARE(search(QStringLiteral("fillet")).value("total").toInt(), 0);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons/") + ids[4]).status, 404);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons/") + ids[4] + QStringLiteral("/svg")).status, 404);
        QCOMPARE(c.http->patchJson(QStringLiteral("/api/icons/") + ids[4], {{"favorite", true}}).status, 404);
        QCOMPARE(c.http->del(QStringLiteral("/api/icons/") + ids[4]).status, 404);
        // Still in the table: a soft delete.
        QCOMPARE(storedIcons(c.account.userId), 6);
    }

    // view=thumbnail: the selected variant of each icon only (no scene), every other field as in the
    // full view but the interpretation; the full icon from GET /api/icons/{id}.
    void thumbnailView()
    {
        Client c = signIn();
        const QJsonObject icon = create(*c.http, {{"prompt", "fillet two curves"}, {"variantCount", 3}});
        const QString id = icon.value("id").toString();
        QCOMPARE(c.http->patchJson(QStringLiteral("/api/icons/") + id, {{"selectedVariant", 2}}).status, 200);

        const QJsonObject page = c.http->get(QStringLiteral("/api/icons?view=thumbnail")).json();
        QCOMPARE(page.value("total").toInt(), 1);
        const QJsonObject thumbnail = page.value("data").toArray().at(0).toObject();
        const QJsonObject full = c.http->get(QStringLiteral("/api/icons/") + id).json();
        // A page leaves the scenes out (the one icon carries them).
        QJsonObject fullWithoutScenes = full;
        QJsonArray variants;
        for (const QJsonValue &v : full.value("variants").toArray()) {
            QJsonObject o = v.toObject();
            QVERIFY(o.contains("scene"));
            o.remove("scene");
            variants.append(o);
        }
        fullWithoutScenes.insert("variants", variants);
        QCOMPARE(thumbnail.value("variantCount").toInt(), 3);
        QCOMPARE(thumbnail.value("selectedVariant").toInt(), 2);
        QCOMPARE(thumbnail.value("selected").toObject(), variants.at(2).toObject());
        QVERIFY(!thumbnail.contains("variants") && !thumbnail.contains("svg"));
        QVERIFY(!thumbnail.contains("interpretation"));
        for (const char *key :
             {"id", "prompt", "intent", "colorMode", "favorite", "source", "createdAt", "updatedAt"})
            QCOMPARE(thumbnail.value(QLatin1String(key)), full.value(QLatin1String(key)));
        // The default and view=full are the full icons.
        QCOMPARE(c.http->get(QStringLiteral("/api/icons")).json().value("data").toArray().at(0).toObject(),
                 fullWithoutScenes);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?view=full"))
                     .json()
                     .value("data")
                     .toArray()
                     .at(0)
                     .toObject(),
                 fullWithoutScenes);
    }

    // A page carries an ETag; sent back in If-None-Match it gets 304 without a body while the page is
    // unchanged, and 200 with a new tag once anything on it changes.
    void unchangedPagesAnswer304()
    {
        Client c = signIn();
        create(*c.http, {{"prompt", "polar array"}});
        const auto first = c.http->get(QStringLiteral("/api/icons?limit=5"));
        QCOMPARE(first.status, 200);
        const QByteArray tag = first.header("ETag");
        QVERIFY(tag.startsWith('"') && tag.endsWith('"'));
        QVERIFY(first.header("Cache-Control").contains("no-cache"));
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?limit=5")).header("ETag"), tag); // stable

        const auto unchanged = c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", tag}});
        QCOMPARE(unchanged.status, 304);
        QVERIFY(unchanged.body.isEmpty());
        QCOMPARE(unchanged.header("ETag"), tag);
        // Weak comparison, lists of tags and "*" (RFC 9110).
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", "W/" + tag}}).status,
                 304);
        QCOMPARE(
            c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", "\"x\", " + tag}}).status,
            304);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", "*"}}).status, 304);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", "\"other\""}}).status,
                 200);
        // Another page (other parameters) has another tag.
        QVERIFY(c.http->get(QStringLiteral("/api/icons?limit=6")).header("ETag") != tag);

        // Any change to the page changes the tag.
        const QString id = c.http->get(QStringLiteral("/api/icons"))
                               .json()
                               .value("data")
                               .toArray()[0]
                               .toObject()
                               .value("id")
                               .toString();
        QCOMPARE(c.http->patchJson(QStringLiteral("/api/icons/") + id, {{"favorite", true}}).status, 200);
        const auto changed = c.http->get(QStringLiteral("/api/icons?limit=5"), {{"If-None-Match", tag}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.header("ETag") != tag);
        QCOMPARE(changed.json().value("data").toArray()[0].toObject().value("favorite").toBool(), true);
    }

    void patchValidation()
    {
        Client c = signIn();
        const QJsonObject three = create(*c.http, {{"prompt", "chamfer"}, {"variantCount", 3}});
        const QJsonObject one = create(*c.http, {{"prompt", "chamfer"}});
        const QString path3 = QStringLiteral("/api/icons/") + three.value("id").toString();
        const QString path1 = QStringLiteral("/api/icons/") + one.value("id").toString();

        auto r = c.http->patchJson(path3, {{"selectedVariant", 2}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("selectedVariant").toInt(), 2);
        QCOMPARE(c.http->get(path3).json().value("selectedVariant").toInt(), 2);

        r = c.http->patchJson(path1, {{"selectedVariant", 1}}); // only one variant
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("selectedVariant"));
        for (const QByteArray &body :
             {QByteArray(R"({"selectedVariant":3})"), QByteArray(R"({"selectedVariant":-1})"),
              QByteArray(R"({"selectedVariant":1.5})"), QByteArray(R"({"selectedVariant":"1"})"),
              QByteArray(R"({"favorite":"yes"})"), QByteArray(R"({"favorite":1})"), QByteArray(R"({})"),
              QByteArray(R"({"name":"x"})"), QByteArray("[]")}) {
            r = c.http->request("PATCH", path3, body, {{"Content-Type", "application/json"}});
            QVERIFY2(r.status == 400, body.constData());
        }
        QCOMPARE(
            c.http->request("PATCH", path3, R"({"favorite":true})", {{"Content-Type", "text/plain"}}).status,
            415);
        // Nothing of the rejected changes stuck.
        const QJsonObject after = c.http->get(path3).json();
        QCOMPARE(after.value("selectedVariant").toInt(), 2);
        QCOMPARE(after.value("favorite").toBool(), false);
    }

    // HT-16: user B can neither see, change, delete nor download user A's icon: 404, never 403,
    // exactly as for an id that does not exist or is malformed.
    void anotherUsersIconDoesNotExist()
    {
        Client alice = signIn(QStringLiteral("alice"));
        Client bob = signIn(QStringLiteral("bob"));
        const QString id = create(*alice.http, {{"prompt", "mirror"}}).value("id").toString();
        QVERIFY(!id.isEmpty());
        const QString path = QStringLiteral("/api/icons/") + id;
        const QStringList variants{id,
                                   id.toUpper(),
                                   QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d"),
                                   QStringLiteral("not-a-uuid"),
                                   QStringLiteral("%7B") + id + QStringLiteral("%7D"),
                                   QStringLiteral("import"),
                                   QStringLiteral("1%20OR%201%3D1")};
        for (const QString &candidate : variants) {
            const QString p = QStringLiteral("/api/icons/") + candidate;
            for (const auto &r : {bob.http->get(p), bob.http->get(p + QStringLiteral("/svg")),
                                  bob.http->patchJson(p, {{"favorite", true}}), bob.http->del(p)}) {
                QVERIFY2(r.status == 404,
                         qPrintable(candidate + QStringLiteral(" → ") + QString::number(r.status)));
                QCOMPARE(r.json().value("_tag").toString(), QStringLiteral("NotFoundError"));
            }
        }
        QCOMPARE(bob.http->get(QStringLiteral("/api/icons")).json().value("total").toInt(), 0);
        // Alice's icon is untouched.
        const QJsonObject mine = alice.http->get(path).json();
        QCOMPARE(mine.value("favorite").toBool(), false);
        QCOMPARE(alice.http->get(QStringLiteral("/api/icons")).json().value("total").toInt(), 1);
        // The owner's upper-case id works too (ids are case-insensitive).
        QCOMPARE(alice.http->get(QStringLiteral("/api/icons/") + id.toUpper()).status, 200);
    }

    void importSanitisesAndRejects()
    {
        Client c = signIn();
        const QString dangerous = QStringLiteral(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
            "viewBox=\"0 0 32 32\" onload=\"alert(1)\"><script>alert(2)</script>"
            "<a xlink:href=\"javascript:alert(3)\"><path d=\"M4 4 L28 28\"/></a>"
            "<path d=\"M4 28 L28 4\" stroke=\"#000\" style=\"fill:url(http://evil.test/x)\"/>"
            "<image href=\"data:image/png;base64,AAAA\"/></svg>");
        const auto r = c.http->postJson(QStringLiteral("/api/icons/import"),
                                        {{"name", "  My Upload  "}, {"svg", dangerous}});
        QCOMPARE(r.status, 201);
        const QJsonObject icon = r.json();
        QCOMPARE(icon.value("source").toString(), QStringLiteral("imported"));
        QCOMPARE(icon.value("prompt").toString(), QStringLiteral("My Upload"));
        QCOMPARE(icon.value("variants").toArray().size(), 1);
        QVERIFY(icon.value("variants").toArray()[0].toObject().value("warnings").isArray());
        const QString svg = icon.value("svg").toString().toLower();
        for (const char *forbidden :
             {"script", "onload", "javascript:", "data:", "http://evil", "<image", "alert"})
            QVERIFY2(!svg.contains(QLatin1String(forbidden)), forbidden);
        QVERIFY(svg.contains(QLatin1String("m4 28")) || svg.contains(QLatin1String("m 4 28")) ||
                svg.contains(QLatin1String("m4,28")));
        QCOMPARE(c.http->get(QStringLiteral("/api/icons"))
                     .json()
                     .value("data")
                     .toArray()[0]
                     .toObject()
                     .value("source")
                     .toString(),
                 QStringLiteral("imported"));
        // An import is not a generation.
        QCOMPARE(attempts(c.account.userId), 0);

        struct Bad
        {
            QJsonObject body;
            QString field;
        };
        const QList<Bad> bad{
            {{{"name", "x"}, {"svg", "<html><script>alert(1)</script></html>"}}, QStringLiteral("svg")},
            {{{"name", "x"}, {"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g>"}},
             QStringLiteral("svg")},
            {{{"name", "x"},
              {"svg", "<!DOCTYPE svg [<!ENTITY a \"a\"><!ENTITY b \"&a;&a;&a;&a;\">]><svg "
                      "xmlns=\"http://www.w3.org/2000/svg\"><desc>&b;</desc></svg>"}},
             QStringLiteral("svg")},
            {{{"name", "x"}, {"svg", ""}}, QStringLiteral("svg")},
            {{{"name", "x"}}, QStringLiteral("svg")},
            {{{"svg", kBenignSvg}}, QStringLiteral("name")},
            {{{"name", "   "}, {"svg", kBenignSvg}}, QStringLiteral("name")},
            {{{"name", QString(201, u'n')}, {"svg", kBenignSvg}}, QStringLiteral("name")},
            {{{"name", "a\tb"}, {"svg", kBenignSvg}}, QStringLiteral("name")},
        };
        for (const Bad &b : bad) {
            const auto rejected = c.http->postJson(QStringLiteral("/api/icons/import"), b.body);
            QCOMPARE(rejected.status, 400);
            QCOMPARE(field(rejected), b.field);
        }
        // The sanitiser's own sentence reaches the client.
        const auto dtd = c.http->postJson(QStringLiteral("/api/icons/import"), bad[2].body);
        const SvgSanitizeResult direct = SvgSanitizer::sanitize(bad[2].body.value("svg").toString());
        QVERIFY(!direct.ok);
        QVERIFY2(dtd.json().value("message").toString().contains(direct.error),
                 qPrintable(dtd.json().value("message").toString()));
        QCOMPARE(storedIcons(c.account.userId), 1);
    }

    // SV-12: the download is an attachment that cannot run as a page.
    void svgDownloadHeadersAndFilename()
    {
        Client c = signIn();
        const QJsonObject three = create(*c.http, {{"prompt", "Fillet TwoCurves!"}, {"variantCount", 3}});
        const QString path =
            QStringLiteral("/api/icons/") + three.value("id").toString() + QStringLiteral("/svg");
        const QString base = sanitizeFilename(QStringLiteral("Fillet TwoCurves!"));
        QCOMPARE(base, QStringLiteral("fillet_two_curves"));

        auto r = c.http->get(path + QStringLiteral("?variant=1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("image/svg+xml; charset=utf-8"));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(r.header("Content-Security-Policy"),
                 QByteArray("default-src 'none'; style-src 'unsafe-inline'; sandbox"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("private"));
        QCOMPARE(r.header("Content-Disposition"),
                 QByteArray("attachment; filename=\"fillet_two_curves_variant_2.svg\""));
        QCOMPARE(QString::fromUtf8(r.body),
                 three.value("variants").toArray()[1].toObject().value("svg").toString());

        // Default: the selected variant.
        QCOMPARE(c.http
                     ->patchJson(QStringLiteral("/api/icons/") + three.value("id").toString(),
                                 {{"selectedVariant", 2}})
                     .status,
                 200);
        r = c.http->get(path);
        QCOMPARE(r.header("Content-Disposition"),
                 QByteArray("attachment; filename=\"fillet_two_curves_variant_3.svg\""));
        QCOMPARE(QString::fromUtf8(r.body),
                 three.value("variants").toArray()[2].toObject().value("svg").toString());

        QCOMPARE(c.http->get(path + QStringLiteral("?variant=3")).status, 400);
        QCOMPARE(c.http->get(path + QStringLiteral("?variant=abc")).status, 400);
        QCOMPARE(c.http->get(path + QStringLiteral("?variant=0&variant=1")).status, 400);

        // One variant: no suffix; a name that leaves no file-name characters falls back.
        const auto imported =
            c.http->postJson(QStringLiteral("/api/icons/import"),
                             {{"name", "\U0001F600 \u2603"}, {"svg", QString::fromLatin1(kBenignSvg)}});
        QCOMPARE(imported.status, 201);
        const QJsonObject single = imported.json();
        r = c.http->get(QStringLiteral("/api/icons/") + single.value("id").toString() +
                        QStringLiteral("/svg"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"export.svg\""));
        QCOMPARE(c.http
                     ->get(QStringLiteral("/api/icons/") + single.value("id").toString() +
                           QStringLiteral("/svg?variant=1"))
                     .status,
                 404);
        // A header-injection attempt in the prompt cannot reach the header.
        const QJsonObject sneaky = create(*c.http, {{"prompt", "gear\"; filename=evil.exe"}});
        r = c.http->get(QStringLiteral("/api/icons/") + sneaky.value("id").toString() +
                        QStringLiteral("/svg"));
        const QByteArray name = sanitizeFilename(QStringLiteral("gear\"; filename=evil.exe")).toLatin1();
        QVERIFY(!name.contains('"') && !name.contains(';') && !name.contains('='));
        QCOMPARE(r.header("Content-Disposition"), "attachment; filename=\"" + name + ".svg\"");
    }

    // RL-1/RL-6 through the API, with GENERATION_BUILTIN_RATE_PER_MIN=10: the 11th generation within a
    // minute → 429 with an integral Retry-After and the JSON error body; another user is unaffected;
    // after waiting it works again.
    void rateLimitThroughTheApi()
    {
        Client c = signIn({}, m_limited.get());
        Client other = signIn({}, m_limited.get());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(!create(*c.http, {{"prompt", i % 2 ? "circle" : "line"}}).isEmpty());
            m_clock->advance(1);
        }
        const auto limited = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "line"}});
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json().value("error").toString(), QStringLiteral("rate_limited"));
        QCOMPARE(limited.json().value("_tag").toString(), QStringLiteral("RateLimitError"));
        QVERIFY(limited.header("Content-Type").startsWith("application/json"));
        bool ok = false;
        const int wait = limited.header("Retry-After").toInt(&ok);
        QVERIFY2(ok && wait >= 1 && wait <= 60, limited.header("Retry-After").constData());
        QCOMPARE(storedIcons(c.account.userId), 10);

        QVERIFY(!create(*other.http, {{"prompt", "circle"}}).isEmpty());
        m_clock->advance(wait);
        QVERIFY(!create(*c.http, {{"prompt", "line"}}).isEmpty());
    }

    // Issue 9 point 5: the per-minute limit of GENERATION_RATE_PER_MIN (10) caps paid upstream calls;
    // with the default configuration the built-in generator takes four times that within a minute.
    void builtinGeneratorIsNotHeldToTheAnthropicLimits()
    {
        Client c = signIn();
        const QStringList prompts{QStringLiteral("line"), QStringLiteral("circle"),
                                  QStringLiteral("fillet two curves"), QStringLiteral("polar array")};
        for (int i = 0; i < 40; ++i) {
            const auto r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", prompts.at(i % 4)}});
            QVERIFY2(r.status == 201, qPrintable(QStringLiteral("generation %1: %2 %3")
                                                     .arg(i + 1)
                                                     .arg(r.status)
                                                     .arg(QString::fromUtf8(r.body))));
        }
        QCOMPARE(storedIcons(c.account.userId), 40);
    }

    // Issue 11 point 5: imports per user and minute (ICON_IMPORT_RATE_PER_MIN, default 120). The 121st
    // of a burst → 429 with Retry-After; deleting imports does not reopen the minute; it passes once
    // the minute is over. Another user is unaffected.
    void importRateLimit()
    {
        Client c = signIn();
        Client other = signIn();
        auto import = [](Client &client, int n) {
            return client.http->postJson(QStringLiteral("/api/icons/import"),
                                         {{"name", QStringLiteral("upload %1").arg(n)}, {"svg", kBenignSvg}});
        };
        QString lastId;
        for (int i = 0; i < 120; ++i) {
            const auto r = import(c, i);
            QVERIFY2(r.status == 201, qPrintable(QStringLiteral("import %1: %2").arg(i + 1).arg(r.status)));
            lastId = r.json().value("id").toString();
        }
        const auto refused = import(c, 121);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.json().value("error").toString(), QStringLiteral("rate_limited"));
        QVERIFY(refused.json().value("message").toString().contains(QStringLiteral("120")));
        bool ok = false;
        const int wait = refused.header("Retry-After").toInt(&ok);
        QVERIFY2(ok && wait >= 1 && wait <= 60, refused.header("Retry-After").constData());
        QCOMPARE(storedIcons(c.account.userId), 120);

        QCOMPARE(c.http->del(QStringLiteral("/api/icons/") + lastId).status, 204);
        QCOMPARE(import(c, 122).status, 429);
        QCOMPARE(import(other, 1).status, 201);
        m_clock->advance(wait);
        QCOMPARE(import(c, 123).status, 201);
    }

    // Issue 11 point 5: imported icons one user keeps (ICON_IMPORT_MAX_STORED, here 3) → 409
    // icon_limit_reached; generated icons do not count; deleting one makes room.
    void importStoredLimit()
    {
        Client c = signIn({}, m_limited.get());
        QVERIFY(!create(*c.http, {{"prompt", "circle"}}).isEmpty());
        QString firstId;
        for (int i = 0; i < 3; ++i) {
            const auto r =
                c.http->postJson(QStringLiteral("/api/icons/import"),
                                 {{"name", QStringLiteral("kept %1").arg(i)}, {"svg", kBenignSvg}});
            QCOMPARE(r.status, 201);
            if (firstId.isEmpty())
                firstId = r.json().value("id").toString();
        }
        const auto full = c.http->postJson(QStringLiteral("/api/icons/import"),
                                           {{"name", "one more"}, {"svg", kBenignSvg}});
        QCOMPARE(full.status, 409);
        QCOMPARE(full.json().value("error").toString(), QStringLiteral("icon_limit_reached"));
        QVERIFY(full.header("Content-Type").startsWith("application/json"));
        QVERIFY(!full.json().value("requestId").toString().isEmpty());
        QVERIFY(full.json().value("message").toString().contains(QStringLiteral("3 imported icons")));
        QCOMPARE(storedIcons(c.account.userId), 4);

        QCOMPARE(c.http->del(QStringLiteral("/api/icons/") + firstId).status, 204);
        QCOMPARE(
            c.http->postJson(QStringLiteral("/api/icons/import"), {{"name", "one more"}, {"svg", kBenignSvg}})
                .status,
            201);
    }
};

QTEST_GUILESS_MAIN(TestIconsApi)
#include "tst_iconsapi.moc"
