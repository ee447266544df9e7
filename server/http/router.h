#pragma once

#include "http/reply.h"
#include "http/request.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <utility>

// A handler answers through its Reply, now or later, from any thread.
using Handler = std::function<void(const Request &, Reply)>;

// Path-and-method routing with real 404/405 semantics (QHttpServer 6.4 answers 404 for a wrong
// method). Patterns are literal segments and {name} placeholders: "/api/icons/{id}/svg".
// Placeholders match one non-empty segment; their decoded values land in Request::params.
class Router
{
public:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QString summary; // one line for the OpenAPI document
        bool authenticated = false;
        Handler handler;
        bool acceptsApiKey = false; // an authenticated route that also takes X-API-Key (OpenAPI)
        bool gated = false;         // behind a wrapHandlers() check, which may answer 503 (OpenAPI)
    };

    struct Match
    {
        const Route *route = nullptr;              // set when path and method match
        QList<std::pair<QString, QString>> params; // {name} → decoded value
        // Methods for this path (for 405 and OPTIONS), sorted; filled only when no route matched
        // the method, since only those answers need it.
        QList<QByteArray> allowed;
        bool pathExists() const { return route || !allowed.isEmpty(); }
    };

    Route &add(QByteArray method, QString pattern, Handler handler);
    // A public route with its one-line OpenAPI summary (authenticated routes: AuthGuard::route).
    Route &route(QByteArray method, QString pattern, QString summary, Handler handler);
    Route &get(QString pattern, Handler handler)
    {
        return add("GET", std::move(pattern), std::move(handler));
    }
    Route &post(QString pattern, Handler handler)
    {
        return add("POST", std::move(pattern), std::move(handler));
    }
    Route &patch(QString pattern, Handler handler)
    {
        return add("PATCH", std::move(pattern), std::move(handler));
    }
    Route &del(QString pattern, Handler handler)
    {
        return add("DELETE", std::move(pattern), std::move(handler));
    }

    Match match(const QByteArray &method, const QString &path) const;
    // Replaces the handler of every route added so far by `wrap(handler)`: a check that runs before
    // each of them and may refuse with 503 (routes added later keep their own handler); marks them
    // `gated` for the OpenAPI document.
    void wrapHandlers(const std::function<Handler(Handler)> &wrap);
    const std::deque<Route> &routes() const { return m_routes; }

private:
    std::deque<Route> m_routes;         // deque: references returned by add() stay valid
    std::deque<QStringList> m_segments; // pre-split patterns, parallel to m_routes
};

// A controller owns one resource and registers its routes on the router (docs/architecture.md,
// "Controllers"). Its state and its handlers live in one object held by shared_ptr, so work in flight
// (pool tasks, generator and provider callbacks) never touches a destroyed controller; registerRoutes
// is a table of routes bound to those handlers with bindHandler().
class Controller
{
public:
    virtual ~Controller() = default;
    virtual void registerRoutes(Router &router) = 0;
    // This controller's part of the OpenAPI document: {"components": {...}, "operations":
    // {"METHOD /pattern": partial operation}} as JSON text (see OpenApiDocument).
    virtual QByteArrayView openApi() const { return {}; }
};

// A handler (Handler, or AuthGuard's AuthedHandler) calling `method` on `self`; the route keeps
// `self` alive.
template<typename T, typename... Args> auto bindHandler(std::shared_ptr<T> self, void (T::*method)(Args...))
{
    return [self = std::move(self), method](Args... args) { ((*self).*method)(std::forward<Args>(args)...); };
}
template<typename T, typename... Args>
auto bindHandler(std::shared_ptr<T> self, void (T::*method)(Args...) const)
{
    return [self = std::move(self), method](Args... args) { ((*self).*method)(std::forward<Args>(args)...); };
}
