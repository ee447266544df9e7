#include "builtingenerator.h"

#include "core/logging.h"
#include "icons/designcheck.h"
#include "svg/svgsanitizer.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>

namespace {

// --- Geometry ------------------------------------------------------------------------------------

constexpr double kMin = 4; // design bounds
constexpr double kMax = 28;
constexpr double kMid = 16;
constexpr double kPi = std::numbers::pi;

struct P
{
    double x = 0;
    double y = 0;
};
P operator+(P a, P b)
{
    return {a.x + b.x, a.y + b.y};
}
P operator-(P a, P b)
{
    return {a.x - b.x, a.y - b.y};
}
P operator*(P a, double k)
{
    return {a.x * k, a.y * k};
}
P lerp(P a, P b, double t)
{
    return a + (b - a) * t;
}
P clampIn(P p)
{
    return {std::clamp(p.x, kMin, kMax), std::clamp(p.y, kMin, kMax)};
}
P polar(P c, double r, double degrees) // 0° = +x, counter-clockwise on screen (y down)
{
    const double a = degrees * kPi / 180.0;
    return {c.x + r * std::cos(a), c.y - r * std::sin(a)};
}
P quadAt(P p0, P c, P p1, double t)
{
    return p0 * ((1 - t) * (1 - t)) + c * (2 * (1 - t) * t) + p1 * (t * t);
}
P cubicAt(P p0, P c1, P c2, P p1, double t)
{
    const double u = 1 - t;
    return p0 * (u * u * u) + c1 * (3 * u * u * t) + c2 * (3 * u * t * t) + p1 * (t * t * t);
}

QString num(double v)
{
    if (std::abs(v) < 0.005)
        v = 0;
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    return s;
}

// Whole-icon re-arrangement for a variant beyond a tool's own styles: mirrored about the vertical
// centre line, which maps the bounds onto themselves.
struct Arrangement
{
    bool mirror = false;
    P apply(P p) const
    {
        if (mirror)
            p.x = 32 - p.x;
        return p;
    }
    bool flipsSweep() const { return mirror; }
};

// Path data kept structured so an Arrangement can be applied to it (arcs flip their sweep when mirrored).
class Path
{
public:
    Path &M(P p) { return add(QLatin1Char('M'), {p}); }
    Path &L(P p) { return add(QLatin1Char('L'), {p}); }
    Path &Q(P c, P p) { return add(QLatin1Char('Q'), {c, p}); }
    Path &C(P c1, P c2, P p) { return add(QLatin1Char('C'), {c1, c2, p}); }
    Path &A(double rx, double ry, bool large, bool sweep, P p)
    {
        Cmd c{QLatin1Char('A'), {p}};
        c.rx = rx;
        c.ry = ry;
        c.large = large;
        c.sweep = sweep;
        m_cmds.append(c);
        return *this;
    }
    Path &Z() { return add(QLatin1Char('Z'), {}); }

    // A smooth curve through every point (Catmull-Rom as cubics). Control points are clamped into
    // the bounds, so the curve (inside its control hull) stays in the bounds and still passes
    // through every point.
    static Path through(const QList<P> &pts, bool closed = false)
    {
        Path path;
        const qsizetype n = pts.size();
        path.M(pts.first());
        const qsizetype segments = closed ? n : n - 1;
        for (qsizetype i = 0; i < segments; ++i) {
            auto at = [&](qsizetype k) {
                if (closed)
                    return pts.at(((k % n) + n) % n);
                return pts.at(std::clamp<qsizetype>(k, 0, n - 1));
            };
            const P p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2);
            path.C(clampIn(p1 + (p2 - p0) * (1.0 / 6)), clampIn(p2 - (p3 - p1) * (1.0 / 6)), p2);
        }
        if (closed)
            path.Z();
        return path;
    }

    QString render(const Arrangement &xf) const
    {
        QStringList parts;
        for (const Cmd &c : m_cmds) {
            QString s(c.op);
            if (c.op == QLatin1Char('A')) {
                s += QStringLiteral("%1 %2 0 %3 %4 ")
                         .arg(num(c.rx), num(c.ry))
                         .arg(c.large ? 1 : 0)
                         .arg((c.sweep != xf.flipsSweep()) ? 1 : 0);
            }
            QStringList pts;
            for (const P &p : c.pts) {
                const P q = xf.apply(p);
                pts << num(q.x) + QLatin1Char(',') + num(q.y);
            }
            s += pts.join(QLatin1Char(' '));
            parts << s;
        }
        return parts.join(QLatin1Char(' '));
    }

private:
    struct Cmd
    {
        QChar op;
        QList<P> pts;
        double rx = 0, ry = 0;
        bool large = false, sweep = false;
    };
    Path &add(QChar op, QList<P> pts)
    {
        m_cmds.append({op, std::move(pts)});
        return *this;
    }
    QList<Cmd> m_cmds;
};

enum Layer { Guide, Context, Primary, Grips, LayerCount };

// One icon under construction: elements per layer, rendered back to front with the layer
// attributes of the design system.
class Icon
{
public:
    Arrangement xf;

    void line(Layer l, P a, P b)
    {
        const P p = xf.apply(a), q = xf.apply(b);
        add(l, QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\"/>")
                   .arg(num(p.x), num(p.y), num(q.x), num(q.y)));
    }
    void poly(Layer l, const QList<P> &pts, bool closed = false)
    {
        QStringList s;
        for (const P &p : pts) {
            const P q = xf.apply(p);
            s << num(q.x) + QLatin1Char(',') + num(q.y);
        }
        add(l, QStringLiteral("<%1 points=\"%2\"/>")
                   .arg(closed ? QStringLiteral("polygon") : QStringLiteral("polyline"),
                        s.join(QLatin1Char(' '))));
    }
    void circle(Layer l, P c, double r)
    {
        const P p = xf.apply(c);
        add(l, QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"%3\"/>").arg(num(p.x), num(p.y), num(r)));
    }
    void ellipse(Layer l, P c, double rx, double ry)
    {
        const P p = xf.apply(c);
        add(l, QStringLiteral("<ellipse cx=\"%1\" cy=\"%2\" rx=\"%3\" ry=\"%4\"/>")
                   .arg(num(p.x), num(p.y), num(rx), num(ry)));
    }
    void path(Layer l, const Path &path) { add(l, QStringLiteral("<path d=\"%1\"/>").arg(path.render(xf))); }
    void grip(P c)
    {
        const P p = xf.apply(c);
        add(Grips, QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"2\" height=\"2\"/>")
                       .arg(num(p.x - 1), num(p.y - 1)));
    }
    void grips(const QList<P> &pts)
    {
        for (const P &p : pts)
            grip(p);
    }

    QString svg(const Palette &palette) const;

private:
    void add(Layer l, QString element) { m_layers[l].append(std::move(element)); }
    std::array<QStringList, LayerCount> m_layers;
};

} // namespace

namespace {

QString Icon::svg(const Palette &palette) const
{
    static const IconLayer layers[] = {IconLayer::Guide, IconLayer::Context, IconLayer::Primary,
                                       IconLayer::Grips};
    const char *colours[] = {palette.guide, palette.context, palette.primary, palette.gripStroke};
    QString out =
        QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%1\" width=\"%2\" height=\"%2\" "
                       "fill=\"none\">")
            .arg(QLatin1String(IconDesign::viewBox))
            .arg(IconDesign::canvasSize);
    for (int l = 0; l < LayerCount; ++l) {
        if (m_layers[l].isEmpty())
            continue;
        const LayerStyle &style = IconDesign::layerStyle(layers[l]);
        out += QStringLiteral("<g id=\"%1\"").arg(QLatin1String(style.id));
        if (l == Grips)
            out += QStringLiteral(" fill=\"%1\"").arg(QLatin1String(palette.grip));
        else
            out += QStringLiteral(" fill=\"none\"");
        out += QStringLiteral(" stroke=\"%1\" stroke-width=\"%2\"")
                   .arg(QLatin1String(colours[l]), num(style.strokeWidth));
        if (style.dashArray)
            out += QStringLiteral(" stroke-dasharray=\"%1\"").arg(QLatin1String(style.dashArray));
        if (style.roundCapsAndJoins)
            out += QStringLiteral(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        out += QLatin1Char('>') + m_layers[l].join(QString()) + QStringLiteral("</g>");
    }
    return out + QStringLiteral("</svg>");
}

// --- The catalogue -------------------------------------------------------------------------------

using Draw = void (*)(Icon &, int style);

struct Entry
{
    BuiltinGenerator::Tool tool;
    Draw draw;
};

// Drawing tools: Guide + Primary + Grips.

void drawLine(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 28}, {28, 28});
        ic.line(Guide, {28, 4}, {28, 28});
        ic.line(Primary, {4, 28}, {28, 4});
        ic.grips({{4, 28}, {28, 4}});
    } else if (s == 1) {
        ic.line(Guide, {6, 6}, {26, 26});
        ic.line(Primary, {4, 28}, {28, 4});
        ic.grips({{16, 16}, {28, 4}});
    } else {
        ic.line(Guide, {4, 24}, {28, 24});
        ic.path(Guide, Path().M({16, 24}).A(12, 12, false, false, {14.39, 18}));
        ic.line(Primary, {4, 24}, {28, 10.14});
        ic.grips({{4, 24}, {28, 10.14}});
    }
}

