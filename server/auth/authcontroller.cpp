#include "auth/authcontroller.h"

#include "api/uuid.h"
#include "auth/authservice.h"
#include "auth/authsettings.h"
#include "auth/loopbackredirect.h"
#include "auth/providerclient.h"
#include "auth/tokencache.h"
#include "auth/tokencrypto.h"
#include "core/logging.h"
#include "db/database.h"
#include "db/notificationlistener.h"
#include "http/apierror.h"

#include <QJsonArray>
#include <QTimer>

namespace {

constexpr qint64 kSweepIntervalMs = 10 * 60 * 1000;

ApiError invalidRequest(const QString &message)
{
    return ApiError::badRequest(QStringLiteral("invalid_request"), message);
}

ApiError invalidGrant()
{
    return ApiError::badRequest(
        QStringLiteral("invalid_grant"),
        QStringLiteral("The code or token is invalid, expired, already used, or does not match "
                       "the verifier or redirect URI."));
}

ApiError invalidState()
{
    return ApiError::badRequest(
        QStringLiteral("invalid_state"),
        QStringLiteral("This sign-in is invalid, expired or already used, or was started in "
                       "another browser. Start the sign-in again."));
}

// Printable ASCII only, at most `max` characters: what we store and echo of client-chosen text.
QString cleanText(const QString &raw, int max)
{
    QString out;
    for (QChar c : raw) {
        if (out.size() >= max)
            break;
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f)
            out += c;
    }
    return out;
}

QString userAgentOf(const Request &req)
{
    return cleanText(QString::fromUtf8(req.header("User-Agent")), 256);
}

QString providerError(const QString &raw)
{
    QString out;
    for (QChar c : raw.left(64)) {
        if ((c >= u'a' && c <= u'z') || c == u'_')
            out += c;
    }
    return out.isEmpty() ? QStringLiteral("server_error") : out;
}

QByteArray percent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

Response noStore(Response r)
{
    r.header("Cache-Control", "no-store");
    r.header("Pragma", "no-cache");
    return r;
}

} // namespace

struct AuthController::Handlers : std::enable_shared_from_this<AuthController::Handlers>
{
    Database *database = nullptr;
    std::shared_ptr<Clock> clock;
    std::shared_ptr<TokenCache> tokens;
    std::shared_ptr<AuthService> service;
    AuthGuard guard;
    QByteArray cookieName;
    std::weak_ptr<ProviderClient> providers;

    Handlers(Database &db, std::shared_ptr<Clock> c, AuthSettings settings)
        : database(&db)
        , clock(c)
        , tokens(std::make_shared<TokenCache>(c, settings.accessTokenCacheMs))
        , service(std::make_shared<AuthService>(std::move(settings), c, tokens))
        , guard(db, c, tokens)
    {
        // __Host- pins the cookie to this origin (Secure, Path=/, no Domain); plain http cannot use it.
        cookieName = service->settings().secureCookies ? QByteArrayLiteral("__Host-parametric_login")
                                                       : QByteArrayLiteral("parametric_login");
    }

    const AuthSettings &settings() const { return service->settings(); }

    const ProviderSettings &provider(const Request &req) const
    {
        const ProviderSettings *p = settings().provider(req.param(u"provider"));
        if (!p)
            throw ApiError::notFound(QStringLiteral("provider"));
        return *p;
    }

    QByteArray loginCookie(const QByteArray &value, qint64 maxAge) const
    {
        QByteArray c =
            cookieName + '=' + value + "; Max-Age=" + QByteArray::number(maxAge) + "; HttpOnly; SameSite=Lax";
        if (settings().secureCookies)
            c += "; Secure; Path=/";
        else
            c += "; Path=/api/auth/oauth";
        return c;
    }

    QByteArray cookieValue(const Request &req) const
    {
        for (const QByteArray &header : req.headerValues("Cookie")) {
            for (const QByteArray &part : header.split(';')) {
                const QByteArray item = part.trimmed();
                if (item.startsWith(cookieName + '='))
                    return item.mid(cookieName.size() + 1);
            }
        }
        return {};
    }

    // Runs `work` on the pool with that thread's connection; its Response or error is the answer.
    void onPool(const Reply &reply, std::function<Response(QSqlDatabase)> work) const
    {
        Database *db = database;
        database->run(
            [db, reply, work = std::move(work)] { reply.respond([&] { return work(db->connection()); }); });
    }

