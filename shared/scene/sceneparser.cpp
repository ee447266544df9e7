#include "scene/sceneparser.h"

#include "scene/scenereader.h"

#include "svg/svgpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace scene {

QStringList SceneParseResult::messages() const
{
    QStringList out;
    for (const SceneError &e : errors)
        out << e.toString();
    return out;
}

namespace {

// Not a scene enum (it is the design system's), so its table is kept here, next to its only reader.
constexpr EnumName<ToolType> toolTypeNames[] = {
    {"drawing", ToolType::Drawing},
    {"analysis", ToolType::Analysis},
    {"modification", ToolType::Modification},
};

} // namespace

namespace detail {

QList<SceneElement> Reader::elements(const QJsonValue &v, const QString &path, int depth)
{
    if (!v.isArray()) {
        fail(path,
             v.isUndefined() ? QStringLiteral("is required") : QStringLiteral("must be a list of elements"));
        return {};
    }
    const QJsonArray a = v.toArray();
    QList<SceneElement> out;
    for (qsizetype i = 0; i < a.size() && !full(); ++i) {
        const QString p = item(path, i);
        if (++elementCount > limits::maxElements) {
            fail(p, QStringLiteral("the scene holds more than %1 elements").arg(limits::maxElements));
            break;
        }
        if (!a.at(i).isObject()) {
            fail(p, QStringLiteral("must be an object"));
            continue;
        }
        out << element(a.at(i).toObject(), p, depth);
    }
    return out;
}

Transform2d Reader::transform(const QJsonValue &v, const QString &path)
{
    Transform2d t;
    if (v.isUndefined())
        return t;
    if (!v.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return t;
    }
    const QJsonObject o = v.toObject();
    onlyKeys(o, path, {"origin", "mirror", "scale", "rotate", "translate", "fit"});
    t.origin = point(o, path, "origin", QPointF(16, 16));
    if (o.contains(QLatin1String("mirror"))) {
        const QString m = o.value(QLatin1String("mirror")).toString();
        t.mirrorX = m == QLatin1String("x") || m == QLatin1String("xy");
        t.mirrorY = m == QLatin1String("y") || m == QLatin1String("xy");
        if (!t.mirrorX && !t.mirrorY)
            fail(at(path, "mirror"), QStringLiteral("must be \"x\", \"y\" or \"xy\""));
    }
    const QJsonValue s = o.value(QLatin1String("scale"));
    if (s.isArray()) {
        const QPointF p = point(s, at(path, "scale"));
        t.scale = p;
    } else if (!s.isUndefined()) {
        const double k = numberValue(s, at(path, "scale"), -100, 100);
        t.scale = {k, k};
    }
    if (std::abs(t.scale.x()) < 0.01 || std::abs(t.scale.y()) < 0.01) {
        fail(at(path, "scale"), QStringLiteral("must not be (near) zero"));
        t.scale = {1, 1};
    }
    if (std::abs(t.scale.x()) > 100 || std::abs(t.scale.y()) > 100)
        fail(at(path, "scale"), QStringLiteral("must be from -100 to 100"));
    t.rotate = number(o, path, "rotate", -3600, 3600, 0.0);
    t.translate = point(o, path, "translate", QPointF());
    if (o.contains(QLatin1String("fit")))
        t.fit = rect(o.value(QLatin1String("fit")), at(path, "fit"));
    return t;
}

SceneElement Reader::element(const QJsonObject &o, const QString &path, int depth)
{
    SceneElement e;
    e.type = choice<ElementType>(o, path, "type", elementTypeNames, std::nullopt);
    const QJsonValue typeValue = o.value(QLatin1String("type"));
    if (!typeValue.isString())
        return e;
    const double m = kMax;
    switch (e.type) {
    case ElementType::Line:
        onlyKeys(o, path, {"type", "layer", "from", "to"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.points = {point(o, path, "from"), point(o, path, "to")};
        break;
    case ElementType::Polyline:
    case ElementType::Polygon:
        onlyKeys(o, path, {"type", "layer", "points"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.points =
            points(o, path, "points", e.type == ElementType::Polygon ? 3 : 2, limits::maxPointsPerElement);
        break;
    case ElementType::Curve:
        onlyKeys(o, path, {"type", "layer", "points", "closed"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.points = points(o, path, "points", 2, 128);
        e.closed = boolean(o, path, "closed", false);
        break;
    case ElementType::Arc:
        onlyKeys(o, path, {"type", "layer", "center", "radius", "start", "sweep"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.center = point(o, path, "center");
        e.radius = number(o, path, "radius", 0.01, m);
        e.start = number(o, path, "start", -3600, 3600);
        e.sweep = number(o, path, "sweep", -360, 360);
        break;
    case ElementType::Circle:
        onlyKeys(o, path, {"type", "layer", "center", "radius"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.center = point(o, path, "center");
        e.radius = number(o, path, "radius", 0.01, m);
        break;
    case ElementType::Ellipse:
        onlyKeys(o, path, {"type", "layer", "center", "rx", "ry", "rotation"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.center = point(o, path, "center");
        e.rx = number(o, path, "rx", 0.01, m);
        e.ry = number(o, path, "ry", 0.01, m);
        e.rotation = number(o, path, "rotation", -3600, 3600, 0.0);
        break;
    case ElementType::Path: {
        onlyKeys(o, path, {"type", "layer", "d"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.pathData = string(o, path, "d", limits::maxPathChars, true);
        const SvgPathParseResult parsed = SvgPath::parse(e.pathData);
        if (!e.pathData.isEmpty() && !parsed.ok)
            fail(at(path, "d"), QStringLiteral("is not valid path data (%1)").arg(parsed.error));
        else if (parsed.segments.size() > limits::maxPathSegments)
            fail(at(path, "d"), QStringLiteral("must have at most %1 segments").arg(limits::maxPathSegments));
        for (const SvgPathSegment &s : parsed.segments) {
            for (const QPointF &p : {s.start, s.end, s.c1, s.c2}) {
                if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || std::abs(p.x()) > m ||
                    std::abs(p.y()) > m) {
                    fail(at(path, "d"), QStringLiteral("has coordinates beyond ±%1").arg(m));
                    return e;
                }
            }
            if (s.type == SvgPathSegment::Type::Arc && (s.rx > m || s.ry > m))
                fail(at(path, "d"), QStringLiteral("has arc radii beyond %1").arg(m));
        }
        pointCount += int(parsed.segments.size());
        break;
    }
    case ElementType::Grip:
        onlyKeys(o, path, {"type", "at"});
        e.layer = IconLayer::Grips;
        e.at = point(o, path, "at");
        break;
    case ElementType::Arrow:
        e.layer = strokeLayer(o, path, std::nullopt);
        e.heads = heads(o, path);
        if (o.contains(QLatin1String("center"))) {
            onlyKeys(o, path, {"type", "layer", "heads", "center", "radius", "start", "sweep"});
            e.center = point(o, path, "center");
            e.radius = number(o, path, "radius", 0.01, m);
            e.start = number(o, path, "start", -3600, 3600);
            e.sweep = number(o, path, "sweep", -360, 360);
            if (e.sweep == 0)
                fail(at(path, "sweep"), QStringLiteral("must not be 0"));
        } else if (o.contains(QLatin1String("points"))) {
            onlyKeys(o, path, {"type", "layer", "heads", "points"});
            e.points = points(o, path, "points", 2, 64);
        } else {
            onlyKeys(o, path, {"type", "layer", "heads", "from", "to"});
            e.points = {point(o, path, "from"), point(o, path, "to")};
        }
        break;
    case ElementType::Dimension:
        e.layer = strokeLayer(o, path, std::nullopt);
        e.dimension = choice<DimensionKind>(o, path, "kind", dimensionNames, std::nullopt);
        if (e.dimension == DimensionKind::Linear) {
            onlyKeys(o, path, {"type", "layer", "kind", "from", "to", "offset"});
            e.points = {point(o, path, "from"), point(o, path, "to")};
            e.offset = number(o, path, "offset", -m, m, 0.0);
        } else if (e.dimension == DimensionKind::Angular) {
            onlyKeys(o, path, {"type", "layer", "kind", "center", "radius", "start", "sweep"});
            e.center = point(o, path, "center");
            e.radius = number(o, path, "radius", 0.01, m);
            e.start = number(o, path, "start", -3600, 3600);
            e.sweep = number(o, path, "sweep", -360, 360);
        } else {
            onlyKeys(o, path, {"type", "layer", "kind", "center", "radius", "angle"});
            e.center = point(o, path, "center");
            e.radius = number(o, path, "radius", 0.01, m);
            e.angle = number(o, path, "angle", -3600, 3600, 45.0);
        }
        break;
    case ElementType::Hatch:
        onlyKeys(o, path, {"type", "layer", "points", "angle", "spacing", "outline"});
        e.layer = strokeLayer(o, path, std::nullopt);
        e.points = points(o, path, "points", 3, 64);
        e.angle = number(o, path, "angle", -3600, 3600, 45.0);
        e.spacing = number(o, path, "spacing", 0.75, m, 2.0);
        e.outline = boolean(o, path, "outline", true);
        break;
    case ElementType::Group:
        onlyKeys(o, path, {"type", "layer", "transform", "elements"});
        if (o.contains(QLatin1String("layer")))
            e.layerOverride = strokeLayer(o, path, std::nullopt);
        e.transform = transform(o.value(QLatin1String("transform")), at(path, "transform"));
        if (depth >= limits::maxGroupDepth) {
            fail(at(path, "elements"),
                 QStringLiteral("groups nest deeper than %1").arg(limits::maxGroupDepth));
            break;
        }
        e.children = elements(o.value(QLatin1String("elements")), at(path, "elements"), depth + 1);
        break;
    case ElementType::View3d: {
        onlyKeys(o, path, {"type", "projection", "frame", "objects"});
        e.projection = choice<Projection>(o, path, "projection", projectionNames, Projection::Isometric);
        if (o.contains(QLatin1String("frame")))
            e.frame = rect(o.value(QLatin1String("frame")), at(path, "frame"));
        const QString op = at(path, "objects");
        const QJsonValue ov = o.value(QLatin1String("objects"));
        const QJsonArray objects = ov.toArray();
        if (!ov.isArray() || objects.isEmpty() || objects.size() > limits::maxObjects3d) {
            fail(op, QStringLiteral("must be a list of 1 to %1 objects").arg(limits::maxObjects3d));
            break;
        }
        for (qsizetype i = 0; i < objects.size() && !full(); ++i) {
            if (!objects.at(i).isObject()) {
                fail(item(op, i), QStringLiteral("must be an object"));
                continue;
            }
            e.objects << object(objects.at(i).toObject(), item(op, i));
        }
        break;
    }
    }
    return e;
}

} // namespace detail

namespace {

using detail::kMax;
using detail::Reader;

// Which stroke layers the elements use, for the tool-type rule.
void collectLayers(const QList<SceneElement> &elements, const QString &path, std::optional<IconLayer> forced,
                   QList<std::pair<QString, IconLayer>> &out)
{
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const SceneElement &e = elements.at(i);
        const QString p = Reader::item(path, i);
        if (e.type == ElementType::Group) {
            collectLayers(e.children, Reader::at(p, "elements"), e.layerOverride ? e.layerOverride : forced,
                          out);
        } else if (e.type == ElementType::View3d) {
            for (qsizetype k = 0; k < e.objects.size(); ++k) {
                const Object3d &o = e.objects.at(k);
                if (o.shape == Shape3d::Grip)
                    continue;
                const QString op = Reader::item(Reader::at(p, "objects"), k);
                out.append({op, forced && o.layer != IconLayer::Guide ? *forced : o.layer});
                if (!o.highlightFaces.isEmpty())
                    out.append({Reader::at(op, "highlight"),
                                forced && o.highlightLayer != IconLayer::Guide ? *forced : o.highlightLayer});
            }
        } else if (e.type != ElementType::Grip) {
            out.append({p, forced && e.layer != IconLayer::Guide ? *forced : e.layer});
        }
    }
}

} // namespace

namespace SceneParser {

SceneParseResult parse(const QByteArray &json)
{
    SceneParseResult result;
    if (json.size() > limits::maxJsonBytes) {
        result.errors.append(
            {QString(), QStringLiteral("The scene is larger than %1 KB.").arg(limits::maxJsonBytes / 1024)});
        return result;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        result.errors.append({QString(), error.error != QJsonParseError::NoError
                                             ? QStringLiteral("Not valid JSON at offset %1: %2.")
                                                   .arg(error.offset)
                                                   .arg(error.errorString())
                                             : QStringLiteral("The scene must be a JSON object.")});
        return result;
    }
    return fromJson(doc.object());
}

QList<SceneElement> parseElements(const QJsonArray &elements, QList<SceneError> *errors)
{
    Reader r;
    QList<SceneElement> out = r.elements(QJsonValue(elements), QStringLiteral("elements"), 0);
    if (errors)
        *errors = r.errors;
    return out;
}

SceneParseResult fromJson(const QJsonObject &o)
{
    Reader r;
    SceneParseResult result;
    Scene &s = result.scene;
    r.onlyKeys(o, QString(),
               {"format", "version", "name", "toolType", "parameters", "values", "source", "elements"});
    const QString format = r.string(o, QString(), "format", 64, false);
    if (!format.isEmpty() && format != QLatin1String(formatName))
        r.fail(QStringLiteral("format"), QStringLiteral("must be \"%1\"").arg(QLatin1String(formatName)));
    s.version = r.integer(o, QString(), "version", 1, formatVersion);
    s.name = r.string(o, QString(), "name", 120, false);
    s.toolType = r.choice<ToolType>(o, QString(), "toolType", toolTypeNames, std::nullopt);

    // Parameters and their values (the editable part of a scene).
    const QJsonValue pv = o.value(QLatin1String("parameters"));
    if (!pv.isUndefined()) {
        const QJsonArray specs = pv.toArray();
        if (!pv.isArray() || specs.size() > limits::maxParameters)
            r.fail(QStringLiteral("parameters"),
                   QStringLiteral("must be a list of at most %1 parameters").arg(limits::maxParameters));
        for (qsizetype i = 0; i < specs.size() && i < limits::maxParameters; ++i) {
            const QString p = Reader::item(QStringLiteral("parameters"), i);
            const QJsonObject spec = specs.at(i).toObject();
            r.onlyKeys(spec, p, {"name", "label", "type", "min", "max", "step", "default", "choices"});
            ParameterSpec ps;
            ps.name = r.string(spec, p, "name", 64, true);
            ps.label = r.string(spec, p, "label", 64, false);
            const auto type = ParameterSpec::typeFromName(r.string(spec, p, "type", 16, true));
            if (!type) {
                r.fail(Reader::at(p, "type"),
                       QStringLiteral("must be \"int\", \"number\", \"bool\" or \"choice\""));
                continue;
            }
            ps.type = *type;
            const QJsonValue def = spec.value(QLatin1String("default"));
            if (ps.type == ParameterSpec::Type::Int || ps.type == ParameterSpec::Type::Number) {
                ps.min = r.number(spec, p, "min", -1e6, 1e6);
                ps.max = r.number(spec, p, "max", ps.min, 1e6);
                ps.step = r.number(spec, p, "step", 1e-6, 1e6, 1.0);
                const double d = r.numberValue(def, Reader::at(p, "default"), ps.min, ps.max);
                ps.defaultValue = ps.type == ParameterSpec::Type::Int ? QVariant(int(d)) : QVariant(d);
            } else if (ps.type == ParameterSpec::Type::Bool) {
                if (!def.isBool())
                    r.fail(Reader::at(p, "default"), QStringLiteral("must be true or false"));
                ps.defaultValue = def.toBool();
            } else {
                const QJsonArray choices = spec.value(QLatin1String("choices")).toArray();
                if (choices.isEmpty() || choices.size() > 16)
                    r.fail(Reader::at(p, "choices"), QStringLiteral("must be a list of 1 to 16 strings"));
                for (const QJsonValue &c : choices)
                    ps.choices << c.toString().left(32);
                if (!ps.choices.contains(def.toString()))
                    r.fail(Reader::at(p, "default"), QStringLiteral("must be one of the choices"));
                ps.defaultValue = def.toString();
            }
            s.parameters << ps;
        }
        const QJsonObject values = o.value(QLatin1String("values")).toObject();
        for (const ParameterSpec &ps : std::as_const(s.parameters)) {
            const QString p = QStringLiteral("values.") + ps.name;
            const QJsonValue v = values.value(ps.name);
            if (v.isUndefined()) {
                s.values.insert(ps.name, ps.defaultValue);
            } else if (ps.type == ParameterSpec::Type::Bool) {
                if (!v.isBool())
                    r.fail(p, QStringLiteral("must be true or false"));
                s.values.insert(ps.name, v.toBool());
            } else if (ps.type == ParameterSpec::Type::Choice) {
                if (!ps.choices.contains(v.toString()))
                    r.fail(p, QStringLiteral("must be one of %1").arg(ps.choices.join(QStringLiteral(", "))));
                s.values.insert(ps.name, v.toString());
            } else {
                const double d = r.numberValue(v, p, ps.min, ps.max);
                if (ps.type == ParameterSpec::Type::Int && d != std::floor(d))
                    r.fail(p, QStringLiteral("must be a whole number"));
                s.values.insert(ps.name,
                                ps.type == ParameterSpec::Type::Int ? QVariant(int(d)) : QVariant(d));
            }
        }
        for (auto it = values.begin(); it != values.end(); ++it) {
            bool known = false;
            for (const ParameterSpec &ps : std::as_const(s.parameters))
                known = known || ps.name == it.key();
            if (!known)
                r.fail(QStringLiteral("values.") + it.key(),
                       QStringLiteral("is not a parameter of this scene"));
        }
    } else if (o.contains(QLatin1String("values"))) {
        r.fail(QStringLiteral("values"), QStringLiteral("needs \"parameters\""));
    }

    const QJsonValue sv = o.value(QLatin1String("source"));
    if (!sv.isUndefined()) {
        const QJsonObject so = sv.toObject();
        const QString p = QStringLiteral("source");
        r.onlyKeys(
            so, p,
            {"engine", "vocabulary", "concepts", "operation", "subject", "variant", "composition", "edits"});
        s.source.engine = r.string(so, p, "engine", 32, false);
        s.source.vocabularyVersion = r.integer(so, p, "vocabulary", 0, 1000000, 0);
        const QJsonArray concepts = so.value(QLatin1String("concepts")).toArray();
        if (concepts.size() > 4)
            r.fail(Reader::at(p, "concepts"), QStringLiteral("must hold at most 4 concept ids"));
        for (const QJsonValue &c : concepts)
            s.source.concepts << c.toString().left(64);
        s.source.operation = r.string(so, p, "operation", 64, false);
        s.source.subject = r.string(so, p, "subject", 64, false);
        s.source.variant = r.integer(so, p, "variant", 0, 2, 0);
        s.source.composition = r.string(so, p, "composition", 16, false);
        const QJsonValue ev = so.value(QLatin1String("edits"));
        if (!ev.isUndefined()) {
            const QString ep = Reader::at(p, "edits");
            if (!ev.isObject())
                r.fail(ep, QStringLiteral("must be an object"));
            const QJsonObject eo = ev.toObject();
            r.onlyKeys(eo, ep, {"mirror", "rotate", "guides", "endGrips"});
            s.source.edits.mirror = r.boolean(eo, ep, "mirror", false);
            s.source.edits.rotate = r.number(eo, ep, "rotate", -180, 180, 0.0);
            s.source.edits.hideGuides = !r.boolean(eo, ep, "guides", true);
            s.source.edits.endGrips = r.boolean(eo, ep, "endGrips", false);
        }
    }

    s.elements = r.elements(o.value(QLatin1String("elements")), QStringLiteral("elements"), 0);

    // The layers must say the tool type: a drawing shows no source geometry (Context), an analysis
    // produces no output geometry (Primary).
    if (r.errors.isEmpty()) {
        QList<std::pair<QString, IconLayer>> used;
        collectLayers(s.elements, QStringLiteral("elements"), std::nullopt, used);
        for (const auto &[path, layer] : used) {
            if (s.toolType == ToolType::Drawing && layer == IconLayer::Context)
                r.fail(path, QStringLiteral("a drawing icon has no Context layer (use guide or primary)"));
            if (s.toolType == ToolType::Analysis && layer == IconLayer::Primary)
                r.fail(path, QStringLiteral("an analysis icon has no Primary layer (use context or guide)"));
        }
    }
    result.errors = r.errors;
    return result;
}

} // namespace SceneParser

} // namespace scene
