#pragma once

#include "http/openapi.h"
#include "http/router.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

// GET /api/openapi.json (issue 4 point 7): the OpenAPI 3.1 document of every route on the router,
// with the parts the controllers contribute (see OpenApiDocument).
class OpenApiController : public Controller
{
public:
    // The router and the controllers must outlive this one; the document is built on the first
    // request, after every controller has registered its routes.
    OpenApiController(const Router &router, QString version = QStringLiteral(PARAMETRIC_VERSION));

    void registerRoutes(Router &router) override;
    // The error body and the common error responses every part refers to, and this route.
    QByteArrayView openApi() const override;

    // Adds a controller's part (call for each controller, this one included, before serving).
    void add(const Controller &controller);
    const OpenApiDocument &document() const { return d->document; }

private:
    struct Handlers
    {
        const Router *router;
        QString version;
        OpenApiDocument document;
        QMutex mutex;
        QByteArray cached;

        void serve(const Request &request, Reply reply);
    };
    std::shared_ptr<Handlers> d; // shared with the handler, which may outlive this object
};
