#include "auth/authguard.h"

#include "auth/accesstokenrepository.h"
#include "auth/apikeys.h"
#include "auth/authservice.h"
#include "auth/tokencache.h"
#include "auth/tokencrypto.h"
#include "db/database.h"
#include "db/dberror.h"
#include "http/apierror.h"

namespace {
constexpr char kApiKeyHeader[] = "X-API-Key";
} // namespace

AuthGuard::AuthGuard(Database &database, std::shared_ptr<Clock> clock, std::shared_ptr<TokenCache> tokens)
    : m_database(&database)
    , m_clock(std::move(clock))
    , m_tokens(std::move(tokens))
{}

std::optional<AuthContext> AuthGuard::validate(const QString &tokenHash) const
{
    const quint64 revision = m_tokens ? m_tokens->revision() : 0;
    auto token = AccessTokenRepository::authenticate(m_database->connection(), tokenHash, m_clock->now());
    if (!token)
        return std::nullopt;
    token->profile->meJson = AuthService::meJson(token->who, *token->profile);
    token->who.profile = std::move(token->profile);
    if (m_tokens)
        m_tokens->insert(tokenHash, TokenCache::Entry{token->who, token->id, token->validUntil}, revision);
    return std::move(token->who);
}

AuthContext AuthGuard::authenticate(const Request &request) const
{
    const std::optional<QByteArray> token = request.bearerToken();
    if (!token)
        throw ApiError::unauthorized();
    if (token->isEmpty())
        throw ApiError::invalidToken();
    const QString hash = tokencrypto::hash(*token);
    std::optional<AuthContext> context = m_tokens ? m_tokens->find(hash) : std::nullopt;
    if (!context)
        context = validate(hash);
    if (!context)
        throw ApiError::invalidToken();
    return *context;
}

AuthGuard AuthGuard::acceptingApiKeys(std::shared_ptr<const ApiKeyAuthenticator> keys) const
{
    AuthGuard guard = *this;
    guard.m_apiKeys = std::move(keys);
    return guard;
}

Router::Route &AuthGuard::route(Router &router, QByteArray method, QString pattern, QString summary,
                                AuthedHandler handler, Runs runs) const
{
    Router::Route &route = router.route(std::move(method), std::move(pattern), std::move(summary),
                                        wrap(std::move(handler), runs == Runs::OnPool));
    route.authenticated = true;
    route.acceptsApiKey = acceptsApiKeys();
    return route;
}

void AuthGuard::invoke(const AuthedHandler &handler, const Request &request, const AuthContext &who,
                       const Reply &reply)
{
    try {
        handler(request, who, reply);
    } catch (const std::exception &error) {
        reply.fail(error);
    }
}

Handler AuthGuard::wrap(AuthedHandler handler, bool needsDatabase) const
{
    return [guard = *this, handler = std::move(handler), needsDatabase](const Request &request, Reply reply) {
        if (request.hasHeader(kApiKeyHeader)) {
            if (!guard.m_apiKeys)
                return reply.fail(apikey::sessionRequired());
            return guard.serveWithApiKey(request, reply, handler);
        }
        // Header problems (missing, malformed, two Authorization headers) are answered right here,
        // without a trip to the pool.
        std::optional<QByteArray> token;
        try {
            token = request.bearerToken();
        } catch (const ApiError &error) {
            return reply.fail(error);
        }
        if (!token)
            return reply.fail(ApiError::unauthorized());
        if (token->isEmpty())
            return reply.fail(ApiError::invalidToken());

        const QString hash = tokencrypto::hash(*token);
        if (guard.m_tokens) {
            if (std::optional<AuthContext> who = guard.m_tokens->find(hash)) {
                if (!needsDatabase)
                    return invoke(handler, request, *who, reply);
                guard.m_database->run([handler, request, reply, who = std::move(*who)] {
                    invoke(handler, request, who, reply);
                });
                return;
            }
        }
        guard.m_database->run([guard, handler, request, reply, hash] {
            std::optional<AuthContext> who;
            try {
                who = guard.validate(hash);
            } catch (const ApiError &error) {
                return reply.fail(error);
            } catch (const DbError &error) {
                return reply.fail(error);
            }
            if (!who)
                return reply.fail(ApiError::invalidToken());
            invoke(handler, request, *who, reply);
        });
    };
}

void AuthGuard::serveWithApiKey(const Request &request, const Reply &reply,
                                const AuthedHandler &handler) const
{
    // One credential per request: with two, which one acts would be a guess.
    if (request.hasHeader("Authorization"))
        return reply.fail(
            ApiError::badRequest(QStringLiteral("invalid_request"),
                                 QStringLiteral("Send either Authorization or X-API-Key, not both.")));
    const QList<QByteArray> values = request.headerValues(kApiKeyHeader);
    if (values.size() != 1)
        return reply.fail(ApiError::badRequest(QStringLiteral("invalid_request"),
                                               QStringLiteral("Send exactly one X-API-Key header.")));
    const QByteArray key = values.constFirst().trimmed();
    if (!apikey::isWellFormed(key))
        return reply.fail(apikey::invalidKey());

    m_database->run([database = m_database, clock = m_clock, keys = m_apiKeys, handler, request, reply, key] {
        std::optional<AuthContext> context;
        try {
            context = keys->authenticate(database->connection(), key, clock->now());
        } catch (const ApiError &error) {
            return reply.fail(error);
        } catch (const DbError &error) {
            return reply.fail(error);
        }
        if (!context)
            return reply.fail(apikey::invalidKey());
        invoke(handler, request, *context, reply);
    });
}
