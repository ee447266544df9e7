// Rules that need no database: the loopback redirect_uri table, token and PKCE helpers, ID-token
// claim checks, and the provider configuration variables.
#include "auth/authsettings.h"
#include "auth/idtoken.h"
#include "auth/loopbackredirect.h"
#include "auth/tokencrypto.h"
#include "core/config.h"

#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTemporaryFile>
#include <QtTest>

namespace {
QByteArray jwt(const QJsonObject &claims)
{
    const auto enc = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    return QByteArray(R"({"alg":"RS256"})").toBase64(enc) + '.' +
           QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(enc) + ".c2ln";
}

ServerConfig config(const QHash<QString, QString> &vars)
{
    QProcessEnvironment env;
    for (auto it = vars.begin(); it != vars.end(); ++it)
        env.insert(it.key(), it.value());
    return ServerConfig::load(env);
}
} // namespace

class TestAuthRules : public QObject
{
    Q_OBJECT
private slots:
    void loopbackRedirect_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("port 1") << "http://127.0.0.1:1/cb" << true;
        QTest::newRow("port 65535") << "http://127.0.0.1:65535/cb" << true;
        QTest::newRow("port 54321") << "http://127.0.0.1:54321/callback" << true;
        QTest::newRow("ipv6") << "http://[::1]:54321/cb" << true;
        QTest::newRow("root path") << "http://127.0.0.1:8080/" << true;
        QTest::newRow("nested path") << "http://127.0.0.1:8080/oauth/done" << true;
        QTest::newRow("localhost") << "http://localhost:54321/cb" << false;
        QTest::newRow("127.0.0.2") << "http://127.0.0.2:54321/cb" << false;
        QTest::newRow("https") << "https://127.0.0.1:54321/cb" << false;
        QTest::newRow("suffix host") << "http://127.0.0.1.evil.com:80/cb" << false;
        QTest::newRow("userinfo") << "http://127.0.0.1@evil.com/cb" << false;
        QTest::newRow("userinfo with port") << "http://127.0.0.1:80@evil.com/cb" << false;
        QTest::newRow("user before host") << "http://user@127.0.0.1:54321/cb" << false;
        QTest::newRow("fragment trick") << "http://evil.com#@127.0.0.1:54321/cb" << false;
        QTest::newRow("query") << "http://127.0.0.1:54321/cb?x=1" << false;
        QTest::newRow("fragment") << "http://127.0.0.1:54321/cb#x" << false;
        QTest::newRow("port 0") << "http://127.0.0.1:0/cb" << false;
        QTest::newRow("port 65536") << "http://127.0.0.1:65536/cb" << false;
        QTest::newRow("port leading zero") << "http://127.0.0.1:080/cb" << false;
        QTest::newRow("no port") << "http://127.0.0.1/cb" << false;
        QTest::newRow("no path") << "http://127.0.0.1:54321" << false;
        QTest::newRow("encoded dots") << "http://127.0.0.1:54321/%2e%2e/cb" << false;
        QTest::newRow("dot segment") << "http://127.0.0.1:54321/a/../cb" << false;
        QTest::newRow("backslash") << "http://127.0.0.1:54321\\@evil.com/cb" << false;
        QTest::newRow("upper scheme") << "HTTP://127.0.0.1:54321/cb" << false;
        QTest::newRow("ipv6 other") << "http://[::2]:54321/cb" << false;
        QTest::newRow("space") << "http://127.0.0.1:54321/c b" << false;
        QTest::newRow("empty") << "" << false;
    }
    void loopbackRedirect()
    {
        QFETCH(QString, uri);
        QFETCH(bool, accepted);
        QCOMPARE(loopbackRedirectError(uri).isEmpty(), accepted);
    }

    void randomTokens()
    {
        const QByteArray a = tokencrypto::randomToken(32);
        QCOMPARE(a.size(), 43); // 256 bits, base64url
        QVERIFY(a != tokencrypto::randomToken(32));
        QCOMPARE(tokencrypto::hash("abc"),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void pkce()
    {
        // RFC 7636 appendix B.
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        QCOMPARE(tokencrypto::pkceChallenge(verifier),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        QVERIFY(tokencrypto::isValidVerifier(verifier));
        QVERIFY(!tokencrypto::isValidVerifier(verifier.left(42)));
        QVERIFY(!tokencrypto::isValidVerifier(QByteArray(129, 'a')));
        QVERIFY(!tokencrypto::isValidVerifier(verifier.left(42) + '+'));
        QVERIFY(tokencrypto::isValidChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        QVERIFY(!tokencrypto::isValidChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"));
        QVERIFY(!tokencrypto::isValidChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"));
        QVERIFY(tokencrypto::constantTimeEquals("abc", "abc"));
        QVERIFY(!tokencrypto::constantTimeEquals("abc", "abd"));
        QVERIFY(!tokencrypto::constantTimeEquals("abc", "abcd"));
    }

    void idTokenClaims()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 t = now.toSecsSinceEpoch();
        const QJsonObject good{{"iss", "https://accounts.google.com"},
                               {"aud", "client"},
                               {"sub", "42"},
                               {"exp", t + 600},
                               {"iat", t},
                               {"nonce", "n1"},
                               {"email_verified", true}};
        IdTokenExpectations e;
        e.issuers = {QStringLiteral("https://accounts.google.com"), QStringLiteral("accounts.google.com")};
        e.clientId = QStringLiteral("client");
        e.nonce = QStringLiteral("n1");
        e.now = now;
        QString error;
        QCOMPARE(validateIdToken(jwt(good), e, &error).value("sub").toString(), QStringLiteral("42"));
        QVERIFY(claimIsTrue(good, QStringLiteral("email_verified")));

        auto rejects = [&](QJsonObject claims, const char *why) {
            QString err;
            const bool rejected = validateIdToken(jwt(claims), e, &err).isEmpty();
            if (!rejected)
                qWarning() << "accepted:" << why;
            return rejected;
        };
        QJsonObject c = good;
        c["iss"] = "https://evil.example";
        QVERIFY(rejects(c, "issuer"));
        c = good;
        c["aud"] = "other";
        QVERIFY(rejects(c, "audience"));
        c = good;
        c["aud"] = QJsonArray{"client", "other"};
        QVERIFY(rejects(c, "multi-audience without azp"));
        c["azp"] = "client";
        QVERIFY(!rejects(c, "multi-audience with azp"));
        c = good;
        c["exp"] = t - 3600;
        QVERIFY(rejects(c, "expired"));
        c = good;
        c["nonce"] = "n2";
        QVERIFY(rejects(c, "nonce"));
        c = good;
        c.remove("nonce");
        QVERIFY(rejects(c, "no nonce"));
        c = good;
        c.remove("sub");
        QVERIFY(rejects(c, "no sub"));
        QVERIFY(validateIdToken("not.a.jwt", e, &error).isEmpty());

        // Microsoft: iss from the tenant template, tid pinned when the tenant is a GUID.
        IdTokenExpectations ms = e;
        ms.issuers.clear();
        ms.issuerTemplate = QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
        c = good;
        c["tid"] = "9188040d-6c67-4c5b-b112-36a304b66dad";
        c["iss"] = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";
        QVERIFY(!validateIdToken(jwt(c), ms, &error).isEmpty());
        c["iss"] = "https://login.microsoftonline.com/other/v2.0";
        QVERIFY(validateIdToken(jwt(c), ms, &error).isEmpty());
        c["iss"] = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";
        ms.requiredTenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
        QVERIFY(validateIdToken(jwt(c), ms, &error).isEmpty());
    }

    void providerDefaults()
    {
        const AuthSettings s = AuthSettings::fromConfig(config({}));
        QCOMPARE(s.accessTokenTtlS, 900);
        QCOMPARE(s.refreshReuseLeewayS, 0); // TK-8: off unless configured
        QCOMPARE(s.refreshAbsoluteTtlS, 30 * 86400);
        QCOMPARE(s.refreshIdleTtlS, 7 * 86400);
        const ProviderSettings *gh = s.provider(u"github");
        QVERIFY(gh && !gh->isConfigured());
        QCOMPARE(gh->missingVariables(),
                 QStringList({"OAUTH_GITHUB_CLIENT_ID", "OAUTH_GITHUB_CLIENT_SECRET"}));
        QCOMPARE(gh->authorizeUrl.toString(), QStringLiteral("https://github.com/login/oauth/authorize"));
        QCOMPARE(gh->tokenUrl.toString(), QStringLiteral("https://github.com/login/oauth/access_token"));
        QCOMPARE(gh->userinfoUrl.toString(), QStringLiteral("https://api.github.com/user"));
        QCOMPARE(gh->emailsUrl.toString(), QStringLiteral("https://api.github.com/user/emails"));
        QCOMPARE(gh->scope, QStringLiteral("read:user user:email"));
        const ProviderSettings *go = s.provider(u"google");
        QCOMPARE(go->authorizeUrl.toString(), QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
        QCOMPARE(go->tokenUrl.toString(), QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(go->userinfoUrl.toString(),
                 QStringLiteral("https://openidconnect.googleapis.com/v1/userinfo"));
        QCOMPARE(go->scope, QStringLiteral("openid profile email"));
        const ProviderSettings *ms = s.provider(u"microsoft");
        QCOMPARE(ms->authorizeUrl.toString(),
                 QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/authorize"));
        QCOMPARE(ms->tokenUrl.toString(),
                 QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/token"));
        QVERIFY(!s.provider(u"gitlab"));
        QVERIFY(!s.secureCookies);

        const AuthSettings t =
            AuthSettings::fromConfig(config({{"OAUTH_MICROSOFT_TENANT_ID", "contoso.onmicrosoft.com"},
                                             {"API_BASE_URL", "https://icons.example.com/"},
                                             {"OAUTH_GOOGLE_CLIENT_ID", "id"},
                                             {"OAUTH_GOOGLE_CLIENT_SECRET", "secret"}}));
        QCOMPARE(
            t.provider(u"microsoft")->tokenUrl.toString(),
            QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        QVERIFY(t.secureCookies);
        QVERIFY(t.provider(u"google")->isConfigured());
        QCOMPARE(t.callbackUrl(*t.provider(u"google")),
                 QStringLiteral("https://icons.example.com/api/auth/oauth/google/callback"));
    }

    void invalidConfiguration_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("ttl not a number") << "ACCESS_TOKEN_TTL_S"
                                          << "soon";
        QTest::newRow("ttl zero") << "ACCESS_TOKEN_TTL_S"
                                  << "0";
        QTest::newRow("leeway negative") << "REFRESH_REUSE_LEEWAY_S"
                                         << "-1";
        QTest::newRow("leeway too long") << "REFRESH_REUSE_LEEWAY_S"
                                         << "3600";
        QTest::newRow("leeway over the policy's 30 s") << "REFRESH_REUSE_LEEWAY_S"
                                                       << "31";
        QTest::newRow("relative url") << "OAUTH_GITHUB_TOKEN_URL"
                                      << "/token";
        QTest::newRow("ftp url") << "OAUTH_GOOGLE_AUTHORIZE_URL"
                                 << "ftp://example.com/auth";
        QTest::newRow("credentials in url") << "OAUTH_MICROSOFT_TOKEN_URL"
                                            << "https://u:p@example.com/t";
        QTest::newRow("tenant with slash") << "OAUTH_MICROSOFT_TENANT_ID"
                                           << "a/b";
        QTest::newRow("client id with space") << "OAUTH_GITHUB_CLIENT_ID"
                                              << "a b";
    }
    void invalidConfiguration()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        try {
            AuthSettings::fromConfig(config({{variable, value}}));
            QFAIL("accepted");
        } catch (const ConfigError &e) {
            QCOMPARE(e.variable(), variable);
        }
    }

    void localSecretFile()
    {
        QTemporaryFile f;
        QVERIFY(f.open());
        f.write("0123456789abcdef-secret\n");
        f.flush();
        QCOMPARE(readLocalLoginSecretFile(f.fileName()), QByteArray("0123456789abcdef-secret"));
        QTemporaryFile shortFile;
        QVERIFY(shortFile.open());
        shortFile.write("short\n");
        shortFile.flush();
        QVERIFY_THROWS_EXCEPTION(ConfigError, readLocalLoginSecretFile(shortFile.fileName()));
        QVERIFY_THROWS_EXCEPTION(ConfigError,
                                 readLocalLoginSecretFile(QStringLiteral("/nonexistent/secret")));
    }
};

QTEST_GUILESS_MAIN(TestAuthRules)
#include "tst_authrules.moc"
