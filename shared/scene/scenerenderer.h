#pragma once

#include "scene/scene.h"
#include "scene/sceneparser.h"

#include <QString>

namespace scene {

struct RenderResult
{
    QString svg;              // empty when the scene cannot be drawn
    QList<SceneError> errors; // why not (a layer the tool type needs came out empty, nothing to draw)
    bool ok() const { return errors.isEmpty() && !svg.isEmpty(); }
};

// The one writer of icon SVG. From a parsed scene it draws the design system by construction:
// viewBox 0 0 32 32; layer groups Guide (0.25, dashed "2 1"), Context (0.5), Primary (1, round caps and
// joins) and Grips (2×2 squares centred on their points) in the palette of the colour mode; geometry
// scaled into [4, 28] when it reaches outside (grips then stay within [3, 29]); numbers written to
// 1/100 and clamped after rounding. The output is a fixed point of SvgSanitizer with the same scope
// and passes checkIconDesign for the scene's tool type: the tests hold every vocabulary icon to both.
// Deterministic: the same scene gives the same bytes. `scopeSeed` makes the layer ids unique per
// icon (as the sanitiser does: "_" + deriveScope(seed)).
namespace SceneRenderer {
RenderResult render(const Scene &scene, ColorMode mode, const QString &scopeSeed);
} // namespace SceneRenderer

} // namespace scene