void drawPolyline(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 28}, {28, 28});
        const QList<P> pts{{4, 24}, {11, 8}, {20, 22}, {28, 6}};
        ic.poly(Primary, pts);
        ic.grips(pts);
    } else if (s == 1) {
        const QList<P> pts{{6, 20}, {12, 5}, {27, 9}, {24, 26}, {9, 28}};
        ic.line(Guide, {6, 20}, {27, 9});
        ic.poly(Primary, pts, true);
        ic.grips(pts);
    } else {
        const QList<P> pts{{4, 26}, {4, 14}, {16, 14}, {16, 6}, {28, 6}};
        ic.line(Guide, {4, 26}, {28, 6});
        ic.poly(Primary, pts);
        ic.grips(pts);
    }
}

void drawArc(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 24}, {28, 24});
        ic.line(Guide, {16, 12}, {16, 24});
        ic.path(Primary, Path().M({4, 24}).A(12, 12, false, true, {28, 24}));
        ic.grips({{4, 24}, {16, 12}, {28, 24}});
    } else if (s == 1) {
        ic.line(Guide, {6, 26}, {26, 26});
        ic.line(Guide, {6, 26}, {6, 6});
        ic.path(Primary, Path().M({26, 26}).A(20, 20, false, false, {6, 6}));
        ic.grips({{6, 26}, {26, 26}, {6, 6}});
    } else {
        ic.line(Guide, {4, 16}, {28, 16});
        ic.path(Primary, Path().M({4, 28}).L({4, 16}).A(12, 12, false, true, {28, 16}));
        ic.grips({{4, 28}, {4, 16}, {28, 16}});
    }
}

void drawCircle(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {16, 16}, {28, 16});
        ic.line(Guide, {16, 4}, {16, 28});
        ic.circle(Primary, {16, 16}, 12);
        ic.grips({{16, 16}, {28, 16}});
    } else if (s == 1) {
        const P a = polar({16, 16}, 12, 135), b = polar({16, 16}, 12, -45);
        ic.line(Guide, a, b);
        ic.circle(Primary, {16, 16}, 12);
        ic.grips({a, b});
    } else {
        const P a = polar({16, 16}, 12, 90), b = polar({16, 16}, 12, 210), c = polar({16, 16}, 12, 330);
        ic.poly(Guide, {a, b, c}, true);
        ic.circle(Primary, {16, 16}, 12);
        ic.grips({a, b, c});
    }
}

void drawEllipse(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 16}, {28, 16});
        ic.line(Guide, {16, 8}, {16, 24});
        ic.ellipse(Primary, {16, 16}, 12, 8);
        ic.grips({{16, 16}, {28, 16}, {16, 8}});
    } else if (s == 1) {
        ic.line(Guide, {16, 4}, {16, 28});
        ic.line(Guide, {8, 16}, {24, 16});
        ic.ellipse(Primary, {16, 16}, 8, 12);
        ic.grips({{16, 4}, {16, 28}, {24, 16}});
    } else {
        ic.poly(Guide, {{4, 7}, {28, 7}, {28, 25}, {4, 25}}, true);
        ic.ellipse(Primary, {16, 16}, 12, 9);
        ic.grips({{4, 7}, {28, 25}});
    }
}

void drawRectangle(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 24}, {28, 8});
        ic.poly(Primary, {{4, 8}, {28, 8}, {28, 24}, {4, 24}}, true);
        ic.grips({{4, 24}, {28, 8}});
    } else if (s == 1) {
        ic.line(Guide, {6, 6}, {26, 26});
        ic.line(Guide, {6, 26}, {26, 6});
        ic.poly(Primary, {{6, 6}, {26, 6}, {26, 26}, {6, 26}}, true);
        ic.grips({{16, 16}, {26, 6}});
    } else {
        const QList<P> r{{4, 16}, {14, 6}, {26, 18}, {16, 28}};
        ic.line(Guide, {4, 16}, {26, 18});
        ic.poly(Primary, r, true);
        ic.grips({r[0], r[1], r[2]});
    }
}

QList<P> regular(P c, double r, int n, double startDeg)
{
    QList<P> pts;
    for (int i = 0; i < n; ++i)
        pts << polar(c, r, startDeg + 360.0 * i / n);
    return pts;
}

void drawPolygon(Icon &ic, int s)
{
    if (s == 0) {
        const QList<P> hex = regular({16, 16}, 12, 6, 0);
        ic.line(Guide, {16, 16}, hex[0]);
        ic.circle(Guide, {16, 16}, 12);
        ic.poly(Primary, hex, true);
        ic.grips({{16, 16}, hex[0]});
    } else if (s == 1) {
        const QList<P> pent = regular({16, 16.5}, 12, 5, 90);
        ic.line(Guide, {4, pent[2].y}, {28, pent[2].y});
        ic.poly(Primary, pent, true);
        ic.grips({pent[2], pent[3]});
    } else {
        const QList<P> tri{{16, 4}, {28, 26}, {4, 26}};
        ic.line(Guide, {16, 4}, {16, 26});
        ic.poly(Primary, tri, true);
        ic.grips(tri);
    }
}

void drawCurve(Icon &ic, int s)
{
    if (s == 0) {
        const QList<P> pts{{4, 24}, {12, 8}, {20, 22}, {28, 8}};
        ic.poly(Guide, pts);
        ic.path(Primary, Path::through(pts));
        ic.grips(pts);
    } else if (s == 1) {
        const P a{4, 26}, c1{10, 4}, c2{22, 28}, b{28, 6};
        ic.poly(Guide, {a, c1, c2, b});
        ic.path(Primary, Path().M(a).C(c1, c2, b));
        ic.grips({a, b});
    } else {
        // The original's example: a 3-point arch as two quadratics joined at the apex.
        ic.line(Guide, {4, 28}, {28, 28});
        ic.line(Guide, {16, 4}, {16, 28});
        ic.path(Primary, Path().M({4, 28}).Q({4, 4}, {16, 4}).Q({28, 4}, {28, 28}));
        ic.grips({{4, 28}, {16, 4}, {28, 28}});
    }
}

void drawSpline(Icon &ic, int s)
{
    if (s == 0) {
        const QList<P> pts{{4, 20}, {10, 8}, {16, 18}, {22, 8}, {28, 20}};
        ic.line(Guide, {4, 28}, {28, 28});
        ic.line(Guide, {4, 20}, {4, 28});
        ic.line(Guide, {28, 20}, {28, 28});
        ic.path(Primary, Path::through(pts));
        ic.grips(pts);
    } else if (s == 1) {
        const QList<P> pts{{16, 4}, {27, 13}, {20, 27}, {6, 22}};
        ic.poly(Guide, pts, true);
        ic.path(Primary, Path::through(pts, true));
        ic.grips(pts);
    } else {
        const P a{4, 22}, m{16, 14}, b{28, 6};
        ic.poly(Guide, {a, {8, 6}, {12, 10}, m, {20, 18}, {24, 28}, b});
        ic.path(Primary, Path().M(a).C({8, 6}, {12, 10}, m).C({20, 18}, {24, 28}, b));
        ic.grips({a, m, b});
    }
}

void drawPoint(Icon &ic, int s)
{
    auto cross = [&](P c, double r) {
        ic.line(Primary, {c.x - r, c.y - r}, {c.x + r, c.y + r});
        ic.line(Primary, {c.x - r, c.y + r}, {c.x + r, c.y - r});
    };
    if (s == 0) {
        ic.line(Guide, {4, 16}, {28, 16});
        ic.line(Guide, {16, 4}, {16, 28});
        cross({16, 16}, 4);
        ic.grip({16, 16});
    } else if (s == 1) {
        const QList<P> pts{{8, 22}, {16, 10}, {24, 20}};
        ic.line(Guide, {4, 28}, {28, 28});
        ic.poly(Guide, pts);
        for (const P &p : pts)
            cross(p, 3);
        ic.grips(pts);
    } else {
        ic.line(Guide, {4, 28}, {28, 4});
        cross({10, 22}, 3);
        cross({22, 10}, 3);
        ic.grips({{10, 22}, {22, 10}});
    }
}

