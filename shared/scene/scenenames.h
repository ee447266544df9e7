#pragma once

#include "scene/scene.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <span>
#include <type_traits>

// The names the scene format (scene.schema.json) gives to the values of its enums, one table each:
// the parser reads them and Scene::toJson writes them, so the two cannot disagree. A table's order is
// the order the parser's "must be one of …" messages list the names in.
namespace scene {

template<typename E> struct EnumName
{
    const char *name;
    E value;
};

inline constexpr EnumName<ElementType> elementTypeNames[] = {
    {"line", ElementType::Line},   {"polyline", ElementType::Polyline},   {"polygon", ElementType::Polygon},
    {"arc", ElementType::Arc},     {"circle", ElementType::Circle},       {"ellipse", ElementType::Ellipse},
    {"curve", ElementType::Curve}, {"path", ElementType::Path},           {"grip", ElementType::Grip},
    {"arrow", ElementType::Arrow}, {"dimension", ElementType::Dimension}, {"hatch", ElementType::Hatch},
    {"group", ElementType::Group}, {"view3d", ElementType::View3d},
};

inline constexpr EnumName<IconLayer> layerNames[] = {
    {"guide", IconLayer::Guide},
    {"context", IconLayer::Context},
    {"primary", IconLayer::Primary},
    {"grips", IconLayer::Grips},
};
// The layers a stroke may be drawn on: all but the last, Grips (grips are elements of their own).
inline constexpr std::span<const EnumName<IconLayer>> strokeLayerNames = std::span(layerNames).first<3>();
static_assert(layerNames[3].value == IconLayer::Grips);

inline constexpr EnumName<Shape3d> shapeNames[] = {
    {"box", Shape3d::Box},
    {"cylinder", Shape3d::Cylinder},
    {"cone", Shape3d::Cone},
    {"sphere", Shape3d::Sphere},
    {"torus", Shape3d::Torus},
    {"prism", Shape3d::Prism},
    {"pyramid", Shape3d::Pyramid},
    {"wedge", Shape3d::Wedge},
    {"tube", Shape3d::Tube},
    {"plane", Shape3d::Plane},
    {"patch", Shape3d::Patch},
    {"mesh", Shape3d::Mesh},
    {"extrusion", Shape3d::Extrusion},
    {"revolution", Shape3d::Revolution},
    {"line", Shape3d::Line},
    {"polyline", Shape3d::Polyline},
    {"circle", Shape3d::Circle},
    {"arc", Shape3d::Arc},
    {"helix", Shape3d::Helix},
    {"arrow", Shape3d::Arrow},
    {"grip", Shape3d::Grip},
};

inline constexpr EnumName<ArrowHeads> arrowHeadsNames[] = {
    {"end", ArrowHeads::End},
    {"start", ArrowHeads::Start},
    {"both", ArrowHeads::Both},
};

inline constexpr EnumName<DimensionKind> dimensionNames[] = {
    {"linear", DimensionKind::Linear},
    {"radial", DimensionKind::Radial},
    {"diameter", DimensionKind::Diameter},
    {"angular", DimensionKind::Angular},
};

inline constexpr EnumName<Projection> projectionNames[] = {
    {"isometric", Projection::Isometric}, {"cabinet", Projection::Cabinet}, {"top", Projection::Top},
    {"front", Projection::Front},         {"side", Projection::Side},
};

inline constexpr EnumName<ParameterSpec::Type> parameterTypeNames[] = {
    {"int", ParameterSpec::Type::Int},
    {"number", ParameterSpec::Type::Number},
    {"bool", ParameterSpec::Type::Bool},
    {"choice", ParameterSpec::Type::Choice},
};

// The name of `value` (empty only for a value outside the enum).
template<typename E> QString nameIn(std::span<const EnumName<std::type_identity_t<E>>> names, E value)
{
    for (const EnumName<E> &n : names) {
        if (n.value == value)
            return QString::fromLatin1(n.name);
    }
    return {};
}

// valueIn<E>(table, name): the value with that name, if any.
template<typename E> std::optional<E> valueIn(std::span<const EnumName<E>> names, QStringView name)
{
    for (const EnumName<E> &n : names) {
        if (name == QLatin1StringView(n.name))
            return n.value;
    }
    return std::nullopt;
}

} // namespace scene
