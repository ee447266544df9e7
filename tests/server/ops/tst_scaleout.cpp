// Scale-out: two real parametric-server processes on one PostgreSQL database, with this test acting as the
// browser, the desktop app and a load balancer that sends each request to whichever node it likes.
// Login transactions, handoff codes, refresh-token families and generation limits live in the database, so:
//   - a native login started on node A completes (provider callback) on node B, and the handoff code is
//     redeemed on A again;
//   - a refresh works on either node, and reuse of a rotated token on one node revokes the family on both;
//   - each node keeps validated access tokens for a few seconds, yet a token revoked on one node (logout,
//     rotation, reuse) is refused on that node as soon as the revoking request has answered and on the
//     other within one second (PostgreSQL LISTEN/NOTIFY);
//   - the per-user generation rate limit is shared: 3 per minute means 3 across both nodes together.
// The OAuth provider is the shared fake GitHub (GitHub's wire format, PKCE checked, single-use codes) and
// the browser is the shared scripted browser (cookie jar, one redirect hop at a time).
#include "fakeoauthprovider.h"
#include "httpclient.h"
#include "scriptedbrowser.h"
#include "serverprocess.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkCookie>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

namespace {

QByteArray randomUrlSafe(int bytes)
{
    Q_ASSERT(bytes % 4 == 0);
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray s256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

struct Tokens
{
    QByteArray access;
    QByteArray refresh;
};

// How long `node` kept accepting `token` on GET /api/auth/me, polling for up to two seconds; -1 when
// it never stopped.
qint64 msUntilRefused(const QUrl &node, const QByteArray &token)
{
    HttpClient http(node);
    http.setBearer(token);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 2000) {
        const qint64 asked = timer.elapsed();
        if (http.get(QStringLiteral("/api/auth/me")).status == 401)
            return asked;
        QTest::qWait(5);
    }
    return -1;
}

} // namespace

class tst_ScaleOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginStartedOnOneCompletesOnTheOther();
    void refreshWorksOnEitherNode();
    void reuseOnOneNodeRevokesOnBoth();
    void logoutOnOneNodeReachesTheOtherWithinOneSecond();
    void generationLimitHoldsAcrossNodes();
    void cleanupTestCase();

private:
    Tokens login(ServerProcess &startOn, ServerProcess &callbackOn, ServerProcess &redeemOn);

    FakeOAuthProvider m_github{FakeOAuthProvider::Kind::GitHub};
    ServerProcess m_a{QStringLiteral(PARAMETRIC_SERVER_BINARY)};
    ServerProcess m_b{QStringLiteral(PARAMETRIC_SERVER_BINARY)};
    Tokens m_tokens;
    QByteArray m_usedRefresh;
    QList<QByteArray> m_secrets; // every token seen, to check no node ever logs one
};

