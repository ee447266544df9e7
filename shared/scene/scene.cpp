#include "scene/scene.h"

#include "scene/scenenames.h"

#include <QJsonArray>

#include <cmath>

namespace scene {

namespace {

// Numbers are written rounded to 1/1000 so a stored scene is compact and reads back to the same
// drawing (the SVG carries 1/100).
double rounded(double v)
{
    const double r = std::round(v * 1000.0) / 1000.0;
    return r == 0 ? 0.0 : r;
}

QJsonArray point(QPointF p)
{
    return QJsonArray{rounded(p.x()), rounded(p.y())};
}

QJsonArray point3(const Vec3 &p)
{
    return QJsonArray{rounded(p.x), rounded(p.y), rounded(p.z)};
}

QJsonArray points(const QList<QPointF> &list)
{
    QJsonArray out;
    for (const QPointF &p : list)
        out.append(point(p));
    return out;
}

QJsonArray rect(const QRectF &r)
{
    return QJsonArray{rounded(r.left()), rounded(r.top()), rounded(r.right()), rounded(r.bottom())};
}

QJsonObject transformJson(const Transform2d &t)
{
    QJsonObject o;
    if (t.origin != QPointF(16, 16))
        o.insert(QStringLiteral("origin"), point(t.origin));
    if (t.mirrorX || t.mirrorY)
        o.insert(QStringLiteral("mirror"), t.mirrorX && t.mirrorY ? QStringLiteral("xy")
                                           : t.mirrorX            ? QStringLiteral("x")
                                                                  : QStringLiteral("y"));
    if (t.scale != QPointF(1, 1)) {
        if (t.scale.x() == t.scale.y())
            o.insert(QStringLiteral("scale"), rounded(t.scale.x()));
        else
            o.insert(QStringLiteral("scale"), point(t.scale));
    }
    if (t.rotate != 0)
        o.insert(QStringLiteral("rotate"), rounded(t.rotate));
    if (!t.translate.isNull())
        o.insert(QStringLiteral("translate"), point(t.translate));
    if (t.fit)
        o.insert(QStringLiteral("fit"), rect(*t.fit));
    return o;
}

QJsonObject objectJson(const Object3d &o)
{
    QJsonObject j{{QStringLiteral("shape"), shapeName(o.shape)}};
    if (o.shape != Shape3d::Grip)
        j.insert(QStringLiteral("layer"), layerKey(o.layer));
    if (!o.showHidden)
        j.insert(QStringLiteral("hidden"), false);
    if (o.position.x != 0 || o.position.y != 0 || o.position.z != 0 || o.shape == Shape3d::Grip)
        j.insert(QStringLiteral("position"), point3(o.position));
    if (o.rotation.x != 0 || o.rotation.y != 0 || o.rotation.z != 0)
        j.insert(QStringLiteral("rotation"), point3(o.rotation));
    const auto axis = [&] { j.insert(QStringLiteral("axis"), QString(QLatin1Char(o.axis))); };
    const auto profile = [&] {
        j.insert(QStringLiteral("profile"), points(o.profile));
        if (o.smooth.contains(true)) {
            QJsonArray smooth;
            for (bool s : o.smooth)
                smooth.append(s);
            j.insert(QStringLiteral("smooth"), smooth);
        }
    };
    const auto grid = [&] {
        QJsonArray rows;
        for (int r = 0; r < o.rows; ++r) {
            QJsonArray row;
            for (int c = 0; c < o.cols; ++c)
                row.append(rounded(o.heights.at(r * o.cols + c)));
            rows.append(row);
        }
        j.insert(QStringLiteral("heights"), rows);
    };
    const auto wire = [&] {
        QJsonArray list;
        for (const Vec3 &p : o.points)
            list.append(point3(p));
        j.insert(QStringLiteral("points"), list);
    };
    switch (o.shape) {
    case Shape3d::Box:
    case Shape3d::Wedge:
        j.insert(QStringLiteral("size"), point3(o.size));
        break;
    case Shape3d::Cylinder:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("height"), rounded(o.height));
        break;
    case Shape3d::Cone:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("height"), rounded(o.height));
        if (o.radius2 != 0)
            j.insert(QStringLiteral("top"), rounded(o.radius2));
        break;
    case Shape3d::Sphere:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        break;
    case Shape3d::Torus:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("tube"), rounded(o.radius2));
        break;
    case Shape3d::Prism:
    case Shape3d::Pyramid:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("height"), rounded(o.height));
        j.insert(QStringLiteral("sides"), o.sides);
        if (o.shape == Shape3d::Pyramid && o.radius2 != 0)
            j.insert(QStringLiteral("top"), rounded(o.radius2));
        break;
    case Shape3d::Tube:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("inner"), rounded(o.radius2));
        j.insert(QStringLiteral("height"), rounded(o.height));
        break;
    case Shape3d::Plane:
        j.insert(QStringLiteral("size"), point({o.size.x, o.size.y}));
        if (o.isoU || o.isoV)
            j.insert(QStringLiteral("isocurves"), QJsonArray{o.isoU, o.isoV});
        break;
    case Shape3d::Patch:
    case Shape3d::Mesh:
        j.insert(QStringLiteral("size"), point({o.size.x, o.size.y}));
        grid();
        if (o.shape == Shape3d::Patch)
            j.insert(QStringLiteral("isocurves"), QJsonArray{o.isoU, o.isoV});
        else if (o.triangles)
            j.insert(QStringLiteral("faces"), QStringLiteral("triangles"));
        break;
    case Shape3d::Extrusion:
        profile();
        j.insert(QStringLiteral("height"), rounded(o.height));
        axis();
        break;
    case Shape3d::Revolution:
        profile();
        if (o.sweep != 360)
            j.insert(QStringLiteral("sweep"), rounded(o.sweep));
        axis();
        break;
    case Shape3d::Line:
    case Shape3d::Polyline:
        wire();
        if (o.closed)
            j.insert(QStringLiteral("closed"), true);
        break;
    case Shape3d::Arrow:
        wire();
        j.insert(QStringLiteral("heads"), nameIn(arrowHeadsNames, o.heads));
        break;
    case Shape3d::Circle:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        axis();
        break;
    case Shape3d::Arc:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("start"), rounded(o.start));
        j.insert(QStringLiteral("sweep"), rounded(o.sweep));
        axis();
        break;
    case Shape3d::Helix:
        j.insert(QStringLiteral("radius"), rounded(o.radius));
        j.insert(QStringLiteral("height"), rounded(o.height));
        j.insert(QStringLiteral("turns"), rounded(o.turns));
        break;
    case Shape3d::Grip:
        break;
    }
    if (!o.highlightFaces.isEmpty())
        j.insert(QStringLiteral("highlight"),
                 QJsonObject{{QStringLiteral("faces"), QJsonArray::fromStringList(o.highlightFaces)},
                             {QStringLiteral("layer"), layerKey(o.highlightLayer)}});
    return j;
}

