#pragma once

#include "icons/icondesign.h"
#include "icons/iconrepository.h"

#include <QHash>
#include <QVariantMap>

#include <optional>

// An icon's scenes drawn again by the shared renderer: new parameter values for some variants
// (PATCH /api/icons/:id) and/or another ink for all of them (the same PATCH, a toolbar set's style).
// No SQL, no HTTP: it changes `icon` in memory or throws ApiError (400 naming the parameter and its
// range, 422 when a variant has no scene), leaving `icon` as it was.
namespace IconRedraw {

void apply(Icon &icon, const QHash<int, QVariantMap> &parameters, std::optional<ColorMode> colorMode);

// The icon can be drawn again (every variant has a scene).
bool redrawable(const Icon &icon);

} // namespace IconRedraw
