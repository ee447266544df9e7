// API keys (issue 15) through the real server over HTTP: issue, use on the icon routes with X-API-Key,
// list, revoke, expiry with the injected clock, wrong and malformed keys, keys on session-only routes,
// the per-user generation limits, the per-user cap on active keys, "last used" written in batches
// (periodically, at shutdown and from several processes), the sweep of revoked keys, and keys never
// reaching a log.
#include "core/clock.h"
#include "core/logging.h"
#include "db/database.h"
#include "db/sqlquery.h"
#include "server/httpclient.h"
#include "server/logcapture.h"
#include "server/testserver.h"
#include "testaccounts.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

namespace {

const QRegularExpression kKeyShape(QStringLiteral("^pi_[A-Za-z0-9_-]{43}$"));

QList<HttpClient::Header> keyHeader(const QByteArray &key)
{
    return {{"X-API-Key", key}};
}

// Every non-2xx answer carries the JSON error body.
bool isErrorBody(const HttpClient::Result &r, const QString &code)
{
    const QJsonObject o = r.json();
    return o.value("error").toString() == code && !o.value("message").toString().isEmpty() &&
           !o.value("requestId").toString().isEmpty() && !o.value("_tag").toString().isEmpty();
}

QJsonObject generateBody(const QString &prompt = QStringLiteral("fillet two curves"))
{
    return {{QStringLiteral("prompt"), prompt}};
}

} // namespace

