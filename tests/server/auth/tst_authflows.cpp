// Issue 3 end to end: the API server with the three fake providers (configured only through
// OAUTH_* variables), a scripted browser, a manual clock, and a scan of logs, Location headers and
// the database for tokens.
#include "authtestenv.h"
#include "logcapture.h"

#include "db/database.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>

using Kind = FakeOAuthProvider::Kind;

class TestAuthFlows : public QObject
{
    Q_OBJECT

    std::unique_ptr<LogCapture> m_logs;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<FakeOAuthProvider> m_fakes[3];
    DatabaseSettings m_db;
    std::unique_ptr<AuthServer> m_main;
    std::unique_ptr<AuthServer> m_leeway; // the same database, REFRESH_REUSE_LEEWAY_S=30
    QSet<QByteArray> m_secrets;           // every token, code and secret seen: none may leak
    QList<QByteArray> m_locations;        // every Location header seen
    int m_identity = 0;

    FakeOAuthProvider &fake(Kind k) { return *m_fakes[int(k)]; }
    HttpClient &http() { return *m_main->http; }

    TestServer::Variables allVariables() const
    {
        TestServer::Variables v;
        for (const auto &f : m_fakes) {
            const auto vars = f->variables();
            for (auto it = vars.begin(); it != vars.end(); ++it)
                v.insert(it.key(), it.value());
        }
        return v;
    }

    // A unique identity so tests do not see each other's users.
    FakeOAuthProvider::Identity identity(bool verified = true)
    {
        ++m_identity;
        FakeOAuthProvider::Identity id;
        id.subject = QString::number(5000 + m_identity);
        id.email = QStringLiteral("user%1@example.com").arg(m_identity);
        id.emailVerified = verified;
        return id;
    }

    void note(const QList<ScriptedBrowser::Hop> &hops)
    {
        for (const auto &hop : hops) {
            if (!hop.location.isEmpty())
                m_locations << hop.location;
        }
    }

    struct Tokens
    {
        QByteArray access, refresh;
        QJsonObject json;
        bool ok() const { return !access.isEmpty() && !refresh.isEmpty(); }
    };
    Tokens remember(const QJsonObject &o)
    {
        Tokens t;
        t.json = o;
        t.access = o.value("accessToken").toString().toLatin1();
        t.refresh = o.value("refreshToken").toString().toLatin1();
        m_secrets << t.access << t.refresh;
        return t;
    }

    QUrl startUrl(const QString &provider, const QUrlQuery &query = {}) const
    {
        QUrl u = m_main->base.resolved(QUrl(QStringLiteral("/api/auth/oauth/") + provider));
        u.setQuery(query);
        return u;
    }

    // The whole web flow in `browser`: start → provider → callback → 200 tokens.
    QList<ScriptedBrowser::Hop> webFlow(ScriptedBrowser &browser, Kind kind)
    {
        const auto hops = browser.follow(startUrl(fake(kind).name()));
        note(hops);
        return hops;
    }

    Tokens webLogin(Kind kind)
    {
        ScriptedBrowser browser;
        const auto hops = webFlow(browser, kind);
        if (hops.isEmpty() || hops.last().status != 200)
            return {};
        return remember(QJsonDocument::fromJson(hops.last().body).object());
    }

    static QUrlQuery nativeQuery(const Pkce &pkce, const QString &redirect, const QString &state)
    {
        QUrlQuery q;
        q.addQueryItem("redirect_uri", QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        q.addQueryItem("code_challenge", QString::fromLatin1(pkce.challenge));
        q.addQueryItem("code_challenge_method", "S256");
        q.addQueryItem("state", state);
        return q;
    }

    // Native flow up to the 302 to the loopback; returns that Location (empty on failure).
    QUrl nativeFlow(ScriptedBrowser &browser, Kind kind, const Pkce &pkce, const QString &redirect,
                    const QString &appState = QStringLiteral("app-state-123"))
    {
        const auto hops = browser.follow(startUrl(fake(kind).name(), nativeQuery(pkce, redirect, appState)),
                                         [&](const QUrl &u) { return u.toString().startsWith(redirect); });
        note(hops);
        if (hops.isEmpty() || hops.last().status != 302)
            return {};
        lastNativeHop = hops.last();
        return QUrl::fromEncoded(hops.last().location);
    }
    ScriptedBrowser::Hop lastNativeHop;

    HttpClient::Result tokenRequest(const QByteArray &form)
    {
        return http().request(
            "POST", "/api/auth/token", form,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", "DesktopApp/1.0"}});
    }
    static QByteArray form(const QList<std::pair<QByteArray, QByteArray>> &fields)
    {
        QByteArray out;
        for (const auto &[k, v] : fields)
            out += (out.isEmpty() ? "" : "&") + k + '=' + QUrl::toPercentEncoding(QString::fromLatin1(v));
        return out;
    }

    Tokens nativeLogin(Kind kind, const QString &redirect = QStringLiteral("http://127.0.0.1:53123/callback"))
    {
        ScriptedBrowser browser;
        const Pkce pkce = Pkce::make();
        const QUrl loopback = nativeFlow(browser, kind, pkce, redirect);
        const QByteArray code = QUrlQuery(loopback).queryItemValue("code").toLatin1();
        m_secrets << code;
        const auto r = tokenRequest(form({{"grant_type", "authorization_code"},
                                          {"code", code},
                                          {"code_verifier", pkce.verifier},
                                          {"redirect_uri", redirect.toLatin1()}}));
        if (r.status != 200)
            return {};
        return remember(r.json());
    }

    HttpClient::Result get(const QString &path, const QByteArray &bearer)
    {
        return http().get(path, {{"Authorization", "Bearer " + bearer}});
    }
    HttpClient::Result refreshBearer(const QByteArray &refresh)
    {
        return http().request("POST", "/api/auth/refresh", {}, {{"Authorization", "Bearer " + refresh}});
    }
    HttpClient::Result refreshOn(AuthServer &server, const QByteArray &refresh)
    {
        return server.http->request("POST", "/api/auth/refresh", {},
                                    {{"Authorization", "Bearer " + refresh}});
    }
    HttpClient::Result refreshJson(const QByteArray &refresh)
    {
        return http().postJson("/api/auth/refresh", {{"refreshToken", QString::fromLatin1(refresh)}});
    }

    // Sends all `requests` at once and waits for every answer; returns the statuses and bodies.
    QList<std::pair<int, QByteArray>>
    parallel(const QList<std::function<QNetworkReply *(QNetworkAccessManager &)>> &requests)
    {
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (const auto &make : requests)
            replies << make(nam);
        QEventLoop loop;
        int pending = int(replies.size());
        for (QNetworkReply *r : replies)
            connect(r, &QNetworkReply::finished, &loop, [&] {
                if (--pending == 0)
                    loop.quit();
            });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        QList<std::pair<int, QByteArray>> out;
        for (QNetworkReply *r : replies) {
            out.append({r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), r->readAll()});
            r->deleteLater();
        }
        return out;
    }

    qint64 count(const QString &sql)
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("authtest"));
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next()) {
            qWarning() << "query failed" << sql;
            return -1;
        }
        return q.value(0).toLongLong();
    }

