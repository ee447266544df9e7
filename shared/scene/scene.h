#pragma once

#include "icons/icondesign.h"

#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

// An icon as data: a versioned scene of design-system elements (docs/vocabulary.md, "Scene format").
// Scenes come from the vocabulary (recipes) or, later, from Claude; either way they are parsed and
// validated by SceneParser and drawn by SceneRenderer, the one place that writes icon SVG.
//
// Coordinates are canvas units (32×32, y down). Angles are degrees, counter-clockwise as seen on
// screen (0° = +x, 90° = up), so a point at angle a on a circle is (cx + r·cos a, cy − r·sin a).
namespace scene {

inline constexpr int formatVersion = 1;
inline constexpr const char *formatName = "parametric-icons/scene";

// Bounds on what a scene may hold: it is fuzzed and it validates model output, so nothing in it may
// make the renderer allocate or loop without limit.
namespace limits {
inline constexpr int maxElements = 400; // every element, groups and their children included
inline constexpr int maxPointsPerElement = 256;
inline constexpr int maxTotalPoints = 6000;
inline constexpr int maxGroupDepth = 4;
inline constexpr int maxObjects3d = 24; // per view
inline constexpr int maxPathChars = 4000;
inline constexpr int maxPathSegments = 200;
inline constexpr int maxGrid = 12; // patch/mesh rows and columns
inline constexpr int maxParameters = 16;
inline constexpr double maxCoordinate = 1000; // |x| for every coordinate and length
inline constexpr qsizetype maxJsonBytes = 256 * 1024;
} // namespace limits

struct Vec3
{
    double x = 0;
    double y = 0;
    double z = 0;
};

enum class ElementType {
    Line,
    Polyline,
    Polygon,
    Arc,
    Circle,
    Ellipse,
    Curve, // smooth curve through points
    Path,  // SVG path data
    Grip,
    Arrow,
    Dimension,
    Hatch,
    Group,
    View3d,
};

enum class ArrowHeads { End, Start, Both };
enum class DimensionKind { Linear, Radial, Diameter, Angular };
enum class Projection { Isometric, Cabinet, Top, Front, Side };

// A group's placement. Applied in this order about `origin`: mirror, scale, rotate, translate; then,
// when `fit` is set, the result is scaled uniformly and centred into that rectangle.
struct Transform2d
{
    QPointF origin{16, 16};
    bool mirrorX = false; // flips x (a mirror across the vertical line through origin)
    bool mirrorY = false;
    QPointF scale{1, 1};
    double rotate = 0;
    QPointF translate;
    std::optional<QRectF> fit;
    bool isIdentity() const
    {
        return !mirrorX && !mirrorY && scale == QPointF(1, 1) && rotate == 0 && translate.isNull() && !fit;
    }
};

enum class Shape3d {
    Box,
    Cylinder,
    Cone,
    Sphere,
    Torus,
    Prism,
    Pyramid,
    Wedge,
    Tube,
    Plane,
    Patch,
    Mesh,
    Extrusion,
    Revolution,
    // Wires drawn in the view's space (occluded by its solids like everything else).
    Line,
    Polyline,
    Circle,
    Arc,
    Helix,
    Arrow,
    Grip,
};

// Wires (lines, curves, arrows, grips) are drawn as they are; the other shapes are surfaces and solids
// that hide what is behind them.
bool isWire(Shape3d shape);

// One object of a pictorial view, in model units (x right, y away from the viewer, z up). The
// solid's base sits on `position` (centre of the base for solids of revolution, boxes, prisms…).
struct Object3d
{
    Shape3d shape = Shape3d::Box;
    IconLayer layer = IconLayer::Primary;
    bool showHidden = true; // hidden edges drawn dashed on the Guide layer
    Vec3 position;
    Vec3 rotation;      // degrees about x, then y, then z
    Vec3 size{1, 1, 1}; // box, wedge; plane/patch/mesh use x and y
    double radius =
        1; // cylinder, cone, sphere, torus (ring), prism, pyramid, tube (outer), circle, arc, helix
    double radius2 = 0;     // cone top radius, tube inner radius, torus tube radius
    double height = 1;      // cylinder, cone, prism, pyramid, tube, extrusion, helix
    int sides = 6;          // prism, pyramid
    double start = 0;       // arc start angle
    double sweep = 360;     // arc sweep, revolution sweep
    double turns = 3;       // helix
    char axis = 'z';        // circle, arc, extrusion, revolution: the axis they are built around
    bool closed = false;    // polyline
    bool triangles = false; // mesh: triangulated faces instead of quads
    QList<Vec3> points;     // wires
    QList<QPointF> profile; // extrusion (u, v); revolution (radius, z)
    QList<bool> smooth;     // per profile vertex: the surface is smooth there (no edge drawn)
    int rows = 0, cols = 0; // patch/mesh height grid
    QList<double> heights;  // rows × cols, row-major, rows along y
    int isoU = 0, isoV = 0; // patch isocurves between the boundaries
    ArrowHeads heads = ArrowHeads::End;
    QStringList highlightFaces; // "top", "front", "side2", "start", "end", …
    IconLayer highlightLayer = IconLayer::Primary;
};

struct SceneElement
{
    ElementType type = ElementType::Line;
    IconLayer layer = IconLayer::Primary; // Grips for grips
    QList<QPointF> points;                // line (2), polyline, polygon, curve, hatch boundary, arrow
    QPointF center;                       // arc, circle, ellipse, radial/diameter/angular dimension
    QPointF at;                           // grip
    double radius = 0;
    double rx = 0, ry = 0, rotation = 0; // ellipse
    double start = 0, sweep = 0;         // arc, angular dimension, arc arrow (sweep ≠ 0)
    double angle = 0;                    // radial dimension: where the leader meets the circle; hatch angle
    double offset = 0;                   // linear dimension: distance of the dimension line
    double spacing = 2;                  // hatch
    bool closed = false;                 // curve
    bool outline = true;                 // hatch: draw the boundary too
    QString pathData;                    // path
    ArrowHeads heads = ArrowHeads::End;
    DimensionKind dimension = DimensionKind::Linear;
    // group
    QList<SceneElement> children;
    Transform2d transform;
    std::optional<IconLayer> layerOverride; // a group forces its children's strokes onto this layer
    // view3d
    Projection projection = Projection::Isometric;
    QRectF frame{4, 4, 24, 24};
    QList<Object3d> objects;
};

// One editable parameter of a scene (the Inspector builds its controls from this).
struct ParameterSpec
{
    enum class Type { Int, Number, Bool, Choice };
    QString name; // "gear.teeth": concept id and parameter, unique in the scene
    QString label;
    Type type = Type::Number;
    double min = 0, max = 1, step = 1;
    QVariant defaultValue;
    QStringList choices;

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);
    QJsonObject toJson() const;
    // The value as the scene stores it (int, double, bool, choice name), or nullopt when it is not of
    // this parameter's type or outside its range.
    std::optional<QVariant> accept(const QVariant &value) const;
    QString rangeText() const; // "a whole number from 6 to 24", "true or false", "one of top, front"
};