void tst_ScaleOut::initTestCase()
{
    // GitHub user 4242 with a private primary address and an older secondary one.
    m_github.clientId = QStringLiteral("scaleout-client");
    m_github.clientSecret = QStringLiteral("scaleout-secret");
    m_github.identity.subject = QStringLiteral("4242");
    m_github.identity.email = QStringLiteral("scaleout@example.com");
    m_github.identity.githubEmails = QJsonArray{QJsonObject{{"email", "old@example.com"},
                                                            {"primary", false},
                                                            {"verified", true},
                                                            {"visibility", QJsonValue::Null}},
                                                QJsonObject{{"email", "scaleout@example.com"},
                                                            {"primary", true},
                                                            {"verified", true},
                                                            {"visibility", "private"}}};
    QVERIFY(m_github.listen());
    const DatabaseSettings db = TestServer::freshDatabase(QStringLiteral("scaleout"));

    QProcessEnvironment env = ServerProcess::baseEnvironment(db);
    // Both nodes sit behind one public name: the provider redirects the browser there, and this test
    // (the load balancer) picks the node.
    env.insert(QStringLiteral("API_BASE_URL"), QStringLiteral("http://icons.lb.test"));
    // OAUTH_GITHUB_CLIENT_ID, _CLIENT_SECRET, _AUTHORIZE_URL, _TOKEN_URL, _USERINFO_URL, _EMAILS_URL.
    const auto github = m_github.variables();
    for (auto it = github.cbegin(); it != github.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert(QStringLiteral("REFRESH_REUSE_LEEWAY_S"), QStringLiteral("0"));
    env.insert(QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin"));
    env.insert(QStringLiteral("GENERATION_BUILTIN_RATE_PER_MIN"), QStringLiteral("3"));

    QString error;
    QVERIFY2(m_a.start(env, &error), qPrintable(error));
    QVERIFY2(m_b.start(env, &error), qPrintable(error));
    QVERIFY(m_a.url() != m_b.url());
}

Tokens tst_ScaleOut::login(ServerProcess &startOn, ServerProcess &callbackOn, ServerProcess &redeemOn)
{
    const QByteArray verifier = randomUrlSafe(48);
    const QString loopback = QStringLiteral("http://127.0.0.1:49152/callback");
    const QString appState = QString::fromLatin1(randomUrlSafe(12));

    // 1. The app opens the system browser at the start URL (redirect=1, as the desktop app does) and the
    //    balancer sends it to node A, which sets the login cookie and redirects to the provider; the
    //    provider consents at once and redirects back to the public callback URL with a code.
    QUrl start = startOn.url().resolved(QUrl(QStringLiteral("/api/auth/oauth/github")));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("redirect_uri"), loopback);
    q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(s256(verifier)));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    q.addQueryItem(QStringLiteral("state"), appState);
    q.addQueryItem(QStringLiteral("redirect"), QStringLiteral("1"));
    start.setQuery(q);
    ScriptedBrowser browser;
    const auto hops = browser.follow(start, [](const QUrl &u) { return u.host() == u"icons.lb.test"; });
    const QUrl authorize = hops.isEmpty() ? QUrl() : start.resolved(QUrl::fromEncoded(hops.first().location));
    if (hops.size() != 2 || hops.first().status != 302 || authorize.port() != m_github.baseUrl().port() ||
        hops.first().header("Set-Cookie").isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("start: %1 → %2 (%3 hops)")
                                    .arg(hops.value(0).status)
                                    .arg(authorize.toString())
                                    .arg(hops.size())),
                     __FILE__, __LINE__);
        return {};
    }
    const QUrl callback = QUrl::fromEncoded(hops.last().location);
    if (hops.last().status != 302 || callback.host() != u"icons.lb.test") {
        QTest::qFail(
            qPrintable(QStringLiteral("authorize: %1 → %2").arg(hops.last().status).arg(callback.toString())),
            __FILE__, __LINE__);
        return {};
    }

    // 2. The balancer sends the callback to node B. Both nodes are on 127.0.0.1 and cookies ignore the
    //    port (RFC 6265 §8.5), so to the browser's jar they are the one public origin it believes it sees.
    QUrl atB = callback;
    atB.setScheme(callbackOn.url().scheme());
    atB.setHost(callbackOn.url().host());
    atB.setPort(callbackOn.url().port());
    if (browser.cookies().cookiesForUrl(atB).isEmpty()) {
        QTest::qFail("the browser has no login cookie for the callback", __FILE__, __LINE__);
        return {};
    }
    const auto done = browser.get(atB);
    const QUrl back = QUrl::fromEncoded(done.location);
    const QUrlQuery backQuery(back);
    if (done.status != 302 || !back.toString().startsWith(loopback) ||
        backQuery.queryItemValue(QStringLiteral("state")) != appState ||
        backQuery.queryItemValue(QStringLiteral("code")).isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("callback on the other node: %1 %2 %3")
                                    .arg(done.status)
                                    .arg(back.toString(), QString::fromUtf8(done.body))),
                     __FILE__, __LINE__);
        return {};
    }

    // 3. The app redeems the handoff code, again wherever the balancer sends it.
    // 4. The app redeems the handoff code, again wherever the balancer sends it.
    HttpClient c(redeemOn.url());
    const auto token =
        c.postJson(QStringLiteral("/api/auth/token"),
                   {{"grant_type", "authorization_code"},
                    {"code", backQuery.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)},
                    {"code_verifier", QString::fromLatin1(verifier)},
                    {"redirect_uri", loopback}});
    if (token.status != 200) {
        QTest::qFail(
            qPrintable(QStringLiteral("token: %1 %2").arg(token.status).arg(QString::fromUtf8(token.body))),
            __FILE__, __LINE__);
        return {};
    }
    Tokens t{token.json().value(QStringLiteral("accessToken")).toString().toUtf8(),
             token.json().value(QStringLiteral("refreshToken")).toString().toUtf8()};
    m_secrets << t.access << t.refresh << backQuery.queryItemValue(QStringLiteral("code")).toUtf8()
              << verifier;
    return t;
}

