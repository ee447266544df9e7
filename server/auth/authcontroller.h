#pragma once

#include "auth/authguard.h"
#include "core/clock.h"
#include "core/config.h"
#include "http/router.h"

#include <QByteArray>

#include <memory>

class Database;
class NotificationListener;
class ProviderClient;
class TokenCache;
class QTimer;

// Sign-in for the whole API (issue 3): OAuth with GitHub, Google and Microsoft (web and native
// loopback flows), the handoff-code token endpoint, rotating refresh-token families, logout,
// /auth/me, session listing and revocation, and local sign-in.
//
// Construct after the Database and destroy before it (in-flight provider calls hand their results
// back to the Database pool). The constructor reads OAUTH_*, ACCESS_TOKEN_TTL_S,
// REFRESH_REUSE_LEEWAY_S … from `config` and throws ConfigError for invalid values.
// `localLoginSecret` non-empty enables POST /api/auth/local.
class AuthController : public Controller
{
public:
    AuthController(Database &database, const ServerConfig &config, std::shared_ptr<Clock> clock,
                   QByteArray localLoginSecret = {});
    ~AuthController() override;

    AuthController(const AuthController &) = delete;
    AuthController &operator=(const AuthController &) = delete;

    void registerRoutes(Router &router) override;
    QByteArrayView openApi() const override;

    // The guard for other controllers' protected routes.
    AuthGuard guard() const;
    // This process's validated access tokens (for diagnostics and tests).
    const TokenCache &tokenCache() const;

private:
    struct Handlers;
    // Shared with work in flight (pool tasks, provider callbacks), so a late answer never touches a
    // destroyed controller. The network thread is owned here alone and joined in the destructor.
    std::shared_ptr<Handlers> d;
    std::shared_ptr<ProviderClient> m_providers;
    std::unique_ptr<QTimer> m_sweepTimer; // deletes expired login transactions, codes and tokens
    std::unique_ptr<NotificationListener> m_revocations; // feeds the token cache
};
