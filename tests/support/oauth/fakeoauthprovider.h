#pragma once

#include "core/clock.h"
#include "minihttpserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

// A fake GitHub, Google or Microsoft speaking the real wire formats, reached only through the
// OAUTH_<P>_* variables an operator would set (variables()).
//
//  authorize   GET  → 302 to redirect_uri with code+state (auto-consent), or error=… when told to
//  token       POST → client credentials, redirect_uri, single-use code and PKCE S256 checked;
//                     GitHub answers every error with HTTP 200 + {"error":…} (and form encoding
//                     unless Accept: application/json); Google/Microsoft answer 400/401 + id_token
//                     (an HS256 JWT keyed with the client secret) on success
//  userinfo    GET  → GitHub /user (needs a User-Agent), /user/emails; OIDC userinfo
class FakeOAuthProvider
{
public:
    enum class Kind { GitHub, Google, Microsoft };

    struct Identity
    {
        QString subject = QStringLiteral("1001"); // GitHub numeric id / Google sub / Microsoft sub
        QString email = QStringLiteral("ada@example.com");
        bool emailVerified = true;      // Google email_verified; Microsoft xms_edov; GitHub primary+verified
        bool omitVerifiedClaim = false; // Microsoft: no xms_edov at all; Google: no email_verified
        bool emailInIdToken = true;     // OIDC: false → only the userinfo endpoint has it
        QString tenantId = QStringLiteral("9188040d-6c67-4c5b-b112-36a304b66dad");
        // GitHub: the public /user email (null when empty) and the /user/emails list; when
        // `githubEmails` is empty it is derived from email/emailVerified (one primary entry).
        QString githubPublicEmail;
        QJsonArray githubEmails;
    };

    explicit FakeOAuthProvider(Kind kind, std::shared_ptr<Clock> clock = Clock::system());
    ~FakeOAuthProvider();

    bool listen();
    Kind kind() const { return m_kind; }
    QString name() const; // github | google | microsoft
    QUrl baseUrl() const;
    // OAUTH_<P>_CLIENT_ID, _CLIENT_SECRET, _AUTHORIZE_URL, _TOKEN_URL, _USERINFO_URL (+ GitHub _EMAILS_URL,
    // Microsoft _TENANT_ID).
    QHash<QString, QString> variables() const;

    QString clientId = QStringLiteral("fake-client-id");
    QString clientSecret = QStringLiteral("fake-client-secret-0123456789");
    QString tenant = QStringLiteral("common");

    Identity identity;
    QString authorizeError;  // non-empty: the authorize step answers error=<this>
    bool requirePkce = true; // token endpoint refuses an exchange without a valid code_verifier
    // Runs on the claims of each id_token before it is signed (tests corrupt nonce, aud, iss, exp…).
    std::function<void(QJsonObject &)> tamperIdToken;

    // Observations.
    int authorizeRequests = 0;
    int tokenRequests = 0;
    int successfulExchanges = 0;
    int userinfoRequests = 0;
    QUrlQuery lastAuthorize;
    QUrlQuery lastTokenRequest;
    QByteArray lastTokenAccept;
    QByteArray lastUserAgent;
    QStringList tokenErrors;        // error codes the token endpoint answered
    QStringList issuedAccessTokens; // provider tokens (must never reach our clients, logs or DB)

private:
    struct Code
    {
        QString redirectUri;
        QString challenge;
        QString nonce;
        Identity identity;
        bool used = false;
    };
    MiniHttpServer::Response handle(const MiniHttpServer::Request &req);
    MiniHttpServer::Response authorize(const MiniHttpServer::Request &req);
    MiniHttpServer::Response token(const MiniHttpServer::Request &req);
    MiniHttpServer::Response tokenError(int status, const QString &error);
    MiniHttpServer::Response userinfo(const MiniHttpServer::Request &req, bool emails);
    QByteArray idToken(const Code &code) const;
    QString authorizePath() const;
    QString tokenPath() const;
    QString userinfoPath() const;

    Kind m_kind;
    std::shared_ptr<Clock> m_clock;
    std::unique_ptr<MiniHttpServer> m_http;
    QHash<QString, Code> m_codes;
    QHash<QString, Identity> m_accessTokens;
};
