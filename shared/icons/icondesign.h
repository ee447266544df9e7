#pragma once

#include "api/apienums.h"

#include <QList>
#include <QString>

#include <optional>

// The original product's icon design system (ICON_DESIGN, original-system.md §5.3), shared by the generators,
// the design check and the app.
enum class ToolType { Drawing, Analysis, Modification };
enum class IconLayer { Guide, Context, Primary, Grips };

struct LayerStyle
{
    IconLayer layer;
    const char *id; // group id (the sanitiser appends "_<scope>")
    double strokeWidth;
    const char *dashArray;  // nullptr when solid
    bool roundCapsAndJoins; // Primary only
};

// Colours as "#rrggbb".
struct Palette
{
    const char *guide;      // dashed construction lines
    const char *context;    // source geometry that is analysed or modified
    const char *secondary;  // detail strokes
    const char *primary;    // the tool's output geometry
    const char *grip;       // grip fill
    const char *gripStroke; // grip outline
};

namespace IconDesign {

inline constexpr int canvasSize = 32;
inline constexpr const char *viewBox = "0 0 32 32";
inline constexpr double center = 16;
inline constexpr double boundsMin = 4;
inline constexpr double boundsMax = 28;
inline constexpr double gripSize = 2;
// Grips are centred on points of the geometry, so they may reach one unit past the bounds: [3, 29].
inline constexpr double gripOverhang = 1;

// Back-to-front render order.
inline constexpr IconLayer layerOrder[] = {IconLayer::Guide, IconLayer::Context, IconLayer::Primary,
                                           IconLayer::Grips};

const LayerStyle &layerStyle(IconLayer layer);
QString layerId(IconLayer layer);
QString layerName(IconLayer layer); // "Guide", …

// Drawing: Guide + Primary + Grips; Analysis: Context + Grips; Modification: Context + Primary + Grips.
QList<IconLayer> requiredLayers(ToolType type);

QString toolTypeName(ToolType type); // "drawing", "analysis", "modification"
std::optional<ToolType> toolTypeFromName(QStringView name);
QString colorModeName(ColorMode mode); // "dark", "light"
std::optional<ColorMode> colorModeFromName(QStringView name);

} // namespace IconDesign

// Dark is the original's palette, value for value: dark ink (black output geometry, zinc greys for
// context and guides, white grips outlined in black).
// Light is new (the original's light palette was a copy of dark): tuned for light toolbars, the output
// geometry is a deep blue that stands out from the grey source geometry by hue as well as contrast, context
// and guide step down in contrast (context ≈ 4.8:1, guide ≈ 2.5:1 on white) so the hierarchy Primary >
// Context > Guide holds, and grips stay white with a dark outline so they read on the canvas and on top of
// strokes.
const Palette &palette(ColorMode mode);
