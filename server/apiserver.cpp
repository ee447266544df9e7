#include "apiserver.h"

#include "auth/apikeycontroller.h"
#include "auth/authcontroller.h"
#include "core/logging.h"
#include "db/database.h"
#include "db/migrator.h"
#include "errormapping.h"
#include "health/healthcontroller.h"
#include "http/apierror.h"
#include "http/httpserver.h"
#include "http/openapicontroller.h"
#include "http/router.h"
#include "icons/iconcontroller.h"
#include "sets/setcontroller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <atomic>

struct ApiServer::Private
{
    Router router;
    std::unique_ptr<Database> database;
    std::vector<std::unique_ptr<Controller>> controllers;
    std::unique_ptr<HttpServer> http;
    const AuthController *auth = nullptr;
    const OpenApiController *openApi = nullptr;
    quint16 port = 0;
    std::atomic<bool> migrated{false};
    std::atomic<bool> migrating{false};
    int retryDelayMs = 500;
    QDeadlineTimer nextAttempt; // when a failed migration is tried again (server thread only)
    bool stopping = false;
};

ApiServer::ApiServer(ServerConfig config, Options options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
    , d(std::make_unique<Private>())
{
    errormapping::install();
    if (!m_options.clock)
        m_options.clock = Clock::system();
    logging::registerSecret(m_options.localLoginSecret);
    logging::registerSecret(m_config.database.password.toUtf8());

    d->database = std::make_unique<Database>(m_config.database, m_config.dbThreads);
    auto auth =
        std::make_unique<AuthController>(*d->database, m_config, m_options.clock, m_options.localLoginSecret);
    const AuthGuard sessionGuard = auth->guard();
    d->auth = auth.get();
    d->controllers.push_back(std::move(auth));
    auto apiKeys = std::make_unique<ApiKeyController>(*d->database, m_config, sessionGuard, m_options.clock);
    // The icon routes are the ones scripts use: they also take X-API-Key.
    const AuthGuard iconGuard = sessionGuard.acceptingApiKeys(apiKeys->authenticator());
    d->controllers.push_back(std::move(apiKeys));
    d->controllers.push_back(
        std::make_unique<IconController>(*d->database, m_config, iconGuard, m_options.clock));
    d->controllers.push_back(std::make_unique<SetController>(*d->database, sessionGuard, m_options.clock));
    auto openApi = std::make_unique<OpenApiController>(d->router);
    OpenApiController *const document = openApi.get();
    d->controllers.push_back(std::move(openApi));
    for (auto &controller : d->controllers)
        controller->registerRoutes(d->router);
    // Until the migrations have completed (the database may also be unreachable), every route but
    // health answers 503: a request would otherwise reach SQL on tables that do not exist yet.
    d->router.wrapHandlers([p = d.get()](Handler handler) -> Handler {
        return [p, handler = std::move(handler)](const Request &request, Reply reply) {
            if (!p->migrated) {
                const qint64 waitMs = p->migrating ? 0 : p->nextAttempt.remainingTime();
                reply.fail(ApiError::serviceUnavailable(
                    QStringLiteral(
                        "The server is starting and its database is not ready yet; try again shortly."),
                    int(std::clamp<qint64>((waitMs + 999) / 1000, 1, 30))));
                return;
            }
            handler(request, std::move(reply));
        };
    });
    auto health = std::make_unique<HealthController>(*d->database, [this] { return d->migrated.load(); });
    health->registerRoutes(d->router);
    d->controllers.push_back(std::move(health));
    // The document's parts, in the order of its tags; this one last (the shared error responses).
    for (const auto &controller : d->controllers) {
        if (controller.get() != document)
            document->add(*controller);
    }
    document->add(*document);
    d->openApi = document;

    HttpLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    limits.maxHeaderBytes = m_config.maxHeaderBytes;
    limits.readTimeoutMs = m_config.readTimeoutMs;
    limits.idleTimeoutMs = m_config.idleTimeoutMs;
    limits.maxConnections = m_config.maxConnections;
    d->http = std::make_unique<HttpServer>(d->router, limits, m_config.corsOrigins);
}

ApiServer::~ApiServer()
{
    d->stopping = true;
    d->http.reset();        // no new requests
    d->controllers.clear(); // controllers may own work that reports back to the pool
    d->database.reset();    // waits for queued database work
}

bool ApiServer::start(QString *error)
{
    const QHostAddress address = m_config.host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(m_config.host);
    d->port = d->http->listen(address, m_config.port);
    if (d->port == 0) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2 (is another server using the port?)")
                         .arg(m_config.host)
                         .arg(m_config.port);
        return false;
    }
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    migrate();
    return true;
}

