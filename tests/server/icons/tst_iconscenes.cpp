// Icons as scenes, through the real server over HTTP: stored scenes and parameters per variant (GET),
// parameter and palette edits (PATCH) re-rendered by the shared renderer with nothing changed on error,
// refinement in words with the built-in generator, and Claude drawing scenes through tool use against
// the fake Anthropic (configured as an operator would: ANTHROPIC_API_KEY + ANTHROPIC_BASE_URL, the
// default ANTHROPIC_OUTPUT=scene), with its one repair round and the 502 that stores nothing.
#include "anthropic/fakeanthropic.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/database.h"
#include "db/sqlquery.h"
#include "generation/icongenerator.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "server/httpclient.h"
#include "server/testserver.h"
#include "testaccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

const QByteArray kImportSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                              "<g id=\"Primary\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1\">"
                              "<path d=\"M 4,16 L 28,16\"/></g></svg>";

// What Claude sends for "arch": a valid drawing scene.
QJsonObject archScene()
{
    return FakeAnthropic::archScene();
}

// A shape outside the vocabulary, drawn with the path primitive.
QJsonObject pathScene()
{
    return QJsonObject{
        {"toolType", "drawing"},
        {"elements",
         QJsonArray{QJsonObject{{"type", "line"},
                                {"layer", "guide"},
                                {"from", QJsonArray{4, 16}},
                                {"to", QJsonArray{28, 16}}},
                    QJsonObject{{"type", "path"}, {"layer", "primary"}, {"d", "M 4 24 C 10 4 22 4 28 24 Z"}},
                    QJsonObject{{"type", "grip"}, {"at", QJsonArray{4, 24}}}}}};
}

// Invalid: a grip whose point is not a point (the parser names its path).
QJsonObject brokenScene()
{
    QJsonObject s = archScene();
    QJsonArray elements = s.value("elements").toArray();
    elements.append(
        QJsonObject{{"type", "circle"}, {"layer", "primary"}, {"center", QJsonArray{16, 16}}, {"radius", 6}});
    elements.append(QJsonObject{{"type", "grip"}, {"at", QJsonArray{16}}});
    s.insert("elements", elements);
    return s;
}

QJsonObject variantsInput(const QList<QPair<QString, QJsonObject>> &scenes)
{
    return FakeAnthropic::sceneToolInput(scenes);
}

QJsonObject variant(const QJsonObject &icon, int i)
{
    return icon.value("variants").toArray().at(i).toObject();
}

QJsonObject sceneOf(const QJsonObject &icon, int i)
{
    return variant(icon, i).value("scene").toObject();
}

// The SVG the shared renderer draws for a stored scene (variant i of icon id, in `mode`).
QString rendered(const QJsonObject &sceneJson, const QString &seed, ColorMode mode = ColorMode::Dark)
{
    const scene::SceneParseResult parsed = scene::SceneParser::fromJson(sceneJson);
    if (!parsed.ok())
        return QStringLiteral("invalid: ") + parsed.messages().join(u';');
    return scene::SceneRenderer::render(parsed.scene, mode, seed).svg;
}

} // namespace

class TestIconScenes : public QObject
{
    Q_OBJECT

    FakeAnthropic m_fake;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_builtin;
    std::unique_ptr<TestServer> m_claude;

