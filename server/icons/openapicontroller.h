#pragma once

#include "http/router.h"

#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>

// GET /api/openapi.json (issue 4 point 7): an OpenAPI 3.1 document of the whole API.
//
// Paths, methods, summaries and which routes need a bearer token come from the Router itself, so the
// document cannot drift from what is served; the per-route schemas (parameters, bodies, responses)
// live in one table, OpenApiDocument::operations(). A route registered without an entry still
// appears (with its summary) and the test that compares router and table fails.
namespace OpenApiDocument {
// The table: "METHOD /pattern" → partial OpenAPI operation object.
const QJsonObject &operations();
// components: schemas, responses, securitySchemes.
const QJsonObject &components();
QString operationKey(const QByteArray &method, const QString &pattern);
// The whole document for the routes of `router`.
QJsonObject build(const Router &router, const QString &version);
} // namespace OpenApiDocument

class OpenApiController : public Controller
{
public:
    // The router must outlive the controller; the document is built on first request, after every
    // controller has registered its routes.
    explicit OpenApiController(const Router &router, QString version = QStringLiteral(PARAMETRIC_VERSION));

    void registerRoutes(Router &router) override;

private:
    struct State
    {
        const Router *router;
        QString version;
        QMutex mutex;
        QByteArray cached;
    };
    std::shared_ptr<State> m_state; // shared with the handler, which may outlive this object
};
