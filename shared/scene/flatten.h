#pragma once

#include "scene/flatdrawing.h"
#include "scene/scene.h"

namespace scene {

// Reduces validated scene elements to strokes and grips in canvas units: groups transformed and
// fitted, arrows, dimensions and hatches drawn out, pictorial views projected with their hidden
// edges (kit3d). The result is not yet fitted into the icon bounds (SceneRenderer does that).
FlatDrawing flatten(const QList<SceneElement> &elements);
FlatDrawing flattenElement(const SceneElement &element);

} // namespace scene