    void start(const Request &req, const Reply &reply);
    void callback(const Request &req, const Reply &reply);
    void finishLogin(const LoginTransaction &t, const ProviderOutcome &outcome, const Reply &reply);
    Response redirectToApp(const LoginTransaction &t,
                           const QList<std::pair<QString, QByteArray>> &params) const;
    void token(const Request &req, const Reply &reply);
    void refresh(const Request &req, const Reply &reply);
    void local(const Request &req, const Reply &reply);
    void logout(const Request &req, const AuthContext &who, Reply reply) const;
    void me(const Request &req, const AuthContext &who, Reply reply) const;
    void sessions(const Request &req, const AuthContext &who, Reply reply) const;
    void revokeSession(const Request &req, const AuthContext &who, Reply reply) const;
};

void AuthController::Handlers::start(const Request &req, const Reply &reply)
{
    const ProviderSettings &p = provider(req);
    if (!p.isConfigured()) {
        throw ApiError::serviceUnavailable(QStringLiteral("Sign-in with %1 is not configured: set %2.")
                                               .arg(p.name, p.missingVariables().join(u" and ")),
                                           60);
    }

    LoginTransaction t;
    const auto redirectUri = req.query(QStringLiteral("redirect_uri"));
    const auto challenge = req.query(QStringLiteral("code_challenge"));
    const auto method = req.query(QStringLiteral("code_challenge_method"));
    const auto appState = req.query(QStringLiteral("state"));
    if (redirectUri) {
        const QString error = loopbackRedirectError(*redirectUri);
        if (!error.isEmpty())
            throw invalidRequest(error).withField(QStringLiteral("redirect_uri"));
        if (!challenge)
            throw invalidRequest(QStringLiteral("code_challenge is required with redirect_uri."))
                .withField(QStringLiteral("code_challenge"));
        if (method.value_or(QString()) != u"S256")
            throw invalidRequest(QStringLiteral("code_challenge_method must be S256."))
                .withField(QStringLiteral("code_challenge_method"));
        if (!tokencrypto::isValidChallenge(challenge->toLatin1()) ||
            challenge->toLatin1() != challenge->toUtf8())
            throw invalidRequest(QStringLiteral("code_challenge must be 43 base64url characters."))
                .withField(QStringLiteral("code_challenge"));
        if (appState &&
            (appState->isEmpty() || appState->size() > 512 || cleanText(*appState, 512) != *appState))
            throw invalidRequest(QStringLiteral("state must be 1 to 512 printable ASCII characters."))
                .withField(QStringLiteral("state"));
        t.redirectUri = *redirectUri;
        t.codeChallenge = *challenge;
        t.appState = appState.value_or(QString());
    } else if (challenge || method || appState) {
        throw invalidRequest(
            QStringLiteral("code_challenge, code_challenge_method and state need a redirect_uri."))
            .withField(QStringLiteral("redirect_uri"));
    }

    bool redirect = req.header("Accept").contains("text/html");
    if (const auto r = req.query(QStringLiteral("redirect"))) {
        if (*r == u"1" || *r == u"true")
            redirect = true;
        else if (*r != u"0" && *r != u"false")
            throw ApiError::validation(QStringLiteral("redirect"),
                                       QStringLiteral("redirect must be 1 or 0."));
    }

    const QByteArray state = tokencrypto::randomToken(32);
    const QByteArray browser = tokencrypto::randomToken(32);
    const QDateTime now = clock->now();
    t.stateHash = tokencrypto::hash(state);
    t.provider = p.name;
    t.browserHash = tokencrypto::hash(browser);
    t.codeVerifier = QString::fromLatin1(tokencrypto::randomToken(32)); // 43 characters
    if (p.oidc)
        t.nonce = QString::fromLatin1(tokencrypto::randomToken(32));
    t.userAgent = userAgentOf(req);
    t.createdAt = now;
    t.expiresAt = now.addSecs(settings().loginTtlS);

    QByteArray query = p.authorizeUrl.query(QUrl::FullyEncoded).toLatin1();
    auto add = [&query](const char *name, const QString &value) {
        if (!query.isEmpty())
            query += '&';
        query += QByteArray(name) + '=' + percent(value);
    };
    add("response_type", QStringLiteral("code"));
    add("client_id", p.clientId);
    add("redirect_uri", settings().callbackUrl(p));
    add("scope", p.scope);
    add("state", QString::fromLatin1(state));
    add("code_challenge", QString::fromLatin1(tokencrypto::pkceChallenge(t.codeVerifier.toLatin1())));
    add("code_challenge_method", QStringLiteral("S256"));
    if (p.oidc)
        add("nonce", t.nonce);
    if (p.id == OAuthProvider::Microsoft)
        add("response_mode", QStringLiteral("query"));
    QUrl url = p.authorizeUrl;
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);

    const QByteArray cookie = loginCookie(browser, settings().loginTtlS);
    auto service = this->service;
    onPool(reply, [service, t, url, cookie, redirect](QSqlDatabase db) {
        service->startLogin(db, t);
        Response r =
            redirect ? Response::redirect(url, 302)
                     : Response::json(QJsonObject{{QStringLiteral("url"), url.toString(QUrl::FullyEncoded)}});
        r.header("Set-Cookie", cookie);
        r.header("Cache-Control", "no-store");
        return r;
    });
}