void drawGrid(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 4}, {28, 28});
        for (double v = 4; v <= 28; v += 8) {
            ic.line(Primary, {v, 4}, {v, 28});
            ic.line(Primary, {4, v}, {28, v});
        }
        ic.grips({{4, 4}, {28, 28}});
    } else if (s == 1) {
        ic.line(Guide, {16, 16}, {28, 16});
        for (double r : {4.0, 8.0, 12.0})
            ic.circle(Primary, {16, 16}, r);
        for (int a = 0; a < 180; a += 45)
            ic.line(Primary, polar({16, 16}, 12, a), polar({16, 16}, 12, a + 180));
        ic.grips({{16, 16}, {28, 16}});
    } else {
        ic.line(Guide, {4, 28}, {28, 28});
        for (double x = 4; x <= 28; x += 6) {
            ic.line(Primary, {x, 28}, {x, 4});
        }
        ic.line(Primary, {4, 10}, {28, 22});
        ic.line(Primary, {4, 22}, {16, 28});
        ic.line(Primary, {4, 16}, {28, 28});
        ic.line(Primary, {16, 4}, {28, 10});
        ic.line(Primary, {4, 4}, {28, 16});
        ic.grips({{4, 28}, {28, 28}});
    }
}

void drawArch(Icon &ic, int s)
{
    if (s == 0) {
        drawCurve(ic, 2);
    } else if (s == 1) {
        ic.line(Guide, {4, 28}, {28, 28});
        ic.line(Guide, {16, 4}, {16, 28});
        ic.path(Primary, Path().M({4, 28}).Q({6, 12}, {16, 4}).Q({26, 12}, {28, 28}));
        ic.grips({{4, 28}, {16, 4}, {28, 28}});
    } else {
        // A segment of a circle of radius 20 through (4,24) and (28,24): centre (16,40), apex (16,20).
        ic.line(Guide, {4, 24}, {28, 24});
        ic.line(Guide, {16, 20}, {16, 28});
        ic.path(Primary, Path().M({4, 28}).L({4, 24}).A(20, 20, false, true, {28, 24}).L({28, 28}));
        ic.grips({{4, 24}, {16, 20}, {28, 24}});
    }
}

void drawSpiral(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Guide, {4, 16}, {28, 16});
        Path p;
        p.M({16, 16});
        const P centres[] = {{18, 16}, {16, 16}};
        double x = 16;
        for (int i = 0; i < 5; ++i) {
            const double r = 2.0 * (i + 1);
            const P c = centres[i % 2];
            x = (x < c.x) ? c.x + r : c.x - r;
            p.A(r, r, false, true, {x, 16});
        }
        ic.path(Primary, p);
        ic.grips({{16, 16}, {x, 16}});
    } else {
        ic.line(Guide, {16, 4}, {16, 28});
        Path p;
        p.M({8, 28});
        for (int i = 0; i < 3; ++i) {
            const double y0 = 28 - 8.0 * i;
            p.C({8, y0 - 4}, {24, y0 - 2}, {24, y0 - 4}).C({24, y0 - 6}, {8, y0 - 4}, {8, y0 - 8});
        }
        ic.path(Primary, p);
        ic.grips({{8, 28}, {8, 4}});
    }
}

// Modification tools: Context (the source) + Primary (the result) + Grips.

void drawOffset(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path().M({10, 28}).A(6, 6, false, true, {22, 28}));
        ic.path(Primary, Path().M({4, 28}).A(12, 12, false, true, {28, 28}));
        ic.grips({{16, 22}, {16, 16}});
    } else if (s == 1) {
        ic.poly(Context, {{12, 28}, {12, 16}, {28, 16}});
        ic.poly(Primary, {{4, 28}, {4, 8}, {28, 8}});
        ic.grips({{12, 16}, {4, 8}});
    } else {
        ic.path(Context, Path::through({{4, 16}, {10, 12}, {16, 16}, {22, 20}, {28, 16}}));
        ic.path(Primary, Path::through({{4, 8}, {10, 4}, {16, 8}, {22, 12}, {28, 8}}));
        ic.path(Primary, Path::through({{4, 24}, {10, 20}, {16, 24}, {22, 28}, {28, 24}}));
        ic.grips({{16, 16}, {16, 8}});
    }
}

void drawFillet(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {6, 4}, {6, 26});
        ic.line(Context, {6, 26}, {28, 26});
        ic.path(Primary, Path().M({6, 4}).L({6, 16}).A(10, 10, false, false, {16, 26}).L({28, 26}));
        ic.grips({{6, 16}, {16, 26}});
    } else if (s == 1) {
        // Fillet arc tangent to two circles: centres (10,20) and (22,20), r 6; fillet r 6.
        const double cy = 20 - std::sqrt(144.0 - 36.0);
        const P c{16, cy}, t1 = lerp(c, {10, 20}, 0.5), t2 = lerp(c, {22, 20}, 0.5);
        ic.circle(Context, {10, 20}, 6);
        ic.circle(Context, {22, 20}, 6);
        ic.path(Primary, Path().M(t1).A(6, 6, false, false, t2));
        ic.grips({t1, t2});
    } else {
        ic.poly(Context, {{4, 8}, {28, 8}, {28, 24}, {4, 24}}, true);
        ic.path(Primary, Path()
                             .M({8, 8})
                             .L({24, 8})
                             .A(4, 4, false, true, {28, 12})
                             .L({28, 20})
                             .A(4, 4, false, true, {24, 24})
                             .L({8, 24})
                             .A(4, 4, false, true, {4, 20})
                             .L({4, 12})
                             .A(4, 4, false, true, {8, 8})
                             .Z());
        ic.grips({{4, 12}, {8, 8}});
    }
}

void drawChamfer(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {6, 4}, {6, 26});
        ic.line(Context, {6, 26}, {28, 26});
        ic.poly(Primary, {{6, 4}, {6, 18}, {14, 26}, {28, 26}});
        ic.grips({{6, 18}, {14, 26}});
    } else if (s == 1) {
        ic.line(Context, {4, 6}, {26, 6});
        ic.line(Context, {26, 6}, {26, 28});
        ic.poly(Primary, {{4, 6}, {16, 6}, {26, 12}, {26, 28}});
        ic.grips({{16, 6}, {26, 12}});
    } else {
        ic.poly(Context, {{4, 6}, {28, 6}, {28, 26}, {4, 26}}, true);
        ic.poly(Primary, {{9, 6}, {23, 6}, {28, 11}, {28, 21}, {23, 26}, {9, 26}, {4, 21}, {4, 11}}, true);
        ic.grips({{4, 11}, {9, 6}});
    }
}

void drawTrim(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {16, 4}, {16, 28});
        ic.line(Context, {16, 16}, {28, 16});
        ic.line(Primary, {4, 16}, {16, 16});
        ic.grips({{16, 16}, {24, 16}});
    } else if (s == 1) {
        ic.circle(Context, {16, 16}, 8);
        ic.line(Context, {8, 16}, {24, 16});
        ic.line(Primary, {4, 16}, {8, 16});
        ic.line(Primary, {24, 16}, {28, 16});
        ic.grips({{8, 16}, {24, 16}, {16, 16}});
    } else {
        ic.line(Context, {4, 10}, {28, 10});
        ic.line(Context, {10, 4}, {10, 28});
        ic.poly(Primary, {{28, 10}, {10, 10}, {10, 28}});
        ic.grips({{10, 10}, {6, 10}, {10, 6}});
    }
}

void drawExtend(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {26, 4}, {26, 28});
        ic.line(Context, {4, 16}, {16, 16});
        ic.line(Primary, {4, 16}, {26, 16});
        ic.grips({{16, 16}, {26, 16}});
    } else if (s == 1) {
        ic.line(Context, {4, 26}, {28, 26});
        ic.path(Context, Path().M({6, 26}).A(10, 10, false, true, {16, 16}));
        ic.path(Primary, Path().M({6, 26}).A(10, 10, false, true, {26, 26}));
        ic.grips({{16, 16}, {26, 26}});
    } else {
        ic.line(Context, {4, 4}, {4, 28});
        ic.line(Context, {28, 4}, {28, 28});
        ic.line(Context, {12, 20}, {20, 12});
        ic.line(Primary, {4, 28}, {28, 4});
        ic.grips({{4, 28}, {28, 4}});
    }
}