class TestApiKeys : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;

    static TestServer::Variables variables(const QString &flushSeconds = QStringLiteral("3600"))
    {
        return {{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")},
                {QStringLiteral("GENERATION_BUILTIN_RATE_PER_MIN"), QStringLiteral("3")},
                {QStringLiteral("API_KEYS_MAX_PER_USER"), QStringLiteral("5")},
                {QStringLiteral("API_KEY_USAGE_FLUSH_S"), flushSeconds}};
    }

    Database &db() { return m_server->server().database(); }

    struct User
    {
        TestAccount account;
        std::unique_ptr<HttpClient> session; // Authorization: Bearer
        std::unique_ptr<HttpClient> plain;   // no credentials of its own (for X-API-Key)
    };
    User newUser(TestServer &server, const QString &label = {})
    {
        User u;
        u.account = createTestAccount(server.server().database(), m_clock->now(), label);
        u.session = std::make_unique<HttpClient>(server.url());
        u.session->setBearer(u.account.token);
        u.plain = std::make_unique<HttpClient>(server.url());
        return u;
    }
    User newUser(const QString &label = {}) { return newUser(*m_server, label); }

    // Creates a key through the API; fails the test on anything but 201.
    QJsonObject createKey(HttpClient &session, const QString &name, const QJsonValue &expiresAt = {})
    {
        QJsonObject body{{QStringLiteral("name"), name}};
        if (!expiresAt.isUndefined())
            body.insert(QStringLiteral("expiresAt"), expiresAt);
        const auto r = session.postJson(QStringLiteral("/api/auth/api-keys"), body);
        if (r.status != 201)
            qWarning() << "create key:" << r.status << r.body;
        return r.status == 201 ? r.json() : QJsonObject();
    }

    QVariant scalar(Database &database, const QString &sql, const QString &id)
    {
        SqlQuery q(database.connection(), sql);
        q.bind(QStringLiteral(":id"), id).exec();
        return q.next() ? q.value(0) : QVariant();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        m_server = std::make_unique<TestServer>(variables(), options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }

    void cleanupTestCase() { m_server.reset(); }

    // The whole life of a key: issued once, stored hashed, generates icons as its user, listed
    // without the secret, revoked → 401 at once.
    void issueUseListRevoke()
    {
        User ada = newUser(QStringLiteral("ada"));
        const auto created =
            ada.session->postJson(QStringLiteral("/api/auth/api-keys"),
                                  {{QStringLiteral("name"), QStringLiteral("  CI toolbar  ")}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject key = created.json();
        const QByteArray secret = key.value("key").toString().toLatin1();
        QVERIFY2(kKeyShape.match(QString::fromLatin1(secret)).hasMatch(), secret.constData());
        QCOMPARE(key.value("name").toString(), QStringLiteral("CI toolbar"));
        QCOMPARE(key.value("prefix").toString(), QString::fromLatin1(secret.left(11)));
        QVERIFY(key.value("expiresAt").isNull());
        QVERIFY(key.value("lastUsedAt").isNull());
        const QString id = key.value("id").toString();
        QVERIFY(!id.isEmpty());

        // Only the SHA-256 is stored: no column of the row holds the key.
        const QString hash =
            QString::fromLatin1(QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex());
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT key_hash FROM api_keys WHERE id = :id::uuid"), id).toString(),
            hash);
        const QString row =
            scalar(db(), QStringLiteral("SELECT row_to_json(k)::text FROM api_keys k WHERE id = :id::uuid"),
                   id)
                .toString();
        QVERIFY(row.contains(hash));
        QVERIFY(!row.contains(QString::fromLatin1(secret.mid(11))));

        // The key generates icons as Ada, on every icon route.
        const auto generated =
            ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(secret));
        QCOMPARE(generated.status, 201);
        const QString iconId = generated.json().value("id").toString();
        const auto listedWithSession = ada.session->get(QStringLiteral("/api/icons"));
        QCOMPARE(listedWithSession.json().value("data").toArray().first().toObject().value("id").toString(),
                 iconId);
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons/") + iconId, keyHeader(secret)).status, 200);
        QCOMPARE(
            ada.plain->get(QStringLiteral("/api/icons/") + iconId + QStringLiteral("/svg"), keyHeader(secret))
                .status,
            200);

        // Listed with name, prefix and times, never the key or its hash.
        const auto list = ada.session->get(QStringLiteral("/api/auth/api-keys"));
        QCOMPARE(list.status, 200);
        QVERIFY(!list.body.contains(secret));
        QVERIFY(!list.body.contains(secret.mid(11)));
        QVERIFY(!list.body.contains(hash.toLatin1()));
        const QJsonArray keys = list.json().value("data").toArray();
        QCOMPARE(keys.size(), 1);
        const QJsonObject listed = keys.first().toObject();
        QCOMPARE(listed.value("id").toString(), id);
        QCOMPARE(listed.value("name").toString(), QStringLiteral("CI toolbar"));
        QCOMPARE(listed.value("prefix").toString(), key.value("prefix").toString());
        QVERIFY(!listed.contains("key"));
        QVERIFY(!listed.value("createdAt").toString().isEmpty());
        QVERIFY(!listed.value("lastUsedAt").toString().isEmpty());
        QVERIFY(listed.value("expiresAt").isNull());
        QCOMPARE(listed.value("expired").toBool(), false);

        // Revoked: the same call gets 401 with the JSON error body; the key leaves the list.
        QCOMPARE(ada.session->del(QStringLiteral("/api/auth/api-keys/") + id).status, 204);
        const auto refused =
            ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(secret));
        QCOMPARE(refused.status, 401);
        QVERIFY(isErrorBody(refused, QStringLiteral("invalid_api_key")));
        QVERIFY(refused.header("WWW-Authenticate").startsWith("ApiKey"));
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 401);
        QVERIFY(
            ada.session->get(QStringLiteral("/api/auth/api-keys")).json().value("data").toArray().isEmpty());
        QCOMPARE(ada.session->del(QStringLiteral("/api/auth/api-keys/") + id).status, 404);
    }

    // Another user's key, an unknown id and a malformed id are all 404; the key survives.
    void revokeIsPerUser()
    {
        User ada = newUser(QStringLiteral("ada"));
        User bob = newUser(QStringLiteral("bob"));
        const QJsonObject key = createKey(*ada.session, QStringLiteral("ada's"));
        const QString id = key.value("id").toString();
        const auto other = bob.session->del(QStringLiteral("/api/auth/api-keys/") + id);
        QCOMPARE(other.status, 404);
        QVERIFY(isErrorBody(other, QStringLiteral("not_found")));
        QCOMPARE(bob.session->del(QStringLiteral("/api/auth/api-keys/0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d"))
                     .status,
                 404);
        QCOMPARE(ada.session->del(QStringLiteral("/api/auth/api-keys/not-a-uuid")).status, 404);
        QCOMPARE(
            ada.session->del(QStringLiteral("/api/auth/api-keys/%7B") + id + QStringLiteral("%7D")).status,
            404);
        QVERIFY(
            bob.session->get(QStringLiteral("/api/auth/api-keys")).json().value("data").toArray().isEmpty());
        QCOMPARE(
            ada.plain->get(QStringLiteral("/api/icons"), keyHeader(key.value("key").toString().toLatin1()))
                .status,
            200);
        // Bob's key sees Bob's icons only.
        const QByteArray bobKey =
            createKey(*bob.session, QStringLiteral("bob's")).value("key").toString().toLatin1();
        QCOMPARE(ada.plain
                     ->postJson(QStringLiteral("/api/icons"), generateBody(),
                                keyHeader(key.value("key").toString().toLatin1()))
                     .status,
                 201);
        QCOMPARE(
            bob.plain->get(QStringLiteral("/api/icons"), keyHeader(bobKey)).json().value("total").toInt(), 0);
    }

    void expiryFollowsTheClock()
    {
        User ada = newUser();
        const QDateTime expiresAt = m_clock->now().addSecs(3600);
        const QJsonObject key =
            createKey(*ada.session, QStringLiteral("one hour"), expiresAt.toString(Qt::ISODateWithMs));
        QCOMPARE(QDateTime::fromString(key.value("expiresAt").toString(), Qt::ISODateWithMs), expiresAt);
        const QByteArray secret = key.value("key").toString().toLatin1();
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);

        m_clock->advance(3601);
        const auto expired = ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret));
        QCOMPARE(expired.status, 401);
        QVERIFY(isErrorBody(expired, QStringLiteral("invalid_api_key")));
        // Still listed, marked expired, so the user sees why the script stopped.
        const QJsonObject listed = ada.session->get(QStringLiteral("/api/auth/api-keys"))
                                       .json()
                                       .value("data")
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(listed.value("id").toString(), key.value("id").toString());
        QCOMPARE(listed.value("expired").toBool(), true);

        // A time zone offset is honoured.
        const QJsonObject offset =
            createKey(*ada.session, QStringLiteral("offset"),
                      m_clock->now().toOffsetFromUtc(2 * 3600).addSecs(60).toString(Qt::ISODate));
        QVERIFY(!offset.isEmpty());
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name") << QByteArray(R"({})") << "name";
        QTest::newRow("null name") << QByteArray(R"({"name":null})") << "name";
        QTest::newRow("empty name") << QByteArray(R"({"name":""})") << "name";
        QTest::newRow("blank name") << QByteArray(R"({"name":"   "})") << "name";
        QTest::newRow("number name") << QByteArray(R"({"name":7})") << "name";
        QTest::newRow("101 characters") << ("{\"name\":\"" + QByteArray(101, 'x') + "\"}") << "name";
        QTest::newRow("control character") << QByteArray(R"({"name":"a\u0007b"})") << "name";
        QTest::newRow("newline") << QByteArray(R"({"name":"a\nb"})") << "name";
        QTest::newRow("past expiry") << QByteArray(R"({"name":"x","expiresAt":"2001-01-01T00:00:00Z"})")
                                     << "expiresAt";
        QTest::newRow("no time zone")
            << QByteArray(R"({"name":"x","expiresAt":"2999-01-01T00:00:00"})") << "expiresAt";
        QTest::newRow("date only") << QByteArray(R"({"name":"x","expiresAt":"2999-01-01"})") << "expiresAt";
        QTest::newRow("not a date") << QByteArray(R"({"name":"x","expiresAt":"tomorrow"})") << "expiresAt";
        QTest::newRow("impossible date")
            << QByteArray(R"({"name":"x","expiresAt":"2999-02-30T00:00:00Z"})") << "expiresAt";
        QTest::newRow("number expiry") << QByteArray(R"({"name":"x","expiresAt":1893456000})") << "expiresAt";
    }

    void validation()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        User ada = newUser();
        const auto r = ada.session->request("POST", QStringLiteral("/api/auth/api-keys"), body,
                                            {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QVERIFY(isErrorBody(r, QStringLiteral("validation_error")));
        QCOMPARE(r.json().value("field").toString(), field);
        QVERIFY(
            ada.session->get(QStringLiteral("/api/auth/api-keys")).json().value("data").toArray().isEmpty());
    }

    void namesCountCharacters()
    {
        User ada = newUser();
        // 100 characters outside the Basic Multilingual Plane (200 UTF-16 units) are 100 characters.
        QString hundred;
        for (int i = 0; i < 100; ++i)
            hundred += QString::fromUcs4(U"\U0001F511");
        QCOMPARE(createKey(*ada.session, hundred).value("name").toString(), hundred);
        const auto tooLong = ada.session->postJson(QStringLiteral("/api/auth/api-keys"),
                                                   {{QStringLiteral("name"), hundred + u'x'}});
        QCOMPARE(tooLong.status, 400);
        QCOMPARE(ada.session
                     ->postJson(QStringLiteral("/api/auth/api-keys"),
                                {{QStringLiteral("name"), QStringLiteral("x")}},
                                {{"Content-Type", "text/plain"}})
                     .status,
                 415);
    }

    // Unknown, malformed, doubled and mixed credentials: a clear 401 or 400 with the JSON body,
    // never a 500, and nothing reaches the handler.
    void wrongAndMalformedKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("unknown") << QByteArray("pi_") + QByteArray(43, 'A');
        QTest::newRow("too short") << QByteArray("pi_abc");
        QTest::newRow("too long") << QByteArray("pi_") + QByteArray(44, 'A');
        QTest::newRow("wrong prefix") << QByteArray("sk_") + QByteArray(43, 'A');
        QTest::newRow("bad characters") << QByteArray("pi_") + QByteArray(42, 'A') + '+';
        QTest::newRow("bearer scheme") << QByteArray("Bearer pi_") + QByteArray(43, 'A');
        QTest::newRow("a session token") << QByteArray("session-token");
    }

    void wrongAndMalformedKeys()
    {
        QFETCH(QByteArray, key);
        User ada = newUser();
        QByteArray sent = key;
        if (sent == "session-token")
            sent = ada.account.token;
        const auto r = ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(sent));
        QCOMPARE(r.status, 401);
        QVERIFY(isErrorBody(r, QStringLiteral("invalid_api_key")));
        QVERIFY(!r.header("WWW-Authenticate").isEmpty());
        QCOMPARE(ada.session->get(QStringLiteral("/api/icons")).json().value("total").toInt(), 0);
    }

    void doubledOrMixedCredentials()
    {
        User ada = newUser();
        const QByteArray secret =
            createKey(*ada.session, QStringLiteral("k")).value("key").toString().toLatin1();
        // Key and bearer token together: which one acts would be a guess.
        const auto both = ada.session->get(QStringLiteral("/api/icons"), keyHeader(secret));
        QCOMPARE(both.status, 400);
        QVERIFY(isErrorBody(both, QStringLiteral("invalid_request")));
        // Two X-API-Key headers (QNetworkAccessManager merges them, so raw bytes).
        const QByteArray twice = HttpClient::raw(
            m_server->port(), "GET /api/icons HTTP/1.1\r\nHost: x\r\nX-API-Key: " + secret +
                                  "\r\nX-API-Key: " + secret + "\r\nConnection: close\r\n\r\n");
        QVERIFY2(twice.startsWith("HTTP/1.1 400"), twice.left(200).constData());
        QVERIFY(twice.contains("\"invalid_request\""));
        // An empty X-API-Key is a key that is wrong, not a missing one.
        const QByteArray empty =
            HttpClient::raw(m_server->port(), "GET /api/icons HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                                              "\r\nConnection: close\r\n\r\n");
        QVERIFY2(empty.startsWith("HTTP/1.1 401"), empty.left(200).constData());
        QVERIFY(empty.contains("\"invalid_api_key\""));
    }

    // Keys cannot manage keys, list or end sessions, or read the account: 401 session_required.
    void keyOnSessionOnlyRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("me") << QByteArray("GET") << "/api/auth/me";
        QTest::newRow("sessions") << QByteArray("GET") << "/api/auth/sessions";
        QTest::newRow("logout") << QByteArray("POST") << "/api/auth/logout?all=true";
        QTest::newRow("list keys") << QByteArray("GET") << "/api/auth/api-keys";
        QTest::newRow("create key") << QByteArray("POST") << "/api/auth/api-keys";
        QTest::newRow("revoke key") << QByteArray("DELETE") << "/api/auth/api-keys/{id}";
    }

    void keyOnSessionOnlyRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        User ada = newUser();
        const QJsonObject key = createKey(*ada.session, QStringLiteral("ci"));
        const QByteArray secret = key.value("key").toString().toLatin1();
        path.replace(QStringLiteral("{id}"), key.value("id").toString());
        const auto r = ada.plain->request(method, path,
                                          method == "POST" ? QByteArray(R"({"name":"more"})") : QByteArray(),
                                          {{"X-API-Key", secret}, {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 401);
        QVERIFY(isErrorBody(r, QStringLiteral("session_required")));
        QVERIFY(r.json().value("message").toString().contains(QStringLiteral("session")));
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
        // Nothing happened: one key, still working, and the session is alive.
        QCOMPARE(ada.session->get(QStringLiteral("/api/auth/api-keys")).json().value("data").toArray().size(),
                 1);
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);
        QCOMPARE(ada.session->get(QStringLiteral("/api/auth/me")).status, 200);
    }

    // Generations through a key count toward the key's user, exactly like the user's own session
    // (GENERATION_BUILTIN_RATE_PER_MIN = 3 here); other users are not affected.
    void generationLimitsArePerUser()
    {
        m_clock->advance(120); // a fresh rate window for everyone
        User ada = newUser();
        User bob = newUser();
        const QByteArray adaKey =
            createKey(*ada.session, QStringLiteral("a1")).value("key").toString().toLatin1();
        const QByteArray adaKey2 =
            createKey(*ada.session, QStringLiteral("a2")).value("key").toString().toLatin1();
        const QByteArray bobKey =
            createKey(*bob.session, QStringLiteral("b")).value("key").toString().toLatin1();
        QCOMPARE(ada.session->postJson(QStringLiteral("/api/icons"), generateBody()).status, 201);
        QCOMPARE(ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(adaKey)).status,
                 201);
        QCOMPARE(ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(adaKey2)).status,
                 201);
        const auto limited =
            ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(adaKey));
        QCOMPARE(limited.status, 429);
        QVERIFY(isErrorBody(limited, QStringLiteral("rate_limited")));
        QVERIFY(limited.header("Retry-After").toInt() >= 1);
        QCOMPARE(ada.session->postJson(QStringLiteral("/api/icons"), generateBody()).status, 429);
        QCOMPARE(bob.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(bobKey)).status,
                 201);
        m_clock->advance(61);
        QCOMPARE(ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(adaKey)).status,
                 201);
    }

    // At most API_KEYS_MAX_PER_USER (5 here) live keys; revoked and expired ones free their place.
    void activeKeysAreCapped()
    {
        User ada = newUser();
        QStringList ids;
        for (int i = 0; i < 4; ++i)
            ids << createKey(*ada.session, QStringLiteral("key %1").arg(i)).value("id").toString();
        const QString expiring = createKey(*ada.session, QStringLiteral("short"),
                                           m_clock->now().addSecs(60).toString(Qt::ISODateWithMs))
                                     .value("id")
                                     .toString();
        QVERIFY(!expiring.isEmpty());
        const auto full = ada.session->postJson(QStringLiteral("/api/auth/api-keys"),
                                                {{QStringLiteral("name"), QStringLiteral("6th")}});
        QCOMPARE(full.status, 409);
        QVERIFY(isErrorBody(full, QStringLiteral("api_key_limit")));
        QVERIFY(full.json().value("message").toString().contains(QStringLiteral("5")));
        // Another user is not affected.
        User bob = newUser();
        QVERIFY(!createKey(*bob.session, QStringLiteral("bob")).isEmpty());
        // Revoking frees a place …
        QCOMPARE(ada.session->del(QStringLiteral("/api/auth/api-keys/") + ids.first()).status, 204);
        QVERIFY(!createKey(*ada.session, QStringLiteral("replacement")).isEmpty());
        QCOMPARE(ada.session
                     ->postJson(QStringLiteral("/api/auth/api-keys"),
                                {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
                 409);
        // … and so does expiry.
        m_clock->advance(61);
        QVERIFY(!createKey(*ada.session, QStringLiteral("after expiry")).isEmpty());
    }

    // Concurrent creations cannot overshoot the cap.
    void concurrentCreationsRespectTheCap()
    {
        User ada = newUser();
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 10; ++i) {
            QNetworkRequest request(m_server->url().resolved(QUrl(QStringLiteral("/api/auth/api-keys"))));
            request.setRawHeader("Authorization", "Bearer " + ada.account.token);
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            replies << nam.post(request, QByteArray(R"({"name":"parallel"})"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }),
            20000);
        int created = 0, refused = 0;
        for (QNetworkReply *r : std::as_const(replies)) {
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            created += status == 201;
            refused += status == 409;
            r->deleteLater();
        }
        QCOMPARE(created, 5);
        QCOMPARE(refused, 5);
        QCOMPARE(ada.session->get(QStringLiteral("/api/auth/api-keys")).json().value("data").toArray().size(),
                 5);
    }

    void keysOfADeletedUserStop()
    {
        User ada = newUser();
        const QByteArray secret =
            createKey(*ada.session, QStringLiteral("k")).value("key").toString().toLatin1();
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);
        scalar(db(), QStringLiteral("UPDATE users SET deleted_at = now() WHERE id = :id::uuid RETURNING 1"),
               ada.account.userId);
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 401);
    }

    // "Last used" is kept in memory and written in batches: not per request, periodically, at
    // shutdown, and from several processes without ever moving backwards.
    void lastUsedIsWrittenInBatches()
    {
        const DatabaseSettings database = TestServer::freshDatabase(QStringLiteral("lastused"));
        auto lateClock = std::make_shared<ManualClock>();
        auto earlyClock = std::make_shared<ManualClock>();
        earlyClock->advance(-3600);
        ApiServerOptions late;
        late.clock = lateClock;
        ApiServerOptions early;
        early.clock = earlyClock;
        // Process A writes only at shutdown (hourly flush); process B every second.
        auto a = std::make_unique<TestServer>(variables(QStringLiteral("3600")), late, database);
        TestServer b(variables(QStringLiteral("1")), early, database);
        QVERIFY2(a->start(), qPrintable(a->error()));
        QVERIFY2(b.start(), qPrintable(b.error()));

        User ada = newUser(*a);
        const QJsonObject key = createKey(*ada.session, QStringLiteral("batched"));
        const QByteArray secret = key.value("key").toString().toLatin1();
        const QString id = key.value("id").toString();
        Database &store = b.server().database();
        const QString lastUsed = QStringLiteral("SELECT last_used_at FROM api_keys WHERE id = :id::uuid");

        for (int i = 0; i < 5; ++i)
            QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);
        // Not written yet, but A's own list already shows it.
        QVERIFY(scalar(store, lastUsed, id).isNull());
        const QJsonObject listed = ada.session->get(QStringLiteral("/api/auth/api-keys"))
                                       .json()
                                       .value("data")
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(QDateTime::fromString(listed.value("lastUsedAt").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 lateClock->now().toMSecsSinceEpoch());

        // B flushes within a second or two of a use (its clock is an hour behind A's).
        HttpClient viaB(b.url());
        QCOMPARE(viaB.get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!scalar(store, lastUsed, id).isNull(), 10000);
        QCOMPARE(scalar(store, lastUsed, id).toDateTime().toMSecsSinceEpoch(),
                 earlyClock->now().toMSecsSinceEpoch());

        // A writes its later use when it shuts down; B's earlier use, flushed again, does not win.
        a.reset();
        QCOMPARE(scalar(store, lastUsed, id).toDateTime().toMSecsSinceEpoch(),
                 lateClock->now().toMSecsSinceEpoch());
        QCOMPARE(viaB.get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 200);
        QTest::qWait(2500); // two of B's flush periods
        QCOMPARE(scalar(store, lastUsed, id).toDateTime().toMSecsSinceEpoch(),
                 lateClock->now().toMSecsSinceEpoch());

        // A revoked key stays in the table (its uses are logged as "revoked") until 30 days later,
        // when a flush sweeps it.
        HttpClient sessionViaB(b.url());
        sessionViaB.setBearer(ada.account.token);
        QCOMPARE(sessionViaB.del(QStringLiteral("/api/auth/api-keys/") + id).status, 204);
        const QString exists = QStringLiteral("SELECT count(*) FROM api_keys WHERE id = :id::uuid");
        earlyClock->advance(29 * 86400);
        QTest::qWait(1500); // at least one of B's flushes, with a sweep (more than an hour since the last)
        QCOMPARE(scalar(store, exists, id).toInt(), 1);
        earlyClock->advance(2 * 86400);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(store, exists, id).toInt(), 0, 10000);
    }

    // Neither the key nor its secret part ever reaches a log line, whatever happens to the key;
    // a key pasted where it does not belong (a URL path, which the request log prints) is redacted
    // by the log handler.
    void keysNeverReachTheLog()
    {
        LogCapture logs;
        User ada = newUser();
        const QJsonObject key = createKey(*ada.session, QStringLiteral("logged?"));
        const QByteArray secret = key.value("key").toString().toLatin1();
        QCOMPARE(ada.plain->postJson(QStringLiteral("/api/icons"), generateBody(), keyHeader(secret)).status,
                 201);
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons?api_key=") + QString::fromLatin1(secret)).status,
                 401);
        QCOMPARE(ada.session->del(QStringLiteral("/api/auth/api-keys/") + key.value("id").toString()).status,
                 204);
        QCOMPARE(ada.plain->get(QStringLiteral("/api/icons"), keyHeader(secret)).status, 401);
        QCOMPARE(
            ada.plain->get(QStringLiteral("/api/icons"), keyHeader(QByteArray("pi_") + QByteArray(43, 'Z')))
                .status,
            401);
        QVERIFY(logs.contains(key.value("id").toString())); // revocations are logged by id
        for (const QString &line : logs.lines())
            QVERIFY2(!line.contains(QString::fromLatin1(secret.mid(3))), qPrintable(line));

        const auto pasted = ada.session->get(QStringLiteral("/api/icons/") + QString::fromLatin1(secret));
        QCOMPARE(pasted.status, 404);
        bool sawPath = false;
        for (const QString &line : logs.lines()) {
            if (!line.contains(QString::fromLatin1(secret)))
                continue;
            sawPath = true;
            const QByteArray printed = logging::redact(line.toUtf8());
            QVERIFY2(!printed.contains(secret.mid(3)), printed.constData());
            QVERIFY(printed.contains("[redacted]"));
        }
        QVERIFY(sawPath); // the request log did print that path; the handler redacts it
    }
};

QTEST_GUILESS_MAIN(TestApiKeys)
#include "tst_apikeys.moc"