private slots:
    void initTestCase()
    {
        m_logs = std::make_unique<LogCapture>();
        m_clock = std::make_shared<ManualClock>();
        m_fakes[0] = std::make_unique<FakeOAuthProvider>(Kind::GitHub, m_clock);
        m_fakes[1] = std::make_unique<FakeOAuthProvider>(Kind::Google, m_clock);
        m_fakes[2] = std::make_unique<FakeOAuthProvider>(Kind::Microsoft, m_clock);
        for (auto &f : m_fakes) {
            QVERIFY(f->listen());
            m_secrets << f->clientSecret.toLatin1();
        }
        m_db = TestServer::freshDatabase(QStringLiteral("auth"));
        m_main = std::make_unique<AuthServer>();
        QVERIFY(m_main->start(allVariables(), m_clock, m_db));
        TestServer::Variables leeway = allVariables();
        leeway.insert("REFRESH_REUSE_LEEWAY_S", "30");
        m_leeway = std::make_unique<AuthServer>();
        QVERIFY(m_leeway->start(leeway, m_clock, m_db));
        QSqlDatabase db = openConnection(m_db, QStringLiteral("authtest"));
        QVERIFY(db.isOpen());
    }

    void cleanupTestCase()
    {
        m_leeway.reset();
        m_main.reset();
        QSqlDatabase::removeDatabase(QStringLiteral("authtest"));
    }

    void init()
    {
        for (auto &f : m_fakes) {
            f->identity = identity();
            f->authorizeError.clear();
            f->tamperIdToken = nullptr;
        }
    }

    // Point 1 ------------------------------------------------------------------------------------

    void startAnswersJsonOrRedirect_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("github") << int(Kind::GitHub);
        QTest::newRow("google") << int(Kind::Google);
        QTest::newRow("microsoft") << int(Kind::Microsoft);
    }
    void startAnswersJsonOrRedirect()
    {
        QFETCH(int, kind);
        FakeOAuthProvider &f = fake(Kind(kind));
        const auto r = http().get("/api/auth/oauth/" + f.name());
        QCOMPARE(r.status, 200);
        const QUrl url(r.json().value("url").toString());
        QVERIFY(
            url.toString().startsWith(f.variables().value("OAUTH_" + f.name().toUpper() + "_AUTHORIZE_URL")));
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue("client_id"), f.clientId);
        QCOMPARE(q.queryItemValue("response_type"), QStringLiteral("code"));
        QCOMPARE(q.queryItemValue("redirect_uri", QUrl::FullyDecoded),
                 m_main->base.toString() + "/api/auth/oauth/" + f.name() + "/callback");
        QCOMPARE(q.queryItemValue("scope", QUrl::FullyDecoded), Kind(kind) == Kind::GitHub
                                                                    ? QStringLiteral("read:user user:email")
                                                                    : QStringLiteral("openid profile email"));
        QVERIFY(q.queryItemValue("state").size() >= 43); // 256 bits
        QCOMPARE(q.queryItemValue("code_challenge").size(), 43);
        QCOMPARE(q.queryItemValue("code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(q.hasQueryItem("nonce"), Kind(kind) != Kind::GitHub);
        if (Kind(kind) != Kind::GitHub)
            QVERIFY(q.queryItemValue("nonce").size() >= 43);
        // Browser binding cookie.
        const QByteArray cookie = r.header("Set-Cookie");
        QVERIFY(cookie.startsWith("parametric_login="));
        QVERIFY(cookie.contains("HttpOnly"));
        QVERIFY(cookie.contains("SameSite=Lax"));
        QVERIFY(!cookie.contains("Secure")); // API_BASE_URL is http here
        QVERIFY(cookie.contains("Max-Age=600"));

        // Two starts never share a state.
        const auto again = http().get("/api/auth/oauth/" + f.name());
        QVERIFY(QUrlQuery(QUrl(again.json().value("url").toString())).queryItemValue("state") !=
                q.queryItemValue("state"));

        const auto html = http().get("/api/auth/oauth/" + f.name(), {{"Accept", "text/html"}});
        QCOMPARE(html.status, 302);
        QVERIFY(html.header("Location").startsWith(f.baseUrl().toString().toLatin1()));
        const auto param = http().get("/api/auth/oauth/" + f.name() + "?redirect=1");
        QCOMPARE(param.status, 302);
        QVERIFY(!param.header("Set-Cookie").isEmpty());
        m_locations << html.header("Location") << param.header("Location");
    }

    void unknownProviderIs404()
    {
        QCOMPARE(http().get("/api/auth/oauth/gitlab").status, 404);
        QCOMPARE(http().get("/api/auth/oauth/gitlab/callback?code=a&state=b").status, 404);
    }

    void unconfiguredProviderIs503NamingVariables()
    {
        AuthServer bare;
        TestServer::Variables v = fake(Kind::Google).variables();
        v.remove("OAUTH_GOOGLE_CLIENT_SECRET");
        QVERIFY(bare.start(v, m_clock, m_db));
        const auto github = bare.http->get("/api/auth/oauth/github");
        QCOMPARE(github.status, 503);
        const QString message = github.json().value("message").toString();
        QVERIFY2(message.contains("OAUTH_GITHUB_CLIENT_ID") && message.contains("OAUTH_GITHUB_CLIENT_SECRET"),
                 qPrintable(message));
        const auto google = bare.http->get("/api/auth/oauth/google");
        QCOMPARE(google.status, 503);
        QVERIFY(google.json().value("message").toString().contains("OAUTH_GOOGLE_CLIENT_SECRET"));
        QVERIFY(!google.json().value("message").toString().contains("OAUTH_GOOGLE_CLIENT_ID"));
        QVERIFY(!google.body.contains(fake(Kind::Google).clientId.toLatin1()));
    }

    void secureCookieWhenBaseUrlIsHttps()
    {
        AuthServer secure;
        TestServer::Variables v = allVariables();
        v.insert("API_BASE_URL", "https://icons.example.com");
        QVERIFY(secure.start(v, m_clock, m_db));
        const auto r = secure.http->get("/api/auth/oauth/github");
        QCOMPARE(r.status, 200);
        const QByteArray cookie = r.header("Set-Cookie");
        QVERIFY2(cookie.startsWith("__Host-") && cookie.contains("; Secure") && cookie.contains("Path=/"),
                 cookie);
        QVERIFY(QUrl(r.json().value("url").toString())
                    .query(QUrl::FullyDecoded)
                    .contains("https://icons.example.com/api/auth/oauth/github/callback"));
    }

    void nativeStartParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        const QString ok = QString::fromLatin1(Pkce::make().challenge);
        QTest::newRow("valid") << "redirect_uri=http://127.0.0.1:54321/cb&code_challenge=" + ok +
                                      "&code_challenge_method=S256&state=xyz"
                               << 200;
        QTest::newRow("ipv6") << "redirect_uri=http://%5B::1%5D:1/cb&code_challenge=" + ok +
                                     "&code_challenge_method=S256"
                              << 200;
        QTest::newRow("localhost") << "redirect_uri=http://localhost:54321/cb&code_challenge=" + ok +
                                          "&code_challenge_method=S256"
                                   << 400;
        QTest::newRow("port 0") << "redirect_uri=http://127.0.0.1:0/cb&code_challenge=" + ok +
                                       "&code_challenge_method=S256"
                                << 400;
        QTest::newRow("port 65536") << "redirect_uri=http://127.0.0.1:65536/cb&code_challenge=" + ok +
                                           "&code_challenge_method=S256"
                                    << 400;
        QTest::newRow("query in redirect")
            << "redirect_uri=http://127.0.0.1:5/cb%3Fa%3D1&code_challenge=" + ok +
                   "&code_challenge_method=S256"
            << 400;
        QTest::newRow("userinfo") << "redirect_uri=http://127.0.0.1%40evil.com/cb&code_challenge=" + ok +
                                         "&code_challenge_method=S256"
                                  << 400;
        QTest::newRow("no challenge")
            << "redirect_uri=http://127.0.0.1:54321/cb&code_challenge_method=S256" << 400;
        QTest::newRow("plain") << "redirect_uri=http://127.0.0.1:54321/cb&code_challenge=" + ok +
                                      "&code_challenge_method=plain"
                               << 400;
        QTest::newRow("no method") << "redirect_uri=http://127.0.0.1:54321/cb&code_challenge=" + ok << 400;
        QTest::newRow("short challenge")
            << "redirect_uri=http://127.0.0.1:54321/cb&code_challenge=" + ok.left(42) +
                   "&code_challenge_method=S256"
            << 400;
        QTest::newRow("challenge without redirect")
            << "code_challenge=" + ok + "&code_challenge_method=S256" << 400;
        QTest::newRow("duplicate redirect_uri")
            << "redirect_uri=http://127.0.0.1:1/a&redirect_uri=http://127.0.0.1:1/b"
               "&code_challenge=" +
                   ok + "&code_challenge_method=S256"
            << 400;
    }
    void nativeStartParameters()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        const auto r = http().get("/api/auth/oauth/github?" + query);
        QCOMPARE(r.status, status);
        if (status == 400)
            QVERIFY(r.header("Set-Cookie").isEmpty());
    }

    // Point 2: web and native flows against every provider -----------------------------------

    void webFlow_data() { startAnswersJsonOrRedirect_data(); }
    void webFlow()
    {
        QFETCH(int, kind);
        FakeOAuthProvider &f = fake(Kind(kind));
        const int exchanges = f.successfulExchanges;
        ScriptedBrowser browser;
        const auto hops = webFlow(browser, Kind(kind));
        QCOMPARE(hops.size(), 3); // start 302 → authorize 302 → callback 200
        QCOMPARE(hops.last().status, 200);
        QCOMPARE(hops.last().header("Cache-Control"), QByteArray("no-store"));
        const Tokens t = remember(QJsonDocument::fromJson(hops.last().body).object());
        QVERIFY(t.ok());
        QCOMPARE(t.access.size(), 43);
        QVERIFY(QDateTime::fromString(t.json.value("expiresAt").toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(f.successfulExchanges, exchanges + 1);
        // PKCE and the provider-call etiquette.
        QCOMPARE(
            QByteArray(tokencryptoChallenge(f.lastTokenRequest.queryItemValue("code_verifier").toLatin1())),
            f.lastAuthorize.queryItemValue("code_challenge").toLatin1());
        QVERIFY(f.lastTokenAccept.contains("application/json"));
        QVERIFY(f.lastUserAgent.startsWith("ParametricIcons/"));
        // The provider's own token never reaches the client.
        for (const QString &pt : f.issuedAccessTokens) {
            m_secrets << pt.toLatin1();
            QVERIFY(!hops.last().body.contains(pt.toLatin1()));
        }

        const auto me = get("/api/auth/me", t.access);
        QCOMPARE(me.status, 200);
        const QJsonObject o = me.json();
        QCOMPARE(o.value("email").toString(), f.identity.email);
        QCOMPARE(o.value("providers").toArray(), QJsonArray({f.name()}));
        QVERIFY(!o.value("id").toString().isEmpty());
        QVERIFY(o.contains("createdAt"));

        // The same identity again is the same user, with a new family.
        const Tokens again = webLogin(Kind(kind));
        QVERIFY(again.ok());
        QCOMPARE(get("/api/auth/me", again.access).json().value("id"), o.value("id"));
        QVERIFY(again.refresh != t.refresh);
    }
    static QByteArray tokencryptoChallenge(const QByteArray &verifier)
    {
        return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }

    void nativeFlow_data() { startAnswersJsonOrRedirect_data(); }
    void nativeFlow()
    {
        QFETCH(int, kind);
        ScriptedBrowser browser;
        const Pkce pkce = Pkce::make();
        const QString redirect = QStringLiteral("http://127.0.0.1:49152/oauth/callback");
        const QUrl loopback = nativeFlow(browser, Kind(kind), pkce, redirect, QStringLiteral("s t&=ate"));
        QVERIFY2(loopback.isValid(), "no redirect to the loopback");
        QVERIFY(loopback.toString().startsWith(redirect + "?"));
        QCOMPARE(lastNativeHop.header("Referrer-Policy"), QByteArray("no-referrer"));
        const QUrlQuery q(loopback);
        QCOMPARE(q.queryItemValue("state", QUrl::FullyDecoded), QStringLiteral("s t&=ate"));
        const QByteArray code = q.queryItemValue("code").toLatin1();
        QCOMPARE(code.size(), 43);
        m_secrets << code;

        const auto r = tokenRequest(form({{"grant_type", "authorization_code"},
                                          {"code", code},
                                          {"code_verifier", pkce.verifier},
                                          {"redirect_uri", redirect.toLatin1()}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject o = r.json();
        const Tokens t = remember(o);
        QVERIFY(t.ok());
        QCOMPARE(o.value("access_token").toString().toLatin1(), t.access);
        QCOMPARE(o.value("refresh_token").toString().toLatin1(), t.refresh);
        QCOMPARE(o.value("token_type").toString(), QStringLiteral("Bearer"));
        QCOMPARE(o.value("expires_in").toInt(), 900);
        QCOMPARE(get("/api/auth/me", t.access).status, 200);

        // Redeeming the code twice: invalid_grant, and what it issued is revoked.
        const auto twice = tokenRequest(form({{"grant_type", "authorization_code"},
                                              {"code", code},
                                              {"code_verifier", pkce.verifier},
                                              {"redirect_uri", redirect.toLatin1()}}));
        QCOMPARE(twice.status, 400);
        QCOMPARE(twice.json().value("error").toString(), QStringLiteral("invalid_grant"));
        QCOMPARE(get("/api/auth/me", t.access).status, 401);
        QCOMPARE(refreshBearer(t.refresh).status, 401);
    }

    void tokenEndpointJsonBody()
    {
        ScriptedBrowser browser;
        const Pkce pkce = Pkce::make();
        const QString redirect = QStringLiteral("http://[::1]:8765/cb");
        const QUrl loopback = nativeFlow(browser, Kind::GitHub, pkce, redirect);
        const QString code = QUrlQuery(loopback).queryItemValue("code");
        m_secrets << code.toLatin1();
        const auto r =
            http().postJson("/api/auth/token", {{"grant_type", "authorization_code"},
                                                {"code", code},
                                                {"code_verifier", QString::fromLatin1(pkce.verifier)},
                                                {"redirect_uri", redirect}});
        QCOMPARE(r.status, 200);
        remember(r.json());
        QCOMPARE(tokenRequest("grant_type=password&username=a").json().value("error").toString(),
                 QStringLiteral("unsupported_grant_type"));
        QCOMPARE(tokenRequest("code=abc").json().value("error").toString(),
                 QStringLiteral("invalid_request"));
    }

    void handoffCodeIsBurnedByEveryFailure_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::newRow("wrong verifier") << "verifier";
        QTest::newRow("missing verifier") << "missing verifier";
        QTest::newRow("wrong redirect port") << "redirect";
        QTest::newRow("expired (61 s)") << "expired";
    }
    void handoffCodeIsBurnedByEveryFailure()
    {
        QFETCH(QString, failure);
        ScriptedBrowser browser;
        const Pkce pkce = Pkce::make();
        const QString redirect = QStringLiteral("http://127.0.0.1:50000/cb");
        const QByteArray code =
            QUrlQuery(nativeFlow(browser, Kind::Google, pkce, redirect)).queryItemValue("code").toLatin1();
        QVERIFY(!code.isEmpty());
        m_secrets << code;
        QList<std::pair<QByteArray, QByteArray>> fields{{"grant_type", "authorization_code"}, {"code", code}};
        if (failure == u"verifier")
            fields.append({"code_verifier", Pkce::make().verifier});
        else if (failure != u"missing verifier")
            fields.append({"code_verifier", pkce.verifier});
        fields.append(
            {"redirect_uri", failure == u"redirect" ? "http://127.0.0.1:50001/cb" : redirect.toLatin1()});
        if (failure == u"expired")
            m_clock->advance(61);
        const auto bad = tokenRequest(form(fields));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value("error").toString(), QStringLiteral("invalid_grant"));
        // Burned: the correct request fails now too.
        const auto good = tokenRequest(form({{"grant_type", "authorization_code"},
                                             {"code", code},
                                             {"code_verifier", pkce.verifier},
                                             {"redirect_uri", redirect.toLatin1()}}));
        QCOMPARE(good.status, 400);
        QCOMPARE(good.json().value("error").toString(), QStringLiteral("invalid_grant"));
        QCOMPARE(tokenRequest(form({{"grant_type", "authorization_code"},
                                    {"code", "unknown-code-000000000000000"},
                                    {"code_verifier", pkce.verifier},
                                    {"redirect_uri", redirect.toLatin1()}}))
                     .status,
                 400);
    }

    // State failures: 400 and nothing exchanged -------------------------------------------------

    void stateFailures_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::newRow("reused") << "reused";
        QTest::newRow("expired") << "expired";
        QTest::newRow("other provider") << "provider";
        QTest::newRow("no cookie") << "no cookie";
        QTest::newRow("other browser's cookie") << "cookie";
        QTest::newRow("unknown") << "unknown";
        QTest::newRow("missing") << "missing";
    }
    void stateFailures()
    {
        QFETCH(QString, failure);
        FakeOAuthProvider &gh = fake(Kind::GitHub);
        ScriptedBrowser browser;
        // Start and let the provider answer, but stop before our callback.
        const QString callbackPrefix = m_main->base.toString() + "/api/auth/oauth/";
        auto hops = browser.follow(startUrl("github"),
                                   [&](const QUrl &u) { return u.toString().startsWith(callbackPrefix); });
        note(hops);
        QUrl callback = QUrl::fromEncoded(hops.last().location);
        QVERIFY(callback.toString().startsWith(callbackPrefix + "github/callback"));

        if (failure == u"reused") {
            QCOMPARE(browser.get(callback).status, 200); // first use works
        } else if (failure == u"expired") {
            m_clock->advance(601);
        } else if (failure == u"provider") {
            callback.setPath("/api/auth/oauth/google/callback");
        } else if (failure == u"no cookie") {
            browser.clearCookies();
        } else if (failure == u"cookie") {
            ScriptedBrowser other; // another browser started its own login: its cookie is not ours
            note(other.follow(startUrl("github"),
                              [&](const QUrl &u) { return u.toString().startsWith(callbackPrefix); }));
            browser.clearCookies();
            browser.cookies().setCookiesFromUrl(other.cookies().cookiesForUrl(startUrl("github")),
                                                startUrl("github"));
            QVERIFY(!browser.cookies().cookiesForUrl(callback).isEmpty());
        } else if (failure == u"unknown") {
            QUrlQuery q(callback);
            q.removeQueryItem("state");
            q.addQueryItem("state", QString::fromLatin1(Pkce::make().verifier));
            callback.setQuery(q);
        } else if (failure == u"missing") {
            QUrlQuery q(callback);
            q.removeQueryItem("state");
            callback.setQuery(q);
        }
        const int exchanges = gh.tokenRequests + fake(Kind::Google).tokenRequests;
        const auto hop = browser.get(callback);
        QCOMPARE(hop.status, 400);
        QCOMPARE(QJsonDocument::fromJson(hop.body).object().value("error").toString(),
                 QStringLiteral("invalid_state"));
        QCOMPARE(gh.tokenRequests + fake(Kind::Google).tokenRequests, exchanges); // nothing exchanged
    }

    void providerErrorAnswers()
    {
        for (auto &f : m_fakes)
            f->authorizeError = QStringLiteral("access_denied");
        // Web: 400 JSON.
        ScriptedBrowser browser;
        const auto hops = webFlow(browser, Kind::Microsoft);
        QCOMPARE(hops.last().status, 400);
        QCOMPARE(QJsonDocument::fromJson(hops.last().body).object().value("error").toString(),
                 QStringLiteral("access_denied"));
        // Native: back to the loopback with error and the app's state.
        ScriptedBrowser native;
        const QUrl loopback =
            nativeFlow(native, Kind::GitHub, Pkce::make(), "http://127.0.0.1:40000/cb", "st8");
        const QUrlQuery q(loopback);
        QCOMPARE(q.queryItemValue("error"), QStringLiteral("access_denied"));
        QCOMPARE(q.queryItemValue("state"), QStringLiteral("st8"));
        QVERIFY(!q.hasQueryItem("code"));
    }

    void providerRejectionsFail_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("what");
        QTest::newRow("github error in HTTP 200") << int(Kind::GitHub) << "secret";
        QTest::newRow("google bad client") << int(Kind::Google) << "secret";
        QTest::newRow("google nonce") << int(Kind::Google) << "nonce";
        QTest::newRow("google audience") << int(Kind::Google) << "aud";
        QTest::newRow("google issuer") << int(Kind::Google) << "iss";
        QTest::newRow("microsoft expired id_token") << int(Kind::Microsoft) << "exp";
        QTest::newRow("microsoft issuer") << int(Kind::Microsoft) << "iss";
    }
    void providerRejectionsFail()
    {
        QFETCH(int, kind);
        QFETCH(QString, what);
        FakeOAuthProvider &f = fake(Kind(kind));
        const QString secret = f.clientSecret;
        if (what == u"secret")
            f.clientSecret = QStringLiteral("rotated-secret-the-server-does-not-know");
        else
            f.tamperIdToken = [what](QJsonObject &c) {
                if (what == u"nonce")
                    c["nonce"] = "forged";
                else if (what == u"aud")
                    c["aud"] = "someone-else";
                else if (what == u"iss")
                    c["iss"] = "https://evil.example/v2.0";
                else if (what == u"exp")
                    c["exp"] = c["iat"].toInteger() - 4000;
            };
        ScriptedBrowser browser;
        const auto hops = webFlow(browser, Kind(kind));
        f.clientSecret = secret;
        QCOMPARE(hops.last().status, 400);
        QCOMPARE(QJsonDocument::fromJson(hops.last().body).object().value("error").toString(),
                 QStringLiteral("oauth_error"));
        QVERIFY(!hops.last().body.contains("accessToken"));
    }

    void providerUnreachableIs502()
    {
        AuthServer broken;
        TestServer::Variables v = fake(Kind::GitHub).variables();
        v.insert("OAUTH_GITHUB_TOKEN_URL", QStringLiteral("http://127.0.0.1:%1/token").arg(freePort()));
        QVERIFY(broken.start(v, m_clock, m_db));
        ScriptedBrowser browser;
        QUrl start = broken.base.resolved(QUrl("/api/auth/oauth/github"));
        const auto hops = browser.follow(start);
        QCOMPARE(hops.last().status, 502);
    }

    // Linking -----------------------------------------------------------------------------------

    void linking_data()
    {
        QTest::addColumn<int>("second");
        QTest::addColumn<bool>("verified");
        QTest::addColumn<bool>("linked");
        QTest::newRow("google verified → linked") << int(Kind::Google) << true << true;
        QTest::newRow("google unverified → separate") << int(Kind::Google) << false << false;
        QTest::newRow("microsoft xms_edov → linked") << int(Kind::Microsoft) << true << true;
        QTest::newRow("microsoft without xms_edov → separate") << int(Kind::Microsoft) << false << false;
    }
    void linking()
    {
        QFETCH(int, second);
        QFETCH(bool, verified);
        QFETCH(bool, linked);
        const QString email = fake(Kind::GitHub).identity.email;
        const Tokens first = webLogin(Kind::GitHub); // GitHub primary+verified
        QVERIFY(first.ok());
        FakeOAuthProvider &other = fake(Kind(second));
        other.identity.email = email.toUpper(); // addresses compare case-insensitively
        other.identity.emailVerified = verified;
        other.identity.omitVerifiedClaim = !verified && Kind(second) == Kind::Microsoft;
        const Tokens t = webLogin(Kind(second));
        QVERIFY(t.ok());
        const QJsonObject a = get("/api/auth/me", first.access).json();
        const QJsonObject b = get("/api/auth/me", t.access).json();
        QCOMPARE(a.value("id") == b.value("id"), linked);
        const QJsonArray providers = b.value("providers").toArray();
        if (linked)
            QCOMPARE(providers, Kind(second) == Kind::Google ? QJsonArray({"github", "google"})
                                                             : QJsonArray({"github", "microsoft"}));
        else
            QCOMPARE(providers, QJsonArray({other.name()}));
    }

    void githubEmailRules()
    {
        // No primary+verified entry: the user is not linked to the verified owner of the address.
        FakeOAuthProvider &gh = fake(Kind::GitHub);
        FakeOAuthProvider &go = fake(Kind::Google);
        const QString email = go.identity.email;
        const Tokens owner = webLogin(Kind::Google);
        gh.identity.email.clear();
        gh.identity.githubPublicEmail = email;
        gh.identity.githubEmails = QJsonArray{
            QJsonObject{{"email", "other@example.com"},
                        {"primary", false},
                        {"verified", true},
                        {"visibility", QJsonValue()}},
            QJsonObject{{"email", email}, {"primary", true}, {"verified", false}, {"visibility", "public"}}};
        const Tokens t = webLogin(Kind::GitHub);
        QVERIFY(t.ok());
        const QJsonObject me = get("/api/auth/me", t.access).json();
        QVERIFY(me.value("id") != get("/api/auth/me", owner.access).json().value("id"));
        QCOMPARE(me.value("email").toString(), email); // the public, unverified address

        // Private email (null on /user) but primary+verified in /user/emails: linked.
        gh.identity = identity();
        gh.identity.email = email;
        const Tokens linked = webLogin(Kind::GitHub);
        QCOMPARE(get("/api/auth/me", linked.access).json().value("id"),
                 get("/api/auth/me", owner.access).json().value("id"));

        // No email at all still signs in.
        gh.identity = identity();
        gh.identity.email.clear();
        const Tokens none = webLogin(Kind::GitHub);
        QVERIFY(none.ok());
        QVERIFY(get("/api/auth/me", none.access).json().value("email").isNull());
    }

    void concurrentFirstLoginsMakeOneUser()
    {
        // Two browsers complete the provider step for one new identity; both callbacks hit the server at
        // once.
        const QString subject = fake(Kind::GitHub).identity.subject;
        const QString prefix = m_main->base.toString() + "/api/auth/oauth/";
        ScriptedBrowser a, b;
        const QUrl ca = QUrl::fromEncoded(
            a.follow(startUrl("github"), [&](const QUrl &u) { return u.toString().startsWith(prefix); })
                .last()
                .location);
        const QUrl cb = QUrl::fromEncoded(
            b.follow(startUrl("github"), [&](const QUrl &u) { return u.toString().startsWith(prefix); })
                .last()
                .location);
        auto call = [](ScriptedBrowser &browser, QUrl url) {
            return [&browser, url](QNetworkAccessManager &nam) {
                nam.setCookieJar(new QNetworkCookieJar);
                QNetworkRequest req(url);
                QByteArray cookie;
                for (const auto &c : browser.cookies().cookiesForUrl(url))
                    cookie += c.name() + '=' + c.value() + "; ";
                req.setRawHeader("Cookie", cookie);
                return nam.get(req);
            };
        };
        const auto results = parallel({call(a, ca), call(b, cb)});
        QCOMPARE(results[0].first, 200);
        QCOMPARE(results[1].first, 200);
        const Tokens ta = remember(QJsonDocument::fromJson(results[0].second).object());
        const Tokens tb = remember(QJsonDocument::fromJson(results[1].second).object());
        QCOMPARE(get("/api/auth/me", ta.access).json().value("id"),
                 get("/api/auth/me", tb.access).json().value("id"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM oauth_accounts WHERE provider = 'github' AND "
                                      "provider_account_id = '%1'")
                           .arg(subject)),
                 1);
    }

    // Points 4 and 5: tokens and rotation ------------------------------------------------------

    void bearerRules()
    {
        const Tokens t = webLogin(Kind::GitHub);
        const auto missing = http().get("/api/auth/me");
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.header("WWW-Authenticate"), QByteArray("Bearer"));
        const auto lower = http().get("/api/auth/me", {{"Authorization", "bearer " + t.access}});
        QCOMPARE(lower.status, 200);
        const auto query = http().get("/api/auth/me?access_token=" + t.access);
        QCOMPARE(query.status, 401);
        const auto invalid = get("/api/auth/me", "not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        QCOMPARE(invalid.status, 401);
        QCOMPARE(invalid.header("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\""));
        QCOMPARE(http().get("/api/auth/me", {{"Authorization", "Basic abc"}}).status, 401);
        QCOMPARE(get("/api/auth/me", QByteArray(600, 'a')).status, 401);

        // Expired (15 min) and revoked answer exactly like invalid.
        auto body = [](HttpClient::Result r) {
            QJsonObject o = r.json();
            o.remove("requestId");
            return o;
        };
        const Tokens other = webLogin(Kind::Google);
        QCOMPARE(http()
                     .request("POST", "/api/auth/logout", {}, {{"Authorization", "Bearer " + other.access}})
                     .status,
                 200);
        const auto revoked = get("/api/auth/me", other.access);
        m_clock->advance(899);
        QCOMPARE(get("/api/auth/me", t.access).status, 200);
        m_clock->advance(2);
        const auto expired = get("/api/auth/me", t.access);
        QCOMPARE(expired.status, 401);
        QCOMPARE(revoked.status, 401);
        QCOMPARE(body(expired), body(invalid));
        QCOMPARE(body(revoked), body(invalid));
        QCOMPARE(expired.header("WWW-Authenticate"), invalid.header("WWW-Authenticate"));
        // The refresh token outlives the access token.
        const auto refreshed = refreshJson(t.refresh);
        QCOMPARE(refreshed.status, 200);
        remember(refreshed.json());
    }

    void rotation()
    {
        const Tokens t0 = webLogin(Kind::GitHub);
        const auto r1 = refreshBearer(t0.refresh);
        QCOMPARE(r1.status, 200);
        QCOMPARE(r1.header("Cache-Control"), QByteArray("no-store"));
        const Tokens t1 = remember(r1.json());
        QVERIFY(t1.refresh != t0.refresh && t1.access != t0.access);
        QCOMPARE(get("/api/auth/me", t0.access).status, 401); // issued with the used token
        QCOMPARE(get("/api/auth/me", t1.access).status, 200);
        m_clock->advance(1);
        const auto r2 = refreshJson(t1.refresh);
        QCOMPARE(r2.status, 200);
        const Tokens t2 = remember(r2.json());
        QCOMPARE(get("/api/auth/me", t2.access).status, 200);
        // Errors: empty, unknown, malformed.
        QCOMPARE(http().request("POST", "/api/auth/refresh").status, 401);
        QCOMPARE(refreshJson("unknown-refresh-token-xxxxxxxxxxxxxxxxxxxxxxx").status, 401);
    }

    // TK-7 with the default configuration (no leeway): presenting a rotated token again, even at
    // once, revokes every token of the login.
    void reuseRevokesFamily()
    {
        const Tokens t0 = webLogin(Kind::Google);
        const Tokens other = webLogin(Kind::Google); // same user, another login: unaffected
        const Tokens t1 = remember(refreshBearer(t0.refresh).json());
        QVERIFY(t1.ok());
        m_clock->advance(1);
        const auto reuse = refreshBearer(t0.refresh);
        QCOMPARE(reuse.status, 401);
        QCOMPARE(reuse.header("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\""));
        QCOMPARE(get("/api/auth/me", t1.access).status, 401); // every token of the family
        QCOMPARE(refreshBearer(t1.refresh).status, 401);
        QCOMPARE(get("/api/auth/me", other.access).status, 200);
        QCOMPARE(count("SELECT count(*) FROM sessions WHERE revoke_reason = 'refresh token reuse'") > 0,
                 true);
        // The RFC 6749 refresh grant answers invalid_grant.
        const auto grant =
            tokenRequest(form({{"grant_type", "refresh_token"}, {"refresh_token", t1.refresh}}));
        QCOMPARE(grant.status, 400);
        QCOMPARE(grant.json().value("error").toString(), QStringLiteral("invalid_grant"));
        const auto ok =
            tokenRequest(form({{"grant_type", "refresh_token"}, {"refresh_token", other.refresh}}));
        QCOMPARE(ok.status, 200);
        remember(ok.json());
    }

    // TK-8 with a leeway: a client whose response was lost presents the previous token again and
    // gets a new pair. The window is measured by the database's clock: the servers' clock jumping
    // two minutes ahead changes nothing.
    void leewayRecoversLostResponse()
    {
        AuthServer &server = *m_leeway;
        const Tokens t0 = webLogin(Kind::Microsoft);
        const Tokens lost = remember(refreshOn(server, t0.refresh).json()); // the client never saw this
        QVERIFY(lost.ok());
        m_clock->advance(120);
        const auto retry = refreshOn(server, t0.refresh);
        QCOMPARE(retry.status, 200);
        const Tokens t1 = remember(retry.json());
        // A new pair, not the lost one again: see the report on TK-8 (distinct successors are what
        // tell the rightful client from a thief).
        QVERIFY(t1.refresh != lost.refresh);
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + lost.access}}).status, 401);
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + t1.access}}).status, 200);
        // t1 is live and rotates normally.
        const Tokens t2 = remember(refreshOn(server, t1.refresh).json());
        QVERIFY(t2.ok());
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + t2.access}}).status, 200);
    }

    // The acceptance: with a leeway, a thief who replays a stolen previous token first gets a
    // pair, and loses it as soon as the rightful client presents its successor (the whole login is
    // revoked; the rightful client signs in again).
    void thiefWhoReplaysFirstLosesThePairWhenTheRightfulClientRefreshes()
    {
        AuthServer &server = *m_leeway;
        const Tokens t0 = webLogin(Kind::GitHub);
        const Tokens rightful = remember(refreshOn(server, t0.refresh).json());
        QVERIFY(rightful.ok());
        m_clock->advance(1);
        const auto stolen = refreshOn(server, t0.refresh); // the thief's copy of t0, within the leeway
        QCOMPARE(stolen.status, 200);
        const Tokens thief = remember(stolen.json());
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + thief.access}}).status, 200);

        const auto presented = refreshOn(server, rightful.refresh);
        QCOMPARE(presented.status, 401);
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + thief.access}}).status, 401);
        QCOMPARE(refreshOn(server, thief.refresh).status, 401);
        QCOMPARE(refreshOn(*m_main, thief.refresh).status, 401);
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + rightful.access}}).status,
                 401);
        QCOMPARE(
            count("SELECT count(*) FROM sessions WHERE revoke_reason = 'replaced refresh token presented'") >
                0,
            true);
    }

    // Past the leeway by the database's clock (a real 1.3 s go by while the servers' manual clock
    // moves 1 ms), the previous token is plain reuse.
    void leewayEndsByTheDatabaseClock()
    {
        TestServer::Variables v = allVariables();
        v.insert("REFRESH_REUSE_LEEWAY_S", "1");
        AuthServer server;
        QVERIFY(server.start(v, m_clock, m_db));
        const Tokens t0 = webLogin(Kind::Google);
        const Tokens t1 = remember(refreshOn(server, t0.refresh).json());
        QVERIFY(t1.ok());
        QTest::qWait(1300);
        m_clock->advanceMs(1);
        QCOMPARE(refreshOn(server, t0.refresh).status, 401);
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + t1.access}}).status, 401);
        QCOMPARE(refreshOn(server, t1.refresh).status, 401);
    }

    void olderTokensNeverGetTheLeeway()
    {
        AuthServer &server = *m_leeway;
        const Tokens t0 = webLogin(Kind::GitHub);
        const Tokens t1 = remember(refreshOn(server, t0.refresh).json());
        const Tokens t2 = remember(refreshOn(server, t1.refresh).json());
        QVERIFY(t2.ok());
        QCOMPARE(refreshOn(server, t0.refresh).status, 401); // two generations old, within the leeway
        QCOMPARE(server.http->get("/api/auth/me", {{"Authorization", "Bearer " + t2.access}}).status, 401);
        QCOMPARE(refreshOn(server, t2.refresh).status, 401);
    }

    void twentyParallelRefreshesExactlyOneSucceeds()
    {
        const Tokens t0 = webLogin(Kind::GitHub);
        QList<std::function<QNetworkReply *(QNetworkAccessManager &)>> requests;
        const QUrl url = m_main->base.resolved(QUrl("/api/auth/refresh"));
        for (int i = 0; i < 20; ++i) {
            requests << [url, token = t0.refresh](QNetworkAccessManager &nam) {
                QNetworkRequest req(url);
                req.setRawHeader("Authorization", "Bearer " + token);
                return nam.post(req, QByteArray());
            };
        }
        const auto results = parallel(requests);
        int ok = 0;
        for (const auto &[status, body] : results) {
            QVERIFY(status == 200 || status == 401);
            if (status == 200) {
                ++ok;
                remember(QJsonDocument::fromJson(body).object());
            }
        }
        QCOMPARE(ok, 1);
        QCOMPARE(count("SELECT count(*) FROM refresh_tokens r JOIN refresh_tokens p ON p.successor_id = r.id "
                       "WHERE p.token_hash = encode(sha256('" +
                       QString::fromLatin1(t0.refresh) + "'), 'hex')"),
                 1);
    }

    void idleAndAbsoluteLifetimes()
    {
        // Idle: unused for 7 days → dead.
        const Tokens idle = webLogin(Kind::GitHub);
        m_clock->advance(7 * 86400 + 1);
        QCOMPARE(refreshBearer(idle.refresh).status, 401);

        // Absolute: used every 6 days, dead after 30 days anyway.
        Tokens t = webLogin(Kind::GitHub);
        for (int day = 6; day < 30; day += 6) {
            m_clock->advance(6 * 86400);
            const auto r = refreshBearer(t.refresh);
            QCOMPARE(r.status, 200);
            t = remember(r.json());
        }
        m_clock->advance(6 * 86400);
        QCOMPARE(refreshBearer(t.refresh).status, 401);
    }

    // Point 6: logout, me, sessions ------------------------------------------------------------

    void logoutSemantics()
    {
        const Tokens a = webLogin(Kind::Google);
        const Tokens b = webLogin(Kind::Google);
        const auto out =
            http().request("POST", "/api/auth/logout", {}, {{"Authorization", "Bearer " + a.access}});
        QCOMPARE(out.status, 200);
        QCOMPARE(out.json(), QJsonObject({{"success", true}}));
        QCOMPARE(get("/api/auth/me", a.access).status, 401);
        QCOMPARE(refreshBearer(a.refresh).status, 401);
        QCOMPARE(get("/api/auth/me", b.access).status, 200);
        QCOMPARE(http().request("POST", "/api/auth/logout").status, 401);

        const Tokens c = webLogin(Kind::Google);
        QCOMPARE(
            http()
                .request("POST", "/api/auth/logout?all=true", {}, {{"Authorization", "Bearer " + c.access}})
                .status,
            200);
        QCOMPARE(get("/api/auth/me", b.access).status, 401);
        QCOMPARE(refreshBearer(b.refresh).status, 401);
        QCOMPARE(refreshBearer(c.refresh).status, 401);
    }

    void sessionsListAndRevoke()
    {
        const Tokens a = webLogin(Kind::Microsoft);
        m_clock->advance(1);
        const Tokens b = nativeLogin(Kind::Microsoft);
        QVERIFY(a.ok() && b.ok());
        const auto list = get("/api/auth/sessions", a.access);
        QCOMPARE(list.status, 200);
        const QJsonArray data = list.json().value("data").toArray();
        QCOMPARE(data.size(), 2);
        QString otherId;
        int current = 0;
        for (const QJsonValue &v : data) {
            const QJsonObject s = v.toObject();
            QVERIFY(s.contains("createdAt") && s.contains("lastUsedAt"));
            // A web login belongs to the browser; a native one to the app that redeemed the code.
            if (s.value("current").toBool()) {
                ++current;
                QCOMPARE(s.value("userAgent").toString(), QStringLiteral("ScriptedBrowser/1.0 (test)"));
            } else {
                QCOMPARE(s.value("userAgent").toString(), QStringLiteral("DesktopApp/1.0"));
                otherId = s.value("id").toString();
            }
        }
        QCOMPARE(current, 1);
        // Someone else's session or nonsense → 404.
        const Tokens stranger = webLogin(Kind::GitHub);
        QCOMPARE(http()
                     .del("/api/auth/sessions/" + otherId, {{"Authorization", "Bearer " + stranger.access}})
                     .status,
                 404);
        QCOMPARE(
            http().del("/api/auth/sessions/not-a-uuid", {{"Authorization", "Bearer " + a.access}}).status,
            404);
        QCOMPARE(get("/api/auth/me", b.access).status, 200);
        QCOMPARE(
            http().del("/api/auth/sessions/" + otherId, {{"Authorization", "Bearer " + a.access}}).status,
            204);
        QCOMPARE(get("/api/auth/me", b.access).status, 401);
        QCOMPARE(refreshBearer(b.refresh).status, 401);
        QCOMPARE(get("/api/auth/sessions", a.access).json().value("data").toArray().size(), 1);
        QCOMPARE(
            http().del("/api/auth/sessions/" + otherId, {{"Authorization", "Bearer " + a.access}}).status,
            404);
    }

    // Point 7: local sign-in ------------------------------------------------------------------

    void localSignIn()
    {
        QCOMPARE(http().postJson("/api/auth/local", {{"secret", "anything-at-all-123"}}).status, 404);

        const QByteArray secret = "local-secret-0123456789abcdef";
        m_secrets << secret;
        AuthServer local;
        QVERIFY(local.start({}, m_clock, m_db, secret));
        const auto wrong =
            local.http->postJson("/api/auth/local", {{"secret", "local-secret-0123456789abcdeX"}});
        QCOMPARE(wrong.status, 401);
        const auto r = local.http->postJson("/api/auth/local", {{"secret", QString::fromLatin1(secret)}});
        QCOMPARE(r.status, 200);
        const Tokens t = remember(r.json());
        const auto me = local.http->get("/api/auth/me", {{"Authorization", "Bearer " + t.access}});
        QCOMPARE(me.json().value("providers").toArray(), QJsonArray({"local"}));
        const auto again = local.http->postJson("/api/auth/local", {{"secret", QString::fromLatin1(secret)}});
        const Tokens t2 = remember(again.json());
        QCOMPARE(
            local.http->get("/api/auth/me", {{"Authorization", "Bearer " + t2.access}}).json().value("id"),
            me.json().value("id")); // the single local user
        QVERIFY(!wrong.body.contains(secret));
    }

    // Nothing leaks -----------------------------------------------------------------------------

    void noTokenInLogsLocationsOrDatabase()
    {
        QVERIFY(m_secrets.size() > 50);
        QVERIFY(m_locations.size() > 20);
        const QStringList lines = m_logs->lines();
        QVERIFY(!lines.isEmpty());
        for (const QByteArray &secret : std::as_const(m_secrets)) {
            if (secret.size() < 8)
                continue;
            for (const QString &line : lines)
                QVERIFY2(!line.contains(QString::fromLatin1(secret)),
                         qPrintable("log line leaks a secret: " + line));
            for (const QByteArray &location : std::as_const(m_locations))
                QVERIFY2(!location.contains(secret) || location.contains("code=" + secret),
                         "a Location header carries a token");
        }
        // Only handoff codes may ride in a Location, and never an access or refresh token.
        for (const QByteArray &location : std::as_const(m_locations)) {
            QVERIFY(!location.contains("accessToken") && !location.contains("access_token"));
            QVERIFY(!location.contains("refresh"));
        }
        // The database holds hashes only.
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("authtest"));
        const QStringList dumps = {"SELECT string_agg(t::text, ' ') FROM access_tokens t",
                                   "SELECT string_agg(t::text, ' ') FROM refresh_tokens t",
                                   "SELECT string_agg(t::text, ' ') FROM handoff_codes t",
                                   "SELECT string_agg(t::text, ' ') FROM login_transactions t",
                                   "SELECT string_agg(t::text, ' ') FROM oauth_accounts t",
                                   "SELECT string_agg(t::text, ' ') FROM sessions t"};
        for (const QString &sql : dumps) {
            QSqlQuery q(db);
            QVERIFY(q.exec(sql) && q.next());
            const QString dump = q.value(0).toString();
            for (const QByteArray &secret : std::as_const(m_secrets))
                QVERIFY2(!dump.contains(QString::fromLatin1(secret)), qPrintable(sql));
        }
    }
};

QTEST_GUILESS_MAIN(TestAuthFlows)
#include "tst_authflows.moc"