void drawSplit(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {16, 4}, {16, 28});
        ic.line(Primary, {4, 16}, {14, 16});
        ic.line(Primary, {18, 16}, {28, 16});
        ic.grips({{16, 16}});
    } else if (s == 1) {
        ic.path(Context, Path().M({4, 24}).A(12, 12, false, true, {28, 24}));
        ic.path(Primary, Path().M({4, 24}).A(12, 12, false, true, {16, 12}));
        ic.path(Primary, Path().M({16, 12}).A(12, 12, false, true, {28, 24}));
        ic.grips({{16, 12}, {4, 24}, {28, 24}});
    } else {
        const P a = polar({16, 16}, 12, 150), b = polar({16, 16}, 12, -30);
        ic.line(Context, a, b);
        ic.path(Primary, Path().M(a).A(12, 12, false, true, b));
        ic.path(Context, Path().M(b).A(12, 12, false, true, a));
        ic.grips({a, b});
    }
}

void drawJoin(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {4, 24}, {14, 10});
        ic.line(Context, {14, 10}, {28, 18});
        ic.poly(Primary, {{4, 24}, {14, 10}, {28, 18}});
        ic.grips({{4, 24}, {14, 10}, {28, 18}});
    } else if (s == 1) {
        ic.path(Context, Path().M({4, 20}).Q({4, 8}, {16, 8}));
        ic.path(Context, Path().M({16, 8}).Q({28, 8}, {28, 20}));
        ic.path(Primary, Path().M({4, 20}).Q({4, 8}, {16, 8}).Q({28, 8}, {28, 20}).L({28, 28}));
        ic.grips({{16, 8}, {28, 20}});
    } else {
        const QList<P> tri{{16, 4}, {28, 26}, {4, 26}};
        ic.line(Context, tri[0], tri[1]);
        ic.line(Context, tri[1], tri[2]);
        ic.poly(Primary, tri, true);
        ic.grips(tri);
    }
}

void drawMirror(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {16, 4}, {16, 28});
        ic.poly(Context, {{6, 24}, {6, 8}, {13, 16}}, true);
        ic.poly(Primary, {{26, 24}, {26, 8}, {19, 16}}, true);
        ic.grips({{16, 4}, {16, 28}});
    } else if (s == 1) {
        ic.line(Context, {4, 28}, {28, 4});
        ic.path(Context, Path().M({4, 20}).Q({8, 8}, {14, 10}));
        ic.path(Primary, Path().M({12, 28}).Q({24, 24}, {22, 18}));
        ic.grips({{4, 28}, {28, 4}, {4, 20}});
    } else {
        ic.line(Context, {4, 16}, {28, 16});
        ic.path(Context, Path().M({6, 14}).A(10, 10, false, true, {26, 14}));
        ic.path(Primary, Path().M({6, 18}).A(10, 10, false, false, {26, 18}));
        ic.grips({{4, 16}, {28, 16}});
    }
}

void drawRotate(Icon &ic, int s)
{
    if (s == 0) {
        const P pivot{8, 24};
        ic.poly(Context, {{8, 24}, {24, 24}, {24, 18}, {8, 18}}, true);
        const QList<P> rotated{pivot, polar(pivot, 16, 30), polar(polar(pivot, 16, 30), 6, 120),
                               polar(pivot, 6, 120)};
        ic.poly(Primary, rotated, true);
        ic.grips({pivot, {24, 24}, rotated[1]});
    } else if (s == 1) {
        const P c{16, 16};
        ic.line(Context, {4, 16}, {28, 16});
        ic.line(Primary, polar(c, 12, 60), polar(c, 12, 240));
        ic.path(Context, Path().M({28, 16}).A(12, 12, false, false, polar(c, 12, 60)));
        ic.grips({c, {28, 16}, polar(c, 12, 60)});
    } else {
        const P c{16, 16};
        const QList<P> sq = regular(c, 10, 4, 0);
        const QList<P> turned = regular(c, 10, 4, 30);
        ic.poly(Context, sq, true);
        ic.poly(Primary, turned, true);
        ic.grips({sq[0], turned[0]});
    }
}

void drawScale(Icon &ic, int s)
{
    if (s == 0) {
        ic.poly(Context, {{4, 28}, {12, 28}, {12, 20}, {4, 20}}, true);
        ic.poly(Primary, {{4, 28}, {28, 28}, {28, 4}, {4, 4}}, true);
        ic.line(Context, {4, 28}, {28, 4});
        ic.grips({{4, 28}, {12, 20}, {28, 4}});
    } else if (s == 1) {
        ic.circle(Context, {16, 16}, 6);
        ic.ellipse(Primary, {16, 16}, 12, 6);
        ic.line(Context, {16, 16}, {28, 16});
        ic.grips({{16, 16}, {22, 16}, {28, 16}});
    } else {
        ic.poly(Context, {{12, 12}, {20, 12}, {20, 20}, {12, 20}}, true);
        ic.poly(Primary, {{4, 4}, {28, 4}, {28, 28}, {4, 28}}, true);
        ic.line(Context, {16, 16}, {28, 4});
        ic.grips({{16, 16}, {20, 12}, {28, 4}});
    }
}

void drawMove(Icon &ic, int s)
{
    if (s == 0) {
        ic.poly(Context, {{4, 28}, {12, 28}, {12, 20}, {4, 20}}, true);
        ic.poly(Primary, {{20, 12}, {28, 12}, {28, 4}, {20, 4}}, true);
        ic.line(Context, {12, 20}, {20, 12});
        ic.grips({{12, 20}, {20, 12}});
    } else if (s == 1) {
        ic.circle(Context, {10, 22}, 6);
        ic.circle(Primary, {22, 10}, 6);
        ic.line(Context, {10, 22}, {22, 10});
        ic.grips({{10, 22}, {22, 10}});
    } else {
        ic.poly(Context, {{4, 28}, {16, 28}, {10, 18}}, true);
        ic.poly(Primary, {{16, 14}, {28, 14}, {22, 4}}, true);
        ic.line(Context, {16, 28}, {28, 14});
        ic.grips({{16, 28}, {28, 14}});
    }
}

void drawCopy(Icon &ic, int s)
{
    if (s == 0) {
        ic.poly(Context, {{4, 28}, {12, 28}, {12, 20}, {4, 20}}, true);
        ic.poly(Primary, {{12, 20}, {20, 20}, {20, 12}, {12, 12}}, true);
        ic.poly(Primary, {{20, 12}, {28, 12}, {28, 4}, {20, 4}}, true);
        ic.grips({{4, 28}, {12, 20}, {20, 12}});
    } else if (s == 1) {
        ic.circle(Context, {8, 16}, 4);
        ic.circle(Primary, {24, 16}, 4);
        ic.line(Context, {4, 16}, {28, 16});
        ic.grips({{4, 16}, {20, 16}});
    } else {
        ic.poly(Context, {{4, 12}, {10, 4}, {16, 12}}, true);
        ic.poly(Primary, {{16, 28}, {22, 20}, {28, 28}}, true);
        ic.poly(Primary, {{4, 28}, {10, 20}, {16, 28}}, true);
        ic.line(Context, {4, 12}, {4, 28});
        ic.grips({{4, 12}, {4, 28}, {16, 28}});
    }
}

void drawArray(Icon &ic, int s)
{
    if (s == 0) {
        for (int r = 0; r < 3; ++r) {
            for (int c = 0; c < 3; ++c) {
                const double x = 4 + 9.0 * c, y = 4 + 9.0 * r;
                ic.poly(r == 2 && c == 0 ? Context : Primary,
                        {{x, y}, {x + 6, y}, {x + 6, y + 6}, {x, y + 6}}, true);
            }
        }
        ic.grips({{4, 28}, {28, 4}});
    } else if (s == 1) {
        ic.line(Context, {4, 16}, {28, 16});
        ic.circle(Context, {7, 16}, 3);
        for (double x : {13.0, 19.0, 25.0})
            ic.circle(Primary, {x, 16}, 3);
        ic.grips({{4, 16}, {28, 16}});
    } else {
        ic.path(Context, Path().M({6, 26}).A(20, 20, false, true, {26, 6}));
        for (int i = 0; i <= 4; ++i) {
            const P p = polar({26, 26}, 20, 180 - 90.0 * i / 4);
            ic.circle(i == 0 ? Context : Primary, p, 2);
        }
        ic.grips({{6, 26}, {26, 6}});
    }
}

void drawPolarArray(Icon &ic, int s)
{
    const P c{16, 16};
    if (s == 0) {
        ic.circle(Context, c, 9);
        ic.line(Context, c, {16, 10});
        for (int i = 0; i < 6; ++i)
            ic.circle(i == 0 ? Context : Primary, polar(c, 9, 90 + 60.0 * i), 3);
        ic.grips({c, polar(c, 9, 90)});
    } else if (s == 1) {
        for (int i = 0; i < 8; ++i)
            ic.line(i == 0 ? Context : Primary, polar(c, 5, 45.0 * i), polar(c, 12, 45.0 * i));
        ic.circle(Context, c, 5);
        ic.line(Context, c, polar(c, 5, 0));
        ic.grips({c, polar(c, 12, 0)});
    } else {
        ic.path(Context, Path().M(polar(c, 12, 180)).A(12, 12, false, true, polar(c, 12, 0)));
        ic.line(Context, polar(c, 12, 180), polar(c, 12, 0));
        for (int i = 0; i < 5; ++i) {
            const P p = polar(c, 12, 180 - 45.0 * i);
            ic.poly(i == 0 ? Context : Primary, {p, lerp(p, c, 0.35)});
        }
        ic.grips({c, polar(c, 12, 180), polar(c, 12, 0)});
    }
}

