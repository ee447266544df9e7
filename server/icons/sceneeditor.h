#pragma once

#include "icons/icondesign.h"
#include "icons/iconrepository.h"

#include <QMap>
#include <QVariantMap>

#include <optional>

// Draws an icon's stored scenes again: with new parameter values (PATCH {"parameters": …}) through the
// built-in engine, and/or in the other palette, through the one shared renderer. Knows no HTTP beyond
// ApiError: every refusal is a 400 naming the field (`parameters.gear.teeth`, `colorMode`) and, for a
// value, the parameter's range. Nothing is changed here; the caller stores the result.
namespace SceneEditor {

// `parameters`: variant index → {"gear.teeth": 12, …}. Returns the variants as they are to be stored.
QList<IconVariant> apply(const Icon &icon, const QMap<int, QVariantMap> &parameters,
                         std::optional<ColorMode> colorMode);

} // namespace SceneEditor
