#include "scene/flatdrawing.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace scene {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// The axes of the ellipse m·R(rot)·diag(rx, ry): the eigen-decomposition of A·Aᵀ.
void transformEllipse(FlatStroke &s, const Affine &m)
{
    // The ellipse's own matrix (SVG rotation: clockwise on screen with y down is the usual rotation
    // matrix applied in screen coordinates).
    const double cr = std::cos(s.rotation * kDeg), sr = std::sin(s.rotation * kDeg);
    // A = M · R · D, columns are the images of the two semi-axes.
    const double a11 = (m.a * cr + m.c * sr) * s.rx, a21 = (m.b * cr + m.d * sr) * s.rx;
    const double a12 = (m.a * -sr + m.c * cr) * s.ry, a22 = (m.b * -sr + m.d * cr) * s.ry;
    // S = A·Aᵀ (symmetric)
    const double sxx = a11 * a11 + a12 * a12, syy = a21 * a21 + a22 * a22, sxy = a11 * a21 + a12 * a22;
    const double mean = (sxx + syy) / 2, diff = (sxx - syy) / 2;
    const double root = std::sqrt(diff * diff + sxy * sxy);
    const double l1 = mean + root, l2 = std::max(0.0, mean - root);
    double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
    s.center = m.map(s.center);
    s.rx = std::sqrt(l1);
    s.ry = std::sqrt(l2);
    s.rotation = angle / kDeg;
    if (std::abs(s.rx - s.ry) < 1e-9)
        s.rotation = 0;
}

void extendPoint(QRectF &bounds, bool &empty, QPointF p)
{
    if (empty) {
        bounds = QRectF(p, p);
        empty = false;
        return;
    }
    bounds.setLeft(std::min(bounds.left(), p.x()));
    bounds.setRight(std::max(bounds.right(), p.x()));
    bounds.setTop(std::min(bounds.top(), p.y()));
    bounds.setBottom(std::max(bounds.bottom(), p.y()));
}

} // namespace

Affine Affine::then(const Affine &n) const
{
    // n ∘ this
    return {n.a * a + n.c * b, n.b * a + n.d * b,       n.a * c + n.c * d,
            n.b * c + n.d * d, n.a * e + n.c * f + n.e, n.b * e + n.d * f + n.f};
}

Affine Affine::rotation(double degrees)
{
    // Counter-clockwise on screen (y down): x' = x cos + y sin, y' = −x sin + y cos.
    const double c = std::cos(degrees * kDeg), s = std::sin(degrees * kDeg);
    return {c, -s, s, c, 0, 0};
}

Affine Affine::about(QPointF origin, const Affine &m)
{
    return translation(-origin.x(), -origin.y()).then(m).then(translation(origin.x(), origin.y()));
}

void FlatStroke::transform(const Affine &m)
{
    switch (kind) {
    case Kind::Polyline:
        for (QPointF &p : points)
            p = m.map(p);
        break;
    case Kind::Ellipse:
        transformEllipse(*this, m);
        break;
    case Kind::Path:
        for (PathCommand &c : path) {
            c.c1 = m.map(c.c1);
            c.c2 = m.map(c.c2);
            c.to = m.map(c.to);
        }
        break;
    }
}

void FlatStroke::extend(QRectF &bounds, bool &empty) const
{
    switch (kind) {
    case Kind::Polyline:
        for (const QPointF &p : points)
            extendPoint(bounds, empty, p);
        break;
    case Kind::Ellipse: {
        const double cr = std::cos(rotation * kDeg), sr = std::sin(rotation * kDeg);
        const double hx = std::sqrt(rx * rx * cr * cr + ry * ry * sr * sr);
        const double hy = std::sqrt(rx * rx * sr * sr + ry * ry * cr * cr);
        extendPoint(bounds, empty, center - QPointF(hx, hy));
        extendPoint(bounds, empty, center + QPointF(hx, hy));
        break;
    }
    case Kind::Path:
        for (const PathCommand &c : path) {
            if (c.op == PathCommand::Op::Close)
                continue;
            if (c.op == PathCommand::Op::Cubic) {
                extendPoint(bounds, empty, c.c1);
                extendPoint(bounds, empty, c.c2);
            }
            extendPoint(bounds, empty, c.to);
        }
        break;
    }
}

bool FlatDrawing::isEmpty() const
{
    return strokes[0].isEmpty() && strokes[1].isEmpty() && strokes[2].isEmpty() && grips.isEmpty();
}

void FlatDrawing::transform(const Affine &m)
{
    if (m.isIdentity())
        return;
    for (auto &list : strokes) {
        for (FlatStroke &s : list)
            s.transform(m);
    }
    for (QPointF &g : grips)
        g = m.map(g);
}

std::optional<QRectF> FlatDrawing::bounds() const
{
    QRectF b;
    bool empty = true;
    for (const auto &list : strokes) {
        for (const FlatStroke &s : list)
            s.extend(b, empty);
    }
    for (const QPointF &g : grips)
        extendPoint(b, empty, g);
    if (empty)
        return std::nullopt;
    return b;
}

void FlatDrawing::append(FlatDrawing &&other, std::optional<IconLayer> forced)
{
    for (int l = 0; l < 3; ++l) {
        const IconLayer target = (forced && l != int(IconLayer::Guide)) ? *forced : IconLayer(l);
        strokes[int(target)].append(std::move(other.strokes[l]));
    }
    grips.append(std::move(other.grips));
}