void drawExtrude(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path().M({4, 28}).Q({10, 20}, {16, 24}).Q({22, 28}, {24, 22}));
        ic.path(Primary, Path().M({8, 12}).Q({14, 4}, {20, 8}).Q({26, 12}, {28, 6}));
        ic.line(Primary, {4, 28}, {8, 12});
        ic.line(Primary, {24, 22}, {28, 6});
        ic.grips({{4, 28}, {8, 12}});
    } else if (s == 1) {
        const QList<P> base{{4, 24}, {16, 28}, {28, 24}, {16, 20}};
        ic.poly(Context, base, true);
        ic.poly(Primary, {{4, 12}, {16, 16}, {28, 12}, {16, 8}}, true);
        for (const P &p : {P{4, 24}, P{16, 28}, P{28, 24}})
            ic.line(Primary, p, {p.x, p.y - 12});
        ic.grips({{16, 28}, {16, 16}});
    } else {
        ic.ellipse(Context, {16, 25}, 12, 3);
        ic.ellipse(Primary, {16, 7}, 6, 1.5);
        ic.line(Primary, {4, 25}, {10, 7});
        ic.line(Primary, {28, 25}, {22, 7});
        ic.grips({{16, 28}, {16, 8.5}});
    }
}

void drawLoft(Icon &ic, int s)
{
    if (s == 0) {
        ic.ellipse(Context, {16, 6}, 8, 2);
        ic.ellipse(Context, {16, 16}, 12, 3);
        ic.ellipse(Context, {16, 26}, 6, 2);
        ic.path(Primary, Path::through({{8, 6}, {4, 16}, {10, 26}}));
        ic.path(Primary, Path::through({{24, 6}, {28, 16}, {22, 26}}));
        ic.grips({{8, 6}, {4, 16}, {10, 26}});
    } else {
        ic.path(Context, Path().M({4, 24}).Q({10, 18}, {16, 24}).Q({22, 30 - 2}, {28, 24}));
        ic.path(Context, Path().M({4, 8}).Q({10, 14}, {16, 8}).Q({22, 4}, {28, 8}));
        for (double x : {4.0, 16.0, 28.0})
            ic.line(Primary, {x, 24}, {x, 8});
        ic.grips({{4, 24}, {4, 8}});
    }
}

void drawSweep(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path().M({6, 26}).Q({6, 6}, {26, 6}));
        ic.circle(Context, {6, 26}, 2);
        ic.path(Primary, Path().M({4, 26}).Q({4, 4}, {26, 4}));
        ic.path(Primary, Path().M({8, 26}).Q({8, 8}, {26, 8}));
        ic.grips({{6, 26}, {26, 6}});
    } else {
        ic.path(Context, Path().M({4, 28}).Q({16, 20}, {28, 28}));
        ic.path(Context, Path().M({4, 8}).Q({16, 4}, {28, 8}));
        ic.line(Context, {4, 28}, {4, 8});
        ic.path(Primary, Path().M({16, 24}).L({16, 6}));
        ic.line(Primary, {28, 28}, {28, 8});
        ic.grips({{4, 28}, {4, 8}});
    }
}

void drawRevolve(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {16, 4}, {16, 28});
        ic.path(Context, Path().M({16, 6}).Q({26, 10}, {22, 16}).Q({18, 22}, {26, 26}));
        ic.ellipse(Primary, {16, 6}, 2, 1);
        ic.path(Primary, Path().M({16, 6}).Q({6, 10}, {10, 16}).Q({14, 22}, {6, 26}));
        ic.ellipse(Primary, {16, 26}, 10, 2);
        ic.grips({{16, 4}, {16, 28}});
    } else {
        ic.line(Context, {4, 28}, {28, 28});
        ic.poly(Context, {{10, 28}, {10, 14}, {16, 8}});
        ic.path(Primary, Path().M({10, 28}).A(6, 6, false, true, {22, 28}));
        ic.path(Primary, Path().M({10, 14}).A(6, 6, false, true, {22, 14}));
        ic.poly(Primary, {{22, 28}, {22, 14}, {16, 8}});
        ic.grips({{4, 28}, {28, 28}});
    }
}

void drawDivide(Icon &ic, int s)
{
    if (s == 0) {
        const P a{4, 24}, c{16, 0 + 4}, b{28, 24};
        ic.path(Context, Path().M(a).Q(c, b));
        for (int i = 1; i < 4; ++i) {
            const P p = quadAt(a, c, b, i / 4.0);
            ic.line(Primary, {p.x, p.y - 2}, {p.x, p.y + 2});
        }
        ic.grips({a, b});
    } else {
        ic.line(Context, {4, 16}, {28, 16});
        for (double x : {10.0, 16.0, 22.0})
            ic.line(Primary, {x, 12}, {x, 20});
        ic.grips({{4, 16}, {28, 16}});
    }
}

void drawProject(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path().M({6, 10}).Q({16, 4}, {26, 10}));
        ic.poly(Context, {{4, 20}, {20, 20}, {28, 28}, {12, 28}}, true);
        ic.path(Primary, Path().M({8, 22}).Q({16, 19}, {24, 26}));
        ic.line(Context, {6, 10}, {8, 22});
        ic.grips({{6, 10}, {26, 10}});
    } else {
        ic.circle(Context, {16, 8}, 4);
        ic.line(Context, {4, 26}, {28, 26});
        ic.line(Primary, {12, 26}, {20, 26});
        ic.line(Context, {12, 8}, {12, 26});
        ic.line(Context, {20, 8}, {20, 26});
        ic.grips({{12, 26}, {20, 26}});
    }
}

// Two overlapping circles (12,16) and (20,16), r 8: they cross at (16, 16 ± h).
const double kLensH = std::sqrt(64.0 - 16.0);

void drawIntersect(Icon &ic, int s)
{
    const P top{16, 16 - kLensH}, bottom{16, 16 + kLensH};
    if (s == 0) {
        ic.circle(Context, {12, 16}, 8);
        ic.circle(Context, {20, 16}, 8);
        ic.path(Primary, Path().M(top).A(8, 8, false, true, bottom).A(8, 8, false, true, top).Z());
        ic.grips({top, bottom});
    } else {
        ic.line(Context, {4, 26}, {28, 6});
        ic.line(Context, {4, 8}, {28, 24});
        const double t = (8.0 - 26.0) / ((6.0 - 26.0) - (24.0 - 8.0)); // where the lines cross
        const P x{4 + 24 * t, 26 + (6 - 26) * t};
        ic.line(Primary, {x.x - 3, x.y - 3}, {x.x + 3, x.y + 3});
        ic.line(Primary, {x.x - 3, x.y + 3}, {x.x + 3, x.y - 3});
        ic.grips({x});
    }
}

void drawUnion(Icon &ic, int s)
{
    const P top{16, 16 - kLensH}, bottom{16, 16 + kLensH};
    if (s == 0) {
        ic.circle(Context, {12, 16}, 8);
        ic.circle(Context, {20, 16}, 8);
        ic.path(Primary, Path().M(top).A(8, 8, true, false, bottom).A(8, 8, true, false, top).Z());
        ic.grips({top, bottom});
    } else {
        ic.poly(Context, {{4, 4}, {20, 4}, {20, 20}, {4, 20}}, true);
        ic.poly(Context, {{12, 12}, {28, 12}, {28, 28}, {12, 28}}, true);
        ic.poly(Primary, {{4, 4}, {20, 4}, {20, 12}, {28, 12}, {28, 28}, {12, 28}, {12, 20}, {4, 20}}, true);
        ic.grips({{20, 12}, {12, 20}});
    }
}

void drawDifference(Icon &ic, int s)
{
    const P top{16, 16 - kLensH}, bottom{16, 16 + kLensH};
    if (s == 0) {
        ic.circle(Context, {12, 16}, 8);
        ic.circle(Context, {20, 16}, 8);
        ic.path(Primary, Path().M(top).A(8, 8, true, false, bottom).A(8, 8, false, true, top).Z());
        ic.grips({top, bottom});
    } else {
        ic.poly(Context, {{4, 4}, {20, 4}, {20, 20}, {4, 20}}, true);
        ic.poly(Context, {{12, 12}, {28, 12}, {28, 28}, {12, 28}}, true);
        ic.poly(Primary, {{4, 4}, {20, 4}, {20, 12}, {12, 12}, {12, 20}, {4, 20}}, true);
        ic.grips({{20, 12}, {12, 20}});
    }
}

