#include "svg/svgsanitizer.h"

#include "svg/svgpath.h"
#include "svg/svgsyntax.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

#include <algorithm>
#include <optional>

namespace {

const QString svgNamespace = QStringLiteral("http://www.w3.org/2000/svg");
const QString xlinkNamespace = QStringLiteral("http://www.w3.org/1999/xlink");

// Editor bookkeeping that exports carry along. Dropped silently with its subtree; any other foreign namespace
// (XHTML, XSL, xml-events, MathML, unknown) rejects the document (security-policy SV-3).
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

struct KindName
{
    QLatin1StringView name;
    Kind kind;
};

const KindName kindNames[] = {
    {QLatin1StringView("svg"), Kind::Svg},
    {QLatin1StringView("g"), Kind::G},
    {QLatin1StringView("defs"), Kind::Defs},
    {QLatin1StringView("title"), Kind::Title},
    {QLatin1StringView("desc"), Kind::Desc},
    {QLatin1StringView("path"), Kind::Path},
    {QLatin1StringView("rect"), Kind::Rect},
    {QLatin1StringView("circle"), Kind::Circle},
    {QLatin1StringView("ellipse"), Kind::Ellipse},
    {QLatin1StringView("line"), Kind::Line},
    {QLatin1StringView("polyline"), Kind::Polyline},
    {QLatin1StringView("polygon"), Kind::Polygon},
    {QLatin1StringView("linearGradient"), Kind::LinearGradient},
    {QLatin1StringView("radialGradient"), Kind::RadialGradient},
    {QLatin1StringView("stop"), Kind::Stop},
};

std::optional<Kind> kindOf(QStringView localName)
{
    for (const auto &k : kindNames) {
        if (localName == k.name)
            return k.kind;
    }
    return std::nullopt;
}

QLatin1StringView nameOf(Kind kind)
{
    for (const auto &k : kindNames) {
        if (k.kind == kind)
            return k.name;
    }
    return {};
}

bool isShape(Kind k)
{
    return k == Kind::Path || k == Kind::Rect || k == Kind::Circle || k == Kind::Ellipse || k == Kind::Line ||
           k == Kind::Polyline || k == Kind::Polygon;
}

bool isGradient(Kind k)
{
    return k == Kind::LinearGradient || k == Kind::RadialGradient;
}

bool isContainer(Kind k)
{
    return k == Kind::Svg || k == Kind::G || k == Kind::Defs;
}

// Content model: containers hold groups, shapes, gradients and title/desc; gradients hold stops; nothing else
// has element children. A nested <svg> is not kept (QtSvg's handling of nested viewports differs from
// browsers).
bool allowedChild(Kind parent, Kind child)
{
    if (isContainer(parent))
        return child == Kind::G || child == Kind::Defs || child == Kind::Title || child == Kind::Desc ||
               isShape(child) || isGradient(child);
    if (isGradient(parent))
        return child == Kind::Stop;
    return false;
}

// ---- attribute and property grammar ----------------------------------------------------------------------

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

const AttributeRule presentationRules[] = {
    {QLatin1StringView("fill"), ValueType::Paint, true},
    {QLatin1StringView("fill-opacity"), ValueType::Opacity, true},
    {QLatin1StringView("fill-rule"), ValueType::FillRule, true},
    {QLatin1StringView("stroke"), ValueType::Paint, true},
    {QLatin1StringView("stroke-width"), ValueType::NonNegativeLength, true},
    {QLatin1StringView("stroke-opacity"), ValueType::Opacity, true},
    {QLatin1StringView("stroke-linecap"), ValueType::LineCap, true},
    {QLatin1StringView("stroke-linejoin"), ValueType::LineJoin, true},
    {QLatin1StringView("stroke-miterlimit"), ValueType::MiterLimit, true},
    {QLatin1StringView("stroke-dasharray"), ValueType::DashArray, true},
    {QLatin1StringView("stroke-dashoffset"), ValueType::Length, true},
    {QLatin1StringView("opacity"), ValueType::Opacity, true},
    {QLatin1StringView("color"), ValueType::Color, true},
    {QLatin1StringView("display"), ValueType::Display, true},
    {QLatin1StringView("visibility"), ValueType::Visibility, true},
    {QLatin1StringView("vector-effect"), ValueType::VectorEffect, true},
};

const AttributeRule transformRule = {QLatin1StringView("transform"), ValueType::Transform, false};

std::optional<AttributeRule> ruleFor(Kind kind, QStringView name)
{
    const auto geometry = [&](std::initializer_list<AttributeRule> rules) -> std::optional<AttributeRule> {
        for (const auto &r : rules) {
            if (name == r.name)
                return r;
        }
        return std::nullopt;
    };
    const auto presentation = [&]() -> std::optional<AttributeRule> {
        for (const auto &r : presentationRules) {
            if (name == r.name)
                return r;
        }
        return std::nullopt;
    };
    const AttributeRule x{QLatin1StringView("x"), ValueType::Length, false};
    const AttributeRule y{QLatin1StringView("y"), ValueType::Length, false};

    switch (kind) {
    case Kind::Svg:
        if (auto r =
                geometry({{QLatin1StringView("width"), ValueType::ViewportLength, false},
                          {QLatin1StringView("height"), ValueType::ViewportLength, false},
                          {QLatin1StringView("viewBox"), ValueType::ViewBox, false},
                          {QLatin1StringView("preserveAspectRatio"), ValueType::PreserveAspectRatio, false}}))
            return r;
        return presentation();
    case Kind::G:
        if (name == transformRule.name)
            return transformRule;
        return presentation();
    case Kind::Path:
    case Kind::Rect:
    case Kind::Circle:
    case Kind::Ellipse:
    case Kind::Line:
    case Kind::Polyline:
    case Kind::Polygon: {
        if (name == transformRule.name)
            return transformRule;
        std::optional<AttributeRule> r;
        if (kind == Kind::Path)
            r = geometry({{QLatin1StringView("d"), ValueType::PathData, false}});
        else if (kind == Kind::Rect)
            r = geometry({x,
                          y,
                          {QLatin1StringView("width"), ValueType::NonNegativeLength, false},
                          {QLatin1StringView("height"), ValueType::NonNegativeLength, false},
                          {QLatin1StringView("rx"), ValueType::NonNegativeLength, false},
                          {QLatin1StringView("ry"), ValueType::NonNegativeLength, false}});
        else if (kind == Kind::Circle)
            r = geometry({{QLatin1StringView("cx"), ValueType::Length, false},
                          {QLatin1StringView("cy"), ValueType::Length, false},
                          {QLatin1StringView("r"), ValueType::NonNegativeLength, false}});
        else if (kind == Kind::Ellipse)
            r = geometry({{QLatin1StringView("cx"), ValueType::Length, false},
                          {QLatin1StringView("cy"), ValueType::Length, false},
                          {QLatin1StringView("rx"), ValueType::NonNegativeLength, false},
                          {QLatin1StringView("ry"), ValueType::NonNegativeLength, false}});
        else if (kind == Kind::Line)
            r = geometry({{QLatin1StringView("x1"), ValueType::Length, false},
                          {QLatin1StringView("y1"), ValueType::Length, false},
                          {QLatin1StringView("x2"), ValueType::Length, false},
                          {QLatin1StringView("y2"), ValueType::Length, false}});
        else
            r = geometry({{QLatin1StringView("points"), ValueType::Points, false}});
        if (r)
            return r;
        return presentation();
    }
    case Kind::LinearGradient:
        return geometry({{QLatin1StringView("x1"), ValueType::Length, false},
                         {QLatin1StringView("y1"), ValueType::Length, false},
                         {QLatin1StringView("x2"), ValueType::Length, false},
                         {QLatin1StringView("y2"), ValueType::Length, false},
                         {QLatin1StringView("gradientUnits"), ValueType::GradientUnits, false},
                         {QLatin1StringView("gradientTransform"), ValueType::Transform, false},
                         {QLatin1StringView("spreadMethod"), ValueType::SpreadMethod, false}});
    case Kind::RadialGradient:
        return geometry({{QLatin1StringView("cx"), ValueType::Length, false},
                         {QLatin1StringView("cy"), ValueType::Length, false},
                         {QLatin1StringView("r"), ValueType::PositiveLength, false},
                         {QLatin1StringView("fx"), ValueType::Length, false},
                         {QLatin1StringView("fy"), ValueType::Length, false},
                         {QLatin1StringView("gradientUnits"), ValueType::GradientUnits, false},
                         {QLatin1StringView("gradientTransform"), ValueType::Transform, false},
                         {QLatin1StringView("spreadMethod"), ValueType::SpreadMethod, false}});
    case Kind::Stop:
        return geometry({{QLatin1StringView("offset"), ValueType::Offset, false},
                         {QLatin1StringView("stop-color"), ValueType::Color, true},
                         {QLatin1StringView("stop-opacity"), ValueType::Opacity, true}});
    case Kind::Defs:
    case Kind::Title:
    case Kind::Desc:
        return std::nullopt;
    }
    return std::nullopt;
}

bool oneOf(QStringView value, std::initializer_list<const char *> keywords)
{
    for (const char *k : keywords) {
        if (value == QLatin1StringView(k))
            return true;
    }
    return false;
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

// Returns the value to write (trimmed, path data cut at its first error) or nullopt to drop the attribute.
// *refId receives the id of a url(#id) paint.
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

// ---- CSS subset: style="" declarations and ".class { … }" rules
// --------------------------------------------

using Declarations = QList<std::pair<QString, QString>>;

QString stripCssComments(QStringView css)
{
    QString out;
    out.reserve(css.size());
    qsizetype pos = 0;
    while (pos < css.size()) {
        const qsizetype open = css.indexOf(QLatin1StringView("/*"), pos);
        if (open < 0) {
            out += css.mid(pos);
            break;
        }
        out += css.mid(pos, open - pos);
        const qsizetype close = css.indexOf(QLatin1StringView("*/"), open + 2);
        if (close < 0)
            break; // an unterminated comment swallows the rest
        out += u' ';
        pos = close + 2;
    }
    return out;
}

Declarations parseDeclarations(QStringView css)
{
    Declarations result;
    const QString text = stripCssComments(css);
    for (QStringView decl : QStringView(text).split(u';')) {
        const qsizetype colon = decl.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString name = decl.first(colon).trimmed().toString().toLower();
        QStringView value = decl.mid(colon + 1).trimmed();
        if (value.endsWith(QLatin1StringView("!important"), Qt::CaseInsensitive))
            value = value.chopped(10).trimmed();
        result.append({name, value.toString()});
    }
    return result;
}

struct ClassRule
{
    QString className;
    Declarations declarations;
};

// Only plain class selectors are understood; at-rules, other selectors and anything nested are ignored.
QList<ClassRule> parseStyleSheet(QStringView css)
{
    QList<ClassRule> rules;
    const QString text = stripCssComments(css);
    if (text.contains(u'@') || text.contains(u'\\'))
        return rules;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(u'}', open + 1);
        if (close < 0)
            break;
        const QStringView body = QStringView(text).mid(open + 1, close - open - 1);
        if (body.contains(u'{'))
            break;
        const Declarations declarations = parseDeclarations(body);
        for (QStringView selector : QStringView(text).mid(pos, open - pos).split(u',')) {
            selector = selector.trimmed();
            if (selector.size() > 1 && selector.front() == u'.' && SvgSyntax::isValidId(selector.mid(1)))
                rules.append({selector.mid(1).toString(), declarations});
        }
        pos = close + 1;
    }
    return rules;
}

// ---- model ------------------------------------------------------------------------------------------------

struct OutAttribute
{
    QLatin1StringView name; // an AttributeRule's name: static text
    QString value;
    QString refTarget; // base id of a url(#…) paint; the value is rebuilt with the scoped id on output
    QString fallback;  // paint fallback after url(#…)
};

struct Node
{
    Kind kind = Kind::G;
    int parent = -1;
    bool inDefs = false;
    QList<int> children;
    // Attributes on this element's allow-list, values still to be validated. Looked up while parsing,
    // so nothing is copied of the many attributes that are dropped (editor metadata, events, …).
    QList<std::pair<AttributeRule, QString>> attributes;
    QString id;
    QString classes;
    QString style;
    QString href;
    QString text;
    QString baseId;
    int hrefTarget = -1;
    QList<OutAttribute> out;
};

// Title/desc text is kept for accessibility, without anything that reads like a URL or markup.
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

// An id that re-enters the sanitiser keeps its base: "edge_1a2b3c4d" scopes to "edge_<scope>", not
// "edge_1a2b3c4d_<scope>".
QString baseOf(const QString &rawId)
{
    static const QRegularExpression scoped(QStringLiteral("^(.+)_[0-9a-f]{8}$"));
    QString id = rawId.trimmed();
    if (const auto m = scoped.match(id); m.hasMatch())
        id = m.captured(1);
    QString cleaned;
    cleaned.reserve(id.size() + 1);
    for (QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                        c == u'_' || c == u'-';
        cleaned += ok ? c : u'_';
    }
    if (cleaned.isEmpty() || !(cleaned.front().isLetter() || cleaned.front() == u'_'))
        cleaned.prepend(u'_');
    return cleaned.left(100);
}

qint64 utf8Size(QStringView text)
{
    qint64 size = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80)
            size += 1;
        else if (c < 0x800)
            size += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                 QChar::isLowSurrogate(text[i + 1].unicode())) {
            size += 4;
            ++i;
        } else
            size += 3;
    }
    return size;
}

