#pragma once

#include "http/router.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>

class Database;

// GET /api/health/liveness (always ok: the process answers) and /api/health/readiness (migrations
// applied and the database answering within its deadline), plus the original's /api/live and
// /api/ready aliases.
//
// Readiness probes are coalesced: one database check at a time serves every probe waiting for it,
// and a result stays fresh for kFreshMs. Under a load balancer hammering readiness this keeps the
// database out of the hot path while a stopped database is still reported within the 2 s budget.
class HealthController : public Controller
{
public:
    static constexpr int kFreshMs = 250;
    static constexpr int kDeadlineMs = 1700;

    // `migrated` tells whether the schema is in place (ApiServer applies migrations in the background).
    HealthController(Database &database, std::function<bool()> migrated);
    ~HealthController() override;
    void registerRoutes(Router &router) override;
    QByteArrayView openApi() const override;

private:
    void readiness(const Reply &reply);
    void finishProbe(bool ok);

    Database &m_database;
    std::function<bool()> m_migrated;
    std::unique_ptr<QObject> m_context; // server-thread object that probe results are delivered to
    QList<Reply> m_waiting;
    bool m_probing = false;
    bool m_lastOk = false;
    QElapsedTimer m_lastProbe;
    std::shared_ptr<int> m_probeGeneration = std::make_shared<int>(0);
};
