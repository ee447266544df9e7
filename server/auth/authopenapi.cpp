// Sign-in's OpenAPI part (its JSON beside this file): the bearer scheme, tokens, the signed-in user and
// sessions (see OpenApiDocument).
#include "auth/authcontroller.h"
#include "http/openapi.h"

QByteArrayView AuthController::openApi() const
{
    static const QByteArray part = OpenApiDocument::readPart(QStringLiteral(":/openapi/auth.openapi.json"));
    return part;
}