// QXmlStreamReader checks attributes for duplicates pairwise, so one element with tens of thousands of
// attributes costs seconds. Count them on the raw text first (attributes are the '=' outside quotes inside a
// tag; comments, CDATA sections, PIs and declarations are skipped).
int maxAttributesPerTag(QStringView text)
{
    int most = 0;
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto skipPast = [&](QLatin1StringView end) {
        const qsizetype at = text.indexOf(end, i);
        i = at < 0 ? n : at + end.size();
    };
    while (i < n) {
        if (text[i] != u'<') {
            ++i;
            continue;
        }
        const QStringView rest = text.mid(i);
        if (rest.startsWith(QLatin1StringView("<!--"))) {
            skipPast(QLatin1StringView("-->"));
        } else if (rest.startsWith(QLatin1StringView("<![CDATA["))) {
            skipPast(QLatin1StringView("]]>"));
        } else if (rest.startsWith(QLatin1StringView("<?"))) {
            skipPast(QLatin1StringView("?>"));
        } else if (rest.startsWith(QLatin1StringView("<!"))) {
            skipPast(QLatin1StringView(">"));
        } else {
            int count = 0;
            QChar quote;
            for (++i; i < n; ++i) {
                const QChar c = text[i];
                if (!quote.isNull()) {
                    if (c == quote)
                        quote = QChar();
                } else if (c == u'"' || c == u'\'') {
                    quote = c;
                } else if (c == u'=') {
                    ++count;
                } else if (c == u'>' || c == u'<') {
                    break;
                }
            }
            most = std::max(most, count);
        }
    }
    return most;
}

