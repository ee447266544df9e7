// The validated-access-token cache (issue 12): the cache on its own (lifetime, expiry, revisions,
// bounded size), then the real server on the real database, where a revoked token must be refused
//   - on the process that revoked it as soon as the revoking request has answered (logout, session
//     deletion, refresh rotation, refresh-token reuse);
//   - after another writer's revocation (another process, an operator) within one second, through
//     LISTEN/NOTIFY (session, access token, user deletion);
//   - never later than the cache's lifetime even when the notification is lost, and at once when
//     the listener's connection drops (the cache empties, then the listener reconnects).
// Two real processes are covered by tests/server/ops/tst_scaleout.cpp.
#include "auth/tokencache.h"
#include "auth/tokencrypto.h"
#include "core/clock.h"
#include "db/database.h"
#include "server/httpclient.h"
#include "server/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

const QByteArray kLocalSecret = "token-cache-local-secret-0123456789";

TokenCache::Entry entry(const QString &user, const QString &session, const QString &token,
                        const QDateTime &validUntil)
{
    TokenCache::Entry e;
    e.who.userId = user;
    e.who.sessionId = session;
    e.who.familyId = session;
    e.accessTokenId = token;
    e.validUntil = validUntil;
    return e;
}

struct Tokens
{
    QByteArray access;
    QByteArray refresh;
};

} // namespace

