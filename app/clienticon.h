#pragma once

#include "api/icon.h"

#include <QString>
#include <QVariantMap>

// One icon as the API returns it (GET/POST /api/icons): the shared API model (shared/api/icon.h). A
// list page (?view=thumbnail) carries only the selected variant: such an icon is not `complete`, its
// other variants are placeholders (empty svg) until GET /api/icons/{id} fills them in.
using ClientIconVariant = api::IconVariant;
using ClientIcon = api::Icon;

// What QML delegates read: the icon with its enum fields as their wire names.
QVariantMap iconToVariantMap(const ClientIcon &icon);

// "data:image/svg+xml;base64,…" for Image.source / drag previews.
QString svgDataUrl(const QString &svg);