class Sanitizer
{
public:
    Sanitizer(const SvgSanitizeLimits &limits)
        : m_limits(limits)
    {}

    SvgSanitizeResult run(const QString &input, const QString &seed);

private:
    bool parse(QStringView text);
    void resolveIds();
    void resolveAttributes();
    void resolveGradientLinks();
    bool checkRoot();
    // The output without id scopes, and where each id's scope goes.
    struct Serialized
    {
        QString text;
        QList<qsizetype> scopeAt;
        QString withScope(const QString &scope) const;
    };
    Serialized serialize() const;
    void writeNode(QString &out, QList<qsizetype> &scopeAt, int index) const;
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    const SvgSanitizeLimits &m_limits;
    QList<Node> m_nodes;
    QString m_css;
    QHash<QString, int> m_idToNode; // raw id as written in the input → node
    QString m_error;
    bool m_usesXlink = false;
    qsizetype m_outputEstimate = 1024; // the input's size: the output is rarely larger
};

bool Sanitizer::parse(QStringView text)
{
    QXmlStreamReader reader(text.toString());
    // Each stack entry: index of a kept node, -1 for a dropped subtree, -2 for a <style> whose text is
    // collected.
    QList<int> stack;
    int elements = 0;
    bool sawRoot = false;
    bool rootHasNamespace = false;

    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartDocument: {
            const QStringView encoding = reader.documentEncoding();
            if (!encoding.isEmpty() &&
                encoding.compare(QLatin1StringView("UTF-8"), Qt::CaseInsensitive) != 0 &&
                encoding.compare(QLatin1StringView("UTF8"), Qt::CaseInsensitive) != 0)
                return fail(QStringLiteral(
                    "The SVG declares a character encoding other than UTF-8, which is not accepted."));
            break;
        }
        case QXmlStreamReader::DTD:
            return fail(QStringLiteral("The SVG contains a DOCTYPE declaration, which is not allowed."));
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("The SVG uses an entity reference, which is not allowed."));
        case QXmlStreamReader::ProcessingInstruction:
            return fail(QStringLiteral("The SVG contains a processing instruction, which is not allowed."));
        case QXmlStreamReader::StartElement: {
            if (++elements > m_limits.maxElements)
                return fail(QStringLiteral("The SVG has more than %1 elements.").arg(m_limits.maxElements));
            if (stack.size() + 1 > m_limits.maxDepth)
                return fail(
                    QStringLiteral("The SVG is nested more than %1 levels deep.").arg(m_limits.maxDepth));
            const QXmlStreamAttributes attributes = reader.attributes();
            for (const QXmlStreamAttribute &a : attributes) {
                const QStringView value = a.value();
                if (value.size() > m_limits.maxAttributeBytes ||
                    (value.size() * 3 > m_limits.maxAttributeBytes &&
                     utf8Size(value) > m_limits.maxAttributeBytes))
                    return fail(QStringLiteral("An attribute value in the SVG is longer than %1 KiB.")
                                    .arg(m_limits.maxAttributeBytes / 1024));
            }

            const QStringView ns = reader.namespaceUri();
            const QStringView name = reader.name();
            if (!sawRoot) {
                sawRoot = true;
                if (name != QLatin1StringView("svg"))
                    return fail(QStringLiteral("The document's root element must be <svg>."));
                if (!ns.isEmpty() && ns != svgNamespace)
                    return fail(QStringLiteral("The root <svg> element is not in the SVG namespace."));
                rootHasNamespace = !ns.isEmpty();
            }
            const bool svgElement = ns == svgNamespace || (ns.isEmpty() && !rootHasNamespace);
            if (!svgElement && !isEditorNamespace(ns))
                return fail(QStringLiteral(
                    "The SVG contains elements outside the SVG namespace, which is not allowed."));

            const int parent = stack.isEmpty() ? -1 : stack.last();
            if (!stack.isEmpty() && parent < 0) {
                stack.append(-1); // inside a dropped subtree (namespaces were still checked above)
                break;
            }
            const auto kind = svgElement ? kindOf(name) : std::nullopt;
            if (svgElement && name == QLatin1StringView("style") && parent >= 0) {
                const QStringView type = attributes.value(QLatin1StringView("type"));
                stack.append(type.isEmpty() || type.trimmed() == QLatin1StringView("text/css") ? -2 : -1);
                break;
            }
            const bool keep =
                kind && (stack.isEmpty() ? *kind == Kind::Svg : allowedChild(m_nodes[parent].kind, *kind));
            if (!keep) {
                stack.append(-1);
                break;
            }

            Node node;
            node.kind = *kind;
            node.parent = parent;
            node.inDefs = parent >= 0 && (m_nodes[parent].inDefs || m_nodes[parent].kind == Kind::Defs);
            for (const QXmlStreamAttribute &a : attributes) {
                const QStringView attributeNs = a.namespaceUri();
                const QStringView attributeName = a.name();
                if (attributeNs.isEmpty()) {
                    if (attributeName == QLatin1StringView("id"))
                        node.id = a.value().toString();
                    else if (attributeName == QLatin1StringView("class"))
                        node.classes = a.value().toString();
                    else if (attributeName == QLatin1StringView("style"))
                        node.style = a.value().toString();
                    else if (attributeName == QLatin1StringView("href"))
                        node.href = a.value().toString();
                    else if (const auto rule = ruleFor(node.kind, attributeName))
                        node.attributes.append({*rule, a.value().toString()});
                } else if (attributeNs == xlinkNamespace && attributeName == QLatin1StringView("href")) {
                    node.href = a.value().toString();
                }
                // Every other namespaced attribute (xml:space, xml:base, inkscape:*, ev:*, …) is dropped.
            }
            const int index = int(m_nodes.size());
            m_nodes.append(std::move(node));
            if (parent >= 0)
                m_nodes[parent].children.append(index);
            stack.append(index);
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        case QXmlStreamReader::Characters:
            if (!stack.isEmpty()) {
                const int top = stack.last();
                if (top == -2 && m_css.size() < 64 * 1024)
                    m_css += reader.text();
                else if (top >= 0 && (m_nodes[top].kind == Kind::Title || m_nodes[top].kind == Kind::Desc) &&
                         m_nodes[top].text.size() < 4096)
                    m_nodes[top].text += reader.text();
            }
            break;
        case QXmlStreamReader::Comment:
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::NoToken:
        case QXmlStreamReader::Invalid:
            break;
        }
    }
    if (reader.hasError()) {
        QString detail = reader.errorString().trimmed();
        if (!detail.endsWith(u'.'))
            detail += u'.';
        return fail(QStringLiteral("The SVG is not well-formed XML (line %1): %2")
                        .arg(reader.lineNumber())
                        .arg(detail));
    }
    if (!sawRoot)
        return fail(QStringLiteral("The document's root element must be <svg>."));
    return true;
}

