#include "fakeoauthprovider.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace {
using Response = MiniHttpServer::Response;

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString randomString(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(b64url(raw));
}

Response json(const QJsonObject &o, int status = 200)
{
    Response r;
    r.status = status;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

QString decoded(const QUrlQuery &q, const QString &key)
{
    return q.queryItemValue(key, QUrl::FullyDecoded);
}
} // namespace

FakeOAuthProvider::FakeOAuthProvider(Kind kind, std::shared_ptr<Clock> clock)
    : m_kind(kind)
    , m_clock(std::move(clock))
{
    if (kind == Kind::Microsoft)
        identity.subject = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
    else if (kind == Kind::Google)
        identity.subject = QStringLiteral("110169484474386276334");
    m_http =
        std::make_unique<MiniHttpServer>([this](const MiniHttpServer::Request &req) { return handle(req); });
}

FakeOAuthProvider::~FakeOAuthProvider() = default;

bool FakeOAuthProvider::listen()
{
    return m_http->listen();
}

QUrl FakeOAuthProvider::baseUrl() const
{
    return m_http->baseUrl();
}

QString FakeOAuthProvider::name() const
{
    switch (m_kind) {
    case Kind::GitHub:
        return QStringLiteral("github");
    case Kind::Google:
        return QStringLiteral("google");
    case Kind::Microsoft:
        return QStringLiteral("microsoft");
    }
    return {};
}

QString FakeOAuthProvider::authorizePath() const
{
    switch (m_kind) {
    case Kind::GitHub:
        return QStringLiteral("/login/oauth/authorize");
    case Kind::Google:
        return QStringLiteral("/o/oauth2/v2/auth");
    case Kind::Microsoft:
        return QStringLiteral("/%1/oauth2/v2.0/authorize").arg(tenant);
    }
    return {};
}

QString FakeOAuthProvider::tokenPath() const
{
    switch (m_kind) {
    case Kind::GitHub:
        return QStringLiteral("/login/oauth/access_token");
    case Kind::Google:
        return QStringLiteral("/token");
    case Kind::Microsoft:
        return QStringLiteral("/%1/oauth2/v2.0/token").arg(tenant);
    }
    return {};
}

QString FakeOAuthProvider::userinfoPath() const
{
    switch (m_kind) {
    case Kind::GitHub:
        return QStringLiteral("/user");
    case Kind::Google:
        return QStringLiteral("/v1/userinfo");
    case Kind::Microsoft:
        return QStringLiteral("/oidc/userinfo");
    }
    return {};
}

QHash<QString, QString> FakeOAuthProvider::variables() const
{
    const QString p = QStringLiteral("OAUTH_") + name().toUpper();
    const QString base = baseUrl().toString();
    QHash<QString, QString> v{
        {p + QStringLiteral("_CLIENT_ID"), clientId},
        {p + QStringLiteral("_CLIENT_SECRET"), clientSecret},
        {p + QStringLiteral("_AUTHORIZE_URL"), base + authorizePath()},
        {p + QStringLiteral("_TOKEN_URL"), base + tokenPath()},
        {p + QStringLiteral("_USERINFO_URL"), base + userinfoPath()},
    };
    if (m_kind == Kind::GitHub)
        v.insert(p + QStringLiteral("_EMAILS_URL"), base + QStringLiteral("/user/emails"));
    if (m_kind == Kind::Microsoft)
        v.insert(p + QStringLiteral("_TENANT_ID"), tenant);
    return v;
}

Response FakeOAuthProvider::handle(const MiniHttpServer::Request &req)
{
    const QString path = req.url.path();
    if (req.method == "GET" && path == authorizePath())
        return authorize(req);
    if (req.method == "POST" && path == tokenPath())
        return token(req);
    if (req.method == "GET" && path == userinfoPath())
        return userinfo(req, false);
    if (req.method == "GET" && m_kind == Kind::GitHub && path == u"/user/emails")
        return userinfo(req, true);
    Response r;
    r.status = 404;
    r.body = R"({"message":"Not Found"})";
    return r;
}

