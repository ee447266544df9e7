// The OpenAPI part (its JSON beside this file) every route shares: the error body, the common error responses
// and this document's route.
#include "http/openapi.h"
#include "http/openapicontroller.h"

QByteArrayView OpenApiController::openApi() const
{
    static const QByteArray part = OpenApiDocument::readPart(QStringLiteral(":/openapi/common.openapi.json"));
    return part;
}
