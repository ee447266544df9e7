#pragma once

#include "auth/authcontext.h"
#include "core/clock.h"
#include "http/router.h"

#include <functional>
#include <memory>
#include <optional>

class ApiKeyAuthenticator;
class Database;
class TokenCache;

// Bearer authentication for protected routes.
//
//   guard.route(router, "GET", "/api/icons", "List icons",
//               [](const Request &req, const AuthContext &who, Reply reply) { … });
//
// The wrapped handler reads the token from Authorization only (scheme case-insensitive) and answers
// 401 itself when it is missing (WWW-Authenticate: Bearer) or invalid, expired or revoked
// (WWW-Authenticate: Bearer error="invalid_token", one body for all three). A token validated in
// the last few seconds is found in the TokenCache without a database round trip; any other is
// looked up by its SHA-256 on the Database pool (and cached). Then it calls `handler` ON A
// DATABASE POOL THREAD, so the handler may use Database::connection() directly; it answers through
// Reply, now or later, from any thread. Handlers that need no database at all are declared with
// Runs::Anywhere instead: they run on whichever thread authenticated the caller, which for a
// cached token is the HTTP thread itself (no thread hop at all).
// An ApiError (or any exception) escaping `handler` becomes the JSON error answer.
//
// API keys: a guard made with acceptingApiKeys() also authenticates `X-API-Key: pi_…` (a separate
// path, see serveWithApiKey). Any other guard answers a request carrying X-API-Key with 401
// session_required: key management, sessions and sign-out need a signed-in session.
// Copyable; the Database must outlive every Handler it produced.
class AuthGuard
{
public:
    using AuthedHandler = std::function<void(const Request &, const AuthContext &, Reply)>;

    // `tokens` null: every request asks the database.
    AuthGuard(Database &database, std::shared_ptr<Clock> clock, std::shared_ptr<TokenCache> tokens = {});


    // The same check, synchronously, for code already running on a pool thread. Throws ApiError.
    AuthContext authenticate(const Request &request) const;

    // This guard, also accepting API keys.
    AuthGuard acceptingApiKeys(std::shared_ptr<const ApiKeyAuthenticator> keys) const;
    bool acceptsApiKeys() const { return bool(m_apiKeys); }

    // Where an authenticated handler runs: on a Database pool thread (it uses the database), or on
    // whichever thread authenticated the caller (no database hop).
    enum class Runs { OnPool, Anywhere };
    // Declares an authenticated route: `handler` behind this guard, and the route marked for the
    // OpenAPI document as authenticated (and accepting an API key when this guard does), together.
    Router::Route &route(Router &router, QByteArray method, QString pattern, QString summary,
                         AuthedHandler handler, Runs runs = Runs::OnPool) const;

private:
    Handler wrap(AuthedHandler handler, bool needsDatabase) const;
    // On a pool thread: the caller of a token not found in the cache, from the database.
    std::optional<AuthContext> validate(const QString &tokenHash) const;
    static void invoke(const AuthedHandler &handler, const Request &request, const AuthContext &who,
                       const Reply &reply);
    void serveWithApiKey(const Request &request, const Reply &reply, const AuthedHandler &handler) const;

    Database *m_database;
    std::shared_ptr<Clock> m_clock;
    std::shared_ptr<TokenCache> m_tokens;
    std::shared_ptr<const ApiKeyAuthenticator> m_apiKeys;
};