void tst_ScaleOut::loginStartedOnOneCompletesOnTheOther()
{
    const int exchangesBefore = m_github.successfulExchanges;
    m_tokens = login(m_a, m_b, m_a);
    QVERIFY(!m_tokens.access.isEmpty());
    QVERIFY(!m_tokens.refresh.isEmpty());
    QCOMPARE(m_github.successfulExchanges, exchangesBefore + 1);

    for (ServerProcess *node : {&m_a, &m_b}) {
        HttpClient http(node->url());
        http.setBearer(m_tokens.access);
        const auto me = http.get(QStringLiteral("/api/auth/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("email")).toString(), QStringLiteral("scaleout@example.com"));
    }

    // The reverse direction works too (start on B, callback on A, redeem on B) and finds the same user.
    const Tokens reverse = login(m_b, m_a, m_b);
    QVERIFY(!reverse.access.isEmpty());
    HttpClient a(m_a.url()), b(m_b.url());
    a.setBearer(m_tokens.access);
    b.setBearer(reverse.access);
    QCOMPARE(b.get(QStringLiteral("/api/auth/me")).json().value(QStringLiteral("id")),
             a.get(QStringLiteral("/api/auth/me")).json().value(QStringLiteral("id")));
}

void tst_ScaleOut::refreshWorksOnEitherNode()
{
    QVERIFY(!m_tokens.refresh.isEmpty());
    HttpClient a(m_a.url()), b(m_b.url());

    // Rotate on B …
    const auto first = b.postJson(QStringLiteral("/api/auth/refresh"),
                                  {{"refreshToken", QString::fromUtf8(m_tokens.refresh)}});
    QCOMPARE(first.status, 200);
    const Tokens second{first.json().value(QStringLiteral("accessToken")).toString().toUtf8(),
                        first.json().value(QStringLiteral("refreshToken")).toString().toUtf8()};
    m_secrets << second.access << second.refresh;
    QVERIFY(second.refresh != m_tokens.refresh);

    // … the access token issued with the used refresh token stops working on A too (A had it cached:
    // the revocation reaches it by notification) …
    const qint64 refusedAfter = msUntilRefused(m_a.url(), m_tokens.access);
    QVERIFY2(refusedAfter >= 0 && refusedAfter < 1000, qPrintable(QString::number(refusedAfter)));
    a.setBearer(second.access);
    QCOMPARE(a.get(QStringLiteral("/api/auth/me")).status, 200);

    // … and the next rotation happens on A (Bearer form this time).
    a.setBearer(second.refresh);
    const auto third = a.request("POST", QStringLiteral("/api/auth/refresh"));
    QCOMPARE(third.status, 200);
    const Tokens latest{third.json().value(QStringLiteral("accessToken")).toString().toUtf8(),
                        third.json().value(QStringLiteral("refreshToken")).toString().toUtf8()};
    m_secrets << latest.access << latest.refresh;
    b.setBearer(latest.access);
    QCOMPARE(b.get(QStringLiteral("/api/auth/me")).status, 200);

    m_usedRefresh = m_tokens.refresh; // rotated on B: presenting it again is reuse
    m_tokens = latest;
}

void tst_ScaleOut::reuseOnOneNodeRevokesOnBoth()
{
    QVERIFY(!m_usedRefresh.isEmpty());
    HttpClient a(m_a.url()), b(m_b.url());
    // Presenting the already-rotated token on A (leeway 0) revokes the whole family …
    const auto reuse =
        a.postJson(QStringLiteral("/api/auth/refresh"), {{"refreshToken", QString::fromUtf8(m_usedRefresh)}});
    QCOMPARE(reuse.status, 401);
    // … so B no longer accepts the family's newest tokens either, within one second.
    const qint64 refusedAfter = msUntilRefused(m_b.url(), m_tokens.access);
    QVERIFY2(refusedAfter >= 0 && refusedAfter < 1000, qPrintable(QString::number(refusedAfter)));
    const auto latest = b.postJson(QStringLiteral("/api/auth/refresh"),
                                   {{"refreshToken", QString::fromUtf8(m_tokens.refresh)}});
    QCOMPARE(latest.status, 401);
}

void tst_ScaleOut::logoutOnOneNodeReachesTheOtherWithinOneSecond()
{
    const Tokens t = login(m_a, m_b, m_a);
    QVERIFY(!t.access.isEmpty());
    HttpClient a(m_a.url()), b(m_b.url());
    a.setBearer(t.access);
    b.setBearer(t.access);
    // Both nodes have validated the token (and keep it for a few seconds).
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(a.get(QStringLiteral("/api/auth/me")).status, 200);
        QCOMPARE(b.get(QStringLiteral("/api/auth/me")).status, 200);
    }
    QCOMPARE(a.request("POST", QStringLiteral("/api/auth/logout")).status, 200);
    QCOMPARE(a.get(QStringLiteral("/api/auth/me")).status, 401); // here: at once
    const qint64 refusedAfter = msUntilRefused(m_b.url(), t.access);
    QVERIFY2(refusedAfter >= 0 && refusedAfter < 1000, qPrintable(QString::number(refusedAfter)));
}

void tst_ScaleOut::generationLimitHoldsAcrossNodes()
{
    const Tokens t = login(m_a, m_b, m_b);
    QVERIFY(!t.access.isEmpty());
    HttpClient a(m_a.url()), b(m_b.url());
    a.setBearer(t.access);
    b.setBearer(t.access);

    // GENERATION_BUILTIN_RATE_PER_MIN=3 for the user, whichever node takes the request.
    const QJsonObject body{{"prompt", "fillet two curves"}};
    QCOMPARE(a.postJson(QStringLiteral("/api/icons"), body).status, 201);
    QCOMPARE(b.postJson(QStringLiteral("/api/icons"), body).status, 201);
    QCOMPARE(a.postJson(QStringLiteral("/api/icons"), body).status, 201);
    for (HttpClient *node : {&b, &a}) {
        const auto limited = node->postJson(QStringLiteral("/api/icons"), body);
        QCOMPARE(limited.status, 429);
        QVERIFY(!limited.header("Retry-After").isEmpty());
        QCOMPARE(limited.json().value(QStringLiteral("_tag")).toString(), QStringLiteral("RateLimitError"));
    }
    // Both nodes see the same three icons.
    for (HttpClient *node : {&a, &b}) {
        const auto list = node->get(QStringLiteral("/api/icons?limit=10"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("total")).toInt(), 3);
    }
}

void tst_ScaleOut::cleanupTestCase()
{
    // Graceful shutdown on SIGTERM, and no token, code, verifier, GitHub token or client secret in either
    // node's log.
    QCOMPARE(m_a.stop(), 0);
    QCOMPARE(m_b.stop(), 0);
    for (const QString &token : std::as_const(m_github.issuedAccessTokens))
        m_secrets << token.toLatin1();
    m_secrets << m_github.clientSecret.toLatin1();
    for (const ServerProcess *node : {&m_a, &m_b}) {
        for (const QByteArray &secret : std::as_const(m_secrets)) {
            if (!secret.isEmpty() && node->log().contains(secret))
                QFAIL(qPrintable(
                    QStringLiteral("a token appears in the log of %1").arg(node->url().toString())));
        }
    }
}

QTEST_GUILESS_MAIN(tst_ScaleOut)
#include "tst_scaleout.moc"
