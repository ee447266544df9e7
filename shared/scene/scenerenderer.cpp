#include "scene/scenerenderer.h"

#include "scene/flatten.h"
#include "svg/svgsanitizer.h"

#include <cmath>

namespace scene {

namespace {

constexpr double kMin = IconDesign::boundsMin;
constexpr double kMax = IconDesign::boundsMax;

double round2(double v)
{
    const double r = std::round(v * 100.0) / 100.0;
    return r == 0 ? 0.0 : r;
}

double clampIn(double v)
{
    return std::clamp(round2(v), kMin, kMax);
}

void appendNumber(QString &out, double v)
{
    // Two decimals without trailing zeros: "16", "16.5", "16.25".
    const qint64 hundredths = std::llround(v * 100.0);
    if (hundredths < 0)
        out += QLatin1Char('-');
    const qint64 a = std::llabs(hundredths);
    out += QString::number(a / 100);
    const qint64 frac = a % 100;
    if (frac != 0) {
        out += QLatin1Char('.');
        if (frac % 10 == 0) {
            out += QLatin1Char(char('0' + frac / 10));
        } else {
            out += QLatin1Char(char('0' + frac / 10));
            out += QLatin1Char(char('0' + frac % 10));
        }
    }
}

// Where coordinates land. For the vector: the design's 1/100 grid inside [4, 28]. For a raster of n
// pixels (hinting): pixel centres when the layer's stroke is an odd number of pixels wide (a 1-px line
// centred on a pixel covers exactly that pixel), pixel edges when it is even.
struct Grid
{
    double pixelsPerUnit = 0; // 0: the vector as designed
    double offset = 0;        // 0.5: pixel centres; 0: pixel edges

