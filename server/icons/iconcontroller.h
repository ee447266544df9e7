#pragma once

#include "auth/authguard.h"
#include "core/clock.h"
#include "http/router.h"

#include <memory>

class Database;
class IconGenerator;
class ServerConfig;

// The icons resource (issue 4 points 1, 5, 6): generation, history and library, SVG download.
// Every route needs a bearer token or, with a guard accepting them, an API key (X-API-Key); a user
// only ever sees their own icons (another user's id, a deleted id and a malformed id are all 404).
//
//   POST   /api/icons               generate (limits, then the generator, then one transaction) → 201
//   GET    /api/icons               history: ?limit=1..100&offset&favorite=true|false&q=
//   POST   /api/icons/import        store a sanitised uploaded SVG → 201
//   GET    /api/icons/{id}
//   PATCH  /api/icons/{id}          {favorite?, selectedVariant?}
//   DELETE /api/icons/{id}          soft delete → 204
//   GET    /api/icons/{id}/svg      ?variant=n → image/svg+xml attachment
//
// Construct after the Database and destroy before it: the destructor destroys the generator, which
// fails every generation still in flight, and those completions release their leases on the pool.
// The constructor reads GENERATION_* (and, through GeneratorFactory, ICON_GENERATOR / ANTHROPIC_*)
// and throws ConfigError for invalid values. `generator` null → GeneratorFactory::fromConfig(config).
class IconController : public Controller
{
public:
    IconController(Database &database, const ServerConfig &config, AuthGuard guard,
                   std::shared_ptr<Clock> clock, std::shared_ptr<IconGenerator> generator = nullptr);
    ~IconController() override;

    IconController(const IconController &) = delete;
    IconController &operator=(const IconController &) = delete;

    void registerRoutes(Router &router) override;
    QByteArrayView openApi() const override;

private:
    friend class PendingGeneration;
    struct Handlers;
    std::shared_ptr<Handlers> d;
    std::shared_ptr<IconGenerator> m_generator; // handlers hold weak references
    AuthGuard m_guard;
};