void Sanitizer::resolveIds()
{
    QSet<QString> used;
    for (int i = 0; i < m_nodes.size(); ++i) {
        Node &node = m_nodes[i];
        const QString raw = node.id.trimmed();
        if (raw.isEmpty() || m_idToNode.contains(raw))
            continue; // the first element with an id wins, as in browsers
        QString base = baseOf(raw);
        if (used.contains(base)) {
            const QString stem = base;
            for (int n = 2; used.contains(base); ++n)
                base = stem + u'_' + QString::number(n);
        }
        used.insert(base);
        node.baseId = base;
        m_idToNode.insert(raw, i);
    }
}

void Sanitizer::resolveAttributes()
{
    const QList<ClassRule> classRules = parseStyleSheet(m_css);
    for (Node &node : m_nodes) {
        node.out.reserve(node.attributes.size());
        const auto set = [&](const AttributeRule &rule, const QString &value) {
            QString refId;
            auto valid = validate(rule.type, value, &refId);
            if (!valid)
                return;
            OutAttribute attribute{rule.name, std::move(*valid), {}, {}};
            if (!refId.isNull()) {
                // url(#id) only to a gradient of this document; otherwise fall back to the given colour, or
                // drop.
                const int target = m_idToNode.value(refId, -1);
                const qsizetype close = attribute.value.indexOf(u')');
                const QString fallback = attribute.value.mid(close + 1).trimmed();
                if (target >= 0 && isGradient(m_nodes[target].kind)) {
                    attribute.refTarget = m_nodes[target].baseId;
                    attribute.fallback = fallback;
                } else if (!fallback.isEmpty()) {
                    attribute.value = fallback;
                } else {
                    return;
                }
            }
            for (OutAttribute &existing : node.out) {
                if (existing.name == attribute.name) {
                    existing = std::move(attribute);
                    return;
                }
            }
            node.out.append(std::move(attribute));
        };

        for (const auto &[rule, value] : node.attributes)
            set(rule, value);
        const auto applyDeclarations = [&](const Declarations &declarations) {
            for (const auto &[name, value] : declarations) {
                if (const auto rule = ruleFor(node.kind, name); rule && rule->presentation)
                    set(*rule, value);
            }
        };
        if (!node.classes.isEmpty() && !classRules.isEmpty()) {
            const QStringList classes = node.classes.simplified().split(u' ', Qt::SkipEmptyParts);
            for (const ClassRule &rule : classRules) {
                if (classes.contains(rule.className))
                    applyDeclarations(rule.declarations);
            }
        }
        if (!node.style.isEmpty())
            applyDeclarations(parseDeclarations(node.style));

        if (node.kind == Kind::Title || node.kind == Kind::Desc)
            node.text = cleanText(node.text);
    }
}