QJsonObject elementJson(const SceneElement &e)
{
    QJsonObject j{{QStringLiteral("type"), elementTypeName(e.type)}};
    if (e.type != ElementType::Grip && e.type != ElementType::Group && e.type != ElementType::View3d)
        j.insert(QStringLiteral("layer"), layerKey(e.layer));
    switch (e.type) {
    case ElementType::Line:
        j.insert(QStringLiteral("from"), point(e.points.value(0)));
        j.insert(QStringLiteral("to"), point(e.points.value(1)));
        break;
    case ElementType::Polyline:
    case ElementType::Polygon:
        j.insert(QStringLiteral("points"), points(e.points));
        break;
    case ElementType::Curve:
        j.insert(QStringLiteral("points"), points(e.points));
        if (e.closed)
            j.insert(QStringLiteral("closed"), true);
        break;
    case ElementType::Arc:
        j.insert(QStringLiteral("center"), point(e.center));
        j.insert(QStringLiteral("radius"), rounded(e.radius));
        j.insert(QStringLiteral("start"), rounded(e.start));
        j.insert(QStringLiteral("sweep"), rounded(e.sweep));
        break;
    case ElementType::Circle:
        j.insert(QStringLiteral("center"), point(e.center));
        j.insert(QStringLiteral("radius"), rounded(e.radius));
        break;
    case ElementType::Ellipse:
        j.insert(QStringLiteral("center"), point(e.center));
        j.insert(QStringLiteral("rx"), rounded(e.rx));
        j.insert(QStringLiteral("ry"), rounded(e.ry));
        if (e.rotation != 0)
            j.insert(QStringLiteral("rotation"), rounded(e.rotation));
        break;
    case ElementType::Path:
        j.insert(QStringLiteral("d"), e.pathData);
        break;
    case ElementType::Grip:
        j.insert(QStringLiteral("at"), point(e.at));
        break;
    case ElementType::Arrow:
        if (e.sweep != 0) {
            j.insert(QStringLiteral("center"), point(e.center));
            j.insert(QStringLiteral("radius"), rounded(e.radius));
            j.insert(QStringLiteral("start"), rounded(e.start));
            j.insert(QStringLiteral("sweep"), rounded(e.sweep));
        } else if (e.points.size() == 2) {
            j.insert(QStringLiteral("from"), point(e.points.at(0)));
            j.insert(QStringLiteral("to"), point(e.points.at(1)));
        } else {
            j.insert(QStringLiteral("points"), points(e.points));
        }
        if (e.heads != ArrowHeads::End)
            j.insert(QStringLiteral("heads"), nameIn(arrowHeadsNames, e.heads));
        break;
    case ElementType::Dimension:
        j.insert(QStringLiteral("kind"), nameIn(dimensionNames, e.dimension));
        if (e.dimension == DimensionKind::Linear) {
            j.insert(QStringLiteral("from"), point(e.points.value(0)));
            j.insert(QStringLiteral("to"), point(e.points.value(1)));
            j.insert(QStringLiteral("offset"), rounded(e.offset));
        } else {
            j.insert(QStringLiteral("center"), point(e.center));
            j.insert(QStringLiteral("radius"), rounded(e.radius));
            if (e.dimension == DimensionKind::Angular) {
                j.insert(QStringLiteral("start"), rounded(e.start));
                j.insert(QStringLiteral("sweep"), rounded(e.sweep));
            } else {
                j.insert(QStringLiteral("angle"), rounded(e.angle));
            }
        }
        break;
    case ElementType::Hatch:
        j.insert(QStringLiteral("points"), points(e.points));
        j.insert(QStringLiteral("angle"), rounded(e.angle));
        j.insert(QStringLiteral("spacing"), rounded(e.spacing));
        if (!e.outline)
            j.insert(QStringLiteral("outline"), false);
        break;
    case ElementType::Group: {
        if (e.layerOverride)
            j.insert(QStringLiteral("layer"), layerKey(*e.layerOverride));
        const QJsonObject t = transformJson(e.transform);
        if (!t.isEmpty())
            j.insert(QStringLiteral("transform"), t);
        QJsonArray children;
        for (const SceneElement &c : e.children)
            children.append(elementJson(c));
        j.insert(QStringLiteral("elements"), children);
        break;
    }
    case ElementType::View3d: {
        j.insert(QStringLiteral("projection"), projectionName(e.projection));
        j.insert(QStringLiteral("frame"), rect(e.frame));
        QJsonArray objects;
        for (const Object3d &o : e.objects)
            objects.append(objectJson(o));
        j.insert(QStringLiteral("objects"), objects);
        break;
    }
    }
    return j;
}

} // namespace

