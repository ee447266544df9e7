#include "svg/svgsanitizerrules.h"

#include "svg/svgpath.h"
#include "svg/svgsyntax.h"

#include <QRegularExpression>

#include <cmath>
#include <span>

namespace SvgSanitizing {

namespace {

using Rules = std::span<const AttributeRule>;

// An attribute that only the element itself may carry, and a presentation property: an attribute that
// style="" and class rules may set too.
constexpr AttributeRule attribute(const char *name, ValueType type)
{
    return {QLatin1StringView(name), type, false};
}
constexpr AttributeRule property(const char *name, ValueType type)
{
    return {QLatin1StringView(name), type, true};
}

using enum ValueType;

// What every group, shape and the root may carry.
constexpr AttributeRule presentationRules[] = {property("fill", Paint),
                                               property("fill-opacity", Opacity),
                                               property("fill-rule", FillRule),
                                               property("stroke", Paint),
                                               property("stroke-width", NonNegativeLength),
                                               property("stroke-opacity", Opacity),
                                               property("stroke-linecap", LineCap),
                                               property("stroke-linejoin", LineJoin),
                                               property("stroke-miterlimit", MiterLimit),
                                               property("stroke-dasharray", DashArray),
                                               property("stroke-dashoffset", Length),
                                               property("opacity", Opacity),
                                               property("color", Color),
                                               property("display", Display),
                                               property("visibility", Visibility),
                                               property("vector-effect", VectorEffect)};

constexpr AttributeRule transformRule = attribute("transform", Transform);

// Each element's own attributes (geometry, gradient and stop attributes).
constexpr AttributeRule svgRules[] = {attribute("width", ViewportLength), attribute("height", ViewportLength),
                                      attribute("viewBox", ViewBox),
                                      attribute("preserveAspectRatio", PreserveAspectRatio)};
constexpr AttributeRule pathRules[] = {attribute("d", PathData)};
constexpr AttributeRule rectRules[] = {attribute("x", Length),
                                       attribute("y", Length),
                                       attribute("width", NonNegativeLength),
                                       attribute("height", NonNegativeLength),
                                       attribute("rx", NonNegativeLength),
                                       attribute("ry", NonNegativeLength)};
constexpr AttributeRule circleRules[] = {attribute("cx", Length), attribute("cy", Length),
                                         attribute("r", NonNegativeLength)};
constexpr AttributeRule ellipseRules[] = {attribute("cx", Length), attribute("cy", Length),
                                          attribute("rx", NonNegativeLength),
                                          attribute("ry", NonNegativeLength)};
constexpr AttributeRule lineRules[] = {attribute("x1", Length), attribute("y1", Length),
                                       attribute("x2", Length), attribute("y2", Length)};
constexpr AttributeRule pointsRules[] = {attribute("points", Points)};
constexpr AttributeRule linearGradientRules[] = {attribute("x1", Length),
                                                 attribute("y1", Length),
                                                 attribute("x2", Length),
                                                 attribute("y2", Length),
                                                 attribute("gradientUnits", GradientUnits),
                                                 attribute("gradientTransform", Transform),
                                                 attribute("spreadMethod", SpreadMethod)};
constexpr AttributeRule radialGradientRules[] = {attribute("cx", Length),
                                                 attribute("cy", Length),
                                                 attribute("r", PositiveLength),
                                                 attribute("fx", Length),
                                                 attribute("fy", Length),
                                                 attribute("gradientUnits", GradientUnits),
                                                 attribute("gradientTransform", Transform),
                                                 attribute("spreadMethod", SpreadMethod)};
constexpr AttributeRule stopRules[] = {attribute("offset", Offset), property("stop-color", Color),
                                       property("stop-opacity", Opacity)};

struct ElementRule
{
    QLatin1StringView name;
    Kind kind;
    Rules attributes;  // its own attributes
    bool transform;    // takes transform=""
    bool presentation; // takes the presentation attributes (fill, stroke, …)
};

// Indexed by Kind.
constexpr ElementRule elementRules[] = {
    {QLatin1StringView("svg"), Kind::Svg, svgRules, false, true},
    {QLatin1StringView("g"), Kind::G, {}, true, true},
    {QLatin1StringView("defs"), Kind::Defs, {}, false, false},
    {QLatin1StringView("title"), Kind::Title, {}, false, false},
    {QLatin1StringView("desc"), Kind::Desc, {}, false, false},
    {QLatin1StringView("path"), Kind::Path, pathRules, true, true},
    {QLatin1StringView("rect"), Kind::Rect, rectRules, true, true},
    {QLatin1StringView("circle"), Kind::Circle, circleRules, true, true},
    {QLatin1StringView("ellipse"), Kind::Ellipse, ellipseRules, true, true},
    {QLatin1StringView("line"), Kind::Line, lineRules, true, true},
    {QLatin1StringView("polyline"), Kind::Polyline, pointsRules, true, true},
    {QLatin1StringView("polygon"), Kind::Polygon, pointsRules, true, true},
    {QLatin1StringView("linearGradient"), Kind::LinearGradient, linearGradientRules, false, false},
    {QLatin1StringView("radialGradient"), Kind::RadialGradient, radialGradientRules, false, false},
    {QLatin1StringView("stop"), Kind::Stop, stopRules, false, false},
};

constexpr bool indexedByKind()
{
    for (std::size_t i = 0; i < std::size(elementRules); ++i) {
        if (int(elementRules[i].kind) != int(i))
            return false;
    }
    return true;
}
static_assert(indexedByKind(), "elementRules must list the kinds in the order of enum Kind");

std::optional<AttributeRule> find(Rules rules, QStringView name)
{
    for (const AttributeRule &r : rules) {
        if (name == r.name)
            return r;
    }
    return std::nullopt;
}

bool isContainer(Kind k)
{
    return k == Kind::Svg || k == Kind::G || k == Kind::Defs;
}

bool oneOf(QStringView value, std::initializer_list<const char *> keywords)
{
    for (const char *k : keywords) {
        if (value == QLatin1StringView(k))
            return true;
    }
    return false;
}

} // namespace

bool isEditorNamespace(QStringView ns)
{
    static const QLatin1StringView exact[] = {
        QLatin1StringView("http://www.inkscape.org/namespaces/inkscape"),
        QLatin1StringView("http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"),
        QLatin1StringView("http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd"),
        QLatin1StringView("http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        QLatin1StringView("http://creativecommons.org/ns#"),
        QLatin1StringView("http://web.resource.org/cc/"),
        QLatin1StringView("http://purl.org/dc/elements/1.1/"),
        QLatin1StringView("http://www.bohemiancoding.com/sketch/ns"),
        QLatin1StringView("http://www.serif.com/"),
    };
    for (const auto &e : exact) {
        if (ns == e)
            return true;
    }
    return ns.startsWith(QLatin1StringView("http://ns.adobe.com/"));
}

std::optional<Kind> kindOf(QStringView localName)
{
    for (const ElementRule &e : elementRules) {
        if (localName == e.name)
            return e.kind;
    }
    return std::nullopt;
}

QLatin1StringView nameOf(Kind kind)
{
    return elementRules[int(kind)].name;
}

// Containers hold groups, shapes, gradients and title/desc; gradients hold stops; nothing else has element
// children. A nested <svg> is not kept (QtSvg's handling of nested viewports differs from browsers).
bool allowedChild(Kind parent, Kind child)
{
    if (isContainer(parent))
        return child == Kind::G || child == Kind::Defs || child == Kind::Title || child == Kind::Desc ||
               isShape(child) || isGradient(child);
    if (isGradient(parent))
        return child == Kind::Stop;
    return false;
}

std::optional<AttributeRule> ruleFor(Kind kind, QStringView name)
{
    const ElementRule &element = elementRules[int(kind)];
    if (element.transform && name == transformRule.name)
        return transformRule;
    if (const auto own = find(element.attributes, name))
        return own;
    return element.presentation ? find(presentationRules, name) : std::nullopt;
}

bool isViewportLength(QStringView value)
{
    const auto length = SvgSyntax::parseLength(value);
    return length && length->unit != QLatin1StringView("em") && length->unit != QLatin1StringView("ex") &&
           length->value > 0 && length->value <= 4096;
}

bool isViewBox(QStringView value)
{
    const auto numbers = SvgSyntax::parseNumberList(value);
    if (!numbers || numbers->size() != 4)
        return false;
    const auto &n = *numbers;
    return std::fabs(n[0]) <= 4096 && std::fabs(n[1]) <= 4096 && n[2] > 0 && n[2] <= 4096 && n[3] > 0 &&
           n[3] <= 4096;
}

std::optional<QString> validate(ValueType type, const QString &raw, QString *refId)
{
    const QString value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    switch (type) {
    case ValueType::Paint:
        return SvgSyntax::isPaint(value, refId) ? std::optional(value) : std::nullopt;
    case ValueType::Color:
        return SvgSyntax::isColor(value) || value == QLatin1StringView("inherit") ? std::optional(value)
                                                                                  : std::nullopt;
    case ValueType::Opacity:
    case ValueType::Offset: {
        const auto length = SvgSyntax::parseLength(value);
        return length && (length->unit.isEmpty() || length->unit == QLatin1StringView("%"))
                   ? std::optional(value)
                   : std::nullopt;
    }
    case ValueType::FillRule:
        return oneOf(value, {"nonzero", "evenodd", "inherit"}) ? std::optional(value) : std::nullopt;
    case ValueType::NonNegativeLength: {
        const auto length = SvgSyntax::parseLength(value);
        return length && length->value >= 0 ? std::optional(value) : std::nullopt;
    }
    case ValueType::Length:
        return SvgSyntax::parseLength(value) ? std::optional(value) : std::nullopt;
    case ValueType::PositiveLength: {
        const auto length = SvgSyntax::parseLength(value);
        return length && length->value > 0 ? std::optional(value) : std::nullopt;
    }
    case ValueType::LineCap:
        return oneOf(value, {"butt", "round", "square", "inherit"}) ? std::optional(value) : std::nullopt;
    case ValueType::LineJoin:
        return oneOf(value, {"miter", "round", "bevel", "inherit"}) ? std::optional(value) : std::nullopt;
    case ValueType::MiterLimit: {
        const auto n = SvgSyntax::parseNumber(value);
        return n && *n >= 1 ? std::optional(value) : std::nullopt;
    }
    case ValueType::DashArray: {
        if (value == QLatin1StringView("none"))
            return value;
        // Lengths >= 0 with a sum that is not vanishingly small: tiny dashes on long paths would make the
        // renderer generate millions of segments.
        QString numbersOnly = value;
        static const QRegularExpression units(QStringLiteral("(px|%)(?=[\\s,]|$)"));
        numbersOnly.remove(units);
        const auto numbers = SvgSyntax::parseNumberList(numbersOnly);
        if (!numbers || numbers->isEmpty() || numbers->size() > 64)
            return std::nullopt;
        double sum = 0;
        for (double d : *numbers) {
            if (d < 0)
                return std::nullopt;
            sum += d;
        }
        return sum >= 0.01 ? std::optional(value) : std::nullopt;
    }
    case ValueType::Display:
        return oneOf(value, {"inline", "block", "inline-block", "none", "inherit"}) ? std::optional(value)
                                                                                    : std::nullopt;
    case ValueType::Visibility:
        return oneOf(value, {"visible", "hidden", "collapse", "inherit"}) ? std::optional(value)
                                                                          : std::nullopt;
    case ValueType::VectorEffect:
        return oneOf(value, {"none", "non-scaling-stroke"}) ? std::optional(value) : std::nullopt;
    case ValueType::Transform:
        return SvgSyntax::parseTransform(value) ? std::optional(value) : std::nullopt;
    case ValueType::PathData: {
        const SvgPathParseResult path = SvgPath::parse(value);
        if (path.ok)
            return value;
        // Renderers draw a path up to its first error; keep exactly that part.
        const QString prefix = value.left(path.validLength).trimmed();
        return prefix.isEmpty() ? std::nullopt : std::optional(prefix);
    }
    case ValueType::Points: {
        const auto numbers = SvgSyntax::parseNumberList(value);
        return numbers && numbers->size() % 2 == 0 ? std::optional(value) : std::nullopt;
    }
    case ValueType::GradientUnits:
        return oneOf(value, {"userSpaceOnUse", "objectBoundingBox"}) ? std::optional(value) : std::nullopt;
    case ValueType::SpreadMethod:
        return oneOf(value, {"pad", "reflect", "repeat"}) ? std::optional(value) : std::nullopt;
    case ValueType::ViewBox:
        return isViewBox(value) ? std::optional(value) : std::nullopt;
    case ValueType::ViewportLength:
        return isViewportLength(value) ? std::optional(value) : std::nullopt;
    case ValueType::PreserveAspectRatio: {
        static const QRegularExpression re(
            QStringLiteral("^(none|x(Min|Mid|Max)Y(Min|Mid|Max))(\\s+(meet|slice))?$"));
        return re.match(value).hasMatch() ? std::optional(value) : std::nullopt;
    }
    }
    return std::nullopt;
}

QString cleanText(const QString &text)
{
    // Whitespace collapses again after the invisible characters go and the cut is trimmed, so the
    // result is a fixed point: sanitising it once more yields the same text.
    QString t = text.simplified();
    t.removeIf(
        [](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    t = std::move(t).simplified();
    static const QRegularExpression dangerous(
        QStringLiteral("(script|data|https?|ftp|file|about|blob|mhtml|jar)\\s*:|//|\\bon[a-z]+\\s*=|@import|"
                       "expression\\s*\\(|url\\s*\\("),
        QRegularExpression::CaseInsensitiveOption);
    if (dangerous.match(t).hasMatch())
        return {};
    if (t.size() <= 500)
        return t;
    t.truncate(500);
    if (t.back().isHighSurrogate())
        t.chop(1);
    return t.trimmed();
}

} // namespace SvgSanitizing