void FlatDrawing::addPolyline(IconLayer l, QList<QPointF> points, bool closed)
{
    FlatStroke s;
    s.kind = FlatStroke::Kind::Polyline;
    s.points = std::move(points);
    s.closed = closed;
    layer(l).append(std::move(s));
}

void FlatDrawing::addPath(IconLayer l, QList<PathCommand> path)
{
    FlatStroke s;
    s.kind = FlatStroke::Kind::Path;
    s.path = std::move(path);
    layer(l).append(std::move(s));
}

void FlatDrawing::addEllipse(IconLayer l, QPointF center, double rx, double ry, double rotation)
{
    FlatStroke s;
    s.kind = FlatStroke::Kind::Ellipse;
    s.center = center;
    s.rx = rx;
    s.ry = ry;
    s.rotation = rotation;
    layer(l).append(std::move(s));
}

Affine fitInto(const QRectF &content, const QRectF &frame)
{
    const double w = std::max(content.width(), 1e-9), h = std::max(content.height(), 1e-9);
    double k = std::min(frame.width() / w, frame.height() / h);
    if (content.width() < 1e-9 && content.height() < 1e-9)
        k = 1;
    const QPointF from = content.center(), to = frame.center();
    return Affine::translation(-from.x(), -from.y())
        .then(Affine::scaling(k, k))
        .then(Affine::translation(to.x(), to.y()));
}

namespace geometry {

QPointF polar(QPointF center, double radius, double degrees)
{
    return {center.x() + radius * std::cos(degrees * kDeg), center.y() - radius * std::sin(degrees * kDeg)};
}

QList<PathCommand> arcPath(QPointF center, double radius, double startDeg, double sweepDeg, bool continued)
{
    QList<PathCommand> out;
    const int pieces = std::max(1, int(std::ceil(std::abs(sweepDeg) / 45.0 - 1e-9)));
    const double step = sweepDeg / pieces;
    // Control distance of a cubic that approximates a circular arc of `step` degrees.
    const double k = 4.0 / 3.0 * std::tan(step * kDeg / 4.0) * radius;
    if (!continued)
        out.append({PathCommand::Op::Move, {}, {}, polar(center, radius, startDeg)});
    for (int i = 0; i < pieces; ++i) {
        const double a0 = startDeg + step * i, a1 = a0 + step;
        const QPointF p0 = polar(center, radius, a0), p1 = polar(center, radius, a1);
        // Tangent (counter-clockwise on screen) at angle a: (−sin a, −cos a) in y-down coordinates.
        const QPointF t0(-std::sin(a0 * kDeg), -std::cos(a0 * kDeg));
        const QPointF t1(-std::sin(a1 * kDeg), -std::cos(a1 * kDeg));
        out.append({PathCommand::Op::Cubic, p0 + t0 * k, p1 - t1 * k, p1});
    }
    return out;
}

QList<PathCommand> curveThrough(const QList<QPointF> &pts, bool closed)
{
    QList<PathCommand> out;
    const qsizetype n = pts.size();
    if (n == 0)
        return out;
    out.append({PathCommand::Op::Move, {}, {}, pts.first()});
    if (n == 1)
        return out;
    const qsizetype segments = closed ? n : n - 1;
    const auto at = [&](qsizetype k) {
        if (closed)
            return pts.at(((k % n) + n) % n);
        return pts.at(std::clamp<qsizetype>(k, 0, n - 1));
    };
    for (qsizetype i = 0; i < segments; ++i) {
        const QPointF p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2);
        out.append({PathCommand::Op::Cubic, p1 + (p2 - p0) / 6.0, p2 - (p3 - p1) / 6.0, p2});
    }
    if (closed)
        out.append({PathCommand::Op::Close, {}, {}, pts.first()});
    return out;
}

QPointF endDirection(const QList<PathCommand> &path, bool atStart)
{
    if (path.size() < 2)
        return {1, 0};
    if (atStart) {
        const PathCommand &first = path.at(1);
        const QPointF from = path.at(0).to;
        QPointF d = (first.op == PathCommand::Op::Cubic ? first.c1 : first.to) - from;
        if (std::hypot(d.x(), d.y()) < 1e-9 && first.op == PathCommand::Op::Cubic)
            d = first.to - from;
        return -d;
    }
    qsizetype last = path.size() - 1;
    while (last > 0 && path.at(last).op == PathCommand::Op::Close)
        --last;
    const PathCommand &c = path.at(last);
    const QPointF before = path.at(last - 1).to;
    QPointF d = c.to - (c.op == PathCommand::Op::Cubic ? c.c2 : before);
    if (std::hypot(d.x(), d.y()) < 1e-9)
        d = c.to - before;
    return d;
}

QList<QPointF> arrowHead(QPointF tip, QPointF direction, double length, double halfWidth)
{
    const double n = std::hypot(direction.x(), direction.y());
    const QPointF d = n < 1e-12 ? QPointF(1, 0) : direction / n;
    const QPointF side(-d.y(), d.x());
    return {tip - d * length + side * halfWidth, tip, tip - d * length - side * halfWidth};
}

} // namespace geometry

} // namespace scene