Response FakeOAuthProvider::authorize(const MiniHttpServer::Request &req)
{
    ++authorizeRequests;
    const QUrlQuery q = req.query();
    lastAuthorize = q;
    const QString redirectUri = decoded(q, QStringLiteral("redirect_uri"));
    Response r;
    if (decoded(q, QStringLiteral("client_id")) != clientId || redirectUri.isEmpty()) {
        r.status = 400;
        r.contentType = "text/html";
        r.body = "<p>invalid client or redirect_uri</p>";
        return r;
    }
    QUrl back(redirectUri);
    QUrlQuery answer;
    const QString state = decoded(q, QStringLiteral("state"));
    const QString challenge = decoded(q, QStringLiteral("code_challenge"));
    const QString method = decoded(q, QStringLiteral("code_challenge_method"));
    if (!authorizeError.isEmpty()) {
        answer.addQueryItem(QStringLiteral("error"), authorizeError);
        answer.addQueryItem(QStringLiteral("error_description"), QStringLiteral("The user denied access"));
    } else if (!challenge.isEmpty() && method != u"S256") {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("invalid_request"));
    } else {
        Code code;
        code.redirectUri = redirectUri;
        code.challenge = challenge;
        code.nonce = decoded(q, QStringLiteral("nonce"));
        code.identity = identity;
        const QString value = randomString(20);
        m_codes.insert(value, code);
        answer.addQueryItem(QStringLiteral("code"), value);
    }
    if (!state.isEmpty())
        answer.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    back.setQuery(answer);
    r.status = 302;
    r.contentType = "text/html";
    r.headers.append(std::pair<QByteArray, QByteArray>("Location", back.toEncoded()));
    return r;
}

Response FakeOAuthProvider::tokenError(int status, const QString &error)
{
    tokenErrors << error;
    if (m_kind == Kind::GitHub) {
        // GitHub: HTTP 200 with the error in the body.
        return json(
            {{QStringLiteral("error"), error},
             {QStringLiteral("error_description"), QStringLiteral("The request failed.")},
             {QStringLiteral("error_uri"), QStringLiteral("https://docs.github.com/apps/troubleshooting")}});
    }
    return json({{QStringLiteral("error"), error},
                 {QStringLiteral("error_description"), QStringLiteral("Bad Request")}},
                status);
}

Response FakeOAuthProvider::token(const MiniHttpServer::Request &req)
{
    ++tokenRequests;
    const QUrlQuery form = req.form();
    lastTokenRequest = form;
    lastTokenAccept = req.header("accept");
    lastUserAgent = req.header("user-agent");
    const bool github = m_kind == Kind::GitHub;
    if (decoded(form, QStringLiteral("client_id")) != clientId ||
        decoded(form, QStringLiteral("client_secret")) != clientSecret)
        return tokenError(401, github ? QStringLiteral("incorrect_client_credentials")
                                      : QStringLiteral("invalid_client"));
    if (!github && decoded(form, QStringLiteral("grant_type")) != u"authorization_code")
        return tokenError(400, QStringLiteral("unsupported_grant_type"));
    auto it = m_codes.find(decoded(form, QStringLiteral("code")));
    if (it == m_codes.end() || it->used)
        return tokenError(400,
                          github ? QStringLiteral("bad_verification_code") : QStringLiteral("invalid_grant"));
    it->used = true; // single use, whatever happens next
    if (decoded(form, QStringLiteral("redirect_uri")) != it->redirectUri)
        return tokenError(400,
                          github ? QStringLiteral("redirect_uri_mismatch") : QStringLiteral("invalid_grant"));
    const QByteArray verifier = decoded(form, QStringLiteral("code_verifier")).toLatin1();
    if (!it->challenge.isEmpty() || requirePkce) {
        const QByteArray expected = b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
        if (it->challenge.isEmpty() || verifier.size() < 43 || expected != it->challenge.toLatin1())
            return tokenError(400, github ? QStringLiteral("bad_verification_code")
                                          : QStringLiteral("invalid_grant"));
    }
    ++successfulExchanges;
    const QString accessToken =
        (github ? QStringLiteral("gho_") : QStringLiteral("ya29.")) + randomString(24);
    issuedAccessTokens << accessToken;
    m_accessTokens.insert(accessToken, it->identity);
    if (github) {
        if (!lastTokenAccept.contains("application/json")) {
            Response r;
            r.contentType = "application/x-www-form-urlencoded";
            r.body = "access_token=" + accessToken.toLatin1() +
                     "&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer";
            return r;
        }
        return json({{QStringLiteral("access_token"), accessToken},
                     {QStringLiteral("token_type"), QStringLiteral("bearer")},
                     {QStringLiteral("scope"), QStringLiteral("read:user,user:email")}});
    }
    QJsonObject o{{QStringLiteral("access_token"), accessToken},
                  {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), 3599},
                  {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                  {QStringLiteral("id_token"), QString::fromLatin1(idToken(*it))}};
    if (m_kind == Kind::Microsoft)
        o.insert(QStringLiteral("ext_expires_in"), 3599);
    Response r = json(o);
    r.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    return r;
}