void drawContour(Icon &ic, int s)
{
    if (s == 0) {
        ic.ellipse(Context, {16, 16}, 12, 12);
        for (double y : {8.0, 12.0, 16.0, 20.0, 24.0}) {
            const double dx = std::sqrt(144.0 - (y - 16) * (y - 16));
            ic.line(Primary, {16 - dx, y}, {16 + dx, y});
        }
        ic.grips({{16, 4}, {16, 28}});
    } else {
        ic.path(Context, Path::through({{4, 28}, {10, 10}, {16, 4}, {24, 12}, {28, 28}}));
        ic.ellipse(Primary, {16, 14}, 6, 4);
        ic.ellipse(Primary, {16, 16}, 10, 7);
        ic.ellipse(Primary, {16, 18}, 12, 10);
        ic.grips({{16, 4}, {16, 28}});
    }
}

void drawBlend(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {4, 26}, {12, 26});
        ic.line(Context, {20, 6}, {28, 6});
        ic.path(Primary, Path().M({12, 26}).C({20, 26}, {12, 6}, {20, 6}));
        ic.grips({{12, 26}, {20, 6}});
    } else {
        ic.path(Context, Path().M({4, 28}).A(8, 8, false, true, {12, 20}));
        ic.path(Context, Path().M({20, 12}).A(8, 8, false, true, {28, 4}));
        ic.path(Primary, Path().M({12, 20}).C({15, 17}, {17, 15}, {20, 12}));
        ic.grips({{12, 20}, {20, 12}});
    }
}

void drawExplode(Icon &ic, int s)
{
    if (s == 0) {
        ic.poly(Context, {{4, 8}, {28, 8}, {28, 24}, {4, 24}}, true);
        ic.line(Primary, {7, 8}, {25, 8});
        ic.line(Primary, {28, 11}, {28, 21});
        ic.line(Primary, {25, 24}, {7, 24});
        ic.line(Primary, {4, 21}, {4, 11});
        ic.grips({{4, 8}, {28, 8}, {28, 24}, {4, 24}});
    } else {
        const QList<P> tri{{16, 4}, {28, 26}, {4, 26}};
        ic.poly(Context, tri, true);
        ic.line(Primary, lerp(tri[0], tri[1], 0.15), lerp(tri[0], tri[1], 0.85));
        ic.line(Primary, lerp(tri[1], tri[2], 0.15), lerp(tri[1], tri[2], 0.85));
        ic.line(Primary, lerp(tri[2], tri[0], 0.15), lerp(tri[2], tri[0], 0.85));
        ic.grips(tri);
    }
}

// Analysis tools: Context (what is measured) + Grips (the measured points); nothing in Primary.

void drawDistance(Icon &ic, int s)
{
    if (s == 0) {
        ic.line(Context, {4, 24}, {28, 8});
        ic.line(Context, {4, 20}, {4, 28});
        ic.line(Context, {28, 4}, {28, 12});
        ic.grips({{4, 24}, {28, 8}});
    } else if (s == 1) {
        ic.circle(Context, {9, 23}, 5);
        ic.circle(Context, {23, 9}, 5);
        const P a = polar({9, 23}, 5, 45), b = polar({23, 9}, 5, 225);
        ic.line(Context, a, b);
        ic.grips({a, b});
    } else {
        ic.line(Context, {4, 12}, {4, 28});
        ic.line(Context, {28, 12}, {28, 28});
        ic.line(Context, {4, 16}, {28, 16});
        ic.grips({{4, 16}, {28, 16}});
    }
}

void drawAngle(Icon &ic, int s)
{
    if (s == 0) {
        const P v{4, 28};
        ic.line(Context, v, {28, 28});
        ic.line(Context, v, polar(v, 24, 50));
        ic.path(Context, Path().M({20, 28}).A(16, 16, false, false, polar(v, 16, 50)));
        ic.grips({v, {28, 28}, polar(v, 24, 50)});
    } else if (s == 1) {
        const P v{16, 16};
        ic.line(Context, {4, 16}, {28, 16});
        ic.line(Context, polar(v, 12, 120), polar(v, 12, 300));
        ic.path(Context, Path().M({24, 16}).A(8, 8, false, false, polar(v, 8, 120)));
        ic.grips({v, polar(v, 8, 120), {24, 16}});
    } else {
        const QList<P> pts{{4, 24}, {16, 6}, {28, 24}};
        ic.poly(Context, pts);
        const P from = lerp(pts[1], pts[0], 0.4), to = lerp(pts[1], pts[2], 0.4);
        const double r = std::hypot(from.x - pts[1].x, from.y - pts[1].y);
        ic.path(Context, Path().M(from).A(r, r, false, false, to));
        ic.grips(pts);
    }
}

void drawArea(Icon &ic, int s)
{
    if (s == 0) {
        const QList<P> shape{{4, 26}, {8, 6}, {24, 4}, {28, 20}, {16, 28}};
        ic.poly(Context, shape, true);
        ic.line(Context, {6, 16}, {26, 12});
        ic.line(Context, {16, 5}, {16, 28});
        ic.grips({{16, 14}});
    } else {
        ic.circle(Context, {16, 16}, 12);
        for (int k = -2; k <= 2; ++k) {
            const double y = 16 + 5.0 * k;
            const double dx = std::sqrt(144.0 - (y - 16) * (y - 16));
            ic.line(Context, {16 - dx, y}, {16 + dx, y});
        }
        ic.grips({{16, 16}});
    }
}

void drawCurvature(Icon &ic, int s)
{
    if (s == 0) {
        // An arch of tangent-continuous pieces; at its apex the osculating circle is the arc's circle.
        ic.path(Context, Path().M({6, 28}).L({6, 18}).A(10, 10, false, true, {26, 18}).L({26, 28}));
        ic.circle(Context, {16, 18}, 10);
        ic.line(Context, {16, 8}, {16, 18});
        ic.grips({{16, 8}});
    } else if (s == 1) {
        const P a{4, 24}, c1{10, 4}, c2{22, 28}, b{28, 8};
        ic.path(Context, Path().M(a).C(c1, c2, b));
        for (int i = 1; i < 8; ++i) {
            const double t = i / 8.0;
            const P p = cubicAt(a, c1, c2, b, t);
            const P d = cubicAt(a, c1, c2, b, std::min(1.0, t + 0.01)) - p;
            const double len = std::hypot(d.x, d.y);
            const double k = 3.0 * std::abs(std::sin(kPi * t * 2));
            ic.line(Context, p, clampIn({p.x - d.y / len * k, p.y + d.x / len * k}));
        }
        ic.grips({a, b});
    } else {
        ic.path(Context, Path().M({4, 28}).Q({4, 4}, {28, 4}));
        const P p = quadAt({4, 28}, {4, 4}, {28, 4}, 0.5);
        ic.line(Context, p, {24, 24});
        ic.grips({p});
    }
}

void drawLength(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path::through({{4, 24}, {12, 10}, {20, 20}, {28, 6}}));
        ic.grips({{4, 24}, {28, 6}});
    } else {
        ic.path(Context, Path().M({4, 28}).A(24, 24, false, true, {28, 4}));
        ic.line(Context, {4, 28}, {4, 4});
        ic.line(Context, {4, 4}, {28, 4});
        ic.grips({{4, 28}, {28, 4}});
    }
}

void drawRadius(Icon &ic, int s)
{
    if (s == 0) {
        ic.circle(Context, {16, 16}, 12);
        ic.line(Context, {16, 16}, polar({16, 16}, 12, 45));
        ic.grips({polar({16, 16}, 12, 45)});
    } else {
        ic.path(Context, Path().M({4, 28}).A(24, 24, false, true, {28, 4}));
        ic.line(Context, {28, 28}, polar({28, 28}, 24, 135));
        ic.grips({polar({28, 28}, 24, 135)});
    }
}

void drawClosestPoint(Icon &ic, int s)
{
    if (s == 0) {
        ic.path(Context, Path().M({4, 24}).A(12, 12, false, true, {28, 24}));
        ic.line(Context, {16, 24}, {16, 12});
        ic.line(Context, {14, 24}, {18, 24});
        ic.grips({{16, 12}});
    } else {
        ic.line(Context, {4, 26}, {28, 6});
        const P q{8, 8};
        // Foot of the perpendicular from q to the line.
        const P a{4, 26}, d{24, -20};
        const double t = ((q.x - a.x) * d.x + (q.y - a.y) * d.y) / (d.x * d.x + d.y * d.y);
        const P foot = a + d * t;
        ic.line(Context, q, foot);
        ic.circle(Context, q, 1.5);
        ic.grips({foot});
    }
}