class TestTokenCache : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;

    // A fresh login of the local user.
    static Tokens signIn(TestServer &server)
    {
        HttpClient http(server.url());
        const auto r = http.postJson(QStringLiteral("/api/auth/local"),
                                     {{QStringLiteral("secret"), QString::fromLatin1(kLocalSecret)}});
        if (r.status != 200)
            qWarning() << "local sign-in:" << r.status << r.body;
        return {r.json().value(QStringLiteral("accessToken")).toString().toLatin1(),
                r.json().value(QStringLiteral("refreshToken")).toString().toLatin1()};
    }

    static int me(TestServer &server, const QByteArray &token)
    {
        HttpClient http(server.url());
        http.setBearer(token);
        return http.get(QStringLiteral("/api/auth/me")).status;
    }

    // Runs `sql` as another writer of the database would (an operator, another process). With
    // `silently`, row triggers are off for it (session_replication_role = replica): the change
    // happens but no NOTIFY is sent — a notification lost on its way.
    static void write(const TestServer &server, const QString &sql, bool silently = false)
    {
        const QString name = QStringLiteral("tst-tokencache-writer");
        {
            QSqlDatabase db = openConnection(server.database(), name);
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            if (silently)
                QVERIFY(q.exec(QStringLiteral("SET session_replication_role = replica")));
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // True once the server's revocation listener is subscribed (its cache is on).
    static bool listening(TestServer &server)
    {
        QElapsedTimer timer;
        timer.start();
        while (!server.server().tokenCache().isActive() && timer.elapsed() < 10000)
            QTest::qWait(20);
        return server.server().tokenCache().isActive();
    }

    static bool isCached(TestServer &server, const QByteArray &token)
    {
        return server.server().tokenCache().contains(tokencrypto::hash(token));
    }

    // A fresh login whose access token the server has validated once, and so cached; empty tokens
    // when that did not happen.
    static Tokens cachedLogin(TestServer &server)
    {
        if (!listening(server))
            return {};
        const Tokens t = signIn(server);
        if (me(server, t.access) != 200 || !isCached(server, t.access))
            return {};
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = kLocalSecret;
        m_server = std::make_unique<TestServer>(TestServer::Variables{}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }

    void cleanupTestCase() { m_server.reset(); }

    // --- the cache on its own ---

    void offUntilTheListenerIsSubscribed()
    {
        TokenCache cache(m_clock, 60000);
        const QDateTime later = m_clock->now().addSecs(600);
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", later), cache.revision());
        QVERIFY(!cache.find(QStringLiteral("h")));
        cache.setListening(true);
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", later), cache.revision());
        QCOMPARE(cache.find(QStringLiteral("h"))->userId, QStringLiteral("u"));
        // Losing the listener empties it and keeps it off.
        cache.setListening(false);
        QCOMPARE(cache.size(), 0);
        QVERIFY(!cache.find(QStringLiteral("h")));
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", later), cache.revision());
        QCOMPARE(cache.size(), 0);
    }

    void zeroLifetimeCachesNothing()
    {
        TokenCache cache(m_clock, 0);
        cache.setListening(true);
        QVERIFY(!cache.isActive());
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", m_clock->now().addSecs(600)),
                     cache.revision());
        QVERIFY(!cache.find(QStringLiteral("h")));
    }

    void revocationsAndNotificationsRemoveTheirEntries()
    {
        TokenCache cache(m_clock, 60000);
        cache.setListening(true);
        const QDateTime later = m_clock->now().addSecs(600);
        auto fill = [&] {
            cache.insert(QStringLiteral("h1"), entry("u1", "s1", "a1", later), cache.revision());
            cache.insert(QStringLiteral("h2"), entry("u1", "s2", "a2", later), cache.revision());
            cache.insert(QStringLiteral("h3"), entry("u2", "s3", "a3", later), cache.revision());
            QCOMPARE(cache.size(), 3);
        };
        fill();
        cache.revokeAccessToken(QStringLiteral("a2"));
        QVERIFY(cache.find(QStringLiteral("h1")) && !cache.find(QStringLiteral("h2")));
        cache.revokeSession(QStringLiteral("s1"));
        QVERIFY(!cache.find(QStringLiteral("h1")) && cache.find(QStringLiteral("h3")));
        fill();
        cache.revokeUser(QStringLiteral("u1"));
        QVERIFY(!cache.find(QStringLiteral("h1")) && !cache.find(QStringLiteral("h2")) &&
                cache.find(QStringLiteral("h3")));

        fill();
        cache.applyNotification(u"a:a1");
        QVERIFY(!cache.find(QStringLiteral("h1")) && cache.find(QStringLiteral("h2")));
        cache.applyNotification(u"s:s2");
        QVERIFY(!cache.find(QStringLiteral("h2")) && cache.find(QStringLiteral("h3")));
        cache.applyNotification(u"u:u2");
        QCOMPARE(cache.size(), 0);
        fill();
        cache.applyNotification(u"something new"); // not understood: nothing cached can be trusted
        QCOMPARE(cache.size(), 0);
    }

    // A validation that read the database before a revocation must not be stored after it.
    void aValidationOverlappingARevocationIsNotKept()
    {
        TokenCache cache(m_clock, 60000);
        cache.setListening(true);
        const quint64 before = cache.revision();
        cache.revokeSession(QStringLiteral("any"));
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", m_clock->now().addSecs(600)), before);
        QVERIFY(!cache.find(QStringLiteral("h")));
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", m_clock->now().addSecs(600)),
                     cache.revision());
        QVERIFY(cache.find(QStringLiteral("h")));
    }

    void anEntryEndsWithItsTokenOrItsLifetime()
    {
        auto clock = std::make_shared<ManualClock>();
        TokenCache cache(clock, 60000);
        cache.setListening(true);
        cache.insert(QStringLiteral("h"), entry("u", "s", "a", clock->now().addSecs(10)), cache.revision());
        QVERIFY(cache.find(QStringLiteral("h")));
        clock->advance(10); // the token's own expiry, on the server's clock
        QVERIFY(!cache.find(QStringLiteral("h")));
        // Already expired: not stored at all.
        cache.insert(QStringLiteral("old"), entry("u", "s", "a", clock->now()), cache.revision());
        QCOMPARE(cache.size(), 0);

        TokenCache brief(clock, 50);
        brief.setListening(true);
        brief.insert(QStringLiteral("h"), entry("u", "s", "a", clock->now().addSecs(600)), brief.revision());
        QTest::qWait(80); // the cache's lifetime, on the monotonic clock
        QVERIFY(!brief.find(QStringLiteral("h")));
    }

    void itsSizeIsBounded()
    {
        TokenCache cache(m_clock, 60000, 3);
        cache.setListening(true);
        const QDateTime later = m_clock->now().addSecs(600);
        for (int i = 0; i < 10; ++i)
            cache.insert(QStringLiteral("h%1").arg(i), entry("u", "s", "a", later), cache.revision());
        QCOMPARE(cache.size(), 3);
        QVERIFY(cache.find(QStringLiteral("h9"))); // the newest always gets in
    }

    // --- the server ---

    void revokedHereIsRefusedAsSoonAsTheRevocationAnswered()
    {
        TestServer &s = *m_server;
        // No notification helps here: the process that revokes must forget the token by itself.
        struct Unannounced
        {
            TestServer &s;
            void set(const char *state)
            {
                for (const char *table : {"access_tokens", "sessions", "users"})
                    write(s, QStringLiteral("ALTER TABLE %1 %2 TRIGGER USER").arg(table, state));
            }
            explicit Unannounced(TestServer &server)
                : s(server)
            {
                set("DISABLE");
            }
            ~Unannounced() { set("ENABLE"); }
        } unannounced(s);

        // Logout.
        Tokens t = cachedLogin(s);
        QVERIFY(!t.access.isEmpty());
        QVERIFY(!t.access.isEmpty());
        HttpClient http(s.url());
        http.setBearer(t.access);
        QCOMPARE(http.request("POST", QStringLiteral("/api/auth/logout")).status, 200);
        QCOMPARE(me(s, t.access), 401);

        // Deleting one's other session.
        const Tokens other = cachedLogin(s);
        QVERIFY(!other.access.isEmpty());
        t = cachedLogin(s);
        QVERIFY(!t.access.isEmpty());
        http.setBearer(t.access);
        const QJsonArray sessions =
            http.get(QStringLiteral("/api/auth/sessions")).json().value("data").toArray();
        QString otherId;
        for (const QJsonValue &v : sessions) {
            if (!v.toObject().value("current").toBool())
                otherId = v.toObject().value("id").toString();
        }
        QVERIFY(!otherId.isEmpty());
        QCOMPARE(http.del(QStringLiteral("/api/auth/sessions/") + otherId).status, 204);
        QCOMPARE(me(s, other.access), 401);
        QCOMPARE(me(s, t.access), 200);

        // Refresh rotation ends the previous access token …
        HttpClient plain(s.url());
        const auto rotated = plain.postJson(QStringLiteral("/api/auth/refresh"),
                                            {{"refreshToken", QString::fromLatin1(t.refresh)}});
        QCOMPARE(rotated.status, 200);
        QCOMPARE(me(s, t.access), 401);
        const Tokens next{rotated.json().value("accessToken").toString().toLatin1(),
                          rotated.json().value("refreshToken").toString().toLatin1()};
        QCOMPARE(me(s, next.access), 200);
        // … and presenting the rotated refresh token again (past the leeway) ends the whole login.
        m_clock->advance(60);
        QCOMPARE(plain
                     .postJson(QStringLiteral("/api/auth/refresh"),
                               {{"refreshToken", QString::fromLatin1(t.refresh)}})
                     .status,
                 401);
        QCOMPARE(me(s, next.access), 401);
    }

    void revokedElsewhereIsRefusedWithinOneSecond()
    {
        TestServer &s = *m_server;
        struct Case
        {
            const char *what;
            QString sql;
        };
        const QList<Case> cases{
            {"session revoked",
             QStringLiteral("UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL")},
            {"access token revoked",
             QStringLiteral("UPDATE access_tokens SET revoked_at = now() WHERE revoked_at IS NULL")},
            {"session deleted", QStringLiteral("DELETE FROM sessions")},
            {"user deleted", QStringLiteral("UPDATE users SET deleted_at = now() WHERE deleted_at IS NULL")},
        };
        for (const Case &c : cases) {
            const Tokens t = cachedLogin(s);
            QVERIFY(!t.access.isEmpty());
            QVERIFY(!t.access.isEmpty());
            write(s, c.sql);
            QElapsedTimer elapsed;
            elapsed.start();
            while (me(s, t.access) != 401 && elapsed.elapsed() < 1000)
                QTest::qWait(10);
            QVERIFY2(me(s, t.access) == 401, c.what);
            QVERIFY2(elapsed.elapsed() < 1000, c.what);
            if (QByteArrayView(c.what) == "user deleted") // the local user comes back at the next sign-in
                write(s, QStringLiteral("DELETE FROM users WHERE deleted_at IS NOT NULL"));
        }
    }

    // What GET /auth/me shows comes from the cached check too; a change to it is announced.
    void aProfileChangeReachesMe()
    {
        TestServer &s = *m_server;
        const Tokens t = cachedLogin(s);
        QVERIFY(!t.access.isEmpty());
        QVERIFY(!t.access.isEmpty());
        write(s, QStringLiteral("UPDATE users SET email = 'local@example.test' WHERE is_local"));
        HttpClient http(s.url());
        http.setBearer(t.access);
        QTRY_COMPARE_WITH_TIMEOUT(http.get(QStringLiteral("/api/auth/me")).json().value("email").toString(),
                                  QStringLiteral("local@example.test"), 1000);
    }

    void aLostNotificationLastsNoLongerThanTheCacheLifetime()
    {
        const int lifetimeMs = 1000;
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = kLocalSecret;
        TestServer brief({{QStringLiteral("ACCESS_TOKEN_CACHE_MS"), QString::number(lifetimeMs)}}, options,
                         m_server->database());
        QVERIFY2(brief.start(), qPrintable(brief.error()));
        QElapsedTimer sinceCached;
        const Tokens t = cachedLogin(brief);
        QVERIFY(!t.access.isEmpty());
        sinceCached.start();
        write(brief, QStringLiteral("UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL"), true);
        // Until its lifetime ends the cached answer may still be served (the notification never came) …
        if (sinceCached.elapsed() < lifetimeMs / 2)
            QCOMPARE(me(brief, t.access), 200);
        // … but never after.
        QTest::qWait(int(qMax<qint64>(0, lifetimeMs - sinceCached.elapsed())) + 20);
        QCOMPARE(me(brief, t.access), 401);
    }

    void aDroppedListenerEmptiesTheCacheAndComesBack()
    {
        TestServer &s = *m_server;
        const Tokens t = cachedLogin(s);
        QVERIFY(!t.access.isEmpty());
        QVERIFY(!t.access.isEmpty());
        write(s, QStringLiteral("UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL"), true);
        QCOMPARE(me(s, t.access), 200); // cached for 5 s, and the revocation was not announced

        // The listener's connection dies (server restart, network, an operator's pg_terminate_backend).
        write(s, QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1' "
                                "AND application_name = 'parametric-server listener'")
                     .arg(s.database().name));
        QTRY_VERIFY_WITH_TIMEOUT(!s.server().tokenCache().isActive(), 2000);
        QCOMPARE(me(s, t.access), 401); // the database said so: nothing stale survived the drop

        // It reconnects by itself, and notifications work again.
        QVERIFY(listening(s));
        const Tokens fresh = cachedLogin(s);
        QVERIFY(!fresh.access.isEmpty());
        write(s, QStringLiteral("UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL"));
        QTRY_COMPARE_WITH_TIMEOUT(me(s, fresh.access), 401, 1000);
    }
};

QTEST_GUILESS_MAIN(TestTokenCache)
#include "tst_tokencache.moc"