bool isWire(Shape3d shape)
{
    switch (shape) {
    case Shape3d::Line:
    case Shape3d::Polyline:
    case Shape3d::Circle:
    case Shape3d::Arc:
    case Shape3d::Helix:
    case Shape3d::Arrow:
    case Shape3d::Grip:
        return true;
    default:
        return false;
    }
}

QString elementTypeName(ElementType type)
{
    return nameIn(elementTypeNames, type);
}

QString layerKey(IconLayer layer)
{
    return nameIn(layerNames, layer);
}

QString shapeName(Shape3d shape)
{
    return nameIn(shapeNames, shape);
}

QString projectionName(Projection projection)
{
    return nameIn(projectionNames, projection);
}

QString ParameterSpec::typeName(Type type)
{
    return nameIn(parameterTypeNames, type);
}

std::optional<ParameterSpec::Type> ParameterSpec::typeFromName(QStringView name)
{
    return valueIn<Type>(parameterTypeNames, name);
}

QJsonObject ParameterSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("label"), label},
                  {QStringLiteral("type"), typeName(type)}};
    if (type == Type::Int || type == Type::Number) {
        o.insert(QStringLiteral("min"), min);
        o.insert(QStringLiteral("max"), max);
        o.insert(QStringLiteral("step"), step);
    }
    if (type == Type::Choice)
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(choices));
    o.insert(QStringLiteral("default"), QJsonValue::fromVariant(defaultValue));
    return o;
}

