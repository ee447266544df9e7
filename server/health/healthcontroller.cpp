#include "health/healthcontroller.h"

#include "db/database.h"

#include <QJsonObject>
#include <QTimer>

namespace {

// Probes time out after 2 s; answer before that even when the database does not answer at all.
constexpr int kReadinessDeadlineMs = 1700;

Response readinessAnswer(bool database, bool migrated)
{
    const bool ok = database && migrated;
    QJsonObject checks{{QStringLiteral("database"), database}};
    if (database && !migrated)
        checks.insert(QStringLiteral("migrations"), false);
    Response response = Response::json(
        QJsonObject{{QStringLiteral("status"), ok ? QStringLiteral("ok") : QStringLiteral("error")},
                    {QStringLiteral("checks"), checks}},
        ok ? 200 : 503);
    if (!ok)
        response.header("Retry-After", "2");
    return response;
}

} // namespace

HealthController::HealthController(Database &database, std::function<bool()> migrated)
    : m_database(database)
    , m_migrated(std::move(migrated))
{}

void HealthController::registerRoutes(Router &router)
{
    const auto live = [this](const Request &r, Reply reply) { liveness(r, reply); };
    const auto ready = [this](const Request &r, Reply reply) { readiness(r, reply); };
    router.get(QStringLiteral("/api/health/liveness"), live).summary = QStringLiteral("Liveness probe");
    router.get(QStringLiteral("/api/health/readiness"), ready).summary =
        QStringLiteral("Readiness probe (database)");
    router.get(QStringLiteral("/api/live"), live).summary = QStringLiteral("Liveness probe (original path)");
    router.get(QStringLiteral("/api/ready"), ready).summary =
        QStringLiteral("Readiness probe (original path)");
}

void HealthController::liveness(const Request &, const Reply &reply) const
{
    static const Response ok = Response::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    reply.send(ok);
}

void HealthController::readiness(const Request &, const Reply &reply) const
{
    // Readiness answers within the probe's deadline even if the database hangs: the health check
    // runs on its own thread and whichever comes first — its result or the database's connect
    // timeout — is the answer; Reply ignores the second send.
    const bool migrated = m_migrated();
    m_database.checkHealth([reply, migrated](bool ok) { reply.send(readinessAnswer(ok, migrated)); });
    QTimer::singleShot(kReadinessDeadlineMs, [reply] { reply.send(readinessAnswer(false, false)); });
}