    struct Client
    {
        TestAccount account;
        std::unique_ptr<HttpClient> http;
        TestServer *server = nullptr;
    };
    Client signIn(TestServer &server)
    {
        Client c;
        c.server = &server;
        c.account = createTestAccount(server.server().database(), m_clock->now());
        c.http = std::make_unique<HttpClient>(server.url());
        c.http->setBearer(c.account.token);
        return c;
    }
    static qint64 storedIcons(const Client &c)
    {
        SqlQuery q(c.server->server().database().connection(),
                   QStringLiteral("SELECT count(*) FROM assets WHERE user_id = :user::uuid"));
        q.bind(QStringLiteral(":user"), c.account.userId).exec();
        q.next();
        return q.value(0).toLongLong();
    }
    static QJsonObject create(const Client &c, const QJsonObject &body)
    {
        const auto r = c.http->postJson(QStringLiteral("/api/icons"), body);
        if (r.status != 201)
            qWarning() << "create failed:" << r.status << r.body;
        return r.status == 201 ? r.json() : QJsonObject();
    }
    static QJsonObject refine(const Client &c, const QString &iconId, const QString &words)
    {
        return create(c, {{"prompt", words}, {"intent", "refine"}, {"referenceIcon", iconId}});
    }
    static QString path(const QJsonObject &icon)
    {
        return QStringLiteral("/api/icons/") + icon.value("id").toString();
    }
    static QString field(const HttpClient::Result &r) { return r.json().value("field").toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fake.start());
        ApiServerOptions options;
        options.clock = m_clock;
        m_builtin = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options,
            TestServer::freshDatabase(QStringLiteral("iconscenes_builtin")));
        QVERIFY2(m_builtin->start(), qPrintable(m_builtin->error()));
        m_claude = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ANTHROPIC_API_KEY"), m_fake.apiKey},
                                  {QStringLiteral("ANTHROPIC_BASE_URL"), m_fake.baseUrl().toString()},
                                  {QStringLiteral("GENERATION_TIMEOUT_S"), QStringLiteral("20")}},
            options, TestServer::freshDatabase(QStringLiteral("iconscenes_claude")));
        QVERIFY2(m_claude->start(), qPrintable(m_claude->error()));
    }

    void cleanupTestCase()
    {
        m_claude.reset();
        m_builtin.reset();
    }

    void init() { m_fake.clear(); }
    void cleanup() { QCOMPARE(m_fake.pendingAnswers(), 0); }

    // --- 1. Stored scenes ---------------------------------------------------------------------------

    void generatedIconsStoreScenesAndParametersPerVariant()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject gear = create(c, {{"prompt", "gear with eight teeth"}, {"variantCount", 3}});
        QCOMPARE(gear.value("variants").toArray().size(), 3);
        const QJsonObject got = c.http->get(path(gear)).json();
        for (int i = 0; i < 3; ++i) {
            const QJsonObject scene = sceneOf(got, i);
            QCOMPARE(scene, sceneOf(gear, i)); // as answered at creation
            QCOMPARE(scene.value("values").toObject().value("gear.teeth").toInt(), 8);
            const QJsonObject teeth = scene.value("parameters").toArray().at(0).toObject();
            QCOMPARE(teeth.value("name").toString(), QStringLiteral("gear.teeth"));
            QCOMPARE(teeth.value("type").toString(), QStringLiteral("int"));
            QCOMPARE(teeth.value("min").toInt(), 6);
            QCOMPARE(teeth.value("max").toInt(), 24);
            QCOMPARE(variant(got, i).value("svg").toString(),
                     rendered(scene, gear.value("id").toString() + ":" + QString::number(i)));
        }
        // History pages leave scenes out; imported SVGs have none.
        QVERIFY(!c.http->get(QStringLiteral("/api/icons"))
                     .json()
                     .value("data")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("variants")
                     .toArray()
                     .at(0)
                     .toObject()
                     .contains("scene"));
        const auto imported =
            c.http->postJson(QStringLiteral("/api/icons/import"),
                             {{"name", "upload"}, {"svg", QString::fromLatin1(kImportSvg)}});
        QCOMPARE(imported.status, 201);
        QVERIFY(!variant(c.http->get(path(imported.json())).json(), 0).contains("scene"));
    }

    // --- 2. Edit parameters -------------------------------------------------------------------------

    void patchParametersRendersAgainWithTheSharedRenderer()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject gear = create(c, {{"prompt", "gear with eight teeth"}, {"variantCount", 3}});
        const QString id = gear.value("id").toString();
        m_clock->advance(5);
        auto r = c.http->patchJson(path(gear), {{"parameters", QJsonObject{{"gear.teeth", 12}}}});
        QCOMPARE(r.status, 200);
        const QJsonObject edited = r.json();
        const QJsonObject scene = sceneOf(edited, 0);
        QCOMPARE(scene.value("values").toObject().value("gear.teeth").toInt(), 12);
        QVERIFY(variant(edited, 0).value("svg").toString() != variant(gear, 0).value("svg").toString());
        QCOMPARE(variant(edited, 0).value("svg").toString(), rendered(scene, id + ":0"));
        QCOMPARE(edited.value("svg").toString(), variant(edited, 0).value("svg").toString());
        QCOMPARE(variant(edited, 1), variant(gear, 1)); // the other variants are as they were
        QVERIFY(edited.value("updatedAt").toString() > gear.value("updatedAt").toString());
        // Stored: GET, the SVG download and the history show the new drawing.
        QCOMPARE(sceneOf(c.http->get(path(gear)).json(), 0), scene);
        QCOMPARE(QString::fromUtf8(c.http->get(path(gear) + QStringLiteral("/svg?variant=0")).body),
                 variant(edited, 0).value("svg").toString());

        // Another variant by index, in the form {"variants": [{index, parameters}]}; the selected one by
        // "variant".
        r = c.http->patchJson(
            path(gear),
            {{"variants",
              QJsonArray{QJsonObject{{"index", 2},
                                     {"parameters", QJsonObject{{"gear.teeth", 6}, {"gear.hub", false}}}}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(sceneOf(r.json(), 2).value("values").toObject().value("gear.teeth").toInt(), 6);
        QCOMPARE(sceneOf(r.json(), 2).value("values").toObject().value("gear.hub").toBool(), false);
        QCOMPARE(sceneOf(r.json(), 0).value("values").toObject().value("gear.teeth").toInt(), 12);
        r = c.http->patchJson(path(gear), {{"variant", 1}, {"parameters", QJsonObject{{"gear.teeth", 24}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(sceneOf(r.json(), 1).value("values").toObject().value("gear.teeth").toInt(), 24);
    }

    void patchErrorsNameTheParameterAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("says");
        QTest::newRow("above the range")
            << QByteArray(R"({"parameters":{"gear.teeth":30}})") << "parameters.gear.teeth"
            << "a whole number from 6 to 24";
        QTest::newRow("below the range")
            << QByteArray(R"({"parameters":{"gear.teeth":2}})") << "parameters.gear.teeth"
            << "from 6 to 24";
        QTest::newRow("not whole") << QByteArray(R"({"parameters":{"gear.teeth":8.5}})")
                                   << "parameters.gear.teeth"
                                   << "whole number";
        QTest::newRow("wrong type") << QByteArray(R"({"parameters":{"gear.hub":1}})") << "parameters.gear.hub"
                                    << "true or false";
        QTest::newRow("unknown") << QByteArray(R"({"parameters":{"gear.colour":3}})")
                                 << "parameters.gear.colour"
                                 << "gear.teeth, gear.hub";
        QTest::newRow("one bad among good")
            << QByteArray(R"({"parameters":{"gear.hub":false,"gear.teeth":99}})") << "parameters.gear.teeth"
            << "from 6 to 24";
        QTest::newRow("missing variant")
            << QByteArray(R"({"variant":2,"parameters":{"gear.teeth":9}})") << "variant"
            << "from 0 to 0";
        QTest::newRow("not an object") << QByteArray(R"({"parameters":[12]})") << "parameters"
                                       << "object";
        QTest::newRow("nested value")
            << QByteArray(R"({"parameters":{"gear.teeth":{"v":9}}})") << "parameters.gear.teeth"
            << "must be";
        QTest::newRow("bad colour mode") << QByteArray(R"({"colorMode":"sepia"})") << "colorMode"
                                         << "dark, light";
    }

    void patchErrorsNameTheParameterAndChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, says);
        Client c = signIn(*m_builtin);
        const QJsonObject gear = create(c, {{"prompt", "gear"}});
        const QByteArray before = c.http->get(path(gear)).body;
        const auto r = c.http->request("PATCH", path(gear), body, {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(this->field(r), field);
        QVERIFY2(r.json().value("message").toString().contains(says),
                 qPrintable(r.json().value("message").toString()));
        QVERIFY(!r.json().value("requestId").toString().isEmpty());
        QCOMPARE(c.http->get(path(gear)).body, before); // nothing changed, not even updatedAt
    }

    void iconsWithoutSceneHaveNoParametersOrPalette()
    {
        Client c = signIn(*m_builtin);
        const auto imported =
            c.http->postJson(QStringLiteral("/api/icons/import"),
                             {{"name", "upload"}, {"svg", QString::fromLatin1(kImportSvg)}});
        const QByteArray before = c.http->get(path(imported.json())).body;
        auto r = c.http->patchJson(path(imported.json()), {{"parameters", QJsonObject{{"gear.teeth", 12}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("parameters"));
        QVERIFY(r.json().value("message").toString().contains(QLatin1String("imported")));
        r = c.http->patchJson(path(imported.json()), {{"colorMode", "light"}, {"favorite", true}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("colorMode"));
        QCOMPARE(c.http->get(path(imported.json())).body, before);
    }

    void patchColorModeRestylesEveryScene()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject icon = create(c, {{"prompt", "chamfer the corner of a box"}, {"variantCount", 2}});
        const auto r = c.http->patchJson(path(icon), {{"colorMode", "light"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("colorMode").toString(), QStringLiteral("light"));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(sceneOf(r.json(), i), sceneOf(icon, i));
            QCOMPARE(variant(r.json(), i).value("svg").toString(),
                     rendered(sceneOf(icon, i), icon.value("id").toString() + ":" + QString::number(i),
                              ColorMode::Light));
        }
        QCOMPARE(c.http->get(path(icon)).json().value("colorMode").toString(), QStringLiteral("light"));
    }

    // --- 4. Refine in words -------------------------------------------------------------------------

    void refineChangesParametersAndElements()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject gear = create(c, {{"prompt", "solid gear"}});
        const QJsonObject twelve = refine(c, gear.value("id").toString(), QStringLiteral("twelve teeth"));
        QCOMPARE(twelve.value("intent").toString(), QStringLiteral("refine"));
        const QJsonObject change =
            twelve.value("interpretation").toObject().value("changes").toArray().at(0).toObject();
        QCOMPARE(change.value("parameter").toString(), QStringLiteral("gear.teeth"));
        QCOMPARE(change.value("from").toInt(), 8);
        QCOMPARE(change.value("to").toInt(), 12);
        QCOMPARE(twelve.value("interpretation").toObject().value("summary").toString(),
                 QStringLiteral("gear: teeth 8 → 12"));
        QCOMPARE(sceneOf(twelve, 0).value("values").toObject().value("gear.teeth").toInt(), 12);
        QCOMPARE(variant(twelve, 0).value("svg").toString(),
                 rendered(sceneOf(twelve, 0), twelve.value("id").toString() + ":0"));
        // Stored with its interpretation, like a created icon.
        QCOMPARE(c.http->get(path(twelve)).json().value("interpretation"), twelve.value("interpretation"));

        const QJsonObject holed = refine(c, twelve.value("id").toString(), QStringLiteral("add a hole"));
        QCOMPARE(sceneOf(holed, 0).value("values").toObject().value("gear.hub").toBool(), true);
        QCOMPARE(sceneOf(holed, 0).value("values").toObject().value("gear.teeth").toInt(), 12);

        const QJsonObject mirrored = refine(c, holed.value("id").toString(), QStringLiteral("mirror it"));
        QCOMPARE(sceneOf(mirrored, 0)
                     .value("source")
                     .toObject()
                     .value("edits")
                     .toObject()
                     .value("mirror")
                     .toBool(),
                 true);
        const QJsonObject rotated =
            refine(c, mirrored.value("id").toString(), QStringLiteral("rotate 45 degrees"));
        const QJsonObject edits = sceneOf(rotated, 0).value("source").toObject().value("edits").toObject();
        QCOMPARE(edits.value("rotate").toDouble(), 45.0);
        QCOMPARE(edits.value("mirror").toBool(), true);
        QVERIFY(variant(rotated, 0).value("svg").toString() != variant(mirrored, 0).value("svg").toString());

        // A parameter edit of a refined icon keeps its edits.
        const auto patched =
            c.http->patchJson(path(rotated), {{"parameters", QJsonObject{{"gear.teeth", 10}}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(sceneOf(patched.json(), 0).value("source").toObject().value("edits").toObject(), edits);

        const QJsonObject fillet = create(c, {{"prompt", "fillet"}});
        const QJsonObject ends =
            refine(c, fillet.value("id").toString(), QStringLiteral("show the grips at the ends"));
        QCOMPARE(
            sceneOf(ends, 0).value("source").toObject().value("edits").toObject().value("endGrips").toBool(),
            true);
        QVERIFY(variant(ends, 0).value("svg").toString().count(QLatin1String("<rect")) >
                variant(fillet, 0).value("svg").toString().count(QLatin1String("<rect")));

        const QJsonObject bolt = create(c, {{"prompt", "mirror a bolt"}});
        QVERIFY(variant(bolt, 0).value("svg").toString().contains(QLatin1String("Guide")));
        const QJsonObject bare = refine(c, bolt.value("id").toString(), QStringLiteral("without the guide"));
        QVERIFY(!QJsonDocument(sceneOf(bare, 0)).toJson().contains("\"guide\""));
        QCOMPARE(sceneOf(bare, 0).value("source").toObject().value("edits").toObject().value("guides").toBool(
                     true),
                 false);
    }

    void refineMakeItWiderChangesParametersNotARedraw()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject fillet = create(c, {{"prompt", "fillet"}});
        const QJsonObject wider = refine(c, fillet.value("id").toString(), QStringLiteral("make it wider"));
        const double before = sceneOf(fillet, 0).value("values").toObject().value("fillet.radius").toDouble();
        const double after = sceneOf(wider, 0).value("values").toObject().value("fillet.radius").toDouble();
        QVERIFY2(after > before, qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));
        // The same concept, variant and elements' structure: only the parameter moved.
        QCOMPARE(sceneOf(wider, 0).value("source").toObject().value("concepts"),
                 sceneOf(fillet, 0).value("source").toObject().value("concepts"));
        QCOMPARE(sceneOf(wider, 0).value("name"), sceneOf(fillet, 0).value("name"));
        QCOMPARE(wider.value("interpretation")
                     .toObject()
                     .value("changes")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("parameter")
                     .toString(),
                 QStringLiteral("fillet.radius"));
        // The same refinement of a scene the client holds (referenceScene) gives the same scene.
        const QJsonObject fromScene = create(
            c, {{"prompt", "make it wider"}, {"intent", "refine"}, {"referenceScene", sceneOf(fillet, 0)}});
        QCOMPARE(sceneOf(fromScene, 0), sceneOf(wider, 0));
    }

    void refineThatIsNotUnderstoodOrNotPossible()
    {
        Client c = signIn(*m_builtin);
        const QJsonObject gear = create(c, {{"prompt", "gear"}});
        const qint64 stored = storedIcons(c);
        auto r =
            c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "more purple and sparkly"},
                                                            {"intent", "refine"},
                                                            {"referenceIcon", gear.value("id").toString()}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().value("error").toString(), QStringLiteral("prompt_not_understood"));
        const QJsonArray suggestions = r.json().value("suggestions").toArray();
        QVERIFY(!suggestions.isEmpty() && suggestions.size() <= 5);
        // Every suggestion is a refinement this icon understands.
        for (const QJsonValue &s : suggestions)
            QVERIFY2(!refine(c, gear.value("id").toString(), s.toString()).isEmpty(),
                     qPrintable(s.toString()));
        const qint64 afterSuggestions = storedIcons(c);
        QCOMPARE(afterSuggestions, stored + suggestions.size());

        // A drawing keeps its guide: said so, nothing stored.
        r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "without the guide"},
                                                            {"intent", "refine"},
                                                            {"referenceIcon", gear.value("id").toString()}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().value("error").toString(), QStringLiteral("refinement_not_possible"));

        // An imported SVG has no scene: the built-in generator says so.
        const auto imported =
            c.http->postJson(QStringLiteral("/api/icons/import"),
                             {{"name", "upload"}, {"svg", QString::fromLatin1(kImportSvg)}});
        r = c.http->postJson(QStringLiteral("/api/icons"),
                             {{"prompt", "mirror it"},
                              {"intent", "refine"},
                              {"referenceIcon", imported.json().value("id").toString()}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().value("error").toString(), QStringLiteral("refine_needs_scene"));
        QVERIFY2(r.json().value("message").toString().contains(QLatin1String("imported SVG")),
                 qPrintable(r.json().value("message").toString()));
        QCOMPARE(storedIcons(c), afterSuggestions + 1); // the import only
    }

    // --- 5. Claude draws scenes ---------------------------------------------------------------------

    void claudeCreatesThroughForcedToolUse()
    {
        Client c = signIn(*m_claude);
        m_fake.enqueue(FakeAnthropic::toolUse(
            QStringLiteral("draw_icon_scenes"),
            variantsInput({{QStringLiteral("Arch"), archScene()}, {QStringLiteral("Blob"), pathScene()}}),
            QStringLiteral("Here are the scenes.")));
        const QJsonObject icon = create(c, {{"prompt", "arch through three points"}, {"variantCount", 2}});
        QCOMPARE(icon.value("variants").toArray().size(), 2);
        QCOMPARE(variant(icon, 0).value("name").toString(), QStringLiteral("Arch"));
        for (int i = 0; i < 2; ++i) {
            const QJsonObject scene = sceneOf(icon, i);
            QCOMPARE(scene.value("source").toObject().value("engine").toString(),
                     QStringLiteral("anthropic"));
            QCOMPARE(variant(icon, i).value("svg").toString(),
                     rendered(scene, icon.value("id").toString() + ":" + QString::number(i)));
            QVERIFY(variant(icon, i).value("warnings").toArray().isEmpty());
        }
        QVERIFY(variant(icon, 1).value("svg").toString().contains(QLatin1String("C"))); // the path primitive
        QCOMPARE(sceneOf(c.http->get(path(icon)).json(), 1), sceneOf(icon, 1));

        // What went upstream: the tool with the scene schema, forced, and the vocabulary in the prompt.
        QCOMPARE(m_fake.requests().size(), 1);
        const QJsonObject sent = m_fake.requests().constFirst().json();
        const QJsonObject tool = sent.value("tools").toArray().at(0).toObject();
        QCOMPARE(tool.value("name").toString(), QStringLiteral("draw_icon_scenes"));
        const QJsonObject schema = tool.value("input_schema").toObject();
        QCOMPARE(schema.value("type").toString(), QStringLiteral("object"));
        const QJsonObject items = schema.value("properties").toObject().value("variants").toObject();
        QCOMPARE(items.value("maxItems").toInt(), 2);
        QVERIFY(items.value("items")
                    .toObject()
                    .value("properties")
                    .toObject()
                    .value("scene")
                    .toObject()
                    .value("properties")
                    .toObject()
                    .contains("elements"));
        QVERIFY(schema.value("$defs").toObject().contains("element"));
        QCOMPARE(sent.value("tool_choice").toObject(),
                 (QJsonObject{{"type", "tool"}, {"name", "draw_icon_scenes"}}));
        const QString system = sent.value("system").toString();
        for (const char *id : {"gear", "polar-array", "chamfer-edge", "voronoi"})
            QVERIFY2(system.contains(QLatin1String(id)), id);
        QCOMPARE(sent.value("messages").toArray().last().toObject().value("role").toString(),
                 QStringLiteral("user"));
        QVERIFY(icon.value("interpretation").isNull()); // Claude does not say what it understood
    }

    void claudeMalformedSceneIsRepairedOnce()
    {
        Client c = signIn(*m_claude);
        const FakeAnthropic::Answer broken = FakeAnthropic::toolUse(
            QStringLiteral("draw_icon_scenes"), variantsInput({{QStringLiteral("Arch"), brokenScene()}}));
        const QString toolUseId = QJsonDocument::fromJson(broken.body)
                                      .object()
                                      .value("content")
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value("id")
                                      .toString();
        m_fake.enqueue(broken);
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch"), archScene()}})));
        const QJsonObject icon = create(c, {{"prompt", "arch"}});
        QCOMPARE(icon.value("variants").toArray().size(), 1);
        QCOMPARE(variant(icon, 0).value("svg").toString(),
                 rendered(sceneOf(icon, 0), icon.value("id").toString() + ":0"));

        QCOMPARE(m_fake.requests().size(), 2);
        const QJsonArray messages = m_fake.requests().at(1).json().value("messages").toArray();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(1).toObject().value("role").toString(), QStringLiteral("assistant"));
        QCOMPARE(messages.at(1).toObject().value("content").toArray().at(0).toObject().value("id").toString(),
                 toolUseId);
        const QJsonObject result = messages.at(2).toObject().value("content").toArray().at(0).toObject();
        QCOMPARE(result.value("type").toString(), QStringLiteral("tool_result"));
        QCOMPARE(result.value("tool_use_id").toString(), toolUseId);
        QCOMPARE(result.value("is_error").toBool(), true);
        // The errors name the JSON paths, so the model can fix exactly those.
        const QString errors = result.value("content").toString();
        QVERIFY2(errors.contains(QLatin1String("variants[0].scene.elements[6].at: must be a point")),
                 qPrintable(errors));
        QCOMPARE(m_fake.requests().at(1).json().value("tool_choice").toObject().value("name").toString(),
                 QStringLiteral("draw_icon_scenes"));
    }

    void claudeMalformedTwiceIsABadGatewayWithNothingStored()
    {
        Client c = signIn(*m_claude);
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch"), brokenScene()}})));
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch"), brokenScene()}})));
        const auto r = c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}});
        QCOMPARE(r.status, 502);
        QCOMPARE(r.json().value("error").toString(), QStringLiteral("bad_gateway"));
        QCOMPARE(m_fake.requests().size(), 2); // one repair round, no more
        QCOMPARE(storedIcons(c), 0);

        // An answer without the tool call is unusable too.
        m_fake.enqueue(FakeAnthropic::message(QStringLiteral("I would draw an arch.")));
        QCOMPARE(c.http->postJson(QStringLiteral("/api/icons"), {{"prompt", "arch"}}).status, 502);
        QCOMPARE(storedIcons(c), 0);
    }

    void claudeRefinesTheStoredScene()
    {
        Client c = signIn(*m_claude);
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch"), archScene()}})));
        const QJsonObject arch = create(c, {{"prompt", "arch"}});
        m_fake.clear();
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch (Wide)"), pathScene()}})));
        const QJsonObject refined = refine(c, arch.value("id").toString(), QStringLiteral("make it wider"));
        QCOMPARE(refined.value("intent").toString(), QStringLiteral("refine"));
        QCOMPARE(variant(refined, 0).value("name").toString(), QStringLiteral("Arch (Wide)"));
        QCOMPARE(variant(refined, 0).value("svg").toString(),
                 rendered(sceneOf(refined, 0), refined.value("id").toString() + ":0"));
        const QString message = m_fake.requests()
                                    .constFirst()
                                    .json()
                                    .value("messages")
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value("content")
                                    .toString();
        QVERIFY2(message.contains(QLatin1String("<current_scene>")) &&
                     message.contains(QLatin1String("\"curve\"")),
                 qPrintable(message.left(400)));
        QVERIFY(message.contains(QLatin1String("make it wider")));
    }

    void freeScenesTakeEditsButHaveNoParameters()
    {
        // A scene from Claude: PATCH has no parameter to change (400 naming it), the palette still changes.
        Client claude = signIn(*m_claude);
        m_fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"),
                                              variantsInput({{QStringLiteral("Arch"), archScene()}})));
        const QJsonObject arch = create(claude, {{"prompt", "arch"}});
        auto r = claude.http->patchJson(path(arch), {{"parameters", QJsonObject{{"arch.height", 3}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("parameters.arch.height"));
        QVERIFY(r.json().value("message").toString().contains(QLatin1String("has none")));
        r = claude.http->patchJson(path(arch), {{"colorMode", "light"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(variant(r.json(), 0).value("svg").toString(),
                 rendered(sceneOf(arch, 0), arch.value("id").toString() + ":0", ColorMode::Light));

        // The built-in generator refines such a scene with edits of the whole drawing, not with values.
        Client c = signIn(*m_builtin);
        const QJsonObject mirrored =
            create(c, {{"prompt", "mirror it"}, {"intent", "refine"}, {"referenceScene", sceneOf(arch, 0)}});
        const QJsonArray elements = sceneOf(mirrored, 0).value("elements").toArray();
        QCOMPARE(elements.size(), 1);
        QCOMPARE(elements.at(0).toObject().value("type").toString(), QStringLiteral("group"));
        QCOMPARE(elements.at(0).toObject().value("transform").toObject().value("mirror").toString(),
                 QStringLiteral("x"));
        r = c.http->postJson(
            QStringLiteral("/api/icons"),
            {{"prompt", "twelve teeth"}, {"intent", "refine"}, {"referenceScene", sceneOf(arch, 0)}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().value("error").toString(), QStringLiteral("prompt_not_understood"));
        QVERIFY(r.json().value("suggestions").toArray().contains(QStringLiteral("mirror it")));
    }

    void claudeSvgOutputStaysAvailable()
    {
        // ANTHROPIC_OUTPUT=svg: no tools; the answer's SVG goes through the sanitiser (tst_iconsanthropic
        // covers that mode in full). An unknown value stops the server with the variable named.
        ServerConfig bad = TestServer::configFor(
            m_builtin->database(), {{QStringLiteral("ANTHROPIC_API_KEY"), m_fake.apiKey},
                                    {QStringLiteral("ANTHROPIC_OUTPUT"), QStringLiteral("png")}});
        try {
            GeneratorFactory::fromConfig(bad);
            QFAIL("ANTHROPIC_OUTPUT=png was accepted");
        } catch (const ConfigError &e) {
            QCOMPARE(e.variable(), QStringLiteral("ANTHROPIC_OUTPUT"));
        }
    }
};

QTEST_MAIN(TestIconScenes)
#include "tst_iconscenes.moc"