Response AuthController::Handlers::redirectToApp(const LoginTransaction &t,
                                                 const QList<std::pair<QString, QByteArray>> &params) const
{
    QByteArray location = t.redirectUri.toLatin1();
    char sep = '?';
    for (const auto &[name, value] : params) {
        location += sep + name.toLatin1() + '=' + QUrl::toPercentEncoding(QString::fromLatin1(value));
        sep = '&';
    }
    if (!t.appState.isEmpty())
        location += sep + QByteArrayLiteral("state=") + percent(t.appState);
    Response r = Response::redirect(QUrl::fromEncoded(location, QUrl::StrictMode), 302);
    r.header("Referrer-Policy", "no-referrer");
    r.header("Set-Cookie", loginCookie("", 0));
    return noStore(r);
}

void AuthController::Handlers::callback(const Request &req, const Reply &reply)
{
    const ProviderSettings &p = provider(req);
    const QString state = req.query(QStringLiteral("state")).value_or(QString());
    const auto code = req.query(QStringLiteral("code"));
    const auto error = req.query(QStringLiteral("error"));
    if (state.isEmpty() || state.size() > 256)
        throw invalidState();
    const QByteArray browser = cookieValue(req);
    const QString browserHash = browser.isEmpty() ? QString() : tokencrypto::hash(browser);
    const QString providerName = p.name;
    auto service = this->service;
    Database *db = database;
    auto self = shared_from_this();

    database->run([service, db, self, reply, state, browserHash, providerName, code, error] {
        try {
            std::optional<LoginTransaction> t =
                service->takeLogin(db->connection(), tokencrypto::hash(state.toUtf8()));
            const QDateTime now = self->clock->now();
            const char *why =
                !t                            ? "unknown or used state"
                : t->expiresAt <= now         ? "expired state"
                : t->provider != providerName ? "state issued for another provider"
                : browserHash.isEmpty()       ? "no browser-binding cookie"
                : !tokencrypto::constantTimeEquals(browserHash.toLatin1(), t->browserHash.toLatin1())
                    ? "browser-binding cookie mismatch"
                    : nullptr;
            if (why) {
                qCInfo(lcAuth) << "oauth callback rejected:" << why << "provider" << providerName << "request"
                               << reply.requestId();
                throw invalidState();
            }
            if (error) {
                const QString errorCode = providerError(*error);
                qCInfo(lcAuth) << "provider" << providerName << "answered error" << errorCode;
                if (t->isNative())
                    return reply.send(
                        self->redirectToApp(*t, {{QStringLiteral("error"), errorCode.toLatin1()}}));
                throw ApiError::badRequest(errorCode == u"access_denied" ? errorCode
                                                                         : QStringLiteral("oauth_error"),
                                           QStringLiteral("The provider did not complete the sign-in."));
            }
            if (!code || code->isEmpty() || code->size() > 2048) {
                if (t->isNative())
                    return reply.send(
                        self->redirectToApp(*t, {{QStringLiteral("error"), "invalid_request"}}));
                throw invalidRequest(QStringLiteral("The callback carries no code."));
            }

            ProviderClient::Exchange ex;
            ex.provider = *service->settings().provider(providerName);
            ex.code = *code;
            ex.codeVerifier = t->codeVerifier;
            ex.redirectUri = service->settings().callbackUrl(ex.provider);
            ex.nonce = t->nonce;
            const LoginTransaction transaction = *t;
            // The answer comes from finishLogin, back on the pool, once the provider has spoken.
            const std::shared_ptr<ProviderClient> client = self->providers.lock();
            if (!client)
                throw ApiError::serviceUnavailable(QStringLiteral("The server is shutting down."));
            client->authenticate(std::move(ex), [self, transaction, reply](ProviderOutcome outcome) {
                self->finishLogin(transaction, outcome, reply);
            });
        } catch (const std::exception &e) {
            reply.fail(e);
        }
    });
}

