#include "auth/authguard.h"

#include "auth/accesstokenrepository.h"
#include "auth/tokencrypto.h"
#include "db/database.h"
#include "http/apierror.h"

AuthGuard::AuthGuard(Database &database, std::shared_ptr<Clock> clock)
    : m_database(&database)
    , m_clock(std::move(clock))
{}

AuthContext AuthGuard::authenticate(const Request &request) const
{
    const std::optional<QByteArray> token = request.bearerToken();
    if (!token)
        throw ApiError::unauthorized();
    if (token->isEmpty())
        throw ApiError::invalidToken();
    auto context = AccessTokenRepository(m_database->connection())
                       .authenticate(tokencrypto::hash(*token), m_clock->now());
    if (!context)
        throw ApiError::invalidToken();
    return *context;
}

Handler AuthGuard::operator()(AuthedHandler handler) const
{
    return [guard = *this, handler = std::move(handler)](const Request &request, Reply reply) {
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

        guard.m_database->run([guard, handler, request, reply, token = *token] {
            std::optional<AuthContext> context;
            try {
                context = AccessTokenRepository(guard.m_database->connection())
                              .authenticate(tokencrypto::hash(token), guard.m_clock->now());
            } catch (const ApiError &error) {
                return reply.fail(error);
            }
            if (!context)
                return reply.fail(ApiError::invalidToken());
            try {
                handler(request, *context, reply);
            } catch (const ApiError &error) {
                reply.fail(error);
            } catch (const std::exception &) {
                reply.fail(ApiError::internal());
            }
        });
    };
}