    bool hinted() const { return pixelsPerUnit > 0; }
    double snap(double v) const
    {
        v = clampIn(v);
        if (!hinted())
            return v;
        return (std::round(v * pixelsPerUnit - offset) + offset) / pixelsPerUnit;
    }
    QPointF place(QPointF p) const { return {snap(p.x()), snap(p.y())}; }
    // A length in whole pixels, at least one.
    double pixels(double units) const
    {
        return std::max(1.0, std::round(units * pixelsPerUnit)) / pixelsPerUnit;
    }
    // A layer's stroke width: as designed, or whole pixels (at least one) when hinted.
    double strokeWidth(double units) const { return hinted() ? pixels(units) : units; }
    static Grid forLayer(const RenderOptions &options, double strokeWidth)
    {
        Grid g;
        if (options.pixelSize <= 0)
            return g;
        g.pixelsPerUnit = options.pixelSize / double(IconDesign::canvasSize);
        const long widthPx = std::lround(std::max(1.0, std::round(strokeWidth * g.pixelsPerUnit)));
        g.offset = widthPx % 2 ? 0.5 : 0.0;
        return g;
    }
};

void appendPoint(QString &out, QPointF p, QChar separator = QLatin1Char(','))
{
    appendNumber(out, p.x());
    out += separator;
    appendNumber(out, p.y());
}

bool same(QPointF a, QPointF b)
{
    return std::abs(round2(a.x()) - round2(b.x())) < 1e-9 && std::abs(round2(a.y()) - round2(b.y())) < 1e-9;
}

void writeStroke(QString &out, const FlatStroke &s, const Grid &grid)
{
    switch (s.kind) {
    case FlatStroke::Kind::Polyline: {
        // Drop repeated points (after rounding or snapping); a stroke needs two distinct points.
        QList<QPointF> pts;
        for (const QPointF &raw : s.points) {
            const QPointF p = grid.place(raw);
            if (pts.isEmpty() || !same(pts.last(), p))
                pts << p;
        }
        if (s.closed && pts.size() > 1 && same(pts.first(), pts.last()))
            pts.removeLast();
        if (pts.size() < 2)
            return;
        if (pts.size() == 2) {
            out += QLatin1String("<line x1=\"");
            appendNumber(out, pts[0].x());
            out += QLatin1String("\" y1=\"");
            appendNumber(out, pts[0].y());
            out += QLatin1String("\" x2=\"");
            appendNumber(out, pts[1].x());
            out += QLatin1String("\" y2=\"");
            appendNumber(out, pts[1].y());
            out += QLatin1String("\"/>");
            return;
        }
        out += (s.closed && pts.size() > 2) ? QLatin1String("<polygon points=\"")
                                            : QLatin1String("<polyline points=\"");
        for (qsizetype i = 0; i < pts.size(); ++i) {
            if (i)
                out += QLatin1Char(' ');
            appendPoint(out, pts.at(i));
        }
        out += QLatin1String("\"/>");
        return;
    }
    case FlatStroke::Kind::Ellipse: {
        const QPointF c = grid.place(s.center);
        const double cx = c.x(), cy = c.y();
        double rx = round2(s.rx), ry = round2(s.ry);
        double rot = round2(s.rotation);
        if (std::abs(rx - ry) < 0.005)
            rot = 0;
        if (grid.hinted()) {
            // Whole-pixel radii: around a snapped centre the outline meets the same pixel grid.
            rx = grid.pixels(s.rx);
            ry = grid.pixels(s.ry);
        } else {
            // Shrink (never grow) so the extents written stay inside the bounds.
            const double cs = std::cos(rot * M_PI / 180), sn = std::sin(rot * M_PI / 180);
            const double hx = std::sqrt(rx * rx * cs * cs + ry * ry * sn * sn);
            const double hy = std::sqrt(rx * rx * sn * sn + ry * ry * cs * cs);
            const double k = std::min({1.0, std::min(cx - kMin, kMax - cx) / std::max(hx, 1e-9),
                                       std::min(cy - kMin, kMax - cy) / std::max(hy, 1e-9)});
            if (k < 1) {
                rx = std::floor(rx * k * 100) / 100;
                ry = std::floor(ry * k * 100) / 100;
            }
        }
        if (rx < 0.01 || ry < 0.01)
            return;
        if (std::abs(rx - ry) < 0.005) {
            out += QLatin1String("<circle cx=\"");
            appendNumber(out, cx);
            out += QLatin1String("\" cy=\"");
            appendNumber(out, cy);
            out += QLatin1String("\" r=\"");
            appendNumber(out, std::min(rx, ry));
            out += QLatin1String("\"/>");
            return;
        }
        out += QLatin1String("<ellipse cx=\"");
        appendNumber(out, cx);
        out += QLatin1String("\" cy=\"");
        appendNumber(out, cy);
        out += QLatin1String("\" rx=\"");
        appendNumber(out, rx);
        out += QLatin1String("\" ry=\"");
        appendNumber(out, ry);
        out += QLatin1Char('"');
        if (rot != 0) {
            out += QLatin1String(" transform=\"rotate(");
            appendNumber(out, rot);
            out += QLatin1Char(' ');
            appendNumber(out, cx);
            out += QLatin1Char(' ');
            appendNumber(out, cy);
            out += QLatin1String(")\"");
        }
        out += QLatin1String("/>");
        return;
    }
    case FlatStroke::Kind::Path: {
        QString d;
        bool drawn = false;
        // Controls move with the end point they belong to, so snapping keeps the curve's tangents.
        QPointF shift; // of the last end point
        for (const PathCommand &c : s.path) {
            if (!d.isEmpty())
                d += QLatin1Char(' ');
            const QPointF to = grid.place(c.to);
            const QPointF toShift = to - QPointF(clampIn(c.to.x()), clampIn(c.to.y()));
            switch (c.op) {
            case PathCommand::Op::Move:
                d += QLatin1Char('M');
                appendPoint(d, to);
                break;
            case PathCommand::Op::Line:
                d += QLatin1Char('L');
                appendPoint(d, to);
                drawn = true;
                break;
            case PathCommand::Op::Cubic: {
                const auto control = [](QPointF p, QPointF by) {
                    return QPointF(clampIn(clampIn(p.x()) + by.x()), clampIn(clampIn(p.y()) + by.y()));
                };
                d += QLatin1Char('C');
                appendPoint(d, grid.hinted() ? control(c.c1, shift) : grid.place(c.c1));
                d += QLatin1Char(' ');
                appendPoint(d, grid.hinted() ? control(c.c2, toShift) : grid.place(c.c2));
                d += QLatin1Char(' ');
                appendPoint(d, to);
                drawn = true;
                break;
            }
            case PathCommand::Op::Close:
                d += QLatin1Char('Z');
                break;
            }
            if (c.op != PathCommand::Op::Close)
                shift = toShift;
        }
        if (!drawn)
            return;
        out += QLatin1String("<path d=\"");
        out += d;
        out += QLatin1String("\"/>");
        return;
    }
    }
}

// A grip's side in pixels when hinted: the design's 2 units, in whole pixels, at least one.
int gripPixels(const RenderOptions &options)
{
    const double perUnit = options.pixelSize / double(IconDesign::canvasSize);
    return int(std::max(1L, std::lround(IconDesign::gripSize * perUnit)));
}

// Under 3 px a grip has no room for a fill inside an outline: it becomes a solid dot of the outline's
// ink, which is the colour that contrasts with the toolbar.
bool solidGrips(const RenderOptions &options)
{
    return options.pixelSize > 0 && gripPixels(options) < 3;
}

void openGroup(QString &out, IconLayer layer, const QString &scope, const Palette &palette,
               const RenderOptions &options)
{
    const LayerStyle &style = IconDesign::layerStyle(layer);
    const Grid grid = Grid::forLayer(options, style.strokeWidth);
    out += QLatin1String("<g id=\"");
    out += QLatin1String(style.id);
    out += QLatin1Char('_');
    out += scope;
    if (layer == IconLayer::Grips && solidGrips(options)) {
        out += QLatin1String("\" fill=\"");
        out += QLatin1String(palette.gripStroke);
        out += QLatin1String("\" stroke=\"none\">");
        return;
    }
    out += QLatin1String("\" fill=\"");
    out += layer == IconLayer::Grips ? QLatin1String(palette.grip) : QLatin1String("none");
    out += QLatin1String("\" stroke=\"");
    switch (layer) {
    case IconLayer::Guide:
        out += QLatin1String(palette.guide);
        break;
    case IconLayer::Context:
        out += QLatin1String(palette.context);
        break;
    case IconLayer::Primary:
        out += QLatin1String(palette.primary);
        break;
    case IconLayer::Grips:
        out += QLatin1String(palette.gripStroke);
        break;
    }
    out += QLatin1String("\" stroke-width=\"");
    appendNumber(out, grid.strokeWidth(style.strokeWidth));
    out += QLatin1Char('"');
    if (style.dashArray) {
        out += QLatin1String(" stroke-dasharray=\"");
        if (grid.hinted()) {
            // The same pattern in whole pixels.
            const QStringList parts = QString::fromLatin1(style.dashArray).split(QLatin1Char(' '));
            for (qsizetype i = 0; i < parts.size(); ++i) {
                if (i)
                    out += QLatin1Char(' ');
                appendNumber(out, grid.pixels(parts.at(i).toDouble()));
            }
        } else {
            out += QLatin1String(style.dashArray);
        }
        out += QLatin1Char('"');
    }
    if (style.roundCapsAndJoins)
        out += QLatin1String(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    out += QLatin1Char('>');
}

void writeGrip(QString &out, QPointF at, const RenderOptions &options)
{
    if (options.pixelSize <= 0) {
        out += QLatin1String("<rect x=\"");
        appendNumber(out, clampIn(at.x()) - 1);
        out += QLatin1String("\" y=\"");
        appendNumber(out, clampIn(at.y()) - 1);
        out += QLatin1String("\" width=\"2\" height=\"2\"/>");
        return;
    }
    // A square of whole pixels around the pixel nearest the grip; an outlined one is inset by half its
    // one-pixel outline so the outline covers whole pixels too.
    const double perUnit = options.pixelSize / double(IconDesign::canvasSize);
    const int side = gripPixels(options);
    const double x0 = std::round(clampIn(at.x()) * perUnit - side / 2.0);
    const double y0 = std::round(clampIn(at.y()) * perUnit - side / 2.0);
    const double inset = solidGrips(options) ? 0 : 0.5;
    out += QLatin1String("<rect x=\"");
    appendNumber(out, (x0 + inset) / perUnit);
    out += QLatin1String("\" y=\"");
    appendNumber(out, (y0 + inset) / perUnit);
    out += QLatin1String("\" width=\"");
    appendNumber(out, (side - 2 * inset) / perUnit);
    out += QLatin1String("\" height=\"");
    appendNumber(out, (side - 2 * inset) / perUnit);
    out += QLatin1String("\"/>");
}

} // namespace

namespace SceneRenderer {

RenderResult render(const Scene &scene, ColorMode mode, const QString &scopeSeed,
                    const RenderOptions &options)
{
    RenderResult result;
    FlatDrawing drawing = flatten(scene.elements);
    const auto bounds = drawing.bounds();
    if (!bounds) {
        result.errors.append({QStringLiteral("elements"), QStringLiteral("nothing to draw")});
        return result;
    }
    // Scale into the design bounds only when the drawing reaches outside them.
    const QRectF design(kMin, kMin, kMax - kMin, kMax - kMin);
    if (bounds->left() < kMin || bounds->top() < kMin || bounds->right() > kMax || bounds->bottom() > kMax) {
        const double k = std::min({1.0, design.width() / std::max(bounds->width(), 1e-9),
                                   design.height() / std::max(bounds->height(), 1e-9)});
        QRectF scaled(0, 0, bounds->width() * k, bounds->height() * k);
        scaled.moveCenter(bounds->center());
        // Shift the scaled drawing the least distance that brings it inside.
        double dx = 0, dy = 0;
        if (scaled.left() < kMin)
            dx = kMin - scaled.left();
        else if (scaled.right() > kMax)
            dx = kMax - scaled.right();
        if (scaled.top() < kMin)
            dy = kMin - scaled.top();
        else if (scaled.bottom() > kMax)
            dy = kMax - scaled.bottom();
        drawing.transform(
            Affine::translation(-bounds->center().x(), -bounds->center().y())
                .then(Affine::scaling(k, k))
                .then(Affine::translation(bounds->center().x() + dx, bounds->center().y() + dy)));
    }

    QString body[4];
    for (int l = 0; l < 3; ++l) {
        const Grid grid = Grid::forLayer(options, IconDesign::layerStyle(IconLayer(l)).strokeWidth);
        for (const FlatStroke &s : drawing.strokes[l])
            writeStroke(body[l], s, grid);
    }
    for (const QPointF &g : drawing.grips)
        writeGrip(body[int(IconLayer::Grips)], g, options);
    for (IconLayer layer : IconDesign::requiredLayers(scene.toolType)) {
        if (body[int(layer)].isEmpty())
            result.errors.append({QStringLiteral("elements"),
                                  QStringLiteral("a %1 icon needs %2 on the %3 layer")
                                      .arg(IconDesign::toolTypeName(scene.toolType),
                                           layer == IconLayer::Grips ? QStringLiteral("at least one grip")
                                                                     : QStringLiteral("visible geometry"),
                                           IconDesign::layerName(layer))});
    }
    if (!result.errors.isEmpty())
        return result;

    const QString scope = SvgSanitizer::deriveScope(scopeSeed);
    const Palette &colours = palette(mode);
    QString &svg = result.svg;
    svg.reserve(256 + body[0].size() + body[1].size() + body[2].size() + body[3].size() + 600);
    svg += QLatin1String(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\" "
        "fill=\"none\">");
    for (IconLayer layer : IconDesign::layerOrder) {
        const QString &content = body[int(layer)];
        if (content.isEmpty())
            continue;
        openGroup(svg, layer, scope, colours, options);
        svg += content;
        svg += QLatin1String("</g>");
    }
    svg += QLatin1String("</svg>");
    return result;
}

} // namespace SceneRenderer

} // namespace scene