void AuthController::Handlers::finishLogin(const LoginTransaction &t, const ProviderOutcome &outcome,
                                           const Reply &reply)
{
    auto service = this->service;
    auto self = shared_from_this();
    onPool(reply, [service, self, t, outcome](QSqlDatabase db) -> Response {
        if (outcome.status != ProviderOutcome::Status::Ok) {
            qCWarning(lcAuth) << "sign-in with" << t.provider << "failed:" << outcome.logReason;
            if (t.isNative()) {
                return self->redirectToApp(
                    t, {{QStringLiteral("error"), outcome.status == ProviderOutcome::Status::Rejected
                                                      ? "server_error"
                                                      : "temporarily_unavailable"}});
            }
            if (outcome.status == ProviderOutcome::Status::Rejected)
                throw ApiError::badRequest(QStringLiteral("oauth_error"),
                                           QStringLiteral("The provider rejected the sign-in."));
            throw ApiError::badGateway(
                QStringLiteral("The sign-in provider could not be reached. Try again."));
        }
        const AuthService::LoginResult result = service->completeLogin(db, t, outcome.identity);
        qCInfo(lcAuth) << "signed in user" << result.userId << "with" << t.provider
                       << (t.isNative() ? "(native)" : "(web)");
        if (t.isNative())
            return self->redirectToApp(t, {{QStringLiteral("code"), result.handoffCode}});
        Response r = noStore(Response::json(result.tokens->toJson()));
        r.header("Set-Cookie", self->loginCookie("", 0));
        r.header("Referrer-Policy", "no-referrer");
        return r;
    });
}

void AuthController::Handlers::token(const Request &req, const Reply &reply)
{
    const QJsonObject body = req.jsonOrFormObject();
    auto field = [&body](const char *rfc, const char *camel) -> QString {
        QJsonValue v = body.value(QLatin1String(rfc));
        if (v.isUndefined())
            v = body.value(QLatin1String(camel));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            throw invalidRequest(QStringLiteral("%1 must be a string.").arg(QLatin1String(rfc)))
                .withField(QLatin1String(rfc));
        return v.toString();
    };
    const QString grantType = field("grant_type", "grantType");
    const QString userAgent = userAgentOf(req);
    auto service = this->service;
    if (grantType == u"authorization_code") {
        const QString code = field("code", "code");
        if (code.isEmpty() || code.size() > 512)
            throw invalidRequest(QStringLiteral("code is required.")).withField(QStringLiteral("code"));
        const QString verifier = field("code_verifier", "codeVerifier");
        const QString redirectUri = field("redirect_uri", "redirectUri");
        onPool(reply, [service, code, verifier, redirectUri, userAgent](QSqlDatabase db) {
            const AuthService::Grant grant =
                service->redeemHandoff(db, code.toUtf8(), verifier.toUtf8(), redirectUri, userAgent);
            if (!grant.tokens)
                throw invalidGrant();
            return noStore(Response::json(grant.tokens->toJson(true)));
        });
        return;
    }
    if (grantType == u"refresh_token") {
        const QString refreshToken = field("refresh_token", "refreshToken");
        if (refreshToken.isEmpty())
            throw invalidRequest(QStringLiteral("refresh_token is required."))
                .withField(QStringLiteral("refresh_token"));
        QElapsedTimer sinceArrival;
        sinceArrival.start();
        onPool(reply, [service, refreshToken, sinceArrival](QSqlDatabase db) {
            const AuthService::Grant grant = service->refresh(db, refreshToken.toUtf8(), sinceArrival);
            if (!grant.tokens)
                throw invalidGrant();
            return noStore(Response::json(grant.tokens->toJson(true)));
        });
        return;
    }
    if (grantType.isEmpty())
        throw invalidRequest(QStringLiteral("grant_type is required."))
            .withField(QStringLiteral("grant_type"));
    throw ApiError::badRequest(QStringLiteral("unsupported_grant_type"),
                               QStringLiteral("grant_type must be authorization_code or refresh_token."));
}