// A gradient may inherit stops and attributes from another gradient of the same document (the Inkscape
// pattern). Anything but a local #id, a non-gradient target or a cycle drops the link.
void Sanitizer::resolveGradientLinks()
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        Node &node = m_nodes[i];
        if (!isGradient(node.kind))
            continue;
        const QString href = node.href.trimmed();
        if (!href.startsWith(u'#'))
            continue;
        const int target = m_idToNode.value(href.mid(1), -1);
        if (target < 0 || target == i || !isGradient(m_nodes[target].kind))
            continue;
        node.hrefTarget = target;
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        int steps = 0;
        for (int at = m_nodes[i].hrefTarget; at >= 0; at = m_nodes[at].hrefTarget) {
            if (at == i || ++steps > 16) {
                m_nodes[i].hrefTarget = -1;
                break;
            }
        }
        if (m_nodes[i].hrefTarget >= 0)
            m_usesXlink = true;
    }

    // QtSvg 6.4 refuses a radialGradient without a positive r (it has no default and does not look at the
    // gradient it inherits from), so write the inherited r or the SVG default 50% explicitly.
    const auto radius = [this](int index) -> const OutAttribute * {
        for (const OutAttribute &a : m_nodes[index].out) {
            if (a.name == QLatin1StringView("r"))
                return &a;
        }
        return nullptr;
    };
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].kind != Kind::RadialGradient || radius(i))
            continue;
        QString inherited = QStringLiteral("50%");
        for (int at = m_nodes[i].hrefTarget; at >= 0; at = m_nodes[at].hrefTarget) {
            if (m_nodes[at].kind != Kind::RadialGradient)
                continue;
            if (const OutAttribute *r = radius(at)) {
                inherited = r->value;
                break;
            }
        }
        m_nodes[i].out.append({QLatin1StringView("r"), inherited, {}, {}});
    }
}