const QList<Entry> &catalogue()
{
    using T = ToolType;
    auto S = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *s : list)
            out << QString::fromUtf8(s);
        return out;
    };
    static const QList<Entry> entries{
        // Drawing
        {{QStringLiteral("line"), T::Drawing, S({"line", "segment", "straight line"}),
          S({"Line", "Line (From Midpoint)", "Line (Angled)"})},
         drawLine},
        {{QStringLiteral("polyline"), T::Drawing, S({"polyline", "pline", "polygonal line", "zigzag"}),
          S({"Polyline", "Polyline (Closed)", "Polyline (Orthogonal)"})},
         drawPolyline},
        {{QStringLiteral("arc"), T::Drawing, S({"arc", "3-point arc", "three point arc"}),
          S({"Arc (3-Point)", "Arc (Center)", "Arc (Tangent)"})},
         drawArc},
        {{QStringLiteral("circle"), T::Drawing, S({"circle", "round", "ring"}),
          S({"Circle (Center, Radius)", "Circle (2-Point)", "Circle (3-Point)"})},
         drawCircle},
        {{QStringLiteral("ellipse"), T::Drawing, S({"ellipse", "oval", "elliptical"}),
          S({"Ellipse", "Ellipse (Diameter)", "Ellipse (Bounding Box)"})},
         drawEllipse},
        {{QStringLiteral("rectangle"), T::Drawing, S({"rectangle", "rect", "square", "rectangular"}),
          S({"Rectangle (Corner)", "Rectangle (Center)", "Rectangle (3-Point)"})},
         drawRectangle},
        {{QStringLiteral("polygon"), T::Drawing, S({"polygon", "hexagon", "pentagon", "triangle", "octagon"}),
          S({"Polygon (Center)", "Polygon (Edge)", "Polygon (Triangle)"})},
         drawPolygon},
        {{QStringLiteral("curve"), T::Drawing,
          S({"curve", "interpolate", "interpolated", "freeform", "bezier"}),
          S({"Curve (Interpolated)", "Curve (Control Points)", "Curve (3-Point)"})},
         drawCurve},
        {{QStringLiteral("spline"), T::Drawing, S({"spline", "nurbs"}),
          S({"Spline", "Spline (Closed)", "Spline (Degree 3)"})},
         drawSpline},
        {{QStringLiteral("point"), T::Drawing, S({"point", "points", "dot", "vertex", "node"}),
          S({"Point", "Point (Multiple)", "Point (Two)"})},
         drawPoint},
        {{QStringLiteral("grid"), T::Drawing, S({"grid", "lattice", "mesh grid"}),
          S({"Grid", "Grid (Polar)", "Grid (Skewed)"})},
         drawGrid},
        {{QStringLiteral("arch"), T::Drawing, S({"arch", "vault"}),
          S({"Arch", "Arch (Pointed)", "Arch (Segmental)"})},
         drawArch},
        {{QStringLiteral("spiral"), T::Drawing, S({"spiral", "helix", "coil"}), S({"Spiral", "Helix"})},
         drawSpiral},
        // Modification
        {{QStringLiteral("offset"), T::Modification, S({"offset", "parallel", "inset", "outset"}),
          S({"Offset", "Offset (Polyline)", "Offset (Both Sides)"})},
         drawOffset},
        {{QStringLiteral("fillet"), T::Modification,
          S({"fillet", "round corner", "rounded corner", "round corners"}),
          S({"Fillet", "Fillet (Tangent)", "Fillet (Chain)"})},
         drawFillet},
        {{QStringLiteral("chamfer"), T::Modification, S({"chamfer", "bevel"}),
          S({"Chamfer", "Chamfer (Distance)", "Chamfer (All Corners)"})},
         drawChamfer},
        {{QStringLiteral("trim"), T::Modification, S({"trim", "cut off", "trimming"}),
          S({"Trim", "Trim (Inside)", "Trim (Corner)"})},
         drawTrim},
        {{QStringLiteral("extend"), T::Modification, S({"extend", "extension", "lengthen"}),
          S({"Extend", "Extend (Curve)", "Extend (Both Ends)"})},
         drawExtend},
        {{QStringLiteral("split"), T::Modification, S({"split", "break", "cut"}),
          S({"Split", "Split (At Point)", "Split (Closed Curve)"})},
         drawSplit},
        {{QStringLiteral("join"), T::Modification, S({"join", "merge", "connect", "combine"}),
          S({"Join", "Join (Curves)", "Join (Closed)"})},
         drawJoin},
        {{QStringLiteral("mirror"), T::Modification,
          S({"mirror", "reflect", "reflection", "symmetry", "mirroring"}),
          S({"Mirror", "Mirror (Diagonal)", "Mirror (Horizontal)"})},
         drawMirror},
        {{QStringLiteral("rotate"), T::Modification, S({"rotate", "rotation", "turn", "rotating"}),
          S({"Rotate", "Rotate (Reference)", "Rotate (Center)"})},
         drawRotate},
        {{QStringLiteral("scale"), T::Modification, S({"scale", "resize", "scaling", "enlarge", "shrink"}),
          S({"Scale", "Scale (1D)", "Scale (Center)"})},
         drawScale},
        {{QStringLiteral("move"), T::Modification, S({"move", "translate", "drag", "moving"}),
          S({"Move", "Move (Circle)", "Move (Triangle)"})},
         drawMove},
        {{QStringLiteral("copy"), T::Modification, S({"copy", "duplicate", "clone"}),
          S({"Copy", "Copy (Along Line)", "Copy (Multiple)"})},
         drawCopy},
        {{QStringLiteral("polar-array"), T::Modification,
          S({"polar array", "radial array", "circular array", "polar pattern", "circular pattern"}),
          S({"Polar Array", "Polar Array (Lines)", "Polar Array (Partial)"})},
         drawPolarArray},
        {{QStringLiteral("array"), T::Modification,
          S({"array", "pattern", "rectangular array", "linear array"}),
          S({"Array (Rectangular)", "Array (Linear)", "Array (Along Curve)"})},
         drawArray},
        {{QStringLiteral("extrude"), T::Modification, S({"extrude", "extrusion", "extruded"}),
          S({"Extrude", "Extrude (Closed Curve)", "Extrude (Tapered)"})},
         drawExtrude},
        {{QStringLiteral("loft"), T::Modification, S({"loft", "lofted", "skin"}),
          S({"Loft", "Loft (Two Curves)"})},
         drawLoft},
        {{QStringLiteral("sweep"), T::Modification, S({"sweep", "swept", "pipe"}),
          S({"Sweep (1 Rail)", "Sweep (2 Rails)"})},
         drawSweep},
        {{QStringLiteral("revolve"), T::Modification, S({"revolve", "revolution", "lathe", "revolved"}),
          S({"Revolve", "Revolve (Profile)"})},
         drawRevolve},
        {{QStringLiteral("divide"), T::Modification, S({"divide", "division", "subdivide"}),
          S({"Divide (Curve)", "Divide (Line)"})},
         drawDivide},
        {{QStringLiteral("project"), T::Modification, S({"project", "projection", "projected"}),
          S({"Project", "Project (Outline)"})},
         drawProject},
        {{QStringLiteral("intersect"), T::Modification,
          S({"intersect", "intersection", "boolean intersection"}), S({"Intersect", "Intersect (Curves)"})},
         drawIntersect},
        {{QStringLiteral("union"), T::Modification, S({"union", "boolean union", "unite"}),
          S({"Union", "Union (Regions)"})},
         drawUnion},
        {{QStringLiteral("difference"), T::Modification,
          S({"difference", "subtract", "boolean difference", "subtraction"}),
          S({"Difference", "Difference (Regions)"})},
         drawDifference},
        {{QStringLiteral("contour"), T::Modification,
          S({"contour", "contours", "isoline", "section", "slice"}), S({"Contour", "Contour (Terrain)"})},
         drawContour},
        {{QStringLiteral("blend"), T::Modification, S({"blend", "blend curve", "bridge"}),
          S({"Blend Curve", "Blend Curve (Arcs)"})},
         drawBlend},
        {{QStringLiteral("explode"), T::Modification, S({"explode", "decompose", "ungroup"}),
          S({"Explode", "Explode (Triangle)"})},
         drawExplode},
        // Analysis
        {{QStringLiteral("distance"), T::Analysis, S({"distance", "measure", "dimension", "gap"}),
          S({"Distance", "Distance (Between Curves)", "Distance (Horizontal)"})},
         drawDistance},
        {{QStringLiteral("angle"), T::Analysis, S({"angle", "angular", "degrees"}),
          S({"Angle", "Angle (Between Lines)", "Angle (3-Point)"})},
         drawAngle},
        {{QStringLiteral("area"), T::Analysis, S({"area", "centroid", "surface area"}),
          S({"Area", "Area (Circle)"})},
         drawArea},
        {{QStringLiteral("curvature"), T::Analysis, S({"curvature", "curvature comb", "osculating"}),
          S({"Curvature (Circle)", "Curvature (Comb)", "Curvature (Normal)"})},
         drawCurvature},
        {{QStringLiteral("length"), T::Analysis, S({"length", "curve length", "perimeter"}),
          S({"Length", "Length (Arc)"})},
         drawLength},
        {{QStringLiteral("radius"), T::Analysis, S({"radius", "diameter"}), S({"Radius", "Radius (Arc)"})},
         drawRadius},
        {{QStringLiteral("closest-point"), T::Analysis,
          S({"closest point", "nearest point", "evaluate", "closest"}),
          S({"Closest Point", "Closest Point (Line)"})},
         drawClosestPoint},
    };
    return entries;
}