void AuthController::Handlers::refresh(const Request &req, const Reply &reply)
{
    // The seed sends the refresh token as a bearer token, the original's client as JSON.
    QByteArray token;
    if (const std::optional<QByteArray> bearer = req.bearerToken()) {
        if (bearer->isEmpty())
            throw ApiError::invalidToken();
        token = *bearer;
    } else if (!req.body.trimmed().isEmpty()) {
        token = json::requiredString(req.jsonObject(), QStringLiteral("refreshToken"), 1, 512).toUtf8();
    } else {
        throw ApiError::unauthorized(QStringLiteral("A refresh token is required."));
    }
    QElapsedTimer sinceArrival;
    sinceArrival.start();
    auto service = this->service;
    onPool(reply, [service, token, sinceArrival](QSqlDatabase db) {
        const AuthService::Grant grant = service->refresh(db, token, sinceArrival);
        if (!grant.tokens)
            throw ApiError::invalidToken();
        return noStore(Response::json(grant.tokens->toJson()));
    });
}

void AuthController::Handlers::local(const Request &req, const Reply &reply)
{
    const QString secret = json::requiredString(req.jsonObject(), QStringLiteral("secret"), 1, 4096);
    // Hash both sides first: equal lengths, and the comparison time says nothing about the secret.
    const bool ok =
        tokencrypto::constantTimeEquals(tokencrypto::hash(secret.toUtf8()).toLatin1(),
                                        tokencrypto::hash(settings().localLoginSecret).toLatin1());
    if (!ok) {
        qCInfo(lcAuth) << "local sign-in refused: wrong secret, request" << reply.requestId();
        throw ApiError::unauthorized(QStringLiteral("The local sign-in secret is wrong."));
    }
    const QString userAgent = userAgentOf(req);
    auto service = this->service;
    onPool(reply, [service, userAgent](QSqlDatabase db) {
        return noStore(Response::json(service->localLogin(db, userAgent).toJson(true)));
    });
}

AuthController::AuthController(Database &database, const ServerConfig &config, std::shared_ptr<Clock> clock,
                               QByteArray localLoginSecret)
{
    AuthSettings settings = AuthSettings::fromConfig(config, std::move(localLoginSecret));
    for (const ProviderSettings &p : settings.providers)
        logging::registerSecret(p.clientSecret.toUtf8());
    logging::registerSecret(settings.localLoginSecret);
    const int timeoutMs = settings.providerTimeoutMs;
    d = std::make_shared<Handlers>(database, clock, std::move(settings));
    m_providers = std::make_shared<ProviderClient>(timeoutMs, clock);
    d->providers = m_providers;

    // Revocations made by other server processes (and by anyone writing the tables) arrive as
    // NOTIFY on parametric_auth (migration 0009). Without caching there is nothing to listen for.
    if (d->settings().accessTokenCacheMs > 0) {
        std::weak_ptr<TokenCache> tokens = d->tokens;
        m_revocations = std::make_unique<NotificationListener>(
            database.settings(), QStringList{QStringLiteral("parametric_auth")},
            [tokens](const QString &, const QString &payload) {
                if (auto cache = tokens.lock())
                    cache->applyNotification(payload);
            },
            [tokens](bool listening) {
                if (auto cache = tokens.lock())
                    cache->setListening(listening);
            });
        m_revocations->start();
    }

    m_sweepTimer = std::make_unique<QTimer>();
    m_sweepTimer->setInterval(int(kSweepIntervalMs));
    std::weak_ptr<Handlers> weak = d;
    QObject::connect(m_sweepTimer.get(), &QTimer::timeout, [weak] {
        if (auto self = weak.lock()) {
            self->database->run([self] {
                try {
                    self->service->sweep(self->database->connection());
                } catch (const std::exception &) {
                    // DbError is logged where it is thrown; the next sweep tries again.
                }
            });
        }
    });
    m_sweepTimer->start();
}

