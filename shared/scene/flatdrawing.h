#pragma once

#include "icons/icondesign.h"

#include <QList>
#include <QPointF>
#include <QRectF>

#include <optional>

// The renderer's intermediate form: a scene reduced to strokes per layer and grip points, in canvas
// units, with every transform applied. Only three kinds of stroke survive (polylines, ellipses and
// paths of lines and cubic Béziers), so transforming, fitting and bounding them is exact and cheap.
namespace scene {

// x' = a·x + c·y + e, y' = b·x + d·y + f
struct Affine
{
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

    QPointF map(QPointF p) const { return {a * p.x() + c * p.y() + e, b * p.x() + d * p.y() + f}; }
    QPointF mapVector(QPointF v) const { return {a * v.x() + c * v.y(), b * v.x() + d * v.y()}; }
    Affine then(const Affine &next) const; // this first, then next
    bool isIdentity() const { return a == 1 && b == 0 && c == 0 && d == 1 && e == 0 && f == 0; }

    static Affine translation(double dx, double dy) { return {1, 0, 0, 1, dx, dy}; }
    static Affine scaling(double sx, double sy) { return {sx, 0, 0, sy, 0, 0}; }
    static Affine rotation(double degrees);               // counter-clockwise on screen
    static Affine about(QPointF origin, const Affine &m); // m applied about origin
};

struct PathCommand
{
    enum class Op { Move, Line, Cubic, Close };
    Op op = Op::Move;
    QPointF c1, c2; // Cubic controls
    QPointF to;
};

struct FlatStroke
{
    enum class Kind { Polyline, Ellipse, Path };
    Kind kind = Kind::Polyline;
    bool closed = false;     // polyline
    QList<QPointF> points;   // polyline
    QPointF center;          // ellipse
    double rx = 0, ry = 0;   // ellipse
    double rotation = 0;     // ellipse, degrees (clockwise on screen, as SVG's rotate())
    QList<PathCommand> path; // path

    void transform(const Affine &m);
    void extend(QRectF &bounds, bool &empty) const; // conservative: cubic control points included
};

struct FlatDrawing
{
    QList<FlatStroke> strokes[3]; // Guide, Context, Primary
    QList<QPointF> grips;

    QList<FlatStroke> &layer(IconLayer l) { return strokes[int(l)]; }
    const QList<FlatStroke> &layer(IconLayer l) const { return strokes[int(l)]; }
    bool isEmpty() const;
    void transform(const Affine &m);
    std::optional<QRectF> bounds() const;
    // Appends `other`; with `forced`, every non-Guide stroke moves to that layer.
    void append(FlatDrawing &&other, std::optional<IconLayer> forced = std::nullopt);

    void addPolyline(IconLayer l, QList<QPointF> points, bool closed = false);
    void addPath(IconLayer l, QList<PathCommand> path);
    void addEllipse(IconLayer l, QPointF center, double rx, double ry, double rotation = 0);
};

// Uniform scale and centring of `content` into `frame`.
Affine fitInto(const QRectF &content, const QRectF &frame);

namespace geometry {
QPointF polar(QPointF center, double radius, double degrees); // counter-clockwise on screen
// A circular arc as cubic segments (≤ 45° each), starting with a Move unless `continued`.
QList<PathCommand> arcPath(QPointF center, double radius, double startDeg, double sweepDeg,
                           bool continued = false);
// A smooth (Catmull-Rom) curve through the points as cubics.
QList<PathCommand> curveThrough(const QList<QPointF> &points, bool closed);
// Direction at the end (or the start, reversed) of a path, for arrow heads.
QPointF endDirection(const QList<PathCommand> &path, bool atStart);
// An open arrow head ("V") with its tip at `tip`, pointing along `direction`.
QList<QPointF> arrowHead(QPointF tip, QPointF direction, double length = 2.2, double halfWidth = 1.1);
} // namespace geometry

} // namespace scene
