// The health probes' OpenAPI part (its JSON beside this file) (see OpenApiDocument).
#include "health/healthcontroller.h"
#include "http/openapi.h"

QByteArrayView HealthController::openApi() const
{
    static const QByteArray part = OpenApiDocument::readPart(QStringLiteral(":/openapi/health.openapi.json"));
    return part;
}