bool Sanitizer::checkRoot()
{
    const Node &root = m_nodes.first();
    for (const auto &[rule, value] : root.attributes) {
        const QLatin1StringView name = rule.name;
        if ((name == QLatin1StringView("width") || name == QLatin1StringView("height")) &&
            !isViewportLength(value))
            return fail(
                QStringLiteral("The SVG's %1 must be a finite number greater than 0 and at most 4096.")
                    .arg(name));
        if (name == QLatin1StringView("viewBox") && !isViewBox(value))
            return fail(QStringLiteral(
                "The SVG's viewBox must be four finite numbers with a width and height greater "
                "than 0 and at most 4096."));
    }
    bool drawable = false;
    for (const Node &node : m_nodes)
        drawable = drawable || (isShape(node.kind) && !node.inDefs);
    if (!drawable)
        return fail(QStringLiteral("The SVG contains no drawable shapes."));
    return true;
}

// The output is written directly rather than through QXmlStreamWriter, which spent more time than
// the parse (bench/README.md, the sanitiser's profile). It is the same text QXmlStreamWriter wrote:
// `<`, `>`, `&` and `"` escaped everywhere, tab, LF and CR as character references in attribute
// values (so they read back as written), `<x/>` for an element without content, no declaration.
void appendEscaped(QString &out, QStringView value, bool attribute)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        QLatin1StringView replacement;
        switch (value[i].unicode()) {
        case u'<':
            replacement = QLatin1StringView("&lt;");
            break;
        case u'>':
            replacement = QLatin1StringView("&gt;");
            break;
        case u'&':
            replacement = QLatin1StringView("&amp;");
            break;
        case u'"':
            replacement = QLatin1StringView("&quot;");
            break;
        case u'\t':
            replacement = QLatin1StringView(attribute ? "&#9;" : "");
            break;
        case u'\n':
            replacement = QLatin1StringView(attribute ? "&#10;" : "");
            break;
        case u'\r':
            replacement = QLatin1StringView(attribute ? "&#13;" : "");
            break;
        default:
            continue;
        }
        if (replacement.isEmpty())
            continue;
        out.append(value.mid(start, i - start));
        out.append(replacement);
        start = i + 1;
    }
    out.append(value.mid(start));
}