// --- Prompts without a known tool ----------------------------------------------------------------

quint64 hashPrompt(const QString &text)
{
    quint64 h = 1469598103934665603ULL; // FNV-1a over the normalised UTF-16
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return h;
}

class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL); // splitmix64
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform(double lo, double hi)
    {
        return lo + (hi - lo) * double(next() >> 11) / double(1ULL << 53);
    }
    double grid(double lo, double hi) { return std::round(uniform(lo, hi)); } // whole units keep icons crisp

private:
    quint64 m_state;
};

// A composition for any prompt: the family (drawing, modification, analysis) and its shape come from
// the prompt's hash, and each variant takes the next family.
ToolType composeUnknown(Icon &ic, quint64 seed, int variant)
{
    Rng rng(seed + quint64(variant) * 0x632BE59BD9B4E019ULL);
    const int family = int((seed + quint64(variant)) % 3);
    const int n = 3 + int(rng.next() % 3); // 3..5 points
    QList<P> pts;
    for (int i = 0; i < n; ++i) {
        const double x = 4 + 24.0 * i / (n - 1);
        pts << P{x, rng.grid(6, 26)};
    }
    switch (family) {
    case 0: { // a drawn curve through seeded points, with its baseline
        ic.line(Guide, {4, 28}, {28, 28});
        ic.line(Guide, {pts.first().x, pts.first().y}, {4, 28});
        ic.path(Primary, Path::through(pts));
        ic.grips(pts);
        return ToolType::Drawing;
    }
    case 1: { // a seeded polygon and its transformed result
        const int sides = 3 + int(rng.next() % 4);
        const double r = rng.grid(5, 7);
        const P c0{4 + r, 28 - r};
        const double turn = rng.uniform(0, 90);
        const QList<P> source = regular(c0, r, sides, turn);
        const double k = rng.uniform(1.4, 12.0 / r);
        const P c1{28 - r * k, 4 + r * k};
        const QList<P> result = regular(c1, r * k, sides, turn + rng.uniform(0, 45));
        ic.poly(Context, source, true);
        ic.poly(Primary, result, true);
        ic.line(Context, c0, c1);
        ic.grips({c0, c1});
        return ToolType::Modification;
    }
    default: { // a seeded closed curve, probed at two points
        QList<P> ring;
        const int m = 4 + int(rng.next() % 3);
        for (int i = 0; i < m; ++i)
            ring << polar({16, 16}, rng.uniform(8, 12), 360.0 * i / m + rng.uniform(-10, 10));
        ic.path(Context, Path::through(ring, true));
        ic.line(Context, ring[0], ring[m / 2]);
        ic.grips({ring[0], ring[m / 2]});
        return ToolType::Analysis;
    }
    }
}

QString titleFor(const QString &prompt)
{
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList out;
    for (auto it = words.globalMatch(prompt); it.hasNext() && out.size() < 3;) {
        QString w = it.next().captured(0).left(16);
        w[0] = w[0].toUpper();
        out << w;
    }
    return out.isEmpty() ? QStringLiteral("Icon") : out.join(QLatin1Char(' '));
}

QStringList promptTokens(const QString &prompt)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QStringList tokens =
        prompt.toLower().replace(QLatin1Char('-'), QLatin1Char(' ')).split(nonWord, Qt::SkipEmptyParts);
    for (QString &t : tokens) { // plural → singular, enough for tool names
        if (t.size() > 4 && t.endsWith(QLatin1String("es")) && !t.endsWith(QLatin1String("ses")))
            t.chop(1);
        if (t.size() > 3 && t.endsWith(QLatin1Char('s')) && !t.endsWith(QLatin1String("ss")))
            t.chop(1);
    }
    return tokens;
}

} // namespace

// --- BuiltinGenerator ----------------------------------------------------------------------------

const QList<BuiltinGenerator::Tool> &BuiltinGenerator::tools()
{
    static const QList<Tool> list = [] {
        QList<Tool> out;
        for (const Entry &e : catalogue())
            out << e.tool;
        return out;
    }();
    return list;
}

std::optional<BuiltinGenerator::Tool> BuiltinGenerator::matchTool(const QString &prompt)
{
    const QStringList tokens = promptTokens(prompt);
    const Tool *best = nullptr;
    std::tuple<int, qsizetype, qsizetype> bestScore{-1, 0, 0}; // (verb, words, -position)
    for (const Entry &e : catalogue()) {
        for (const QString &synonym : e.tool.synonyms) {
            const QStringList phrase = promptTokens(synonym);
            for (qsizetype i = 0; i + phrase.size() <= tokens.size(); ++i) {
                if (tokens.mid(i, phrase.size()) != phrase)
                    continue;
                const std::tuple<int, qsizetype, qsizetype> score{e.tool.type == ToolType::Drawing ? 0 : 1,
                                                                  phrase.size(), -i};
                if (score > bestScore) {
                    bestScore = score;
                    best = &e.tool;
                }
                break;
            }
        }
    }
    if (!best)
        return std::nullopt;
    return *best;
}

GenerationResult BuiltinGenerator::run(const GenerationRequest &request)
{
    const int count = std::clamp(request.variantCount, 1, 3);
    const Palette &colours = palette(request.colorMode);
    const QString normalised = request.prompt.simplified().toLower();
    const std::optional<Tool> tool = matchTool(normalised);
    const Entry *entry = nullptr;
    if (tool) {
        for (const Entry &e : catalogue()) {
            if (e.tool.id == tool->id)
                entry = &e;
        }
    }
    const quint64 seed = hashPrompt(normalised);
    const QString scope = request.seed.isEmpty() ? normalised : request.seed;

    QList<GeneratedVariant> variants;
    for (int v = 0; v < count; ++v) {
        Icon icon;
        GeneratedVariant out;
        ToolType type;
        if (entry) {
            const int styles = int(entry->tool.styles.size());
            // Beyond the tool's own styles (tools with two): the first style, mirrored.
            icon.xf.mirror = v >= styles;
            entry->draw(icon, v % styles);
            type = entry->tool.type;
            out.name = entry->tool.styles.at(v % styles);
            if (v >= styles)
                out.name = QStringLiteral("%1 (Mirrored)").arg(entry->tool.styles.at(v % styles));
        } else {
            type = composeUnknown(icon, seed, v);
            static const QString suffix[] = {QStringLiteral("Sketch"), QStringLiteral("Transform"),
                                             QStringLiteral("Inspect")};
            const int family = int((seed + quint64(v)) % 3);
            out.name = v == 0 ? titleFor(request.prompt)
                              : QStringLiteral("%1 (%2)").arg(titleFor(request.prompt), suffix[family]);
        }
        const SvgSanitizeResult clean =
            SvgSanitizer::sanitize(icon.svg(colours), scope + QLatin1Char(':') + QString::number(v));
        if (!clean.ok) {
            // Our own output must always pass: this is a bug, not a user error.
            qCCritical(lcGeneration).noquote() << "built-in icon rejected by the sanitiser:" << clean.error;
            return GenerationResult::failure(ApiError::internal());
        }
        out.svg = clean.svg;
        out.warnings = checkIconDesign(clean.svg, type).warnings;
        if (!out.warnings.isEmpty())
            qCWarning(lcGeneration).noquote()
                << "built-in icon" << out.name
                << "has design findings:" << out.warnings.join(QStringLiteral("; "));
        variants << out;
    }
    return GenerationResult::success(variants);
}

void BuiltinGenerator::generate(const GenerationRequest &request, Callback done)
{
    GenerationResult result = run(request);
    done(std::move(result));
}