std::optional<QVariant> ParameterSpec::accept(const QVariant &value) const
{
    switch (type) {
    case Type::Bool:
        if (value.typeId() != QMetaType::Bool)
            return std::nullopt;
        return value.toBool();
    case Type::Choice:
        if (value.typeId() != QMetaType::QString || !choices.contains(value.toString()))
            return std::nullopt;
        return value.toString();
    case Type::Int:
    case Type::Number: {
        const int id = value.typeId();
        if (id != QMetaType::Double && id != QMetaType::Int && id != QMetaType::LongLong &&
            id != QMetaType::UInt && id != QMetaType::ULongLong)
            return std::nullopt;
        const double d = value.toDouble();
        if (!std::isfinite(d) || d < min || d > max)
            return std::nullopt;
        if (type == Type::Int) {
            if (d != std::floor(d))
                return std::nullopt;
            return int(d);
        }
        return d;
    }
    }
    return std::nullopt;
}

QString ParameterSpec::rangeText() const
{
    const auto n = [](double v) { return QString::number(v, 'g', 8); };
    switch (type) {
    case Type::Bool:
        return QStringLiteral("true or false");
    case Type::Choice:
        return QStringLiteral("one of ") + choices.join(QStringLiteral(", "));
    case Type::Int:
        return QStringLiteral("a whole number from %1 to %2").arg(n(min), n(max));
    case Type::Number:
        break;
    }
    return QStringLiteral("a number from %1 to %2").arg(n(min), n(max));
}

QJsonObject Scene::toJson() const
{
    QJsonObject o{{QStringLiteral("format"), QString::fromLatin1(formatName)},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("toolType"), IconDesign::toolTypeName(toolType)}};
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    if (!parameters.isEmpty()) {
        QJsonArray specs;
        for (const ParameterSpec &p : parameters)
            specs.append(p.toJson());
        o.insert(QStringLiteral("parameters"), specs);
        o.insert(QStringLiteral("values"), QJsonObject::fromVariantMap(values));
    }
    if (!source.isEmpty()) {
        QJsonObject s{{QStringLiteral("engine"), source.engine},
                      {QStringLiteral("vocabulary"), source.vocabularyVersion},
                      {QStringLiteral("concepts"), QJsonArray::fromStringList(source.concepts)},
                      {QStringLiteral("variant"), source.variant},
                      {QStringLiteral("composition"), source.composition}};
        if (!source.operation.isEmpty())
            s.insert(QStringLiteral("operation"), source.operation);
        if (!source.subject.isEmpty())
            s.insert(QStringLiteral("subject"), source.subject);
        if (!source.edits.isEmpty())
            s.insert(QStringLiteral("edits"), source.edits.toJson());
        o.insert(QStringLiteral("source"), s);
    }
    QJsonArray list;
    for (const SceneElement &e : elements)
        list.append(elementJson(e));
    o.insert(QStringLiteral("elements"), list);
    return o;
}

QJsonObject SceneEdits::toJson() const
{
    QJsonObject o;
    if (mirror)
        o.insert(QStringLiteral("mirror"), true);
    if (rotate != 0)
        o.insert(QStringLiteral("rotate"), rotate);
    if (hideGuides)
        o.insert(QStringLiteral("guides"), false);
    if (endGrips)
        o.insert(QStringLiteral("endGrips"), true);
    return o;
}

} // namespace scene
