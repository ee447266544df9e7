// The toolbar sets' OpenAPI part (its JSON beside this file); Scene comes from the icons' part (see
// OpenApiDocument).
#include "http/openapi.h"
#include "sets/setcontroller.h"

QByteArrayView SetController::openApi() const
{
    static const QByteArray part = OpenApiDocument::readPart(QStringLiteral(":/openapi/sets.openapi.json"));
    return part;
}
