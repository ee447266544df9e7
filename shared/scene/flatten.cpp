#include "scene/flatten.h"

#include "scene/kit3d.h"
#include "svg/svgpath.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace scene {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

QPointF unit(QPointF v)
{
    const double n = std::hypot(v.x(), v.y());
    return n < 1e-12 ? QPointF(1, 0) : v / n;
}

double length(QPointF v)
{
    return std::hypot(v.x(), v.y());
}

void addHeads(FlatDrawing &out, IconLayer layer, ArrowHeads heads, const QList<PathCommand> &path,
              double size = 2.2)
{
    if (path.size() < 2)
        return;
    qsizetype last = path.size() - 1;
    while (last > 0 && path.at(last).op == PathCommand::Op::Close)
        --last;
    if (heads != ArrowHeads::Start)
        out.addPolyline(layer, geometry::arrowHead(path.at(last).to, geometry::endDirection(path, false),
                                                   size, size / 2));
    if (heads != ArrowHeads::End)
        out.addPolyline(
            layer, geometry::arrowHead(path.at(0).to, geometry::endDirection(path, true), size, size / 2));
}

QList<PathCommand> lineCommands(const QList<QPointF> &points)
{
    QList<PathCommand> out;
    for (qsizetype i = 0; i < points.size(); ++i)
        out.append({i == 0 ? PathCommand::Op::Move : PathCommand::Op::Line, {}, {}, points.at(i)});
    return out;
}

// SVG path data → lines and cubics (quadratics raised, arcs approximated piecewise by Hermite cubics).
QList<PathCommand> pathCommands(const QString &d)
{
    QList<PathCommand> out;
    const SvgPathParseResult parsed = SvgPath::parse(d);
    for (const SvgPathSegment &s : parsed.segments) {
        switch (s.type) {
        case SvgPathSegment::Type::Move:
            out.append({PathCommand::Op::Move, {}, {}, s.end});
            break;
        case SvgPathSegment::Type::Line:
            out.append({PathCommand::Op::Line, {}, {}, s.end});
            break;
        case SvgPathSegment::Type::Close:
            out.append({PathCommand::Op::Close, {}, {}, s.end});
            break;
        case SvgPathSegment::Type::Cubic:
            out.append({PathCommand::Op::Cubic, s.c1, s.c2, s.end});
            break;
        case SvgPathSegment::Type::Quad:
            out.append({PathCommand::Op::Cubic, s.start + (s.c1 - s.start) * (2.0 / 3.0),
                        s.end + (s.c1 - s.end) * (2.0 / 3.0), s.end});
            break;
        case SvgPathSegment::Type::Arc: {
            constexpr int pieces = 8;
            constexpr double h = 1e-4;
            const auto derivative = [&](double t) {
                const double t0 = std::max(0.0, t - h), t1 = std::min(1.0, t + h);
                return (SvgPath::arcPoint(s, t1) - SvgPath::arcPoint(s, t0)) / (t1 - t0);
            };
            for (int i = 0; i < pieces; ++i) {
                const double t0 = double(i) / pieces, t1 = double(i + 1) / pieces;
                const QPointF p0 = SvgPath::arcPoint(s, t0), p1 = SvgPath::arcPoint(s, t1);
                const double dt = (t1 - t0) / 3.0;
                out.append({PathCommand::Op::Cubic, p0 + derivative(t0) * dt, p1 - derivative(t1) * dt, p1});
            }
            break;
        }
        }
    }
    return out;
}

// Parallel lines at `angle`, `spacing` apart, clipped to the polygon (even-odd).
QList<PathCommand> hatchLines(const QList<QPointF> &polygon, double angle, double spacing)
{
    QList<PathCommand> out;
    const Affine toLocal = Affine::rotation(-angle); // hatch lines become horizontal
    const Affine back = Affine::rotation(angle);
    QList<QPointF> local;
    double top = 1e300, bottom = -1e300;
    for (const QPointF &p : polygon) {
        local << toLocal.map(p);
        top = std::min(top, local.last().y());
        bottom = std::max(bottom, local.last().y());
    }
    const int lines = int(std::floor((bottom - top) / spacing));
    const double first = top + ((bottom - top) - lines * spacing) / 2;
    for (int k = 0; k <= lines && k < 200; ++k) {
        const double y = first + k * spacing;
        QList<double> xs;
        for (qsizetype i = 0; i < local.size(); ++i) {
            const QPointF a = local.at(i), b = local.at((i + 1) % local.size());
            if ((a.y() <= y && b.y() > y) || (b.y() <= y && a.y() > y))
                xs << a.x() + (y - a.y()) / (b.y() - a.y()) * (b.x() - a.x());
        }
        std::sort(xs.begin(), xs.end());
        for (qsizetype i = 0; i + 1 < xs.size(); i += 2) {
            if (xs.at(i + 1) - xs.at(i) < 0.3)
                continue;
            out.append({PathCommand::Op::Move, {}, {}, back.map({xs.at(i), y})});
            out.append({PathCommand::Op::Line, {}, {}, back.map({xs.at(i + 1), y})});
        }
    }
    return out;
}

