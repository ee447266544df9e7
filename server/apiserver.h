#pragma once

#include "core/clock.h"
#include "core/config.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class Database;
class HttpServer;
class OpenApiDocument;
class Router;
class Controller;
class TokenCache;

struct ApiServerOptions
{
    std::shared_ptr<Clock> clock = Clock::system();
    QByteArray localLoginSecret; // non-empty enables POST /api/auth/local (integrated mode)
};

// The whole API server: configuration, database pool, migrations, HTTP listener and controllers.
// Used by parametric-server, by the desktop app's integrated mode and by the tests (in-process).
class ApiServer : public QObject
{
    Q_OBJECT
public:
    using Options = ApiServerOptions;

    explicit ApiServer(ServerConfig config, Options options = {}, QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds the listener and starts migrating the database in the background (retrying with
    // backoff while it is unreachable). Returns false with a reason when the port cannot be bound.
    bool start(QString *error = nullptr);
    // Stops accepting, lets in-flight requests finish up to the grace period, closes connections.
    void shutdown(int graceMs, std::function<void()> done);

    quint16 port() const;
    QUrl url() const;     // http://host:port
    bool isReady() const; // migrations applied and the database answered

    const ServerConfig &config() const { return m_config; }
    const Options &options() const { return m_options; }
    Database &database();
    Router &router();
    const OpenApiDocument &openApi() const; // the parts of GET /api/openapi.json (tests)
    HttpServer &http();
    const TokenCache &tokenCache() const; // validated access tokens (diagnostics and tests)

Q_SIGNALS:
    void readyChanged(bool ready);

private:
    void migrate();
    void migrationFinished(bool ok);

    struct Private;
    ServerConfig m_config;
    Options m_options;
    std::unique_ptr<Private> d;
};
