#pragma once

#include "scene/scene.h"

#include <QJsonArray>

// Applies SceneEdits to a scene's elements (JSON, before the strict parser reads them), the same way
// for a vocabulary scene built again from its source and for a free scene refined once.
namespace scene {

// Guides left out first (elements and 3D objects on the Guide layer, hidden edges); then the drawing is
// mirrored and rotated about the canvas centre as one group; then grips are added at the open ends of
// the Primary strokes (where none is already). An element the edits cannot read is kept as it is: the
// parser reports it afterwards.
QJsonArray applyEdits(const QJsonArray &elements, const SceneEdits &edits);

} // namespace scene
