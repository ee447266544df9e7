// Toolbar sets over real HTTP against an in-process ApiServer (built-in generator) on a real PostgreSQL:
// sets created with icons, renamed, restyled (every scene drawn again in the new ink), reordered, another
// user's set and icons out of reach, duplicate names 409, deleted sets leaving their icons.
#include "../icons/testaccounts.h"
#include "core/clock.h"
#include "db/database.h"
#include "server/httpclient.h"
#include "server/testserver.h"

#include <QJsonArray>
#include <QTest>

namespace {

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
