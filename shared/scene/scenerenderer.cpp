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

void appendPoint(QString &out, QPointF p, QChar separator = QLatin1Char(','))
{
    appendNumber(out, clampIn(p.x()));
    out += separator;
    appendNumber(out, clampIn(p.y()));
}

bool same(QPointF a, QPointF b)
{
    return std::abs(clampIn(a.x()) - clampIn(b.x())) < 1e-9 &&
           std::abs(clampIn(a.y()) - clampIn(b.y())) < 1e-9;
}

void writeStroke(QString &out, const FlatStroke &s)
{
    switch (s.kind) {
    case FlatStroke::Kind::Polyline: {
        // Drop repeated points (after rounding); a stroke needs two distinct points.
        QList<QPointF> pts;
        for (const QPointF &p : s.points) {
            if (pts.isEmpty() || !same(pts.last(), p))
                pts << p;
        }
        if (s.closed && pts.size() > 1 && same(pts.first(), pts.last()))
            pts.removeLast();
        if (pts.size() < 2)
            return;
        if (pts.size() == 2) {
            out += QLatin1String("<line x1=\"");
            appendNumber(out, clampIn(pts[0].x()));
            out += QLatin1String("\" y1=\"");
            appendNumber(out, clampIn(pts[0].y()));
            out += QLatin1String("\" x2=\"");
            appendNumber(out, clampIn(pts[1].x()));
            out += QLatin1String("\" y2=\"");
            appendNumber(out, clampIn(pts[1].y()));
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
        const double cx = clampIn(s.center.x()), cy = clampIn(s.center.y());
        double rx = round2(s.rx), ry = round2(s.ry);
        double rot = round2(s.rotation);
        if (std::abs(rx - ry) < 0.005)
            rot = 0;
        // Shrink (never grow) so the extents written stay inside the bounds.
        const double c = std::cos(rot * M_PI / 180), sn = std::sin(rot * M_PI / 180);
        const double hx = std::sqrt(rx * rx * c * c + ry * ry * sn * sn);
        const double hy = std::sqrt(rx * rx * sn * sn + ry * ry * c * c);
        const double k = std::min({1.0, std::min(cx - kMin, kMax - cx) / std::max(hx, 1e-9),
                                   std::min(cy - kMin, kMax - cy) / std::max(hy, 1e-9)});
        if (k < 1) {
            rx = std::floor(rx * k * 100) / 100;
            ry = std::floor(ry * k * 100) / 100;
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
        for (const PathCommand &c : s.path) {
            if (!d.isEmpty())
                d += QLatin1Char(' ');
            switch (c.op) {
            case PathCommand::Op::Move:
                d += QLatin1Char('M');
                appendPoint(d, c.to);
                break;
            case PathCommand::Op::Line:
                d += QLatin1Char('L');
                appendPoint(d, c.to);
                drawn = true;
                break;
            case PathCommand::Op::Cubic:
                d += QLatin1Char('C');
                appendPoint(d, c.c1);
                d += QLatin1Char(' ');
                appendPoint(d, c.c2);
                d += QLatin1Char(' ');
                appendPoint(d, c.to);
                drawn = true;
                break;
            case PathCommand::Op::Close:
                d += QLatin1Char('Z');
                break;
            }
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

void openGroup(QString &out, IconLayer layer, const QString &scope, const Palette &palette)
{
    const LayerStyle &style = IconDesign::layerStyle(layer);
    out += QLatin1String("<g id=\"");
    out += QLatin1String(style.id);
    out += QLatin1Char('_');
    out += scope;
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
    appendNumber(out, style.strokeWidth);
    out += QLatin1Char('"');
    if (style.dashArray) {
        out += QLatin1String(" stroke-dasharray=\"");
        out += QLatin1String(style.dashArray);
        out += QLatin1Char('"');
    }
    if (style.roundCapsAndJoins)
        out += QLatin1String(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    out += QLatin1Char('>');
}

} // namespace

namespace SceneRenderer {

RenderResult render(const Scene &scene, ColorMode mode, const QString &scopeSeed)
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
        for (const FlatStroke &s : drawing.strokes[l])
            writeStroke(body[l], s);
    }
    for (const QPointF &g : drawing.grips) {
        QString &out = body[int(IconLayer::Grips)];
        out += QLatin1String("<rect x=\"");
        appendNumber(out, clampIn(g.x()) - 1);
        out += QLatin1String("\" y=\"");
        appendNumber(out, clampIn(g.y()) - 1);
        out += QLatin1String("\" width=\"2\" height=\"2\"/>");
    }
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
        openGroup(svg, layer, scope, colours);
        svg += content;
        svg += QLatin1String("</g>");
    }
    svg += QLatin1String("</svg>");
    return result;
}

} // namespace SceneRenderer

} // namespace scene
