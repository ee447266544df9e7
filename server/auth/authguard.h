#pragma once

#include "auth/authcontext.h"
#include "core/clock.h"
#include "http/router.h"

#include <functional>
#include <memory>

class Database;

// Bearer authentication for protected routes.
//
//   router.get("/api/icons", guard([](const Request &req, const AuthContext &who, Reply reply) { … }));
//
// The wrapped handler reads the token from Authorization only (scheme case-insensitive), looks its
// SHA-256 up on the Database pool and answers 401 itself when it is missing (WWW-Authenticate: Bearer)
// or invalid, expired or revoked (WWW-Authenticate: Bearer error="invalid_token", one body for all
// three). Otherwise it calls `handler` ON THE DATABASE POOL THREAD, so the handler may use
// Database::connection() directly; it answers through Reply, now or later, from any thread.
// An ApiError (or any exception) escaping `handler` becomes the JSON error answer.
// Copyable; the Database must outlive every Handler it produced.
class AuthGuard
{
public:
    using AuthedHandler = std::function<void(const Request &, const AuthContext &, Reply)>;

    AuthGuard(Database &database, std::shared_ptr<Clock> clock);

    Handler operator()(AuthedHandler handler) const;

    // The same check, synchronously, for code already running on a pool thread. Throws ApiError.
    AuthContext authenticate(const Request &request) const;

private:
    Database *m_database;
    std::shared_ptr<Clock> m_clock;
};
