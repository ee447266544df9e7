// The icons' OpenAPI part (its JSON beside this file): icons, variants, scenes, interpretations and their
// requests (see OpenApiDocument).
#include "http/openapi.h"
#include "icons/iconcontroller.h"

QByteArrayView IconController::openApi() const
{
    static const QByteArray part = OpenApiDocument::readPart(QStringLiteral(":/openapi/icons.openapi.json"));
    return part;
}
