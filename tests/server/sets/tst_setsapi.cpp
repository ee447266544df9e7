// Toolbar sets and parameter edits over real HTTP against an in-process ApiServer (built-in generator)
// on a real PostgreSQL: a gear's teeth changed by PATCH /api/icons/:id (stored, drawn again, 400 naming
// the parameter and its range with nothing changed), imported icons refused; sets created with icons,
// renamed, restyled (every scene drawn again in the new ink), reordered, another user's set and icons
// out of reach, duplicate names 409, deleted sets leaving their icons.
#include "../icons/testaccounts.h"
#include "core/clock.h"
#include "db/database.h"
#include "server/httpclient.h"
#include "server/testserver.h"

#include <QJsonArray>
#include <QTest>

namespace {

const char *const kImportSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="Primary" fill="none" stroke="#000" stroke-width="1"><path d="M4 28 L28 4"/></g><g id="Grips"><rect x="3" y="27" width="2" height="2" fill="#fff" stroke="#000" stroke-width="0.5"/></g></svg>)";

QString field(const HttpClient::Result &r)
{
    return r.json().value(QLatin1String("field")).toString();
}

} // namespace

class TestSetsApi : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;

    struct Client
    {
        TestAccount account;
        std::unique_ptr<HttpClient> http;
    };
    Client signIn()
    {
        Client c;
        c.account = createTestAccount(m_server->server().database(), m_clock->now());
        c.http = std::make_unique<HttpClient>(m_server->url());
        c.http->setBearer(c.account.token);
        return c;
    }
    QJsonObject create(HttpClient &http, const QString &prompt,
                       const QString &colorMode = QStringLiteral("dark"))
    {
        const auto r = http.postJson(QStringLiteral("/api/icons"),
                                     {{"prompt", prompt}, {"variantCount", 1}, {"colorMode", colorMode}});
        if (r.status != 201)
            qWarning() << "create failed:" << r.status << r.body;
        return r.json();
    }
    static QJsonObject firstScene(const QJsonObject &icon)
    {
        return icon.value(QLatin1String("variants"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("scene"))
            .toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanupTestCase() { m_server.reset(); }

    // Gear teeth 8 → 12: the answer and GET carry the new SVG and scene; the history page too.
    void patchParametersRedrawsAndStores()
    {
        Client c = signIn();
        const QJsonObject gear = create(*c.http, QStringLiteral("gear with eight teeth"));
        const QString id = gear.value(QLatin1String("id")).toString();
        QCOMPARE(firstScene(gear)
                     .value(QLatin1String("values"))
                     .toObject()
                     .value(QLatin1String("gear.teeth"))
                     .toInt(),
                 8);
        const QString before = gear.value(QLatin1String("svg")).toString();

        const auto r = c.http->patchJson(QStringLiteral("/api/icons/") + id,
                                         {{"parameters", QJsonObject{{"gear.teeth", 12}}}});
        QCOMPARE(r.status, 200);
        const QJsonObject patched = r.json();
        QCOMPARE(firstScene(patched)
                     .value(QLatin1String("values"))
                     .toObject()
                     .value(QLatin1String("gear.teeth"))
                     .toInt(),
                 12);
        const QString after = patched.value(QLatin1String("svg")).toString();
        QVERIFY(after != before);
        QVERIFY(after.startsWith(QLatin1String("<svg")));

        const QJsonObject stored = c.http->get(QStringLiteral("/api/icons/") + id).json();
        QCOMPARE(stored.value(QLatin1String("svg")).toString(), after);
        QCOMPARE(firstScene(stored)
                     .value(QLatin1String("values"))
                     .toObject()
                     .value(QLatin1String("gear.teeth"))
                     .toInt(),
                 12);
        const QJsonArray page =
            c.http->get(QStringLiteral("/api/icons?limit=5")).json().value(QLatin1String("data")).toArray();
        bool inHistory = false;
        for (const QJsonValue &v : page)
            inHistory = inHistory || (v.toObject().value(QLatin1String("id")).toString() == id &&
                                      v.toObject().value(QLatin1String("svg")).toString() == after);
        QVERIFY(inHistory);

        // Per-variant array form and `variant` are the same edit.
        const auto again = c.http->patchJson(QStringLiteral("/api/icons/") + id,
                                             {{"parameters", QJsonArray{QJsonObject{{"gear.teeth", 10}}}}});
        QCOMPARE(again.status, 200);
        QCOMPARE(firstScene(again.json())
                     .value(QLatin1String("values"))
                     .toObject()
                     .value(QLatin1String("gear.teeth"))
                     .toInt(),
                 10);
    }

    void patchParametersRefusesWhatIsOutOfRange()
    {
        Client c = signIn();
        const QJsonObject gear = create(*c.http, QStringLiteral("gear"));
        const QString id = gear.value(QLatin1String("id")).toString();
        const QString path = QStringLiteral("/api/icons/") + id;

        auto r = c.http->patchJson(path, {{"parameters", QJsonObject{{"gear.teeth", 99}}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("parameters"));
        QVERIFY2(r.json().value(QLatin1String("message")).toString().contains(QLatin1String("gear.teeth")),
                 r.body.constData());
        QVERIFY2(r.json().value(QLatin1String("message")).toString().contains(QLatin1String("24")),
                 r.body.constData());

        r = c.http->patchJson(path, {{"parameters", QJsonObject{{"gear.spokes", 3}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(QLatin1String("message")).toString().contains(QLatin1String("gear.spokes")));
        r = c.http->patchJson(path, {{"parameters", QJsonObject{{"gear.teeth", 12}}}, {"variant", 2}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("variant"));
        r = c.http->patchJson(path, {{"parameters", QJsonObject{}}});
        QCOMPARE(r.status, 400);
        r = c.http->patchJson(path, {{"colorMode", "sepia"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("colorMode"));

        // Nothing changed.
        const QJsonObject stored = c.http->get(path).json();
        QCOMPARE(stored.value(QLatin1String("svg")).toString(), gear.value(QLatin1String("svg")).toString());
        QCOMPARE(stored.value(QLatin1String("updatedAt")), gear.value(QLatin1String("updatedAt")));

        // Another ink draws every scene again and is stored.
        r = c.http->patchJson(path, {{"colorMode", "light"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("colorMode")).toString(), QStringLiteral("light"));
        QVERIFY(r.json().value(QLatin1String("svg")).toString() !=
                gear.value(QLatin1String("svg")).toString());

        // An imported SVG has no scene: 422, unchanged.
        const auto imported = c.http->postJson(QStringLiteral("/api/icons/import"),
                                               {{"name", "plain"}, {"svg", QString::fromLatin1(kImportSvg)}});
        QCOMPARE(imported.status, 201);
        const QString importedPath =
            QStringLiteral("/api/icons/") + imported.json().value(QLatin1String("id")).toString();
        r = c.http->patchJson(importedPath, {{"parameters", QJsonObject{{"gear.teeth", 12}}}});
        QCOMPARE(r.status, 422);
        r = c.http->patchJson(importedPath, {{"colorMode", "light"}});
        QCOMPARE(r.status, 422);
    }

    void setsGroupIconsAndRestyleEveryScene()
    {
        Client c = signIn();
        Client other = signIn();
        const QString gear = create(*c.http, QStringLiteral("gear")).value(QLatin1String("id")).toString();
        const QString box = create(*c.http, QStringLiteral("box")).value(QLatin1String("id")).toString();
        const QString gear2 =
            create(*c.http, QStringLiteral("gear with 12 teeth")).value(QLatin1String("id")).toString();

        auto r = c.http->postJson(QStringLiteral("/api/sets"),
                                  {{"name", "Mesh tools"}, {"iconIds", QJsonArray{gear, box, gear2}}});
        QCOMPARE(r.status, 201);
        const QJsonObject set = r.json();
        const QString setPath = QStringLiteral("/api/sets/") + set.value(QLatin1String("id")).toString();
        QCOMPARE(set.value(QLatin1String("colorMode")).toString(), QStringLiteral("dark"));
        QJsonArray icons = set.value(QLatin1String("icons")).toArray();
        QCOMPARE(icons.size(), 3);
        QCOMPARE(icons.at(0).toObject().value(QLatin1String("id")).toString(), gear);
        // Unique file names from the icon names.
        QCOMPARE(icons.at(0).toObject().value(QLatin1String("fileName")).toString(), QStringLiteral("gear"));
        QCOMPARE(icons.at(1).toObject().value(QLatin1String("fileName")).toString(), QStringLiteral("box"));
        QVERIFY(icons.at(2).toObject().value(QLatin1String("fileName")).toString() != QStringLiteral("gear"));
        const QString darkGear = icons.at(0).toObject().value(QLatin1String("svg")).toString();

        // Another style: every scene drawn again in the new ink; the icons themselves keep theirs.
        r = c.http->patchJson(setPath, {{"colorMode", "light"}});
        QCOMPARE(r.status, 200);
        icons = r.json().value(QLatin1String("icons")).toArray();
        QCOMPARE(icons.size(), 3);
        for (const QJsonValue &v : std::as_const(icons))
            QVERIFY(v.toObject().value(QLatin1String("inSetInk")).toBool());
        const QString lightGear = icons.at(0).toObject().value(QLatin1String("svg")).toString();
        QVERIFY(lightGear != darkGear);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons/") + gear)
                     .json()
                     .value(QLatin1String("colorMode"))
                     .toString(),
                 QStringLiteral("dark"));
        QCOMPARE(c.http->get(setPath)
                     .json()
                     .value(QLatin1String("icons"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("svg"))
                     .toString(),
                 lightGear);

        // Reorder and rename; the list shows it.
        r = c.http->patchJson(setPath, {{"iconIds", QJsonArray{box, gear}}, {"name", "Solids"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()
                     .value(QLatin1String("icons"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("id"))
                     .toString(),
                 box);
        const QJsonArray list =
            c.http->get(QStringLiteral("/api/sets")).json().value(QLatin1String("data")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Solids"));
        QCOMPARE(list.at(0).toObject().value(QLatin1String("iconCount")).toInt(), 2);

        // Mistakes: named fields, nothing changed.
        r = c.http->postJson(QStringLiteral("/api/sets"), {{"name", "solids"}});
        QCOMPARE(r.status, 409);
        r = c.http->postJson(QStringLiteral("/api/sets"), {{"name", "  "}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("name"));
        r = c.http->patchJson(setPath, {{"iconIds", QJsonArray{box, QStringLiteral("not-an-id")}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("iconIds[1]"));
        r = c.http->patchJson(setPath, {{"iconIds", QJsonArray{box, box}}});
        QCOMPARE(r.status, 400);
        const QString othersIcon =
            create(*other.http, QStringLiteral("cone")).value(QLatin1String("id")).toString();
        r = c.http->patchJson(setPath, {{"iconIds", QJsonArray{othersIcon}}});
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), QStringLiteral("iconIds[0]"));
        QCOMPARE(c.http->get(setPath).json().value(QLatin1String("iconCount")).toInt(), 2);
        QCOMPARE(c.http->patchJson(setPath, {{"colorMode", "grey"}}).status, 400);
        QCOMPARE(c.http->patchJson(setPath, QJsonObject{}).status, 400);

        // Another user's set does not exist for them.
        QCOMPARE(other.http->get(setPath).status, 404);
        QCOMPARE(other.http->patchJson(setPath, {{"name", "mine"}}).status, 404);
        QCOMPARE(other.http->del(setPath).status, 404);
        QCOMPARE(
            other.http->get(QStringLiteral("/api/sets")).json().value(QLatin1String("data")).toArray().size(),
            0);

        // A deleted icon leaves the set; a deleted set leaves its icons.
        QCOMPARE(c.http->del(QStringLiteral("/api/icons/") + box).status, 204);
        QCOMPARE(c.http->get(setPath).json().value(QLatin1String("iconCount")).toInt(), 1);
        QCOMPARE(c.http->del(setPath).status, 204);
        QCOMPARE(c.http->get(setPath).status, 404);
        QCOMPARE(c.http->get(QStringLiteral("/api/icons/") + gear).status, 200);
        QCOMPARE(c.http->get(QStringLiteral("/api/sets/nope")).status, 404);
    }
};

QTEST_MAIN(TestSetsApi)
#include "tst_setsapi.moc"