void ApiServer::migrate()
{
    if (d->stopping || d->migrated || d->migrating.exchange(true))
        return;
    QPointer<ApiServer> self(this);
    const DatabaseSettings settings = m_config.database;
    d->database->run([self, settings, db = d->database.get()] {
        bool ok = false;
        try {
            try {
                Migrator::ensureDatabaseExists(settings);
            } catch (const std::exception &e) {
                // Without CREATEDB rights the database must exist already; the migration says so if not.
                qCDebug(lcDb) << "could not ensure the database exists:" << e.what();
            }
            const Migrator::Result result = Migrator().migrate(db->connection());
            qCInfo(lcDb) << "schema ready:" << result.applied.size() << "migration(s) applied,"
                         << result.skipped.size() << "already present";
            ok = true;
        } catch (const std::exception &e) {
            db->invalidateConnection();
            qCWarning(lcDb) << "database not ready:" << e.what();
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, ok] {
            if (self)
                self->migrationFinished(ok);
        });
    });
}

void ApiServer::migrationFinished(bool ok)
{
    d->migrating = false;
    if (ok) {
        d->migrated = true;
        d->retryDelayMs = 500;
        emit readyChanged(true);
        return;
    }
    if (d->stopping)
        return;
    // Keep trying with capped exponential backoff: the database may simply not be up yet.
    qCInfo(lcDb) << "retrying the database in" << d->retryDelayMs << "ms";
    d->nextAttempt.setRemainingTime(d->retryDelayMs);
    QTimer::singleShot(d->retryDelayMs, this, [this] { migrate(); });
    d->retryDelayMs = qMin(d->retryDelayMs * 2, 30000);
}

void ApiServer::shutdown(int graceMs, std::function<void()> done)
{
    d->stopping = true;
    d->http->stopListening();
    qCInfo(lcServer) << "shutting down:" << d->http->inFlight() << "request(s) in flight";
    QElapsedTimer elapsed;
    elapsed.start();
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, elapsed, graceMs, done] {
        if (d->http->inFlight() > 0 && elapsed.elapsed() < graceMs)
            return;
        if (d->http->inFlight() > 0)
            qCWarning(lcServer) << "grace period over," << d->http->inFlight() << "request(s) abandoned";
        poll->stop();
        poll->deleteLater();
        d->http->closeAllConnections();
        if (done)
            done();
    });
    poll->start();
}

quint16 ApiServer::port() const
{
    return d->port;
}

QUrl ApiServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(m_config.host == QLatin1String("0.0.0.0") || m_config.host == QLatin1String("::")
                  ? QStringLiteral("127.0.0.1")
                  : m_config.host);
    u.setPort(d->port);
    return u;
}

bool ApiServer::isReady() const
{
    return d->migrated;
}

Database &ApiServer::database()
{
    return *d->database;
}

Router &ApiServer::router()
{
    return d->router;
}

const OpenApiDocument &ApiServer::openApi() const
{
    return d->openApi->document();
}

HttpServer &ApiServer::http()
{
    return *d->http;
}

const TokenCache &ApiServer::tokenCache() const
{
    return d->auth->tokenCache();
}
