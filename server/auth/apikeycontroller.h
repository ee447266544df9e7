#pragma once

#include "auth/authguard.h"
#include "core/clock.h"
#include "http/router.h"

#include <memory>

class ApiKeyAuthenticator;
class Database;
class QTimer;
class ServerConfig;

// What API keys read from the configuration, validated at startup (ConfigError names the variable).
struct ApiKeySettings
{
    int maxActivePerUser = 25;  // API_KEYS_MAX_PER_USER: live (unrevoked, unexpired) keys per user
    int usageFlushSeconds = 60; // API_KEY_USAGE_FLUSH_S: how often "last used" is written

    static ApiKeySettings fromConfig(const ServerConfig &config);
};

// The API-keys resource (issue 15). Every route needs a signed-in session; a key cannot manage keys.
//
//   POST   /api/auth/api-keys        {name, expiresAt?} → 201 {id, name, prefix, key, …}: the key, once
//   GET    /api/auth/api-keys        the caller's keys: name, prefix, created, last used, expiry
//   DELETE /api/auth/api-keys/{id}   revoke → 204 (another user's, unknown or malformed id → 404)
//
// It also owns what authenticates a key (authenticator(), for the guard of the icon routes) and the
// batched "last used" times: written every API_KEY_USAGE_FLUSH_S and once more when the controller
// is destroyed (queued on the Database pool, which drains before the Database goes). Construct after
// the Database and destroy before it.
class ApiKeyController : public Controller
{
public:
    ApiKeyController(Database &database, const ServerConfig &config, AuthGuard sessionGuard,
                     std::shared_ptr<Clock> clock);
    ~ApiKeyController() override;

    ApiKeyController(const ApiKeyController &) = delete;
    ApiKeyController &operator=(const ApiKeyController &) = delete;

    void registerRoutes(Router &router) override;
    QByteArrayView openApi() const override;

    std::shared_ptr<const ApiKeyAuthenticator> authenticator() const;
    // Queues a write of the recorded "last used" times on the Database pool now.
    void flushUsage();

private:
    struct Handlers;
    std::shared_ptr<Handlers> d; // shared with handlers and queued flushes
    AuthGuard m_guard;
    std::unique_ptr<QTimer> m_flushTimer;
};