template<typename Name> // QLatin1StringView or QStringView
void appendAttribute(QString &out, Name name, QStringView value)
{
    out.append(u' ');
    out.append(name);
    out.append(QLatin1StringView("=\""));
    appendEscaped(out, value, true);
    out.append(u'"');
}

bool writesNothing(const Node &node)
{
    return (node.kind == Kind::Title || node.kind == Kind::Desc) && node.text.isEmpty();
}

void Sanitizer::writeNode(QString &out, QList<qsizetype> &scopeAt, int index) const
{
    const Node &node = m_nodes[index];
    if (writesNothing(node))
        return;
    // An id (or a reference to one) is written without its scope; where the scope goes is noted.
    const auto idAttribute = [&](QLatin1StringView name, QStringView prefix, const QString &base,
                                 QStringView suffix = {}) {
        out.append(u' ');
        out.append(name);
        out.append(QLatin1StringView("=\""));
        appendEscaped(out, prefix, true);
        appendEscaped(out, base, true);
        scopeAt.append(out.size());
        appendEscaped(out, suffix, true);
        out.append(u'"');
    };

    const QLatin1StringView name = nameOf(node.kind);
    out.append(u'<');
    out.append(name);
    if (node.kind == Kind::Svg) {
        appendAttribute(out, QLatin1StringView("xmlns"), svgNamespace);
        if (m_usesXlink)
            appendAttribute(out, QLatin1StringView("xmlns:xlink"), xlinkNamespace);
    }
    if (!node.baseId.isEmpty())
        idAttribute(QLatin1StringView("id"), {}, node.baseId);
    if (node.hrefTarget >= 0)
        idAttribute(QLatin1StringView("xlink:href"), u"#", m_nodes[node.hrefTarget].baseId);
    for (const OutAttribute &a : node.out) {
        if (a.refTarget.isEmpty())
            appendAttribute(out, a.name, a.value);
        else if (a.fallback.isEmpty())
            idAttribute(a.name, u"url(#", a.refTarget, u")");
        else
            idAttribute(a.name, u"url(#", a.refTarget, QStringLiteral(") ") + a.fallback);
    }
    const bool hasContent =
        !node.text.isEmpty() || std::any_of(node.children.cbegin(), node.children.cend(),
                                            [this](int child) { return !writesNothing(m_nodes[child]); });
    if (!hasContent) {
        out.append(QLatin1StringView("/>"));
        return;
    }
    out.append(u'>');
    appendEscaped(out, node.text, false);
    for (int child : node.children)
        writeNode(out, scopeAt, child);
    out.append(QLatin1StringView("</"));
    out.append(name);
    out.append(u'>');
}