QByteArray FakeOAuthProvider::idToken(const Code &code) const
{
    const qint64 now = m_clock->now().toSecsSinceEpoch();
    const Identity &id = code.identity;
    QJsonObject claims{
        {QStringLiteral("aud"), clientId},     {QStringLiteral("sub"), id.subject},
        {QStringLiteral("iat"), now},          {QStringLiteral("exp"), now + 3600},
        {QStringLiteral("nonce"), code.nonce}, {QStringLiteral("name"), QStringLiteral("Ada Lovelace")}};
    if (m_kind == Kind::Google) {
        claims.insert(QStringLiteral("iss"), QStringLiteral("https://accounts.google.com"));
        claims.insert(QStringLiteral("azp"), clientId);
        if (id.emailInIdToken && !id.email.isEmpty()) {
            claims.insert(QStringLiteral("email"), id.email);
            if (!id.omitVerifiedClaim)
                claims.insert(QStringLiteral("email_verified"), id.emailVerified);
        }
    } else {
        claims.insert(QStringLiteral("iss"),
                      baseUrl().toString() + u'/' + id.tenantId + QStringLiteral("/v2.0"));
        claims.insert(QStringLiteral("tid"), id.tenantId);
        claims.insert(QStringLiteral("oid"), QStringLiteral("00000000-0000-0000-66f3-3332eca7ea81"));
        claims.insert(QStringLiteral("ver"), QStringLiteral("2.0"));
        claims.insert(QStringLiteral("nbf"), now);
        claims.insert(QStringLiteral("preferred_username"), id.email);
        if (id.emailInIdToken && !id.email.isEmpty()) {
            claims.insert(QStringLiteral("email"), id.email);
            if (!id.omitVerifiedClaim && id.emailVerified)
                claims.insert(QStringLiteral("xms_edov"), true);
        }
    }
    if (tamperIdToken)
        tamperIdToken(claims);
    const QByteArray header = b64url(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray payload = b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = b64url(QMessageAuthenticationCode::hash(
        header + '.' + payload, clientSecret.toUtf8(), QCryptographicHash::Sha256));
    return header + '.' + payload + '.' + signature;
}

Response FakeOAuthProvider::userinfo(const MiniHttpServer::Request &req, bool emails)
{
    ++userinfoRequests;
    lastUserAgent = req.header("user-agent");
    const QByteArray auth = req.header("authorization");
    const auto it = m_accessTokens.constFind(QString::fromLatin1(auth.mid(7)));
    if (!auth.toLower().startsWith("bearer ") || it == m_accessTokens.cend())
        return json({{QStringLiteral("message"), QStringLiteral("Bad credentials")}}, 401);
    const Identity &id = *it;
    if (m_kind == Kind::GitHub) {
        if (req.header("user-agent").isEmpty()) // GitHub rejects requests without a User-Agent
            return json(
                {{QStringLiteral("message"), QStringLiteral("Request forbidden by administrative rules.")}},
                403);
        if (emails) {
            QJsonArray list = id.githubEmails;
            if (list.isEmpty() && !id.email.isEmpty()) {
                list.append(QJsonObject{{QStringLiteral("email"), id.email},
                                        {QStringLiteral("primary"), true},
                                        {QStringLiteral("verified"), id.emailVerified},
                                        {QStringLiteral("visibility"), QStringLiteral("private")}});
            }
            Response r;
            r.body = QJsonDocument(list).toJson(QJsonDocument::Compact);
            return r;
        }
        return json(
            {{QStringLiteral("login"), QStringLiteral("ada")},
             {QStringLiteral("id"), id.subject.toLongLong()},
             {QStringLiteral("node_id"), QStringLiteral("MDQ6VXNlcjE=")},
             {QStringLiteral("type"), QStringLiteral("User")},
             {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
             {QStringLiteral("email"), id.githubPublicEmail.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(id.githubPublicEmail)}});
    }
    QJsonObject o{{QStringLiteral("sub"), id.subject},
                  {QStringLiteral("name"), QStringLiteral("Ada Lovelace")}};
    if (!id.email.isEmpty()) {
        o.insert(QStringLiteral("email"), id.email);
        if (m_kind == Kind::Google && !id.omitVerifiedClaim)
            o.insert(QStringLiteral("email_verified"), id.emailVerified);
    }
    return json(o);
}