// Changes made to a whole scene by refining it in words ("mirror it", "rotate 45 degrees", "without
// the guide", "show the grips at the ends"). A vocabulary scene keeps them in its source, so building it
// again with other parameter values keeps them too (scene/sceneedits.h applies them).
struct SceneEdits
{
    bool mirror = false;     // mirrored across the vertical line through the canvas centre (first)
    double rotate = 0;       // then rotated about the canvas centre, degrees counter-clockwise, (-180, 180]
    bool hideGuides = false; // Guide-layer elements and hidden edges left out
    bool endGrips = false;   // grips added at the open ends of the Primary strokes
    bool isEmpty() const { return !mirror && rotate == 0 && !hideGuides && !endGrips; }
    QJsonObject toJson() const; // {"mirror", "rotate", "guides": false, "endGrips"}: only what is set
};

// Where a scene came from, enough to build it again with other parameter values.
struct SceneSource
{
    QString engine; // "builtin" for the vocabulary; empty for free scenes
    int vocabularyVersion = 0;
    QStringList concepts; // ["chamfer", "box"]: the main concept first
    QString operation;    // "chamfer" (empty when the main concept is drawn alone)
    QString subject;      // "box"
    int variant = 0;      // 0..2
    QString composition;  // "single" | "operation"
    SceneEdits edits;     // applied after the concept is drawn
    bool isEmpty() const { return engine.isEmpty() && concepts.isEmpty(); }
};

struct Scene
{
    int version = formatVersion;
    QString name;
    ToolType toolType = ToolType::Drawing;
    QList<ParameterSpec> parameters;
    QVariantMap values; // parameter name → value (int, double, bool or choice string)
    SceneSource source;
    QList<SceneElement> elements;

    QJsonObject toJson() const;
};

QString elementTypeName(ElementType type);
QString layerKey(IconLayer layer); // "guide", "context", "primary", "grips"
QString shapeName(Shape3d shape);
QString projectionName(Projection projection);

} // namespace scene