Sanitizer::Serialized Sanitizer::serialize() const
{
    Serialized s;
    s.text.reserve(m_outputEstimate);
    writeNode(s.text, s.scopeAt, 0);
    return s;
}

QString Sanitizer::Serialized::withScope(const QString &scope) const
{
    if (scopeAt.isEmpty())
        return text;
    QString out;
    out.reserve(text.size() + scopeAt.size() * (scope.size() + 1));
    qsizetype from = 0;
    for (const qsizetype at : scopeAt) {
        out.append(QStringView(text).mid(from, at - from));
        out.append(u'_');
        out.append(scope);
        from = at;
    }
    out.append(QStringView(text).mid(from));
    return out;
}

SvgSanitizeResult Sanitizer::run(const QString &input, const QString &seed)
{
    SvgSanitizeResult result;
    const qint64 limitKiB = m_limits.maxBytes / 1024;
    if (input.size() > m_limits.maxBytes ||
        (input.size() * 3 > m_limits.maxBytes && utf8Size(input) > m_limits.maxBytes)) {
        result.error = QStringLiteral("The SVG is larger than %1 KiB.").arg(limitKiB);
        return result;
    }
    m_outputEstimate = qMax<qsizetype>(1024, input.size());
    QStringView text(input);
    // A byte-order mark and leading whitespace are harmless but would make the XML declaration illegal.
    while (!text.isEmpty() && (text.front() == QChar(0xFEFF) || text.front().isSpace()))
        text = text.mid(1);
    if (text.isEmpty()) {
        result.error = QStringLiteral("The SVG is empty.");
        return result;
    }
    if (maxAttributesPerTag(text) > m_limits.maxAttributesPerElement) {
        result.error = QStringLiteral("An element in the SVG has more than %1 attributes.")
                           .arg(m_limits.maxAttributesPerElement);
        return result;
    }
    if (!parse(text) || m_nodes.isEmpty()) {
        result.error =
            m_error.isEmpty() ? QStringLiteral("The document's root element must be <svg>.") : m_error;
        return result;
    }
    resolveIds();
    resolveAttributes();
    resolveGradientLinks();
    if (!checkRoot()) {
        result.error = m_error;
        return result;
    }

    // Ids get a scope suffix: derived from the seed, or else from the unscoped serialisation, which
    // is the same for x and sanitize(x), so the derived scope is too.
    const Serialized plain = serialize();
    if (plain.scopeAt.isEmpty())
        result.svg = plain.text;
    else
        result.svg = plain.withScope(SvgSanitizer::deriveScope(seed.isEmpty() ? plain.text : seed));
    // Folding a <style> rule into every element it matches can make the output larger than the
    // input; an output over the limit would be refused when sanitised again, so it is refused now.
    if (result.svg.size() * 3 > m_limits.maxBytes && utf8Size(result.svg) > m_limits.maxBytes) {
        result.svg.clear();
        result.error =
            QStringLiteral("The SVG is larger than %1 KiB once its styles are applied.").arg(limitKiB);
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace

SvgSanitizeResult SvgSanitizer::sanitize(const QString &input, const QString &scopeSeed,
                                         const SvgSanitizeLimits &limits)
{
    return Sanitizer(limits).run(input, scopeSeed);
}

QString SvgSanitizer::deriveScope(const QString &seed)
{
    quint32 h = 0; // arithmetic modulo 2^32 == 16^8
    // Over code points as QString::toUcs4() yields them (an unpaired surrogate counts as U+FFFD),
    // without allocating that list: the seed is often the whole serialised document.
    const qsizetype n = seed.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = seed[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && seed[i + 1].isLowSurrogate())
            cp = QChar::surrogateToUcs4(char16_t(cp), seed[++i].unicode());
        else if (QChar::isSurrogate(cp))
            cp = QChar::ReplacementCharacter;
        h = h * 31u + quint32(cp);
    }
    return QString::number(h, 16).rightJustified(8, u'0');
}
