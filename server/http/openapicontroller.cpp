#include "http/openapicontroller.h"

#include <QJsonDocument>

OpenApiController::OpenApiController(const Router &router, QString version)
    : d(std::make_shared<Handlers>())
{
    d->router = &router;
    d->version = std::move(version);
}

void OpenApiController::add(const Controller &controller)
{
    d->document.add(controller.openApi());
}

void OpenApiController::registerRoutes(Router &router)
{
    router.route("GET", QStringLiteral("/api/openapi.json"),
                 QStringLiteral("This API's OpenAPI 3.1 description"), bindHandler(d, &Handlers::serve));
}

void OpenApiController::Handlers::serve(const Request &, Reply reply)
{
    QByteArray body;
    {
        QMutexLocker lock(&mutex);
        if (cached.isEmpty())
            cached = QJsonDocument(document.build(*router, version)).toJson(QJsonDocument::Compact);
        body = cached;
    }
    reply.send(Response::raw(body, "application/json"));
}
