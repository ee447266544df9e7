#include "health/healthcontroller.h"

#include "db/database.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTimer>

namespace {

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
    , m_context(std::make_unique<QObject>())
{}

HealthController::~HealthController() = default;

void HealthController::registerRoutes(Router &router)
{
    // Liveness needs nothing; readiness coalesces probes in this object, which the server keeps until
    // the router is gone (health routes are answered on the server thread).
    const Handler live = [](const Request &, Reply reply) {
        static const Response ok =
            Response::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
        reply.send(ok);
    };
    const Handler ready = [this](const Request &, Reply reply) { readiness(reply); };
    router.route("GET", QStringLiteral("/api/health/liveness"), QStringLiteral("Liveness probe"), live);
    router.route("GET", QStringLiteral("/api/health/readiness"), QStringLiteral("Readiness probe (database)"),
                 ready);
    router.route("GET", QStringLiteral("/api/live"), QStringLiteral("Liveness probe (original path)"), live);
    router.route("GET", QStringLiteral("/api/ready"), QStringLiteral("Readiness probe (original path)"),
                 ready);
}

// Runs on the server thread (handlers are dispatched there).
void HealthController::readiness(const Reply &reply)
{
    if (!m_probing && m_lastProbe.isValid() && m_lastProbe.elapsed() < kFreshMs) {
        reply.send(readinessAnswer(m_lastOk, m_migrated()));
        return;
    }
    m_waiting.append(reply);
    if (m_probing)
        return;
    m_probing = true;
    const int generation = ++*m_probeGeneration;
    std::weak_ptr<int> alive = m_probeGeneration;
    m_database.checkHealth([this, alive, generation](bool ok) {
        // The application object outlives the server; `alive` tells whether this controller still does.
        QMetaObject::invokeMethod(QCoreApplication::instance(), [this, alive, generation, ok] {
            if (auto g = alive.lock(); g && *g == generation)
                finishProbe(ok);
        });
    });
    // A database that hangs (rather than refusing) must not hold probes past their deadline.
    QTimer::singleShot(kDeadlineMs, m_context.get(), [this, generation] {
        if (m_probing && *m_probeGeneration == generation)
            finishProbe(false);
    });
}

void HealthController::finishProbe(bool ok)
{
    ++*m_probeGeneration; // a late answer from this probe is ignored
    m_probing = false;
    m_lastOk = ok;
    m_lastProbe.start();
    const Response answer = readinessAnswer(ok, m_migrated());
    const QList<Reply> waiting = std::exchange(m_waiting, {});
    for (const Reply &reply : waiting)
        reply.send(answer);
}
