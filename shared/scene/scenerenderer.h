#pragma once

#include "scene/scene.h"
#include "scene/sceneparser.h"

#include <QString>

namespace scene {

// How the SVG is meant to be shown.
struct RenderOptions
{
    // 0: the vector as designed (what is stored, shown and checked). n > 0: drawn for a raster of
    // n × n pixels ("hinting"), for PNG/ICO/ICNS frames: coordinates snapped to the pixel grid, every
    // stroke at least one pixel wide (1-px strokes on pixel centres, so they do not blur into two grey
    // rows), dashes in whole pixels, grips as crisp squares of whole pixels — solid dots of the grip
    // outline's ink where a grip is under 3 px, too small to show a fill inside an outline. Such an
    // SVG is for rasterising at that size only: it is not written to 1/100 units inside [4, 28].
    int pixelSize = 0;
};

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
RenderResult render(const Scene &scene, ColorMode mode, const QString &scopeSeed,
                    const RenderOptions &options = {});
// Exports hint rasters up to this size (the toolbar sizes 16–64 px); above it a canvas unit is more
// than two pixels and the vector is drawn as designed.
inline constexpr int hintingMaxPixels = 64;
} // namespace SceneRenderer

} // namespace scene