void dimension(const SceneElement &e, FlatDrawing &out)
{
    const IconLayer l = e.layer;
    switch (e.dimension) {
    case DimensionKind::Linear: {
        const QPointF a = e.points.value(0), b = e.points.value(1);
        const QPointF d = unit(b - a);
        const QPointF n(d.y(), -d.x()); // a positive offset is "above" a left-to-right dimension
        const double side = e.offset < 0 ? -1 : 1;
        const QPointF a1 = a + n * e.offset, b1 = b + n * e.offset;
        if (std::abs(e.offset) >= 1.5) {
            out.addPolyline(l, {a + n * side * 0.75, a + n * (e.offset + side * 1.0)});
            out.addPolyline(l, {b + n * side * 0.75, b + n * (e.offset + side * 1.0)});
        }
        out.addPolyline(l, {a1, b1});
        const double size = std::min(2.2, length(b1 - a1) / 3.5);
        out.addPolyline(l, geometry::arrowHead(a1, a1 - b1, size, size / 2));
        out.addPolyline(l, geometry::arrowHead(b1, b1 - a1, size, size / 2));
        break;
    }
    case DimensionKind::Radial: {
        const QPointF tip = geometry::polar(e.center, e.radius, e.angle);
        out.addPolyline(l, {e.center, tip});
        out.addPolyline(l, geometry::arrowHead(tip, tip - e.center));
        break;
    }
    case DimensionKind::Diameter: {
        const QPointF p = geometry::polar(e.center, e.radius, e.angle);
        const QPointF q = geometry::polar(e.center, e.radius, e.angle + 180);
        out.addPolyline(l, {q, p});
        out.addPolyline(l, geometry::arrowHead(p, p - q));
        out.addPolyline(l, geometry::arrowHead(q, q - p));
        break;
    }
    case DimensionKind::Angular: {
        const QList<PathCommand> arc = geometry::arcPath(e.center, e.radius, e.start, e.sweep);
        out.addPath(l, arc);
        const double size = std::min(2.2, std::abs(e.sweep) * kDeg * e.radius / 3.0);
        addHeads(out, l, ArrowHeads::Both, arc, size);
        break;
    }
    }
}

Affine groupTransform(const Transform2d &t)
{
    Affine m;
    if (t.mirrorX || t.mirrorY)
        m = m.then(Affine::scaling(t.mirrorX ? -1 : 1, t.mirrorY ? -1 : 1));
    if (t.scale != QPointF(1, 1))
        m = m.then(Affine::scaling(t.scale.x(), t.scale.y()));
    if (t.rotate != 0)
        m = m.then(Affine::rotation(t.rotate));
    m = Affine::about(t.origin, m);
    if (!t.translate.isNull())
        m = m.then(Affine::translation(t.translate.x(), t.translate.y()));
    return m;
}

} // namespace

FlatDrawing flattenElement(const SceneElement &e)
{
    FlatDrawing out;
    const IconLayer l = e.layer;
    switch (e.type) {
    case ElementType::Line:
    case ElementType::Polyline:
        out.addPolyline(l, e.points);
        break;
    case ElementType::Polygon:
        out.addPolyline(l, e.points, true);
        break;
    case ElementType::Arc:
        out.addPath(l, geometry::arcPath(e.center, e.radius, e.start, e.sweep));
        break;
    case ElementType::Circle:
        out.addEllipse(l, e.center, e.radius, e.radius);
        break;
    case ElementType::Ellipse:
        out.addEllipse(l, e.center, e.rx, e.ry, -e.rotation);
        break;
    case ElementType::Curve:
        out.addPath(l, geometry::curveThrough(e.points, e.closed));
        break;
    case ElementType::Path:
        out.addPath(l, pathCommands(e.pathData));
        break;
    case ElementType::Grip:
        out.grips.append(e.at);
        break;
    case ElementType::Arrow: {
        QList<PathCommand> shaft;
        if (e.sweep != 0)
            shaft = geometry::arcPath(e.center, e.radius, e.start, e.sweep);
        else if (e.points.size() == 2)
            shaft = lineCommands(e.points);
        else
            shaft = geometry::curveThrough(e.points, false);
        if (e.points.size() == 2 && e.sweep == 0)
            out.addPolyline(l, e.points);
        else
            out.addPath(l, shaft);
        addHeads(out, l, e.heads, shaft);
        break;
    }
    case ElementType::Dimension:
        dimension(e, out);
        break;
    case ElementType::Hatch: {
        if (e.outline)
            out.addPolyline(l, e.points, true);
        QList<PathCommand> lines = hatchLines(e.points, e.angle, e.spacing);
        if (!lines.isEmpty())
            out.addPath(l, std::move(lines));
        break;
    }
    case ElementType::Group: {
        FlatDrawing inner = flatten(e.children);
        inner.transform(groupTransform(e.transform));
        if (e.transform.fit) {
            if (const auto b = inner.bounds())
                inner.transform(fitInto(*b, *e.transform.fit));
        }
        out.append(std::move(inner), e.layerOverride);
        break;
    }
    case ElementType::View3d:
        out = kit3d::render(e);
        break;
    }
    return out;
}

FlatDrawing flatten(const QList<SceneElement> &elements)
{
    FlatDrawing out;
    for (const SceneElement &e : elements)
        out.append(flattenElement(e));
    return out;
}

} // namespace scene
