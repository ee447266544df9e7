#pragma once

#include "http/router.h"

#include <functional>

class Database;

// GET /api/health/liveness (always ok: the process answers) and /api/health/readiness (migrations
// applied and the database answering within its deadline), plus the original's /api/live and
// /api/ready aliases.
class HealthController : public Controller
{
public:
    // `migrated` tells whether the schema is in place (ApiServer applies migrations in the background).
    HealthController(Database &database, std::function<bool()> migrated);
    void registerRoutes(Router &router) override;

private:
    void liveness(const Request &request, const Reply &reply) const;
    void readiness(const Request &request, const Reply &reply) const;

    Database &m_database;
    std::function<bool()> m_migrated;
};
