// The API keys' OpenAPI part (its JSON beside this file): the X-API-Key scheme and key management (see
// OpenApiDocument).
#include "auth/apikeycontroller.h"
#include "http/openapi.h"

QByteArrayView ApiKeyController::openApi() const
{
    static const QByteArray part =
        OpenApiDocument::readPart(QStringLiteral(":/openapi/apikeys.openapi.json"));
    return part;
}