AuthController::~AuthController()
{
    m_revocations.reset();
    m_sweepTimer.reset();
    if (d)
        d->providers.reset();
    m_providers.reset(); // joins the network thread (unless a pool task still holds it briefly)
}

AuthGuard AuthController::guard() const
{
    return d->guard;
}

const TokenCache &AuthController::tokenCache() const
{
    return *d->tokens;
}

void AuthController::registerRoutes(Router &router)
{
    // What a handler throws synchronously (bad query, bad body) is answered by HttpServer::dispatch.
    router.route("GET", QStringLiteral("/api/auth/oauth/{provider}"),
                 QStringLiteral("Start OAuth sign-in (web, or native with a loopback redirect_uri and PKCE)"),
                 bindHandler(d, &Handlers::start));
    router.route("GET", QStringLiteral("/api/auth/oauth/{provider}/callback"),
                 QStringLiteral("OAuth provider callback"), bindHandler(d, &Handlers::callback));
    router.route("POST", QStringLiteral("/api/auth/token"),
                 QStringLiteral("Redeem a native handoff code (or a refresh token) for tokens, RFC 6749"),
                 bindHandler(d, &Handlers::token));
    router.route("POST", QStringLiteral("/api/auth/refresh"), QStringLiteral("Rotate a refresh token"),
                 bindHandler(d, &Handlers::refresh));
    if (!d->settings().localLoginSecret.isEmpty()) {
        router.route("POST", QStringLiteral("/api/auth/local"),
                     QStringLiteral("Local sign-in with the server's local-login secret"),
                     bindHandler(d, &Handlers::local));
    }

    const AuthGuard &g = d->guard;
    g.route(router, "POST", QStringLiteral("/api/auth/logout"),
            QStringLiteral("Sign out: revoke this login (?all=true: every login of the user)"),
            bindHandler(d, &Handlers::logout));
    g.route(router, "GET", QStringLiteral("/api/auth/me"),
            QStringLiteral("The signed-in user: id, email, linked providers, createdAt"),
            bindHandler(d, &Handlers::me), AuthGuard::Runs::Anywhere);
    g.route(router, "GET", QStringLiteral("/api/auth/sessions"), QStringLiteral("The user's active logins"),
            bindHandler(d, &Handlers::sessions));
    g.route(router, "DELETE", QStringLiteral("/api/auth/sessions/{id}"),
            QStringLiteral("Revoke one of the user's logins"), bindHandler(d, &Handlers::revokeSession));
}

void AuthController::Handlers::logout(const Request &req, const AuthContext &who, Reply reply) const
{
    service->logout(database->connection(), who, req.queryBool(QStringLiteral("all"), false));
    reply.send(Response::json(QJsonObject{{QStringLiteral("success"), true}}));
}

// Needs no database: the profile came with the validated token.
void AuthController::Handlers::me(const Request &, const AuthContext &who, Reply reply) const
{
    if (!who.profile)
        return reply.fail(ApiError::invalidToken());
    reply.send(Response::raw(who.profile->meJson, "application/json"));
}

void AuthController::Handlers::sessions(const Request &, const AuthContext &who, Reply reply) const
{
    QJsonArray list;
    for (const SessionRow &s : service->sessions(database->connection(), who)) {
        list.append(QJsonObject{
            {QStringLiteral("id"), s.id},
            {QStringLiteral("provider"), s.provider},
            {QStringLiteral("createdAt"), s.createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("lastUsedAt"), s.lastActivityAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("expiresAt"), s.expiresAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("userAgent"),
             s.userAgent.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.userAgent)},
            {QStringLiteral("current"), s.id == who.sessionId},
        });
    }
    reply.send(Response::json(QJsonObject{{QStringLiteral("data"), list}}));
}

void AuthController::Handlers::revokeSession(const Request &req, const AuthContext &who, Reply reply) const
{
    const auto id = api::canonicalUuid(req.param(u"id"));
    if (!id || !service->revokeSession(database->connection(), who, *id))
        throw ApiError::notFound(QStringLiteral("session"));
    reply.send(Response::noContent());
}
