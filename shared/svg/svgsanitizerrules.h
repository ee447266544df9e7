#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// What the SVG sanitiser keeps (security-policy SV-2 … SV-7), as data: the elements and where they may
// stand, each element's attributes with the grammar of their values, and the validators of those grammars.
// The sanitiser (svgsanitizer.cpp) walks a document against these rules; nothing here parses XML or CSS.
namespace SvgSanitizing {

inline const QString svgNamespace = QStringLiteral("http://www.w3.org/2000/svg");
inline const QString xlinkNamespace = QStringLiteral("http://www.w3.org/1999/xlink");

// Editor bookkeeping that exports carry along. Dropped silently with its subtree; any other foreign namespace
// (XHTML, XSL, xml-events, MathML, unknown) rejects the document (security-policy SV-3).
bool isEditorNamespace(QStringView ns);

// The elements that are kept. Deliberately absent: text/tspan, clipPath/mask, symbol (svgsanitizer.h says
// why).
enum class Kind {
    Svg,
    G,
    Defs,
    Title,
    Desc,
    Path,
    Rect,
    Circle,
    Ellipse,
    Line,
    Polyline,
    Polygon,
    LinearGradient,
    RadialGradient,
    Stop
};

std::optional<Kind> kindOf(QStringView localName);
QLatin1StringView nameOf(Kind kind);

inline bool isShape(Kind k)
{
    return k == Kind::Path || k == Kind::Rect || k == Kind::Circle || k == Kind::Ellipse || k == Kind::Line ||
           k == Kind::Polyline || k == Kind::Polygon;
}

inline bool isGradient(Kind k)
{
    return k == Kind::LinearGradient || k == Kind::RadialGradient;
}

// Content model: whether `child` is kept inside `parent` (anything else is dropped with its subtree).
bool allowedChild(Kind parent, Kind child);

// The grammars attribute and property values must match.
enum class ValueType {
    Paint,
    PositiveLength,
    Color,
    Opacity,
    FillRule,
    NonNegativeLength,
    Length,
    LineCap,
    LineJoin,
    MiterLimit,
    DashArray,
    Display,
    Visibility,
    VectorEffect,
    Transform,
    PathData,
    Points,
    GradientUnits,
    SpreadMethod,
    Offset,
    ViewBox,
    PreserveAspectRatio,
    ViewportLength
};

struct AttributeRule
{
    QLatin1StringView name;
    ValueType type;
    bool presentation; // may also come from style="" or a class rule
};

// The rule for attribute `name` on an element of `kind`, or nullopt when the attribute is not kept there.
std::optional<AttributeRule> ruleFor(Kind kind, QStringView name);

// Returns the value to write (trimmed, path data cut at its first error) or nullopt to drop the attribute.
// *refId receives the id of a url(#id) paint.
std::optional<QString> validate(ValueType type, const QString &raw, QString *refId);

// The root's width/height and viewBox: bounded, because they size what renderers allocate.
bool isViewportLength(QStringView value);
bool isViewBox(QStringView value);

// Title/desc text is kept for accessibility, without anything that reads like a URL or markup; an empty
// result drops the element.
QString cleanText(const QString &text);

} // namespace SvgSanitizing
